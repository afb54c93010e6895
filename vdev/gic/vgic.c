/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Virtual GICv3: interrupt state and list-register management (see
 * vdev/vgic.h). The register frames are in vgic_mmio.c.
 *
 * Rule for changes made while an interrupt sits in a list register: the list
 * register is the truth for pending and active until the next fold
 * (lr_sync()), so software changes are recorded as markers (REPEND, UNPEND,
 * UNACT) and applied after the fold. Everything runs under the vGIC lock.
 */
#include <arch/cache.h>
#include <arch/gic_cpuif.h>
#include <arch/sysreg.h>
#include <core/lib.h>
#include <core/panic.h>
#include <drivers/gic.h>
#include <vdev/vgic.h>
#include "vgic_internal.h"

#define TARGET_NONE 0xffff

/* The vGIC's own functions take its lock through these (the rank is checked on the host). */
static void lock(struct vgic *g)
{
	(void)vgic_lock(g);
}

static void unlock(struct vgic *g)
{
	struct vgic_locked l = { g };

	vgic_unlock(&l);
}

static void lr_sync(struct vgic *g, u32 v);

struct virq *vgic_virq(struct vgic *g, u32 v, u32 intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return v < g->nr_vcpus ? &g->cpu[v].priv[intid] : NULL;
	if (intid - VGIC_NR_PRIVATE < g->nr_spis)
		return &g->spis[intid - VGIC_NR_PRIVATE];
	return NULL;
}

/** The vCPU an interrupt is delivered to, as a kick mask: its own for private ones, the route for
 * SPIs. */
static u32 virq_vcpu(u32 v, u32 intid, const struct virq *q)
{
	if (intid < VGIC_NR_PRIVATE)
		return v < 32 ? 1u << v : 0;
	return q->target < CONFIG_MAX_VCPUS ? 1u << q->target : 0;
}

void vgic_cand_mark(struct vgic *g, const struct virq *q)
{
	if (q->target == TARGET_NONE || q->target >= CONFIG_MAX_VCPUS)
		return;
	if (q->intid >= VGIC_LPI_BASE)
		g->cpu[q->target].lpi_cand[q->lpi / 64] |= 1ULL << (q->lpi % 64);
	else
		g->cpu[q->target].cand[q->intid / 64] |= 1ULL << (q->intid % 64);
}

/** The vLPI of vITS event @lpi (flat index). */
static struct virq *lpi_virq(struct vgic *g, u32 lpi)
{
	return (struct virq *)((char *)g->lpis.first + (size_t)lpi * g->lpis.stride);
}

/** The interrupt list register @n of @v holds; NULL for an LPI the vITS has let go. */
static struct virq *lr_virq(struct vgic *g, u32 v, unsigned n)
{
	struct vgic_cpu *c = &g->cpu[v];

	if (c->lr_intid[n] < VGIC_LPI_BASE)
		return vgic_virq(g, v, c->lr_intid[n]);
	return c->lr_lpi[n] == VGIC_LPI_DETACHED ? NULL : lpi_virq(g, c->lr_lpi[n]);
}

/**
 * A list register of @c that holds vINTID @intid for another event than
 * @lpi (one mapped to the same vINTID, or one the vITS let go that the
 * guest is not done with), or -1. No second list register may hold that
 * vINTID until then: two are UNPREDICTABLE.
 */
static int lpi_intid_lr(const struct vgic_cpu *c, u32 intid, u16 lpi)
{
	u32 todo;

	for (todo = c->lr_used; todo; todo &= todo - 1) {
		unsigned n = (unsigned)__builtin_ctz(todo);

		if (c->lr_intid[n] == intid && c->lr_lpi[n] != lpi)
			return (int)n;
	}
	return -1;
}

/**
 * LPI @q's vINTID is in a list register for another event (or an unmapped
 * one): it waits, and the guest's EOI of that one brings a maintenance
 * interrupt, then a refill. Out of line: rare, and kept off the refill's
 * common path.
 */
static __attribute__((noinline)) bool lpi_must_wait(const struct vgic_cpu *c, const struct virq *q)
{
	int n = lpi_intid_lr(c, q->intid, q->lpi);

	if (n < 0)
		return false;
	cpuif_write_lr((unsigned)n, cpuif_read_lr((unsigned)n) | ICH_LR_EOI);
	return true;
}

/**
 * After a refill that set some LPIs aside (lpi_must_wait()): every pending
 * LPI of @v's that is in no list register is a candidate again. Rare: a
 * scan of the partition's events.
 */
static __attribute__((noinline)) void lpi_cand_restore(struct vgic *g, u32 v)
{
	u32 i, n = g->lpis.count;

	for (i = 0; i < n; i++) {
		const struct virq *q = lpi_virq(g, i);

		if ((q->flags & (VIRQ_OWNED | VIRQ_PENDING | VIRQ_IN_LR)) ==
			(VIRQ_OWNED | VIRQ_PENDING) &&
		    q->target == v)
			vgic_cand_mark(g, q);
	}
}

/** The vCPU whose list registers hold LPI @q (VIRQ_IN_LR), or -1. */
static int lpi_holder(struct vgic *g, const struct virq *q)
{
	u32 i;

	for (i = 0; i < g->nr_vcpus; i++) {
		const struct vgic_cpu *c = &g->cpu[i];

		if (q->lr < VGIC_MAX_LRS && (c->lr_used & BIT(q->lr)) &&
		    c->lr_intid[q->lr] == q->intid && c->lr_lpi[q->lr] == q->lpi)
			return (int)i;
	}
	return -1;
}

/** Ask @q's holder to look at its list registers again; the vCPUs to kick. */
/**
 * The vCPUs whose pCPU's MSI fast path put LPI @q in a list register the
 * vGIC has not taken into its books yet (a racy look, made under the vGIC
 * lock: a spare kick does no harm). Kicked, they adopt it (lpi_adopt()) and
 * see the change at once, as a holder in the books would.
 */
