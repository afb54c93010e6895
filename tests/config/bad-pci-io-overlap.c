/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: two partitions sharing I/O space. */
/* expect: partition "b": pci_io: overlaps the pci_io of partition "a" */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_SMMUV3),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(128), .image = "Makefile", .dts = "dts/bare-2cpu.dts",
		  CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 1, 0) }), .pci_ecam_ipa = 0x4010000000ULL,
		  .pci_mmio = { 0x10000000, MiB(1) }, .pci_io = { 0x1000, 0x2000 } },
		{ .name = "b", CFG_CPUS(2, 3), .ram_ipa = 0x40000000,
		  .ram_pa = QEMU_VIRT_PART_RAM + MiB(128), .ram_size = MiB(128), .image = "Makefile",
		  .dts = "dts/bare-2cpu.dts",
		  CFG_PCI_FUNCTIONS({ PCI_BDF(0, 3, 0), PCI_BDF(0, 1, 0) }), .pci_ecam_ipa = 0x4010000000ULL,
		  .pci_mmio = { 0x10100000, MiB(1) }, .pci_io = { 0x2000, 0x1000 } }),
};
