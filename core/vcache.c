/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Set/way cache maintenance of guests, the way KVM handles it: the first
 * set/way operation cleans and invalidates all of the partition's RAM by
 * address and starts trapping the guest's virtual-memory control registers
 * (HCR_EL2.TVM). Further set/way operations then cost an exit and nothing
 * else, so a guest looping over 32,768 sets and ways costs one pass over its
 * RAM, not 32,768. When the guest turns its caches on or off (SCTLR_EL1.M
 * and .C), its RAM is cleaned and invalidated again, so what it wrote with
 * one setting is what it reads with the other; once its caches are on,
 * partita stops watching until the next set/way operation.
 *
 * Set/way operations exist for power management and early boot, where a
 * whole cache level is flushed; by address over the partition's RAM is the
 * only form that cannot touch another partition's lines (DDI 0487, D7.5.9,
 * "Performing cache maintenance instructions"). The pass is one trap's work,
 * on the partition's own CPU with interrupts masked: for 1 GiB of RAM some
 * 16 million lines, tens of milliseconds on hardware. Only the partition
 * that asked for it waits (and its memory traffic is its own); partita's
 * per-trap bound is on the work guests make it do for others.
 */
#include <arch/cache.h>
#include <arch/sysreg.h>
#include <core/partition.h>
#include <core/vcache.h>

/*
 * DC ISW, CSW, CISW (op2 2), and with FEAT_MTE2 the tag forms IGSW, CGSW,
 * CIGSW (op2 4) and IGDSW, CGDSW, CIGDSW (op2 6): CRm 6, 10, 14.
 */
#define ISS_DC_SW(crm, op2) SYSREG_ISS(1, 0, 7, crm, op2)

/** The registers HCR_EL2.TVM traps writes of (DDI 0487, D19.2.48), EL1 AArch64 only. */
#define ISS_SCTLR_EL1 SYSREG_ISS(3, 0, 1, 0, 0)
#define ISS_TTBR0_EL1 SYSREG_ISS(3, 0, 2, 0, 0)
#define ISS_TTBR1_EL1 SYSREG_ISS(3, 0, 2, 0, 1)
#define ISS_TCR_EL1 SYSREG_ISS(3, 0, 2, 0, 2)
#define ISS_AFSR0_EL1 SYSREG_ISS(3, 0, 5, 1, 0)
#define ISS_AFSR1_EL1 SYSREG_ISS(3, 0, 5, 1, 1)
#define ISS_ESR_EL1 SYSREG_ISS(3, 0, 5, 2, 0)
#define ISS_FAR_EL1 SYSREG_ISS(3, 0, 6, 0, 0)
#define ISS_MAIR_EL1 SYSREG_ISS(3, 0, 10, 2, 0)
#define ISS_AMAIR_EL1 SYSREG_ISS(3, 0, 10, 3, 0)
#define ISS_CONTEXTIDR_EL1 SYSREG_ISS(3, 0, 13, 0, 1)
/* ... and those of newer features, which only a CPU that has them lets a guest write. */
#define ISS_SCTLR2_EL1 SYSREG_ISS(3, 0, 1, 0, 3)
#define ISS_TCR2_EL1 SYSREG_ISS(3, 0, 2, 0, 3)
#define ISS_MAIR2_EL1 SYSREG_ISS(3, 0, 10, 2, 1)
#define ISS_PIRE0_EL1 SYSREG_ISS(3, 0, 10, 2, 2)
#define ISS_PIR_EL1 SYSREG_ISS(3, 0, 10, 2, 3)
#define ISS_AMAIR2_EL1 SYSREG_ISS(3, 0, 10, 3, 1)

/** Clean and invalidate the partition's RAM to the point of coherency, by address. */
static void flush_ram(struct partition *p)
{
	arch_dcache_clean_inval(p->cfg->ram_pa, p->cfg->ram_size);
	__atomic_fetch_add(&p->stats.setway_flushes, 1, __ATOMIC_RELAXED);
}

static bool caches_on(u64 sctlr)
{
	return (sctlr & (SCTLR_M | SCTLR_C)) == (SCTLR_M | SCTLR_C);
}

bool vcache_setway(struct vcpu *v, u64 iss)
{
	u64 op = iss & SYSREG_ISS_MASK, hcr;
	bool sw = false;

	for (u64 crm = 6; crm <= 14; crm += 4)
		for (u64 op2 = 2; op2 <= 6; op2 += 2)
			sw |= op == ISS_DC_SW(crm, op2);
	if (!sw || (iss & 1))
		return false;
	__atomic_fetch_add(&v->part->stats.setway_ops, 1, __ATOMIC_RELAXED);
	hcr = read_sysreg(hcr_el2);
	if (!(hcr & HCR_TVM)) {
		/* The first of a sequence: one pass for all, then watch SCTLR_EL1. */
		flush_ram(v->part);
		write_sysreg(hcr_el2, hcr | HCR_TVM);
	}
	return true;
}

bool vcache_vm_reg_write(struct vcpu *v, u64 iss, u64 value)
{
	bool was_on;

	if (iss & 1)
		return false; /* TVM traps writes only: a read here is not ours */
	switch (iss & SYSREG_ISS_MASK) {
	case ISS_SCTLR_EL1:
		was_on = caches_on(read_sysreg(sctlr_el1));
		write_sysreg(sctlr_el1, value);
		if (caches_on(value) != was_on)
			flush_ram(v->part);
		/* Caches on: set/way is over until the next such operation. */
		if (caches_on(value))
			write_sysreg(hcr_el2, read_sysreg(hcr_el2) & ~HCR_TVM);
		break;
	case ISS_TTBR0_EL1:
		write_sysreg(ttbr0_el1, value);
		break;
	case ISS_TTBR1_EL1:
		write_sysreg(ttbr1_el1, value);
		break;
	case ISS_TCR_EL1:
		write_sysreg(tcr_el1, value);
		break;
	case ISS_AFSR0_EL1:
		write_sysreg(afsr0_el1, value);
		break;
	case ISS_AFSR1_EL1:
		write_sysreg(afsr1_el1, value);
		break;
	case ISS_ESR_EL1:
		write_sysreg(esr_el1, value);
		break;
	case ISS_FAR_EL1:
		write_sysreg(far_el1, value);
		break;
	case ISS_MAIR_EL1:
		write_sysreg(mair_el1, value);
		break;
	case ISS_AMAIR_EL1:
		write_sysreg(amair_el1, value);
		break;
	case ISS_CONTEXTIDR_EL1:
		write_sysreg(contextidr_el1, value);
		break;
	case ISS_SCTLR2_EL1:
		write_sysreg(S3_0_C1_C0_3, value);
		break;
	case ISS_TCR2_EL1:
		write_sysreg(S3_0_C2_C0_3, value);
		break;
	case ISS_MAIR2_EL1:
		write_sysreg(S3_0_C10_C2_1, value);
		break;
	case ISS_PIRE0_EL1:
		write_sysreg(S3_0_C10_C2_2, value);
		break;
	case ISS_PIR_EL1:
		write_sysreg(S3_0_C10_C2_3, value);
		break;
	case ISS_AMAIR2_EL1:
		write_sysreg(S3_0_C10_C3_1, value);
		break;
	default:
		return false;
	}
	return true;
}
