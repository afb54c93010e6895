/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse. */
/* expect: partition "b": regions[0] "ecam": inside the PCIe host bridge's configuration space or window, which partita keeps: give PCI functions with CFG_PCI_FUNCTIONS */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_SMMUV3),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(128), .image = "Makefile", .dts = "dts/bare-2cpu.dts",
		  CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 1, 0) }), .pci_ecam_ipa = 0x4010000000ULL, .pci_mmio = { 0x10000000, MiB(1) } },
		{ .name = "b", CFG_CPUS(2, 3), .ram_ipa = 0x40000000,
		  .ram_pa = QEMU_VIRT_PART_RAM + MiB(128), .ram_size = MiB(128), .image = "Makefile",
		  .dts = "dts/bare-2cpu.dts",
		  CFG_REGIONS({ "ecam", 0x4010000000ULL, 0x4010000000ULL, 0x20000 }) }),
};
