/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The benchmark guest (make bench, scripts/bench.sh). The same image runs
 * natively on QEMU and as a partition under partita, under
 * -icount shift=0,sleep=off, where the PMU cycle counter advances by one per
 * instruction executed, EL2's included (PMCCFILTR_EL0.NSH): every figure is a
 * count of instructions. They repeat from run to run, the timer's within a
 * few cycles (where QEMU checks the timer is not wholly fixed by icount).
 *
 * Figures, each over ROUNDS samples, printed as
 *   "BENCH <name> median=<n> min=<n> max=<n> exits=<total> samples=<n>":
 *  - vtimer: cycles from the virtual timer's deadline to the first
 *    instruction of the IRQ vector;
 *  - sgi-self: cycles from just before the ICC_SGI1R_EL1 write to the first
 *    instruction of the IRQ vector;
 *  - sgi-cross: half the round trip of an SGI to vCPU 1 that answers with an
 *    SGI back (both waiting in WFI);
 *  - msi: cycles from the write that makes QEMU's edu device send its MSI
 *    to the first instruction of the IRQ vector (the LPI);
 *  - mapti-sync: a MAPTI and a SYNC, from the CWRITER write until CREADR
 *    has caught up.
 * "exits" counts partita's exits over the samples (-1 natively).
 *
 * With "quick" in the DTB's /chosen/bootargs it takes few samples (make test
 * runs it so, natively, to prove it works).
 */
#include "gic.h"
#include "its.h"

#define MAX_ROUNDS 64
#define SGI_PING 1
#define SGI_PONG 2
#define DEADLINE_TICKS 64

static volatile u32 hits, pings; /* IRQs taken on vCPU 0, SGI_PINGs on vCPU 1 */
static volatile u64 entry_cycles;
static u32 rounds = MAX_ROUNDS;
static s64 samples[MAX_ROUNDS];

static void handler(u32 intid)
{
	u64 c = rt_irq_entry_cycles;

	switch (intid) {
	case INTID_VTIMER:
		__asm__ volatile("msr cntv_ctl_el0, xzr\n isb");
		break;
	case SGI_PING: /* on vCPU 1: answer */
		pings = pings + 1;
		rt_gic_sgi(SGI_PONG, 1);
		return;
	default:
		break;
	}
	entry_cycles = c;
	hits = hits + 1;
}

