/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Channel ends (vdev/pci/vchan.c) between two partitions' virtual host
 * bridges: the function's configuration space, the register page (widths,
 * read-only registers, a bad doorbell), the doorbell state machine on INTx
 * (Interrupt Control, Status.Interrupt, InterruptDisable, write-1-to-clear,
 * coalescing, one-shot, resample) and on MSI-X (the doorbell address or
 * nothing, masks and the PBA, Bus Master), State changes told to the
 * peer, and a member going down and restarting. The vITS is a stub that
 * records what would be rung (test_vits tests vits_ring() itself).
 */
#include "host.h"
#include <string.h>
#include <core/config.h>
#include <drivers/io.h>
#include <drivers/pci.h>
#include <vdev/vpci.h>

#define ECAM_IPA 0x4010000000ULL
#define VMMIO 0x30000000ULL
#define ITS 0x08080000ULL
#define DOORBELL (ITS + 0x10040)
#define FN PCI_BDF(0, 2, 0)

static u8 mem0[8192] __attribute__((aligned(4096)));
static u8 mem1[4096] __attribute__((aligned(4096)));

const struct system_config system_config = {
	CFG_CHANNELS({ .name = "c0",
		       .pa = (u64)(uintptr_t)mem0,
		       .size = sizeof(mem0),
		       .vectors = 2,
		       .protocol = 0x1234 },
		     { .name = "c1",
		       .pa = (u64)(uintptr_t)mem1,
		       .size = sizeof(mem1),
		       .vectors = 1,
		       .clear_on_restart = true }),
	CFG_PARTITIONS({ .name = "a",
			 .its_ipa = ITS,
			 .pci_ecam_ipa = ECAM_IPA,
			 .pci_vmmio = { VMMIO, SZ_1M },
			 CFG_CHANNEL_ENDS({ .channel = 0,
					    .guest = FN,
					    .peer = 0,
					    .ipa = VMMIO + 0x10000,
					    .regs_ipa = VMMIO },
					  { .channel = 1,
					    .guest = PCI_BDF(0, 2, 1),
					    .peer = 1,
					    .ipa = VMMIO + 0x20000,
					    .regs_ipa = VMMIO + 0x2000 }) },
		       /* b has no vITS: INTx only, no MSI-X capability, no BAR1. */
		       { .name = "b",
			 .pci_ecam_ipa = ECAM_IPA,
			 .pci_vmmio = { VMMIO, SZ_1M },
			 CFG_CHANNEL_ENDS({ .channel = 0,
					    .guest = FN,
					    .peer = 1,
					    .ipa = VMMIO + 0x10000,
					    .regs_ipa = VMMIO },
					  { .channel = 1,
					    .guest = PCI_BDF(0, 3, 0),
					    .peer = 0,
					    .ipa = VMMIO + 0x20000,
					    .regs_ipa = VMMIO + 0x2000 }) }),
};

/* Nothing real behind these bridges: a configuration access to hardware is a bug here. */
u32 rd32(u64 a)
{
	(void)a;
	fail_msg("real configuration access");
	return 0;
}

void wr32(u64 a, u32 v)
{
	(void)a;
	(void)v;
	fail_msg("real configuration access");
}

static struct vpci va, vb;
static struct mmio_registry mmio_a, mmio_b;
static int level_a[64], level_b[64];
static unsigned raises_b;

static void line(void *ctx, u32 intid, bool level)
{
	assert_true(intid < 64);
	if (ctx == &vb) {
		raises_b += level && !level_b[intid];
		level_b[intid] = level;
	} else {
		assert_ptr_equal(ctx, &va);
		level_a[intid] = level;
	}
}

/* The stub vITS: what was rung, and whether the receiver has the event mapped. */
struct ringing {
	void *its;
	u32 dev, event;
};
static struct ringing rung[64];
static unsigned nrung;
static bool mapped = true;
/* a's vITS as its virtual host bridge's msi hook names it: never looked into. */
static int fake_its;

static bool msi(void *its, u32 dev, u32 event)
{
	if (nrung < 64)
		rung[nrung] = (struct ringing){ its, dev, event };
	nrung++;
	return mapped;
}

