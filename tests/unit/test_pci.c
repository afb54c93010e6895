/* SPDX-License-Identifier: MIT */
/**
 * @file
 * PCI functions as partita handles them (drivers/pci/pci.c) against a fake
 * host bridge: functions on bus 0 and behind bridges, found where the bus
 * numbers partita gives say. Quiescing (bus mastering off and INTx disabled
 * with memory decoding kept, MSI disabled, MSI-X disabled and masked,
 * status bits that are write-1-to-clear left alone, nothing written to an
 * absent function, a capability list that loops walked a bounded number of
 * steps); enumeration (depth-first bus numbers, multi-function devices,
 * windows closed, bridges with no bus left); BAR sizing (32-bit, 64-bit,
 * I/O, unimplemented) and placement; bridge windows.
 */
#include "host.h"
#include <string.h>
#include <drivers/io.h>
#include <core/config.h>
#include <drivers/pci.h>

#define ECAM 0x4010000000ULL
#define BUSES 16
#define RID 0x0010 /* 00:02.0 */
#define CFG (ECAM + 0x10000)

/* --- the fake host bridge ----------------------------------------------------------- */

struct ffn {
	int parent; /**< index of the bridge it is behind, -1 for bus 0 */
	u8 dev, fn;
	bool bridge;
	u32 space[1024];			 /**< configuration space, extended included */
	u32 bar_mask[6];			 /**< writable address bits of each BAR register */
	enum { PREF64, PREF32, PREF_NONE } pref; /**< a bridge's prefetchable window */
};

static struct ffn fns[16];
static int nfns;
static unsigned reads, writes;

/* The counter: 1 kHz, a millisecond per look, so a wait of N ms costs N looks. */
static u64 ticks;

u64 arch_counter(void)
{
	return ticks++;
}

u64 arch_counter_freq(void)
{
	return 1000;
}

static struct ffn *add(int parent, u8 dev, u8 fn, bool bridge, bool multi)
{
	struct ffn *f = &fns[nfns++];

	memset(f, 0, sizeof(*f));
	f->parent = parent;
	f->dev = dev;
	f->fn = fn;
	f->bridge = bridge;
	f->space[0] = 0x11e8u << 16 | 0x1234;
	f->space[3] = (u32)((bridge ? 1 : 0) | (multi ? 0x80 : 0)) << 16;
	return f;
}

static u32 bus_of(const struct ffn *f)
{
	return f->parent < 0 ? 0 : (fns[f->parent].space[PCI_BUSES / 4] >> 8) & 0xff;
}

static struct ffn *find(u64 a, u32 *reg)
{
	u64 off = a - ECAM;
	u32 bus = (u32)(off >> 20), dev = (off >> 15) & 31, fn = (off >> 12) & 7;

	assert_true(a >= ECAM && off < (u64)BUSES << 20 && !(a & 3));
	*reg = off & 0xfff;
	for (int i = 0; i < nfns; i++)
		if (fns[i].dev == dev && fns[i].fn == fn && bus_of(&fns[i]) == bus &&
		    (fns[i].parent < 0 || bus != 0))
			return &fns[i];
	return NULL;
}

u32 rd32(u64 a)
{
	u32 reg;
	struct ffn *f = find(a, &reg);

	reads++;
	if (!f)
		return 0xffffffffu;
	return reg < sizeof(f->space) ? f->space[reg / 4] : 0;
}

void wr32(u64 a, u32 v)
{
	u32 reg, *w;
	struct ffn *f = find(a, &reg);

	writes++;
	if (!f || reg >= sizeof(f->space))
		return;
	w = &f->space[reg / 4];
	if (reg == PCI_COMMAND) /* Status bits 15:8 are write-1-to-clear */
		*w = (v & 0xffff) | ((*w >> 16) & ~(v >> 16) & 0xffff) << 16;
	else if (!f->bridge && reg >= PCI_BAR0 && reg < PCI_BAR0 + 24)
		*w = (v & f->bar_mask[(reg - PCI_BAR0) / 4]) |
		     (*w & ~f->bar_mask[(reg - PCI_BAR0) / 4]);
	else if (reg == PCI_ID || reg == PCI_HEADER)
		return;
	else if (f->bridge && reg == PCI_PREF_WINDOW) /* bits 3:0 of base and limit: its type */
		*w = f->pref == PREF_NONE
			 ? 0
			 : (v & 0xfff0fff0u) | (f->pref == PREF64 ? 0x00010001u : 0);
	else if (f->bridge && (reg == PCI_PREF_BASE_HI || reg == PCI_PREF_LIMIT_HI))
		*w = f->pref == PREF64 ? v : 0;
	else if (reg == 0x68) /* the PCIe capability's Device Control; Device Status RW1C */
		*w = (v & 0xffff) | ((*w >> 16) & ~(v >> 16) & 0xffff) << 16;
	else if (reg >= 0x40 && reg < 0x100 && !f->bridge) /* a capability's ID, next: read-only */
		*w = (*w & 0xffff) | (v & 0xffff0000u);
	else
		*w = v;
}

