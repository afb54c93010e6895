/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: the virtual functions' window over the GIC. */
/* expect: partition "b": pci_vmmio: 0x8000000+0x100000 overlaps the vGIC distributor */
#include "channel.h"

const struct system_config system_config = {
	PLATFORM,
	CFG_CHANNELS({ .name = "c", .pa = 0x54000000, .size = SZ_64K, .vectors = 1 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0))),
		       MEMBER("b", 1, 0x08000000,
			      CFG_CHANNEL_ENDS(END(0, 1, 2, 0x08010000, 0x08000000)))),
};
