/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Physical GICv3/v4 driver: distributor, redistributors, CPU interface.
 * Register offsets and fields from IHI 0069 (GICv3/v4 architecture
 * specification), chapter 12.
 */
#include <arch/sysreg.h>
#include <drivers/gic.h>
#include <drivers/io.h>

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_PIDR2 0xffe8
#define GICD_CTLR_RWP BIT(31)
/* Non-secure view (DS=0) or the only view (DS=1): bits 0, 1 group enables, bit 4 ARE */
#define GICD_CTLR_ENABLE_ARE 0x13

#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xffe8
#define GICR_TYPER_VLPIS BIT(1)
#define GICR_TYPER_LAST BIT(4)
#define GICR_WAKER_PROCESSOR_SLEEP BIT(1)
#define GICR_WAKER_CHILDREN_ASLEEP BIT(2)
#define GICR_SGI_BASE 0x10000
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_IPRIORITYR0 0x0400
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define IRQ_PRIO_PARTITA 0x80 /* IPIs and maintenance: above forwarded interrupts */
#define IRQ_PRIO_GUEST 0xa0
#define GICR_FRAME_V3 0x20000
#define GICR_FRAME_V4 0x40000

#define PIDR2_ARCHREV(v) bits_get(v, 7, 4)
#define POLL_BOUND 1000000

static struct {
	u64 gicd, gicr, gicr_size;
	u64 stride;
} gic;

bool gic_probe(u64 gicd, u64 gicr, u64 gicr_size, struct gic_info *info)
{
	u32 rev = PIDR2_ARCHREV(rd32(gicd + GICD_PIDR2));
	u64 off;

	info->arch_rev = rev;
	info->redist_count = 0;
	info->vlpis = false;
	if (rev != 3 && rev != 4)
		return false;
	gic.gicd = gicd;
	gic.gicr = gicr;
	gic.gicr_size = gicr_size;
	/* Every frame of one GIC has the same layout: the first one tells the stride. */
	info->vlpis = rd64(gicr + GICR_TYPER) & GICR_TYPER_VLPIS;
	gic.stride = info->vlpis ? GICR_FRAME_V4 : GICR_FRAME_V3;
	for (off = 0; off + gic.stride <= gicr_size; off += gic.stride) {
		u32 frame_rev = PIDR2_ARCHREV(rd32(gicr + off + GICR_PIDR2));

		if (frame_rev != 3 && frame_rev != 4)
			break;
		info->redist_count++;
		if (rd64(gicr + off + GICR_TYPER) & GICR_TYPER_LAST)
			break;
	}
	return info->redist_count > 0;
}

static void dist_wait_rwp(void)
{
	for (unsigned i = 0; i < POLL_BOUND && (rd32(gic.gicd + GICD_CTLR) & GICD_CTLR_RWP); i++)
		;
}

void gic_dist_init(void)
{
	wr32(gic.gicd + GICD_CTLR, rd32(gic.gicd + GICD_CTLR) | GICD_CTLR_ENABLE_ARE);
	dist_wait_rwp();
}

u32 gic_dist_typer(void)
{
	return rd32(gic.gicd + GICD_TYPER);
}

