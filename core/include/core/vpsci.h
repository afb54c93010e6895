/* SPDX-License-Identifier: MIT */
/**
 * @file
 * PSCI 1.1 (Arm DEN 0022) as a partition sees it, over HVC and trapped SMC:
 * its own vCPUs only, and SYSTEM_OFF / SYSTEM_RESET of its own partition.
 */
#ifndef CORE_VPSCI_H
#define CORE_VPSCI_H

#include <core/partition.h>

/** Handle the call in @regs (function ID in w0, result in x0). */
void vpsci_call(struct vcpu *vcpu, struct guest_regs *regs);

#endif
