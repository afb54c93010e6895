/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The static system configuration: one platform and its partitions. A
 * configuration is a C file in config/ defining `system_config`; it is
 * compiled twice, into partita and into the host checker (core/config_check.c)
 * that refuses bad configurations during `make` and derives array sizes.
 * Every count comes from ARRAY_SIZE through the macros below, never typed by
 * hand.
 */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include <core/types.h>

/** A range of physical or intermediate-physical addresses. */
struct mem_range {
	u64 base;
	u64 size;
};

/** A device the hypervisor leaves to a partition: MMIO mapped straight through. */
struct passthrough_region {
	const char *name;
	u64 ipa;  /**< where the guest sees it */
	u64 pa;	  /**< where it is */
	u64 size; /**< 4 KiB multiple */
};

/**
 * A device whose MSIs a partition's virtual ITS translates: a PCI function
 * (or any MSI source) behind the physical ITS.
 */
struct its_device_config {
	u32 guest_id; /**< DeviceID the guest names in its ITS commands */
	u32 phys_id;  /**< DeviceID its MSIs carry (a PCI function's requester ID) */
};

/**
 * A PCI function given to a partition: where it is on the host bridge and
 * where the partition sees it on its virtual host bridge's bus 0. Bus,
 * device and function as a requester ID: PCI_BDF(bus, device, function).
 * Its ITS DeviceID and SMMU StreamID are its host requester ID (QEMU virt's
 * msi-map and iommu-map are the identity); the guest's DeviceID for it is
 * the guest requester ID (its DT's msi-map is the identity).
 */
struct pci_function_config {
	u16 host;
	u16 guest;
};
#define PCI_BDF(bus, dev, fn) ((u16)((bus) << 8 | (dev) << 3 | (fn)))

/* Peers a channel may have, doorbell vectors each may take (vdev/pci/vchan.c). */
#define CHANNEL_PEERS 16
#define CHANNEL_VECTORS 4

/**
 * A channel between partitions (vdev/include/vdev/vchan.h): shared memory
 * that no partition owns, and doorbells. Its members are the partitions
 * whose channel_ends name it.
 */
struct channel_config {
	const char *name;
	u64 pa;	  /**< the shared memory: RAM of the machine outside partita and every partition */
	u64 size; /**< a power of two, 4 KiB at least (it is a PCI BAR) */
	u8 vectors;   /**< doorbell vectors of each member, 1..CHANNEL_VECTORS */
	u16 protocol; /**< the ivshmem protocol type its functions' class code gives; 0: undefined
		       */
	/**
	 * A member's restart clears the memory (the others see it zeroed);
	 * otherwise it is kept, as the other members left it.
	 */
	bool clear_on_restart;
};

/**
 * A partition's end of a channel: a virtual PCI function on its virtual
 * host bridge, with its register page (BAR0), MSI-X table (BAR1) and the
 * shared memory (BAR2), all inside its pci_vmmio window.
 */
struct channel_end_config {
	u32 channel;	/**< index into system_config.channels */
	u16 guest;	/**< the function's BDF on the partition's bus 0 */
	u16 peer;	/**< its number in the channel (ivshmem ID): 0..members - 1 */
	u64 ipa;	/**< where it sees the memory (BAR2), aligned to its size */
	u64 regs_ipa;	/**< BAR0, 4 KiB of registers, then BAR1, 4 KiB of MSI-X table */
	bool read_only; /**< its stores to the memory abort */
};

