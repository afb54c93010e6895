/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The virtual ITS (see vdev/vits.h): the GITS control page, the command
 * queue and its twelve commands, with the translation state in partita's
 * memory (IHI 0069, chapter 6 and 12.19).
 *
 * Every command is checked before it changes anything; a command in error
 * changes nothing, is counted by opcode and reason, logged with the
 * partition's rate limit, and the queue goes on. Mapping state changes under
 * the vITS lock and, where delivery reads it, the vGIC lock too (lock order:
 * vITS, then vGIC; see core/spinlock.h).
 */
#include <arch/cache.h>
#include <core/console.h>
#include <core/lib.h>
#include <core/panic.h>
#include <drivers/its.h>
#include <vdev/vits.h>
#include "vits_internal.h"

#define GITS_CTLR 0x0000
#define GITS_IIDR 0x0004
#define GITS_TYPER 0x0008
#define GITS_CBASER 0x0080
#define GITS_CWRITER 0x0088
#define GITS_CREADR 0x0090
#define GITS_BASER 0x0100
#define GITS_PIDR4 0xffd0
#define GITS_PIDR0 0xffe0
#define GITS_CIDR0 0xfff0
#define GITS_TRANSLATER 0x10040

#define CTLR_ENABLED BIT(0)
#define CTLR_QUIESCENT BIT(31)
#define PARTITA_IIDR 0x50000000u /* ProductID 'P', implementer 0, as the vGIC's */

#define CBASER_VALID BIT(63)
#define CBASER_RW \
	(CBASER_VALID | GENMASK(61, 59) | GENMASK(55, 53) | GENMASK(47, 12) | GENMASK(11, 10) | \
	 GENMASK(7, 0))
#define CRW_OFFSET GENMASK(19, 5)

#define BASER_VALID BIT(63)
#define BASER_TYPE_SHIFT 56
#define BASER_TYPE_DEVICE 1ULL
#define BASER_TYPE_COLLECTION 4ULL
#define BASER_ESZ_SHIFT 48
#define BASER_ENTRY_SIZE 8
#define BASER_PAGE_64K (2ULL << 8)
/* Writable: Valid, caches, the 64 KiB-page address, shareability, size. Indirect is RAZ/WI. */
#define BASER_RW \
	(BASER_VALID | GENMASK(61, 59) | GENMASK(55, 53) | GENMASK(47, 16) | GENMASK(11, 10) | \
	 GENMASK(7, 0))
#define BASER_DEVICE 0
#define BASER_COLLECTION 1

#define PROP_ENABLE BIT(0)
#define PROPBASER_ADDR GENMASK(47, 12)

static u8 baser_type(unsigned n)
{
	return n == BASER_DEVICE       ? BASER_TYPE_DEVICE
	       : n == BASER_COLLECTION ? BASER_TYPE_COLLECTION
				       : 0;
}

/** Bytes a GITS_BASER's table spans (64 KiB pages). */
static u64 baser_bytes(u64 b)
{
	return (bits_get(b, 7, 0) + 1) * SZ_64K;
}

/** Bytes the command queue spans. */
static u64 queue_bytes(u64 cbaser)
{
	return (bits_get(cbaser, 7, 0) + 1) * SZ_4K;
}

/** A pointer to guest RAM [ipa, ipa+size), or NULL if it is not all the partition's RAM. */
static volatile void *guest_ram(const struct vits *its, u64 ipa, u64 size)
{
	return cfg_ram(its->cfg, ipa, size);
}

/**
 * Make [ptr, ptr+size) of guest RAM readable through partita's cacheable
 * mapping when the guest said it accesses it uncached (an InnerCache field
 * of 0, Device, or 1, Normal non-cacheable): its writes went to memory, and
 * a line partita read earlier may still be in the cache.
 */
static void sync_uncached(const volatile void *ptr, u64 size, u64 inner_cache)
{
	if (inner_cache <= 1)
		arch_dcache_clean_inval((u64)(uintptr_t)ptr, size);
}

static bool cbaser_ok(const struct vits *its, u64 cbaser)
{
	return (cbaser & CBASER_VALID) &&
	       guest_ram(its, cbaser & GENMASK(47, 12), queue_bytes(cbaser)) != NULL;
}

static bool baser_ok(const struct vits *its, u64 b)
{
	return (b & BASER_VALID) && guest_ram(its, b & GENMASK(47, 16), baser_bytes(b)) != NULL;
}

/** Collections the guest may name: those held (HCC), or as many as its table holds. */
static u32 collection_limit(const struct vits *its)
{
	u64 b = its->baser[BASER_COLLECTION];
	u64 n = vits_nvcpus(its);

	if (baser_ok(its, b))
		n = MAX(n, baser_bytes(b) / BASER_ENTRY_SIZE);
	return (u32)MIN(n, (u64)VITS_COLLECTIONS);
}

int vits_collection_vcpu(const struct vits *its, u32 icid)
{
	if (icid >= VITS_COLLECTIONS || !its->coll[icid].valid)
		return -1;
	return its->coll[icid].vcpu;
}

