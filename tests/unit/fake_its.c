/* SPDX-License-Identifier: MIT */
/** @file A fake GIC behind the ITS driver's register accessors (see fake_its.h). */
#include <string.h>
#include <core/lib.h>
#include <drivers/gic.h>
#include "fake_its.h"

struct fake_its fake_its;
struct fake_gicr fake_gicr[FAKE_GIC_CPUS];

#define GITS_CTLR 0x0000
#define GITS_TYPER 0x0008
#define GITS_CBASER 0x0080
#define GITS_CWRITER 0x0088
#define GITS_CREADR 0x0090
#define GITS_BASER 0x0100
#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008
#define GICR_PROPBASER 0x0070
#define GICR_PENDBASER 0x0078
#define GICR_VPROPBASER 0x20070
#define GICR_VPENDBASER 0x20078
#define RO_BASER (GENMASK(58, 56) | GENMASK(52, 48))

void fake_gic_reset(enum fake_gic_kind kind)
{
	memset(&fake_its, 0, sizeof(fake_its));
	memset(fake_gicr, 0, sizeof(fake_gicr));
	/* Physical, ITT entries of 8 bytes, IDbits 16, Devbits 16, PTA = 0, HCC 0. */
	fake_its.typer = 1 | (8 - 1) << 4 | (16 - 1) << 8 | (16 - 1) << 13;
	fake_its.baser_type[0] = 1;
	fake_its.baser_esz[0] = 8;
	fake_its.baser_type[1] = 4;
	fake_its.baser_esz[1] = 8;
	if (kind != FAKE_GICV3) {
		fake_its.typer |= BIT(1) | BIT(37); /* Virtual, VMOVP */
		fake_its.baser_type[2] = 2;
		fake_its.baser_esz[2] = kind == FAKE_GICV4_1 ? 16 : 8;
	}
	if (kind == FAKE_GICV4_1)
		fake_its.typer |= BIT(40) | 1ULL << 41; /* VMAPP; SVPET = 1: shared */
	for (u64 i = 0; i < FAKE_GIC_CPUS; i++) {
		fake_gicr[i].typer = i << 32 | i << 8 | (i == FAKE_GIC_CPUS - 1 ? BIT(4) : 0) |
				     BIT(0); /* Aff0 = i, processor i, PLPIS */
		if (kind != FAKE_GICV3)
			fake_gicr[i].typer |= BIT(1); /* VLPIS */
		if (kind == FAKE_GICV4_1)
			fake_gicr[i].typer |= BIT(7); /* RVPEID */
	}
	for (unsigned n = 0; n < 8; n++)
		fake_its.baser[n] = (u64)fake_its.baser_type[n] << 56 |
				    (u64)(fake_its.baser_esz[n] ? fake_its.baser_esz[n] - 1 : 0)
					<< 48;
}

/* The commands from CREADR up to @w, recorded in order. */
static void run_queue(u64 w)
{
	u64 size = (bits_get(fake_its.cbaser, 7, 0) + 1) * SZ_4K;
	const u64 *q = fake_mem(fake_its.cbaser & GENMASK(47, 12));

	fake_its.cwriter = w & ~1ULL;
	w &= ~1ULL; /* Retry: go on from the stalled command */
	fake_its.creadr &= ~1ULL;
	if (fake_its.stall || !(fake_its.ctlr & 1))
		return;
	while (fake_its.creadr != w) {
		if (fake_its.stall_op && (u8)q[fake_its.creadr / 8] == fake_its.stall_op) {
			fake_its.stall_op = 0;
			fake_its.creadr |= 1; /* Stalled */
			return;
		}
		if (fake_its.ncmds < FAKE_ITS_CMDS)
			memcpy(fake_its.cmds[fake_its.ncmds], &q[fake_its.creadr / 8], 32);
		fake_its.ncmds++;
		fake_its.creadr = (fake_its.creadr + 32) % size;
	}
}

/** Redistributor @cpu and register offset @off of address @a; false if it is none. */
static bool gicr_at(u64 a, u64 *cpu, u64 *off)
{
	if (a < FAKE_GICR_BASE || a >= FAKE_GICR_BASE + FAKE_GIC_CPUS * FAKE_GICR_STRIDE)
		return false;
	*cpu = (a - FAKE_GICR_BASE) / FAKE_GICR_STRIDE;
	*off = (a - FAKE_GICR_BASE) % FAKE_GICR_STRIDE;
	return true;
}

