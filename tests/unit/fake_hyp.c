/* SPDX-License-Identifier: MIT */
/** @file The rest of partita for the vGIC's and vITS's host tests and fuzzer (see fake_hyp.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <arch/sysreg.h>
#include <core/partition.h>
#include <drivers/its.h>
#include <vdev/vits.h>
#include "fake_cpuif.h"
#include "fake_hyp.h"

struct percpu percpus[CONFIG_CPU_COUNT];
struct pcmd pcmds[FAKE_PCMDS];
unsigned npcmds, cache_syncs;

/* The host's memory is coherent; count what the vITS asks for. */
void arch_dcache_clean_inval(u64 va, u64 size)
{
	(void)va;
	(void)size;
	cache_syncs++;
}

void vcpu_kick(struct vcpu *v)
{
	(void)v;
	fake_kicks++;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

struct percpu *this_cpu(void)
{
	return &percpus[fake_cpu];
}

struct vcpu *partition_find_vcpu(struct partition *part, u64 mpidr)
{
	for (size_t i = 0; i < part->cfg->cpu_count; i++) {
		if ((part->vcpus[i].vmpidr & MPIDR_AFF_MASK) == (mpidr & MPIDR_AFF_MASK))
			return &part->vcpus[i];
	}
	return NULL;
}

static int record(u8 op, u32 devid, u32 event, u32 plpi, u32 pcpu)
{
	if (npcmds < FAKE_PCMDS)
		pcmds[npcmds] = (struct pcmd){ op, devid, event, plpi, pcpu };
	npcmds++;
	return 0;
}

int its_mapti(u32 devid, u32 event, u32 plpi, u32 pcpu)
{
	return record(ITS_MAPTI, devid, event, plpi, pcpu);
}

int its_movi(u32 devid, u32 event, u32 pcpu)
{
	return record(ITS_MOVI, devid, event, 0, pcpu);
}

int its_discard(u32 devid, u32 event)
{
	return record(ITS_DISCARD, devid, event, 0, 0);
}
