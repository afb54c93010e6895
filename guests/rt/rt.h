/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The bare-metal guest runtime: console on the partition's PL011, PSCI calls,
 * exception capture (so a test can expect an abort), delays, and the test
 * report format the runner reads: "PASS <area>/<case>" or
 * "FAIL <area>/<case>: <why>".
 */
#ifndef RT_H
#define RT_H

#include <core/lib.h>
#include <core/types.h>

#define RT_UART 0x09000000UL
#define RT_MAX_CPUS 4

/** Registers at entry, saved by start.S before anything else ran. */
struct boot_regs {
	u64 x0, x1, x2, x3;
	u64 current_el, spsel, daif, sctlr;
};
extern struct boot_regs boot_regs;
extern char _start[], _end[];

/**
 * The last page of the partition's RAM of @ram_size bytes, where the image
 * starts (load offset 0): partita reloads the image at SYSTEM_RESET, not
 * the rest of RAM, so what is written there survives into the next run.
 */
static inline volatile u64 *rt_reset_page(u64 ram_size)
{
	return (volatile u64 *)((u64)(uintptr_t)_start + ram_size - 0x1000);
}

/** Each guest defines its test body. */
void guest_main(u64 dtb);

void rt_putc(char c);
void rt_puts(const char *s);
void rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** A character from the console, or -1 if none is waiting. */
int rt_getc(void);

void pass(const char *name);
void fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** PASS or FAIL depending on @cond; returns @cond. */
bool check(const char *name, bool cond, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

s64 hvc_call(u64 fid, u64 a1, u64 a2, u64 a3);
s64 smc_call(u64 fid, u64 a1, u64 a2, u64 a3);
void __attribute__((noreturn)) rt_system_off(void);

/** Start vCPU @cpu (MPIDR Aff0) running @fn(cpu); returns the PSCI result. */
s64 rt_cpu_on(u64 cpu, void (*fn)(u64 cpu));
/** Address of the secondary entry point, for PSCI tests. */
u64 rt_secondary_entry_addr(void);

/** Outcome of an access that may abort. */
struct rt_fault {
	bool taken;
	u64 esr, far;
};
/** Arm the next synchronous exception to be recorded and skipped, not fatal. */
void rt_expect_fault(void);
/** The recorded exception since rt_expect_fault(), disarming. */
struct rt_fault rt_fault_result(void);

/** Read/write 32 bits at @addr; false if it aborted (ESR in *esr if non-NULL). */
bool rt_read32(u64 addr, u32 *val, u64 *esr);
bool rt_write32(u64 addr, u32 val, u64 *esr);

/**
 * Run Thumb code at @entry in AArch32 EL0 with R0-R3 from @regs until it
 * traps to EL1 (end it with an SVC); R0-R3 come back in @regs. Returns
 * ESR_EL1 of that exception.
 */
u64 rt_run_a32_el0(u64 entry, u32 regs[4]);

u64 rt_counter(void);
u64 rt_counter_freq(void);
void rt_delay_us(u64 us);

static inline u32 mmio_read32(u64 a)
{
	return *(volatile u32 *)a;
}

static inline void mmio_write32(u64 a, u32 v)
{
	*(volatile u32 *)a = v;
}

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)

#endif
