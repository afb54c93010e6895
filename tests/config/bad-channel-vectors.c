/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: more doorbell vectors than a member may take. */
/* expect: platform: channel "c": vectors: 5 (1..4) */
#include "channel.h"

const struct system_config system_config = {
	PLATFORM,
	CFG_CHANNELS({ .name = "c", .pa = 0x54000000, .size = SZ_64K, .vectors = 5 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0))),
		       MEMBER("b", 1, WINDOW, CFG_CHANNEL_ENDS(END0(0, 1)))),
};
