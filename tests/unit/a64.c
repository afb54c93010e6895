/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The A64 subset of tests/unit/a64.h. Encodings from the Arm Architecture
 * Reference Manual (DDI 0487), section C4.1 (the A64 instruction set
 * encoding): data processing (immediate and register), branches, loads and
 * stores of general registers with immediate offsets, MRS/MSR and ERET.
 */
#include "a64.h"

static u64 bits(u32 insn, unsigned hi, unsigned lo)
{
	return (insn >> lo) & ((1ULL << (hi - lo + 1)) - 1);
}

static s64 sext(u64 v, unsigned width)
{
	u64 m = 1ULL << (width - 1);

	return (s64)((v ^ m) - m);
}

/* Register n as a source: 31 is XZR (or SP where @sp). */
static u64 rget(const struct a64 *c, unsigned n, bool sp)
{
	return n == 31 ? (sp ? c->sp : 0) : c->x[n];
}

static void rset(struct a64 *c, unsigned n, u64 v, bool sf, bool sp)
{
	if (!sf)
		v = (u32)v;
	if (n == 31) {
		if (sp)
			c->sp = v;
		return;
	}
	c->x[n] = v;
}

/* Add with carry, and NZCV, at 32 or 64 bits. */
static u64 add_flags(struct a64 *c, u64 a, u64 b, u64 carry, bool sf, bool setflags)
{
	u64 r;
	u32 n, z, cy, v;

	if (sf) {
		r = a + b + carry;
		n = r >> 63;
		z = r == 0;
		cy = r < a || (carry && r == a);
		v = ((~(a ^ b) & (a ^ r)) >> 63) & 1;
	} else {
		u64 wide = (u64)(u32)a + (u32)b + carry;

		r = (u32)wide;
		n = (r >> 31) & 1;
		z = r == 0;
		cy = wide >> 32;
		v = ((~((u32)a ^ (u32)b) & ((u32)a ^ (u32)r)) >> 31) & 1;
	}
	if (setflags)
		c->nzcv = n << 3 | z << 2 | cy << 1 | v;
	return r;
}

static bool cond_holds(const struct a64 *c, unsigned cond)
{
	bool n = c->nzcv & 8, z = c->nzcv & 4, cy = c->nzcv & 2, v = c->nzcv & 1, r;

	switch (cond >> 1) {
	case 0:
		r = z;
		break; /* EQ */
	case 1:
		r = cy;
		break; /* CS/HS */
	case 2:
		r = n;
		break; /* MI */
	case 3:
		r = v;
		break; /* VS */
	case 4:
		r = cy && !z;
		break; /* HI */
	case 5:
		r = n == v;
		break; /* GE */
	case 6:
		r = n == v && !z;
		break; /* GT */
	default:
		r = true;
		break; /* AL */
	}
	if ((cond & 1) && cond != 15)
		r = !r;
	return r;
}

static u64 shift(u64 v, unsigned type, unsigned amount, bool sf)
{
	unsigned w = sf ? 64 : 32;

	if (!sf)
		v = (u32)v;
	if (!amount)
		return v;
	switch (type) {
	case 0:
		v <<= amount;
		break;
	case 1:
		v >>= amount;
		break;
	case 2:
		v = sf ? (u64)((s64)v >> amount) : (u64)(u32)((s32)v >> amount);
		break;
	default:
		v = (v >> amount) | (v << (w - amount));
		break;
	}
	return sf ? v : (u32)v;
}

/* DecodeBitMasks (DDI 0487, J1): the wmask of a logical immediate. */
static bool bitmask(unsigned n, unsigned imms, unsigned immr, bool sf, u64 *out)
{
	unsigned v = (n << 6) | (~imms & 0x3f), len, size, s, r;
	u64 elem, m;

	if (!v || (!sf && n))
		return false;
	len = 31 - (unsigned)__builtin_clz(v);
	if (len < 1)
		return false;
	size = 1u << len;
	s = imms & (size - 1);
	r = immr & (size - 1);
	if (s == size - 1)
		return false;
	m = size == 64 ? ~0ULL : (1ULL << size) - 1;
	elem = (1ULL << (s + 1)) - 1;
	elem = ((elem >> r) | (elem << ((size - r) % size))) & m;
	for (unsigned i = size; i < 64; i *= 2)
		elem |= elem << i;
	*out = sf ? elem : (u32)elem;
	return true;
}

