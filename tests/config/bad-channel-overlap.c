/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: two channels' memory overlaps. */
/* expect: platform: channel "d": overlaps channel "c" */
#include "channel.h"

const struct system_config system_config = {
	PLATFORM,
	CFG_CHANNELS({ .name = "c", .pa = 0x54000000, .size = SZ_64K, .vectors = 1 },
		     { .name = "d", .pa = 0x54008000, .size = SZ_4K, .vectors = 1 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0), END(1, 0, 3, 0x30020000, 0x30002000))),
		       MEMBER("b", 1, WINDOW, CFG_CHANNEL_ENDS(END0(0, 1), END(1, 1, 3, 0x30020000, 0x30002000)))),
};
