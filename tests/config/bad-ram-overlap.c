/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse. */
/* expect: partition "b": ram_pa: 0x46000000+0x4000000 overlaps the RAM of partition "a" */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM, .ram_size = MiB(64), .uart_ipa = QEMU_VIRT_UART, .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts" },
		{ .name = "b", CFG_CPUS(1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM + MiB(32),
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts" }),
};
