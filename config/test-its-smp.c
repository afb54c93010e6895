/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area its/: one partition of four vCPUs, "smp", whose vCPUs
 * write commands into one virtual ITS queue at the same time
 * (guests/tests/its.c, its four-vCPU role). DeviceID 0x18 has no device
 * behind it: only INT makes its LPIs.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS({
		.name = "smp",
		CFG_CPUS(0, 1, 2, 3),
		.ram_ipa = 0x40000000,
		.ram_pa = QEMU_VIRT_PART_RAM,
		.ram_size = MiB(64),
		.uart_ipa = QEMU_VIRT_UART,
		.its_ipa = 0x08080000,
		CFG_ITS_DEVICES({ 0x18, 0x18 }),
		.its_device_bits = 8,
		.its_event_bits = 5,
		.dma_not_isolated = true, /* a machine with no SMMU */
		.image = "build/guests/its.bin",
		.dts = "dts/test-its-4cpu.dts",
	}),
};
