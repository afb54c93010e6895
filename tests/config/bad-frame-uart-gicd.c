/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: its emulated UART inside the vGIC distributor frame (partita panicked at boot). */
/* expect: partition "a": uart_ipa: 0x8001000+0x1000 overlaps the vGIC distributor (0x8000000+0x10000) */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts",
		  .uart_ipa = 0x08001000 }),
};
