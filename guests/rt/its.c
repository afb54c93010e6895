/* SPDX-License-Identifier: MIT */
/** @file ITS helpers of the guest runtime (see its.h). */
#include "its.h"

u64 rt_its_flood_fill(u8 *q, u64 qbytes, u64 w, u32 devid, u32 lpi)
{
	for (u64 n = 0; n < qbytes / 32 - 1; n++) {
		volatile u64 *slot = (volatile u64 *)&q[w];
		u32 ev = (u32)(n / 2 % 32);

		slot[0] = ((n & 1) ? CMD_DISCARD : CMD_MAPTI) | (u64)devid << 32;
		slot[1] = ev | ((n & 1) ? 0 : (u64)lpi << 32);
		slot[2] = 0;
		slot[3] = 0;
		w = (w + 32) % qbytes;
	}
	/* The commands before CWRITER, as Linux's wmb() before its write. */
	__asm__ volatile("dsb ishst" ::: "memory");
	return w;
}
