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
#include <core/layout.h>

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

/* The sum of pieces loaded in place is zlib's CRC-32 (the checker's and partita's). */
static void test_layout_hash(void **state)
{
	(void)state;
	assert_int_equal(layout_hash((const u8 *)"123456789", 9), 0xcbf43926u);
	assert_int_equal(layout_hash((const u8 *)"", 0), 0);
	/* Carried on piecewise, the same. */
	assert_int_equal(
	    ~layout_crc32(layout_crc32(~0u, (const u8 *)"1234", 4), (const u8 *)"56789", 5),
	    0xcbf43926u);
}

/* A FIT's pieces by name (a restart reloads them), /chosen partita,fit, and bad FITs. */
static void test_fit_image(void **state)
{
	FILE *f = fopen("build/host/fit.dtb", "rb");
	static unsigned char fit[4096];
	size_t n = f ? fread(fit, 1, sizeof(fit), f) : 0;
	struct fdt_platform p;
	struct fdt_fit_piece pc;

	(void)state;
	if (f)
		fclose(f);
	assert_true(n > 0);
	assert_true(fdt_fit_image(fit, n, "p0-image", &pc));
	assert_int_equal(pc.len, 5);
	assert_memory_equal(pc.data, "\1\2\3\4\5", 5);
	assert_true(pc.has_load);
	assert_int_equal(pc.load, 0x44000000);
	/* Its first crc32 hash node's value (a sha256 one before it is not it). */
	assert_true(pc.has_crc32);
	assert_int_equal(pc.crc32, 0x470b99f4);
	assert_true(fdt_fit_image(fit, n, "p0-dtb", &pc));
	assert_int_equal(pc.len, 4);
	/* Its load address is one cell; its hash node's value is not 4 bytes long. */
	assert_true(pc.has_load);
	assert_int_equal(pc.load, 0x46400000);
	assert_false(pc.has_crc32);
	/* No load address, no hash: none said. */
	assert_true(fdt_fit_image(fit, n, "partita", &pc));
	assert_false(pc.has_load);
	assert_false(pc.has_crc32);
	/* A crc32 node of another image is not this one's. */
	assert_true(fdt_fit_image(fit, n, "p1-dtb", &pc));
	assert_false(pc.has_crc32);
	/* Not an image of the FIT, or one named only as a prefix: none. */
	assert_false(fdt_fit_image(fit, n, "p1-image", &pc));
	assert_false(fdt_fit_image(fit, n, "p0", &pc));
	assert_false(fdt_fit_image(fit, n, "conf", &pc));
	/* Cut short: refused, never read past. */
	assert_false(fdt_fit_image(fit, n / 2, "p0-image", &pc));
	assert_int_equal(fdt_read_platform(fit, n, &p), FDT_OK);
	assert_int_equal(p.fit, 0x59000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_hash), cmocka_unit_test(test_fit_image),
		cmocka_unit_test(test_reads_tree),  cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_corrupted),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
