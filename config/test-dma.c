/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area dma/ (tests/system/dma.test, on a machine with an
 * SMMUv3): partition "dma" owns QEMU's edu device at 00:02.0 (StreamID and
 * DeviceID 0x10) and aims its DMA engine at its own RAM and at everything
 * else; partition "victim" holds a guard pattern. The attacker's RAM is at
 * IPA 0x80000000, physical 0x44000000, so that a DMA address is never its
 * physical one by accident.
 */
#include "qemu-virt.h"

#ifndef TEST_DMA_ITS
#define TEST_DMA_ITS 0x08080000 /* config/test-dma-noits.c: none */
#endif

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_SMMUV3),
	CFG_PARTITIONS(
		{
			.name = "dma",
			CFG_CPUS(0),
			.ram_ipa = 0x80000000,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			/* 00:02.0 on its virtual host bridge, its BAR in 0x10000000+1 MiB. */
			CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 2, 0) }),
			.pci_ecam_ipa = 0x4010000000ULL,
			.pci_mmio = { 0x10000000, MiB(1) },
			.its_ipa = TEST_DMA_ITS,
			.its_device_bits = 8,
			.its_event_bits = 5,
			.image = "build/guests/dma.bin",
			.dts = "dts/test-dma.dts",
		},
		{
			.name = "victim",
			CFG_CPUS(1),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM + MiB(64),
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/guests/dma.bin",
			.dts = "dts/test-dma-victim.dts",
		}),
};
