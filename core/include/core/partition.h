/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Partitions and their vCPUs. One vCPU per pCPU, pinned for life: a vCPU's
 * state is only ever run by its own pCPU; other CPUs change its power state
 * under the partition lock and wake it with SEV or an IPI.
 */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H

#include <arch/cpu.h>
#include <arch/pgtable.h>
#include <arch/sysreg.h>
#include <core/config.h>
#include <core/console.h>
#include <core/mmio.h>
#include <core/spinlock.h>
#include <config_gen.h>
#include <vdev/vgic.h>
#include <vdev/vits.h>
#include <vdev/vpci.h>
#include <vdev/vpl011.h>

/** PSCI-visible power state of a vCPU. */
enum vcpu_state {
	VCPU_OFF,
	VCPU_ON_PENDING, /**< CPU_ON accepted; its pCPU has not entered it yet */
	VCPU_ON,
};

/* Requests another CPU makes of a vCPU's pCPU (bits of vcpu.requests). */
#define VCPU_REQ_STOP BIT(0)

struct partition;

/** A virtual CPU. */
struct vcpu {
	struct partition *part;
	u32 index; /**< within its partition, = Aff0 of its MPIDR */
	u32 pcpu;
	u64 vmpidr;
	u32 state;    /**< enum vcpu_state; written under part->lock */
	u64 entry;    /**< IPA to enter at (CPU_ON) */
	u64 context;  /**< x0 at entry */
	u32 requests; /**< VCPU_REQ_*, atomic */
};

/** Per-partition error and trap counters (reported when it stops). */
struct partition_stats {
	u64 aborts_injected;
	u64 undef_injected;
	u64 mmio_unknown; /**< accesses to unimplemented registers (RAZ/WI) */
	u64 psci_unknown;
	u64 serrors;	    /**< physical SErrors taken while it ran (core/trap.c) */
	u64 setway_ops;	    /**< trapped DC ISW/CSW/CISW (core/vcache.c) */
	u64 setway_flushes; /**< cleans and invalidates of its whole RAM they caused */
	u32 dma_faults[64]; /**< SMMU event records of its functions' StreamIDs, by type */
	u32 dma_quiet_runs; /**< runs in which they went unrecorded (DMA_RECORDS_PER_RUN) */
	u64 pci_flrs;	    /**< Function Level Resets of its PCI functions */
};

/** A partition: its configuration and run-time state, all sized at build time. */
struct partition {
	const struct partition_config *cfg;
	u32 index;
	u16 vmid;
	struct spinlock lock;
	struct vcpu vcpus[CONFIG_MAX_VCPUS];
	u32 running;   /**< vCPUs not OFF; 0 means the partition has stopped */
	bool stopping; /**< SYSTEM_OFF or SYSTEM_RESET in progress */
	bool reset;    /**< restart once every vCPU is off */
	bool stopped;
	u64 dtb_ipa;
	struct pt s2;
	struct pt_pool s2_pool;
	u64 vttbr;
	bool dma_isolated; /**< its PCI functions translate through its DMA view (SMMU) */
	bool held;	   /**< never started: the machine lacks what it needs (said at boot) */
	bool loaded;	   /**< its images went into its RAM once (partition_load()) */
	u64 dma_root;	   /**< that view's root table */
	/* Under lock: its streams translate (between a start and the next stop). */
	bool dma_live;
	/* Under lock: its faults no longer recorded this run (more than DMA_RECORDS_PER_RUN). */
	bool dma_quiet;
	u32 dma_records; /**< event records of its functions since its streams went live */
	struct mmio_registry mmio;
	struct vpl011 uart;
	struct vgic vgic;
	struct vits its;
	struct vpci pci; /**< its virtual PCI host bridge */
	struct partition_stats stats;
	struct ratelimit log_limit; /**< this partition's guest-error messages */
};

/** Per physical CPU state; TPIDR_EL2 points at this CPU's (offsets in arch/asm.h). */
struct percpu {
	u32 index;
	u64 mpidr;
	struct vcpu *vcpu; /**< NULL when the pCPU is given to no partition */
	u64 exits;	   /**< traps from the guest to EL2 */
	u32 acked; /**< an INTID the IRQ vector acknowledged for trap_guest_irq(), or GIC_SPURIOUS
		    */
	struct vgic_pcpu vgic; /**< the vGIC's, for the IRQ vector's fast paths */
};

extern struct percpu percpus[CONFIG_CPU_COUNT];
extern struct partition partitions[CONFIG_PARTITION_COUNT];

struct percpu *this_cpu(void);

/** Build stage 2, MMIO registry and vCPUs of every partition, and load guests. */
void partitions_init(void);
/**
 * Set up the physical ITS for every device the partitions are given, with
 * vPEs for partitions that take GICv4 direct injection where the GIC has it
 * (@vlpis: its redistributors have virtual LPIs); false if it cannot.
 */
bool partitions_its_init(bool vlpis);
/**
 * A physical LPI from the ITS pool arrived (acknowledged and ended) on the
 * pCPU running @here: deliver it. False when @here needs no refill for it.
 */
bool partitions_lpi(u32 intid, struct vcpu *here);
/**
 * With the SMMU the machine's device tree shows (@present): build each
 * partition's DMA view (core/dmaview.h) and give its PCI functions' streams
 * that translation, every other stream aborting; take the SMMU's
 * interrupts. Where the platform has no SMMU, warn that DMA is not isolated;
 * where it has one that is absent or unusable, hold the partitions that own
 * PCI functions (partitions_start() leaves them off).
 */
