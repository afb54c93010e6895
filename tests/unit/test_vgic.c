/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The virtual GICv3 on the host: register tables sorted and non-overlapping,
 * access widths and RAZ/WI, IROUTER kept whole, foreign INTIDs ignored and
 * counted, and the list-register queue against a fake CPU interface
 * (priority order, overflow, refill on underflow, displacement, disable and
 * deactivate while in a list register, HW=1 deactivation, level resampling).
 */
#include "host.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arch/gic_cpuif.h>
#include <arch/sysreg.h>
#include <core/partition.h>
#include <vdev/vgic.h>
#include "fake_cpuif.h"
#include "fake_hyp.h"

#define GICD 0x08000000ULL
#define GICR 0x080a0000ULL
#define SGI_FRAME 0x10000

/* What vgic.c needs from the rest of partita. */
const struct system_config system_config = {
	.platform = { .gicd = GICD, .gicr = GICR, CFG_MPIDRS(0x100, 0x101) },
};
static const u32 cpus[] = { 0, 1 };
static const u32 spis[] = { 34 };
#define CFG_T \
	.name = "t", .cpus = cpus, .cpu_count = 2, .uart_ipa = 0x09000000, .spis = spis, \
	.spi_count = 1
static const struct partition_config cfg = { CFG_T };
/* The same with a PCI function: its vGIC also owns the INTx lines 35..38. */
static const struct partition_config cfg_pci = {
	CFG_T,
	CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 1, 0) }),
};
static struct partition part;

static int setup(void **state)
{
	memset(&part, 0, sizeof(part));
	part.cfg = state && *state ? *state : &cfg;
	for (u32 i = 0; i < 2; i++) {
		part.vcpus[i] = (struct vcpu){ .part = &part, .index = i, .pcpu = i, .vmpidr = i };
		percpus[i].mpidr = 0x100 + i;
		percpus[i].index = i;
	}
	fake_cpuif_clear();
	fake_vgic_init(&part);
	return 0;
}

static enum mmio_result access(struct vcpu *v, u64 addr, unsigned size, bool write, u64 *val)
{
	struct mmio_access acc = { 0, size, write, write ? *val : 0 };
	enum mmio_result r;

	if (addr >= GICR) {
		acc.offset = addr - GICR;
		r = vgic_gicr_mmio(&part.vgic, VI(v), &acc);
	} else {
		acc.offset = addr - GICD;
		r = vgic_gicd_mmio(&part.vgic, VI(v), &acc);
	}
	if (!write)
		*val = acc.value;
	return r;
}

static u64 rd(struct vcpu *v, u64 addr, unsigned size)
{
	u64 val = 0;

	assert_int_equal(access(v, addr, size, false, &val), MMIO_HANDLED);
	return val;
}

static void wr(struct vcpu *v, u64 addr, unsigned size, u64 val)
{
	assert_int_equal(access(v, addr, size, true, &val), MMIO_HANDLED);
}

static u64 sgi_frame(u32 vcpu, u64 off)
{
	return GICR + vcpu * VGIC_GICR_STRIDE + SGI_FRAME + off;
}

static void test_tables_valid(void **state)
{
	(void)state;
	assert_true(mmio_table_valid(vgicd_regs, vgicd_reg_count));
	assert_true(mmio_table_valid(vgicr_rd_regs, vgicr_rd_reg_count));
	assert_true(mmio_table_valid(vgicr_sgi_regs, vgicr_sgi_reg_count));
}

static void test_access_rules(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];
	u64 val = 0;

	(void)state;
	/* CTLR: ARE and DS read as one; only the group enables are writable. */
	wr(v0, GICD + 0x0, 4, 0xffffffff);
	assert_int_equal(rd(v0, GICD + 0x0, 4), 0x53);
	assert_int_equal(access(v0, GICD + 0x0, 2, false, &val), MMIO_ABORT);
	assert_int_equal(access(v0, GICD + 0x0, 8, false, &val), MMIO_ABORT);
	/* TYPER: ITLinesNumber 1 (SPIs up to 63 for SPI 34), no 1-of-N. */
	assert_int_equal(rd(v0, GICD + 0x4, 4) & 0x1f, 1);
	assert_true(rd(v0, GICD + 0x4, 4) & BIT(25));
	/* IPRIORITYR: byte and word; a halfword aborts. */
	wr(v0, GICD + 0x400 + 34, 1, 0x80);
	assert_int_equal(rd(v0, GICD + 0x420, 4), 0x80 << 16);
	assert_int_equal(access(v0, GICD + 0x420, 2, false, &val), MMIO_ABORT);
	/* A misaligned word aborts. */
	assert_int_equal(access(v0, GICD + 0x421, 4, false, &val), MMIO_ABORT);
	/* Unimplemented offsets read as zero, ignore writes, and are counted. */
	wr(v0, GICD + 0x8000, 4, 0x1234);
	assert_int_equal(rd(v0, GICD + 0x8000, 4), 0);
	assert_int_equal(part.vgic.stats.unknown, 2);
	/* PIDR2 says GICv3. */
	assert_int_equal((rd(v0, GICD + 0xffe8, 4) >> 4) & 0xf, 3);
	/* GICR_TYPER of frame 1, from vCPU 0: its own affinity, number and Last. */
	val = rd(v0, GICR + VGIC_GICR_STRIDE + 0x8, 8);
	assert_int_equal(val >> 32, 1);
	assert_int_equal((val >> 8) & 0xffff, 1);
	assert_true(val & BIT(4));
	assert_int_equal(rd(v0, GICR + VGIC_GICR_STRIDE + 0xc, 4), 1);
	assert_false(rd(v0, GICR + 0x8, 8) & BIT(4));
	/* GICR_WAKER: ChildrenAsleep follows ProcessorSleep. */
	assert_int_equal(rd(v0, GICR + 0x14, 4), 6);
	wr(v0, GICR + 0x14, 4, 0);
	assert_int_equal(rd(v0, GICR + 0x14, 4), 0);
}

