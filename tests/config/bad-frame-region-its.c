/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a passthrough region inside its virtual ITS frame. */
/* expect: partition "a": regions[0] "dev": IPA 0x8090000+0x1000 overlaps the virtual ITS (0x8080000+0x20000) */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts",
		  .its_ipa = 0x08080000, .its_device_bits = 8, .its_event_bits = 5, CFG_REGIONS({ "dev", 0x08090000, 0x10000000, 0x1000 }) }),
};
