/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The virtual ITS on the host, against a fake guest RAM and a fake physical
 * ITS that records the commands it is given: every register (widths, RAZ/WI,
 * read-only fields, writes while enabled, refused enables), every command and
 * every error code it can raise, batch boundaries, queue wrap-around, and the
 * bounded sweeps of MAPD V=0, MAPC and INVALL.
 */
#include "host.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arch/gic_cpuif.h>
#include <core/partition.h>
#include <drivers/its.h>
#include <vdev/vgic.h>
#include <vdev/vits.h>
#include "fake_cpuif.h"
#include "fake_hyp.h"
#include "vits_fixture.h"

#define QSLOTS 128 /* in the fixture's one-page queue */

#define GITS_CTLR 0x0000
#define GITS_IIDR 0x0004
#define GITS_TYPER 0x0008
#define GITS_CBASER 0x0080
#define GITS_CWRITER 0x0088
#define GITS_CREADR 0x0090
#define GITS_BASER(n) (0x0100 + 8 * (n))
#define GITS_PIDR2 0xffe8
#define GITS_TRANSLATER 0x10040

static struct vcpu *v0 = &part.vcpus[0];
static u32 qtail; /* next free queue slot, in bytes */

static enum mmio_result access(u64 off, unsigned size, bool write, u64 *val)
{
	struct mmio_access acc = { off, size, write, write ? *val : 0 };
	enum mmio_result r = vits_mmio(&part.its, VI(v0), &acc);

	if (!write)
		*val = acc.value;
	return r;
}

static u64 rd(u64 off, unsigned size)
{
	u64 v = 0;

	assert_int_equal(access(off, size, false, &v), MMIO_HANDLED);
	return v;
}

static void wr(u64 off, unsigned size, u64 v)
{
	assert_int_equal(access(off, size, true, &v), MMIO_HANDLED);
}

static int setup(void **state)
{
	(void)state;
	fixture_setup(5);
	fake_its_virt = ITS_VIRT_NONE;
	memset(fake_vprop, 0, sizeof(fake_vprop));
	npcmds = 0;
	cache_syncs = 0;
	qtail = 0;
	/* LPI configuration as Linux writes it: GICR_PROPBASER on every vCPU. */
	part.vgic.cpu[0].propbaser = PROPTAB | (16 - 1);
	part.vgic.cpu[1].propbaser = PROPTAB | (16 - 1);
	return 0;
}

/**
 * Write vCPU @v's GICR_CTLR.EnableLPIs (from @v itself) and poll RWP, as
 * Linux does; returns the polls it took (each is a trap, with its bound).
 */
static unsigned enable_lpis(u32 v, bool on)
{
	struct mmio_access acc = { 0x20000 * v, 4, true, on ? 1 : 0 };
	unsigned n;

	assert_int_equal(vgic_gicr_mmio(&part.vgic, VI(&part.vcpus[v]), &acc), MMIO_HANDLED);
	for (n = 1; n < 10000; n++) {
		acc = (struct mmio_access){ 0x20000 * v, 4, false, 0 };
		assert_int_equal(vgic_gicr_mmio(&part.vgic, VI(&part.vcpus[v]), &acc),
				 MMIO_HANDLED);
		assert_true(acc.value & BIT(1)); /* CES */
		if (!(acc.value & BIT(3)))	 /* RWP */
			break;
	}
	assert_int_equal(acc.value & 1, on ? 1 : 0);
	return n;
}

/* Guest-side helpers: the tables and queue set up, the ITS enabled. */
static void enable(void)
{
	wr(GITS_CBASER, 8, BIT(63) | QUEUE | 0);    /* 1 page */
	wr(GITS_BASER(0), 8, BIT(63) | DEVTAB | 0); /* 1 page of 64 KiB */
	wr(GITS_BASER(1), 8, BIT(63) | COLLTAB | 0);
	wr(GITS_CWRITER, 8, 0);
	wr(GITS_CTLR, 4, 1);
	assert_int_equal(rd(GITS_CTLR, 4) & 1, 1);
}

/** Put a command in the next slot, without writing CWRITER. */
static void put(u64 c0, u64 c1, u64 c2, u64 c3)
{
	u64 *slot = (u64 *)guest(QUEUE + qtail);

	slot[0] = c0;
	slot[1] = c1;
	slot[2] = c2;
	slot[3] = c3;
	qtail = (qtail + 32) % (QSLOTS * 32);
}

static void kick_cwriter(void)
{
	wr(GITS_CWRITER, 8, qtail);
}

/** Queue one command and let the vITS run it (polling CREADR as Linux does). */
static void cmd(u64 c0, u64 c1, u64 c2, u64 c3)
{
	unsigned n;

	put(c0, c1, c2, c3);
	kick_cwriter();
	for (n = 0; n < 1000 && rd(GITS_CREADR, 8) != qtail; n++)
		;
	assert_int_equal(rd(GITS_CREADR, 8), qtail);
}

static void mapd(u32 devid, u32 size_bits, bool valid)
{
	cmd(ITS_MAPD | (u64)devid << 32, size_bits - 1, (valid ? BIT(63) : 0) | 0x40080000, 0);
}

static void mapc(u32 icid, u32 vcpu, bool valid)
{
	cmd(ITS_MAPC, 0, (valid ? BIT(63) : 0) | (u64)vcpu << 16 | icid, 0);
}

static void mapti(u32 devid, u32 event, u32 vintid, u32 icid)
{
	cmd(ITS_MAPTI | (u64)devid << 32, event | (u64)vintid << 32, icid, 0);
}

static void devcmd(u8 op, u32 devid, u32 event, u32 icid)
{
	cmd(op | (u64)devid << 32, event, icid, 0);
}

static u32 errors(u8 op, u8 reason)
{
	return part.its.stats.errors[op][reason];
}

static u32 total_errors(void)
{
	u32 n = 0;

	for (int c = 0; c < 16; c++)
		for (int r = 0; r < 16; r++)
			n += part.its.stats.errors[c][r];
	return n;
}

/** A device 0x10 with event 3 -> LPI 8200 on collection 1 (vCPU 1). */
static void basic_mapping(void)
{
	enable();
	mapc(0, 0, true);
	mapc(1, 1, true);
	mapd(0x10, 6, true);
	mapti(0x10, 3, 8200, 1);
}

/* --- registers ----------------------------------------------------------------- */

static void test_table_valid(void **state)
{
	(void)state;
	assert_true(mmio_table_valid(vits_regs, vits_reg_count));
}

static void test_typer(void **state)
{
	u64 t;

	(void)state;
	t = rd(GITS_TYPER, 8);
	assert_int_equal(t & 1, 1);		      /* Physical */
	assert_int_equal(bits_get(t, 1, 1), 0);	      /* not Virtual */
	assert_int_equal(bits_get(t, 7, 4), 7);	      /* ITT entry size 8 */
	assert_int_equal(bits_get(t, 12, 8), 6 - 1);  /* ID_bits */
	assert_int_equal(bits_get(t, 17, 13), 8 - 1); /* Devbits */
	assert_int_equal(bits_get(t, 19, 19), 0);     /* PTA */
	assert_int_equal(bits_get(t, 31, 24), 2);     /* HCC = vCPUs */
	assert_int_equal(bits_get(t, 36, 36), 0);     /* CIL: 16-bit collection IDs */
	/* 32-bit halves read the same value. */
	assert_int_equal(rd(GITS_TYPER, 4), t & 0xffffffff);
	assert_int_equal(rd(GITS_TYPER + 4, 4), t >> 32);
	wr(GITS_TYPER, 8, 0); /* read-only */
	assert_int_equal(rd(GITS_TYPER, 8), t);
}

static void test_id_and_unknown(void **state)
{
	u64 v = 0;

	(void)state;
	assert_int_equal(bits_get(rd(GITS_PIDR2, 4), 7, 4), 3);
	assert_int_equal(rd(GITS_IIDR, 4), 0x50000000);
	/* Unimplemented offsets read as zero, ignore writes, and are counted. */
	assert_int_equal(rd(0x0200, 4), 0);
	wr(0x0200, 4, 0xffffffff);
	assert_int_equal(part.its.stats.unknown, 2);
	/* Widths the register does not allow: an abort. */
	assert_int_equal(access(GITS_CTLR, 1, false, &v), MMIO_ABORT);
	assert_int_equal(access(GITS_CTLR, 8, false, &v), MMIO_ABORT);
	assert_int_equal(access(GITS_CBASER + 2, 2, false, &v), MMIO_ABORT);
}

static void test_baser_fields(void **state)
{
	u64 b;

	(void)state;
	/* Type, entry size and page size are read-only; Indirect is RAZ/WI. */
	wr(GITS_BASER(0), 8, ~0ULL);
	b = rd(GITS_BASER(0), 8);
	assert_int_equal(bits_get(b, 58, 56), 1); /* Devices */
	assert_int_equal(bits_get(b, 52, 48), 7); /* 8-byte entries */
	assert_int_equal(bits_get(b, 9, 8), 2);	  /* 64 KiB pages */
	assert_int_equal(bits_get(b, 62, 62), 0); /* no Indirect */
	assert_int_equal(bits_get(b, 63, 63), 1);
	assert_int_equal(bits_get(rd(GITS_BASER(1), 8), 58, 56), 4); /* Collections */
	/* BASER2..7: no table, RAZ/WI. */
	for (int n = 2; n < 8; n++) {
		wr(GITS_BASER(n), 8, ~0ULL);
		assert_int_equal(rd(GITS_BASER(n), 8), 0);
	}
	/* 32-bit halves. */
	wr(GITS_BASER(0), 4, (u32)DEVTAB);
	wr(GITS_BASER(0) + 4, 4, (u32)(BIT(63) >> 32));
	b = rd(GITS_BASER(0), 8);
	assert_int_equal(b & GENMASK(47, 16), DEVTAB);
	assert_int_equal(rd(GITS_BASER(0) + 4, 4), b >> 32);
}