u32 vits_event_pcpu(const struct vits *its, u32 icid)
{
	int v = vits_collection_vcpu(its, icid);

	return its->cfg->cpus[v < 0 ? 0 : v];
}

u16 vits_coll_target(const struct vits *its, u32 icid)
{
	int v = vits_collection_vcpu(its, icid);

	return v < 0 ? VITS_TARGET_NONE : (u16)v;
}

/* --- command decoding (IHI 0069, 6.3; c_op() and the like in vits_internal.h) --- */

static u32 c_devid(const u64 *c)
{
	return (u32)(c[0] >> 32);
}
static u32 c_intid(const u64 *c)
{
	return (u32)(c[1] >> 32);
}
static u32 c_size(const u64 *c)
{
	return (u32)(c[1] & 0x1f);
}
static u64 c_itt(const u64 *c)
{
	return c[2] & GENMASK(51, 8);
}
/** RDbase with PTA = 0: a processor number, = the vCPU index. */
static u64 c_rd(const u64 *c, unsigned dw)
{
	return bits_get(c[dw], 51, 16);
}

static void error(struct cmd_ctx *x, u32 reason)
{
	u32 op = c_op(x->c);

	x->its->stats.errors[op & 0xf][reason & 0xf]++;
	if (ratelimit_allow(x->its->log))
		pr_info("%s: vITS command 0x%02x in error: E_ITS 0x%06x, ignored",
			x->its->cfg->name, op, ITS_ERR_CODE(op, reason));
}

/** The device slot the guest's DeviceID names, or -1 if the partition does not own it. */
static int device_slot(const struct vits *its, u32 devid)
{
	size_t i;

	for (i = 0; i < cfg_device_count(its->cfg); i++)
		if (cfg_device(its->cfg, i).guest_id == devid)
			return (int)i;
	return -1;
}

/**
 * Check the DeviceID and EventID of a command that names a mapped event (or,
 * with @may_be_unmapped, one that maps it). Returns the event, or NULL after
 * counting the error.
 */
static struct vits_event *check_event(struct cmd_ctx *x, bool may_be_unmapped, int *slot)
{
	struct vits *its = x->its;
	u32 devid = c_devid(x->c), event = c_event(x->c);
	int s;

	if (its->device_bits < 32 && (devid >> its->device_bits)) {
		error(x, ITS_ERR_DEVICE_OOR);
		return NULL;
	}
	s = device_slot(x->its, devid);
	if (s < 0 || !its->dev[s].valid) {
		error(x, ITS_ERR_UNMAPPED_DEVICE);
		return NULL;
	}
	if (event >> its->dev[s].event_bits) {
		error(x, ITS_ERR_ID_OOR);
		return NULL;
	}
	if (!may_be_unmapped && !(its->events[s][event].irq.flags & VIRQ_OWNED)) {
		error(x, ITS_ERR_UNMAPPED_INTERRUPT);
		return NULL;
	}
	*slot = s;
	return &its->events[s][event];
}

static u32 flat(u32 slot, u32 event)
{
	return slot * CONFIG_ITS_EVENTS + event;
}

/* The table the first vCPU's GICR_PROPBASER names: the architecture wants all of them alike. */
const volatile u8 *vits_guest_props(struct vits *its, struct vgic_locked g, u32 vintid, u32 *n)
{
	u64 prop = vgic_propbaser(g);
	u32 idbits = (u32)bits_get(prop, 4, 0) + 1;
	const volatile u8 *b;

	if (idbits > VITS_INTID_BITS || vintid < VITS_LPI_BASE || vintid >> idbits) {
		*n = 0;
		return NULL;
	}
	*n = MIN(*n, (1u << idbits) - vintid);
	b = guest_ram(its, (prop & PROPBASER_ADDR) + vintid - VITS_LPI_BASE, *n);
	if (!b) {
		*n = 0;
		return NULL;
	}
	sync_uncached(b, *n, bits_get(prop, 9, 7));
	return b;
}

void vits_read_property(struct vits *its, struct vgic_locked g, struct virq *q)
{
	u32 n = 1;
	const volatile u8 *b = vits_guest_props(its, g, q->intid, &n);

	q->flags &= (u16)~VIRQ_ENABLED;
	q->priority = b ? *b & 0xfc : 0;
	if (b && (*b & PROP_ENABLE))
		q->flags |= VIRQ_ENABLED;
}

bool vits_guest_pending(struct vits *its, struct vgic_locked g, u32 v, const struct virq *q)
{
	u64 pend = vgic_pendbaser(g, v);
	const volatile u8 *b;

	if (pend & PENDBASER_PTZ)
		return false;
	b = guest_ram(its, (pend & PENDBASER_ADDR) + q->intid / 8, 1);
	if (!b)
		return false;
	sync_uncached(b, 1, bits_get(pend, 9, 7));
	return *b & (1u << (q->intid % 8));
}

void vits_discard_event(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits *its = x->its;
	struct vits_event *ev = &its->events[slot][event];
	struct vgic_locked g = vgic_lock(its->vgic);
	bool was = ev->mapped;

	ev->mapped = false;
	vgic_unlock(&g);
	if (was && its->vlpi->discard(its, slot, event, ev))
		its->stats.phys_errors++;
}

