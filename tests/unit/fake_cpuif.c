/* SPDX-License-Identifier: MIT */
/** @file A fake virtual CPU interface and physical GIC (see fake_cpuif.h). */
#include <string.h>
#include <arch/gic_cpuif.h>
#include <drivers/gic.h>
#include "fake_cpuif.h"

u64 fake_lrs[2][16];
unsigned fake_cpu;
bool fake_spi_edge[1024];
unsigned fake_remote_deactivated[32];
unsigned fake_nr_lrs = 4;
u64 fake_hcr;
unsigned fake_phys_deactivated[1024];
u32 fake_routed_intid;
u64 fake_routed_mpidr;
unsigned fake_kicks;

#define LR_STATE(v) ((v) >> ICH_LR_STATE_SHIFT)
#define LR_PRIO(v) ((u8)((v) >> ICH_LR_PRIORITY_SHIFT))
#define LR_INTID(v) ((u32)((v)&ICH_LR_VINTID_MASK))

void fake_cpuif_clear(void)
{
	memset(fake_timer_low, 0, sizeof(fake_timer_low));
	memset(fake_lrs, 0, sizeof(fake_lrs));
	fake_cpu = 0;
	memset(fake_phys_deactivated, 0, sizeof(fake_phys_deactivated));
	memset(fake_spi_edge, 0, sizeof(fake_spi_edge));
	memset(fake_remote_deactivated, 0, sizeof(fake_remote_deactivated));
	fake_hcr = 0;
	fake_routed_intid = 0;
	fake_routed_mpidr = 0;
	fake_kicks = 0;
}

u32 cpuif_empty_lrs(void)
{
	u32 empty = 0;

	/* Empty: no state, and no EOI maintenance interrupt owed (HW = 0, EOI = 1). */
	for (unsigned n = 0; n < fake_nr_lrs; n++) {
		u64 v = fake_lr[n];

		if (!LR_STATE(v) && !((v & ICH_LR_EOI) && !(v & ICH_LR_HW)))
			empty |= 1u << n;
	}
	return empty;
}

unsigned cpuif_nr_lrs(void)
{
	return fake_nr_lrs;
}

bool fake_direct_vlpis = true;

bool cpuif_direct_vlpis(void)
{
	return fake_direct_vlpis;
}

u64 cpuif_read_lr(unsigned n)
{
	return n < fake_nr_lrs ? fake_lr[n] : 0;
}

void cpuif_write_lr(unsigned n, u64 v)
{
	if (n < fake_nr_lrs)
		fake_lr[n] = v;
	else
		fake_lr[15] = ~0ULL; /* poison: the vGIC wrote past the implemented LRs */
}

void cpuif_write_hcr(u64 v)
{
	fake_hcr = v;
}

void cpuif_reset(void)
{
	memset(fake_lr, 0, sizeof(fake_lr));
	fake_hcr = ICH_HCR_EN;
}

bool fake_timer_low[2][32];

bool cpuif_timer_line(u32 intid)
{
	return !fake_timer_low[fake_cpu][intid % 32];
}

void cpuif_deactivate(u32 intid)
{
	fake_phys_deactivated[intid % 1024]++;
}

void gic_spi_deactivate(u32 intid)
{
	fake_phys_deactivated[intid % 1024]++;
}

bool gic_spi_is_edge(u32 intid)
{
	return fake_spi_edge[intid % 1024];
}

void gic_ppi_deactivate(u64 mpidr, u32 intid)
{
	(void)mpidr;
	fake_remote_deactivated[intid % 32]++;
}

void gic_spi_route(u32 intid, u64 mpidr)
{
	fake_routed_intid = intid;
	fake_routed_mpidr = mpidr;
}

unsigned fake_valid_lrs(void)
{
	unsigned n, c = 0;

	for (n = 0; n < fake_nr_lrs; n++)
		c += LR_STATE(fake_lr[n]) != 0;
	return c;
}

u64 fake_lr_of(u32 intid)
{
	for (unsigned n = 0; n < fake_nr_lrs; n++) {
		if (LR_STATE(fake_lr[n]) && LR_INTID(fake_lr[n]) == intid)
			return fake_lr[n];
	}
	return 0;
}

bool fake_maint_pending(void)
{
	return (fake_hcr & ICH_HCR_EN) && (fake_hcr & ICH_HCR_UIE) && fake_valid_lrs() <= 1;
}

int fake_guest_ack(u8 running)
{
	int best = -1;
	unsigned n;

	for (n = 0; n < fake_nr_lrs; n++) {
		u64 v = fake_lr[n];

		if (LR_STATE(v) != ICH_LR_PENDING || LR_PRIO(v) >= running)
			continue;
		if (best < 0 || LR_PRIO(v) < LR_PRIO(fake_lr[best]))
			best = (int)n;
	}
	if (best < 0)
		return -1;
	fake_lr[best] =
	    (fake_lr[best] & ~(3ULL << ICH_LR_STATE_SHIFT)) | (ICH_LR_ACTIVE << ICH_LR_STATE_SHIFT);
	return (int)LR_INTID(fake_lr[best]);
}

void fake_guest_eoi(u32 intid)
{
	unsigned n;

	for (n = 0; n < fake_nr_lrs; n++) {
		u64 v = fake_lr[n];

		if (LR_INTID(v) != intid || !(LR_STATE(v) & ICH_LR_ACTIVE))
			continue;
		fake_lr[n] = v & ~(ICH_LR_ACTIVE << ICH_LR_STATE_SHIFT);
		if (v & ICH_LR_HW)
			fake_phys_deactivated[(v >> ICH_LR_PINTID_SHIFT) & 0x3ff]++;
		return;
	}
}