static u32 lpi_fast_holders(struct vgic *g, const struct virq *q)
{
	u32 i, kick = 0;

	for (i = 0; i < g->nr_vcpus; i++) {
		const struct vgic_pcpu *pc = g->cpu[i].pc;

		if (__atomic_load_n(&pc->fast_lr, __ATOMIC_RELAXED) &&
		    __atomic_load_n(&pc->fast_lpi, __ATOMIC_RELAXED) == q->lpi)
			kick |= 1u << i;
	}
	return kick;
}

static u32 lpi_touch_holder(struct vgic *g, const struct virq *q)
{
	int h = (q->flags & VIRQ_IN_LR) ? lpi_holder(g, q) : -1;

	if (h < 0)
		return lpi_fast_holders(g, q);
	g->cpu[h].dirty = true;
	return 1u << h;
}

static u32 target_bit(const struct virq *q)
{
	return q->target < CONFIG_MAX_VCPUS ? 1u << q->target : 0;
}

u32 vgic_lpi_set_pending(struct vgic_locked l, struct virq *q)
{
	struct vgic *g = l.g;
	vgic_virq_set_pending(g, q);
	return target_bit(q) | lpi_touch_holder(g, q);
}

u32 vgic_lpi_clear_pending(struct vgic_locked l, struct virq *q)
{
	struct vgic *g = l.g;
	vgic_virq_clear_pending(q);
	return lpi_touch_holder(g, q);
}

u32 vgic_lpi_changed(struct vgic_locked l, struct virq *q, u16 old_target)
{
	struct vgic *g = l.g;
	u32 kick = lpi_touch_holder(g, q) | target_bit(q);

	if (old_target < CONFIG_MAX_VCPUS)
		kick |= 1u << old_target;
	if ((q->flags & VIRQ_PENDING) && !(q->flags & VIRQ_IN_LR))
		vgic_cand_mark(g, q);
	return kick;
}

u32 vgic_lpi_detach(struct vgic_locked l, struct virq *q)
{
	struct vgic *g = l.g;
	int h = (q->flags & VIRQ_IN_LR) ? lpi_holder(g, q) : -1;

	if (h < 0)
		return lpi_fast_holders(g, q); /* they detach it when they adopt it */
	/* The holder drops it at its next fold, or when the guest has ended it. */
	g->cpu[h].lr_lpi[q->lr] = VGIC_LPI_DETACHED;
	g->cpu[h].dirty = true;
	q->flags &= ~(VIRQ_IN_LR | VIRQ_REPEND | VIRQ_UNPEND | VIRQ_UNACT);
	return 1u << h;
}

bool vgic_lpis_on(struct vgic_locked l, u32 v)
{
	return v < l.g->nr_vcpus && l.g->cpu[v].ctlr != 0;
}

u64 vgic_propbaser(struct vgic_locked l)
{
	return l.g->cpu[0].propbaser;
}

u64 vgic_pendbaser(struct vgic_locked l, u32 v)
{
	return l.g->cpu[v].pendbaser;
}

u8 vgic_lpi_turn(struct vgic_locked l, u32 v, u32 **pos)
{
	*pos = &l.g->cpu[v].lpi_turn_pos;
	return l.g->cpu[v].lpi_turn;
}

bool vgic_lpi_turn_pending(const struct vgic *g, u32 v)
{
	return v < g->nr_vcpus && __atomic_load_n(&g->cpu[v].lpi_turn, __ATOMIC_ACQUIRE);
}

void vgic_lpi_turn_done(struct vgic_locked l, u32 v)
{
	__atomic_store_n(&l.g->cpu[v].lpi_turn, 0, __ATOMIC_RELEASE); /* RWP reads 0 */
	l.g->cpu[v].dirty = true;
}

void vgic_refill_later(struct vgic_locked l, u32 v)
{
	l.g->cpu[v].dirty = true;
}

void vgic_cand_mark_all(struct vgic *g)
{
	u32 i, j;

	for (i = 0; i < g->nr_vcpus; i++) {
		for (j = 0; j < VGIC_NR_PRIVATE; j++) {
			if (g->cpu[i].priv[j].flags & VIRQ_PENDING)
				vgic_cand_mark(g, &g->cpu[i].priv[j]);
		}
	}
	for (i = 0; i < g->nr_spis; i++) {
		if (g->spis[i].flags & VIRQ_PENDING)
			vgic_cand_mark(g, &g->spis[i]);
	}
}

void vgic_virq_set_pending(struct vgic *g, struct virq *q)
{
	if (q->flags & VIRQ_IN_LR) {
		q->flags |= VIRQ_REPEND;
		q->flags &= ~VIRQ_UNPEND;
		if (q->target < CONFIG_MAX_VCPUS)
			g->cpu[q->target].dirty = true;
	} else {
		q->flags |= VIRQ_PENDING;
		vgic_cand_mark(g, q);
	}
}

void vgic_virq_clear_pending(struct virq *q)
{
	if (q->flags & VIRQ_IN_LR) {
		q->flags |= VIRQ_UNPEND;
		q->flags &= ~VIRQ_REPEND;
	}
	q->flags &= ~VIRQ_PENDING;
}

void vgic_virq_clear_active(struct virq *q)
{
	if (q->flags & VIRQ_IN_LR)
		q->flags |= VIRQ_UNACT;
	q->flags &= ~VIRQ_ACTIVE;
}

static void private_reset(struct vgic_cpu *c, u32 vcpu)
{
	u32 i;

	for (i = 0; i < VGIC_NR_PRIVATE; i++) {
		struct virq *q = &c->priv[i];

		*q = (struct virq){ 0 };
		q->flags = VIRQ_OWNED | (i < 16 ? VIRQ_EDGE : 0);
		q->intid = (u16)i;
		q->target = (u16)vcpu;
	}
	c->cand[0] &= ~0xffffffffULL; /* nothing private is pending any more */
	/* The timers are the guest's own, forwarded with HW=1. */
	c->priv[VGIC_INTID_VTIMER].flags |= VIRQ_HW;
	c->priv[VGIC_INTID_VTIMER].hw_intid = VGIC_INTID_VTIMER;
	c->priv[VGIC_INTID_PTIMER].flags |= VIRQ_HW;
	c->priv[VGIC_INTID_PTIMER].hw_intid = VGIC_INTID_PTIMER;
	for (i = 0; i < VGIC_MAX_LRS; i++)
		c->lr_intid[i] = VGIC_INTID_NONE;
	c->lr_used = 0;
	c->dirty = false;
	c->waker = BIT(1); /* ProcessorSleep */
			   /*
			    * GICR_CTLR.EnableLPIs and the LPI tables stay: a vCPU turned off and
			    * on again (PSCI) keeps its redistributor, as a CPU does (its guest
			    * clears EnableLPIs itself if it wants to). A partition reset clears
			    * them.
			    */
}