static void sort(s64 *v, u32 n)
{
	for (u32 i = 1; i < n; i++) {
		s64 x = v[i];
		u32 j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void report(const char *name, s64 exits)
{
	sort(samples, rounds);
	rt_printf("BENCH %s median=%ld min=%ld max=%ld exits=%ld samples=%u\n", name,
		  samples[rounds / 2], samples[0], samples[rounds - 1], exits, rounds);
}

static bool wait_hits(u32 want)
{
	u64 end = rt_counter() + rt_counter_freq();

	while (hits != want && rt_counter() < end)
		;
	return hits == want;
}

/** Exits taken between two rt_exits() calls, less the second call's own. */
static s64 exits_since(s64 before)
{
	s64 now = rt_exits();

	return before < 0 ? -1 : now - before - 1;
}

/** Cycles per counter tick, measured over 4096 ticks (16 under shift=0 at 62.5 MHz). */
static u64 cycles_per_tick(void)
{
	u64 t0 = rt_counter(), c0;

	while (rt_counter() == t0)
		;
	c0 = rt_cycles();
	t0 = rt_counter();
	while (rt_counter() < t0 + 4096)
		;
	return (rt_cycles() - c0 + 2048) / 4096;
}

static void bench_vtimer(void)
{
	u64 cpt = cycles_per_tick();
	s64 e0;
	u32 i;

	rt_gic_enable(INTID_VTIMER);
	hits = 0;
	e0 = rt_exits();
	for (i = 0; i < rounds; i++) {
		u64 t0, c0, t;

		/* Start on a tick edge, so the deadline in cycles is known to a few. */
		t = rt_counter();
		while ((t0 = rt_counter()) == t)
			;
		c0 = rt_cycles();
		__asm__ volatile("msr cntv_cval_el0, %0\n msr cntv_ctl_el0, %1\n isb"
				 :
				 : "r"(t0 + DEADLINE_TICKS), "r"(1ul));
		if (!wait_hits(i + 1)) {
			fail("bench/vtimer", "no timer interrupt");
			return;
		}
		samples[i] = (s64)(entry_cycles - (c0 + DEADLINE_TICKS * cpt));
	}
	report("vtimer", exits_since(e0));
	rt_gic_disable(INTID_VTIMER);
}

static void bench_sgi_self(void)
{
	s64 e0;
	u32 i;

	hits = 0;
	e0 = rt_exits();
	for (i = 0; i < rounds; i++) {
		u64 c0 = rt_cycles();

		rt_gic_sgi(3, 1);
		if (!wait_hits(i + 1)) {
			fail("bench/sgi-self", "no SGI");
			return;
		}
		samples[i] = (s64)(entry_cycles - c0);
	}
	report("sgi-self", exits_since(e0));
}

static volatile u32 sec_ready;

static void secondary(u64 cpu)
{
	(void)cpu;
	rt_gic_cpu_init();
	rt_gic_enable(SGI_PING);
	rt_irq_enable();
	sec_ready = 1;
	rt_gic_sgi(SGI_PONG, 1); /* wake vCPU 0 */
	for (;;)
		__asm__ volatile("wfi");
}

static void bench_sgi_cross(void)
{
	s64 e0;
	u32 i;

	u64 end = rt_counter() + rt_counter_freq();

	if (rt_cpu_on(1, secondary) != 0) {
		fail("bench/sgi-cross", "vCPU 1 did not start");
		return;
	}
	/*
	 * Wait in WFI, not spinning: under -icount one host thread runs every
	 * CPU in turn, and a spinning CPU would keep vCPU 1 from starting.
	 */
	rt_gic_enable(SGI_PONG);
	while (!sec_ready && rt_counter() < end)
		__asm__ volatile("wfi");
	rt_delay_us(100);
	hits = 0;
	e0 = rt_exits();
	for (i = 0; i < rounds; i++) {
		u64 c0 = rt_cycles();
		u64 end = rt_counter() + rt_counter_freq();

		rt_gic_sgi(SGI_PING, 2);
		while (hits < i + 1 && rt_counter() < end)
			__asm__ volatile("wfi");
		if (hits < i + 1) {
			fail("bench/sgi-cross", "no answer");
			return;
		}
		samples[i] = (s64)(entry_cycles - c0) / 2;
	}
	report("sgi-cross", exits_since(e0));
}

/*
 * MSIs through the ITS: QEMU's edu device (00:02.0, DeviceID 0x10) sends its
 * MSI to GITS_TRANSLATER, natively to QEMU's ITS, under partita to the same
 * physical ITS with the partition's vITS behind it. The guest drives the ITS
 * as a guest OS does: its own tables, a command queue polled on CREADR.
 */
#define EDU_CFG RT_ECAM_DEV(2)
#define EDU_BAR 0x10000000UL
#define EDU_DEV 0x10
#define LPI_MSI 8192
#define LPI_MAP 8193

static bool its_setup(void)
{
	/* The edu: its MSI to the doorbell with EventID 0. */
	return rt_its_init() && rt_its_map(EDU_DEV, 0, LPI_MSI) &&
	       rt_edu_setup(EDU_CFG, EDU_BAR, 0);
}

/** From the write that raises the edu's interrupt to the IRQ vector. */
static void bench_msi(void)
{
	s64 e0;
	u32 i;

	hits = 0;
	e0 = rt_exits();
	for (i = 0; i < rounds; i++) {
		u64 c0 = rt_cycles();

		mmio_write32(EDU_BAR + EDU_RAISE, 1);
		if (!wait_hits(i + 1)) {
			fail("bench/msi", "no LPI");
			return;
		}
		samples[i] = (s64)(entry_cycles - c0);
		mmio_write32(EDU_BAR + EDU_ACK, 1);
	}
	report("msi", exits_since(e0));
}

/** A MAPTI and a SYNC: from the CWRITER write until CREADR has caught up. */
static void bench_mapti_sync(void)
{
	s64 e0, exits = 0;
	u32 i;

	for (i = 0; i < rounds; i++) {
		u64 c0;

		rt_its_cmd(CMD_MAPTI | (u64)EDU_DEV << 32, 1 | (u64)LPI_MAP << 32, 0);
		rt_its_cmd(CMD_SYNC, 0, rt_its_rdbase());
		e0 = rt_exits();
		c0 = rt_cycles();
		if (!rt_its_go()) {
			fail("bench/mapti-sync", "CREADR did not catch up");
			return;
		}
		samples[i] = (s64)(rt_cycles() - c0);
		exits = e0 < 0 ? -1 : exits + exits_since(e0);
		rt_its_cmd(CMD_DISCARD | (u64)EDU_DEV << 32, 1, 0); /* for the next round */
		rt_its_cmd(CMD_SYNC, 0, rt_its_rdbase());
		rt_its_go();
	}
	report("mapti-sync", exits);
}

static bool quick(u64 dtb)
{
	/* A cheap look for "quick" anywhere in the DTB's strings: bootargs is the only source. */
	const char *p = (const char *)(uintptr_t)dtb;
	u32 size;

	if (!dtb || *(const u32 *)p != 0xedfe0dd0) /* FDT magic, big-endian */
		return false;
	size = __builtin_bswap32(((const u32 *)p)[1]);
	for (u32 i = 0; i + 6 <= size && i < 0x100000; i++) {
		if (!memcmp(p + i, "quick", 5) && p[i + 5] == 0)
			return true;
	}
	return false;
}

void guest_main(u64 dtb)
{
	if (quick(dtb))
		rounds = 4;
	rt_cycles_init();
	rt_gic_init();
	rt_gic_cpu_init();
	rt_gic_set_handler(handler);
	rt_gic_enable(3);
	rt_irq_enable();
	rt_printf("BENCH start: %s, %u samples\n", rt_exits() < 0 ? "native" : "partita", rounds);
	bench_vtimer();
	bench_sgi_self();
	bench_sgi_cross();
	if (its_setup()) {
		bench_msi();
		bench_mapti_sync();
	} else {
		fail("bench/its-setup", "no ITS or no edu device (qemu -device edu,addr=2)");
	}
	rt_printf("BENCH done\n");
}
