/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Host tests of core/vpsci.c, PSCI 1.1 as partita offers it to guests: every
 * function and every error code, 32-bit arguments truncated, CPU_ON against
 * each state of its target (and of its partition), and the power calls
 * handed to the partition's life cycle (recorded here; they do not return).
 */
#include "host.h"
#include <setjmp.h>
#include <string.h>
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <core/partition.h>
#include <core/vpsci.h>
#include "fake_arch.h"
#include "fake_console.h"

const struct system_config system_config;
static const u32 cpus[] = { 0, 1 };
static const struct partition_config cfg = {
	.name = "t",
	.cpus = cpus,
	.cpu_count = 2,
	.ram_ipa = 0x40000000,
	.ram_pa = 0x44000000,
	.ram_size = 0x4000000,
};
static struct partition part = { .cfg = &cfg };
static struct percpu cpu0;
static struct guest_regs regs;
static jmp_buf gone;
static int off_calls, stop_calls, last_reset;

struct percpu *this_cpu(void)
{
	return &cpu0;
}

/* The life cycle's calls: they do not return (vcpu_run() takes over). */
void vcpu_off(struct vcpu *v)
{
	(void)v;
	off_calls++;
	longjmp(gone, 1);
}

void partition_stop(struct vcpu *v, bool reset)
{
	(void)v;
	stop_calls++;
	last_reset = reset;
	longjmp(gone, 1);
}

static int setup(void **state)
{
	(void)state;
	memset(&part.stats, 0, sizeof(part.stats));
	part.running = 1;
	part.stopping = false;
	for (u32 i = 0; i < 2; i++)
		part.vcpus[i] = (struct vcpu){ .part = &part,
					       .index = i,
					       .pcpu = i,
					       .vmpidr = BIT(31) | i,
					       .state = VCPU_OFF };
	part.vcpus[0].state = VCPU_ON;
	cpu0 = (struct percpu){ .vcpu = &part.vcpus[0] };
	off_calls = stop_calls = 0;
	memset(fake_events, 0, sizeof(fake_events));
	return 0;
}

/** Call function @fid with x1-x3 from vCPU 0; returns x0. */
static s64 call(u64 fid, u64 a1, u64 a2, u64 a3)
{
	memset(&regs, 0, sizeof(regs));
	regs.x[0] = fid;
	regs.x[1] = a1;
	regs.x[2] = a2;
	regs.x[3] = a3;
	if (!setjmp(gone))
		vpsci_call(&part.vcpus[0], &regs);
	return (s64)regs.x[0];
}

static void test_queries(void **state)
{
	static const u32 supported[] = { PSCI_VERSION,		 PSCI_CPU_OFF,
					 PSCI_CPU_ON_32,	 PSCI_CPU_ON_64,
					 PSCI_AFFINITY_INFO_32,	 PSCI_AFFINITY_INFO_64,
					 PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF,
					 PSCI_SYSTEM_RESET,	 PSCI_FEATURES,
					 SMCCC_VERSION,		 SMCCC_ARCH_FEATURES };

	(void)state;
	assert_int_equal(call(PSCI_VERSION, 0, 0, 0), 0x10001);
	assert_int_equal(call(SMCCC_VERSION, 0, 0, 0), 0x10001);
	assert_int_equal(call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), 2); /* not required */
	assert_int_equal(call(SMCCC_ARCH_FEATURES, 0x80008000, 0, 0), PSCI_RET_NOT_SUPPORTED);
	/* Linux's boot probes: NOT_SUPPORTED, and not counted as unknown (below). */
	assert_int_equal(call(SMCCC_TRNG_VERSION, 0, 0, 0), PSCI_RET_NOT_SUPPORTED);
	assert_int_equal(call(SMCCC_VENDOR_HYP_UID, 0, 0, 0), PSCI_RET_NOT_SUPPORTED);
	for (unsigned i = 0; i < ARRAY_SIZE(supported); i++)
		assert_int_equal(call(PSCI_FEATURES, supported[i], 0, 0), 0);
	assert_int_equal(call(PSCI_FEATURES, PSCI_CPU_SUSPEND_64, 0, 0), PSCI_RET_NOT_SUPPORTED);
	assert_int_equal(call(PSCI_FEATURES, 0xdeadbeef, 0, 0), PSCI_RET_NOT_SUPPORTED);
	assert_int_equal(part.stats.psci_unknown, 0);
	/* Unknown functions: NOT_SUPPORTED, counted. */
	assert_int_equal(call(PSCI_CPU_SUSPEND_64, 0, 0, 0), PSCI_RET_NOT_SUPPORTED);
	assert_int_equal(call(0xc4000012, 0, 0, 0), PSCI_RET_NOT_SUPPORTED);
	assert_int_equal(part.stats.psci_unknown, 2);
	/* partita's own: the exits before this one. */
	cpu0.exits = 42;
	assert_int_equal(call(PARTITA_HVC_EXITS, 0, 0, 0), 41);
}

