/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The rest of partita as the vGIC and the virtual ITS see it, faked for the
 * host (test_vgic, test_vits, tests/fuzz/fuzz_vits.c): per-CPU data, panic,
 * kicks and cache maintenance counted, vCPU lookup by MPIDR, and a physical
 * ITS that records the commands it is given.
 */
#ifndef TESTS_FAKE_HYP_H
#define TESTS_FAKE_HYP_H

#include <core/types.h>

/** One physical ITS command (opcode as in vdev/vits.h). */
struct pcmd {
	u8 op;
	u32 devid, event, plpi, pcpu;
};
#define FAKE_PCMDS 4096
/** The commands since the count was last set to 0; the array keeps the first FAKE_PCMDS. */
extern struct pcmd pcmds[FAKE_PCMDS];
extern unsigned npcmds;
extern unsigned cache_syncs; /* kicks: fake_kicks (fake_cpuif.h) */

#endif
