/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, areas psci/, isolation/, mmio/, console/: three partitions
 * running at once, one per area, on all four pCPUs. "iso" is identity-mapped
 * (IPA = PA) so that it can name partita's and "psci"'s physical RAM.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS(
		{
			.name = "psci",
			CFG_CPUS(0, 1),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(128),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/guests/psci.bin",
			.dts = "dts/bare-2cpu.dts",
		},
		{
			.name = "iso",
			CFG_CPUS(2),
			.ram_ipa = QEMU_VIRT_PART_RAM + MiB(128),
			.ram_pa = QEMU_VIRT_PART_RAM + MiB(128),
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/guests/isolation.bin",
			.dts = "dts/test-iso.dts",
		},
		{
			.name = "mmio",
			CFG_CPUS(3),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM + MiB(192),
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/guests/mmio.bin",
			.dts = "dts/bare-1cpu-64m.dts",
		}),
};
