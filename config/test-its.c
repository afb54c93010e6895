/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area its/: partition "its" (two vCPUs) owns QEMU's edu
 * device at 00:02.0 (DeviceID 0x10, qemu -device edu,addr=2) on its virtual
 * host bridge, and a second DeviceID with no device behind it; partition
 * "its2" (one vCPU) owns a second edu (DeviceID 0x20, -device edu,addr=4).
 * Each has a BAR window of its own, where partita places its edu's BAR.
 * Both have a virtual ITS. config/test-its-smmu.c is the same on the
 * machine with an SMMU, where their DMA is isolated.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	/* A two-level device table, though a flat one would do: that path is tested here. */
	.platform = QEMU_VIRT_PLATFORM(GiB(1), .its_two_level = true, QEMU_VIRT_DMA),
	CFG_PARTITIONS(
		{
			.name = "its",
			CFG_CPUS(0, 1),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			/* edu 00:02.0, seen at 00:02.0, its BAR in 0x10000000+1 MiB. */
			CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 2, 0) }),
			.pci_ecam_ipa = 0x4010000000ULL,
			.pci_mmio = { 0x10000000, MiB(1) },
			.its_ipa = 0x08080000,
			/* And a DeviceID with no device behind it (INT makes its LPIs). */
			CFG_ITS_DEVICES({ 0x18, 0x18 }),
			.its_device_bits = 8,
			.its_event_bits = 5,
			.dma_not_isolated = QEMU_VIRT_DMA_NOT_ISOLATED,
			.image = "build/guests/its.bin",
			.dts = "dts/test-its.dts",
		},
		{
			.name = "its2",
			CFG_CPUS(2),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM + MiB(64),
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			/* Its own edu, 00:04.0, seen there, its BAR in 0x11000000+1 MiB. */
			CFG_PCI_FUNCTIONS({ PCI_BDF(0, 4, 0), PCI_BDF(0, 4, 0) }),
			.pci_ecam_ipa = 0x4010000000ULL,
			.pci_mmio = { 0x11000000, MiB(1) },
			.its_ipa = 0x08080000,
			.its_device_bits = 8,
			.its_event_bits = 5,
			.dma_not_isolated = QEMU_VIRT_DMA_NOT_ISOLATED,
			.image = "build/guests/its.bin",
			.dts = "dts/test-its2.dts",
		}),
};