static void test_cpu_on(void **state)
{
	struct vcpu *v1 = &part.vcpus[1];

	(void)state;
	/* Nobody with that MPIDR, or bits outside the affinity fields. */
	assert_int_equal(call(PSCI_CPU_ON_64, 2, 0x40000000, 0), PSCI_RET_INVALID_PARAMETERS);
	assert_int_equal(call(PSCI_CPU_ON_64, BIT(24) | 1, 0x40000000, 0),
			 PSCI_RET_INVALID_PARAMETERS);
	/* Entry outside its RAM, at its end, or misaligned. */
	assert_int_equal(call(PSCI_CPU_ON_64, 1, 0x44000000, 0), PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(call(PSCI_CPU_ON_64, 1, 0x40000000 + 0x4000000 - 2, 0),
			 PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(call(PSCI_CPU_ON_64, 1, 0x40000002, 0), PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(call(PSCI_CPU_ON_64, 1, 0x3ffffffc, 0), PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(v1->state, VCPU_OFF);
	assert_int_equal(fake_events[0], 0);
	/* Itself: already on. */
	assert_int_equal(call(PSCI_CPU_ON_64, 0, 0x40000000, 0), PSCI_RET_ALREADY_ON);
	/* vCPU 1: on its way, woken with SEV, counted as running. */
	assert_int_equal(call(PSCI_CPU_ON_64, 1, 0x40001000, 0x77), PSCI_RET_SUCCESS);
	assert_int_equal(v1->state, VCPU_ON_PENDING);
	assert_int_equal(v1->entry, 0x40001000);
	assert_int_equal(v1->context, 0x77);
	assert_int_equal(part.running, 2);
	assert_int_equal(fake_events[0], 1);
	/* Again before it runs: ON_PENDING; once it runs: ALREADY_ON. */
	assert_int_equal(call(PSCI_CPU_ON_64, 1, 0x40001000, 0), PSCI_RET_ON_PENDING);
	v1->state = VCPU_ON;
	assert_int_equal(call(PSCI_CPU_ON_64, 1, 0x40001000, 0), PSCI_RET_ALREADY_ON);
	/* It went off again (its CPU_OFF done): it can be started once more. */
	v1->state = VCPU_OFF;
	part.running = 1;
	assert_int_equal(call(PSCI_CPU_ON_64, 1, 0x40002000, 0), PSCI_RET_SUCCESS);
	/* A partition being stopped or reset starts no vCPU. */
	v1->state = VCPU_OFF;
	part.stopping = true;
	assert_int_equal(call(PSCI_CPU_ON_64, 1, 0x40001000, 0), PSCI_RET_DENIED);
	assert_int_equal(v1->state, VCPU_OFF);
}

static void test_cpu_on_32_truncates(void **state)
{
	(void)state;
	/* SMC32: the upper halves of the arguments are not the guest's to use. */
	assert_int_equal(
	    call(PSCI_CPU_ON_32, 0xffffffff00000001, 0xffffffff40001000, 0xffffffff00000005),
	    PSCI_RET_SUCCESS);
	assert_int_equal(part.vcpus[1].entry, 0x40001000);
	assert_int_equal(part.vcpus[1].context, 5);
	/* The same in SMC64 names nobody. */
	part.vcpus[1].state = VCPU_OFF;
	assert_int_equal(call(PSCI_CPU_ON_64, 0xffffffff00000001, 0x40001000, 0),
			 PSCI_RET_INVALID_PARAMETERS);
}

static void test_affinity_info(void **state)
{
	(void)state;
	assert_int_equal(call(PSCI_AFFINITY_INFO_64, 0, 0, 0), 0); /* ON */
	assert_int_equal(call(PSCI_AFFINITY_INFO_64, 1, 0, 0), 1); /* OFF */
	part.vcpus[1].state = VCPU_ON_PENDING;
	assert_int_equal(call(PSCI_AFFINITY_INFO_32, 1, 0, 0), 2); /* ON_PENDING */
	assert_int_equal(call(PSCI_AFFINITY_INFO_64, 1, 1, 0), PSCI_RET_INVALID_PARAMETERS);
	assert_int_equal(call(PSCI_AFFINITY_INFO_64, 7, 0, 0), PSCI_RET_INVALID_PARAMETERS);
}

static void test_power_calls(void **state)
{
	(void)state;
	call(PSCI_CPU_OFF, 0, 0, 0);
	assert_int_equal(off_calls, 1);
	call(PSCI_SYSTEM_OFF, 0, 0, 0);
	assert_int_equal(stop_calls, 1);
	assert_false(last_reset);
	call(PSCI_SYSTEM_RESET, 0, 0, 0);
	assert_int_equal(stop_calls, 2);
	assert_true(last_reset);
}

/* PARTITA_HVC_WRITE: a line of the caller's RAM, one exit; guest values checked. */
static void test_console_write(void **state)
{
	static char ram[0x2000];
	struct partition_config c = cfg;

	(void)state;
	c.ram_pa = (u64)(uintptr_t)ram;
	c.ram_size = sizeof(ram);
	part.cfg = &c;
	memcpy(ram + 0x100, "rt: 1000 interrupts\nmore", 25);
	fake_console_lines = 0;
	/* Up to the newline, with the partition's prefix; the length printed returned. */
	assert_int_equal(call(PARTITA_HVC_WRITE, 0x40000100, 25, 0), 19);
	assert_string_equal(fake_console_last, "[t] rt: 1000 interrupts");
	/* Longer than a line, beyond its RAM, straddling its end, wrapping: refused, nothing
	 * printed. */
	assert_int_equal(call(PARTITA_HVC_WRITE, 0x40000100, CONSOLE_LINE_MAX + 1, 0),
			 PSCI_RET_INVALID_PARAMETERS);
	assert_int_equal(call(PARTITA_HVC_WRITE, 0x40002000, 1, 0), PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(call(PARTITA_HVC_WRITE, 0x40001ff0, 32, 0), PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(call(PARTITA_HVC_WRITE, ~0ull - 4, 16, 0), PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(call(PARTITA_HVC_WRITE, 0x3ffffff0, 16, 0), PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(fake_console_lines, 1);
	/* An empty line is a line. */
	assert_int_equal(call(PARTITA_HVC_WRITE, 0x40000000, 0, 0), 0);
	assert_int_equal(fake_console_lines, 2);
	part.cfg = &cfg;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_queries, setup),
		cmocka_unit_test_setup(test_cpu_on, setup),
		cmocka_unit_test_setup(test_cpu_on_32_truncates, setup),
		cmocka_unit_test_setup(test_affinity_info, setup),
		cmocka_unit_test_setup(test_power_calls, setup),
		cmocka_unit_test_setup(test_console_write, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
