/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The MMIO trap path: each partition has a registry of emulated regions,
 * looked up by IPA on a stage-2 data abort; each emulated device describes its
 * registers in a const table that one dispatcher walks. Unknown offsets read
 * as zero and ignore writes (counted); an access of a width or alignment the
 * register does not allow is reported to the guest as an abort.
 */
#ifndef CORE_MMIO_H
#define CORE_MMIO_H

#include <core/types.h>

#define MMIO_MAX_REGIONS 8

enum mmio_result {
	MMIO_HANDLED,
	MMIO_ABORT, /**< report a synchronous external abort to the guest */
};

/** One access, as the trap decoder saw it. */
struct mmio_access {
	u64 offset;    /**< from the start of the region, then of the register */
	unsigned size; /**< 1, 2, 4 or 8 bytes */
	bool write;
	u64 value; /**< written value, or where a read puts its result */
};

/**
 * A region's handler: @dev is the device it was registered with, @vcpu the
 * index, within the partition, of the vCPU whose access trapped.
 */
typedef enum mmio_result (*mmio_handler_t)(void *dev, u32 vcpu, struct mmio_access *acc);

/** An emulated region of a partition's IPA space. */
struct mmio_region {
	u64 base;
	u64 size;
	mmio_handler_t handler;
	void *arg;
};

/** A partition's emulated regions; sorted by nothing, small and fixed. */
struct mmio_registry {
	struct mmio_region regions[MMIO_MAX_REGIONS];
	size_t count;
};

/** Add a region; -1 if the registry is full or the region overlaps another. */
int mmio_register(struct mmio_registry *reg, u64 base, u64 size, mmio_handler_t handler, void *arg);
/** The region holding @ipa, or NULL. */
const struct mmio_region *mmio_find(const struct mmio_registry *reg, u64 ipa);

/* Access widths a register allows, as a mask. */
#define MMIO_W8 BIT(0)
#define MMIO_W16 BIT(1)
#define MMIO_W32 BIT(2)
#define MMIO_W64 BIT(3)

/**
 * One register, or an array of @count identical registers, of an emulated
 * device, in a const table sorted by offset.
 */
struct mmio_reg {
	u32 offset;
	u8 len;	   /**< bytes one register spans: 1, 2, 4 or 8 */
	u8 widths; /**< MMIO_W* allowed, each naturally aligned within the register */
	/**
	 * Read; @acc->offset is relative to the first register of the array, so
	 * the register index is acc->offset / len. NULL reads as zero.
	 */
	u64 (*read)(void *dev, const struct mmio_access *acc);
	/** Write, offset as for @read. NULL ignores the write. */
	void (*write)(void *dev, const struct mmio_access *acc);
	u16 count; /**< registers in the array; 0 means 1 */
};

/** Bytes a table entry covers. */
static inline u64 mmio_reg_span(const struct mmio_reg *r)
{
	return (u64)r->len * (r->count ? r->count : 1);
}

/**
 * Dispatch @acc (offset relative to the device) through @table. Offsets no
 * register covers read as zero and ignore writes, and are counted in
 * *@unknown; a width the register does not allow, or a misaligned access,
 * returns MMIO_ABORT.
 */
enum mmio_result mmio_table_access(const struct mmio_reg *table, size_t count, void *dev,
				   struct mmio_access *acc, u64 *unknown);

/** True when @table is sorted by offset, its registers do not overlap, and lengths are sane. */
bool mmio_table_valid(const struct mmio_reg *table, size_t count);

#endif
