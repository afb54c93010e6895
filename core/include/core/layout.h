/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Where a guest's pieces go in its RAM, shared by partita and the host
 * checker so that what the checker accepts is what partita does.
 */
#ifndef CORE_LAYOUT_H
#define CORE_LAYOUT_H

#include <core/types.h>

/**
 * Offset of the guest DTB in partition RAM: at least 2 MiB above the end of
 * the image, 2 MiB aligned. @image_size is the file size, or for an arm64
 * Image the header's image_size when larger (it counts the BSS).
 */
static inline u64 layout_dtb_offset(u64 load_offset, u64 image_size)
{
	return ALIGN_UP(load_offset + image_size + SZ_2M, SZ_2M);
}

/** A guest DTB may be at most this large (the initrd follows it). */
#define LAYOUT_DTB_MAX SZ_2M

/** Offset of the initrd in partition RAM: the DTB's 2 MiB slot after the DTB. */
static inline u64 layout_initrd_offset(u64 dtb_offset)
{
	return dtb_offset + LAYOUT_DTB_MAX;
}

/** Size an image occupies once running: an arm64 Image's header may ask for more than the file. */
static inline u64 layout_image_size(const u8 *image, u64 file_size)
{
	static const u8 magic[4] = { 'A', 'R', 'M', 0x64 };
	u64 hdr = 0;
	unsigned i;

	if (file_size < 64)
		return file_size;
	for (i = 0; i < 4; i++) {
		if (image[56 + i] != magic[i])
			return file_size;
	}
	for (i = 0; i < 8; i++)
		hdr |= (u64)image[16 + i] << (8 * i);
	return hdr > file_size ? hdr : file_size;
}

/**
 * The check of an image loaded in place (a FIT's loadable): FNV-1a over its
 * 64-bit little-endian words (@p 8-byte aligned, as every image's place is),
 * then its last bytes one by one. Not a cryptographic hash: it finds an
 * image missing, cut short or damaged; the boot loader checks partita's own
 * image, which carries these.
 */
static inline u64 layout_hash(const u8 *p, u64 n)
{
	const u64 prime = 0x100000001b3ull;
	u64 h = 0xcbf29ce484222325ull, i = 0;

	for (; i + 8 <= n; i += 8)
		h = (h ^ *(const u64 *)(const void *)(p + i)) * prime;
	for (; i < n; i++)
		h = (h ^ p[i]) * prime;
	return h;
}

#endif
