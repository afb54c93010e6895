/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Host tests of core/trap.c, the dispatch of every exception a guest takes
 * to EL2, with the system registers in a fake register file
 * (tests/unit/fake_arch.c) and what trap.c calls recorded in order: each
 * exception class partita handles goes where it must, an unknown one
 * becomes an UNDEF, a 16-bit T32 instruction is stepped by 2, SErrors go by
 * their RAS class, and the maintenance interrupt is deactivated before a
 * stop request is handled (one never returns). core/vcache.c (set/way) and
 * arch/arm64/decode.c run for real.
 */
#include "host.h"
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <arch/cpu.h>
#include <arch/decode.h>
#include <arch/sysreg.h>
#include <core/partition.h>
#include <core/trap.h>
#include <drivers/gic.h>
#include "fake_arch.h"

const struct system_config system_config = { .platform = { .uart_intid = 33 } };
static const u32 cpus[] = { 0 };
static const struct partition_config cfg = {
	.name = "t",
	.cpus = cpus,
	.cpu_count = 1,
	.ram_ipa = 0x40000000,
	.ram_pa = 0x40000000,
	.ram_size = 0x100000,
};
static struct partition part = { .cfg = &cfg };
static struct percpu cpu0;
static struct guest_regs regs;

/* --- what trap.c calls, recorded in order ---------------------------------- */
static char calls[4096];
static u32 acks[8], nacks, ack_pos;
static jmp_buf panic_jmp;

