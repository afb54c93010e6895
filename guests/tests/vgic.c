/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Area vgic/: the virtual GICv3 as a guest OS drives it. One image, two roles
 * (config/test-vgic.c): the two-vCPU partition "vgic" owns the PL031 RTC
 * (SPI 34) and runs the delivery tests; the one-vCPU partition "vgic2" (its
 * first redistributor is the last) first tries to reach vgic's SPI and vCPUs,
 * then runs its virtual timer while vgic runs its own.
 *
 * vgic also takes console input through its emulated UART's interrupt.
 *
 * Every interrupt taken is counted per CPU and INTID, and the counts are
 * checked after a quiet delay, so "delivered exactly once" is what is checked.
 */
#include "gic.h"

#define RTC 0x09010000UL
#define RTC_DR 0x00
#define RTC_MR 0x04
#define RTC_IMSC 0x10
#define RTC_MIS 0x18
#define RTC_ICR 0x1c
#define INTID_RTC 34
#define INTID_PTIMER 30 /* the EL1 physical timer */
#define INTID_UART 33
#define UARTDR 0x00
#define UARTFR 0x18
#define UARTIMSC 0x38
#define UARTRIS 0x3c
#define UART_RX_RT 0x50 /* receive and receive-timeout interrupts */
#define FR_RXFE 0x10
#define SGI_PEER 13 /* what vgic2 aims at vgic's vCPUs */
#define NO_PREEMPT_LOW 12

#define TIMER_ROUNDS 200
#define CNTV_ENABLE 1u

static volatile u32 got[RT_MAX_CPUS][64];
static volatile u32 order[32], order_len;
static volatile u32 rtc_spurious, sec_ready, timer_late;
static volatile bool plain; /* SGIs only logged: no test behaviour in the handler */
static volatile char rx_buf[16];
static volatile u32 rx_len;
static volatile u64 timer_cval[RT_MAX_CPUS];

static u32 cpu_id(void)
{
	u64 v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return (u32)(v & (RT_MAX_CPUS - 1));
}

static void log_order(u32 v)
{
	if (order_len < ARRAY_SIZE(order))
		order[order_len] = v;
	order_len = order_len + 1;
}

/** Spin until *@p == @want or @us pass; true if it got there. */
static bool wait_eq(volatile u32 *p, u32 want, u64 us)
{
	u64 end = rt_counter() + us * rt_counter_freq() / 1000000;

	while (*p != want && rt_counter() < end)
		;
	return *p == want;
}

static void handler(u32 intid)
{
	u32 cpu = cpu_id();

	if (intid < 64)
		got[cpu][intid] = got[cpu][intid] + 1;
	if (plain && intid < 16) {
		log_order(intid);
		return;
	}
	switch (intid) {
	case INTID_VTIMER: {
		u64 now = rt_counter();

		__asm__ volatile("msr cntv_ctl_el0, %0\n isb" : : "r"(0ul));
		if (now < timer_cval[cpu])
			timer_late = timer_late + 1000000; /* fired early: never acceptable */
		break;
	}
	case INTID_PTIMER:
		__asm__ volatile("msr cntp_ctl_el0, %0\n isb" : : "r"(0ul));
		break;
	case INTID_UART:
		while (!(mmio_read32(RT_UART + UARTFR) & FR_RXFE)) {
			char c = (char)mmio_read32(RT_UART + UARTDR);

			if (rx_len < ARRAY_SIZE(rx_buf))
				rx_buf[rx_len] = c;
			rx_len = rx_len + 1;
		}
		break;
	case INTID_RTC:
		if (!(mmio_read32(RTC + RTC_MIS) & 1))
			rtc_spurious = rtc_spurious + 1;
		mmio_write32(RTC + RTC_ICR, 1);
		break;
	case 9: /* preempted by SGI 10 */
		log_order(9);
		rt_irq_enable();
		rt_gic_sgi(10, 1u << cpu);
		wait_eq(&got[cpu][10], 1, 10000);
		rt_irq_disable();
		log_order(0x109);
		break;
	case 10:
		log_order(10);
		break;
	case 11: /* not preempted by the lower-priority SGI 12 */
		log_order(11);
		rt_irq_enable();
		rt_gic_sgi(NO_PREEMPT_LOW, 1u << cpu);
		rt_delay_us(2000);
		rt_irq_disable();
		log_order(0x111);
		break;
	case NO_PREEMPT_LOW:
		log_order(NO_PREEMPT_LOW);
		break;
	default:
		break;
	}
}

