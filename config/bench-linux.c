/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench's Linux boot figure: Debian's arm64 kernel with the test
 * initramfs alone in a two-vCPU partition with a virtual ITS, booting the
 * tree (dts/bench-linux.dts) it also boots natively; its /init prints the
 * virtual counter first of all. Alone, because under -icount every CPU's
 * instructions advance the one virtual clock.
 */
#include "qemu-virt.h"

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), QEMU_VIRT_DMA), /* bench-linux-smmu.c: with the SMMU */
	.pmu_counts_el2 = true, /* the boot-time figures count cycles in partita too */
	CFG_PARTITIONS({
		.name = "linux",
		CFG_CPUS(0, 1),
		.ram_ipa = 0x40000000,
		.ram_pa = QEMU_VIRT_PART_RAM,
		.ram_size = MiB(256),
		.uart_ipa = QEMU_VIRT_UART,
		.image = "build/linux/Image",
		.initrd = "build/linux/initramfs.cpio.gz",
		.dts = "dts/bench-linux.dts",
		.its_ipa = 0x08080000,
		.its_device_bits = 16,
		.its_event_bits = 5,
	}),
};
