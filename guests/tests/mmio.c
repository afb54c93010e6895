/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Area mmio/ (and console/input-switch): accesses to an emulated device (the
 * partition's PL011) in the forms compilers emit, including those whose
 * abort syndrome carries no register information (ISV=0): pre- and
 * post-indexed writeback, register offset, pairs, sign extension; a width the
 * register does not allow and an undecodable form become aborts for this
 * guest; unimplemented offsets read as zero.
 */
#include "rt.h"

#define U RT_UART
#define IBRD 0x24
#define FBRD 0x28

static bool aborted(void)
{
	struct rt_fault f = rt_fault_result();

	return f.taken && ESR_EC(f.esr) == 0x25 && (f.esr & 0x3f) == 0x10;
}

void guest_main(u64 dtb)
{
	u64 x0, x1, x2, x3;
	char line[32];
	size_t len = 0;
	u64 end;

	(void)dtb;
	mmio_write32(U + IBRD, 0x1234);
	check("mmio/store-load", mmio_read32(U + IBRD) == 0x1234, "IBRD 0x%x",
	      mmio_read32(U + IBRD));

	x0 = U;
	x1 = 0x2345;
	__asm__ volatile("str %w1, [%0, #0x24]!" : "+r"(x0) : "r"(x1) : "memory");
	check("mmio/str-pre-index", x0 == U + IBRD && mmio_read32(U + IBRD) == 0x2345,
	      "x0 0x%lx IBRD 0x%x", x0, mmio_read32(U + IBRD));

	x0 = U + IBRD;
	__asm__ volatile("ldr %w1, [%0], #4" : "+r"(x0), "=r"(x1) : : "memory");
	check("mmio/ldr-post-index", x0 == U + FBRD && x1 == 0x2345, "x0 0x%lx x1 0x%lx", x0, x1);

	x0 = U;
	x1 = 0x1111;
	x2 = 0x2a;
	__asm__ volatile("stp %w1, %w2, [%0, #0x24]" : : "r"(x0), "r"(x1), "r"(x2) : "memory");
	check("mmio/stp", mmio_read32(U + IBRD) == 0x1111 && mmio_read32(U + FBRD) == 0x2a,
	      "IBRD 0x%x FBRD 0x%x", mmio_read32(U + IBRD), mmio_read32(U + FBRD));
	__asm__ volatile("ldp %w0, %w1, [%2, #0x24]" : "=r"(x3), "=r"(x2) : "r"(x0) : "memory");
	check("mmio/ldp", x3 == 0x1111 && x2 == 0x2a, "0x%lx 0x%lx", x3, x2);

	__asm__ volatile("ldp %w1, %w2, [%0, #0x24]!" : "+r"(x0), "=r"(x3), "=r"(x2) : : "memory");
	check("mmio/ldp-pre-index", x0 == U + IBRD && x3 == 0x1111 && x2 == 0x2a,
	      "x0 0x%lx 0x%lx 0x%lx", x0, x3, x2);

	x0 = U + 0x100;
	__asm__ volatile("stp %w1, %w2, [%0], #-0xdc" : "+r"(x0) : "r"(x1), "r"(x2) : "memory");
	check("mmio/stp-post-index", x0 == U + IBRD, "x0 0x%lx", x0);

	x0 = U;
	x2 = IBRD;
	__asm__ volatile("ldr %w0, [%1, %2]" : "=r"(x1) : "r"(x0), "r"(x2) : "memory");
	check("mmio/ldr-register-offset", x1 == 0x1111, "0x%lx", x1);

	/* PCellID3 is 0xb1: a sign-extending load must give 0x...ffb1. */
	x0 = U;
	__asm__ volatile("ldrsb %1, [%0, #0xffc]" : "+r"(x0), "=r"(x1) : : "memory");
	x0 = U + 0x1000;
	__asm__ volatile("ldrsb %1, [%0, #-4]!" : "+r"(x0), "=r"(x2) : : "memory");
	check("mmio/ldrsb-sign-extend", x1 == 0xffffffffffffffb1UL && x2 == x1 && x0 == U + 0xffc,
	      "0x%lx 0x%lx x0 0x%lx", x1, x2, x0);

	check("mmio/id-registers",
	      mmio_read32(U + 0xfe0) == 0x11 && mmio_read32(U + 0xfe4) == 0x10 &&
		  mmio_read32(U + 0xff0) == 0x0d && mmio_read32(U + 0xffc) == 0xb1,
	      "0x%x", mmio_read32(U + 0xfe0));

	mmio_write32(U + 0x100, 0x55);
	check("mmio/unimplemented-raz-wi",
	      mmio_read32(U + 0x100) == 0 && mmio_read32(U + 0xf00) == 0, "0x%x",
	      mmio_read32(U + 0x100));

	rt_expect_fault();
	x1 = *(volatile u64 *)(U + 0x20);
	check("mmio/bad-width-abort", aborted(), "64-bit read of a 32-bit register completed");

	rt_expect_fault();
	x0 = U + IBRD;
	__asm__ volatile("ldxr %w0, [%1]" : "=r"(x1) : "r"(x0) : "memory");
	check("mmio/undecodable-abort", aborted(), "an exclusive load completed");

	x0 = U + 0xffc;
	rt_expect_fault();
	__asm__ volatile("ldp %w0, %w1, [%2]" : "=r"(x1), "=r"(x2) : "r"(x0) : "memory");
	check("mmio/pair-crossing-page-abort", aborted(),
	      "a pair crossing the device page completed");

	end = rt_counter() + 5 * rt_counter_freq();
	while (rt_counter() < end) {
		int c = rt_getc();

		if (c == '\n')
			break;
		if (c >= 0 && len + 1 < sizeof(line))
			line[len++] = (char)c;
	}
	line[len] = '\0';
	check("console/input-switch", !strcmp(line, "xyz"), "got '%s'", line);
}
