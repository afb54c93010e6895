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
 * CRC-32 (IEEE 802.3, zlib's: polynomial 0x04C11DB7, bits reflected) of @n
 * bytes at @p, carried on from @crc (start with ~0, invert the result):
 * the sum partita checks an image loaded in place against (a FIT's
 * loadable). It finds an image missing, cut short or damaged; it is not a
 * signature. partita's CPUs compute it with the CRC32X instruction where
 * they have FEAT_CRC32 (arch_crc32()), the same function.
 */
static inline u32 layout_crc32(u32 crc, const u8 *p, u64 n)
{
	for (u64 i = 0; i < n; i++) {
		crc ^= p[i];
		for (unsigned b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return crc;
}

/** The check of a piece loaded in place: its CRC-32. */
static inline u64 layout_hash(const u8 *p, u64 n)
{
	return ~layout_crc32(~0u, p, n);
}

#endif
