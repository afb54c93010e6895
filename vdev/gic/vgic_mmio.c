/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The virtual GICv3's register frames: the distributor (GICD) and, per vCPU,
 * a redistributor (GICR) with its RD_base and SGI_base pages, laid out with
 * the GICv3 128 KiB stride whatever the hardware's (IHI 0069, 12.9 and
 * 12.10). Affinity routing is always on and there is one security state
 * (GICD_CTLR.ARE = DS = 1), as a guest of a hypervisor expects. Writes naming
 * an INTID the partition does not own have no effect and are counted, once
 * per access.
 */
#include <core/lib.h>
#include "vgic_internal.h"

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_TYPER2 0x000c
#define GICD_STATUSR 0x0010
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800
#define GICD_ICFGR 0x0c00
#define GICD_IGRPMODR 0x0d00
#define GICD_NSACR 0x0e00
#define GICD_SGIR 0x0f00
#define GICD_IROUTER_SPI 0x6100 /* IROUTER<32> */
#define GIC_PIDR2 0xffe8

#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_STATUSR 0x0010
#define GICR_WAKER 0x0014
#define GICR_PROPBASER 0x0070
#define GICR_PENDBASER 0x0078
#define GICR_SGI_FRAME 0x10000

#define CTLR_ARE BIT(4)
#define CTLR_DS BIT(6)
#define TYPER_NO1N BIT(25)
#define TYPER_LPIS BIT(17)
#define GICR_TYPER_PLPIS BIT(0)
#define GICR_CTLR_ENABLE_LPIS BIT(0)
#define GICR_CTLR_CES BIT(1)
#define GICR_CTLR_RWP BIT(3)
#define PARTITA_IIDR 0x50000000u /* ProductID 'P', implementer 0 */
#define PIDR2_GICV3 0x3b

/** The access being emulated: which vGIC, by which vCPU, to which vCPU's redistributor. */
struct vgic_ctx {
	struct vgic *g;
	u32 accessor; /**< the vCPU that traps (VGIC_NO_VCPU: none, in host tests) */
	u32 frame;    /**< the redistributor's vCPU; VGIC_NO_VCPU: the distributor */
	u32 kick;     /**< vCPUs holding, in list registers, state this access read */
};

/** Has the partition a vITS, so that its redistributors implement LPIs? */
static bool has_lpis(const struct vgic *g)
{
	return g->lpis.turn != NULL;
}

enum bitmap_op {
	BM_GROUP,
	BM_SET_ENABLE,
	BM_CLR_ENABLE,
	BM_SET_PEND,
	BM_CLR_PEND,
	BM_SET_ACT,
	BM_CLR_ACT
};

static struct virq *ctx_virq(struct vgic_ctx *x, u32 intid)
{
	/* The distributor does not handle SGIs and PPIs when affinity routing is on. */
	if (x->frame == VGIC_NO_VCPU && intid < VGIC_NR_PRIVATE)
		return NULL;
	if (x->frame != VGIC_NO_VCPU && intid >= VGIC_NR_PRIVATE)
		return NULL;
	return vgic_virq(x->g, x->frame, intid);
}

static bool owned(const struct virq *q)
{
	return q && (q->flags & VIRQ_OWNED);
}

static u32 bitmap_read(struct vgic_ctx *x, u32 first, enum bitmap_op op)
{
	u32 v = 0, i;

	for (i = 0; i < 32; i++) {
		struct virq *q = ctx_virq(x, first + i);
		u16 f;

		if (!owned(q))
			continue;
		f = q->flags;
		/*
		 * In another vCPU's list register the books may be stale (Linux's
		 * synchronize_irq() polls ISACTIVER): make that vCPU fold them.
		 */
		if ((f & VIRQ_IN_LR) && x->accessor != VGIC_NO_VCPU && q->target != x->accessor &&
		    q->target < 32)
			x->kick |= 1u << q->target;
		if (f & VIRQ_REPEND)
			f |= VIRQ_PENDING;
		if (f & VIRQ_UNPEND)
			f &= ~VIRQ_PENDING;
		switch (op) {
		case BM_GROUP:
			f &= VIRQ_GROUP1;
			break;
		case BM_SET_ENABLE:
		case BM_CLR_ENABLE:
			f &= VIRQ_ENABLED;
			break;
		case BM_SET_PEND:
		case BM_CLR_PEND:
			f &= VIRQ_PENDING;
			break;
		default:
			f &= VIRQ_ACTIVE;
			break;
		}
		if (f)
			v |= 1u << i;
	}
	return v;
}