static void test_irouter_whole(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];
	u64 irouter = GICD + 0x6000 + 8 * 34;

	(void)state;
	/* Aff3 and the rest survive; IRM is not offered. */
	wr(v0, irouter, 8, 0xab00123401ULL | BIT(31));
	assert_int_equal(rd(v0, irouter, 8), 0xab00123401ULL);
	assert_int_equal(rd(v0, irouter + 4, 4), 0xab);
	assert_int_equal(part.vgic.spis[2].target, 0xffff); /* names no vCPU */
	/* 32-bit halves: Aff0 = 1 is vCPU 1, on pCPU 1. */
	wr(v0, irouter + 4, 4, 0);
	wr(v0, irouter, 4, 1);
	assert_int_equal(rd(v0, irouter, 8), 1);
	assert_int_equal(part.vgic.spis[2].target, 1);
	assert_int_equal(fake_routed_intid, 34);
	assert_int_equal(fake_routed_mpidr, 0x101);
}

static void test_foreign_intids(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	/* Only 33 (the UART) and 34 are owned; one access naming others counts once. */
	wr(v0, GICD + 0x104, 4, 0xffffffff);
	assert_int_equal(rd(v0, GICD + 0x104, 4), 0x6);
	assert_int_equal(part.vgic.stats.foreign_intid, 1);
	wr(v0, GICD + 0x400 + 40, 1, 0x10);
	wr(v0, GICD + 0x6000 + 8 * 40, 8, 1);
	wr(v0, GICD + 0xc08, 4, 2u << 16); /* ICFGR: INTID 40 edge */
	assert_int_equal(part.vgic.stats.foreign_intid, 4);
	assert_int_equal(rd(v0, GICD + 0x400 + 40, 1), 0);
	assert_int_equal(rd(v0, GICD + 0x6000 + 8 * 40, 8), 0);
	/* INTIDs beyond the implemented lines: the same. */
	wr(v0, GICD + 0x108, 4, 1);
	assert_int_equal(part.vgic.stats.foreign_intid, 5);
	/* Writing zeros names nothing. */
	wr(v0, GICD + 0x180 + 4, 4, 0);
	assert_int_equal(part.vgic.stats.foreign_intid, 5);
}

/** Enable SGIs 0..n-1 of vCPU 0 as group 1 with the given priorities and the distributor. */
static void sgis_enable(struct vcpu *v, const u8 *prio, unsigned n)
{
	wr(v, GICD + 0x0, 4, 2);
	wr(v, sgi_frame(v->index, 0x80), 4, 0xffffffff);
	wr(v, sgi_frame(v->index, 0x100), 4, (1u << n) - 1);
	for (unsigned i = 0; i < n; i++)
		wr(v, sgi_frame(v->index, 0x400 + i), 1, prio[i]);
}

static void test_lr_priority_order(void **state)
{
	static const u8 prio[12] = { 0x50, 0x10, 0x90, 0x30, 0xa0, 0x20,
				     0x80, 0x40, 0x60, 0x70, 0xb0, 0x00 };
	struct vcpu *v0 = &part.vcpus[0];
	unsigned taken = 0, flushes = 0;
	int last = -1;

	(void)state;
	sgis_enable(v0, prio, 12);
	for (u32 i = 0; i < 12; i++)
		vgic_inject(VG(v0), i);
	vgic_flush(VG(v0));
	flushes++;
	/* Four list registers, the four best in them, and the underflow interrupt asked for. */
	assert_int_equal(fake_valid_lrs(), 4);
	assert_true(fake_hcr & ICH_HCR_UIE);
	for (;;) {
		int intid;

		if (fake_maint_pending()) {
			vgic_flush(VG(v0));
			flushes++;
		}
		intid = fake_guest_ack(0xff);
		if (intid < 0)
			break;
		/* Strictly ascending priority value: never a worse one before a better. */
		assert_true(last < 0 || prio[intid] > prio[last]);
		last = intid;
		fake_guest_eoi((u32)intid);
		taken++;
	}
	assert_int_equal(taken, 12);
	/* Refilled three at a time: not one exit per EOI. */
	assert_in_range(flushes, 2, 5);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 0);
	assert_false(fake_hcr & ICH_HCR_UIE);
	assert_int_equal(rd(v0, sgi_frame(0, 0x200), 4), 0); /* nothing left pending */
}

