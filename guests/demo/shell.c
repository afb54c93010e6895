/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Demo partition "shell": a tiny interactive shell on the partition's own
 * console. Commands: help, cpus (start the second vCPU, which says hello),
 * reset (PSCI SYSTEM_RESET of this partition only), off (SYSTEM_OFF).
 */
#include "rt.h"

static void hello(u64 cpu)
{
	rt_printf("vCPU %lu: hello, started through PSCI CPU_ON\n", cpu);
}

static void read_line(char *buf, size_t n)
{
	size_t len = 0;

	for (;;) {
		int c = rt_getc();

		if (c < 0) {
			rt_delay_us(10000);
			continue;
		}
		if (c == '\r' || c == '\n')
			break;
		if ((c == 0x7f || c == 8) && len) {
			len--;
			continue;
		}
		if (len + 1 < n && c >= ' ')
			buf[len++] = (char)c;
	}
	buf[len] = '\0';
}

void guest_main(u64 dtb)
{
	char line[64];

	rt_printf("shell partition up: DTB at 0x%lx, image at 0x%lx\n", dtb,
		  (u64)(uintptr_t)_start);
	rt_printf(
	    "commands: help, cpus, reset, off  (Ctrl-T 1 gives the keyboard to partition 1)\n");
	for (;;) {
		/* Output is line-buffered by partita: echo the command once it is complete. */
		read_line(line, sizeof(line));
		rt_printf("shell> %s\n", line);
		if (!strcmp(line, "help")) {
			rt_printf("help | cpus | reset | off\n");
		} else if (!strcmp(line, "cpus")) {
			s64 r = rt_cpu_on(1, hello);

			rt_printf("CPU_ON(1) = %ld\n", r);
			rt_delay_us(100000);
		} else if (!strcmp(line, "reset")) {
			hvc_call(0x84000009, 0, 0, 0);
		} else if (!strcmp(line, "off")) {
			rt_system_off();
		} else if (line[0]) {
			rt_printf("unknown command '%s'\n", line);
		}
	}
}
