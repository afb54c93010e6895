/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The ISV=0 load/store decoder. Encodings were produced by the cross
 * assembler (aarch64-linux-gnu-as) from the instruction in each comment.
 */
#include "host.h"
#include <arch/decode.h>

static void test_str_pre_index(void **state)
{
	struct ldst d;

	(void)state;
	assert_true(decode_ldst(0xb8024c01, &d)); /* str w1, [x0, #0x24]! */
	assert_false(d.load);
	assert_false(d.pair);
	assert_int_equal(d.size, 4);
	assert_int_equal(d.rt, 1);
	assert_int_equal(d.rn, 0);
	assert_int_equal(d.addr, LDST_PRE_INDEX);
	assert_int_equal(d.imm, 0x24);
}

static void test_ldr_post_index(void **state)
{
	struct ldst d;

	(void)state;
	assert_true(decode_ldst(0xb8404401, &d)); /* ldr w1, [x0], #4 */
	assert_true(d.load);
	assert_int_equal(d.addr, LDST_POST_INDEX);
	assert_int_equal(d.imm, 4);
	assert_false(d.sign_extend);
}

static void test_pairs(void **state)
{
	struct ldst d;

	(void)state;
	assert_true(decode_ldst(0x29048801, &d)); /* stp w1, w2, [x0, #0x24] */
	assert_true(d.pair);
	assert_false(d.load);
	assert_int_equal(d.size, 4);
	assert_int_equal(d.rt, 1);
	assert_int_equal(d.rt2, 2);
	assert_int_equal(d.addr, LDST_OFFSET);
	assert_int_equal(d.imm, 0x24);

	assert_true(decode_ldst(0x29c49003, &d)); /* ldp w3, w4, [x0, #0x24]! */
	assert_true(d.load);
	assert_int_equal(d.addr, LDST_PRE_INDEX);
	assert_int_equal(d.rt, 3);
	assert_int_equal(d.rt2, 4);

	assert_true(decode_ldst(0xa8c113e3, &d)); /* ldp x3, x4, [sp], #16 */
	assert_int_equal(d.size, 8);
	assert_int_equal(d.rn, 31);
	assert_int_equal(d.addr, LDST_POST_INDEX);
	assert_int_equal(d.imm, 16);

	assert_true(decode_ldst(0xa9bf7bfd, &d)); /* stp x29, x30, [sp, #-16]! */
	assert_int_equal(d.imm, -16);
	assert_int_equal(d.addr, LDST_PRE_INDEX);

	assert_true(decode_ldst(0x69410801, &d)); /* ldpsw x1, x2, [x0, #8] */
	assert_true(d.sign_extend);
	assert_true(d.dst64);
	assert_int_equal(d.size, 4);
	assert_int_equal(d.imm, 8);
}

static void test_register_offset(void **state)
{
	struct ldst d;

	(void)state;
	assert_true(decode_ldst(0xb8626820, &d)); /* ldr w0, [x1, x2] */
	assert_int_equal(d.addr, LDST_REG_OFFSET);
	assert_int_equal(d.rm, 2);
	assert_int_equal(d.rn, 1);
	assert_int_equal(d.shift, 0);
	assert_int_equal(decode_extend(0x24, d.option, d.shift), 0x24);

	assert_true(decode_ldst(0xf862d820, &d)); /* ldr x0, [x1, w2, sxtw #3] */
	assert_int_equal(d.size, 8);
	assert_int_equal(d.option, 6);
	assert_int_equal(d.shift, 3);
	assert_int_equal(decode_extend(0xffffffffULL, d.option, d.shift), (u64)-8);
}

static void test_sign_extension_forms(void **state)
{
	struct ldst d;

	(void)state;
	assert_true(decode_ldst(0x39bff001, &d)); /* ldrsb x1, [x0, #0xffc] */
	assert_true(d.sign_extend);
	assert_true(d.dst64);
	assert_int_equal(d.size, 1);
	assert_int_equal(d.imm, 0xffc);

	assert_true(decode_ldst(0x78dfec01, &d)); /* ldrsh w1, [x0, #-2]! */
	assert_true(d.sign_extend);
	assert_false(d.dst64);
	assert_int_equal(d.size, 2);
	assert_int_equal(d.imm, -2);

	assert_true(decode_ldst(0xb85fc065, &d)); /* ldur w5, [x3, #-4] */
	assert_int_equal(d.addr, LDST_OFFSET);
	assert_int_equal(d.imm, -4);

	assert_true(decode_ldst(0x39000c01, &d)); /* strb w1, [x0, #3] */
	assert_int_equal(d.size, 1);
	assert_int_equal(d.imm, 3);
}

static void test_refused_forms(void **state)
{
	struct ldst d;

	(void)state;
	assert_false(decode_ldst(0x885f7c01, &d)); /* ldxr w1, [x0]: exclusive */
	assert_false(decode_ldst(0xbd400000, &d)); /* ldr s0, [x0]: FP register */
	assert_false(decode_ldst(0xf8408421, &d)); /* ldr x1, [x1], #8: writeback to Rt */
	assert_false(decode_ldst(0x29400401, &d)); /* ldp w1, w1, [x0]: same register twice */
	assert_false(decode_ldst(0xf9800000, &d)); /* prfm */
	assert_false(decode_ldst(0xb8400801, &d)); /* ldtr: unprivileged */
	assert_false(decode_ldst(0xb8210002, &d)); /* ldadd: atomic */
	assert_false(decode_ldst(0xd503201f, &d)); /* nop */
	assert_false(decode_ldst(0x00000000, &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_str_pre_index),
		cmocka_unit_test(test_ldr_post_index),
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_register_offset),
		cmocka_unit_test(test_sign_extension_forms),
		cmocka_unit_test(test_refused_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
