/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a channel's memory in partita's. */
/* expect: platform: channel "c": overlaps partita's own RAM (hyp) */
#include "channel.h"

const struct system_config system_config = {
	PLATFORM,
	CFG_CHANNELS({ .name = "c", .pa = QEMU_VIRT_RAM_BASE + MiB(32), .size = SZ_64K, .vectors = 1 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0))),
		       MEMBER("b", 1, WINDOW, CFG_CHANNEL_ENDS(END0(0, 1)))),
};
