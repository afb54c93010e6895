/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The guest side of the EL2/EL1 boundary: exception injection, vCPU reset and
 * guest address translation. Exception entry follows DDI 0487, D1.10.
 */
#include <arch/cpu.h>
#include <arch/sysreg.h>

u64 arch_guest_sp(const struct guest_regs *regs)
{
	if ((regs->pstate & PSR_MODE_MASK) == PSR_MODE_EL1h)
		return read_sysreg(sp_el1);
	return read_sysreg(sp_el0);
}

void arch_guest_set_sp(const struct guest_regs *regs, u64 sp)
{
	if ((regs->pstate & PSR_MODE_MASK) == PSR_MODE_EL1h)
		write_sysreg(sp_el1, sp);
	else
		write_sysreg(sp_el0, sp);
}

bool arch_guest_va_to_pa(u64 va, u64 *pa)
{
	/* AT writes PAR_EL1, which belongs to the guest: keep its value. */
	u64 saved = read_sysreg(par_el1);
	u64 par;

	__asm__ volatile("at s12e1r, %0" : : "r"(va));
	isb();
	par = read_sysreg(par_el1);
	write_sysreg(par_el1, saved);
	if (par & 1)
		return false;
	*pa = (par & GENMASK(47, 12)) | (va & 0xfff);
	return true;
}

/** Enter the guest's EL1 synchronous exception vector with @esr and @far. */
static void inject_sync(struct guest_regs *regs, u64 esr, u64 far)
{
	u64 mode = regs->pstate & PSR_MODE_MASK;
	u64 offset;

	if (regs->pstate & PSR_MODE_AARCH32)
		offset = 0x600; /* from AArch32 EL0 */
	else if (mode == PSR_MODE_EL1t)
		offset = 0x000;
	else if (mode == PSR_MODE_EL1h)
		offset = 0x200;
	else
		offset = 0x400; /* from EL0 (AArch64) */
	write_sysreg(esr_el1, esr);
	write_sysreg(far_el1, far);
	write_sysreg(elr_el1, regs->pc);
	write_sysreg(spsr_el1, regs->pstate);
	regs->pc = read_sysreg(vbar_el1) + offset;
	regs->pstate = PSR_DAIF_MASK | PSR_MODE_EL1h;
}

static bool from_el0(const struct guest_regs *regs)
{
	return (regs->pstate & PSR_MODE_MASK) == PSR_MODE_EL0t;
}

void arch_guest_inject_dabt(struct guest_regs *regs, u64 far, bool write)
{
	u64 ec = from_el0(regs) ? EC_DABT_LOW : EC_DABT_CUR;

	inject_sync(regs, (ec << 26) | ESR_IL | (write ? DABT_WNR : 0) | FSC_SEA, far);
}

void arch_guest_inject_iabt(struct guest_regs *regs, u64 far)
{
	u64 ec = from_el0(regs) ? EC_IABT_LOW : EC_IABT_CUR;

	inject_sync(regs, (ec << 26) | ESR_IL | FSC_SEA, far);
}

void arch_guest_inject_undef(struct guest_regs *regs)
{
	inject_sync(regs, ((u64)EC_UNKNOWN << 26) | ESR_IL, 0);
}

void arch_vcpu_reset(struct guest_regs *regs, u64 entry, u64 x0, u64 vttbr, u64 vmpidr)
{
	unsigned i;

	for (i = 0; i < 31; i++)
		regs->x[i] = 0;
	regs->x[0] = x0;
	regs->pc = entry;
	regs->pstate = PSR_DAIF_MASK | PSR_MODE_EL1h;

	write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	write_sysreg(cpacr_el1, 0);
	write_sysreg(vbar_el1, 0);
	write_sysreg(sp_el1, 0);
	write_sysreg(sp_el0, 0);
	write_sysreg(tpidr_el1, 0);
	write_sysreg(cntkctl_el1, 0);
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(vmpidr_el2, vmpidr);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vttbr_el2, vttbr);
	/*
	 * No virtual SError pending from an earlier run, and no watch for the
	 * caches turning on left from a set/way operation of one (core/vcache.c).
	 */
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) & ~(HCR_VSE | HCR_TVM));
	isb();
	/* A restarted partition must not see translations of its previous run. */
	__asm__ volatile("tlbi vmalls12e1\n dsb nsh\n ic iallu\n dsb nsh\n isb" ::: "memory");
}
