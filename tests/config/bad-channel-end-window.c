/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a member's view of the memory outside its window. */
/* expect: partition "b": channel_ends[0]: ipa 0x31000000: the memory (0x10000 bytes) must be aligned to its size, inside pci_vmmio */
#include "channel.h"

const struct system_config system_config = {
	PLATFORM,
	CFG_CHANNELS({ .name = "c", .pa = 0x54000000, .size = SZ_64K, .vectors = 1 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0))),
		       MEMBER("b", 1, WINDOW, CFG_CHANNEL_ENDS(END(0, 1, 2, 0x31000000, 0x30000000)))),
};
