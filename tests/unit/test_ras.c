/* SPDX-License-Identifier: MIT */
/** @file Host tests of the SError classification (arch/ras.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arch/ras.h>

/** An architected SError syndrome of error type @aet. */
static u64 iss_aet(u64 aet)
{
	return (aet << 10) | SERROR_DFSC_ASYNC;
}

static void test_uncontainable_stops_machine(void **state)
{
	(void)state;
	assert_int_equal(arch_serror_classify(iss_aet(SERROR_AET_UC), true), SERROR_STOP_MACHINE);
}

static void test_unrecoverable_stops_partition(void **state)
{
	(void)state;
	assert_int_equal(arch_serror_classify(iss_aet(SERROR_AET_UEU), true),
			 SERROR_STOP_PARTITION);
}

static void test_restartable_and_recoverable_injected(void **state)
{
	(void)state;
	assert_int_equal(arch_serror_classify(iss_aet(SERROR_AET_UEO), true), SERROR_INJECT);
	assert_int_equal(arch_serror_classify(iss_aet(SERROR_AET_UER), true), SERROR_INJECT);
}

static void test_corrected_ignored(void **state)
{
	(void)state;
	assert_int_equal(arch_serror_classify(iss_aet(SERROR_AET_CE), true), SERROR_IGNORE);
}

static void test_unclassified_injected(void **state)
{
	(void)state;
	/* No RAS extension: the syndrome means nothing architected. */
	assert_int_equal(arch_serror_classify(iss_aet(SERROR_AET_UC), false), SERROR_INJECT);
	/* IMPLEMENTATION DEFINED syndrome. */
	assert_int_equal(arch_serror_classify(iss_aet(SERROR_AET_UC) | SERROR_ISS_IDS, true),
			 SERROR_INJECT);
	/* Not an asynchronous SError fault status. */
	assert_int_equal(arch_serror_classify(SERROR_AET_UC << 10, true), SERROR_INJECT);
	/* Reserved error types. */
	assert_int_equal(arch_serror_classify(iss_aet(4), true), SERROR_INJECT);
	assert_int_equal(arch_serror_classify(iss_aet(7), true), SERROR_INJECT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uncontainable_stops_machine),
		cmocka_unit_test(test_unrecoverable_stops_partition),
		cmocka_unit_test(test_restartable_and_recoverable_injected),
		cmocka_unit_test(test_corrected_ignored),
		cmocka_unit_test(test_unclassified_injected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
