/* SPDX-License-Identifier: MIT */
/*
 * EL2 exception vectors and guest entry/exit.
 *
 * Each pCPU runs one vCPU for life, so guest EL1 system registers stay live in
 * the CPU and only the general-purpose registers, ELR_EL2 and SPSR_EL2 are
 * saved, as a struct guest_regs at the very top of this pCPU's EL2 stack (the
 * boot code keeps that frame out of the C stack). C code never touches FP/SIMD
 * registers (-mgeneral-regs-only), so the guest's stay live too.
 */
#include <arch/asm.h>

/* Save x0-x30, ELR_EL2 and SPSR_EL2 into a frame at sp. */
.macro save_frame
	sub	sp, sp, #GUEST_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x30, x0, [sp, #16 * 15]
	str	x1, [sp, #16 * 16]
.endm

.macro vector_entry label
	.align	7
	b	\label
.endm

	.section .text.vectors, "ax"
	.align	11
	.global el2_vectors
el2_vectors:
	vector_entry	hyp_sync_sp0
	vector_entry	hyp_irq_sp0
	vector_entry	hyp_fiq_sp0
	vector_entry	hyp_serror_sp0
	vector_entry	hyp_sync
	vector_entry	hyp_irq
	vector_entry	hyp_fiq
	vector_entry	hyp_serror
	vector_entry	guest_sync64
	vector_entry	guest_irq64
	vector_entry	guest_fiq64
	vector_entry	guest_serror64
	vector_entry	guest_aarch32
	vector_entry	guest_aarch32
	vector_entry	guest_aarch32
	vector_entry	guest_aarch32

	.text
/* Exceptions taken from EL2 itself are bugs in partita: report and stop. */
.macro hyp_vector name, kind
\name:
	save_frame
	mov	x0, sp
	mov	x1, #\kind
	bl	hyp_exception
	b	.
.endm
	hyp_vector hyp_sync_sp0, 0
	hyp_vector hyp_irq_sp0, 1
	hyp_vector hyp_fiq_sp0, 2
	hyp_vector hyp_serror_sp0, 3
	hyp_vector hyp_sync, 0
	hyp_vector hyp_irq, 1
	hyp_vector hyp_fiq, 2
	hyp_vector hyp_serror, 3

/* Exceptions from the guest: save, handle in C, return to the guest. */
.macro guest_vector name, handler
\name:
	save_frame
	mov	x0, sp
	mov	x29, #0
	bl	\handler
	b	guest_exit
.endm
	guest_vector guest_sync64, trap_guest_sync
	guest_vector guest_irq64_slow, trap_guest_irq
	guest_vector guest_fiq64, trap_guest_irq
	guest_vector guest_serror64, trap_guest_serror
	guest_vector guest_aarch32, trap_guest_aarch32

/*
 * An IRQ from the guest. The virtual timer's own interrupt, the one that
 * matters most to a real-time guest, takes a path of a dozen instructions:
 * acknowledge it, drop its priority, and put it in list register 0 as a
 * hardware interrupt (HW = 1, pINTID 27) with the value the vGIC prepared
 * (percpu.vgic.vtimer_lr), so that the guest's own EOI deactivates the physical
 * one; the vGIC takes that list register into its books at the next exit
 * (lr_adopt()). Anything else, or list register 0 in use, or the vGIC saying
 * no (timer disabled, group off), goes to trap_guest_irq() with the INTID
 * already acknowledged in percpu.acked; an LPI tries guest_lpi64 first. x0 and x1 go where save_frame puts
 * them.
 */
guest_irq64:
	sub	sp, sp, #GUEST_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	mrs	x0, S3_0_C12_C12_0		/* ICC_IAR1_EL1 */
	cmp	w0, #VTIMER_INTID
	b.ne	guest_lpi64
	mrs	x1, S3_4_C12_C11_5		/* ICH_ELRSR_EL2 */
	tbz	w1, #0, 1f			/* list register 0 holds something */
	mrs	x1, tpidr_el2
	ldr	x1, [x1, #PERCPU_VTIMER_LR]
	cbz	x1, 1f
	msr	S3_0_C12_C12_1, x0		/* ICC_EOIR1_EL1: priority drop (EOImode = 1) */
	msr	S3_4_C12_C12_0, x1		/* ICH_LR0_EL2 */
	mrs	x1, tpidr_el2
	ldr	x0, [x1, #PERCPU_EXITS]
	add	x0, x0, #1
	str	x0, [x1, #PERCPU_EXITS]
	ldp	x0, x1, [sp, #16 * 0]
	add	sp, sp, #GUEST_REGS_SIZE
	eret
	dsb	nsh
	isb
1:	mrs	x1, tpidr_el2
	str	w0, [x1, #PERCPU_ACKED]
	ldp	x0, x1, [sp, #16 * 0]
	add	sp, sp, #GUEST_REGS_SIZE
	b	guest_irq64_slow

/*
 * The MSI fast path (GICv3 path: the physical LPI of an event of the vITS),
 * continuing guest_irq64 with the INTID in w0 and x0, x1 saved. An LPI of
 * this partition's slice of the pool (percpu.vgic.lpi_lo..lpi_hi) whose event is
 * mapped, enabled, in no list register and targets the vCPU running here
 * goes into the highest list register the last refill left to it
 * (percpu.vgic.lpi_free, 0 while anything else waits) that is still empty, as a
 * pending group-1 vLPI; its physical priority is dropped (LPIs have no
 * active state) and the guest goes on. The event's fields are read without
 * the vGIC's lock: the vGIC checks them again when it takes that list
 * register into its books at the next exit (lpi_adopt()). One such list
 * register at a time (percpu.vgic.fast_lr), forgotten here once the guest has
 * emptied it. Anything else goes to trap_guest_irq().
 */
guest_lpi64:
	cmp	w0, #8192
	b.lo	1b
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	mrs	x1, tpidr_el2
	ldp	w3, w4, [x1, #PERCPU_LPI_LO]
	sub	w2, w0, #8192
	sub	w2, w2, w3			/* the event's flat index */
	sub	w4, w4, w3
	cmp	w2, w4
	b.hs	3f				/* not this partition's */
	mrs	x5, S3_4_C12_C11_5		/* ICH_ELRSR_EL2 */
	ldr	w3, [x1, #PERCPU_FAST_LR]
	cbz	w3, 2f
	sub	w3, w3, #1
	lsr	x4, x5, x3
	tbz	x4, #0, 3f			/* the last one is still live */
	str	wzr, [x1, #PERCPU_FAST_LR]	/* done with by the guest: forget it */
	mov	x4, #1
	lsl	x4, x4, x3
	ldr	x6, [x1, #PERCPU_LPI_FREE]
	orr	x6, x6, x4
	str	x6, [x1, #PERCPU_LPI_FREE]
2:	ldr	x3, [x1, #PERCPU_LPI_FREE]
	and	x3, x3, x5
	cbz	x3, 3f				/* no list register for it */
	ldr	x4, [x1, #PERCPU_LPI_EVENTS]
	mov	x5, #VITS_EVENT_SIZE
	madd	x4, x2, x5, x4			/* its struct virq */
	ldrh	w5, [x4, #VIRQ_FLAGS]
	mov	w6, #VIRQ_FAST_MASK
	and	w5, w5, w6
	cmp	w5, #VIRQ_FAST_WANT
	b.ne	3f				/* unmapped, disabled, pending or in an LR */
	ldrh	w5, [x4, #VIRQ_TARGET]
	ldr	w6, [x1, #PERCPU_LPI_TARGET]
	cmp	w5, w6
	b.ne	3f				/* another vCPU's */
	ldr	w5, [x4, #EVENT_FAST_LPIS]	/* counted for its event */
	add	w5, w5, #1
	str	w5, [x4, #EVENT_FAST_LPIS]
	clz	x5, x3
	mov	x6, #63
	sub	x5, x6, x5			/* the list register */
	ldrh	w6, [x4, #VIRQ_INTID]
	ldrb	w7, [x4, #VIRQ_PRIORITY]
	orr	x6, x6, x7, lsl #48
	orr	x6, x6, #(1 << 60)		/* group 1 */
	orr	x6, x6, #(1 << 62)		/* pending */
	add	w3, w5, #1
	str	w3, [x1, #PERCPU_FAST_LR]
	str	w2, [x1, #PERCPU_FAST_LPI]
	mov	x4, #1
	lsl	x4, x4, x5
	ldr	x3, [x1, #PERCPU_LPI_FREE]
	bic	x3, x3, x4
	str	x3, [x1, #PERCPU_LPI_FREE]
	adr	x3, 4f
	add	x3, x3, x5, lsl #3
	br	x3
4:	msr	S3_4_C12_C12_0, x6		/* ICH_LR<n>_EL2, two instructions each */
	b	5f
	msr	S3_4_C12_C12_1, x6
	b	5f
	msr	S3_4_C12_C12_2, x6
	b	5f
	msr	S3_4_C12_C12_3, x6
	b	5f
	msr	S3_4_C12_C12_4, x6
	b	5f
	msr	S3_4_C12_C12_5, x6
	b	5f
	msr	S3_4_C12_C12_6, x6
	b	5f
	msr	S3_4_C12_C12_7, x6
	b	5f
	msr	S3_4_C12_C13_0, x6
	b	5f
	msr	S3_4_C12_C13_1, x6
	b	5f
	msr	S3_4_C12_C13_2, x6
	b	5f
	msr	S3_4_C12_C13_3, x6
	b	5f
	msr	S3_4_C12_C13_4, x6
	b	5f
	msr	S3_4_C12_C13_5, x6
	b	5f
	msr	S3_4_C12_C13_6, x6
	b	5f
	msr	S3_4_C12_C13_7, x6
5:	msr	S3_0_C12_C12_1, x0		/* ICC_EOIR1_EL1: priority drop */
	ldr	x3, [x1, #PERCPU_EXITS]
	add	x3, x3, #1
	str	x3, [x1, #PERCPU_EXITS]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x0, x1, [sp, #16 * 0]
	add	sp, sp, #GUEST_REGS_SIZE
	eret
	dsb	nsh
	isb
3:	ldp	x6, x7, [sp, #16 * 3]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x2, x3, [sp, #16 * 1]
	b	1b

/*
 * void arch_guest_enter(struct guest_regs *regs): the frame must be the one at
 * the top of this pCPU's stack; everything below it is discarded.
 */
	.global arch_guest_enter
arch_guest_enter:
	mov	sp, x0
guest_exit:
	ldp	x30, x0, [sp, #16 * 15]
	ldr	x1, [sp, #16 * 16]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	add	sp, sp, #GUEST_REGS_SIZE
	eret
	/* No speculation past eret. */
	dsb	nsh
	isb

/* u64 arch_smc(u64 fid, u64 a1, u64 a2, u64 a3): SMCCC call to the firmware. */
	.global arch_smc
arch_smc:
	smc	#0
	ret
