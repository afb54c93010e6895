/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A partition's end of a channel between partitions (docs/architecture.md,
 * section 6d): a virtual PCI function on its virtual host bridge, after the
 * ivshmem 2.0 device (Jailhouse's Documentation/ivshmem-v2-specification.md):
 *
 * - BAR0, 4 KiB of registers partita traps: ID (its peer number), Maximum
 *   Peers, Interrupt Control (bit 0: doorbells arrive), Doorbell (a write
 *   of peer << 16 | vector rings that peer), State (a change rings vector 0
 *   of every other peer); and, partita's own, Interrupt Status at 0x14 (the
 *   vectors rung while MSI-X is off, write 1 to clear) and the peers'
 *   states at 0x100 (4 bytes each), where ivshmem keeps a State Table in
 *   the shared memory.
 * - BAR1, the MSI-X table (one entry per vector) and at 0x800 its PBA.
 * - BAR2 (64-bit, prefetchable): the shared memory, mapped at stage 2,
 *   read-only for a read-only member.
 *
 * A doorbell is an edge event. With MSI-X on, it is the MSI its vector's
 * table entry names (its address must be the partition's vITS doorbell):
 * partita issues an INT on the physical ITS for the receiver's DeviceID
 * (cfg_channel_device_id()) and the entry's data as EventID (the vITS's
 * vits_ring(), given to the virtual host bridge as its msi hook), and the event
 * reaches the receiver as any device's MSI does (through list registers,
 * or by GICv4 direct injection with no exit). An event the receiver has
 * not mapped is dropped, as the architecture drops an unmapped MSI. With
 * MSI-X off, INTx with PCI 2.3 semantics: the vector's bit in Interrupt
 * Status holds the function's line up (Status.Interrupt) until the guest
 * clears it, unless Command.InterruptDisable. Doorbells coalesce while
 * pending: in the receiver's LPI pending bit, its Interrupt Status bits, or
 * its PBA while the vector is masked.
 *
 * Where partita differs from ivshmem 2.0: INTx is offered beside MSI-X
 * (Linux's uio_pci_generic needs it), and Status.Interrupt is set; there is
 * no State Table or output sections in the shared memory (a member's whole
 * view is read-write or read-only); the peers' states are registers; the
 * vendor capability's R/W Section Size is the whole memory; BAR2 is not
 * relocatable (it reads back where partita put it, as every BAR of the
 * virtual host bridge does).
 */
#ifndef VDEV_VCHAN_H
#define VDEV_VCHAN_H

#include <core/config.h>
#include <core/mmio.h>

/* BAR0: the register page. */
#define VCHAN_REG_ID 0x00
#define VCHAN_REG_MAX_PEERS 0x04
#define VCHAN_REG_INT_CTRL 0x08
#define VCHAN_REG_DOORBELL 0x0c
#define VCHAN_REG_STATE 0x10
#define VCHAN_REG_INT_STATUS 0x14
#define VCHAN_REG_PEER_STATE 0x100
/* BAR1: the MSI-X table, 16 bytes a vector, and its pending bits. */
#define VCHAN_MSIX_PBA 0x800
#define VCHAN_PAGE SZ_4K

/* ivshmem 2.0's identity (Siemens' vendor ID), and its class. */
#define VCHAN_VENDOR 0x110a
#define VCHAN_DEVICE 0x4106
/* Configuration space: the vendor capability, then MSI-X. */
#define VCHAN_CAP_VENDOR 0x40
#define VCHAN_CAP_MSIX 0x60

struct vpci;

/** What its guest and its peers did to it; shown when the partition stops. */
struct vchan_stats {
	u64 rung;	  /**< doorbells it rang (State changes included) */
	u64 delivered;	  /**< doorbells that reached it: an MSI issued, or its INTx status set */
	u64 off;	  /**< doorbells to it dropped: its Interrupt Control was 0 */
	u64 bad_doorbell; /**< doorbells it rang to no peer, or to a vector the channel lacks */
	u64 msi_refused;  /**< its MSI-X entries rung with an address not its vITS's doorbell */
	u64 unmapped;	  /**< its MSIs its vITS had no mapping for: dropped */
	u64 bad_accesses; /**< accesses to its registers not 32-bit aligned, or outside them */
	u64 ro_writes;	  /**< configuration writes to registers it may not change */
};

/** A partition's end of a channel. Guest state under its vpci's lock. */
struct vchan_end {
	const struct channel_end_config *cfg;
	const struct channel_config *ch;
	struct vpci *pci; /**< its partition's virtual host bridge: lock, INTx line, MSIs */
	bool has_msix;	  /**< its partition has a vITS: MSI-X (else INTx only) */
	u32 dev;	  /**< its device index in that vITS (cfg_device()) */
	u32 members;	  /**< the channel's member count (Maximum Peers) */
	u16 intx_guest;	  /**< the partition's INTID for its INTA */
	bool multi;	  /**< function 0 of a guest device with more functions */
	/* The guest's view. */
	u16 command; /**< Memory, Bus Master, InterruptDisable */
	u8 sizing;   /**< BARs the guest wrote all ones to */
	u8 irq_line;
	u8 priv_ctrl;	/**< vendor capability: one-shot interrupt mode */
	u16 msix_ctrl;	/**< MSI-X Enable (15), Function Mask (14) */
	u32 int_ctrl;	/**< Interrupt Control: bit 0 */
	u32 state;	/**< State */
	u32 int_status; /**< vectors rung while MSI-X is off (INTx) */
	u32 pba;	/**< vectors rung while masked (MSI-X) */
	u32 msix[CHANNEL_VECTORS][4];
	bool intx_up; /**< the level it gives its INTx line */
	struct vchan_stats stats;
};

/**
 * Set up end @i of @cfg (its partition's configuration) on @pci, whose
 * MSIs go through the partition's vITS if it has one, and make it its
 * channel's peer for the others.
 */
void vchan_init(struct vchan_end *e, const struct partition_config *cfg, u32 i, struct vpci *pci);
/** Its partition went down: no doorbell reaches it, its INTx line is low. */
void vchan_off(struct vchan_end *e);
/**
 * Its partition restarts: the guest's view as at boot; a State that was
 * not 0 becomes 0 and the others are told (vector 0); the memory is
 * cleared if the channel says so.
 */
void vchan_reset(struct vchan_end *e);

/*
 * Called by the virtual host bridge, its lock held. A write may have work
 * to do once the lock is released (MSIs unmasked): it is left in @todo,
 * for vchan_finish().
 */
struct vchan_todo {
	u8 n;
	struct {
		struct vchan_end *to;
		u32 event;
	} msi[CHANNEL_VECTORS];
};
u32 vchan_cfg_read(const struct vchan_end *e, u32 off);
void vchan_cfg_write(struct vchan_end *e, u32 off, u32 val, u32 mask, struct vchan_todo *todo);
/** Do what a locked step left in @todo (no lock held). */
void vchan_finish(struct vchan_todo *todo);
/**
 * The pci_vmmio window's handler (@dev: the partition's struct vpci):
 * each end's register page and MSI-X page; anything else in it aborts.
 */
enum mmio_result vchan_window_access(void *dev, u32 vcpu, struct mmio_access *acc);
/** Raise @e's INTx line again if it still holds it (the guest completed the line's SPI). */
void vchan_resample(struct vchan_end *e);

#endif
