// SPDX-License-Identifier: MIT
/**
 * @file
 * PCI functions as partita itself handles them (drivers/include/drivers/pci.h).
 */
#include <drivers/io.h>
#include <drivers/pci.h>

#define PCI_VENDOR 0x00
#define PCI_COMMAND 0x04 /* Command (bits 15:0), Status (bits 31:16, mostly RW1C) */
#define PCI_CAP_PTR 0x34
#define CMD_BUS_MASTER BIT(2)
#define CMD_INTX_DISABLE BIT(10)
#define STATUS_CAP_LIST BIT(4)
#define CAP_MSI 0x05
#define CAP_MSIX 0x11
#define MSI_CTL_ENABLE BIT(0) /* in Message Control, bits 31:16 of the capability's first word */
#define MSIX_CTL_MASK_ALL BIT(14)
#define MSIX_CTL_ENABLE BIT(15)
/* Capabilities live in 0x40..0xff, 4-byte aligned: at most 48, even in a loop. */
#define CAP_MAX 48

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
	return true;
}
