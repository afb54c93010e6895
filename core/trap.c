/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Traps from guests: hypercalls and SMCs (PSCI), stage-2 data aborts (the MMIO
 * registry), IPIs. Nothing a guest does here can stop the hypervisor: every
 * unexpected trap becomes an exception for that guest, counted and logged
 * with a rate limit.
 */
#include <arch/cpu.h>
#include <arch/decode.h>
#include <arch/ras.h>
#include <arch/sysreg.h>
#include <arch/trapregs.h>
#include <core/console.h>
#include <core/panic.h>
#include <core/partition.h>
#include <core/trap.h>
#include <core/vcache.h>
#include <core/vpsci.h>
#include <drivers/gic.h>

static struct ratelimit rl_irq;

/** Report the access to the guest as an abort, and say so on the console. */
static void abort_guest(struct vcpu *vcpu, struct guest_regs *regs, u64 ipa, bool write,
			const char *why)
{
	struct partition *p = vcpu->part;

	p->stats.aborts_injected++;
	if (ratelimit_allow(&vcpu->part->log_limit))
		pr_info("%s vCPU %u: %s %s IPA 0x%lx at pc 0x%lx: abort injected", p->cfg->name,
			vcpu->index, why, write ? "write to" : "read of", ipa, regs->pc);
	arch_guest_inject_dabt(regs, arch_trap_far(), write);
}

/** True for the fault status codes that report the IPA in HPFAR_EL2. */
static bool dabt_ipa_valid(u64 iss)
{
	u64 fsc = iss & 0x3f;

	return fsc >= 0x04 && fsc <= 0x0f;
}

/** Sign- or zero-extend a loaded value as the instruction asks. */
static u64 extend_load(u64 v, unsigned size, bool sign, bool dst64)
{
	if (sign && size < 8) {
		unsigned bits = 8 * size;
		u64 m = 1ULL << (bits - 1);

		v = (v ^ m) - m;
	}
	return dst64 ? v : (u32)v;
}

/** One access of @size bytes at @ipa through the region's handler. */
static enum mmio_result mmio_one(struct vcpu *vcpu, const struct mmio_region *r, u64 ipa,
				 unsigned size, bool write, u64 *value)
{
	struct mmio_access acc = { ipa - r->base, size, write, write ? *value : 0 };
	enum mmio_result res;

	if (write && size < 8)
		acc.value &= (1ULL << (8 * size)) - 1;
	res = r->handler(r->arg, vcpu->index, &acc);
	if (!write)
		*value = acc.value;
	return res;
}

/** An ISV=0 abort: decode the instruction and perform it (DDI 0487, C4.1.4). */
static bool emulate_decoded(struct vcpu *vcpu, struct guest_regs *regs, u64 ipa)
{
	struct partition *p = vcpu->part;
	const struct mmio_region *r;
	u64 insn_pa, far = arch_trap_far(), base, addr, wb;
	u32 insn;
	struct ldst d;
	unsigned n, i;

	if ((ESR_ISS(arch_trap_esr()) & DABT_FNV) || !arch_guest_va_to_pa(regs->pc, &insn_pa) ||
	    !IS_ALIGNED(insn_pa, 4))
		return false;
	/* The instruction must come from the partition's own RAM. */
	if (!range_within(insn_pa, 4, p->cfg->ram_pa, p->cfg->ram_size))
		return false;
	insn = *(volatile u32 *)(uintptr_t)insn_pa;
	if (!decode_ldst(insn, &d))
		return false;
	base = d.rn == 31 ? arch_guest_sp(regs) : regs->x[d.rn];
	if (d.addr == LDST_REG_OFFSET)
		addr = base + decode_extend(guest_reg_read(regs, d.rm), d.option, d.shift);
	else if (d.addr == LDST_POST_INDEX)
		addr = base;
	else
		addr = base + (u64)d.imm;
	wb = base + (u64)d.imm;
	n = d.pair ? 2 : 1;
	/* The access must be the one that faulted, wholly inside the faulting page. */
	if ((addr & ~0xfffULL) != (far & ~0xfffULL) || (addr & 0xfff) + (u64)n * d.size > SZ_4K)
		return false;
	ipa = (ipa & ~0xfffULL) | (addr & 0xfff);
	r = mmio_find(&p->mmio, ipa);
	if (!r || !range_within(ipa, (u64)n * d.size, r->base, r->size))
		return false;
	for (i = 0; i < n; i++) {
		unsigned rt = i ? d.rt2 : d.rt;
		u64 v = guest_reg_read(regs, rt);

		if (mmio_one(vcpu, r, ipa + (u64)i * d.size, d.size, !d.load, &v) != MMIO_HANDLED)
			return false;
		if (d.load)
			guest_reg_write(regs, rt, extend_load(v, d.size, d.sign_extend, d.dst64));
	}
	if (d.addr == LDST_PRE_INDEX || d.addr == LDST_POST_INDEX) {
		if (d.rn == 31)
			arch_guest_set_sp(regs, wb);
		else
			regs->x[d.rn] = wb;
	}
	return true;
}

