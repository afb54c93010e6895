/* SPDX-License-Identifier: MIT */
/** @file The virtual CPU interface controls (see arch/gic_cpuif.h). */
#include <arch/gic_cpuif.h>
#include <arch/sysreg.h>

#define ICH_HCR_EL2 S3_4_C12_C11_0
#define ICH_VTR_EL2 S3_4_C12_C11_1
#define ICH_ELRSR_EL2 S3_4_C12_C11_5
#define ICH_VMCR_EL2 S3_4_C12_C11_7
#define ICC_DIR_EL1 S3_0_C12_C11_1

u32 cpuif_empty_lrs(void)
{
	return (u32)read_sysreg(ICH_ELRSR_EL2);
}

unsigned cpuif_nr_lrs(void)
{
	return (unsigned)bits_get(read_sysreg(ICH_VTR_EL2), 4, 0) + 1;
}

bool cpuif_direct_vlpis(void)
{
	return !(read_sysreg(ICH_VTR_EL2) & BIT(20)); /* nV4 */
}

#define LR_CASE(n, op, crm, op2) \
	case n: \
		op(S3_4_C12_##crm##_##op2); \
		break

u64 cpuif_read_lr(unsigned n)
{
	u64 v = 0;

#define RD(r) v = read_sysreg(r)
	switch (n) {
		LR_CASE(0, RD, C12, 0);
		LR_CASE(1, RD, C12, 1);
		LR_CASE(2, RD, C12, 2);
		LR_CASE(3, RD, C12, 3);
		LR_CASE(4, RD, C12, 4);
		LR_CASE(5, RD, C12, 5);
		LR_CASE(6, RD, C12, 6);
		LR_CASE(7, RD, C12, 7);
		LR_CASE(8, RD, C13, 0);
		LR_CASE(9, RD, C13, 1);
		LR_CASE(10, RD, C13, 2);
		LR_CASE(11, RD, C13, 3);
		LR_CASE(12, RD, C13, 4);
		LR_CASE(13, RD, C13, 5);
		LR_CASE(14, RD, C13, 6);
		LR_CASE(15, RD, C13, 7);
	}
#undef RD
	return v;
}

void cpuif_write_lr(unsigned n, u64 v)
{
#define WR(r) write_sysreg(r, v)
	switch (n) {
		LR_CASE(0, WR, C12, 0);
		LR_CASE(1, WR, C12, 1);
		LR_CASE(2, WR, C12, 2);
		LR_CASE(3, WR, C12, 3);
		LR_CASE(4, WR, C12, 4);
		LR_CASE(5, WR, C12, 5);
		LR_CASE(6, WR, C12, 6);
		LR_CASE(7, WR, C12, 7);
		LR_CASE(8, WR, C13, 0);
		LR_CASE(9, WR, C13, 1);
		LR_CASE(10, WR, C13, 2);
		LR_CASE(11, WR, C13, 3);
		LR_CASE(12, WR, C13, 4);
		LR_CASE(13, WR, C13, 5);
		LR_CASE(14, WR, C13, 6);
		LR_CASE(15, WR, C13, 7);
	}
#undef WR
}

void cpuif_write_hcr(u64 v)
{
	write_sysreg(ICH_HCR_EL2, v);
	isb();
}

void cpuif_reset(void)
{
	unsigned n, lrs = cpuif_nr_lrs();
	/* ICH_VTR_EL2.PREbits: 5 bits use AP<n>R0 only, 6 add R1, 7 add R2 and R3. */
	unsigned prebits = (unsigned)bits_get(read_sysreg(ICH_VTR_EL2), 28, 26) + 1;

	for (n = 0; n < lrs; n++)
		cpuif_write_lr(n, 0);
	write_sysreg(S3_4_C12_C8_0, 0); /* ICH_AP0R0_EL2 */
	write_sysreg(S3_4_C12_C9_0, 0); /* ICH_AP1R0_EL2 */
	if (prebits >= 6) {
		write_sysreg(S3_4_C12_C8_1, 0);
		write_sysreg(S3_4_C12_C9_1, 0);
	}
	if (prebits >= 7) {
		write_sysreg(S3_4_C12_C8_2, 0);
		write_sysreg(S3_4_C12_C8_3, 0);
		write_sysreg(S3_4_C12_C9_2, 0);
		write_sysreg(S3_4_C12_C9_3, 0);
	}
	write_sysreg(ICH_VMCR_EL2, 0);
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
	isb();
}

bool cpuif_timer_line(u32 intid)
{
	u64 ctl = intid == 27 ? read_sysreg(cntv_ctl_el0) : read_sysreg(cntp_ctl_el0);

	return (ctl & 7) == 5; /* ENABLE, not IMASK, ISTATUS */
}

void cpuif_deactivate(u32 intid)
{
	write_sysreg(ICC_DIR_EL1, intid);
	isb();
}
