/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The virtual ITS a partition configured with one sees (docs/architecture.md,
 * section 6): a GITS frame whose control page is emulated, a command queue in
 * the guest's RAM that the vCPU writing CWRITER or polling CREADR processes in
 * order under the partition's vITS lock, a bounded amount per trap, and the
 * translation state (devices, ITTs, collections) in partita's memory, sized
 * by the configuration.
 *
 * The queue protocol is the one tests/model/vits_queue.pml proves; see
 * process_locked() in vdev/its/vits.c.
 */
#ifndef VDEV_VITS_H
#define VDEV_VITS_H

#include <core/config.h>
#include <core/console.h>
#include <core/mmio.h>
#include <core/spinlock.h>
#include <vdev/vgic.h>
#include <config_gen.h>

#define VITS_LPI_BASE 8192
/** INTID bits of a partition with an ITS (GICD_TYPER.IDbits + 1): vINTIDs < 65536. */
#define VITS_INTID_BITS VGIC_LPI_INTID_BITS
/**
 * Collections the vITS holds. GITS_TYPER says CIL = 0 (16-bit collection
 * IDs) and HCC = the vCPU count; the guest's collection table, if it gives
 * one, lets it name more, up to this many: a MAPC or MAPTI naming a
 * collection beyond it is refused as E_ITS_*_COLLECTION_OOR.
 */
#define VITS_COLLECTIONS 64
#define VITS_CMD_SIZE 32

/**
 * Work one trap may do: at most ITS_CMD_BATCH commands, where a command that
 * touches many events (MAPD V=0, INVALL, a MAPC that moves a collection), and
 * an EnableLPIs change (vits_lpis_step()), count one for each
 * VITS_SWEEP_EVENTS events looked at and one for each physical ITS command
 * issued, and go on at the next trap.
 */
#define ITS_CMD_BATCH 16
#define VITS_SWEEP_EVENTS 32

/* Events are numbered device * CONFIG_ITS_EVENTS + event in a u16 (struct virq.lpi). */
#if CONFIG_ITS_DEVICES * CONFIG_ITS_EVENTS > 65535 || CONFIG_ITS_EVENTS < 1
#error "CONFIG_ITS_DEVICES * CONFIG_ITS_EVENTS out of range"
#endif
#define VITS_TARGET_NONE 0xffff

/**
 * One entry of a device's ITT: an EventID's mapping and its vLPI. The vLPI
 * is VIRQ_OWNED while mapped; its intid is the vINTID, its target the vCPU
 * of its collection (VITS_TARGET_NONE while that is unmapped), its enable
 * and priority the guest's property byte as of the last INV, INVALL or
 * MAPTI. Mapping fields change under the vITS lock and the vGIC lock, so
 * the vGIC may read them under its own.
 *
 * With direct injection (struct vits.direct) the vLPI's pending state is the
 * hardware's: the event is mapped with VMAPTI to the vPE of its target's
 * pCPU while its collection is mapped, and unmapped (DISCARD) while it is
 * not, so that its MSIs are dropped as the architecture says.
 */
struct vits_event {
	struct virq irq;
	u8 icid;
	bool mapped; /**< in the physical ITS: to its pool LPI (GICv3 path) or to vPE @pcpu (GICv4)
		      */
	u8 pcpu;     /**< GICv4: the pCPU whose vPE it is mapped to */
	/*
	 * MSIs partita delivered to it through list registers (GICv3 path)
	 * this run: by the IRQ vector's fast path (vectors.S), by
	 * vits_deliver(). Direct injection (GICv4) passes partita by.
	 */
	u32 fast_lpis;
	u32 slow_lpis;
};

/** A device the partition may name (one per entry of its configuration's its_devices). */
struct vits_device {
	bool valid;    /**< mapped by the guest's MAPD */
	u8 event_bits; /**< EventIDs the guest's ITT holds: 1 << event_bits */
	u64 itt;       /**< ITT address the guest gave (kept for save/restore) */
};

/** A collection: the vCPU (redistributor, PTA = 0) its LPIs go to. */
struct vits_collection {
	bool valid;
	u16 vcpu;
};

/* Command opcodes (IHI 0069, 6.3). */
#define ITS_MOVI 0x01
#define ITS_INT 0x03
#define ITS_CLEAR 0x04
#define ITS_SYNC 0x05
#define ITS_MAPD 0x08
#define ITS_MAPC 0x09
#define ITS_MAPTI 0x0a
#define ITS_MAPI 0x0b
#define ITS_INV 0x0c
#define ITS_INVALL 0x0d
#define ITS_MOVALL 0x0e
#define ITS_DISCARD 0x0f

/*
 * Command errors: the architecture's E_ITS_<command>_<reason> codes are
 * 0x01 << 16 | opcode << 8 | reason. The reasons used here:
 */
#define ITS_ERR_DEVICE_OOR 0x01 /**< DeviceID beyond Devbits or the device table, or not owned */
#define ITS_ERR_SIZE_OOR 0x02	/**< MAPD: ITT size; MAPC: processor number */
#define ITS_ERR_COLLECTION_OOR 0x03
#define ITS_ERR_UNMAPPED_DEVICE 0x04
#define ITS_ERR_ID_OOR 0x05	    /**< EventID beyond the device's ITT */
#define ITS_ERR_PHYSICALID_OOR 0x06 /**< vINTID not an LPI of the partition */
#define ITS_ERR_UNMAPPED_INTERRUPT 0x07
#define ITS_ERR_UNMAPPED_COLLECTION 0x09
#define ITS_ERR_MOVALL_PROCNUM_OOR 0x01 /**< MOVALL's own reason for a bad RDbase */
#define ITS_ERR_CODE(cmd, reason) (0x010000u | (u32)(cmd) << 8 | (reason))

