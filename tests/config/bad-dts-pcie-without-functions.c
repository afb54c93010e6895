/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a host-bridge node in the DTS of a partition with no PCI functions. */
/* expect: partition "a": dts: a PCIe host bridge node, but the partition has no pci_functions */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/test-its.dts",
		  .its_ipa = 0x08080000, .its_device_bits = 8, .its_event_bits = 5 }),
};
