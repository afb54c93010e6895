/* SPDX-License-Identifier: MIT */
/** @file The trap-handling arch contract (arch/trapregs.h) over the system registers. */
#include <arch/sysreg.h>
#include <arch/trapregs.h>

/** The registers HCR_EL2.TVM traps writes of (DDI 0487, D19.2.48), EL1 AArch64 only. */
#define ISS_SCTLR_EL1 SYSREG_ISS(3, 0, 1, 0, 0)
#define ISS_TTBR0_EL1 SYSREG_ISS(3, 0, 2, 0, 0)
#define ISS_TTBR1_EL1 SYSREG_ISS(3, 0, 2, 0, 1)
#define ISS_TCR_EL1 SYSREG_ISS(3, 0, 2, 0, 2)
#define ISS_AFSR0_EL1 SYSREG_ISS(3, 0, 5, 1, 0)
#define ISS_AFSR1_EL1 SYSREG_ISS(3, 0, 5, 1, 1)
#define ISS_ESR_EL1 SYSREG_ISS(3, 0, 5, 2, 0)
#define ISS_FAR_EL1 SYSREG_ISS(3, 0, 6, 0, 0)
#define ISS_MAIR_EL1 SYSREG_ISS(3, 0, 10, 2, 0)
#define ISS_AMAIR_EL1 SYSREG_ISS(3, 0, 10, 3, 0)
#define ISS_CONTEXTIDR_EL1 SYSREG_ISS(3, 0, 13, 0, 1)
/* ... and those of newer features, which only a CPU that has them lets a guest write. */
#define ISS_SCTLR2_EL1 SYSREG_ISS(3, 0, 1, 0, 3)
#define ISS_TCR2_EL1 SYSREG_ISS(3, 0, 2, 0, 3)
#define ISS_MAIR2_EL1 SYSREG_ISS(3, 0, 10, 2, 1)
#define ISS_PIRE0_EL1 SYSREG_ISS(3, 0, 10, 2, 2)
#define ISS_PIR_EL1 SYSREG_ISS(3, 0, 10, 2, 3)
#define ISS_AMAIR2_EL1 SYSREG_ISS(3, 0, 10, 3, 1)

u64 arch_trap_esr(void)
{
	return read_sysreg(esr_el2);
}

u64 arch_trap_elr(void)
{
	return read_sysreg(elr_el2);
}

u64 arch_trap_far(void)
{
	return read_sysreg(far_el2);
}

u64 arch_trap_ipa(void)
{
	return ((read_sysreg(hpfar_el2) & GENMASK(43, 4)) << 8) | (read_sysreg(far_el2) & 0xfff);
}

bool arch_cpu_has_ras(void)
{
	return bits_get(read_sysreg(id_aa64pfr0_el1), 31, 28) != 0;
}

void arch_guest_inject_serror(u64 vsesr)
{
	if (arch_cpu_has_ras())
		write_sysreg(S3_4_C5_C2_3, vsesr); /* VSESR_EL2 */
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) | HCR_VSE);
}

bool arch_vm_regs_trapped(void)
{
	return read_sysreg(hcr_el2) & HCR_TVM;
}

void arch_trap_vm_regs(bool on)
{
	u64 hcr = read_sysreg(hcr_el2);

	write_sysreg(hcr_el2, on ? hcr | HCR_TVM : hcr & ~HCR_TVM);
}

u64 arch_guest_sctlr(void)
{
	return read_sysreg(sctlr_el1);
}

u64 arch_iss_sctlr_el1(void)
{
	return ISS_SCTLR_EL1;
}

bool arch_guest_vm_reg_write(u64 iss, u64 value)
{
	switch (iss & SYSREG_ISS_MASK) {
	case ISS_SCTLR_EL1:
		write_sysreg(sctlr_el1, value);
		break;
	case ISS_TTBR0_EL1:
		write_sysreg(ttbr0_el1, value);
		break;
	case ISS_TTBR1_EL1:
		write_sysreg(ttbr1_el1, value);
		break;
	case ISS_TCR_EL1:
		write_sysreg(tcr_el1, value);
		break;
	case ISS_AFSR0_EL1:
		write_sysreg(afsr0_el1, value);
		break;
	case ISS_AFSR1_EL1:
		write_sysreg(afsr1_el1, value);
		break;
	case ISS_ESR_EL1:
		write_sysreg(esr_el1, value);
		break;
	case ISS_FAR_EL1:
		write_sysreg(far_el1, value);
		break;
	case ISS_MAIR_EL1:
		write_sysreg(mair_el1, value);
		break;
	case ISS_AMAIR_EL1:
		write_sysreg(amair_el1, value);
		break;
	case ISS_CONTEXTIDR_EL1:
		write_sysreg(contextidr_el1, value);
		break;
	case ISS_SCTLR2_EL1:
		write_sysreg(S3_0_C1_C0_3, value);
		break;
	case ISS_TCR2_EL1:
		write_sysreg(S3_0_C2_C0_3, value);
		break;
	case ISS_MAIR2_EL1:
		write_sysreg(S3_0_C10_C2_1, value);
		break;
	case ISS_PIRE0_EL1:
		write_sysreg(S3_0_C10_C2_2, value);
		break;
	case ISS_PIR_EL1:
		write_sysreg(S3_0_C10_C2_3, value);
		break;
	case ISS_AMAIR2_EL1:
		write_sysreg(S3_0_C10_C3_1, value);
		break;
	default:
		return false;
	}
	return true;
}
