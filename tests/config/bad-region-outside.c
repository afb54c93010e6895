/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse. */
/* expect: partition "a": regions[0] "ram": PA 0x50000000+0x1000 is outside the platform's device windows */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts",
		  CFG_REGIONS({ "ram", 0x10000000, 0x50000000, 0x1000 }) }),
};
