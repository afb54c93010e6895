/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The arch contract for trap handling (core/trap.c, core/vcache.c): the
 * syndrome of the exception being handled, the guest state a handler reads
 * or emulates, and the EL2 controls it changes. Implemented over the system
 * registers in arch/arm64/trapregs.c; on the host the same code runs over
 * the fake register file of tests/unit/fake_arch.c, which records what was
 * written and replays what a test set.
 */
#ifndef ARCH_TRAPREGS_H
#define ARCH_TRAPREGS_H

#include <core/types.h>

/** The syndrome (ESR_EL2) of the exception being handled. */
u64 arch_trap_esr(void);
/** Where the exception being handled was taken (ELR_EL2). */
u64 arch_trap_elr(void);
/** The faulting virtual address (FAR_EL2) of the abort being handled. */
u64 arch_trap_far(void);
/** The intermediate physical address of the stage-2 abort being handled (HPFAR_EL2 + FAR). */
u64 arch_trap_ipa(void);
/** The CPU implements RAS (ID_AA64PFR0_EL1.RAS): an SError's ISS is architected. */
bool arch_cpu_has_ras(void);
/** Make a virtual SError pending for the guest, with syndrome @vsesr where the CPU has RAS. */
void arch_guest_inject_serror(u64 vsesr);
/** Are the guest's writes of its virtual-memory control registers trapped (HCR_EL2.TVM)? */
bool arch_vm_regs_trapped(void);
/** Trap them (TVM), or stop. */
void arch_trap_vm_regs(bool on);
/** The guest's SCTLR_EL1. */
u64 arch_guest_sctlr(void);
/**
 * Write @value to the guest's EL1 register that the trapped MSR with
 * syndrome ISS @iss names, if it is one HCR_EL2.TVM traps; false if not.
 */
bool arch_guest_vm_reg_write(u64 iss, u64 value);
/** The ISS of an MSR or MRS naming SCTLR_EL1 (as SYSREG_ISS_MASK compares). */
u64 arch_iss_sctlr_el1(void);

#endif