/** A redistributor's 64-bit register at @a (GICR_TYPER only when reading), or NULL. */
static u64 *gicr_reg(u64 a, bool write)
{
	u64 cpu, off;

	if (!gicr_at(a, &cpu, &off))
		return NULL;
	switch (off) {
	case GICR_TYPER:
		return write ? NULL : &fake_gicr[cpu].typer;
	case GICR_PROPBASER:
		return &fake_gicr[cpu].propbaser;
	case GICR_PENDBASER:
		return &fake_gicr[cpu].pendbaser;
	case GICR_VPROPBASER:
		return &fake_gicr[cpu].vpropbaser;
	case GICR_VPENDBASER:
		return &fake_gicr[cpu].vpendbaser;
	default:
		return NULL;
	}
}

u64 rd64(u64 a)
{
	u64 *r = gicr_reg(a, false);

	if (r)
		return *r;
	switch (a - FAKE_ITS_BASE) {
	case GITS_TYPER:
		return fake_its.typer;
	case GITS_CBASER:
		return fake_its.cbaser;
	case GITS_CWRITER:
		return fake_its.cwriter;
	case GITS_CREADR:
		return fake_its.creadr;
	}
	if (a >= FAKE_ITS_BASE + GITS_BASER && a < FAKE_ITS_BASE + GITS_BASER + 64)
		return fake_its.baser[(a - FAKE_ITS_BASE - GITS_BASER) / 8];
	return 0;
}

void wr64(u64 a, u64 v)
{
	u64 *r = gicr_reg(a, true);
	unsigned n;

	if (r) {
		u64 cpu = (a - FAKE_GICR_BASE) / FAKE_GICR_STRIDE;

		*r = v;
		if (r == &fake_gicr[cpu].vpropbaser)
			fake_gicr[cpu].vpropbaser_at = fake_its.ncmds;
		if (r == &fake_gicr[cpu].vpendbaser)
			fake_gicr[cpu].vpendbaser_writes++;
		return;
	}
	switch (a - FAKE_ITS_BASE) {
	case GITS_CBASER:
		fake_its.cbaser = v;
		fake_its.creadr = 0;
		return;
	case GITS_CWRITER:
		run_queue(v);
		return;
	}
	if (a >= FAKE_ITS_BASE + GITS_BASER && a < FAKE_ITS_BASE + GITS_BASER + 64) {
		n = (unsigned)((a - FAKE_ITS_BASE - GITS_BASER) / 8);
		if (fake_its.baser_type[n])
			fake_its.baser[n] = (v & ~RO_BASER) | (fake_its.baser[n] & RO_BASER);
	}
}

u32 rd32(u64 a)
{
	u64 cpu, off;

	if (a == FAKE_ITS_BASE + GITS_CTLR)
		return fake_its.ctlr | ((fake_its.ctlr & 1) ? 0 : BIT(31)); /* Quiescent */
	if (gicr_at(a, &cpu, &off) && off == GICR_CTLR)
		return fake_gicr[cpu].ctlr;
	return (u32)rd64(a);
}

void wr32(u64 a, u32 v)
{
	u64 cpu, off;

	if (a == FAKE_ITS_BASE + GITS_CTLR)
		fake_its.ctlr = v & 1;
	else if (gicr_at(a, &cpu, &off) && off == GICR_CTLR)
		fake_gicr[cpu].ctlr = v;
}

/* The rest of the GIC driver the ITS driver calls. */
u32 gic_dist_typer(void)
{
	return (16 - 1) << 19; /* IDbits: 16 */
}

u64 gic_redist_base(u64 mpidr)
{
	u64 cpu = mpidr & 0xff;

	return cpu < FAKE_GIC_CPUS ? FAKE_GICR_BASE + cpu * FAKE_GICR_STRIDE : 0;
}

/* Host memory is coherent. */
void arch_dcache_clean(u64 va, u64 size)
{
	(void)va;
	(void)size;
}
