// SPDX-License-Identifier: MIT
/**
 * @file
 * The host bridge at boot (docs/architecture.md, section 6c): partita
 * numbers its buses, places each partition's functions' BARs in that
 * partition's pci_mmio window, opens the bridges above them onto exactly
 * that part of the window, and attaches the functions to the partition's
 * virtual host bridge (vdev/pci). Nothing a guest does afterwards moves a
 * BAR, a bus number or a bridge window.
 */
#include <core/console.h>
#include <core/lib.h>
#include <core/partition.h>
#include <core/spinlock.h>
#include <drivers/gic.h>
#include <drivers/io.h>
#include <drivers/pci.h>

/* Functions partita lists on the host bridge; those beyond are not assignable. */
#define PCI_FOUND_MAX 128

static struct pci_found found[PCI_FOUND_MAX];
static size_t nfound;

#define BDF_FMT "%02x:%02x.%x"
#define BDF_ARGS(r) (u32)((r) >> 8), (u32)(((r) >> 3) & 31), (u32)((r)&7)

static const struct pci_found *lookup(u16 rid)
{
	for (size_t i = 0; i < MIN(nfound, (size_t)PCI_FOUND_MAX); i++)
		if (found[i].rid == rid)
			return &found[i];
	return NULL;
}

/** The partition that owns host function @rid, or NULL. */
static const struct partition *owner(u16 rid)
{
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++)
		for (size_t f = 0; f < partitions[i].cfg->pci_function_count; f++)
			if (partitions[i].cfg->pci_functions[f].host == rid)
				return &partitions[i];
	return NULL;
}

static u64 cfg_page(u16 rid)
{
	return pci_cfg_page(system_config.platform.pcie_ecam.base, rid);
}

static bool refuse(struct partition *p, const char *why, u16 rid)
{
	pr_info("partition \"%s\": not started: PCI function " BDF_FMT " %s", p->cfg->name,
		BDF_ARGS(rid), why);
	p->held = true;
	return false;
}

/** Where the next BAR of a partition goes: its memory window, its I/O space. */
struct cursor {
	u64 mem, mem_end;
	u64 mem64, mem64_end; /* pci_mmio64, if the partition has one */
	u64 io, io_end;	      /* PCI I/O addresses */
};

/** The window of @c a BAR @b of a function on bus 0 (@root) or behind a bridge goes in. */
enum window { W_MEM, W_MEM64, W_IO };

static enum window window_of(const struct cursor *c, const struct pci_bar *b, bool root)
{
	if (b->io)
		return W_IO;
	/* Behind a bridge only its prefetchable window is 64-bit. */
	if (b->mem64 && c->mem64_end > c->mem64 && (root || (b->flags & PCI_BAR_PREFETCH)))
		return W_MEM64;
	return W_MEM;
}

/**
 * A function whose requester ID is one of the DeviceIDs partita rings the
 * channels' doorbells with (channel_device_base on) could send MSIs as a
 * channel end: the channel's members are not started. The checker has
 * refused configured functions there; this is about the rest of the bus.
 */
static void channel_ids_unused(void)
{
	const struct platform_config *plat = &system_config.platform;
	u64 first = plat->channel_device_base;

	for (size_t i = 0; i < MIN(nfound, (size_t)PCI_FOUND_MAX); i++) {
		u64 at = found[i].rid - first;

		if (!system_config.channel_count || found[i].rid < first ||
		    at >= system_config.channel_count * CHANNEL_PEERS)
			continue;
		for (u32 q = 0; q < CONFIG_PARTITION_COUNT; q++) {
			struct partition *p = &partitions[q];

			for (size_t e = 0; e < p->cfg->channel_end_count; e++) {
				if (p->cfg->channel_ends[e].channel != at / CHANNEL_PEERS ||
				    p->held)
					continue;
				pr_info("partition \"%s\": not started: PCI function " BDF_FMT
					" carries DeviceID 0x%x, channel \"%s\"'s",
					p->cfg->name, BDF_ARGS(found[i].rid), found[i].rid,
					system_config.channels[at / CHANNEL_PEERS].name);
				p->held = true;
			}
		}
	}
}

