/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area linux/ on a machine with an SMMUv3 (tests/system/linux-smmu.test):
 * config/test-linux.c with Linux's RAM at IPA 0x40000000, physical
 * 0x44000000, so that its virtio device's DMA works only through the SMMU's
 * translation of its partition's DMA view.
 */
#define QEMU_VIRT_WITH_SMMU
#define LINUX_RAM_IPA 0x40000000
#define LINUX_DTS "dts/linux-smmu.dts"
#include "test-linux.c"
