/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area vgic/: partition "vgic" (two vCPUs, owns the PL031 RTC
 * and its SPI 34) and partition "vgic2" (one vCPU) at once. vgic2 tries to
 * reach vgic's SPI and vCPUs; both run their virtual timers at the same time.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS(
		{
			.name = "vgic",
			CFG_CPUS(0, 1),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			CFG_REGIONS({ "rtc", 0x09010000, 0x09010000, 0x1000 }),
			CFG_SPIS(34),
			.image = "build/guests/vgic.bin",
			.dts = "dts/test-vgic.dts",
		},
		{
			.name = "vgic2",
			CFG_CPUS(2),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM + MiB(64),
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/guests/vgic.bin",
			.dts = "dts/bare-1cpu-64m.dts",
		}),
};
