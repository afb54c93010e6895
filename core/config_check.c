/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The configuration checker, a host program built from the same
 * config/<name>.c as partita. It refuses a bad configuration with a message
 * naming the partition and field, and derives what partita's static arrays
 * need (counts, stage-2 table pages, computed by running the very table
 * builder partita uses).
 *
 *   cfgcheck mk                      make fragment: guest images and device trees
 *   cfgcheck gen NAME GENDIR DTBDIR  check everything, write config_gen.h and blobs.S
 *   cfgcheck fit < nm-output         check that the linked image fits the hyp region
 *
 * partita's image (code, the guest images and DTBs linked into it, data,
 * BSS with the stage-2 tables and stacks) must end inside the platform's
 * `hyp` region: partition RAM starts right after it, and a BSS that spilled
 * over would hand a partition partita's own tables. `gen` refuses what
 * certainly cannot fit (the blobs and the configuration-sized BSS alone);
 * `fit` checks the linked image exactly, from `nm -S` of a link whose
 * linker-script ASSERT was disarmed, and the real link's ASSERT checks again.
 */
#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <arch/asm.h>
#include <arch/mmu.h>
#include <arch/pgtable.h>
#include <core/config.h>
#include <core/dmaview.h>
#include <core/s2view.h>
#include <core/fdt.h>
#include <core/layout.h>
#include <core/mmio.h>
#include <vdev/frames.h>

#define IPA_LIMIT (1ULL << STAGE2_IPA_BITS)
#define NAME_MAX_LEN 32
#define MAX_CPUS 64
#define MAX_PARTITIONS 16
#define HYP_MIN_SIZE MiB(4)

static int errors;
/** Each partition's DTB as it goes into partita (initrd placeholders filled in). */
static u8 *final_dtb[MAX_PARTITIONS];
static size_t final_dtb_size[MAX_PARTITIONS];
/** Where each partition's DTB goes in its RAM (layout_dtb_offset()). */
static u64 final_dtb_off[MAX_PARTITIONS];

static void __attribute__((format(printf, 2, 3)))
error(const struct partition_config *p, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "config error: ");
	if (p)
		fprintf(stderr, "partition \"%s\": ", p->name ? p->name : "?");
	else
		fprintf(stderr, "platform: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	errors++;
}

/** Base name of @path without directory and extension, into @out. */
static void base_name(const char *path, char *out, size_t n)
{
	const char *s = strrchr(path, '/');
	char *dot;

	snprintf(out, n, "%s", s ? s + 1 : path);
	dot = strrchr(out, '.');
	if (dot)
		*dot = '\0';
}

static const struct platform_config *plat;

/** Hypervisor-owned device frames no partition may be given. */
static void check_not_hyp_device(const struct partition_config *p, const char *what, u64 pa,
				 u64 size)
{
	struct {
		const char *name;
		u64 base, size;
	} hyp[] = {
		{ "the GIC distributor", plat->gicd, SZ_64K },
		{ "the GIC redistributors", plat->gicr, plat->gicr_size },
		{ "the ITS", plat->its, plat->its ? 2 * SZ_64K : 0 },
		{ "the SMMU", plat->smmu, plat->smmu ? 0x20000 /* pages 0 and 1 */ : 0 },
		{ "partita's UART", plat->uart, SZ_4K },
	};

	for (size_t i = 0; i < ARRAY_SIZE(hyp); i++) {
		if (ranges_overlap(pa, size, hyp[i].base, hyp[i].size))
			error(p, "%s: overlaps %s (0x%llx), which partita owns", what, hyp[i].name,
			      (unsigned long long)hyp[i].base);
	}
}

static void check_platform(void)
{
	if (!plat->name)
		error(NULL, "name is missing");
	if (!plat->cpu_count || plat->cpu_count > MAX_CPUS)
		error(NULL, "cpu_mpidr: %zu CPUs (1..%d allowed)", plat->cpu_count, MAX_CPUS);
	for (size_t i = 0; i < plat->cpu_count; i++) {
		for (size_t j = 0; j < i; j++) {
			if (plat->cpu_mpidr[i] == plat->cpu_mpidr[j])
				error(NULL,
				      "cpu_mpidr: MPIDR 0x%llx given twice (pCPU %zu and %zu)",
				      (unsigned long long)plat->cpu_mpidr[i], j, i);
		}
	}
	if (!plat->ram.size || !IS_ALIGNED(plat->ram.base | plat->ram.size, SZ_2M))
		error(NULL, "ram: base and size must be non-zero multiples of 2 MiB");
	if (plat->hyp.base != plat->ram.base)
		error(NULL, "hyp: must start at the base of RAM, where the loaders put partita");
	if (plat->hyp.size < HYP_MIN_SIZE || !IS_ALIGNED(plat->hyp.size, SZ_2M) ||
	    !range_within(plat->hyp.base, plat->hyp.size, plat->ram.base, plat->ram.size))
		error(NULL, "hyp: must be a 2 MiB multiple of at least 4 MiB inside RAM");
	if (plat->gic_version != 3 && plat->gic_version != 4)
		error(NULL, "gic_version: %u (3 or 4)", plat->gic_version);
	if (!plat->gicd || !plat->gicr || !plat->gicr_size || !plat->uart)
		error(NULL, "gicd, gicr, gicr_size and uart are required");
	if (plat->smmu && !IS_ALIGNED(plat->smmu, SZ_64K))
		error(NULL, "smmu: 0x%llx is not 64 KiB aligned", (unsigned long long)plat->smmu);
	if (plat->smmu && (plat->smmu_evtq_intid < 32 || plat->smmu_evtq_intid > 1019 ||
			   plat->smmu_gerror_intid < 32 || plat->smmu_gerror_intid > 1019))
		error(NULL, "smmu_evtq_intid, smmu_gerror_intid: the SMMU's wired interrupts "
			    "must be SPIs (32..1019)");
	{
		/* The host bridge's windows: apart from each other and from RAM. */
		const struct mem_range *w[] = { &plat->pcie_ecam, &plat->pcie_mmio,
						&plat->pcie_mmio64, &plat->pcie_pio, &plat->ram };
		const char *n[] = { "pcie_ecam", "pcie_mmio", "pcie_mmio64", "pcie_pio", "ram" };

		for (size_t i = 0; i < ARRAY_SIZE(w); i++)
			for (size_t j = 0; j < i; j++)
				if (ranges_overlap(w[i]->base, w[i]->size, w[j]->base, w[j]->size))
					error(NULL, "%s: overlaps %s", n[i], n[j]);
		/* 32-bit BARs and bridges' memory windows hold 32-bit addresses. */
		if (plat->pcie_mmio.base + plat->pcie_mmio.size > GiB(4))
			error(NULL, "pcie_mmio: the 32-bit window must end below 4 GiB");
	}
	for (size_t i = 0; i < 4; i++) {
		u32 s = plat->pcie_intx[i];

		if (!s)
			continue;
		if (s < 32 || s > 1019 || s == plat->uart_intid ||
		    (plat->smmu && (s == plat->smmu_evtq_intid || s == plat->smmu_gerror_intid)))
			error(NULL,
			      "pcie_intx[%zu]: INTID %u must be an SPI (32..1019) of its own, not "
			      "the "
			      "UART's or the SMMU's",
			      i, s);
		for (size_t j = 0; j < i; j++)
			if (plat->pcie_intx[j] == s)
				error(NULL, "pcie_intx[%zu]: INTID %u is INTx line %zu's too", i, s,
				      j);
	}
}

/** Table pages the stage 2 of @p needs, counted by building it on the host. */
static size_t stage2_pages(const struct partition_config *p)
{
	static u64 root[STAGE2_ROOT_ENTRIES] __attribute__((aligned(8192)));
	size_t count = 4096;
	u64(*pages)[PT_ENTRIES] = aligned_alloc(4096, count * 4096);
	struct pt_pool pool = { pages, count, 0 };
	struct pt pt = { root, STAGE2_START_LEVEL, STAGE2_ROOT_ENTRIES, &pool };
	size_t used;
	const char *failed;

	memset(root, 0, sizeof(root));
	failed = s2view_map(&pt, p);
	if (failed)
		error(p, "%s: cannot be mapped at stage 2", failed);
	used = pool.used;
	free(pages);
	return used;
}

/**
 * Table pages of @p's DMA view (core/dmaview.h) besides its root, in
 * whichever format needs more (stage 1 or stage 2: the SMMU decides at
 * boot); 0 for a partition without PCI functions.
 */
static size_t dma_pages(const struct partition_config *p)
{
	static u64 root[STAGE2_ROOT_ENTRIES] __attribute__((aligned(8192)));
	size_t count = 4096, most = 0;
	u64(*pages)[PT_ENTRIES] = aligned_alloc(4096, count * 4096);

	/* No SMMU, no DMA view (its functions are not isolated: .dma_not_isolated). */
	for (int stage2 = 0; stage2 <= 1 && plat->smmu && cfg_dma_device_count(p); stage2++) {
		struct pt_pool pool = { pages, count, 0 };
		struct pt pt = { root, stage2 ? STAGE2_START_LEVEL : 0,
				 stage2 ? STAGE2_ROOT_ENTRIES : PT_ENTRIES, &pool };

		memset(root, 0, sizeof(root));
		if (dmaview_map(&pt, p, plat->its, stage2))
			error(p, "ram: cannot be mapped for DMA");
		most = MAX(most, pool.used);
	}
	free(pages);
	return most;
}

/**
 * BAR window @name of @p (the mem_range at offset @at of a partition's
 * configuration): 1 MiB aligned, inside the platform's window @host, at IPA
 * = PA clear of its RAM and regions, and no other partition's.
 */