/** Unmap one event: the physical mapping goes, and so does its vLPI's pending state. */
static void unmap_event(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits_event *ev = &x->its->events[slot][event];
	struct vgic_locked g;

	vits_discard_event(x, slot, event);
	g = vgic_lock(x->its->vgic);
	x->notify |= vgic_lpi_detach(g, &ev->irq);
	*ev = (struct vits_event){ 0 };
	vgic_unlock(&g);
}

/* --- commands that touch many events: a sweep, bounded per trap ----------------- */

bool vits_spend(struct cmd_ctx *x)
{
	if (!x->budget)
		return false;
	x->budget--;
	return true;
}

/**
 * Visit events [sweep.pos, end) with @fn, spending a unit for each
 * VITS_SWEEP_EVENTS looked at; @fn spends one for each physical command and
 * returns false, before doing anything, when none is left. Returns true when
 * the sweep is done, false when the trap's budget ran out first.
 */
static bool sweep(struct cmd_ctx *x, u32 end, bool (*fn)(struct cmd_ctx *, u32, u32))
{
	struct vits_sweep *s = &x->its->sweep;

	if (!s->active) {
		s->active = true;
		memcpy(s->cmd, x->c, sizeof(s->cmd));
	}
	while (s->pos < end) {
		if (s->pos % VITS_SWEEP_EVENTS == 0 && !vits_spend(x))
			return false;
		if (!fn(x, s->pos / CONFIG_ITS_EVENTS, s->pos % CONFIG_ITS_EVENTS))
			return false;
		s->pos++;
	}
	return true;
}

static bool sweep_unmap(struct cmd_ctx *x, u32 slot, u32 event)
{
	if (!(x->its->events[slot][event].irq.flags & VIRQ_OWNED))
		return true;
	if (!vits_spend(x)) /* the physical DISCARD */
		return false;
	unmap_event(x, slot, event);
	return true;
}

static bool sweep_invall(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits *its = x->its;
	struct vits_event *ev = &its->events[slot][event];

	if ((ev->irq.flags & VIRQ_OWNED) && ev->icid == c_icid(x->c)) {
		struct vgic_locked g = vgic_lock(its->vgic);

		its->vlpi->props(its, g, &ev->irq);
		x->notify |= vgic_lpi_changed(g, &ev->irq, ev->irq.target);
		vgic_unlock(&g);
	}
	return true;
}

static bool sweep_move(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits_event *ev = &x->its->events[slot][event];

	if (!(ev->irq.flags & VIRQ_OWNED) || ev->icid != c_icid(x->c))
		return true;
	return x->its->vlpi->retarget(x, slot, event);
}

/* --- the commands -------------------------------------------------------------- */

/** MAPD: check, then (un)map the device; a device mapped before loses its events first. */
static bool cmd_mapd(struct cmd_ctx *x)
{
	struct vits *its = x->its;
	u32 devid = c_devid(x->c);
	u64 dt = its->baser[BASER_DEVICE];
	int s;

	if (!x->its->sweep.active) {
		s = device_slot(x->its, devid);
		if ((its->device_bits < 32 && (devid >> its->device_bits)) || s < 0 ||
		    !baser_ok(x->its, dt) || devid >= baser_bytes(dt) / BASER_ENTRY_SIZE) {
			error(x, ITS_ERR_DEVICE_OOR);
			return true;
		}
		if (c_valid(x->c) && c_size(x->c) + 1 > its->event_bits) {
			error(x, ITS_ERR_SIZE_OOR);
			return true;
		}
		its->sweep.pos = (u32)s * CONFIG_ITS_EVENTS;
	}
	s = device_slot(x->its, devid);
	if (!sweep(x, ((u32)s + 1) * CONFIG_ITS_EVENTS, sweep_unmap))
		return false;
	its->dev[s].valid = c_valid(x->c);
	its->dev[s].event_bits = its->dev[s].valid ? (u8)(c_size(x->c) + 1) : 0;
	its->dev[s].itt = its->dev[s].valid ? c_itt(x->c) : 0;
	return true;
}

/**
 * MAPC: check, then (un)map the collection; its events' vLPIs retarget, and
 * with V=1 their physical mappings follow to the new vCPU.
 */
static bool cmd_mapc(struct cmd_ctx *x)
{
	struct vits *its = x->its;
	u32 icid = c_icid(x->c);
	u64 rd = c_rd(x->c, 2);

	if (!its->sweep.active) {
		struct vgic_locked g;

		if (icid >= collection_limit(x->its)) {
			error(x, ITS_ERR_COLLECTION_OOR);
			return true;
		}
		if (c_valid(x->c) && rd >= vits_nvcpus(x->its)) {
			error(x, ITS_ERR_SIZE_OOR); /* E_ITS_MAPC_PROCNUM_OOR */
			return true;
		}
		g = vgic_lock(its->vgic);
		its->coll[icid].valid = c_valid(x->c);
		its->coll[icid].vcpu = c_valid(x->c) ? (u16)rd : 0;
		vgic_unlock(&g);
		/* Its events follow (V=1), or wait (V=0). */
		its->sweep.pos = 0;
	}
	return sweep(x, its->ndev * CONFIG_ITS_EVENTS, sweep_move);
}