/** Make @intid an SPI the partition owns. */
static void own_spi(struct vgic *g, u32 intid, bool hw)
{
	struct virq *q = &g->spis[intid - VGIC_NR_PRIVATE];

	*q = (struct virq){ 0 };
	q->flags = VIRQ_OWNED | (hw ? VIRQ_HW : 0);
	/* A forwarded SPI's trigger is the device's, as the distributor has it. */
	if (hw && gic_spi_is_edge(intid))
		q->flags |= VIRQ_EDGE;
	q->hw_intid = hw ? (u16)intid : 0;
	q->target = 0;
	q->intid = (u16)intid;
}

void vgic_init(struct vgic *g, const struct vgic_setup *s)
{
	const struct partition_config *cfg = s->cfg;
	const struct platform_config *plat = &system_config.platform;
	u32 max_intid = VGIC_NR_PRIVATE - 1;
	size_t i;

	g->cfg = cfg;
	g->nr_vcpus = (u32)cfg->cpu_count;
	CHECK(g->nr_vcpus <= CONFIG_MAX_VCPUS);
	g->kick = s->kick;
	g->kick_ctx = s->kick_ctx;
	g->nr_lrs = MIN(cpuif_nr_lrs(), VGIC_MAX_LRS);
	if (s->soft_spi)
		max_intid = s->soft_spi;
	if (s->resample_count)
		max_intid = MAX(max_intid, s->resample_spi + s->resample_count - 1);
	for (i = 0; i < cfg->spi_count; i++)
		max_intid = MAX(max_intid, cfg->spis[i]);
	g->nr_spis = (u32)(ALIGN_UP(max_intid + 1, 32) - VGIC_NR_PRIVATE);
	CHECK(g->nr_spis <= CONFIG_VGIC_SPIS);
	for (i = 0; i < g->nr_spis; i++) {
		g->spis[i].intid = (u16)(VGIC_NR_PRIVATE + i);
		g->spis[i].target = TARGET_NONE;
	}
	if (s->soft_spi)
		own_spi(g, s->soft_spi, false);
	for (i = 0; i < s->resample_count; i++) {
		own_spi(g, s->resample_spi + (u32)i, false);
		g->spis[s->resample_spi + i - VGIC_NR_PRIVATE].flags |= VIRQ_RESAMPLE;
	}
	g->resample_fn = s->resample;
	g->resample_ctx = s->resample_ctx;
	for (i = 0; i < cfg->spi_count; i++)
		own_spi(g, cfg->spis[i], true);
	for (i = 0; i < cfg->cpu_count; i++) {
		g->cpu[i].pc = s->pc[i];
		g->cpu[i].pmpidr = plat->cpu_mpidr[cfg->cpus[i]];
		private_reset(&g->cpu[i], (u32)i);
	}
	CHECK(!mmio_register(s->mmio, plat->gicd, VGIC_GICD_SIZE, vgic_gicd_mmio, g));
	CHECK(!mmio_register(s->mmio, plat->gicr, VGIC_GICR_STRIDE * cfg->cpu_count, vgic_gicr_mmio,
			     g));
}

void vgic_lpis_attach(struct vgic *g, const struct vgic_lpi_source *src)
{
	g->lpis = *src;
}

void vgic_kick(const struct vgic *g, u32 vcpus)
{
	vcpus &= (u32)BIT(g->nr_vcpus) - 1;
	if (vcpus && g->kick)
		g->kick(g->kick_ctx, vcpus);
}

void vgic_partition_reset(struct vgic *g)
{
	u32 i;

	lock(g);
	g->ctlr = 0;
	/* Completions of the last run: its sources reset their lines themselves. */
	for (i = 0; i < ARRAY_SIZE(g->resample); i++)
		g->resample[i] = 0;
	g->resample_any = false;
	for (i = 0; i < g->nr_vcpus; i++) {
		g->cpu[i].ctlr = 0;
		g->cpu[i].propbaser = 0;
		g->cpu[i].pendbaser = 0;
		/* An EnableLPIs change of the last run is over with it. */
		__atomic_store_n(&g->cpu[i].lpi_turn, 0, __ATOMIC_RELEASE);
		g->cpu[i].lpi_turn_pos = 0;
		/*
		 * Every vCPU is off and emptied its list registers on its own
		 * pCPU (vgic_vcpu_off()): its books must say so too.
		 */
		CHECK(!g->cpu[i].lr_used);
	}
	for (i = 0; i < g->nr_spis; i++) {
		struct virq *q = &g->spis[i];

		if (!(q->flags & VIRQ_OWNED))
			continue;
		if ((q->flags & VIRQ_HW) && (q->flags & (VIRQ_ACTIVE | VIRQ_PENDING)))
			vgic_hw_release(g, q, VGIC_NO_VCPU); /* an SPI: no pCPU of its own */
		/* The guest's trigger goes with the run; a forwarded one's is the device's. */
		q->flags &=
		    VIRQ_OWNED | VIRQ_HW | VIRQ_RESAMPLE | ((q->flags & VIRQ_HW) ? VIRQ_EDGE : 0);
		q->priority = 0;
		q->route = 0;
		q->target = 0;
		/* Where the restarted guest will expect it: vCPU 0. */
		if (q->flags & VIRQ_HW)
			gic_spi_route(q->hw_intid, g->cpu[0].pmpidr);
	}
	unlock(g);
}

/**
 * Empty @v's list registers, in the hardware (this must be @v's pCPU) and in
 * the books, and reset its private interrupts. LPI candidates stay: its
 * LPIs are still enabled (see private_reset()).
 */
