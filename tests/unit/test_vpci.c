/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The virtual host bridge's configuration-space filter (vdev/pci/vpci.c)
 * over fake functions: absent functions, identification and the
 * multi-function bit, Command and Status, BAR sizing and shadowing (32-bit,
 * 64-bit, unimplemented; a move refused, the real BAR never written), the
 * expansion ROM and extended space hidden, MSI (the doorbell or nothing)
 * and MSI-X (enable and mask), access widths and alignment.
 */
#include "host.h"
#include <string.h>
#include <core/config.h>
#include <drivers/io.h>
#include <vdev/vpci.h>

#define ECAM_IPA 0x4010000000ULL
#define HOST_A 0x7000000000ULL /* partita's mapping of function A's page */
#define HOST_B 0x7000001000ULL
#define ITS 0x08080000ULL
#define DOORBELL (ITS + 0x10040)

/* --- fake functions: A is edu-like (BAR0 1 MiB, MSI 64-bit at 0x40), B has a 64-bit BAR0-1 and
 * MSI-X */

static u32 space[2][64];
static unsigned bar_writes; /* writes to a real BAR register: there must be none */

static u32 *word(u64 a)
{
	u32 which = a >= HOST_B;
	u64 off = a - (which ? HOST_B : HOST_A);

	assert_true(off < 0x1000 && !(a & 3));
	return off < sizeof(space[0]) ? &space[which][off / 4] : NULL;
}

u32 rd32(u64 a)
{
	u32 *w = word(a);

	return w ? *w : 0;
}