static void test_writes_while_enabled(void **state)
{
	u64 cb, b0;

	(void)state;
	enable();
	cb = rd(GITS_CBASER, 8);
	b0 = rd(GITS_BASER(0), 8);
	wr(GITS_CBASER, 8, BIT(63) | (QUEUE + 0x1000));
	wr(GITS_BASER(0), 8, 0);
	assert_int_equal(rd(GITS_CBASER, 8), cb);
	assert_int_equal(rd(GITS_BASER(0), 8), b0);
	assert_int_equal(part.its.stats.bad_register_write, 2);
	/* Disabled, they take; a CBASER write resets CREADR. */
	cmd(ITS_SYNC, 0, 0, 0);
	assert_int_not_equal(rd(GITS_CREADR, 8), 0);
	wr(GITS_CTLR, 4, 0);
	assert_int_equal(rd(GITS_CTLR, 4), BIT(31)); /* Quiescent */
	wr(GITS_CBASER, 8, BIT(63) | QUEUE);
	assert_int_equal(rd(GITS_CREADR, 8), 0);
}

static void test_enable_refused(void **state)
{
	(void)state;
	/* No CBASER. */
	wr(GITS_BASER(0), 8, BIT(63) | DEVTAB);
	wr(GITS_CTLR, 4, 1);
	assert_int_equal(rd(GITS_CTLR, 4) & 1, 0);
	/* A queue beyond the partition's RAM. */
	wr(GITS_CBASER, 8, BIT(63) | (RAM_IPA + RAM_SIZE - 0x1000) | 1);
	wr(GITS_CTLR, 4, 1);
	assert_int_equal(rd(GITS_CTLR, 4) & 1, 0);
	/* A queue in RAM but no device table. */
	wr(GITS_CBASER, 8, BIT(63) | QUEUE);
	wr(GITS_BASER(0), 8, 0);
	wr(GITS_CTLR, 4, 1);
	assert_int_equal(rd(GITS_CTLR, 4) & 1, 0);
	/* A device table outside RAM. */
	wr(GITS_BASER(0), 8, BIT(63) | 0x80000000ULL);
	wr(GITS_CTLR, 4, 1);
	assert_int_equal(rd(GITS_CTLR, 4) & 1, 0);
	assert_int_equal(part.its.stats.enable_refused, 4);
	/* Fixed: it enables. */
	wr(GITS_BASER(0), 8, BIT(63) | DEVTAB);
	wr(GITS_CTLR, 4, 1);
	assert_int_equal(rd(GITS_CTLR, 4) & 1, 1);
}

static void test_cwriter_beyond_queue(void **state)
{
	(void)state;
	enable();
	wr(GITS_CWRITER, 8, QSLOTS * 32); /* one past the end */
	assert_int_equal(rd(GITS_CWRITER, 8), 0);
	assert_int_equal(part.its.stats.bad_register_write, 1);
	/* The queue goes on. */
	cmd(ITS_SYNC, 0, 0, 0);
	assert_int_equal(rd(GITS_CREADR, 8), 32);
	/* The low bits (Retry) are not kept; CREADR is read-only. */
	wr(GITS_CWRITER, 8, 32 | 1);
	assert_int_equal(rd(GITS_CWRITER, 8), 32);
	wr(GITS_CREADR, 8, 0);
	assert_int_equal(rd(GITS_CREADR, 8), 32);
}

/** CWRITER left beyond a queue that CBASER shrank: nothing is processed until it is fixed. */
static void test_queue_shrunk_under_cwriter(void **state)
{
	(void)state;
	wr(GITS_CBASER, 8, BIT(63) | QUEUE | 1); /* 2 pages */
	wr(GITS_BASER(0), 8, BIT(63) | DEVTAB);
	wr(GITS_CWRITER, 8, 0x1800);
	wr(GITS_CBASER, 8, BIT(63) | QUEUE); /* 1 page: CWRITER is beyond it */
	wr(GITS_CTLR, 4, 1);
	assert_int_equal(rd(GITS_CREADR, 8), 0);
	assert_int_equal(part.its.stats.unknown_cmd + total_errors(), 0);
	wr(GITS_CWRITER, 8, 0);
	cmd(ITS_SYNC, 0, 0, 0);
	assert_int_equal(rd(GITS_CREADR, 8), 32);
}

static void test_translater_ignored(void **state)
{
	(void)state;
	basic_mapping();
	wr(GITS_TRANSLATER, 4, 3); /* a CPU trying to forge event 3 */
	assert_int_equal(part.its.stats.translater_writes, 1);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_PENDING, 0);
	assert_int_equal(rd(GITS_TRANSLATER, 4), 0);
}

/* --- commands ------------------------------------------------------------------- */

static void test_mapping_and_int(void **state)
{
	struct vits_event *ev;

	(void)state;
	basic_mapping();
	ev = &part.its.events[0][3];
	assert_int_equal(ev->irq.flags & VIRQ_OWNED, VIRQ_OWNED);
	assert_int_equal(ev->irq.intid, 8200);
	assert_int_equal(ev->icid, 1);
	/* The physical MAPTI: physical DeviceID, pool LPI of slot 5, vCPU 1's pCPU 3. */
	assert_int_equal(npcmds, 1);
	assert_int_equal(pcmds[0].op, ITS_MAPTI);
	assert_int_equal(pcmds[0].devid, 0x210);
	assert_int_equal(pcmds[0].event, 3);
	assert_int_equal(pcmds[0].plpi, its_plpi(5, 3));
	assert_int_equal(pcmds[0].pcpu, 3);
	/* INT makes it pending, CLEAR not. */
	devcmd(ITS_INT, 0x10, 3, 0);
	assert_int_equal(ev->irq.flags & VIRQ_PENDING, VIRQ_PENDING);
	devcmd(ITS_CLEAR, 0x10, 3, 0);
	assert_int_equal(ev->irq.flags & VIRQ_PENDING, 0);
	/* A device's MSI through the physical ITS. */
	vits_deliver(&part.its, 0, 3, VGIC_NO_VCPU);
	assert_int_equal(ev->irq.flags & VIRQ_PENDING, VIRQ_PENDING);
	/* ...and for an unmapped event nothing. */
	vits_deliver(&part.its, 0, 4, VGIC_NO_VCPU);
	assert_int_equal(part.its.events[0][4].irq.flags, 0);
	vits_deliver(&part.its, 7, 0, VGIC_NO_VCPU);
	assert_int_equal(total_errors(), 0);
}

static void test_mapi(void **state)
{
	(void)state;
	basic_mapping();
	cmd(ITS_MAPI | (u64)0x18 << 32, 8195, 0, 0); /* MAPI: vINTID = EventID */
	assert_int_equal(errors(ITS_MAPI, ITS_ERR_UNMAPPED_DEVICE), 1);
	mapd(0x18, 2, true);
	cmd(ITS_MAPI | (u64)0x18 << 32, 1, 0, 0); /* vINTID 1: not an LPI */
	assert_int_equal(errors(ITS_MAPI, ITS_ERR_PHYSICALID_OOR), 1);
	cmd(ITS_MAPI | (u64)0x18 << 32, 4, 0, 0); /* EventID 4 beyond 2 bits */
	assert_int_equal(errors(ITS_MAPI, ITS_ERR_ID_OOR), 1);
	assert_int_equal(total_errors(), 3);
}

static void test_inv_and_invall(void **state)
{
	struct vits_event *ev;

	(void)state;
	basic_mapping();
	ev = &part.its.events[0][3];
	assert_int_equal(ev->irq.flags & VIRQ_ENABLED, 0);
	*guest(PROPTAB + 8200 - 8192) = 0xa0 | 1;
	devcmd(ITS_INV, 0x10, 3, 0);
	assert_int_equal(ev->irq.flags & VIRQ_ENABLED, VIRQ_ENABLED);
	assert_int_equal(ev->irq.priority, 0xa0);
	*guest(PROPTAB + 8200 - 8192) = 0x40;
	cmd(ITS_INVALL, 0, 1, 0);
	assert_int_equal(ev->irq.flags & VIRQ_ENABLED, 0);
	assert_int_equal(ev->irq.priority, 0x40);
	/* A property table too small for the LPI: disabled. */
	*guest(PROPTAB + 8200 - 8192) = 0xa1;
	part.vgic.cpu[0].propbaser = PROPTAB | (13 - 1);
	devcmd(ITS_INV, 0x10, 3, 0);
	assert_int_equal(ev->irq.flags & VIRQ_ENABLED, 0);
	/* One beyond RAM: disabled too, no read. */
	part.vgic.cpu[0].propbaser = (RAM_IPA + RAM_SIZE - 0x1000) | (16 - 1);
	devcmd(ITS_INV, 0x10, 3, 0);
	assert_int_equal(ev->irq.flags & VIRQ_ENABLED, 0);
	assert_int_equal(total_errors(), 0);
}

