/* SPDX-License-Identifier: MIT */
/**
 * @file A configuration the checker must refuse: a host bridge INTx line
 * given to one partition while another's PCI function may drive it.
 */
/* expect: partition "a": spis[0]: INTID 37 is the host bridge's INTx line 2, which partita routes to the partitions' functions */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_SMMUV3),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(128), .image = "Makefile", .dts = "dts/bare-2cpu.dts",
		  CFG_SPIS(37) },
		{ .name = "b", CFG_CPUS(2), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM + MiB(128),
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/test-its2.dts",
		  CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 1, 0) }), .pci_ecam_ipa = 0x4010000000ULL,
		  .pci_mmio = { 0x11000000, MiB(1) }, .its_ipa = 0x08080000, .its_device_bits = 8,
		  .its_event_bits = 5 }),
};
