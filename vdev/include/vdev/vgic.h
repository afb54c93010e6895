/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The virtual GICv3 each partition sees (docs/architecture.md, section 5): an
 * emulated distributor and one emulated redistributor per vCPU, and
 * injection through the list registers of the pCPU that runs the vCPU.
 *
 * The state of every virtual interrupt lives here, under the partition's
 * vGIC lock; the list registers hold a window of it. On every exit to EL2 a
 * vCPU's pCPU folds its list registers back (what the guest acknowledged,
 * completed or deactivated) and refills them with the highest-priority
 * pending interrupts; when more are pending than there are list registers, it
 * asks for the underflow maintenance interrupt, so a guest EOI never costs an
 * exit by itself. Another CPU that makes an interrupt pending for a vCPU
 * kicks that vCPU's pCPU with an IPI.
 */
#ifndef VDEV_VGIC_H
#define VDEV_VGIC_H

#include <core/config.h>
#include <core/mmio.h>
#include <core/spinlock.h>
#include <vdev/frames.h>
#include <config_gen.h>

#define VGIC_NR_PRIVATE 32
#define VGIC_MAX_LRS 16
#define VGIC_INTID_MAINT 25
#define VGIC_INTID_VTIMER 27
#define VGIC_INTID_PTIMER 30 /* the EL1 physical timer, the guest's too */
#define VGIC_LPIS_TURN_ON 1
#define VGIC_LPIS_TURN_OFF 2
#define VGIC_INTID_NONE 0xffff

/* struct virq.flags */
#define VIRQ_ENABLED BIT(0)
#define VIRQ_PENDING BIT(1) /**< pending state (for level: latched by ISPENDR or the line) */
#define VIRQ_ACTIVE BIT(2)
#define VIRQ_GROUP1 BIT(3)
#define VIRQ_HW BIT(4)	  /**< backed by a physical interrupt: deactivation goes to it */
#define VIRQ_LEVEL BIT(5) /**< line level of a software level-sensitive interrupt */
#define VIRQ_EDGE BIT(6)  /**< ICFGR: edge-triggered */
#define VIRQ_OWNED BIT(7) /**< the partition owns this INTID */
#define VIRQ_IN_LR BIT(8)
#define VIRQ_REPEND BIT(9)  /**< made pending again while in a list register */
#define VIRQ_UNPEND BIT(10) /**< ICPENDR while in a list register */
#define VIRQ_UNACT BIT(11)  /**< ICACTIVER while in a list register */
/**
 * A software level interrupt whose source holds its line masked while the
 * guest handles it (PCI INTx, masked at the function): when the guest
 * completes it, the line goes low and the source is asked to look again
 * (vgic_setup.resample) rather than the vGIC making it pending again.
 */
#define VIRQ_RESAMPLE BIT(12)

/** One virtual interrupt. */
struct virq {
	u16 flags;
	u8 priority;
	u8 lr;	      /**< list register holding it, when VIRQ_IN_LR */
	u16 hw_intid; /**< physical INTID when VIRQ_HW */
	u16 target;   /**< vCPU index it is delivered to (SPIs: what IROUTER resolves to) */
	u16 intid;
	u16 lpi;   /**< LPIs: the vITS event's flat index (device * CONFIG_ITS_EVENTS + event) */
	u64 route; /**< SPIs: GICD_IROUTER as written */
};

/** Words of a vCPU's candidate bitmap: one bit per INTID it may receive. */
#define VGIC_CAND_WORDS ((VGIC_NR_PRIVATE + CONFIG_VGIC_SPIS + 63) / 64)
/** Words of its LPI candidate bitmap: one bit per vITS event (flat index). */
#define VGIC_LPI_CAND_WORDS ((CONFIG_ITS_DEVICES * CONFIG_ITS_EVENTS + 63) / 64)
#define VGIC_LPI_BASE 8192
/** INTID bits with LPIs (GICD_TYPER.IDbits + 1): vINTIDs < 65536. */
#define VGIC_LPI_INTID_BITS 16
/* GICR_PENDBASER fields the vGIC and the vITS read. */
#define PENDBASER_ADDR GENMASK(47, 16)
#define PENDBASER_PTZ BIT(62)
/** lr_lpi[] of a list register whose LPI the vITS unmapped meanwhile. */
#define VGIC_LPI_DETACHED 0xffff

