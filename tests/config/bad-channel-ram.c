/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a channel's memory in a partition's RAM. */
/* expect: platform: channel "c": overlaps the RAM of partition "b" */
#include "channel.h"

const struct system_config system_config = {
	PLATFORM,
	CFG_CHANNELS({ .name = "c", .pa = QEMU_VIRT_PART_RAM + MiB(64), .size = SZ_64K, .vectors = 1 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0))),
		       MEMBER("b", 1, WINDOW, CFG_CHANNEL_ENDS(END0(0, 1)))),
};
