/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The guest runtime's view of the ITS and of QEMU's edu PCI device, as the
 * test and benchmark guests drive them (natively on QEMU's ITS, or through
 * partita's virtual one): GITS registers, command opcodes, the accessors,
 * and the edu's MSI set-up.
 */
#ifndef RT_ITS_H
#define RT_ITS_H

#include "rt.h"

#define GITS 0x08080000UL
#define GITS_CTLR 0x0000
#define GITS_TYPER 0x0008
#define GITS_CBASER 0x0080
#define GITS_CWRITER 0x0088
#define GITS_CREADR 0x0090
#define GITS_BASER0 0x0100
#define GITS_BASER1 0x0108
#define GITS_PIDR2 0xffe8
#define GITS_TRANSLATER 0x10040
#define GICR_PROPBASER 0x0070
#define GICR_PENDBASER 0x0078

#define CMD_MOVI 0x01
#define CMD_INT 0x03
#define CMD_CLEAR 0x04
#define CMD_SYNC 0x05
#define CMD_MAPD 0x08
#define CMD_MAPC 0x09
#define CMD_MAPTI 0x0a
#define CMD_INV 0x0c
#define CMD_INVALL 0x0d
#define CMD_MOVALL 0x0e
#define CMD_DISCARD 0x0f

/* QEMU's virt PCIe host bridge (bus 0 of its ECAM) and the edu device's registers. */
#define RT_ECAM 0x4010000000UL
#define RT_ECAM_DEV(slot) (RT_ECAM + ((u64)(slot) << 15))
#define EDU_RAISE 0x60 /* raise the interrupt: an MSI once MSI is enabled */
#define EDU_ACK 0x64

static inline u64 its_rd(u64 off)
{
	return *(volatile u64 *)(GITS + off);
}

static inline void its_wr(u64 off, u64 v)
{
	*(volatile u64 *)(GITS + off) = v;
}

/**
 * Set up the edu whose configuration space is at @cfg: BAR0 at @bar, memory
 * and bus master on, its MSI to GITS_TRANSLATER with EventID @event. False
 * if no edu is there or it has no MSI capability.
 */
bool rt_edu_setup(u64 cfg, u64 bar, u32 event);

/**
 * A flood of the ITS command queue @q (@qbytes): fill every slot but one
 * from @w on, alternately MAPTI of event n of @devid to @lpi (collection
 * 0) and DISCARD of it, events 0..31 in turn, each a physical ITS command
 * under partita. Returns the CWRITER to write; the stores are ordered
 * before it.
 */
u64 rt_its_flood_fill(u8 *q, u64 qbytes, u64 w, u32 devid, u32 lpi);

/*
 * A minimal ITS driver, as a guest OS has one: its own device, collection,
 * property and pending tables, a 64 KiB command queue polled on CREADR,
 * collection 0 on the calling CPU's redistributor, LPIs 8192..8255 enabled
 * at priority 0xa0.
 */
bool rt_its_init(void);
/** MAPD @devid (32 events, an ITT of its own; up to 4 devices), MAPTI @event -> @lpi, SYNC. */
bool rt_its_map(u32 devid, u32 event, u32 lpi);
/** Queue one command; rt_its_go() writes CWRITER and waits for CREADR (false: timeout). */
void rt_its_cmd(u64 c0, u64 c1, u64 c2);
bool rt_its_go(void);
/** The RDbase of collection 0, as commands name it. */
u64 rt_its_rdbase(void);

#endif
