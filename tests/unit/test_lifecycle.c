/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Host tests of core/vcpu.c, the vCPU power-state machine and a partition's
 * life: start, entry, CPU_ON and CPU_OFF, a stop with vCPUs running or
 * about to, SYSTEM_RESET (and one racing a stop), the last partition
 * stopping and the machine powering off, kicks, and PSCI calls (the real
 * core/vpsci.c) meeting the power states they race with. Two partitions: "a" with
 * vCPUs on pCPUs 0 and 1, "b" with one on pCPU 2; pCPU 3 has none.
 *
 * What vcpu.c asks of the rest of partita (device models, guest loading,
 * the GIC, the CPU) is recorded in a log, in order. Its functions do not
 * return (they enter a guest, wait, park, or power off): the fakes of
 * those end a run with longjmp() and say how it ended.
 */
#include "host.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <core/partition.h>
#include <core/vpsci.h>
#include "fake_arch.h"
#include "fake_console.h"

const struct system_config system_config;
static const u32 cpus_a[] = { 0, 1 }, cpus_b[] = { 2 };
static const struct partition_config cfgs[2] = {
	{ .name = "a",
	  .cpus = cpus_a,
	  .cpu_count = 2,
	  .ram_ipa = 0x40000000,
	  .ram_size = 0x4000000,
	  .load_offset = 0x200000 },
	{ .name = "b",
	  .cpus = cpus_b,
	  .cpu_count = 1,
	  .ram_ipa = 0x80000000,
	  .ram_size = 0x200000 },
};
struct partition partitions[CONFIG_PARTITION_COUNT];
struct percpu percpus[CONFIG_CPU_COUNT];
static u32 cur; /* the pCPU the code under test runs on */

/* --- how a run ends, and the log ------------------------------------------------ */

enum { ENTERED = 1, WAITING, PARKED, POWERED_OFF };
static jmp_buf run_end;
static char logbuf[4096];