static void lrs_clear(struct vgic *g, u32 v)
{
	struct vgic_pcpu *pc = g->cpu[v].pc;

	private_reset(&g->cpu[v], v);
	pc->vtimer_lr = 0;
	pc->lpi_free = 0;
	pc->fast_lr = 0;
	cpuif_reset();
	/* A timer interrupt the previous run left active must not stay so. */
	cpuif_deactivate(VGIC_INTID_VTIMER);
	cpuif_deactivate(VGIC_INTID_PTIMER);
}

void vgic_vcpu_off(struct vgic *g, u32 v)
{
	u32 i;

	lock(g);
	/* What the guest did with its list registers before it went off counts. */
	lr_sync(g, v);
	/*
	 * SPIs this vCPU held in its list registers go back to the distributor;
	 * forwarded ones are ended in the hardware (a device still asserting
	 * its line raises the interrupt again), or nobody would ever end them.
	 */
	for (i = 0; i < g->nr_spis; i++) {
		struct virq *q = &g->spis[i];

		if ((q->flags & VIRQ_IN_LR) && q->lr < g->nr_lrs &&
		    g->cpu[v].lr_intid[q->lr] == i + VGIC_NR_PRIVATE) {
			q->flags &= ~(VIRQ_IN_LR | VIRQ_REPEND | VIRQ_UNPEND | VIRQ_UNACT);
			if (q->flags & VIRQ_ACTIVE) {
				/* Taken and never ended: end it (a level device raises it anew). */
				if (q->flags & VIRQ_HW) {
					gic_spi_deactivate(q->hw_intid);
					q->flags &= ~VIRQ_PENDING;
				}
				q->flags &= ~VIRQ_ACTIVE;
			}
			if (q->flags & VIRQ_PENDING)
				vgic_cand_mark(g, q);
		}
	}
	/* LPIs it held likewise: pending ones wait for it (or their next target). */
	for (i = 0; i < g->nr_lrs; i++) {
		struct vgic_cpu *c = &g->cpu[v];
		struct virq *q;

		if (!(c->lr_used & BIT(i)) || c->lr_intid[i] < VGIC_LPI_BASE)
			continue;
		q = lr_virq(g, v, i);
		if (!q)
			continue;
		q->flags &= ~(VIRQ_IN_LR | VIRQ_REPEND | VIRQ_UNPEND | VIRQ_UNACT | VIRQ_ACTIVE);
		if (q->flags & VIRQ_PENDING)
			vgic_cand_mark(g, q);
	}
	/*
	 * Nothing of this run stays in the hardware or the books: an off vCPU
	 * holds no list register, so nobody (vgic_partition_reset(), another
	 * vCPU's reroute, its own CPU_ON) can meet a stale one.
	 */
	lrs_clear(g, v);
	unlock(g);
}

void vgic_vcpu_reset(struct vgic *g, u32 v)
{

	lock(g);
	/* vgic_vcpu_off() emptied its list registers; a first start finds them empty. */
	lrs_clear(g, v);
	unlock(g);
}

/** The list-register value for @q. */
static u64 lr_encode(const struct virq *q, u32 intid)
{
	u64 lr = intid | ((u64)q->priority << ICH_LR_PRIORITY_SHIFT);

	if (q->flags & VIRQ_GROUP1)
		lr |= ICH_LR_GROUP;
	if (q->flags & VIRQ_PENDING)
		lr |= ICH_LR_PENDING << ICH_LR_STATE_SHIFT;
	if (q->flags & VIRQ_ACTIVE)
		lr |= ICH_LR_ACTIVE << ICH_LR_STATE_SHIFT;
	if (q->flags & VIRQ_HW)
		lr |= ICH_LR_HW | ((u64)q->hw_intid << ICH_LR_PINTID_SHIFT);
	else if (!(q->flags & VIRQ_EDGE))
		lr |= ICH_LR_EOI; /* level: resample the line when the guest is done */
	return lr;
}

/** Take @q out of list register @n; @clear: the register still needs writing to empty. */
static void lr_free_reg(struct vgic *g, struct vgic_cpu *c, struct virq *q, unsigned n, bool clear)
{
	if (clear)
		cpuif_write_lr(n, 0);
	c->lr_intid[n] = VGIC_INTID_NONE;
	c->lr_used &= (u16)~BIT(n);
	q->flags &= ~(VIRQ_IN_LR | VIRQ_REPEND | VIRQ_UNPEND | VIRQ_UNACT);
	if (q->flags & VIRQ_PENDING)
		vgic_cand_mark(g, q);
}

static void lr_free(struct vgic *g, struct vgic_cpu *c, struct virq *q, unsigned n)
{
	lr_free_reg(g, c, q, n, true);
}

/**
 * A list register partita did not fill: the virtual timer's fast path
 * (vectors.S, guest_irq64) wrote it, on this pCPU, with no lock taken. Take
 * it into the books as the virtual timer in list register @n.
 */
static void lr_adopt(struct vgic *g, u32 v, unsigned n)
{
	struct vgic_cpu *c = &g->cpu[v];
	struct virq *q = &c->priv[VGIC_INTID_VTIMER];

	if ((cpuif_read_lr(n) & ICH_LR_VINTID_MASK) != VGIC_INTID_VTIMER ||
	    (q->flags & VIRQ_IN_LR)) {
		cpuif_write_lr(n, 0); /* cannot happen; never leave an unknown LR live */
		return;
	}
	q->flags |= VIRQ_IN_LR;
	q->lr = (u8)n;
	c->lr_intid[n] = VGIC_INTID_VTIMER;
	c->lr_used |= (u16)BIT(n);
}

/**
 * List register @n holds the LPI of event @m the MSI fast path
 * (vectors.S) put there, still live: into the books, as sgi_self_direct()
 * would have put it, if the event still has that vINTID; else detached, so
 * the guest finishes it and nothing more.
 */
