/* SPDX-License-Identifier: MIT */
/** @file QEMU's edu device's MSI set-up (see its.h). */
#include "its.h"

#define PCI_ID_EDU 0x11e81234 /* device 0x11e8, vendor 0x1234 */
#define PCI_COMMAND 0x04
#define PCI_BAR0 0x10
#define PCI_CAP_PTR 0x34
#define PCI_CAP_MSI 0x05
#define MSI_64BIT BIT(23) /* in the capability's first word: Message Control bit 7 */
#define MSI_ENABLE BIT(16)

bool rt_edu_setup(u64 cfg, u64 bar, u32 event)
{
	u32 cap, ctl;

	if (mmio_read32(cfg) != PCI_ID_EDU)
		return false;
	mmio_write32(cfg + PCI_BAR0, (u32)bar);
	mmio_write32(cfg + PCI_COMMAND, mmio_read32(cfg + PCI_COMMAND) | 0x6); /* memory, master */
	for (cap = mmio_read32(cfg + PCI_CAP_PTR) & 0xfc; cap;
	     cap = (mmio_read32(cfg + cap) >> 8) & 0xfc)
		if ((mmio_read32(cfg + cap) & 0xff) == PCI_CAP_MSI)
			break;
	if (!cap)
		return false;
	ctl = mmio_read32(cfg + cap);
	mmio_write32(cfg + cap + 4, (u32)(GITS + GITS_TRANSLATER));
	if (ctl & MSI_64BIT) {
		mmio_write32(cfg + cap + 8, 0);
		mmio_write32(cfg + cap + 12, event);
	} else {
		mmio_write32(cfg + cap + 8, event);
	}
	mmio_write32(cfg + cap, ctl | MSI_ENABLE);
	return true;
}
