/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The guest runtime's view of a channel between partitions, as partita
 * shows it (vdev/include/vdev/vchan.h): a PCI function with ivshmem 2.0's
 * identity on the partition's bus 0, its registers in BAR0, its MSI-X
 * table in BAR1, the shared memory in BAR2.
 */
#ifndef RT_CHAN_H
#define RT_CHAN_H

#include "rt.h"

#define CHAN_VENDOR_DEVICE 0x4106110au
#define CHAN_REG_ID 0x00
#define CHAN_REG_MAX_PEERS 0x04
#define CHAN_REG_INT_CTRL 0x08
#define CHAN_REG_DOORBELL 0x0c
#define CHAN_REG_STATE 0x10
#define CHAN_REG_INT_STATUS 0x14
#define CHAN_REG_PEER_STATE 0x100

struct rt_chan {
	u64 cfg;   /**< its configuration space */
	u64 regs;  /**< BAR0 */
	u64 msix;  /**< BAR1 */
	u64 mem;   /**< BAR2 */
	u64 size;  /**< the memory's size (the vendor capability's R/W Section Size) */
	u32 peer;  /**< its ID */
	u32 peers; /**< Maximum Peers */
	u32 devid; /**< its ITS DeviceID: its requester ID (the DTS's msi-map is the identity) */
};

/** The first channel function on bus 0, its Memory and Bus Master on; false if none. */
bool rt_chan_find(struct rt_chan *c);
/**
 * Its vectors 0..@n-1 as MSI-X to LPIs @lpi.. through the ITS (rt_its_init()
 * first), and doorbells on (Interrupt Control). False if the ITS set-up failed.
 */
bool rt_chan_msix(const struct rt_chan *c, u32 n, u32 lpi);
/** Ring vector @vector of peer @peer, the stores before it visible first. */
static inline void rt_chan_ring(const struct rt_chan *c, u32 peer, u32 vector)
{
	__asm__ volatile("dsb st" ::: "memory");
	mmio_write32(c->regs + CHAN_REG_DOORBELL, peer << 16 | vector);
}

#endif
