/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench: the benchmark guest (guests/bench/bench.c) alone in a
 * two-vCPU partition, as it runs natively on QEMU, with QEMU's edu device
 * and a virtual ITS for its MSI figures. config/bench-smmu.c is the same
 * on the machine with an SMMU.
 */
#include "qemu-virt.h"

#ifndef BENCH_ITS_DELIVERY
#define BENCH_ITS_DELIVERY ITS_DELIVERY_AUTO /* config/bench-lr.c forces list registers */
#endif
#ifndef BENCH_OTHER_PARTITIONS
#define BENCH_OTHER_PARTITIONS /* config/bench-flood.c adds one */
#endif
#ifndef BENCH_DTS
#define BENCH_DTS "dts/bench.dts"
#endif
#ifndef BENCH_EXTRA
#define BENCH_EXTRA /* more of the benchmark partition (config/bench-ring.c: a channel end) */
#endif
#ifndef BENCH_PLATFORM_EXTRA
#define BENCH_PLATFORM_EXTRA
#endif
#ifndef BENCH_SYSTEM_EXTRA
#define BENCH_SYSTEM_EXTRA
#endif

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_DMA BENCH_PLATFORM_EXTRA),
	.pmu_counts_el2 = true, /* the figures count cycles in partita too */
	BENCH_SYSTEM_EXTRA
	CFG_PARTITIONS({
		.name = "bench",
		CFG_CPUS(0, 1),
		.ram_ipa = 0x40000000,
		.ram_pa = QEMU_VIRT_PART_RAM,
		.ram_size = MiB(128),
		.uart_ipa = QEMU_VIRT_UART,
		.image = "build/guests/bench.bin",
		.dts = BENCH_DTS,
		/* QEMU's edu at 00:02.0 (DeviceID 0x10) and a virtual ITS, for the MSI figures. */
		CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 2, 0) }),
		.pci_ecam_ipa = 0x4010000000ULL,
		.pci_mmio = { 0x10000000, MiB(1) },
		.its_ipa = 0x08080000,
		.its_device_bits = 8,
		.its_event_bits = 5,
		.its_delivery = BENCH_ITS_DELIVERY,
		.dma_not_isolated = QEMU_VIRT_DMA_NOT_ISOLATED BENCH_EXTRA,
	} BENCH_OTHER_PARTITIONS),
};