static void test_lr_displacement(void **state)
{
	static const u8 prio[6] = { 0x80, 0x80, 0x80, 0x90, 0x80, 0x10 };
	struct vcpu *v0 = &part.vcpus[0];
	unsigned n;

	(void)state;
	sgis_enable(v0, prio, 6);
	for (u32 i = 0; i < 4; i++)
		vgic_inject(VG(v0), i);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 4);
	assert_false(fake_hcr & ICH_HCR_UIE);
	/* A better one arrives: it takes the worst one's (SGI 3's) place. */
	vgic_inject(VG(v0), 5);
	vgic_flush(VG(v0));
	for (n = 0; n < 4; n++)
		assert_int_not_equal(fake_lr[n] & 0xffff, 3);
	assert_int_equal(fake_guest_ack(0xff), 5);
	assert_true(fake_hcr & ICH_HCR_UIE);
	/* The displaced one is still pending, and delivered later. */
	assert_int_equal(rd(v0, sgi_frame(0, 0x200), 4) & 0x2f, 0x0f);
	/* An equal priority never displaces: SGI 4 waits. */
	vgic_inject(VG(v0), 4);
	vgic_flush(VG(v0));
	for (n = 0; n < 4; n++)
		assert_int_not_equal(fake_lr[n] & 0xffff, 4);
}

static void test_disable_while_in_lr(void **state)
{
	static const u8 prio[1] = { 0x80 };
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	sgis_enable(v0, prio, 1);
	vgic_inject(VG(v0), 0);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 1);
	/* ICENABLER0: out of the list register, still pending. */
	wr(v0, sgi_frame(0, 0x180), 4, 1);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(rd(v0, sgi_frame(0, 0x200), 4), 1);
	/* ICPENDR0 then ISENABLER0: nothing to deliver. */
	wr(v0, sgi_frame(0, 0x280), 4, 1);
	wr(v0, sgi_frame(0, 0x100), 4, 1);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 0);
	/* Pending again through ISPENDR0: delivered. */
	wr(v0, sgi_frame(0, 0x200), 4, 1);
	vgic_flush(VG(v0));
	assert_int_equal(fake_guest_ack(0xff), 0);
	/* Active in the LR: ICACTIVER0 from the guest ends it. */
	assert_int_equal(rd(v0, sgi_frame(0, 0x300), 4), 1);
	wr(v0, sgi_frame(0, 0x380), 4, 1);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(rd(v0, sgi_frame(0, 0x300), 4), 0);
}

static void test_hw_spi_deactivation(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	wr(v0, GICD + 0x0, 4, 2);
	wr(v0, GICD + 0x84, 4, 0xffffffff);
	wr(v0, GICD + 0x104, 4, 1u << 2);
	vgic_inject_hw(VG(v0), 34);
	vgic_flush(VG(v0));
	assert_true(fake_lr_of(34) & ICH_LR_HW);
	assert_int_equal((fake_lr_of(34) >> ICH_LR_PINTID_SHIFT) & 0x3ff, 34);
	/* Through the guest's EOI: the hardware deactivates it (HW = 1). */
	assert_int_equal(fake_guest_ack(0xff), 34);
	fake_guest_eoi(34);
	assert_int_equal(fake_phys_deactivated[34], 1);
	vgic_flush(VG(v0));
	/* Again, ended by ICACTIVER while in the list register: partita deactivates it. */
	vgic_inject_hw(VG(v0), 34);
	vgic_flush(VG(v0));
	assert_int_equal(fake_guest_ack(0xff), 34);
	wr(v0, GICD + 0x384, 4, 1u << 2);
	vgic_flush(VG(v0));
	assert_int_equal(fake_phys_deactivated[34], 2);
	assert_int_equal(fake_valid_lrs(), 0);
	/* Pending, disabled, then ICPENDR: nobody would deactivate it, so partita does. */
	wr(v0, GICD + 0x184, 4, 1u << 2);
	vgic_inject_hw(VG(v0), 34);
	wr(v0, GICD + 0x284, 4, 1u << 2);
	assert_int_equal(fake_phys_deactivated[34], 3);
}

