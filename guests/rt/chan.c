// SPDX-License-Identifier: MIT
/** @file A channel between partitions, from the guest's side (chan.h). */
#include "chan.h"
#include "its.h"

bool rt_chan_find(struct rt_chan *c)
{
	for (u32 d = 0; d < 32; d++) {
		u64 cfg = RT_ECAM_DEV(d);

		if (mmio_read32(cfg) != CHAN_VENDOR_DEVICE)
			continue;
		c->cfg = cfg;
		c->devid = d << 3;
		c->regs = mmio_read32(cfg + 0x10) & ~0xfull;
		c->msix = mmio_read32(cfg + 0x14) & ~0xfull;
		c->mem = (mmio_read32(cfg + 0x18) & ~0xfull) | (u64)mmio_read32(cfg + 0x1c) << 32;
		c->size = mmio_read32(cfg + 0x48) | (u64)mmio_read32(cfg + 0x4c) << 32;
		c->peer = mmio_read32(c->regs + CHAN_REG_ID);
		c->peers = mmio_read32(c->regs + CHAN_REG_MAX_PEERS);
		mmio_write32(cfg + 0x04, 0x6); /* Memory, Bus Master */
		return true;
	}
	return false;
}

bool rt_chan_msix(const struct rt_chan *c, u32 n, u32 lpi)
{
	if (!rt_its_map(c->devid, 0, lpi))
		return false;
	for (u32 v = 1; v < n; v++)
		rt_its_cmd(CMD_MAPTI | (u64)c->devid << 32, v | (u64)(lpi + v) << 32, 0);
	if (!rt_its_go())
		return false;
	for (u32 v = 0; v < n; v++) {
		mmio_write32(c->msix + v * 16, (u32)(GITS + GITS_TRANSLATER));
		mmio_write32(c->msix + v * 16 + 4, 0);
		mmio_write32(c->msix + v * 16 + 8, v); /* EventID v */
		mmio_write32(c->msix + v * 16 + 12, 0);
	}
	/* MSI-X Enable: the capability after the vendor one, at its next pointer. */
	{
		u64 cap = c->cfg + ((mmio_read32(c->cfg + 0x40) >> 8) & 0xfc);

		mmio_write32(cap, mmio_read32(cap) | 1u << 31);
	}
	mmio_write32(c->regs + CHAN_REG_INT_CTRL, 1);
	return true;
}