/* One instruction; false if unknown. Sets *stop for ERET. */
static bool step(struct a64 *c, bool *eret)
{
	u32 i = c->code[c->pc / 4];
	bool sf = i >> 31;
	unsigned rd = (unsigned)bits(i, 4, 0), rn = (unsigned)bits(i, 9, 5),
		 rm = (unsigned)bits(i, 20, 16);
	u64 next = c->pc + 4, a, b, r;

	if ((i & 0x1f000000) == 0x11000000) { /* add/sub (immediate) */
		bool sub = bits(i, 30, 30), s = bits(i, 29, 29);

		b = bits(i, 21, 10) << (bits(i, 22, 22) ? 12 : 0);
		a = rget(c, rn, true);
		r = add_flags(c, a, sub ? ~b : b, sub, sf, s);
		rset(c, rd, r, sf, !s);
	} else if ((i & 0x1f200000) == 0x0b000000) { /* add/sub (shifted register) */
		bool sub = bits(i, 30, 30), s = bits(i, 29, 29);

		a = rget(c, rn, false);
		b = shift(rget(c, rm, false), (unsigned)bits(i, 23, 22), (unsigned)bits(i, 15, 10),
			  sf);
		r = add_flags(c, a, sub ? ~b : b, sub, sf, s);
		rset(c, rd, r, sf, false);
	} else if ((i & 0x1f000000) == 0x0a000000) { /* logical (shifted register) */
		unsigned opc = (unsigned)bits(i, 30, 29);

		a = rget(c, rn, false);
		b = shift(rget(c, rm, false), (unsigned)bits(i, 23, 22), (unsigned)bits(i, 15, 10),
			  sf);
		if (bits(i, 21, 21))
			b = ~b;
		r = opc == 0 || opc == 3 ? a & b : opc == 1 ? a | b : a ^ b;
		if (!sf)
			r = (u32)r;
		if (opc == 3)
			c->nzcv = (u32)((sf ? r >> 63 : r >> 31) & 1) << 3 | (r == 0) << 2;
		rset(c, rd, r, sf, false);
	} else if ((i & 0x1f800000) == 0x12000000) { /* logical (immediate) */
		unsigned opc = (unsigned)bits(i, 30, 29);

		if (!bitmask((unsigned)bits(i, 22, 22), (unsigned)bits(i, 15, 10),
			     (unsigned)bits(i, 21, 16), sf, &b))
			return false;
		a = rget(c, rn, false);
		r = opc == 0 || opc == 3 ? a & b : opc == 1 ? a | b : a ^ b;
		if (opc == 3)
			c->nzcv = (u32)((sf ? r >> 63 : (u32)r >> 31) & 1) << 3 | (r == 0) << 2;
		rset(c, rd, r, sf, opc != 3);
	} else if ((i & 0x1f800000) == 0x12800000) { /* move wide */
		unsigned opc = (unsigned)bits(i, 30, 29), hw = (unsigned)bits(i, 22, 21);
		u64 imm = bits(i, 20, 5) << (16 * hw);

		if (opc == 1)
			return false;
		r = opc == 0   ? ~imm
		    : opc == 2 ? imm
			       : (rget(c, rd, false) & ~(0xffffULL << (16 * hw))) | imm;
		rset(c, rd, r, sf, false);
	} else if ((i & 0x7fe00000) == 0x1ac00000 &&
		   (bits(i, 15, 10) == 8 || bits(i, 15, 10) == 9)) {
		unsigned amt = (unsigned)(rget(c, rm, false) & (sf ? 63 : 31)); /* LSLV, LSRV */

		r = shift(rget(c, rn, false), (unsigned)bits(i, 11, 10), amt, sf);
		rset(c, rd, r, sf, false);
	} else if ((i & 0x7ffffc00) == 0x5ac01000) { /* CLZ */
		a = rget(c, rn, false);
		r = sf ? (a ? (u64)__builtin_clzll(a) : 64)
		       : ((u32)a ? (u64)__builtin_clz((u32)a) : 32);
		rset(c, rd, r, sf, false);
	} else if ((i & 0x7fe08000) == 0x1b000000) { /* MADD */
		r = rget(c, (unsigned)bits(i, 14, 10), false) +
		    rget(c, rn, false) * rget(c, rm, false);
		rset(c, rd, r, sf, false);
	} else if ((i & 0xff000010) == 0x54000000) { /* B.cond */
		if (cond_holds(c, (unsigned)bits(i, 3, 0)))
			next = c->pc + (u64)(sext(bits(i, 23, 5), 19) * 4);
	} else if ((i & 0xfc000000) == 0x14000000) { /* B */
		next = c->pc + (u64)(sext(bits(i, 25, 0), 26) * 4);
	} else if ((i & 0x7e000000) == 0x34000000) { /* CBZ, CBNZ */
		a = rget(c, rd, false);
		if (!sf)
			a = (u32)a;
		if ((a == 0) != (bool)bits(i, 24, 24))
			next = c->pc + (u64)(sext(bits(i, 23, 5), 19) * 4);
	} else if ((i & 0x7e000000) == 0x36000000) { /* TBZ, TBNZ */
		unsigned bit = (unsigned)(bits(i, 31, 31) << 5 | bits(i, 23, 19));

		if (((rget(c, rd, false) >> bit) & 1) == bits(i, 24, 24))
			next = c->pc + (u64)(sext(bits(i, 18, 5), 14) * 4);
	} else if ((i & 0xfffffc1f) == 0xd61f0000) { /* BR */
		next = rget(c, rn, false);
	} else if ((i & 0x9f000000) == 0x10000000) { /* ADR */
		s64 off = sext(bits(i, 23, 5) << 2 | bits(i, 30, 29), 21);

		rset(c, rd, c->pc + (u64)off, true, false);
	} else if ((i & 0x3b000000) == 0x39000000) { /* LDR/STR (unsigned offset) */
		unsigned size = (unsigned)bits(i, 31, 30), opc = (unsigned)bits(i, 23, 22);
		u64 addr = rget(c, rn, true) + (bits(i, 21, 10) << size);
		void *p = (void *)(uintptr_t)addr;

		if (bits(i, 26, 26) || opc > 1)
			return false; /* SIMD&FP or sign-extending loads: not needed */
		if (opc == 0) {
			u64 v = rget(c, rd, false);

			if (size == 0)
				*(u8 *)p = (u8)v;
			else if (size == 1)
				*(u16 *)p = (u16)v;
			else if (size == 2)
				*(u32 *)p = (u32)v;
			else
				*(u64 *)p = v;
		} else {
			r = size == 0	? *(u8 *)p
			    : size == 1 ? *(u16 *)p
			    : size == 2 ? *(u32 *)p
					: *(u64 *)p;
			rset(c, rd, r, true, false);
		}
	} else if ((i & 0x3a000000) == 0x28000000 && !bits(i, 26, 26)) { /* LDP/STP */
		unsigned opc = (unsigned)bits(i, 31, 30), idx = (unsigned)bits(i, 24, 23);
		unsigned scale = opc == 2 ? 3 : 2, rt2 = (unsigned)bits(i, 14, 10);
		s64 off = sext(bits(i, 21, 15), 7) * (1 << scale);
		u64 base = rget(c, rn, true), addr = idx == 1 ? base : base + (u64)off;

		if (opc == 1 || opc == 3 || idx == 0)
			return false;
		if (bits(i, 22, 22)) {
			u64 v1 = scale == 3 ? *(u64 *)(uintptr_t)addr : *(u32 *)(uintptr_t)addr;
			u64 v2 = scale == 3 ? *(u64 *)(uintptr_t)(addr + 8)
					    : *(u32 *)(uintptr_t)(addr + 4);

			rset(c, rd, v1, true, false);
			rset(c, rt2, v2, true, false);
		} else if (scale == 3) {
			*(u64 *)(uintptr_t)addr = rget(c, rd, false);
			*(u64 *)(uintptr_t)(addr + 8) = rget(c, rt2, false);
		} else {
			*(u32 *)(uintptr_t)addr = (u32)rget(c, rd, false);
			*(u32 *)(uintptr_t)(addr + 4) = (u32)rget(c, rt2, false);
		}
		if (idx != 2)
			rset(c, rn, base + (u64)off, true, true);
	} else if ((i & 0xfff00000) == 0xd5300000) { /* MRS */
		rset(c, rd, c->mrs(c, (u32)bits(i, 19, 5)), true, false);
	} else if ((i & 0xfff00000) == 0xd5100000) { /* MSR (register) */
		c->msr(c, (u32)bits(i, 19, 5), rget(c, rd, false));
	} else if (i == 0xd69f03e0) { /* ERET */
		*eret = true;
	} else if ((i & 0xfffff01f) == 0xd503301f) { /* DSB, DMB, ISB: nothing to order here */
	} else {
		return false;
	}
	c->pc = next;
	return true;
}

enum a64_stop a64_run(struct a64 *cpu, u64 start, u64 end, unsigned steps)
{
	for (; steps; steps--) {
		bool eret = false;

		if (cpu->pc < start || cpu->pc >= end || cpu->pc / 4 >= cpu->code_words)
			return A64_LEFT;
		if (!step(cpu, &eret)) {
			cpu->unknown = cpu->code[cpu->pc / 4];
			return A64_UNKNOWN;
		}
		if (eret)
			return A64_ERET;
	}
	return A64_STEPS;
}