/** The machine partita runs on. */
struct platform_config {
	const char *name;
	struct mem_range ram; /**< all RAM of the machine */
	struct mem_range hyp; /**< partita's own slice of RAM: image, tables, stacks */
	u64 uart;	      /**< physical PL011 used as partita's console */
	u32 uart_intid;	      /**< its interrupt (an SPI), or 0 to only poll it */
	unsigned gic_version; /**< 3: GICv3 (a GICv4 also qualifies); 4: GICv4 needed */
	u64 gicd;	      /**< distributor */
	u64 gicr;	      /**< first redistributor frame */
	u64 gicr_size;	      /**< the whole redistributor region */
	u64 its;	      /**< ITS control frame, 0 if none */
	bool its_two_level;   /**< use a two-level device table even where a flat one would do */
	/**
	 * SMMUv3 in front of the PCIe root complex, 0 if the platform has none.
	 * With one, every partition's PCI functions are DMA-isolated, and a
	 * partition that owns functions is not started when the machine's
	 * device tree has no SMMUv3 there (QEMU: -M virt,iommu=smmuv3).
	 * StreamID = PCI requester ID = the ITS DeviceID (its_device_config's
	 * phys_id), as QEMU virt's iommu-map and msi-map say.
	 */
	u64 smmu;
	u32 smmu_evtq_intid;   /**< its event queue's interrupt (an SPI, edge) */
	u32 smmu_gerror_intid; /**< its global error interrupt (an SPI, edge) */
	struct mem_range pcie_ecam;
	struct mem_range pcie_mmio;   /**< the host bridge's 32-bit memory window */
	struct mem_range pcie_mmio64; /**< its 64-bit memory window, if any */
	/** Where the CPU reaches the host bridge's I/O space (PCI I/O address 0 at base). */
	struct mem_range pcie_pio;
	/**
	 * The host bridge's INTx lines: the SPIs (INTIDs, level) of INTA..INTD
	 * as they arrive at bus 0, 0 where there is none. partita takes them
	 * and routes each function's to its partition (vdev/pci).
	 */
	u32 pcie_intx[4];
	/**
	 * A device on bus 0 drives line (pin - 1 + device number) % 4 rather
	 * than its pin's own line, as if the host bridge were a PCI-to-PCI
	 * bridge (QEMU virt's interrupt-map); most SoCs' root ports do not.
	 */
	bool pcie_intx_by_slot;
	/**
	 * The first of the physical ITS DeviceIDs partita gives its channels'
	 * doorbells (CHANNEL_PEERS per channel, in order): no requester of the
	 * machine may carry one. The doorbell is an INT command on the event
	 * of the receiver's DeviceID that its vITS maps like any device's.
	 */
	u32 channel_device_base;
	const u64 *cpu_mpidr; /**< MPIDR of each physical CPU; index = pCPU number */
	size_t cpu_count;
	/** MMIO windows a passthrough region may name (devices of the machine). */
	const struct mem_range *mmio;
	size_t mmio_count;
};

/** How a partition's virtual LPIs reach its vCPUs. */
enum its_delivery {
	/** GICv4 direct injection where the GIC has it (no exit per MSI), else list registers. */
	ITS_DELIVERY_AUTO,
	/** Always list registers, as on a GICv3 (one exit per MSI): for comparison. */
	ITS_DELIVERY_LIST_REGS,
};

/** One partition: its CPUs, memory, devices and guest. */
struct partition_config {
	const char *name;
	const u32 *cpus; /**< pCPU of each vCPU: vCPU i runs on cpus[i], for life */
	size_t cpu_count;
	u64 ram_ipa;  /**< guest-physical base of its RAM */
	u64 ram_pa;   /**< where that RAM is */
	u64 ram_size; /**< 2 MiB multiple */
	u64 uart_ipa; /**< emulated PL011 console, 0 for none */
	const struct passthrough_region *regions;
	size_t region_count;
	/**
	 * Physical SPIs (INTIDs 32..1019) given to the partition, forwarded with
	 * HW=1 under the same INTID. The emulated UART uses INTID 33 (SPI 1).
	 */
	const u32 *spis;
	size_t spi_count;
	const char *image; /**< guest image file, relative to the source tree */
	/**
	 * Initial RAM disk file, or NULL. Loaded 2 MiB above the DTB; the DTS
	 * must have /chosen linux,initrd-start and linux,initrd-end as 64-bit
	 * placeholders, which the checker fills in.
	 */
	const char *initrd;
	const char *dts; /**< guest device tree source, in dts/ */
	u64 load_offset; /**< image offset in RAM, 2 MiB aligned */
	/**
	 * Virtual ITS: its GITS frame's IPA, which must be the physical ITS's
	 * address (so the doorbell a guest programs into a device is the real
	 * one), or 0 for none. The DTS's arm,gic-v3-its node says the same.
	 */
	u64 its_ipa;
	const struct its_device_config *its_devices;
	size_t its_device_count;
	u8 its_device_bits; /**< DeviceID bits the guest sees (GITS_TYPER.Devbits + 1), 1..20 */
	u8 its_event_bits;  /**< EventID bits of each device (GITS_TYPER.ID_bits + 1), 1..11 */
	enum its_delivery its_delivery; /**< how its vLPIs arrive; default: GICv4 if there */
	/**
	 * Its PCI functions (its_devices) can DMA to all memory, partita's and
	 * the other partitions' included, and the configuration accepts that.
	 * Only on a platform with no SMMU (.smmu = 0), where the checker
	 * requires it of every partition that owns functions; partita prints a
	 * warning at boot. Where the platform has an SMMU, DMA is always isolated.
	 */
	bool dma_not_isolated;
	/*
	 * PCI functions on a virtual host bridge (vdev/pci): the partition sees a
	 * configuration space (ECAM, bus 0 only, 1 MiB) at pci_ecam_ipa with
	 * only these functions, and partita places their BARs inside pci_mmio,
	 * a window of the platform's pcie_mmio mapped at the same IPA.
	 */
	const struct pci_function_config *pci_functions;
	size_t pci_function_count;
	u64 pci_ecam_ipa;
	struct mem_range pci_mmio;
	/**
	 * Optional: its slice of the platform's 64-bit window (pcie_mmio64),
	 * also at IPA = PA, 1 MiB aligned. Its functions' 64-bit BARs go here
	 * (behind a bridge only prefetchable ones, which its prefetchable
	 * window forwards); without it they go in pci_mmio.
	 */
	struct mem_range pci_mmio64;
	/**
	 * Its slice of the host bridge's I/O space, as PCI I/O addresses (4 KiB
	 * multiples); it reaches them at pcie_pio.base + these, mapped at the
	 * same IPA. Its functions' I/O BARs go here. Optional.
	 */
	struct mem_range pci_io;
	/**
	 * Its PCI functions may share a multi-function device with another
	 * partition's, which could then reach them peer to peer (no ACS between
	 * functions is assumed). The checker refuses such sharing unless both
	 * partitions say this.
	 */
	bool pci_shared_devices;
	/*
	 * Its ends of channels between partitions (struct channel_end_config),
	 * and the window its virtual functions' BARs sit in: IPA only, 4 KiB
	 * aligned, below 4 GiB, given in its DT as 32-bit memory at PCI address
	 * = IPA. Of it only each end's shared memory is mapped at stage 2.
	 */
	const struct channel_end_config *channel_ends;
	size_t channel_end_count;
	struct mem_range pci_vmmio;
};

