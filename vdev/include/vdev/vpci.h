/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A partition's virtual PCI host bridge (docs/architecture.md, section 6c):
 * a trapped ECAM window of one bus (1 MiB) in which the partition finds only
 * its own functions, at the guest BDFs its configuration gives. Each access
 * goes through a filter to the function's real configuration space:
 * identification, Command (I/O, memory, bus master, INTx disable), status
 * errors and the capability list read through; BARs are shadowed, at the
 * addresses partita placed them (guest BAR = physical BAR: a guest may size
 * them and write back that address, and nothing else); the expansion ROM,
 * the extended space (SR-IOV, ARI, ATS, ACS...) and bridges are hidden; of
 * the capabilities only MSI (its address must be the partition's vITS
 * doorbell) and MSI-X (enable and mask) take writes. A write the filter
 * drops is counted.
 *
 * INTx: a function's pin reaches the guest on the line its guest device
 * number swizzles to (VPCI_INTX_INTID, vdev/frames.h). The physical lines are partita's,
 * shared by whatever functions swizzle onto them: when one is raised, each
 * function that asserts (Status.Interrupt) is masked at the function
 * (Command.InterruptDisable, PCI 2.3) and its partition's line raised;
 * when the guest completes that interrupt the function is unmasked again
 * and, if it still asserts, raises the physical line anew (as VFIO does).
 * The guest's own InterruptDisable is shadowed: it reads what it wrote.
 *
 * Besides its own functions, the bridge shows the partition's channel ends
 * (vdev/include/vdev/vchan.h), partita's virtual functions, whose BARs lie
 * in its pci_vmmio window.
 */
#ifndef VDEV_VPCI_H
#define VDEV_VPCI_H

#include <core/config.h>
#include <core/mmio.h>
#include <core/spinlock.h>
#include <drivers/pci.h>
#include <vdev/frames.h>
#include <vdev/vchan.h>
#include <config_gen.h>

/** One function as the partition sees it. */
struct vpci_fn {
	u16 guest;	       /**< its BDF on the partition's bus 0 */
	u64 cfg;	       /**< its real configuration page (partita's mapping), 0 if absent */
	struct pci_bar bar[6]; /**< sizes, as partita found them */
	u64 addr[6];	       /**< where partita placed each BAR (guest BAR = physical BAR) */
	u8 sizing;	       /**< BARs the guest wrote all ones to, whose size it now reads */
	u8 irq_line;	       /**< Interrupt Line: the guest's scratch byte */
	u8 msi, msix;	       /**< capability offsets, 0 if none */
	u8 msi_len;	       /**< the MSI capability's length, as its layout says */
	u16 cmd_pass;	       /**< Command bits the guest sets: decoding only of placed BARs */
	bool multi;	       /**< function 0 of a guest device with more functions */
	u16 intx_host;	       /**< the physical INTID its pin drives, 0 if none */
	u16 intx_guest;	       /**< the partition's INTID for it (VPCI_INTX_INTID + line) */
	bool intx_off;	       /**< the guest's Command.InterruptDisable */
	bool intx_masked;      /**< partita masked it: delivered, the guest not done with it */
};

/** What a guest tried that the filter refused; shown when the partition stops. */
struct vpci_stats {
	u64 absent_writes; /**< writes to BDFs with no function of its own */
	u64 ro_writes;	   /**< writes to registers or bits a guest may not change */
	u64 bar_refused;   /**< BAR writes of an address that is not the function's */
	u64 msi_refused;   /**< MSI addresses that are not its doorbell, and enables without one */
	u64 bad_accesses;  /**< wider than 4 bytes or misaligned: aborts */
	u64 intx;	   /**< INTx assertions delivered (not a refusal) */
};

struct vpci {
	/** One config access or INTx step at a time (shadow state, read-modify-write). */
	struct spinlock lock;
	/** Raise or lower the partition's INTx line @intid (the vGIC's, taken under this lock). */
	void (*line)(void *ctx, u32 intid, bool level);
	void *line_ctx;
	/**
	 * Its channel ends' MSIs: EventID @event of device @dev of the
	 * partition's vITS (vits_ring()); false when that event is unmapped.
	 * NULL: the partition has no vITS.
	 */
	bool (*msi)(void *ctx, u32 dev, u32 event);
	void *msi_ctx;
	u64 doorbell; /**< the MSI address its functions may use, 0 if it has no ITS */
	u32 count;
	struct vpci_fn fn[CONFIG_PCI_FUNCTIONS];
	struct vpci_stats stats;
	u64 vmmio_base; /**< its pci_vmmio window, registered for vchan_window_access() */
	u32 nends;
	struct vchan_end ends[CONFIG_CHANNEL_ENDS];
};

/** What a virtual host bridge is given of its partition (vpci_init()). */
struct vpci_setup {
	const struct partition_config *cfg;
	struct mmio_registry *mmio; /**< its ECAM and pci_vmmio windows go here */
	void (*line)(void *ctx, u32 intid, bool level);
	void *line_ctx;
	bool (*msi)(void *ctx, u32 dev, u32 event); /**< used where cfg has a vITS */
	void *msi_ctx;
};

/**
 * Set up @v for the partition's PCI functions and channel ends and register
 * its ECAM window at cfg->pci_ecam_ipa, if it has either, and its pci_vmmio
 * window. The functions are absent (cfg 0) until vpci_attach().
 */
void vpci_init(struct vpci *v, const struct vpci_setup *s);
/**
 * Function @i (of cfg->pci_functions) is at configuration page @cfg with
 * BARs @bars placed at @addr, its interrupt pin @pin (1..4, 0: none) on
 * physical line @intx_host (0: none): find its MSI and MSI-X capabilities.
 */
void vpci_attach(struct vpci *v, u32 i, u64 cfg, const struct pci_bar bars[6], const u64 addr[6],
		 u32 pin, u32 intx_host);
/**
 * The partition went down: its functions' INTx masked at the function and
 * forgotten, so that nothing of this run is delivered into the next; its
 * channel ends take no doorbells (vchan_off()).
 */
void vpci_off(struct vpci *v);
/**
 * A restart: the guest's shadow state (BAR sizing, Interrupt Line, INTx) as
 * at boot, and its channel ends' (vchan_reset()).
 */
void vpci_reset(struct vpci *v);
/**
 * Physical INTx line @intid is raised: each of the partition's functions
 * on it that asserts is masked and its guest line raised. The number of
 * functions that did.
 */
u32 vpci_intx_claim(struct vpci *v, u32 intid);
/**
 * A function on physical line @intid asserts although it is masked or
 * disabled (it ignores InterruptDisable).
 */
bool vpci_intx_asserts_masked(struct vpci *v, u32 intid);
/**
 * The guest completed its INTx line @intid: the functions masked on it are
 * unmasked, and channel ends that still hold it raise it again.
 */
void vpci_intx_resample(struct vpci *v, u32 intid);
/** Lower guest line @intid unless a function or a channel end still holds it (lock held). */
void vpci_intx_lower(struct vpci *v, u32 intid);
/** The ECAM window's handler (exposed for the host tests). */
enum mmio_result vpci_access(void *dev, u32 vcpu, struct mmio_access *acc);

#endif