void wr32(u64 a, u32 v)
{
	u32 *w = word(a), off = (u32)(a & 0xfff);

	if (!w)
		return;
	if (off >= PCI_BAR0 && off < PCI_BAR0 + 24)
		bar_writes++;
	if (off == PCI_COMMAND)
		*w = (v & 0xffff) | ((*w >> 16) & ~(v >> 16) & 0xffff) << 16;
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

/* No channels here (test_vchan has them). */
const struct system_config system_config;

static const struct partition_config cfg = {
	.name = "p",
	.its_ipa = ITS,
	.pci_ecam_ipa = ECAM_IPA,
	CFG_PCI_FUNCTIONS({ PCI_BDF(0, 2, 0), PCI_BDF(0, 1, 0) },
			  { PCI_BDF(1, 0, 0), PCI_BDF(0, 1, 1) },
			  { PCI_BDF(0, 9, 0), PCI_BDF(0, 3, 0) }),
};

static struct vpci v;
static struct mmio_registry mmio;

/* The partition's INTx lines as the vGIC would see them: the last level set, and how often. */
static int line_level[64];
static unsigned line_calls;

static void line(void *ctx, u32 intid, bool level)
{
	assert_ptr_equal(ctx, &v);
	assert_true(intid < 64);
	line_level[intid] = level;
	line_calls++;
}

static int setup(void **state)
{
	struct pci_bar a[6] = { { .size = SZ_1M, .reg = 0x10 } };
	struct pci_bar b[6] = {
		{ .size = 0x200000000ULL, .reg = 0x10, .mem64 = true, .flags = 0xc },
		{ .reg = 0x14 }
	};
	u64 aa[6] = { 0x10000000 }, ba[6] = { 0x8000000000ULL };

	(void)state;
	memset(space, 0, sizeof(space));
	space[0][0] = space[1][0] = 0x11e8u << 16 | 0x1234;
	space[0][1] = space[1][1] = (0x10u | 0xf900u) << 16; /* cap list, errors latched */
	space[0][3] = space[1][3] = 0x00800000;		     /* header: multi-function, type 0 */
	space[0][PCI_BAR0 / 4] = 0x10000000;
	space[1][PCI_BAR0 / 4] = 0xc;
	space[1][PCI_BAR0 / 4 + 1] = 0x80;
	space[0][0x34 / 4] = space[1][0x34 / 4] = 0x40;
	space[0][0x40 / 4] = 0x0080u << 16 | 0x05; /* MSI, 64-bit, disabled, last */
	space[1][0x40 / 4] = 0x0003u << 16 | 0x11; /* MSI-X, 4 vectors, last */
	space[1][0x44 / 4] = 0x2000;		   /* table at BAR0 + 0x2000 */
	space[0][0x3c / 4] = 0x0100;		   /* INTA */
	space[0][1] |= PCI_CMD_INTX_DISABLE;	   /* quiesced by partita */
	space[0][0x100 / 4 - 1] = 0;
	bar_writes = 0;
	memset(line_level, 0, sizeof(line_level));
	line_calls = 0;
	memset(&mmio, 0, sizeof(mmio));
	vpci_init(&v,
		  &(struct vpci_setup){ .cfg = &cfg, .mmio = &mmio, .line = line, .line_ctx = &v });
	/* A's INTA drives physical INTID 37; B has no pin (its host line is not used). */
	vpci_attach(&v, 0, HOST_A, a, aa, 1, 37);
	vpci_attach(&v, 1, HOST_B, b, ba, 0, 38);
	/* The third (00:09.0, seen at 00:03.0) is not on this machine: never attached. */
	return 0;
}

static u64 rd(u16 bdf, u32 reg, unsigned size)
{
	struct mmio_access acc = { .offset = (u64)bdf << 12 | reg, .size = size };

	assert_int_equal(vpci_access(&v, 0, &acc), MMIO_HANDLED);
	return acc.value;
}

static void wr(u16 bdf, u32 reg, unsigned size, u64 val)
{
	struct mmio_access acc = {
		.offset = (u64)bdf << 12 | reg, .size = size, .write = true, .value = val
	};

	assert_int_equal(vpci_access(&v, 0, &acc), MMIO_HANDLED);
}

#define A PCI_BDF(0, 1, 0)
#define B PCI_BDF(0, 1, 1)

static void test_registered(void **state)
{
	(void)state;
	assert_int_equal(mmio.count, 1);
	assert_int_equal(mmio.regions[0].base, ECAM_IPA);
	assert_int_equal(mmio.regions[0].size, VPCI_ECAM_SIZE);
}

static void test_absent(void **state)
{
	(void)state;
	/* Nothing at 00:02.0 for the partition (its host BDF is not its guest BDF), nor 00:03.0. */
	assert_int_equal(rd(PCI_BDF(0, 2, 0), 0, 4), 0xffffffff);
	assert_int_equal(rd(PCI_BDF(0, 3, 0), 0, 2), 0xffff);
	assert_int_equal(rd(PCI_BDF(0, 31, 7), 0x3f, 1), 0xff);
	wr(PCI_BDF(0, 2, 0), PCI_COMMAND, 4, 0x6);
	wr(PCI_BDF(0, 3, 0), PCI_BAR0, 4, 0x11000000);
	assert_int_equal(v.stats.absent_writes, 2);
	assert_int_equal(space[0][1] & 0xffff, PCI_CMD_INTX_DISABLE); /* as it was */
}

static void test_identity_and_header(void **state)
{
	(void)state;
	assert_int_equal(rd(A, 0, 4), 0x11e81234);
	assert_int_equal(rd(A, 2, 2), 0x11e8);
	/* 00:01.0 has a sibling at 00:01.1: multi-function; 00:01.1 says nothing. */
	assert_int_equal(rd(A, 0xe, 1), 0x80);
	assert_int_equal(rd(B, 0xe, 1), 0x00);
	wr(A, PCI_ID, 4, 0);
	assert_int_equal(rd(A, 0, 4), 0x11e81234);
	assert_int_equal(v.stats.ro_writes, 1);
}

static void test_command_status(void **state)
{
	(void)state;
	wr(A, PCI_COMMAND, 2, 0xffff);
	/* Memory, master, INTx disable; not I/O: it has no I/O BAR partita placed. */
	assert_int_equal(space[0][1] & 0xffff, 0x0406);
	assert_int_equal(v.stats.ro_writes, 1);	     /* I/O, SERR, parity... dropped */
	assert_int_equal(space[0][1] >> 16, 0xf910); /* a 16-bit write leaves Status */
	/* A byte write to Command's upper byte: INTx disable off, the rest kept. */
	wr(A, PCI_COMMAND + 1, 1, 0x00);
	assert_int_equal(space[0][1] & 0xffff, 0x0006);
	/* Status: the guest clears its function's error bits; capability list stays. */
	wr(A, PCI_COMMAND + 2, 2, 0xffff);
	assert_int_equal(space[0][1] >> 16, 0x0010);
	assert_int_equal(space[0][1] & 0xffff, 0x0006);
}

#define STATUS_INTX (PCI_STATUS_INTX << 16)

/*
 * INTx: A's pin A at guest 00:01.0 is the partition's INTID 36 (35 + (0 + 1)
 * % 4), on physical line 37; B has no pin.
 */
static void test_intx(void **state)
{
	(void)state;
	assert_int_equal(v.fn[0].intx_guest, 36);
	assert_int_equal(v.fn[1].intx_guest, 0);
	/* It comes quiesced, and says so; asserting while disabled drives nothing. */
	assert_int_equal(rd(A, PCI_COMMAND, 2) & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	space[0][1] |= STATUS_INTX;
	assert_int_equal(vpci_intx_claim(&v, 37), 0);
	assert_int_equal(line_calls, 0);
	/* The guest enables it: the function drives the line, and is claimed once. */
	wr(A, PCI_COMMAND, 2, 0x0002);
	assert_int_equal(space[0][1] & PCI_CMD_INTX_DISABLE, 0);
	assert_int_equal(vpci_intx_claim(&v, 38), 0); /* not its line */
	assert_int_equal(vpci_intx_claim(&v, 37), 1);
	assert_int_equal(line_level[36], 1);
	/* Masked at the function while the guest handles it; the guest still reads its own bit. */
	assert_int_equal(space[0][1] & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	assert_int_equal(rd(A, PCI_COMMAND, 2) & PCI_CMD_INTX_DISABLE, 0);
	assert_int_equal(space[0][1] & STATUS_INTX, STATUS_INTX); /* no W1C write */
	assert_int_equal(vpci_intx_claim(&v, 37), 0);		  /* masked: not again */
	/* A guest write of Command meanwhile keeps the mask. */
	wr(A, PCI_COMMAND, 2, 0x0006);
	assert_int_equal(space[0][1] & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	/* The guest completed it: unmasked; still asserting, claimed again. */
	vpci_intx_resample(&v, 35); /* another line: nothing */
	assert_int_equal(space[0][1] & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	vpci_intx_resample(&v, 36);
	assert_int_equal(space[0][1] & PCI_CMD_INTX_DISABLE, 0);
	assert_int_equal(vpci_intx_claim(&v, 37), 1);
	/* The guest disables INTx while its line is up: the line goes down (PCI 2.3). */
	wr(A, PCI_COMMAND + 1, 1, PCI_CMD_INTX_DISABLE >> 8);
	assert_int_equal(line_level[36], 0);
	vpci_intx_resample(&v, 36);
	assert_int_equal(space[0][1] & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	assert_int_equal(vpci_intx_claim(&v, 37), 0);
	assert_int_equal(v.stats.intx, 2);
	/* B has no pin: nothing on its line, whatever its status. */
	space[1][1] |= STATUS_INTX;
	wr(B, PCI_COMMAND, 2, 0x0002);
	assert_int_equal(vpci_intx_claim(&v, 38), 0);
	/* A asserts although disabled: it ignores InterruptDisable, which partita can tell. */
	assert_true(vpci_intx_asserts_masked(&v, 37));
	space[0][1] &= ~STATUS_INTX;
	assert_false(vpci_intx_asserts_masked(&v, 37));
	/* The guest sees A's pin (it is routed), and no pin for B's unrouted one. */
	assert_int_equal(rd(A, PCI_IRQ + 1, 1), 1);
	space[1][0x3c / 4] = 0x0200;
	assert_int_equal(rd(B, PCI_IRQ + 1, 1), 0);
}

/* In a reset (all ones), the mask is not applied: the write would turn everything on. */
static void test_intx_absent(void **state)
{
	(void)state;
	space[0][1] |= STATUS_INTX;
	wr(A, PCI_COMMAND, 2, 0x0002);
	space[0][1] = 0xffffffff;
	assert_int_equal(vpci_intx_claim(&v, 37), 0);
	assert_int_equal(space[0][1], 0xffffffff);
	assert_false(vpci_intx_asserts_masked(&v, 37));
}

/* The partition goes down with a line up: masked at the function, and its next run starts clean. */
static void test_intx_off_reset(void **state)
{
	(void)state;
	space[0][1] |= STATUS_INTX;
	wr(A, PCI_COMMAND, 2, 0x0002);
	assert_int_equal(vpci_intx_claim(&v, 37), 1);
	vpci_off(&v);
	assert_int_equal(space[0][1] & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	assert_int_equal(vpci_intx_claim(&v, 37), 0);
	/* A completion the last run left behind unmasks nothing. */
	vpci_intx_resample(&v, 36);
	assert_int_equal(space[0][1] & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	vpci_reset(&v);
	assert_int_equal(rd(A, PCI_COMMAND, 2) & PCI_CMD_INTX_DISABLE, PCI_CMD_INTX_DISABLE);
	assert_int_equal(vpci_intx_claim(&v, 37), 0);
}

static void test_bar32(void **state)
{
	(void)state;
	assert_int_equal(rd(A, PCI_BAR0, 4), 0x10000000);
	wr(A, PCI_BAR0, 4, 0xffffffff); /* sizing */
	assert_int_equal(rd(A, PCI_BAR0, 4), 0xfff00000);
	wr(A, PCI_BAR0, 4, 0x10000000); /* put back */
	assert_int_equal(rd(A, PCI_BAR0, 4), 0x10000000);
	/* Into a neighbour's window: refused, counted, reads as placed. */
	wr(A, PCI_BAR0, 4, 0x11000000);
	assert_int_equal(rd(A, PCI_BAR0, 4), 0x10000000);
	assert_int_equal(v.stats.bar_refused, 1);
	/* A byte at a time cannot build another address either. */
	wr(A, PCI_BAR0 + 3, 1, 0x40);
	assert_int_equal(rd(A, PCI_BAR0, 4), 0x10000000);
	assert_int_equal(v.stats.bar_refused, 2);
	/* Unimplemented BARs: zero, writes dropped. */
	assert_int_equal(rd(A, PCI_BAR0 + 4, 4), 0);
	wr(A, PCI_BAR0 + 4, 4, 0xffffffff);
	assert_int_equal(rd(A, PCI_BAR0 + 4, 4), 0);
	assert_int_equal(bar_writes, 0); /* the real BAR was never written */
}

static void test_bar64(void **state)
{
	(void)state;
	assert_int_equal(rd(B, PCI_BAR0, 4), 0xc);
	assert_int_equal(rd(B, PCI_BAR0 + 4, 4), 0x80);
	wr(B, PCI_BAR0, 4, 0xffffffff);
	wr(B, PCI_BAR0 + 4, 4, 0xffffffff);
	assert_int_equal(rd(B, PCI_BAR0, 4), 0x0000000c);
	assert_int_equal(rd(B, PCI_BAR0 + 4, 4), 0xfffffffe); /* 8 GiB */
	wr(B, PCI_BAR0, 4, 0xc);
	wr(B, PCI_BAR0 + 4, 4, 0x80);
	assert_int_equal(rd(B, PCI_BAR0 + 4, 4), 0x80);
	wr(B, PCI_BAR0 + 4, 4, 0x82); /* the upper half elsewhere */
	assert_int_equal(rd(B, PCI_BAR0 + 4, 4), 0x80);
	assert_int_equal(v.stats.bar_refused, 1);
	assert_int_equal(bar_writes, 0);
}

static void test_hidden(void **state)
{
	(void)state;
	assert_int_equal(rd(A, PCI_ROM, 4), 0);
	wr(A, PCI_ROM, 4, 0xffffffff);
	assert_int_equal(rd(A, PCI_ROM, 4), 0);
	assert_int_equal(rd(A, 0x100, 4), 0); /* no extended capabilities */
	wr(A, 0x100, 4, 1);
	assert_int_equal(v.stats.ro_writes, 2);
	assert_int_equal(rd(A, PCI_CAP_PTR, 1), 0x40);
	/* Interrupt Line: the guest's; Pin: the device's. */
	wr(A, PCI_IRQ, 1, 0x2a);
	assert_int_equal(rd(A, PCI_IRQ, 2), 0x012a);
	assert_int_equal(space[0][0x3c / 4] & 0xff, 0);
}

static void test_msi(void **state)
{
	(void)state;
	/* An address that is not the doorbell: refused; so is enabling without one. */
	wr(A, 0x44, 4, 0x40000000);
	assert_int_equal(space[0][0x44 / 4], 0);
	wr(A, 0x42, 2, 0x0081);
	assert_int_equal(space[0][0x40 / 4] >> 16, 0x0080);
	assert_int_equal(v.stats.msi_refused, 2);
	/* The doorbell, data, then enable. */
	wr(A, 0x44, 4, (u32)DOORBELL);
	wr(A, 0x48, 4, 0);
	wr(A, 0x4c, 2, 7);
	wr(A, 0x42, 2, 0x0081);
	assert_int_equal(space[0][0x44 / 4], (u32)DOORBELL);
	assert_int_equal(space[0][0x4c / 4], 7);
	assert_int_equal(space[0][0x40 / 4] >> 16, 0x0081);
	/* The 64-bit flag is the device's. */
	wr(A, 0x42, 2, 0x0001);
	assert_int_equal(space[0][0x40 / 4] >> 16, 0x0081);
	/* A high address word that is not the doorbell's. */
	wr(A, 0x48, 4, 1);
	assert_int_equal(space[0][0x48 / 4], 0);
	assert_int_equal(v.stats.msi_refused, 3);
}

/* MSI with 0..3 (multiple message capable 2: 4 vectors) then MSI-X at 0x50, in A. */
static void test_msi_then_msix(void **state)
{
	(void)state;
	space[0][0x40 / 4] = 0x0084u << 16 | 0x50 << 8 | 0x05; /* 64-bit, 4 vectors capable */
	space[0][0x50 / 4] = 0x0003u << 16 | 0x11;
	vpci_attach(&v, 0, HOST_A, v.fn[0].bar, v.fn[0].addr, 1, 37);
	/* MSI-X control, just past the MSI capability (0x10 bytes): reaches MSI-X. */
	wr(A, 0x52, 2, 0x8003);
	assert_int_equal(space[0][0x50 / 4] >> 16, 0x8003);
	/* Multiple Message Enable clamped to what the device can: 8 asked, 4 given. */
	wr(A, 0x42, 2, 0x00b4); /* the read-only bits as they are */
	assert_int_equal(space[0][0x40 / 4] >> 16 & 0x70, 0x20);
	/* A write in the hidden extended space goes nowhere. */
	wr(A, 0x104, 4, 0xffffffff);
	assert_int_equal(v.stats.ro_writes, 1);
}

/* A partition with functions and no ITS: no doorbell, so MSI stays off. */
static void test_msi_without_its(void **state)
{
	struct partition_config no_its = cfg;
	struct pci_bar a[6] = { { .size = SZ_1M, .reg = 0x10 } };
	u64 aa[6] = { 0x10000000 };

	(void)state;
	no_its.its_ipa = 0;
	memset(&mmio, 0, sizeof(mmio));
	vpci_init(&v, &(struct vpci_setup){
			  .cfg = &no_its, .mmio = &mmio, .line = line, .line_ctx = &v });
	vpci_attach(&v, 0, HOST_A, a, aa, 1, 0);
	wr(A, 0x42, 2, 0x0081);
	assert_int_equal(space[0][0x40 / 4] >> 16 & 1, 0);
	assert_int_equal(v.stats.msi_refused, 1);
}

static void test_msix(void **state)
{
	(void)state;
	wr(B, 0x42, 2, 0xffff);
	assert_int_equal(space[1][0x40 / 4] >> 16, 0xc003); /* enable, mask; table size kept */
	assert_int_equal(v.stats.ro_writes, 1);
	wr(B, 0x44, 4, 0); /* the table's location */
	assert_int_equal(space[1][0x44 / 4], 0x2000);
	assert_int_equal(v.stats.ro_writes, 2);
	wr(B, 0x42, 2, 0);
	assert_int_equal(space[1][0x40 / 4] >> 16, 0x0003);
}

static void test_widths(void **state)
{
	struct mmio_access wide = { .offset = (u64)A << 12, .size = 8 };
	struct mmio_access odd = { .offset = (u64)A << 12 | 1, .size = 2 };

	(void)state;
	assert_int_equal(vpci_access(&v, 0, &wide), MMIO_ABORT);
	assert_int_equal(vpci_access(&v, 0, &odd), MMIO_ABORT);
	assert_int_equal(v.stats.bad_accesses, 2);
	assert_int_equal(rd(A, 1, 1), 0x12);
	assert_int_equal(rd(A, 2, 1), 0xe8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_registered, setup),
		cmocka_unit_test_setup(test_absent, setup),
		cmocka_unit_test_setup(test_identity_and_header, setup),
		cmocka_unit_test_setup(test_command_status, setup),
		cmocka_unit_test_setup(test_intx, setup),
		cmocka_unit_test_setup(test_intx_off_reset, setup),
		cmocka_unit_test_setup(test_intx_absent, setup),
		cmocka_unit_test_setup(test_bar32, setup),
		cmocka_unit_test_setup(test_bar64, setup),
		cmocka_unit_test_setup(test_hidden, setup),
		cmocka_unit_test_setup(test_msi, setup),
		cmocka_unit_test_setup(test_msix, setup),
		cmocka_unit_test_setup(test_msi_then_msix, setup),
		cmocka_unit_test_setup(test_msi_without_its, setup),
		cmocka_unit_test_setup(test_widths, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
