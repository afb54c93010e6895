/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Quiescing a PCI function (drivers/pci/pci.c) against a fake configuration
 * page: bus mastering off and INTx disabled with memory decoding kept, MSI
 * disabled, MSI-X disabled and masked, status bits (write 1 to clear) left
 * alone, nothing written to an absent function, and a capability list that
 * loops walked a bounded number of steps.
 */
#include "host.h"
#include <string.h>
#include <drivers/io.h>
#include <drivers/pci.h>

#define ECAM 0x4010000000ULL
#define RID 0x0010 /* 00:02.0 */
#define CFG (ECAM + 0x10000)

/* --- the fake configuration page -------------------------------------------------------- */

static u32 space[64]; /* 256 bytes of conventional configuration space */
static unsigned reads, writes;

u32 rd32(u64 a)
{
	assert_true(a >= CFG && a < CFG + sizeof(space) && !(a & 3));
	reads++;
	return space[(a - CFG) / 4];
}

void wr32(u64 a, u32 v)
{
	u32 *w;

	assert_true(a >= CFG && a < CFG + sizeof(space) && !(a & 3));
	w = &space[(a - CFG) / 4];
	writes++;
	if (a == CFG + 4) /* Command, and Status whose bits 15:8 are write-1-to-clear */
		*w = (v & 0xffff) | ((*w >> 16) & ~(v >> 16) & 0xffff) << 16;
	else /* a capability's first word: ID and next pointer read-only */
		*w = (*w & 0xffff) | (v & 0xffff0000);
}

u64 rd64(u64 a)
{
	(void)a;
	fail_msg("64-bit configuration access");
	return 0;
}

void wr64(u64 a, u64 v)
{
	(void)a;
	(void)v;
	fail_msg("64-bit configuration access");
}

/* An edu-like function: memory decoding and bus mastering on, MSI at 0x40, MSI-X at 0x50. */
static int setup(void **state)
{
	(void)state;
	memset(space, 0, sizeof(space));
	space[0] = 0x11e8 << 16 | 0x1234;	    /* device, vendor */
	space[1] = (0xf900u | 0x10) << 16 | 0x0006; /* Status: errors latched, cap list */
	space[0x34 / 4] = 0x40;
	space[0x40 / 4] = 0x0081u << 16 | 0x50 << 8 | 0x05; /* MSI, 64-bit, enabled */
	space[0x50 / 4] = 0x8003u << 16 | 0x00 << 8 | 0x11; /* MSI-X, 4 vectors, enabled */
	reads = writes = 0;
	return 0;
}

static void test_cfg_page(void **state)
{
	(void)state;
	assert_int_equal(pci_cfg_page(ECAM, RID), CFG);
	assert_int_equal(pci_cfg_page(ECAM, 0x0100), ECAM + 0x100000);	 /* bus 1 */
	assert_int_equal(pci_cfg_page(ECAM, 0x1ffff), ECAM + 0xffff000); /* 16 bits only */
}

static void test_quiesce(void **state)
{
	(void)state;
	assert_true(pci_quiesce(CFG));
	/* Memory decoding stays, bus mastering goes, INTx is disabled. */
	assert_int_equal(space[1] & 0xffff, 0x0002 | 0x0400);
	/* The latched error bits were not cleared. */
	assert_int_equal(space[1] >> 16, 0xf910);
	assert_int_equal(space[0x40 / 4] >> 16, 0x0080);
	assert_int_equal(space[0x50 / 4] >> 16, 0x4003);
	/* IDs and pointers intact. */
	assert_int_equal(space[0x40 / 4] & 0xffff, 0x5005);
	assert_int_equal(space[0x50 / 4] & 0xffff, 0x0011);
}

static void test_absent(void **state)
{
	(void)state;
	memset(space, 0xff, sizeof(space));
	assert_false(pci_quiesce(CFG));
	assert_int_equal(writes, 0);
}

static void test_no_capabilities(void **state)
{
	(void)state;
	space[1] &= ~(0x10u << 16);
	assert_true(pci_quiesce(CFG));
	assert_int_equal(space[1] & 0xffff, 0x0402);
	assert_int_equal(space[0x40 / 4] >> 16, 0x0081); /* not a capability here: untouched */
	assert_int_equal(reads, 2);
}

static void test_capability_loop_bounded(void **state)
{
	(void)state;
	space[0x50 / 4] = (space[0x50 / 4] & 0xffff00ffu) | 0x40 << 8; /* MSI-X points back */
	assert_true(pci_quiesce(CFG));
	assert_true(reads <= 3 + 48);
	assert_int_equal(space[0x40 / 4] >> 16, 0x0080);
	assert_int_equal(space[0x50 / 4] >> 16, 0x4003);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cfg_page),
		cmocka_unit_test_setup(test_quiesce, setup),
		cmocka_unit_test_setup(test_absent, setup),
		cmocka_unit_test_setup(test_no_capabilities, setup),
		cmocka_unit_test_setup(test_capability_loop_bounded, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
