/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: its RAM at the IPA of the vGIC distributor (the frame unreachable). */
/* expect: partition "a": ram_ipa: 0x8000000+0x4000000 overlaps the vGIC distributor (0x8000000+0x10000) */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0), .ram_ipa = 0x08000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts",
		  }),
};
