/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: the guest DTS does not give its 64-bit window. */
/* expect: partition "a": dts: the pcie node's ranges must give pci_mmio64 0x8000000000+0x100000 (64-bit) */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_SMMUV3),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/test-its2.dts",
		  CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 1, 0) }), .pci_ecam_ipa = 0x4010000000ULL,
		  .pci_mmio = { 0x11000000, MiB(1) }, .pci_mmio64 = { 0x8000000000ULL, MiB(1) },
		  .its_ipa = 0x08080000, .its_device_bits = 8, .its_event_bits = 5 }),
};
