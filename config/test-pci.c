/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area pci/ (tests/system/pci.test): one PCIe host bridge split
 * between three partitions at function granularity. Each owns one of QEMU's
 * edu devices and sees it at 00:01.0 on its own virtual host bridge: p1 the
 * one at host 00:02.0, p2 00:03.0, p3 01:00.0, behind a PCIe root port at
 * 00:05.0 (partita numbers that bus, places the BAR and opens the port's
 * window onto p3's). Their RAM is at IPA = PA: no SMMU here, so the edu's
 * DMA uses physical addresses (.dma_not_isolated).
 */
#include "qemu-virt.h"

#define PCI_PARTITION(n, cpu, host) \
	{ \
		.name = "p" #n, \
		CFG_CPUS(cpu), \
		.ram_ipa = QEMU_VIRT_PART_RAM + ((n)-1) * MiB(64), \
		.ram_pa = QEMU_VIRT_PART_RAM + ((n)-1) * MiB(64), \
		.ram_size = MiB(64), \
		.uart_ipa = QEMU_VIRT_UART, \
		CFG_PCI_FUNCTIONS({ host, PCI_BDF(0, 1, 0) }), \
		.pci_ecam_ipa = 0x4010000000ULL, \
		.pci_mmio = { 0x10000000 + ((n)-1) * MiB(1), MiB(1) }, \
		.its_ipa = 0x08080000, \
		.its_device_bits = 8, \
		.its_event_bits = 5, \
		.dma_not_isolated = true, \
		.image = "build/guests/pci.bin", \
		.dts = "dts/test-pci-" #n ".dts", \
	}

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS(PCI_PARTITION(1, 0, PCI_BDF(0, 2, 0)), PCI_PARTITION(2, 1, PCI_BDF(0, 3, 0)),
		       PCI_PARTITION(3, 2, PCI_BDF(1, 0, 0))),
};