static void test_movi_discard(void **state)
{
	struct vits_event *ev;

	(void)state;
	basic_mapping();
	ev = &part.its.events[0][3];
	devcmd(ITS_MOVI, 0x10, 3, 0);
	assert_int_equal(ev->icid, 0);
	assert_int_equal(pcmds[npcmds - 1].op, ITS_MOVI);
	assert_int_equal(pcmds[npcmds - 1].pcpu, 2); /* vCPU 0's pCPU */
	devcmd(ITS_DISCARD, 0x10, 3, 0);
	assert_int_equal(ev->irq.flags, 0);
	assert_int_equal(pcmds[npcmds - 1].op, ITS_DISCARD);
	assert_int_equal(pcmds[npcmds - 1].devid, 0x210);
	/* Now unmapped: every command naming it is in error. */
	devcmd(ITS_INT, 0x10, 3, 0);
	devcmd(ITS_CLEAR, 0x10, 3, 0);
	devcmd(ITS_INV, 0x10, 3, 0);
	devcmd(ITS_MOVI, 0x10, 3, 1);
	devcmd(ITS_DISCARD, 0x10, 3, 0);
	assert_int_equal(errors(ITS_INT, ITS_ERR_UNMAPPED_INTERRUPT), 1);
	assert_int_equal(errors(ITS_CLEAR, ITS_ERR_UNMAPPED_INTERRUPT), 1);
	assert_int_equal(errors(ITS_INV, ITS_ERR_UNMAPPED_INTERRUPT), 1);
	assert_int_equal(errors(ITS_MOVI, ITS_ERR_UNMAPPED_INTERRUPT), 1);
	assert_int_equal(errors(ITS_DISCARD, ITS_ERR_UNMAPPED_INTERRUPT), 1);
}

/*
 * A channel's doorbell (vits_ring()): an INT on the physical ITS for the
 * device's physical DeviceID, only while the guest has the event mapped;
 * otherwise nothing reaches the physical ITS. The same on both backends
 * (test_ring_direct).
 */
static void lpis_on(u32 v);

static void ring_cases(void)
{
	unsigned n;

	/* Nothing mapped yet: no device, no event. */
	npcmds = 0;
	assert_false(vits_ring(&part.its, 0, 3));
	basic_mapping();
	n = npcmds;
	/* An event of the device that is not mapped; one beyond its ITT; no such device. */
	assert_false(vits_ring(&part.its, 0, 4));
	assert_false(vits_ring(&part.its, 0, 64));
	assert_false(vits_ring(&part.its, 0, 0xffffffff));
	assert_false(vits_ring(&part.its, 2, 3));
	assert_false(vits_ring(NULL, 0, 3));
	assert_int_equal(npcmds, n);
	/* Mapped: one INT, physical DeviceID 0x210. */
	assert_true(vits_ring(&part.its, 0, 3));
	assert_int_equal(npcmds, n + 1);
	assert_int_equal(pcmds[n].op, ITS_INT);
	assert_int_equal(pcmds[n].devid, 0x210);
	assert_int_equal(pcmds[n].event, 3);
	/* Discarded: nothing any more. */
	devcmd(ITS_DISCARD, 0x10, 3, 0);
	n = npcmds;
	assert_false(vits_ring(&part.its, 0, 3));
	assert_int_equal(npcmds, n);
	assert_int_equal(total_errors(), 0);
	assert_int_equal(fake_pcmd_errors, 0);
}

static void test_ring(void **state)
{
	(void)state;
	ring_cases();
}

static void test_ring_direct(void **state)
{
	(void)state;
	*guest(PROPTAB + 8200 - 8192) = 0xa0 | 1;
	lpis_on(0);
	lpis_on(1);
	ring_cases();
}

/** Every error the vITS raises changes nothing, is counted, and the queue goes on. */
static void test_error_codes(void **state)
{
	struct vits saved;

	(void)state;
	basic_mapping();
	npcmds = 0;
	memcpy(&saved, &part.its, sizeof(saved));

	mapd(0x100, 6, true); /* beyond Devbits (8) */
	mapd(0x11, 6, true);  /* not the partition's */
	assert_int_equal(errors(ITS_MAPD, ITS_ERR_DEVICE_OOR), 2);
	mapd(0x18, 7, true); /* ITT of 7 bits > ID_bits 6 */
	assert_int_equal(errors(ITS_MAPD, ITS_ERR_SIZE_OOR), 1);
	mapc(VITS_COLLECTIONS, 0, true);
	assert_int_equal(errors(ITS_MAPC, ITS_ERR_COLLECTION_OOR), 1);
	mapc(2, 2, true); /* vCPU 2 does not exist */
	assert_int_equal(errors(ITS_MAPC, ITS_ERR_SIZE_OOR), 1);
	mapti(0x18, 0, 8300, 0); /* device not mapped */
	assert_int_equal(errors(ITS_MAPTI, ITS_ERR_UNMAPPED_DEVICE), 1);
	mapti(0x100, 0, 8300, 0);
	assert_int_equal(errors(ITS_MAPTI, ITS_ERR_DEVICE_OOR), 1);
	mapti(0x10, 64, 8300, 0); /* EventID beyond the ITT */
	assert_int_equal(errors(ITS_MAPTI, ITS_ERR_ID_OOR), 1);
	mapti(0x10, 0, 8191, 0);
	mapti(0x10, 0, 65536, 0);
	assert_int_equal(errors(ITS_MAPTI, ITS_ERR_PHYSICALID_OOR), 2);
	mapti(0x10, 0, 8300, VITS_COLLECTIONS);
	assert_int_equal(errors(ITS_MAPTI, ITS_ERR_COLLECTION_OOR), 1);
	devcmd(ITS_MOVI, 0x10, 3, 7); /* collection 7 is not mapped */
	assert_int_equal(errors(ITS_MOVI, ITS_ERR_UNMAPPED_COLLECTION), 1);
	devcmd(ITS_MOVI, 0x10, 3, VITS_COLLECTIONS);
	assert_int_equal(errors(ITS_MOVI, ITS_ERR_COLLECTION_OOR), 1);
	cmd(ITS_INVALL, 0, 7, 0);
	assert_int_equal(errors(ITS_INVALL, ITS_ERR_UNMAPPED_COLLECTION), 1);
	cmd(ITS_INVALL, 0, VITS_COLLECTIONS, 0);
	assert_int_equal(errors(ITS_INVALL, ITS_ERR_COLLECTION_OOR), 1);
	cmd(ITS_MOVALL, 0, 2ULL << 16, 0);
	cmd(ITS_MOVALL, 0, 0, 5ULL << 16);
	assert_int_equal(errors(ITS_MOVALL, ITS_ERR_MOVALL_PROCNUM_OOR), 2);
	devcmd(ITS_INT, 0x18, 0, 0);
	assert_int_equal(errors(ITS_INT, ITS_ERR_UNMAPPED_DEVICE), 1);
	devcmd(ITS_INT, 0x10, 100, 0);
	assert_int_equal(errors(ITS_INT, ITS_ERR_ID_OOR), 1);
	assert_int_equal(total_errors(), 19);
	/* Nothing changed: no physical command, the translation state as it was. */
	assert_int_equal(npcmds, 0);
	assert_memory_equal(part.its.dev, saved.dev, sizeof(saved.dev));
	assert_memory_equal(part.its.events, saved.events, sizeof(saved.events));
	assert_memory_equal(part.its.coll, saved.coll, sizeof(saved.coll));
	/* And the queue went on: the good command after them works. */
	devcmd(ITS_INT, 0x10, 3, 0);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_PENDING, VIRQ_PENDING);
}

static void test_int_unmapped_collection(void **state)
{
	(void)state;
	basic_mapping();
	mapti(0x10, 5, 8300, 9); /* collection 9: in range, not mapped: fine */
	assert_int_equal(total_errors(), 0);
	devcmd(ITS_INT, 0x10, 5, 0);
	devcmd(ITS_INV, 0x10, 5, 0);
	assert_int_equal(errors(ITS_INT, ITS_ERR_UNMAPPED_COLLECTION), 1);
	assert_int_equal(errors(ITS_INV, ITS_ERR_UNMAPPED_COLLECTION), 1);
	assert_int_equal(part.its.events[0][5].irq.flags & VIRQ_PENDING, 0);
	/* A device MSI meanwhile stays pending until the collection is mapped. */
	vits_deliver(&part.its, 0, 5, VGIC_NO_VCPU);
	assert_int_equal(part.its.events[0][5].irq.flags & VIRQ_PENDING, VIRQ_PENDING);
}

/** A queue the guest declares uncached is read past partita's cache; a cached one is not. */
static void test_uncached_queue(void **state)
{
	(void)state;
	enable(); /* InnerCache 0: Device */
	cmd(ITS_SYNC, 0, 0, 0);
	assert_int_equal(cache_syncs, 1);
	wr(GITS_CTLR, 4, 0);
	wr(GITS_CBASER, 8, BIT(63) | 7ULL << 59 | QUEUE); /* write-back */
	qtail = 0;
	wr(GITS_CTLR, 4, 1);
	cmd(ITS_SYNC, 0, 0, 0);
	assert_int_equal(cache_syncs, 1);
}