static void rec(const char *fmt, ...)
{
	size_t n = strlen(logbuf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(logbuf + n, sizeof(logbuf) - n, fmt, ap);
	va_end(ap);
	strncat(logbuf, "; ", sizeof(logbuf) - strlen(logbuf) - 1);
}

static void on_event(char which)
{
	if (which == 'e')
		longjmp(run_end, WAITING);
	if (which == 'i')
		longjmp(run_end, PARKED);
}

struct percpu *this_cpu(void)
{
	return &percpus[cur];
}

static int vid(const struct vcpu *v)
{
	return (int)(v->part->index * 10 + v->index);
}

void arch_vcpu_reset(struct guest_regs *regs, u64 entry, u64 x0, u64 vttbr, u64 vmpidr)
{
	(void)regs;
	rec("reset entry=%lx x0=%lx vttbr=%lx mpidr=%lx", (unsigned long)entry, (unsigned long)x0,
	    (unsigned long)vttbr, (unsigned long)vmpidr);
}

void arch_guest_enter(struct guest_regs *regs)
{
	(void)regs;
	rec("enter %d", vid(this_cpu()->vcpu));
	longjmp(run_end, ENTERED);
}

u64 arch_smc(u64 fid, u64 a1, u64 a2, u64 a3)
{
	(void)a1;
	(void)a2;
	(void)a3;
	rec("smc %lx", (unsigned long)fid);
	if (fid == PSCI_SYSTEM_OFF)
		longjmp(run_end, POWERED_OFF);
	return 0;
}

void panic(const char *fmt, ...)
{
	(void)fmt;
	fail_msg("panic");
	abort();
}

void gic_send_ipi(u64 mpidr)
{
	rec("ipi %lx", (unsigned long)mpidr);
}

void vgic_flush(struct vgic *g, u32 v)
{
	(void)g;
	rec("refill %u", v);
}

/* What core/partition.c does for vcpu.c; a load fails while load_fails is set. */
static bool load_fails;
u64 boot_fit;

bool partition_load(struct partition *p)
{
	rec("load %s%s", p->cfg->name, load_fails ? " failed" : "");
	p->dtb_ipa = p->cfg->ram_ipa + 0x1000000;
	return !load_fails;
}

void partition_devices_off(struct partition *p)
{
	rec("devices off %s", p->cfg->name);
}

void partition_devices_reset(struct partition *p)
{
	rec("devices reset %s", p->cfg->name);
}

void partition_vcpu_on(struct vcpu *v)
{
	rec("on %d", vid(v));
}

void partition_vcpu_off(struct vcpu *v)
{
	rec("off %d", vid(v));
}

void partition_report(const struct partition *p)
{
	rec("report %s", p->cfg->name);
}

void partition_report_dma(const struct partition *p)
{
	rec("dma report %s", p->cfg->name);
}

void partitions_console_input(void)
{
	rec("console route");
}

void partitions_intx_route(void)
{
	rec("intx route");
}

void console_start_buffering(void) {}

void console_flush(void)
{
	rec("console flush");
}

/* Run @fn(@v) on pCPU @pcpu until it enters a guest, waits, parks or powers off. */
static int run(u32 pcpu, void (*fn)(struct vcpu *), struct vcpu *v)
{
	int r;

	cur = pcpu;
	r = setjmp(run_end);
	if (r)
		return r;
	fn(v);
	fail_msg("returned"); /* none of them returns */
	return 0;
}

static void do_run(struct vcpu *v)
{
	(void)v;
	vcpu_run();
}

static void do_off(struct vcpu *v)
{
	vcpu_off(v);
}

static void do_stop(struct vcpu *v)
{
	partition_stop(v, false);
}

static void do_reset(struct vcpu *v)
{
	partition_stop(v, true);
}

static void do_requests(struct vcpu *v)
{
	vcpu_handle_requests(v);
	rec("requests done");
	longjmp(run_end, ENTERED); /* back to its guest, as the exit path would */
}

static void do_start(struct vcpu *v)
{
	(void)v;
	partitions_start();
	longjmp(run_end, ENTERED);
}

static struct partition *a = &partitions[0], *b = &partitions[1];

static int setup(void **state)
{
	(void)state;
	memset(partitions, 0, sizeof(partitions));
	memset(percpus, 0, sizeof(percpus));
	for (u32 i = 0; i < CONFIG_CPU_COUNT; i++)
		percpus[i] = (struct percpu){ .index = i, .mpidr = 0x100 + i };
	for (u32 n = 0; n < 2; n++) {
		struct partition *p = &partitions[n];

		p->cfg = &cfgs[n];
		p->index = n;
		p->vttbr = (u64)(n + 1) << 48;
		p->dtb_ipa = p->cfg->ram_ipa + 0x1000000;
		for (u32 i = 0; i < p->cfg->cpu_count; i++) {
			struct vcpu *v = &p->vcpus[i];

			*v = (struct vcpu){ .part = p,
					    .index = i,
					    .pcpu = p->cfg->cpus[i],
					    .vmpidr = cfg_vcpu_mpidr(i),
					    .state = VCPU_OFF };
			percpus[v->pcpu].vcpu = v;
		}
	}
	memset(fake_events, 0, sizeof(fake_events));
	fake_event_hook = on_event;
	logbuf[0] = '\0';
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_event_hook = NULL;
	return 0;
}

/* Started, with every partition's vCPU 0 entered. */
static void started(void)
{
	assert_int_equal(run(0, do_start, NULL), ENTERED);
	assert_int_equal(run(0, do_run, NULL), ENTERED);
	assert_int_equal(run(2, do_run, NULL), ENTERED);
	logbuf[0] = '\0';
}

/* CPU_ON of @v as core/vpsci.c does it, and @v's pCPU enters it. */
static void cpu_on(struct vcpu *v, u64 entry)
{
	v->part->running++;
	v->entry = entry;
	v->context = 0x77;
	v->state = VCPU_ON_PENDING;
	assert_int_equal(run(v->pcpu, do_run, NULL), ENTERED);
}

/* --- the tests --------------------------------------------------------------------- */

static void test_start_and_entry(void **state)
{
	(void)state;
	assert_int_equal(run(0, do_start, NULL), ENTERED);
	/* vCPU 0 of each partition is pending at its image, with its DTB in x0. */
	assert_int_equal(a->vcpus[0].state, VCPU_ON_PENDING);
	assert_int_equal(a->vcpus[1].state, VCPU_OFF);
	assert_int_equal(b->vcpus[0].state, VCPU_ON_PENDING);
	assert_int_equal(a->running, 1);
	assert_int_equal(fake_events[0], 1); /* one SEV wakes the parked pCPUs */
	logbuf[0] = '\0';
	assert_int_equal(run(0, do_run, NULL), ENTERED);
	assert_string_equal(logbuf,
			    "intx route; reset entry=40200000 x0=41000000 vttbr=1000000000000 "
			    "mpidr=80000000; on 0; refill 0; enter 0; ");
	assert_int_equal(a->vcpus[0].state, VCPU_ON);
	/* pCPU 1's vCPU is off: it waits; pCPU 3 has none: it parks. */
	assert_int_equal(run(1, do_run, NULL), WAITING);
	assert_int_equal(run(3, do_run, NULL), PARKED);
	logbuf[0] = '\0';
	assert_int_equal(run(2, do_run, NULL), ENTERED);
	assert_string_equal(logbuf,
			    "intx route; reset entry=80000000 x0=81000000 vttbr=2000000000000 "
			    "mpidr=80000000; on 10; refill 0; enter 10; ");
}

static void test_cpu_on_then_off(void **state)
{
	(void)state;
	started();
	cpu_on(&a->vcpus[1], 0x40300000);
	assert_string_equal(logbuf, "intx route; reset entry=40300000 x0=77 vttbr=1000000000000 "
				    "mpidr=80000001; on 1; refill 1; enter 1; ");
	assert_int_equal(a->running, 2);
	/* CPU_OFF: its device models' share on its own pCPU, then it waits. */
	logbuf[0] = '\0';
	assert_int_equal(run(1, do_off, &a->vcpus[1]), WAITING);
	assert_string_equal(logbuf, "off 1; intx route; ");
	assert_int_equal(a->vcpus[1].state, VCPU_OFF);
	assert_int_equal(a->running, 1);
	assert_false(a->stopped);
	/* And on again. */
	cpu_on(&a->vcpus[1], 0x40400000);
	assert_int_equal(a->vcpus[1].state, VCPU_ON);
}

static void test_stop_with_other_vcpu_running(void **state)
{
	(void)state;
	started();
	cpu_on(&a->vcpus[1], 0x40300000);
	logbuf[0] = '\0';
	/* SYSTEM_OFF from vCPU 0: vCPU 1 is asked (an IPI to pCPU 1), vCPU 0 goes off. */
	assert_int_equal(run(0, do_stop, &a->vcpus[0]), WAITING);
	assert_string_equal(logbuf, "ipi 101; off 0; intx route; ");
	assert_int_equal(a->running, 1);
	assert_true(a->stopping);
	assert_false(a->stopped);
	/* pCPU 1 takes the request: the last vCPU off finishes the stop. Not the last partition. */
	logbuf[0] = '\0';
	assert_int_equal(run(1, do_requests, &a->vcpus[1]), WAITING);
	assert_string_equal(logbuf, "off 1; intx route; devices off a; report a; console route; ");
	assert_true(a->stopped);
	assert_int_equal(a->running, 0);
	assert_int_equal(b->vcpus[0].state, VCPU_ON);
}

static void test_stop_cancels_pending_cpu_on(void **state)
{
	(void)state;
	started();
	/* CPU_ON accepted, not entered yet: the stop cancels it, no IPI. */
	a->running++;
	a->vcpus[1].state = VCPU_ON_PENDING;
	assert_int_equal(run(0, do_stop, &a->vcpus[0]), WAITING);
	assert_string_equal(logbuf, "off 0; intx route; devices off a; report a; console route; ");
	assert_int_equal(a->vcpus[1].state, VCPU_OFF);
	assert_true(a->stopped);
	/* pCPU 1 never enters it. */
	assert_int_equal(run(1, do_run, NULL), WAITING);
}

/* The monitor's restart (from partita's console, on another pCPU): as the partition's own reset. */
static void do_monitor_restart(struct vcpu *v)
{
	assert_true(partition_restart(v->part));
	rec("restart asked");
	longjmp(run_end, ENTERED);
}

static void test_monitor_restart(void **state)
{
	(void)state;
	started();
	/* Running: its vCPU is asked to stop (an IPI to pCPU 0), and reset once off. */
	assert_int_equal(run(2, do_monitor_restart, &a->vcpus[0]), ENTERED);
	assert_string_equal(logbuf, "ipi 100; restart asked; ");
	assert_true(a->stopping && a->reset);
	logbuf[0] = '\0';
	assert_int_equal(run(0, do_requests, &a->vcpus[0]), ENTERED);
	assert_string_equal(logbuf,
			    "off 0; intx route; devices off a; dma report a; devices reset a; "
			    "load a; intx route; reset entry=40200000 x0=41000000 "
			    "vttbr=1000000000000 mpidr=80000000; on 0; refill 0; enter 0; ");
	/* Stopped: it starts anew, its pCPU entering it. */
	assert_int_equal(run(0, do_stop, &a->vcpus[0]), WAITING);
	assert_true(a->stopped);
	logbuf[0] = '\0';
	assert_int_equal(run(2, do_monitor_restart, &a->vcpus[0]), ENTERED);
	assert_string_equal(logbuf, "devices reset a; load a; intx route; restart asked; ");
	assert_false(a->stopped);
	assert_int_equal(run(0, do_run, NULL), ENTERED);
	/* A held partition is not started. */
	b->held = true;
	assert_false(partition_restart(b));
	b->held = false;
	/* Its images damaged (a FIT's, checked again): a reset becomes a stop, a start fails. */
	load_fails = true;
	logbuf[0] = '\0';
	assert_int_equal(run(0, do_reset, &a->vcpus[0]), WAITING);
	assert_true(a->stopped);
	assert_non_null(strstr(logbuf, "load a failed;"));
	assert_non_null(strstr(logbuf, "report a;"));
	assert_false(partition_restart(a));
	assert_true(a->stopped);
	load_fails = false;
}

static void test_system_reset(void **state)
{
	(void)state;
	started();
	/* The only vCPU resets the partition: devices reset, images reloaded, vCPU 0 again. */
	assert_int_equal(run(0, do_reset, &a->vcpus[0]), ENTERED);
	assert_string_equal(
	    logbuf,
	    "off 0; intx route; devices off a; dma report a; devices reset a; load a; intx route; "
	    "reset entry=40200000 "
	    "x0=41000000 vttbr=1000000000000 mpidr=80000000; on 0; refill 0; "
	    "enter 0; ");
	assert_false(a->stopped);
	assert_false(a->stopping);
	assert_int_equal(a->running, 1);
	/* Still two partitions running: stopping both powers the machine off, once. */
	logbuf[0] = '\0';
	assert_int_equal(run(0, do_stop, &a->vcpus[0]), WAITING);
	assert_int_equal(run(2, do_stop, &b->vcpus[0]), POWERED_OFF);
	assert_string_equal(
	    logbuf, "off 0; intx route; devices off a; report a; console route; off 10; "
		    "intx route; devices off b; report b; console route; console flush; smc "
		    "84000008; ");
}

static void test_reset_racing_stop(void **state)
{
	(void)state;
	started();
	cpu_on(&a->vcpus[1], 0x40300000);
	logbuf[0] = '\0';
	/* vCPU 0 stops the partition; vCPU 1, before it takes the request, resets it. */
	assert_int_equal(run(0, do_stop, &a->vcpus[0]), WAITING);
	assert_int_equal(run(1, do_reset, &a->vcpus[1]), WAITING);
	/* The first one wins: stopped, not restarted. */
	assert_true(a->stopped);
	assert_int_equal(a->vcpus[0].state, VCPU_OFF);
	assert_int_equal(a->vcpus[1].state, VCPU_OFF);
	assert_null(strstr(logbuf, "devices reset"));
	assert_non_null(strstr(logbuf, "report a"));
}

static void test_stale_request_dropped(void **state)
{
	(void)state;
	started();
	a->vcpus[1].requests = VCPU_REQ_STOP; /* aimed at an earlier run */
	cpu_on(&a->vcpus[1], 0x40300000);
	logbuf[0] = '\0';
	assert_int_equal(run(1, do_requests, &a->vcpus[1]), ENTERED);
	assert_string_equal(logbuf, "requests done; ");
	assert_int_equal(a->vcpus[1].state, VCPU_ON);
}

/* A PSCI call from @v (on its pCPU); x0 after it, if it returns. */
static struct guest_regs psci_regs;

static void do_psci(struct vcpu *v)
{
	vpsci_call(v, &psci_regs);
	longjmp(run_end, ENTERED); /* back to its guest */
}

static s64 psci(struct vcpu *v, u64 fid, u64 a1, u64 a2, u64 a3, int ends)
{
	psci_regs = (struct guest_regs){ .x = { fid, a1, a2, a3 } };
	assert_int_equal(run(v->pcpu, do_psci, v), ends);
	return (s64)psci_regs.x[0];
}

static void test_psci_cpu_on_races_cpu_off(void **state)
{
	(void)state;
	started();
	assert_int_equal(psci(&a->vcpus[0], PSCI_CPU_ON_64, 1, 0x40300000, 5, ENTERED),
			 PSCI_RET_SUCCESS);
	assert_int_equal(run(1, do_run, NULL), ENTERED);
	/* vCPU 0 asks again before vCPU 1's CPU_OFF took the lock: it is on. */
	assert_int_equal(psci(&a->vcpus[0], PSCI_CPU_ON_64, 1, 0x40300000, 5, ENTERED),
			 PSCI_RET_ALREADY_ON);
	/* CPU_OFF does not return: x0 stays the function ID. */
	assert_int_equal(psci(&a->vcpus[1], PSCI_CPU_OFF, 0, 0, 0, WAITING), PSCI_CPU_OFF);
	/* After: off, so a CPU_ON succeeds, and its pCPU enters it with the new entry point. */
	assert_int_equal(psci(&a->vcpus[0], PSCI_CPU_ON_64, 1, 0x40400000, 6, ENTERED),
			 PSCI_RET_SUCCESS);
	assert_int_equal(psci(&a->vcpus[0], PSCI_CPU_ON_64, 1, 0x40400000, 6, ENTERED),
			 PSCI_RET_ON_PENDING);
	logbuf[0] = '\0';
	assert_int_equal(run(1, do_run, NULL), ENTERED);
	assert_non_null(strstr(logbuf, "reset entry=40400000 x0=6 "));
	/*
	 * vCPU 1 turns itself off while vCPU 0 powers the partition off: once
	 * stopping, a CPU_ON is denied and nothing enters.
	 */
	assert_int_equal(psci(&a->vcpus[1], PSCI_CPU_OFF, 0, 0, 0, WAITING), PSCI_CPU_OFF);
	a->stopping = true; /* vCPU 0's SYSTEM_OFF has taken the lock and begun */
	assert_int_equal(psci(&a->vcpus[0], PSCI_CPU_ON_64, 1, 0x40400000, 6, ENTERED),
			 PSCI_RET_DENIED);
	assert_int_equal(a->vcpus[1].state, VCPU_OFF);
	assert_int_equal(run(1, do_run, NULL), WAITING);
}

static void test_kick(void **state)
{
	(void)state;
	started();
	cur = 0;
	vcpu_kick(&b->vcpus[0]); /* running elsewhere: an IPI */
	vcpu_kick(&a->vcpus[0]); /* this pCPU's own: it refills on its way out */
	vcpu_kick(&a->vcpus[1]); /* off: nothing to wake */
	assert_string_equal(logbuf, "ipi 102; ");
}

/* A partition held at boot (its DMA cannot be isolated) never starts; the others do. */
static void test_held_partition_not_started(void **state)
{
	(void)state;
	b->held = true;
	assert_int_equal(run(0, do_start, NULL), ENTERED);
	assert_int_equal(b->vcpus[0].state, VCPU_OFF);
	assert_int_equal(run(2, do_run, NULL), WAITING); /* b's pCPU: nothing to enter */
	assert_int_equal(run(0, do_run, NULL), ENTERED);
	/* a's stop is the last: the machine powers off. */
	logbuf[0] = '\0';
	assert_int_equal(run(0, do_stop, &a->vcpus[0]), POWERED_OFF);
	assert_string_equal(
	    logbuf, "off 0; intx route; devices off a; report a; console route; console flush; "
		    "smc 84000008; ");
}

/* Every partition held: nothing to run, the machine powers off at once. */
static void test_all_held_powers_off(void **state)
{
	(void)state;
	a->held = b->held = true;
	assert_int_equal(run(0, do_start, NULL), POWERED_OFF);
	assert_int_equal(a->vcpus[0].state, VCPU_OFF);
	assert_int_equal(b->vcpus[0].state, VCPU_OFF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_start_and_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpu_on_then_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_with_other_vcpu_running, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_cancels_pending_cpu_on, setup, teardown),
		cmocka_unit_test_setup_teardown(test_system_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_monitor_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_racing_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_request_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_psci_cpu_on_races_cpu_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_partition_not_started, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_held_powers_off, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