/** MAPTI and MAPI. */
static bool cmd_mapti(struct cmd_ctx *x)
{
	struct vits *its = x->its;
	u32 vintid = c_op(x->c) == ITS_MAPI ? c_event(x->c) : c_intid(x->c);
	u32 icid = c_icid(x->c), event = c_event(x->c);
	struct vits_event *ev;
	struct vgic_locked g;
	bool was_mapped;
	int s;

	ev = check_event(x, true, &s);
	if (!ev)
		return true;
	if (vintid < VITS_LPI_BASE || vintid >> VITS_INTID_BITS) {
		error(x, ITS_ERR_PHYSICALID_OOR);
		return true;
	}
	if (icid >= collection_limit(its)) {
		error(x, ITS_ERR_COLLECTION_OOR);
		return true;
	}
	was_mapped = ev->irq.flags & VIRQ_OWNED;
	its->vlpi->map_begin(x, (u32)s, event);
	g = vgic_lock(its->vgic);
	x->notify |= vgic_lpi_detach(g, &ev->irq);
	*ev = (struct vits_event){ .icid = (u8)icid, .mapped = its->vlpi->mapped_from_mapti };
	ev->irq = (struct virq){ .flags = VIRQ_OWNED | VIRQ_GROUP1 | VIRQ_EDGE,
				 .intid = (u16)vintid,
				 .lpi = (u16)flat((u32)s, event),
				 .target = vits_coll_target(its, icid) };
	its->vlpi->props(its, g, &ev->irq);
	vgic_unlock(&g);
	its->vlpi->map(x, (u32)s, event, was_mapped);
	return true;
}

static bool cmd_movi(struct cmd_ctx *x)
{
	struct vits *its = x->its;
	u32 icid = c_icid(x->c);
	struct vits_event *ev;
	struct vgic_locked g;
	u16 old;
	int s;

	ev = check_event(x, false, &s);
	if (!ev)
		return true;
	if (icid >= collection_limit(its)) {
		error(x, ITS_ERR_COLLECTION_OOR);
		return true;
	}
	if (!its->coll[icid].valid) {
		error(x, ITS_ERR_UNMAPPED_COLLECTION);
		return true;
	}
	g = vgic_lock(its->vgic);
	old = ev->irq.target;
	ev->icid = (u8)icid;
	ev->irq.target = vits_coll_target(its, icid);
	x->notify |= vgic_lpi_changed(g, &ev->irq, old);
	vgic_unlock(&g);
	its->vlpi->follow(x, (u32)s, c_event(x->c));
	return true;
}

static bool cmd_discard(struct cmd_ctx *x)
{
	int s;

	if (check_event(x, false, &s))
		unmap_event(x, (u32)s, c_event(x->c));
	return true;
}

/** INT, CLEAR and INV: on one mapped event whose collection is mapped. */
static bool cmd_event(struct cmd_ctx *x)
{
	struct vits_event *ev;
	int s;

	ev = check_event(x, false, &s);
	if (!ev)
		return true;
	if (!x->its->coll[ev->icid].valid) {
		error(x, ITS_ERR_UNMAPPED_COLLECTION);
		return true;
	}
	x->its->vlpi->event_cmd(x, (u32)s, c_event(x->c));
	return true;
}

static bool cmd_invall(struct cmd_ctx *x)
{
	struct vits *its = x->its;
	u32 icid = c_icid(x->c);

	if (!its->sweep.active) {
		if (icid >= collection_limit(x->its)) {
			error(x, ITS_ERR_COLLECTION_OOR);
			return true;
		}
		if (!its->coll[icid].valid) {
			error(x, ITS_ERR_UNMAPPED_COLLECTION);
			return true;
		}
		its->sweep.pos = 0;
	}
	if (!sweep(x, its->ndev * CONFIG_ITS_EVENTS, sweep_invall))
		return false;
	return its->vlpi->invall(x, icid);
}

/**
 * MOVALL: pending LPIs of one redistributor go to another. A vLPI's pending
 * state lives in its event and goes wherever its collection points, so only
 * the first vCPU's list registers need looking at again (those it holds for
 * another target go back, vgic_flush()): no sweep.
 */
static bool cmd_movall(struct cmd_ctx *x)
{
	u64 rd1 = c_rd(x->c, 2), rd2 = c_rd(x->c, 3);
	struct vgic_locked g;

	if (rd1 >= vits_nvcpus(x->its) || rd2 >= vits_nvcpus(x->its)) {
		error(x, ITS_ERR_MOVALL_PROCNUM_OOR);
		return true;
	}
	g = vgic_lock(x->its->vgic);
	vgic_refill_later(g, (u32)rd1);
	vgic_unlock(&g);
	x->notify |= 1u << rd1 | 1u << rd2;
	return true;
}

/**
 * SYNC: every earlier command's effect is already visible (virtual state
 * changes at once, physical commands were waited for). RDbase beyond the
 * vCPUs is not an error the architecture names; nothing happens.
 */
