/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area its/: partition "its" (two vCPUs) owns the PCIe host
 * bridge's bus 0 configuration space and a slice of its MMIO window, so that
 * it can drive QEMU's edu device (DeviceID 0x10, qemu -device edu,addr=2),
 * and a second DeviceID with no device behind it; partition "its2" (one
 * vCPU) owns DeviceID 0x20 only. Both have a virtual ITS.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS(
		{
			.name = "its",
			CFG_CPUS(0, 1),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			CFG_REGIONS({ "pcie-ecam-bus0", 0x4010000000ULL, 0x4010000000ULL, MiB(1) },
				    { "pcie-mmio", 0x10000000, 0x10000000, MiB(16) }),
			.its_ipa = 0x08080000,
			CFG_ITS_DEVICES({ 0x10, 0x10 }, { 0x18, 0x18 }),
			.its_device_bits = 8,
			.its_event_bits = 5,
			.image = "build/guests/its.bin",
			.dts = "dts/test-its.dts",
		},
		{
			.name = "its2",
			CFG_CPUS(2),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM + MiB(64),
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			.its_ipa = 0x08080000,
			CFG_ITS_DEVICES({ 0x20, 0x20 }),
			.its_device_bits = 8,
			.its_event_bits = 5,
			.image = "build/guests/its.bin",
			.dts = "dts/test-its2.dts",
		}),
};
