/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The physical GICv3/v4 as far as partita itself needs it now: the
 * distributor with affinity routing, each CPU's redistributor, the CPU
 * interface through system registers, and one SGI as the IPI between
 * physical CPUs (IHI 0069, chapters 9 and 12).
 */
#ifndef DRIVERS_GIC_H
#define DRIVERS_GIC_H

#include <core/types.h>

/** The SGI partita uses between physical CPUs. */
#define GIC_IPI_SGI 0
#define GIC_SPURIOUS 1023

/** What the hardware says it is. */
struct gic_info {
	unsigned arch_rev; /**< GICD_PIDR2.ArchRev: 3 or 4 */
	bool vlpis;        /**< redistributors have the GICv4 virtual LPI frames */
	u32 redist_count;  /**< frames found walking GICR_TYPER up to Last */
};

/** Probe the distributor and walk the redistributors. False if there is no GICv3 at @gicd. */
bool gic_probe(u64 gicd, u64 gicr, u64 gicr_size, struct gic_info *info);
/** Enable the distributor with affinity routing (boot CPU, once). */
void gic_dist_init(void);
/** Find and wake this CPU's redistributor, enable the IPI and the CPU interface. */
bool gic_cpu_init(u64 mpidr);
/** Send the IPI to the physical CPU with affinity @mpidr. */
void gic_send_ipi(u64 mpidr);
/** Acknowledge the highest-priority pending interrupt; GIC_SPURIOUS if none. */
u32 gic_ack(void);
/** End (priority drop and deactivate) @intid. */
void gic_eoi(u32 intid);

#endif
