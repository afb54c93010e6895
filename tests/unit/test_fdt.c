/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The platform device-tree reader, on a tree compiled by dtc (the runner
 * builds build/host/guest.dtb from dts/bare-2cpu.dts), then on every
 * truncation and on corrupted copies, which must be refused or read without
 * touching a byte beyond the given size (ASan watches).
 */
#include "host.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <core/fdt.h>

static unsigned char *blob;
static size_t blob_size;

static int load(void **state)
{
	FILE *f = fopen("build/host/guest.dtb", "rb");

	(void)state;
	if (!f)
		return -1;
	blob = malloc(1 << 20);
	blob_size = fread(blob, 1, 1 << 20, f);
	fclose(f);
	return blob_size ? 0 : -1;
}

static int unload(void **state)
{
	(void)state;
	free(blob);
	return 0;
}

static void test_reads_tree(void **state)
{
	struct fdt_platform p;

	(void)state;
	assert_int_equal(fdt_read_platform(blob, blob_size, &p), FDT_OK);
	assert_int_equal(p.mem_count, 1);
	assert_int_equal(p.mem[0].base, 0x40000000);
	assert_int_equal(p.mem[0].size, 0x8000000);
	assert_int_equal(p.cpu_count, 2);
	assert_int_equal(p.cpu_mpidr[0], 0);
	assert_int_equal(p.cpu_mpidr[1], 1);
	assert_int_equal(p.gicd, 0x08000000);
}

static void test_truncated(void **state)
{
	struct fdt_platform p;

	(void)state;
	for (size_t n = 0; n < blob_size; n++) {
		unsigned char *copy = malloc(n ? n : 1);

		memcpy(copy, blob, n);
		assert_int_not_equal(fdt_read_platform(copy, n, &p), FDT_OK);
		free(copy);
	}
}

static void test_corrupted(void **state)
{
	struct fdt_platform p;
	unsigned seed = 1;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		unsigned char *copy = malloc(blob_size);

		memcpy(copy, blob, blob_size);
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245 + 12345;
			copy[(seed >> 8) % blob_size] = (unsigned char)(seed >> 20);
		}
		(void)fdt_read_platform(copy, blob_size, &p); /* must not crash or overrun */
		assert_true(p.mem_count <= FDT_MAX_MEM && p.cpu_count <= FDT_MAX_CPUS);
		free(copy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_tree),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_corrupted),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
