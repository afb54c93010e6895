/* SPDX-License-Identifier: MIT */
/** @file panic(): report and stop this CPU for good. */
#include <arch/cpu.h>
#include <arch/el2.h>
#include <arch/sysreg.h>
#include <arch/trapregs.h>
#include <core/console.h>
#include <core/lib.h>
#include <core/panic.h>

/** Print the frame-pointer chain starting at @fp. */
static void backtrace(u64 fp)
{
	for (int depth = 0; depth < 16 && fp && IS_ALIGNED(fp, 16); depth++) {
		u64 *frame = (u64 *)(uintptr_t)fp;

		if (!frame[1])
			break;
		console_emergency("  [%d] %016lx\n", depth, frame[1]);
		fp = frame[0];
	}
}

static void __attribute__((noreturn)) stop(void)
{
	for (;;)
		wfi();
}

void hyp_panic_frame(const char *why, const struct guest_regs *frame)
{
	console_flush(); /* what the rings hold first, for context (bounded) */
	console_emergency("\n[partita] PANIC on CPU %lx: %s\n", arch_cpu_mpidr(), why);
	console_emergency("  ESR %016lx  ELR %016lx  FAR %016lx\n", arch_trap_esr(),
			  arch_trap_elr(), arch_trap_far());
	if (frame) {
		for (int i = 0; i < 31; i += 2)
			console_emergency("  x%-2d %016lx  x%-2d %016lx\n", i, frame->x[i], i + 1,
					  i + 1 < 31 ? frame->x[i + 1] : 0);
		console_emergency("  backtrace (from the faulting frame):\n");
		console_emergency("  [-] %016lx\n", frame->pc);
		backtrace(frame->x[29]);
	} else {
		console_emergency("  backtrace:\n");
		backtrace((u64)(uintptr_t)__builtin_frame_address(0));
	}
	stop();
}

void panic(const char *fmt, ...)
{
	char msg[CONSOLE_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	hyp_panic_frame(msg, NULL);
	stop();
}

/** Called by the EL2 vectors for an exception taken from EL2 itself: a partita bug. */
void hyp_exception(struct guest_regs *frame, u64 kind)
{
	static const char *const kinds[] = { "synchronous exception at EL2", "IRQ at EL2",
					     "FIQ at EL2", "SError at EL2" };

	hyp_panic_frame(kinds[kind & 3], frame);
}