static int setup(void **state)
{
	(void)state;
	memset(mem0, 0xaa, sizeof(mem0));
	memset(mem1, 0xbb, sizeof(mem1));
	memset(level_a, 0, sizeof(level_a));
	memset(level_b, 0, sizeof(level_b));
	memset(&mmio_a, 0, sizeof(mmio_a));
	memset(&mmio_b, 0, sizeof(mmio_b));
	raises_b = nrung = 0;
	mapped = true;
	vpci_init(&va, &(struct vpci_setup){ .cfg = &system_config.partitions[0],
					     .mmio = &mmio_a,
					     .line = line,
					     .line_ctx = &va,
					     .msi = msi,
					     .msi_ctx = &fake_its });
	/* b has no vITS: its hook is not used. */
	vpci_init(&vb, &(struct vpci_setup){ .cfg = &system_config.partitions[1],
					     .mmio = &mmio_b,
					     .line = line,
					     .line_ctx = &vb,
					     .msi = msi,
					     .msi_ctx = &vb });
	return 0;
}

static u64 cfg_rd(struct vpci *v, u16 bdf, u32 reg, unsigned size)
{
	struct mmio_access acc = { .offset = (u64)bdf << 12 | reg, .size = size };

	assert_int_equal(vpci_access(v, 0, &acc), MMIO_HANDLED);
	return acc.value;
}

static void cfg_wr(struct vpci *v, u16 bdf, u32 reg, unsigned size, u64 val)
{
	struct mmio_access acc = {
		.offset = (u64)bdf << 12 | reg, .size = size, .write = true, .value = val
	};

	assert_int_equal(vpci_access(v, 0, &acc), MMIO_HANDLED);
}

static enum mmio_result win(struct vpci *v, u64 ipa, unsigned size, bool write, u64 *val)
{
	struct mmio_access acc = {
		.offset = ipa - VMMIO, .size = size, .write = write, .value = write ? *val : 0
	};
	enum mmio_result r = vchan_window_access(v, 0, &acc);

	if (!write)
		*val = acc.value;
	return r;
}

static u32 reg(struct vpci *v, u32 off)
{
	u64 val = 0;

	assert_int_equal(win(v, VMMIO + off, 4, false, &val), MMIO_HANDLED);
	return (u32)val;
}

static void set(struct vpci *v, u32 off, u32 val)
{
	u64 x = val;

	assert_int_equal(win(v, VMMIO + off, 4, true, &x), MMIO_HANDLED);
}

#define INTA_B (VPCI_INTX_INTID + 2 % VPCI_INTX_LINES) /* b's 00:02.0, pin A */

static void test_registered(void **state)
{
	(void)state;
	/* The ECAM and the window, in each partition. */
	assert_int_equal(mmio_a.count, 2);
	assert_int_equal(mmio_a.regions[1].base, VMMIO);
	assert_int_equal(mmio_a.regions[1].size, SZ_1M);
	assert_int_equal(mmio_b.count, 2);
	/* The memory starts zeroed (setup filled it); c1 is cleared at restarts instead. */
	assert_int_equal(mem0[0], 0);
	assert_int_equal(mem0[sizeof(mem0) - 1], 0);
}

