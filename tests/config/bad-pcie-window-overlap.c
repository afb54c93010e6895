/* SPDX-License-Identifier: MIT */
/** @file A configuration the checker must refuse: the platform's 64-bit PCIe window over its 32-bit one. */
/* expect: platform: pcie_mmio64: overlaps pcie_mmio */
#include "qemu-virt.h"
#pragma GCC diagnostic ignored "-Woverride-init" /* the platform's window, replaced */

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), .pcie_mmio64 = { 0x20000000, GiB(1) }),
	CFG_PARTITIONS({ .name = "a", CFG_CPUS(0, 1), .ram_ipa = 0x40000000, .ram_pa = QEMU_VIRT_PART_RAM,
		  .ram_size = MiB(128), .image = "Makefile", .dts = "dts/bare-2cpu.dts" }),
};
