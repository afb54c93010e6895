/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Boot flow (docs/architecture.md, section 3): the boot CPU sets up EL2, the
 * console, its MMU, checks the machine against the configuration, brings up
 * the GIC, builds the partitions and starts the other CPUs through PSCI; then
 * every CPU runs its vCPU.
 */
#include <arch/asm.h>
#include <arch/cpu.h>
#include <arch/el2.h>
#include <arch/mmu.h>
#include <arch/sysreg.h>
#include <core/console.h>
#include <core/fdt.h>
#include <core/lib.h>
#include <core/panic.h>
#include <core/partition.h>
#include <drivers/gic.h>
#include <drivers/its.h>
#include <drivers/smmu.h>

#define CPU_ON_WAIT_BOUND 100000000
#define GITS_PIDR2 0xffe8
#define DTB_MAX_SIZE SZ_2M

static u32 cpus_online;
static bool smmu_found; /**< the device tree has an SMMUv3 where the configuration says */
static struct gic_info gic_info;

/** Say at boot what guest PMU counters see of partita. */
static void pmu_announce(void)
{
	u32 ver = arch_pmu_version();

	switch (arch_pmu_el2(system_config.pmu_counts_el2)) {
	case PMU_EL2_COUNTED:
		pr_info("PMU: guest counters count partita's time too (pmu_counts_el2, for "
			"benchmarks)");
		break;
	case PMU_EL2_HIDDEN:
		pr_info("PMU: guest counters do not count partita's time (HPMD, HCCD)");
		break;
	case PMU_EL2_HIDDEN_BUT_CYCLES:
		pr_info("PMU: guest event counters do not count partita's time (HPMD); this "
			"PMUv3 (PMUVer %u) cannot hide it from the cycle counter",
			ver);
		break;
	default:
		pr_info("PMU: this PMU (PMUVer %u) cannot hide partita's time from guest "
			"counters",
			ver);
		break;
	}
}

/** EL2 controls for guests on this CPU. */
static void hyp_configure_cpu(void)
{
	arch_el2_setup_cpu(system_config.pmu_counts_el2);
}

static void percpu_setup(u32 index)
{
	struct percpu *cpu = &percpus[index];

	cpu->index = index;
	cpu->mpidr = arch_cpu_mpidr();
	cpu->acked = GIC_SPURIOUS;
	cpu->vgic.vtimer_lr = 0;
	arch_set_cpu_local(cpu);
}

/** Map what partita itself touches; false when the static table pool is too small. */
static bool map_hypervisor(const struct platform_config *plat)
{
	/* The host bridge's configuration space: partita enumerates it and filters it. */
	return mmu_map_ram(plat->ram.base, plat->ram.size) &&
	       (!plat->pcie_ecam.size ||
		mmu_map(plat->pcie_ecam.base, plat->pcie_ecam.size, PT_S1_DEVICE)) &&
	       mmu_map(plat->uart, SZ_4K, PT_S1_DEVICE) &&
	       mmu_map(plat->gicd, SZ_64K, PT_S1_DEVICE) &&
	       mmu_map(plat->gicr, plat->gicr_size, PT_S1_DEVICE) &&
	       (!plat->its || mmu_map(plat->its, 2 * SZ_64K, PT_S1_DEVICE)) &&
	       (!plat->smmu || mmu_map(plat->smmu, SMMU_FRAME_SIZE, PT_S1_DEVICE));
}

static bool mismatch(const char *fmt, u64 a, u64 b)
{
	char line[CONSOLE_LINE_MAX];

	snprintf(line, sizeof(line), fmt, a, b);
	pr_info("platform mismatch: %s", line);
	return false;
}

/**
 * The FIT the boot loader booted from, as its /chosen partita,fit says:
 * partitions are loaded again from it at a restart, so it must be RAM that
 * neither partita nor any partition uses (no guest can reach it).
 */
static void fit_note(u64 fit)
{
	const struct platform_config *plat = &system_config.platform;
	u64 size;

	if (!fit)
		return;
	if (!range_within(fit, 64, plat->ram.base, plat->ram.size)) {
		pr_info("the FIT at 0x%lx is not in RAM: partitions will not restart", fit);
		return;
	}
	size = __builtin_bswap32(*(const u32 *)(uintptr_t)(fit + 4)); /* its header's totalsize */
	if (!range_within(fit, size, plat->ram.base, plat->ram.size) ||
	    ranges_overlap(fit, size, plat->hyp.base, plat->hyp.size)) {
		pr_info("the FIT at 0x%lx+0x%lx is not in free RAM: partitions will not restart",
			fit, size);
		return;
	}
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++)
		if (ranges_overlap(fit, size, system_config.partitions[i].ram_pa,
				   system_config.partitions[i].ram_size)) {
			pr_info(
			    "the FIT at 0x%lx is in partition \"%s\"'s RAM: partitions will not "
			    "restart",
			    fit, system_config.partitions[i].name);
			return;
		}
	boot_fit = fit;
	pr_info("booted from the FIT at 0x%lx: partitions restart from it", fit);
}

