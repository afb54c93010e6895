/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a channel's size that is not a page multiple. */
/* expect: platform: channel "c": pa 0x54000000, size 0x1800: the size must be a power of two of at least 4 KiB */
#include "channel.h"

const struct system_config system_config = {
	PLATFORM,
	CFG_CHANNELS({ .name = "c", .pa = 0x54000000, .size = 0x1800, .vectors = 1 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0))),
		       MEMBER("b", 1, WINDOW, CFG_CHANNEL_ENDS(END0(0, 1)))),
};
