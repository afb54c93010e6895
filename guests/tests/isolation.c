/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Area isolation/ (and console/input): a partition identity-mapped at
 * 0x4c000000 touches partita's RAM, another partition's RAM and a device it
 * was not given; each access must abort in this guest only. It then reads a
 * line of console input, and outlives its neighbour's SYSTEM_OFF. Cache
 * maintenance by set/way must trap (it would act on caches other partitions
 * share), and a guest that turns its MMU and caches on and off around it must
 * keep its data.
 */
#include "gic.h"
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

#define DC_ISW 0
#define DC_CISW 1

/**
 * One data cache operation by set/way on every set and way of every data or
 * unified cache level that CLIDR_EL1 names (DDI 0487, D7.4.2, the
 * CCSIDR_EL1 layout without FEAT_CCIDX). Returns the number of operations.
 */
static u64 setway_all(int op)
{
	u64 clidr, n = 0;

	__asm__ volatile("mrs %0, clidr_el1" : "=r"(clidr));
	for (u64 level = 0; level < 7; level++) {
		u64 ctype = (clidr >> (3 * level)) & 7, ccsidr;
		unsigned line_shift, way_shift;
		u64 ways, sets;

		if (ctype == 0)
			break;
		if (ctype < 2)
			continue; /* instruction cache only */
		__asm__ volatile("msr csselr_el1, %1\n isb\n mrs %0, ccsidr_el1"
				 : "=&r"(ccsidr)
				 : "r"(level << 1));
		line_shift = (unsigned)(ccsidr & 7) + 4;
		ways = ((ccsidr >> 3) & 0x3ff) + 1;
		sets = ((ccsidr >> 13) & 0x7fff) + 1;
		way_shift = ways > 1 ? (unsigned)__builtin_clz((unsigned)(ways - 1)) : 0;
		for (u64 w = 0; w < ways; w++) {
			for (u64 s = 0; s < sets; s++) {
				u64 v = (w << way_shift) | (s << line_shift) | (level << 1);

				if (op == DC_CISW)
					__asm__ volatile("dc cisw, %0" : : "r"(v) : "memory");
				else
					__asm__ volatile("dc isw, %0" : : "r"(v) : "memory");
				n++;
			}
		}
	}
	__asm__ volatile("dsb sy" ::: "memory");
	return n;
}

/* An identity map of the first 2 GiB: 1 GiB blocks, device below RAM, RAM write-back. */
static u64 l1_table[512] __attribute__((aligned(4096)));

#define MAIR_VALUE (0x04ul | (0xfful << 8)) /* attr0 Device-nGnRE, attr1 Normal WB */
/* T0SZ 25 (39-bit VA, tables from level 1), WB WA inner/outer, inner shareable, EPD1, IPS 40 bits
 */
#define TCR_VALUE (25ul | (1ul << 8) | (1ul << 10) | (3ul << 12) | (1ul << 23) | (2ul << 32))
#define SCTLR_M (1ul << 0)
#define SCTLR_C (1ul << 2)
#define SCTLR_I (1ul << 12)

static u64 sctlr_read(void)
{
	u64 v;

	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
	return v;
}

static void mmu_on(void)
{
	l1_table[0] = 0x00000000ul | (1ul << 10) | (3ul << 53) | 1;		/* AF, XN, attr0 */
	l1_table[1] = 0x40000000ul | (1ul << 10) | (3ul << 8) | (1ul << 2) | 1; /* AF, ISH, attr1 */
	__asm__ volatile("dsb sy\n"
			 "msr mair_el1, %0\n"
			 "msr tcr_el1, %1\n"
			 "msr ttbr0_el1, %2\n"
			 "isb\n"
			 "tlbi vmalle1\n"
			 "dsb nsh\n"
			 "isb\n"
			 "msr sctlr_el1, %3\n"
			 "isb"
			 :
			 : "r"(MAIR_VALUE), "r"(TCR_VALUE), "r"((u64)(uintptr_t)l1_table),
			   "r"(sctlr_read() | SCTLR_M | SCTLR_C | SCTLR_I)
			 : "memory");
}

static void mmu_off(void)
{
	__asm__ volatile("msr sctlr_el1, %0\n isb\n ic iallu\n dsb nsh\n isb"
			 :
			 : "r"(sctlr_read() & ~(SCTLR_M | SCTLR_C | SCTLR_I))
			 : "memory");
}

static void setway_tests(void)
{
	static volatile u32 buf[1024] __attribute__((aligned(64)));
	s64 e0, e1;
	u64 n, bad = 0;

	e0 = rt_exits();
	n = setway_all(DC_CISW);
	e1 = rt_exits();
	check("isolation/setway-cisw-traps", n && (u64)(e1 - e0) >= n,
	      "%ld exit(s) for %lu DC CISW", e1 - e0, n);
	e0 = rt_exits();
	n = setway_all(DC_ISW);
	e1 = rt_exits();
	check("isolation/setway-isw-traps", n && (u64)(e1 - e0) >= n, "%ld exit(s) for %lu DC ISW",
	      e1 - e0, n);

	/* While partita watches for the caches turning on, these writes trap: they must act. */
	mmu_on();
	check("isolation/setway-mmu-on",
	      (sctlr_read() & (SCTLR_M | SCTLR_C)) == (SCTLR_M | SCTLR_C), "SCTLR_EL1 0x%lx",
	      sctlr_read());
	for (u32 i = 0; i < ARRAY_SIZE(buf); i++)
		buf[i] = 0x5e700000u + i;
	setway_all(DC_CISW);
	mmu_off();
	for (u32 i = 0; i < ARRAY_SIZE(buf); i++)
		bad += buf[i] != 0x5e700000u + i;
	/*
	 * QEMU models no caches, so this holds on the old code too: what it
	 * guards is that the emulated MAIR/TCR/TTBR0/SCTLR writes and the
	 * set/way traps in between keep the guest running and its data intact.
	 */
	check("isolation/setway-data-kept", !bad && !(sctlr_read() & SCTLR_M),
	      "%lu of %zu words lost, SCTLR_EL1 0x%lx", bad, ARRAY_SIZE(buf), sctlr_read());
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

	setway_tests();

	read_line(line, sizeof(line), 5000000);
	check("console/input", !strcmp(line, "abc"), "got '%s'", line);

	/* The neighbour "psci" powers off long before this: we must still run. */
	rt_delay_us(1500000);
	pass("isolation/alive-after-neighbour-stop");
}