static void check_pci_window(const struct partition_config *p, size_t pi, const char *name,
			     size_t at, const struct mem_range *host, const char *host_name)
{
	const struct mem_range *w = (const void *)((const char *)p + at);

	if (!w->size || !IS_ALIGNED(w->base | w->size, SZ_1M) ||
	    !range_within(w->base, w->size, host->base, host->size) ||
	    w->base + w->size > IPA_LIMIT)
		error(p,
		      "%s: 0x%llx+0x%llx must be 1 MiB aligned, inside the platform's %s and "
		      "below 0x%llx",
		      name, (unsigned long long)w->base, (unsigned long long)w->size, host_name,
		      (unsigned long long)IPA_LIMIT);
	if (ranges_overlap(w->base, w->size, p->ram_ipa, p->ram_size))
		error(p, "%s: overlaps the partition's RAM (the window is at IPA = PA)", name);
	for (size_t i = 0; i < p->region_count; i++)
		if (ranges_overlap(w->base, w->size, p->regions[i].ipa, p->regions[i].size))
			error(p, "%s: overlaps regions[%zu] (IPA)", name, i);
	for (size_t q = 0; q < pi; q++) {
		const struct partition_config *o = &system_config.partitions[q];
		const struct mem_range *ow = (const void *)((const char *)o + at);

		if (ow->size && ranges_overlap(w->base, w->size, ow->base, ow->size))
			error(p, "%s: overlaps the %s of partition \"%s\"", name, name, o->name);
	}
}

/**
 * Its PCI functions: on bus 0 of the partition, each given once; its virtual
 * host bridge's ECAM and its BAR window in place; a window inside the
 * platform's that no other partition, region or RAM shares. No
 * passthrough region inside the host bridge's ECAM or windows.
 */
static void check_pci(const struct partition_config *p, size_t pi)
{
	const struct mem_range *w = &p->pci_mmio;

	/*
	 * The host bridge is partita's: raw configuration space would let a
	 * guest move a BAR or a bridge window anywhere, and a slice of its
	 * windows reaches devices that are no partition's.
	 */
	for (size_t i = 0; i < p->region_count; i++) {
		const struct passthrough_region *r = &p->regions[i];

		if (ranges_overlap(r->pa, r->size, plat->pcie_ecam.base, plat->pcie_ecam.size) ||
		    ranges_overlap(r->pa, r->size, plat->pcie_mmio.base, plat->pcie_mmio.size) ||
		    ranges_overlap(r->pa, r->size, plat->pcie_mmio64.base,
				   plat->pcie_mmio64.size) ||
		    ranges_overlap(r->pa, r->size, plat->pcie_pio.base, plat->pcie_pio.size))
			error(p,
			      "regions[%zu] \"%s\": inside the PCIe host bridge's configuration "
			      "space or window, which partita keeps: give PCI functions with "
			      "CFG_PCI_FUNCTIONS",
			      i, r->name ? r->name : "?");
	}
	if (p->pci_function_count > 32)
		error(p, "pci_functions: %zu, at most 32 per partition", p->pci_function_count);
	if (!p->pci_function_count) {
		if (w->size || p->pci_mmio64.size || p->pci_io.size)
			error(p, "pci_mmio, pci_mmio64, pci_io: given, but no pci_functions");
		if (p->pci_ecam_ipa && !p->channel_end_count)
			error(p, "pci_ecam_ipa: given, but no pci_functions or channel_ends");
		/* A virtual host bridge of channel ends only. */
		if (p->channel_end_count &&
		    (!p->pci_ecam_ipa || !IS_ALIGNED(p->pci_ecam_ipa, SZ_1M) ||
		     p->pci_ecam_ipa + SZ_1M > IPA_LIMIT))
			error(p, "pci_ecam_ipa: 0x%llx must be a 1 MiB aligned IPA",
			      (unsigned long long)p->pci_ecam_ipa);
		return;
	}
	if (p->pci_io.size) {
		u64 io = plat->pcie_pio.base + p->pci_io.base;

		/* Bridges' I/O windows: 16 bits here. */
		if (!IS_ALIGNED(p->pci_io.base | p->pci_io.size, SZ_4K) ||
		    !range_within(p->pci_io.base, p->pci_io.size, 0,
				  MIN(plat->pcie_pio.size, (u64)SZ_64K)))
			error(p,
			      "pci_io: 0x%llx+0x%llx must be 4 KiB aligned, inside the platform's "
			      "I/O space (0x%llx bytes)",
			      (unsigned long long)p->pci_io.base,
			      (unsigned long long)p->pci_io.size,
			      (unsigned long long)plat->pcie_pio.size);
		if (ranges_overlap(io, p->pci_io.size, p->ram_ipa, p->ram_size))
			error(p, "pci_io: overlaps the partition's RAM (it is at IPA = PA)");
		for (size_t i = 0; i < p->region_count; i++)
			if (ranges_overlap(io, p->pci_io.size, p->regions[i].ipa,
					   p->regions[i].size))
				error(p, "pci_io: overlaps regions[%zu] (IPA)", i);
		for (size_t q = 0; q < pi; q++) {
			const struct partition_config *o = &system_config.partitions[q];

			if (o->pci_io.size && ranges_overlap(p->pci_io.base, p->pci_io.size,
							     o->pci_io.base, o->pci_io.size))
				error(p, "pci_io: overlaps the pci_io of partition \"%s\"",
				      o->name);
		}
	}
	if (!plat->pcie_ecam.size || !plat->pcie_mmio.size)
		error(p,
		      "pci_functions: the platform has no PCIe host bridge (pcie_ecam, pcie_mmio)");
	if (!p->pci_ecam_ipa || !IS_ALIGNED(p->pci_ecam_ipa, SZ_1M) ||
	    p->pci_ecam_ipa + SZ_1M > IPA_LIMIT)
		error(p, "pci_ecam_ipa: 0x%llx must be a 1 MiB aligned IPA",
		      (unsigned long long)p->pci_ecam_ipa);
	check_pci_window(p, pi, "pci_mmio", offsetof(struct partition_config, pci_mmio),
			 &plat->pcie_mmio, "pcie_mmio");
	if (p->pci_mmio64.size)
		check_pci_window(p, pi, "pci_mmio64", offsetof(struct partition_config, pci_mmio64),
				 &plat->pcie_mmio64, "pcie_mmio64");
	for (size_t i = 0; i < p->pci_function_count; i++) {
		const struct pci_function_config *f = &p->pci_functions[i];

		for (size_t q = 0; q < pi; q++) {
			const struct partition_config *o = &system_config.partitions[q];

			for (size_t j = 0; j < o->pci_function_count; j++) {
				u16 g = o->pci_functions[j].host;

				if (g >> 3 != f->host >> 3 || g == f->host ||
				    (p->pci_shared_devices && o->pci_shared_devices))
					continue;
				error(
				    p,
				    "pci_functions[%zu]: host %02x:%02x.%x is on the device of "
				    "partition \"%s\"'s %02x:%02x.%x, which could reach it peer to "
				    "peer; set .pci_shared_devices = true in both to accept that",
				    i, f->host >> 8, (f->host >> 3) & 31, f->host & 7, o->name,
				    g >> 8, (g >> 3) & 31, g & 7);
			}
		}
		if (f->guest >> 8)
			error(p, "pci_functions[%zu]: guest BDF %02x:%02x.%x is not on bus 0", i,
			      f->guest >> 8, (f->guest >> 3) & 31, f->guest & 7);
		if (((u64)f->host << 12) >= plat->pcie_ecam.size)
			error(p,
			      "pci_functions[%zu]: host bus %u is beyond the platform's pcie_ecam",
			      i, f->host >> 8);
	}
}

static void check_regions(const struct partition_config *p, size_t pi)
{
	for (size_t i = 0; i < p->region_count; i++) {
		const struct passthrough_region *r = &p->regions[i];
		char what[96];
		bool inside = false;

		snprintf(what, sizeof(what), "regions[%zu] \"%s\"", i, r->name ? r->name : "?");
		if (!r->size || !IS_ALIGNED(r->ipa | r->pa | r->size, SZ_4K)) {
			error(p, "%s: ipa, pa and size must be non-zero multiples of 4 KiB", what);
			continue;
		}
		for (size_t m = 0; m < plat->mmio_count; m++)
			inside |=
			    range_within(r->pa, r->size, plat->mmio[m].base, plat->mmio[m].size);
		if (!inside)
			error(p, "%s: PA 0x%llx+0x%llx is outside the platform's device windows",
			      what, (unsigned long long)r->pa, (unsigned long long)r->size);
		check_not_hyp_device(p, what, r->pa, r->size);
		if (r->ipa + r->size > IPA_LIMIT || r->ipa + r->size < r->ipa)
			error(p, "%s: IPA beyond the %d-bit guest address space", what,
			      STAGE2_IPA_BITS);
		if (ranges_overlap(r->ipa, r->size, p->ram_ipa, p->ram_size))
			error(p, "%s: IPA overlaps the partition's RAM", what);
		if (p->uart_ipa && ranges_overlap(r->ipa, r->size, p->uart_ipa, SZ_4K))
			error(p, "%s: IPA overlaps the partition's UART", what);
		for (size_t j = 0; j < i; j++) {
			if (ranges_overlap(r->ipa, r->size, p->regions[j].ipa, p->regions[j].size))
				error(p, "%s: IPA overlaps regions[%zu]", what, j);
		}
		/* A device given twice: same PA in any earlier region of any partition. */
		for (size_t q = 0; q <= pi; q++) {
			const struct partition_config *o = &system_config.partitions[q];

			for (size_t j = 0; j < (q == pi ? i : o->region_count); j++) {
				if (ranges_overlap(r->pa, r->size, o->regions[j].pa,
						   o->regions[j].size))
					error(p,
					      "%s: device PA 0x%llx is also given to partition "
					      "\"%s\" "
					      "(regions[%zu])",
					      what, (unsigned long long)r->pa, o->name, j);
			}
		}
	}
}

