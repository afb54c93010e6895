/* SPDX-License-Identifier: MIT */
/**
 * @file
 * PSCI emulation. Every argument is a guest value: target MPIDRs are looked up
 * among the caller's own vCPUs, entry points must lie in its own RAM, and an
 * unknown function returns NOT_SUPPORTED (SMCCC: -1).
 */
#include <arch/sysreg.h>
#include <core/console.h>
#include <core/lib.h>
#include <core/vpsci.h>

#define PSCI_VERSION_1_1 0x10001
#define SMCCC_VERSION_1_1 0x10001
#define MIGRATE_INFO_NOT_REQUIRED 2

/** 32-bit calling convention functions take 32-bit arguments. */
static u64 arg(const struct guest_regs *regs, unsigned n, u32 fid)
{
	return (fid & BIT(30)) ? regs->x[n] : (u32)regs->x[n];
}

static s64 cpu_on(struct vcpu *caller, u64 target, u64 entry, u64 context)
{
	struct partition *p = caller->part;
	struct vcpu *v = partition_find_vcpu(p, target);
	s64 ret = PSCI_RET_SUCCESS;

	if (!v)
		return PSCI_RET_INVALID_PARAMETERS;
	if (!IS_ALIGNED(entry, 4) || !partition_ipa_is_ram(p, entry, 4))
		return PSCI_RET_INVALID_ADDRESS;
	spin_lock(&p->lock);
	if (p->stopping) {
		ret = PSCI_RET_DENIED;
	} else if (v->state == VCPU_ON) {
		ret = PSCI_RET_ALREADY_ON;
	} else if (v->state == VCPU_ON_PENDING) {
		ret = PSCI_RET_ON_PENDING;
	} else {
		v->entry = entry;
		v->context = context;
		__atomic_store_n(&v->state, VCPU_ON_PENDING, __ATOMIC_RELEASE);
		p->running++;
	}
	spin_unlock(&p->lock);
	if (ret == PSCI_RET_SUCCESS) {
		dsb(ish);
		sev(); /* the target's pCPU waits in WFE */
	}
	return ret;
}

/**
 * PARTITA_HVC_WRITE: one line of @len bytes at @ipa of the caller's RAM
 * (guest values: refused unless all of it is its RAM; at most a line, up to
 * the first newline) on its console, as its UART would print it.
 */
static s64 hvc_write(struct vcpu *caller, u64 ipa, u64 len)
{
	struct partition *p = caller->part;
	char buf[CONSOLE_LINE_MAX], prefix[40];
	const volatile char *src;
	size_t n = 0;

	if (len > CONSOLE_LINE_MAX)
		return PSCI_RET_INVALID_PARAMETERS;
	src = cfg_ram(p->cfg, ipa, len ? len : 1);
	if (!src)
		return PSCI_RET_INVALID_ADDRESS;
	/* Read once: the guest's other vCPUs may change it meanwhile. */
	while (n < len && (buf[n] = src[n]) != '\n')
		n++;
	snprintf(prefix, sizeof(prefix), "[%s] ", p->cfg->name);
	console_write_line(p->index, prefix, buf, n);
	return (s64)n;
}

static s64 affinity_info(struct vcpu *caller, u64 target, u64 level)
{
	struct vcpu *v;

	if (level != 0)
		return PSCI_RET_INVALID_PARAMETERS;
	v = partition_find_vcpu(caller->part, target);
	if (!v)
		return PSCI_RET_INVALID_PARAMETERS;
	switch (__atomic_load_n(&v->state, __ATOMIC_ACQUIRE)) {
	case VCPU_ON:
		return 0;
	case VCPU_ON_PENDING:
		return 2;
	default:
		return 1;
	}
}

static bool supported(u32 fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		return true;
	default:
		return false;
	}
}

void vpsci_call(struct vcpu *vcpu, struct guest_regs *regs)
{
	u32 fid = (u32)regs->x[0];
	s64 ret;

	switch (fid) {
	case PSCI_VERSION:
		ret = PSCI_VERSION_1_1;
		break;
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		ret = cpu_on(vcpu, arg(regs, 1, fid), arg(regs, 2, fid), arg(regs, 3, fid));
		break;
	case PSCI_CPU_OFF:
		vcpu_off(vcpu);
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		ret = affinity_info(vcpu, arg(regs, 1, fid), arg(regs, 2, fid));
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = MIGRATE_INFO_NOT_REQUIRED;
		break;
	case PSCI_SYSTEM_OFF:
		partition_stop(vcpu, false);
	case PSCI_SYSTEM_RESET:
		partition_stop(vcpu, true);
	case PSCI_FEATURES:
		ret = supported((u32)regs->x[1]) ? 0 : PSCI_RET_NOT_SUPPORTED;
		break;
	case SMCCC_VERSION:
		ret = SMCCC_VERSION_1_1;
		break;
	case PARTITA_HVC_EXITS:
		ret = (s64)(this_cpu()->exits - 1); /* not this call's own exit */
		break;
	case PARTITA_HVC_WRITE:
		ret = hvc_write(vcpu, regs->x[1], regs->x[2]);
		break;
	case SMCCC_ARCH_FEATURES:
		/* No firmware workaround (ARCH_WORKAROUND_*) is offered to guests. */
	case SMCCC_TRNG_VERSION:
	case SMCCC_VENDOR_HYP_UID:
		/* Probes Linux makes at boot (a TRNG; which hypervisor): none here, not an error.
		 */
		ret = PSCI_RET_NOT_SUPPORTED;
		break;
	default:
		vcpu->part->stats.psci_unknown++;
		if (ratelimit_allow(&vcpu->part->log_limit))
			pr_info("%s vCPU %u: unknown SMC/HVC function 0x%x: NOT_SUPPORTED",
				vcpu->part->cfg->name, vcpu->index, fid);
		ret = PSCI_RET_NOT_SUPPORTED;
		break;
	}
	regs->x[0] = (u64)ret;
}
