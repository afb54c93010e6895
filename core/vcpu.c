/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The vCPU power-state machine and a partition's life: start, CPU_ON and
 * CPU_OFF, stop and restart, and the machine powering off when the last
 * partition has stopped.
 *
 * A vCPU's pCPU is the only CPU that runs it. Others ask through the
 * partition lock and a wake-up: SEV for a parked pCPU (CPU_ON), an IPI for
 * one that runs its guest (stop). When the last vCPU of a partition goes off,
 * that pCPU finishes the stop (or restart); when the last partition stops,
 * partita powers the machine off.
 */
#include <arch/asm.h>
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <core/console.h>
#include <core/lib.h>
#include <core/panic.h>
#include <core/partition.h>
#include <drivers/gic.h>

static u32 partitions_running;

/** EL2 stacks, one per pCPU; head.S points each CPU's SP here. */
u8 cpu_stacks[CONFIG_CPU_COUNT][CPU_STACK_SIZE] __attribute__((aligned(16)));

/** vCPU 0 of @p pending at the image's entry with the DTB in x0, as at a cold start. */
static void start_vcpu0(struct partition *p)
{
	struct vcpu *v0 = &p->vcpus[0];

	v0->entry = p->cfg->ram_ipa + p->cfg->load_offset;
	v0->context = p->dtb_ipa;
	p->running = 1;
	__atomic_store_n(&v0->state, VCPU_ON_PENDING, __ATOMIC_RELEASE);
}

static void __attribute__((noreturn)) machine_off(void)
{
	pr_info("all partitions stopped: powering off");
	console_flush();
	arch_smc(PSCI_SYSTEM_OFF, 0, 0, 0);
	panic("PSCI SYSTEM_OFF returned");
}

void partitions_start(void)
{
	u32 i;

	partitions_running = 0;
	for (i = 0; i < CONFIG_PARTITION_COUNT; i++)
		partitions_running += !partitions[i].held;
	if (!partitions_running)
		machine_off();
	console_start_buffering();
	for (i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		struct partition *p = &partitions[i];
		struct vcpu *v0 = &p->vcpus[0];

		if (p->held)
			continue;
		pr_info(
		    "partition %u \"%s\": %zu vCPU(s) on pCPU %u.., RAM 0x%lx+0x%lx at PA 0x%lx, "
		    "DTB at IPA 0x%lx",
		    i, p->cfg->name, p->cfg->cpu_count, v0->pcpu, p->cfg->ram_ipa, p->cfg->ram_size,
		    p->cfg->ram_pa, p->dtb_ipa);
		start_vcpu0(p);
	}
	/* The PCI INTx lines to pCPUs that will take interrupts. */
	partitions_intx_route();
	dsb(ish);
	sev();
}

/** The last vCPU of @p went off: finish its stop or restart. Called with p->lock held. */
static void partition_all_off(struct partition *p)
{
	partition_devices_off(p);
	if (p->reset) {
		pr_info("partition \"%s\": system reset", p->cfg->name);
		partition_report_dma(p);
		p->reset = false;
		p->stopping = false;
		partition_devices_reset(p);
		if (partition_load(p)) {
			start_vcpu0(p);
			dsb(ish);
			sev();
			return;
		}
		pr_info("partition \"%s\": not restarted", p->cfg->name);
	}
	p->stopped = true;
	partition_report(p);
	/* The UART's interrupt must not stay with a stopped partition. */
	partitions_console_input();
	if (__atomic_sub_fetch(&partitions_running, 1, __ATOMIC_ACQ_REL) == 0) {
		spin_unlock(&p->lock);
		machine_off();
	}
}

/** This pCPU's guest register frame: the top of its EL2 stack (see vectors.S). */
static struct guest_regs *cpu_frame(const struct percpu *cpu)
{
	return (struct guest_regs *)(uintptr_t)(cpu_stacks[cpu->index] + CPU_STACK_SIZE -
						GUEST_REGS_SIZE);
}

