/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The guest runtime's GICv3 driver, as a guest OS drives it: affinity
 * routing, group 1 non-secure, the CPU interface through ICC_* system
 * registers, the redistributor of each CPU found by walking GICR_TYPER. It
 * runs natively on QEMU as well as in a partition, so tests and benchmarks
 * compare the same code.
 */
#ifndef RT_GIC_H
#define RT_GIC_H

#include "rt.h"

#define RT_GICD 0x08000000UL
#define RT_GICR 0x080a0000UL

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 0xffe8
#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_SGI 0x10000

#define INTID_VTIMER 27
#define INTID_SPURIOUS 1023

/** Called for each acknowledged interrupt, with interrupts masked. */
typedef void (*rt_irq_handler)(u32 intid);

/** Distributor on (call once), then rt_gic_cpu_init() on each CPU. */
void rt_gic_init(void);
/** Only turn the distributor on (affinity routing, both groups), leaving the SPIs alone. */
void rt_gic_dist_enable(void);
/** This CPU's redistributor awake and its CPU interface on; returns the frame base. */
u64 rt_gic_cpu_init(void);
/** The redistributor frame of this CPU (after rt_gic_cpu_init()). */
u64 rt_gicr(void);
void rt_gic_set_handler(rt_irq_handler h);
/** EOImode=1: EOI only drops the priority; deactivation is separate. */
void rt_gic_set_eoimode(bool split);
/** With EOImode=1, leave interrupts active after the handler (the test deactivates). */
void rt_gic_defer_deactivate(bool defer);

/** The register base handling @intid's per-interrupt state on this CPU. */
u64 rt_gic_base(u32 intid);
void rt_gic_enable(u32 intid);
void rt_gic_disable(u32 intid);
void rt_gic_set_priority(u32 intid, u8 prio);
void rt_gic_set_pending(u32 intid);
bool rt_gic_is_pending(u32 intid);
bool rt_gic_is_active(u32 intid);
void rt_gic_clear_active(u32 intid);

/** Write ICC_SGI1R_EL1 (the value as the architecture lays it out). */
void rt_gic_sgi1r(u64 value);
/** SGI @intid to the CPUs of @targets (Aff0 bits 0..15, Aff1-3 zero). */
void rt_gic_sgi(u32 intid, u16 targets);
/** SGI @intid to every CPU but this one (IRM). */
void rt_gic_sgi_others(u32 intid);
void rt_gic_set_pmr(u8 pmr);
/** ICC_DIR_EL1 write for @intid. */
void rt_gic_deactivate(u32 intid);

static inline void rt_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

static inline void rt_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

/** The PMU cycle counter (enabled by rt_cycles_init()). */
static inline u64 rt_cycles(void)
{
	u64 v;

	__asm__ volatile("isb\n mrs %0, pmccntr_el0" : "=r"(v));
	return v;
}
void rt_cycles_init(void);
/** PMCCNTR_EL0 at the first instructions of the IRQ vector, for the last IRQ taken. */
extern volatile u64 rt_irq_entry_cycles;

/** Exits to partita so far on this vCPU's CPU, or -1 when not under partita. */
s64 rt_exits(void);

#endif