/** SGI @intid taken once by each CPU in @cpus, and nothing else by anyone. */
static bool only(u32 cpus, u32 intid, u32 *bad_cpu, u32 *bad_intid)
{
	for (u32 c = 0; c < RT_MAX_CPUS; c++) {
		for (u32 i = 0; i < 16; i++) {
			u32 want = ((cpus & (1u << c)) && i == intid) ? 1 : 0;

			if (i == SGI_PEER)
				continue; /* checked on its own */
			if (got[c][i] != want) {
				*bad_cpu = c;
				*bad_intid = i;
				return false;
			}
		}
	}
	return true;
}

static void clear_counts(void)
{
	for (u32 c = 0; c < RT_MAX_CPUS; c++)
		for (u32 i = 0; i < 64; i++)
			if (i != SGI_PEER)
				got[c][i] = 0;
	order_len = 0;
}

/** Write @sgi1r; SGI @intid must reach each CPU of @cpus exactly once, and no other. */
static void sgi_case(const char *name, u64 sgi1r, u32 cpus, u32 intid)
{
	u32 bc = 0, bi = 0;

	clear_counts();
	rt_gic_sgi1r(sgi1r);
	for (u32 c = 0; c < RT_MAX_CPUS; c++)
		if (cpus & (1u << c))
			wait_eq(&got[c][intid], 1, 100000);
	rt_delay_us(5000);
	check(name, only(cpus, intid, &bc, &bi), "CPU %u took INTID %u %u time(s)", bc, bi,
	      got[bc][bi]);
}

/** @rounds virtual-timer interrupts on this CPU, each 1 ms after the last. */
static void vtimer_case(const char *name)
{
	u32 cpu = cpu_id(), i;
	u64 period = rt_counter_freq() / 1000;

	got[cpu][INTID_VTIMER] = 0;
	timer_late = 0;
	rt_gic_enable(INTID_VTIMER);
	rt_printf("%s: %u rounds of 1 ms started\n", name, TIMER_ROUNDS);
	for (i = 0; i < TIMER_ROUNDS; i++) {
		u64 cval = rt_counter() + period;

		timer_cval[cpu] = cval;
		__asm__ volatile("msr cntv_cval_el0, %0\n msr cntv_ctl_el0, %1\n isb"
				 :
				 : "r"(cval), "r"((u64)CNTV_ENABLE));
		if (!wait_eq(&got[cpu][INTID_VTIMER], i + 1, 100000))
			break;
	}
	rt_delay_us(3000);
	check(name, got[cpu][INTID_VTIMER] == TIMER_ROUNDS && !timer_late,
	      "%u of %u timer interrupts taken%s", got[cpu][INTID_VTIMER], TIMER_ROUNDS,
	      timer_late ? ", one before its deadline" : "");
	rt_gic_disable(INTID_VTIMER);
}