u64 rd64(u64 a)
{
	(void)a;
	fail_msg("64-bit configuration access");
	return 0;
}

void wr64(u64 a, u64 v)
{
	(void)a;
	(void)v;
	fail_msg("64-bit configuration access");
}

/* An edu-like function at 00:02.0: memory decoding and bus mastering on, MSI at 0x40, MSI-X at
 * 0x50. */
static int setup(void **state)
{
	struct ffn *f;

	(void)state;
	nfns = 0;
	f = add(-1, 2, 0, false, false);
	f->space[1] = (0xf900u | 0x10) << 16 | 0x0006; /* Status: errors latched, cap list */
	f->space[0x34 / 4] = 0x40;
	f->space[0x40 / 4] = 0x0081u << 16 | 0x50 << 8 | 0x05; /* MSI, 64-bit, enabled */
	f->space[0x50 / 4] = 0x8003u << 16 | 0x00 << 8 | 0x11; /* MSI-X, 4 vectors, enabled */
	f->bar_mask[0] = 0xfff00000u;			       /* BAR0: 1 MiB memory */
	reads = writes = 0;
	return 0;
}

static u32 *space(void)
{
	return fns[0].space;
}

static void test_cfg_page(void **state)
{
	(void)state;
	assert_int_equal(pci_cfg_page(ECAM, RID), CFG);
	assert_int_equal(pci_cfg_page(ECAM, 0x0100), ECAM + 0x100000);	 /* bus 1 */
	assert_int_equal(pci_cfg_page(ECAM, 0x1ffff), ECAM + 0xffff000); /* 16 bits only */
}

/* --- quiescing ---------------------------------------------------------------------- */

static void test_quiesce(void **state)
{
	(void)state;
	assert_true(pci_quiesce(CFG));
	/* Memory decoding stays, bus mastering goes, INTx is disabled. */
	assert_int_equal(space()[1] & 0xffff, 0x0002 | 0x0400);
	/* The latched error bits were not cleared. */
	assert_int_equal(space()[1] >> 16, 0xf910);
	assert_int_equal(space()[0x40 / 4] >> 16, 0x0080);
	assert_int_equal(space()[0x50 / 4] >> 16, 0x4003);
	/* IDs and pointers intact. */
	assert_int_equal(space()[0x40 / 4] & 0xffff, 0x5005);
	assert_int_equal(space()[0x50 / 4] & 0xffff, 0x0011);
}

/* ATS and PRI, as firmware may leave them, in the extended space: turned off. */
static void test_quiesce_ats(void **state)
{
	(void)state;
	space()[0x100 / 4] = 0x140u << 20 | 1u << 16 | 0x0001; /* AER, then 0x140 */
	space()[0x140 / 4] = 0x180u << 20 | 1u << 16 | 0x000f; /* ATS */
	space()[0x144 / 4] = 0x8000u << 16 | 0x0020;	       /* Enable, STU 0 */
	space()[0x180 / 4] = 0x000u << 20 | 1u << 16 | 0x0013; /* PRI, last */
	space()[0x184 / 4] = 0x0003u << 16 | 0x0001;	       /* Status RW1C set; Enable */
	assert_true(pci_quiesce(CFG));
	assert_int_equal(space()[0x144 / 4], 0x0020);
	assert_int_equal(space()[0x184 / 4] & 0xffff, 0);
	/* A loop in the list ends all the same. */
	space()[0x180 / 4] = 0x100u << 20 | 1u << 16 | 0x0013;
	reads = 0;
	assert_true(pci_quiesce(CFG));
	assert_true(reads < 4000);
}

