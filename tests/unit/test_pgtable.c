/* SPDX-License-Identifier: MIT */
/** @file The translation-table builder shared by stage 1, stage 2 and the checker. */
#include "host.h"
#include <stdlib.h>
#include <string.h>
#include <arch/mmu.h>
#include <arch/pgtable.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks_when_aligned),
		cmocka_unit_test(test_pages_and_attrs),
		cmocka_unit_test(test_overlap_and_exhaustion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