static bool cmd_sync(struct cmd_ctx *x)
{
	u64 rd = c_rd(x->c, 2);

	if (rd < vits_nvcpus(x->its))
		x->its->vlpi->sync(x, (u32)rd);
	return true;
}

typedef bool (*cmd_fn)(struct cmd_ctx *x);

static const cmd_fn commands[16] = {
	[ITS_MOVI] = cmd_movi,	   [ITS_INT] = cmd_event,     [ITS_CLEAR] = cmd_event,
	[ITS_SYNC] = cmd_sync,	   [ITS_MAPD] = cmd_mapd,     [ITS_MAPC] = cmd_mapc,
	[ITS_MAPTI] = cmd_mapti,   [ITS_MAPI] = cmd_mapti,    [ITS_INV] = cmd_event,
	[ITS_INVALL] = cmd_invall, [ITS_MOVALL] = cmd_movall, [ITS_DISCARD] = cmd_discard,
};

/**
 * Commands that issue one physical ITS command (sweeps count theirs as they
 * go); with direct injection, INT, CLEAR, INV and SYNC do too.
 */
static bool issues_physical(const struct vits *its, u32 op)
{
	return op == ITS_MAPTI || op == ITS_MAPI || op == ITS_MOVI || op == ITS_DISCARD ||
	       (its->vlpi->physical_event_cmds &&
		(op == ITS_INT || op == ITS_CLEAR || op == ITS_INV || op == ITS_SYNC));
}

/**
 * Process the queue from CREADR towards CWRITER: at most ITS_CMD_BATCH work
 * units (see vits.h), under the vITS lock, in the trapping vCPU. A command
 * that runs out of budget mid-sweep stays at CREADR and goes on at the next
 * trap, so CREADR only ever passes whole commands.
 *
 * This is the protocol tests/model/vits_queue.pml proves (its vits_trap()
 * is this function; its per-trap count n is the work units here): change
 * one, change the other. tests/model/fingerprint.sh fails make test when
 * either changed without the pair being recorded again. With @sweep_only
 * (the ITS was disabled mid-sweep), only the command in progress goes on.
 */
static u32 process_locked(struct vits_locked l, bool sweep_only)
{
	struct vits *its = l.its;
	struct cmd_ctx x = { .its = its, .budget = ITS_CMD_BATCH };
	u64 qsize = queue_bytes(its->cbaser);
	const volatile u64 *slot;
	u64 cmd[4];
	cmd_fn fn;

	if (!(its->ctlr & CTLR_ENABLED) && !sweep_only)
		return 0;
	/* A CBASER rewrite may have shrunk the queue under CWRITER: nothing queued then. */
	if (its->cwriter >= qsize)
		return 0;
	while (its->creadr != its->cwriter && (its->sweep.active || !sweep_only) &&
	       vits_spend(&x)) {
		if (its->sweep.active) {
			memcpy(cmd, its->sweep.cmd, sizeof(cmd));
		} else {
			/* CBASER was checked at enable and cannot change while enabled. */
			slot = guest_ram(its, (its->cbaser & GENMASK(47, 12)) + its->creadr,
					 VITS_CMD_SIZE);
			if (!slot)
				break;
			sync_uncached(slot, VITS_CMD_SIZE, bits_get(its->cbaser, 61, 59));
			cmd[0] = slot[0];
			cmd[1] = slot[1];
			cmd[2] = slot[2];
			cmd[3] = slot[3];
		}
		x.c = cmd;
		fn = c_op(cmd) < ARRAY_SIZE(commands) ? commands[c_op(cmd)] : NULL;
		/* One that may issue a physical ITS command costs a unit more. */
		if (issues_physical(its, c_op(cmd)) && !vits_spend(&x))
			break;
		if (!fn) {
			its->stats.unknown_cmd++; /* skipped, as the architecture allows */
		} else if (!fn(&x)) {
			break; /* a sweep goes on at the next trap */
		}
		its->sweep = (struct vits_sweep){ 0 };
		its->creadr = (its->creadr + VITS_CMD_SIZE) % qsize;
		its->stats.commands++;
	}
	return x.notify;
}

static void kick_vcpus(struct vits *its, u32 mask)
{
	/* The MSI path calls this with none, most often. */
	if (mask)
		vgic_kick(its->vgic, mask);
}

/* --- the control page ------------------------------------------------------------ */

/** The context of one register access: set by vits_mmio() for the table's callbacks. */
struct vits_ctx {
	struct vits_locked l;
	u32 kick;
};

/** A 64-bit register @old with the 32- or 64-bit write @acc merged in. */
static u64 merge64(u64 old, const struct mmio_access *acc)
{
	if (acc->size == 8)
		return acc->value;
	if (acc->offset % 8)
		return (old & 0xffffffffULL) | (acc->value << 32);
	return (old & ~0xffffffffULL) | (u32)acc->value;
}

static u64 read64(u64 v, const struct mmio_access *acc)
{
	return v >> (8 * (acc->offset % 8));
}