static void test_absent(void **state)
{
	(void)state;
	nfns = 0;
	assert_false(pci_quiesce(CFG));
	assert_int_equal(writes, 0);
}

static void test_no_capabilities(void **state)
{
	(void)state;
	space()[1] &= ~(0x10u << 16);
	assert_true(pci_quiesce(CFG));
	assert_int_equal(space()[1] & 0xffff, 0x0402);
	assert_int_equal(space()[0x40 / 4] >> 16, 0x0081); /* not a capability here: untouched */
	assert_int_equal(reads, 2);
}

static void test_capability_loop_bounded(void **state)
{
	(void)state;
	space()[0x50 / 4] = (space()[0x50 / 4] & 0xffff00ffu) | 0x40 << 8; /* MSI-X points back */
	assert_true(pci_quiesce(CFG));
	assert_true(reads <= 3 + 48 + 1); /* and the extended list's empty first header */
	assert_int_equal(space()[0x40 / 4] >> 16, 0x0080);
	assert_int_equal(space()[0x50 / 4] >> 16, 0x4003);
}

/* --- enumeration --------------------------------------------------------------------- */

/*
 * Bus 0: the edu at 00:02.0, a root port at 00:03.0 with a switch's
 * upstream port behind it (whose downstream port, its device 2, has an endpoint), a
 * multi-function device at 00:04.0-1, and a second root port at 00:05.0
 * with an endpoint.
 */
static void topology(void)
{
	int rp1, up, down, rp2;

	rp1 = nfns;
	add(-1, 3, 0, true, false)->space[0x3c / 4] = 0x000c0000; /* firmware: VGA, ISA on */
	fns[rp1].space[0x30 / 4] = 0x00100000; /* upper I/O limit above base: open */
	fns[rp1].space[PCI_BAR0 / 4] = 0x10000000;
	up = nfns;
	add(rp1, 0, 0, true, false);
	down = nfns;
	add(up, 2, 0, true, false);
	add(down, 0, 0, false, false)->bar_mask[0] = 0xffffc000u; /* 16 KiB */
	add(-1, 4, 0, false, true);
	add(-1, 4, 1, false, false);
	rp2 = nfns;
	add(-1, 5, 0, true, false);
	add(rp2, 0, 0, false, false);
}