/** INTx lines (bit per pcie_intx[] entry) some partition's function drives. */
static u32 intx_used;

/** Each line's state, under intx_lock. */
static struct intx_state {
	u32 taker;     /**< the pCPU it is routed to, or INTX_NO_CPU before the first */
	u32 seen;      /**< assertions in the current window */
	u32 unclaimed; /**< of them, claimed by no function */
	bool off;      /**< turned off at the distributor: a device ignores InterruptDisable */
	u32 culprits;  /**< partitions (bit each) whose function asserted while masked */
} intx[4];
static struct spinlock intx_lock;
#define INTX_NO_CPU 0xffffffffu

/** The line (index into pcie_intx) pin @pin of function @f drives, or -1. */
static int intx_line_of(const struct pci_found *f, u32 pin)
{
	const struct platform_config *plat = &system_config.platform;
	u32 line;

	if (pin < 1 || pin > 4)
		return -1;
	line = (pin - 1 + f->swizzle + (plat->pcie_intx_by_slot ? f->slot : 0)) % 4;
	return plat->pcie_intx[line] ? (int)line : -1;
}

/** True when a function of @p drives INTx line @intid. */
static bool drives(const struct partition *p, u32 intid)
{
	for (u32 i = 0; i < p->pci.count; i++)
		if (p->pci.fn[i].intx_host == intid)
			return true;
	return false;
}

/**
 * True when physical CPU @c runs a vCPU that is on or about to be, of a
 * partition that is not going down: one that takes interrupts.
 */
static bool cpu_live(u32 c)
{
	const struct vcpu *v = percpus[c].vcpu;
	u32 st;

	if (!v || v->part->held || __atomic_load_n(&v->part->stopping, __ATOMIC_ACQUIRE))
		return false;
	st = __atomic_load_n(&v->state, __ATOMIC_ACQUIRE);
	return st == VCPU_ON || st == VCPU_ON_PENDING;
}

void partitions_intx_route(void)
{
	const struct platform_config *plat = &system_config.platform;

	if (!intx_used)
		return;
	spin_lock(&intx_lock);
	for (u32 line = 0; line < 4; line++) {
		u32 intid = plat->pcie_intx[line], to = INTX_NO_CPU;

		if (!(intx_used & BIT(line)) ||
		    (intx[line].taker != INTX_NO_CPU && cpu_live(intx[line].taker)))
			continue;
		/* A live pCPU of a partition with a function on it, else any live one. */
		for (u32 c = 0; c < CONFIG_CPU_COUNT; c++) {
			if (!cpu_live(c))
				continue;
			if (drives(percpus[c].vcpu->part, intid)) {
				to = c;
				break;
			}
			if (to == INTX_NO_CPU)
				to = c;
		}
		if (to == INTX_NO_CPU)
			continue; /* nobody runs: it stays where it is until someone does */
		if (intx[line].taker == INTX_NO_CPU && !intx[line].off)
			gic_spi_setup(intid, false, plat->cpu_mpidr[to]);
		else
			gic_spi_route(intid, plat->cpu_mpidr[to]);
		intx[line].taker = to;
	}
	spin_unlock(&intx_lock);
}

