/* SPDX-License-Identifier: MIT */
/**
 * @file A configuration the checker must refuse: its guest image fits the
 * partition's RAM, but linked into partita it pushes partita's image (and so
 * its BSS: stage-2 tables, stacks) past the 64 MiB hyp region into the
 * partition's RAM.
 */
/* expect: platform: hyp: 0x4000000 bytes at 0x40000000 cannot hold partita, which needs at least text offset 0x200000 + code 0x0 + read-only data 0x0 + guest images, DTBs and initrds 0xc80 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000,
		  .ram_pa = QEMU_VIRT_PART_RAM, .ram_size = MiB(256),
		  .image = "build/test-config/big.bin", .dts = "dts/bench-linux.dts" }),
};
