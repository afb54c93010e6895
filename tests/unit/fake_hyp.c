/* SPDX-License-Identifier: MIT */
/** @file The rest of partita for the vGIC's and vITS's host tests and fuzzer (see fake_hyp.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arch/asm.h>
#include <arch/gic_cpuif.h>
#include <arch/sysreg.h>
#include <core/partition.h>
#include <drivers/its.h>
#include <vdev/vits.h>
#include "fake_cpuif.h"
#include "fake_hyp.h"

struct percpu percpus[CONFIG_CPU_COUNT];
_Thread_local u32 lock_ranks_held;
struct pcmd pcmds[FAKE_PCMDS];
unsigned npcmds, cache_syncs;

/* The host's memory is coherent; count what the vITS asks for. */
void arch_dcache_clean_inval(u64 va, u64 size)
{
	(void)va;
	(void)size;
	cache_syncs++;
}

/* The vGIC's kick: counted, one per vCPU, as core's vcpu_kick() is called. */
static void fake_kick(void *ctx, u32 vcpus)
{
	(void)ctx;
	fake_kicks += (unsigned)__builtin_popcount(vcpus);
}

u32 fake_resampled[8];
unsigned fake_nresampled;

/* The vGIC asks the source of a completed INTx line to look again: recorded. */
static void fake_resample(void *ctx, u32 intid)
{
	(void)ctx;
	if (fake_nresampled < 8)
		fake_resampled[fake_nresampled] = intid;
	fake_nresampled++;
}

