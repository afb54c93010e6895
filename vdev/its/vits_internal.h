/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Shared within the vITS (vdev/its/): the locked handle, the context of a
 * command, the helpers both the command handlers (vits.c) and the delivery
 * backends use, and the delivery interface with its two backends: list
 * registers (vlpi_lr.c) and GICv4 vPEs (vlpi_vpe.c).
 */
#ifndef VDEV_ITS_VITS_INTERNAL_H
#define VDEV_ITS_VITS_INTERNAL_H

#include <core/lib.h>
#include <vdev/vits.h>

/**
 * The vITS with its lock held: only vits_lock() makes one, so a function
 * that takes it cannot be called without the lock (Hafnium's vm_locked).
 * Lock order (core/spinlock.h): the vITS's, then the vGIC's.
 */
struct vits_locked {
	struct vits *its;
};

static inline struct vits_locked vits_lock(struct vits *its)
{
	lock_rank_take(LOCK_RANK_VITS);
	spin_lock(&its->lock);
	return (struct vits_locked){ its };
}

static inline void vits_unlock(struct vits_locked *l)
{
	spin_unlock(&l->its->lock);
	lock_rank_drop(LOCK_RANK_VITS);
	l->its = NULL;
}

/** A command being processed (only process_locked() makes one: the vITS lock is held). */
struct cmd_ctx {
	struct vits *its;
	const u64 *c;
	u32 budget; /**< work units left in this trap */
	u32 notify; /**< vCPUs whose deliverable LPIs changed (bit per vCPU) */
};

/* Command fields (IHI 0069, 6.3). */
static inline u32 c_op(const u64 *c)
{
	return (u32)(c[0] & 0xff);
}
static inline u32 c_event(const u64 *c)
{
	return (u32)c[1];
}
static inline bool c_valid(const u64 *c)
{
	return c[2] >> 63;
}
static inline u32 c_icid(const u64 *c)
{
	return (u32)(c[2] & 0xffff);
}

/** Take one unit of the trap's budget; false when none is left. */
bool vits_spend(struct cmd_ctx *x);
static inline u32 vits_nvcpus(const struct vits *its)
{
	return (u32)its->cfg->cpu_count;
}
/** The pCPU, and so the vPE, vCPU @v runs on. */
static inline u32 vits_vcpu_pcpu(const struct vits *its, u32 v)
{
	return its->cfg->cpus[v];
}
/** The physical DeviceID of device slot @slot. */
static inline u32 vits_phys_id(const struct vits *its, u32 slot)
{
	return cfg_device(its->cfg, slot).phys_id;
}
/** The physical CPU an event's physical LPI goes to: its target's, or vCPU 0's while unmapped. */
u32 vits_event_pcpu(const struct vits *its, u32 icid);
/** The vCPU a collection targets, as a vLPI's target. */
u16 vits_coll_target(const struct vits *its, u32 icid);
/**
 * The guest's LPI property table: the bytes of vINTIDs from @vintid on, at
 * most *@n of them, made readable; *@n is set to how many it holds.
 */
const volatile u8 *vits_guest_props(struct vits *its, struct vgic_locked g, u32 vintid, u32 *n);
/** The guest's property byte for vLPI @q (disabled if it has none). */
void vits_read_property(struct vits *its, struct vgic_locked g, struct virq *q);
/** Is vLPI @q pending in vCPU @v's guest pending table (GICR_PENDBASER)? */
bool vits_guest_pending(struct vits *its, struct vgic_locked g, u32 v, const struct virq *q);
/**
 * Take an event out of the physical ITS (DISCARD, with its pending state),
 * if it is there. It is marked unmapped under the vGIC lock first, so that
 * nothing reading it under that lock (an EnableLPIs step, which holds both)
 * sends a command to it once it is gone.
 */
void vits_discard_event(struct cmd_ctx *x, u32 slot, u32 event);

/**
 * How vLPIs reach the vCPUs: the one interface the command handlers use,
 * with two backends, chosen per partition before it starts
 * (vits_set_direct()). Every function runs with the vITS lock held; those
 * that take a struct vgic_locked with the vGIC's too. Functions that issue
 * a physical ITS command spend a unit of the trap's budget for it
 * (vits_spend()) where they return bool, and return false, with nothing
 * done, when none is left.
 */
struct vlpi_ops {
	const char *name;
	/**
	 * INT, CLEAR and INV issue a physical command (the vLPI's pending
	 * state and properties are the hardware's), and so do SYNCs.
	 */
	bool physical_event_cmds;
	/**
	 * An event is in the physical ITS (struct vits_event.mapped) from its
	 * MAPTI on, whatever becomes of its collection (the pool LPI is the
	 * event's for good); else map() and follow() say when it is.
	 */
	bool mapped_from_mapti;
	/** Take @ev out of the physical ITS (vits_discard_event()'s command). */
	int (*discard)(const struct vits *its, u32 slot, u32 event, const struct vits_event *ev);
	/** vLPI @q's property byte changed in guest memory (INV, INVALL, MAPTI): read it again. */
	void (*props)(struct vits *its, struct vgic_locked g, struct virq *q);
	/**
	 * MAPTI/MAPI: the event is about to be mapped to a new vINTID (a
	 * mapping it had goes first if the backend cannot move it).
	 */
	void (*map_begin)(struct cmd_ctx *x, u32 slot, u32 event);
	/** MAPTI/MAPI: the event is set up; map it in the physical ITS (it was mapped before:
	 * @was). */
	void (*map)(struct cmd_ctx *x, u32 slot, u32 event, bool was);
	/** MOVI: the event's collection changed (its target is set): follow it. */
	void (*follow)(struct cmd_ctx *x, u32 slot, u32 event);
	/** MAPC: one event of the collection being (un)mapped; its target is to follow. */
	bool (*retarget)(struct cmd_ctx *x, u32 slot, u32 event);
	/** INT, CLEAR or INV (x->c) on a mapped event of a mapped collection. */
	void (*event_cmd)(struct cmd_ctx *x, u32 slot, u32 event);
	/** INVALL of collection @icid: after every event's props(). */
	bool (*invall)(struct cmd_ctx *x, u32 icid);
	/** SYNC naming vCPU @rd (checked). */
	void (*sync)(struct cmd_ctx *x, u32 rd);
	/** Partition reset, after every event was discarded. */
	void (*reset)(struct vits_locked l);
	/*
	 * An EnableLPIs change of vCPU @v (vgic_lpi_turn()), in steps: begin
	 * (returns the units it cost), one event each (false: no budget left,
	 * nothing done), end.
	 */
	u32 (*turn_begin)(struct vits *its, struct vgic_locked g, u32 v);
	bool (*turn_event)(struct vits *its, struct vgic_locked g, u32 v, u32 flat, u32 *budget,
			   u32 *kick);
	void (*turn_end)(struct vits *its, u32 v);
};

/** Through list registers, from physical LPIs of the pool (the GICv3 path). */
extern const struct vlpi_ops vlpi_lr_ops;
/** GICv4 direct injection: events mapped to the vCPUs' vPEs. */
extern const struct vlpi_ops vlpi_vpe_ops;

#endif
