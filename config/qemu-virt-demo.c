/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The demo system `make run` boots: two partitions side by side on QEMU virt,
 * each with its own console. "shell" (pCPUs 0-1) is an interactive little
 * shell; "rt" (pCPU 2) stands in for a real-time partition that ticks. pCPU 3
 * is given to no partition and parks.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS(
		{
			.name = "shell",
			CFG_CPUS(0, 1),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(128),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/guests/shell.bin",
			.dts = "dts/bare-2cpu.dts",
		},
		{
			.name = "rt",
			CFG_CPUS(2),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM + MiB(128),
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/guests/ticker.bin",
			.dts = "dts/bare-1cpu-64m.dts",
		}),
};
