/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Translation-table builder (see arch/pgtable.h). Tables hold the address of
 * the next table as a physical address; partita runs identity-mapped, and the
 * host build stores host pointers there, which fit in bits 47:12 too.
 */
#include <arch/pgtable.h>

/** Bit position of the lowest address bit a level-@level entry resolves. */
static unsigned level_shift(unsigned level)
{
	return 12 + 9 * (3 - level);
}

static u64 *table_alloc(struct pt_pool *pool)
{
	u64 *t;
	size_t i;

	if (pool->used >= pool->count)
		return NULL;
	t = pool->pages[pool->used++];
	for (i = 0; i < PT_ENTRIES; i++)
		t[i] = 0;
	return t;
}

static u64 *desc_table(u64 desc)
{
	return (u64 *)(uintptr_t)(desc & PT_ADDR_MASK);
}

static size_t table_index(const struct pt *pt, unsigned level, u64 va)
{
	u64 idx = va >> level_shift(level);

	if (level == pt->start_level)
		return idx & (pt->root_entries - 1);
	return idx & (PT_ENTRIES - 1);
}

static int map_level(struct pt *pt, u64 *table, unsigned level, u64 va, u64 pa, u64 size, u64 attrs)
{
	u64 block = 1ULL << level_shift(level);

	while (size) {
		u64 *entry = &table[table_index(pt, level, va)];
		u64 chunk = block - (va & (block - 1));

		if (chunk > size)
			chunk = size;
		/* A whole, aligned block: map it here (levels 1-3 only). */
		if (level >= 1 && chunk == block && IS_ALIGNED(pa, block)) {
			if (*entry & PT_VALID)
				return -1;
			*entry =
			    (pa & PT_ADDR_MASK) | attrs | PT_VALID | (level == 3 ? PT_TABLE : 0);
		} else {
			u64 *next;

			if (level == 3)
				return -1; /* cannot happen with 4 KiB-aligned input */
			if (!(*entry & PT_VALID)) {
				next = table_alloc(pt->pool);
				if (!next)
					return -1;
				*entry =
				    ((u64)(uintptr_t)next & PT_ADDR_MASK) | PT_TABLE | PT_VALID;
			} else if (!(*entry & PT_TABLE)) {
				return -1; /* already covered by a block */
			}
			next = desc_table(*entry);
			if (map_level(pt, next, level + 1, va, pa, chunk, attrs))
				return -1;
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

int pt_map(struct pt *pt, u64 va, u64 pa, u64 size, u64 attrs)
{
	if (!IS_ALIGNED(va | pa | size, SZ_4K))
		return -1;
	return map_level(pt, pt->root, pt->start_level, va, pa, size, attrs);
}

/** Walk to the leaf covering @va; returns it (0 if unmapped) and its level. */
static u64 walk(const struct pt *pt, u64 va, unsigned *leaf_level)
{
	const u64 *table = pt->root;
	unsigned level;

	for (level = pt->start_level; level <= 3; level++) {
		u64 desc = table[table_index(pt, level, va)];

		if (!(desc & PT_VALID))
			return 0;
		if (level == 3 || !(desc & PT_TABLE)) {
			*leaf_level = level;
			return desc;
		}
		table = desc_table(desc);
	}
	return 0;
}

u64 pt_lookup(const struct pt *pt, u64 va)
{
	unsigned level;

	return walk(pt, va, &level);
}

bool pt_translate(const struct pt *pt, u64 va, u64 *pa)
{
	unsigned level = 3;
	u64 desc = walk(pt, va, &level);
	u64 off_mask = (1ULL << level_shift(level)) - 1;

	if (!desc)
		return false;
	*pa = (desc & PT_ADDR_MASK & ~off_mask) | (va & off_mask);
	return true;
}
