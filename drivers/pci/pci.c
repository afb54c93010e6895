// SPDX-License-Identifier: MIT
/**
 * @file
 * PCI functions as partita itself handles them (drivers/include/drivers/pci.h).
 */
#include <arch/el2.h>
#include <drivers/io.h>
#include <drivers/pci.h>

#define PCI_VENDOR PCI_ID
#define CMD_BUS_MASTER PCI_CMD_MASTER
#define CMD_INTX_DISABLE PCI_CMD_INTX_DISABLE
#define STATUS_CAP_LIST PCI_STATUS_CAP_LIST
#define CAP_MSI PCI_CAP_ID_MSI
#define CAP_MSIX PCI_CAP_ID_MSIX
/* Bridges nest at most this deep under bus 0 (a root port, switch ports, ...). */
#define BRIDGE_DEPTH 6
#define PCI_IO_UPPER 0x30 /* type 1: I/O base and limit, upper 16 bits */
#define BRCTL_ISA BIT(2)  /* Bridge Control, bits 31:16 of the word at 0x3c */
#define BRCTL_VGA BIT(3)
#define MSI_CTL_ENABLE BIT(0) /* in Message Control, bits 31:16 of the capability's first word */
#define MSIX_CTL_MASK_ALL BIT(14)
#define MSIX_CTL_ENABLE BIT(15)
/* Capabilities live in 0x40..0xff, 4-byte aligned: at most 48, even in a loop. */
#define CAP_MAX 48
/* Extended capabilities: 0x100..0xfff, at most 960 of them, even in a loop. */
#define EXT_CAP_MAX 960
#define EXT_CAP_ATS 0x000f /* Control (bits 31:16 of the word at +4): Enable, bit 15 */
#define EXT_CAP_PRI 0x0013 /* Control (bits 15:0 of the word at +4): Enable, bit 0 */
#define ATS_CTL_ENABLE BIT(31)
#define PRI_CTL_ENABLE BIT(0)

/**
 * Address Translation Services and Page Requests off: a function with ATS
 * may send requests marked as translated, which bypass translation where
 * an SMMU trusts them (partita's runs in safe mode, and the guest never
 * sees these capabilities; firmware may have left them on).
 */
static void ats_off(u64 cfg)
{
	u32 ptr = 0x100;

	for (u32 n = 0; n < EXT_CAP_MAX && ptr >= 0x100 && ptr < 0x1000; n++) {
		u32 hdr = rd32(cfg + ptr);

		if (hdr == 0 || hdr == 0xffffffffu)
			return;
		if ((hdr & 0xffff) == EXT_CAP_ATS)
			wr32(cfg + ptr + 4, rd32(cfg + ptr + 4) & ~ATS_CTL_ENABLE);
		else if ((hdr & 0xffff) == EXT_CAP_PRI)
			/* Status (bits 31:16, write-1-to-clear) written as 0. */
			wr32(cfg + ptr + 4, rd32(cfg + ptr + 4) & 0xffff & ~PRI_CTL_ENABLE);
		ptr = (hdr >> 20) & 0xffc;
	}
}

bool pci_quiesce(u64 cfg)
{
	u32 cmd = rd32(cfg + PCI_COMMAND), ptr;

	if ((rd32(cfg + PCI_VENDOR) & 0xffff) == 0xffff)
		return false;
	/* Status (the upper half) written as 0: its RW1C bits stay. */
	wr32(cfg + PCI_COMMAND, ((cmd & 0xffff) & ~CMD_BUS_MASTER) | CMD_INTX_DISABLE);
	if (!((cmd >> 16) & STATUS_CAP_LIST))
		return true;
	ptr = rd32(cfg + PCI_CAP_PTR) & 0xfc;
	for (u32 n = 0; n < CAP_MAX && ptr >= 0x40; n++) {
		u32 hdr = rd32(cfg + ptr), ctl = hdr >> 16;

		if ((hdr & 0xff) == CAP_MSI)
			wr32(cfg + ptr, (hdr & 0xffff) | (ctl & ~MSI_CTL_ENABLE) << 16);
		else if ((hdr & 0xff) == CAP_MSIX)
			wr32(cfg + ptr,
			     (hdr & 0xffff) | ((ctl & ~MSIX_CTL_ENABLE) | MSIX_CTL_MASK_ALL) << 16);
		ptr = (hdr >> 8) & 0xfc;
	}
	ats_off(cfg);
	return true;
}

