/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The system `make run` boots (README, "First run"): on QEMU virt with an
 * SMMUv3 in front of PCIe,
 *  - "linux" (pCPUs 0-1): Debian's arm64 kernel with a busybox initramfs
 *    (guests/linux/demo) that brings up eth0, a virtio-net NIC at host
 *    00:02.0 seen at 00:01.0 on its virtual host bridge, its MSI-X through
 *    its virtual ITS (direct injection with GIC=4) and its DMA through the
 *    SMMU (its RAM is at IPA 0x40000000, elsewhere physically); it gets a
 *    DHCP lease from QEMU's user network, pings the gateway and leaves a
 *    shell on its console;
 *  - "rt" (pCPU 2): a bare-metal real-time loop (guests/demo/realtime.c)
 *    whose timer fires every millisecond; once a second it prints its
 *    interrupt lateness and the exits to partita it took.
 * pCPU 3 is given to no partition and parks.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_SMMUV3),
	CFG_PARTITIONS(
		{
			.name = "linux",
			CFG_CPUS(0, 1),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(256),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/linux/Image",
			.initrd = "build/linux/demo-initramfs.cpio.gz",
			.dts = "dts/demo-linux.dts",
			/* virtio-net-pci at 00:02.0 (scripts/qemu.sh --demo), seen at 00:01.0. */
			CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 1, 0) }),
			.pci_ecam_ipa = 0x4010000000ULL,
			.pci_mmio = { 0x10000000, MiB(16) },
			.pci_mmio64 = { 0x8000000000ULL, MiB(16) },
			.its_ipa = 0x08080000,
			.its_device_bits = 16,
			.its_event_bits = 5,
		},
		{
			.name = "rt",
			CFG_CPUS(2),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM + MiB(256),
			.ram_size = MiB(64),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/guests/realtime.bin",
			.dts = "dts/bare-1cpu-64m.dts",
		}),
};