/**
 * What the vGIC keeps per physical CPU for the fast paths of the IRQ vector
 * (arch/arm64/vectors.S), which find it through TPIDR_EL2: core's struct
 * percpu holds one, at the offsets arch/asm.h gives. Written by the vGIC on
 * the pCPU itself (and, for the vLPI fields, by the vITS before the
 * partition starts).
 */
struct vgic_pcpu {
	/**
	 * The list-register value the virtual timer's fast path writes into
	 * ICH_LR0_EL2, or 0 to take the slow path; set at every refill
	 * (vgic_flush()) for the vCPU this pCPU runs.
	 */
	u64 vtimer_lr;
	/*
	 * The MSI fast path: a physical LPI of the pool slice [lpi_lo, lpi_hi)
	 * of this pCPU's partition (GICv3 path) whose event targets its vCPU
	 * (lpi_target), enabled and in no list register, goes into a list
	 * register of lpi_free (set by every refill; 0 while anything else
	 * waits) without leaving the vector. The vGIC takes it into its books
	 * at the next exit (fast_lr: that list register + 1, fast_lpi: the
	 * event's flat index), or forgets it once the guest is done with it.
	 */
	u32 lpi_lo, lpi_hi;
	u32 lpi_target;
	u32 fast_lr;
	void *lpi_events; /**< the vLPIs (vgic_lpi_source.first), VITS_EVENT_SIZE apart */
	u64 lpi_free;
	u32 fast_lpi;
};

/** A vCPU's private interrupts, redistributor and list-register bookkeeping. */
struct vgic_cpu {
	struct vgic_pcpu *pc; /**< its pCPU's fast-path block */
	u64 pmpidr;	      /**< its pCPU's MPIDR (routes and PPI deactivation go there) */
	struct virq priv[VGIC_NR_PRIVATE];
	u16 lr_intid[VGIC_MAX_LRS]; /**< INTID in each list register, or VGIC_INTID_NONE */
	u16 lr_lpi[VGIC_MAX_LRS];   /**< for an LPI there: its event, or VGIC_LPI_DETACHED */
	u16 lr_used;		    /**< bit n: lr_intid[n] is an INTID */
	bool dirty; /**< a register write or marker since the last refill: rewrite the LRs */
	u32 waker;  /**< GICR_WAKER.ProcessorSleep */
	u32 ctlr;   /**< GICR_CTLR.EnableLPIs */
	/**
	 * A change of EnableLPIs the vITS has still to apply to this vCPU's
	 * LPIs (vits_lpis_step()), GICR_CTLR.RWP reading 1 until it is done:
	 * VGIC_LPIS_TURN_ON or VGIC_LPIS_TURN_OFF, or 0.
	 */
	u8 lpi_turn;
	u32 lpi_turn_pos; /**< how far it got (vits.c) */
	u64 propbaser, pendbaser;
	/**
	 * Interrupts that may be deliverable to this vCPU and are not in a list
	 * register: a superset, kept so that a refill looks only at these.
	 * Every change that can make an interrupt deliverable sets its bit
	 * (vgic_cand_mark()); a refill clears the bits it finds stale.
	 */
	u64 cand[VGIC_CAND_WORDS];
	u64 lpi_cand[VGIC_LPI_CAND_WORDS]; /**< the same for vLPIs, by event */
};

/** Counters of what the partition's guest did wrong (reported when it stops). */
struct vgic_stats {
	u64 foreign_intid; /**< writes naming an INTID the partition does not own */
	u64 sgi_dropped;   /**< SGIs aimed at no vCPU of the partition */
	u64 unknown;	   /**< accesses to unimplemented registers */
};

/**
 * Where a partition's vLPIs live and who applies an EnableLPIs change to
 * them: the vITS, which attaches itself (vgic_lpis_attach()). A vLPI is a
 * struct virq in its vITS event, @stride bytes from the one before; the
 * vGIC names it by its flat index (struct virq.lpi).
 */