u64 gic_redist_base(u64 mpidr)
{
	u64 aff = (bits_get(mpidr, 39, 32) << 24) | bits_get(mpidr, 23, 0);
	u64 off;

	for (off = 0; off + gic.stride <= gic.gicr_size; off += gic.stride) {
		u64 typer = rd64(gic.gicr + off + GICR_TYPER);

		if ((typer >> 32) == aff)
			return gic.gicr + off;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

void gic_ppi_deactivate(u64 mpidr, u32 intid)
{
	u64 rd = gic_redist_base(mpidr);

	/* Through that CPU's redistributor (GICR_ICACTIVER0): works from any CPU. */
	if (rd && intid < 32)
		wr32(rd + GICR_SGI_BASE + GICD_ICACTIVER, 1u << intid);
}

bool gic_cpu_init(u64 mpidr)
{
	u64 rd = gic_redist_base(mpidr);
	u64 sgi;
	unsigned i;

	if (!rd)
		return false;
	sgi = rd + GICR_SGI_BASE;
	wr32(rd + GICR_WAKER, rd32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
	for (i = 0; i < POLL_BOUND && (rd32(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP); i++)
		;
	/*
	 * SGIs and PPIs: group 1, all disabled but the IPI, the maintenance
	 * interrupt, partita's EL2 timer and the EL1 timers (forwarded to
	 * whichever guest runs here).
	 */
	wr32(sgi + GICR_IGROUPR0, 0xffffffff);
	wr32(sgi + GICR_ICENABLER0, 0xffffffff);
	*(volatile u8 *)(uintptr_t)(sgi + GICR_IPRIORITYR0 + GIC_IPI_SGI) = IRQ_PRIO_PARTITA;
	*(volatile u8 *)(uintptr_t)(sgi + GICR_IPRIORITYR0 + GIC_MAINT_PPI) = IRQ_PRIO_PARTITA;
	*(volatile u8 *)(uintptr_t)(sgi + GICR_IPRIORITYR0 + GIC_HYP_TIMER_PPI) = IRQ_PRIO_PARTITA;
	*(volatile u8 *)(uintptr_t)(sgi + GICR_IPRIORITYR0 + GIC_VTIMER_PPI) = IRQ_PRIO_GUEST;
	*(volatile u8 *)(uintptr_t)(sgi + GICR_IPRIORITYR0 + GIC_PTIMER_PPI) = IRQ_PRIO_GUEST;
	wr32(sgi + GICR_ISENABLER0, (1u << GIC_IPI_SGI) | (1u << GIC_MAINT_PPI) |
					(1u << GIC_HYP_TIMER_PPI) | (1u << GIC_VTIMER_PPI) |
					(1u << GIC_PTIMER_PPI));

	/* The CPU interface: system registers at EL2, and let EL1 use them too. */
	write_sysreg(S3_4_C12_C9_5, ICC_SRE_SRE | ICC_SRE_ENABLE); /* ICC_SRE_EL2 */
	isb();
	write_sysreg(S3_0_C4_C6_0, 0xff);     /* ICC_PMR_EL1 */
	write_sysreg(S3_0_C12_C12_3, 0);      /* ICC_BPR1_EL1 */
	write_sysreg(S3_0_C12_C12_4, BIT(1)); /* ICC_CTLR_EL1: EOImode 1 */
	write_sysreg(S3_0_C12_C12_7, 1);      /* ICC_IGRPEN1_EL1 */
	isb();
	return true;
}

void gic_send_ipi(u64 mpidr)
{
	u64 aff0 = bits_get(mpidr, 7, 0);
	u64 v = (bits_get(mpidr, 39, 32) << 48) | (bits_get(mpidr, 23, 16) << 32) |
		((aff0 / 16) << 44) | (bits_get(mpidr, 15, 8) << 16) | ((u64)GIC_IPI_SGI << 24) |
		(1ULL << (aff0 % 16));

	dsb(ish);			 /* the request the IPI announces is visible first */
	write_sysreg(S3_0_C12_C11_5, v); /* ICC_SGI1R_EL1 */
	isb();
}

u32 gic_ack(void)
{
	u32 intid = (u32)read_sysreg(S3_0_C12_C12_0); /* ICC_IAR1_EL1 */

	dsb(sy);
	return intid & 0xffffff;
}

void gic_priority_drop(u32 intid)
{
	write_sysreg(S3_0_C12_C12_1, intid); /* ICC_EOIR1_EL1 */
	isb();
}

void gic_deactivate(u32 intid)
{
	write_sysreg(S3_0_C12_C11_1, intid); /* ICC_DIR_EL1 */
	isb();
}

void gic_eoi(u32 intid)
{
	gic_priority_drop(intid);
	gic_deactivate(intid);
}

void gic_spi_route(u32 intid, u64 mpidr)
{
	u64 aff = (bits_get(mpidr, 39, 32) << 32) | (mpidr & GENMASK(23, 0));

	*(volatile u64 *)(uintptr_t)(gic.gicd + GICD_IROUTER + 8ULL * intid) = aff;
}

void gic_spi_setup(u32 intid, bool edge, u64 mpidr)
{
	u32 word = intid / 32, bit = 1u << (intid % 32);
	u64 cfg = gic.gicd + GICD_ICFGR + 4ULL * (intid / 16);
	u32 shift = 2 * (intid % 16) + 1;

	wr32(gic.gicd + GICD_ICENABLER + 4ULL * word, bit);
	dist_wait_rwp();
	wr32(gic.gicd + GICD_IGROUPR + 4ULL * word,
	     rd32(gic.gicd + GICD_IGROUPR + 4ULL * word) | bit);
	*(volatile u8 *)(uintptr_t)(gic.gicd + GICD_IPRIORITYR + intid) = IRQ_PRIO_GUEST;
	wr32(cfg, edge ? rd32(cfg) | (1u << shift) : rd32(cfg) & ~(1u << shift));
	gic_spi_route(intid, mpidr);
	wr32(gic.gicd + GICD_ISENABLER + 4ULL * word, bit);
}

void gic_spi_disable(u32 intid)
{
	wr32(gic.gicd + GICD_ICENABLER + 4ULL * (intid / 32), 1u << (intid % 32));
	dist_wait_rwp();
}

void gic_spi_deactivate(u32 intid)
{
	wr32(gic.gicd + GICD_ICACTIVER + 4ULL * (intid / 32), 1u << (intid % 32));
}

void gic_spi_set_pending(u32 intid)
{
	wr32(gic.gicd + GICD_ISPENDR + 4ULL * (intid / 32), 1u << (intid % 32));
}

bool gic_spi_is_edge(u32 intid)
{
	return rd32(gic.gicd + GICD_ICFGR + 4ULL * (intid / 16)) & (2u << (2 * (intid % 16)));
}