static void lpi_adopt(struct vgic *g, u32 v, unsigned n, u32 m)
{
	struct vgic_cpu *c = &g->cpu[v];
	u32 vintid = (u32)(cpuif_read_lr(n) & ICH_LR_VINTID_MASK);
	struct virq *q = m < g->lpis.count ? lpi_virq(g, m) : NULL;

	c->lr_intid[n] = (u16)vintid;
	c->lr_used |= (u16)BIT(n);
	/*
	 * A list register in the books now holds an LPI, and the fast path
	 * looks at its own event only: another event with this vINTID must not
	 * go into a second list register before the next refill decides
	 * (lpi_fast_free()), as after sgi_self_direct().
	 */
	g->cpu[v].pc->lpi_free = 0;
	if (q && (q->flags & VIRQ_OWNED) && !(q->flags & VIRQ_IN_LR) && q->intid == vintid) {
		/*
		 * Made pending again meanwhile (another MSI, an INT) while the
		 * guest may already have taken this one: pending again after it.
		 */
		u16 repend = (q->flags & VIRQ_PENDING) ? VIRQ_REPEND : 0;

		q->flags = (q->flags & ~(VIRQ_ACTIVE | VIRQ_REPEND | VIRQ_UNPEND | VIRQ_UNACT)) |
			   VIRQ_PENDING | VIRQ_IN_LR | repend;
		q->lr = (u8)n;
		c->lr_lpi[n] = (u16)m;
		/*
		 * Its enable, priority or target may have changed meanwhile: the
		 * refill looks at it again (moved: back to the distributor and to
		 * its new vCPU; disabled: out of the list register).
		 */
		c->dirty = true;
	} else {
		c->lr_lpi[n] = VGIC_LPI_DETACHED;
	}
}

/**
 * A timer's interrupt is a level, its timer's output. Pending and not yet
 * taken by the guest (in the books, or pending in a list register) while the
 * line is low, because the guest turned the timer off or masked it: no
 * longer pending, out of its list register, and the physical PPI partita
 * took and left active is ended, so that the timer fires again. Active, the
 * guest has it. Only on @v's own pCPU, whose timers they are (lr_sync()).
 * A pending state the guest set itself with ISPENDR0 goes too: partita keeps
 * no separate latch for the timers (a guest has no use for one).
 */
static void timers_resample(struct vgic *g, struct vgic_cpu *c)
{
	static const u32 timers[] = { VGIC_INTID_VTIMER, VGIC_INTID_PTIMER };

	for (unsigned i = 0; i < ARRAY_SIZE(timers); i++) {
		struct virq *q = &c->priv[timers[i]];

		if ((q->flags & (VIRQ_PENDING | VIRQ_ACTIVE)) != VIRQ_PENDING ||
		    cpuif_timer_line(timers[i]))
			continue;
		q->flags &= ~VIRQ_PENDING;
		if ((q->flags & VIRQ_IN_LR) && q->lr < g->nr_lrs && c->lr_intid[q->lr] == timers[i])
			lr_free(g, c, q, q->lr);
		cpuif_deactivate(q->hw_intid);
	}
}

/**
 * Fold this CPU's list registers back into the interrupt state, and sample
 * its timers' lines: whatever the guest observes next (a register read, an
 * enable, the refill) sees both as they are. Always on @v's own pCPU.
 */
static void lr_sync(struct vgic *g, u32 v)
{
	struct vgic_cpu *c = &g->cpu[v];
	struct vgic_pcpu *pc = c->pc;
	u32 empty = cpuif_empty_lrs(), all = (u32)BIT(g->nr_lrs) - 1, todo, adopt;

	/* The MSI fast path's list register: the guest's already, or ours now. */
	if (pc->fast_lr) {
		unsigned n = pc->fast_lr - 1;

		pc->fast_lr = 0;
		if (n < g->nr_lrs && !(empty & BIT(n)) && !(c->lr_used & BIT(n)))
			lpi_adopt(g, v, n, pc->fast_lpi);
	}

	for (adopt = ~empty & all & ~(u32)c->lr_used; adopt; adopt &= adopt - 1)
		lr_adopt(g, v, (unsigned)__builtin_ctz(adopt));
	for (todo = c->lr_used; todo; todo &= todo - 1) {
		unsigned n = (unsigned)__builtin_ctz(todo);
		struct virq *q = lr_virq(g, v, n);
		/* An empty LR was completed by the guest: no need to read it. */
		u64 state = (empty & BIT(n)) ? 0 : cpuif_read_lr(n) >> ICH_LR_STATE_SHIFT;

		if (!q) {
			/* An LPI unmapped meanwhile: gone once the guest is done with it. */
			if (!(state & ICH_LR_ACTIVE)) {
				if (!(empty & BIT(n))) /* pending, or ended with EOI maintenance */
					cpuif_write_lr(n, 0);
				c->lr_intid[n] = VGIC_INTID_NONE;
				c->lr_used &= (u16)~BIT(n);
			}
			continue;
		}

		q->flags &= ~(VIRQ_PENDING | VIRQ_ACTIVE);
		if (state & ICH_LR_PENDING)
			q->flags |= VIRQ_PENDING;
		if (state & ICH_LR_ACTIVE)
			q->flags |= VIRQ_ACTIVE;
		if (q->flags & VIRQ_REPEND)
			q->flags |= VIRQ_PENDING;
		if (q->flags & VIRQ_UNPEND)
			q->flags &= ~VIRQ_PENDING;
		if (q->flags & VIRQ_UNACT)
			q->flags &= ~VIRQ_ACTIVE;
		q->flags &= ~(VIRQ_REPEND | VIRQ_UNPEND | VIRQ_UNACT);
		/*
		 * A forwarded interrupt the guest has not deactivated (its LR is
		 * still live) keeps the physical one active; if ICPENDR/ICACTIVER
		 * ended it instead, the guest never will: partita does.
		 */
		if ((q->flags & VIRQ_HW) && state && !(q->flags & (VIRQ_PENDING | VIRQ_ACTIVE)))
			vgic_hw_release(g, q, v);
		/*
		 * A software level interrupt the guest completed: pending again
		 * while the line is, or, where the source masked it meanwhile,
		 * low until the source has looked again (after the refill).
		 */
		if (!state && !(q->flags & (VIRQ_HW | VIRQ_EDGE)) && (q->flags & VIRQ_LEVEL)) {
			if (q->flags & VIRQ_RESAMPLE) {
				u32 spi = q->intid - VGIC_NR_PRIVATE;

				q->flags &= ~VIRQ_LEVEL;
				g->resample[spi / 64] |= BIT(spi % 64);
				g->resample_any = true;
			} else {
				q->flags |= VIRQ_PENDING;
			}
		}
		if (!(q->flags & (VIRQ_PENDING | VIRQ_ACTIVE)))
			lr_free_reg(g, c, q, n,
				    !(empty & BIT(n))); /* an empty one is empty already */
		else if (((q->flags & VIRQ_PENDING) ? ICH_LR_PENDING : 0) +
			     ((q->flags & VIRQ_ACTIVE) ? ICH_LR_ACTIVE : 0) !=
			 state)
			c->dirty = true; /* the list register no longer says what it should */
	}
	/* Most exits find neither timer pending outside the guest's view: one test. */
	if ((c->priv[VGIC_INTID_VTIMER].flags | c->priv[VGIC_INTID_PTIMER].flags) & VIRQ_PENDING)
		timers_resample(g, c);
}

