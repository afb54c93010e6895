/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The physical ITS driver (drivers/gic/its.c) on the host, against a fake
 * GIC (fake_its.c) that records the commands it is given: the GICv3 set-up,
 * and the GICv4.0 and GICv4.1 layouts of the vPE table, VMAPP, the
 * redistributors' GICR_VPROPBASER and GICR_VPENDBASER, and every vPE
 * command, bit by bit (IHI 0069: commands in 6.3, GICR_V* in 9.11). QEMU
 * 7.2 checks the v4.0 ones in make test; GICv4.1 can only be checked here
 * until there is a GIC-700 at hand.
 */
#include "host.h"
#include <string.h>
#include <core/lib.h>
#include <drivers/its.h>
#include "fake_console.h"
#include "fake_cpuif.h"
#include "fake_its.h"

#define VMOVI 0x21
#define VSYNC 0x25
#define VMAPP 0x29
#define VMAPTI 0x2a
#define VINVALL 0x2d
#define MAPC 0x09
#define MAPD 0x08
#define SYNC 0x05
#define DISCARD 0x0f

static const u32 devids[] = { 0x10, 0x18, 0x20 };
static const u64 mpidrs[] = { 0, 1, 2, 3 };
/* pCPUs 1 and 2 run vCPUs of a partition with direct injection. */
static const bool want[] = { false, true, true, false };
static const bool want_none[4];

static bool init(enum fake_gic_kind kind, const bool *want_vpe)
{
	fake_gic_reset(kind);
	fake_direct_vlpis = true;
	return its_init(FAKE_ITS_BASE, devids, 3, mpidrs, 4, false, want_vpe, kind != FAKE_GICV3);
}

static u8 op(unsigned i)
{
	assert_true(i < fake_its.ncmds);
	return (u8)fake_its.cmds[i][0];
}

static u64 dw(unsigned i, unsigned n)
{
	assert_true(i < fake_its.ncmds);
	return fake_its.cmds[i][n];
}

/** Command @i is a VSYNC of vPE @vpe. */
static void assert_vsync(unsigned i, u32 vpe)
{
	assert_int_equal(op(i), VSYNC);
	assert_int_equal(bits_get(dw(i, 1), 47, 32), vpe);
}

/* --- GICv3: what the GICv3 path sets up ------------------------------------------- */

static void test_v3(void **state)
{
	(void)state;
	assert_true(init(FAKE_GICV3, want));
	assert_int_equal(its_virt(), ITS_VIRT_NONE);
	assert_int_equal(fake_its.ctlr, 1);
	/* One collection per pCPU (ICID = pCPU, RDbase = processor number), then the devices. */
	assert_int_equal(fake_its.ncmds, 4 + 3);
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(op(i), MAPC);
		assert_int_equal(dw(i, 2), BIT(63) | (u64)i << 16 | i);
	}
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(op(4 + i), MAPD);
		assert_int_equal(dw(4 + i, 0) >> 32, devids[i]);
		assert_true(dw(4 + i, 2) & BIT(63));
	}
	/* No vPE command is possible. */
	assert_int_equal(its_vmapti(0x10, 0, 8192, 1), -1);
	assert_int_equal(fake_its.ncmds, 7);
	its_cpu_init(1, 1);
	assert_int_equal(fake_gicr[1].vpendbaser, 0);
	assert_int_equal(fake_gicr[1].ctlr & 1, 1); /* EnableLPIs */
}

/* --- GICv4.0 -------------------------------------------------------------------- */

