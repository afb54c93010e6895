/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The doorbell benchmark (make bench, config/bench-ipc.c): two one-vCPU
 * partitions on two pCPUs share a channel. Peer 1 answers each doorbell
 * on vector 1 from its interrupt handler with a doorbell back; peer 0
 * measures, over ROUNDS samples, under -icount shift=0 (cycles =
 * instructions, EL2's included, on a clock both partitions share):
 *  - doorbell: half the round trip, from just before its Doorbell write to
 *    the first instruction of its IRQ vector for the answer (both waiting
 *    in WFI), as bench.c's sgi-cross does for an SGI between two vCPUs;
 *  - doorbell-rt: the whole round trip.
 * Printed as bench.c prints, "exits" being peer 0's over the samples; peer
 * 1 prints the exits it took per doorbell it received, besides its own
 * doorbell writes.
 */
#include "chan.h"
#include "gic.h"
#include "its.h"

#define ROUNDS 64
#define LPI0 8192
#define LPI1 8193

/* The shared memory: peer 0 says it is done here (and rings vector 0). */
struct shm {
	volatile u32 done;
};

static struct rt_chan ch;
static volatile u32 hits, received; /* answers (vector 1), and doorbells of any vector */
static volatile u64 entry_cycles;
static s64 samples[ROUNDS];

static void handler(u32 intid)
{
	u64 c = rt_irq_entry_cycles;

	if (intid == INTID_VTIMER)
		__asm__ volatile("msr cntv_ctl_el0, xzr\n isb"); /* a wait's tick: once */
	if (intid == LPI0 || intid == LPI1)
		received = received + 1;
	if (intid != LPI1)
		return;
	if (ch.peer == 1) {
		rt_chan_ring(&ch, 0, 1); /* answer at once */
	} else {
		entry_cycles = c;
	}
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
	sort(samples, ROUNDS);
	rt_printf("BENCH %s median=%ld min=%ld max=%ld exits=%ld samples=%u\n", name,
		  samples[ROUNDS / 2], samples[0], samples[ROUNDS - 1], exits, ROUNDS);
}

/* Under -icount one host thread runs every vCPU in turn: every wait is a WFI. */
static bool wait_for(volatile u32 *v, u32 want, u64 secs)
{
	u64 end = rt_counter() + secs * rt_counter_freq();

	do {
		__asm__ volatile("msr cntv_cval_el0, %0\n msr cntv_ctl_el0, %1\n isb"
				 :
				 : "r"(rt_counter() + rt_counter_freq() / 1000), "r"(1ul));
		if (*v < want)
			__asm__ volatile("wfi");
		__asm__ volatile("msr cntv_ctl_el0, xzr\n isb");
	} while (*v < want && rt_counter() < end);
	return *v >= want;
}

static void measure(void)
{
	s64 e0, e1;
	u32 i;

	/* Peer 1 is ready once its State says 1 (which rang vector 0 here). */
	for (u64 end = rt_counter() + 10 * rt_counter_freq();
	     mmio_read32(ch.regs + CHAN_REG_PEER_STATE + 4) != 1 && rt_counter() < end;) {
		u32 seen = hits;

		wait_for(&hits, seen + 1, 0); /* one tick of WFI */
	}
	/* Warm up: the paths' first use. */
	rt_chan_ring(&ch, 1, 1);
	if (!wait_for(&hits, 1, 5)) {
		fail("bench/doorbell", "no answer");
		return;
	}
	hits = 0;
	e0 = rt_exits();
	for (i = 0; i < ROUNDS; i++) {
		u64 c0 = rt_cycles();

		rt_chan_ring(&ch, 1, 1);
		while (hits < i + 1)
			__asm__ volatile("wfi");
		samples[i] = (s64)(entry_cycles - c0);
	}
	e1 = rt_exits();
	for (i = 0; i < ROUNDS; i++)
		samples[i] /= 2;
	report("doorbell", e1 - e0 - 1);
	for (i = 0; i < ROUNDS; i++)
		samples[i] *= 2;
	report("doorbell-rt", e1 - e0 - 1);
	((struct shm *)(uintptr_t)ch.mem)->done = 1;
	rt_chan_ring(&ch, 1, 0);
}

static void answer(void)
{
	const struct shm *m = (const struct shm *)(uintptr_t)ch.mem;
	s64 e0 = rt_exits(), e1;

	mmio_write32(ch.regs + CHAN_REG_STATE, 1);
	/* Answering from the handler, asleep in WFI until peer 0 says it is done. */
	while (!m->done)
		__asm__ volatile("wfi");
	e1 = rt_exits();
	/* Besides its own: the State write, a doorbell per answer, the second rt_exits(). */
	rt_printf("BENCH doorbell-receiver doorbells=%u exits=%ld\n", received,
		  (long)(e1 - e0 - 2 - hits));
}

void guest_main(u64 dtb)
{
	(void)dtb;
	rt_gic_init();
	rt_gic_cpu_init();
	rt_gic_set_handler(handler);
	rt_gic_enable(INTID_VTIMER);
	rt_cycles_init();
	rt_irq_enable();
	if (!rt_chan_find(&ch) || !rt_its_init() || !rt_chan_msix(&ch, 2, LPI0)) {
		fail("bench/doorbell", "no channel function, or its MSI-X could not be set up");
		rt_system_off();
	}
	if (ch.peer == 0)
		measure();
	else
		answer();
	rt_printf("BENCH done\n");
	rt_system_off();
}
