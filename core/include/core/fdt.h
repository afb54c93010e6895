/* SPDX-License-Identifier: MIT */
/**
 * @file
 * What partita reads from the platform device tree that the firmware passes
 * in x0: RAM, CPUs and the GIC, to check the machine against the
 * configuration. A small, bounds-checked, read-only walker of the flattened
 * tree format (Devicetree Specification v0.4, chapter 5). libfdt would be the
 * tool of choice, but Debian ships it only as a library built with SIMD
 * registers, which partita must never touch (the guests own them), and its
 * sources are not fetchable here; this walker is tested on the host with
 * trees compiled by dtc, truncated and corrupted.
 */
#ifndef CORE_FDT_H
#define CORE_FDT_H

#include <core/types.h>

#define FDT_MAX_MEM 8
#define FDT_MAX_CPUS 64

struct fdt_platform {
	struct {
		u64 base, size;
	} mem[FDT_MAX_MEM];
	size_t mem_count;
	u64 cpu_mpidr[FDT_MAX_CPUS];
	size_t cpu_count;
	u64 gicd; /**< first reg of the arm,gic-v3 node, 0 if none */
	u64 smmu; /**< first reg of the first arm,smmu-v3 node, 0 if none */
	u64 fit;  /**< /chosen partita,fit: where the boot loader left its FIT, 0 if not said */
};

enum fdt_error {
	FDT_OK = 0,
	FDT_ERR_MAGIC = -1,
	FDT_ERR_SIZE = -2,
	FDT_ERR_STRUCT = -3,
};

/** Read @fdt (at most @max_size bytes are ever touched) into @out. */
int fdt_read_platform(const void *fdt, size_t max_size, struct fdt_platform *out);
/** An image of a FIT, as its node /images/<name> describes it. */
struct fdt_fit_piece {
	const u8 *data; /**< its data property, in the FIT */
	u64 len;
	u64 load;  /**< its load address, when has_load */
	u32 crc32; /**< the value of its first crc32 hash node, when has_crc32 */
	bool has_load, has_crc32;
};

/**
 * In the FIT (a flattened device tree) at @fit, of which at most @max_size
 * bytes are touched: image /images/@name, in *@out. False if there is no
 * such image or the FIT is not well formed.
 */
bool fdt_fit_image(const void *fit, u64 max_size, const char *name, struct fdt_fit_piece *out);

#endif
