/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area linux/ (and, with the SMMU, config/test-linux-smmu.c,
 * which includes this file with its RAM elsewhere): Debian's arm64 kernel with a busybox initramfs
 * (scripts/fetch-linux.sh, scripts/linux-init.sh) in a two-vCPU partition,
 * beside a bare-metal one that runs its virtual timer at the same time and
 * checks that none of Linux's SGIs reach it: the virtual GICv3, its timer,
 * IPIs and the emulated PL011's interrupts as Linux drives them. Linux owns
 * a virtio-rng (qemu -device virtio-rng-pci,addr=3: host 00:03.0, DeviceID
 * 0x18), which it finds at 00:01.0 on its virtual host bridge and whose
 * MSI-X goes through its virtual ITS.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_DMA),
	CFG_PARTITIONS(
		{
			.name = "linux",
			CFG_CPUS(0, 1),
#ifndef LINUX_RAM_IPA
			/* IPA = PA: without an SMMU its PCI device DMAs with physical addresses. */
#define LINUX_RAM_IPA QEMU_VIRT_PART_RAM
#define LINUX_DTS "dts/linux.dts"
#endif
			.ram_ipa = LINUX_RAM_IPA,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(256),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/linux/Image",
			.initrd = "build/linux/initramfs.cpio.gz",
			.dts = LINUX_DTS,
			/*
			 * virtio-rng 00:03.0, seen at 00:01.0; BARs in 16 MiB, its
			 * 64-bit one (virtio's modern registers) in 16 MiB of the
			 * 64-bit window (its DTS).
			 */
			CFG_PCI_FUNCTIONS({ PCI_BDF(0, 3, 0), PCI_BDF(0, 1, 0) }),
			.pci_ecam_ipa = 0x4010000000ULL,
			.pci_mmio = { 0x10000000, MiB(16) },
			.pci_mmio64 = { 0x8000000000ULL, MiB(16) },
			.pci_io = { 0x1000, SZ_4K }, /* for its legacy I/O BAR */
			.its_ipa = 0x08080000,
			.its_device_bits = 16,
			.its_event_bits = 5,
			.dma_not_isolated = QEMU_VIRT_DMA_NOT_ISOLATED,
		},
		{
			.name = "rt",
			CFG_CPUS(2),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM + MiB(256),
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/guests/vgic.bin", /* its one-vCPU role */
			.dts = "dts/bare-1cpu-64m.dts",
		}),
};
