/* SPDX-License-Identifier: MIT */
/** @file Bare-metal guest runtime (see rt.h). */
#include <stdarg.h>
#include "rt.h"

#define UARTDR 0x00
#define UARTFR 0x18
#define FR_TXFF (1u << 5)
#define FR_RXFE (1u << 4)

static volatile bool fault_armed, fault_taken;
static volatile u64 fault_esr, fault_far;
static void (*secondary_fn[RT_MAX_CPUS])(u64);
extern char rt_secondary_entry[];

void rt_putc(char c)
{
	while (mmio_read32(RT_UART + UARTFR) & FR_TXFF)
		;
	mmio_write32(RT_UART + UARTDR, (u8)c);
}

/*
 * The console is one UART for all vCPUs, which shows characters in the order
 * written, as a real one does: a string goes out whole under this lock. The
 * owner's CPU number + 1, so that a print from an exception handler on the
 * CPU that holds it goes on (its line may then break into the other). Test
 * guests run with the MMU off, where exclusives to Device memory are
 * CONSTRAINED UNPREDICTABLE: QEMU, where they run, carries them out.
 */
static u32 print_lock;

static u32 cpu_tag(void)
{
	u64 v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return (u32)(v & 0xff) + 1;
}

void rt_puts(const char *s)
{
	u32 me = cpu_tag(), free = 0;
	bool mine = __atomic_load_n(&print_lock, __ATOMIC_ACQUIRE) == me;

	while (!mine && !__atomic_compare_exchange_n(&print_lock, &free, me, false,
						     __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		free = 0;
	while (*s)
		rt_putc(*s++);
	if (!mine)
		__atomic_store_n(&print_lock, 0, __ATOMIC_RELEASE);
}

static void rt_vprintf(const char *fmt, va_list ap)
{
	char buf[256];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	rt_puts(buf);
}

void rt_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rt_vprintf(fmt, ap);
	va_end(ap);
}

int rt_getc(void)
{
	if (mmio_read32(RT_UART + UARTFR) & FR_RXFE)
		return -1;
	return (int)(mmio_read32(RT_UART + UARTDR) & 0xff);
}

void pass(const char *name)
{
	rt_printf("PASS %s\n", name);
}

void fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	rt_printf("FAIL %s: ", name);
	va_start(ap, fmt);
	rt_vprintf(fmt, ap);
	va_end(ap);
	rt_putc('\n');
}

bool check(const char *name, bool cond, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		pass(name);
		return true;
	}
	rt_printf("FAIL %s: ", name);
	va_start(ap, fmt);
	rt_vprintf(fmt, ap);
	va_end(ap);
	rt_putc('\n');
	return false;
}

s64 hvc_call(u64 fid, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fid;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	__asm__ volatile("hvc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			   "x15", "x16", "x17", "memory");
	return (s64)x0;
}

s64 smc_call(u64 fid, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fid;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			   "x15", "x16", "x17", "memory");
	return (s64)x0;
}

void rt_system_off(void)
{
	hvc_call(0x84000008, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}

u64 rt_secondary_entry_addr(void)
{
	return (u64)(uintptr_t)rt_secondary_entry;
}

s64 rt_cpu_on(u64 cpu, void (*fn)(u64 cpu))
{
	if (cpu >= RT_MAX_CPUS)
		return -2;
	secondary_fn[cpu] = fn;
	__asm__ volatile("dsb sy" ::: "memory");
	return hvc_call(0xc4000003, cpu, rt_secondary_entry_addr(), cpu);
}

void rt_secondary(u64 cpu);
void rt_secondary(u64 cpu)
{
	if (secondary_fn[cpu])
		secondary_fn[cpu](cpu);
	hvc_call(0x84000002, 0, 0, 0); /* CPU_OFF */
	for (;;)
		__asm__ volatile("wfi");
}

void rt_expect_fault(void)
{
	fault_taken = false;
	fault_esr = 0;
	fault_far = 0;
	fault_armed = true;
	__asm__ volatile("dsb sy" ::: "memory");
}

struct rt_fault rt_fault_result(void)
{
	struct rt_fault f = { fault_taken, fault_esr, fault_far };

	fault_armed = false;
	return f;
}

/** Called from the EL1 vectors for every synchronous exception. */
void rt_exception(u64 *frame);
void rt_exception(u64 *frame)
{
	u64 esr, far, elr;

	__asm__ volatile("mrs %0, esr_el1" : "=r"(esr));
	__asm__ volatile("mrs %0, far_el1" : "=r"(far));
	__asm__ volatile("mrs %0, elr_el1" : "=r"(elr));
	if (fault_armed) {
		fault_armed = false;
		fault_taken = true;
		fault_esr = esr;
		fault_far = far;
		/*
		 * A data abort or UNDEF: skip the instruction. An instruction abort
		 * (EC 0x21) came from a call to a bad address: return to the caller.
		 */
		elr = ESR_EC(esr) == 0x21 ? frame[20] : elr + 4;
		__asm__ volatile("msr elr_el1, %0" : : "r"(elr));
		return;
	}
	rt_printf("FAIL rt/unexpected-exception: ESR 0x%lx FAR 0x%lx ELR 0x%lx\n", esr, far, elr);
	rt_system_off();
}

void rt_unexpected_irq(void);
void rt_unexpected_irq(void)
{
	rt_printf("FAIL rt/unexpected-interrupt\n");
	rt_system_off();
}

bool rt_read32(u64 addr, u32 *val, u64 *esr)
{
	struct rt_fault f;
	u32 v;

	rt_expect_fault();
	v = *(volatile u32 *)addr;
	f = rt_fault_result();
	if (esr)
		*esr = f.esr;
	if (!f.taken)
		*val = v;
	return !f.taken;
}

bool rt_write32(u64 addr, u32 val, u64 *esr)
{
	struct rt_fault f;

	rt_expect_fault();
	*(volatile u32 *)addr = val;
	f = rt_fault_result();
	if (esr)
		*esr = f.esr;
	return !f.taken;
}

u64 rt_counter(void)
{
	u64 v;

	__asm__ volatile("isb\n mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

u64 rt_counter_freq(void)
{
	u64 v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

void rt_delay_us(u64 us)
{
	u64 end = rt_counter() + us * rt_counter_freq() / 1000000;

	while (rt_counter() < end)
		;
}

void rt_boot(u64 dtb);
void rt_boot(u64 dtb)
{
	guest_main(dtb);
	rt_system_off();
}
