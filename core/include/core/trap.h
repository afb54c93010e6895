/* SPDX-License-Identifier: MIT */
/** @file Entry points of the EL2 vectors for exceptions from guests. */
#ifndef CORE_TRAP_H
#define CORE_TRAP_H

#include <arch/cpu.h>

void trap_guest_sync(struct guest_regs *regs);
void trap_guest_irq(struct guest_regs *regs);
void trap_guest_serror(struct guest_regs *regs);
void trap_guest_aarch32(struct guest_regs *regs);

#endif
