/* SPDX-License-Identifier: MIT */
/** @file The translation-table builder shared by stage 1, stage 2 and the checker. */
#include "host.h"
#include <stdlib.h>
#include <string.h>
#include <arch/mmu.h>
#include <arch/pgtable.h>
#include <core/dmaview.h>

struct fixture {
	u64 root[STAGE2_ROOT_ENTRIES] __attribute__((aligned(8192)));
	struct pt_pool pool;
	struct pt pt;
};

static struct fixture *make(size_t pages)
{
	struct fixture *f = aligned_alloc(8192, sizeof(*f));

	memset(f, 0, sizeof(*f));
	f->pool.pages = aligned_alloc(4096, pages * 4096 + 4096);
	f->pool.count = pages;
	f->pt = (struct pt){ f->root, STAGE2_START_LEVEL, STAGE2_ROOT_ENTRIES, &f->pool };
	return f;
}

static void destroy(struct fixture *f)
{
	free(f->pool.pages);
	free(f);
}

static void test_blocks_when_aligned(void **state)
{
	struct fixture *f = make(8);
	u64 pa;

	(void)state;
	assert_int_equal(pt_map(&f->pt, 0x40000000, 0x44000000, 0x8000000, PT_S2_NORMAL), 0);
	/* 128 MiB at 2 MiB alignment: one level-2 table of blocks. */
	assert_int_equal(f->pool.used, 1);
	assert_true(pt_translate(&f->pt, 0x40000000, &pa));
	assert_int_equal(pa, 0x44000000);
	assert_true(pt_translate(&f->pt, 0x47ffffff, &pa));
	assert_int_equal(pa, 0x4bffffff);
	assert_false(pt_translate(&f->pt, 0x48000000, &pa));
	assert_false(pt_translate(&f->pt, 0x3ffff000, &pa));
	destroy(f);
}

static void test_pages_and_attrs(void **state)
{
	struct fixture *f = make(8);
	u64 desc, pa;

	(void)state;
	assert_int_equal(pt_map(&f->pt, 0x09000000, 0x0a000000, 0x3000, PT_S2_DEVICE), 0);
	desc = pt_lookup(&f->pt, 0x09001000);
	assert_int_equal(desc & (PT_VALID | PT_TABLE), PT_VALID | PT_TABLE); /* a level-3 page */
	assert_true(desc & PT_XN);
	assert_int_equal(desc & (0xfULL << 2), PT_S2_MEM_DEVICE);
	assert_true(pt_translate(&f->pt, 0x09002abc, &pa));
	assert_int_equal(pa, 0x0a002abc);
	assert_int_equal(pt_lookup(&f->pt, 0x09003000), 0);
	/* The upper half of the 40-bit space lives in the second concatenated table. */
	assert_int_equal(pt_map(&f->pt, 0x8000000000ULL, 0x8000000000ULL, SZ_1G, PT_S2_DEVICE), 0);
	assert_true(pt_translate(&f->pt, 0x8000001000ULL, &pa));
	assert_int_equal(pa, 0x8000001000ULL);
	assert_int_equal(f->root[512] & PT_VALID, PT_VALID);
	destroy(f);
}

static void test_overlap_and_exhaustion(void **state)
{
	struct fixture *f = make(3);

	(void)state;
	assert_int_equal(pt_map(&f->pt, 0x40000000, 0x40000000, SZ_2M, PT_S2_NORMAL), 0);
	assert_int_equal(pt_map(&f->pt, 0x40100000, 0x40100000, SZ_4K, PT_S2_NORMAL), -1);
	assert_int_equal(pt_map(&f->pt, 0x40000000, 0x40000000, SZ_2M, PT_S2_NORMAL), -1);
	assert_int_equal(pt_map(&f->pt, 0x40000001, 0x40000000, SZ_4K, PT_S2_NORMAL), -1);
	/* Three pages in the pool: a fourth table cannot be had. */
	assert_int_equal(pt_map(&f->pt, 0x00001000, 0x1000, SZ_4K, PT_S2_DEVICE), 0);
	assert_int_equal(f->pool.used, 3);
	assert_int_equal(pt_map(&f->pt, 0x80001000, 0x1000, SZ_4K, PT_S2_DEVICE), -1);
	destroy(f);
}

/*
 * A partition's DMA view, in both formats: its RAM at its IPAs, the
 * doorbell page at its_ipa + 64 KiB to the physical ITS's, and nothing else
 * (not the ITS's control page, not its device window, not below or above
 * its RAM).
 */
static void test_dma_view(void **state)
{
	static const struct passthrough_region win[] = { { "pcie", 0x10000000, 0x10000000,
							   0x100000 } };
	const struct partition_config cfg = { .ram_ipa = 0x40000000,
					      .ram_pa = 0x50000000,
					      .ram_size = 0x4000000,
					      .its_ipa = 0x08080000,
					      .regions = win,
					      .region_count = 1 };
	const u64 its_pa = 0x08080000;

	(void)state;
	for (int stage2 = 0; stage2 <= 1; stage2++) {
		struct fixture *f = make(8);
		u64 pa, d;

		if (!stage2)
			f->pt =
			    (struct pt){ f->root, 0, PT_ENTRIES, &f->pool }; /* T0SZ 24: level 0 */
		assert_int_equal(dmaview_map(&f->pt, &cfg, its_pa, stage2), 0);
		assert_true(pt_translate(&f->pt, 0x40000000, &pa));
		assert_int_equal(pa, 0x50000000);
		assert_true(pt_translate(&f->pt, 0x43fff000, &pa));
		assert_int_equal(pa, 0x53fff000);
		assert_false(pt_translate(&f->pt, 0x44000000, &pa));
		assert_false(pt_translate(&f->pt, 0x3ffff000, &pa));
		/* The doorbell, and only it, of the 128 KiB ITS frame. */
		for (u64 off = 0; off < 0x20000; off += 0x1000) {
			bool mapped = pt_translate(&f->pt, 0x08080000 + off, &pa);

			assert_int_equal(mapped, off == 0x10000);
		}
		assert_true(pt_translate(&f->pt, 0x08090040, &pa));
		assert_int_equal(pa, 0x08090040);
		assert_false(pt_translate(&f->pt, 0x10000000, &pa)); /* no peer-to-peer */
		d = pt_lookup(&f->pt, 0x40000000);
		assert_true(d & PT_AF);
		assert_true(d & PT_XN);
		if (stage2) {
			assert_int_equal(d & PT_S2_NORMAL, PT_S2_NORMAL);
			assert_int_equal(pt_lookup(&f->pt, 0x08090000) & (0xfULL << 2),
					 PT_S2_MEM_DEVICE);
		} else {
			/* AttrIndx 0 (normal), AP[2:1] = 01 (read-write, any privilege), nG. */
			assert_int_equal(d & (7ULL << 2), 0);
			assert_int_equal(d & (3ULL << 6), BIT(6));
			assert_true(d & BIT(11));
			assert_int_equal(pt_lookup(&f->pt, 0x08090000) & (7ULL << 2), 1ULL << 2);
		}
		destroy(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dma_view),
		cmocka_unit_test(test_blocks_when_aligned),
		cmocka_unit_test(test_pages_and_attrs),
		cmocka_unit_test(test_overlap_and_exhaustion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
