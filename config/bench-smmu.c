/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench's MSI figure with an SMMUv3 in front of PCIe: config/bench.c on
 * the machine with the SMMU, where edu's MSIs are DMA writes it translates.
 */
#define QEMU_VIRT_WITH_SMMU
#include "bench.c"
