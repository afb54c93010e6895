/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench: the benchmark guest (guests/bench/bench.c) alone in a
 * two-vCPU partition, as it runs natively on QEMU.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({
		.name = "bench",
		CFG_CPUS(0, 1),
		.ram_ipa = 0x40000000,
		.ram_pa = QEMU_VIRT_PART_RAM,
		.ram_size = MiB(128),
		.uart_ipa = QEMU_VIRT_UART,
		.image = "build/guests/bench.bin",
		.dts = "dts/bare-2cpu.dts",
	}),
};