void fake_vgic_init(struct partition *p)
{
	struct vgic_setup s = { .cfg = p->cfg,
				.mmio = &p->mmio,
				.soft_spi = p->cfg->uart_ipa ? VPL011_INTID : 0,
				/* PCI INTx lines, as core gives a partition with PCI functions. */
				.resample_spi = 35,
				.resample_count = p->cfg->pci_function_count ? 4 : 0,
				.resample = fake_resample,
				.resample_ctx = p,
				.kick = fake_kick,
				.kick_ctx = p };

	for (size_t i = 0; i < p->cfg->cpu_count; i++)
		s.pc[i] = &percpus[p->cfg->cpus[i]].vgic;
	vgic_init(&p->vgic, &s);
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

static int record(u8 op, u32 devid, u32 event, u32 plpi, u32 pcpu, bool virt)
{
	if (npcmds < FAKE_PCMDS)
		pcmds[npcmds] = (struct pcmd){ op, devid, event, plpi, pcpu, virt };
	npcmds++;
	return 0;
}

int its_mapti(u32 devid, u32 event, u32 plpi, u32 pcpu)
{
	return record(ITS_MAPTI, devid, event, plpi, pcpu, false);
}

int its_movi(u32 devid, u32 event, u32 pcpu)
{
	return record(ITS_MOVI, devid, event, 0, pcpu, false);
}

/*
 * vectors.S's MSI fast path (guest_lpi64) in C, step for step. test_fastpath
 * runs the real instructions beside this on thousands of states and fails
 * when the two part.
 */
bool fake_fast_msi(struct partition *p, u32 v, u32 m)
{
	struct percpu *pc = &percpus[p->cfg->cpus[v]];
	struct virq *q;
	u64 free;
	u32 empty;
	unsigned n;

	fake_cpu = v;
	empty = cpuif_empty_lrs();
	if (m >= pc->vgic.lpi_hi - pc->vgic.lpi_lo)
		return false;
	if (pc->vgic.fast_lr) {
		if (!(empty & BIT(pc->vgic.fast_lr - 1)))
			return false;
		pc->vgic.lpi_free |= BIT(pc->vgic.fast_lr - 1);
		pc->vgic.fast_lr = 0;
	}
	free = pc->vgic.lpi_free & empty;
	if (!free)
		return false;
	q = &((struct vits_event *)pc->vgic.lpi_events)[m].irq;
	if ((q->flags & VIRQ_FAST_MASK) != VIRQ_FAST_WANT || q->target != pc->vgic.lpi_target)
		return false;
	n = 63 - (unsigned)__builtin_clzll(free);
	pc->vgic.fast_lr = n + 1;
	pc->vgic.fast_lpi = m;
	pc->vgic.lpi_free &= ~BIT(n);
	cpuif_write_lr(n, q->intid | (u64)q->priority << ICH_LR_PRIORITY_SHIFT | ICH_LR_GROUP |
			      ICH_LR_PENDING << ICH_LR_STATE_SHIFT);
	pc->exits++;
	((struct vits_event *)pc->vgic.lpi_events)[m].fast_lpis++;
	return true;
}

int fake_its_virt;
u8 fake_vprop[CONFIG_CPU_COUNT][FAKE_VPROP_BYTES];
unsigned fake_pcmd_errors;
u32 fake_vpe_mask = 0xc; /* the fixture's vCPUs run on pCPUs 2 and 3 */

/* What the fake ITS has mapped to vPEs: (DeviceID, EventID) -> vPE, -1 for none. */
struct vmapping {
	u32 devid, event;
	int vpe;
};
static struct vmapping vmap[256];
static unsigned nvmap;

void fake_its_state_reset(void)
{
	nvmap = 0;
	fake_pcmd_errors = 0;
}

static int *vmapped(u32 devid, u32 event)
{
	for (unsigned i = 0; i < nvmap; i++)
		if (vmap[i].devid == devid && vmap[i].event == event)
			return &vmap[i].vpe;
	if (nvmap == ARRAY_SIZE(vmap))
		abort();
	vmap[nvmap] = (struct vmapping){ devid, event, -1 };
	return &vmap[nvmap++].vpe;
}

/**
 * What a real ITS would take for a command error (and might stall on):
 * a vPE that is not the partition's, VMAPTI of a mapped event, VMOVI,
 * INT, CLEAR, INV or DISCARD of one that is not mapped.
 */
static void check_vcmd(u8 op, u32 devid, u32 event, u32 pcpu)
{
	int *m = devid || event || (op != FAKE_VSYNC && op != FAKE_VINVALL) ? vmapped(devid, event)
									    : NULL;

	if (!(fake_vpe_mask & BIT(pcpu)))
		fake_pcmd_errors++;
	switch (op) {
	case FAKE_VMAPTI:
		if (*m >= 0)
			fake_pcmd_errors++;
		*m = (int)pcpu;
		break;
	case FAKE_VMOVI:
	case ITS_INT:
	case ITS_CLEAR:
	case ITS_INV:
		if (*m < 0)
			fake_pcmd_errors++;
		if (op == FAKE_VMOVI)
			*m = (int)pcpu;
		break;
	case ITS_DISCARD:
		if (*m < 0)
			fake_pcmd_errors++;
		*m = -1;
		break;
	default:
		break;
	}
}

int its_discard(u32 devid, u32 event, int vpe)
{
	if (vpe >= 0 && fake_its_virt)
		check_vcmd(ITS_DISCARD, devid, event, (u32)vpe);
	return record(ITS_DISCARD, devid, event, 0, vpe < 0 ? 0 : (u32)vpe, vpe >= 0);
}

int its_int(u32 devid, u32 event)
{
	return record(ITS_INT, devid, event, 0, 0, false);
}

enum its_virt its_virt(void)
{
	return (enum its_virt)fake_its_virt;
}

/* As the driver: a vPE command to a pCPU with no vPE fails. */
static int vpe_cmd(u8 op, u32 devid, u32 event, u32 vintid, u32 pcpu)
{
	if (!fake_its_virt || pcpu >= CONFIG_CPU_COUNT)
		return -1;
	check_vcmd(op, devid, event, pcpu);
	return record(op, devid, event, vintid, pcpu, true);
}

int its_vmapti(u32 devid, u32 event, u32 vintid, u32 pcpu)
{
	return vpe_cmd(FAKE_VMAPTI, devid, event, vintid, pcpu);
}

int its_vmovi(u32 devid, u32 event, u32 pcpu)
{
	return vpe_cmd(FAKE_VMOVI, devid, event, 0, pcpu);
}

int its_vevent(u8 op, u32 devid, u32 event, u32 pcpu)
{
	return vpe_cmd(op, devid, event, 0, pcpu);
}

int its_vinvall(u32 pcpu)
{
	return vpe_cmd(FAKE_VINVALL, 0, 0, 0, pcpu);
}

int its_vsync(u32 pcpu)
{
	return vpe_cmd(FAKE_VSYNC, 0, 0, 0, pcpu);
}

void its_vprop_write(u32 pcpu, u32 vintid, const volatile u8 *src, u32 n)
{
	u8 *t;

	if (pcpu >= CONFIG_CPU_COUNT || vintid < 8192 || vintid - 8192 + (u64)n > FAKE_VPROP_BYTES)
		abort(); /* the vITS must never ask for this */
	/*
	 * memcpy() and memset(), not a loop a byte at a time: a partition reset
	 * and every EnableLPIs write the whole table (56 KiB per vCPU), and in
	 * the fuzzer (compiled with coverage tracing) such a loop took most of
	 * the time of an input. Host memory is coherent: the guest's property
	 * table needs no volatile reads here.
	 */
	t = &fake_vprop[pcpu][vintid - 8192];
	if (src)
		memcpy(t, (const u8 *)(uintptr_t)src, n);
	else
		memset(t, 0, n);
}