static void bitmap_write(struct vgic_ctx *x, u32 first, enum bitmap_op op, u32 val)
{
	bool foreign = false;
	u32 i;

	for (i = 0; i < 32; i++) {
		u32 intid = first + i;
		bool bit = val & (1u << i);
		struct virq *q = ctx_virq(x, intid);

		if (!owned(q)) {
			/* IGROUPR writes zeros everywhere; only a set bit names an INTID. */
			foreign |= bit;
			continue;
		}
		if (op == BM_GROUP) {
			q->flags = bit ? q->flags | VIRQ_GROUP1 : q->flags & ~VIRQ_GROUP1;
			vgic_cand_mark(x->g, q); /* its group may be the enabled one */
			continue;
		}
		if (!bit)
			continue;
		switch (op) {
		case BM_SET_ENABLE:
			q->flags |= VIRQ_ENABLED;
			vgic_cand_mark(x->g, q);
			break;
		case BM_CLR_ENABLE:
			q->flags &= ~VIRQ_ENABLED;
			break;
		case BM_SET_PEND:
			vgic_virq_set_pending(x->g, q);
			break;
		case BM_CLR_PEND:
			/* A forwarded interrupt nobody will deactivate must not stay active. */
			if ((q->flags & VIRQ_HW) && (q->flags & VIRQ_PENDING) &&
			    !(q->flags & (VIRQ_ACTIVE | VIRQ_IN_LR)))
				vgic_hw_release(x->g, q, x->accessor);
			vgic_virq_clear_pending(q);
			break;
		case BM_SET_ACT:
			if (!(q->flags & VIRQ_IN_LR))
				q->flags |= VIRQ_ACTIVE;
			break;
		case BM_CLR_ACT:
			if ((q->flags & VIRQ_HW) && (q->flags & VIRQ_ACTIVE) &&
			    !(q->flags & VIRQ_IN_LR))
				vgic_hw_release(x->g, q, x->accessor);
			vgic_virq_clear_active(q);
			break;
		default:
			break;
		}
	}
	if (foreign)
		x->g->stats.foreign_intid++;
}

/* Distributor bitmaps: register n covers INTIDs 32n..32n+31. */
#define GICD_BITMAP(name, op) \
	static u64 name##_read(void *dev, const struct mmio_access *acc) \
	{ \
		return bitmap_read(dev, (u32)(acc->offset / 4) * 32, op); \
	} \
	static void name##_write(void *dev, const struct mmio_access *acc) \
	{ \
		bitmap_write(dev, (u32)(acc->offset / 4) * 32, op, (u32)acc->value); \
	}
GICD_BITMAP(igroupr, BM_GROUP)
GICD_BITMAP(isenabler, BM_SET_ENABLE)
GICD_BITMAP(icenabler, BM_CLR_ENABLE)
GICD_BITMAP(ispendr, BM_SET_PEND)
GICD_BITMAP(icpendr, BM_CLR_PEND)
GICD_BITMAP(isactiver, BM_SET_ACT)
GICD_BITMAP(icactiver, BM_CLR_ACT)

static u64 ipriorityr_read(void *dev, const struct mmio_access *acc)
{
	u64 v = 0;

	for (unsigned b = 0; b < acc->size; b++) {
		struct virq *q = ctx_virq(dev, (u32)acc->offset + b);

		if (owned(q))
			v |= (u64)q->priority << (8 * b);
	}
	return v;
}

