/* SPDX-License-Identifier: MIT */
/** @file The guest runtime's GICv3 driver (see gic.h). */
#include "gic.h"

/* partita's debug call (arch/arm64/include/arch/sysreg.h, PARTITA_HVC_EXITS) */
#define PARTITA_HVC_EXITS 0xc6000001u

#define ICC_PMR_EL1 "S3_0_C4_C6_0"
#define ICC_IAR1_EL1 "S3_0_C12_C12_0"
#define ICC_EOIR1_EL1 "S3_0_C12_C12_1"
#define ICC_BPR1_EL1 "S3_0_C12_C12_3"
#define ICC_CTLR_EL1 "S3_0_C12_C12_4"
#define ICC_SRE_EL1 "S3_0_C12_C12_5"
#define ICC_IGRPEN1_EL1 "S3_0_C12_C12_7"
#define ICC_DIR_EL1 "S3_0_C12_C11_1"
#define ICC_SGI1R_EL1 "S3_0_C12_C11_5"

#define ICC_READ(reg) \
	({ \
		u64 v_; \
		__asm__ volatile("mrs %0, " reg : "=r"(v_)); \
		v_; \
	})
#define ICC_WRITE(reg, v) __asm__ volatile("msr " reg ", %0\n isb" : : "r"((u64)(v)) : "memory")

#define CTLR_RWP (1u << 31)
#define CTLR_ARE (1u << 4)
#define CTLR_GRP1 (1u << 1)
#define CTLR_GRP0 (1u << 0)
#define WAKER_PS (1u << 1)
#define WAKER_CA (1u << 2)
#define TYPER_VLPIS (1u << 1)
#define TYPER_LAST (1u << 4)
#define DEFAULT_PRIO 0xa0

static rt_irq_handler handler;
static volatile bool eoi_split, defer_dir;
static u64 gicr_of[RT_MAX_CPUS];

static u64 mpidr(void)
{
	u64 v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

static void gicd_wait_rwp(void)
{
	u64 end = rt_counter() + rt_counter_freq() / 10;

	while ((mmio_read32(RT_GICD + GICD_CTLR) & CTLR_RWP) && rt_counter() < end)
		;
}

void rt_gic_init(void)
{
	u32 lines = (mmio_read32(RT_GICD + GICD_TYPER) & 0x1f) + 1, i;

	mmio_write32(RT_GICD + GICD_CTLR, 0);
	gicd_wait_rwp();
	for (i = 1; i < lines; i++) {
		mmio_write32(RT_GICD + GICD_ICENABLER + 4 * i, ~0u);
		mmio_write32(RT_GICD + GICD_ICPENDR + 4 * i, ~0u);
		mmio_write32(RT_GICD + GICD_IGROUPR + 4 * i, ~0u);
	}
	for (i = 32; i < lines * 32; i++) {
		*(volatile u8 *)(RT_GICD + GICD_IPRIORITYR + i) = DEFAULT_PRIO;
		*(volatile u64 *)(RT_GICD + GICD_IROUTER + 8 * i) = 0; /* CPU 0 */
	}
	gicd_wait_rwp();
	rt_gic_dist_enable();
}

void rt_gic_dist_enable(void)
{
	mmio_write32(RT_GICD + GICD_CTLR, CTLR_ARE | CTLR_GRP1 | CTLR_GRP0);
	gicd_wait_rwp();
}

/** Walk the redistributors for the one whose affinity is this CPU's. */
static u64 find_gicr(void)
{
	u64 m = mpidr(), aff = ((m >> 8) & 0xff000000) | (m & 0xffffff), base = RT_GICR;
	unsigned n;

	for (n = 0; n < 64; n++) {
		u64 typer = *(volatile u64 *)(base + GICR_TYPER);

		if ((typer >> 32) == aff)
			return base;
		if (typer & TYPER_LAST)
			break;
		base += (typer & TYPER_VLPIS) ? 0x40000 : 0x20000;
	}
	return 0;
}

u64 rt_gic_cpu_init(void)
{
	u64 rd = find_gicr(), end;
	u32 i;

	if (!rd) {
		fail("rt/gic-redistributor", "no redistributor for MPIDR 0x%lx", mpidr());
		rt_system_off();
	}
	gicr_of[mpidr() & (RT_MAX_CPUS - 1)] = rd;
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~WAKER_PS);
	end = rt_counter() + rt_counter_freq() / 10;
	while ((mmio_read32(rd + GICR_WAKER) & WAKER_CA) && rt_counter() < end)
		;
	mmio_write32(rd + GICR_SGI + GICD_ICENABLER, ~0u);
	mmio_write32(rd + GICR_SGI + GICD_ICPENDR, ~0u);
	mmio_write32(rd + GICR_SGI + GICD_ICACTIVER, ~0u);
	mmio_write32(rd + GICR_SGI + GICD_IGROUPR, ~0u);
	for (i = 0; i < 32; i++)
		*(volatile u8 *)(rd + GICR_SGI + GICD_IPRIORITYR + i) = DEFAULT_PRIO;

	ICC_WRITE(ICC_SRE_EL1, ICC_READ(ICC_SRE_EL1) | 1);
	ICC_WRITE(ICC_PMR_EL1, 0xff);
	ICC_WRITE(ICC_BPR1_EL1, 0);
	ICC_WRITE(ICC_CTLR_EL1, ICC_READ(ICC_CTLR_EL1) & ~2ul); /* EOImode = 0 */
	ICC_WRITE(ICC_IGRPEN1_EL1, 1);
	return rd;
}

