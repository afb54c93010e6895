/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Decoding of the A64 load/store forms a guest may use on an emulated device
 * when the data abort's syndrome has no instruction information (ISV=0):
 * writeback (pre- and post-index), register offset and pairs. Encodings from
 * DDI 0487, C4.1.4 "Loads and Stores". Pure logic, tested on the host.
 */
#ifndef ARCH_DECODE_H
#define ARCH_DECODE_H

#include <core/types.h>

/** How the address is formed. */
enum ldst_addr {
	LDST_OFFSET,	 /**< base + offset, no writeback */
	LDST_PRE_INDEX,	 /**< base + offset, written back to the base */
	LDST_POST_INDEX, /**< base, then base + offset written back */
	LDST_REG_OFFSET, /**< base + extend(Rm) << shift */
};

/** A decoded general-purpose register load or store. */
struct ldst {
	bool load;
	bool pair;
	unsigned size; /**< bytes per register: 1, 2, 4 or 8 */
	bool sign_extend;
	bool dst64;	  /**< a sign-extended load fills 64 bits (else 32, upper zeroed) */
	unsigned rt, rt2; /**< 31 = XZR */
	unsigned rn;	  /**< 31 = SP */
	enum ldst_addr addr;
	s64 imm;	 /**< byte offset (immediate forms) */
	unsigned rm;	 /**< register offset: index register (31 = XZR) */
	unsigned option; /**< register offset: extend type (UXTW 2, LSL 3, SXTW 6, SXTX 7) */
	unsigned shift;	 /**< register offset: left shift of the extended index */
};

/** Decode @insn; false if it is not a form partita emulates. */
bool decode_ldst(u32 insn, struct ldst *out);

/** Apply the register-offset extend to the index register value. */
u64 decode_extend(u64 rm_value, unsigned option, unsigned shift);

#endif