void vgic_hw_release(struct vgic *g, const struct virq *q, u32 here)
{
	if (q->hw_intid >= VGIC_NR_PRIVATE) {
		gic_spi_deactivate(q->hw_intid);
		return;
	}
	/* A PPI: its vCPU's own, ended on that vCPU's pCPU (one vCPU per pCPU). */
	if (q->target == here)
		cpuif_deactivate(q->hw_intid);
	else if (q->target < g->nr_vcpus)
		gic_ppi_deactivate(g->cpu[q->target].pmpidr, q->hw_intid);
}

void vgic_lr_sync_locked(struct vgic *g, u32 v)
{
	lr_sync(g, v);
}

void vgic_route(struct vgic *g, struct virq *q, u64 route)
{
	int t;

	/* Affinity fields only (IRM is RAZ/WI: 1-of-N is not offered, GICD_TYPER.No1N = 1). */
	q->route = route & (GENMASK(39, 32) | GENMASK(23, 0));
	t = cfg_vcpu_of_mpidr(g->nr_vcpus,
			      (bits_get(q->route, 39, 32) << 32) | (q->route & GENMASK(23, 0)));
	q->target = t >= 0 ? (u16)t : TARGET_NONE;
	if ((q->flags & VIRQ_HW) && t >= 0)
		gic_spi_route(q->hw_intid, g->cpu[t].pmpidr);
	/* Pending already: the new target takes it (from the old one's LR, at its next refill). */
	if ((q->flags & VIRQ_PENDING) && !(q->flags & VIRQ_IN_LR))
		vgic_cand_mark(g, q);
}

static bool group_enabled(const struct vgic *g, const struct virq *q)
{
	return g->ctlr & ((q->flags & VIRQ_GROUP1) ? BIT(1) : BIT(0));
}

/** May a pending interrupt already in a list register stay there? */
static bool deliverable_in_lr(const struct vgic *g, const struct virq *q)
{
	return (q->flags & VIRQ_ENABLED) && (q->flags & VIRQ_PENDING) && group_enabled(g, q);
}

static bool deliverable(const struct vgic *g, const struct virq *q)
{
	return (q->flags & (VIRQ_OWNED | VIRQ_ENABLED | VIRQ_PENDING)) ==
		   (VIRQ_OWNED | VIRQ_ENABLED | VIRQ_PENDING) &&
	       !(q->flags & VIRQ_IN_LR) && group_enabled(g, q);
}

/**
 * The best interrupt waiting for @v outside the list registers, or NULL.
 * Looks only at @v's candidates, and drops those that turn out not to be
 * deliverable (they are marked again when that changes).
 */
static struct virq *best_candidate(struct vgic *g, u32 v)
{
	struct vgic_cpu *c = &g->cpu[v];
	struct virq *best = NULL;
	u32 w, words = (VGIC_NR_PRIVATE + g->nr_spis + 63) / 64;

	for (w = 0; w < words; w++) {
		u64 bits = c->cand[w];

		while (bits) {
			u32 b = (u32)__builtin_ctzll(bits), i = w * 64 + b;
			struct virq *q = vgic_virq(g, v, i);

			bits &= bits - 1;
			if (!q || q->target != v || !deliverable(g, q)) {
				c->cand[w] &= ~(1ULL << b);
				continue;
			}
			if (!best || q->priority < best->priority)
				best = q;
		}
	}
	/* vLPIs: only while the redistributor has LPIs enabled (GICR_CTLR.EnableLPIs). */
	words = (g->lpis.count + 63) / 64;
	for (w = 0; w < words && (c->ctlr & 1); w++) {
		u64 bits = c->lpi_cand[w];

		while (bits) {
			u32 b = (u32)__builtin_ctzll(bits);
			struct virq *q = lpi_virq(g, w * 64 + b);

			bits &= bits - 1;
			if (q->target != v || !deliverable(g, q)) {
				c->lpi_cand[w] &= ~(1ULL << b);
				continue;
			}
			if (!best || q->priority < best->priority)
				best = q;
		}
	}
	return best;
}

/**
 * What the virtual timer's fast path (vectors.S) may write into list
 * register 0 when the timer fires, or 0 if it must not: the timer must be
 * enabled in an enabled group, not already pending or in a list register, and
 * list register 0 not in the vGIC's books.
 */
static u64 vtimer_fast_lr(const struct vgic *g, const struct vgic_cpu *c)
{
	const struct virq *q = &c->priv[VGIC_INTID_VTIMER];

	if ((c->lr_used & 1) || (q->flags & (VIRQ_IN_LR | VIRQ_PENDING | VIRQ_ACTIVE)) ||
	    !(q->flags & VIRQ_ENABLED) || !group_enabled(g, q))
		return 0;
	return lr_encode(q, VGIC_INTID_VTIMER) | (ICH_LR_PENDING << ICH_LR_STATE_SHIFT);
}

/**
 * The list registers the MSI fast path may fill (percpu.vgic.lpi_free), as a
 * refill leaves them: all but list register 0 (the timer's), as
 * sgi_self_direct() would choose, while LPIs are on and group 1 enabled.
 * Only after a refill that left nothing waiting (no overflow): then no
 * candidate bit is left either, as best_candidate() clears the stale ones.
 */
