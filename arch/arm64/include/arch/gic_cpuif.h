/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The GICv3 virtual CPU interface controls at EL2 (ICH_*_EL2, IHI 0069
 * section 12.5) and the physical CPU interface calls the vGIC needs. The
 * host unit tests replace these with a fake (tests/unit/fake_cpuif.c).
 */
#ifndef ARCH_GIC_CPUIF_H
#define ARCH_GIC_CPUIF_H

#include <core/types.h>

/* ICH_LR<n>_EL2 fields */
#define ICH_LR_VINTID_MASK GENMASK(31, 0)
#define ICH_LR_PINTID_SHIFT 32
#define ICH_LR_EOI BIT(41) /* HW = 0: maintenance interrupt on EOI */
#define ICH_LR_PRIORITY_SHIFT 48
#define ICH_LR_GROUP BIT(60)
#define ICH_LR_HW BIT(61)
#define ICH_LR_STATE_SHIFT 62
#define ICH_LR_PENDING 1ULL
#define ICH_LR_ACTIVE 2ULL

/* ICH_HCR_EL2 */
#define ICH_HCR_EN BIT(0)
#define ICH_HCR_UIE BIT(1)

unsigned cpuif_nr_lrs(void);
/** The CPU interface takes directly injected vLPIs (GICv4; ICH_VTR_EL2.nV4 = 0). */
bool cpuif_direct_vlpis(void);
u64 cpuif_read_lr(unsigned n);
/** ICH_ELRSR_EL2: bit n set when list register n is empty. */
u32 cpuif_empty_lrs(void);
void cpuif_write_lr(unsigned n, u64 v);
void cpuif_write_hcr(u64 v);
/** Virtual interface back to reset: LRs, active priorities, VMCR cleared; En set. */
void cpuif_reset(void);
/** Deactivate the physical interrupt @intid on this CPU (ICC_DIR_EL1). */
void cpuif_deactivate(u32 intid);
/**
 * The level of this CPU's timer output that drives PPI @intid (27: the EL1
 * virtual timer, 30: the EL1 physical timer): ENABLE and ISTATUS set, IMASK
 * clear (DDI 0487, D11.2.4). Those timers are the guest's that runs here.
 */
bool cpuif_timer_line(u32 intid);

#endif