static void test_unknown_opcode(void **state)
{
	(void)state;
	enable();
	cmd(0x02, 0, 0, 0); /* not a command */
	cmd(0x2a, 0, 0, 0); /* VMAPTI: GICv4, not offered to guests */
	assert_int_equal(part.its.stats.unknown_cmd, 2);
	cmd(ITS_SYNC, 0, 0, 0);
	assert_int_equal(rd(GITS_CREADR, 8), 3 * 32);
}

/* --- batches, wrap-around, sweeps ------------------------------------------------ */

static void test_batch_bound(void **state)
{
	u64 r, last;
	unsigned traps = 0;

	(void)state;
	enable();
	for (int i = 0; i < 100; i++)
		put(ITS_SYNC, 0, 0, 0);
	kick_cwriter();
	/* One CWRITER write: one batch. */
	assert_int_equal(rd(GITS_CWRITER, 8), 100 * 32);
	assert_int_equal(part.its.creadr, ITS_CMD_BATCH * 32);
	last = part.its.creadr;
	/* Each CREADR poll: one more batch, never more. */
	while ((r = rd(GITS_CREADR, 8)) != 100 * 32) {
		assert_true(r - last <= ITS_CMD_BATCH * 32);
		last = r;
		traps++;
	}
	/* The CWRITER write, then polls: all but the last see CREADR short. */
	assert_int_equal(1 + traps + 1, (100 + ITS_CMD_BATCH - 1) / ITS_CMD_BATCH);
}

static void test_wrap_around(void **state)
{
	(void)state;
	basic_mapping();
	/* Walk the queue to its last slot, then queue across the end. */
	while (qtail != (QSLOTS - 1) * 32)
		cmd(ITS_SYNC, 0, 0, 0);
	put(ITS_INT | (u64)0x10 << 32, 3, 0, 0);   /* the last slot */
	put(ITS_CLEAR | (u64)0x10 << 32, 3, 0, 0); /* slot 0 */
	put(ITS_INT | (u64)0x10 << 32, 3, 0, 0);   /* slot 1 */
	kick_cwriter();
	assert_int_equal(rd(GITS_CREADR, 8), 2 * 32);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_PENDING, VIRQ_PENDING);
	assert_int_equal(total_errors(), 0);
}

/** MAPD V=0 of a device with every event mapped: bounded per trap, then all gone. */
static void test_mapd_unmap_sweep(void **state)
{
	unsigned traps = 1, prev;

	(void)state;
	basic_mapping();
	for (u32 e = 0; e < 64; e++)
		mapti(0x10, e, 8192 + e, 0);
	npcmds = 0;
	put(ITS_MAPD | (u64)0x10 << 32, 0, 0, 0); /* V = 0 */
	kick_cwriter();
	/* CREADR stays on the command until it is done. */
	assert_int_equal(part.its.creadr, qtail - 32);
	prev = npcmds;
	assert_true(prev > 0 && prev < ITS_CMD_BATCH);
	do {
		assert_true(npcmds - prev <= ITS_CMD_BATCH);
		prev = npcmds;
		traps++;
		assert_true(traps < 100);
	} while (rd(GITS_CREADR, 8) != qtail);
	assert_true(npcmds - prev <= ITS_CMD_BATCH);
	/* 64 physical DISCARDs, fewer than a batch per trap, so several traps. */
	assert_int_equal(npcmds, 64);
	assert_true(traps > 64 / ITS_CMD_BATCH);
	for (u32 e = 0; e < 64; e++)
		assert_int_equal(part.its.events[0][e].irq.flags, 0);
	assert_false(part.its.dev[0].valid);
	mapti(0x10, 0, 8192, 0);
	assert_int_equal(errors(ITS_MAPTI, ITS_ERR_UNMAPPED_DEVICE), 1);
}

/**
 * 64 events on collection 1, then a MAPC moving it to vCPU 0, polled on
 * CREADR: no trap issues more physical commands than the batch allows. The
 * MAPC's commands are left in pcmds.
 */
static void move_64_events(void)
{
	unsigned prev;

	basic_mapping();
	for (u32 e = 0; e < 64; e++)
		mapti(0x10, e, 8192 + e, 1);
	npcmds = 0;
	put(ITS_MAPC, 0, BIT(63) | 0ULL << 16 | 1, 0);
	kick_cwriter();
	prev = npcmds;
	assert_true(prev <= ITS_CMD_BATCH);
	while (rd(GITS_CREADR, 8) != qtail) {
		assert_true(npcmds - prev <= ITS_CMD_BATCH);
		prev = npcmds;
	}
}

/** No trap issues more physical commands than the batch allows, whatever the commands. */
static void test_sweep_per_trap_bound(void **state)
{
	(void)state;
	move_64_events(); /* 64 physical MOVIs */
	assert_int_equal(npcmds, 64);
	for (unsigned i = 0; i < npcmds; i++) {
		assert_int_equal(pcmds[i].op, ITS_MOVI);
		assert_int_equal(pcmds[i].pcpu, 2);
	}
}

static void test_disable_mid_sweep(void **state)
{
	unsigned n;

	(void)state;
	basic_mapping();
	for (u32 e = 0; e < 64; e++)
		mapti(0x10, e, 8192 + e, 0);
	put(ITS_MAPD | (u64)0x10 << 32, 0, 0, 0);
	kick_cwriter();
	assert_true(part.its.sweep.active);
	wr(GITS_CTLR, 4, 0);
	/* Polling CTLR finishes the command in progress, then reads Quiescent. */
	for (n = 0; n < 100 && !(rd(GITS_CTLR, 4) & BIT(31)); n++)
		;
	assert_true(n > 0 && n < 100);
	assert_false(part.its.dev[0].valid);
	assert_int_equal(rd(GITS_CREADR, 8), qtail);
}

static void test_remap_and_movall(void **state)
{
	(void)state;
	basic_mapping();
	/* MAPTI over a mapped event: the new mapping, the physical LPI moved, not remapped. */
	npcmds = 0;
	mapti(0x10, 3, 8201, 0);
	assert_int_equal(part.its.events[0][3].irq.intid, 8201);
	assert_int_equal(npcmds, 1);
	assert_int_equal(pcmds[0].op, ITS_MOVI);
	cmd(ITS_MOVALL, 0, 0ULL << 16, 1ULL << 16);
	assert_int_equal(total_errors(), 0);
	/* MAPC V=0: its events stay mapped, undeliverable. */
	mapc(0, 0, false);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_OWNED, VIRQ_OWNED);
	assert_int_equal(vits_collection_vcpu(&part.its, 0), -1);
}

static void test_reset(void **state)
{
	u32 errs;

	(void)state;
	basic_mapping();
	devcmd(ITS_INT, 0x11, 0, 0); /* an unmapped device: counted */
	errs = total_errors();
	assert_int_equal(errs, 1);
	part.its.stats.phys_errors = 3; /* as if physical commands had failed */
	npcmds = 0;
	vits_reset(&part.its);
	/* Counters count since boot, across restarts, like the vGIC's and PSCI's. */
	assert_int_equal(total_errors(), errs);
	assert_int_equal(part.its.stats.phys_errors, 3);
	assert_int_equal(npcmds, 1);
	assert_int_equal(pcmds[0].op, ITS_DISCARD);
	assert_int_equal(rd(GITS_CTLR, 4), BIT(31));
	assert_int_equal(rd(GITS_CBASER, 8), 0);
	assert_int_equal(part.its.events[0][3].irq.flags, 0);
	assert_int_equal(part.its.slot_base, 5);
}

/* --- vLPIs through the list registers ----------------------------------------------- */

/** What partita does at a partition reset's start: every vCPU off, each on its own pCPU. */
static void all_vcpus_off(void)
{
	for (u32 vc = 0; vc < 2; vc++) {
		fake_cpu = vc;
		vgic_vcpu_off(VG(&part.vcpus[vc]));
	}
}

/** Run vCPU @v's refill on its (fake) pCPU, the group-1 enable on. */
static void flush(u32 v)
{
	fake_cpu = v;
	part.vgic.ctlr = 3;
	vgic_flush(VG(&part.vcpus[v]));
}

/** basic_mapping() with vLPI 8200 enabled at priority 0xa0 and LPIs on at vCPU 1. */
static void lpi_ready(void)
{
	basic_mapping();
	*guest(PROPTAB + 8200 - 8192) = 0xa0 | 1;
	devcmd(ITS_INV, 0x10, 3, 0);
	part.vgic.cpu[1].ctlr = 1; /* GICR_CTLR.EnableLPIs */
}

