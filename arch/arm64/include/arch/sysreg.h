/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System register access and the EL2 register fields partita uses. Field
 * positions follow the Arm Architecture Reference Manual (DDI 0487), section
 * D19 (AArch64 system register descriptions).
 */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <core/types.h>

#ifdef PARTITA_HOST
/*
 * Host tests of code that touches system registers: a register file kept by
 * the test (tests/unit/fake_arch.c), one u64 per register name.
 */
u64 *fake_sysreg(const char *name);
#define read_sysreg(r) (*fake_sysreg(#r))
#define write_sysreg(r, v) (*fake_sysreg(#r) = (u64)(v))
#else
#define read_sysreg(r) \
	({ \
		u64 __v; \
		__asm__ volatile("mrs %0, " #r : "=r"(__v)); \
		__v; \
	})
#define write_sysreg(r, v) \
	do { \
		u64 __v = (u64)(v); \
		__asm__ volatile("msr " #r ", %0" : : "r"(__v)); \
	} while (0)
#endif

#ifdef PARTITA_HOST /* host unit tests of drivers: a fence stands for the barriers */
#define isb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define dsb(opt) __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define dmb(opt) __atomic_thread_fence(__ATOMIC_SEQ_CST)
#else
#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")
#define dmb(opt) __asm__ volatile("dmb " #opt ::: "memory")
#endif
#ifdef PARTITA_HOST /* host tests count them (tests/unit/fake_arch.c) */
void fake_event(char which);
#define sev() fake_event('s')
#define wfe() fake_event('e')
#define wfi() fake_event('i')
#else
#define sev() __asm__ volatile("sev" ::: "memory")
#define wfe() __asm__ volatile("wfe" ::: "memory")
#define wfi() __asm__ volatile("wfi" ::: "memory")
#endif

/* HCR_EL2 (D19.2.48) */
#define HCR_VM BIT(0)
#define HCR_SWIO BIT(1)
#define HCR_FMO BIT(3)
#define HCR_IMO BIT(4)
#define HCR_AMO BIT(5)
#define HCR_FB BIT(9)
#define HCR_BSU_IS (1ULL << 10)
#define HCR_TSC BIT(19)
#define HCR_TIDCP BIT(20)
#define HCR_TACR BIT(21)
#define HCR_TSW BIT(22)
#define HCR_TVM BIT(26)
#define HCR_APK BIT(40)
#define HCR_API BIT(41)
#define HCR_TERR BIT(36)
#define HCR_VSE BIT(8)
#define MDCR_HPMD BIT(17)
#define MDCR_HCCD BIT(23)
#define HCR_RW BIT(31)

/* ISS of a trapped MSR/MRS/SYS (EC 0x18): the register as Op0, Op1, CRn, CRm, Op2. */
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((u64)(op0) << 20) | ((u64)(op2) << 17) | ((u64)(op1) << 14) | ((u64)(crn) << 10) | \
	 ((u64)(crm) << 1))
#define SYSREG_ISS_MASK (GENMASK(21, 10) | GENMASK(4, 1))

/* ESR_ELx (D19.2.40) */
#define ESR_EC(esr) bits_get(esr, 31, 26)
#define ESR_IL BIT(25)
#define ESR_ISS(esr) ((esr)&GENMASK(24, 0))
#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25

/* ISS of a data abort (D19.2.40, ISS encoding for an exception from a Data Abort) */
#define DABT_ISV BIT(24)
#define DABT_SAS(iss) bits_get(iss, 23, 22)
#define DABT_SSE BIT(21)
#define DABT_SRT(iss) bits_get(iss, 20, 16)
#define DABT_SF BIT(15)
#define DABT_FNV BIT(10)
#define DABT_CM BIT(8)
#define DABT_S1PTW BIT(7)
#define DABT_WNR BIT(6)
#define FSC_SEA 0x10 /* synchronous external abort, not on a table walk */

/* SPSR / PSTATE */
#define PSR_MODE_EL0t 0x0
#define PSR_MODE_EL1t 0x4
#define PSR_MODE_EL1h 0x5
#define PSR_MODE_MASK 0xf
#define PSR_MODE_AARCH32 BIT(4) /* the exception came from AArch32 (EL0) */
#define PSR_DAIF_MASK (0xfULL << 6)

/* SCTLR_ELx */
#define SCTLR_M BIT(0)
#define SCTLR_A BIT(1)
#define SCTLR_C BIT(2)
#define SCTLR_SA BIT(3)
#define SCTLR_I BIT(12)
#define SCTLR_WXN BIT(19)
/* SCTLR_EL2 RES1 bits when HCR_EL2.E2H == 0 */
#define SCTLR_EL2_RES1 \
	(BIT(4) | BIT(5) | BIT(11) | BIT(16) | BIT(18) | BIT(22) | BIT(23) | BIT(28) | BIT(29))
/* SCTLR_EL1 at reset as a guest expects it: MMU and caches off, RES1 bits set */
#define SCTLR_EL1_RESET (BIT(11) | BIT(20) | BIT(22) | BIT(23) | BIT(28) | BIT(29))

/* CNTHCTL_EL2 (E2H = 0) */
#define CNTHCTL_EL1PCTEN BIT(0)
#define CNTHCTL_EL1PCEN BIT(1)

/* ICC_SRE_EL2 */
#define ICC_SRE_SRE BIT(0)
#define ICC_SRE_ENABLE BIT(3)

/* MPIDR affinity fields */
#define MPIDR_AFF_MASK (GENMASK(39, 32) | GENMASK(23, 0))

/* PSCI function IDs (Arm DEN 0022) shared by the firmware calls and the emulation */
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND_64 0xc4000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON_32 0x84000003u
#define PSCI_CPU_ON_64 0xc4000003u
#define PSCI_AFFINITY_INFO_32 0x84000004u
#define PSCI_AFFINITY_INFO_64 0xc4000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_TRNG_VERSION 0x84000050u	 /* the SMCCC TRNG interface (DEN0098) */
#define SMCCC_VENDOR_HYP_UID 0x8600ff01u /* Call UID of the vendor hypervisor service */
/*
 * partita's own calls, in the SMCCC vendor-specific hypervisor service range
 * (owner 6, fast, SMC64). PARTITA_HVC_EXITS returns how many times the calling
 * vCPU's physical CPU entered partita from a guest before this call: the
 * debug counter benchmarks and tests use to count exits per interrupt.
 * PARTITA_HVC_WRITE (x1 = IPA, x2 = length) prints up to a line
 * (CONSOLE_LINE_MAX bytes, to the first newline) of the caller's RAM on its
 * console, in one exit where the emulated UART takes one per character.
 */
#define PARTITA_HVC_EXITS 0xc6000001u
#define PARTITA_HVC_WRITE 0xc6000002u

#define PSCI_RET_SUCCESS 0
#define PSCI_RET_NOT_SUPPORTED (-1)
#define PSCI_RET_INVALID_PARAMETERS (-2)
#define PSCI_RET_DENIED (-3)
#define PSCI_RET_ALREADY_ON (-4)
#define PSCI_RET_ON_PENDING (-5)
#define PSCI_RET_INTERNAL_FAILURE (-6)
#define PSCI_RET_INVALID_ADDRESS (-9)

#endif
