/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a passthrough region at the IPA of its vGIC redistributor (the region won at stage 2). */
/* expect: partition "a": regions[0] "dev": IPA 0x80a0000+0x10000 overlaps the vGIC redistributors (0x80a0000+0x20000) */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts",
		  CFG_REGIONS({ "dev", 0x080a0000, 0x10000000, 0x10000 }) }),
};
