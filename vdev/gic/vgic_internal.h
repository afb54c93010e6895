/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Shared between the vGIC's state (vgic.c) and its register frames
 * (vgic_mmio.c); everything here runs with the vGIC lock held.
 */
#ifndef VDEV_GIC_VGIC_INTERNAL_H
#define VDEV_GIC_VGIC_INTERNAL_H

#include <vdev/vgic.h>

/**
 * The state of @intid: private to vCPU @v, or an SPI; NULL if the INTID is
 * not implemented (or is private and @v is VGIC_NO_VCPU).
 */
struct virq *vgic_virq(struct vgic *g, u32 v, u32 intid);
void vgic_virq_set_pending(struct vgic *g, struct virq *q);
/** @q may now be deliverable: note it for its target vCPU's next refill. */
void vgic_cand_mark(struct vgic *g, const struct virq *q);
/** Every pending interrupt may now be deliverable (a group was enabled). */
void vgic_cand_mark_all(struct vgic *g);
void vgic_virq_clear_pending(struct virq *q);
void vgic_virq_clear_active(struct virq *q);
/**
 * Deactivate the physical interrupt behind HW virq @q; @here is the vCPU
 * whose pCPU this is (a PPI is ended through the CPU interface there, or
 * through its redistributor from elsewhere), or VGIC_NO_VCPU.
 */
void vgic_hw_release(struct vgic *g, const struct virq *q, u32 here);
/** Fold @v's list registers back (on @v's pCPU). */
void vgic_lr_sync_locked(struct vgic *g, u32 v);
/** Re-resolve an SPI's target vCPU from its IROUTER value. */
void vgic_route(struct vgic *g, struct virq *q, u64 route);

#endif
