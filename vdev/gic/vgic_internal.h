/* SPDX-License-Identifier: MIT */
/** @file Shared between the vGIC's state (vgic.c) and its register frames (vgic_mmio.c). */
#ifndef VDEV_GIC_VGIC_INTERNAL_H
#define VDEV_GIC_VGIC_INTERNAL_H

#include <core/partition.h>
#include <vdev/vgic.h>

/** The state of @intid: private to @v, or an SPI of @p; NULL if the INTID is not implemented. */
struct virq *vgic_virq(struct partition *p, struct vcpu *v, u32 intid);
void vgic_virq_set_pending(struct vgic *g, struct virq *q);
/** @q may now be deliverable: note it for its target vCPU's next refill. */
void vgic_cand_mark(struct vgic *g, const struct virq *q);
/** Every pending interrupt may now be deliverable (a group was enabled). */
void vgic_cand_mark_all(struct partition *p);
void vgic_virq_clear_pending(struct virq *q);
void vgic_virq_clear_active(struct virq *q);
/** Deactivate the physical interrupt behind HW virq @q (a PPI: on its vCPU's pCPU). */
void vgic_hw_release(struct partition *p, const struct virq *q);
/** Fold @v's list registers back (on @v's pCPU, vGIC lock held). */
void vgic_lr_sync_locked(struct partition *p, struct vcpu *v);
/** Re-resolve an SPI's target vCPU from its IROUTER value. */
void vgic_route(struct partition *p, struct virq *q, u64 route);

#endif