static u64 lpi_fast_free(const struct vgic *g, const struct vgic_cpu *c)
{
	/*
	 * Only while every list register is empty: the fast path looks at its
	 * own event only, and an LPI in a list register could share its vINTID.
	 */
	if (c->lr_used || !(c->ctlr & 1) || !(g->ctlr & BIT(1)))
		return 0;
	return (BIT(g->nr_lrs) - 1) & ~1ULL;
}

/**
 * Refill, step 1: after a register write or a marker, rewrite what stays in
 * @v's list registers (enable, priority, group or pending state may have
 * changed); what may no longer stay goes back to the distributor. Returns
 * the vCPUs to kick (those an interrupt was rerouted to).
 */
static u32 lrs_rewrite(struct vgic *g, struct vgic_cpu *c, u32 v)
{
	u32 todo, kicks = 0;

	for (todo = c->dirty ? c->lr_used : 0; todo; todo &= todo - 1) {
		unsigned n = (unsigned)__builtin_ctz(todo);
		u32 intid = c->lr_intid[n];
		struct virq *q = lr_virq(g, v, n);

		if (!q)
			continue; /* a detached LPI, still active */
		if (!(q->flags & VIRQ_ACTIVE) &&
		    (!deliverable_in_lr(g, q) || (intid >= VGIC_NR_PRIVATE && q->target != v))) {
			/* Disabled, or rerouted, while pending: back to the distributor. */
			lr_free(g, c, q, n);
			if (q->target != v && q->target != TARGET_NONE)
				kicks |= BIT(q->target);
		} else if (!deliverable_in_lr(g, q)) {
			/* Active and disabled: the pending part waits until it is enabled again. */
			struct virq a = *q;

			a.flags &= ~VIRQ_PENDING;
			cpuif_write_lr(n, lr_encode(&a, intid));
		} else {
			cpuif_write_lr(n, lr_encode(q, intid));
		}
	}
	c->dirty = false;
	return kicks;
}

/**
 * The list register of @v that @q (priority @prio) may take: a free one,
 * from the top down (list register 0 is best left to the timer's fast
 * path), or else the one of the lowest-priority interrupt that is only
 * pending, displaced back to the distributor; g->nr_lrs when none.
 */
static unsigned lr_slot(struct vgic *g, struct vgic_cpu *c, u32 v, u8 prio)
{
	unsigned n, victim = g->nr_lrs;
	u8 worst = prio;

	for (n = g->nr_lrs; n-- > 0;) {
		if (c->lr_intid[n] == VGIC_INTID_NONE)
			return n;
	}
	for (n = 0; n < g->nr_lrs; n++) {
		struct virq *o = lr_virq(g, v, n);

		if (o && !(o->flags & VIRQ_ACTIVE) && o->priority > worst) {
			worst = o->priority;
			victim = n;
		}
	}
	if (victim < g->nr_lrs)
		lr_free(g, c, lr_virq(g, v, victim), victim);
	return victim;
}

/**
 * Refill, step 2: the best candidates into @v's list registers, until none
 * is left (false) or they are full of better ones (true: overflow). LPIs
 * whose vINTID another list register holds wait (*@waiting set).
 */
static bool lrs_fill(struct vgic *g, struct vgic_cpu *c, u32 v, bool *waiting)
{
	for (;;) {
		struct virq *q = best_candidate(g, v);
		unsigned slot;

		if (!q)
			return false;
		if (q->intid >= VGIC_LPI_BASE && c->lr_used && lpi_must_wait(c, q)) {
			/* Out of the candidates for this refill; it waits (see lpi_must_wait()). */
			c->lpi_cand[q->lpi / 64] &= ~(1ULL << (q->lpi % 64));
			*waiting = true;
			continue;
		}
		slot = lr_slot(g, c, v, q->priority);
		if (slot == g->nr_lrs)
			return true;
		q->flags |= VIRQ_IN_LR;
		q->lr = (u8)slot;
		c->lr_intid[slot] = q->intid; /* a private interrupt's is its own, as any other's */
		c->lr_lpi[slot] = q->lpi;
		c->lr_used |= (u16)BIT(slot);
		cpuif_write_lr(slot, lr_encode(q, q->intid));
	}
}

/** Move the lines to resample into @todo (vGIC lock held). */
static void resample_take(struct vgic *g, u64 todo[])
{
	for (size_t w = 0; w < ARRAY_SIZE(g->resample); w++) {
		todo[w] = g->resample_fn ? g->resample[w] : 0;
		g->resample[w] = 0;
	}
	g->resample_any = false;
}

void vgic_flush(struct vgic *g, u32 v)
{
	struct vgic_cpu *c = &g->cpu[v];
	bool overflow, waiting = false;
	u32 kicks;

	lock(g);
	lr_sync(g, v);
	kicks = lrs_rewrite(g, c, v);
	overflow = lrs_fill(g, c, v, &waiting);
	/* LPIs that wait for their vINTID's list register: candidates again. */
	if (waiting)
		lpi_cand_restore(g, v);
	/* More waiting than fits: ask for a maintenance interrupt when the LRs drain. */
	cpuif_write_hcr(ICH_HCR_EN | (overflow ? ICH_HCR_UIE : 0));
	/* What the IRQ vector's fast paths may do until the next refill. */
	c->pc->vtimer_lr = vtimer_fast_lr(g, c);
	c->pc->lpi_free = overflow ? 0 : lpi_fast_free(g, c);
	if (g->resample_any) {
		/* Rare: lines the guest completed, whose sources look again, no lock held. */
		u64 todo[ARRAY_SIZE(g->resample)] = { 0 };

		resample_take(g, todo);
		unlock(g);
		vgic_kick(g, kicks);
		for (size_t w = 0; w < ARRAY_SIZE(todo); w++)
			for (u64 bits = todo[w]; bits; bits &= bits - 1)
				g->resample_fn(g->resample_ctx, VGIC_NR_PRIVATE + (u32)(w * 64) +
								    (u32)__builtin_ctzll(bits));
		return;
	}
	unlock(g);
	vgic_kick(g, kicks);
}