/** Check the machine (DTB and hardware) against the configuration. */
static bool platform_check(u64 dtb)
{
	const struct platform_config *plat = &system_config.platform;
	static struct fdt_platform fdt;
	u64 total;
	size_t i, j;
	bool ok = true;
	int err;

	if (arch_cpu_mpidr() != (plat->cpu_mpidr[0] & MPIDR_AFF_MASK))
		ok = mismatch("the firmware started CPU 0x%lx, the configuration's pCPU 0 is 0x%lx",
			      arch_cpu_mpidr(), plat->cpu_mpidr[0]);
	if (!range_within(dtb, 64, plat->ram.base, plat->ram.size))
		return mismatch("the device tree at 0x%lx is not in RAM (0x%lx..)", dtb,
				plat->ram.base);
	total = __builtin_bswap32(*(const u32 *)(uintptr_t)(dtb + 4));
	total = MIN(total, DTB_MAX_SIZE);
	if (!range_within(dtb, total, plat->ram.base, plat->ram.size))
		total = plat->ram.base + plat->ram.size - dtb;
	err = fdt_read_platform((const void *)(uintptr_t)dtb, total, &fdt);
	if (err)
		return mismatch("the device tree at 0x%lx cannot be read (error %ld)", dtb,
				(u64)err);

	/* CPUs: every configured one must exist. */
	if (fdt.cpu_count < plat->cpu_count)
		ok = mismatch("the machine has %lu CPUs, the configuration needs %lu",
			      fdt.cpu_count, plat->cpu_count);
	for (i = 0; i < plat->cpu_count; i++) {
		for (j = 0; j < fdt.cpu_count; j++) {
			if (fdt.cpu_mpidr[j] == (plat->cpu_mpidr[i] & MPIDR_AFF_MASK))
				break;
		}
		if (j == fdt.cpu_count)
			ok = mismatch("pCPU %lu (MPIDR 0x%lx) is not in the device tree", i,
				      plat->cpu_mpidr[i]);
	}
	/* RAM: the configured RAM must be one of the machine's memory ranges. */
	for (j = 0; j < fdt.mem_count; j++) {
		if (range_within(plat->ram.base, plat->ram.size, fdt.mem[j].base, fdt.mem[j].size))
			break;
	}
	if (j == fdt.mem_count)
		ok = mismatch("configured RAM 0x%lx+0x%lx is not in the machine's memory",
			      plat->ram.base, plat->ram.size);
	/* GIC: where the configuration says, of the version it needs. */
	if (fdt.gicd != plat->gicd)
		ok = mismatch("the device tree's GICv3 distributor is at 0x%lx, configured 0x%lx",
			      fdt.gicd, plat->gicd);
	else if (!gic_probe(plat->gicd, plat->gicr, plat->gicr_size, &gic_info))
		ok = mismatch("no GICv3 at 0x%lx (ArchRev %lu)", plat->gicd, gic_info.arch_rev);
	else if (plat->gic_version >= 4 && !gic_info.vlpis)
		ok = mismatch("the configuration needs GICv4; the GIC is v%lu with VLPIS=%lu",
			      gic_info.arch_rev, gic_info.vlpis);
	else if (gic_info.redist_count < plat->cpu_count)
		ok = mismatch("%lu redistributors for %lu CPUs", gic_info.redist_count,
			      plat->cpu_count);
	if (plat->its) {
		u32 rev = bits_get(*(volatile u32 *)(uintptr_t)(plat->its + GITS_PIDR2), 7, 4);

		if (rev != 3 && rev != 4)
			ok = mismatch("no ITS at 0x%lx (ArchRev %lu)", plat->its, rev);
	}
	smmu_found = fdt.smmu && fdt.smmu == plat->smmu;
	if (fdt.smmu && !smmu_found)
		pr_info("the device tree's SMMUv3 at 0x%lx is not the configuration's (0x%lx): "
			"left alone",
			fdt.smmu, plat->smmu);
	if (mmu_pa_bits() < STAGE2_IPA_BITS)
		ok = mismatch("the CPU has %lu physical address bits, partita needs %lu",
			      mmu_pa_bits(), STAGE2_IPA_BITS);
	fit_note(fdt.fit);
	return ok;
}