/** What the partition's guest did to its vITS that it should not have. */
struct vits_stats {
	u64 commands; /**< commands completed (in error or not; the monitor's count) */
	/** Commands in error, by opcode (0..15) and reason (0..15). */
	u32 errors[16][16];
	u64 unknown_cmd;	/**< opcodes not implemented: skipped */
	u64 bad_register_write; /**< CWRITER beyond the queue, CBASER/BASER while enabled... */
	u64 enable_refused;	/**< CTLR.Enabled with an invalid CBASER or device table */
	u64 translater_writes;	/**< CPU writes to GITS_TRANSLATER: ignored */
	u64 unknown;		/**< accesses to unimplemented registers */
	u64 phys_errors;	/**< physical ITS commands that failed */
};

/** A command that touches many events, in progress across traps. */
struct vits_sweep {
	bool active;
	u64 cmd[4]; /**< the command, as read when the sweep began */
	u32 pos;    /**< next flat event index (device * CONFIG_ITS_EVENTS + event) */
};

struct vlpi_ops;

/** A partition's virtual ITS. */
struct vits {
	struct spinlock lock;
	const struct partition_config *cfg;
	struct vgic *vgic;     /**< its partition's, whose vLPI interface it uses */
	struct ratelimit *log; /**< its partition's guest-error messages */
	bool present;
	u32 ctlr; /**< GITS_CTLR.Enabled */
	u64 cbaser, cwriter, creadr;
	u64 baser[8];
	u8 device_bits, event_bits; /**< from the configuration */
	u32 ndev;		    /**< devices the configuration gives */
	u32 slot_base;		    /**< the first device's global slot (physical LPI pool) */
	bool direct; /**< GICv4: events go to the vCPUs' vPEs, not through list registers */
	/** How its vLPIs are delivered (vdev/its/vits_internal.h): chosen by vits_set_direct(). */
	const struct vlpi_ops *vlpi;
	struct vits_device dev[CONFIG_ITS_DEVICES];
	struct vits_event events[CONFIG_ITS_DEVICES][CONFIG_ITS_EVENTS];
	struct vits_collection coll[VITS_COLLECTIONS];
	struct vits_sweep sweep;
	struct vits_stats stats;
};

/** What the vITS is given of its partition at boot (vits_init()). */
struct vits_setup {
	const struct partition_config *cfg;
	struct vgic *vgic;
	struct mmio_registry *mmio; /**< its frame is registered here */
	struct ratelimit *log;
	u32 slot_base; /**< its first device's slot in the physical ITS (drivers/its.h) */
};

/*
 * vCPU arguments are indices within the partition, as the vGIC's.
 */
/** Set up a partition's vITS from its configuration; attach its vLPIs to its vGIC. */
void vits_init(struct vits *its, const struct vits_setup *s);
/**
 * How its vLPIs arrive, chosen once the physical ITS is up and before the
 * partition starts: GICv4 direct injection, or list registers (which sets
 * its pCPUs' MSI fast path up).
 */
void vits_set_direct(struct vits *its, bool direct);
/** The name of the delivery backend in use ("list registers", "GICv4 vPEs"). */
const char *vits_delivery_name(const struct vits *its);
/** Forget everything the guest set up (SYSTEM_RESET); physical mappings are discarded. */
void vits_reset(struct vits *its);
/** GITS frame accesses (control page emulated, translation page writes ignored). */
enum mmio_result vits_mmio(void *dev, u32 vcpu, struct mmio_access *acc);
/**
 * A device's MSI, translated by the physical ITS to the LPI of @dev/@event,
 * arrived on the pCPU that runs vCPU @here of this partition (VGIC_NO_VCPU:
 * a pCPU of none of its vCPUs). Returns false when @here's list registers
 * need no refill: the vLPI went straight into one.
 */
bool vits_deliver(struct vits *its, u32 dev, u32 event, u32 here);
/**
 * A doorbell partita rings as device @dev's MSI of EventID @event (a
 * channel end's: vdev/vchan.h): an INT on the physical ITS for the
 * device's physical DeviceID, if the guest has that event mapped; the
 * event then arrives as any device's MSI does. False when it has not
 * (dropped, as an unmapped MSI is).
 */
bool vits_ring(struct vits *its, u32 dev, u32 event);
/**
 * MSIs partita delivered to device @dev's events through list registers
 * this run; *@fast of them by the fast path. Read without the lock: counts.
 */
u64 vits_device_lpis(const struct vits *its, u32 dev, u64 *fast);
/** Its guest's commands in error, all opcodes and reasons together. */
u64 vits_error_count(const struct vits *its);
/**
 * vCPU @v's GICR_CTLR.EnableLPIs changed (vgic_cpu.lpi_turn): go on applying
 * it, at most ITS_CMD_BATCH units of work. Turning on, the vLPIs the guest's
 * pending table holds become pending (direct injection: the vPE's property
 * table is loaded from the guest's first); turning off, its pending vLPIs
 * are dropped (direct injection: its vPE's property table is cleared, so
 * nothing reaches it). The vGIC calls it (vgic_lpi_source.turn) with no lock
 * held, on any access to @v's redistributor (the guest polls
 * GICR_CTLR.RWP), until it is done.
 */
void vits_lpis_step(struct vits *its, u32 v);
/** The vCPU the vITS's collection @icid targets, or -1 when it is unmapped. */
int vits_collection_vcpu(const struct vits *its, u32 icid);

extern const struct mmio_reg vits_regs[];
extern const size_t vits_reg_count;

#endif
