/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Area boot/: the guest boot contract (what an arm64 OS expects, as under
 * qemu -kernel): x0 = DTB above the image, x1-x3 = 0, EL1h, DAIF masked, MMU
 * off, a 2 MiB-aligned image, MPIDR as the DT says; and an unhandled trap
 * becomes an undefined-instruction exception for the guest.
 */
#include "rt.h"

static u64 field(u64 reg, unsigned lsb)
{
	return (reg >> lsb) & 0xf;
}

/**
 * Pointer authentication, on CPUs that have it, is the guest's: its key
 * registers and its instructions work (HCR_EL2.APK, API). Reported only
 * where the CPU has it (scenario cpu-max).
 */
static void pauth_tests(void)
{
	u64 isar1, key = 0, pac = 0;
	struct rt_fault f;

	__asm__ volatile("mrs %0, id_aa64isar1_el1" : "=r"(isar1));
	if (!field(isar1, 4) && !field(isar1, 8))
		return;
	rt_expect_fault();
	__asm__ volatile("msr S3_0_C2_C1_0, %0\n isb" /* APIAKeyLo_EL1 */
			 :
			 : "r"(0x0123456789abcdefUL));
	f = rt_fault_result();
	if (!f.taken) {
		rt_expect_fault();
		__asm__ volatile("mrs %0, S3_0_C2_C1_0" : "=r"(key));
		f = rt_fault_result();
	}
	check("boot/pauth-keys", !f.taken && key == 0x0123456789abcdefUL,
	      "taken %d ESR 0x%lx, key read back 0x%lx", f.taken, f.esr, key);
	if (!field(isar1, 24) && !field(isar1, 28))
		return;
	rt_expect_fault();
	/* PACGA x0, x1, x2: not a hint, and not gated by SCTLR_EL1; traps unless HCR_EL2.API. */
	__asm__ volatile("mov x1, #0x1000\n mov x2, #7\n mov x0, #0\n"
			 ".inst 0x9ac03000 | (2 << 16) | (1 << 5) | 0\n mov %0, x0"
			 : "=r"(pac)
			 :
			 : "x0", "x1", "x2");
	f = rt_fault_result();
	check("boot/pauth-instructions", !f.taken && pac, "taken %d ESR 0x%lx, PAC 0x%lx", f.taken,
	      f.esr, pac);
}

/**
 * Where the PMU allows (PMUv3p5, MDCR_EL2.HCCD), the guest's cycle counter
 * must not count partita's time, even when the guest asks for EL2 cycles
 * (PMCCFILTR_EL0.NSH). The first set/way operation makes partita clean and
 * invalidate all of this partition's RAM: a long stay at EL2, measured in
 * wall time by the generic counter, of which the cycle counter must show
 * only a small part. Reported only where the PMU can (scenario cpu-max).
 */
static void pmu_tests(void)
{
	u64 dfr0, c0, c1, t0, t1, freq = rt_counter_freq(), wall;

	__asm__ volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
	if (field(dfr0, 8) < 6 || field(dfr0, 8) == 0xf)
		return;
	__asm__ volatile("msr pmccfiltr_el0, %0" : : "r"(1ul << 27)); /* NSH: count EL2 */
	__asm__ volatile("msr pmcntenset_el0, %0" : : "r"(1ul << 31));
	__asm__ volatile("mrs x0, pmcr_el0\n orr x0, x0, #1\n msr pmcr_el0, x0\n isb" ::: "x0");
	t0 = rt_counter();
	__asm__ volatile("isb\n mrs %0, pmccntr_el0" : "=r"(c0));
	__asm__ volatile("dc cisw, %0" : : "r"(0ul) : "memory");
	__asm__ volatile("isb\n mrs %0, pmccntr_el0" : "=r"(c1));
	t1 = rt_counter();
	/* QEMU's cycle counter runs at 1 GHz: compare in nanoseconds. */
	wall = (t1 - t0) * 1000000000ul / freq;
	check("boot/pmu-cycles-hide-el2", wall > 100000 && (c1 - c0) * 4 < wall,
	      "%lu cycles counted over %lu ns at EL2 and EL1", c1 - c0, wall);
}

