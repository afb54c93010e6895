/* SPDX-License-Identifier: MIT */
/*
 * partita's layout: linked where the loaders put it (2 MiB-aligned RAM base
 * plus the Image header's text_offset), sections page-aligned so that EL2
 * stage 1 can map text read-only executable and everything else
 * non-executable.
 */
#include <config_gen.h>

OUTPUT_ARCH(aarch64)
ENTRY(_head)

SECTIONS
{
	. = CONFIG_LOAD_ADDR;
	.text : {
		*(.text.head)
		*(.text.vectors)
		*(.text .text.*)
	}
	. = ALIGN(4096);
	__text_end = .;
	.rodata : {
		__blobs_start = .;
		*(.rodata.blobs)
		__blobs_end = .;
		*(.rodata .rodata.*)
	}
	. = ALIGN(4096);
	__rodata_end = .;
	.data : {
		*(.data .data.*)
	}
	. = ALIGN(16);
	__bss_start = .;
	.bss : {
		*(.bss .bss.*)
		*(COMMON)
	}
	. = ALIGN(4096);
	__bss_end = .;
	_end = .;
	_image_size = _end - _head;
	/*
	 * Partition RAM starts where the configuration's hyp region ends: an image
	 * that spilled over would give a partition partita's own tables. The
	 * checker (cfgcheck fit) says by how much before this link is tried; the
	 * Makefile disarms this only for that measuring link.
	 */
	ASSERT(DEFINED(__hyp_fit_unchecked) || _end <= CONFIG_HYP_END,
	       "partita's image ends beyond the configuration's hyp region (see cfgcheck fit)")
	/DISCARD/ : {
		*(.comment)
		*(.note*)
		*(.eh_frame*)
	}
}