struct vgic_lpi_source {
	struct virq *first;
	u32 stride;
	u32 count;
	/** Go on applying vCPU @vcpu's EnableLPIs change (no lock held). */
	void (*turn)(void *ctx, u32 vcpu);
	void *ctx;
};

/** What the vGIC is given of its partition at boot (vgic_init()). */
struct vgic_setup {
	const struct partition_config *cfg;
	struct mmio_registry *mmio; /**< its frames are registered here */
	u32 soft_spi;		    /**< a software level-sensitive SPI it owns (a UART's), or 0 */
	/**
	 * Software level-sensitive SPIs [resample_spi, resample_spi +
	 * resample_count) it owns (PCI INTx lines) whose source @resample is
	 * called, on the pCPU of the vCPU that completed one and with no lock
	 * held, to sample its line again (VIRQ_RESAMPLE).
	 */
	u32 resample_spi, resample_count;
	void (*resample)(void *ctx, u32 intid);
	void *resample_ctx;
	struct vgic_pcpu *pc[CONFIG_MAX_VCPUS]; /**< each vCPU's pCPU's fast-path block */
	/**
	 * Make the pCPUs of the vCPUs in @vcpus (a bit each) pass through their
	 * exit path soon, those on the calling CPU excepted (core's vcpu_kick()).
	 */
	void (*kick)(void *ctx, u32 vcpus);
	void *kick_ctx;
};

/** A partition's virtual GIC. */
struct vgic {
	struct spinlock lock;
	const struct partition_config *cfg;
	u32 nr_vcpus;
	struct vgic_lpi_source lpis; /**< count 0 until a vITS attaches */
	void (*kick)(void *ctx, u32 vcpus);
	void *kick_ctx;
	u32 ctlr;    /**< GICD_CTLR: EnableGrp0, EnableGrp1 */
	u32 nr_spis; /**< SPIs the distributor implements (multiple of 32) */
	struct virq spis[CONFIG_VGIC_SPIS];
	/** VIRQ_RESAMPLE SPIs the guest completed, whose source is still to be told (bit per SPI).
	 */
	u64 resample[(CONFIG_VGIC_SPIS + 63) / 64];
	bool resample_any;
	void (*resample_fn)(void *ctx, u32 intid);
	void *resample_ctx;
	struct vgic_cpu cpu[CONFIG_MAX_VCPUS];
	struct vgic_stats stats;
	u32 nr_lrs; /**< list registers of the hardware (ICH_VTR_EL2) */
};

/** A vCPU index that names no vCPU (e.g. "called from no vCPU of the partition"). */
#define VGIC_NO_VCPU 0xffffffffu

/*
 * vCPU arguments are indices within the partition. "On @v's pCPU" means the
 * caller runs on the physical CPU that runs vCPU @v, whose list registers
 * are the live ones.
 */
/** Set up a partition's vGIC and register its frames. */
void vgic_init(struct vgic *g, const struct vgic_setup *s);
/** Reset the distributor state (SYSTEM_RESET), releasing forwarded interrupts. */
void vgic_partition_reset(struct vgic *g);
/**
 * vCPU @v goes off (CPU_OFF, a stop, a reset), on its pCPU: what its guest
 * did with its list registers is folded back, what they held goes back to
 * the distributor (a forwarded interrupt it had taken is ended in the
 * hardware), and they are emptied, in the hardware and in the books.
 */
void vgic_vcpu_off(struct vgic *g, u32 v);
/** Reset @v's private interrupts and this CPU's virtual interface (on @v's pCPU). */
void vgic_vcpu_reset(struct vgic *g, u32 v);
/** Fold the list registers back and refill them (on @v's pCPU, before entering it). */
void vgic_flush(struct vgic *g, u32 v);
/** Make @intid pending for vCPU @v (private) or in the partition (SPI). */
void vgic_inject(struct vgic *g, u32 v, u32 intid);
/** A physical interrupt forwarded with HW=1: its pCPU has dropped its priority. */
void vgic_inject_hw(struct vgic *g, u32 v, u32 intid);
/** Set the line of a software level-sensitive SPI (e.g. the virtual UART). */
void vgic_set_level(struct vgic *g, u32 intid, bool level);
/**
 * vCPU @v wrote ICC_SGI1R_EL1 (trapped). Returns false when its list
 * registers need no refill before it runs again: its SGI to itself went
 * straight into one, and nothing else changed for it.
 */
