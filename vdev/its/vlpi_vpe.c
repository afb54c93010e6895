/* SPDX-License-Identifier: MIT */
/**
 * @file
 * vLPI delivery by GICv4 direct injection (docs/architecture.md section 6):
 * each vCPU's pCPU has a vPE, mapped and resident for good; a mapped event
 * whose collection is mapped is mapped with VMAPTI to its target's vPE, so
 * that its MSI reaches the guest with no hypervisor instruction. The vLPI's
 * pending state is the hardware's, its properties the vPE's property table,
 * which partita fills from the guest's: the commands that act on them
 * become physical ones (INT, CLEAR, INV, VINVALL, VSYNC). While its
 * collection is unmapped an event is not in the physical ITS (DISCARD), so
 * that its MSIs are dropped as the architecture says.
 */
#include <drivers/its.h>
#include "vits_internal.h"

#define PROP_ENABLE BIT(0)

static int vpe_discard(const struct vits *its, u32 slot, u32 event, const struct vits_event *ev)
{
	return its_discard(vits_phys_id(its, slot), event, ev->pcpu);
}

/*
 * vLPI @q's property byte, read again (the vITS's view, as for the other
 * backend), into the vPE property table of every vCPU whose EnableLPIs is
 * set (the others' stay zero, so nothing reaches them).
 */
static void vpe_props(struct vits *its, struct vgic_locked g, struct virq *q)
{
	u8 b;
	u32 v;

	vits_read_property(its, g, q);
	b = (u8)(q->priority | ((q->flags & VIRQ_ENABLED) ? PROP_ENABLE : 0));
	for (v = 0; v < vits_nvcpus(its); v++)
		if (vgic_lpis_on(g, v))
			its_vprop_write(vits_vcpu_pcpu(its, v), q->intid, &b, 1);
}

/*
 * Bring an event's physical mapping to its target, as set in the event:
 * VMAPTI to the target's vPE, VMOVI there, or DISCARD while its collection
 * is unmapped. Takes the vGIC lock for the fields.
 */
static void vpe_follow(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits *its = x->its;
	struct vits_event *ev = &its->events[slot][event];
	u32 devid = vits_phys_id(its, slot);
	u16 target = ev->irq.target;
	struct vgic_locked g;
	u32 pcpu;
	int r = 0;

	if (target == VITS_TARGET_NONE) {
		vits_discard_event(x, slot, event);
		return;
	}
	pcpu = vits_vcpu_pcpu(its, target);
	if (ev->mapped && ev->pcpu != pcpu)
		r = its_vmovi(devid, event, pcpu);
	else if (!ev->mapped)
		r = its_vmapti(devid, event, ev->irq.intid, pcpu);
	if (r) {
		its->stats.phys_errors++;
		return; /* where it was, if anywhere */
	}
	g = vgic_lock(its->vgic);
	ev->mapped = true;
	ev->pcpu = (u8)pcpu;
	vgic_unlock(&g);
}

/* Mapped to another vINTID, maybe: unmapped first, its pending state with it. */
static void vpe_map_begin(struct cmd_ctx *x, u32 slot, u32 event)
{
	vits_discard_event(x, slot, event);
}

static void vpe_map(struct cmd_ctx *x, u32 slot, u32 event, bool was)
{
	(void)was;
	vpe_follow(x, slot, event);
}

static bool vpe_retarget(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits *its = x->its;
	struct vits_event *ev = &its->events[slot][event];
	struct vgic_locked g;

	if (!vits_spend(x)) /* the VMAPTI, VMOVI or DISCARD */
		return false;
	g = vgic_lock(its->vgic);
	ev->irq.target = vits_coll_target(its, ev->icid);
	vgic_unlock(&g);
	vpe_follow(x, slot, event);
	return true;
}

