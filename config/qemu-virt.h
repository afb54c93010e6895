/* SPDX-License-Identifier: MIT */
/**
 * @file
 * QEMU's `virt` machine (QEMU 7.2, -M virt,virtualization=on,its=on,
 * gic-version=3|4, -smp 4 -m 1G), as its generated device tree describes it.
 * partita keeps the first 64 MiB of RAM; partitions take slices above.
 */
#ifndef CONFIG_QEMU_VIRT_H
#define CONFIG_QEMU_VIRT_H

#include <core/config.h>

#define QEMU_VIRT_UART 0x09000000ULL
#define QEMU_VIRT_RAM_BASE 0x40000000ULL
#define QEMU_VIRT_HYP_SIZE MiB(64)
/* First RAM address partitions may use. */
#define QEMU_VIRT_PART_RAM (QEMU_VIRT_RAM_BASE + QEMU_VIRT_HYP_SIZE)

/*
 * The machine with an SMMUv3 in front of PCIe (-M virt,iommu=smmuv3): a
 * platform of its own, since with it every PCI function's DMA is isolated
 * and partitions that own functions need it. Wired SPIs 74 (eventq) .. 77 (gerror).
 */
#define QEMU_VIRT_SMMUV3 .smmu = 0x09050000, .smmu_evtq_intid = 32 + 74, .smmu_gerror_intid = 32 + 77

/*
 * A configuration built for the machine with and without the SMMU (one
 * that defines QEMU_VIRT_WITH_SMMU and includes the other, as
 * config/test-its-smmu.c does) gives its platform QEMU_VIRT_DMA and each
 * partition that owns PCI functions .dma_not_isolated = QEMU_VIRT_DMA_NOT_ISOLATED.
 */
#ifdef QEMU_VIRT_WITH_SMMU
#define QEMU_VIRT_DMA QEMU_VIRT_SMMUV3
#define QEMU_VIRT_DMA_NOT_ISOLATED false
#else
#define QEMU_VIRT_DMA .smmu = 0
#define QEMU_VIRT_DMA_NOT_ISOLATED true
#endif

/*
 * Extra designated initializers may follow the RAM size (e.g. .its_two_level
 * = true, QEMU_VIRT_SMMUV3).
 */
#define QEMU_VIRT_PLATFORM(ram_size, ...) \
	{ \
		.name = "qemu-virt", .ram = { QEMU_VIRT_RAM_BASE, (ram_size) }, \
		.hyp = { QEMU_VIRT_RAM_BASE, QEMU_VIRT_HYP_SIZE }, .uart = QEMU_VIRT_UART, \
		.uart_intid = 33, .gic_version = 3, .gicd = 0x08000000, .gicr = 0x080a0000, \
		.gicr_size = 0x00f60000, .its = 0x08080000, \
		.pcie_ecam = { 0x4010000000ULL, MiB(256) }, \
		.pcie_mmio = { 0x10000000, 0x2eff0000 }, .pcie_pio = { 0x3eff0000, SZ_64K }, \
		.pcie_mmio64 = { 0x8000000000ULL, GiB(512) }, \
		/* INTA..INTD: SPIs 3..6, by slot (its DT's interrupt-map). */ \
		.pcie_intx = { 35, 36, 37, 38 }, .pcie_intx_by_slot = true, \
		CFG_MPIDRS(0x0, 0x1, 0x2, \
			   0x3), /* Low device space, high PCIe ECAM, high PCIe MMIO */ \
		    CFG_MMIO({ 0x0, 0x40000000 }, { 0x4010000000ULL, MiB(256) }, \
			     { 0x8000000000ULL, GiB(512) }), \
		__VA_ARGS__ \
	}

#endif