static void test_enumerate(void **state)
{
	struct pci_found out[16];
	size_t n;

	(void)state;
	topology();
	n = pci_enumerate(ECAM, BUSES, out, 16);
	assert_int_equal(n, 9);
	/* Depth first in device order: the first root port's buses 1-3, the second's 4. */
	assert_int_equal(out[0].rid, PCI_BDF(0, 2, 0));
	assert_int_equal(out[0].top, PCI_NO_BRIDGE);
	assert_int_equal(out[1].rid, PCI_BDF(0, 3, 0));
	assert_true(out[1].is_bridge);
	assert_int_equal(out[2].rid, PCI_BDF(1, 0, 0)); /* upstream port */
	assert_int_equal(out[3].rid, PCI_BDF(2, 2, 0)); /* downstream port */
	assert_int_equal(out[4].rid, PCI_BDF(3, 0, 0)); /* the endpoint below */
	assert_int_equal(out[4].top, PCI_BDF(0, 3, 0));
	assert_false(out[4].is_bridge);
	/* INTx: its pin turns by the downstream port's device number, 2, on the way up to slot 3.
	 */
	assert_int_equal(out[4].slot, 3);
	assert_int_equal(out[4].swizzle, 2);
	assert_int_equal(out[0].slot, 2);
	assert_int_equal(out[0].swizzle, 0);
	assert_int_equal(out[8].slot, 5);
	assert_int_equal(out[8].swizzle, 0);
	assert_int_equal(out[5].rid, PCI_BDF(0, 4, 0));
	assert_int_equal(out[6].rid, PCI_BDF(0, 4, 1)); /* multi-function: fn 1 found */
	assert_int_equal(out[7].rid, PCI_BDF(0, 5, 0));
	assert_int_equal(out[8].rid, PCI_BDF(4, 0, 0));
	assert_int_equal(out[8].top, PCI_BDF(0, 5, 0));
	/* Bus registers: primary, secondary, subordinate. */
	assert_int_equal(fns[1].space[PCI_BUSES / 4] & 0xffffff, 3u << 16 | 1u << 8 | 0);
	assert_int_equal(fns[2].space[PCI_BUSES / 4] & 0xffffff, 3u << 16 | 2u << 8 | 1);
	assert_int_equal(fns[3].space[PCI_BUSES / 4] & 0xffffff, 3u << 16 | 3u << 8 | 2);
	assert_int_equal(fns[7].space[PCI_BUSES / 4] & 0xffffff, 4u << 16 | 4u << 8 | 0);
	/* Windows closed: memory base above limit, bridges not decoding. */
	assert_int_equal(fns[1].space[PCI_MEM_WINDOW / 4], 0xfff0);
	assert_int_equal(fns[1].space[1] & (PCI_CMD_MEM | PCI_CMD_MASTER), 0);
	/* Their own interrupts off: INTx disabled (they share the lines partitions use). */
	assert_int_equal(fns[1].space[1] & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	/* Endpoints stopped, listed or not: the edu had memory and bus mastering on. */
	assert_int_equal(fns[0].space[1] & (PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_IO), 0);
	/* Bridges: no VGA or ISA forwarding, no upper I/O, their own BARs zero. */
	assert_int_equal(fns[1].space[0x3c / 4] >> 16 & 0xc, 0);
	assert_int_equal(fns[1].space[0x30 / 4], 0);
	assert_int_equal(fns[1].space[PCI_BAR0 / 4], 0);
	/* The output is bounded by its size. */
	assert_int_equal(pci_enumerate(ECAM, BUSES, out, 3), 9);
}

static void test_enumerate_out_of_buses(void **state)
{
	struct pci_found out[16];

	(void)state;
	topology();
	/* Two buses: the first root port gets bus 1, nothing else gets a bus. */
	assert_int_equal(pci_enumerate(ECAM, 2, out, 16), 6);
	assert_int_equal(out[2].rid, PCI_BDF(1, 0, 0));
	assert_int_equal(fns[2].space[PCI_BUSES / 4] & 0xffffff, 1); /* primary 1, no secondary */
	assert_int_equal(fns[7].space[PCI_BUSES / 4] & 0xffffff, 0);
}

/* --- BARs and windows ------------------------------------------------------------------- */

static void test_bars(void **state)
{
	struct pci_bar b[6];
	struct ffn *f = &fns[0];

	(void)state;
	f->space[PCI_BAR0 / 4 + 1] = 0x0c; /* BAR1-2: 64-bit prefetchable, 8 GiB */
	f->bar_mask[1] = 0;
	f->bar_mask[2] = 0xfffffffeu;
	f->space[PCI_BAR0 / 4 + 3] = 0x1; /* BAR3: I/O, 256 bytes */
	f->bar_mask[3] = 0xffffff00u;
	pci_bars(CFG, b);
	assert_int_equal(b[0].size, 0x100000);
	assert_false(b[0].io);
	assert_false(b[0].mem64);
	assert_int_equal(b[1].size, 0x200000000ULL);
	assert_true(b[1].mem64);
	assert_int_equal(b[1].flags, 0xc);
	assert_int_equal(b[2].size, 0); /* the upper half */
	assert_int_equal(b[3].size, 0x100);
	assert_true(b[3].io);
	assert_int_equal(b[4].size, 0);
	assert_int_equal(b[5].size, 0);
	/* Decoding left off, the registers as they were. */
	assert_int_equal(f->space[1] & (PCI_CMD_MEM | PCI_CMD_IO), 0);
	assert_int_equal(f->space[PCI_BAR0 / 4 + 1], 0x0c);
	pci_bar_set(CFG, &b[0], 0x10100000);
	assert_int_equal(f->space[PCI_BAR0 / 4], 0x10100000);
	pci_bar_set(CFG, &b[1], 0x8000000000ULL);
	assert_int_equal(f->space[PCI_BAR0 / 4 + 1], 0x0c);
	assert_int_equal(f->space[PCI_BAR0 / 4 + 2], 0x80);
}

/* Sizing as Linux's pci_size(): the lowest bit that stuck; none means none. */
static void test_bar_sizing_odd(void **state)
{
	struct pci_bar b[6];
	struct ffn *f = &fns[0];

	(void)state;
	f->bar_mask[0] = 0xfff0f000u;	  /* holes: 4 KiB */
	f->space[PCI_BAR0 / 4 + 1] = 0x1; /* I/O with nothing writable: none */
	f->bar_mask[1] = 0;
	f->space[PCI_BAR0 / 4 + 2] = 0x4; /* 64-bit, upper half reads back 0: 1 MiB */
	f->bar_mask[2] = 0xfff00000u;
	f->bar_mask[3] = 0;
	pci_bars(CFG, b);
	assert_int_equal(b[0].size, 0x1000);
	assert_int_equal(b[1].size, 0);
	assert_int_equal(b[2].size, 0x100000);
	assert_true(b[2].mem64);
}

static void test_bridge_window(void **state)
{
	struct pci_found out[16];
	struct pci_windows got;
	u64 rp = ECAM + ((u64)PCI_BDF(0, 3, 0) << 12);

	(void)state;
	topology();
	pci_enumerate(ECAM, BUSES, out, 16);
	assert_true(pci_bridge_window(
	    rp, &(struct pci_windows){ .mem = 0x10200000, .mem_size = 0x200000 }));
	assert_int_equal(fns[1].space[PCI_MEM_WINDOW / 4], 0x1030u << 16 | 0x1020);
	assert_int_equal(fns[1].space[1] & 0xffff,
			 PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_INTX_DISABLE);
	/* Closed: base above limit, in both halves. */
	assert_int_equal(fns[1].space[PCI_PREF_WINDOW / 4], 0x0001fff1);
	assert_int_equal(fns[1].space[PCI_PREF_BASE_HI / 4], 0xffffffff);
	assert_int_equal(fns[1].space[PCI_IO_WINDOW / 4] & 0xffff, 0x00f0); /* closed */
	/* An I/O window too: 0x2000-0x3fff. */
	assert_true(pci_bridge_window(
	    rp, &(struct pci_windows){
		    .mem = 0x10200000, .mem_size = 0x100000, .io = 0x2000, .io_size = 0x2000 }));
	assert_int_equal(fns[1].space[PCI_IO_WINDOW / 4] & 0xffff, 0x3020);
	assert_int_equal(fns[1].space[1] & 0xffff,
			 PCI_CMD_IO | PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_INTX_DISABLE);
	pci_bridge_windows_read(rp, &got);
	assert_int_equal(got.mem, 0x10200000);
	assert_int_equal(got.mem_size, 0x100000);
	assert_int_equal(got.io, 0x2000);
	assert_int_equal(got.io_size, 0x2000);
	assert_int_equal(got.pref_size, 0);
	/* A prefetchable window above 4 GiB: 0x80_0010_0000 to 0x80_002f_ffff. */
	assert_true(pci_bridge_window(
	    rp, &(struct pci_windows){ .pref = 0x8000100000ULL, .pref_size = 0x200000 }));
	assert_int_equal(fns[1].space[PCI_PREF_WINDOW / 4], 0x0021u << 16 | 0x0011);
	assert_int_equal(fns[1].space[PCI_PREF_BASE_HI / 4], 0x80);
	assert_int_equal(fns[1].space[PCI_PREF_LIMIT_HI / 4], 0x80);
	assert_int_equal(fns[1].space[PCI_MEM_WINDOW / 4], 0xfff0);
	pci_bridge_windows_read(rp, &got);
	assert_int_equal(got.pref, 0x8000100000ULL);
	assert_int_equal(got.pref_size, 0x200000);
	assert_int_equal(got.mem_size + got.io_size, 0);
	assert_int_equal(fns[1].space[1] & 0xffff,
			 PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_INTX_DISABLE);
	/* A bridge whose prefetchable window is 32-bit, or that has none: refused, closed. */
	fns[1].pref = PREF32;
	assert_false(pci_bridge_window(
	    rp, &(struct pci_windows){ .pref = 0x8000100000ULL, .pref_size = 0x200000 }));
	assert_int_equal(fns[1].space[PCI_PREF_WINDOW / 4], 0xfff0);
	assert_int_equal(fns[1].space[1] & 0xffff, PCI_CMD_INTX_DISABLE);
	fns[1].pref = PREF_NONE;
	assert_false(pci_bridge_window(
	    rp, &(struct pci_windows){ .pref = 0x10000000, .pref_size = 0x100000 }));
	assert_true(pci_bridge_window(rp, &(struct pci_windows){ 0 }));
	assert_int_equal(fns[1].space[PCI_MEM_WINDOW / 4], 0xfff0);
	assert_int_equal(fns[1].space[PCI_IO_WINDOW / 4] & 0xffff, 0x00f0);
	assert_int_equal(fns[1].space[1] & 0xffff, PCI_CMD_INTX_DISABLE);
}

/* --- Function Level Reset ------------------------------------------------------------- */

/* A PCI Express capability at 0x60 after MSI-X, FLR capable, a transaction pending. */
static void pcie_cap(bool flr)
{
	space()[0x50 / 4] |= 0x60 << 8;
	space()[0x60 / 4] = 0x0002u << 16 | 0x10;
	space()[0x64 / 4] = flr ? 1u << 28 : 0;
	space()[0x68 / 4] = (0x0020u | 0x0004u) << 16 | 0x2810; /* pending; an error latched */
}

static void test_flr(void **state)
{
	(void)state;
	pcie_cap(true);
	reads = writes = 0;
	assert_true(pci_flr_start(CFG));
	assert_int_equal(space()[0x68 / 4] & 0xffff, 0x2810 | 0x8000); /* Initiate FLR */
	assert_int_equal(space()[0x68 / 4] >> 16, 0x0024);	       /* status not cleared */
	assert_int_equal(writes, 1);
	/* Transactions Pending never cleared: the wait is bounded, by time (1 s). */
	assert_true(reads >= 1000 && reads < 1010);
}

static void test_flr_finish(void **state)
{
	struct pci_bar b[6];
	u64 addr[6] = { 0x10100000 };

	(void)state;
	pci_bars(CFG, b);
	space()[PCI_BAR0 / 4] = 0; /* as an FLR leaves it */
	space()[1] |= PCI_CMD_MEM;
	space()[1] &= ~(u32)PCI_CMD_INTX_DISABLE; /* the reset enabled INTx */
	assert_true(pci_flr_finish(CFG, b, addr));
	assert_int_equal(space()[PCI_BAR0 / 4], 0x10100000);
	assert_int_equal(space()[1] & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	/* A BAR that does not take the address: the function is turned off. */
	space()[PCI_BAR0 / 4] = 0;
	fns[0].bar_mask[0] = 0;
	space()[1] |= PCI_CMD_MEM | PCI_CMD_MASTER;
	assert_false(pci_flr_finish(CFG, b, addr));
	assert_int_equal(space()[1] & (PCI_CMD_MEM | PCI_CMD_MASTER), 0);
	/* One that never answers again (all ones): given a second, then refused, not written. */
	nfns = 0;
	reads = writes = 0;
	assert_false(pci_flr_finish(CFG, b, addr));
	assert_int_equal(writes, 1); /* the BAR put back; no Command of all ones */
	assert_true(reads >= 1000 && reads < 1020);
}

static void test_flr_not_there(void **state)
{
	(void)state;
	assert_false(pci_flr_start(CFG)); /* no PCI Express capability */
	pcie_cap(false);
	assert_false(pci_flr_start(CFG)); /* one without FLR */
	assert_int_equal(writes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cfg_page),
		cmocka_unit_test_setup(test_quiesce, setup),
		cmocka_unit_test_setup(test_quiesce_ats, setup),
		cmocka_unit_test_setup(test_absent, setup),
		cmocka_unit_test_setup(test_no_capabilities, setup),
		cmocka_unit_test_setup(test_capability_loop_bounded, setup),
		cmocka_unit_test_setup(test_enumerate, setup),
		cmocka_unit_test_setup(test_enumerate_out_of_buses, setup),
		cmocka_unit_test_setup(test_bars, setup),
		cmocka_unit_test_setup(test_bar_sizing_odd, setup),
		cmocka_unit_test_setup(test_bridge_window, setup),
		cmocka_unit_test_setup(test_flr, setup),
		cmocka_unit_test_setup(test_flr_not_there, setup),
		cmocka_unit_test_setup(test_flr_finish, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
