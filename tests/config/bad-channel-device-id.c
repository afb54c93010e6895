/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: a PCI function that carries a channel's DeviceID. */
/* expect: partition "b": pci_functions[0]: physical DeviceID 0xff08 is one of the channels' */
#include "channel.h"

const struct system_config system_config = {
	PLATFORM,
	CFG_CHANNELS({ .name = "c", .pa = 0x54000000, .size = SZ_64K, .vectors = 1 }),
	CFG_PARTITIONS(MEMBER("a", 0, WINDOW, CFG_CHANNEL_ENDS(END0(0, 0))),
		       MEMBER("b", 1, WINDOW, CFG_CHANNEL_ENDS(END0(0, 1)), .dma_not_isolated = true,
			      CFG_PCI_FUNCTIONS({ PCI_BDF(0xff, 1, 0), PCI_BDF(0, 1, 0) }),
			      .pci_mmio = { 0x10000000, MiB(1) })),
};
