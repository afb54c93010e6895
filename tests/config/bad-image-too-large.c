/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse. */
/* expect: partition "a": image: "build/test-config/big.bin" needs 0xc800000 bytes at offset 0x0, larger than its RAM (0x4000000) */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "build/test-config/big.bin", .dts = "dts/bare-1cpu-64m.dts" }),
};
