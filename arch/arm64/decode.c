/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A64 load/store decoder for ISV=0 data aborts (see arch/decode.h). Only
 * general-purpose, non-exclusive, non-atomic forms are accepted: those are
 * what compilers emit for device register accesses. SIMD&FP forms, exclusives,
 * atomics and unallocated encodings return false, and the guest gets an abort.
 */
#include <arch/decode.h>

static s64 sign_extend(u64 v, unsigned bits)
{
	u64 m = 1ULL << (bits - 1);

	return (s64)((v ^ m) - m);
}

/**
 * Size and signedness of a single-register form from size (bits 31:30) and
 * opc (bits 23:22). False for prefetch and unallocated combinations.
 */
static bool single_kind(unsigned size, unsigned opc, struct ldst *d)
{
	d->size = 1u << size;
	d->sign_extend = false;
	d->dst64 = size == 3;
	switch (opc) {
	case 0:
		d->load = false;
		return true;
	case 1:
		d->load = true;
		return true;
	case 2: /* LDRSB/LDRSH/LDRSW to X; size 3 is PRFM */
		if (size == 3)
			return false;
		d->load = true;
		d->sign_extend = true;
		d->dst64 = true;
		return true;
	default: /* LDRSB/LDRSH to W; sizes 2 and 3 are unallocated */
		if (size >= 2)
			return false;
		d->load = true;
		d->sign_extend = true;
		d->dst64 = false;
		return true;
	}
}

/** Load/store register, imm9 forms and register offset: size 111 0 00 opc ... */
static bool decode_single_unscaled(u32 insn, unsigned size, struct ldst *d)
{
	if (!single_kind(size, bits_get(insn, 23, 22), d))
		return false;
	if (!(insn & BIT(21))) {
		d->imm = sign_extend(bits_get(insn, 20, 12), 9);
		switch (bits_get(insn, 11, 10)) {
		case 0: /* LDUR/STUR */
			d->addr = LDST_OFFSET;
			return true;
		case 1:
			d->addr = LDST_POST_INDEX;
			break;
		case 3:
			d->addr = LDST_PRE_INDEX;
			break;
		default: /* LDTR/STTR: unprivileged, not emulated */
			return false;
		}
		/* Writeback with Rn == Rt (not SP) is CONSTRAINED UNPREDICTABLE: refuse. */
		return !(d->rn == d->rt && d->rn != 31);
	}
	if (bits_get(insn, 11, 10) != 2)
		return false; /* atomics and others */
	d->option = bits_get(insn, 15, 13);
	if (!(d->option & 2))
		return false; /* option must be UXTW, LSL, SXTW or SXTX */
	d->addr = LDST_REG_OFFSET;
	d->rm = bits_get(insn, 20, 16);
	d->shift = (insn & BIT(12)) ? size : 0;
	return true;
}

/*
 * Load/store pair: opc 101 0 mode L imm7 Rt2 Rn Rt; modes 00 no-allocate,
 * 01 post, 10 offset, 11 pre.
 */
static bool decode_pair(u32 insn, struct ldst *d)
{
	unsigned opc = bits_get(insn, 31, 30);
	unsigned mode = bits_get(insn, 24, 23);

	d->pair = true;
	d->load = insn & BIT(22);
	d->rt2 = bits_get(insn, 14, 10);
	switch (opc) {
	case 0:
		d->size = 4;
		break;
	case 1: /* LDPSW; STGP with L=0 is a tagging store, not emulated */
		if (!d->load || mode == 0)
			return false;
		d->size = 4;
		d->sign_extend = true;
		d->dst64 = true;
		break;
	case 2:
		d->size = 8;
		d->dst64 = true;
		break;
	default:
		return false;
	}
	d->imm = sign_extend(bits_get(insn, 21, 15), 7) * (s64)d->size;
	d->addr = mode == 1 ? LDST_POST_INDEX : mode == 3 ? LDST_PRE_INDEX : LDST_OFFSET;
	/* Loading both halves into one register is CONSTRAINED UNPREDICTABLE. */
	if (d->load && d->rt == d->rt2)
		return false;
	if (d->addr != LDST_OFFSET && d->rn != 31 && (d->rn == d->rt || d->rn == d->rt2))
		return false;
	return true;
}

bool decode_ldst(u32 insn, struct ldst *d)
{
	unsigned size = bits_get(insn, 31, 30);

	*d = (struct ldst){ 0 };
	d->rt = bits_get(insn, 4, 0);
	d->rn = bits_get(insn, 9, 5);

	/* Load/store register, unsigned immediate: size 111 0 01 opc imm12 Rn Rt */
	if ((insn & 0x3f000000) == 0x39000000) {
		if (!single_kind(size, bits_get(insn, 23, 22), d))
			return false;
		d->addr = LDST_OFFSET;
		d->imm = (s64)(bits_get(insn, 21, 10) << size);
		return true;
	}
	if ((insn & 0x3f000000) == 0x38000000)
		return decode_single_unscaled(insn, size, d);
	if ((insn & 0x3e000000) == 0x28000000)
		return decode_pair(insn, d);
	return false;
}

u64 decode_extend(u64 rm, unsigned option, unsigned shift)
{
	switch (option) {
	case 2: /* UXTW */
		rm = (u32)rm;
		break;
	case 6: /* SXTW */
		rm = (u64)(s64)(s32)(u32)rm;
		break;
	default: /* LSL (UXTX) and SXTX use all 64 bits */
		break;
	}
	return rm << shift;
}
