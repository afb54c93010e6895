/* SPDX-License-Identifier: MIT */
/*
 * Entry points. The first 64 bytes are the arm64 Image header (Linux's
 * Documentation/arch/arm64/booting.rst describes the fields), so U-Boot's booti
 * and QEMU's -kernel both load partita at the 2 MiB-aligned base of RAM plus
 * text_offset and enter it at EL2 with x0 = the platform DTB and the MMU off.
 */
#include <arch/asm.h>

	.section .text.head, "ax"
	.global _head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	IMAGE_TEXT_OFFSET	/* text_offset */
	.quad	_image_size		/* image_size: file plus BSS, from the linker */
	.quad	0x2			/* flags: little endian, 4 KiB pages, near DRAM base */
	.quad	0			/* res2 */
	.quad	0			/* res3 */
	.quad	0			/* res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

/*
 * Boot CPU. x0 = DTB. Anything but EL2 cannot run a hypervisor: stop there.
 */
primary_entry:
	mov	x19, x0
	msr	daifset, #0xf
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	.Lwrong_el
	ldr	x1, =SCTLR_EL2_OFF
	msr	sctlr_el2, x1
	isb

	/* Clear BSS (the loaders left it alone: image_size covers it). */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:
	mov	x0, #0
	bl	.Lset_stack
	adrp	x1, el2_vectors
	add	x1, x1, :lo12:el2_vectors
	msr	vbar_el2, x1
	isb
	mov	x29, #0
	mov	x30, #0
	mov	x0, x19
	bl	boot_primary
	b	.Lhalt

/*
 * Secondary CPUs, started by PSCI CPU_ON with the context id = pCPU index.
 */
	.global secondary_entry
secondary_entry:
	mov	x19, x0
	msr	daifset, #0xf
	/*
	 * Turn the MMU and caches on before the first stack access: a write made
	 * with them off could be hidden behind a stale line the boot CPU's
	 * speculation allocated. The boot CPU published the register values and
	 * cleaned them to the point of coherency (mmu_publish()).
	 */
	adrp	x1, mmu_boot_regs
	add	x1, x1, :lo12:mmu_boot_regs
	ldp	x2, x3, [x1]
	ldp	x4, x5, [x1, #16]
	msr	mair_el2, x2
	msr	tcr_el2, x3
	msr	ttbr0_el2, x4
	isb
	tlbi	alle2
	dsb	nsh
	isb
	msr	sctlr_el2, x5
	isb
	ic	iallu
	dsb	nsh
	isb
	mov	x0, x19
	bl	.Lset_stack
	adrp	x1, el2_vectors
	add	x1, x1, :lo12:el2_vectors
	msr	vbar_el2, x1
	isb
	mov	x29, #0
	mov	x30, #0
	mov	x0, x19
	bl	boot_secondary
	b	.Lhalt

/*
 * sp = top of the stack of pCPU x0, less the guest register frame that the
 * lower-EL vectors save there (see vectors.S). Clobbers x1, x2.
 */
.Lset_stack:
	adrp	x1, cpu_stacks
	add	x1, x1, :lo12:cpu_stacks
	mov	x2, #CPU_STACK_SIZE
	madd	x1, x0, x2, x1
	add	x1, x1, x2
	sub	x1, x1, #GUEST_REGS_SIZE
	mov	sp, x1
	ret

.Lwrong_el:
	/* Not at EL2: no console is set up yet, so there is nothing to say. */
.Lhalt:
	wfe
	b	.Lhalt

	.global arch_secondary_entry_pa
arch_secondary_entry_pa:
	adrp	x0, secondary_entry
	add	x0, x0, :lo12:secondary_entry
	ret

	.ltorg
