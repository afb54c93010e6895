/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The other partition of make bench's console run (config/bench-print.c):
 * while the benchmark guest measures, this one prints 150-character lines
 * on its console as fast as it can, until scripts/bench.sh stops the machine
 * (or CHATTER_LINES, a safety bound). It prints "CHATTER start" first, so
 * that bench.sh can check its output covered the benchmark's timer figure.
 */
#include "rt.h"

#define CHATTER_LINES 10000000

void guest_main(u64 dtb)
{
	char line[151];

	(void)dtb;
	for (u32 i = 0; i < sizeof(line) - 1; i++)
		line[i] = (char)('a' + i % 26);
	line[sizeof(line) - 1] = '\0';
	rt_printf("CHATTER start\n");
	for (u32 n = 0; n < CHATTER_LINES; n++)
		rt_printf("%s\n", line);
	rt_printf("CHATTER done\n");
}
