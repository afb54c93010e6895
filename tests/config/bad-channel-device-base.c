/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: channels on an ITS platform with no DeviceIDs for them. */
/* expect: platform: channel_device_base: 0x0: the channels need DeviceIDs 0x0..0xf of the ITS */
#include "channel.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_CHANNELS({ .name = "c", .pa = 0x54000000, .size = SZ_64K, .vectors = 1 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0))),
		       MEMBER("b", 1, WINDOW, CFG_CHANNEL_ENDS(END0(0, 1)))),
};
