/* SPDX-License-Identifier: MIT */
/** @file partita's formatter: conversions, widths, truncation. */
#include "host.h"
#include <core/lib.h>

static void test_formats(void **state)
{
	char b[64];
	const char *volatile null_str = NULL;

	(void)state;
	assert_int_equal(snprintf(b, sizeof(b), "%d %u %x %lx", -5, 7u, 0xabu, 0x123456789aUL), 18);
	assert_string_equal(b, "-5 7 ab 123456789a");
	snprintf(b, sizeof(b), "[%5s|%-4s|%08x|%3d|%c|%%]", "ab", "c", 0x1f, -4, 'z');
	assert_string_equal(b, "[   ab|c   |0000001f| -4|z|%]");
	snprintf(b, sizeof(b), "%s %zu %ld", null_str, (size_t)42, (long)-9);
	assert_string_equal(b, "(null) 42 -9");
	snprintf(b, sizeof(b), "%lx", ~0UL);
	assert_string_equal(b, "ffffffffffffffff");
}

static void test_truncation(void **state)
{
	char b[8];

	(void)state;
	assert_int_equal(snprintf(b, sizeof(b), "0123456789"), 10);
	assert_string_equal(b, "0123456");
	assert_int_equal(snprintf(b, 0, "abc"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_truncation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