/* --- Function Level Reset --------------------------------------------------------------- */

#define EXP_DEVCAP 0x04
#define EXP_DEVCTL 0x08 /* Device Control (15:0), Device Status (31:16) */
#define DEVCAP_FLR BIT(28)
#define DEVCTL_FLR BIT(15)
#define DEVSTA_PENDING BIT(5) /* Transactions Pending, in Device Status */
/*
 * How long a function may take, in milliseconds, to finish what it had
 * outstanding before its FLR (Linux's pci_wait_for_pending() gives 700) and
 * to answer again after it (Linux allows a minute of Configuration Request
 * Retry Status; partita, which holds the partition's pCPU meanwhile, one
 * second, then leaves the function off).
 */
#define PENDING_WAIT_MS 1000
#define READY_WAIT_MS 1000

/** True once @ms milliseconds have passed since counter value @start. */
static bool passed(u64 start, u32 ms)
{
	return arch_counter() - start >= arch_counter_freq() * ms / 1000;
}

static u32 find_cap(u64 cfg, u32 id)
{
	u32 ptr;

	if (!((rd32(cfg + PCI_COMMAND) >> 16) & STATUS_CAP_LIST))
		return 0;
	ptr = rd32(cfg + PCI_CAP_PTR) & 0xfc;
	for (u32 n = 0; n < CAP_MAX && ptr >= 0x40; n++) {
		u32 hdr = rd32(cfg + ptr);

		if ((hdr & 0xff) == id)
			return ptr;
		ptr = (hdr >> 8) & 0xfc;
	}
	return 0;
}

bool pci_flr_start(u64 cfg)
{
	u32 exp = find_cap(cfg, PCI_CAP_ID_EXP), ctl;

	if (!exp || !(rd32(cfg + exp + EXP_DEVCAP) & DEVCAP_FLR))
		return false;
	/* Bus mastering is off (pci_quiesce()): what it still has outstanding completes. */
	for (u64 start = arch_counter(); ((rd32(cfg + exp + EXP_DEVCTL) >> 16) & DEVSTA_PENDING) &&
					 !passed(start, PENDING_WAIT_MS);)
		;
	ctl = rd32(cfg + exp + EXP_DEVCTL) & 0xffff;
	/* Device Status written as 0: its write-1-to-clear bits stay. */
	wr32(cfg + exp + EXP_DEVCTL, ctl | DEVCTL_FLR);
	return true;
}

bool pci_flr_finish(u64 cfg, const struct pci_bar bars[6], const u64 addr[6])
{
	bool back = true;

	/* As Linux's pci_dev_wait(): until it stops answering all ones (bounded). */
	for (u64 start = arch_counter();
	     (rd32(cfg + PCI_ID) & 0xffff) == 0xffff && !passed(start, READY_WAIT_MS);)
		;
	for (u32 b = 0; b < 6; b++) {
		u32 mask = bars[b].io ? ~0x3u : ~0xfu;

		if (!bars[b].size)
			continue;
		pci_bar_set(cfg, &bars[b], addr[b]);
		back &= (rd32(cfg + bars[b].reg) & mask) == ((u32)addr[b] & mask);
		if (bars[b].mem64)
			back &= rd32(cfg + bars[b].reg + 4) == (u32)(addr[b] >> 32);
	}
	/*
	 * The reset left INTx enabled (Command 0): quiesced again. One that
	 * did not take its BARs back decodes nothing either, and one that does
	 * not answer is not written (all ones would turn everything on).
	 */
	if ((rd32(cfg + PCI_ID) & 0xffff) == 0xffff)
		return false;
	pci_quiesce(cfg);
	if (!back)
		wr32(cfg + PCI_COMMAND,
		     (rd32(cfg + PCI_COMMAND) & 0xffff) & ~(u32)(PCI_CMD_MEM | PCI_CMD_IO));
	return back;
}