/** The whole system. */
struct system_config {
	struct platform_config platform;
	const struct partition_config *partitions;
	size_t partition_count;
	/**
	 * Guest PMU counters count partita's own time (EL2) too, as make bench
	 * needs for its cycle figures. Off (the default), partita hides EL2
	 * from guest counters wherever the PMU can: event counters from PMUv3p1
	 * (MDCR_EL2.HPMD), the cycle counter from PMUv3p5 (MDCR_EL2.HCCD), so
	 * that a partition cannot time partita's work for the others.
	 */
	bool pmu_counts_el2;
	/** Channels between partitions (see struct channel_end_config for their members). */
	const struct channel_config *channels;
	size_t channel_count;
};

/** The configuration partita was built with (config/<name>.c). */
extern const struct system_config system_config;

/* Helpers for writing configurations: each sets a pointer and its count. */
#define CFG_MPIDRS(...) \
	.cpu_mpidr = (const u64[]){ __VA_ARGS__ }, \
	.cpu_count = sizeof((const u64[]){ __VA_ARGS__ }) / sizeof(u64)
#define CFG_CPUS(...) \
	.cpus = (const u32[]){ __VA_ARGS__ }, \
	.cpu_count = sizeof((const u32[]){ __VA_ARGS__ }) / sizeof(u32)
#define CFG_SPIS(...) \
	.spis = (const u32[]){ __VA_ARGS__ }, \
	.spi_count = sizeof((const u32[]){ __VA_ARGS__ }) / sizeof(u32)
#define CFG_REGIONS(...) \
	.regions = (const struct passthrough_region[]){ __VA_ARGS__ }, \
	.region_count = sizeof((const struct passthrough_region[]){ __VA_ARGS__ }) / \
			sizeof(struct passthrough_region)
#define CFG_MMIO(...) \
	.mmio = (const struct mem_range[]){ __VA_ARGS__ }, \
	.mmio_count = sizeof((const struct mem_range[]){ __VA_ARGS__ }) / sizeof(struct mem_range)
#define CFG_ITS_DEVICES(...) \
	.its_devices = (const struct its_device_config[]){ __VA_ARGS__ }, \
	.its_device_count = sizeof((const struct its_device_config[]){ __VA_ARGS__ }) / \
			    sizeof(struct its_device_config)