static u64 ctlr_read(void *dev, const struct mmio_access *acc)
{
	struct vits_ctx *x = dev;
	struct vits *its = x->l.its;
	(void)acc;

	if (its->ctlr & CTLR_ENABLED)
		return CTLR_ENABLED;
	/*
	 * Disabled mid-sweep: finish it, a batch per read, so that the guest
	 * polling for Quiescent gets it in bounded steps.
	 */
	if (its->sweep.active)
		x->kick |= process_locked(x->l, true);
	return its->sweep.active ? 0 : CTLR_QUIESCENT;
}

static void ctlr_write(void *dev, const struct mmio_access *acc)
{
	struct vits_ctx *x = dev;
	struct vits *its = x->l.its;

	if (!(acc->value & CTLR_ENABLED)) {
		its->ctlr &= ~(u32)CTLR_ENABLED;
		return;
	}
	if (its->ctlr & CTLR_ENABLED)
		return;
	if (!cbaser_ok(x->l.its, its->cbaser) || !baser_ok(x->l.its, its->baser[BASER_DEVICE])) {
		its->stats.enable_refused++;
		return;
	}
	its->ctlr |= CTLR_ENABLED;
	x->kick |= process_locked(x->l, false);
}

static u64 iidr_read(void *dev, const struct mmio_access *acc)
{
	(void)dev;
	(void)acc;
	return PARTITA_IIDR;
}

static u64 typer_read(void *dev, const struct mmio_access *acc)
{
	struct vits_ctx *x = dev;
	const struct vits *its = x->l.its;
	u64 v = BIT(0) |			    /* Physical */
		(u64)(BASER_ENTRY_SIZE - 1) << 4 |  /* ITT_entry_size */
		(u64)(its->event_bits - 1) << 8 |   /* ID_bits */
		(u64)(its->device_bits - 1) << 13 | /* Devbits; PTA = 0 */
		(u64)vits_nvcpus(x->l.its) << 24 |  /* HCC */
		0; /* CIL = 0: 16-bit collection IDs (those beyond VITS_COLLECTIONS are refused) */

	return read64(v, acc);
}

static u64 cbaser_read(void *dev, const struct mmio_access *acc)
{
	return read64(((struct vits_ctx *)dev)->l.its->cbaser, acc);
}

static void cbaser_write(void *dev, const struct mmio_access *acc)
{
	struct vits_ctx *x = dev;
	struct vits *its = x->l.its;

	if (its->ctlr & CTLR_ENABLED) {
		its->stats.bad_register_write++; /* UNPREDICTABLE: ignored */
		return;
	}
	its->cbaser = merge64(its->cbaser, acc) & CBASER_RW;
	its->creadr = 0; /* as the architecture says a CBASER write does */
	its->sweep = (struct vits_sweep){ 0 };
}

static u64 cwriter_read(void *dev, const struct mmio_access *acc)
{
	return read64(((struct vits_ctx *)dev)->l.its->cwriter, acc);
}

static void cwriter_write(void *dev, const struct mmio_access *acc)
{
	struct vits_ctx *x = dev;
	struct vits *its = x->l.its;
	u64 v = merge64(its->cwriter, acc) & CRW_OFFSET;

	if (v >= queue_bytes(its->cbaser)) {
		its->stats.bad_register_write++; /* beyond the queue: ignored */
		return;
	}
	/*
	 * Taking back the command being swept (CWRITER = CREADR; UNPREDICTABLE
	 * in the architecture): the sweep stops where it is, every event it
	 * handled staying handled, so that a sweep never outlives its command.
	 */
	if (its->sweep.active && v == its->creadr)
		its->sweep = (struct vits_sweep){ 0 };
	its->cwriter = v;
	x->kick |= process_locked(x->l, false);
}

static u64 creadr_read(void *dev, const struct mmio_access *acc)
{
	struct vits_ctx *x = dev;

	/* A poller is the other way the guest gets its commands processed. */
	if (acc->offset % 8 == 0)
		x->kick |= process_locked(x->l, false);
	return read64(x->l.its->creadr, acc);
}

static u64 baser_read(void *dev, const struct mmio_access *acc)
{
	struct vits_ctx *x = dev;
	unsigned n = (unsigned)(acc->offset / 8);
	u64 v = x->l.its->baser[n];

	if (baser_type(n))
		v |= (u64)baser_type(n) << BASER_TYPE_SHIFT |
		     (u64)(BASER_ENTRY_SIZE - 1) << BASER_ESZ_SHIFT | BASER_PAGE_64K;
	return read64(v, acc);
}

static void baser_write(void *dev, const struct mmio_access *acc)
{
	struct vits_ctx *x = dev;
	struct vits *its = x->l.its;
	unsigned n = (unsigned)(acc->offset / 8);

	if (!baser_type(n))
		return; /* unimplemented table: RAZ/WI */
	if (its->ctlr & CTLR_ENABLED) {
		its->stats.bad_register_write++;
		return;
	}
	its->baser[n] = merge64(its->baser[n], acc) & BASER_RW;
}