static void test_config_space(void **state)
{
	(void)state;
	assert_int_equal(cfg_rd(&va, FN, PCI_ID, 4), 0x4106110a);
	assert_int_equal(cfg_rd(&va, FN, 0x2c, 4), 0x4106110a);
	/* Class FFh, the protocol as sub-class and interface. */
	assert_int_equal(cfg_rd(&va, FN, PCI_CLASS, 4), 0xff123400);
	/* a's 00:02.0 has a function 1 too: multi-function; b's has none. */
	assert_int_equal(cfg_rd(&va, FN, PCI_HEADER, 4), 0x00800000);
	assert_int_equal(cfg_rd(&vb, FN, PCI_HEADER, 4), 0);
	/* Capabilities listed; INTA. */
	assert_int_equal(cfg_rd(&va, FN, PCI_COMMAND, 4), 0x00100000);
	assert_int_equal(cfg_rd(&va, FN, PCI_IRQ, 4), 0x100);
	/* BAR0 registers, BAR1 MSI-X, BAR2-3 the memory (64-bit, prefetchable). */
	assert_int_equal(cfg_rd(&va, FN, PCI_BAR0, 4), VMMIO);
	assert_int_equal(cfg_rd(&va, FN, PCI_BAR0 + 4, 4), VMMIO + 0x1000);
	assert_int_equal(cfg_rd(&va, FN, PCI_BAR0 + 8, 4), (VMMIO + 0x10000) | 0xc);
	assert_int_equal(cfg_rd(&va, FN, PCI_BAR0 + 12, 4), 0);
	assert_int_equal(cfg_rd(&va, FN, PCI_BAR0 + 16, 4), 0);
	/* Sizing, and the address written back; a move is refused and counted. */
	cfg_wr(&va, FN, PCI_BAR0 + 8, 4, 0xffffffff);
	cfg_wr(&va, FN, PCI_BAR0 + 12, 4, 0xffffffff);
	assert_int_equal(cfg_rd(&va, FN, PCI_BAR0 + 8, 4), (u32) ~(sizeof(mem0) - 1) | 0xc);
	assert_int_equal(cfg_rd(&va, FN, PCI_BAR0 + 12, 4), 0xffffffff);
	cfg_wr(&va, FN, PCI_BAR0 + 8, 4, VMMIO + 0x10000);
	cfg_wr(&va, FN, PCI_BAR0 + 12, 4, 0);
	assert_int_equal(cfg_rd(&va, FN, PCI_BAR0 + 8, 4), (VMMIO + 0x10000) | 0xc);
	cfg_wr(&va, FN, PCI_BAR0, 4, 0x3f000000);
	assert_int_equal(cfg_rd(&va, FN, PCI_BAR0, 4), VMMIO);
	assert_int_equal(va.ends[0].stats.ro_writes, 1);
	/* The vendor capability: length 18h, sizes; then MSI-X, 2 vectors, table and PBA in BAR1.
	 */
	assert_int_equal(cfg_rd(&va, FN, 0x34, 1), 0x40);
	assert_int_equal(cfg_rd(&va, FN, 0x40, 4), 0x00186009);
	assert_int_equal(cfg_rd(&va, FN, 0x48, 4), sizeof(mem0));
	assert_int_equal(cfg_rd(&va, FN, 0x60, 4), 0x00010011);
	assert_int_equal(cfg_rd(&va, FN, 0x64, 4), 1);
	assert_int_equal(cfg_rd(&va, FN, 0x68, 4), 0x801);
	/* b has no vITS: no MSI-X, no BAR1, the vendor capability last. */
	assert_int_equal(cfg_rd(&vb, FN, 0x40, 4), 0x00180009);
	assert_int_equal(cfg_rd(&vb, FN, PCI_BAR0 + 4, 4), 0);
	cfg_wr(&vb, FN, 0x60, 4, 0x80000000);
	assert_int_equal(cfg_rd(&vb, FN, 0x60, 4), 0);
	/* The rest reads 0 and ignores writes; the extended space too. */
	cfg_wr(&va, FN, PCI_ID, 4, 0);
	cfg_wr(&va, FN, 0x100, 4, 0xffffffff);
	assert_int_equal(cfg_rd(&va, FN, PCI_ID, 4), 0x4106110a);
	assert_int_equal(cfg_rd(&va, FN, 0x100, 4), 0);
	/* Nothing at a BDF that is neither a function nor an end. */
	assert_int_equal(cfg_rd(&va, PCI_BDF(0, 5, 0), PCI_ID, 4), 0xffffffff);
}