static void test_level_resample(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	wr(v0, GICD + 0x0, 4, 2);
	wr(v0, GICD + 0x84, 4, 0xffffffff);
	wr(v0, GICD + 0x104, 4, 1u << 1);
	vgic_set_level(&part.vgic, 33, true);
	vgic_flush(VG(v0));
	assert_true(fake_lr_of(33) & ICH_LR_EOI);
	assert_int_equal(fake_guest_ack(0xff), 33);
	fake_guest_eoi(33);
	/* The line is still high: pending again after the fold. */
	vgic_flush(VG(v0));
	assert_int_equal(fake_guest_ack(0xff), 33);
	vgic_set_level(&part.vgic, 33, false);
	fake_guest_eoi(33);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(rd(v0, GICD + 0x204, 4), 0);
}

/*
 * A PCI INTx line (35..38): completed by the guest, it is low until its
 * source looks again (after the refill, no lock held), rather than pending
 * again at once as the UART's.
 */
static void test_level_resample_source(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	fake_nresampled = 0;
	wr(v0, GICD + 0x0, 4, 2);
	wr(v0, GICD + 0x84, 4, 0xffffffff);
	wr(v0, GICD + 0x104, 4, 1u << 4); /* INTID 36 */
	vgic_set_level(&part.vgic, 36, true);
	vgic_flush(VG(v0));
	assert_true(fake_lr_of(36) & ICH_LR_EOI);
	assert_int_equal(fake_guest_ack(0xff), 36);
	assert_int_equal(fake_nresampled, 0);
	fake_guest_eoi(36);
	vgic_flush(VG(v0));
	assert_int_equal(fake_nresampled, 1);
	assert_int_equal(fake_resampled[0], 36);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(rd(v0, GICD + 0x204, 4), 0);
	/* The source finds it still asserting: raised again, taken again. */
	vgic_set_level(&part.vgic, 36, true);
	vgic_flush(VG(v0));
	assert_int_equal(fake_guest_ack(0xff), 36);
	/* Lowered by the source before the guest is done (it disabled INTx): no resample. */
	vgic_set_level(&part.vgic, 36, false);
	fake_guest_eoi(36);
	vgic_flush(VG(v0));
	assert_int_equal(fake_nresampled, 1);
	assert_int_equal(fake_valid_lrs(), 0);
	/* ICFGR: the guest cannot make an INTx line edge (no resample would come). */
	wr(v0, GICD + 0xc08, 4, 2u << 8); /* INTID 36 */
	assert_int_equal(rd(v0, GICD + 0xc08, 4) & (3u << 8), 0);
	/* A reset forgets a completion not yet reported. */
	vgic_set_level(&part.vgic, 36, true);
	vgic_flush(VG(v0));
	assert_int_equal(fake_guest_ack(0xff), 36);
	fake_guest_eoi(36);
	vgic_vcpu_off(&part.vgic, 0);
	vgic_partition_reset(&part.vgic);
	vgic_flush(VG(v0));
	assert_int_equal(fake_nresampled, 1);
}

/* A software SPI's trigger is the guest's, for the run: level again after a reset. */
static void test_soft_trigger_reset(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	wr(v0, GICD + 0xc08, 4, 2u << 2); /* INTID 33 (the UART's) edge */
	assert_int_equal(rd(v0, GICD + 0xc08, 4) & (3u << 2), 2u << 2);
	vgic_vcpu_off(&part.vgic, 0);
	vgic_vcpu_off(&part.vgic, 1);
	vgic_partition_reset(&part.vgic);
	assert_int_equal(rd(v0, GICD + 0xc08, 4) & (3u << 2), 0);
}