static void ipriorityr_write(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;
	bool foreign = false;

	for (unsigned b = 0; b < acc->size; b++) {
		struct virq *q = ctx_virq(x, (u32)acc->offset + b);

		if (owned(q))
			q->priority = (u8)(acc->value >> (8 * b));
		else
			foreign |= (u8)(acc->value >> (8 * b)) != 0;
	}
	if (foreign)
		x->g->stats.foreign_intid++;
}

/* ICFGR: 16 INTIDs per register, bit 2k+1 = edge-triggered. */
static u64 icfgr_read(void *dev, const struct mmio_access *acc)
{
	u32 first = (u32)(acc->offset / 4) * 16, v = 0;

	for (u32 i = 0; i < 16; i++) {
		struct virq *q = ctx_virq(dev, first + i);

		if (owned(q) && (q->flags & VIRQ_EDGE))
			v |= 2u << (2 * i);
	}
	return v;
}

static void icfgr_write(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;
	u32 first = (u32)(acc->offset / 4) * 16;
	bool foreign = false;

	for (u32 i = 0; i < 16; i++) {
		struct virq *q = ctx_virq(x, first + i);
		bool edge = acc->value & (2u << (2 * i));

		if (!owned(q)) {
			foreign |= edge;
			continue;
		}
		/*
		 * The trigger of a forwarded interrupt is the device's, and a PCI
		 * INTx line is a level (its source waits for the completion): keep
		 * them.
		 */
		if (!(q->flags & (VIRQ_HW | VIRQ_RESAMPLE)))
			q->flags = edge ? q->flags | VIRQ_EDGE : q->flags & ~VIRQ_EDGE;
	}
	if (foreign)
		x->g->stats.foreign_intid++;
}

static u64 gicd_ctlr_read(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;

	(void)acc;
	return x->g->ctlr | CTLR_ARE | CTLR_DS;
}

static void gicd_ctlr_write(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;

	x->g->ctlr = (u32)acc->value & 3; /* EnableGrp0, EnableGrp1 */
	vgic_cand_mark_all(x->g);
}

static u64 gicd_typer_read(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;

	(void)acc;
	/*
	 * ITLinesNumber, no 1-of-N routing; with a vITS, LPIs and 16 INTID bits
	 * (vdev/vits.h), else 10 bits.
	 */
	if (has_lpis(x->g))
		return (x->g->nr_spis / 32) | ((VGIC_LPI_INTID_BITS - 1u) << 19) | TYPER_LPIS |
		       TYPER_NO1N;
	return (x->g->nr_spis / 32) | (9u << 19) | TYPER_NO1N;
}

static u64 iidr_read(void *dev, const struct mmio_access *acc)
{
	(void)dev;
	(void)acc;
	return PARTITA_IIDR;
}

static u64 pidr2_read(void *dev, const struct mmio_access *acc)
{
	(void)dev;
	(void)acc;
	return PIDR2_GICV3;
}

static u64 irouter_read(void *dev, const struct mmio_access *acc)
{
	struct virq *q = ctx_virq(dev, VGIC_NR_PRIVATE + (u32)(acc->offset / 8));

	return owned(q) ? q->route >> (8 * (acc->offset % 8)) : 0;
}

static void irouter_write(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;
	struct virq *q = ctx_virq(x, VGIC_NR_PRIVATE + (u32)(acc->offset / 8));
	u64 route;

	if (!owned(q)) {
		x->g->stats.foreign_intid++;
		return;
	}
	if (acc->size == 8)
		route = acc->value;
	else if (acc->offset % 8)
		route = (q->route & 0xffffffffULL) | (acc->value << 32);
	else
		route = (q->route & ~0xffffffffULL) | (u32)acc->value;
	vgic_route(x->g, q, route);
}

