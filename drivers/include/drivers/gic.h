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
	bool vlpis;	   /**< redistributors have the GICv4 virtual LPI frames */
	u32 redist_count;  /**< frames found walking GICR_TYPER up to Last */
};

/** Probe the distributor and walk the redistributors. False if there is no GICv3 at @gicd. */
bool gic_probe(u64 gicd, u64 gicr, u64 gicr_size, struct gic_info *info);
/** GICD_TYPER. */
u32 gic_dist_typer(void);
/** The redistributor frame (RD_base) of the CPU with affinity @mpidr, or 0. */
u64 gic_redist_base(u64 mpidr);
/** Enable the distributor with affinity routing (boot CPU, once). */
void gic_dist_init(void);
/** Find and wake this CPU's redistributor, enable the IPI and the CPU interface. */
bool gic_cpu_init(u64 mpidr);
/** Send the IPI to the physical CPU with affinity @mpidr. */
void gic_send_ipi(u64 mpidr);
/** Acknowledge the highest-priority pending interrupt; GIC_SPURIOUS if none. */
u32 gic_ack(void);
/**
 * End @intid: priority drop and deactivation. partita runs with EOImode = 1,
 * so that a forwarded interrupt can be dropped here and deactivated by the
 * guest through its HW=1 list register (gic_priority_drop() only).
 */
void gic_eoi(u32 intid);
void gic_priority_drop(u32 intid);
/** Deactivate @intid after gic_priority_drop() (ICC_DIR_EL1; SGIs and PPIs: this CPU's). */
void gic_deactivate(u32 intid);

/** The maintenance interrupt of the virtual CPU interface (PPI 9). */
#define GIC_MAINT_PPI 25
/** The EL2 physical timer (PPI 10): partita's own. */
#define GIC_HYP_TIMER_PPI 26
/** The EL1 virtual timer (PPI 11), forwarded to the guest. */
#define GIC_VTIMER_PPI 27
/** The EL1 physical timer (PPI 14), forwarded to the guest too: partita's own is EL2's. */
#define GIC_PTIMER_PPI 30

/** Configure SPI @intid (level or edge, as the device drives it), route it to @mpidr, enable it. */
void gic_spi_setup(u32 intid, bool edge, u64 mpidr);
/** Stop SPI @intid from being signalled (GICD_ICENABLER). */
void gic_spi_disable(u32 intid);
/** Route SPI @intid to the CPU with affinity @mpidr. */
void gic_spi_route(u32 intid, u64 mpidr);
/** Deactivate SGI or PPI @intid of the CPU with affinity @mpidr, from any CPU. */
void gic_ppi_deactivate(u64 mpidr, u32 intid);
/** Deactivate SPI @intid (GICD_ICACTIVER), from any CPU. */
void gic_spi_deactivate(u32 intid);
/** Make SPI @intid pending (GICD_ISPENDR), as if its device had signalled it again. */
void gic_spi_set_pending(u32 intid);
/** True when SPI @intid is edge-triggered in the distributor. */
bool gic_spi_is_edge(u32 intid);

#endif