static void test_lpi_delivered(void **state)
{
	(void)state;
	lpi_ready();
	devcmd(ITS_INT, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(part.its.events[0][3].irq.flags & (VIRQ_PENDING | VIRQ_IN_LR), 0);
	/* Never on the other vCPU. */
	flush(0);
	assert_int_equal(fake_valid_lrs(), 0);
	/* A device MSI the same way, once. */
	vits_deliver(&part.its, 0, 3, VGIC_NO_VCPU);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	assert_int_equal(fake_guest_ack(0xff), -1);
}

/** A device MSI on the pCPU of its target vCPU goes straight into a list register. */
static void test_lpi_direct(void **state)
{
	(void)state;
	lpi_ready();
	flush(1); /* settle vCPU 1: nothing pending, nothing dirty */
	fake_cpu = 1;
	assert_false(vits_deliver(&part.its, 0, 3, VI(&part.vcpus[1]))); /* no refill needed */
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	/* Again, reusing its completed list register, no refill in between. */
	assert_false(vits_deliver(&part.its, 0, 3, VI(&part.vcpus[1])));
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(part.vgic.cpu[1].lr_used, 0);
	/* On another vCPU's pCPU: the refill's job, and a kick. */
	fake_cpu = 0;
	assert_true(vits_deliver(&part.its, 0, 3, VI(&part.vcpus[0])));
	assert_int_equal(fake_valid_lrs(), 0);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	/* Disabled: not delivered, the refill decides. */
	*guest(PROPTAB + 8200 - 8192) = 0xa0;
	devcmd(ITS_INV, 0x10, 3, 0);
	flush(1);
	fake_cpu = 1;
	assert_true(vits_deliver(&part.its, 0, 3, VI(&part.vcpus[1])));
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), -1);
}

static void test_lpi_waits_for_enables(void **state)
{
	(void)state;
	lpi_ready();
	part.vgic.cpu[1].ctlr = 0;
	devcmd(ITS_INT, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	/* EnableLPIs through the redistributor: now it comes. */
	enable_lpis(1, true);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	/* Disabled in the property table: stays pending, not delivered. */
	*guest(PROPTAB + 8200 - 8192) = 0xa0;
	devcmd(ITS_INV, 0x10, 3, 0);
	devcmd(ITS_INT, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), -1);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_PENDING, VIRQ_PENDING);
	*guest(PROPTAB + 8200 - 8192) = 0xa1;
	cmd(ITS_INVALL, 0, 1, 0);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
}

static void test_lpi_discard_in_lr(void **state)
{
	(void)state;
	lpi_ready();
	/* Pending in a list register, then discarded: it goes. */
	devcmd(ITS_INT, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	devcmd(ITS_DISCARD, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(part.vgic.cpu[1].lr_used, 0);
	/* Active (taken by the guest), then discarded: stays until the guest ends it. */
	mapti(0x10, 3, 8200, 1);
	devcmd(ITS_INT, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	devcmd(ITS_DISCARD, 0x10, 3, 0);
	mapti(0x10, 3, 8201, 1); /* the event reused meanwhile */
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(part.vgic.cpu[1].lr_used, 0);
	/* The new mapping is clean: not pending, not in a list register. */
	assert_int_equal(part.its.events[0][3].irq.flags & (VIRQ_PENDING | VIRQ_IN_LR), 0);
}

static void test_lpi_movi_moves_pending(void **state)
{
	(void)state;
	lpi_ready();
	part.vgic.cpu[0].ctlr = 1;
	devcmd(ITS_INT, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	devcmd(ITS_MOVI, 0x10, 3, 0); /* to vCPU 0 */
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	flush(0);
	assert_int_equal(fake_guest_ack(0xff), 8200);
}

static void test_lpi_vcpu_reset(void **state)
{
	(void)state;
	lpi_ready();
	devcmd(ITS_INT, 0x10, 3, 0);
	flush(1);
	fake_cpu = 1;
	vgic_vcpu_off(VG(&part.vcpus[1]));
	vgic_vcpu_reset(VG(&part.vcpus[1]));
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_IN_LR, 0);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_PENDING, VIRQ_PENDING);
	/* Its redistributor kept EnableLPIs (PSCI does not reset it): the LPI arrives. */
	assert_int_equal(part.vgic.cpu[1].ctlr, 1);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	/* A partition reset (every vCPU off first) clears EnableLPIs and the tables. */
	all_vcpus_off();
	vgic_partition_reset(&part.vgic);
	assert_int_equal(part.vgic.cpu[1].ctlr, 0);
	assert_int_equal(part.vgic.cpu[1].propbaser, 0);
}

/**
 * A partition reset with an LPI pending in a list register and another one
 * acknowledged: the next run gets neither, and its own mapping works.
 */
static void test_reset_with_lpis_in_lrs(void **state)
{
	(void)state;
	lpi_ready();
	mapti(0x10, 4, 8201, 1);
	*guest(PROPTAB + 8201 - 8192) = 0x90 | 1;
	devcmd(ITS_INV, 0x10, 4, 0);
	devcmd(ITS_INT, 0x10, 3, 0);
	devcmd(ITS_INT, 0x10, 4, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 2);
	assert_int_equal(fake_guest_ack(0xff), 8201); /* taken, never ended */
	/* SYSTEM_RESET: every vCPU off on its pCPU, the partition reset, vCPU 0 on. */
	all_vcpus_off();
	vits_reset(&part.its);
	vgic_partition_reset(&part.vgic);
	fake_cpu = 0;
	vgic_vcpu_reset(VG(&part.vcpus[0]));
	flush(0);
	assert_int_equal(fake_valid_lrs(), 0);
	fake_cpu = 1;
	vgic_vcpu_reset(VG(&part.vcpus[1])); /* CPU_ON of vCPU 1 in the new run */
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(fake_guest_ack(0xff), -1);
	/* The new run's driver starts its queue from scratch, maps and enables: delivered once. */
	qtail = 0;
	part.vgic.cpu[0].propbaser = PROPTAB | (16 - 1);
	part.vgic.cpu[1].propbaser = PROPTAB | (16 - 1);
	lpi_ready();
	devcmd(ITS_INT, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
}

/**
 * EnableLPIs reads the guest's pending table (unless PTZ); it can be cleared
 * (CES), which drops the vCPU's pending vLPIs, and set again, which reads the
 * table again.
 */
static void test_pending_table(void **state)
{
	const u64 pendtab = RAM_IPA + 0x50000;

	(void)state;
	basic_mapping(); /* 8200 on vCPU 1 */
	mapti(0x10, 4, 8201, 1);
	*guest(PROPTAB + 8200 - 8192) = 0xa0 | 1;
	*guest(PROPTAB + 8201 - 8192) = 0xa0 | 1;
	devcmd(ITS_INVALL, 0, 0, 1);
	guest(pendtab)[8200 / 8] = 1u << (8200 % 8);
	part.vgic.cpu[1].pendbaser = pendtab;
	enable_lpis(1, true);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_PENDING, VIRQ_PENDING);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	/* 8201 pending in a list register, then EnableLPIs cleared: it goes. */
	devcmd(ITS_INT, 0x10, 4, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	enable_lpis(1, false);
	assert_int_equal(part.vgic.cpu[1].ctlr, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(part.its.events[0][4].irq.flags & VIRQ_PENDING, 0);
	/* The guest writes its table (8201 only) and sets it again: exactly that one. */
	guest(pendtab)[8200 / 8] = 1u << (8201 % 8);
	enable_lpis(1, true);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	assert_int_equal(fake_guest_ack(0xff), 8201);
	fake_guest_eoi(8201);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	/* With PTZ the table is not read. */
	setup(NULL);
	basic_mapping();
	guest(pendtab)[8200 / 8] = 1u << (8200 % 8);
	part.vgic.cpu[1].pendbaser = pendtab | BIT(62);
	enable_lpis(1, true);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_PENDING, 0);
}

/* --- GICv4 direct injection: the commands become vPE commands -------------------- */

/** setup() with direct injection, as partitions_its_init() leaves a partition on a GICv4. */
static int setup_direct(void **state)
{
	setup(state);
	fake_its_virt = ITS_VIRT_V4_0;
	vits_set_direct(&part.its, true);
	return 0;
}

/** Set vCPU @v's GICR_CTLR.EnableLPIs as its guest would. */
static void lpis_on(u32 v)
{
	enable_lpis(v, true);
}

static void assert_pcmd(unsigned i, u8 op, u32 devid, u32 event, u32 pcpu)
{
	assert_true(i < npcmds);
	assert_int_equal(pcmds[i].op, op);
	assert_int_equal(pcmds[i].devid, devid);
	assert_int_equal(pcmds[i].event, event);
	assert_int_equal(pcmds[i].pcpu, pcpu);
	assert_true(pcmds[i].virt);
}

static void test_direct_translation(void **state)
{
	(void)state;
	*guest(PROPTAB + 8200 - 8192) = 0xa0 | 1;
	lpis_on(0);
	lpis_on(1);
	npcmds = 0;
	basic_mapping(); /* 8200 on collection 1: vCPU 1, pCPU 3 */
	assert_int_equal(npcmds, 1);
	assert_pcmd(0, FAKE_VMAPTI, 0x210, 3, 3);
	assert_int_equal(pcmds[0].plpi, 8200);
	/* The property byte went to both vCPUs' vPE tables (both have LPIs on). */
	assert_int_equal(fake_vprop[2][8], 0xa1);
	assert_int_equal(fake_vprop[3][8], 0xa1);
	/* INT and CLEAR act on the vPE's pending state, never the vGIC's. */
	devcmd(ITS_INT, 0x10, 3, 0);
	assert_pcmd(1, ITS_INT, 0x210, 3, 3);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_PENDING, 0);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), -1); /* nothing in a list register */
	devcmd(ITS_CLEAR, 0x10, 3, 0);
	assert_pcmd(2, ITS_CLEAR, 0x210, 3, 3);
	/* MOVI to collection 0: VMOVI to vCPU 0's vPE (pCPU 2). */
	devcmd(ITS_MOVI, 0x10, 3, 0);
	assert_pcmd(3, FAKE_VMOVI, 0x210, 3, 2);
	/* INV: the byte read again into the vPE tables, then INV on the event. */
	*guest(PROPTAB + 8200 - 8192) = 0x40;
	devcmd(ITS_INV, 0x10, 3, 0);
	assert_int_equal(fake_vprop[2][8], 0x40);
	assert_int_equal(fake_vprop[3][8], 0x40);
	assert_pcmd(4, ITS_INV, 0x210, 3, 2);
	/* SYNC names vCPU 1: VSYNC of pCPU 3's vPE; beyond the vCPUs: nothing. */
	cmd(ITS_SYNC, 0, 1ULL << 16, 0);
	assert_pcmd(5, FAKE_VSYNC, 0, 0, 3);
	cmd(ITS_SYNC, 0, 9ULL << 16, 0);
	assert_int_equal(npcmds, 6);
	/* DISCARD: unmapped on the vPE it was on. */
	devcmd(ITS_DISCARD, 0x10, 3, 0);
	assert_pcmd(6, ITS_DISCARD, 0x210, 3, 2);
	assert_false(part.its.events[0][3].mapped);
	assert_int_equal(total_errors(), 0);
	assert_int_equal(part.its.stats.phys_errors, 0);
	assert_int_equal(fake_pcmd_errors, 0);
}

