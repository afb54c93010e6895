// SPDX-License-Identifier: MIT
/**
 * @file
 * System tests, area pci/ (config/test-pci.c): one host bridge split
 * between three partitions at function granularity, each owning one edu
 * (host 00:02.0, 00:03.0, and 01:00.0 behind a PCIe root port) that it
 * finds at 00:01.0 on its virtual host bridge. Each enumerates its bus and
 * sees exactly that function; sizes BAR0 and finds it where partita placed
 * it; tries to move it into a neighbour's window, over partita's RAM, over
 * the GIC distributor and the ITS, and to aim MSIs elsewhere than its
 * doorbell, each refused; drives the edu and takes exactly its own MSIs,
 * then its INTx (p1's and p3's edu share a physical line): held while the
 * guest disables it, delivered as its own SPI 36 only, raised again while
 * the device still asserts. The first partition then restarts with a DMA and its completion MSI in
 * flight: neither lands in its next run, and the edu works again there.
 */
#include <core/lib.h>
#include "gic.h"
#include "its.h"
#include "rt.h"

#define CFG RT_ECAM_DEV(1) /* 00:01.0 on its own bus */
#define EDU_ID 0x11e81234u
#define LPI 8192
#define GUEST_DEVID 0x08      /* 00:01.0: its DTS's msi-map is the identity */
#define WINDOW_1 0x10000000UL /* where partita places each partition's BAR0 */
#define EDU_LIVENESS 0x04
#define EDU_DMA_SRC 0x80
#define EDU_DMA_DST 0x88
#define EDU_DMA_CNT 0x90
#define EDU_DMA_CMD 0x98
#define EDU_BUFFER 0x40000UL
#define PSCI_SYSTEM_RESET 0x84000009
#define RESTART_MAGIC 0x50434952455354UL
#define RAM_SIZE 0x4000000UL

/* 00:01.0's INTA on its virtual host bridge: SPI 3 + (0 + 1) % 4 (its DT's interrupt-map). */
#define INTX 36
#define EDU_STATUS_INTX (1u << 19) /* Status.Interrupt, in the Command word */

static volatile u32 lpis, others, intxs;
static u32 part; /* 1, 2 or 3: which window partita placed its BAR0 in */
static u64 edu_bar;
static volatile u32 intx_ack_after; /* INTx interrupts to take before acknowledging the edu */

/** Case @n of this partition: "pci/p<part>/<n>" (three partitions report the same cases). */
static const char *N(const char *n)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "pci/p%u/%s", part, n);
	return buf;
}

static void handler(u32 intid)
{
	if (intid == LPI) {
		lpis++;
	} else if (intid == INTX) {
		/*
		 * Level: acknowledged at the device, or it is raised again once
		 * completed. Every cause: run 1's DMA completion is one in run 2.
		 */
		if (++intxs >= intx_ack_after)
			mmio_write32(edu_bar + EDU_ACK, ~0u);
	} else {
		others++;
	}
}

static u32 cfg_rd(u32 dev, u32 fn, u32 reg)
{
	return mmio_read32(RT_ECAM + ((u64)dev << 15 | (u64)fn << 12 | reg));
}

/** Its bus: exactly one function, the edu at 00:01.0. */
static void enumerate(void)
{
	u32 found = 0, where = 0;

	for (u32 dev = 0; dev < 32; dev++)
		for (u32 fn = 0; fn < 8; fn++)
			if (cfg_rd(dev, fn, 0) != 0xffffffffu) {
				found++;
				where = dev << 3 | fn;
			}
	check(N("one-function"), found == 1 && where == 0x08 && cfg_rd(1, 0, 0) == EDU_ID,
	      "%u function(s), the last at 00:%02x.%x", found, where >> 3, where & 7);
}

