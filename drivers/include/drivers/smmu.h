/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The SMMUv3 (IHI 0070) that keeps the DMA of the PCI functions partitions
 * own inside their own memory (docs/architecture.md, section 6b). partita
 * owns every structure the SMMU reads (stream table, queues, context
 * descriptors) in its static memory; every StreamID starts aborted, and a
 * stream translates only once partita gives it its partition's translation.
 *
 * Where the SMMU has stage 2 (SMMU_IDR0.S2P: MMU-600/700, QEMU 10 with
 * arm-smmuv3.stage=2) a stream uses its partition's stage-2 tables; where it
 * has only stage 1 (QEMU 7.2), a context descriptor and stage-1 tables that
 * give the same IPA-to-PA mapping. Either way the device's DMA addresses are
 * its partition's IPAs.
 */
#ifndef DRIVERS_SMMU_H
#define DRIVERS_SMMU_H

#include <core/types.h>

#define SMMU_FRAME_SIZE 0x20000

/** How streams are translated on this SMMU. */
enum smmu_mode {
	SMMU_MODE_NONE,	  /**< no SMMU, or one partita cannot use */
	SMMU_MODE_STAGE1, /**< stage 1 only: partita's context descriptors and tables */
	SMMU_MODE_STAGE2, /**< stage 2: the partitions' own stage-2 tables */
};

/** A stream's stage-2 translation: as VTCR_EL2 and VTTBR_EL2 describe a partition's. */
struct smmu_s2 {
	u64 ttb;    /**< root table (concatenated start tables allowed) */
	u16 vmid;   /**< the partition's */
	u8 t0sz;    /**< 64 - IPA bits */
	u8 sl0;	    /**< start level, as VTCR_EL2.SL0 (4 KiB granule: 1 = level 1) */
	u8 ps;	    /**< output size, as VTCR_EL2.PS */
	bool quiet; /**< its faults abort without an event record (S2R = 0) */
};

/** A stream's stage-1 translation (stage-1-only SMMUs): one context descriptor. */
struct smmu_s1 {
	u64 ttb0;   /**< stage-1 tables giving the partition's IPA-to-PA mapping */
	u16 asid;   /**< one per partition */
	u8 t0sz;    /**< 64 - IPA bits */
	u8 ips;	    /**< output size, as TCR_EL1.IPS */
	u64 mair;   /**< the attribute indices the tables use */
	bool quiet; /**< its faults abort without an event record (R = 0) */
};

/** An event record, decoded (IHI 0070, 7.3). */
struct smmu_event {
	u8 type; /**< SMMU_EVT_* */
	u32 sid;
	bool read; /**< RnW */
	bool s2;   /**< the fault was at stage 2 */
	u64 addr;  /**< input address */
	u64 ipa;   /**< for stage-2 faults */
};

#define SMMU_EVT_F_UUT 0x01
#define SMMU_EVT_C_BAD_STREAMID 0x02
#define SMMU_EVT_F_STE_FETCH 0x03
#define SMMU_EVT_C_BAD_STE 0x04
#define SMMU_EVT_F_STREAM_DISABLED 0x06
#define SMMU_EVT_C_BAD_CD 0x0a
#define SMMU_EVT_F_WALK_EABT 0x0b
#define SMMU_EVT_F_TRANSLATION 0x10
#define SMMU_EVT_F_ADDR_SIZE 0x11
#define SMMU_EVT_F_ACCESS 0x12
#define SMMU_EVT_F_PERMISSION 0x13

/* Bits of smmu_gerror()'s result (SMMU_GERROR). */
#define SMMU_GERROR_CMDQ 0x001
#define SMMU_GERROR_EVENTQ_ABT 0x004
#define SMMU_GERROR_SFM 0x100

/** Counters of what the SMMU reported (boot and run). */
struct smmu_stats {
	u64 cmd_errors;	    /**< commands the SMMU refused (CERROR_*): skipped */
	u64 sync_timeouts;  /**< CMD_SYNCs not done within the bound */
	u64 event_overflow; /**< times the event queue overflowed (records lost) */
	u64 gerrors;	    /**< global errors acknowledged */
};

/**
 * Take the SMMU at @base over: probe it, fill a stream table in which every
 * StreamID below 2^@sid_bits aborts (and one beyond it is a bad StreamID,
 * aborted too), set GBPA to abort where it is implemented, and enable it
 * with its command and event queues. Returns the mode streams will use, or
 * SMMU_MODE_NONE after saying why.
 */
enum smmu_mode smmu_init(u64 base, u32 sid_bits);
/** The mode smmu_init() chose. */
enum smmu_mode smmu_mode(void);
/** Stream @sid aborts every transaction (unowned, or its partition is down). 0 or -1. */
int smmu_stream_abort(u32 sid);
/** Stream @sid translates through @t (stage-2 mode). 0 or -1. */
int smmu_stream_s2(u32 sid, const struct smmu_s2 *t);
/** Stream @sid translates through @t, its context descriptor @cd (stage-1 mode). 0 or -1. */
int smmu_stream_s1(u32 sid, const struct smmu_s1 *t, u32 cd);
/**
 * Hand at most @max event records to @fn, oldest first, and free their
 * slots; the number handed. Called from the event queue's interrupt, so
 * its work is bounded whatever a device does. @fn runs with the SMMU's lock
 * held: it may count and log, not call back into the SMMU.
 */
u32 smmu_events(void (*fn)(void *ctx, const struct smmu_event *ev), void *ctx, u32 max);
/**
 * Records are waiting in the event queue. After a bounded smmu_events()
 * the caller must come back for them: the SMMU signals new records, and
 * an edge may not come again for the ones already there.
 */
bool smmu_events_pending(void);
/** Acknowledge the global errors active now (SMMU_GERROR_*); the bits that were. */
u32 smmu_gerror(void);
const struct smmu_stats *smmu_stats(void);

/*
 * The structures, encoded: exposed for the host tests, which check them
 * bit by bit.
 */
void smmu_ste_abort(u64 ste[8]);
void smmu_ste_s2(u64 ste[8], const struct smmu_s2 *t);
void smmu_ste_s1(u64 ste[8], u64 cd_pa);
void smmu_cd_s1(u64 cd[8], const struct smmu_s1 *t);

#endif