static void test_registers(void **state)
{
	u64 x = 0;

	(void)state;
	assert_int_equal(reg(&va, 0x00), 0); /* ID */
	assert_int_equal(reg(&vb, 0x00), 1);
	assert_int_equal(reg(&va, 0x04), 2); /* Maximum Peers */
	/* Read-only, and unbacked offsets: writes ignored, reads 0. */
	set(&va, 0x00, 7);
	set(&va, 0x04, 7);
	set(&va, 0x40, 7);
	assert_int_equal(reg(&va, 0x00), 0);
	assert_int_equal(reg(&va, 0x04), 2);
	assert_int_equal(reg(&va, 0x40), 0);
	/* Interrupt Control: bit 0 only. */
	set(&va, 0x08, 0xffffffff);
	assert_int_equal(reg(&va, 0x08), 1);
	/* Registers are 32-bit and aligned: anything else aborts, counted. */
	assert_int_equal(win(&va, VMMIO + 0x08, 8, false, &x), MMIO_ABORT);
	assert_int_equal(win(&va, VMMIO + 0x09, 1, false, &x), MMIO_ABORT);
	assert_int_equal(win(&va, VMMIO + 0x0a, 2, true, &x), MMIO_ABORT);
	assert_int_equal(va.ends[0].stats.bad_accesses, 3);
	/* Nothing in the window but the register pages: an abort (the memory never traps). */
	assert_int_equal(win(&va, VMMIO + 0x5000, 4, false, &x), MMIO_ABORT);
	assert_int_equal(win(&va, VMMIO + 0x10000, 4, true, &x), MMIO_ABORT);
	/* b has no MSI-X page: it reads 0, and nothing else happens. */
	assert_int_equal(win(&vb, VMMIO + 0x1000, 4, false, &x), MMIO_HANDLED);
	assert_int_equal(x, 0);
}

/* b takes a's doorbells over INTx. */
static void test_intx(void **state)
{
	(void)state;
	/* Interrupt Control 0: dropped, counted. */
	set(&va, 0x0c, 1u << 16 | 1);
	assert_int_equal(vb.ends[0].stats.off, 1);
	assert_int_equal(reg(&vb, 0x14), 0);
	assert_int_equal(level_b[INTA_B], 0);
	/* Enabled: Interrupt Status bit 1, Status.Interrupt, the line up. */
	set(&vb, 0x08, 1);
	set(&va, 0x0c, 1u << 16 | 1);
	assert_int_equal(reg(&vb, 0x14), 2);
	assert_int_equal(cfg_rd(&vb, FN, PCI_COMMAND, 4) >> 16 & 0x8, 0x8);
	assert_int_equal(level_b[INTA_B], 1);
	assert_int_equal(va.ends[0].stats.rung, 2);
	/* A thousand more coalesce: one bit, one raise of the line. */
	for (int i = 0; i < 1000; i++)
		set(&va, 0x0c, 1u << 16 | 1);
	assert_int_equal(reg(&vb, 0x14), 2);
	assert_int_equal(raises_b, 1);
	assert_int_equal(vb.ends[0].stats.delivered, 1001);
	/* InterruptDisable (what uio_pci_generic's handler sets) lowers it; Status still says. */
	cfg_wr(&vb, FN, PCI_COMMAND, 2, PCI_CMD_INTX_DISABLE);
	assert_int_equal(level_b[INTA_B], 0);
	assert_int_equal(cfg_rd(&vb, FN, PCI_COMMAND, 4), 0x00180000 | PCI_CMD_INTX_DISABLE);
	cfg_wr(&vb, FN, PCI_COMMAND, 2, 0);
	assert_int_equal(level_b[INTA_B], 1);
	/* The guest completes the SPI with the status still set: raised again (resample). */
	level_b[INTA_B] = 0;
	vpci_intx_resample(&vb, INTA_B);
	assert_int_equal(level_b[INTA_B], 1);
	/* Write 1 to clear: the line down, Status.Interrupt clear. */
	set(&vb, 0x14, 2);
	assert_int_equal(level_b[INTA_B], 0);
	assert_int_equal(cfg_rd(&vb, FN, PCI_COMMAND, 4), 0x00100000);
	vpci_intx_resample(&vb, INTA_B);
	assert_int_equal(level_b[INTA_B], 0);
	/* Vector 0 on its own bit; nothing reached the stub vITS. */
	set(&va, 0x0c, 1u << 16 | 0);
	assert_int_equal(reg(&vb, 0x14), 1);
	assert_int_equal(nrung, 0);
}

