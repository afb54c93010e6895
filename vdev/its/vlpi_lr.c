/* SPDX-License-Identifier: MIT */
/**
 * @file
 * vLPI delivery through list registers (the GICv3 path, docs/architecture.md
 * section 6): each mapped event has a physical LPI of the partition's slice
 * of the pool (its_plpi()), mapped with MAPTI to the collection of its
 * target vCPU's pCPU. When it fires, partita injects the vLPI through a list
 * register (vits_deliver(), or the MSI fast path in vectors.S). The vLPI's
 * pending state and properties are partita's, in its struct virq, which the
 * vGIC's vLPI interface manages.
 */
#include <drivers/its.h>
#include "vits_internal.h"

static int lr_discard(const struct vits *its, u32 slot, u32 event, const struct vits_event *ev)
{
	(void)ev;
	return its_discard(vits_phys_id(its, slot), event, -1);
}

static void lr_props(struct vits *its, struct vgic_locked g, struct virq *q)
{
	vits_read_property(its, g, q);
}

/* The pool LPI stays the event's across remaps: a MOVI moves it. */
static void lr_map_begin(struct cmd_ctx *x, u32 slot, u32 event)
{
	(void)x;
	(void)slot;
	(void)event;
}

static void lr_map(struct cmd_ctx *x, u32 slot, u32 event, bool was)
{
	struct vits *its = x->its;
	struct vits_event *ev = &its->events[slot][event];
	u32 pcpu = vits_event_pcpu(its, ev->icid), devid = vits_phys_id(its, slot);

	if (was ? its_movi(devid, event, pcpu)
		: its_mapti(devid, event, its_plpi(its->slot_base + slot, event), pcpu))
		its->stats.phys_errors++;
}

static void lr_follow(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits *its = x->its;

	if (its_movi(vits_phys_id(its, slot), event,
		     vits_event_pcpu(its, its->events[slot][event].icid)))
		its->stats.phys_errors++;
}

static bool lr_retarget(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits *its = x->its;
	struct vits_event *ev = &its->events[slot][event];
	struct vgic_locked g;
	u16 old;

	/* V=1: its physical LPI goes to the new vCPU's pCPU; V=0: it stays, and waits. */
	if (c_valid(x->c)) {
		if (!vits_spend(x)) /* the physical MOVI */
			return false;
		lr_follow(x, slot, event);
	}
	g = vgic_lock(its->vgic);
	old = ev->irq.target;
	ev->irq.target = vits_coll_target(its, ev->icid);
	x->notify |= vgic_lpi_changed(g, &ev->irq, old);
	vgic_unlock(&g);
	return true;
}

/* INT and CLEAR set or clear the vLPI's pending state; INV reads its property byte again. */
static void lr_event_cmd(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits *its = x->its;
	struct virq *q = &its->events[slot][event].irq;
	struct vgic_locked g = vgic_lock(its->vgic);

	switch (c_op(x->c)) {
	case ITS_INT:
		x->notify |= vgic_lpi_set_pending(g, q);
		break;
	case ITS_CLEAR:
		x->notify |= vgic_lpi_clear_pending(g, q);
		break;
	default:
		vits_read_property(its, g, q);
		x->notify |= vgic_lpi_changed(g, q, q->target);
		break;
	}
	vgic_unlock(&g);
}

/* The properties are partita's: INVALL is done once every event read its byte again. */
static bool lr_invall(struct cmd_ctx *x, u32 icid)
{
	(void)x;
	(void)icid;
	return true;
}

/* Every command's effect is visible at once. */
static void lr_sync(struct cmd_ctx *x, u32 rd)
{
	(void)x;
	(void)rd;
}

static void lr_reset(struct vits_locked l)
{
	(void)l;
}

static u32 lr_turn_begin(struct vits *its, struct vgic_locked g, u32 v)
{
	(void)its;
	(void)g;
	(void)v;
	return 0;
}

/*
 * Turning on, a vLPI the guest's pending table holds becomes pending;
 * turning off, its pending state goes (from a list register, or the fast
 * path's, at the next fold). No physical command.
 */
static bool lr_turn_event(struct vits *its, struct vgic_locked g, u32 v, u32 flat, u32 *budget,
			  u32 *kick)
{
	struct virq *q = &its->events[flat / CONFIG_ITS_EVENTS][flat % CONFIG_ITS_EVENTS].irq;
	u32 *pos;

	(void)budget;
	if (vgic_lpi_turn(g, v, &pos) == VGIC_LPIS_TURN_ON) {
		if (vits_guest_pending(its, g, v, q))
			*kick |= vgic_lpi_set_pending(g, q);
	} else {
		*kick |= vgic_lpi_clear_pending(g, q) | (1u << v);
	}
	return true;
}

static void lr_turn_end(struct vits *its, u32 v)
{
	(void)its;
	(void)v;
}

const struct vlpi_ops vlpi_lr_ops = {
	.name = "list registers",
	.physical_event_cmds = false,
	.mapped_from_mapti = true,
	.discard = lr_discard,
	.props = lr_props,
	.map_begin = lr_map_begin,
	.map = lr_map,
	.follow = lr_follow,
	.retarget = lr_retarget,
	.event_cmd = lr_event_cmd,
	.invall = lr_invall,
	.sync = lr_sync,
	.reset = lr_reset,
	.turn_begin = lr_turn_begin,
	.turn_event = lr_turn_event,
	.turn_end = lr_turn_end,
};
