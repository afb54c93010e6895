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
 * INTx disabled, MSI disabled, MSI-X disabled and function-masked. Memory
 * and I/O decoding stay as they are. False if no function answers there.
 * Touches only that page, with 32-bit accesses; never writes a 1 to a
 * write-1-to-clear status bit.
 */
bool pci_quiesce(u64 cfg);

#endif
