/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Area psci/: PSCI 1.1 for a two-vCPU partition over HVC and SMC: version,
 * features, CPU_ON / CPU_OFF / AFFINITY_INFO with their error codes, unknown
 * function IDs, SYSTEM_RESET of this partition only (a marker at the top of
 * RAM survives the reset; the image does not) and SYSTEM_OFF with a vCPU
 * still running. Expects 128 MiB of RAM at its load address.
 */
#include "rt.h"

#define PSCI_VERSION 0x84000000
#define CPU_SUSPEND 0xc4000001
#define CPU_ON 0xc4000003
#define AFFINITY_INFO 0xc4000004
#define MIGRATE_INFO_TYPE 0x84000006
#define SYSTEM_RESET 0x84000009
#define PSCI_FEATURES 0x8400000a
#define SMCCC_VERSION 0x80000000
#define RESET_MAGIC 0x5245534554UL

static volatile u64 ran, release, sec_mpidr, sec_el;

static void secondary(u64 cpu)
{
	u64 v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	sec_mpidr = v;
	__asm__ volatile("mrs %0, CurrentEL" : "=r"(v));
	sec_el = v;
	ran = cpu + 100;
	while (!release)
		__asm__ volatile("yield");
}

static void spinner(u64 cpu)
{
	(void)cpu;
	ran = 1;
	for (;;)
		__asm__ volatile("yield");
}

static bool wait_for(volatile u64 *v, u64 want)
{
	u64 end = rt_counter() + rt_counter_freq(); /* 1 s */

	while (*v != want && rt_counter() < end)
		;
	return *v == want;
}

static bool wait_affinity(u64 cpu, s64 want)
{
	u64 end = rt_counter() + rt_counter_freq();

	while (hvc_call(AFFINITY_INFO, cpu, 0, 0) != want && rt_counter() < end)
		;
	return hvc_call(AFFINITY_INFO, cpu, 0, 0) == want;
}

void guest_main(u64 dtb)
{
	volatile u64 *marker = (volatile u64 *)((u64)(uintptr_t)_start + 0x8000000 - 0x1000);
	u64 entry = rt_secondary_entry_addr();
	s64 r;

	(void)dtb;
	if (*marker == RESET_MAGIC) {
		*marker = 0;
		pass("psci/system-reset");
		check("psci/system-reset-stops-vcpus", hvc_call(AFFINITY_INFO, 1, 0, 0) == 1,
		      "vCPU 1 still %ld", hvc_call(AFFINITY_INFO, 1, 0, 0));
		/* Leave with vCPU 1 running: SYSTEM_OFF must stop it too. */
		ran = 0;
		rt_cpu_on(1, spinner);
		wait_for(&ran, 1);
		rt_printf("psci: system off with vCPU 1 running\n");
		return;
	}

	check("psci/version", hvc_call(PSCI_VERSION, 0, 0, 0) == 0x10001, "0x%lx",
	      hvc_call(PSCI_VERSION, 0, 0, 0));
	check("psci/version-smc", smc_call(PSCI_VERSION, 0, 0, 0) == 0x10001, "0x%lx",
	      smc_call(PSCI_VERSION, 0, 0, 0));
	check("psci/smccc-version", hvc_call(SMCCC_VERSION, 0, 0, 0) == 0x10001, "0x%lx",
	      hvc_call(SMCCC_VERSION, 0, 0, 0));
	check("psci/features",
	      hvc_call(PSCI_FEATURES, CPU_ON, 0, 0) == 0 &&
		  hvc_call(PSCI_FEATURES, SYSTEM_RESET, 0, 0) == 0 &&
		  hvc_call(PSCI_FEATURES, CPU_SUSPEND, 0, 0) == -1 &&
		  hvc_call(PSCI_FEATURES, 0x12345678, 0, 0) == -1,
	      "CPU_ON %ld", hvc_call(PSCI_FEATURES, CPU_ON, 0, 0));
	check("psci/migrate-info-type", hvc_call(MIGRATE_INFO_TYPE, 0, 0, 0) == 2, "%ld",
	      hvc_call(MIGRATE_INFO_TYPE, 0, 0, 0));
	check("psci/affinity-info",
	      hvc_call(AFFINITY_INFO, 0, 0, 0) == 0 && hvc_call(AFFINITY_INFO, 1, 0, 0) == 1 &&
		  hvc_call(AFFINITY_INFO, 0, 1, 0) == -2 && hvc_call(AFFINITY_INFO, 7, 0, 0) == -2,
	      "self %ld other %ld", hvc_call(AFFINITY_INFO, 0, 0, 0),
	      hvc_call(AFFINITY_INFO, 1, 0, 0));
	r = hvc_call(CPU_ON, 2, entry, 2);
	check("psci/cpu-on-invalid-mpidr", r == -2, "%ld", r);
	r = hvc_call(CPU_ON, 1, 0x1000, 1);
	check("psci/cpu-on-invalid-address", r == -9, "%ld", r);

	r = rt_cpu_on(1, secondary);
	check("psci/cpu-on",
	      r == 0 && wait_for(&ran, 101) && (sec_mpidr & 0xff) == 1 && sec_el == (1 << 2),
	      "ret %ld ran %lu MPIDR 0x%lx EL 0x%lx", r, ran, sec_mpidr, sec_el);
	r = hvc_call(CPU_ON, 1, entry, 1);
	check("psci/cpu-on-already-on", r == -4, "%ld", r);
	check("psci/affinity-on", hvc_call(AFFINITY_INFO, 1, 0, 0) == 0, "%ld",
	      hvc_call(AFFINITY_INFO, 1, 0, 0));
	release = 1;
	check("psci/cpu-off", wait_affinity(1, 1), "vCPU 1 state %ld",
	      hvc_call(AFFINITY_INFO, 1, 0, 0));
	ran = 0;
	release = 0;
	r = smc_call(CPU_ON, 1, entry, 1);
	check("psci/cpu-on-again-smc", r == 0 && wait_for(&ran, 101), "ret %ld ran %lu", r, ran);
	release = 1;
	wait_affinity(1, 1);

	r = hvc_call(0x82000000, 0, 0, 0);
	check("psci/unknown-hvc", r == -1, "%ld", r);
	r = smc_call(0xc2001234, 0, 0, 0);
	check("psci/unknown-smc", r == -1, "%ld", r);

	/* Reset with vCPU 1 running: it must be stopped, and only this partition restarts. */
	ran = 0;
	rt_cpu_on(1, spinner);
	wait_for(&ran, 1);
	*marker = RESET_MAGIC;
	hvc_call(SYSTEM_RESET, 0, 0, 0);
	fail("psci/system-reset", "SYSTEM_RESET returned");
}