/** Step past the trapped instruction: 2 bytes for a 16-bit T32 one (ESR_EL2.IL = 0). */
static void skip_insn(struct guest_regs *regs, u64 esr)
{
	regs->pc += (esr & ESR_IL) ? 4 : 2;
}

/** A stage-2 data abort; *@uart: it was an access to the partition's emulated UART. */
static void dabt(struct vcpu *vcpu, struct guest_regs *regs, u64 esr, bool *uart)
{
	u64 iss = ESR_ISS(esr);
	u64 ipa = arch_trap_ipa();
	bool write = iss & DABT_WNR;
	const struct mmio_region *r = mmio_find(&vcpu->part->mmio, ipa);

	*uart = r && r->arg == &vcpu->part->uart;
	/*
	 * HPFAR_EL2 holds the IPA only for translation, access-flag and permission
	 * faults (DDI 0487, D19.2.55); anything else is the guest's to handle.
	 */
	if (!dabt_ipa_valid(iss)) {
		abort_guest(vcpu, regs, 0, write, "unexpected fault (see ESR) on");
		return;
	}
	if (iss & DABT_S1PTW) {
		/* The guest's own page tables point outside its RAM. */
		abort_guest(vcpu, regs, ipa, false, "page-table walk through");
		return;
	}
	if (!r) {
		abort_guest(vcpu, regs, ipa, write, "unmapped");
		return;
	}
	if (iss & DABT_CM) {
		/* Cache maintenance on an emulated device has nothing to maintain. */
		skip_insn(regs, esr);
		return;
	}
	if (iss & DABT_ISV) {
		unsigned size = 1u << DABT_SAS(iss), rt = DABT_SRT(iss);
		u64 v = guest_reg_read(regs, rt);

		if (mmio_one(vcpu, r, ipa, size, write, &v) != MMIO_HANDLED) {
			abort_guest(vcpu, regs, ipa, write, "bad access:");
			return;
		}
		if (!write)
			guest_reg_write(regs, rt,
					extend_load(v, size, iss & DABT_SSE, iss & DABT_SF));
		skip_insn(regs, esr);
		return;
	}
	/* Only A64 loads and stores are decoded: an AArch32 one without syndrome aborts. */
	if ((regs->pstate & PSR_MODE_AARCH32) || !emulate_decoded(vcpu, regs, ipa)) {
		abort_guest(vcpu, regs, ipa, write, "undecodable access to");
		return;
	}
	skip_insn(regs, esr);
}

#define ISS_ICC_SGI1R SYSREG_ISS(3, 0, 12, 11, 5)
#define ISS_ICC_ASGI1R SYSREG_ISS(3, 0, 12, 11, 6)
#define ISS_ICC_SGI0R SYSREG_ISS(3, 0, 12, 11, 7)

static void undef_guest(struct vcpu *vcpu, struct guest_regs *regs, u64 esr);

static void handle_dabt(struct vcpu *vcpu, struct guest_regs *regs, u64 esr)
{
	bool uart = false;

	dabt(vcpu, regs, esr, &uart);
	/*
	 * A guest's UART access may have polled console input for another
	 * partition; no other MMIO trap touches the console (59 instructions
	 * of each spared, as make bench's doorbell shows).
	 */
	if (uart)
		partitions_console_input();
}

/**
 * A trapped system register access. With HCR_EL2.IMO set, the guest's writes
 * of the SGI registers trap here (IHI 0069, 12.5); group-0 SGIs do not exist
 * for a guest of partita (one security state, group 1), so those are ignored.
 */