/* --- enumeration ------------------------------------------------------------------------ */

struct walk {
	u64 ecam;
	u32 buses;
	u32 next_bus; /**< the next bus number free */
	struct pci_found *out;
	size_t max, n;
};

static u64 cfg_of(const struct walk *w, u32 bus, u32 dev, u32 fn)
{
	return pci_cfg_page(w->ecam, bus << 8 | dev << 3 | fn);
}

/** What is above a bus: the bridges it hangs from (see struct pci_found). */
struct upstream {
	u16 top;    /**< the bridge on bus 0 above it, PCI_NO_BRIDGE for bus 0 */
	u16 parent; /**< the bridge whose secondary bus it is, PCI_NO_BRIDGE for bus 0 */
	u32 swz;    /**< the INTx swizzle of its devices' pins, below bus 0 */
};

static void walk_bus(struct walk *w, u32 bus, struct upstream up, u32 depth);

/** Number the buses behind the bridge at @cfg (on @bus) and walk them, @up above them. */
static void walk_bridge(struct walk *w, u64 cfg, u32 bus, struct upstream up, u32 depth)
{
	u32 buses = rd32(cfg + PCI_BUSES), sec;

	pci_bridge_window(cfg, &(struct pci_windows){ 0 });
	if (w->next_bus >= w->buses || depth >= BRIDGE_DEPTH) {
		/* No bus left for it: it forwards nothing. */
		wr32(cfg + PCI_BUSES, (buses & 0xff000000u) | bus);
		return;
	}
	sec = w->next_bus++;
	/* Subordinate all the rest until its buses are known. */
	wr32(cfg + PCI_BUSES, (buses & 0xff000000u) | (w->buses - 1) << 16 | sec << 8 | bus);
	walk_bus(w, sec, up, depth + 1);
	wr32(cfg + PCI_BUSES, (buses & 0xff000000u) | (w->next_bus - 1) << 16 | sec << 8 | bus);
}

/**
 * The bridges on @bus forward nothing until numbered: firmware's bus
 * numbers on a later sibling could overlap the buses the one being walked
 * is given (Linux's pci_scan_bridge_extend() does the same).
 */
static void bus_forwarding_off(struct walk *w, u32 bus)
{
	for (u32 dev = 0; dev < 32; dev++) {
		for (u32 fn = 0; fn < 8; fn++) {
			u64 cfg = cfg_of(w, bus, dev, fn);
			u32 hdr;

			if ((rd32(cfg + PCI_ID) & 0xffff) == 0xffff) {
				if (fn == 0)
					break;
				continue;
			}
			hdr = (rd32(cfg + PCI_HEADER) >> 16) & 0xff;
			if ((hdr & 0x7f) == 1)
				wr32(cfg + PCI_BUSES, rd32(cfg + PCI_BUSES) & 0xff000000u);
			if (fn == 0 && !(hdr & 0x80))
				break;
		}
	}
}

