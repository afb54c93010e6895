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
#include <arch/trapregs.h>
#include <core/partition.h>
#include <core/vcache.h>

/*
 * DC ISW, CSW, CISW (op2 2), and with FEAT_MTE2 the tag forms IGSW, CGSW,
 * CIGSW (op2 4) and IGDSW, CGDSW, CIGDSW (op2 6): CRm 6, 10, 14.
 */
#define ISS_DC_SW(crm, op2) SYSREG_ISS(1, 0, 7, crm, op2)

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
	u64 op = iss & SYSREG_ISS_MASK;
	bool sw = false;

	for (u64 crm = 6; crm <= 14; crm += 4)
		for (u64 op2 = 2; op2 <= 6; op2 += 2)
			sw |= op == ISS_DC_SW(crm, op2);
	if (!sw || (iss & 1))
		return false;
	__atomic_fetch_add(&v->part->stats.setway_ops, 1, __ATOMIC_RELAXED);
	if (!arch_vm_regs_trapped()) {
		/* The first of a sequence: one pass for all, then watch SCTLR_EL1. */
		flush_ram(v->part);
		arch_trap_vm_regs(true);
	}
	return true;
}

bool vcache_vm_reg_write(struct vcpu *v, u64 iss, u64 value)
{
	bool was_on;

	if (iss & 1)
		return false; /* TVM traps writes only: a read here is not ours */
	if ((iss & SYSREG_ISS_MASK) != arch_iss_sctlr_el1())
		return arch_guest_vm_reg_write(iss, value);
	was_on = caches_on(arch_guest_sctlr());
	arch_guest_vm_reg_write(iss, value);
	if (caches_on(value) != was_on)
		flush_ram(v->part);
	/* Caches on: set/way is over until the next such operation. */
	if (caches_on(value))
		arch_trap_vm_regs(false);
	return true;
}