/** Returns false when the list registers need no refill (vgic_sgi1r() did what it would). */
static bool handle_sysreg(struct vcpu *vcpu, struct guest_regs *regs, u64 esr)
{
	u64 iss = ESR_ISS(esr);
	bool read = iss & 1;
	unsigned rt = (unsigned)bits_get(iss, 9, 5);

	if (!read && (iss & SYSREG_ISS_MASK) == ISS_ICC_SGI1R) {
		regs->pc += 4;
		return vgic_sgi1r(&vcpu->part->vgic, vcpu->index, guest_reg_read(regs, rt));
	}
	if (!read && ((iss & SYSREG_ISS_MASK) == ISS_ICC_ASGI1R ||
		      (iss & SYSREG_ISS_MASK) == ISS_ICC_SGI0R)) {
		vcpu->part->vgic.stats.sgi_dropped++;
		regs->pc += 4;
		return true;
	}
	if (vcache_setway(vcpu, iss) || vcache_vm_reg_write(vcpu, iss, guest_reg_read(regs, rt))) {
		regs->pc += 4;
		return true;
	}
	undef_guest(vcpu, regs, esr);
	return true;
}

static void undef_guest(struct vcpu *vcpu, struct guest_regs *regs, u64 esr)
{
	vcpu->part->stats.undef_injected++;
	if (ratelimit_allow(&vcpu->part->log_limit))
		pr_info("%s vCPU %u: unhandled trap (ESR 0x%lx) at pc 0x%lx: undefined instruction "
			"injected",
			vcpu->part->cfg->name, vcpu->index, esr, regs->pc);
	arch_guest_inject_undef(regs);
}

void trap_guest_sync(struct guest_regs *regs)
{
	struct percpu *cpu = this_cpu();
	struct vcpu *vcpu = cpu->vcpu;
	u64 esr = arch_trap_esr();
	bool refill = true;

	cpu->exits++;
	switch (ESR_EC(esr)) {
	case EC_HVC64:
		/* ELR already points past the HVC. */
		vpsci_call(vcpu, regs);
		break;
	case EC_SMC64:
		/* A trapped SMC returns to the SMC itself (DDI 0487, D1.10.2): skip it. */
		regs->pc += 4;
		vpsci_call(vcpu, regs);
		break;
	case EC_DABT_LOW:
		handle_dabt(vcpu, regs, esr);
		break;
	case EC_SYSREG:
		refill = handle_sysreg(vcpu, regs, esr);
		break;
	case EC_IABT_LOW:
		vcpu->part->stats.aborts_injected++;
		if (ratelimit_allow(&vcpu->part->log_limit))
			pr_info(
			    "%s vCPU %u: instruction fetch from unmapped IPA 0x%lx: abort injected",
			    vcpu->part->cfg->name, vcpu->index, arch_trap_ipa());
		arch_guest_inject_iabt(regs, arch_trap_far());
		break;
	default:
		undef_guest(vcpu, regs, esr);
		break;
	}
	vcpu_handle_requests(vcpu);
	if (refill)
		vcpu_flush(vcpu);
}

/**
 * A physical interrupt while a guest ran. IPIs and the maintenance interrupt
 * only make this pCPU pass through its exit path (requests, list-register
 * refill). The virtual timer and the partitions' SPIs are forwarded: their
 * priority is dropped here and the guest deactivates them through the HW=1
 * list register, so a level interrupt cannot fire again before the guest is
 * done with it.
 */
