/* SPDX-License-Identifier: MIT */
/** @file Register accessors of the GIC drivers (gicv3.c, its.c): device memory, mapped at EL2. */
#ifndef DRIVERS_GIC_GIC_IO_H
#define DRIVERS_GIC_GIC_IO_H

#include <core/types.h>

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
