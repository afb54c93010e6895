/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area smmu/ (tests/system/its-smmu.test): config/test-its.c
 * on the machine with an SMMUv3 in front of PCIe, where the partitions'
 * functions' DMA (their MSIs included) translates through their DMA views.
 */
#define QEMU_VIRT_WITH_SMMU
#include "test-its.c"