void trap_guest_irq(struct guest_regs *regs)
{
	struct percpu *cpu = this_cpu();
	struct vcpu *vcpu = cpu->vcpu;
	bool maint = false, uart = false, refill = false, lpis = false;
	u32 intid = cpu->acked;

	(void)regs;
	cpu->exits++;
	cpu->acked = GIC_SPURIOUS;
	/* The IRQ vector may have acknowledged the first one already (vectors.S). */
	for (intid = intid != GIC_SPURIOUS ? intid : gic_ack(); intid != GIC_SPURIOUS;
	     intid = gic_ack()) {
		struct partition *owner = partition_of_spi(intid);

		if (intid == GIC_MAINT_PPI) {
			/*
			 * Level: asserted until the list registers are refilled. Drop
			 * its priority now and deactivate it after this loop, or the
			 * loop would take it again and again.
			 */
			gic_priority_drop(intid);
			maint = true;
		} else if (intid == system_config.platform.uart_intid && intid) {
			/*
			 * Reading the FIFO empty lowers the line; so does filling the
			 * transmit FIFO, or turning its interrupt off once the rings
			 * are empty. But another CPU may hold the drain: then the line
			 * stays up, so it is deactivated only after this loop, or the
			 * loop would take it again and again.
			 */
			console_poll_input();
			console_drain();
			gic_priority_drop(intid);
			uart = true;
		} else if (intid == GIC_HYP_TIMER_PPI) {
			gic_eoi(intid);
			partition_console_timer(vcpu);
			continue;
		} else if ((intid == GIC_VTIMER_PPI || intid == GIC_PTIMER_PPI) && vcpu) {
			gic_priority_drop(intid);
			vgic_inject_hw(&vcpu->part->vgic, vcpu->index, intid);
		} else if (owner) {
			gic_priority_drop(intid);
			vgic_inject_hw(&owner->vgic, 0, intid);
		} else if (intid >= 8192) {
			/* An MSI through the ITS: LPIs have no active state. */
			gic_priority_drop(intid);
			refill |= partitions_lpi(intid, vcpu);
			lpis = true;
			continue;
		} else if (intid >= 32 &&
			   (partitions_dma_irq(intid) || partitions_intx_irq(intid))) {
			/*
			 * The SMMU's, or a PCI INTx line (SPIs; IPIs never pay for
			 * the look): handled and ended.
			 */
			continue;
		} else {
			gic_eoi(intid);
			if (intid != GIC_IPI_SGI && ratelimit_allow(&rl_irq))
				pr_info("CPU %u: unexpected interrupt %u", cpu->index, intid);
		}
		refill = true; /* all but an LPI that went straight into a list register */
	}
	if (intid == GIC_SPURIOUS && !refill && !lpis)
		refill = true; /* nothing at all: refill as ever */
	if (uart) {
		gic_deactivate(system_config.platform.uart_intid);
		partitions_console_input();
	}
	/*
	 * Deactivate the maintenance interrupt before the requests: a stop
	 * request never returns here (vcpu_off()), and an active PPI 25 left on
	 * this pCPU would block every later underflow refill of the next run.
	 * IRQs stay masked at EL2, so it cannot be taken again before the refill.
	 */
	if (maint)
		gic_deactivate(GIC_MAINT_PPI);
	vcpu_handle_requests(vcpu);
	/* Only LPIs that went straight into list registers: nothing to refill. */
	if (refill)
		vcpu_flush(vcpu);
}

/**
 * A physical SError taken while a guest ran, handled by its RAS class
 * (arch/ras.h): most come from the guest's own device accesses and go back
 * to it as a virtual SError, with the syndrome in VSESR_EL2 where the CPU has
 * RAS; an unrecoverable one stops its partition; an uncontainable one stops
 * the machine.
 */
void trap_guest_serror(struct guest_regs *regs)
{
	struct vcpu *vcpu = this_cpu()->vcpu;
	struct partition *p = vcpu->part;
	u64 esr = arch_trap_esr(), iss = ESR_ISS(esr);
	bool ras = arch_cpu_has_ras();
	static const char *const what[] = {
		[SERROR_IGNORE] = "corrected, nothing to do",
		[SERROR_INJECT] = "virtual SError injected",
		[SERROR_STOP_PARTITION] = "unrecoverable: partition stopped",
	};
	enum serror_action act = arch_serror_classify(iss, ras);

	__atomic_fetch_add(&p->stats.serrors, 1, __ATOMIC_RELAXED);
	if (act == SERROR_STOP_MACHINE) {
		/* Every partition, not this CPU alone: nothing contained the error. */
		pr_info("%s vCPU %u: uncontainable SError (ESR 0x%lx): partita's own state may be "
			"affected, powering the machine off",
			p->cfg->name, vcpu->index, esr);
		console_flush();
		arch_smc(PSCI_SYSTEM_OFF, 0, 0, 0);
		panic("PSCI SYSTEM_OFF returned");
	}
	if (act != SERROR_INJECT || ratelimit_allow(&p->log_limit))
		pr_info("%s vCPU %u: SError (ESR 0x%lx) at pc 0x%lx: %s", p->cfg->name, vcpu->index,
			esr, regs->pc, what[act]);
	if (act == SERROR_STOP_PARTITION)
		partition_stop(vcpu, false);
	if (act == SERROR_INJECT)
		arch_guest_inject_serror(iss & (SERROR_ISS_IDS | GENMASK(23, 0)));
	vcpu_handle_requests(vcpu);
	vcpu_flush(vcpu);
}

void trap_guest_aarch32(struct guest_regs *regs)
{
	/*
	 * With HCR_EL2.RW = 1 EL1 is AArch64, so even AArch32 EL0's exceptions
	 * come through the lower-EL AArch64 vectors: nothing lands here.
	 */
	undef_guest(this_cpu()->vcpu, regs, arch_trap_esr());
}
