/* SPDX-License-Identifier: MIT */
/** @file Cache maintenance by virtual address (DDI 0487, D7.5). */
#ifndef ARCH_CACHE_H
#define ARCH_CACHE_H

#include <core/types.h>

void arch_dcache_clean(u64 va, u64 size);
void arch_dcache_clean_inval(u64 va, u64 size);
void arch_dcache_inval(u64 va, u64 size);
void arch_icache_inval_all(void);

#endif