static void test_v40_vmapp(void **state)
{
	u64 vpt[2];

	(void)state;
	fake_pr_lines = 0;
	assert_true(init(FAKE_GICV4_0, want));
	assert_int_equal(its_virt(), ITS_VIRT_V4_0);
	assert_string_equal(fake_pr_last,
			    "ITS: GICv4.0 direct injection, 2 vPE(s) resident, no doorbells");
	/* The vPE table: GITS_BASER2, valid, type vPE. */
	assert_true(fake_its.baser[2] & BIT(63));
	assert_int_equal(bits_get(fake_its.baser[2], 58, 56), 2);
	/* After 4 MAPCs and 3 MAPDs, VMAPP and VSYNC of vPEs 1 and 2 only, in the v4.0 layout. */
	assert_int_equal(fake_its.ncmds, 7 + 4);
	for (unsigned i = 0; i < 2; i++) {
		unsigned c = 7 + 2 * i;
		u32 vpe = 1 + i;

		assert_vsync(c + 1, vpe);
		assert_int_equal(dw(c, 0), VMAPP); /* no v4.1 fields */
		assert_int_equal(dw(c, 1), (u64)vpe << 32);
		assert_int_equal(dw(c, 2), BIT(63) | (u64)vpe << 16); /* V, RDbase = processor */
		assert_int_equal(bits_get(dw(c, 3), 7, 0), 16 - 1);   /* VPT_size: 16 bits */
		vpt[i] = dw(c, 3) & GENMASK(51, 16);
		assert_int_not_equal(vpt[i], 0);
		assert_int_equal(dw(c, 3) & GENMASK(63, 52), 0);
	}
	assert_int_not_equal(vpt[0], vpt[1]);
	/* Resident on its pCPU: VPROPBASER (IDbits 16), VPENDBASER (Valid, IDAI, PendingLast). */
	its_cpu_init(1, 1);
	its_cpu_init(0, 0);
	assert_int_equal(fake_gicr[0].vpendbaser, 0); /* no vPE on pCPU 0 */
	assert_int_equal(bits_get(fake_gicr[1].vpropbaser, 4, 0), 16 - 1);
	assert_int_not_equal(fake_gicr[1].vpropbaser & GENMASK(51, 12), 0);
	assert_int_equal(fake_gicr[1].vpendbaser & GENMASK(51, 16), vpt[0]);
	assert_int_equal(fake_gicr[1].vpendbaser & GENMASK(63, 60), BIT(63) | BIT(62) | BIT(61));
}

static void test_v40_commands(void **state)
{
	unsigned c;

	(void)state;
	assert_true(init(FAKE_GICV4_0, want));
	c = fake_its.ncmds;
	assert_int_equal(its_vmapti(0x10, 5, 8300, 2), 0);
	assert_int_equal(dw(c, 0), VMAPTI | 0x10ULL << 32);
	assert_int_equal(dw(c, 1), 5 | 2ULL << 32);	  /* EventID, vPEID */
	assert_int_equal(dw(c, 2), 8300 | 1023ULL << 32); /* vINTID, no doorbell */
	assert_vsync(c + 1, 2);
	/* VMOVI, then INV there: the new vPE reads the property byte again. */
	assert_int_equal(its_vmovi(0x10, 5, 1), 0);
	assert_int_equal(dw(c + 2, 0), VMOVI | 0x10ULL << 32);
	assert_int_equal(dw(c + 2, 1), 5 | 1ULL << 32);
	assert_int_equal(dw(c + 2, 2), 0); /* D = 0: no doorbell */
	assert_int_equal(dw(c + 3, 0), ITS_CMD_INV | 0x10ULL << 32);
	assert_int_equal(dw(c + 3, 1), 5);
	assert_vsync(c + 4, 1);
	c++;
	for (unsigned i = 0; i < 3; i++) {
		static const u8 ops[] = { ITS_CMD_INT, ITS_CMD_CLEAR, ITS_CMD_INV };

		assert_int_equal(its_vevent(ops[i], 0x10, 5, 1), 0);
		assert_int_equal(dw(c + 4 + 2 * i, 0), ops[i] | 0x10ULL << 32);
		assert_int_equal(dw(c + 4 + 2 * i, 1), 5);
		assert_vsync(c + 5 + 2 * i, 1);
	}
	assert_int_equal(its_vinvall(2), 0);
	assert_int_equal(dw(c + 10, 0), VINVALL);
	assert_int_equal(dw(c + 10, 1), 2ULL << 32);
	assert_vsync(c + 11, 2);
	assert_int_equal(its_vsync(1), 0);
	assert_vsync(c + 12, 1);
	/* DISCARD of a virtual event: a VSYNC of its vPE; of a physical one: a SYNC. */
	assert_int_equal(its_discard(0x10, 5, 1), 0);
	assert_int_equal(dw(c + 13, 0), DISCARD | 0x10ULL << 32);
	assert_vsync(c + 14, 1);
	assert_int_equal(its_discard(0x18, 3, -1), 0);
	assert_int_equal(op(c + 16), SYNC);
	assert_int_equal(fake_its.ncmds, c + 17);
	/* A pCPU without a vPE, or an opcode that is not INT, CLEAR or INV: refused, nothing sent.
	 */
	assert_int_equal(its_vmapti(0x10, 6, 8301, 0), -1);
	assert_int_equal(its_vmovi(0x10, 6, 3), -1);
	assert_int_equal(its_vinvall(7), -1);
	assert_int_equal(its_vevent(MAPD, 0x10, 6, 1), -1);
	assert_int_equal(fake_its.ncmds, c + 17);
}