static void walk_bus(struct walk *w, u32 bus, struct upstream up, u32 depth)
{
	bus_forwarding_off(w, bus);
	for (u32 dev = 0; dev < 32; dev++) {
		for (u32 fn = 0; fn < 8; fn++) {
			u64 cfg = cfg_of(w, bus, dev, fn);
			u32 hdr;
			u16 rid = (u16)(bus << 8 | dev << 3 | fn);
			bool bridge;

			if ((rd32(cfg + PCI_ID) & 0xffff) == 0xffff) {
				if (fn == 0)
					break;
				continue;
			}
			hdr = (rd32(cfg + PCI_HEADER) >> 16) & 0xff;
			bridge = (hdr & 0x7f) == 1;
			if (w->n < w->max)
				w->out[w->n] = (struct pci_found){
					.rid = rid,
					.top = bus == 0 ? (bridge ? rid : PCI_NO_BRIDGE) : up.top,
					.parent = up.parent,
					.is_bridge = bridge,
					.slot = (u8)(bus == 0 ? dev : (up.top >> 3) & 31),
					.swizzle = (u8)(bus == 0 ? 0 : (up.swz + dev) % 4),
				};
			w->n++;
			if (bridge) {
				/*
				 * Its own interrupts (hot-plug, PME, AER: INTx on the
				 * lines partitions share, or MSIs) off; its own BARs
				 * decode nothing of anyone's window.
				 */
				pci_quiesce(cfg);
				wr32(cfg + PCI_BAR0, 0);
				wr32(cfg + PCI_BAR0 + 4, 0);
				walk_bridge(w, cfg, bus,
					    (struct upstream){ bus == 0 ? rid : up.top, rid,
							       bus == 0 ? 0 : (up.swz + dev) % 4 },
					    depth);
			} else {
				/*
				 * Firmware may have left it running or decoding: it stops,
				 * listed or not; partita places what partitions own.
				 */
				pci_quiesce(cfg);
				wr32(cfg + PCI_COMMAND, (rd32(cfg + PCI_COMMAND) & 0xffff) &
							    ~(u32)(PCI_CMD_MEM | PCI_CMD_IO));
			}
			if (fn == 0 && !(hdr & 0x80))
				break; /* not a multi-function device */
		}
	}
}

size_t pci_enumerate(u64 ecam, u32 buses, struct pci_found *out, size_t max)
{
	struct walk w = { ecam, buses, 1, out, max, 0 };

	if (buses)
		walk_bus(&w, 0, (struct upstream){ PCI_NO_BRIDGE, PCI_NO_BRIDGE, 0 }, 0);
	return w.n;
}

/* --- BARs and bridge windows ------------------------------------------------------------ */

void pci_bars(u64 cfg, struct pci_bar bars[6])
{
	u32 cmd = rd32(cfg + PCI_COMMAND) & 0xffff;

	wr32(cfg + PCI_COMMAND, cmd & ~(PCI_CMD_MEM | PCI_CMD_IO));
	for (u32 i = 0; i < 6; i++) {
		u8 reg = (u8)(PCI_BAR0 + 4 * i);
		u32 old = rd32(cfg + reg), lo, hi = 0xffffffffu;
		struct pci_bar *b = &bars[i];

		*b = (struct pci_bar){ .reg = reg };
		wr32(cfg + reg, 0xffffffffu);
		lo = rd32(cfg + reg);
		wr32(cfg + reg, old);
		b->io = old & 1;
		b->flags = old & (b->io ? 0x3u : 0xfu);
		b->mem64 = !b->io && ((old >> 1) & 3) == 2 && i < 5;
		if (b->mem64) {
			u32 old_hi = rd32(cfg + reg + 4);

			wr32(cfg + reg + 4, 0xffffffffu);
			hi = rd32(cfg + reg + 4);
			wr32(cfg + reg + 4, old_hi);
		}
		{
			/*
			 * The size is the lowest address bit that stuck (as Linux's
			 * pci_size() takes it): a mask with holes gives no odd size,
			 * none at all means no BAR. I/O decodes 16 bits at most here.
			 */
			u64 mask = b->io ? (lo & 0xfffcu)
					 : ((u64)(b->mem64 ? hi : 0) << 32 | (lo & ~0xfu));

			b->size = mask & (~mask + 1);
		}
		if (b->mem64) {
			bars[++i] = (struct pci_bar){ .reg = (u8)(reg + 4) };
		}
	}
}

void pci_bar_set(u64 cfg, const struct pci_bar *b, u64 addr)
{
	wr32(cfg + b->reg, (u32)addr | b->flags);
	if (b->mem64)
		wr32(cfg + b->reg + 4, (u32)(addr >> 32));
}

