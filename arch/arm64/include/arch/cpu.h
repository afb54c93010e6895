/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The arch contract core/ uses: CPU identity, cache maintenance, firmware
 * calls and entry into a guest. Implemented in arch/arm64/.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <core/types.h>

/** Guest general-purpose registers as saved on exception entry (vectors.S). */
struct guest_regs {
	u64 x[31];
	u64 pc;	    /**< ELR_EL2 */
	u64 pstate; /**< SPSR_EL2 */
	u64 pad;
};

/** Issue an SMC to the firmware (PSCI); returns x0. */
u64 arch_smc(u64 fid, u64 a1, u64 a2, u64 a3);

/** Restore @regs and enter the guest; never returns. */
void __attribute__((noreturn)) arch_guest_enter(struct guest_regs *regs);

/** Physical address of the secondary CPU entry point (head.S). */
u64 arch_secondary_entry_pa(void);

/** Read the register @n of a guest (31 = XZR reads as zero). */
static inline u64 guest_reg_read(const struct guest_regs *regs, unsigned n)
{
	return n < 31 ? regs->x[n] : 0;
}

/** Write the register @n of a guest (31 = XZR ignores the write). */
static inline void guest_reg_write(struct guest_regs *regs, unsigned n, u64 v)
{
	if (n < 31)
		regs->x[n] = v;
}

/** The guest's current stack pointer (SP_EL0 or SP_EL1, as its PSTATE selects). */
u64 arch_guest_sp(const struct guest_regs *regs);
void arch_guest_set_sp(const struct guest_regs *regs, u64 sp);

/** Translate a guest virtual address through stages 1 and 2; false if it faults. */
bool arch_guest_va_to_pa(u64 va, u64 *pa);

/** Give the guest a synchronous external abort for the access that trapped. */
void arch_guest_inject_dabt(struct guest_regs *regs, u64 far, bool write);
void arch_guest_inject_iabt(struct guest_regs *regs, u64 far);
/** Give the guest an undefined-instruction exception. */
void arch_guest_inject_undef(struct guest_regs *regs);

/**
 * Reset this CPU's EL1 state for a vCPU entering at @entry with x0 = @x0, as
 * after a warm reset: MMU and caches off, EL1h, DAIF masked. Loads @vttbr and
 * @vmpidr.
 */
void arch_vcpu_reset(struct guest_regs *regs, u64 entry, u64 x0, u64 vttbr, u64 vmpidr);

#endif
