/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Basic types shared by every part of partita, built both for EL2 and for the
 * host unit tests. Physical and intermediate-physical addresses are distinct
 * wrapper types so that passing one where the other is expected does not
 * compile.
 */
#ifndef CORE_TYPES_H
#define CORE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

/** A physical address, as the hardware (and partita's identity map) sees it. */
typedef struct {
	u64 pa;
} paddr_t;

/** An intermediate physical address: a guest's view of its own memory. */
typedef struct {
	u64 ipa;
} ipaddr_t;

static inline paddr_t pa_init(u64 a)
{
	return (paddr_t){ a };
}
static inline u64 pa_addr(paddr_t a)
{
	return a.pa;
}
static inline ipaddr_t ipa_init(u64 a)
{
	return (ipaddr_t){ a };
}
static inline u64 ipa_addr(ipaddr_t a)
{
	return a.ipa;
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) ((u64)1 << (n))
/** Mask of bits h..l inclusive. */
#define GENMASK(h, l) ((~(u64)0 >> (63 - (h))) & ~(((u64)1 << (l)) - 1))
#define ALIGN_UP(x, a) (((x) + ((a)-1)) & ~((u64)(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((u64)(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((u64)(a)-1)) == 0)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define SZ_4K ((u64)0x1000)
#define SZ_64K ((u64)0x10000)
#define SZ_1M ((u64)0x100000)
#define SZ_2M ((u64)0x200000)
#define SZ_1G ((u64)0x40000000)

/** Extract bits h..l of v, shifted down. */
static inline u64 bits_get(u64 v, unsigned h, unsigned l)
{
	return (v & GENMASK(h, l)) >> l;
}

/** True when [a, a+as) and [b, b+bs) share a byte. Sizes of zero never overlap. */
static inline bool ranges_overlap(u64 a, u64 as, u64 b, u64 bs)
{
	return as && bs && a < b + bs && b < a + as;
}

/** True when [in, in+is) lies inside [out, out+os), without overflow. */
static inline bool range_within(u64 in, u64 is, u64 out, u64 os)
{
	return in >= out && is <= os && in - out <= os - is;
}

#endif
