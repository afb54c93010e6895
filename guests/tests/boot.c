/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Area boot/: the guest boot contract (what an arm64 OS expects, as under
 * qemu -kernel): x0 = DTB above the image, x1-x3 = 0, EL1h, DAIF masked, MMU
 * off, a 2 MiB-aligned image, MPIDR as the DT says; and an unhandled trap
 * becomes an undefined-instruction exception for the guest.
 */
#include "rt.h"

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

	/* The physical timer is not the guest's: the trap becomes an UNDEF for it. */
	rt_expect_fault();
	__asm__ volatile("mrs %0, cntp_ctl_el0" : "=r"(esr));
	f = rt_fault_result();
	check("boot/unknown-trap-undef", f.taken && ESR_EC(f.esr) == 0, "taken %d ESR 0x%lx",
	      f.taken, f.esr);
}
