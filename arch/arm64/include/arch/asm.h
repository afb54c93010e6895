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
#define PERCPU_ACKED 32
/* struct percpu.vgic, a struct vgic_pcpu (vdev/vgic.h), from offset 40. */
#define PERCPU_VTIMER_LR 40
#define PERCPU_LPI_LO 48 /* and lpi_hi at 52 */
#define PERCPU_LPI_TARGET 56
#define PERCPU_FAST_LR 60
#define PERCPU_LPI_EVENTS 64
#define PERCPU_LPI_FREE 72
#define PERCPU_FAST_LPI 80
/* struct vits_event and the struct virq it starts with (vdev/vits.h, vdev/vgic.h). */
#define VITS_EVENT_SIZE 40
#define EVENT_FAST_LPIS 28
#define VIRQ_FLAGS 0
#define VIRQ_PRIORITY 2
#define VIRQ_TARGET 6
#define VIRQ_INTID 8
/* VIRQ_OWNED | VIRQ_ENABLED, among OWNED, ENABLED, PENDING, ACTIVE and IN_LR */
#define VIRQ_FAST_MASK 0x187
#define VIRQ_FAST_WANT 0x81
/* The virtual timer's PPI (INTID 27), and the list register its fast path uses. */
#define VTIMER_INTID 27

/** Offset of the partita image from the 2 MiB-aligned base of RAM (Image header). */
#define IMAGE_TEXT_OFFSET 0x200000
/* SCTLR_EL2 with the MMU and caches off: only its RES1 bits */
#define SCTLR_EL2_OFF 0x30c50830

#endif
