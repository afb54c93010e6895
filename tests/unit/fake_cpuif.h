/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A fake virtual CPU interface for the vGIC's host tests: list registers in
 * memory, the physical GIC calls recorded, and a guest that acknowledges and
 * ends interrupts the way the hardware's virtual CPU interface would.
 */
#ifndef TESTS_FAKE_CPUIF_H
#define TESTS_FAKE_CPUIF_H

#include <core/types.h>

/** One bank of list registers per (fake) physical CPU; fake_cpu is the current one. */
extern u64 fake_lrs[2][16];
extern unsigned fake_cpu;
#define fake_lr (fake_lrs[fake_cpu])
/** SPIs the fake distributor says are edge-triggered. */
extern bool fake_spi_edge[1024];
/** Remote SGI/PPI deactivations (GICR_ICACTIVER0 of another CPU): count per INTID. */
extern unsigned fake_remote_deactivated[32];
extern unsigned fake_nr_lrs;
/** What cpuif_direct_vlpis() says (true unless a test clears it). */
extern bool fake_direct_vlpis;
extern u64 fake_hcr;
/** Physical deactivations (ICC_DIR or GICD_ICACTIVER) per INTID. */
extern unsigned fake_phys_deactivated[1024];
extern u32 fake_routed_intid;
extern u64 fake_routed_mpidr;
extern unsigned fake_kicks;
/** A timer's output low on a fake CPU (by default each is high: the interrupt is real). */
extern bool fake_timer_low[2][32];

void fake_cpuif_clear(void);
/** List registers holding an interrupt (state not invalid). */
unsigned fake_valid_lrs(void);
/** The list register holding @intid in some state, or 0. */
u64 fake_lr_of(u32 intid);
/** The underflow maintenance interrupt would be asserted. */
bool fake_maint_pending(void);
/**
 * Guest ICC_IAR1: the highest-priority pending LR whose priority is below
 * @running becomes active; returns its INTID or -1.
 */
int fake_guest_ack(u8 running);
/** Guest EOI with EOImode = 0: drop and deactivate @intid (HW: physically too). */
void fake_guest_eoi(u32 intid);

#endif
