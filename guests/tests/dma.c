/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area dma/ (config/test-dma.c): partition "dma" owns QEMU's
 * edu device (00:02.0, StreamID 0x10) and turns its DMA engine on the rest
 * of the machine; partition "victim" keeps a guard pattern in its RAM and
 * checks it once the attacks are over. With the SMMU, the attacker's DMA
 * reaches its own RAM (at its IPAs, which are not its physical addresses),
 * and nothing else: not the victim's RAM, not partita's, not past its RAM;
 * partita counts the faults for the attacker.
 */
#include "its.h"
#include "rt.h"

#define ATTACKER_RAM 0x80000000UL /* IPA; its physical address is 0x44000000 */
#define ATTACKER_PA(ipa) ((ipa)-ATTACKER_RAM + 0x44000000UL)
#define VICTIM_GUARD 0x43000000UL    /* the victim's IPA of its guard ... */
#define VICTIM_GUARD_PA 0x4b000000UL /* ... and its physical address */
#define PARTITA_PA 0x43ff0000UL	     /* in partita's RAM (hyp), past its image */
#define BEYOND_RAM (ATTACKER_RAM + 0x4000000UL)
#define GUARD 0x5aUL
#define LEN 64

#define EDU_CFG RT_ECAM_DEV(2) /* 00:02.0 */
#define EDU_BAR 0x10000000UL
/* A second edu (00:04.0) whose configuration space it may write, but no partition's function. */
/* A second edu (00:04.0) that is no partition's function: not on its bus. */
#define UNOWNED_CFG RT_ECAM_DEV(4)
#define EDU_DMA_SRC 0x80
#define EDU_DMA_DST 0x88
#define EDU_DMA_CNT 0x90
#define EDU_DMA_CMD 0x98
#define EDU_DMA_START 1u
#define EDU_DMA_TO_RAM 2u
#define EDU_BUFFER 0x40000UL /* the device's own buffer, in its DMA address space */

static void wr64(u64 a, u64 v)
{
	*(volatile u64 *)a = v;
}

static u64 rd64(u64 a)
{
	return *(volatile u64 *)a;
}

/** One transfer of @len bytes by the edu at @bar; false if it never completed (2 s). */
static bool dma_len(u64 bar, u64 src, u64 dst, u32 cmd, u64 len)
{
	u64 end = rt_counter() + 2 * rt_counter_freq();

	wr64(bar + EDU_DMA_SRC, src);
	wr64(bar + EDU_DMA_DST, dst);
	wr64(bar + EDU_DMA_CNT, len);
	wr64(bar + EDU_DMA_CMD, cmd | EDU_DMA_START);
	while (rd64(bar + EDU_DMA_CMD) & EDU_DMA_START)
		if (rt_counter() > end)
			return false;
	return true;
}

static bool dma_on(u64 bar, u64 src, u64 dst, u32 cmd)
{
	return dma_len(bar, src, dst, cmd, LEN);
}

static bool edu_dma(u64 src, u64 dst, u32 cmd)
{
	return dma_on(EDU_BAR, src, dst, cmd);
}

#define PSCI_SYSTEM_RESET 0x84000009
#define RESTART_MAGIC 0x444d4152455354UL
/* Survive SYSTEM_RESET: partita reloads the image, not the rest of RAM. */
#define RESTART_MARK (ATTACKER_RAM + 0x3fff000)
#define RESTART_TARGET (ATTACKER_RAM + 0x3ffe000)

/**
 * Run 1 ends with a transfer into its own RAM still in flight (edu moves
 * the data 100 ms later) and a SYSTEM_RESET. Nothing of it may land in run
 * 2: partita stops the function's bus mastering while the partition is
 * down, and run 2, which does not enable it again, sees its RAM untouched.
 */
static void __attribute__((noreturn)) restart_with_dma_in_flight(void)
{
	volatile u8 *t = (volatile u8 *)RESTART_TARGET;

	for (u32 i = 0; i < LEN; i++)
		t[i] = 0;
	*(volatile u64 *)RESTART_MARK = RESTART_MAGIC;
	wr64(EDU_BAR + EDU_DMA_SRC, EDU_BUFFER);
	wr64(EDU_BAR + EDU_DMA_DST, RESTART_TARGET);
	wr64(EDU_BAR + EDU_DMA_CNT, LEN);
	wr64(EDU_BAR + EDU_DMA_CMD, EDU_DMA_TO_RAM | EDU_DMA_START);
	__asm__ volatile("dsb sy" ::: "memory");
	hvc_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	fail("dma/restart-in-flight", "SYSTEM_RESET returned");
	rt_system_off();
}