/* ID registers: PIDR2.ArchRev = 3 (GICv3), the rest as an ARM CoreLink part would have them. */
static u64 id_read(void *dev, const struct mmio_access *acc)
{
	static const u8 pidr0_3[4] = { 0x94, 0xb4, 0x3b, 0x00 };
	static const u8 cidr[4] = { 0x0d, 0xf0, 0x05, 0xb1 };
	(void)dev;

	if (acc->offset < 0x10)
		return acc->offset ? 0 : 0x44; /* PIDR4..7 */
	if (acc->offset < 0x20)
		return pidr0_3[(acc->offset - 0x10) / 4];
	return cidr[(acc->offset - 0x20) / 4];
}

#define W32 MMIO_W32
#define W32_64 (MMIO_W32 | MMIO_W64)

const struct mmio_reg vits_regs[] = {
	{ GITS_CTLR, 4, W32, ctlr_read, ctlr_write, 0 },
	{ GITS_IIDR, 4, W32, iidr_read, NULL, 0 },
	{ GITS_TYPER, 8, W32_64, typer_read, NULL, 0 },
	{ GITS_CBASER, 8, W32_64, cbaser_read, cbaser_write, 0 },
	{ GITS_CWRITER, 8, W32_64, cwriter_read, cwriter_write, 0 },
	{ GITS_CREADR, 8, W32_64, creadr_read, NULL, 0 },
	{ GITS_BASER, 8, W32_64, baser_read, baser_write, 8 },
	{ GITS_PIDR4, 4, W32, id_read, NULL, 12 },
};
const size_t vits_reg_count = ARRAY_SIZE(vits_regs);

enum mmio_result vits_mmio(void *dev, u32 vcpu, struct mmio_access *acc)
{
	struct vits *its = dev;
	struct vits_ctx x = { 0 };
	enum mmio_result r;

	if (acc->offset >= SZ_64K) {
		/* The translation page: a CPU must not forge a device's MSI. */
		if (acc->write && acc->offset == GITS_TRANSLATER)
			its->stats.translater_writes++;
		else if (acc->write)
			its->stats.unknown++;
		if (!acc->write)
			acc->value = 0;
		return MMIO_HANDLED;
	}
	(void)vcpu;
	x.l = vits_lock(its);
	r = mmio_table_access(vits_regs, vits_reg_count, &x, acc, &its->stats.unknown);
	vits_unlock(&x.l);
	kick_vcpus(its, x.kick);
	return r;
}

/* --- life cycle -------------------------------------------------------------------- */

static void init_state(struct vits *its)
{
	const struct partition_config *cfg = its->cfg;
	struct vgic *vgic = its->vgic;
	struct ratelimit *log = its->log;
	const struct vlpi_ops *vlpi = its->vlpi;
	u32 slot_base = its->slot_base;
	bool direct = its->direct;
	struct spinlock lock = its->lock; /* free: the partition is stopped or not started */
	/*
	 * A partition's counters count since boot, across its restarts, as the
	 * vGIC's, PSCI's and the exits do: a physical ITS failure counted while
	 * the partition was being reset must stay visible.
	 */
	struct vits_stats stats = its->stats;

	memset(its, 0, sizeof(*its));
	its->lock = lock;
	its->cfg = cfg;
	its->vgic = vgic;
	its->log = log;
	its->vlpi = vlpi;
	its->stats = stats;
	its->present = cfg->its_ipa != 0;
	its->slot_base = slot_base;
	its->direct = direct;
	its->ndev = (u32)cfg_device_count(cfg);
	its->device_bits = cfg->its_device_bits;
	its->event_bits = cfg->its_event_bits;
}

/** The vGIC's hook (vgic_lpi_source.turn): an EnableLPIs change goes on. */
static void lpis_turn(void *ctx, u32 vcpu)
{
	vits_lpis_step(ctx, vcpu);
}

void vits_init(struct vits *its, const struct vits_setup *s)
{
	its->cfg = s->cfg;
	its->vgic = s->vgic;
	its->log = s->log;
	its->slot_base = s->slot_base;
	its->vlpi = &vlpi_lr_ops; /* until vits_set_direct() says otherwise */
	init_state(its);
	if (!its->present)
		return;
	vgic_lpis_attach(its->vgic, &(struct vgic_lpi_source){
					.first = &its->events[0][0].irq,
					.stride = sizeof(struct vits_event),
					.count = its->ndev * CONFIG_ITS_EVENTS,
					.turn = lpis_turn,
					.ctx = its,
				    });
	/* The checker keeps the frame off RAM and devices: failing here is a partita bug. */
	CHECK(!mmio_register(s->mmio, its->cfg->its_ipa, VITS_FRAME_SIZE, vits_mmio, its));
}

void vits_set_direct(struct vits *its, bool direct)
{
	its->direct = direct;
	its->vlpi = direct ? &vlpi_vpe_ops : &vlpi_lr_ops;
	if (direct)
		return;
	/* The MSI fast path of its pCPUs: the slice of the LPI pool that is its own. */
	for (u32 v = 0; v < vits_nvcpus(its); v++) {
		struct vgic_pcpu *pc = its->vgic->cpu[v].pc;

		pc->lpi_lo = its->slot_base * CONFIG_ITS_EVENTS;
		pc->lpi_hi = pc->lpi_lo + its->ndev * CONFIG_ITS_EVENTS;
		pc->lpi_target = v;
		pc->lpi_events = &its->events[0][0];
	}
}