/* The vLPI's state is the vPE's: the same command on the physical event. */
static void vpe_event_cmd(struct cmd_ctx *x, u32 slot, u32 event)
{
	struct vits *its = x->its;
	struct vits_event *ev = &its->events[slot][event];

	if (c_op(x->c) == ITS_INV) {
		struct vgic_locked g = vgic_lock(its->vgic);

		vpe_props(its, g, &ev->irq);
		vgic_unlock(&g);
	}
	if (!ev->mapped || its_vevent((u8)c_op(x->c), vits_phys_id(its, slot), event, ev->pcpu))
		its->stats.phys_errors++;
}

/* The collection's vCPU's vPE reads its property table again. */
static bool vpe_invall(struct cmd_ctx *x, u32 icid)
{
	struct vits *its = x->its;

	if (!vits_spend(x))
		return false; /* the sweep is done: the next trap only does this */
	if (its_vinvall(vits_vcpu_pcpu(its, its->coll[icid].vcpu)))
		its->stats.phys_errors++;
	return true;
}

/* The vPE's too (a formality where commands complete at once). */
static void vpe_sync(struct cmd_ctx *x, u32 rd)
{
	if (its_vsync(vits_vcpu_pcpu(x->its, rd)))
		x->its->stats.phys_errors++;
}

/* The vPEs stay mapped and resident, with every vLPI disabled again. */
static void vpe_reset(struct vits_locked l)
{
	struct vits *its = l.its;

	for (u32 v = 0; v < vits_nvcpus(its); v++) {
		its_vprop_write(vits_vcpu_pcpu(its, v), VITS_LPI_BASE, NULL,
				(1u << VITS_INTID_BITS) - VITS_LPI_BASE);
		if (its_vinvall(vits_vcpu_pcpu(its, v)))
			its->stats.phys_errors++;
	}
}

/* The vPE's property table: the guest's (turning on), or all disabled (off). */
static u32 vpe_turn_begin(struct vits *its, struct vgic_locked g, u32 v)
{
	u32 n = (1u << VITS_INTID_BITS) - VITS_LPI_BASE, *pos;
	const volatile u8 *props = vgic_lpi_turn(g, v, &pos) == VGIC_LPIS_TURN_ON
				       ? vits_guest_props(its, g, VITS_LPI_BASE, &n)
				       : NULL;

	its_vprop_write(vits_vcpu_pcpu(its, v), VITS_LPI_BASE, props, n);
	return 1;
}

/* A physical INT for a vLPI the guest's pending table holds (on), or a CLEAR (off). */
static bool vpe_turn_event(struct vits *its, struct vgic_locked g, u32 v, u32 flat, u32 *budget,
			   u32 *kick)
{
	struct vits_event *ev = &its->events[flat / CONFIG_ITS_EVENTS][flat % CONFIG_ITS_EVENTS];
	u32 *pos;
	bool on = vgic_lpi_turn(g, v, &pos) == VGIC_LPIS_TURN_ON;

	(void)kick;
	if ((on && !vits_guest_pending(its, g, v, &ev->irq)) || !ev->mapped)
		return true;
	if (!*budget)
		return false;
	(*budget)--;
	if (its_vevent(on ? ITS_CMD_INT : ITS_CMD_CLEAR,
		       vits_phys_id(its, flat / CONFIG_ITS_EVENTS), flat % CONFIG_ITS_EVENTS,
		       vits_vcpu_pcpu(its, v)))
		its->stats.phys_errors++;
	return true;
}

/* The vPE sees it all. */
static void vpe_turn_end(struct vits *its, u32 v)
{
	if (its_vinvall(vits_vcpu_pcpu(its, v)))
		its->stats.phys_errors++;
}

const struct vlpi_ops vlpi_vpe_ops = {
	.name = "GICv4 vPEs",
	.physical_event_cmds = true,
	.mapped_from_mapti = false,
	.discard = vpe_discard,
	.props = vpe_props,
	.map_begin = vpe_map_begin,
	.map = vpe_map,
	.follow = vpe_follow,
	.retarget = vpe_retarget,
	.event_cmd = vpe_event_cmd,
	.invall = vpe_invall,
	.sync = vpe_sync,
	.reset = vpe_reset,
	.turn_begin = vpe_turn_begin,
	.turn_event = vpe_turn_event,
	.turn_end = vpe_turn_end,
};