/** The virtual timer's fast path (vectors.S) and the vGIC's side of it. */
static void test_vtimer_fast_path(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];
	u64 lr;

	(void)state;
	wr(v0, GICD + 0x0, 4, 2);
	wr(v0, sgi_frame(0, 0x80), 4, 0xffffffff);
	vgic_flush(VG(v0));
	assert_int_equal(percpus[0].vgic.vtimer_lr, 0); /* disabled: no fast path */
	wr(v0, sgi_frame(0, 0x400 + 27), 1, 0x40);
	wr(v0, sgi_frame(0, 0x400 + 1), 1, 0x80);
	wr(v0, sgi_frame(0, 0x100), 4, BIT(27) | BIT(1));
	vgic_flush(VG(v0));
	lr = percpus[0].vgic.vtimer_lr;
	/* Pending, HW = 1 onto physical PPI 27, group 1, its priority. */
	assert_int_equal(lr & ICH_LR_VINTID_MASK, 27);
	assert_true(lr & ICH_LR_HW);
	assert_int_equal((lr >> ICH_LR_PINTID_SHIFT) & 0x3ff, 27);
	assert_true(lr & ICH_LR_GROUP);
	assert_int_equal((lr >> ICH_LR_PRIORITY_SHIFT) & 0xff, 0x40);
	assert_int_equal(lr >> ICH_LR_STATE_SHIFT, ICH_LR_PENDING);
	/* The vGIC fills list registers from the top, leaving LR 0 to the timer. */
	vgic_inject(VG(v0), 1);
	vgic_flush(VG(v0));
	assert_int_equal(fake_lr[3] & 0xffff, 1);
	assert_int_equal(fake_lr[0], 0);
	/* The fast path fires: LR 0 written behind the vGIC's back, then adopted. */
	fake_lr[0] = lr;
	assert_int_equal(rd(v0, sgi_frame(0, 0x200), 4), BIT(27) | BIT(1));
	vgic_flush(VG(v0));
	assert_int_equal(percpus[0].vgic.vtimer_lr, 0); /* LR 0 is in the books now */
	assert_int_equal(fake_guest_ack(0xff), 27);
	fake_guest_eoi(27);
	assert_int_equal(fake_phys_deactivated[27], 1);
	assert_int_equal(fake_guest_ack(0xff), 1);
	fake_guest_eoi(1);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(percpus[0].vgic.vtimer_lr, lr); /* free again */
	/* Disabling the timer turns the fast path off at the next refill. */
	wr(v0, sgi_frame(0, 0x180), 4, BIT(27));
	vgic_flush(VG(v0));
	assert_int_equal(percpus[0].vgic.vtimer_lr, 0);
}

static void test_sgi1r(void **state)
{
	static const u8 prio[4] = { 0x80, 0x80, 0x80, 0x80 };
	struct vcpu *v0 = &part.vcpus[0], *v1 = &part.vcpus[1];

	(void)state;
	sgis_enable(v0, prio, 4);
	sgis_enable(v1, prio, 4);
	/* Target list {1}: vCPU 1 only. */
	vgic_sgi1r(VG(v0), (1ULL << 24) | 2);
	assert_int_equal(rd(v0, sgi_frame(1, 0x200), 4), 2);
	assert_int_equal(rd(v0, sgi_frame(0, 0x200), 4), 0);
	/* IRM: everyone but the sender. */
	vgic_sgi1r(VG(v1), (2ULL << 24) | BIT(40));
	assert_int_equal(rd(v0, sgi_frame(0, 0x200), 4), 4);
	assert_int_equal(rd(v0, sgi_frame(1, 0x200), 4), 2);
	/* Aff0 2..15, Aff1 = 1, Aff3 = 1: nobody here; each dropped and counted. */
	vgic_sgi1r(VG(v0), (3ULL << 24) | 0xfffc);
	vgic_sgi1r(VG(v0), (3ULL << 24) | (1ULL << 16) | 1);
	vgic_sgi1r(VG(v0), (3ULL << 24) | (1ULL << 48) | 1);
	assert_int_equal(part.vgic.stats.sgi_dropped, 16);
	assert_int_equal(rd(v0, sgi_frame(0, 0x200), 4), 4);
	assert_int_equal(rd(v0, sgi_frame(1, 0x200), 4), 2);
}

/** An SGI to self goes straight into a list register when that is all a refill would do. */
static void test_sgi_self_direct(void **state)
{
	static const u8 prio[4] = { 0x80, 0x80, 0x80, 0x80 };
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	sgis_enable(v0, prio, 4);
	vgic_flush(VG(v0)); /* the register writes are folded in */
	assert_false(vgic_sgi1r(VG(v0), (2ULL << 24) | 1));
	assert_int_equal(fake_lr[3] & 0xffff, 2);
	assert_int_equal(fake_lr[3] >> ICH_LR_STATE_SHIFT, ICH_LR_PENDING);
	assert_int_equal(fake_lr[0], 0); /* never LR 0: the timer's */
	/* Taken and completed: the same SGI again reuses its list register. */
	assert_int_equal(fake_guest_ack(0xff), 2);
	fake_guest_eoi(2);
	assert_false(vgic_sgi1r(VG(v0), (2ULL << 24) | 1));
	assert_int_equal(fake_valid_lrs(), 1);
	/* Still pending there: the refill's job (it folds the LR first). */
	assert_true(vgic_sgi1r(VG(v0), (2ULL << 24) | 1));
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 1);
	assert_int_equal(fake_guest_ack(0xff), 2);
	fake_guest_eoi(2);
	/* Something else waiting for this vCPU: the refill decides, in priority order. */
	vgic_inject(VG(v0), 1);
	assert_true(vgic_sgi1r(VG(v0), (3ULL << 24) | 1));
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 2);
	/* Disabled: pending in the distributor, not in a list register. */
	wr(v0, sgi_frame(0, 0x180), 4, BIT(0));
	vgic_flush(VG(v0));
	assert_true(vgic_sgi1r(VG(v0), 1));
	vgic_flush(VG(v0));
	assert_int_equal(fake_lr_of(0), 0);
	assert_int_equal(rd(v0, sgi_frame(0, 0x200), 4) & 1, 1);
}