/** Place the BARs of @p's function @i at the cursor onwards; attach it. */
static bool place_function(struct partition *p, u32 i, struct cursor *c)
{
	static const char *const need[] = { "does not fit: its BARs need more of pci_mmio",
					    "does not fit: its 64-bit BARs need more of pci_mmio64",
					    "does not fit: its I/O BARs need more of pci_io" };
	u16 rid = p->cfg->pci_functions[i].host;
	u64 cfg = cfg_page(rid), addr[6] = { 0 };
	bool root = lookup(rid)->top == PCI_NO_BRIDGE;
	struct pci_bar bars[6];

	pci_bars(cfg, bars);
	/* No expansion ROM: firmware may have left one enabled, at any address. */
	wr32(cfg + PCI_ROM, 0);
	for (u32 b = 0; b < 6; b++) {
		enum window w = window_of(c, &bars[b], root);
		u64 size = bars[b].size;
		u64 *at = w == W_IO ? &c->io : w == W_MEM64 ? &c->mem64 : &c->mem;
		u64 end = w == W_IO ? c->io_end : w == W_MEM64 ? c->mem64_end : c->mem_end;

		if (!size)
			continue;
		if (bars[b].io && !p->cfg->pci_io.size) {
			/* Hidden: the partition has no I/O space (pci_io). */
			pr_info("%s: PCI function " BDF_FMT " BAR%u: I/O, not placed (no pci_io)",
				p->cfg->name, BDF_ARGS(rid), b);
			bars[b].size = 0;
			continue;
		}
		/* Naturally aligned; memory never shares a page with anything else. */
		*at = ALIGN_UP(*at, bars[b].io ? size : MAX(size, SZ_4K));
		if (*at + size > end || *at + size < *at)
			return refuse(p, need[w], rid);
		addr[b] = *at;
		pci_bar_set(cfg, &bars[b], addr[b]);
		*at += size;
	}
	{
		/* The pin read once: a device may answer differently the next time. */
		u32 pin = (rd32(cfg + PCI_IRQ) >> 8) & 0xff;
		int line = intx_line_of(lookup(rid), pin);

		if (line >= 0)
			intx_used |= (u32)BIT(line);
		vpci_attach(&p->pci, i, cfg, bars, addr, pin,
			    line >= 0 ? system_config.platform.pcie_intx[line] : 0);
	}
	return true;
}

/**
 * Place @p's functions on the secondary bus of bridge @b and below (@b
 * PCI_NO_BRIDGE: only those on bus 0), each bus's own functions first, then
 * each bridge on it in turn; then open @b onto exactly what went below it (1 MiB
 * granules of memory, 4 KiB of I/O), so that sibling bridges forward
 * disjoint windows. A bridge with nothing of @p below it stays closed.
 * Bounded by the depth pci_enumerate() walks.
 */
static bool place_below(struct partition *p, u16 b, struct cursor *c)
{
	struct pci_windows w;

	if (b != PCI_NO_BRIDGE) {
		c->mem = ALIGN_UP(c->mem, SZ_1M);
		c->mem64 = ALIGN_UP(c->mem64, SZ_1M);
		c->io = ALIGN_UP(c->io, SZ_4K);
	}
	w = (struct pci_windows){ .mem = c->mem, .pref = c->mem64, .io = c->io };
	for (u32 i = 0; i < p->cfg->pci_function_count; i++)
		if (lookup(p->cfg->pci_functions[i].host)->parent == b && !place_function(p, i, c))
			return false;
	/* Bus 0's bridges are each a group of their own (place_group()). */
	if (b == PCI_NO_BRIDGE)
		return true;
	for (size_t k = 0; k < MIN(nfound, (size_t)PCI_FOUND_MAX); k++)
		if (found[k].is_bridge && found[k].parent == b && !place_below(p, found[k].rid, c))
			return false;
	c->mem = c->mem > w.mem ? ALIGN_UP(c->mem, SZ_1M) : w.mem;
	c->mem64 = c->mem64 > w.pref ? ALIGN_UP(c->mem64, SZ_1M) : w.pref;
	c->io = c->io > w.io ? ALIGN_UP(c->io, SZ_4K) : w.io;
	if (c->mem > c->mem_end || c->mem64 > c->mem64_end || c->io > c->io_end)
		return refuse(p,
			      "does not fit: its bridges' windows need more of pci_mmio, "
			      "pci_mmio64 or pci_io",
			      b);
	w.mem_size = c->mem - w.mem;
	w.pref_size = c->mem64 - w.pref;
	w.io_size = c->io - w.io;
	if (!pci_bridge_window(cfg_page(b), &w))
		return refuse(
		    p, "is a bridge above its functions with no 64-bit prefetchable window", b);
	/* As the bridge has it now: what reaches below it is exactly this. */
	pci_bridge_windows_read(cfg_page(b), &w);
	pr_info("%s: bridge " BDF_FMT " forwards memory 0x%lx+0x%lx, 64-bit 0x%lx+0x%lx, I/O "
		"0x%lx+0x%lx",
		p->cfg->name, BDF_ARGS(b), w.mem, w.mem_size, w.pref, w.pref_size, w.io, w.io_size);
	return true;
}