void partitions_dma_init(bool present);
/**
 * Enumerate the host bridge (drivers/pci), place each partition's functions'
 * BARs in its pci_mmio window, open the bridges above them, and attach them
 * to its virtual host bridge. A partition whose functions are missing, do
 * not fit or share a bridge with another's is held, with a message.
 */
void partitions_pci_init(void);
/**
 * A PCI INTx line of the host bridge: true if @intid was one some function
 * drives (each partition's asserting functions masked and their lines
 * raised; ended).
 */
bool partitions_intx_irq(u32 intid);
/**
 * Route each PCI INTx line some function drives to a pCPU that takes
 * interrupts: one whose vCPU is on, of a partition that is not going down,
 * one whose functions drive the line where there is one. A line stays
 * where it is while its pCPU qualifies. Called at start and whenever a
 * vCPU goes on or off (a pCPU whose vCPU is off takes no interrupts).
 */
void partitions_intx_route(void);
/**
 * @p went down (its functions quiesced or reset): lines turned off because
 * its functions asserted while masked, and no other's, go back on.
 */
void partitions_intx_down(const struct partition *p);

/**
 * Its functions' faults go on aborting but are no longer recorded, until it
 * restarts: a device that faults without end costs partita nothing more.
 * With p->lock held, and its streams live.
 */
void partition_dma_quiet(struct partition *p);
/** The SMMU's event or global-error interrupt: true if @intid was one (handled, ended). */
bool partitions_dma_irq(u32 intid);
/**
 * This pCPU's EL2 timer fired (with @v running here, or NULL): the line its
 * partition's guest began on its UART and has not ended goes out as it is,
 * a prompt before its newline.
 */
void partition_console_timer(struct vcpu *v);
/** Take the physical UART's receive interrupt, on partition 0's first pCPU. */
void partitions_console_irq_init(void);
/** Hand console input on to the partitions that got some (no locks held). */
void partitions_console_input(void);
/** Do what was asked of the monitor (console_take_monitor_news()), no locks held. */
void monitor_run(u32 news);
/*
 * Between core's files: partition.c builds partitions and drives their
 * device models (one table of hooks), vcpu.c runs their life.
 */
/**
 * (Re)load @p's guest image, DTB and initrd into its RAM: copied from
 * partita's image, or, in a build for a FIT, found in place the first time
 * and taken from the FIT in memory (boot_fit) later, checked against their
 * hashes. False, with a message, when they are missing or damaged.
 */
bool partition_load(struct partition *p);
/** Where the boot loader left the FIT it booted from (its DTB's /chosen partita,fit), or 0. */
extern u64 boot_fit;
/** Every vCPU of @p has gone off: its device models' share (before a stop or a reset). */
void partition_devices_off(struct partition *p);
/** Reset @p's device models (it restarts; every vCPU is off). */
void partition_devices_reset(struct partition *p);
/** @v goes on (before it is entered) or off, on its own pCPU: its device models' share. */
void partition_vcpu_on(struct vcpu *v);
void partition_vcpu_off(struct vcpu *v);
/** Print @p's counters (it has stopped). */
void partition_report(const struct partition *p);
/** The DMA line of partition_report(), also printed when it restarts. */
void partition_report_dma(const struct partition *p);
/*
 * Records of one partition's functions per run, after which their faults
 * are no longer recorded (they still abort): enough for a driver's bug to
 * show, while a device that faults without end stops costing partita.
 */
#define DMA_RECORDS_PER_RUN 1024

/** Make vCPU 0 of every partition pending. */
void partitions_start(void);
/** Run this pCPU's vCPU (or park it for good); never returns. */
void __attribute__((noreturn)) vcpu_run(void);

/** The calling vCPU turns itself off (PSCI CPU_OFF); never returns. */
void __attribute__((noreturn)) vcpu_off(struct vcpu *vcpu);
/** Stop (or restart, with @reset) the calling vCPU's partition; never returns. */
void __attribute__((noreturn)) partition_stop(struct vcpu *vcpu, bool reset);
/**
 * Restart @p from outside it (the monitor): a running partition resets as on
 * its own SYSTEM_RESET, its vCPUs stopped by request (a vCPU of it on this
 * pCPU at its next vcpu_handle_requests()); a stopped one starts anew.
 * False if it is held (never started), or stopped and its images cannot be
 * loaded again.
 */
bool partition_restart(struct partition *p);
/** Handle requests other CPUs made of this pCPU's vCPU (from the IPI handler). */
void vcpu_handle_requests(struct vcpu *vcpu);
/** The partition a physical SPI is given to, or NULL. */
struct partition *partition_of_spi(u32 intid);
/** Make @vcpu's pCPU pass through its exit path soon (an IPI), unless it is this CPU. */
void vcpu_kick(struct vcpu *vcpu);

/** Fold @v's list registers back and refill them (on its pCPU); nothing for no vCPU. */
static inline void vcpu_flush(struct vcpu *v)
{
	if (v)
		vgic_flush(&v->part->vgic, v->index);
}
/** The vCPU of @part whose MPIDR affinity is @mpidr (a guest value), or NULL. */
static inline struct vcpu *partition_find_vcpu(struct partition *part, u64 mpidr)
{
	int i = cfg_vcpu_of_mpidr(part->cfg->cpu_count, mpidr);

	return i < 0 ? NULL : &part->vcpus[i];
}

/** True when [ipa, ipa+size) lies in the partition's RAM. */
static inline bool partition_ipa_is_ram(const struct partition *part, u64 ipa, u64 size)
{
	return cfg_ipa_is_ram(part->cfg, ipa, size);
}

#endif
