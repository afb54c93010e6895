/* SPDX-License-Identifier: MIT */
/**
 * @file
 * PCI functions as partita itself handles them, through their configuration
 * space in the host bridge's ECAM window (one 4 KiB page per function, at
 * ECAM base + (bus << 20 | device << 15 | function << 12)).
 */
#ifndef DRIVERS_PCI_H
#define DRIVERS_PCI_H

#include <core/types.h>

/** The configuration page of requester ID @rid (bus, device, function) in the ECAM at @ecam. */
static inline u64 pci_cfg_page(u64 ecam, u32 rid)
{
	return ecam + ((u64)(rid & 0xffff) << 12);
}

/**
 * Stop the function whose configuration page is at @cfg from reaching
 * memory or raising interrupts: bus mastering off (no DMA and no MSI),
 * INTx disabled, MSI disabled, MSI-X disabled and function-masked, ATS and
 * Page Requests off. Memory
 * and I/O decoding stay as they are. False if no function answers there.
 * Touches only that page, with 32-bit accesses; never writes a 1 to a
 * write-1-to-clear status bit.
 */
bool pci_quiesce(u64 cfg);

/* Configuration-space registers partita and the virtual host bridge use. */
#define PCI_ID 0x00
#define PCI_COMMAND 0x04 /* Command (bits 15:0), Status (bits 31:16, mostly RW1C) */
#define PCI_CLASS 0x08
#define PCI_HEADER 0x0c /* header type in bits 23:16 */
#define PCI_BAR0 0x10
#define PCI_BUSES 0x18	     /* type 1: primary, secondary, subordinate bus */
#define PCI_MEM_WINDOW 0x20  /* type 1: memory base and limit, 1 MiB granules */
#define PCI_PREF_WINDOW 0x24 /* type 1: prefetchable base and limit */
#define PCI_PREF_BASE_HI 0x28
#define PCI_PREF_LIMIT_HI 0x2c
#define PCI_IO_WINDOW 0x1c /* type 1: I/O base and limit (bits 15:0), secondary status */
#define PCI_CAP_PTR 0x34
#define PCI_ROM 0x30
#define PCI_IRQ 0x3c
#define PCI_BAR_PREFETCH BIT(3) /* a memory BAR's Prefetchable bit */
#define PCI_CMD_IO BIT(0)
#define PCI_CMD_MEM BIT(1)
#define PCI_CMD_MASTER BIT(2)
#define PCI_CMD_INTX_DISABLE BIT(10)
#define PCI_STATUS_INTX BIT(3) /* Status.Interrupt: the function asserts INTx (PCI 2.3) */
#define PCI_STATUS_CAP_LIST BIT(4)
#define PCI_CAP_ID_PM 0x01
#define PCI_CAP_ID_MSI 0x05
#define PCI_CAP_ID_EXP 0x10
#define PCI_CAP_ID_MSIX 0x11
#define PCI_NO_BRIDGE 0xffff

/** A function found on the host bridge. */
struct pci_found {
	u16 rid;	/**< bus, device, function, after partita numbered the buses */
	u16 top;	/**< the bridge on bus 0 it is behind (or is), PCI_NO_BRIDGE if none */
	u16 parent;	/**< the bridge whose secondary bus it is on, PCI_NO_BRIDGE on bus 0 */
	bool is_bridge; /**< a type-1 header: partita's, never a partition's */
	/**
	 * INTx: its pin P reaches bus 0 as pin (P - 1 + swizzle) % 4 + 1 of
	 * device @slot there. Every bridge (PCI-to-PCI, PCIe root and switch
	 * ports) turns pin P of its secondary bus's device D into its own pin
	 * (P - 1 + D) % 4 + 1 (PCI-to-PCI Bridge Architecture, 9.1); @swizzle
	 * sums those D below bus 0, modulo 4.
	 */
	u8 slot;
	u8 swizzle;
};

/**
 * Walk the host bridge whose ECAM at @ecam covers buses 0..@buses-1: give
 * the bridges bus numbers depth first in device order (a bridge's
 * secondary bus is the next number free, its subordinate the last one
 * below it), close their windows, and list the functions in @out, at most
 * @max of them; the number found (more than @max: the rest not listed). Deterministic, so that a
 * configuration can name a function behind a bridge by its bus number.
 */
size_t pci_enumerate(u64 ecam, u32 buses, struct pci_found *out, size_t max);

/** A BAR of a type-0 function, as sized. */
struct pci_bar {
	u64 size;   /**< 0: not implemented */
	u8 reg;	    /**< its offset in the configuration space */
	bool io;    /**< I/O space */
	bool mem64; /**< a 64-bit memory BAR (it takes the next register too) */
	u32 flags;  /**< the low bits of the register that are not address */
};

/**
 * Size the BARs of the type-0 function at @cfg with its decoding turned off
 * (and left off): @bars[i] for BAR register i (a 64-bit BAR's upper half
 * has size 0). Nothing else of the function changes.
 */
void pci_bars(u64 cfg, struct pci_bar bars[6]);
/** Place @b of the function at @cfg at @addr. */
void pci_bar_set(u64 cfg, const struct pci_bar *b, u64 addr);
/** What a bridge forwards downstream: each window [base, base + size), size 0 for none. */
struct pci_windows {
	u64 mem, mem_size;   /**< 32-bit memory, 1 MiB granules */
	u64 pref, pref_size; /**< prefetchable memory, 64-bit, 1 MiB granules */
	u64 io, io_size;     /**< I/O, 4 KiB granules, 16-bit */
};

/**
 * Make the bridge at @cfg forward @w downstream and turn its decoding and
 * bus mastering on (its functions' DMA and MSIs go up through it) or, with
 * every size 0, off. False if it cannot forward the prefetchable window
 * asked for (it has none, or only a 32-bit one and the window is above
 * 4 GiB): then that window stays closed.
 */
bool pci_bridge_window(u64 cfg, const struct pci_windows *w);
/** What the bridge at @cfg forwards, read back from its registers (sizes 0: closed). */
void pci_bridge_windows_read(u64 cfg, struct pci_windows *w);

/**
 * Start a Function Level Reset of the function at @cfg if it has one (its
 * PCI Express capability says FLR): wait, bounded, for its outstanding
 * requests to drain, then initiate it. True if started: the caller leaves
 * the function alone for 100 ms (PCIe base specification) and then puts
 * back what the reset cleared (its BARs: pci_bar_set()).
 */
bool pci_flr_start(u64 cfg);
/**
 * After the 100 ms: wait, bounded, until the function at @cfg answers
 * configuration reads again, put its BARs @bars back at @addr and read
 * them back. False if they did not stick: then it decodes nothing and is
 * quiesced, so that it is nowhere the partition does not see it.
 */
bool pci_flr_finish(u64 cfg, const struct pci_bar bars[6], const u64 addr[6]);

#endif