/** EnableLPIs per vCPU gates what its vPE's property table holds. */
static void test_direct_vprop_per_vcpu(void **state)
{
	(void)state;
	for (u32 i = 0; i < 64; i++)
		*guest(PROPTAB + i) = (u8)(0x80 | 1);
	lpis_on(0);
	/* vCPU 0's table is the guest's; vCPU 1's stays zero: nothing reaches it. */
	assert_int_equal(fake_vprop[2][0], 0x81);
	assert_int_equal(fake_vprop[2][63], 0x81);
	assert_int_equal(fake_vprop[3][0], 0);
	basic_mapping();
	assert_int_equal(fake_vprop[3][8], 0);
	/* vCPU 1 enables: its table is loaded, and its vPE reads it again. */
	npcmds = 0;
	lpis_on(1);
	assert_int_equal(fake_vprop[3][8], 0x81);
	assert_int_equal(npcmds, 1);
	assert_pcmd(0, FAKE_VINVALL, 0, 0, 3);
}

/** The guest's pending table at EnableLPIs becomes the vPE's (INT), unless PTZ. */
static void test_direct_pending_table(void **state)
{
	const u64 pendtab = RAM_IPA + 0x50000;

	(void)state;
	basic_mapping(); /* 8200 on vCPU 1 */
	guest(pendtab)[8200 / 8] = 1u << (8200 % 8);
	part.vgic.cpu[1].pendbaser = pendtab;
	npcmds = 0;
	lpis_on(1);
	assert_int_equal(npcmds, 2);
	assert_pcmd(0, ITS_INT, 0x210, 3, 3);
	assert_pcmd(1, FAKE_VINVALL, 0, 0, 3);
	setup_direct(NULL);
	basic_mapping();
	guest(pendtab)[8200 / 8] = 1u << (8200 % 8);
	part.vgic.cpu[1].pendbaser = pendtab | BIT(62); /* PTZ */
	npcmds = 0;
	lpis_on(1);
	assert_int_equal(npcmds, 1);
	assert_pcmd(0, FAKE_VINVALL, 0, 0, 3);
}

/**
 * Direct injection: EnableLPIs cleared and set again, with 48 pending vLPIs
 * in the guest's table. Clearing empties the vPE's property table and
 * CLEARs every mapped event of the vCPU; setting loads the table and INTs
 * each pending one; each is the vITS's work in bounded steps while the guest
 * polls RWP, never more than ITS_CMD_BATCH physical commands in one trap.
 */
static void test_direct_enable_lpis_again_bounded(void **state)
{
	const u64 pendtab = RAM_IPA + 0x50000;
	unsigned polls, ints = 0, clears = 0;

	(void)state;
	enable();
	mapc(1, 1, true);
	mapd(0x10, 6, true);
	for (u32 e = 0; e < 48; e++) {
		mapti(0x10, e, 8200 + e, 1);
		*guest(PROPTAB + 8 + e) = 0xa0 | 1;
		guest(pendtab)[(8200 + e) / 8] |= (u8)(1u << ((8200 + e) % 8));
	}
	part.vgic.cpu[1].pendbaser = pendtab | BIT(62); /* PTZ: nothing at the first enable */
	lpis_on(1);
	assert_int_equal(fake_vprop[3][8], 0xa1);
	/* Off: every mapped event CLEARed, the property table emptied. */
	npcmds = 0;
	polls = enable_lpis(1, false);
	for (unsigned i = 0; i < npcmds && i < FAKE_PCMDS; i++)
		clears += pcmds[i].op == ITS_CLEAR;
	assert_int_equal(clears, 48);
	assert_int_equal(fake_vprop[3][8], 0);
	assert_true((polls + 1) * ITS_CMD_BATCH >= 48); /* the write and the polls, each bounded */
	/* On again with the table (PTZ clear): 48 INTs, in bounded steps. */
	part.vgic.cpu[1].pendbaser = pendtab;
	{
		struct mmio_access acc = { 0x20000, 4, true, 1 };
		unsigned before;

		npcmds = 0;
		assert_int_equal(vgic_gicr_mmio(&part.vgic, VI(&part.vcpus[1]), &acc),
				 MMIO_HANDLED);
		assert_true(npcmds <= ITS_CMD_BATCH); /* the write's own step */
		assert_true(npcmds > 0);
		for (polls = 0; polls < 100; polls++) {
			before = npcmds;
			acc = (struct mmio_access){ 0x20000, 4, false, 0 };
			assert_int_equal(vgic_gicr_mmio(&part.vgic, VI(&part.vcpus[1]), &acc),
					 MMIO_HANDLED);
			assert_true(npcmds - before <= ITS_CMD_BATCH);
			if (!(acc.value & BIT(3)))
				break;
		}
		assert_true(polls > 1);
	}
	for (unsigned i = 0; i < npcmds && i < FAKE_PCMDS; i++)
		ints += pcmds[i].op == ITS_INT;
	assert_int_equal(ints, 48);
	assert_int_equal(fake_vprop[3][8], 0xa1);
	assert_pcmd(npcmds - 1, FAKE_VINVALL, 0, 0, 3);
	assert_int_equal(part.its.stats.phys_errors, 0);
	assert_int_equal(fake_pcmd_errors, 0);
}

/**
 * An event is on a vPE only while its collection is mapped: MAPTI to an
 * unmapped one maps nothing (its MSIs are dropped, as the architecture
 * says), MAPC maps it, MAPC V=0 discards it; a remapped event is
 * discarded before its new VMAPTI.
 */
static void test_direct_collection_follow(void **state)
{
	(void)state;
	enable();
	mapd(0x10, 6, true);
	npcmds = 0;
	mapti(0x10, 5, 8300, 7);
	assert_int_equal(npcmds, 0);
	assert_false(part.its.events[0][5].mapped);
	mapc(7, 1, true);
	assert_int_equal(npcmds, 1);
	assert_pcmd(0, FAKE_VMAPTI, 0x210, 5, 3);
	assert_int_equal(pcmds[0].plpi, 8300);
	mapc(7, 0, true);
	assert_pcmd(1, FAKE_VMOVI, 0x210, 5, 2);
	mapti(0x10, 5, 8301, 7);
	assert_int_equal(npcmds, 4);
	assert_pcmd(2, ITS_DISCARD, 0x210, 5, 2);
	assert_pcmd(3, FAKE_VMAPTI, 0x210, 5, 2);
	assert_int_equal(pcmds[3].plpi, 8301);
	mapc(7, 0, false);
	assert_pcmd(4, ITS_DISCARD, 0x210, 5, 2);
	assert_false(part.its.events[0][5].mapped);
	/* INT on it now: the collection is unmapped, an error, and no command. */
	devcmd(ITS_INT, 0x10, 5, 0);
	assert_int_equal(errors(ITS_INT, ITS_ERR_UNMAPPED_COLLECTION), 1);
	assert_int_equal(npcmds, 5);
	assert_int_equal(fake_pcmd_errors, 0);
}

/** A MAPC moving 64 events: 64 VMOVIs, at most ITS_CMD_BATCH units per trap. */
static void test_direct_sweep_bound(void **state)
{
	(void)state;
	move_64_events(); /* 64 VMOVIs */
	assert_int_equal(npcmds, 64);
	for (unsigned i = 0; i < npcmds; i++)
		assert_pcmd(i, FAKE_VMOVI, 0x210, i, 2);
	assert_int_equal(fake_pcmd_errors, 0);
	/* INVALL of collection 1 (now empty) and 0: one VINVALL for the vCPU's vPE. */
	npcmds = 0;
	cmd(ITS_INVALL, 0, 0, 0);
	assert_int_equal(npcmds, 1);
	assert_pcmd(0, FAKE_VINVALL, 0, 0, 2);
}