/**
 * A 16-bit Thumb load from emulated MMIO, from AArch32 EL0: partita must
 * resume at the next halfword (ESR_EL2.IL = 0), not 4 bytes on.
 */
static void thumb_mmio_test(void)
{
	static u16 code[8] __attribute__((aligned(64))) = {
		0x6982, /* ldr r2, [r0, #24]: the UART's flag register, emulated */
		0x2301, /* movs r3, #1 */
		0xdf00, /* svc #0 */
	};
	u64 pfr0, esr;
	u32 regs[4] = { RT_UART, 0, 0xdeadbeef, 0 };

	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
	if (field(pfr0, 0) != 2)
		return; /* no AArch32 at EL0 */
	__asm__ volatile("dc cvau, %0\n dsb ish\n ic ivau, %0\n dsb ish\n isb"
			 :
			 : "r"(code)
			 : "memory");
	esr = rt_run_a32_el0((u64)(uintptr_t)code, regs);
	check("boot/thumb16-mmio-resumes-next-halfword",
	      ESR_EC(esr) == 0x11 && regs[2] != 0xdeadbeef && regs[3] == 1,
	      "ESR 0x%lx, r2 0x%x, r3 %u", esr, regs[2], regs[3]);
}

void guest_main(u64 dtb)
{
	u64 start = (u64)(uintptr_t)_start, end = (u64)(uintptr_t)_end, mpidr, esr = 0;
	const u8 *d = (const u8 *)dtb;
	struct rt_fault f;

	check("boot/x0-is-dtb",
	      boot_regs.x0 == dtb && d[0] == 0xd0 && d[1] == 0x0d && d[2] == 0xfe && d[3] == 0xed,
	      "x0 0x%lx", boot_regs.x0);
	check("boot/x1-x3-zero", !boot_regs.x1 && !boot_regs.x2 && !boot_regs.x3,
	      "x1 0x%lx x2 0x%lx x3 0x%lx", boot_regs.x1, boot_regs.x2, boot_regs.x3);
	check("boot/el1h", boot_regs.current_el == (1 << 2) && boot_regs.spsel == 1,
	      "CurrentEL 0x%lx SPSel %lu", boot_regs.current_el, boot_regs.spsel);
	check("boot/daif-masked", boot_regs.daif == 0x3c0, "DAIF 0x%lx", boot_regs.daif);
	check("boot/mmu-off", !(boot_regs.sctlr & 1) && !(boot_regs.sctlr & 4), "SCTLR_EL1 0x%lx",
	      boot_regs.sctlr);
	check("boot/image-2m-aligned", (start & 0x1fffff) == 0, "image at 0x%lx", start);
	check("boot/dtb-above-image", dtb >= end && (dtb & 0x1fffff) == 0,
	      "DTB 0x%lx, image end 0x%lx", dtb, end);
	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	check("boot/mpidr", (mpidr & 0xff00ffffffUL) == 0 && (mpidr & (1UL << 31)), "MPIDR 0x%lx",
	      mpidr);

	/*
	 * ACTLR_EL1 controls the shared core, so partita traps it (HCR_EL2.TACR)
	 * and has nothing to emulate: the trap becomes an UNDEF for the guest.
	 */
	rt_expect_fault();
	__asm__ volatile("mrs %0, actlr_el1" : "=r"(esr));
	f = rt_fault_result();
	check("boot/unknown-trap-undef", f.taken && ESR_EC(f.esr) == 0, "taken %d ESR 0x%lx",
	      f.taken, f.esr);
	thumb_mmio_test();
	pauth_tests();
	pmu_tests();
}