/** SPI 34 (forwarded) enabled, group 1, the distributor on, pending in @v's list register. */
static void hw_spi_in_lr(struct vcpu *v)
{
	wr(v, GICD + 0x0, 4, 2);
	wr(v, GICD + 0x84, 4, 0xffffffff);
	wr(v, GICD + 0x104, 4, 1u << 2);
	vgic_inject_hw(VG(v), 34);
	vgic_flush(VG(v));
	assert_true(fake_lr_of(34) & ICH_LR_HW);
}

/* Review findings: none of these may leave a physical interrupt active or an interrupt lost. */
static void test_hw_icpendr_in_lr(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	hw_spi_in_lr(v0);
	/* The guest withdraws it before taking it: nobody else will end the physical one. */
	wr(v0, GICD + 0x284, 4, 1u << 2);
	vgic_flush(VG(v0));
	assert_int_equal(fake_lr_of(34), 0);
	assert_int_equal(fake_phys_deactivated[34], 1);
}

static void test_hw_icactiver_pending_only(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	hw_spi_in_lr(v0);
	/* Not active: ICACTIVER changes nothing, the physical one stays for the guest's EOI. */
	wr(v0, GICD + 0x384, 4, 1u << 2);
	vgic_flush(VG(v0));
	assert_int_equal(fake_phys_deactivated[34], 0);
	assert_int_equal(fake_guest_ack(0xff), 34);
	fake_guest_eoi(34);
	assert_int_equal(fake_phys_deactivated[34], 1);
}

static void test_reroute_pending(void **state)
{
	struct vcpu *v0 = &part.vcpus[0], *v1 = &part.vcpus[1];

	(void)state;
	hw_spi_in_lr(v0);
	/* Linux moves the interrupt to CPU 1 (hotplug): it must follow, out of vCPU 0's LR. */
	wr(v0, GICD + 0x6000 + 8 * 34, 8, 1);
	vgic_flush(VG(v0));
	assert_int_equal(fake_lr_of(34), 0);
	fake_cpu = 1;
	vgic_flush(VG(v1));
	assert_true(fake_lr_of(34) & ICH_LR_HW);
	assert_int_equal(fake_guest_ack(0xff), 34);
	fake_guest_eoi(34);
	assert_int_equal(fake_phys_deactivated[34], 1);
	/* Pending while disabled, rerouted, then enabled: delivered to the new target. */
	fake_cpu = 0;
	wr(v0, GICD + 0x184, 4, 1u << 2);
	vgic_inject_hw(VG(v0), 34);
	wr(v0, GICD + 0x6000 + 8 * 34, 8, 0);
	wr(v0, GICD + 0x104, 4, 1u << 2);
	/* vCPU 1, kicked by those writes, folds its list registers and lets go of it. */
	fake_cpu = 1;
	vgic_flush(VG(v1));
	assert_int_equal(fake_lr_of(34), 0);
	fake_cpu = 0;
	vgic_flush(VG(v0));
	assert_true(fake_lr_of(34) & ICH_LR_HW);
}

static void test_vcpu_reset_ends_hw(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	hw_spi_in_lr(v0);
	assert_int_equal(fake_guest_ack(0xff), 34);
	/* CPU_OFF with it active, then CPU_ON: the physical one is ended, once. */
	vgic_vcpu_off(VG(v0));
	vgic_vcpu_reset(VG(v0));
	assert_int_equal(fake_phys_deactivated[34], 1);
	assert_int_equal(rd(v0, GICD + 0x304, 4), 0);
}

/**
 * What partita does when vCPU @v goes off (CPU_OFF, a stop or a reset), on
 * its own pCPU (core/vcpu.c, vcpu_off()).
 */
static void vcpu_goes_off(struct vcpu *v)
{
	fake_cpu = v->pcpu;
	vgic_vcpu_off(VG(v));
}

/** The partition restarts: every vCPU off, the partition reset, vCPU 0 on again. */
static void partition_restarts(void)
{
	vcpu_goes_off(&part.vcpus[0]);
	vcpu_goes_off(&part.vcpus[1]);
	vgic_partition_reset(&part.vgic);
	fake_cpu = 0;
	vgic_vcpu_reset(VG(&part.vcpus[0]));
	vgic_flush(VG(&part.vcpus[0]));
}

/**
 * Reset while the guest handles a forwarded SPI (active in a list register):
 * the next run sees nothing of it, the physical SPI is ended exactly once,
 * and the SPI works again.
 */