/** Reset: every mapped event discarded, every vPE table zero and read again. */
static void test_direct_reset(void **state)
{
	(void)state;
	*guest(PROPTAB + 8200 - 8192) = 0xa1;
	lpis_on(0);
	lpis_on(1);
	basic_mapping();
	assert_int_equal(fake_vprop[3][8], 0xa1);
	npcmds = 0;
	vits_reset(&part.its);
	assert_int_equal(npcmds, 3);
	assert_pcmd(0, ITS_DISCARD, 0x210, 3, 3);
	assert_pcmd(1, FAKE_VINVALL, 0, 0, 2);
	assert_pcmd(2, FAKE_VINVALL, 0, 0, 3);
	assert_int_equal(fake_vprop[2][8], 0);
	assert_int_equal(fake_vprop[3][8], 0);
	assert_true(part.its.direct);
	assert_int_equal(fake_pcmd_errors, 0);
	/* The restarted guest's vCPUs have LPIs off: its MAPTIs enable nothing yet. */
	vgic_partition_reset(&part.vgic);
	qtail = 0;
	basic_mapping();
	assert_int_equal(fake_vprop[2][8], 0);
	assert_int_equal(fake_vprop[3][8], 0);
	part.vgic.cpu[0].propbaser = PROPTAB | (16 - 1); /* as the restarted guest sets it */
	lpis_on(1);
	assert_int_equal(fake_vprop[3][8], 0xa1);
	assert_int_equal(fake_pcmd_errors, 0);
}

/** A vCPU turned off and on (PSCI) keeps EnableLPIs and its vPE's table. */
static void test_direct_vcpu_reset(void **state)
{
	(void)state;
	*guest(PROPTAB + 8200 - 8192) = 0xa1;
	lpis_on(1);
	basic_mapping();
	fake_cpu = 1;
	vgic_vcpu_reset(VG(&part.vcpus[1]));
	{
		struct vgic_locked g = vgic_lock(&part.vgic);

		assert_true(vgic_lpis_on(g, 1));
		vgic_unlock(&g);
	}
	assert_int_equal(fake_vprop[3][8], 0xa1);
	/* An INV disabling it still reaches that vCPU's table. */
	*guest(PROPTAB + 8200 - 8192) = 0xa0;
	devcmd(ITS_INV, 0x10, 3, 0);
	assert_int_equal(fake_vprop[3][8], 0xa0);
	assert_int_equal(fake_pcmd_errors, 0);
}

/** A physical command that fails is counted, and the event's state says where it is. */
static void test_direct_phys_failure(void **state)
{
	(void)state;
	enable();
	mapc(0, 0, true);
	mapd(0x10, 6, true);
	fake_its_virt = ITS_VIRT_NONE; /* every vPE command fails now */
	mapti(0x10, 1, 8193, 0);
	assert_false(part.its.events[0][1].mapped);
	assert_int_equal(part.its.stats.phys_errors, 1);
	devcmd(ITS_INT, 0x10, 1, 0);
	assert_int_equal(part.its.stats.phys_errors, 2);
	assert_int_equal(total_errors(), 0);
}

/* --- the MSI fast path (vectors.S, modelled by fake_fast_msi()) --------------------- */

static struct percpu *pc1 = &percpus[3]; /* vCPU 1's pCPU */

/** lpi_ready(), a refill, and 8200's MSI through the fast path into a list register of vCPU 1. */
static void fast_msi_in(void)
{
	lpi_ready();
	flush(1);
	assert_true(fake_fast_msi(&part, 1, 3));
}

/** At vCPU 1's next exit one list register holds 8200; the guest takes it once, and no more. */
static void taken_once(void)
{
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), -1);
}

/** Delivered without an exit; the next exit takes its list register into the books. */
static void test_fast_msi(void **state)
{
	(void)state;
	lpi_ready(); /* 8200 = event 3 on vCPU 1 */
	flush(1);
	assert_int_equal(pc1->vgic.lpi_free, 0xe); /* LRs 1..3, not the timer's LR 0 */
	assert_true(fake_fast_msi(&part, 1, 3));
	assert_int_equal(pc1->vgic.fast_lr, 3 + 1);
	assert_int_equal(part.its.events[0][3].fast_lpis, 1);
	/* An exit (any): the vGIC adopts list register 3. */
	flush(1);
	assert_int_equal(pc1->vgic.fast_lr, 0);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_IN_LR, VIRQ_IN_LR);
	assert_int_equal(part.its.events[0][3].irq.lr, 3);
	assert_int_equal(part.vgic.cpu[1].lr_used & BIT(3), BIT(3));
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(part.its.events[0][3].irq.flags & (VIRQ_PENDING | VIRQ_IN_LR), 0);
}

/** Taken and ended by the guest before any exit: forgotten, and the next MSI goes the same way. */
static void test_fast_msi_consumed(void **state)
{
	(void)state;
	fast_msi_in();
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	assert_true(fake_fast_msi(&part, 1, 3));
	assert_int_equal(part.its.events[0][3].fast_lpis, 2);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(part.vgic.cpu[1].lr_used, 0);
	assert_int_equal(fake_valid_lrs(), 0);
}

/** What the fast path leaves to trap_guest_irq(). */
static void test_fast_msi_refused(void **state)
{
	(void)state;
	lpi_ready();
	flush(1);
	/* Another vCPU's event, and an event beyond the partition's slice. */
	assert_false(fake_fast_msi(&part, 0, 3));
	assert_false(fake_fast_msi(&part, 1, 2 * CONFIG_ITS_EVENTS));
	/* Its list register still live: one at a time. */
	assert_true(fake_fast_msi(&part, 1, 3));
	mapti(0x10, 4, 8201, 1);
	*guest(PROPTAB + 8201 - 8192) = 0xa0 | 1;
	devcmd(ITS_INV, 0x10, 4, 0);
	assert_false(fake_fast_msi(&part, 1, 4));
	flush(1);
	/* In a list register by the books now: not again. */
	assert_false(fake_fast_msi(&part, 1, 3));
	/* Disabled. */
	*guest(PROPTAB + 8201 - 8192) = 0xa0;
	devcmd(ITS_INV, 0x10, 4, 0);
	flush(1);
	assert_false(fake_fast_msi(&part, 1, 4));
	/* LPIs off (a partition reset, its vCPUs off first): nothing for the fast path. */
	all_vcpus_off();
	vgic_partition_reset(&part.vgic);
	flush(1);
	assert_int_equal(pc1->vgic.lpi_free, 0);
}

/** Unmapped meanwhile (another vCPU's DISCARD): dropped at the next exit, never delivered. */
static void test_fast_msi_unmapped_meanwhile(void **state)
{
	(void)state;
	fast_msi_in();
	devcmd(ITS_DISCARD, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	assert_int_equal(fake_guest_ack(0xff), -1);
}

/** Made pending again meanwhile (INT from another vCPU): one list register, one LPI. */
static void test_fast_msi_int_meanwhile(void **state)
{
	(void)state;
	fast_msi_in();
	devcmd(ITS_INT, 0x10, 3, 0);
	taken_once();
}

/** A second MSI while the fast path's list register is not in the books: merged, not doubled. */
static void test_fast_msi_then_slow(void **state)
{
	(void)state;
	fast_msi_in();
	assert_false(fake_fast_msi(&part, 1, 3)); /* its list register is live: trap_guest_irq() */
	fake_cpu = 1;
	assert_true(
	    vits_deliver(&part.its, 0, 3, VI(&part.vcpus[1]))); /* not straight into an LR */
	taken_once();
}

/** Another MSI while the guest handles the first (its list register active): it comes again. */
static void test_fast_msi_again_while_active(void **state)
{
	(void)state;
	fast_msi_in();
	assert_int_equal(fake_guest_ack(0xff), 8200); /* active */
	assert_false(fake_fast_msi(&part, 1, 3));
	fake_cpu = 1;
	vits_deliver(&part.its, 0, 3, VI(&part.vcpus[1]));
	flush(1);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), -1);
}

/** A self-SGI straight into a list register disarms the fast path until the next refill. */
static void test_fast_msi_after_self_sgi(void **state)
{
	struct mmio_access en = { 0x20000 + 0x10000 + 0x100, 4, true, 1u << 1 };

	(void)state;
	lpi_ready();
	assert_int_equal(vgic_gicr_mmio(&part.vgic, VI(&part.vcpus[1]), &en), MMIO_HANDLED);
	flush(1);
	assert_int_not_equal(pc1->vgic.lpi_free, 0);
	fake_cpu = 1;
	assert_false(vgic_sgi1r(VG(&part.vcpus[1]), 1ULL << 24 | 1u << 1)); /* SGI 1 to itself */
	assert_int_equal(pc1->vgic.lpi_free, 0);
	assert_false(fake_fast_msi(&part, 1, 3));
	assert_int_equal(fake_guest_ack(0xff), 1);
	fake_guest_eoi(1);
	/* With the fast path's list register out of the books, no SGI goes straight in. */
	flush(1);
	assert_true(fake_fast_msi(&part, 1, 3));
	fake_cpu = 1;
	assert_true(vgic_sgi1r(VG(&part.vcpus[1]), 1ULL << 24 | 1u << 1)); /* needs a refill */
	flush(1);
	assert_int_equal(fake_valid_lrs(), 2);
}

