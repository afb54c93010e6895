// SPDX-License-Identifier: MIT
/**
 * @file
 * Demo partition "rt" (config/qemu-virt-demo.c): a real-time loop. Its
 * virtual timer fires every millisecond at an absolute deadline; the
 * interrupt handler measures how late it came (the counter at the handler
 * against the deadline) and arms the next one. Once a second it prints the
 * minimum, mean and maximum lateness and the exits to partita it took in
 * that second (PARTITA_HVC_EXITS), less its own two calls: the exit count
 * and the line itself, printed with PARTITA_HVC_WRITE in one exit (the
 * emulated UART takes one per character). Between interrupts it waits in
 * WFI. Natively (no partita) it prints through the UART and shows no exits.
 * Typing q on its console (Ctrl-T 1 in partita's) powers it off; its UART's
 * receive interrupt brings the key, so nothing polls.
 */
#include <core/lib.h>
#include "gic.h"
#include "rt.h"

#define PERIOD_US 1000
#define PARTITA_HVC_WRITE 0xc6000002u
#define UART_INTID 33 /* its PL011, SPI 1 (its DT) */
#define UARTIMSC 0x38
#define UART_INT_RX (1u << 4)
#define UART_INT_RT (1u << 6)

static u64 period, deadline;
static volatile u64 late_min, late_max, late_sum, count, overruns;
static volatile bool second_done, quit;

static void arm(u64 at)
{
	__asm__ volatile("msr cntv_cval_el0, %0\n msr cntv_ctl_el0, %1\n isb"
			 :
			 : "r"(at), "r"(1ul));
}

static void handler(u32 intid)
{
	u64 now = rt_counter(), late = now - deadline;
	int c;

	if (intid == UART_INTID) {
		while ((c = rt_getc()) >= 0)
			quit |= c == 'q';
		return;
	}
	if (intid != INTID_VTIMER)
		return;
	if (late < late_min)
		late_min = late;
	if (late > late_max)
		late_max = late;
	late_sum += late;
	deadline += period;
	/* Missed whole periods (a stop in a debugger, a host hiccup): start again from now. */
	if (deadline <= now) {
		deadline = now + period;
		overruns++;
	}
	arm(deadline);
	if (++count % (1000000 / PERIOD_US) == 0)
		second_done = true;
}

static u64 ns(u64 ticks, u64 freq)
{
	return ticks * 1000000000ull / freq;
}

/** One line, in one exit where partita is there. */
static void say(const char *line, bool under_partita)
{
	if (!under_partita ||
	    hvc_call(PARTITA_HVC_WRITE, (u64)(uintptr_t)line, strlen(line), 0) < 0)
		rt_printf("%s\n", line);
}

void guest_main(u64 dtb)
{
	u64 freq = rt_counter_freq();
	s64 exits = rt_exits(), now_exits;
	bool under_partita = exits >= 0;
	char line[160]; /* a console line (CONSOLE_LINE_MAX) */
	u32 seconds = 0;

	(void)dtb;
	period = freq / (1000000 / PERIOD_US);
	rt_gic_init();
	rt_gic_cpu_init();
	rt_gic_set_handler(handler);
	rt_gic_enable(INTID_VTIMER);
	rt_gic_enable(UART_INTID);
	mmio_write32(RT_UART + UARTIMSC, UART_INT_RX | UART_INT_RT);
	snprintf(line, sizeof(line), "rt: timer every %u us, counter at %lu Hz%s", PERIOD_US, freq,
		 under_partita ? "" : " (native)");
	say(line, under_partita);
	late_min = ~0ull;
	deadline = rt_counter() + period;
	arm(deadline);
	rt_irq_enable();
	exits = rt_exits();
	for (;;) {
		u64 n, mn, mx, sum, over;

		while (!second_done && !quit)
			__asm__ volatile("wfi");
		if (quit) {
			say("rt: q typed: powering off", under_partita);
			rt_system_off();
		}
		rt_irq_disable();
		second_done = false;
		n = count;
		mn = late_min;
		mx = late_max;
		sum = late_sum;
		over = overruns;
		count = late_sum = late_max = overruns = 0;
		late_min = ~0ull;
		rt_irq_enable();
		now_exits = rt_exits();
		/* Less the two calls of the last round: this count, and the line. */
		snprintf(
		    line, sizeof(line),
		    "rt: %lu s: %lu interrupts, lateness min %lu avg %lu max %lu ns; %ld exits "
		    "(%ld.%02ld per interrupt)%s",
		    (unsigned long)++seconds, n, ns(mn, freq), ns(n ? sum / n : 0, freq),
		    ns(mx, freq), under_partita ? now_exits - exits - 2 : 0,
		    under_partita ? (now_exits - exits - 2) / (s64)(n ? n : 1) : 0,
		    under_partita ? ((now_exits - exits - 2) * 100 / (s64)(n ? n : 1)) % 100 : 0,
		    over ? ", periods missed" : "");
		exits = now_exits;
		say(line, under_partita);
	}
}
