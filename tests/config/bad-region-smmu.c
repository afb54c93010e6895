/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: the SMMU's registers given to a partition. */
/* expect: partition "a": regions[0] "smmu": overlaps the SMMU (0x9050000), which partita owns */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_SMMUV3),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(128), .image = "Makefile", .dts = "dts/bare-2cpu.dts",
		  CFG_REGIONS({ "smmu", 0x09060000, 0x09060000, 0x1000 }) }),
};
