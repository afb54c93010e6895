/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A small AArch64 interpreter for host tests: enough of the A64 integer
 * instruction set to run partita's own assembly paths (vectors.S) on the
 * build machine against host memory, so that a C model of such a path can
 * be checked against the real instructions instead of being kept in step by
 * hand. Memory accesses go straight to host addresses; system registers go
 * to callbacks. An instruction it does not know stops it (A64_UNKNOWN).
 */
#ifndef TESTS_A64_H
#define TESTS_A64_H

#include <core/types.h>

struct a64 {
	u64 x[31], sp, pc; /* pc: an offset into code */
	u32 nzcv;
	const u32 *code;
	u32 code_words;
	/* System register access: @enc is op0:op1:CRn:CRm:op2 as in MRS/MSR bits [20:5]. */
	u64 (*mrs)(struct a64 *cpu, u32 enc);
	void (*msr)(struct a64 *cpu, u32 enc, u64 value);
	u32 unknown; /* the instruction that stopped it */
};

enum a64_stop {
	A64_ERET,    /**< ERET executed */
	A64_LEFT,    /**< the PC left [start, end) */
	A64_UNKNOWN, /**< an instruction it does not implement */
	A64_STEPS,   /**< the step bound ran out */
};

/** Run from cpu->pc while it stays in [start, end) (byte offsets), at most @steps instructions. */
enum a64_stop a64_run(struct a64 *cpu, u64 start, u64 end, unsigned steps);

/** The sysreg encoding of S<op0>_<op1>_C<n>_C<m>_<op2>, as a64 passes it. */
#define A64_SYSREG(op0, op1, crn, crm, op2) \
	((u32)(((op0)-2) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2)))

#endif