static void __attribute__((noreturn)) restart_run2(void)
{
	volatile u8 *t = (volatile u8 *)RESTART_TARGET;
	u32 arrived = 0;

	*(volatile u64 *)RESTART_MARK = 0;
	/* Well past the transfer's 100 ms. */
	rt_delay_us(300000);
	for (u32 i = 0; i < LEN; i++)
		arrived += t[i] != 0;
	check("dma/restart-dma-dropped", !arrived, "%u byte(s) of run 1's DMA arrived in run 2",
	      arrived);
	/*
	 * A device that faults without end: 16 bursts of 96 fault records.
	 * partita records 1024 of a partition's in a run, then its faults abort
	 * unrecorded: the 11th burst is the last counted (1056 in this run).
	 */
	if (check("dma/flood-edu-found", rt_edu_setup(EDU_CFG, EDU_BAR, 0), "no edu at 00:02.0")) {
		for (u32 i = 0; i < 16; i++)
			dma_len(EDU_BAR, EDU_BUFFER, BEYOND_RAM, EDU_DMA_TO_RAM, 384);
		pass("dma/flood-done");
	}
	rt_system_off();
}

static void attacker(void)
{
	volatile u8 *src = (volatile u8 *)(ATTACKER_RAM + 0x2000000);
	volatile u8 *dst = src + 0x1000;
	bool same = true;

	if (*(volatile u64 *)RESTART_MARK == RESTART_MAGIC)
		restart_run2();
	if (!check("dma/edu-found", rt_edu_setup(EDU_CFG, EDU_BAR, 0), "no edu at 00:02.0"))
		rt_system_off();
	/* Its own RAM, both ways, at IPAs that are not the physical addresses. */
	for (u32 i = 0; i < LEN; i++) {
		src[i] = (u8)(0xa0 + i);
		dst[i] = 0;
	}
	if (edu_dma((u64)src, EDU_BUFFER, 0) && edu_dma(EDU_BUFFER, (u64)dst, EDU_DMA_TO_RAM)) {
		for (u32 i = 0; i < LEN; i++)
			same &= dst[i] == (u8)(0xa0 + i);
		check("dma/own-ram", same, "the data did not arrive at IPA 0x%lx", (u64)dst);
	} else {
		fail("dma/own-ram", "edu's DMA did not complete");
	}
	/*
	 * A function no partition owns (its StreamID aborts, and partita stopped
	 * it at boot): this partition cannot even find it to program it.
	 */
	{
		u32 id = *(volatile u32 *)UNOWNED_CFG;

		check("dma/unowned-function-invisible", id == 0xffffffffu,
		      "00:04.0 reads 0x%x on its bus", id);
		*(volatile u32 *)(UNOWNED_CFG + 0x4) = 0x6; /* counted, no effect */
	}
	/* The attacks: the device's buffer into the victim's RAM, partita's, past its own. */
	rt_printf("dma/attacks: start\n");
	edu_dma(EDU_BUFFER, VICTIM_GUARD_PA, EDU_DMA_TO_RAM);
	edu_dma(EDU_BUFFER, PARTITA_PA, EDU_DMA_TO_RAM);
	edu_dma(EDU_BUFFER, BEYOND_RAM, EDU_DMA_TO_RAM);
	/*
	 * One burst of more fault records than partita handles per interrupt
	 * (64): QEMU records one per 4 bytes, 96 here, all before partita
	 * takes the interrupt; the rest must not wait for a next one.
	 */
	dma_len(EDU_BAR, EDU_BUFFER, BEYOND_RAM, EDU_DMA_TO_RAM, 384);
	pass("dma/attacks-done");
	restart_with_dma_in_flight();
}

static void victim(void)
{
	volatile u8 *g = (volatile u8 *)VICTIM_GUARD;
	u32 bad = 0;

	for (u32 i = 0; i < LEN; i++)
		g[i] = (u8)GUARD;
	/* The attacks take well under a second (each transfer 100 ms). */
	rt_delay_us(5000000);
	for (u32 i = 0; i < LEN; i++)
		bad += g[i] != (u8)GUARD;
	check("dma/victim-guard-intact", !bad, "%u of %u guard bytes overwritten by DMA", bad, LEN);
	rt_system_off();
}

void guest_main(u64 dtb)
{
	(void)dtb;
	/* The image runs where its partition's RAM is: that says which one this is. */
	if ((u64)(uintptr_t)&guest_main >= ATTACKER_RAM)
		attacker();
	else
		victim();
}
