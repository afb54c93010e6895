/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area dma/ (tests/system/dma-noits-no-smmu.test):
 * config/test-dma.c with no virtual ITS in partition "dma": its PCI
 * function can DMA all the same, so it needs the SMMU as much.
 */
#define TEST_DMA_ITS 0
#include "test-dma.c"
