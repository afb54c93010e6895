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

#endif
