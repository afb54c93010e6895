/* SPDX-License-Identifier: MIT */
/** @file Cache maintenance to the point of coherency, line by line. */
#include <arch/cache.h>
#include <arch/sysreg.h>

static u64 dcache_line(void)
{
	return 4ULL << bits_get(read_sysreg(ctr_el0), 19, 16);
}

#define DCACHE_RANGE(op) \
	do { \
		u64 line = dcache_line(); \
		u64 a = ALIGN_DOWN(va, line); \
		for (; a < va + size; a += line) \
			__asm__ volatile("dc " op ", %0" : : "r"(a) : "memory"); \
		dsb(sy); \
	} while (0)

void arch_dcache_clean(u64 va, u64 size)
{
	DCACHE_RANGE("cvac");
}

void arch_dcache_clean_inval(u64 va, u64 size)
{
	DCACHE_RANGE("civac");
}

void arch_dcache_inval(u64 va, u64 size)
{
	DCACHE_RANGE("ivac");
}

void arch_icache_inval_all(void)
{
	__asm__ volatile("ic ialluis\n dsb ish\n isb" ::: "memory");
}
