/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a channel of one partition. */
/* expect: platform: channel "c": 1 member(s): a channel needs two partitions at least */
#include "channel.h"

const struct system_config system_config = {
	PLATFORM,
	CFG_CHANNELS({ .name = "c", .pa = 0x54000000, .size = SZ_64K, .vectors = 1 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0))),
		       { .name = "b", CFG_CPUS(1), .ram_ipa = 0x40000000,
			 .ram_pa = QEMU_VIRT_PART_RAM + MiB(64), .ram_size = MiB(64),
			 .image = "Makefile", .dts = "dts/bare-1cpu-64m.dts" }),
};
