/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench's Linux boot figure on the machine with an SMMUv3
 * (-M virt,iommu=smmuv3): config/bench-linux.c, with partita bringing the
 * SMMU up (every stream aborted) before the partition starts.
 */
#define QEMU_VIRT_WITH_SMMU
#include "bench-linux.c"
