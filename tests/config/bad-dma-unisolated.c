/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a PCI function on a platform with no SMMU, unacknowledged. */
/* expect: partition "a": its_devices: the platform has no SMMU, so these 1 PCI function(s) can DMA to all memory; set .dma_not_isolated = true to accept that */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(128), .image = "Makefile", .dts = "dts/bare-2cpu.dts",
		  .its_ipa = 0x08080000, CFG_ITS_DEVICES({ 0x10, 0x10 }), .its_device_bits = 8,
		  .its_event_bits = 5 }),
};
