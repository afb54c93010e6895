/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A guest's cache maintenance by set/way (DC ISW, CSW, CISW), trapped by
 * HCR_EL2.TSW: on shared caches (a cluster's L2, a DSU's L3) these act on
 * every partition's lines, a timing interference on a real-time neighbour and
 * a flush-based covert channel. partita turns them into a clean and
 * invalidate, by address, of the partition's own RAM.
 */
#ifndef CORE_VCACHE_H
#define CORE_VCACHE_H

#include <core/types.h>

struct vcpu;

/**
 * A trapped set/way operation of @v. Returns false if @iss (a trapped
 * MSR/MRS/SYS, EC 0x18) is not one.
 */
bool vcache_setway(struct vcpu *v, u64 iss);

/**
 * A guest write of a virtual-memory control register, trapped by
 * HCR_EL2.TVM while partita watches for the caches being turned on or off.
 * Returns false if @iss is not one such register.
 */
bool vcache_vm_reg_write(struct vcpu *v, u64 iss, u64 value);

#endif
