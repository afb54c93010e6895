/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench's doorbell flood (config/bench-ring.c): ring peer 1 of the
 * channel, vector 0, without pause and for ever, from the moment its
 * function is found ("RINGER start"). Each write is an exit of its own.
 */
#include "chan.h"
#include "gic.h"

void guest_main(u64 dtb)
{
	struct rt_chan ch;

	(void)dtb;
	if (!rt_chan_find(&ch)) {
		fail("bench/ringer", "no channel function");
		rt_system_off();
	}
	rt_printf("RINGER start\n");
	for (;;)
		rt_chan_ring(&ch, 1, 0);
}
