/* SPDX-License-Identifier: MIT */
/** @file System tests, area boot/: one partition checking the guest boot contract. */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({
		.name = "boot",
		CFG_CPUS(0),
		.ram_ipa = 0x40000000,
		.ram_pa = QEMU_VIRT_PART_RAM,
		.ram_size = MiB(64),
		.uart_ipa = QEMU_VIRT_UART,
		.image = "build/guests/boot.bin",
		.dts = "dts/bare-1cpu-64m.dts",
	}),
};
