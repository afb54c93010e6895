/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A translation-table builder for the 4 KiB granule, shared by partita's own
 * EL2 stage-1 tables and the partitions' stage-2 tables. It is plain C with no
 * system-register access, so the host configuration checker links it too and
 * counts, with the very code that will build them, how many table pages each
 * configuration needs (DDI 0487, D8.3: translation table descriptor formats).
 */
#ifndef ARCH_PGTABLE_H
#define ARCH_PGTABLE_H

#include <core/types.h>

#define PT_ENTRIES 512
#define PT_VALID BIT(0)
#define PT_TABLE BIT(1) /* at levels 0-2: next-level table; at level 3: page */
#define PT_ADDR_MASK GENMASK(47, 12)
#define PT_AF BIT(10)
#define PT_SH_INNER (3ULL << 8)
#define PT_XN BIT(54)

/* Stage 1, EL2 regime: MAIR_EL2 attr0 = normal write-back, attr1 = device-nGnRE. */
#define MAIR_EL2_VALUE 0x04ffULL
#define PT_S1_ATTR_NORMAL (0ULL << 2)
#define PT_S1_ATTR_DEVICE (1ULL << 2)
#define PT_S1_AP_RES1 BIT(6) /* AP[1] is RES1 in the EL2 regime */
#define PT_S1_RO BIT(7)	     /* AP[2] */
#define PT_S1_RW_DATA (PT_S1_ATTR_NORMAL | PT_S1_AP_RES1 | PT_SH_INNER | PT_AF | PT_XN)
#define PT_S1_RO_DATA (PT_S1_RW_DATA | PT_S1_RO)
#define PT_S1_CODE (PT_S1_ATTR_NORMAL | PT_S1_AP_RES1 | PT_S1_RO | PT_SH_INNER | PT_AF)
#define PT_S1_DEVICE (PT_S1_ATTR_DEVICE | PT_S1_AP_RES1 | PT_AF | PT_XN)

/* Stage 2: MemAttr[5:2], S2AP[7:6], XN[54:53]. */
#define PT_S2_MEM_NORMAL (0xfULL << 2) /* outer and inner write-back */
#define PT_S2_MEM_DEVICE (0x1ULL << 2) /* device-nGnRE */
#define PT_S2_RW (3ULL << 6)
#define PT_S2_NORMAL (PT_S2_MEM_NORMAL | PT_S2_RW | PT_SH_INNER | PT_AF)
#define PT_S2_DEVICE (PT_S2_MEM_DEVICE | PT_S2_RW | PT_AF | PT_XN)

/** A pool of 4 KiB table pages, handed out in order and never freed. */
struct pt_pool {
	u64 (*pages)[PT_ENTRIES];
	size_t count;
	size_t used;
};

/** One set of translation tables. */
struct pt {
	u64 *root;
	unsigned start_level;  /**< level the root resolves: 0 or 1 */
	unsigned root_entries; /**< 512, or 1024 for two concatenated level-1 tables */
	struct pt_pool *pool;
};

/**
 * Map [va, va+size) to [pa, pa+size) with leaf attributes @attrs, using the
 * largest blocks alignment allows. All three must be 4 KiB aligned. Returns 0,
 * or -1 when the pool is exhausted or the range is already (partly) mapped; a
 * failure may leave part of the range mapped.
 */
int pt_map(struct pt *pt, u64 va, u64 pa, u64 size, u64 attrs);

/** Look up the leaf descriptor covering @va; 0 if unmapped. */
u64 pt_lookup(const struct pt *pt, u64 va);

/** Translate @va; false if unmapped. */
bool pt_translate(const struct pt *pt, u64 va, u64 *pa);

#endif
