/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Stopping the machine on an internal error. Never used for guest input: a
 * guest's bad value is the guest's problem, reported to it.
 */
#ifndef CORE_PANIC_H
#define CORE_PANIC_H

void __attribute__((noreturn, format(printf, 1, 2))) panic(const char *fmt, ...);

/** Internal invariant: panics with the location when @c is false. */
#define CHECK(c) \
	do { \
		if (!(c)) \
			panic("CHECK failed: %s at %s:%d", #c, __FILE__, __LINE__); \
	} while (0)

#endif
