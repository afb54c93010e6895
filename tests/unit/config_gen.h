/* SPDX-License-Identifier: MIT */
/** @file Stand-in for build/<config>/gen/config_gen.h in the host unit tests. */
#ifndef CONFIG_GEN_H
#define CONFIG_GEN_H
#define CONFIG_NAME "host-test"
#define CONFIG_CPU_COUNT 4
#define CONFIG_PARTITION_COUNT 2
#define CONFIG_MAX_VCPUS 2
#define CONFIG_VGIC_SPIS 32
#define CONFIG_ITS_DEVICES 2
#define CONFIG_ITS_EVENTS 64
#define CONFIG_ITS_SLOTS 3
#define CONFIG_PCI_FUNCTIONS 4
#define CONFIG_CHANNELS 2
#define CONFIG_CHANNEL_ENDS 2
#define CONFIG_S2_TABLE_PAGES 1
#define CONFIG_S2_PAGES_LIST \
	{ \
		1, 1 \
	}
#define CONFIG_LOAD_ADDR 0x40200000
#define CONFIG_HYP_END 0x44000000
#endif