const char *vits_delivery_name(const struct vits *its)
{
	return its->vlpi->name;
}

void vits_reset(struct vits *its)
{
	struct vits_locked l;
	struct vgic_locked g;
	u32 s, e;

	if (!its->present)
		return;
	l = vits_lock(its);
	for (s = 0; s < its->ndev; s++)
		for (e = 0; e < CONFIG_ITS_EVENTS; e++)
			if (its->events[s][e].mapped &&
			    its->vlpi->discard(its, s, e, &its->events[s][e]))
				its->stats.phys_errors++;
	its->vlpi->reset(l);
	vits_unlock(&l);
	/* The partition is stopped: nobody takes the vITS lock that init_state() copies. */
	g = vgic_lock(its->vgic);
	init_state(its);
	vgic_unlock(&g);
}

void vits_lpis_step(struct vits *its, u32 v)
{
	u32 total = its->ndev * CONFIG_ITS_EVENTS, budget = ITS_CMD_BATCH, kick = 0, *pos;
	struct vits_locked l;
	struct vgic_locked g;

	if (!its->present || !vgic_lpi_turn_pending(its->vgic, v))
		return;
	l = vits_lock(its);
	g = vgic_lock(its->vgic);
	/*
	 * Positions: 0, the backend's start (direct injection: the vPE's
	 * property table, the guest's or all disabled); 1..total, the events, a
	 * unit for each VITS_SWEEP_EVENTS looked at and one for each physical
	 * command; total + 1, the backend's end (a VINVALL so that the vPE sees
	 * it all).
	 */
	while (vgic_lpi_turn(g, v, &pos) && budget) {
		if (*pos == 0) {
			budget -= MIN(budget, its->vlpi->turn_begin(its, g, v));
		} else if (*pos <= total) {
			u32 f = *pos - 1;
			const struct virq *q =
			    &its->events[f / CONFIG_ITS_EVENTS][f % CONFIG_ITS_EVENTS].irq;

			if (f % VITS_SWEEP_EVENTS == 0)
				budget--;
			if ((q->flags & VIRQ_OWNED) && q->target == v &&
			    !its->vlpi->turn_event(its, g, v, f, &budget, &kick))
				break;
		} else {
			its->vlpi->turn_end(its, v);
			vgic_lpi_turn_done(g, v);
			kick |= 1u << v;
			break;
		}
		(*pos)++;
	}
	vgic_unlock(&g);
	vits_unlock(&l);
	kick_vcpus(its, kick);
}

u64 vits_device_lpis(const struct vits *its, u32 dev, u64 *fast)
{
	u64 slow = 0;

	*fast = 0;
	if (dev >= its->ndev)
		return 0;
	for (u32 e = 0; e < CONFIG_ITS_EVENTS; e++) {
		*fast += __atomic_load_n(&its->events[dev][e].fast_lpis, __ATOMIC_RELAXED);
		slow += __atomic_load_n(&its->events[dev][e].slow_lpis, __ATOMIC_RELAXED);
	}
	return slow + *fast;
}

u64 vits_error_count(const struct vits *its)
{
	u64 errors = 0;

	for (unsigned c = 0; c < 16; c++)
		for (unsigned r = 0; r < 16; r++)
			errors += its->stats.errors[c][r];
	return errors;
}

bool vits_ring(struct vits *its, u32 dev, u32 event)
{
	struct vits_locked l;
	bool sent = false;

	if (!its || !its->present || dev >= its->ndev || event >= CONFIG_ITS_EVENTS)
		return false;
	/*
	 * Under the vITS lock no command discards the event between the check
	 * and the INT: the physical ITS never sees an INT for an unmapped event
	 * (an ITS that stalls on errors would stall every partition's commands).
	 */
	l = vits_lock(its);
	if (its->dev[dev].valid && !(event >> its->dev[dev].event_bits) &&
	    its->events[dev][event].mapped) {
		sent = its_int(vits_phys_id(its, dev), event) == 0;
		if (!sent)
			its->stats.phys_errors++;
	}
	vits_unlock(&l);
	return sent;
}

bool vits_deliver(struct vits *its, u32 slot, u32 event, u32 here)
{
	struct vits_event *ev;
	struct vgic_locked g;
	u32 kick = 0;
	bool refill = true;

	if (slot >= its->ndev || event >= CONFIG_ITS_EVENTS)
		return true;
	g = vgic_lock(its->vgic);
	ev = &its->events[slot][event];
	/* Pending, and held while its collection is unmapped; unmapped: dropped. */
	if (ev->irq.flags & VIRQ_OWNED)
		ev->slow_lpis++;
	if ((ev->irq.flags & VIRQ_OWNED) && here < vits_nvcpus(its) &&
	    vgic_lpi_direct(g, here, &ev->irq))
		refill = false;
	else if (ev->irq.flags & VIRQ_OWNED)
		kick = vgic_lpi_set_pending(g, &ev->irq);
	vgic_unlock(&g);
	kick_vcpus(its, kick);
	return refill;
}