/** BAR0: sized and placed by partita; nothing else may be written there. */
static u64 bars(void)
{
	u32 bar = mmio_read32(CFG + 0x10) & ~0xfu, size;
	const u32 targets[4] = { bar ^ 0x00100000u /* a neighbour's window */,
				 0x40000000 /* partita's RAM */, 0x08000000 /* the GICD */,
				 0x08080000 /* the ITS */ };
	bool stayed = true;

	mmio_write32(CFG + 0x10, 0xffffffff);
	size = ~(mmio_read32(CFG + 0x10) & ~0xfu) + 1;
	mmio_write32(CFG + 0x10, bar);
	check(N("bar-sized"), size == 0x100000 && (mmio_read32(CFG + 0x10) & ~0xfu) == bar,
	      "BAR0 0x%x, size 0x%x", bar, size);
	check(N("bar-in-window"), bar >= WINDOW_1 && bar < WINDOW_1 + 0x300000 && !(bar & 0xfffff),
	      "BAR0 at 0x%x", bar);
	for (u32 i = 0; i < 4; i++) {
		mmio_write32(CFG + 0x10, targets[i]);
		stayed &= (mmio_read32(CFG + 0x10) & ~0xfu) == bar;
	}
	check(N("bar-moves-refused"), stayed, "BAR0 reads 0x%x", mmio_read32(CFG + 0x10));
	/* The host BDF of the first partition's edu is no function of this bus: counted. */
	mmio_write32(RT_ECAM_DEV(2) + 0x04, 0x6);
	return bar;
}

/** The edu answers at its BAR, and its MSIs come as this partition's LPI, only. */
static void msis(u64 bar, const char *name)
{
	u32 got;

	/* An MSI address that is not the doorbell: refused (MSI at 0x40 in edu). */
	mmio_write32(CFG + 0x44, 0x40000000);
	check(N("msi-address-refused"), mmio_read32(CFG + 0x44) != 0x40000000, "MSI address 0x%x",
	      mmio_read32(CFG + 0x44));
	if (!check(N("its-map"), rt_its_init() && rt_its_map(GUEST_DEVID, 0, LPI), "ITS"))
		return;
	if (!check(N("edu-setup"), rt_edu_setup(CFG, bar, 0), "no edu with MSI"))
		return;
	mmio_write32(bar + EDU_LIVENESS, 0x12345678);
	check(N("edu-at-bar"),
	      mmio_read32(bar) == 0x010000ed && mmio_read32(bar + EDU_LIVENESS) == ~0x12345678u,
	      "edu ID 0x%x", mmio_read32(bar));
	lpis = others = 0;
	for (u32 i = 0; i < 10; i++) {
		mmio_write32(bar + EDU_RAISE, 1);
		for (u32 n = 0; n < 100000 && lpis < i + 1; n++)
			;
		mmio_write32(bar + EDU_ACK, 1);
	}
	/* Let the others' MSIs, if any crossed over, arrive too. */
	rt_delay_us(200000);
	got = lpis;
	check(N(name), got == 10 && others == 0, "%u LPI(s) for 10 MSIs, %u other interrupt(s)",
	      got, others);
}

/**
 * INTx of the edu, MSI off: held while the guest's InterruptDisable is set
 * (the device shows it asserts), then 10 interrupts as its SPI 36 for 10
 * raises, nothing else; one left unacknowledged comes again.
 */
static void intx(const char *name)
{
	u32 held, got;

	mmio_write32(CFG + 0x40, mmio_read32(CFG + 0x40) & ~(1u << 16)); /* MSI off */
	intxs = others = 0;
	intx_ack_after = 1;
	edu_bar = mmio_read32(CFG + 0x10) & ~0xfu;
	rt_gic_enable(INTX);
	mmio_write32(CFG + 0x04, mmio_read32(CFG + 0x04) | 0x400 | 0x6);
	mmio_write32(edu_bar + EDU_RAISE, 1);
	rt_delay_us(50000);
	held = mmio_read32(CFG + 0x04);
	check(N("intx-disabled-held"), intxs == 0 && (held & EDU_STATUS_INTX) && (held & 0x400),
	      "%u interrupt(s) while disabled; Command/Status 0x%x", intxs, held);
	/* Enabled: the one pending arrives, then one per raise. */
	mmio_write32(CFG + 0x04, (mmio_read32(CFG + 0x04) & 0xffff) & ~0x400u);
	for (u32 i = 1; i <= 10; i++) {
		/* Each taken before the next raise (a raise while one waits adds none). */
		u64 end = rt_counter() + rt_counter_freq();

		while (intxs < i && rt_counter() < end)
			;
		if (i < 10)
			mmio_write32(edu_bar + EDU_RAISE, 1);
	}
	rt_delay_us(100000);
	got = intxs;
	check(N(name), got == 10 && others == 0, "%u INTx interrupt(s) for 10 raises, %u other(s)",
	      got, others);
	/* Taken but not acknowledged at the device: completed, it is raised again. */
	intxs = 0;
	intx_ack_after = 2;
	mmio_write32(edu_bar + EDU_RAISE, 1);
	rt_delay_us(100000);
	check(N("intx-level-again"), intxs == 2 && others == 0,
	      "%u interrupt(s) for one raise acknowledged on the second", intxs);
	rt_gic_disable(INTX);
	mmio_write32(CFG + 0x04, mmio_read32(CFG + 0x04) | 0x400);
}