static void test_bad_doorbells(void **state)
{
	(void)state;
	set(&vb, 0x08, 1);
	/* No peer 2 of two; no vector 2 of two: no effect, counted at the sender. */
	set(&va, 0x0c, 2u << 16 | 0);
	set(&va, 0x0c, 0xffffu << 16 | 0);
	set(&va, 0x0c, 1u << 16 | 2);
	set(&va, 0x0c, 1u << 16 | 0xffff);
	assert_int_equal(va.ends[0].stats.bad_doorbell, 4);
	assert_int_equal(va.ends[0].stats.rung, 4);
	assert_int_equal(vb.ends[0].stats.delivered, 0);
	assert_int_equal(reg(&vb, 0x14), 0);
	/* The Doorbell reads 0. */
	assert_int_equal(reg(&va, 0x0c), 0);
}

static void test_one_shot(void **state)
{
	(void)state;
	cfg_wr(&vb, FN, 0x43, 1, 0xff); /* Privileged Control: one-shot (bit 0 only) */
	assert_int_equal(cfg_rd(&vb, FN, 0x43, 1), 1);
	set(&vb, 0x08, 1);
	set(&va, 0x0c, 1u << 16 | 0);
	assert_int_equal(reg(&vb, 0x08), 0); /* cleared by the delivery */
	set(&vb, 0x14, 1);
	set(&va, 0x0c, 1u << 16 | 0);
	assert_int_equal(reg(&vb, 0x14), 0);
	assert_int_equal(vb.ends[0].stats.off, 1);
}

static void msix_set(struct vpci *v, u32 vec, u64 addr, u32 data, u32 ctrl)
{
	set(v, 0x1000 + vec * 16, (u32)addr);
	set(v, 0x1000 + vec * 16 + 4, (u32)(addr >> 32));
	set(v, 0x1000 + vec * 16 + 8, data);
	set(v, 0x1000 + vec * 16 + 12, ctrl);
}

/* a takes b's doorbells as MSI-X through its vITS. */
static void test_msix(void **state)
{
	u64 x;

	(void)state;
	/* Vectors come masked. */
	assert_int_equal(reg(&va, 0x100c), 1);
	msix_set(&va, 0, DOORBELL, 5, 0);
	msix_set(&va, 1, DOORBELL, 6, 1);
	cfg_wr(&va, FN, 0x62, 2, 0x8000); /* MSI-X Enable */
	cfg_wr(&va, FN, PCI_COMMAND, 2, PCI_CMD_MASTER);
	set(&va, 0x08, 1);
	set(&vb, 0x0c, 0u << 16 | 0);
	assert_int_equal(nrung, 1);
	assert_ptr_equal(rung[0].its, &fake_its);
	assert_int_equal(rung[0].dev, 0); /* a's first device: no its_devices, no functions */
	assert_int_equal(rung[0].event, 5);
	/* No INTx while MSI-X is on. */
	assert_int_equal(reg(&va, 0x14), 0);
	assert_int_equal(level_a[VPCI_INTX_INTID + 2], 0);
	/* Masked vector 1: pending in the PBA, sent at the unmask. */
	set(&vb, 0x0c, 0u << 16 | 1);
	assert_int_equal(nrung, 1);
	assert_int_equal(reg(&va, 0x1800), 2);
	set(&va, 0x101c, 0);
	assert_int_equal(nrung, 2);
	assert_int_equal(rung[1].event, 6);
	assert_int_equal(reg(&va, 0x1800), 0);
	/* Function Mask: held, sent when it clears. */
	cfg_wr(&va, FN, 0x62, 2, 0xc000);
	set(&vb, 0x0c, 0u << 16 | 0);
	set(&vb, 0x0c, 0u << 16 | 0);
	assert_int_equal(nrung, 2);
	cfg_wr(&va, FN, 0x62, 2, 0x8000);
	assert_int_equal(nrung, 3);
	/* Bus Master off: the function may not write its MSI; pending until it is on again. */
	cfg_wr(&va, FN, PCI_COMMAND, 2, 0);
	set(&vb, 0x0c, 0u << 16 | 0);
	assert_int_equal(nrung, 3);
	cfg_wr(&va, FN, PCI_COMMAND, 2, PCI_CMD_MASTER);
	assert_int_equal(nrung, 4);
	/* An address that is not its vITS's doorbell: nothing, counted. */
	msix_set(&va, 0, 0x40000000, 5, 0);
	set(&vb, 0x0c, 0u << 16 | 0);
	assert_int_equal(nrung, 4);
	assert_int_equal(va.ends[0].stats.msi_refused, 1);
	/* An event its vITS has not mapped: dropped there, counted. */
	msix_set(&va, 0, DOORBELL, 9, 0);
	mapped = false;
	set(&vb, 0x0c, 0u << 16 | 0);
	assert_int_equal(nrung, 5);
	assert_int_equal(va.ends[0].stats.unmapped, 1);
	/* 64-bit accesses to the table; the PBA is read-only. */
	x = DOORBELL;
	assert_int_equal(win(&va, VMMIO + 0x1010, 8, true, &x), MMIO_HANDLED);
	assert_int_equal(reg(&va, 0x1010), DOORBELL);
	x = 3;
	assert_int_equal(win(&va, VMMIO + 0x1800, 4, true, &x), MMIO_HANDLED);
	assert_int_equal(reg(&va, 0x1800), 0);
	/* Beyond its two vectors: nothing there. */
	set(&va, 0x1020, 0x1234);
	assert_int_equal(reg(&va, 0x1020), 0);
}

