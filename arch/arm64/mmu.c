/* SPDX-License-Identifier: MIT */
/**
 * @file
 * EL2 stage-1 translation. partita runs identity-mapped (VA = PA): its image
 * with W^X permissions, the rest of RAM as non-executable data (guest images
 * are copied there and guest queues read from there), and the few devices it
 * drives as device-nGnRE. 48-bit VA, 4 KiB granule, tables start at level 0.
 */
#include <arch/cache.h>
#include <arch/mmu.h>
#include <arch/sysreg.h>
#include <core/lib.h>

#define S1_POOL_PAGES 64

static u64 s1_pages[S1_POOL_PAGES][PT_ENTRIES] __attribute__((aligned(4096)));
static u64 s1_root[PT_ENTRIES] __attribute__((aligned(4096)));
static struct pt_pool s1_pool = { s1_pages, S1_POOL_PAGES, 0 };
static struct pt s1 = { s1_root, 0, PT_ENTRIES, &s1_pool };

/* Section boundaries from the linker script. */
extern char _head[], __text_end[], __rodata_end[], _end[];

bool mmu_map(u64 pa, u64 size, u64 attrs)
{
	return pt_map(&s1, ALIGN_DOWN(pa, SZ_4K), ALIGN_DOWN(pa, SZ_4K),
		      ALIGN_UP(pa + size, SZ_4K) - ALIGN_DOWN(pa, SZ_4K), attrs) == 0;
}

bool mmu_map_ram(u64 ram_base, u64 ram_size)
{
	u64 head = (u64)(uintptr_t)_head, text_end = (u64)(uintptr_t)__text_end;
	u64 ro_end = (u64)(uintptr_t)__rodata_end, end = ALIGN_UP((u64)(uintptr_t)_end, SZ_4K);
	u64 ram_end = ram_base + ram_size;

	if (head < ram_base || end > ram_end)
		return false;
	return mmu_map(ram_base, head - ram_base, PT_S1_RW_DATA) &&
	       mmu_map(head, text_end - head, PT_S1_CODE) &&
	       mmu_map(text_end, ro_end - text_end, PT_S1_RO_DATA) &&
	       mmu_map(ro_end, end - ro_end, PT_S1_RW_DATA) &&
	       (end == ram_end || mmu_map(end, ram_end - end, PT_S1_RW_DATA));
}

unsigned mmu_pa_bits(void)
{
	static const unsigned bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	u64 range = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return range < ARRAY_SIZE(bits) ? bits[range] : 48;
}

void mmu_enable(bool boot_cpu)
{
	u64 ps = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	u64 tcr;

	if (ps > 5)
		ps = 5; /* 48 bits: what a 4 KiB, 4-level regime can output */
	/* T0SZ=16, IRGN0/ORGN0 write-back, SH0 inner, TG0 4 KiB, PS, RES1 bits 23 and 31 */
	tcr = 16 | (1 << 8) | (1 << 10) | (3 << 12) | (ps << 16) | BIT(23) | BIT(31);

	/*
	 * The boot CPU wrote BSS and the tables with the MMU off, straight to memory:
	 * drop any stale lines an earlier boot stage left. Never on a later CPU, whose
	 * invalidation would discard the boot CPU's cached writes.
	 */
	if (boot_cpu)
		arch_dcache_inval((u64)(uintptr_t)_head,
				  (u64)(uintptr_t)_end - (u64)(uintptr_t)_head);
	write_sysreg(mair_el2, MAIR_EL2_VALUE);
	write_sysreg(tcr_el2, tcr);
	write_sysreg(ttbr0_el2, (u64)(uintptr_t)s1_root);
	isb();
	__asm__ volatile("tlbi alle2\n dsb nsh\n isb" ::: "memory");
	write_sysreg(sctlr_el2,
		     read_sysreg(sctlr_el2) | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA | SCTLR_WXN);
	isb();
	arch_icache_inval_all();
}

/** MAIR, TCR, TTBR0 and SCTLR of EL2 for the secondary CPUs' entry code (head.S). */
u64 mmu_boot_regs[4] __attribute__((aligned(64)));

void mmu_publish(void)
{
	mmu_boot_regs[0] = read_sysreg(mair_el2);
	mmu_boot_regs[1] = read_sysreg(tcr_el2);
	mmu_boot_regs[2] = read_sysreg(ttbr0_el2);
	mmu_boot_regs[3] = read_sysreg(sctlr_el2);
	/* The secondaries read these with their MMU off, straight from memory. */
	arch_dcache_clean((u64)(uintptr_t)mmu_boot_regs, sizeof(mmu_boot_regs));
}

void stage2_init_cpu(void)
{
	u64 ps = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	u64 vtcr;

	if (ps > 2)
		ps = 2; /* 40-bit output is all a 40-bit IPA space needs */
	/* T0SZ, SL0=1 (start at level 1), IRGN0/ORGN0 WB, SH0 inner, TG0 4 KiB, PS, RES1 bit 31 */
	vtcr = (64 - STAGE2_IPA_BITS) | (1 << 6) | (1 << 8) | (1 << 10) | (3 << 12) | (ps << 16) |
	       BIT(31);
	write_sysreg(vtcr_el2, vtcr);
	isb();
}
