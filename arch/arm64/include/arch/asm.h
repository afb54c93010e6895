/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Constants shared by assembly and C.
 */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

/** Bytes of EL2 stack per physical CPU. */
#define CPU_STACK_SIZE 0x4000
/** Size of struct guest_regs: 31 GPRs, ELR, SPSR, padding to 16 bytes. */
#define GUEST_REGS_SIZE 272
/* Offsets in struct percpu (core/partition.h) for the IRQ vector; checked in partition.c. */
#define PERCPU_EXITS 24
#define PERCPU_VTIMER_LR 32
#define PERCPU_ACKED 40
/* The virtual timer's PPI (INTID 27), and the list register its fast path uses. */
#define VTIMER_INTID 27

/** Offset of the partita image from the 2 MiB-aligned base of RAM (Image header). */
#define IMAGE_TEXT_OFFSET 0x200000
/* SCTLR_EL2 with the MMU and caches off: only its RES1 bits */
#define SCTLR_EL2_OFF 0x30c50830

#endif