static void rec(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void rec(const char *fmt, ...)
{
	size_t n = strlen(calls);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(calls + n, sizeof(calls) - n, fmt, ap);
	va_end(ap);
	strncat(calls, ";", sizeof(calls) - strlen(calls) - 1);
}

/* Where @what appears in the call log, or -1. */
static long at(const char *what)
{
	const char *p = strstr(calls, what);

	return p ? p - calls : -1;
}

struct percpu *this_cpu(void)
{
	return &cpu0;
}

void vpsci_call(struct vcpu *v, struct guest_regs *r)
{
	(void)v;
	rec("psci pc=%lx", (unsigned long)r->pc);
}

bool vgic_sgi1r(struct vgic *g, u32 v, u64 value)
{
	(void)g;
	(void)v;
	rec("sgi1r %lx", (unsigned long)value);
	return true;
}

void vgic_flush(struct vgic *g, u32 v)
{
	(void)g;
	(void)v;
	rec("flush");
}

void vgic_inject_hw(struct vgic *g, u32 v, u32 intid)
{
	(void)g;
	(void)v;
	rec("inject_hw %u", intid);
}

void vcpu_handle_requests(struct vcpu *v)
{
	(void)v;
	rec("requests");
}

/* Does not return: back to the test's setjmp(), as vcpu_run() would take over. */
void partition_stop(struct vcpu *caller, bool reset)
{
	(void)caller;
	rec("stop reset=%d", reset);
	longjmp(panic_jmp, 2);
}

struct partition *partition_of_spi(u32 intid)
{
	return intid == 34 ? &part : NULL;
}

bool partitions_lpi(u32 intid, struct vcpu *here)
{
	(void)here;
	rec("lpi %u", intid);
	return true;
}

/* The SMMU's interrupts: none in these tests, so nothing is one of them. */
bool partitions_dma_irq(u32 intid)
{
	(void)intid;
	return false;
}

void partition_console_timer(struct vcpu *v)
{
	(void)v;
	rec("console timer");
}

/* A PCI INTx line: INTID 37 is one in these tests; anything else is not. */
bool partitions_intx_irq(u32 intid)
{
	if (intid != 37)
		return false;
	rec("intx %u", intid);
	return true;
}

void partitions_console_input(void) {}
void console_drain(void) {}

u32 gic_ack(void)
{
	return ack_pos < nacks ? acks[ack_pos++] : GIC_SPURIOUS;
}

void gic_priority_drop(u32 intid)
{
	rec("drop %u", intid);
}

void gic_eoi(u32 intid)
{
	rec("eoi %u", intid);
}

void gic_deactivate(u32 intid)
{
	rec("deactivate %u", intid);
}

void arch_guest_inject_undef(struct guest_regs *r)
{
	(void)r;
	rec("undef");
}

void arch_guest_inject_dabt(struct guest_regs *r, u64 far, bool write)
{
	(void)r;
	rec("dabt far=%lx write=%d", (unsigned long)far, write);
}

void arch_guest_inject_iabt(struct guest_regs *r, u64 far)
{
	(void)r;
	rec("iabt far=%lx", (unsigned long)far);
}

u64 arch_guest_sp(const struct guest_regs *r)
{
	(void)r;
	return 0;
}

void arch_guest_set_sp(const struct guest_regs *r, u64 sp)
{
	(void)r;
	(void)sp;
}

bool arch_guest_va_to_pa(u64 va, u64 *pa)
{
	(void)va;
	(void)pa;
	return false;
}

void arch_dcache_clean_inval(u64 va, u64 size)
{
	rec("clean_inval %lx+%lx", (unsigned long)va, (unsigned long)size);
}

u64 arch_smc(u64 fid, u64 a1, u64 a2, u64 a3)
{
	(void)a1;
	(void)a2;
	(void)a3;
	rec("smc %lx", (unsigned long)fid);
	return 0;
}

void console_flush(void)
{
	rec("flush console");
}

void panic(const char *fmt, ...)
{
	(void)fmt;
	rec("panic");
	longjmp(panic_jmp, 1);
}

/* An emulated register for the data-abort cases: reads 0x1234, counts writes. */
static unsigned dev_writes;
static enum mmio_result dev(void *d, u32 v, struct mmio_access *acc)
{
	(void)v;
	(void)d;
	if (acc->write)
		dev_writes++;
	else
		acc->value = 0x1234;
	return MMIO_HANDLED;
}

static int setup(void **state)
{
	(void)state;
	memset(&part.stats, 0, sizeof(part.stats));
	memset(&part.mmio, 0, sizeof(part.mmio));
	part.vcpus[0] = (struct vcpu){ .part = &part };
	cpu0 = (struct percpu){ .vcpu = &part.vcpus[0], .acked = GIC_SPURIOUS };
	memset(&regs, 0, sizeof(regs));
	regs.pc = 0x40001000;
	regs.pstate = PSR_MODE_EL1h;
	calls[0] = '\0';
	nacks = ack_pos = 0;
	dev_writes = 0;
	fake_sysregs_clear();
	assert_int_equal(mmio_register(&part.mmio, 0x09000000, 0x1000, dev, NULL), 0);
	return 0;
}

static void sync_trap(u64 esr)
{
	*fake_sysreg("esr_el2") = esr;
	trap_guest_sync(&regs);
}

#define EC(ec) ((u64)(ec) << 26)

static void test_hvc_smc_to_psci(void **state)
{
	(void)state;
	sync_trap(EC(EC_HVC64) | ESR_IL);
	assert_true(at("psci pc=40001000") >= 0); /* ELR already past the HVC */
	calls[0] = '\0';
	sync_trap(EC(EC_SMC64) | ESR_IL);
	assert_true(at("psci pc=40001004") >= 0); /* a trapped SMC is stepped over first */
	assert_true(at("requests") < at("flush"));
	assert_int_equal(cpu0.exits, 2);
}

static void test_unknown_classes_undef(void **state)
{
	static const u64 ecs[] = { EC_UNKNOWN,	   EC_WFX,
				   0x07 /* FP */,  0x0e /* illegal state */,
				   0x19 /* SVE */, 0x2c /* FP exception */,
				   0x30,	   0x3c /* BRK */ };

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(ecs); i++)
		sync_trap(EC(ecs[i]) | ESR_IL);
	assert_int_equal(part.stats.undef_injected, ARRAY_SIZE(ecs));
	assert_int_equal(regs.pc, 0x40001000); /* an UNDEF does not step */
}

