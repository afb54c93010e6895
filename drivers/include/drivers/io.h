/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Register accessors of the drivers (GIC, ITS, SMMU): device memory, mapped
 * at EL2; on the host, the fake device's of the test.
 */
#ifndef DRIVERS_IO_H
#define DRIVERS_IO_H

#include <core/types.h>

#ifdef PARTITA_HOST
/* Host unit tests (tests/unit/fake_its.c, fake_smmu.c) model the registers behind these. */
u32 rd32(u64 a);
void wr32(u64 a, u32 v);
u64 rd64(u64 a);
void wr64(u64 a, u64 v);
#else
static inline u32 rd32(u64 a)
{
	return *(volatile u32 *)(uintptr_t)a;
}

static inline void wr32(u64 a, u32 v)
{
	*(volatile u32 *)(uintptr_t)a = v;
}

static inline u64 rd64(u64 a)
{
	return *(volatile u64 *)(uintptr_t)a;
}

static inline void wr64(u64 a, u64 v)
{
	*(volatile u64 *)(uintptr_t)a = v;
}

#endif

#endif