void vcpu_run(void)
{
	struct percpu *cpu = this_cpu();
	struct vcpu *v = cpu->vcpu;

	if (!v) {
		/* A pCPU given to no partition parks for good. */
		for (;;)
			wfi();
	}
	for (;;) {
		struct partition *p = v->part;
		bool enter = false;

		while (__atomic_load_n(&v->state, __ATOMIC_ACQUIRE) != VCPU_ON_PENDING)
			wfe();
		spin_lock(&p->lock);
		if (v->state == VCPU_ON_PENDING) {
			/* Requests aimed at an earlier run of this vCPU do not apply. */
			__atomic_store_n(&v->requests, 0, __ATOMIC_RELEASE);
			__atomic_store_n(&v->state, VCPU_ON, __ATOMIC_RELEASE);
			enter = true;
		}
		spin_unlock(&p->lock);
		if (enter) {
			struct guest_regs *regs = cpu_frame(cpu);

			/* A line no live pCPU took may come here now. */
			partitions_intx_route();
			arch_vcpu_reset(regs, v->entry, v->context, p->vttbr, v->vmpidr);
			partition_vcpu_on(v);
			vcpu_flush(v);
			arch_guest_enter(regs);
		}
	}
}

void vcpu_kick(struct vcpu *v)
{
	if (v->pcpu != this_cpu()->index && __atomic_load_n(&v->state, __ATOMIC_ACQUIRE) == VCPU_ON)
		gic_send_ipi(percpus[v->pcpu].mpidr);
}

void vcpu_handle_requests(struct vcpu *v)
{
	u32 req;

	if (!v)
		return;
	req = __atomic_exchange_n(&v->requests, 0, __ATOMIC_ACQ_REL);
	if (req & VCPU_REQ_STOP)
		vcpu_off(v);
}

void vcpu_off(struct vcpu *v)
{
	struct partition *p = v->part;

	/* On its own pCPU, before the partition may reset: no list register outlives the run. */
	partition_vcpu_off(v);
	spin_lock(&p->lock);
	__atomic_store_n(&v->state, VCPU_OFF, __ATOMIC_RELEASE);
	p->running--;
	/*
	 * This pCPU takes no interrupts now, nor do any of a partition going
	 * down: INTx lines go elsewhere before the last one's devices are reset.
	 */
	partitions_intx_route();
	if (p->running == 0)
		partition_all_off(p);
	spin_unlock(&p->lock);
	vcpu_run();
}

bool partition_restart(struct partition *p)
{
	bool started = false;

	spin_lock(&p->lock);
	if (p->held) {
		spin_unlock(&p->lock);
		return false;
	}
	if (p->stopped) {
		/* Stopped for good: as at boot, anew. */
		partition_devices_reset(p);
		if (!partition_load(p)) {
			spin_unlock(&p->lock);
			return false;
		}
		p->stopped = false;
		/* Its stop is over: a later SYSTEM_OFF or RESET of its own starts afresh. */
		p->stopping = false;
		p->reset = false;
		__atomic_add_fetch(&partitions_running, 1, __ATOMIC_ACQ_REL);
		start_vcpu0(p);
		started = true;
	} else {
		/* Running, or on its way down: it resets, as on its own SYSTEM_RESET. */
		p->stopping = true;
		p->reset = true;
		for (size_t i = 0; i < p->cfg->cpu_count; i++) {
			struct vcpu *v = &p->vcpus[i];

			if (v->state == VCPU_ON_PENDING) {
				__atomic_store_n(&v->state, VCPU_OFF, __ATOMIC_RELEASE);
				p->running--;
			} else if (v->state == VCPU_ON) {
				__atomic_fetch_or(&v->requests, VCPU_REQ_STOP, __ATOMIC_ACQ_REL);
				if (v->pcpu != this_cpu()->index)
					gic_send_ipi(percpus[v->pcpu].mpidr);
			}
		}
		/* None was running: its restart is done here. */
		if (p->running == 0)
			partition_all_off(p);
	}
	spin_unlock(&p->lock);
	if (started) {
		partitions_intx_route();
		dsb(ish);
		sev();
	}
	return true;
}

void partition_stop(struct vcpu *caller, bool reset)
{
	struct partition *p = caller->part;
	size_t i;

	spin_lock(&p->lock);
	if (!p->stopping) {
		p->stopping = true;
		p->reset = reset;
	}
	for (i = 0; i < p->cfg->cpu_count; i++) {
		struct vcpu *v = &p->vcpus[i];

		if (v == caller)
			continue;
		if (v->state == VCPU_ON_PENDING) {
			/* Never entered: cancel it here. */
			__atomic_store_n(&v->state, VCPU_OFF, __ATOMIC_RELEASE);
			p->running--;
		} else if (v->state == VCPU_ON) {
			__atomic_fetch_or(&v->requests, VCPU_REQ_STOP, __ATOMIC_ACQ_REL);
			gic_send_ipi(percpus[v->pcpu].mpidr);
		}
	}
	spin_unlock(&p->lock);
	vcpu_off(caller);
}