u64 rt_gicr(void)
{
	return gicr_of[mpidr() & (RT_MAX_CPUS - 1)];
}

void rt_gic_set_handler(rt_irq_handler h)
{
	handler = h;
}

void rt_gic_set_eoimode(bool split)
{
	u64 c = ICC_READ(ICC_CTLR_EL1);

	ICC_WRITE(ICC_CTLR_EL1, split ? c | 2 : c & ~2ul);
	eoi_split = split;
}

void rt_gic_defer_deactivate(bool defer)
{
	defer_dir = defer;
}

u64 rt_gic_base(u32 intid)
{
	return intid < 32 ? rt_gicr() + GICR_SGI : RT_GICD;
}

static void bit_write(u32 reg, u32 intid)
{
	mmio_write32(rt_gic_base(intid) + reg + 4 * (intid / 32), 1u << (intid % 32));
}

static bool bit_read(u32 reg, u32 intid)
{
	return mmio_read32(rt_gic_base(intid) + reg + 4 * (intid / 32)) & (1u << (intid % 32));
}

void rt_gic_enable(u32 intid)
{
	bit_write(GICD_ISENABLER, intid);
}

void rt_gic_disable(u32 intid)
{
	bit_write(GICD_ICENABLER, intid);
}

void rt_gic_set_pending(u32 intid)
{
	bit_write(GICD_ISPENDR, intid);
}

bool rt_gic_is_pending(u32 intid)
{
	return bit_read(GICD_ISPENDR, intid);
}

bool rt_gic_is_active(u32 intid)
{
	return bit_read(GICD_ISACTIVER, intid);
}

void rt_gic_clear_active(u32 intid)
{
	bit_write(GICD_ICACTIVER, intid);
}

void rt_gic_set_priority(u32 intid, u8 prio)
{
	*(volatile u8 *)(rt_gic_base(intid) + GICD_IPRIORITYR + intid) = prio;
}

void rt_gic_sgi1r(u64 value)
{
	__asm__ volatile("dsb ishst" ::: "memory");
	ICC_WRITE(ICC_SGI1R_EL1, value);
}

void rt_gic_sgi(u32 intid, u16 targets)
{
	rt_gic_sgi1r(((u64)intid << 24) | targets);
}

void rt_gic_sgi_others(u32 intid)
{
	rt_gic_sgi1r(((u64)intid << 24) | (1ul << 40));
}

void rt_gic_set_pmr(u8 pmr)
{
	ICC_WRITE(ICC_PMR_EL1, pmr);
}

void rt_gic_deactivate(u32 intid)
{
	ICC_WRITE(ICC_DIR_EL1, intid);
}

/** From the IRQ vector: take every pending interrupt, lowest priority value first. */
void rt_irq(void);
void rt_irq(void)
{
	for (;;) {
		u64 iar = ICC_READ(ICC_IAR1_EL1);
		u32 intid = (u32)(iar & 0xffffff);

		if (intid >= 1020 && intid <= 1023)
			return;
		if (handler) {
			handler(intid);
		} else {
			rt_printf("FAIL rt/unexpected-interrupt: INTID %u\n", intid);
			rt_system_off();
		}
		ICC_WRITE(ICC_EOIR1_EL1, iar);
		if (eoi_split && !defer_dir)
			ICC_WRITE(ICC_DIR_EL1, iar);
	}
}

void rt_cycles_init(void)
{
	/* PMCCFILTR_EL0.NSH: count at EL2 too, so time spent in partita shows. */
	__asm__ volatile("msr pmccfiltr_el0, %0" : : "r"(1ul << 27));
	__asm__ volatile("msr pmcntenset_el0, %0" : : "r"(1ul << 31));
	__asm__ volatile("mrs x0, pmcr_el0\n orr x0, x0, #1\n msr pmcr_el0, x0\n isb" ::: "x0");
}

s64 rt_exits(void)
{
	return hvc_call(PARTITA_HVC_EXITS, 0, 0, 0);
}