/**
 * partita's image, [_head, _end) with its BSS, must lie in the configuration's
 * hyp region and in no partition's RAM. The checker and the link refuse
 * anything else; this catches a loader that put partita somewhere else.
 */
static bool image_check(void)
{
	extern char _head[], _end[];
	const struct platform_config *plat = &system_config.platform;
	u64 head = (u64)(uintptr_t)_head, size = (u64)(uintptr_t)_end - head;
	bool ok = true;
	size_t i;

	if (!range_within(head, size, plat->hyp.base, plat->hyp.size))
		ok = mismatch("partita's image 0x%lx+0x%lx is not inside the hyp region", head,
			      size);
	for (i = 0; i < system_config.partition_count; i++) {
		const struct partition_config *p = &system_config.partitions[i];

		if (ranges_overlap(head, size, p->ram_pa, p->ram_size))
			ok = mismatch("partita's image ends at 0x%lx, in partition RAM at 0x%lx",
				      head + size, p->ram_pa);
	}
	return ok;
}

static void __attribute__((noreturn)) refuse(void)
{
	pr_info("refusing to start partitions: the machine does not match configuration \"%s\"",
		CONFIG_NAME);
	arch_smc(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		wfi();
}

/** Start the other CPUs and wait, bounded, until each runs partita's code. */
static void start_secondaries(void)
{
	const struct platform_config *plat = &system_config.platform;
	u32 i;

	for (i = 1; i < plat->cpu_count; i++) {
		s64 ret =
		    (s64)arch_smc(PSCI_CPU_ON_64, plat->cpu_mpidr[i], arch_secondary_entry_pa(), i);
		u64 n;

		if (ret != PSCI_RET_SUCCESS) {
			pr_info("pCPU %u (MPIDR 0x%lx): PSCI CPU_ON failed (%ld)", i,
				plat->cpu_mpidr[i], ret);
			refuse();
		}
		for (n = 0; n < CPU_ON_WAIT_BOUND &&
			    __atomic_load_n(&cpus_online, __ATOMIC_ACQUIRE) < i + 1;
		     n++)
			;
		if (n == CPU_ON_WAIT_BOUND) {
			pr_info("pCPU %u did not come up", i);
			refuse();
		}
	}
}

void boot_primary(u64 dtb)
{
	const struct platform_config *plat = &system_config.platform;

	percpu_setup(0);
	console_init(plat->uart);
	pr_info("partita %s, configuration \"%s\", DTB at 0x%lx", PARTITA_VERSION, CONFIG_NAME,
		dtb);
	if (!map_hypervisor(plat))
		panic("EL2 stage-1 table pool too small");
	mmu_enable(true);
	mmu_publish();
	hyp_configure_cpu();
	if (!platform_check(dtb) || !image_check())
		refuse();
	pr_info("platform \"%s\": %zu CPUs, GICv%u%s with %u redistributors%s", plat->name,
		plat->cpu_count, gic_info.arch_rev, gic_info.vlpis ? " (virtual LPIs)" : "",
		gic_info.redist_count, plat->its ? ", ITS" : "");
	pmu_announce();
	gic_dist_init();
	if (!gic_cpu_init(percpus[0].mpidr))
		panic("no redistributor for the boot CPU");
	partitions_init();
	partitions_pci_init();
	if (!partitions_its_init(gic_info.vlpis))
		refuse();
	/* Only where the machine has it: its frame may be absent (QEMU without iommu=smmuv3). */
	partitions_dma_init(plat->smmu && smmu_found);
	its_cpu_init(0, percpus[0].mpidr);
	cpus_online = 1;
	start_secondaries();
	partitions_console_irq_init();
	{
		u64 t = arch_counter(), f = arch_counter_freq();

		/* The machine's time to here, for boot-time figures (make bench). */
		pr_info("partitions start at counter %lu, %lu us after reset", t,
			f >= 1000 ? t * 1000 / (f / 1000) : 0);
	}
	partitions_start();
	vcpu_run();
}

void boot_secondary(u64 index)
{
	if (index >= CONFIG_CPU_COUNT)
		for (;;)
			wfi();
	/* head.S has turned the MMU and caches on already. */
	percpu_setup((u32)index);
	hyp_configure_cpu();
	if (!gic_cpu_init(percpus[index].mpidr))
		panic("no redistributor for pCPU %lu", index);
	its_cpu_init((u32)index, percpus[index].mpidr);
	__atomic_fetch_add(&cpus_online, 1, __ATOMIC_RELEASE);
	vcpu_run();
}