#define W32 MMIO_W32
#define W32_64 (MMIO_W32 | MMIO_W64)
#define W8_32 (MMIO_W8 | MMIO_W32)
/** Distributor registers (IHI 0069, 12.9); SGI/PPI words read as zero (ARE = 1). */
const struct mmio_reg vgicd_regs[] = {
	{ GICD_CTLR, 4, W32, gicd_ctlr_read, gicd_ctlr_write, 0 },
	{ GICD_TYPER, 4, W32, gicd_typer_read, NULL, 0 },
	{ GICD_IIDR, 4, W32, iidr_read, NULL, 0 },
	{ GICD_TYPER2, 4, W32, NULL, NULL, 0 },
	{ GICD_STATUSR, 4, W32, NULL, NULL, 0 },
	{ GICD_IGROUPR, 4, W32, igroupr_read, igroupr_write, 32 },
	{ GICD_ISENABLER, 4, W32, isenabler_read, isenabler_write, 32 },
	{ GICD_ICENABLER, 4, W32, icenabler_read, icenabler_write, 32 },
	{ GICD_ISPENDR, 4, W32, ispendr_read, ispendr_write, 32 },
	{ GICD_ICPENDR, 4, W32, icpendr_read, icpendr_write, 32 },
	{ GICD_ISACTIVER, 4, W32, isactiver_read, isactiver_write, 32 },
	{ GICD_ICACTIVER, 4, W32, icactiver_read, icactiver_write, 32 },
	{ GICD_IPRIORITYR, 4, W8_32, ipriorityr_read, ipriorityr_write, 255 },
	{ GICD_ITARGETSR, 4, W8_32, NULL, NULL, 255 },
	{ GICD_ICFGR, 4, W32, icfgr_read, icfgr_write, 64 },
	{ GICD_IGRPMODR, 4, W32, NULL, NULL, 32 },
	{ GICD_NSACR, 4, W32, NULL, NULL, 64 },
	{ GICD_SGIR, 4, W32, NULL, NULL, 0 },
	{ GICD_IROUTER_SPI, 8, W32_64, irouter_read, irouter_write, 988 },
	{ GIC_PIDR2, 4, W32, pidr2_read, NULL, 0 },
};
const size_t vgicd_reg_count = ARRAY_SIZE(vgicd_regs);

static u64 gicr_typer_read(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;
	u64 idx = x->frame, v;

	/* Affinity = the vCPU's MPIDR (Aff0 = index), Processor_Number = index, Last */
	v = (idx << 32) | (idx << 8) | (idx + 1 == x->g->nr_vcpus ? BIT(4) : 0);
	if (has_lpis(x->g))
		v |= GICR_TYPER_PLPIS;
	return v >> (8 * acc->offset);
}

static u64 gicr_ctlr_read(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;
	const struct vgic_cpu *c = &x->g->cpu[x->frame];

	(void)acc;
	if (!has_lpis(x->g))
		return 0;
	return c->ctlr | GICR_CTLR_CES | (c->lpi_turn ? GICR_CTLR_RWP : 0);
}

/**
 * EnableLPIs, with a vITS only (IHI 0069, 12.11.2). It can be cleared
 * (CES = 1) and set again. Setting it reads the guest's pending table (unless
 * PENDBASER.PTZ) and lets pending vLPIs in; clearing it drops this vCPU's
 * pending vLPIs. Either is the vITS's work over every event, done a bounded
 * amount per trap (vits_lpis_step(), from frame_access()) while RWP reads 1,
 * as the guest polls it; a write of EnableLPIs meanwhile is UNPREDICTABLE
 * and ignored.
 */
static void gicr_ctlr_write(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;
	struct vgic_cpu *c = &x->g->cpu[x->frame];
	u32 v = (u32)acc->value & GICR_CTLR_ENABLE_LPIS;

	if (!has_lpis(x->g) || c->lpi_turn || v == c->ctlr)
		return;
	c->ctlr = v;
	c->lpi_turn_pos = 0;
	__atomic_store_n(&c->lpi_turn, v ? VGIC_LPIS_TURN_ON : VGIC_LPIS_TURN_OFF,
			 __ATOMIC_RELEASE);
	c->dirty = true;
}

static u64 gicr_waker_read(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;
	u32 w = x->g->cpu[x->frame].waker;

	(void)acc;
	return w | ((w & BIT(1)) << 1); /* ChildrenAsleep follows ProcessorSleep at once */
}