static void test_state(void **state)
{
	(void)state;
	set(&vb, 0x08, 1);
	set(&va, 0x10, 7);
	assert_int_equal(reg(&va, 0x10), 7);
	/* b is told (vector 0) and reads a's State among the peers'. */
	assert_int_equal(reg(&vb, 0x14), 1);
	assert_int_equal(reg(&vb, 0x100), 7);
	assert_int_equal(reg(&vb, 0x104), 0);
	assert_int_equal(reg(&va, 0x108), 0); /* no peer 2 */
	/* The same value again is no change: nobody is told. */
	set(&vb, 0x14, 1);
	set(&va, 0x10, 7);
	assert_int_equal(reg(&vb, 0x14), 0);
}

/* a goes down and comes back; b's end goes on working, and is told. */
static void test_member_restart(void **state)
{
	(void)state;
	set(&vb, 0x08, 1);
	set(&va, 0x08, 1);
	set(&va, 0x10, 3);
	set(&vb, 0x14, 1);
	mem0[100] = 42;
	mem1[100] = 43;
	/* Down: nothing reaches it; its line is low. */
	set(&vb, 0x0c, 0u << 16 | 0);
	assert_int_equal(level_a[VPCI_INTX_INTID + 2], 1);
	vpci_off(&va);
	assert_int_equal(level_a[VPCI_INTX_INTID + 2], 0);
	set(&vb, 0x0c, 0u << 16 | 0);
	assert_int_equal(va.ends[0].stats.off, 1);
	/* Back: as at boot; its State 0, which b is told of; c0's memory kept, c1's cleared. */
	vpci_reset(&va);
	assert_int_equal(reg(&va, 0x10), 0);
	assert_int_equal(reg(&va, 0x08), 0);
	assert_int_equal(reg(&vb, 0x100), 0);
	assert_int_equal(reg(&vb, 0x14), 1);
	assert_int_equal(mem0[100], 42);
	assert_int_equal(mem1[100], 0);
	/* b rings it again once it enables them. */
	set(&va, 0x08, 1);
	set(&vb, 0x0c, 0u << 16 | 0);
	assert_int_equal(reg(&va, 0x14), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_registered, setup),
		cmocka_unit_test_setup(test_config_space, setup),
		cmocka_unit_test_setup(test_registers, setup),
		cmocka_unit_test_setup(test_intx, setup),
		cmocka_unit_test_setup(test_bad_doorbells, setup),
		cmocka_unit_test_setup(test_one_shot, setup),
		cmocka_unit_test_setup(test_msix, setup),
		cmocka_unit_test_setup(test_state, setup),
		cmocka_unit_test_setup(test_member_restart, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
