/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a 64-bit window in the 32-bit one. */
/* expect: partition "a": pci_mmio64: 0x10100000+0x100000 must be 1 MiB aligned, inside the platform's pcie_mmio64 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_SMMUV3),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(128), .image = "Makefile", .dts = "dts/bare-2cpu.dts",
		  CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 1, 0) }), .pci_ecam_ipa = 0x4010000000ULL,
		  .pci_mmio = { 0x10000000, MiB(1) }, .pci_mmio64 = { 0x10100000, MiB(1) } }),
};