static void gicr_waker_write(void *dev, const struct mmio_access *acc)
{
	struct vgic_ctx *x = dev;

	x->g->cpu[x->frame].waker = (u32)acc->value & BIT(1);
}

/** PROPBASER and PENDBASER are kept as written; the vITS reads the property table. */
static u64 *gicr_baser(struct vgic_ctx *x, bool pend)
{
	struct vgic_cpu *c = &x->g->cpu[x->frame];

	return pend ? &c->pendbaser : &c->propbaser;
}

static u64 baser_read(struct vgic_ctx *x, const struct mmio_access *acc, bool pend)
{
	return *gicr_baser(x, pend) >> (8 * acc->offset);
}

static void baser_write(struct vgic_ctx *x, const struct mmio_access *acc, bool pend)
{
	u64 *r = gicr_baser(x, pend);

	/* UNPREDICTABLE while LPIs are enabled: ignored. */
	if (x->g->cpu[x->frame].ctlr & GICR_CTLR_ENABLE_LPIS)
		return;
	if (acc->size == 8)
		*r = acc->value;
	else if (acc->offset)
		*r = (*r & 0xffffffffULL) | (acc->value << 32);
	else
		*r = (*r & ~0xffffffffULL) | (u32)acc->value;
}

static u64 propbaser_read(void *dev, const struct mmio_access *acc)
{
	return baser_read(dev, acc, false);
}
static void propbaser_write(void *dev, const struct mmio_access *acc)
{
	baser_write(dev, acc, false);
}
static u64 pendbaser_read(void *dev, const struct mmio_access *acc)
{
	return baser_read(dev, acc, true);
}
static void pendbaser_write(void *dev, const struct mmio_access *acc)
{
	baser_write(dev, acc, true);
}

/** Redistributor RD_base page (IHI 0069, 12.10). */
const struct mmio_reg vgicr_rd_regs[] = {
	{ GICR_CTLR, 4, W32, gicr_ctlr_read, gicr_ctlr_write, 0 },
	{ GICR_IIDR, 4, W32, iidr_read, NULL, 0 },
	{ GICR_TYPER, 8, W32_64, gicr_typer_read, NULL, 0 },
	{ GICR_STATUSR, 4, W32, NULL, NULL, 0 },
	{ GICR_WAKER, 4, W32, gicr_waker_read, gicr_waker_write, 0 },
	{ GICR_PROPBASER, 8, W32_64, propbaser_read, propbaser_write, 0 },
	{ GICR_PENDBASER, 8, W32_64, pendbaser_read, pendbaser_write, 0 },
	{ GIC_PIDR2, 4, W32, pidr2_read, NULL, 0 },
};
const size_t vgicr_rd_reg_count = ARRAY_SIZE(vgicr_rd_regs);

/* SGI_base bitmaps: one register, INTIDs 0..31. */
#define GICR_BITMAP(name, op) \
	static u64 name##_read(void *dev, const struct mmio_access *acc) \
	{ \
		(void)acc; \
		return bitmap_read(dev, 0, op); \
	} \
	static void name##_write(void *dev, const struct mmio_access *acc) \
	{ \
		bitmap_write(dev, 0, op, (u32)acc->value); \
	}
GICR_BITMAP(igroupr0, BM_GROUP)
GICR_BITMAP(isenabler0, BM_SET_ENABLE)
GICR_BITMAP(icenabler0, BM_CLR_ENABLE)
GICR_BITMAP(ispendr0, BM_SET_PEND)
GICR_BITMAP(icpendr0, BM_CLR_PEND)
GICR_BITMAP(isactiver0, BM_SET_ACT)
GICR_BITMAP(icactiver0, BM_CLR_ACT)

static u64 icfgr0_read(void *dev, const struct mmio_access *acc)
{
	(void)dev;
	(void)acc;
	return 0xaaaaaaaa; /* SGIs are edge-triggered, read-only */
}