static void test_reset_with_spi_active(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	hw_spi_in_lr(v0);
	assert_int_equal(fake_guest_ack(0xff), 34);
	partition_restarts();
	assert_int_equal(fake_phys_deactivated[34], 1);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(rd(v0, GICD + 0x304, 4), 0); /* not active */
	assert_int_equal(rd(v0, GICD + 0x204, 4), 0); /* not pending */
	/* The restarted guest enables it and the device fires again: delivered, ended once more. */
	hw_spi_in_lr(v0);
	assert_int_equal(fake_guest_ack(0xff), 34);
	fake_guest_eoi(34);
	assert_int_equal(fake_phys_deactivated[34], 2);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 0);
}

/** Reset with SGIs pending in list registers: none of them reaches the next run. */
static void test_reset_with_sgis_pending(void **state)
{
	static const u8 prio[6] = { 0x10, 0x20, 0x30, 0x40, 0x50, 0x60 };
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	sgis_enable(v0, prio, 6);
	for (u32 i = 0; i < 6; i++)
		vgic_inject(VG(v0), i);
	vgic_flush(VG(v0));
	assert_int_equal(fake_guest_ack(0xff),
			 0); /* one active, three pending in LRs, two queued */
	partition_restarts();
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(fake_guest_ack(0xff), -1);
	assert_int_equal(part.vgic.cpu[0].lr_used, 0);
}

/**
 * CPU_OFF of vCPU 1 while an SPI waits in its list register, the SPI moved
 * to vCPU 0, which takes it; then CPU_ON of vCPU 1: vCPU 1's return must not
 * touch the SPI vCPU 0 is handling, and its list registers hold nothing.
 */
static void test_secondary_off_on_while_other_handles_spi(void **state)
{
	struct vcpu *v0 = &part.vcpus[0], *v1 = &part.vcpus[1];

	(void)state;
	wr(v0, GICD + 0x0, 4, 2);
	wr(v0, GICD + 0x84, 4, 0xffffffff);
	wr(v0, GICD + 0x6000 + 8 * 34, 8, 1); /* to vCPU 1 */
	wr(v0, GICD + 0x104, 4, 1u << 2);
	vgic_inject_hw(VG(v0), 34);
	fake_cpu = 1;
	vgic_flush(VG(v1));
	assert_true(fake_lr_of(34) & ICH_LR_HW);
	vcpu_goes_off(v1); /* with 34 still pending in its list register */
	fake_cpu = 0;
	wr(v0, GICD + 0x6000 + 8 * 34, 8, 0); /* back to vCPU 0 */
	vgic_flush(VG(v0));
	assert_true(fake_lr_of(34) & ICH_LR_HW);
	assert_int_equal(fake_guest_ack(0xff), 34);
	/* CPU_ON of vCPU 1, on its pCPU. */
	fake_cpu = 1;
	vgic_vcpu_reset(VG(v1));
	vgic_flush(VG(v1));
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(fake_phys_deactivated[34], 0);
	fake_cpu = 0;
	assert_true(fake_lr_of(34) & (ICH_LR_ACTIVE << ICH_LR_STATE_SHIFT));
	fake_guest_eoi(34);
	assert_int_equal(fake_phys_deactivated[34], 1);
	vgic_flush(VG(v0));
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(rd(v0, GICD + 0x304, 4), 0);
}

/**
 * A timer's PPI is a level: fired while its PPI was disabled, then the timer
 * turned off, it reads not pending, its physical PPI is ended once, and
 * enabling the PPI delivers nothing.
 */
static void test_timer_level_resampled(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];
	static const u32 timers[] = { VGIC_INTID_VTIMER, VGIC_INTID_PTIMER };

	(void)state;
	wr(v0, GICD + 0x0, 4, 2);
	wr(v0, sgi_frame(0, 0x80), 4, 0xffffffff); /* group 1 */
	for (unsigned i = 0; i < 2; i++) {
		u32 t = timers[i];

		vgic_inject_hw(VG(v0), t); /* the PPI fired while disabled: pending in the books */
		assert_true(rd(v0, sgi_frame(0, 0x200), 4) & BIT(t));
		fake_timer_low[0][t] = true; /* the guest turned its timer off */
		assert_false(rd(v0, sgi_frame(0, 0x200), 4) & BIT(t));
		assert_int_equal(fake_phys_deactivated[t], 1);
		wr(v0, sgi_frame(0, 0x100), 4, BIT(t)); /* ISENABLER0 */
		vgic_flush(VG(v0));
		assert_int_equal(fake_valid_lrs(), 0);
		/* Fired again and enabled: delivered, with HW = 1. */
		fake_timer_low[0][t] = false;
		vgic_inject_hw(VG(v0), t);
		vgic_flush(VG(v0));
		assert_true(fake_lr_of(t) & ICH_LR_HW);
		assert_int_equal(fake_guest_ack(0xff), (int)t);
		fake_guest_eoi(t);
		vgic_flush(VG(v0));
		/*
		 * Pending in a list register (the guest's interrupts masked) when
		 * the guest turns the timer off: out of it, ended once, not pending.
		 */
		vgic_inject_hw(VG(v0), t);
		vgic_flush(VG(v0));
		assert_true(fake_lr_of(t) & ICH_LR_HW);
		fake_timer_low[0][t] = true;
		assert_false(rd(v0, sgi_frame(0, 0x200), 4) & BIT(t));
		assert_int_equal(fake_lr_of(t), 0);
		/* 1: partita's above; 2: the guest's EOI (HW = 1); 3: this one. */
		assert_int_equal(fake_phys_deactivated[t], 3);
		vgic_flush(VG(v0));
		assert_int_equal(fake_guest_ack(0xff), -1);
		fake_timer_low[0][t] = false;
	}
}