/** The property bytes land in the table that vPE's VPROPBASER names, within bounds. */
static void test_v40_vprop(void **state)
{
	const u8 bytes[3] = { 0xa1, 0xb1, 0xc1 };
	u8 *table;

	(void)state;
	assert_true(init(FAKE_GICV4_0, want));
	its_cpu_init(2, 2);
	table = fake_mem(fake_gicr[2].vpropbaser & GENMASK(51, 12));
	its_vprop_write(2, 8200, bytes, 3);
	assert_memory_equal(&table[8], bytes, 3);
	its_vprop_write(2, 8201, NULL, 1);
	assert_int_equal(table[9], 0);
	/* Beyond 16 bits, below the LPIs, or a pCPU with no vPE: nothing written. */
	its_vprop_write(2, 65535, bytes, 2);
	its_vprop_write(2, 8191, bytes, 1);
	assert_int_equal(table[65535 - 8192], 0);
	its_vprop_write(3, 8200, bytes, 1);
	its_vprop_write(2, 65535, bytes, 1);
	assert_int_equal(table[65535 - 8192], 0xa1);
}

/** Where any of ITS, redistributors or CPU interface lacks GICv4: the GICv3 path. */
static void test_v4_not_usable(void **state)
{
	(void)state;
	fake_gic_reset(FAKE_GICV4_0);
	fake_direct_vlpis = false; /* ICH_VTR_EL2.nV4 */
	assert_true(its_init(FAKE_ITS_BASE, devids, 3, mpidrs, 4, false, want, true));
	assert_int_equal(its_virt(), ITS_VIRT_NONE);
	assert_string_equal(fake_pr_last,
			    "ITS: no GICv4 virtual LPIs: vLPIs go through list registers");
	fake_direct_vlpis = true;
	/* Redistributors without VLPIS. */
	fake_gic_reset(FAKE_GICV4_0);
	assert_true(its_init(FAKE_ITS_BASE, devids, 3, mpidrs, 4, false, want, false));
	assert_int_equal(its_virt(), ITS_VIRT_NONE);
	/* No vPE table. */
	fake_gic_reset(FAKE_GICV4_0);
	fake_its.baser_type[2] = 0;
	fake_its.baser[2] = 0;
	assert_true(its_init(FAKE_ITS_BASE, devids, 3, mpidrs, 4, false, want, true));
	assert_int_equal(its_virt(), ITS_VIRT_NONE);
	/* No partition wants it: no vPE table, no VMAPP. */
	assert_true(init(FAKE_GICV4_0, want_none));
	assert_int_equal(its_virt(), ITS_VIRT_NONE);
	assert_int_equal(fake_its.baser[2] & BIT(63), 0);
	assert_int_equal(fake_its.ncmds, 7);
}

/** A command the ITS never reads: -1, logged, and every later command fails at once. */
static void test_timeout(void **state)
{
	unsigned c;

	(void)state;
	assert_true(init(FAKE_GICV4_0, want));
	fake_its.stall = true;
	c = fake_its.ncmds;
	assert_int_equal(its_vmapti(0x10, 5, 8300, 2), -1);
	assert_non_null(strstr(fake_pr_last, "not completed"));
	fake_its.stall = false;
	assert_int_equal(its_vsync(2), -1);
	assert_int_equal(fake_its.ncmds, c);
}