/** Redistributor SGI_base page, offsets from SGI_base (IHI 0069, 12.10). */
const struct mmio_reg vgicr_sgi_regs[] = {
	{ GICD_IGROUPR, 4, W32, igroupr0_read, igroupr0_write, 0 },
	{ GICD_ISENABLER, 4, W32, isenabler0_read, isenabler0_write, 0 },
	{ GICD_ICENABLER, 4, W32, icenabler0_read, icenabler0_write, 0 },
	{ GICD_ISPENDR, 4, W32, ispendr0_read, ispendr0_write, 0 },
	{ GICD_ICPENDR, 4, W32, icpendr0_read, icpendr0_write, 0 },
	{ GICD_ISACTIVER, 4, W32, isactiver0_read, isactiver0_write, 0 },
	{ GICD_ICACTIVER, 4, W32, icactiver0_read, icactiver0_write, 0 },
	{ GICD_IPRIORITYR, 4, W8_32, ipriorityr_read, ipriorityr_write, 8 },
	{ GICD_ICFGR, 4, W32, icfgr0_read, NULL, 0 },
	{ GICD_ICFGR + 4, 4, W32, NULL, NULL, 0 }, /* PPIs: level, read-only */
	{ GICD_IGRPMODR, 4, W32, NULL, NULL, 0 },
	{ GICD_NSACR, 4, W32, NULL, NULL, 0 },
};
const size_t vgicr_sgi_reg_count = ARRAY_SIZE(vgicr_sgi_regs);

static enum mmio_result frame_access(struct vgic_ctx *x, const struct mmio_reg *t, size_t n,
				     struct mmio_access *acc)
{
	struct vgic *g = x->g;
	struct vgic_locked l = vgic_lock(g);
	enum mmio_result r;

	/* The accessor's own list registers hold the freshest state of its interrupts. */
	if (x->accessor < g->nr_vcpus)
		vgic_lr_sync_locked(g, x->accessor);
	r = mmio_table_access(t, n, x, acc, &g->stats.unknown);
	if (acc->write)
		for (size_t i = 0; i < g->nr_vcpus; i++)
			g->cpu[i].dirty = true;
	vgic_unlock(&l);
	/*
	 * An EnableLPIs change goes on, one bounded step per access to that
	 * redistributor: the write that starts it takes the first at once (with
	 * the configurations' sizes that is often all), and a guest that polls
	 * RWP the rest. One step, so that no trap does more than ITS_CMD_BATCH.
	 * The vITS does it (vgic_lpi_source.turn), with no vGIC lock held.
	 */
	if (x->frame != VGIC_NO_VCPU && has_lpis(g) && vgic_lpi_turn_pending(g, x->frame))
		g->lpis.turn(g->lpis.ctx, x->frame);
	/* After a write, other vCPUs may have something new to take or to drop. */
	if (acc->write && r == MMIO_HANDLED)
		x->kick |=
		    ((u32)BIT(g->nr_vcpus) - 1) & ~(x->accessor < 32 ? 1u << x->accessor : 0);
	vgic_kick(g, x->kick);
	return r;
}

enum mmio_result vgic_gicd_mmio(void *dev, u32 vcpu, struct mmio_access *acc)
{
	struct vgic_ctx x = { dev, vcpu, VGIC_NO_VCPU, 0 };

	return frame_access(&x, vgicd_regs, vgicd_reg_count, acc);
}

enum mmio_result vgic_gicr_mmio(void *dev, u32 vcpu, struct mmio_access *acc)
{
	struct vgic *g = dev;
	u64 idx = acc->offset / VGIC_GICR_STRIDE;
	struct vgic_ctx x = { g, vcpu, (u32)idx, 0 };

	/* The region is sized to the vCPUs (core/partition.c), so this cannot be; if it ever is: */
	if (idx >= g->nr_vcpus)
		return MMIO_ABORT;
	/* The target redistributor comes from the address, never from who accesses it. */
	acc->offset %= VGIC_GICR_STRIDE;
	if (acc->offset >= GICR_SGI_FRAME) {
		acc->offset -= GICR_SGI_FRAME;
		return frame_access(&x, vgicr_sgi_regs, vgicr_sgi_reg_count, acc);
	}
	return frame_access(&x, vgicr_rd_regs, vgicr_rd_reg_count, acc);
}
