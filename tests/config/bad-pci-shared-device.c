/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: two functions of one device in two partitions. */
/* expect: partition "b": pci_functions[0]: host 00:06.1 is on the device of partition "a"'s 00:06.0, which could reach it peer to peer; set .pci_shared_devices = true in both to accept that */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_SMMUV3),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(128), .image = "Makefile", .dts = "dts/bare-2cpu.dts",
		  CFG_PCI_FUNCTIONS({ PCI_BDF(0, 6, 0), PCI_BDF(0, 1, 0) }), .pci_ecam_ipa = 0x4010000000ULL,
		  .pci_mmio = { 0x10000000, MiB(1) }, .pci_shared_devices = true },
		{ .name = "b", CFG_CPUS(2, 3), .ram_ipa = 0x40000000,
		  .ram_pa = QEMU_VIRT_PART_RAM + MiB(128), .ram_size = MiB(128), .image = "Makefile",
		  .dts = "dts/bare-2cpu.dts",
		  CFG_PCI_FUNCTIONS({ PCI_BDF(0, 6, 1), PCI_BDF(0, 1, 0) }), .pci_ecam_ipa = 0x4010000000ULL,
		  .pci_mmio = { 0x10100000, MiB(1) } }),
};
