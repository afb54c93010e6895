/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area pci/ (tests/system/pci-flr.test): one partition owning
 * a virtio-rng behind a PCIe root port (host 01:00.0, seen at 00:01.0),
 * which has Function Level Reset: partita resets it at boot and whenever
 * the partition goes down, and puts its BARs back. Its 64-bit BAR is in
 * the partition's 64-bit window, which the root port forwards.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({
		.name = "flr",
		CFG_CPUS(0),
		.ram_ipa = 0x40000000,
		.ram_pa = QEMU_VIRT_PART_RAM,
		.ram_size = MiB(64),
		.uart_ipa = QEMU_VIRT_UART,
		/* And two edus behind a switch's two downstream ports (buses 4 and 5). */
		CFG_PCI_FUNCTIONS({ PCI_BDF(1, 0, 0), PCI_BDF(0, 1, 0) },
				  { PCI_BDF(4, 0, 0), PCI_BDF(0, 2, 0) },
				  { PCI_BDF(5, 0, 0), PCI_BDF(0, 3, 0) }),
		.pci_ecam_ipa = 0x4010000000ULL,
		.pci_mmio = { 0x10000000, MiB(4) },
		/* Its 64-bit prefetchable BAR, through the root port's prefetchable window. */
		.pci_mmio64 = { 0x8000000000ULL, MiB(1) },
		.its_ipa = 0x08080000,
		.its_device_bits = 8,
		.its_event_bits = 5,
		.dma_not_isolated = true, /* a machine with no SMMU */
		.image = "build/guests/flr.bin",
		.dts = "dts/test-flr.dts",
	}),
};
