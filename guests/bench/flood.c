/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The other partition of make bench's flood run (config/bench-flood.c):
 * while the benchmark guest measures, this one floods its own ITS command
 * queue, 32,767 commands per CWRITER write (MAPTI and DISCARD of its own
 * device's events, each a physical ITS command under partita), round after
 * round until scripts/bench.sh stops the machine once the benchmark is done
 * (or FLOOD_ROUNDS, a safety bound far beyond that). It prints "FLOOD
 * start", and "FLOOD done ..." if it ever ends, so that bench.sh can check
 * the flood covered the benchmark's MSI figure.
 */
#include "gic.h"
#include "its.h"

#define DEV 0x18
#define QBYTES (1UL << 20)
#define FLOOD_ROUNDS 100000 /* 3.3 billion commands */

static u8 q[QBYTES] __attribute__((aligned(65536)));
static u8 devtab[65536] __attribute__((aligned(65536)));
static u8 colltab[65536] __attribute__((aligned(65536)));
static u8 itt[4096] __attribute__((aligned(4096)));

void guest_main(u64 dtb)
{
	u64 w = 0, total = 0, rd;
	u32 rounds = 0;
	volatile u64 *slot = (volatile u64 *)q;

	(void)dtb;
	rt_gic_init();
	rt_gic_cpu_init();
	rd = bits_get(*(volatile u64 *)(rt_gicr() + GICR_TYPER), 23, 8) << 16;
	its_wr(GITS_BASER0, BIT(63) | (u64)(uintptr_t)devtab | (2ULL << 8));
	its_wr(GITS_BASER1, BIT(63) | (u64)(uintptr_t)colltab | (2ULL << 8));
	its_wr(GITS_CBASER, BIT(63) | (u64)(uintptr_t)q | (QBYTES / 4096 - 1));
	its_wr(GITS_CWRITER, 0);
	mmio_write32(GITS + GITS_CTLR, 1);
	/* MAPC 0 and MAPD of its device, 32 events. */
	slot[0] = CMD_MAPC;
	slot[1] = 0;
	slot[2] = BIT(63) | rd;
	slot[3] = 0;
	slot[4] = CMD_MAPD | (u64)DEV << 32;
	slot[5] = 4;
	slot[6] = BIT(63) | (u64)(uintptr_t)itt;
	slot[7] = 0;
	w = 64;
	__asm__ volatile("dsb ishst" ::: "memory");
	its_wr(GITS_CWRITER, w);
	while (its_rd(GITS_CREADR) != w)
		;
	rt_printf("FLOOD start\n");
	while (rounds < FLOOD_ROUNDS) {
		w = rt_its_flood_fill(q, QBYTES, w, DEV, 8192);
		its_wr(GITS_CWRITER, w);
		while (its_rd(GITS_CREADR) != w)
			;
		total += QBYTES / 32 - 1;
		rounds++;
	}
	rt_printf("FLOOD done %lu commands in %u rounds\n", total, rounds);
}
