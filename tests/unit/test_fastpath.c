/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The MSI fast path (guest_lpi64 in arch/arm64/vectors.S) is written in
 * assembly; the host tests of the vITS use a C model of it, fake_fast_msi()
 * (tests/unit/fake_hyp.c). This test keeps the two from drifting apart: it
 * runs the real instructions, assembled by the cross compiler from
 * vectors.S, through a small A64 interpreter (tests/unit/a64.c) on the same
 * states as the model, thousands of random ones and a few chosen, and
 * requires the same outcome: taken or not, the list registers, and every
 * per-CPU field the path reads or writes.
 */
#include "host.h"
#include <stdlib.h>
#include <string.h>
#include <arch/asm.h>
#include <arch/gic_cpuif.h>
#include <core/partition.h>
#include "a64.h"
#include "fake_cpuif.h"
#include "fake_hyp.h"
#include "vectors_code.h" /* generated: a64_text[], A64_GUEST_LPI64, A64_FAST_END */

#define NEVENTS 128
#define ICH_ELRSR_EL2 A64_SYSREG(3, 4, 12, 11, 5)
#define ICC_EOIR1_EL1 A64_SYSREG(3, 0, 12, 12, 1)
#define TPIDR_EL2 A64_SYSREG(3, 4, 13, 0, 2)

const struct system_config system_config;
static const u32 cpus[] = { 0, 1 };
static const struct partition_config cfg = { .name = "t", .cpus = cpus, .cpu_count = 2 };
static struct partition part = { .cfg = &cfg };
static struct vits_event events[NEVENTS];
static u32 eoi_count, eoi_last, taken;
static unsigned cur;

static u64 mrs(struct a64 *c, u32 enc)
{
	(void)c;
	if (enc == TPIDR_EL2)
		return (u64)(uintptr_t)&percpus[cur];
	if (enc == ICH_ELRSR_EL2)
		return cpuif_empty_lrs();
	fail_msg("MRS of an unexpected register 0x%x", enc);
	return 0;
}

static void msr(struct a64 *c, u32 enc, u64 v)
{
	(void)c;
	if (enc == ICC_EOIR1_EL1) {
		eoi_count++;
		eoi_last = (u32)v;
		return;
	}
	/* ICH_LR<n>_EL2: S3_4_C12_C12_n (0-7), S3_4_C12_C13_n (8-15) */
	if ((enc & ~0xfu) == A64_SYSREG(3, 4, 12, 12, 0)) {
		cpuif_write_lr(enc & 0xf, v);
		return;
	}
	fail_msg("MSR of an unexpected register 0x%x", enc);
}

/** The real guest_lpi64 on the current state, as the IRQ vector enters it. */
static bool run_asm(u32 intid)
{
	u64 frame[GUEST_REGS_SIZE / 8 + 8] = { 0 };
	struct a64 c = { .code = a64_text,
			 .code_words = sizeof(a64_text) / 4,
			 .mrs = mrs,
			 .msr = msr,
			 .pc = A64_GUEST_LPI64 };
	enum a64_stop stop;

	c.x[0] = intid;
	c.x[1] = 0xdeadbeef;
	c.sp = (u64)(uintptr_t)frame;
	fake_cpu = cur;
	stop = a64_run(&c, A64_GUEST_LPI64, A64_FAST_END, 1000);
	if (stop == A64_UNKNOWN)
		fail_msg("instruction 0x%08x at 0x%lx not implemented by a64.c", c.unknown,
			 (unsigned long)c.pc);
	assert_true(stop == A64_ERET || stop == A64_LEFT);
	if (stop == A64_ERET) {
		assert_int_equal(c.sp, (u64)(uintptr_t)frame + GUEST_REGS_SIZE);
		assert_int_equal(c.x[0], 0); /* restored from the frame */
	}
	return stop == A64_ERET;
}

static bool run_model(u32 intid)
{
	struct percpu *pc = &percpus[cur];

	if (intid < 8192)
		return false;
	return fake_fast_msi(&part, cur, intid - 8192 - pc->vgic.lpi_lo);
}

struct snapshot {
	struct percpu pc;
	u64 lrs[16];
	struct vits_event events[NEVENTS];
};

static void save(struct snapshot *s)
{
	s->pc = percpus[cur];
	memcpy(s->lrs, fake_lrs[cur], sizeof(s->lrs));
	memcpy(s->events, events, sizeof(events));
}

static void restore(const struct snapshot *s)
{
	percpus[cur] = s->pc;
	memcpy(fake_lrs[cur], s->lrs, sizeof(s->lrs));
	memcpy(events, s->events, sizeof(events));
}