/** Read a whole file; NULL (and an error) if it cannot be read. */
static u8 *read_file(const struct partition_config *p, const char *field, const char *path,
		     size_t *size)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	u8 *buf;

	if (!f || fstat(fileno(f), &st)) {
		error(p, "%s: cannot open \"%s\": %s", field, path, strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf || fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		error(p, "%s: cannot read \"%s\"", field, path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*size = (size_t)st.st_size;
	return buf;
}

/** The guest DTB must describe this partition: its RAM, its vCPUs. */
static void check_guest_pcie(const struct partition_config *p, const u8 *dtb, size_t size);

static void check_guest_dtb(const struct partition_config *p, const u8 *dtb, size_t size)
{
	static struct fdt_platform f;
	int err = fdt_read_platform(dtb, size, &f);

	if (err) {
		error(p, "dts: the compiled tree cannot be read (error %d)", err);
		return;
	}
	if (f.mem_count != 1 || f.mem[0].base != p->ram_ipa || f.mem[0].size != p->ram_size)
		error(p, "dts: /memory must be exactly the partition's RAM, 0x%llx+0x%llx",
		      (unsigned long long)p->ram_ipa, (unsigned long long)p->ram_size);
	if (f.gicd != plat->gicd)
		error(p,
		      "dts: the arm,gic-v3 node must be at the platform's distributor address, "
		      "0x%llx",
		      (unsigned long long)plat->gicd);
	if (f.cpu_count != p->cpu_count)
		error(p, "dts: %zu cpu nodes for %zu vCPUs", f.cpu_count, p->cpu_count);
	check_guest_pcie(p, dtb, size);
	for (size_t i = 0; i < f.cpu_count && i < p->cpu_count; i++) {
		if (f.cpu_mpidr[i] != i)
			error(p, "dts: cpu node %zu has reg 0x%llx; vCPU %zu's MPIDR is 0x%zx", i,
			      (unsigned long long)f.cpu_mpidr[i], i, i);
	}
}

static u32 be32(const u8 *b)
{
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

/**
 * The offset in @dtb of the value of property @prop of the top-level node
 * @node (its name, or its name before "@"), its length in @len; 0 if there
 * is no such property. A plain walk of the structure block (Devicetree
 * Specification v0.4, 5.4), bounds-checked.
 */
static size_t node_prop(const u8 *dtb, size_t size, const char *node, const char *prop, size_t *len)
{
	size_t off, end, strings, strings_size, nl = strlen(node);
	int depth = 0;
	bool in_node = false;

	if (size < 40 || be32(dtb) != 0xd00dfeed || be32(dtb + 4) > size)
		return 0;
	off = be32(dtb + 8);
	strings = be32(dtb + 12);
	strings_size = be32(dtb + 32);
	end = off + be32(dtb + 36);
	if (end > size || strings + strings_size > size)
		return 0;
	while (off + 4 <= end) {
		u32 tok = be32(dtb + off);

		off += 4;
		if (tok == 1) { /* FDT_BEGIN_NODE */
			const char *n = (const char *)dtb + off;
			size_t l = strnlen(n, end - off);

			depth++;
			if (depth == 2)
				in_node = !strncmp(n, node, nl) && (n[nl] == '\0' || n[nl] == '@');
			off = ALIGN_UP(off + l + 1, 4);
		} else if (tok == 2) { /* FDT_END_NODE */
			if (depth == 2)
				in_node = false;
			depth--;
		} else if (tok == 3) { /* FDT_PROP */
			u32 plen, nameoff;

			if (off + 8 > end)
				return 0;
			plen = be32(dtb + off);
			nameoff = be32(dtb + off + 4);
			off += 8;
			if (plen > end - off || nameoff >= strings_size)
				return 0;
			if (in_node && depth == 2 &&
			    !strncmp((const char *)dtb + strings + nameoff, prop,
				     strings_size - nameoff)) {
				*len = plen;
				return off;
			}
			off = ALIGN_UP(off + plen, 4);
		} else if (tok == 4) { /* FDT_NOP */
		} else {
			break; /* FDT_END or garbage */
		}
	}
	return 0;
}

/** Property @name of /chosen when it is 8 bytes long: its offset, or 0. */
static size_t chosen_prop64(const u8 *dtb, size_t size, const char *name)
{
	size_t len = 0, off = node_prop(dtb, size, "chosen", name, &len);

	return len == 8 ? off : 0;
}

static u64 be64_at(const u8 *b)
{
	return (u64)be32(b) << 32 | be32(b + 4);
}

/**
 * The pcie node's interrupt-map routes INTx as the virtual host bridge does
 * (vdev/frames.h): for each device number modulo 4 (interrupt-map-mask
 * <0x1800 0 0 7>) and pin, to the GIC's SPI VPCI_INTX_INTID - 32 + (pin - 1 +
 * device) % 4, level. Entries slot-major, as QEMU virt's own.
 */
static void check_guest_intx_map(const struct partition_config *p, const u8 *dtb, size_t size)
{
	size_t il = 0, kl = 0, al = 0, hl = 0;
	size_t map = node_prop(dtb, size, "pcie", "interrupt-map", &il);
	size_t mask = node_prop(dtb, size, "pcie", "interrupt-map-mask", &kl);
	size_t gac = node_prop(dtb, size, "interrupt-controller", "#address-cells", &al);
	size_t gph = node_prop(dtb, size, "interrupt-controller", "phandle", &hl);
	u32 pac = gac && al == 4 ? be32(dtb + gac) : 0, cells = 3 + 1 + 1 + pac + 3;
	bool ok = map && mask && kl == 16 && be32(dtb + mask) == 0x1800 &&
		  be32(dtb + mask + 4) == 0 && be32(dtb + mask + 8) == 0 &&
		  be32(dtb + mask + 12) == 7 && gph && hl == 4 && pac <= 3 && il == 16 * cells * 4;

	for (u32 k = 0; ok && k < 16; k++) {
		const u8 *e = dtb + map + k * cells * 4;
		u32 slot = k / 4, pin = k % 4 + 1;

		ok = be32(e) == slot << 11 && be32(e + 4) == 0 && be32(e + 8) == 0 &&
		     be32(e + 12) == pin && be32(e + 16) == be32(dtb + gph);
		for (u32 c = 0; ok && c < pac; c++)
			ok = be32(e + 20 + 4 * c) == 0;
		e += 20 + 4 * pac;
		ok = ok && be32(e) == 0 &&
		     be32(e + 4) == VPCI_INTX_INTID - 32 + (pin - 1 + slot) % VPCI_INTX_LINES &&
		     be32(e + 8) == 4;
	}
	if (!ok)
		error(p,
		      "dts: the pcie node needs interrupt-map-mask = <0x1800 0 0 7> and an "
		      "interrupt-map of each slot 0..3 and pin 1..4 to the GIC's SPI %u + (pin - 1 "
		      "+ slot) %% 4, level (<0 %u 4> ...), slot by slot",
		      VPCI_INTX_INTID - 32, VPCI_INTX_INTID - 32);
}

/**
 * The guest's PCIe host-bridge node says what the partition has: its ECAM
 * at pci_ecam_ipa (one bus), and as ranges exactly its pci_mmio (32-bit
 * memory, IPA = PA), its pci_mmio64, its pci_io (I/O at the platform's I/O
 * window) and its pci_vmmio (32-bit memory, PCI address = IPA), and an
 * msi-map where it has an ITS. None where it has no PCI functions and no
 * channel ends.
 */
static void check_guest_pcie(const struct partition_config *p, const u8 *dtb, size_t size)
{
	size_t rl = 0, rangel = 0, ml = 0;
	size_t reg = node_prop(dtb, size, "pcie", "reg", &rl);
	size_t ranges = node_prop(dtb, size, "pcie", "ranges", &rangel);
	size_t mm = node_prop(dtb, size, "pcie", "msi-map", &ml);
	bool mem = false, mem64 = false, io = false, vmem = false;

	if (!p->pci_function_count && !p->channel_end_count) {
		if (reg)
			error(p, "dts: a PCIe host bridge node, but the partition has no "
				 "pci_functions or channel_ends");
		return;
	}
	if (!reg || rl != 16 || be64_at(dtb + reg) != p->pci_ecam_ipa ||
	    be64_at(dtb + reg + 8) != VPCI_ECAM_SIZE)
		error(p, "dts: the pcie node's reg must be pci_ecam_ipa 0x%llx, 0x100000 bytes",
		      (unsigned long long)p->pci_ecam_ipa);
	/* Each range: 3 cells of PCI address, 2 of CPU address, 2 of size. */
	for (size_t o = 0; ranges && o + 28 <= rangel; o += 28) {
		const u8 *r = dtb + ranges + o;
		u32 space = be32(r) & 0x03000000u;
		u64 pci = be64_at(r + 4), cpu = be64_at(r + 12), len = be64_at(r + 20);

		if (space == 0x02000000u && p->pci_mmio.size && pci == p->pci_mmio.base &&
		    cpu == pci && len == p->pci_mmio.size)
			mem = true;
		else if (space == 0x02000000u && p->pci_vmmio.size && pci == p->pci_vmmio.base &&
			 cpu == pci && len == p->pci_vmmio.size)
			vmem = true;
		else if (space == 0x03000000u && p->pci_mmio64.size && pci == p->pci_mmio64.base &&
			 cpu == pci && len == p->pci_mmio64.size)
			mem64 = true;
		else if (space == 0x01000000u && p->pci_io.size && pci == p->pci_io.base &&
			 cpu == plat->pcie_pio.base + pci && len == p->pci_io.size)
			io = true;
		else
			error(p,
			      "dts: the pcie node's ranges entry %zu is none of pci_mmio, "
			      "pci_mmio64, pci_io, pci_vmmio",
			      o / 28);
	}
	if (p->pci_vmmio.size && !vmem)
		error(p, "dts: the pcie node's ranges must give pci_vmmio 0x%llx+0x%llx",
		      (unsigned long long)p->pci_vmmio.base, (unsigned long long)p->pci_vmmio.size);
	if (p->pci_function_count && !mem)
		error(p, "dts: the pcie node's ranges must give pci_mmio 0x%llx+0x%llx",
		      (unsigned long long)p->pci_mmio.base, (unsigned long long)p->pci_mmio.size);
	if (p->pci_mmio64.size && !mem64)
		error(p, "dts: the pcie node's ranges must give pci_mmio64 0x%llx+0x%llx (64-bit)",
		      (unsigned long long)p->pci_mmio64.base,
		      (unsigned long long)p->pci_mmio64.size);
	if (p->pci_io.size && !io)
		error(p, "dts: the pcie node's ranges must give pci_io 0x%llx+0x%llx",
		      (unsigned long long)p->pci_io.base, (unsigned long long)p->pci_io.size);
	check_guest_intx_map(p, dtb, size);
	/* msi-map: requester ID 0 onwards to the ITS as DeviceID 0 onwards: the identity. */
	if (p->its_ipa && (!mm || ml < 16 || be32(dtb + mm) != 0 || be32(dtb + mm + 8) != 0 ||
			   be32(dtb + mm + 12) < 0x100))
		error(p, "dts: the pcie node needs msi-map = <0 &its 0 N>, N >= 0x100 (the "
			 "identity, bus 0)");
}

static void put_be64(u8 *b, u64 v)
{
	for (int i = 0; i < 8; i++)
		b[i] = (u8)(v >> (56 - 8 * i));
}

/** Load-time checks of the initrd, and its address written into the DTB's placeholders. */
static void place_initrd(const struct partition_config *p, u8 *dtb, size_t dsize, u64 dtb_off)
{
	size_t isize = 0, start, end;
	u8 *initrd = read_file(p, "initrd", p->initrd, &isize);
	u64 off = layout_initrd_offset(dtb_off);

	if (!initrd)
		return;
	free(initrd);
	if (dsize > LAYOUT_DTB_MAX)
		error(p, "dts: the DTB is larger than 2 MiB, the slot before the initrd");
	if (off + isize > p->ram_size)
		error(p,
		      "initrd: \"%s\" does not fit in RAM above the DTB (needs RAM up to 0x%llx)",
		      p->initrd, (unsigned long long)(off + isize));
	start = chosen_prop64(dtb, dsize, "linux,initrd-start");
	end = chosen_prop64(dtb, dsize, "linux,initrd-end");
	if (!start || !end) {
		error(p, "dts: an initrd needs /chosen linux,initrd-start and linux,initrd-end "
			 "placeholders (/bits/ 64 <0>)");
		return;
	}
	put_be64(dtb + start, p->ram_ipa + off);
	put_be64(dtb + end, p->ram_ipa + off + isize);
}

/** The virtual ITS: at the physical ITS's address, devices owned by one partition only. */
/** The configuration field of device @i of @p (cfg_device()), for messages. */
static const char *device_field(const struct partition_config *p, size_t i)
{
	static char buf[48];

	if (i < p->its_device_count)
		snprintf(buf, sizeof(buf), "its_devices[%zu]", i);
	else if (i < cfg_dma_device_count(p))
		snprintf(buf, sizeof(buf), "pci_functions[%zu]", i - p->its_device_count);
	else
		snprintf(buf, sizeof(buf), "channel_ends[%zu]", i - cfg_dma_device_count(p));
	return buf;
}

static void check_its(const struct partition_config *p)
{
	if (!p->its_ipa) {
		if (p->its_device_count)
			error(p, "its_devices: given, but the partition has no ITS (its_ipa)");
		return;
	}
	if (!plat->its)
		error(p, "its_ipa: the platform has no ITS");
	else if (p->its_ipa != plat->its)
		error(p,
		      "its_ipa: 0x%llx must be the physical ITS's address (0x%llx), so that "
		      "the doorbell a guest programs into a device is the real one",
		      (unsigned long long)p->its_ipa, (unsigned long long)plat->its);
	if (p->its_device_bits < 1 || p->its_device_bits > 20)
		error(p, "its_device_bits: %u (1..20)", p->its_device_bits);
	if (p->its_event_bits < 1 || p->its_event_bits > 11)
		error(p, "its_event_bits: %u (1..11)", p->its_event_bits);
	if (p->cpu_count > 32)
		error(p, "cpus: a partition with an ITS has at most 32 vCPUs");
	if (p->its_event_bits <= 11 && (cfg_device_count(p) << p->its_event_bits) > 65535)
		error(p, "its_devices: %zu devices of 2^%u events are more than 65535 events",
		      cfg_device_count(p), p->its_event_bits);
	for (size_t i = 0; i < cfg_device_count(p); i++) {
		u32 guest = cfg_device(p, i).guest_id;

		if (p->its_device_bits <= 20 && (guest >> p->its_device_bits))
			error(p, "%s: guest DeviceID 0x%x needs more than its_device_bits (%u)",
			      device_field(p, i), guest, p->its_device_bits);
	}
}

/**
 * The devices of @p (its_devices and PCI functions): each physical one
 * given once in the whole system, each guest DeviceID once in the
 * partition, and their DMA isolated or said not to be.
 */
static void check_devices(const struct partition_config *p, size_t pi)
{
	if (cfg_dma_device_count(p) && !plat->smmu && !p->dma_not_isolated)
		error(p,
		      "its_devices: the platform has no SMMU, so these %zu PCI function(s) can DMA "
		      "to all memory; set .dma_not_isolated = true to accept that",
		      cfg_dma_device_count(p));
	for (size_t i = 0; i < cfg_device_count(p); i++) {
		const struct its_device_config d = cfg_device(p, i);

		for (size_t j = 0; j < i; j++) {
			if (cfg_device(p, j).guest_id == d.guest_id)
				error(p, "%s: guest DeviceID 0x%x given twice", device_field(p, i),
				      d.guest_id);
		}
		for (size_t q = 0; q <= pi; q++) {
			const struct partition_config *o = &system_config.partitions[q];

			for (size_t j = 0; j < (q == pi ? i : cfg_device_count(o)); j++) {
				if (cfg_device(o, j).phys_id == d.phys_id)
					error(p,
					      "%s: physical DeviceID 0x%x is also given to "
					      "partition \"%s\"",
					      device_field(p, i), d.phys_id, o->name);
			}
		}
	}
}

/**
 * The frames partita emulates for @p, registered in its MMIO registry as
 * partita registers them at boot (the UART, the vGIC distributor and
 * redistributors, the virtual ITS), so that what the checker accepts cannot
 * fail there; then nothing the guest reaches through stage 2 (RAM,
 * passthrough regions) may cover one, or the frame would be unreachable.
 */
static void check_frames(const struct partition_config *p)
{
	/* @field: the partition's own setting that places it, NULL for the platform's. */
	struct frame {
		const char *field, *name;
		u64 base, size;
	} frames[] = {
		{ "uart_ipa", "the emulated UART", p->uart_ipa, p->uart_ipa ? VPL011_SIZE : 0 },
		{ NULL, "the vGIC distributor", plat->gicd, VGIC_GICD_SIZE },
		{ NULL, "the vGIC redistributors", plat->gicr, VGIC_GICR_STRIDE * p->cpu_count },
		{ "its_ipa", "the virtual ITS", p->its_ipa, p->its_ipa ? VITS_FRAME_SIZE : 0 },
		{ "pci_ecam_ipa", "the virtual PCI host bridge", p->pci_ecam_ipa,
		  p->pci_function_count || p->channel_end_count ? VPCI_ECAM_SIZE : 0 },
		/* Trapped but for each channel end's memory, which is nothing else's either. */
		{ "pci_vmmio", "the virtual functions' window", p->pci_vmmio.base,
		  p->channel_end_count ? p->pci_vmmio.size : 0 },
	};
	struct mmio_registry reg = { 0 };
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(frames); i++) {
		const struct frame *f = &frames[i];

		if (!f->size || !mmio_register(&reg, f->base, f->size, NULL, (void *)f))
			continue;
		for (j = 0; j < reg.count; j++) {
			const struct frame *o = reg.regions[j].arg, *a = f->field ? f : o;
			const struct frame *b = a == f ? o : f;

			if (ranges_overlap(f->base, f->size, o->base, o->size))
				error(p, "%s: 0x%llx+0x%llx overlaps %s (0x%llx+0x%llx)",
				      a->field ? a->field : a->name, (unsigned long long)a->base,
				      (unsigned long long)a->size, b->name,
				      (unsigned long long)b->base, (unsigned long long)b->size);
		}
	}
	/* What stage 2 maps must leave every frame to the trap (the UART: check_partition()). */
	for (j = 0; j < reg.count; j++) {
		const struct frame *o = reg.regions[j].arg;

		if (o == &frames[0])
			continue;
		if (ranges_overlap(p->pci_mmio.base, p->pci_mmio.size, o->base, o->size))
			error(p, "pci_mmio: overlaps %s (0x%llx+0x%llx)", o->name,
			      (unsigned long long)o->base, (unsigned long long)o->size);
		if (ranges_overlap(p->pci_mmio64.base, p->pci_mmio64.size, o->base, o->size))
			error(p, "pci_mmio64: overlaps %s (0x%llx+0x%llx)", o->name,
			      (unsigned long long)o->base, (unsigned long long)o->size);
		if (ranges_overlap(p->ram_ipa, p->ram_size, o->base, o->size))
			error(p, "ram_ipa: 0x%llx+0x%llx overlaps %s (0x%llx+0x%llx)",
			      (unsigned long long)p->ram_ipa, (unsigned long long)p->ram_size,
			      o->name, (unsigned long long)o->base, (unsigned long long)o->size);
		for (i = 0; i < p->region_count; i++) {
			const struct passthrough_region *r = &p->regions[i];

			if (ranges_overlap(r->ipa, r->size, o->base, o->size))
				error(p,
				      "regions[%zu] \"%s\": IPA 0x%llx+0x%llx overlaps %s "
				      "(0x%llx+0x%llx)",
				      i, r->name ? r->name : "?", (unsigned long long)r->ipa,
				      (unsigned long long)r->size, o->name,
				      (unsigned long long)o->base, (unsigned long long)o->size);
		}
	}
}

/** Its name, and its RAM against the partitions before it. */
static void check_name_and_overlaps(const struct partition_config *p, size_t pi)
{
	if (!p->name || !p->name[0] || strlen(p->name) > NAME_MAX_LEN)
		error(p, "name: 1..%d characters", NAME_MAX_LEN);
	for (size_t q = 0; q < pi; q++) {
		const struct partition_config *o = &system_config.partitions[q];

		if (p->name && o->name && !strcmp(p->name, o->name))
			error(p, "name: given to two partitions");
		if (ranges_overlap(p->ram_pa, p->ram_size, o->ram_pa, o->ram_size))
			error(p, "ram_pa: 0x%llx+0x%llx overlaps the RAM of partition \"%s\"",
			      (unsigned long long)p->ram_pa, (unsigned long long)p->ram_size,
			      o->name);
	}
}

/** Its CPUs: at least one, each the platform's, none given twice (across all partitions). */
static void check_cpus(const struct partition_config *p)
{
	static bool cpu_used[MAX_CPUS];
	static const char *cpu_owner[MAX_CPUS];

	if (!p->cpu_count)
		error(p, "cpus: a partition needs at least one CPU");
	for (size_t i = 0; i < p->cpu_count; i++) {
		u32 c = p->cpus[i];

		if (c >= plat->cpu_count) {
			error(p, "cpus[%zu]: pCPU %u does not exist (the platform has %zu)", i, c,
			      plat->cpu_count);
			continue;
		}
		if (cpu_used[c])
			error(p, "cpus[%zu]: pCPU %u is given twice (also to \"%s\")", i, c,
			      cpu_owner[c]);
		cpu_used[c] = true;
		cpu_owner[c] = p->name;
	}
}

/**
 * The channels: memory of the machine's RAM that no partition and not
 * partita owns, apart from each other; each with 2..CHANNEL_PEERS members,
 * numbered 0..members - 1, and the DeviceIDs partita rings them with
 * given to no device.
 */
static void check_channels(void)
{
	for (size_t c = 0; c < system_config.channel_count; c++) {
		const struct channel_config *ch = &system_config.channels[c];
		const char *name = ch->name ? ch->name : "?";
		u32 peers = 0, members = 0;

		if (!ch->name || !ch->name[0] || strlen(ch->name) > NAME_MAX_LEN)
			error(NULL, "channels[%zu]: name: 1..%d characters", c, NAME_MAX_LEN);
		for (size_t o = 0; o < c; o++)
			if (ch->name && system_config.channels[o].name &&
			    !strcmp(ch->name, system_config.channels[o].name))
				error(NULL, "channels[%zu]: name \"%s\" given twice", c, name);
		if (ch->size < SZ_4K || (ch->size & (ch->size - 1)) || !IS_ALIGNED(ch->pa, SZ_4K))
			error(NULL,
			      "channel \"%s\": pa 0x%llx, size 0x%llx: the size must be a power of "
			      "two of at least 4 KiB (a PCI BAR), the address 4 KiB aligned",
			      name, (unsigned long long)ch->pa, (unsigned long long)ch->size);
		if (!range_within(ch->pa, ch->size, plat->ram.base, plat->ram.size))
			error(NULL, "channel \"%s\": 0x%llx+0x%llx is outside the platform's RAM",
			      name, (unsigned long long)ch->pa, (unsigned long long)ch->size);
		if (ranges_overlap(ch->pa, ch->size, plat->hyp.base, plat->hyp.size))
			error(NULL, "channel \"%s\": overlaps partita's own RAM (hyp)", name);
		for (size_t i = 0; i < system_config.partition_count; i++) {
			const struct partition_config *p = &system_config.partitions[i];

			if (ranges_overlap(ch->pa, ch->size, p->ram_pa, p->ram_size))
				error(NULL, "channel \"%s\": overlaps the RAM of partition \"%s\"",
				      name, p->name);
			for (size_t e = 0; e < p->channel_end_count; e++) {
				const struct channel_end_config *end = &p->channel_ends[e];

				if (end->channel != c)
					continue;
				members++;
				if (end->peer < CHANNEL_PEERS) {
					if (peers & BIT(end->peer))
						error(
						    p,
						    "channel_ends[%zu]: peer %u of channel \"%s\" "
						    "is another member's too",
						    e, end->peer, name);
					peers |= BIT(end->peer);
				}
			}
		}
		for (size_t o = 0; o < c; o++) {
			const struct channel_config *och = &system_config.channels[o];

			if (ranges_overlap(ch->pa, ch->size, och->pa, och->size))
				error(NULL, "channel \"%s\": overlaps channel \"%s\"", name,
				      och->name ? och->name : "?");
		}
		if (ch->vectors < 1 || ch->vectors > CHANNEL_VECTORS)
			error(NULL, "channel \"%s\": vectors: %u (1..%d)", name, ch->vectors,
			      CHANNEL_VECTORS);
		if (members < 2)
			error(NULL,
			      "channel \"%s\": %u member(s): a channel needs two partitions at "
			      "least (their channel_ends name it)",
			      name, members);
		else if (peers != BIT(members) - 1)
			error(NULL, "channel \"%s\": its %u members' peer numbers must be 0..%u",
			      name, members, members - 1);
	}
	if (system_config.channel_count && plat->its) {
		u64 first = plat->channel_device_base,
		    end = first + system_config.channel_count * CHANNEL_PEERS;

		if (!first || end > BIT(20))
			error(NULL,
			      "channel_device_base: 0x%llx: the channels need DeviceIDs "
			      "0x%llx..0x%llx of the ITS, which no device may carry (not 0, below "
			      "2^20)",
			      (unsigned long long)first, (unsigned long long)first,
			      (unsigned long long)end - 1);
		for (size_t i = 0; i < system_config.partition_count; i++) {
			const struct partition_config *p = &system_config.partitions[i];

			for (size_t d = 0; d < cfg_dma_device_count(p); d++) {
				u32 id = cfg_device(p, d).phys_id;

				if (id >= first && id < end)
					error(p,
					      "%s: physical DeviceID 0x%x is one of the channels' "
					      "(channel_device_base 0x%llx, %d per channel)",
					      device_field(p, d), id, (unsigned long long)first,
					      CHANNEL_PEERS);
			}
		}
	}
}

/**
 * Its ends of channels: each of a channel that exists, named once, a
 * function on bus 0 of its virtual host bridge; its register pages and
 * its view of the memory in its pci_vmmio window, apart from each other.
 */
static void check_channel_ends(const struct partition_config *p)
{
	const struct mem_range *w = &p->pci_vmmio;

	if (!p->channel_end_count) {
		if (w->size)
			error(p, "pci_vmmio: given, but the partition has no channel_ends");
		return;
	}
	if (!w->size || !IS_ALIGNED(w->base | w->size, SZ_4K) || w->base + w->size > GiB(4) ||
	    w->base + w->size < w->base)
		error(p,
		      "pci_vmmio: 0x%llx+0x%llx must be 4 KiB aligned, non-empty and below "
		      "4 GiB (its functions' register BARs are 32-bit)",
		      (unsigned long long)w->base, (unsigned long long)w->size);
	/* RAM, regions and the other windows: check_frames(). */
	if (p->pci_io.size &&
	    ranges_overlap(w->base, w->size, plat->pcie_pio.base + p->pci_io.base, p->pci_io.size))
		error(p, "pci_vmmio: overlaps pci_io");
	if (!p->pci_ecam_ipa)
		error(p, "channel_ends: the partition needs a virtual host bridge (pci_ecam_ipa)");
	for (size_t e = 0; e < p->channel_end_count; e++) {
		const struct channel_end_config *end = &p->channel_ends[e];
		const struct channel_config *ch;

		if (end->channel >= system_config.channel_count) {
			error(p, "channel_ends[%zu]: channel %u does not exist (%zu channel(s))", e,
			      end->channel, system_config.channel_count);
			continue;
		}
		ch = &system_config.channels[end->channel];
		for (size_t o = 0; o < e; o++)
			if (p->channel_ends[o].channel == end->channel)
				error(p,
				      "channel_ends[%zu]: the partition is named twice in channel "
				      "\"%s\"",
				      e, ch->name ? ch->name : "?");
		if (end->guest >> 8)
			error(p, "channel_ends[%zu]: guest BDF %02x:%02x.%x is not on bus 0", e,
			      end->guest >> 8, (end->guest >> 3) & 31, end->guest & 7);
		for (size_t f = 0; f < p->pci_function_count; f++)
			if (p->pci_functions[f].guest == end->guest)
				error(p,
				      "channel_ends[%zu]: guest BDF %02x:%02x.%x is "
				      "pci_functions[%zu]'s",
				      e, end->guest >> 8, (end->guest >> 3) & 31, end->guest & 7,
				      f);
		if (end->peer >= CHANNEL_PEERS)
			error(p, "channel_ends[%zu]: peer %u (0..%d)", e, end->peer,
			      CHANNEL_PEERS - 1);
		if (ch->size && (!IS_ALIGNED(end->ipa, ch->size) ||
				 !range_within(end->ipa, ch->size, w->base, w->size)))
			error(p,
			      "channel_ends[%zu]: ipa 0x%llx: the memory (0x%llx bytes) must be "
			      "aligned to its size, inside pci_vmmio",
			      e, (unsigned long long)end->ipa, (unsigned long long)ch->size);
		if (!IS_ALIGNED(end->regs_ipa, SZ_4K) ||
		    !range_within(end->regs_ipa, 2 * SZ_4K, w->base, w->size))
			error(p,
			      "channel_ends[%zu]: regs_ipa 0x%llx: its two 4 KiB pages (registers, "
			      "MSI-X) must be 4 KiB aligned, inside pci_vmmio",
			      e, (unsigned long long)end->regs_ipa);
		if (ch->size && ranges_overlap(end->regs_ipa, 2 * SZ_4K, end->ipa, ch->size))
			error(p, "channel_ends[%zu]: regs_ipa overlaps its memory (ipa)", e);
		for (size_t o = 0; o < e; o++) {
			const struct channel_end_config *oe = &p->channel_ends[o];
			u64 osize = oe->channel < system_config.channel_count
					? system_config.channels[oe->channel].size
					: 0;

			if (ranges_overlap(end->ipa, ch->size, oe->ipa, osize) ||
			    ranges_overlap(end->ipa, ch->size, oe->regs_ipa, 2 * SZ_4K) ||
			    ranges_overlap(end->regs_ipa, 2 * SZ_4K, oe->ipa, osize) ||
			    ranges_overlap(end->regs_ipa, 2 * SZ_4K, oe->regs_ipa, 2 * SZ_4K))
				error(p,
				      "channel_ends[%zu]: overlaps channel_ends[%zu] in pci_vmmio",
				      e, o);
		}
	}
}

/** Its RAM, the emulated UART's frame and where the image goes. */
static void check_memory(const struct partition_config *p)
{
	if (!p->ram_size || !IS_ALIGNED(p->ram_size | p->ram_pa | p->ram_ipa, SZ_2M))
		error(p, "ram_ipa, ram_pa, ram_size: must be multiples of 2 MiB, size non-zero");
	if (!range_within(p->ram_pa, p->ram_size, plat->ram.base, plat->ram.size))
		error(p, "ram_pa: 0x%llx+0x%llx is outside the platform's RAM",
		      (unsigned long long)p->ram_pa, (unsigned long long)p->ram_size);
	if (ranges_overlap(p->ram_pa, p->ram_size, plat->hyp.base, plat->hyp.size))
		error(p, "ram_pa: overlaps partita's own RAM (hyp)");
	if (p->ram_ipa + p->ram_size > IPA_LIMIT || p->ram_ipa + p->ram_size < p->ram_ipa)
		error(p, "ram_ipa: beyond the %d-bit guest address space", STAGE2_IPA_BITS);
	if (p->uart_ipa) {
		if (!IS_ALIGNED(p->uart_ipa, SZ_4K))
			error(p, "uart_ipa: must be 4 KiB aligned");
		if (ranges_overlap(p->uart_ipa, SZ_4K, p->ram_ipa, p->ram_size))
			error(p, "uart_ipa: overlaps the partition's RAM");
	}
	if (!IS_ALIGNED(p->load_offset, SZ_2M) || p->load_offset >= p->ram_size)
		error(p, "load_offset: must be 2 MiB aligned and inside RAM");
}

static bool any_pci_functions(void)
{
	for (size_t i = 0; i < system_config.partition_count; i++)
		if (system_config.partitions[i].pci_function_count)
			return true;
	return false;
}

/** Its SPIs: SPIs, not partita's or the emulated UART's, each given to one partition. */
static void check_spis(const struct partition_config *p, size_t pi)
{
	for (size_t i = 0; i < p->spi_count; i++) {
		u32 s = p->spis[i];

		if (s < 32 || s > 1019) {
			error(p, "spis[%zu]: INTID %u is not an SPI (32..1019)", i, s);
			continue;
		}
		if (p->uart_ipa && s == 33)
			error(p, "spis[%zu]: INTID 33 is the emulated UART's", i);
		if (s == system_config.platform.uart_intid)
			error(p, "spis[%zu]: INTID %u is partita's own UART's", i, s);
		if (plat->smmu && (s == plat->smmu_evtq_intid || s == plat->smmu_gerror_intid))
			error(p, "spis[%zu]: INTID %u is the SMMU's, which partita handles", i, s);
		if (any_pci_functions())
			for (size_t l = 0; l < 4; l++)
				if (s == plat->pcie_intx[l])
					error(p,
					      "spis[%zu]: INTID %u is the host bridge's INTx line "
					      "%zu, "
					      "which partita routes to the partitions' functions",
					      i, s, l);
		if (p->pci_function_count && s >= VPCI_INTX_INTID &&
		    s < VPCI_INTX_INTID + VPCI_INTX_LINES)
			error(p,
			      "spis[%zu]: INTID %u is one of its virtual host bridge's INTx lines "
			      "(%u..%u)",
			      i, s, VPCI_INTX_INTID, VPCI_INTX_INTID + VPCI_INTX_LINES - 1);
		for (size_t q = 0; q <= pi; q++) {
			const struct partition_config *o = &system_config.partitions[q];

			for (size_t j = 0; j < (q == pi ? i : o->spi_count); j++) {
				if (o->spis[j] == s)
					error(p,
					      "spis[%zu]: SPI INTID %u is also given to partition "
					      "\"%s\"",
					      i, s, o->name);
			}
		}
	}
}

/** Its image and DTB (and initrd) fit its RAM; the final DTB is kept for the build. */
static void check_images(const struct partition_config *p, size_t pi, const char *dtbdir)
{
	size_t isize = 0, dsize = 0;
	u8 *img = read_file(p, "image", p->image, &isize);
	char dtb_path[512], base[128];
	u8 *dtb;

	base_name(p->dts, base, sizeof(base));
	snprintf(dtb_path, sizeof(dtb_path), "%s/%s.dtb", dtbdir, base);
	dtb = read_file(p, "dts", dtb_path, &dsize);
	if (img && dtb) {
		u64 need = layout_image_size(img, isize);
		u64 dtb_off = layout_dtb_offset(p->load_offset, need);

		if (p->load_offset + need > p->ram_size)
			error(p,
			      "image: \"%s\" needs 0x%llx bytes at offset 0x%llx, larger than "
			      "its RAM (0x%llx)",
			      p->image, (unsigned long long)need,
			      (unsigned long long)p->load_offset, (unsigned long long)p->ram_size);
		else if (dtb_off + dsize > p->ram_size)
			error(p,
			      "dts: no room for the DTB above the image (needs RAM up to 0x%llx)",
			      (unsigned long long)(dtb_off + dsize));
		check_guest_dtb(p, dtb, dsize);
		if (p->initrd)
			place_initrd(p, dtb, dsize, dtb_off);
	}
	if (img && dtb)
		final_dtb_off[pi] =
		    layout_dtb_offset(p->load_offset, layout_image_size(img, isize));
	free(img);
	final_dtb[pi] = dtb;
	final_dtb_size[pi] = dsize;
}

static void check_partition(const struct partition_config *p, size_t pi, const char *dtbdir,
			    bool files)
{
	check_name_and_overlaps(p, pi);
	check_cpus(p);
	check_memory(p);
	check_regions(p, pi);
	check_pci(p, pi);
	check_channel_ends(p);
	check_frames(p);
	check_spis(p, pi);
	check_its(p);
	check_devices(p, pi);
	if (p->dma_not_isolated && plat->smmu)
		error(p, "dma_not_isolated: the platform has an SMMU, which isolates every "
			 "partition's DMA; remove the field");
	if (!p->image || !p->dts) {
		error(p, "image and dts are required");
		return;
	}
	if (files)
		check_images(p, pi, dtbdir);
}

/** What partita's image takes of the hyp region, part by part (bytes). */
struct hyp_use {
	u64 text_offset; /**< from the base of hyp to the image (the Image header's text_offset) */
	u64 code, rodata, blobs, data, bss;
	u64 s2_tables, stacks; /**< the configuration-sized parts of the BSS */
};

/**
 * Refuse the configuration if @u does not fit in hyp; print the sizes either
 * way when @verbose. @what says whether the figures are exact or a lower bound.
 */
static void hyp_report(const struct hyp_use *u, const char *what, bool verbose)
{
	u64 need = u->text_offset + u->code + u->rodata + u->blobs + u->data + u->bss;
	char sizes[320];

	snprintf(sizes, sizeof(sizes),
		 "text offset 0x%llx + code 0x%llx + read-only data 0x%llx + guest images, "
		 "DTBs and initrds 0x%llx + data 0x%llx + BSS 0x%llx (stage-2 tables 0x%llx, "
		 "stacks 0x%llx) = 0x%llx",
		 (unsigned long long)u->text_offset, (unsigned long long)u->code,
		 (unsigned long long)u->rodata, (unsigned long long)u->blobs,
		 (unsigned long long)u->data, (unsigned long long)u->bss,
		 (unsigned long long)u->s2_tables, (unsigned long long)u->stacks,
		 (unsigned long long)need);
	if (need > plat->hyp.size)
		error(NULL, "hyp: 0x%llx bytes at 0x%llx cannot hold partita, which needs %s%s",
		      (unsigned long long)plat->hyp.size, (unsigned long long)plat->hyp.base, what,
		      sizes);
	else if (verbose)
		printf("partita in hyp (0x%llx bytes at 0x%llx): %s; 0x%llx free\n",
		       (unsigned long long)plat->hyp.size, (unsigned long long)plat->hyp.base,
		       sizes, (unsigned long long)(plat->hyp.size - need));
}

/** Size of a file, 0 (and an error) if it cannot be read. */
static u64 file_size(const struct partition_config *p, const char *field, const char *path)
{
	struct stat st;

	if (stat(path, &st)) {
		error(p, "%s: cannot open \"%s\": %s", field, path, strerror(errno));
		return 0;
	}
	return (u64)st.st_size;
}

/**
 * Before the link: the linked-in images and the configuration-sized BSS alone
 * must fit (blobs.S aligns each image to 4 KiB, DTBs and initrds to 8 bytes).
 */
static void hyp_check_lower_bound(size_t s2_pages)
{
	struct hyp_use u = { .text_offset = IMAGE_TEXT_OFFSET };

	for (size_t i = 0; i < system_config.partition_count; i++) {
		const struct partition_config *p = &system_config.partitions[i];

		u.blobs = ALIGN_UP(u.blobs, SZ_4K) + file_size(p, "image", p->image);
		u.blobs = ALIGN_UP(u.blobs, 8) + final_dtb_size[i];
		if (p->initrd)
			u.blobs = ALIGN_UP(u.blobs, 8) + file_size(p, "initrd", p->initrd);
	}
	u.s2_tables =
	    (system_config.partition_count * STAGE2_ROOT_ENTRIES + s2_pages * PT_ENTRIES) *
	    sizeof(u64);
	u.stacks = plat->cpu_count * (u64)CPU_STACK_SIZE;
	u.bss = u.s2_tables + u.stacks;
	hyp_report(&u, "at least ", false);
}

/** One symbol of `nm -S` output: address, and size where nm gives one. */
struct nm_sym {
	const char *name;
	u64 addr, size;
	bool found;
};

/** After the link: exact sizes from the symbols of the image (nm -S on stdin). */
static int hyp_check_linked(void)
{
	enum {
		HEAD,
		TEXT_END,
		RODATA_END,
		BLOBS,
		BLOBS_END,
		BSS_START,
		END,
		S2_ROOTS,
		S2_PAGES,
		STACKS,
		NSYMS
	};
	struct nm_sym sym[NSYMS] = {
		[HEAD] = { "_head" },
		[TEXT_END] = { "__text_end" },
		[RODATA_END] = { "__rodata_end" },
		[BLOBS] = { "__blobs_start" },
		[BLOBS_END] = { "__blobs_end" },
		[BSS_START] = { "__bss_start" },
		[END] = { "_end" },
		[S2_ROOTS] = { "s2_roots" },
		[S2_PAGES] = { "s2_pages" },
		[STACKS] = { "cpu_stacks" },
	};
	struct hyp_use u;
	char line[512];

	while (fgets(line, sizeof(line), stdin)) {
		unsigned long long a, sz = 0;
		char f[4][256];
		int n = sscanf(line, "%255s %255s %255s %255s", f[0], f[1], f[2], f[3]);
		const char *name;

		/* "addr size type name", or "addr type name" for a symbol without size. */
		if (n < 3 || sscanf(f[0], "%llx", &a) != 1 ||
		    (n == 4 && sscanf(f[1], "%llx", &sz) != 1))
			continue;
		name = f[n - 1];
		for (int i = 0; i < NSYMS; i++) {
			if (!strcmp(name, sym[i].name)) {
				sym[i] = (struct nm_sym){ sym[i].name, a, sz, true };
			}
		}
	}
	for (int i = 0; i < NSYMS; i++) {
		if (!sym[i].found) {
			fprintf(stderr, "cfgcheck fit: symbol %s not in the nm output\n",
				sym[i].name);
			return 2;
		}
	}
	u = (struct hyp_use){
		.text_offset = sym[HEAD].addr - plat->hyp.base,
		.code = sym[TEXT_END].addr - sym[HEAD].addr,
		.blobs = sym[BLOBS_END].addr - sym[BLOBS].addr,
		.data = sym[BSS_START].addr - sym[RODATA_END].addr,
		.bss = sym[END].addr - sym[BSS_START].addr,
		.s2_tables = sym[S2_ROOTS].size + sym[S2_PAGES].size,
		.stacks = sym[STACKS].size,
	};
	u.rodata = sym[RODATA_END].addr - sym[TEXT_END].addr - u.blobs;
	if (sym[HEAD].addr < plat->hyp.base)
		error(NULL, "hyp: partita is linked at 0x%llx, below hyp (0x%llx)",
		      (unsigned long long)sym[HEAD].addr, (unsigned long long)plat->hyp.base);
	else
		hyp_report(&u, "", true);
	if (errors)
		fprintf(stderr, "%d configuration error(s)\n", errors);
	return errors ? 1 : 0;
}

/** The sizes the configuration implies, for the generated header. */
struct gen_sizes {
	size_t max_vcpus, total_pages, pages[MAX_PARTITIONS], max_spis;
	size_t dma_total, dma[MAX_PARTITIONS];
	size_t its_devices, its_events, its_slots, pci_functions, channel_ends;
};

static void gen_sizes(struct gen_sizes *z)
{
	*z = (struct gen_sizes){ .max_spis = 32,
				 .its_devices = 1,
				 .its_events = 1,
				 .pci_functions = 1,
				 .channel_ends = 1 };
	for (size_t i = 0; i < system_config.partition_count; i++) {
		const struct partition_config *p = &system_config.partitions[i];

		z->max_vcpus = MAX(z->max_vcpus, p->cpu_count);
		z->pci_functions = MAX(z->pci_functions, p->pci_function_count);
		z->channel_ends = MAX(z->channel_ends, p->channel_end_count);
		z->pages[i] = stage2_pages(p);
		z->dma[i] = dma_pages(p);
		z->dma_total += z->dma[i];
		if (p->its_ipa && p->its_event_bits <= 11) {
			z->its_devices = MAX(z->its_devices, cfg_device_count(p));
			z->its_events = MAX(z->its_events, (size_t)1 << p->its_event_bits);
			z->its_slots += cfg_device_count(p);
		}
		z->total_pages += z->pages[i];
		for (size_t s = 0; s < p->spi_count; s++)
			z->max_spis = MAX(z->max_spis, (size_t)ALIGN_UP(p->spis[s] + 1, 32) - 32);
	}
}

/** @gendir/config_gen.h: the sizes partita's static arrays take. */
static int write_header(const char *name, const char *gendir, const struct gen_sizes *z)
{
	char path[512];
	FILE *h;

	snprintf(path, sizeof(path), "%s/config_gen.h", gendir);
	h = fopen(path, "w");
	if (!h)
		return perror(path), 1;
	fprintf(h, "/* Generated by cfgcheck from config/%s.c: do not edit. */\n", name);
	fprintf(h, "#ifndef CONFIG_GEN_H\n#define CONFIG_GEN_H\n");
	fprintf(h, "#define CONFIG_NAME \"%s\"\n", name);
	fprintf(h, "#define CONFIG_CPU_COUNT %zu\n", plat->cpu_count);
	fprintf(h, "#define CONFIG_PARTITION_COUNT %zu\n", system_config.partition_count);
	fprintf(h, "#define CONFIG_MAX_VCPUS %zu\n", z->max_vcpus);
	fprintf(h, "#define CONFIG_VGIC_SPIS %zu\n", z->max_spis);
	fprintf(h, "#define CONFIG_ITS_DEVICES %zu\n", z->its_devices);
	fprintf(h, "#define CONFIG_ITS_EVENTS %zu\n", z->its_events);
	fprintf(h, "#define CONFIG_ITS_SLOTS %zu\n", z->its_slots);
	/* At least 1 each: arrays of 0 elements are not C. */
	fprintf(h, "#define CONFIG_CHANNELS %zu\n", MAX(system_config.channel_count, (size_t)1));
	fprintf(h, "#define CONFIG_CHANNEL_ENDS %zu\n", z->channel_ends);
	fprintf(h, "#define CONFIG_PCI_FUNCTIONS %zu\n", z->pci_functions);
	fprintf(h, "#define CONFIG_S2_TABLE_PAGES %zu\n", z->total_pages ? z->total_pages : 1);
	fprintf(h, "#define CONFIG_S2_PAGES_LIST {");
	for (size_t i = 0; i < system_config.partition_count; i++)
		fprintf(h, "%s %zu", i ? "," : "", z->pages[i]);
	fprintf(h, " }\n");
	fprintf(h, "#define CONFIG_DMA_TABLE_PAGES %zu\n", z->dma_total ? z->dma_total : 1);
	fprintf(h, "#define CONFIG_DMA_PAGES_LIST {");
	for (size_t i = 0; i < system_config.partition_count; i++)
		fprintf(h, "%s %zu", i ? "," : "", z->dma[i]);
	fprintf(h, " }\n");
	fprintf(h, "#define CONFIG_LOAD_ADDR 0x%llx\n",
		(unsigned long long)(plat->ram.base + IMAGE_TEXT_OFFSET));
	fprintf(h, "#define CONFIG_HYP_END 0x%llx\n",
		(unsigned long long)(plat->hyp.base + plat->hyp.size));
	fprintf(h, "#endif\n");
	fclose(h);
	return 0;
}

/** The contents of @path (NULL: none) for a hash: its size in *@size. */
static u8 *slurp(const char *path, size_t *size)
{
	*size = 0;
	return path ? read_file(NULL, "file", path, size) : NULL;
}

/**
 * A FIT image node of @t: @file's bytes, loaded at @at, with the CRC-32
 * that U-Boot checks and partita compares with its own (fit_vouches()).
 */
static void its_image(FILE *t, const char *cwd, const char *node, const char *what,
		      const char *file, u64 at)
{
	fprintf(
	    t,
	    "\t\t%s {\n\t\t\tdescription = \"%s\";\n\t\t\tdata = /incbin/(\"%s%s%s\");\n"
	    "\t\t\ttype = \"firmware\";\n\t\t\tarch = \"arm64\";\n\t\t\tcompression = \"none\";\n"
	    "\t\t\tload = <0x%x 0x%x>;\n\t\t\thash-1 {\n\t\t\t\talgo = \"crc32\";\n\t\t\t};\n"
	    "\t\t};\n",
	    node, what, file[0] == '/' ? "" : cwd, file[0] == '/' ? "" : "/", file, (u32)(at >> 32),
	    (u32)at);
}

/**
 * @gendir/blobs.S, blobs-fit.S, partita.its and the final DTBs: every
 * partition's images linked into partita (blobs.S), or not (blobs-fit.S,
 * for a partita booted from a FIT), each with its table (struct
 * partition_blob: sizes, the DTB's offset, hashes); and the FIT's source:
 * partita (build/<config>/fit/partita.bin) as the kernel, each partition's
 * pieces as loadables at their final physical addresses, named
 * p<index>-image, -dtb and -initrd (core/partition.c finds them by those
 * names to load them again at a restart).
 */
static int write_blobs(const char *name, const char *gendir)
{
	char path[512], cwd[512], node[32];
	FILE *s, *f, *t;
	size_t i;
	u64 meta[MAX_PARTITIONS][7];

	if (!getcwd(cwd, sizeof(cwd)))
		return perror("getcwd"), 1;
	snprintf(path, sizeof(path), "%s/blobs.S", gendir);
	s = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/blobs-fit.S", gendir);
	f = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/partita.its", gendir);
	t = fopen(path, "w");
	if (!s || !f || !t)
		return perror(path), 1;
	for (FILE *o = s; o; o = o == s ? f : NULL)
		fprintf(o,
			"/* Generated by cfgcheck from config/%s.c: do not edit. */\n"
			"\t.section .rodata.blobs, \"a\"\n",
			name);
	fprintf(t,
		"/* Generated by cfgcheck from config/%s.c: do not edit. */\n/dts-v1/;\n\n/ {\n"
		"\tdescription = \"partita, configuration %s\";\n\t#address-cells = <2>;\n"
		"\timages {\n\t\tpartita {\n\t\t\tdescription = \"partita\";\n"
		"\t\t\tdata = /incbin/(\"%s/%s/../fit/partita.bin\");\n\t\t\ttype = \"kernel\";\n"
		"\t\t\tarch = \"arm64\";\n\t\t\tos = \"linux\";\n\t\t\tcompression = \"none\";\n"
		"\t\t\tload = <0x%x 0x%x>;\n\t\t\tentry = <0x%x 0x%x>;\n"
		"\t\t\thash-1 {\n\t\t\t\talgo = \"crc32\";\n\t\t\t};\n\t\t};\n",
		name, name, cwd, gendir, (u32)((plat->hyp.base + SZ_2M) >> 32),
		(u32)(plat->hyp.base + SZ_2M), (u32)((plat->hyp.base + SZ_2M) >> 32),
		(u32)(plat->hyp.base + SZ_2M));
	for (i = 0; i < system_config.partition_count; i++) {
		const struct partition_config *p = &system_config.partitions[i];
		size_t isize, nsize;
		u8 *img = slurp(p->image, &isize), *ird = slurp(p->initrd, &nsize);
		u64 ram = p->ram_pa, off = final_dtb_off[i];
		FILE *d;

		snprintf(path, sizeof(path), "%s/dtb%zu.dtb", gendir, i);
		d = fopen(path, "wb");
		if (!d || fwrite(final_dtb[i], 1, final_dtb_size[i], d) != final_dtb_size[i]) {
			perror(path);
			return 1;
		}
		fclose(d);
		fprintf(s, "\t.balign 4096\nimage%zu:\n\t.incbin \"%s\"\nimage%zu_end:\n", i,
			p->image, i);
		fprintf(s, "\t.balign 8\ndtb%zu:\n\t.incbin \"%s\"\ndtb%zu_end:\n", i, path, i);
		fprintf(s, "\t.balign 8\ninitrd%zu:\n", i);
		if (p->initrd)
			fprintf(s, "\t.incbin \"%s\"\n", p->initrd);
		fprintf(s, "initrd%zu_end:\n", i);
		snprintf(node, sizeof(node), "p%zu-image", i);
		its_image(t, cwd, node, p->name, p->image, ram + p->load_offset);
		snprintf(node, sizeof(node), "p%zu-dtb", i);
		its_image(t, cwd, node, p->name, path, ram + off);
		if (p->initrd) {
			snprintf(node, sizeof(node), "p%zu-initrd", i);
			its_image(t, cwd, node, p->name, p->initrd,
				  ram + layout_initrd_offset(off));
		}
		meta[i][0] = isize;
		meta[i][1] = off;
		meta[i][2] = final_dtb_size[i];
		meta[i][3] = nsize;
		meta[i][4] = img ? layout_hash(img, isize) : 0;
		meta[i][5] = layout_hash(final_dtb[i], final_dtb_size[i]);
		meta[i][6] = ird ? layout_hash(ird, nsize) : 0;
		free(img);
		free(ird);
	}
	/* The tables (struct partition_blob): linked pointers, or none, then the rest. */
	for (FILE *o = s; o; o = o == s ? f : NULL) {
		fprintf(o, "\t.balign 8\n\t.global partition_blobs\npartition_blobs:\n");
		for (i = 0; i < system_config.partition_count; i++) {
			if (o == s)
				fprintf(o,
					"\t.quad image%zu, image%zu_end, dtb%zu, dtb%zu_end, "
					"initrd%zu, initrd%zu_end\n",
					i, i, i, i, i, i);
			else
				fprintf(o, "\t.quad 0, 0, 0, 0, 0, 0\n");
			fprintf(o,
				"\t.quad 0x%llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx\n",
				(unsigned long long)meta[i][0], (unsigned long long)meta[i][1],
				(unsigned long long)meta[i][2], (unsigned long long)meta[i][3],
				(unsigned long long)meta[i][4], (unsigned long long)meta[i][5],
				(unsigned long long)meta[i][6]);
		}
	}
	fprintf(t, "\t};\n\tconfigurations {\n\t\tdefault = \"conf\";\n\t\tconf {\n"
		   "\t\t\tdescription = \"partita and its partitions\";\n"
		   "\t\t\tkernel = \"partita\";\n\t\t\tloadables = ");
	for (i = 0; i < system_config.partition_count; i++)
		fprintf(t, "%s\"p%zu-image\", \"p%zu-dtb\"", i ? ", " : "", i, i);
	for (i = 0; i < system_config.partition_count; i++)
		if (system_config.partitions[i].initrd)
			fprintf(t, ", \"p%zu-initrd\"", i);
	fprintf(t, ";\n\t\t};\n\t};\n};\n");
	fclose(s);
	fclose(f);
	fclose(t);
	{
		/*
		 * Where the boot loader puts the FIT (scripts/mkboot.sh --fit) and
		 * the machine's DTB for partita: above partita and every partition,
		 * in RAM no guest reaches, where partita finds it for restarts.
		 */
		u64 top = plat->hyp.base + plat->hyp.size;

		for (i = 0; i < system_config.partition_count; i++)
			top = MAX(top, system_config.partitions[i].ram_pa +
					   system_config.partitions[i].ram_size);
		for (i = 0; i < system_config.channel_count; i++)
			top =
			    MAX(top, system_config.channels[i].pa + system_config.channels[i].size);
		top = ALIGN_UP(top, MiB(16)) + MiB(16);
		snprintf(path, sizeof(path), "%s/fit.env", gendir);
		t = fopen(path, "w");
		if (!t)
			return perror(path), 1;
		fprintf(t, "FIT_ADDR=0x%llx\nFDT_ADDR=0x%llx\nRAM_END=0x%llx\n",
			(unsigned long long)top, (unsigned long long)(top - SZ_1M),
			(unsigned long long)(plat->ram.base + plat->ram.size));
		fclose(t);
	}
	return 0;
}

static int write_gen(const char *name, const char *gendir)
{
	struct gen_sizes z;

	gen_sizes(&z);
	hyp_check_lower_bound(z.total_pages);
	if (errors)
		return 1;
	if (write_header(name, gendir, &z))
		return 1;
	return write_blobs(name, gendir);
}

int main(int argc, char **argv)
{
	bool mk = argc == 2 && !strcmp(argv[1], "mk");
	bool gen = argc == 5 && !strcmp(argv[1], "gen");
	bool fit = argc == 2 && !strcmp(argv[1], "fit");
	size_t i;

	if (!mk && !gen && !fit) {
		fprintf(stderr, "usage: %s mk | gen NAME GENDIR DTBDIR | fit < nm-output\n",
			argv[0]);
		return 2;
	}
	plat = &system_config.platform;
	if (fit)
		return hyp_check_linked();
	check_platform();
	if (!system_config.partition_count || system_config.partition_count > MAX_PARTITIONS)
		error(NULL, "partitions: %zu (1..%d allowed)", system_config.partition_count,
		      MAX_PARTITIONS);
	for (i = 0; i < system_config.partition_count && i < MAX_PARTITIONS; i++)
		check_partition(&system_config.partitions[i], i, gen ? argv[4] : NULL, gen);
	if (system_config.partition_count <= MAX_PARTITIONS)
		check_channels();
	if (errors) {
		fprintf(stderr, "%d configuration error(s)\n", errors);
		return 1;
	}
	if (mk) {
		printf("PARTITION_IMAGES :=");
		for (i = 0; i < system_config.partition_count; i++)
			printf(" %s", system_config.partitions[i].image);
		for (i = 0; i < system_config.partition_count; i++)
			if (system_config.partitions[i].initrd)
				printf(" %s", system_config.partitions[i].initrd);
		printf("\nPARTITION_DTS :=");
		for (i = 0; i < system_config.partition_count; i++)
			printf(" %s", system_config.partitions[i].dts);
		printf("\n");
		return 0;
	}
	return write_gen(argv[2], argv[3]);
}