/** Run 1 of the first partition ends with a DMA and its MSI in flight, then SYSTEM_RESET. */
static void restart_in_flight(u64 bar)
{
	volatile u8 *src = (volatile u8 *)((u64)(uintptr_t)rt_reset_page(RAM_SIZE) + 0x200);
	u64 end = rt_counter() + 2 * rt_counter_freq();

	/* A pattern into the device's buffer first, so that what it moves back shows. */
	for (u32 i = 0; i < 64; i++)
		src[i] = (u8)(0xa0 + i);
	*(volatile u64 *)(bar + EDU_DMA_SRC) = (u64)(uintptr_t)src;
	*(volatile u64 *)(bar + EDU_DMA_DST) = EDU_BUFFER;
	*(volatile u64 *)(bar + EDU_DMA_CNT) = 64;
	*(volatile u64 *)(bar + EDU_DMA_CMD) = 1; /* start, to the device */
	while ((*(volatile u64 *)(bar + EDU_DMA_CMD) & 1) && rt_counter() < end)
		;
	*rt_reset_page(RAM_SIZE) = RESTART_MAGIC;
	*(volatile u64 *)(bar + EDU_DMA_SRC) = EDU_BUFFER;
	*(volatile u64 *)(bar + EDU_DMA_DST) = (u64)(uintptr_t)rt_reset_page(RAM_SIZE) + 0x100;
	*(volatile u64 *)(bar + EDU_DMA_CNT) = 64;
	*(volatile u64 *)(bar + EDU_DMA_CMD) = 1 | 2 | 4; /* start, to RAM, MSI when done */
	__asm__ volatile("dsb sy" ::: "memory");
	hvc_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	fail(N("restart"), "SYSTEM_RESET returned");
}

/** Run 2: nothing of run 1 arrived; the edu works again once set up. */
static void run2(u64 bar)
{
	volatile u8 *t = (volatile u8 *)((u64)(uintptr_t)rt_reset_page(RAM_SIZE) + 0x100);
	u32 arrived = 0;

	*rt_reset_page(RAM_SIZE) = 0;
	rt_irq_enable();
	rt_delay_us(300000); /* well past edu's 100 ms */
	for (u32 i = 0; i < 64; i++)
		arrived += t[i] != 0;
	check(N("restart-nothing-arrived"), arrived == 0 && lpis == 0 && others == 0,
	      "%u byte(s) of run 1's DMA, %u interrupt(s) in run 2", arrived, lpis + others);
	msis(bar, "msis-after-restart");
	intx("intx-after-restart");
}

void guest_main(u64 dtb)
{
	u64 bar;

	(void)dtb;
	rt_gic_init();
	rt_gic_cpu_init();
	rt_gic_set_handler(handler);
	bar = mmio_read32(CFG + 0x10) & ~0xfu;
	part = (u32)((bar - WINDOW_1) >> 20) + 1;
	if (*rt_reset_page(RAM_SIZE) == RESTART_MAGIC) {
		run2(bar);
		rt_system_off();
	}
	rt_irq_enable();
	enumerate();
	bar = bars();
	msis(bar, "own-msis-only");
	intx("own-intx-only");
	if (bar == WINDOW_1) {
		/* Zero the target first: run 2 looks for any byte that arrives. */
		for (u32 i = 0; i < 64; i++)
			((volatile u8 *)((u64)(uintptr_t)rt_reset_page(RAM_SIZE) + 0x100))[i] = 0;
		restart_in_flight(bar);
	}
	rt_system_off();
}