#define CFG_PCI_FUNCTIONS(...) \
	.pci_functions = (const struct pci_function_config[]){ __VA_ARGS__ }, \
	.pci_function_count = sizeof((const struct pci_function_config[]){ __VA_ARGS__ }) / \
			      sizeof(struct pci_function_config)
#define CFG_CHANNELS(...) \
	.channels = (const struct channel_config[]){ __VA_ARGS__ }, \
	.channel_count = \
	    sizeof((const struct channel_config[]){ __VA_ARGS__ }) / sizeof(struct channel_config)
#define CFG_CHANNEL_ENDS(...) \
	.channel_ends = (const struct channel_end_config[]){ __VA_ARGS__ }, \
	.channel_end_count = sizeof((const struct channel_end_config[]){ __VA_ARGS__ }) / \
			     sizeof(struct channel_end_config)
#define CFG_PARTITIONS(...) \
	.partitions = (const struct partition_config[]){ __VA_ARGS__ }, \
	.partition_count = sizeof((const struct partition_config[]){ __VA_ARGS__ }) / \
			   sizeof(struct partition_config)

/*
 * What every part of partita may derive from a partition's configuration
 * alone (core/ and the virtual devices alike).
 */

/**
 * The devices of a partition that DMA (and whose MSIs its vITS
 * translates): its its_devices, then its PCI functions (DeviceIDs: guest
 * and host requester IDs, which are also their SMMU StreamIDs).
 */
static inline size_t cfg_dma_device_count(const struct partition_config *c)
{
	return c->its_device_count + c->pci_function_count;
}

/**
 * The devices whose MSIs a partition's vITS translates: those that DMA,
 * then its channel ends (guest DeviceID: the function's BDF; physical: the
 * DeviceID partita rings its doorbells with, cfg_channel_device_id()).
 */
static inline size_t cfg_device_count(const struct partition_config *c)
{
	return cfg_dma_device_count(c) + c->channel_end_count;
}

static inline u32 cfg_channel_device_id(u32 channel, u32 peer)
{
	return system_config.platform.channel_device_base + channel * CHANNEL_PEERS + peer;
}

static inline struct its_device_config cfg_device(const struct partition_config *c, size_t i)
{
	if (i < c->its_device_count)
		return c->its_devices[i];
	i -= c->its_device_count;
	if (i < c->pci_function_count)
		return (struct its_device_config){ .guest_id = c->pci_functions[i].guest,
						   .phys_id = c->pci_functions[i].host };
	i -= c->pci_function_count;
	return (struct its_device_config){ .guest_id = c->channel_ends[i].guest,
					   .phys_id =
					       cfg_channel_device_id(c->channel_ends[i].channel,
								     c->channel_ends[i].peer) };
}

/** The MPIDR of a partition's vCPU @i: Aff0 = i, the rest 0 (as its DT says), U = 0. */
static inline u64 cfg_vcpu_mpidr(u32 i)
{
	return (1ULL << 31) | i;
}

/**
 * The vCPU of a partition with @count vCPUs whose MPIDR affinity is
 * @mpidr, or -1: a guest value, so any bit outside the affinity fields
 * (Aff3 at 39:32, Aff2..Aff0 at 23:0), bit 31 (RES1) and U (bit 30) names
 * nobody.
 */
static inline int cfg_vcpu_of_mpidr(size_t count, u64 mpidr)
{
	const u64 aff = (0xffULL << 32) | 0xffffffULL;

	if ((mpidr & ~(aff | (1ULL << 31) | (1ULL << 30))) || (mpidr & aff) >= count)
		return -1;
	return (int)(mpidr & aff);
}

/** True when [ipa, ipa+size) lies in the partition's RAM. */
static inline bool cfg_ipa_is_ram(const struct partition_config *cfg, u64 ipa, u64 size)
{
	return range_within(ipa, size, cfg->ram_ipa, cfg->ram_size);
}

/**
 * partita's view of guest RAM [ipa, ipa+size) (all RAM is mapped at EL2 at
 * its physical address), or NULL if it is not all the partition's RAM: the
 * one way from a guest address to a pointer.
 */
static inline volatile void *cfg_ram(const struct partition_config *cfg, u64 ipa, u64 size)
{
	if (!cfg_ipa_is_ram(cfg, ipa, size))
		return NULL;
	return (volatile void *)(uintptr_t)(cfg->ram_pa + (ipa - cfg->ram_ipa));
}

#define MiB(x) ((u64)(x) << 20)
#define GiB(x) ((u64)(x) << 30)

#endif