/** Moved, disabled or discarded before the vGIC took it in: as if it had been in the books. */
static void test_fast_msi_changed_meanwhile(void **state)
{
	unsigned kicks;

	(void)state;
	/* MOVI to vCPU 0: back to the distributor at vCPU 1's next exit, then to vCPU 0. */
	lpi_ready();
	part.vgic.cpu[0].ctlr = 1;
	flush(1);
	assert_true(fake_fast_msi(&part, 1, 3));
	kicks = fake_kicks;
	devcmd(ITS_MOVI, 0x10, 3, 0);
	assert_true(fake_kicks > kicks);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	flush(0);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	/* Disabled by INV: gone from the list register at the next exit. */
	setup(NULL);
	fast_msi_in();
	*guest(PROPTAB + 8200 - 8192) = 0xa0;
	kicks = fake_kicks;
	devcmd(ITS_INV, 0x10, 3, 0);
	assert_true(fake_kicks > kicks);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
	/* Discarded: its holder is kicked, as one in the books would be. */
	setup(NULL);
	fast_msi_in();
	kicks = fake_kicks;
	devcmd(ITS_DISCARD, 0x10, 3, 0);
	assert_true(fake_kicks > kicks);
}

/** vCPU 1 writes its GICR_CTLR (EnableLPIs stays set); the handler folds its LRs first. */
static void gicr_ctlr_trap(void)
{
	struct mmio_access acc = { 0x20000, 4, true, 0xffffffff };

	fake_cpu = 1; /* the trapping vCPU's own pCPU */
	assert_int_equal(vgic_gicr_mmio(&part.vgic, VI(&part.vcpus[1]), &acc), MMIO_HANDLED);
}

/**
 * A redistributor trap takes the fast path's list register into the books
 * (tests/fuzz finding fuzz-vits-two-lrs, with the trap on its vCPU's pCPU):
 * the next MSI of that event is not the fast path's, and no other list
 * register gets its vINTID.
 */
static void test_fast_msi_adopted_by_gicr_trap(void **state)
{
	(void)state;
	fast_msi_in();
	gicr_ctlr_trap();
	assert_int_equal(pc1->vgic.fast_lr, 0);
	assert_int_equal(part.its.events[0][3].irq.flags & VIRQ_IN_LR, VIRQ_IN_LR);
	assert_int_equal(part.vgic.cpu[1].lr_used, BIT(3));
	assert_false(fake_fast_msi(&part, 1, 3));
	assert_int_equal(fake_valid_lrs(), 1);
	taken_once();
}

/**
 * Two events with one vINTID: once a trap has taken the first one's list
 * register into the books, the fast path leaves the second to the refill
 * (which makes it wait for the guest's EOI), even before that trap's refill.
 */
static void test_fast_msi_shared_vintid_after_adopt(void **state)
{
	(void)state;
	lpi_ready();
	mapti(0x10, 4, 8200, 1); /* event 4: 8200 as well, on vCPU 1 */
	flush(1);
	assert_true(fake_fast_msi(&part, 1, 3));
	gicr_ctlr_trap();
	assert_false(fake_fast_msi(&part, 1, 4));
	assert_int_equal(fake_valid_lrs(), 1);
	assert_int_equal(pc1->vgic.lpi_free, 0);
	/* trap_guest_irq() then: event 4 pending, it waits for the guest's EOI of event 3. */
	fake_cpu = 1;
	assert_true(vits_deliver(&part.its, 0, 4, VI(&part.vcpus[1])));
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	assert_int_equal(part.its.events[0][4].irq.flags & VIRQ_IN_LR, VIRQ_IN_LR);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
}

/**
 * A vINTID the guest still handles for an unmapped event, mapped again to
 * another event that fires: it waits for the guest's EOI of the first (a
 * maintenance interrupt asks for it), never two list registers at once.
 */
static void test_lpi_vintid_reused_while_active(void **state)
{
	(void)state;
	lpi_ready();
	devcmd(ITS_INT, 0x10, 3, 0);
	flush(1);
	assert_int_equal(fake_guest_ack(0xff), 8200); /* active in the guest */
	devcmd(ITS_DISCARD, 0x10, 3, 0);
	mapd(0x18, 6, true);
	mapti(0x18, 0, 8200, 1);
	devcmd(ITS_INT, 0x18, 0, 0);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	assert_int_equal(fake_lr[3] & ICH_LR_EOI, ICH_LR_EOI); /* the detached one, EOI asked */
	/* The fast path stays away meanwhile. */
	assert_int_equal(pc1->vgic.lpi_free, 0);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 1);
	assert_int_equal(fake_guest_ack(0xff), 8200);
	fake_guest_eoi(8200);
	flush(1);
	assert_int_equal(fake_valid_lrs(), 0);
}

static void test_gic_typers(void **state)
{
	struct mmio_access acc = { 0x0004, 4, false, 0 };

	(void)state;
	assert_int_equal(vgic_gicd_mmio(&part.vgic, VI(v0), &acc), MMIO_HANDLED);
	assert_int_equal(bits_get(acc.value, 17, 17), 1);      /* LPIS */
	assert_int_equal(bits_get(acc.value, 23, 19), 16 - 1); /* IDbits */
	acc = (struct mmio_access){ 0x0008, 8, false, 0 };
	assert_int_equal(vgic_gicr_mmio(&part.vgic, VI(v0), &acc), MMIO_HANDLED);
	assert_int_equal(acc.value & 1, 1); /* PLPIS */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_table_valid, setup),
		cmocka_unit_test_setup(test_typer, setup),
		cmocka_unit_test_setup(test_id_and_unknown, setup),
		cmocka_unit_test_setup(test_baser_fields, setup),
		cmocka_unit_test_setup(test_writes_while_enabled, setup),
		cmocka_unit_test_setup(test_enable_refused, setup),
		cmocka_unit_test_setup(test_cwriter_beyond_queue, setup),
		cmocka_unit_test_setup(test_queue_shrunk_under_cwriter, setup),
		cmocka_unit_test_setup(test_translater_ignored, setup),
		cmocka_unit_test_setup(test_mapping_and_int, setup),
		cmocka_unit_test_setup(test_mapi, setup),
		cmocka_unit_test_setup(test_inv_and_invall, setup),
		cmocka_unit_test_setup(test_movi_discard, setup),
		cmocka_unit_test_setup(test_ring, setup),
		cmocka_unit_test_setup(test_ring_direct, setup_direct),
		cmocka_unit_test_setup(test_error_codes, setup),
		cmocka_unit_test_setup(test_int_unmapped_collection, setup),
		cmocka_unit_test_setup(test_unknown_opcode, setup),
		cmocka_unit_test_setup(test_uncached_queue, setup),
		cmocka_unit_test_setup(test_batch_bound, setup),
		cmocka_unit_test_setup(test_wrap_around, setup),
		cmocka_unit_test_setup(test_mapd_unmap_sweep, setup),
		cmocka_unit_test_setup(test_sweep_per_trap_bound, setup),
		cmocka_unit_test_setup(test_disable_mid_sweep, setup),
		cmocka_unit_test_setup(test_remap_and_movall, setup),
		cmocka_unit_test_setup(test_reset, setup),
		cmocka_unit_test_setup(test_lpi_delivered, setup),
		cmocka_unit_test_setup(test_lpi_direct, setup),
		cmocka_unit_test_setup(test_lpi_waits_for_enables, setup),
		cmocka_unit_test_setup(test_lpi_discard_in_lr, setup),
		cmocka_unit_test_setup(test_lpi_movi_moves_pending, setup),
		cmocka_unit_test_setup(test_lpi_vcpu_reset, setup),
		cmocka_unit_test_setup(test_pending_table, setup),
		cmocka_unit_test_setup(test_gic_typers, setup),
		cmocka_unit_test_setup(test_fast_msi, setup),
		cmocka_unit_test_setup(test_fast_msi_consumed, setup),
		cmocka_unit_test_setup(test_reset_with_lpis_in_lrs, setup),
		cmocka_unit_test_setup(test_fast_msi_refused, setup),
		cmocka_unit_test_setup(test_fast_msi_unmapped_meanwhile, setup),
		cmocka_unit_test_setup(test_fast_msi_int_meanwhile, setup),
		cmocka_unit_test_setup(test_lpi_vintid_reused_while_active, setup),
		cmocka_unit_test_setup(test_fast_msi_then_slow, setup),
		cmocka_unit_test_setup(test_fast_msi_again_while_active, setup),
		cmocka_unit_test_setup(test_fast_msi_after_self_sgi, setup),
		cmocka_unit_test_setup(test_fast_msi_changed_meanwhile, setup),
		cmocka_unit_test_setup(test_fast_msi_adopted_by_gicr_trap, setup),
		cmocka_unit_test_setup(test_fast_msi_shared_vintid_after_adopt, setup),
		cmocka_unit_test_setup(test_direct_translation, setup_direct),
		cmocka_unit_test_setup(test_direct_vprop_per_vcpu, setup_direct),
		cmocka_unit_test_setup(test_direct_pending_table, setup_direct),
		cmocka_unit_test_setup(test_direct_enable_lpis_again_bounded, setup_direct),
		cmocka_unit_test_setup(test_direct_collection_follow, setup_direct),
		cmocka_unit_test_setup(test_direct_sweep_bound, setup_direct),
		cmocka_unit_test_setup(test_direct_reset, setup_direct),
		cmocka_unit_test_setup(test_direct_vcpu_reset, setup_direct),
		cmocka_unit_test_setup(test_direct_phys_failure, setup_direct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