/** Make @intid pending for @v (vGIC lock held); the vCPU to kick, as a mask. */
static u32 inject_locked(struct vgic *g, u32 v, u32 intid)
{
	struct virq *q = vgic_virq(g, v, intid);

	if (!q || !(q->flags & VIRQ_OWNED))
		return 0;
	vgic_virq_set_pending(g, q);
	return virq_vcpu(v, intid, q);
}

void vgic_inject(struct vgic *g, u32 v, u32 intid)
{
	u32 kick;

	lock(g);
	kick = inject_locked(g, v, intid);
	unlock(g);
	vgic_kick(g, kick);
}

void vgic_inject_hw(struct vgic *g, u32 v, u32 intid)
{
	vgic_inject(g, v, intid);
}

void vgic_set_level(struct vgic *g, u32 intid, bool level)
{
	u32 kick = 0;
	struct virq *q;

	lock(g);
	q = vgic_virq(g, VGIC_NO_VCPU, intid);
	if (q && (q->flags & VIRQ_OWNED) && !!(q->flags & VIRQ_LEVEL) != level) {
		if (level) {
			q->flags |= VIRQ_LEVEL;
			if (!(q->flags & VIRQ_IN_LR)) {
				q->flags |= VIRQ_PENDING;
				vgic_cand_mark(g, q);
			}
		} else {
			q->flags &= ~VIRQ_LEVEL;
			if (!(q->flags & VIRQ_IN_LR))
				q->flags &= ~VIRQ_PENDING;
		}
		kick = virq_vcpu(VGIC_NO_VCPU, intid, q);
	}
	unlock(g);
	vgic_kick(g, kick);
}

/**
 * An SGI @v sends itself, straight into a list register, when that is all a
 * refill would do: the SGI is deliverable, nothing else waits for @v, no
 * register write is pending a rewrite, and a list register other than 0 is
 * free or is the SGI's own one, completed by the guest. False: the refill's
 * job (vgic_flush()).
 */
static bool sgi_self_direct(struct vgic *g, struct vgic_cpu *c, struct vgic_pcpu *pc,
			    struct virq *q)
{
	u32 empty = cpuif_empty_lrs(), free, w;
	unsigned n;

	/* Not while the MSI fast path has a list register out of the books. */
	if (c->dirty || pc->fast_lr || !(q->flags & VIRQ_ENABLED) || !group_enabled(g, q))
		return false;
	for (w = 0; w < VGIC_CAND_WORDS; w++) {
		if (c->cand[w])
			return false;
	}
	for (w = 0; w < VGIC_LPI_CAND_WORDS; w++) {
		if (c->lpi_cand[w])
			return false;
	}
	if (q->flags & VIRQ_IN_LR) {
		if (!(empty & BIT(q->lr)))
			return false; /* still live in its list register */
		n = q->lr;
	} else {
		free = empty & ~(u32)c->lr_used & ((u32)BIT(g->nr_lrs) - 1) & ~1u;
		if (!free)
			return false;
		n = 31 - (unsigned)__builtin_clz(free);
		q->flags |= VIRQ_IN_LR;
		q->lr = (u8)n;
		c->lr_intid[n] = q->intid;
		c->lr_lpi[n] = q->lpi;
		c->lr_used |= (u16)BIT(n);
	}
	q->flags =
	    (q->flags & ~(VIRQ_ACTIVE | VIRQ_REPEND | VIRQ_UNPEND | VIRQ_UNACT)) | VIRQ_PENDING;
	cpuif_write_lr(n, lr_encode(q, q->intid));
	pc->lpi_free = 0; /* a list register taken: the fast path waits for a refill */
	return true;
}

bool vgic_lpi_direct(struct vgic_locked l, u32 v, struct virq *q)
{
	struct vgic *g = l.g;
	struct vgic_cpu *c = &g->cpu[v];

	/*
	 * Not while the MSI fast path's list register is not in the books yet
	 * (it may hold this very event), nor while another event's LPI has
	 * this vINTID in a list register: the refill sorts those out.
	 */
	if (q->target != v || !(c->ctlr & 1) || c->pc->fast_lr ||
	    lpi_intid_lr(c, q->intid, q->lpi) >= 0)
		return false;
	/* In a list register: only its own one of this vCPU's, completed, will do. */
	if ((q->flags & VIRQ_IN_LR) &&
	    (q->lr >= VGIC_MAX_LRS || !(c->lr_used & BIT(q->lr)) ||
	     c->lr_intid[q->lr] != q->intid || c->lr_lpi[q->lr] != q->lpi))
		return false;
	return sgi_self_direct(g, c, c->pc, q);
}

bool vgic_sgi1r(struct vgic *g, u32 v, u64 value)
{
	u32 intid = (u32)bits_get(value, 27, 24), n = g->nr_vcpus, kicks = 0;
	u64 targets = value & 0xffff, base = bits_get(value, 47, 44) * 16;
	bool refill = true;

	if (value & BIT(40)) {
		/* IRM: every vCPU of the partition but the sender. */
		targets = (BIT(n) - 1) & ~BIT(v);
		base = 0;
	} else if (value & (GENMASK(55, 48) | GENMASK(39, 32) | GENMASK(23, 16))) {
		/* vCPU i has MPIDR Aff0 = i and Aff1..Aff3 = 0 (cfg_vcpu_mpidr()): nobody here. */
		for (; targets; targets &= targets - 1) /* no popcount: it is a SIMD instruction */
			g->stats.sgi_dropped++;
		return true;
	}
	lock(g);
	for (; targets; targets &= targets - 1) {
		u64 t = base + (u64)__builtin_ctzll(targets);

		if (t >= n) {
			g->stats.sgi_dropped++;
		} else if (t == v &&
			   sgi_self_direct(g, &g->cpu[t], g->cpu[t].pc, &g->cpu[t].priv[intid])) {
			refill = false;
		} else {
			kicks |= inject_locked(g, (u32)t, intid);
		}
	}
	unlock(g);
	vgic_kick(g, kicks);
	return refill;
}
