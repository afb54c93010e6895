/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse. */
/* expect: partition "b": regions[0] "rtc": device PA 0x9010000 is also given to partition "a" (regions[0]) */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS(
		{ .name = "a", CFG_CPUS(0), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts",
		  CFG_REGIONS({ "rtc", 0x09010000, 0x09010000, 0x1000 }) },
		{ .name = "b", CFG_CPUS(1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM + MiB(64),
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts",
		  CFG_REGIONS({ "rtc", 0x09010000, 0x09010000, 0x1000 }) }),
};