/** Both on one state: the same outcome, in every field the path touches. */
static void compare(u32 intid)
{
	struct snapshot before, model;
	bool m, a;

	save(&before);
	m = run_model(intid);
	save(&model);
	restore(&before);
	eoi_count = 0;
	a = run_asm(intid);
	assert_int_equal(a, m);
	taken += a;
	assert_int_equal(eoi_count, a ? 1 : 0);
	if (a)
		assert_int_equal(eoi_last, intid);
	assert_int_equal(percpus[cur].vgic.fast_lr, model.pc.vgic.fast_lr);
	assert_int_equal(percpus[cur].vgic.fast_lpi, model.pc.vgic.fast_lpi);
	assert_int_equal(percpus[cur].vgic.lpi_free, model.pc.vgic.lpi_free);
	assert_int_equal(percpus[cur].exits, model.pc.exits);
	/* Events: the one delivered counted, in the same place; nothing else written. */
	assert_memory_equal(events, model.events, sizeof(events));
	assert_memory_equal(fake_lrs[cur], model.lrs, sizeof(model.lrs));
}

static u64 rnd(void)
{
	return (u64)rand() << 32 ^ (u64)rand() << 16 ^ (u64)rand();
}

static void random_state(void)
{
	static const u16 flag_sets[] = {
		VIRQ_OWNED | VIRQ_ENABLED,
		VIRQ_OWNED | VIRQ_ENABLED | VIRQ_GROUP1,
		VIRQ_OWNED,
		VIRQ_ENABLED,
		VIRQ_OWNED | VIRQ_ENABLED | VIRQ_PENDING,
		VIRQ_OWNED | VIRQ_ENABLED | VIRQ_ACTIVE,
		VIRQ_OWNED | VIRQ_ENABLED | VIRQ_IN_LR,
		0,
	};
	struct percpu *pc;

	cur = (unsigned)(rnd() % 2);
	pc = &percpus[cur];
	pc->vgic.lpi_lo = (u32)(rnd() % 200);
	pc->vgic.lpi_hi = pc->vgic.lpi_lo + (u32)(rnd() % (NEVENTS + 1));
	pc->vgic.lpi_target = (u32)(rnd() % 2);
	pc->vgic.lpi_events = events;
	pc->vgic.fast_lr = (u32)(rnd() % (fake_nr_lrs + 1));
	pc->vgic.lpi_free = rnd() & (BIT(fake_nr_lrs) - 1) & ~1ULL;
	pc->vgic.fast_lpi = (u32)(rnd() % NEVENTS);
	pc->exits = rnd() % 1000;
	for (unsigned n = 0; n < 16; n++)
		fake_lrs[cur][n] = (n < fake_nr_lrs && rnd() % 2)
				       ? (8192 + rnd() % 64) | (u64)(1 + rnd() % 3) << 62
				       : 0;
	for (unsigned e = 0; e < NEVENTS; e++) {
		events[e].irq.flags = flag_sets[rnd() % ARRAY_SIZE(flag_sets)];
		events[e].irq.target = (u16)(rnd() % 2);
		events[e].irq.intid = (u16)(8192 + rnd() % 2000);
		events[e].irq.priority = (u8)(rnd() & 0xf8);
		events[e].fast_lpis = (u32)(rnd() % 1000);
	}
}

static void test_asm_matches_model(void **state)
{
	unsigned trials = 20000;

	(void)state;
	srand(1);
	for (unsigned t = 0; t < trials; t++) {
		u32 intid;

		random_state();
		intid = rnd() % 8 ? 8192 + percpus[cur].vgic.lpi_lo + (u32)(rnd() % (NEVENTS + 8))
				  : (u32)(rnd() % 8200);
		/* Now and then the easy case, so that both outcomes are common. */
		if (rnd() % 3 == 0) {
			u32 m = intid - 8192 - percpus[cur].vgic.lpi_lo;

			if (m < NEVENTS) {
				events[m].irq.flags = VIRQ_OWNED | VIRQ_ENABLED | VIRQ_GROUP1;
				events[m].irq.target = (u16)percpus[cur].vgic.lpi_target;
				percpus[cur].vgic.lpi_hi = percpus[cur].vgic.lpi_lo + NEVENTS;
				percpus[cur].vgic.lpi_free |= BIT(fake_nr_lrs - 1);
				fake_lrs[cur][fake_nr_lrs - 1] = 0;
				if (rnd() % 2)
					percpus[cur].vgic.fast_lr = 0;
			}
		}
		compare(intid);
	}
	/* Both outcomes were exercised, often. */
	print_message("%u of %u taken\n", taken, trials);
	assert_true(taken > trials / 10);
	assert_true(taken < trials * 9 / 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asm_matches_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
