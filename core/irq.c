/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Physical interrupts that belong to partitions, routed to them: MSIs from
 * the ITS's LPI pool to their vITS, and the console's input to the
 * partitions that got some (with the UART's interrupt kept on the pCPU of
 * the partition that waits for input).
 */
#include <core/console.h>
#include <core/lib.h>
#include <core/partition.h>
#include <drivers/gic.h>
#include <drivers/its.h>
#include <drivers/pl011.h>
#include <drivers/smmu.h>

/* Event records handled per interrupt: a device faulting for ever costs this much, no more. */
#define DMA_EVENTS_PER_IRQ 64

/** SMMU event records of no partition's stream (an unowned function's DMA, aborted). */
static u64 dma_faults_unowned;

/** An SMMU event record: counted for the partition whose function it names, and logged. */
static void dma_fault(void *ctx, const struct smmu_event *ev)
{
	(void)ctx;
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		struct partition *p = &partitions[i];

		for (size_t d = 0; d < cfg_dma_device_count(p->cfg); d++) {
			if (cfg_device(p->cfg, d).phys_id != ev->sid)
				continue;
			__atomic_fetch_add(&p->stats.dma_faults[ev->type & 63], 1,
					   __ATOMIC_RELAXED);
			__atomic_fetch_add(&p->dma_records, 1, __ATOMIC_RELAXED);
			if (ratelimit_allow(&p->log_limit))
				pr_info("%s: DMA %s 0x%lx by StreamID 0x%x faulted (SMMU event "
					"0x%02x%s)",
					p->cfg->name, ev->read ? "read of" : "write to", ev->addr,
					ev->sid, ev->type, ev->s2 ? ", stage 2" : "");
			return;
		}
	}
	dma_faults_unowned++;
}

/** Partitions whose functions faulted more than their share this run go quiet. */
static void dma_quiet_floods(void)
{
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		struct partition *p = &partitions[i];
		bool quieted = false;

		if (__atomic_load_n(&p->dma_records, __ATOMIC_RELAXED) <= DMA_RECORDS_PER_RUN ||
		    p->dma_quiet)
			continue;
		spin_lock(&p->lock);
		if (p->dma_live && !p->dma_quiet) {
			partition_dma_quiet(p);
			quieted = true;
		}
		spin_unlock(&p->lock);
		if (quieted)
			pr_info(
			    "%s: over %u SMMU fault records this run: its functions' faults are "
			    "no longer recorded (they still abort) until it restarts",
			    p->cfg->name, DMA_RECORDS_PER_RUN);
	}
}

bool partitions_dma_irq(u32 intid)
{
	const struct platform_config *plat = &system_config.platform;

	if (!plat->smmu || smmu_mode() == SMMU_MODE_NONE)
		return false;
	if (intid == plat->smmu_evtq_intid) {
		smmu_events(dma_fault, NULL, DMA_EVENTS_PER_IRQ);
		dma_quiet_floods();
		/*
		 * More than the budget: take the interrupt again once this one is
		 * done, after whatever else is pending, rather than loop here.
		 */
		if (smmu_events_pending()) {
			gic_eoi(intid);
			gic_spi_set_pending(intid);
			return true;
		}
	} else if (intid == plat->smmu_gerror_intid) {
		u32 e = smmu_gerror();

		if (e)
			pr_info("SMMU: global error(s) 0x%x acknowledged", e);
	} else {
		return false;
	}
	gic_eoi(intid);
	return true;
}

bool partitions_lpi(u32 intid, struct vcpu *here)
{
	u32 slot, event, i;

	if (!its_lpi_slot(intid, &slot, &event))
		return true;
	for (i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		struct partition *p = &partitions[i];

		if (p->its.present && slot - p->its.slot_base < p->its.ndev)
			return vits_deliver(&p->its, slot - p->its.slot_base, event,
					    here && here->part == p ? here->index : VGIC_NO_VCPU);
	}
	return true;
}

/**
 * Tell the partitions that got console input (their UART's receive interrupt)
 * and keep the physical UART's interrupt on the pCPU of the input's
 * partition, so that the one who waits for input is the one interrupted.
 */
void partitions_console_input(void)
{
	static struct spinlock route_lock;
	static u32 routed_cpu; /* partition 0's first pCPU, as partitions_console_irq_init() set */
	u32 news = console_take_input_news(), target = console_input_target(), i, cpu;
	u32 monitor = console_take_monitor_news();

	if (monitor)
		monitor_run(monitor);
	u32 intid = system_config.platform.uart_intid;

	for (i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		if ((news & (1u << i)) && partitions[i].cfg->uart_ipa)
			vpl011_input_arrived(&partitions[i].uart);
	}
	if (!intid)
		return;
	/* A stopped partition's pCPUs take no interrupts: then any running one does. */
	if (target >= CONFIG_PARTITION_COUNT ||
	    __atomic_load_n(&partitions[target].stopped, __ATOMIC_ACQUIRE)) {
		for (i = 0; i < CONFIG_PARTITION_COUNT; i++) {
			if (!__atomic_load_n(&partitions[i].stopped, __ATOMIC_ACQUIRE))
				break;
		}
		if (i == CONFIG_PARTITION_COUNT)
			return;
		target = i;
	}
	cpu = partitions[target].vcpus[0].pcpu;
	if (__atomic_load_n(&routed_cpu, __ATOMIC_ACQUIRE) == cpu)
		return;
	spin_lock(&route_lock);
	if (routed_cpu != cpu) {
		gic_spi_route(intid, percpus[cpu].mpidr);
		__atomic_store_n(&routed_cpu, cpu, __ATOMIC_RELEASE);
	}
	spin_unlock(&route_lock);
}

void partitions_console_irq_init(void)
{
	u32 intid = system_config.platform.uart_intid;

	if (!intid)
		return;
	/* Level: high while characters wait; reading the FIFO empty lowers it. */
	gic_spi_setup(intid, false, percpus[partitions[0].vcpus[0].pcpu].mpidr);
	partitions_console_input(); /* records the route */
	pl011_rx_irq_enable();
}
