/* SPDX-License-Identifier: MIT */
/**
 * @file
 * EL2 set up on each CPU for running guests (arch/el2.h): which exceptions
 * and registers trap, the timers and PMU the guests own, and what a guest's
 * PMU counters see of partita's time.
 */
#include <arch/el2.h>
#include <arch/mmu.h>
#include <arch/sysreg.h>

/** PMU versions of ID_AA64DFR0_EL1.PMUVer (0xf: IMPLEMENTATION DEFINED, not PMUv3). */
#define PMUVER_V3P1 4
#define PMUVER_V3P5 6

u32 arch_pmu_version(void)
{
	return (u32)bits_get(read_sysreg(id_aa64dfr0_el1), 11, 8);
}

/** MDCR_EL2 bits that keep guest counters from counting at EL2 on this CPU. */
static u64 pmu_hide_el2(bool counts_el2)
{
	u32 ver = arch_pmu_version();
	u64 mdcr = 0;

	if (counts_el2 || ver == 0xf)
		return 0;
	if (ver >= PMUVER_V3P1)
		mdcr |= MDCR_HPMD;
	if (ver >= PMUVER_V3P5)
		mdcr |= MDCR_HCCD;
	return mdcr;
}

enum arch_pmu_el2 arch_pmu_el2(bool counts_el2)
{
	u64 hide = pmu_hide_el2(counts_el2);

	if (counts_el2)
		return PMU_EL2_COUNTED;
	if (hide == (MDCR_HPMD | MDCR_HCCD))
		return PMU_EL2_HIDDEN;
	return hide == MDCR_HPMD ? PMU_EL2_HIDDEN_BUT_CYCLES : PMU_EL2_VISIBLE;
}

/** True if the CPU implements pointer authentication (ID_AA64ISAR1/2_EL1). */
static bool cpu_has_pauth(void)
{
	u64 isar1 = read_sysreg(id_aa64isar1_el1);

	/* APA [7:4], API [11:8], GPA [27:24], GPI [31:28]; ISAR2 (S3_0_C0_C6_2): GPA3, APA3 [15:8].
	 */
	return bits_get(isar1, 7, 4) || bits_get(isar1, 11, 8) || bits_get(isar1, 27, 24) ||
	       bits_get(isar1, 31, 28) || bits_get(read_sysreg(S3_0_C0_C6_2), 15, 8);
}

/* EL2 controls for guests on this CPU (DDI 0487, D19.2). */
void arch_el2_setup_cpu(bool pmu_counts_el2)
{
	u64 pmcr_n = bits_get(read_sysreg(pmcr_el0), 15, 11);
	/* TSW: set/way cache maintenance acts on shared caches (core/vcache.c). */
	u64 hcr = HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TSC | HCR_TSW | HCR_RW;
	u64 mdcr = pmcr_n;

	/*
	 * IMPLEMENTATION DEFINED registers and ACTLR_EL1 control the shared core:
	 * trap them (the guest gets an UNDEF). RAS error records are shared too.
	 */
	hcr |= HCR_TIDCP | HCR_TACR;
	if (bits_get(read_sysreg(id_aa64pfr0_el1), 31, 28))
		hcr |= HCR_TERR;
	/*
	 * Pointer authentication belongs to the guests: its keys and
	 * instructions untrapped (API, APK). partita itself does not use it, and
	 * since a vCPU never leaves its pCPU, there are no keys to switch.
	 */
	if (cpu_has_pauth())
		hcr |= HCR_API | HCR_APK;
	write_sysreg(hcr_el2, hcr);
	write_sysreg(actlr_el2, 0);
	/* No timing window on partita, where the PMU allows (pmu_hide_el2()). */
	mdcr |= pmu_hide_el2(pmu_counts_el2);
	/*
	 * The guest reads the physical counter and owns the EL1 physical timer
	 * (CNTP_*, PPI 30), as on a machine without a hypervisor; partita's own
	 * timer, if it ever needs one, is EL2's (CNTHP_*, PPI 26).
	 */
	write_sysreg(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	write_sysreg(cntvoff_el2, 0);
	/* Every PMU counter to the guest, untrapped. */
	write_sysreg(mdcr_el2, mdcr);
	/* FP/SIMD untrapped: the guest's own (RES1 bits, TFP = 0). */
	write_sysreg(cptr_el2, 0x33ff);
	write_sysreg(S3_4_C12_C11_0, 0); /* ICH_HCR_EL2: no virtual interrupts yet */
	stage2_init_cpu();
	isb();
}

u64 arch_cpu_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
}

void arch_set_cpu_local(void *p)
{
	write_sysreg(tpidr_el2, (u64)(uintptr_t)p);
}

u64 arch_counter(void)
{
	return read_sysreg(cntpct_el0);
}

u64 arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

void arch_hyp_timer_set(u64 ticks)
{
	write_sysreg(cnthp_tval_el2, ticks);
	write_sysreg(cnthp_ctl_el2, 1); /* ENABLE, not masked */
	isb();
}

bool arch_crc32(u32 *crc, const u8 *p, u64 n)
{
	u32 c = *crc;
	u64 i = 0;

	/* ID_AA64ISAR0_EL1.CRC32: the instructions are there (Armv8.1 on, optional in 8.0). */
	if (!bits_get(read_sysreg(id_aa64isar0_el1), 19, 16))
		return false;
	if (!((uintptr_t)p & 7)) {
		for (; i + 32 <= n; i += 32) {
			const u64 *w = (const u64 *)(const void *)(p + i);

			__asm__(".arch_extension crc\n"
				"crc32x %w0, %w0, %x1\n crc32x %w0, %w0, %x2\n"
				"crc32x %w0, %w0, %x3\n crc32x %w0, %w0, %x4"
				: "+r"(c)
				: "r"(w[0]), "r"(w[1]), "r"(w[2]), "r"(w[3]));
		}
		for (; i + 8 <= n; i += 8)
			__asm__(".arch_extension crc\n crc32x %w0, %w0, %x1"
				: "+r"(c)
				: "r"(*(const u64 *)(const void *)(p + i)));
	}
	for (; i < n; i++)
		__asm__(".arch_extension crc\n crc32b %w0, %w0, %w1" : "+r"(c) : "r"((u32)p[i]));
	*crc = c;
	return true;
}

void arch_hyp_timer_off(void)
{
	write_sysreg(cnthp_ctl_el2, 0);
	isb();
}