static void test_sysreg_traps(void **state)
{
	/* ISS of MSR/MRS: Op0, Op2, Op1, CRn, Rt, CRm, direction (C5.2). */
#define ISS(op0, op1, crn, crm, op2, rt, read) \
	((u64)(op0) << 20 | (u64)(op2) << 17 | (u64)(op1) << 14 | (u64)(crn) << 10 | \
	 (u64)(rt) << 5 | (u64)(crm) << 1 | (read))
	(void)state;
	regs.x[3] = 0x1000001;
	sync_trap(EC(EC_SYSREG) | ESR_IL | ISS(3, 0, 12, 11, 5, 3, 0)); /* ICC_SGI1R_EL1 */
	assert_true(at("sgi1r 1000001") >= 0);
	assert_int_equal(regs.pc, 0x40001004);
	/* DC CISW: one clean and invalidate of the partition's RAM, then HCR_EL2.TVM. */
	sync_trap(EC(EC_SYSREG) | ESR_IL | ISS(1, 0, 7, 14, 2, 3, 0));
	sync_trap(EC(EC_SYSREG) | ESR_IL | ISS(1, 0, 7, 14, 2, 3, 0));
	assert_int_equal(part.stats.setway_ops, 2);
	assert_int_equal(part.stats.setway_flushes, 1);
	assert_true(*fake_sysreg("hcr_el2") & HCR_TVM);
	/* The guest turns its caches on (trapped by TVM): applied, cleaned again, watch over. */
	regs.x[4] = SCTLR_M | SCTLR_C;
	sync_trap(EC(EC_SYSREG) | ESR_IL | ISS(3, 0, 1, 0, 0, 4, 0)); /* SCTLR_EL1 */
	assert_int_equal(*fake_sysreg("sctlr_el1"), SCTLR_M | SCTLR_C);
	assert_int_equal(part.stats.setway_flushes, 2);
	assert_false(*fake_sysreg("hcr_el2") & HCR_TVM);
	/* A TVM-trapped MAIR write lands in MAIR_EL1. */
	regs.x[5] = 0xff04;
	sync_trap(EC(EC_SYSREG) | ESR_IL | ISS(3, 0, 10, 2, 0, 5, 0));
	assert_int_equal(*fake_sysreg("mair_el1"), 0xff04);
	/* Anything else trapped (ACTLR_EL1, by TACR): UNDEF, not stepped. */
	regs.pc = 0x40002000;
	sync_trap(EC(EC_SYSREG) | ESR_IL | ISS(3, 0, 1, 0, 1, 2, 1));
	assert_int_equal(part.stats.undef_injected, 1);
	assert_int_equal(regs.pc, 0x40002000);
#undef ISS
}

static void test_dabt(void **state)
{
	u64 iss_read = DABT_ISV | (2ull << 22) /* 4 bytes */ | (7ull << 16) /* x7 */ | 0x07;

	(void)state;
	/* An emulated register, with syndrome: read into x7, stepped by 4. */
	*fake_sysreg("hpfar_el2") = 0x09000000 >> 8;
	*fake_sysreg("far_el2") = 0x18;
	sync_trap(EC(EC_DABT_LOW) | ESR_IL | iss_read);
	assert_int_equal(regs.x[7], 0x1234);
	assert_int_equal(regs.pc, 0x40001004);
	/* The same from a 16-bit T32 instruction (IL = 0, AArch32 EL0): stepped by 2. */
	regs.pstate = PSR_MODE_AARCH32;
	sync_trap(EC(EC_DABT_LOW) | iss_read);
	assert_int_equal(regs.pc, 0x40001006);
	/* AArch32 without syndrome: never decoded as A64, an abort instead. */
	sync_trap(EC(EC_DABT_LOW) | ESR_IL | 0x07);
	assert_int_equal(part.stats.aborts_injected, 1);
	assert_int_equal(regs.pc, 0x40001006);
	/* Unmapped: an abort for the guest, with the FAR. */
	regs.pstate = PSR_MODE_EL1h;
	*fake_sysreg("hpfar_el2") = 0x0a000000 >> 8;
	sync_trap(EC(EC_DABT_LOW) | ESR_IL | DABT_WNR | 0x07);
	assert_int_equal(part.stats.aborts_injected, 2);
	assert_true(at("dabt far=18 write=1") >= 0);
	/* An instruction abort: injected. */
	sync_trap(EC(EC_IABT_LOW) | ESR_IL | 0x07);
	assert_true(at("iabt") >= 0);
}