/**
 * The functions of @p behind root bridge @top (one on bus 0), placed
 * together: no other partition may have one there (without ACS checks
 * they could reach each other peer to peer).
 */
static bool place_group(struct partition *p, u16 top, struct cursor *c)
{
	for (size_t k = 0; k < MIN(nfound, (size_t)PCI_FOUND_MAX); k++) {
		const struct partition *o;

		if (found[k].top != top || found[k].is_bridge)
			continue;
		o = owner(found[k].rid);
		if (o && o != p)
			return refuse(p, "is behind a bridge with another partition's function",
				      found[k].rid);
	}
	return place_below(p, top, c);
}

static void place_partition(struct partition *p)
{
	const struct partition_config *cfg = p->cfg;
	struct cursor c = { cfg->pci_mmio.base,	  cfg->pci_mmio.base + cfg->pci_mmio.size,
			    cfg->pci_mmio64.base, cfg->pci_mmio64.base + cfg->pci_mmio64.size,
			    cfg->pci_io.base,	  cfg->pci_io.base + cfg->pci_io.size };

	for (u32 i = 0; i < cfg->pci_function_count; i++) {
		const struct pci_found *f = lookup(cfg->pci_functions[i].host);

		if (!f) {
			refuse(p, "is not on this machine", cfg->pci_functions[i].host);
			return;
		}
		if (f->is_bridge) {
			refuse(p, "is a bridge, which partita keeps", f->rid);
			return;
		}
	}
	/* Those on bus 0 first, then each root bridge's, in the order the configuration names them.
	 */
	if (!place_below(p, PCI_NO_BRIDGE, &c))
		return;
	for (u32 i = 0; i < cfg->pci_function_count; i++) {
		u16 top = lookup(cfg->pci_functions[i].host)->top;
		bool done = top == PCI_NO_BRIDGE;

		for (u32 j = 0; j < i && !done; j++)
			done = lookup(cfg->pci_functions[j].host)->top == top;
		if (!done && !place_group(p, top, &c))
			return;
	}
}

/**
 * Which partitions' functions drive each INTx line: partitions that share a
 * line share its cost (it is taken on one pCPU of theirs, which pays for the
 * others' interrupts; a guest that completes its interrupt without quieting
 * its device makes that pCPU take the line again each time).
 */
static void intx_report(void)
{
	const struct platform_config *plat = &system_config.platform;

	for (u32 line = 0; line < 4; line++) {
		char who[96] = "";
		size_t at = 0;

		if (!(intx_used & BIT(line)))
			continue;
		for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++)
			if (!partitions[i].held && drives(&partitions[i], plat->pcie_intx[line]) &&
			    at < sizeof(who))
				at += (size_t)snprintf(who + at, sizeof(who) - at, "%s%s",
						       at ? ", " : "", partitions[i].cfg->name);
		pr_info("PCI: INTx line %c (INTID %u): %s", 'A' + line, plat->pcie_intx[line], who);
	}
}

/*
 * A line asserted for no function that may drive it this many times in a
 * window of INTX_WINDOW assertions has a device that ignores its
 * InterruptDisable (or a bridge that signals): it would keep the pCPU that
 * takes it here for ever. As Linux's note_interrupt() (99,900 of 100,000).
 */
#define INTX_WINDOW 10000
#define INTX_UNCLAIMED_MAX 9900

