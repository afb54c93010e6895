/* SPDX-License-Identifier: MIT */
/** @file The fake system registers of tests/unit/fake_arch.c. */
#ifndef TESTS_FAKE_ARCH_H
#define TESTS_FAKE_ARCH_H

#include <core/types.h>

u64 *fake_sysreg(const char *name);
/** Forget every register (all read zero again). */
void fake_sysregs_clear(void);
/** SEV, WFE and WFI executed (sev(), wfe(), wfi() under PARTITA_HOST). */
extern unsigned fake_events[3];
/** Called after each of them is counted, if set ('s', 'e' or 'i'): a test's way out of a wait. */
extern void (*fake_event_hook)(char which);

#endif