static void test_maint_deactivated_before_requests(void **state)
{
	(void)state;
	/* The vector took the maintenance interrupt; a stop request waits too. */
	cpu0.acked = GIC_MAINT_PPI;
	acks[nacks++] = GIC_IPI_SGI;
	trap_guest_irq(&regs);
	assert_true(at("drop 25") >= 0);
	assert_true(at("deactivate 25") >= 0);
	/* vcpu_handle_requests() does not return on a stop: PPI 25 must be done by then. */
	assert_true(at("deactivate 25") < at("requests"));
	assert_true(at("requests") < at("flush"));
	assert_int_equal(cpu0.acked, GIC_SPURIOUS);
}

static void test_irq_forwarding(void **state)
{
	(void)state;
	acks[nacks++] = GIC_VTIMER_PPI;
	acks[nacks++] = GIC_PTIMER_PPI;
	acks[nacks++] = 34;
	acks[nacks++] = 8200;
	trap_guest_irq(&regs);
	assert_true(at("drop 27;inject_hw 27") >= 0);
	assert_true(at("drop 30;inject_hw 30") >= 0);
	assert_true(at("drop 34;inject_hw 34") >= 0);
	assert_true(at("drop 8200;lpi 8200") >= 0);
	assert_int_equal(at("deactivate"), -1); /* the guest deactivates them (HW = 1) */
}

/* A PCI INTx line is partita's: handed to core/pci.c, not taken as unexpected. */
static void test_irq_intx(void **state)
{
	(void)state;
	acks[nacks++] = 37;
	acks[nacks++] = 39;
	trap_guest_irq(&regs);
	assert_true(at("intx 37") >= 0);
	assert_int_equal(at("eoi 37"), -1); /* partitions_intx_irq() ends it */
	assert_true(at("eoi 39") >= 0);	    /* an SPI of nobody: ended, reported */
}

/* partita's EL2 timer: ended, and the console's pending part of a line printed. */
static void test_irq_hyp_timer(void **state)
{
	(void)state;
	acks[nacks++] = GIC_HYP_TIMER_PPI;
	trap_guest_irq(&regs);
	assert_true(at("eoi 26;console timer") >= 0);
}

static void serror(u64 iss, bool ras)
{
	calls[0] = '\0';
	*fake_sysreg("id_aa64pfr0_el1") = ras ? 1ull << 28 : 0;
	*fake_sysreg("esr_el2") = EC(0x2f) | ESR_IL | iss;
	*fake_sysreg("hcr_el2") = 0;
	*fake_sysreg("S3_4_C5_C2_3") = 0;
	if (!setjmp(panic_jmp))
		trap_guest_serror(&regs);
}

static void test_serror_classes(void **state)
{
	(void)state;
	serror(0x11 | (2 << 10), true); /* UEO: to the guest, with its syndrome */
	assert_true(*fake_sysreg("hcr_el2") & HCR_VSE);
	assert_int_equal(*fake_sysreg("S3_4_C5_C2_3"), 0x11 | (2 << 10));
	serror(0x11 | (6 << 10), true); /* CE: nothing */
	assert_false(*fake_sysreg("hcr_el2") & HCR_VSE);
	assert_int_equal(at("stop"), -1);
	serror(0x11 | (1 << 10), true); /* UEU: the partition stops */
	assert_true(at("stop reset=0") >= 0);
	assert_false(*fake_sysreg("hcr_el2") & HCR_VSE);
	serror(0x11, true); /* UC: the whole machine, its console flushed first */
	assert_true(at("flush console") >= 0);
	assert_true(at("flush console") < at("smc 84000008"));
	serror(0x11, false); /* no RAS: unclassified, to the guest, no VSESR */
	assert_true(*fake_sysreg("hcr_el2") & HCR_VSE);
	assert_int_equal(*fake_sysreg("S3_4_C5_C2_3"), 0);
	assert_int_equal(part.stats.serrors, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_hvc_smc_to_psci, setup),
		cmocka_unit_test_setup(test_unknown_classes_undef, setup),
		cmocka_unit_test_setup(test_sysreg_traps, setup),
		cmocka_unit_test_setup(test_dabt, setup),
		cmocka_unit_test_setup(test_maint_deactivated_before_requests, setup),
		cmocka_unit_test_setup(test_irq_intx, setup),
		cmocka_unit_test_setup(test_irq_hyp_timer, setup),
		cmocka_unit_test_setup(test_irq_forwarding, setup),
		cmocka_unit_test_setup(test_serror_classes, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
