/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Demo partition "rt": stands in for a real-time partition. It ticks once a
 * second on its own console, echoes what it is given (Ctrl-T 1), and powers
 * its partition off after 60 ticks or on 'q'.
 */
#include "rt.h"

void guest_main(u64 dtb)
{
	u64 freq = rt_counter_freq(), next = rt_counter() + freq;
	unsigned tick = 0;

	rt_printf("rt partition up: DTB at 0x%lx, counter at %lu Hz\n", dtb, freq);
	while (tick < 60) {
		int c = rt_getc();

		if (c == 'q')
			break;
		if (c >= 0)
			rt_printf("got '%c'\n", c);
		if (rt_counter() >= next) {
			rt_printf("tick %u\n", ++tick);
			next += freq;
		}
	}
	rt_printf("rt partition: powering off\n");
}
