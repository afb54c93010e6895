/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The arch contract for boot (core/main.c): EL2 set up on each CPU, the
 * CPU's identity and per-CPU pointer, the counter. Implemented in
 * arch/arm64/el2.c.
 */
#ifndef ARCH_EL2_H
#define ARCH_EL2_H

#include <arch/sysreg.h>
#include <core/types.h>

/** What a guest's PMU counters see of partita's time on this CPU. */
enum arch_pmu_el2 {
	PMU_EL2_COUNTED,	   /**< counted, as the configuration asked (pmu_counts_el2) */
	PMU_EL2_HIDDEN,		   /**< not counted (MDCR_EL2.HPMD and HCCD) */
	PMU_EL2_HIDDEN_BUT_CYCLES, /**< event counters hide it, the cycle counter cannot */
	PMU_EL2_VISIBLE,	   /**< this PMU cannot hide it */
};

/**
 * Set EL2 up on this CPU for running guests: the traps (HCR_EL2), the
 * timers and PMU the guests own, FP/SIMD untrapped, no virtual interrupts
 * yet, stage 2 enabled. @pmu_counts_el2: let guest counters count EL2 (for
 * benchmarks).
 */
void arch_el2_setup_cpu(bool pmu_counts_el2);
/** What guest PMU counters see of partita with arch_el2_setup_cpu(@pmu_counts_el2). */
enum arch_pmu_el2 arch_pmu_el2(bool pmu_counts_el2);
/** ID_AA64DFR0_EL1.PMUVer. */
u32 arch_pmu_version(void);
/** This CPU's MPIDR affinity fields. */
u64 arch_cpu_mpidr(void);
/** Set this CPU's per-CPU pointer (TPIDR_EL2; the exception vectors read it). */
void arch_set_cpu_local(void *p);
/** This CPU's per-CPU pointer. */
static inline void *arch_cpu_local(void)
{
	return (void *)(uintptr_t)read_sysreg(tpidr_el2);
}
/** The physical counter (CNTPCT_EL0) and its frequency. */
u64 arch_counter(void);
u64 arch_counter_freq(void);
/**
 * This CPU's EL2 physical timer (CNTHP, PPI 26, partita's own): fire in
 * @ticks of the counter, or not at all.
 */
void arch_hyp_timer_set(u64 ticks);
void arch_hyp_timer_off(void);
/**
 * CRC-32 (zlib's) of @n bytes at @p carried on from *@crc, with the CPU's
 * CRC32 instructions; false (and *@crc untouched) where it has none.
 */
bool arch_crc32(u32 *crc, const u8 *p, u64 n);

#endif
