/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Area isolation/ (and console/input): a partition identity-mapped at
 * 0x4c000000 touches partita's RAM, another partition's RAM and a device it
 * was not given; each access must abort in this guest only. It then reads a
 * line of console input, and outlives its neighbour's SYSTEM_OFF.
 */
#include "rt.h"

#define HYP_RAM 0x40200000UL	    /* partita's image */
#define OTHER_RAM 0x44000000UL	    /* partition "psci" */
#define UNASSIGNED_DEV 0x09010000UL /* the PL031 RTC, given to nobody */
#define EC_DABT_CUR 0x25
#define FSC_SEA 0x10

static bool is_sea(u64 esr)
{
	return ESR_EC(esr) == EC_DABT_CUR && (esr & 0x3f) == FSC_SEA;
}

static void probe(const char *name, u64 addr, bool write)
{
	u64 esr = 0;
	u32 v = 0;
	bool ok = write ? rt_write32(addr, 0xdeadbeef, &esr) : rt_read32(addr, &v, &esr);

	check(name, !ok && is_sea(esr) && (!write || (esr & (1 << 6))), "access %s, ESR 0x%lx",
	      ok ? "succeeded" : "aborted", esr);
}

static void read_line(char *buf, size_t n, u64 timeout_us)
{
	u64 end = rt_counter() + timeout_us * rt_counter_freq() / 1000000;
	size_t len = 0;

	while (rt_counter() < end) {
		int c = rt_getc();

		if (c < 0)
			continue;
		if (c == '\n')
			break;
		if (len + 1 < n)
			buf[len++] = (char)c;
	}
	buf[len] = '\0';
}

void guest_main(u64 dtb)
{
	volatile u32 *last = (volatile u32 *)((u64)(uintptr_t)_start + 0x4000000 - 4);
	char line[32];

	(void)dtb;
	*last = 0x600dcafe;
	check("isolation/own-ram", *last == 0x600dcafe && (u64)(uintptr_t)_start == 0x4c000000,
	      "read back 0x%x at image 0x%lx", *last, (u64)(uintptr_t)_start);
	probe("isolation/hyp-ram-read", HYP_RAM, false);
	probe("isolation/hyp-ram-write", HYP_RAM, true);
	probe("isolation/other-ram-read", OTHER_RAM, false);
	probe("isolation/other-ram-write", OTHER_RAM, true);
	probe("isolation/unassigned-device-read", UNASSIGNED_DEV, false);
	probe("isolation/unassigned-device-write", UNASSIGNED_DEV, true);
	probe("isolation/beyond-ram", 0x4c000000UL + 0x4000000, false);

	/* Executing outside its RAM: an instruction abort for this guest. */
	{
		void (*outside)(void) = (void (*)(void))(uintptr_t)(0x4c000000UL + 0x4000000);
		struct rt_fault f;

		rt_expect_fault();
		outside();
		f = rt_fault_result();
		check("isolation/exec-outside-ram",
		      f.taken && ESR_EC(f.esr) == 0x21 && (f.esr & 0x3f) == FSC_SEA,
		      "taken %d ESR 0x%lx", f.taken, f.esr);
	}

	read_line(line, sizeof(line), 5000000);
	check("console/input", !strcmp(line, "abc"), "got '%s'", line);

	/* The neighbour "psci" powers off long before this: we must still run. */
	rt_delay_us(1500000);
	pass("isolation/alive-after-neighbour-stop");
}
