/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area its/: partition "its" (two vCPUs) owns the PCIe host
 * bridge's bus 0 configuration space and a slice of its MMIO window, so that
 * it can drive QEMU's edu device (DeviceID 0x10, qemu -device edu,addr=2),
 * and a second DeviceID with no device behind it; partition "its2" (one
 * vCPU) owns a second edu (DeviceID 0x20, -device edu,addr=4), with the
 * configuration space of that one function and a BAR window of its own.
 * Both have a virtual ITS. config/test-its-smmu.c is the same on the
 * machine with an SMMU, where their DMA is isolated.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	/* A two-level device table, though a flat one would do: that path is tested here. */
	.platform = QEMU_VIRT_PLATFORM(GiB(1), .its_two_level = true, QEMU_VIRT_DMA),
	CFG_PARTITIONS(
		{
			.name = "its",
			CFG_CPUS(0, 1),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			/* Configuration space of 00:00.0-00:03.0 (32 KiB each), BARs below 16 MiB. */
			CFG_REGIONS({ "pcie-ecam-dev0-3", 0x4010000000ULL, 0x4010000000ULL, 0x20000 },
				    { "pcie-mmio", 0x10000000, 0x10000000, MiB(16) }),
			.its_ipa = 0x08080000,
			CFG_ITS_DEVICES({ 0x10, 0x10 }, { 0x18, 0x18 }),
			.its_device_bits = 8,
			.its_event_bits = 5,
			.dma_not_isolated = QEMU_VIRT_DMA_NOT_ISOLATED,
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
			/* Its own edu: 00:04.0's configuration space and 1 MiB of BARs. */
			CFG_REGIONS({ "pcie-ecam-dev4", 0x4010020000ULL, 0x4010020000ULL, 0x8000 },
				    { "pcie-mmio-dev4", 0x11000000, 0x11000000, MiB(1) }),
			.its_ipa = 0x08080000,
			CFG_ITS_DEVICES({ 0x20, 0x20 }),
			.its_device_bits = 8,
			.its_event_bits = 5,
			.dma_not_isolated = QEMU_VIRT_DMA_NOT_ISOLATED,
			.image = "build/guests/its.bin",
			.dts = "dts/test-its2.dts",
		}),
};