bool partitions_intx_irq(u32 intid)
{
	const struct platform_config *plat = &system_config.platform;
	u32 line, n = 0, culprits = 0;
	bool turned_off = false;

	for (line = 0; line < 4; line++)
		if ((intx_used & BIT(line)) && plat->pcie_intx[line] == intid)
			break;
	if (line == 4)
		return false;
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++)
		if (partitions[i].cfg->pci_function_count)
			n += vpci_intx_claim(&partitions[i].pci, intid);
	gic_eoi(intid);
	spin_lock(&intx_lock);
	intx[line].unclaimed += !n;
	if (++intx[line].seen < INTX_WINDOW) {
		spin_unlock(&intx_lock);
		return true;
	}
	if (intx[line].unclaimed >= INTX_UNCLAIMED_MAX && !intx[line].off) {
		/* Who asserts while masked: their partitions going down may cure it. */
		for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++)
			if (partitions[i].cfg->pci_function_count &&
			    vpci_intx_asserts_masked(&partitions[i].pci, intid))
				culprits |= (u32)BIT(i);
		intx[line].off = true;
		intx[line].culprits = culprits;
		gic_spi_disable(intid);
		turned_off = true;
	}
	intx[line].seen = intx[line].unclaimed = 0;
	spin_unlock(&intx_lock);
	if (turned_off)
		pr_info(
		    "PCI: INTx line %c (INTID %u): %u of %u assertions for no function that may "
		    "drive it: turned off until %s",
		    'A' + line, intid, INTX_UNCLAIMED_MAX, INTX_WINDOW,
		    culprits ? "the partitions whose functions assert while masked go down"
			     : "partita restarts");
	return true;
}

void partitions_intx_down(const struct partition *p)
{
	const struct platform_config *plat = &system_config.platform;

	if (!intx_used)
		return;
	spin_lock(&intx_lock);
	for (u32 line = 0; line < 4; line++) {
		if (!intx[line].off || !(intx[line].culprits & BIT(p->index)))
			continue;
		/* Its functions were reset or quiesced: the line may be quiet now. */
		intx[line].culprits &= ~(u32)BIT(p->index);
		if (intx[line].culprits)
			continue;
		intx[line].off = false;
		intx[line].seen = intx[line].unclaimed = 0;
		/* Not yet routed: partitions_intx_route() sets it up. */
		if (intx[line].taker != INTX_NO_CPU)
			gic_spi_setup(plat->pcie_intx[line], false,
				      plat->cpu_mpidr[intx[line].taker]);
	}
	spin_unlock(&intx_lock);
}

void partitions_pci_init(void)
{
	const struct mem_range *ecam = &system_config.platform.pcie_ecam;
	bool any = false;

	/* Channels too: their DeviceIDs must be no function's. */
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++)
		any |=
		    partitions[i].cfg->pci_function_count || partitions[i].cfg->channel_end_count;
	if (!ecam->size || !any)
		return;
	nfound =
	    pci_enumerate(ecam->base, (u32)MIN(ecam->size >> 20, (u64)256), found, PCI_FOUND_MAX);
	for (u32 line = 0; line < 4; line++)
		intx[line].taker = INTX_NO_CPU;
	pr_info("PCI: %zu function(s) on the host bridge%s", nfound,
		nfound > PCI_FOUND_MAX ? " (more than partita lists)" : "");
	channel_ids_unused();
	/* (Every endpoint was stopped and stopped decoding as it was found.) */
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		struct partition *p = &partitions[i];

		if (!p->held && p->cfg->pci_function_count)
			place_partition(p);
		if (!p->held && p->cfg->pci_function_count)
			pr_info("%s: %zu PCI function(s) on its virtual host bridge, BARs in "
				"0x%lx+0x%lx%s",
				p->cfg->name, p->cfg->pci_function_count, p->cfg->pci_mmio.base,
				p->cfg->pci_mmio.size,
				p->cfg->pci_mmio64.size ? " and 64-bit" : "");
	}
	intx_report();
}
