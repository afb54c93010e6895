/* SPDX-License-Identifier: MIT */
/** @file ITS helpers of the guest runtime (see its.h). */
#include "gic.h"
#include "its.h"

u64 rt_its_flood_fill(u8 *q, u64 qbytes, u64 w, u32 devid, u32 lpi)
{
	for (u64 n = 0; n < qbytes / 32 - 1; n++) {
		volatile u64 *slot = (volatile u64 *)&q[w];
		u32 ev = (u32)(n / 2 % 32);

		slot[0] = ((n & 1) ? CMD_DISCARD : CMD_MAPTI) | (u64)devid << 32;
		slot[1] = ev | ((n & 1) ? 0 : (u64)lpi << 32);
		slot[2] = 0;
		slot[3] = 0;
		w = (w + 32) % qbytes;
	}
	/* The commands before CWRITER, as Linux's wmb() before its write. */
	__asm__ volatile("dsb ishst" ::: "memory");
	return w;
}

/* --- a minimal ITS driver, as a guest OS has one ---------------------------------------- */

#define RT_QBYTES 65536

/* In .noinit: every guest links the runtime, only those that use the ITS clear them. */
#define RT_ITS_TABLE __attribute__((aligned(65536), section(".noinit")))
static u8 cmdq[RT_QBYTES] RT_ITS_TABLE;
static u8 devtab[65536] RT_ITS_TABLE;
static u8 colltab[65536] RT_ITS_TABLE;
static u8 prop[65536] RT_ITS_TABLE;
static u8 pend[65536] RT_ITS_TABLE;
static u8 itts[4][4096] __attribute__((aligned(4096), section(".noinit")));

static void zero(void *p, u64 bytes)
{
	for (u64 *w = p; bytes >= 8; bytes -= 8)
		*w++ = 0;
}
static u64 cwriter, rdbase;
static u32 ndev;

void rt_its_cmd(u64 c0, u64 c1, u64 c2)
{
	volatile u64 *slot = (volatile u64 *)&cmdq[cwriter];

	slot[0] = c0;
	slot[1] = c1;
	slot[2] = c2;
	slot[3] = 0;
	cwriter = (cwriter + 32) % RT_QBYTES;
}

bool rt_its_go(void)
{
	__asm__ volatile("dsb ishst" ::: "memory");
	its_wr(GITS_CWRITER, cwriter);
	for (u32 i = 0; i < 1000000; i++)
		if (its_rd(GITS_CREADR) == cwriter)
			return true;
	return false;
}

bool rt_its_init(void)
{
	u64 rd = rt_gicr(), typer = its_rd(GITS_TYPER);

	zero(cmdq, sizeof(cmdq));
	zero(devtab, sizeof(devtab));
	zero(colltab, sizeof(colltab));
	zero(prop, sizeof(prop));
	zero(pend, sizeof(pend));
	zero(itts, sizeof(itts));
	for (u32 i = 0; i < 64; i++)
		prop[i] = 0xa0 | 1; /* LPIs 8192..8255: priority 0xa0, enabled */
	*(volatile u64 *)(rd + GICR_PROPBASER) = (u64)(uintptr_t)prop | (16 - 1);
	*(volatile u64 *)(rd + GICR_PENDBASER) = (u64)(uintptr_t)pend;
	__asm__ volatile("dsb sy" ::: "memory");
	mmio_write32(rd + GICR_CTLR, 1);
	/* With PTA, RDbase is the redistributor's address; without, its processor number. */
	rdbase = (typer & BIT(19)) ? rd : bits_get(*(volatile u64 *)(rd + GICR_TYPER), 23, 8) << 16;
	its_wr(GITS_BASER0, BIT(63) | (u64)(uintptr_t)devtab | (2ULL << 8));
	its_wr(GITS_BASER1, BIT(63) | (u64)(uintptr_t)colltab | (2ULL << 8));
	its_wr(GITS_CBASER, BIT(63) | (u64)(uintptr_t)cmdq | (RT_QBYTES / 4096 - 1));
	its_wr(GITS_CWRITER, 0);
	cwriter = 0;
	ndev = 0;
	mmio_write32(GITS + GITS_CTLR, 1);
	rt_its_cmd(CMD_MAPC, 0, BIT(63) | rdbase); /* collection 0: this CPU */
	rt_its_cmd(CMD_SYNC, 0, rdbase);
	return rt_its_go();
}

bool rt_its_map(u32 devid, u32 event, u32 lpi)
{
	if (ndev >= 4)
		return false;
	/* MAPD with 32 events (ITT of its own), then MAPTI to collection 0, SYNC. */
	rt_its_cmd(CMD_MAPD | (u64)devid << 32, 4, BIT(63) | (u64)(uintptr_t)itts[ndev++]);
	rt_its_cmd(CMD_MAPTI | (u64)devid << 32, event | (u64)lpi << 32, 0);
	rt_its_cmd(CMD_SYNC, 0, rdbase);
	return rt_its_go();
}

u64 rt_its_rdbase(void)
{
	return rdbase;
}
