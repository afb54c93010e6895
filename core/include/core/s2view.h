/* SPDX-License-Identifier: MIT */
/**
 * @file
 * What a partition reaches through its stage 2 without a trap
 * (docs/architecture.md, section 3): its RAM, its passthrough regions, its
 * PCI windows (IPA = PA: partita places its functions' BARs there), and
 * each of its channel ends' shared memory, read-only where the end says so.
 * Everything else, the frames partita emulates and the channel ends'
 * register pages among them, faults into partita. Header-only, so that the
 * configuration checker sizes the tables with the very code that builds them.
 */
#ifndef CORE_S2VIEW_H
#define CORE_S2VIEW_H

#include <arch/pgtable.h>
#include <core/config.h>

/* Stage 2, S2AP = 01: reads only. */
#define PT_S2_RO (1ULL << 6)
/* A channel's memory: data, never executable. */
#define S2VIEW_CHANNEL_RW (PT_S2_NORMAL | PT_XN)
#define S2VIEW_CHANNEL_RO (PT_S2_MEM_NORMAL | PT_S2_RO | PT_SH_INNER | PT_AF | PT_XN)

/**
 * Map @cfg's stage-2 view into @pt (empty). NULL, or the configuration
 * field that could not be mapped (the table pool is too small).
 */
static inline const char *s2view_map(struct pt *pt, const struct partition_config *cfg)
{
	const struct platform_config *plat = &system_config.platform;

	if (pt_map(pt, cfg->ram_ipa, cfg->ram_pa, cfg->ram_size, PT_S2_NORMAL))
		return "ram";
	for (size_t i = 0; i < cfg->region_count; i++)
		if (pt_map(pt, cfg->regions[i].ipa, cfg->regions[i].pa, cfg->regions[i].size,
			   PT_S2_DEVICE))
			return "regions";
	if (cfg->pci_mmio64.size && pt_map(pt, cfg->pci_mmio64.base, cfg->pci_mmio64.base,
					   cfg->pci_mmio64.size, PT_S2_DEVICE))
		return "pci_mmio64";
	if (cfg->pci_mmio.size &&
	    pt_map(pt, cfg->pci_mmio.base, cfg->pci_mmio.base, cfg->pci_mmio.size, PT_S2_DEVICE))
		return "pci_mmio";
	if (cfg->pci_io.size &&
	    pt_map(pt, plat->pcie_pio.base + cfg->pci_io.base,
		   plat->pcie_pio.base + cfg->pci_io.base, cfg->pci_io.size, PT_S2_DEVICE))
		return "pci_io";
	for (size_t i = 0; i < cfg->channel_end_count; i++) {
		const struct channel_end_config *e = &cfg->channel_ends[i];
		const struct channel_config *ch = &system_config.channels[e->channel];

		if (pt_map(pt, e->ipa, ch->pa, ch->size,
			   e->read_only ? S2VIEW_CHANNEL_RO : S2VIEW_CHANNEL_RW))
			return "channel_ends";
	}
	return NULL;
}

#endif
