/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A fake GIC for the physical ITS driver's host tests (test_its): an ITS
 * whose GITS_TYPER and table types a test chooses (GICv3, GICv4.0 as QEMU
 * 7.2 has it, GICv4.1 as GIC-700 has it), which records every command the
 * driver queues, and four redistributors that keep what is written to them.
 * It decodes nothing: the tests check the commands' bits against the
 * architecture's layouts (IHI 0069, 6.3 and 9.x).
 */
#ifndef TESTS_FAKE_ITS_H
#define TESTS_FAKE_ITS_H

#include <core/types.h>

#define FAKE_ITS_BASE 0x08080000ULL
#define FAKE_GICR_BASE 0x080a0000ULL
#define FAKE_GICR_STRIDE 0x40000ULL
#define FAKE_GIC_CPUS 4
#define FAKE_ITS_CMDS 256

struct fake_its {
	u64 typer;
	u64 baser[8];	  /**< as the driver left them (Type and Entry_Size read-only) */
	u8 baser_type[8]; /**< Type of each GITS_BASER<n> (0: none) */
	u8 baser_esz[8];  /**< its entry size in bytes */
	u64 cbaser, cwriter, creadr;
	u32 ctlr;
	bool stall;  /**< CREADR never catches up: the driver's timeout */
	u8 stall_op; /**< stall (CREADR.Stalled) on the next command with this opcode */
	u64 cmds[FAKE_ITS_CMDS][4]; /**< every command queued, in order */
	unsigned ncmds;
};

struct fake_gicr {
	u64 typer;
	u64 propbaser, pendbaser, vpropbaser, vpendbaser;
	u32 ctlr;
	unsigned vpropbaser_at; /**< fake_its.ncmds when VPROPBASER was last written */
	unsigned vpendbaser_writes;
};

extern struct fake_its fake_its;
extern struct fake_gicr fake_gicr[FAKE_GIC_CPUS];

enum fake_gic_kind { FAKE_GICV3, FAKE_GICV4_0, FAKE_GICV4_1 };
/** A fresh GIC of @kind: device table in BASER0, collections in BASER1, vPEs in BASER2 (v4). */
void fake_gic_reset(enum fake_gic_kind kind);

/** The memory at an address a command or register holds (the driver's static tables). */
static inline void *fake_mem(u64 pa)
{
	return (void *)(uintptr_t)pa;
}

#endif