static u64 cntvct(void)
{
	u64 v;

	__asm__ volatile("isb\n mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

static u64 cntpct(void)
{
	u64 v;

	__asm__ volatile("isb\n mrs %0, cntpct_el0" : "=r"(v));
	return v;
}

/** Program timer @intid (27: virtual, 30: EL1 physical) to fire at @cval, or turn it off. */
static void timer_set(u32 intid, u64 cval, u64 ctl)
{
	if (intid == INTID_VTIMER)
		__asm__ volatile("msr cntv_cval_el0, %0\n msr cntv_ctl_el0, %1\n isb"
				 :
				 : "r"(cval), "r"(ctl));
	else
		__asm__ volatile("msr cntp_cval_el0, %0\n msr cntp_ctl_el0, %1\n isb"
				 :
				 : "r"(cval), "r"(ctl));
}

static u64 timer_ctl(u32 intid)
{
	u64 v;

	if (intid == INTID_VTIMER)
		__asm__ volatile("mrs %0, cntv_ctl_el0" : "=r"(v));
	else
		__asm__ volatile("mrs %0, cntp_ctl_el0" : "=r"(v));
	return v;
}

/**
 * A timer's interrupt is a level: with its PPI disabled, the timer fires
 * and is then turned off; its pending state must go with the line
 * (GICR_ISPENDR0 reads 0), enabling the PPI must bring no interrupt, and
 * the timer must work again after.
 */
static void timer_level_case(const char *name, const char *again, u32 intid, bool mask)
{
	u32 cpu = cpu_id(), pend;
	u64 end;

	rt_gic_disable(intid);
	got[cpu][intid] = 0;
	timer_set(intid, rt_counter() + rt_counter_freq() / 1000, CNTV_ENABLE);
	end = rt_counter() + rt_counter_freq() / 10;
	while (!(timer_ctl(intid) & 4) && rt_counter() < end) /* ISTATUS */
		;
	/* Wait until partita has taken the physical interrupt: pending, PPI disabled. */
	end = rt_counter() + rt_counter_freq() / 10;
	while (!(mmio_read32(rt_gicr() + 0x10000 + GICD_ISPENDR) & (1u << intid)) &&
	       rt_counter() < end)
		;
	if (!(mmio_read32(rt_gicr() + 0x10000 + GICD_ISPENDR) & (1u << intid))) {
		fail(name, "the timer fired but its PPI never read pending");
		timer_set(intid, 0, 0);
		return;
	}
	/* Off: ENABLE = 0, or still enabled but masked (IMASK). */
	timer_set(intid, 0, mask ? (CNTV_ENABLE | 2) : 0);
	pend = mmio_read32(rt_gicr() + 0x10000 + GICD_ISPENDR);
	rt_gic_enable(intid);
	rt_delay_us(10000);
	check(name, !(pend & (1u << intid)) && got[cpu][intid] == 0,
	      "GICR_ISPENDR0 0x%x after the timer went off, %u interrupt(s) once enabled", pend,
	      got[cpu][intid]);
	timer_set(intid, rt_counter() + rt_counter_freq() / 1000, CNTV_ENABLE);
	wait_eq(&got[cpu][intid], 1, 100000);
	timer_set(intid, 0, 0);
	check(again, got[cpu][intid] == 1, "INTID %u: %u interrupt(s)", intid, got[cpu][intid]);
	rt_gic_disable(intid);
}

/**
 * The EL1 physical timer is the guest's: its registers work, consistent
 * with the virtual counter (CNTVOFF = 0), and it fires beside the virtual
 * one, each on its own PPI.
 */
static void ptimer_case(const char *name, const char *regs)
{
	u32 cpu = cpu_id();
	u64 v0, p0, v1, cval, tval, period = rt_counter_freq() / 1000;
	struct rt_fault f;

	rt_expect_fault();
	v0 = cntvct();
	p0 = cntpct();
	v1 = cntvct();
	__asm__ volatile("msr cntp_tval_el0, %1\n isb\n mrs %0, cntp_cval_el0"
			 : "=&r"(cval)
			 : "r"(1000000ul));
	__asm__ volatile("mrs %0, cntp_tval_el0" : "=r"(tval));
	f = rt_fault_result();
	if (!check(regs,
		   !f.taken && v0 <= p0 && p0 <= v1 && cval >= v1 + 1000000 &&
		       cval <= cntpct() + 1000000 && (u32)tval <= 1000000,
		   "fault %d ESR 0x%lx; CNTVCT %lu, CNTPCT %lu, CNTVCT %lu, CVAL %lu, TVAL %u",
		   f.taken, f.esr, v0, p0, v1, cval, (u32)tval))
		return;
	got[cpu][INTID_PTIMER] = 0;
	got[cpu][INTID_VTIMER] = 0;
	rt_gic_enable(INTID_PTIMER);
	rt_gic_enable(INTID_VTIMER);
	for (u32 i = 0; i < 50; i++) {
		u64 now = rt_counter();

		timer_cval[cpu] = now + period;
		timer_set(INTID_VTIMER, now + period, CNTV_ENABLE);
		timer_set(INTID_PTIMER, now + period / 2, CNTV_ENABLE);
		if (!wait_eq(&got[cpu][INTID_VTIMER], i + 1, 100000) ||
		    !wait_eq(&got[cpu][INTID_PTIMER], i + 1, 100000))
			break;
	}
	check(name, got[cpu][INTID_PTIMER] == 50 && got[cpu][INTID_VTIMER] == 50,
	      "%u physical and %u virtual timer interrupts of 50 each", got[cpu][INTID_PTIMER],
	      got[cpu][INTID_VTIMER]);
	rt_gic_disable(INTID_PTIMER);
	rt_gic_disable(INTID_VTIMER);
}

static void registers_case(void)
{
	u64 r0 = rt_gicr(), r1 = RT_GICR + 0x20000, t0, t1, route;
	u32 typer = mmio_read32(RT_GICD + GICD_TYPER);
	volatile u64 *irouter = (volatile u64 *)(RT_GICD + GICD_IROUTER + 8 * INTID_RTC);

	check("vgic/gicd-typer", (typer & 0x1f) == 1 && ((typer >> 19) & 0x1f) == 9,
	      "GICD_TYPER 0x%x: ITLinesNumber must be 1 (SPIs up to 63), IDbits 9", typer);
	check("vgic/gicd-ids",
	      ((mmio_read32(RT_GICD + GICD_PIDR2) >> 4) & 0xf) == 3 &&
		  (mmio_read32(RT_GICD + GICD_CTLR) & 0x52) == 0x52,
	      "PIDR2 0x%x CTLR 0x%x", mmio_read32(RT_GICD + GICD_PIDR2),
	      mmio_read32(RT_GICD + GICD_CTLR));
	t0 = *(volatile u64 *)(r0 + GICR_TYPER);
	t1 = *(volatile u64 *)(r1 + GICR_TYPER);
	check("vgic/gicr-typer",
	      r0 == RT_GICR && t0 >> 32 == 0 && ((t0 >> 8) & 0xffff) == 0 && !(t0 & 0x10) &&
		  t1 >> 32 == 1 && ((t1 >> 8) & 0xffff) == 1 && (t1 & 0x10) &&
		  mmio_read32(r1 + GICR_TYPER + 4) == 1,
	      "frame 0 at 0x%lx TYPER 0x%lx, frame 1 TYPER 0x%lx", r0, t0, t1);
	/* Every affinity field survives, in 64- and 32-bit accesses; IRM is not offered. */
	*irouter = 0xab00123400ULL | (1ULL << 31);
	route = *irouter;
	check("vgic/irouter-64bit",
	      route == 0xab00123400ULL && mmio_read32((u64)irouter + 4) == 0xab &&
		  mmio_read32((u64)irouter) == 0x123400,
	      "IROUTER reads 0x%lx after writing 0xab80123400", route);
	*irouter = 0;
}

static void secondary(u64 cpu)
{
	(void)cpu;
	rt_gic_cpu_init();
	for (u32 i = 0; i < 16; i++)
		rt_gic_enable(i);
	rt_irq_enable();
	sec_ready = 1;
	for (;;)
		__asm__ volatile("wfi");
}

static void eoimode_cases(void)
{
	bool active, ok;

	rt_gic_set_eoimode(true);
	rt_gic_defer_deactivate(true);
	clear_counts();
	rt_gic_sgi(5, 1);
	wait_eq(&got[0][5], 1, 10000);
	active = rt_gic_is_active(5);
	rt_gic_deactivate(5);
	check("vgic/eoimode1-dir", got[0][5] == 1 && active && !rt_gic_is_active(5),
	      "taken %u time(s), active after EOI %d, after DIR %d", got[0][5], active,
	      rt_gic_is_active(5));

	clear_counts();
	rt_gic_sgi(6, 1);
	wait_eq(&got[0][6], 1, 10000);
	rt_gic_sgi(6, 1); /* pending again while active: must wait */
	rt_delay_us(2000);
	ok = got[0][6] == 1 && rt_gic_is_active(6) && rt_gic_is_pending(6);
	rt_gic_clear_active(6);
	wait_eq(&got[0][6], 2, 10000);
	rt_gic_deactivate(6);
	rt_delay_us(1000);
	check("vgic/eoimode1-icactiver",
	      ok && got[0][6] == 2 && !rt_gic_is_active(6) && !rt_gic_is_pending(6),
	      "held while active %d, taken %u time(s) in all", ok, got[0][6]);
	rt_gic_defer_deactivate(false);
	rt_gic_set_eoimode(false);
}

static void priority_cases(void)
{
	u32 i, bad = 0;
	s64 e0, e1;
	bool held;

	clear_counts();
	rt_gic_set_priority(7, 0x90);
	rt_gic_set_priority(8, 0x60);
	rt_gic_set_pmr(0x80);
	rt_gic_sgi(7, 1);
	rt_delay_us(2000);
	held = got[0][7] == 0 && rt_gic_is_pending(7);
	rt_gic_sgi(8, 1);
	wait_eq(&got[0][8], 1, 10000);
	rt_gic_set_pmr(0xff);
	wait_eq(&got[0][7], 1, 10000);
	check("vgic/pmr-mask", held && got[0][8] == 1 && got[0][7] == 1,
	      "masked one held %d; taken: above the mask %u, below it %u", held, got[0][8],
	      got[0][7]);

	clear_counts();
	rt_gic_set_priority(9, 0xc0);
	rt_gic_set_priority(10, 0x40);
	rt_gic_sgi(9, 1);
	wait_eq(&order_len, 3, 20000);
	check("vgic/preemption",
	      order_len == 3 && order[0] == 9 && order[1] == 10 && order[2] == 0x109,
	      "order %x %x %x (%u entries)", order[0], order[1], order[2], order_len);

	clear_counts();
	rt_gic_set_priority(11, 0x40);
	rt_gic_set_priority(NO_PREEMPT_LOW, 0xc0);
	rt_gic_sgi(11, 1);
	wait_eq(&order_len, 3, 20000);
	check("vgic/no-preemption-by-lower",
	      order_len == 3 && order[0] == 11 && order[1] == 0x111 && order[2] == NO_PREEMPT_LOW,
	      "order %x %x %x (%u entries)", order[0], order[1], order[2], order_len);

	/* All 16 SGIs pending at once, with priorities in scrambled order. */
	clear_counts();
	plain = true;
	for (i = 0; i < 16; i++)
		rt_gic_set_priority(i, (u8)(0x10 + 8 * ((i * 7) % 16)));
	rt_irq_disable();
	for (i = 0; i < 16; i++)
		rt_gic_sgi(i, 1);
	e0 = rt_exits();
	rt_irq_enable();

	wait_eq(&order_len, 16, 100000);
	e1 = rt_exits();
	rt_delay_us(2000);
	/* Lowest priority value first: SGI i has rank (7 i) mod 16. */
	for (i = 0; i < 16 && i < order_len; i++) {
		if ((order[i] * 7) % 16 != i)
			bad++;
	}
	for (i = 0; i < 16; i++)
		bad += got[0][i] != 1;
	check("vgic/more-pending-than-lrs", order_len == 16 && !bad,
	      "%u taken, %u out of order or not exactly once", order_len, bad);
	/* Under partita: the list registers are refilled in batches, not one exit per EOI. */
	rt_printf("vgic: 16 pending interrupts taken with %ld exit(s)\n", e1 - e0 - 1);
	check("vgic/refill-not-per-eoi", e0 < 0 || (e1 - e0 - 1 < 8),
	      "%ld exits to take 16 interrupts", e1 - e0 - 1);
	for (i = 0; i < 16; i++)
		rt_gic_set_priority(i, 0xa0);
	plain = false;
}

/**
 * The emulated UART's receive interrupt, as Linux's amba-pl011 uses it. The
 * input ("hi\n") reaches the physical UART seconds after boot
 * (tests/system/vgic.test, INPUT_DELAY), while this vCPU waits in WFI without
 * touching its UART: only partita's own UART interrupt can wake it.
 */
static void uart_rx_case(void)
{
	u32 early = mmio_read32(RT_UART + UARTRIS) & UART_RX_RT;
	u64 end = rt_counter() + 20 * rt_counter_freq();
	bool ok;

	rx_len = 0;
	rt_gic_enable(INTID_UART);
	mmio_write32(RT_UART + UARTIMSC, UART_RX_RT);
	rt_gic_enable(INTID_VTIMER);
	while (rx_len < 3 && rt_counter() < end) {
		/* The timer only bounds the wait, 100 ms at a time. */
		__asm__ volatile("msr cntv_cval_el0, %0\n msr cntv_ctl_el0, %1\n isb\n wfi"
				 :
				 : "r"(rt_counter() + rt_counter_freq() / 10),
				   "r"((u64)CNTV_ENABLE));
	}
	__asm__ volatile("msr cntv_ctl_el0, xzr\n isb");
	rt_gic_disable(INTID_VTIMER);
	mmio_write32(RT_UART + UARTIMSC, 0);
	rt_gic_disable(INTID_UART);
	ok = rx_len == 3 && rx_buf[0] == 'h' && rx_buf[1] == 'i' && rx_buf[2] == '\n';
	check("vgic/uart-rx-interrupt", ok && !early, "%u character(s) by interrupt%s", rx_len,
	      early ? ", but the input was there before the wait began" : "");
}

static void rtc_case(const char *name, u32 cpu)
{
	volatile u64 *irouter = (volatile u64 *)(RT_GICD + GICD_IROUTER + 8 * INTID_RTC);

	clear_counts();
	rtc_spurious = 0;
	*irouter = cpu;
	mmio_write32(RTC + RTC_ICR, 1);
	mmio_write32(RTC + RTC_IMSC, 1);
	mmio_write32(RTC + RTC_MR, mmio_read32(RTC + RTC_DR) + 1);
	wait_eq(&got[cpu][INTID_RTC], 1, 2500000);
	rt_delay_us(20000);
	check(name, got[cpu][INTID_RTC] == 1 && got[cpu ^ 1][INTID_RTC] == 0 && !rtc_spurious,
	      "vCPU %u took it %u time(s), the other %u, %u without the RTC's interrupt", cpu,
	      got[cpu][INTID_RTC], got[cpu ^ 1][INTID_RTC], rtc_spurious);
	mmio_write32(RTC + RTC_IMSC, 0);
}

#define PSCI_SYSTEM_RESET 0x84000009
#define RESTART_MAGIC 0x52455354415254UL
#define RAM_SIZE 0x4000000UL /* config/test-vgic.c */

/**
 * The end of run 1: the guest takes the RTC's SPI and keeps it active (no
 * EOI), leaves six SGIs pending behind it (more than the list registers),
 * and resets its partition.
 */
static void restart_run1(void)
{
	volatile u64 *irouter = (volatile u64 *)(RT_GICD + GICD_IROUTER + 8 * INTID_RTC);
	u64 end = rt_counter() + 3 * rt_counter_freq();
	u64 intid = 1023;

	rt_irq_disable();
	*irouter = 0;
	rt_gic_enable(INTID_RTC);
	mmio_write32(RTC + RTC_ICR, 1);
	mmio_write32(RTC + RTC_IMSC, 1);
	mmio_write32(RTC + RTC_MR, mmio_read32(RTC + RTC_DR) + 1);
	while (intid != INTID_RTC && rt_counter() < end) {
		__asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(intid)); /* ICC_IAR1_EL1 */
		if (intid != INTID_RTC && intid < 1020)
			__asm__ volatile("msr S3_0_C12_C12_1, %0" : : "r"(intid)); /* EOIR1 */
	}
	if (intid != INTID_RTC) {
		fail("vgic/restart-prepared", "the RTC's interrupt never came");
		return;
	}
	for (u32 i = 1; i <= 6; i++)
		rt_gic_sgi(i, 1); /* pending, behind the active SPI's priority or not */
	pass("vgic/restart-prepared");
	*rt_reset_page(RAM_SIZE) = RESTART_MAGIC;
	__asm__ volatile("dsb sy" ::: "memory");
	hvc_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	fail("vgic/restart-prepared", "SYSTEM_RESET returned");
}

/** Run 2: nothing of run 1 arrives or stays active, and the SPI and SGIs work again. */
static void restart_run2(void)
{
	u32 active, late = 0;

	*rt_reset_page(RAM_SIZE) = 0;
	rt_gic_init();
	rt_gic_cpu_init();
	rt_gic_set_handler(handler);
	active = mmio_read32(RT_GICD + GICD_ISACTIVER + 4);
	check("vgic/restart-spi-not-active", !(active & (1u << (INTID_RTC - 32))),
	      "GICD_ISACTIVER1 0x%x", active);
	rt_irq_enable();
	for (u32 i = 0; i < 16; i++)
		rt_gic_enable(i);
	rt_delay_us(20000);
	for (u32 i = 0; i < 16; i++)
		late += got[0][i];
	check("vgic/restart-nothing-of-run-1", late == 0, "%u SGI(s) of run 1 arrived", late);
	sgi_case("vgic/restart-sgi-works", (1ul << 24) | 1, 1, 1);
	rt_gic_enable(INTID_RTC);
	rtc_case("vgic/restart-spi-works", 0);
	rt_gic_disable(INTID_RTC);
}

static void vgic_main(void)
{
	rt_gic_init();
	rt_gic_cpu_init();
	rt_gic_set_handler(handler);
	rt_irq_enable();
	for (u32 i = 0; i < 16; i++)
		rt_gic_enable(i);

	vtimer_case("vgic/vtimer");
	ptimer_case("vgic/ptimer-beside-vtimer", "vgic/ptimer-registers");
	timer_level_case("vgic/vtimer-level-off", "vgic/vtimer-after-level-off", INTID_VTIMER,
			 false);
	timer_level_case("vgic/vtimer-level-masked", "vgic/vtimer-after-level-masked", INTID_VTIMER,
			 true);
	timer_level_case("vgic/ptimer-level-off", "vgic/ptimer-after-level-off", INTID_PTIMER,
			 false);
	registers_case();
	if (rt_cpu_on(1, secondary) != 0 || !wait_eq(&sec_ready, 1, 1000000)) {
		fail("vgic/secondary", "vCPU 1 did not start");
		return;
	}
	rt_delay_us(1000);
	sgi_case("vgic/sgi-self", (1ul << 24) | 1, 1, 1);
	sgi_case("vgic/sgi-target-list", (2ul << 24) | 2, 2, 2);
	sgi_case("vgic/sgi-target-list-both", (2ul << 24) | 3, 3, 2);
	sgi_case("vgic/sgi-broadcast-irm", (3ul << 24) | (1ul << 40), 2, 3);
	/* Aff0 2 and 3, and Aff1 = 1: other partitions' CPUs, never this one's */
	sgi_case("vgic/sgi-outside-partition", (4ul << 24) | 0xc, 0, 4);
	sgi_case("vgic/sgi-outside-aff1", (4ul << 24) | (1ul << 16) | 3, 0, 4);
	uart_rx_case();
	eoimode_cases();
	check("vgic/sgi-from-other-partition", !got[0][SGI_PEER] && !got[1][SGI_PEER],
	      "SGI %u from vgic2 reached vCPU 0 %u, vCPU 1 %u time(s)", SGI_PEER, got[0][SGI_PEER],
	      got[1][SGI_PEER]);
	priority_cases();

	rt_gic_enable(INTID_RTC);
	rtc_case("vgic/spi-assigned", 0);
	rtc_case("vgic/spi-rerouted", 1);
	rt_gic_disable(INTID_RTC);
	restart_run1();
}

/** vgic2: aim at vgic's SPI and vCPUs (each write is counted), then run the timer. */
static void peer_main(void)
{
	volatile u64 *irouter = (volatile u64 *)(RT_GICD + GICD_IROUTER + 8 * INTID_RTC);
	u32 en, pend, prio;

	rt_gic_dist_enable();
	rt_gic_cpu_init();
	rt_gic_set_handler(handler);
	rt_irq_enable();
	mmio_write32(RT_GICD + GICD_ISENABLER + 4, 1u << 2);
	mmio_write32(RT_GICD + GICD_ISPENDR + 4, 1u << 2);
	*(volatile u8 *)(RT_GICD + GICD_IPRIORITYR + INTID_RTC) = 0x10;
	*irouter = 0;
	mmio_write32(RT_GICD + GICD_ICFGR + 8, 2u << 4);
	en = mmio_read32(RT_GICD + GICD_ISENABLER + 4);
	pend = mmio_read32(RT_GICD + GICD_ISPENDR + 4);
	prio = *(volatile u8 *)(RT_GICD + GICD_IPRIORITYR + INTID_RTC);
	check("vgic/foreign-spi-raz", !(en & 4) && !(pend & 4) && !prio && !*irouter,
	      "INTID 34 reads enabled %u pending %u priority 0x%x route 0x%lx", en & 4, pend & 4,
	      prio, *irouter);
	/* vgic's vCPU 1 is Aff0 = 1; here that names nobody. */
	rt_gic_sgi(SGI_PEER, 0xe);
	rt_gic_sgi1r(((u64)SGI_PEER << 24) | (1ul << 16) | 1);
	rt_delay_us(2000);
	check("vgic/peer-sgi-sent", got[0][SGI_PEER] == 0, "took its own SGI %u", got[0][SGI_PEER]);
	vtimer_case("vgic/vtimer-peer");
	ptimer_case("vgic/ptimer-peer", "vgic/ptimer-registers-peer");
	/* By now vgic has aimed its SGIs at other partitions' CPUs, this one's included. */
	rt_delay_us(1000000);
	check("vgic/peer-took-no-foreign-sgi", only(0, 0, &en, &pend), "took INTID %u %u time(s)",
	      pend, got[en][pend]);
}

void guest_main(u64 dtb)
{
	(void)dtb;
	if (*rt_reset_page(RAM_SIZE) == RESTART_MAGIC) {
		restart_run2();
		return;
	}
	/* vgic2 has one vCPU: its first redistributor is the last. */
	if (*(volatile u64 *)(RT_GICR + GICR_TYPER) & 0x10)
		peer_main();
	else
		vgic_main();
}