static void test_edge_spi_readback(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	/* Linux writes the trigger and reads it back; a forwarded one shows the device's. */
	fake_spi_edge[34] = true;
	memset(&part.vgic, 0, sizeof(part.vgic));
	part.mmio.count = 0;
	fake_vgic_init(&part);
	assert_int_equal(rd(v0, GICD + 0xc08, 4), 2u << 4);
	wr(v0, GICD + 0xc08, 4, 0);
	assert_int_equal(rd(v0, GICD + 0xc08, 4), 2u << 4);
}

static void test_remote_ppi_release(void **state)
{
	struct vcpu *v0 = &part.vcpus[0];

	(void)state;
	/* vCPU 0 activates then deactivates vCPU 1's timer PPI through its redistributor. */
	wr(v0, sgi_frame(1, 0x300), 4, BIT(27));
	wr(v0, sgi_frame(1, 0x380), 4, BIT(27));
	assert_int_equal(fake_remote_deactivated[27], 1);
	assert_int_equal(rd(v0, sgi_frame(1, 0x300), 4), 0);
}

static void test_read_kicks_holder(void **state)
{
	struct vcpu *v0 = &part.vcpus[0], *v1 = &part.vcpus[1];
	unsigned kicks;

	(void)state;
	wr(v0, GICD + 0x6000 + 8 * 34, 8, 1);
	fake_cpu = 1;
	hw_spi_in_lr(v1);
	assert_int_equal(fake_guest_ack(0xff), 34);
	/* vCPU 0 polls ISACTIVER (synchronize_irq): vCPU 1 is made to fold its LRs. */
	fake_cpu = 0;
	kicks = fake_kicks;
	assert_int_equal(rd(v0, GICD + 0x304, 4), 0); /* the books do not know yet */
	assert_int_equal(fake_kicks, kicks + 1);
	/* The kicked vCPU folds; the next poll sees the truth. */
	fake_cpu = 1;
	vgic_flush(VG(v1));
	fake_cpu = 0;
	assert_int_equal(rd(v0, GICD + 0x304, 4), 1u << 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_tables_valid, setup),
		cmocka_unit_test_setup(test_access_rules, setup),
		cmocka_unit_test_setup(test_irouter_whole, setup),
		cmocka_unit_test_setup(test_foreign_intids, setup),
		cmocka_unit_test_setup(test_lr_priority_order, setup),
		cmocka_unit_test_setup(test_lr_displacement, setup),
		cmocka_unit_test_setup(test_disable_while_in_lr, setup),
		cmocka_unit_test_setup(test_hw_spi_deactivation, setup),
		cmocka_unit_test_setup(test_level_resample, setup),
		cmocka_unit_test_setup(test_soft_trigger_reset, setup),
		cmocka_unit_test_prestate_setup_teardown(test_level_resample_source, setup, NULL,
							 (void *)&cfg_pci),
		cmocka_unit_test_setup(test_vtimer_fast_path, setup),
		cmocka_unit_test_setup(test_sgi1r, setup),
		cmocka_unit_test_setup(test_sgi_self_direct, setup),
		cmocka_unit_test_setup(test_hw_icpendr_in_lr, setup),
		cmocka_unit_test_setup(test_hw_icactiver_pending_only, setup),
		cmocka_unit_test_setup(test_reroute_pending, setup),
		cmocka_unit_test_setup(test_vcpu_reset_ends_hw, setup),
		cmocka_unit_test_setup(test_reset_with_spi_active, setup),
		cmocka_unit_test_setup(test_reset_with_sgis_pending, setup),
		cmocka_unit_test_setup(test_secondary_off_on_while_other_handles_spi, setup),
		cmocka_unit_test_setup(test_timer_level_resampled, setup),
		cmocka_unit_test_setup(test_edge_spi_readback, setup),
		cmocka_unit_test_setup(test_remote_ppi_release, setup),
		cmocka_unit_test_setup(test_read_kicks_holder, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
