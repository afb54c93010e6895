/* SPDX-License-Identifier: MIT */
/**
 * @file
 * What a partition's PCI functions may reach by DMA (docs/architecture.md,
 * section 6b): its RAM, at the IPAs its guest gives them, and the one page
 * of the ITS an MSI writes, GITS_TRANSLATER's, at the IPA the guest sees
 * its vITS (its_ipa + 64 KiB) mapped to the physical ITS's. Nothing else:
 * not the ITS's control page, not the partition's device windows, nothing
 * of partita or of another partition, and nothing executable. The SMMU
 * translates the functions' DMA through these tables, in stage-1 format
 * where it has only stage 1 and in stage-2 format where it has stage 2.
 * Header-only, so that the configuration checker can size the tables with
 * the very code that builds them.
 */
#ifndef CORE_DMAVIEW_H
#define CORE_DMAVIEW_H

#include <arch/pgtable.h>
#include <core/config.h>

/** The page of the ITS frame an MSI writes (GITS_TRANSLATER's, in the second 64 KiB). */
#define DMAVIEW_DOORBELL_OFFSET 0x10000

/*
 * Stage-1 leaf attributes for an SMMU context descriptor whose MAIR has
 * attr0 = normal write-back, attr1 = device-nGnRE (DMAVIEW_MAIR): readable
 * and writable by unprivileged and privileged transactions (AP[2:1] = 01),
 * not global (the partition's ASID), never executable, accessed (the
 * SMMU's HA is not used, and an AF of 0 would fault on real SMMUs).
 */
#define DMAVIEW_MAIR 0x04ffULL
#define DMAVIEW_S1_RAM (0ULL << 2 | BIT(6) | PT_SH_INNER | PT_AF | BIT(11) | BIT(53) | PT_XN)
#define DMAVIEW_S1_DOORBELL (1ULL << 2 | BIT(6) | PT_AF | BIT(11) | BIT(53) | PT_XN)

/**
 * Map @cfg's DMA view into @pt (empty): RAM and, with a vITS, the doorbell
 * page to @its_pa's, in stage-2 format (@stage2) or stage-1. 0, or -1 if
 * the table pool is too small.
 */
static inline int dmaview_map(struct pt *pt, const struct partition_config *cfg, u64 its_pa,
			      bool stage2)
{
	if (pt_map(pt, cfg->ram_ipa, cfg->ram_pa, cfg->ram_size,
		   stage2 ? PT_S2_NORMAL | PT_XN : DMAVIEW_S1_RAM))
		return -1;
	if (cfg->its_ipa &&
	    pt_map(pt, cfg->its_ipa + DMAVIEW_DOORBELL_OFFSET, its_pa + DMAVIEW_DOORBELL_OFFSET,
		   SZ_4K, stage2 ? PT_S2_DEVICE : DMAVIEW_S1_DOORBELL))
		return -1;
	return 0;
}

#endif