/** A vPE firmware left resident is taken off before partita maps its own. */
static void test_firmware_vpe(void **state)
{
	(void)state;
	fake_gic_reset(FAKE_GICV4_0);
	fake_gicr[2].vpendbaser = BIT(63) | 0x12340000;
	assert_true(its_init(FAKE_ITS_BASE, devids, 3, mpidrs, 4, false, want, true));
	assert_int_equal(fake_gicr[2].vpendbaser, 0);
	its_cpu_init(2, 2);
	assert_true(fake_gicr[2].vpendbaser & BIT(63));
	assert_int_not_equal(fake_gicr[2].vpendbaser & GENMASK(51, 16), 0x12340000);
}

/** A command the ITS stalls on is replaced by a SYNC and the queue goes on. */
static void test_stall_skipped(void **state)
{
	unsigned c;

	(void)state;
	assert_true(init(FAKE_GICV4_0, want));
	c = fake_its.ncmds;
	fake_its.stall_op = VMAPTI;
	assert_int_equal(its_vmapti(0x10, 5, 8300, 2), 0);
	assert_non_null(strstr(fake_pr_last, "stalled"));
	assert_int_equal(fake_its.ncmds, c + 2);
	assert_int_equal(op(c), SYNC); /* in the VMAPTI's place */
	assert_vsync(c + 1, 2);
	/* Not broken: the next command goes through. */
	assert_int_equal(its_vsync(1), 0);
	assert_vsync(c + 2, 1);
}

/* --- GICv4.1 -------------------------------------------------------------------- */

static void test_v41_vmapp(void **state)
{
	u64 vconf[2];

	(void)state;
	assert_true(init(FAKE_GICV4_1, want));
	assert_int_equal(its_virt(), ITS_VIRT_V4_1);
	assert_string_equal(fake_pr_last,
			    "ITS: GICv4.1 direct injection, 2 vPE(s) resident, no doorbells");
	assert_true(fake_its.baser[2] & BIT(63));
	assert_int_equal(fake_its.ncmds, 7 + 4);
	for (unsigned i = 0; i < 2; i++) {
		unsigned c = 7 + 2 * i;
		u32 vpe = 1 + i;

		assert_vsync(c + 1, vpe);
		/* The redistributor had its vPE table before the VMAPP naming it. */
		assert_true(fake_gicr[vpe].vpropbaser & BIT(63));
		assert_true(fake_gicr[vpe].vpropbaser_at <= c);
		/* DW0: Alloc (first map), PTZ (zero pending table), VCONF (the property table). */
		assert_int_equal(dw(c, 0) & 0xff, VMAPP);
		assert_int_equal(dw(c, 0) & (BIT(8) | BIT(9)), BIT(8) | BIT(9));
		vconf[i] = dw(c, 0) & GENMASK(51, 16);
		assert_int_not_equal(vconf[i], 0);
		assert_int_equal(dw(c, 0) & (GENMASK(15, 10) | GENMASK(63, 52)), 0);
		/* DW1: vPEID, default doorbell none. */
		assert_int_equal(dw(c, 1), (u64)vpe << 32 | 1023);
		assert_int_equal(dw(c, 2), BIT(63) | (u64)vpe << 16);
		assert_int_equal(bits_get(dw(c, 3), 7, 0), 16 - 1);
		assert_int_not_equal(dw(c, 3) & GENMASK(51, 16), 0);
	}
	assert_int_not_equal(vconf[0], vconf[1]);
	/* The property bytes go where VMAPP's VCONF says. */
	{
		const u8 b = 0xa1;

		its_vprop_write(1, 8200, &b, 1);
		assert_int_equal(((u8 *)fake_mem(vconf[0]))[8], 0xa1);
	}
}

