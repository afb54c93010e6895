/* SPDX-License-Identifier: MIT */
/*
 * Bare-metal guest entry. An arm64 Image header (so the loader knows the BSS
 * size), then: record the boot registers, apply R_AARCH64_RELATIVE
 * relocations for wherever we were loaded, clear BSS, take a stack, install
 * the EL1 vectors and call rt_boot(dtb).
 */
#define R_AARCH64_RELATIVE 1027
#define STACK_SIZE 0x2000
#define MAX_CPUS 4

	.section .text.head, "ax"
	.global _start
_start:
	b	entry
	.long	0
	.quad	0			/* text_offset */
	.quad	_image_size		/* image_size, BSS included */
	.quad	0xa			/* little endian, 4 KiB pages, anywhere in RAM */
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

entry:
	/* Keep what the boot contract says about x0-x3, DAIF, EL, SP and SCTLR. */
	mov	x19, x0
	adr	x9, boot_regs
	stp	x0, x1, [x9, #0]
	stp	x2, x3, [x9, #16]
	mrs	x10, CurrentEL
	mrs	x11, SPSel
	stp	x10, x11, [x9, #32]
	mrs	x10, daif
	mrs	x11, sctlr_el1
	stp	x10, x11, [x9, #48]

	adr	x20, _start
	adrp	x1, __rela_start
	add	x1, x1, :lo12:__rela_start
	adrp	x2, __rela_end
	add	x2, x2, :lo12:__rela_end
1:	cmp	x1, x2
	b.hs	2f
	ldp	x3, x4, [x1], #16
	ldr	x5, [x1], #8
	cmp	w4, #R_AARCH64_RELATIVE
	b.ne	1b
	add	x5, x5, x20
	str	x5, [x20, x3]
	b	1b
2:
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
3:	cmp	x1, x2
	b.hs	4f
	str	xzr, [x1], #8
	b	3b
4:
	/* The boot_regs copy was cleared with BSS if it lived there: it does not. */
	mov	x0, #0
	bl	set_stack
	adr	x1, el1_vectors
	msr	vbar_el1, x1
	isb
	mov	x0, x19
	bl	rt_boot
5:	wfi
	b	5b

/* PSCI CPU_ON entry: x0 = context = CPU index. */
	.global rt_secondary_entry
rt_secondary_entry:
	mov	x19, x0
	cmp	x0, #MAX_CPUS
	b.hs	5b
	bl	set_stack
	adr	x1, el1_vectors
	msr	vbar_el1, x1
	isb
	mov	x0, x19
	bl	rt_secondary
	b	5b

/* sp = top of the stack of CPU x0 */
set_stack:
	adrp	x1, rt_stacks
	add	x1, x1, :lo12:rt_stacks
	mov	x2, #STACK_SIZE
	madd	x1, x0, x2, x1
	add	sp, x1, x2
	ret

	.data
	.balign 16
	.global boot_regs
boot_regs:
	.fill	8, 8, 0

	.bss
	.balign 16
	.global rt_irq_entry_cycles
rt_irq_entry_cycles:
	.quad	0
	.balign 16
rt_stacks:
	.fill	MAX_CPUS * STACK_SIZE, 1, 0
	.balign	16
a32_ctx:
	.fill	14, 8, 0

/*
 * EL1 vectors: every synchronous exception goes to rt_exception(frame), an
 * IRQ at EL1 to rt_irq() (gic.c) with ELR and SPSR saved, so that a handler
 * may unmask interrupts and be preempted.
 */
	.text
.macro vec handler
	.balign	128
	b	\handler
.endm
	.balign	2048
el1_vectors:
	vec	sync_entry
	vec	other_entry
	vec	other_entry
	vec	other_entry
	vec	sync_entry
	vec	irq_entry
	vec	other_entry
	vec	other_entry
	vec	other_entry
	vec	other_entry
	vec	other_entry
	vec	other_entry
	vec	a32_el0_return		/* synchronous, from AArch32 EL0 */
	vec	other_entry
	vec	other_entry
	vec	other_entry

/*
 * u64 rt_run_a32_el0(u64 entry, u32 regs[4]): run Thumb code at @entry in
 * AArch32 EL0 (User mode, interrupts masked) with R0-R3 from @regs, until it
 * takes a synchronous exception to EL1 (an SVC, say); then R0-R3 go back to
 * @regs, and ESR_EL1 is returned to the caller as from a plain call.
 */
	.global	rt_run_a32_el0
rt_run_a32_el0:
	adrp	x9, a32_ctx
	add	x9, x9, :lo12:a32_ctx
	stp	x19, x20, [x9, #0]
	stp	x21, x22, [x9, #16]
	stp	x23, x24, [x9, #32]
	stp	x25, x26, [x9, #48]
	stp	x27, x28, [x9, #64]
	stp	x29, x30, [x9, #80]
	mov	x10, sp
	stp	x10, x1, [x9, #96]
	msr	elr_el1, x0
	mov	x10, #0x1f0			/* M = User (AArch32), T, A, I, F */
	msr	spsr_el1, x10
	mov	x9, x1
	ldp	w0, w1, [x9, #0]
	ldp	w2, w3, [x9, #8]
	eret
	dsb	nsh
	isb

a32_el0_return:
	adrp	x9, a32_ctx
	add	x9, x9, :lo12:a32_ctx
	ldp	x10, x11, [x9, #96]
	stp	w0, w1, [x11, #0]
	stp	w2, w3, [x11, #8]
	mov	sp, x10
	ldp	x19, x20, [x9, #0]
	ldp	x21, x22, [x9, #16]
	ldp	x23, x24, [x9, #32]
	ldp	x25, x26, [x9, #48]
	ldp	x27, x28, [x9, #64]
	ldp	x29, x30, [x9, #80]
	mrs	x0, esr_el1
	ret

sync_entry:
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	str	x30, [sp, #160]
	mov	x0, sp
	bl	rt_exception
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	ldr	x30, [sp, #160]
	add	sp, sp, #256
	eret

irq_entry:
	sub	sp, sp, #192
	stp	x0, x1, [sp, #0]
	/* The cycle count at handler entry, for benchmarks (gic.h, rt_irq_entry_cycles). */
	mrs	x0, pmccntr_el0
	adrp	x1, rt_irq_entry_cycles
	str	x0, [x1, :lo12:rt_irq_entry_cycles]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #160]
	str	x1, [sp, #176]
	bl	rt_irq
	ldr	x1, [sp, #176]
	ldp	x30, x0, [sp, #160]
	msr	spsr_el1, x1
	msr	elr_el1, x0
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	add	sp, sp, #192
	eret

other_entry:
	mov	x0, #0
	bl	rt_unexpected_irq
	b	5b
