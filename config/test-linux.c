/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area linux/: Debian's arm64 kernel with a busybox initramfs
 * (scripts/fetch-linux.sh, scripts/linux-init.sh) in a two-vCPU partition,
 * beside a bare-metal one that runs its virtual timer at the same time and
 * checks that none of Linux's SGIs reach it: the virtual GICv3, its timer,
 * IPIs and the emulated PL011's interrupts as Linux drives them.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1)),
	CFG_PARTITIONS(
		{
			.name = "linux",
			CFG_CPUS(0, 1),
			.ram_ipa = 0x40000000,
			.ram_pa = QEMU_VIRT_PART_RAM,
			.ram_size = MiB(256),
			.uart_ipa = QEMU_VIRT_UART,
			.image = "build/linux/Image",
			.initrd = "build/linux/initramfs.cpio.gz",
			.dts = "dts/linux.dts",
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