static void test_v41_resident(void **state)
{
	u64 vprop;

	(void)state;
	assert_true(init(FAKE_GICV4_1, want));
	its_cpu_init(1, 1);
	its_cpu_init(3, 3);
	assert_int_equal(fake_gicr[3].vpropbaser, 0);
	vprop = fake_gicr[1].vpropbaser;
	/* v4.1 VPROPBASER: Valid, Entry_Size (16 bytes: 1), Page_Size 64 KiB, the ITS's
	 * own vPE table (SVPET != 0: shared), Size (pages - 1). */
	assert_true(vprop & BIT(63));
	assert_int_equal(bits_get(vprop, 61, 59), 16 / 8 - 1);
	assert_int_equal(bits_get(vprop, 54, 53), 2);
	assert_int_equal(vprop & BIT(55), 0); /* flat */
	assert_int_equal(vprop & GENMASK(51, 12), fake_its.baser[2] & GENMASK(47, 12));
	assert_int_equal(bits_get(vprop, 6, 0), 0);
	/* v4.1 VPENDBASER: Valid, vGrp0En, vGrp1En, the vPEID; no address, no doorbell. */
	assert_int_equal(fake_gicr[1].vpendbaser, BIT(63) | BIT(59) | BIT(58) | 1);
	/* VMAPTI and the other vPE commands have the v4.0 layouts. */
	{
		unsigned c = fake_its.ncmds;

		assert_int_equal(its_vmapti(0x18, 2, 9000, 1), 0);
		assert_int_equal(dw(c, 1), 2 | 1ULL << 32);
		assert_int_equal(dw(c, 2), 9000 | 1023ULL << 32);
		assert_vsync(c + 1, 1);
	}
}

/** SVPET = 0: the redistributors get a vPE table of their own, not the ITS's. */
static void test_v41_unshared(void **state)
{
	(void)state;
	fake_gic_reset(FAKE_GICV4_1);
	fake_its.typer &= ~GENMASK(42, 41);
	assert_true(its_init(FAKE_ITS_BASE, devids, 3, mpidrs, 4, false, want, true));
	assert_int_equal(its_virt(), ITS_VIRT_V4_1);
	its_cpu_init(2, 2);
	assert_int_not_equal(fake_gicr[2].vpropbaser & GENMASK(51, 12),
			     fake_its.baser[2] & GENMASK(47, 12));
	assert_int_not_equal(fake_gicr[2].vpropbaser & GENMASK(51, 12), 0);
}

/** Redistributors without vPEIDs, or in several sharing groups: the GICv3 path. */
static void test_v41_refused(void **state)
{
	(void)state;
	fake_gic_reset(FAKE_GICV4_1);
	fake_gicr[2].typer &= ~BIT(7);
	assert_true(its_init(FAKE_ITS_BASE, devids, 3, mpidrs, 4, false, want, true));
	assert_int_equal(its_virt(), ITS_VIRT_NONE);
	assert_int_equal(fake_its.ncmds, 7); /* no VMAPP */
	fake_gic_reset(FAKE_GICV4_1);
	fake_gicr[1].typer |= 1ULL << 24; /* CommonLPIAff */
	assert_true(its_init(FAKE_ITS_BASE, devids, 3, mpidrs, 4, false, want, true));
	assert_int_equal(its_virt(), ITS_VIRT_NONE);
	/* The vPE table elsewhere than GITS_BASER2. */
	fake_gic_reset(FAKE_GICV4_1);
	fake_its.baser_type[2] = 0;
	fake_its.baser[2] = 0;
	fake_its.baser_type[3] = 2;
	fake_its.baser_esz[3] = 16;
	fake_its.baser[3] = 2ULL << 56 | 15ULL << 48;
	assert_true(its_init(FAKE_ITS_BASE, devids, 3, mpidrs, 4, false, want, true));
	assert_int_equal(its_virt(), ITS_VIRT_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v3),
		cmocka_unit_test(test_v40_vmapp),
		cmocka_unit_test(test_v40_commands),
		cmocka_unit_test(test_v40_vprop),
		cmocka_unit_test(test_v4_not_usable),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_firmware_vpe),
		cmocka_unit_test(test_stall_skipped),
		cmocka_unit_test(test_v41_vmapp),
		cmocka_unit_test(test_v41_resident),
		cmocka_unit_test(test_v41_unshared),
		cmocka_unit_test(test_v41_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
