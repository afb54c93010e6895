/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The CPU's system registers for host tests (arch/sysreg.h under
 * PARTITA_HOST): one u64 per register name, created on first use, zero
 * until written; a test sets what the code under test will read and checks
 * what it wrote. A first step towards a full fake arch (Hafnium's model).
 */
#include <stdlib.h>
#include <string.h>
#include <arch/sysreg.h>
#include "fake_arch.h"

#define FAKE_SYSREGS 128

static struct {
	char name[40];
	u64 value;
} regs[FAKE_SYSREGS];
static unsigned nregs;

u64 *fake_sysreg(const char *name)
{
	for (unsigned i = 0; i < nregs; i++)
		if (!strcmp(regs[i].name, name))
			return &regs[i].value;
	if (nregs == FAKE_SYSREGS || strlen(name) >= sizeof(regs[0].name))
		abort();
	strcpy(regs[nregs].name, name);
	regs[nregs].value = 0;
	return &regs[nregs++].value;
}

void fake_sysregs_clear(void)
{
	nregs = 0;
}

unsigned fake_events[3]; /* SEV, WFE, WFI */

void (*fake_event_hook)(char which);

void fake_event(char which)
{
	fake_events[which == 's' ? 0 : which == 'e' ? 1 : 2]++;
	if (fake_event_hook)
		fake_event_hook(which);
}