bool vgic_sgi1r(struct vgic *g, u32 v, u64 value);
/** Kick the pCPUs of the vCPUs in @vcpus (bit per vCPU), as the vGIC's owner does it. */
void vgic_kick(const struct vgic *g, u32 vcpus);

/**
 * The vGIC with its lock held: only vgic_lock() makes one, so a function
 * that takes it cannot be called without the lock (Hafnium's vm_locked).
 * Lock order (core/spinlock.h): a vITS's lock before the vGIC's.
 */
struct vgic_locked {
	struct vgic *g;
};

static inline struct vgic_locked vgic_lock(struct vgic *g)
{
	lock_rank_take(LOCK_RANK_VGIC);
	spin_lock(&g->lock);
	return (struct vgic_locked){ g };
}

static inline void vgic_unlock(struct vgic_locked *l)
{
	spin_unlock(&l->g->lock);
	lock_rank_drop(LOCK_RANK_VGIC);
	l->g = NULL;
}

/*
 * The vLPI interface, for the vITS (vdev/its). A vLPI is a struct virq in
 * its vITS event: VIRQ_OWNED while mapped, target = its collection's vCPU.
 */
/** The vITS that holds the partition's vLPIs attaches them (at boot). */
void vgic_lpis_attach(struct vgic *g, const struct vgic_lpi_source *src);
/** Make vLPI @q pending. Returns the vCPUs to kick (bit per vCPU). */
u32 vgic_lpi_set_pending(struct vgic_locked g, struct virq *q);
/** Clear vLPI @q's pending state. Returns the vCPUs to kick. */
u32 vgic_lpi_clear_pending(struct vgic_locked g, struct virq *q);
/** @q's enable, priority or target changed (set by the caller). Returns the vCPUs to kick. */
u32 vgic_lpi_changed(struct vgic_locked g, struct virq *q, u16 old_target);
/**
 * Make vLPI @q pending straight into a list register of @v, the vCPU this
 * pCPU runs, when that is all a refill would do (as an SGI to self does);
 * false: nothing done, use vgic_lpi_set_pending().
 */
bool vgic_lpi_direct(struct vgic_locked g, u32 v, struct virq *q);
/** Forget vLPI @q (unmapped): a list register holding it lets it go. Returns the vCPUs to kick. */
u32 vgic_lpi_detach(struct vgic_locked g, struct virq *q);
/** vCPU @v has set GICR_CTLR.EnableLPIs. */
bool vgic_lpis_on(struct vgic_locked g, u32 v);
/** The LPI configuration table register (the first vCPU's: the architecture wants all alike). */
u64 vgic_propbaser(struct vgic_locked g);
/** vCPU @v's GICR_PENDBASER. */
u64 vgic_pendbaser(struct vgic_locked g, u32 v);
/**
 * vCPU @v's EnableLPIs change in progress (VGIC_LPIS_TURN_ON or _OFF, or
 * 0), and how far its vLPI source got (*@pos, the source's to keep).
 * Without the lock, vgic_lpi_turn_pending() says whether there is one.
 */
u8 vgic_lpi_turn(struct vgic_locked g, u32 v, u32 **pos);
bool vgic_lpi_turn_pending(const struct vgic *g, u32 v);
/** vCPU @v's EnableLPIs change is complete: GICR_CTLR.RWP reads 0, its LRs are refilled. */
void vgic_lpi_turn_done(struct vgic_locked g, u32 v);
/** vCPU @v's list registers are to be looked at again at its next refill (MOVALL). */
void vgic_refill_later(struct vgic_locked g, u32 v);

enum mmio_result vgic_gicd_mmio(void *dev, u32 vcpu, struct mmio_access *acc);
enum mmio_result vgic_gicr_mmio(void *dev, u32 vcpu, struct mmio_access *acc);

extern const struct mmio_reg vgicd_regs[];
extern const size_t vgicd_reg_count;
extern const struct mmio_reg vgicr_rd_regs[];
extern const size_t vgicr_rd_reg_count;
extern const struct mmio_reg vgicr_sgi_regs[];
extern const size_t vgicr_sgi_reg_count;

#endif
