/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse. */
/* expect: partition "a": spis[0]: INTID 33 is partita's own UART's */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(64), .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts",
		  CFG_SPIS(33) }),
};