/** Open the prefetchable window of the bridge at @cfg onto [@base, @base + @size), or close it. */
static bool pref_window(u64 cfg, u64 base, u64 size)
{
	u64 last = base + size - 1;
	u32 cap;

	/* Closed first: base above limit, in both halves. */
	wr32(cfg + PCI_PREF_WINDOW, 0x0000fff0u);
	wr32(cfg + PCI_PREF_BASE_HI, 0xffffffffu);
	wr32(cfg + PCI_PREF_LIMIT_HI, 0);
	if (!size)
		return true;
	/* Bits 3:0 of base and limit: 0 none or 32-bit, 1 64-bit; a bridge without one reads 0. */
	cap = rd32(cfg + PCI_PREF_WINDOW);
	if (!(cap & 0xfff0u) || ((cap & 0xf) != 1 && (last >> 32)))
		return false;
	wr32(cfg + PCI_PREF_BASE_HI, (u32)(base >> 32));
	wr32(cfg + PCI_PREF_LIMIT_HI, (u32)(last >> 32));
	wr32(cfg + PCI_PREF_WINDOW,
	     (u32)(((last >> 20) & 0xfff) << 20 | ((base >> 20) & 0xfff) << 4));
	return true;
}

void pci_bridge_windows_read(u64 cfg, struct pci_windows *w)
{
	u32 mem = rd32(cfg + PCI_MEM_WINDOW), pref = rd32(cfg + PCI_PREF_WINDOW);
	u32 io = rd32(cfg + PCI_IO_WINDOW) & 0xffff;
	u64 base, last;

	*w = (struct pci_windows){ 0 };
	base = (u64)(mem & 0xfff0) << 16;
	last = (u64)(mem & 0xfff00000u) | 0xfffff;
	if (base <= last) {
		w->mem = base;
		w->mem_size = last - base + 1;
	}
	base = (u64)(pref & 0xfff0) << 16;
	last = (u64)(pref & 0xfff00000u) | 0xfffff;
	if ((pref & 0xf) == 1) {
		base |= (u64)rd32(cfg + PCI_PREF_BASE_HI) << 32;
		last |= (u64)rd32(cfg + PCI_PREF_LIMIT_HI) << 32;
	}
	if (pref && base <= last) {
		w->pref = base;
		w->pref_size = last - base + 1;
	}
	base = (u64)(io & 0xf0) << 8;
	last = (u64)(io & 0xf000) | 0xfff;
	if (base <= last) {
		w->io = base;
		w->io_size = last - base + 1;
	}
}

bool pci_bridge_window(u64 cfg, const struct pci_windows *w)
{
	u32 cmd =
	    rd32(cfg + PCI_COMMAND) & 0xffff & ~(u32)(PCI_CMD_MEM | PCI_CMD_IO | PCI_CMD_MASTER);
	bool ok;

	/* Nothing decodes while the windows change. */
	wr32(cfg + PCI_COMMAND, cmd);
	if (w->mem_size) {
		u64 last = w->mem + w->mem_size - 1;

		wr32(cfg + PCI_MEM_WINDOW,
		     (u32)(((last >> 20) & 0xfff) << 20 | ((w->mem >> 20) & 0xfff) << 4));
	} else {
		wr32(cfg + PCI_MEM_WINDOW, 0x0000fff0u); /* base above limit: closed */
	}
	ok = pref_window(cfg, w->pref, w->pref_size);
	if (w->mem_size || (ok && w->pref_size))
		cmd |= PCI_CMD_MEM;
	/* Secondary Status (bits 31:16) written as 0: its write-1-to-clear bits stay. */
	if (w->io_size) {
		u64 last = w->io + w->io_size - 1;

		wr32(cfg + PCI_IO_WINDOW,
		     (u32)(((last >> 12) & 0xf) << 12 | ((w->io >> 12) & 0xf) << 4));
		cmd |= PCI_CMD_IO;
	} else {
		wr32(cfg + PCI_IO_WINDOW, 0x000000f0u);
	}
	if (cmd & (PCI_CMD_MEM | PCI_CMD_IO))
		cmd |= PCI_CMD_MASTER;
	/* 16-bit I/O only (upper halves 0); Bridge Control: no VGA or ISA forwarding. */
	wr32(cfg + PCI_IO_UPPER, 0);
	wr32(cfg + PCI_IRQ, rd32(cfg + PCI_IRQ) & ~((u32)(BRCTL_ISA | BRCTL_VGA) << 16));
	wr32(cfg + PCI_COMMAND, cmd);
	return ok;
}
