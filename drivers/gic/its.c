/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The physical ITS (see drivers/its.h). IHI 0069: GITS_* registers in 12.19,
 * commands in 6.3, the LPI tables in 5.1. All memory the ITS and the
 * redistributors use is static, in partita's image, cleaned to the point of
 * coherency after every write so that an ITS that reads memory without
 * snooping (Shareability reads back 0) sees it too.
 */
#include <arch/cache.h>
#include <arch/gic_cpuif.h>
#include <arch/sysreg.h>
#include <core/console.h>
#include <core/lib.h>
#include <core/spinlock.h>
#include <drivers/gic.h>
#include <drivers/its.h>
#include <drivers/io.h>

#define GITS_CTLR 0x0000
#define GITS_TYPER 0x0008
#define GITS_CBASER 0x0080
#define GITS_CWRITER 0x0088
#define GITS_CREADR 0x0090
#define GITS_BASER 0x0100
#define GITS_CTLR_ENABLED BIT(0)
#define GITS_CTLR_QUIESCENT BIT(31)
#define GITS_TYPER_VIRTUAL BIT(1)
#define GITS_TYPER_PTA BIT(19)
#define GITS_TYPER_VMAPP BIT(40) /* GICv4.1 */
#define GITS_TYPER_SVPET(t) bits_get(t, 42, 41)
#define GITS_CREADR_STALLED BIT(0)
#define GITS_CWRITER_RETRY BIT(0)

#define BASER_VALID BIT(63)
#define BASER_TYPE(v) bits_get(v, 58, 56)
#define BASER_ESZ(v) (bits_get(v, 52, 48) + 1)
#define BASER_PSZ(v) bits_get(v, 9, 8) /* 0: 4 KiB, 1: 16 KiB, 2: 64 KiB */
#define BASER_TYPE_DEVICE 1
#define BASER_TYPE_VPE 2
#define BASER_TYPE_COLLECTION 4
/* Inner shareable, inner write-back read/write-allocate: as coherent as the ITS allows. */
#define MEM_ATTRS_HI (7ULL << 59)
#define MEM_ATTRS_SH (1ULL << 10)
#define LPI_ATTRS ((7ULL << 7) | MEM_ATTRS_SH)

#define GICD_TYPER 0x0004
#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008
#define GICR_PROPBASER 0x0070
#define GICR_PENDBASER 0x0078
#define GICR_CTLR_ENABLE_LPIS BIT(0)
#define GICR_TYPER_DIRTY BIT(2)
#define GICR_TYPER_RVPEID BIT(7) /* GICv4.1: VPENDBASER names a vPEID */
#define GICR_TYPER_COMMON_LPI_AFF(t) bits_get(t, 25, 24)
/* The virtual LPI frame, the third 64 KiB of a GICv4 redistributor. */
#define GICR_VLPI 0x20000
#define GICR_VPROPBASER (GICR_VLPI + 0x70)
#define GICR_VPENDBASER (GICR_VLPI + 0x78)
#define VPENDBASER_VALID BIT(63)
#define VPENDBASER_IDAI BIT(62)
#define VPENDBASER_PENDING_LAST BIT(61)
#define VPENDBASER_DIRTY BIT(60)
#define VPENDBASER41_VGRP0EN BIT(59)
#define VPENDBASER41_VGRP1EN BIT(58)
/* GICv4.1's GICR_VPROPBASER: the vPE table the redistributors share. */
#define VPROPBASER41_VALID BIT(63)
#define VPROPBASER41_ESZ_SHIFT 59 /* entry bytes / 8 - 1 */
#define VPROPBASER41_PSZ_SHIFT 53
#define VMAPP41_ALLOC BIT(8)
#define VMAPP41_PTZ BIT(9)

#define CMD_MOVI 0x01
#define CMD_SYNC 0x05
#define CMD_MAPD 0x08
#define CMD_MAPC 0x09
#define CMD_MAPTI 0x0a
#define CMD_DISCARD 0x0f
#define CMD_VMOVI 0x21
#define CMD_VSYNC 0x25
#define CMD_VMAPP 0x29
#define CMD_VMAPTI 0x2a
#define CMD_VINVALL 0x2d
#define NO_DOORBELL 1023ULL
#define CMD_SIZE 32
#define QUEUE_SIZE SZ_64K
#define LPI_PRIO 0xa0 /* as forwarded SPIs: below partita's own interrupts */
#define LPI_MAX_BITS 16
#define POLL_BOUND 1000000
#define STALL_BOUND 64 /* stalled commands skipped before the ITS counts as broken */
#define ITT_ENTRY_MAX 16

/* The tables, static and aligned as the ITS and redistributors require. */
static u8 cmd_queue[QUEUE_SIZE] __attribute__((aligned(SZ_64K)));
static u8 device_table[SZ_64K] __attribute__((aligned(SZ_64K)));
static u8 collection_table[SZ_64K] __attribute__((aligned(SZ_64K)));
static u8 prop_table[SZ_64K] __attribute__((aligned(SZ_64K)));
static u8 pend_tables[CONFIG_CPU_COUNT][SZ_64K] __attribute__((aligned(SZ_64K)));
#define ITT_BYTES ALIGN_UP(CONFIG_ITS_EVENTS *ITT_ENTRY_MAX, 256)
static u8 itts[CONFIG_ITS_SLOTS ? CONFIG_ITS_SLOTS : 1][ITT_BYTES] __attribute__((aligned(256)));

/*
 * GICv4: one vPE per pCPU that runs a vCPU of a partition with direct
 * injection (vPEID = pCPU index), with its own vLPI property table (the
 * partition's property bytes, gated by that vCPU's EnableLPIs) and virtual
 * pending table, and a vPE table for the ITS. Only built with an ITS.
 */
#define VPE_CPUS (CONFIG_ITS_SLOTS ? CONFIG_CPU_COUNT : 1)
#define VPROP_BYTES ((1UL << ITS_VINTID_BITS) - 8192)
static u8 vpe_table[CONFIG_ITS_SLOTS ? SZ_64K : 1] __attribute__((aligned(SZ_64K)));
/* GICv4.1 without a vPE table shared with the ITS (SVPET = 0): the redistributors' own. */
static u8 rd_vpe_table[CONFIG_ITS_SLOTS ? SZ_64K : 1] __attribute__((aligned(SZ_64K)));
static u8 vprop_tables[VPE_CPUS][ALIGN_UP(VPROP_BYTES, SZ_64K)] __attribute__((aligned(SZ_64K)));
static u8 vpend_tables[VPE_CPUS][SZ_64K] __attribute__((aligned(SZ_64K)));

/** LPIs of the pool (a variable: with no ITS partitions the product is 0). */
static u32 pool_lpis = CONFIG_ITS_SLOTS * CONFIG_ITS_EVENTS;

static struct {
	u64 base;
	bool up;     /**< probed and enabled */
	bool broken; /**< a command timed out: refuse further ones */
	u32 stalls;  /**< commands the ITS stalled on, replaced by SYNCs */
	bool pta;
	enum its_virt virt; /**< direct injection: what the hardware offers and partita uses */
	bool vpe[CONFIG_CPU_COUNT]; /**< pCPU i hosts vPE i, mapped with VMAPP */
	u64 vpropbaser41;	    /**< GICv4.1: GICR_VPROPBASER of every redistributor */
	u32 itt_esz;
	u32 lpi_bits;
	u64 cwriter;
	struct spinlock lock;	      /**< the command queue: all partitions share it */
	u64 rdbase[CONFIG_CPU_COUNT]; /**< each pCPU's RDbase field for MAPC and SYNC */
} its;

static void clean(const void *p, u64 size)
{
	arch_dcache_clean((u64)(uintptr_t)p, size);
}

/**
 * Issue @n commands and wait, bounded, until the ITS has read them all.
 * Called with the queue lock held. The queue only ever holds the commands
 * of one call, so it cannot fill.
 */
static int issue(const u64 (*cmds)[4], unsigned n)
{
	unsigned i;
	u64 w = its.cwriter;

	if (its.broken || !its.up)
		return -1;
	for (i = 0; i < n; i++) {
		memcpy(&cmd_queue[w], cmds[i], CMD_SIZE);
		clean(&cmd_queue[w], CMD_SIZE);
		w = (w + CMD_SIZE) % QUEUE_SIZE;
	}
	dsb(ish);
	its.cwriter = w;
	wr64(its.base + GITS_CWRITER, w);
	for (i = 0; i < POLL_BOUND; i++) {
		u64 r = rd64(its.base + GITS_CREADR);

		if (r == w)
			return 0;
		if ((r & GITS_CREADR_STALLED) && its.stalls++ < STALL_BOUND) {
			/*
			 * A command the ITS stalled on (one it took for an error, on
			 * an ITS that stalls on errors): put a SYNC in its place and
			 * retry, so that the queue, which every partition shares,
			 * goes on. It should not happen: every command is checked.
			 */
			u64 at = r & GENMASK(19, 5);

			pr_info("ITS: command 0x%02x stalled the ITS: replaced by a SYNC",
				cmd_queue[at]);
			memcpy(&cmd_queue[at], (const u64[4]){ CMD_SYNC, 0, its.rdbase[0], 0 },
			       CMD_SIZE);
			clean(&cmd_queue[at], CMD_SIZE);
			dsb(ish);
			wr64(its.base + GITS_CWRITER, w | GITS_CWRITER_RETRY);
		}
	}
	its.broken = true;
	pr_info("ITS: command 0x%02lx not completed (CREADR 0x%lx, CWRITER 0x%lx): ITS disabled",
		cmds[0][0] & 0xff, rd64(its.base + GITS_CREADR), w);
	return -1;
}

/**
 * One command, then a SYNC on @pcpu's redistributor (@vpe: a VSYNC on the
 * vPE there), so that its effect is complete on return.
 */
static int issue_synced_to(u64 c0, u64 c1, u64 c2, u64 c3, u32 pcpu, bool vpe)
{
	const u64 cmds[2][4] = { { c0, c1, c2, c3 },
				 { vpe ? CMD_VSYNC : CMD_SYNC, vpe ? (u64)pcpu << 32 : 0,
				   vpe ? 0 : its.rdbase[pcpu % CONFIG_CPU_COUNT], 0 } };
	int r;

	spin_lock(&its.lock);
	r = issue(cmds, 2);
	spin_unlock(&its.lock);
	return r;
}

static int issue_synced(u64 c0, u64 c1, u64 c2, u32 pcpu)
{
	return issue_synced_to(c0, c1, c2, 0, pcpu, false);
}

int its_mapti(u32 devid, u32 event, u32 plpi, u32 pcpu)
{
	return issue_synced(CMD_MAPTI | (u64)devid << 32, event | (u64)plpi << 32, pcpu, pcpu);
}

int its_movi(u32 devid, u32 event, u32 pcpu)
{
	return issue_synced(CMD_MOVI | (u64)devid << 32, event, pcpu, pcpu);
}

int its_discard(u32 devid, u32 event, int vpe)
{
	return issue_synced_to(CMD_DISCARD | (u64)devid << 32, event, 0, 0, vpe < 0 ? 0 : (u32)vpe,
			       vpe >= 0);
}

int its_int(u32 devid, u32 event)
{
	const u64 cmd[1][4] = { { ITS_CMD_INT | (u64)devid << 32, event, 0, 0 } };
	int r;

	spin_lock(&its.lock);
	r = issue(cmd, 1);
	spin_unlock(&its.lock);
	return r;
}

/**
 * Program table @n for @mem (@size bytes, 64 KiB aligned), flat or two-level
 * (@indirect), at the page size the ITS accepts. Returns the entries it
 * holds (two-level: the IDs its level-1 table can reach) and sets *@page
 * and *@esz; 0 on failure.
 */
static u64 setup_baser(unsigned n, u64 type, void *mem, u64 size, bool indirect, u64 *page,
		       u64 *esz)
{
	static const u64 psz_bytes[4] = { SZ_4K, 4 * SZ_4K, SZ_64K, SZ_64K };
	u64 reg = its.base + GITS_BASER + 8ULL * n;
	u64 psz = 2, v = 0;
	unsigned tries;

	for (tries = 0; tries < 3; tries++) {
		*page = psz_bytes[psz];
		v = BASER_VALID | (indirect ? BIT(62) : 0) | MEM_ATTRS_HI | type << 56 |
		    MEM_ATTRS_SH | psz << 8 | ((u64)(uintptr_t)mem & GENMASK(47, 12)) |
		    (size / *page - 1);
		wr64(reg, v);
		v = rd64(reg);
		if (BASER_PSZ(v) == psz)
			break;
		psz = BASER_PSZ(v); /* the ITS supports another page size only */
	}
	if (!(v & BASER_VALID) || BASER_PSZ(v) != psz || !!(v & BIT(62)) != indirect)
		return 0;
	*esz = BASER_ESZ(v);
	clean(mem, size);
	/* Two-level: 8-byte level-1 entries, each a page of @esz-byte entries. */
	return indirect ? size / 8 * (*page / *esz) : size / *esz;
}

/**
 * The device table: flat if one covers every DeviceID the configuration
 * names (and the platform does not ask for two levels), else two-level, with
 * a level-2 page from a static pool for each one those DeviceIDs fall in.
 */
static bool setup_device_table(unsigned n, const u32 *devids, size_t ndev, u64 max_dev,
			       bool force_indirect)
{
	static u8 l2[CONFIG_ITS_SLOTS ? CONFIG_ITS_SLOTS : 1][SZ_64K]
	    __attribute__((aligned(SZ_64K)));
	volatile u64 *l1 = (volatile u64 *)device_table;
	u64 page, esz, entries, per_page;
	size_t i, used = 0;

	entries = force_indirect ? 0
				 : setup_baser(n, BASER_TYPE_DEVICE, device_table,
					       sizeof(device_table), false, &page, &esz);
	if (entries > max_dev)
		return true;
	entries = setup_baser(n, BASER_TYPE_DEVICE, device_table, sizeof(device_table), true, &page,
			      &esz);
	if (entries <= max_dev || page > SZ_64K) {
		pr_info("ITS: no device table reaches DeviceID 0x%lx", max_dev);
		return false;
	}
	per_page = page / esz;
	for (i = 0; i < ndev; i++) {
		u64 idx = devids[i] / per_page;

		if (l1[idx] & BIT(63))
			continue;
		if (used == ARRAY_SIZE(l2))
			return false;
		clean(l2[used], page);
		l1[idx] = BIT(63) | ((u64)(uintptr_t)l2[used] & GENMASK(51, 12));
		used++;
	}
	clean(device_table, sizeof(device_table));
	pr_info("ITS: two-level device table, %zu level-2 page(s) of %lu KiB", used, page / 1024);
	return true;
}

/* --- GICv4: virtual LPIs, straight to resident vPEs ------------------------------ */

/** A vPE command may name pCPU @pcpu's vPE: it was mapped at boot. */
static bool vpe_ok(u32 pcpu)
{
	return its.virt != ITS_VIRT_NONE && pcpu < CONFIG_CPU_COUNT && its.vpe[pcpu];
}

enum its_virt its_virt(void)
{
	return its.virt;
}

const char *its_virt_name(enum its_virt v)
{
	return v == ITS_VIRT_V4_1 ? "GICv4.1" : v == ITS_VIRT_V4_0 ? "GICv4.0" : "GICv3";
}

int its_vmapti(u32 devid, u32 event, u32 vintid, u32 pcpu)
{
	if (!vpe_ok(pcpu))
		return -1;
	return issue_synced_to(CMD_VMAPTI | (u64)devid << 32, event | (u64)pcpu << 32,
			       vintid | NO_DOORBELL << 32, 0, pcpu, true);
}

int its_vmovi(u32 devid, u32 event, u32 pcpu)
{
	/*
	 * D = 0: the doorbell stays none. The INV makes the new vPE's
	 * redistributor read the vLPI's property byte again: it may have
	 * cached an older one from an earlier visit of the event.
	 */
	const u64 cmds[3][4] = { { CMD_VMOVI | (u64)devid << 32, event | (u64)pcpu << 32, 0, 0 },
				 { ITS_CMD_INV | (u64)devid << 32, event, 0, 0 },
				 { CMD_VSYNC, (u64)pcpu << 32, 0, 0 } };
	int r;

	if (!vpe_ok(pcpu))
		return -1;
	spin_lock(&its.lock);
	r = issue(cmds, 3);
	spin_unlock(&its.lock);
	return r;
}

int its_vevent(u8 op, u32 devid, u32 event, u32 pcpu)
{
	if (!vpe_ok(pcpu) || (op != ITS_CMD_INT && op != ITS_CMD_CLEAR && op != ITS_CMD_INV))
		return -1;
	return issue_synced_to(op | (u64)devid << 32, event, 0, 0, pcpu, true);
}

int its_vinvall(u32 pcpu)
{
	if (!vpe_ok(pcpu))
		return -1;
	return issue_synced_to(CMD_VINVALL, (u64)pcpu << 32, 0, 0, pcpu, true);
}

int its_vsync(u32 pcpu)
{
	const u64 cmd[1][4] = { { CMD_VSYNC, (u64)pcpu << 32, 0, 0 } };
	int r;

	if (!vpe_ok(pcpu))
		return -1;
	spin_lock(&its.lock);
	r = issue(cmd, 1);
	spin_unlock(&its.lock);
	return r;
}

void its_vprop_write(u32 pcpu, u32 vintid, const volatile u8 *src, u32 n)
{
	u8 *t;
	u32 i;

	if (!vpe_ok(pcpu) || vintid < 8192 || vintid - 8192 > VPROP_BYTES ||
	    n > VPROP_BYTES - (vintid - 8192))
		return;
	t = &vprop_tables[pcpu][vintid - 8192];
	for (i = 0; i < n; i++)
		t[i] = src ? src[i] : 0;
	clean(t, n);
}

/**
 * GICv4.1: every redistributor gets the vPE table in GICR_VPROPBASER; the
 * ITS's own (GITS_BASER2) when it shares it (SVPET != 0), else one of the
 * redistributors' own. partita gives all of them one table, so all must be
 * one sharing group (GICR_TYPER.CommonLPIAff = 0): a GIC that groups them
 * otherwise (several chips) takes the GICv3 path, and says so.
 */
static bool setup_vpropbaser41(u64 typer, unsigned vpe_baser, const u64 *cpu_mpidr, size_t ncpus,
			       const bool *want_vpe)
{
	u64 b = rd64(its.base + GITS_BASER + 8ULL * vpe_baser), psz = BASER_PSZ(b);
	u64 page = psz == 0 ? SZ_4K : psz == 1 ? 4 * SZ_4K : SZ_64K;
	void *table = GITS_TYPER_SVPET(typer) ? (void *)vpe_table : (void *)rd_vpe_table;
	size_t i;

	for (i = 0; i < ncpus && i < CONFIG_CPU_COUNT; i++) {
		u64 rd = want_vpe[i] ? gic_redist_base(cpu_mpidr[i]) : 0;

		if (rd && (!(rd64(rd + GICR_TYPER) & GICR_TYPER_RVPEID) ||
			   GICR_TYPER_COMMON_LPI_AFF(rd64(rd + GICR_TYPER)) != 0)) {
			pr_info("ITS: GICv4.1 redistributors without vPEIDs or in several groups");
			return false;
		}
	}
	clean(rd_vpe_table, sizeof(rd_vpe_table));
	its.vpropbaser41 = VPROPBASER41_VALID | (BASER_ESZ(b) / 8 - 1) << VPROPBASER41_ESZ_SHIFT |
			   psz << VPROPBASER41_PSZ_SHIFT |
			   ((u64)(uintptr_t)table & GENMASK(51, 12)) | LPI_ATTRS |
			   (SZ_64K / page - 1);
	return true;
}

/**
 * GICv4 if the ITS, the redistributors and this CPU's interface all have it
 * (GITS_TYPER.Virtual, GICR_TYPER.VLPIS, ICH_VTR_EL2.nV4 = 0) and the ITS
 * takes vINTIDs of ITS_VINTID_BITS bits; GICv4.1 if the ITS has VMAPP's
 * v4.1 form (GITS_TYPER.VMAPP) and its vPE table is GITS_BASER2, as v4.1
 * requires. Then the vPE table.
 */
static enum its_virt probe_virt(u64 typer, bool vlpis, unsigned vpe_baser, const u64 *cpu_mpidr,
				size_t ncpus, const bool *want_vpe)
{
	bool v41 = typer & GITS_TYPER_VMAPP;
	u64 page, esz;

	if (!(typer & GITS_TYPER_VIRTUAL) || !vlpis || !cpuif_direct_vlpis())
		return ITS_VIRT_NONE;
	/*
	 * vINTIDs of ITS_VINTID_BITS: the GIC's INTID bits must reach them.
	 * (QEMU 7.2 also holds VMAPP's VPT_size to GITS_TYPER.ID_bits, the
	 * EventID bits, which are 16 there.)
	 */
	if (bits_get(gic_dist_typer(), 23, 19) + 1 < ITS_VINTID_BITS || vpe_baser >= 8 ||
	    (v41 && vpe_baser != 2)) {
		pr_info("ITS: virtual LPIs offered, but not usable (INTID bits %lu, vPE table %s)",
			bits_get(gic_dist_typer(), 23, 19) + 1,
			vpe_baser < 8 ? "not GITS_BASER2" : "missing");
		return ITS_VIRT_NONE;
	}
	if (setup_baser(vpe_baser, BASER_TYPE_VPE, vpe_table, sizeof(vpe_table), false, &page,
			&esz) < CONFIG_CPU_COUNT) {
		pr_info("ITS: the vPE table holds too few vPEs");
		return ITS_VIRT_NONE;
	}
	if (v41 && !setup_vpropbaser41(typer, vpe_baser, cpu_mpidr, ncpus, want_vpe))
		return ITS_VIRT_NONE;
	return v41 ? ITS_VIRT_V4_1 : ITS_VIRT_V4_0;
}

/**
 * Before a vPE is mapped to redistributor @rd: no vPE left resident there
 * (by firmware, say), and on GICv4.1 the vPE table set, as VMAPP needs.
 */
static void vpe_redist_prepare(u64 rd)
{
	u64 i;

	if (!rd)
		return;
	if (rd64(rd + GICR_VPENDBASER) & VPENDBASER_VALID) {
		wr64(rd + GICR_VPENDBASER, 0);
		for (i = 0; i < POLL_BOUND && (rd64(rd + GICR_VPENDBASER) & VPENDBASER_DIRTY); i++)
			;
	}
	if (its.virt == ITS_VIRT_V4_1)
		wr64(rd + GICR_VPROPBASER, its.vpropbaser41);
	dsb(sy);
}

/**
 * VMAPP pCPU @pcpu's vPE (vPEID = @pcpu), resident there for good
 * (its_cpu_init()). GICv4.1's form also carries the vPE's property table
 * (VCONF), Alloc (its first mapping), PTZ (its pending table is zero) and
 * the default doorbell, none (1023).
 */
static void map_vpe(u32 pcpu)
{
	bool v41 = its.virt == ITS_VIRT_V4_1;
	const u64 vmapp[2][4] = {
		{ CMD_VMAPP | (v41 ? VMAPP41_ALLOC | VMAPP41_PTZ |
					 ((u64)(uintptr_t)vprop_tables[pcpu] & GENMASK(51, 16))
				   : 0),
		  (u64)pcpu << 32 | (v41 ? NO_DOORBELL : 0), BIT(63) | its.rdbase[pcpu],
		  ((u64)(uintptr_t)vpend_tables[pcpu] & GENMASK(51, 16)) | (ITS_VINTID_BITS - 1) },
		{ CMD_VSYNC, (u64)pcpu << 32, 0, 0 }
	};

	clean(vprop_tables[pcpu], sizeof(vprop_tables[pcpu]));
	clean(vpend_tables[pcpu], sizeof(vpend_tables[pcpu]));
	if (!issue(vmapp, 2))
		its.vpe[pcpu] = true;
}

/** The ITS's tables (GITS_BASERn) as its TYPER asks; the vPE table's BASER in *@vpe_baser. */
static bool setup_tables(u64 typer, const u32 *devids, size_t ndev, u64 max_dev, size_t ncpus,
			 bool force_indirect, unsigned *vpe_baser)
{
	u64 entries, page, esz;

	for (unsigned n = 0; n < 8; n++) {
		u64 t = BASER_TYPE(rd64(its.base + GITS_BASER + 8ULL * n));

		if (t == BASER_TYPE_VPE)
			*vpe_baser = n;
		if (t == BASER_TYPE_DEVICE) {
			if (!setup_device_table(n, devids, ndev, max_dev, force_indirect))
				return false;
		} else if (t == BASER_TYPE_COLLECTION && bits_get(typer, 31, 24) < ncpus) {
			entries = setup_baser(n, t, collection_table, sizeof(collection_table),
					      false, &page, &esz);
			if (entries < ncpus) {
				pr_info("ITS: collection table too small (%lu entries)", entries);
				return false;
			}
		}
	}
	return true;
}

/** The LPI tables: every pool LPI enabled at one priority, group 1. */
static bool setup_lpi_tables(void)
{
	u64 lpis;

	its.lpi_bits = MIN((u32)bits_get(gic_dist_typer(), 23, 19) + 1, LPI_MAX_BITS);
	lpis = (1ULL << its.lpi_bits) - 8192;
	if (pool_lpis > lpis) {
		pr_info("ITS: %u LPIs needed, the GIC has %lu", pool_lpis, lpis);
		return false;
	}
	for (u64 i = 0; i < pool_lpis; i++)
		prop_table[i] = LPI_PRIO | 1;
	clean(prop_table, sizeof(prop_table));
	clean(pend_tables, sizeof(pend_tables));
	return true;
}

/**
 * The first commands: one collection per pCPU (ICID = pCPU index), every
 * assigned device, and the vPEs of the pCPUs that want one. The vPEs made
 * resident are counted in *@nvpe.
 */
static void map_all(const u32 *devids, size_t ndev, const u64 *cpu_mpidr, size_t ncpus,
		    const bool *want_vpe, unsigned *nvpe)
{
	u32 size_field = 0;
	size_t i;

	while ((1u << (size_field + 1)) < CONFIG_ITS_EVENTS)
		size_field++;
	spin_lock(&its.lock);
	for (i = 0; i < ncpus && !its.broken; i++) {
		const u64 mapc[1][4] = { { CMD_MAPC, 0, BIT(63) | its.rdbase[i] | i, 0 } };

		issue(mapc, 1);
	}
	for (i = 0; i < ndev && !its.broken; i++) {
		const u64 mapd[1][4] = { { CMD_MAPD | (u64)devids[i] << 32, size_field,
					   BIT(63) | ((u64)(uintptr_t)itts[i] & GENMASK(51, 8)),
					   0 } };

		clean(itts[i], sizeof(itts[i]));
		issue(mapd, 1);
	}
	for (i = 0; i < ncpus && i < CONFIG_CPU_COUNT && its.virt && !its.broken; i++) {
		if (!want_vpe[i])
			continue;
		vpe_redist_prepare(gic_redist_base(cpu_mpidr[i]));
		map_vpe((u32)i);
		*nvpe += its.vpe[i];
	}
	spin_unlock(&its.lock);
}

bool its_init(u64 base, const u32 *devids, size_t ndev, const u64 *cpu_mpidr, size_t ncpus,
	      bool force_indirect, const bool *want_vpe, bool vlpis)
{
	u64 typer = rd64(base + GITS_TYPER);
	u64 max_dev = 0, i;
	unsigned vpe_baser = 8, nvpe = 0;
	bool any_vpe = false;

	memset(&its, 0, sizeof(its)); /* (once at boot; again in host tests) */
	its.base = base;
	its.pta = typer & GITS_TYPER_PTA;
	its.itt_esz = (u32)bits_get(typer, 7, 4) + 1;
	if (its.itt_esz > ITT_ENTRY_MAX) {
		pr_info("ITS: ITT entries of %u bytes are not supported", its.itt_esz);
		return false;
	}
	/* Firmware may have left it enabled: stop it, bounded. */
	wr32(base + GITS_CTLR, rd32(base + GITS_CTLR) & ~(u32)GITS_CTLR_ENABLED);
	for (i = 0; i < POLL_BOUND && !(rd32(base + GITS_CTLR) & GITS_CTLR_QUIESCENT); i++)
		;
	for (i = 0; i < ndev; i++)
		max_dev = MAX(max_dev, (u64)devids[i]);
	if (ndev && max_dev >> (bits_get(typer, 17, 13) + 1)) {
		pr_info("ITS: DeviceID 0x%lx beyond the ITS's Devbits", max_dev);
		return false;
	}
	if (!setup_tables(typer, devids, ndev, max_dev, ncpus, force_indirect, &vpe_baser))
		return false;
	for (i = 0; i < ncpus && i < CONFIG_CPU_COUNT; i++)
		any_vpe = any_vpe || want_vpe[i];
	its.virt = any_vpe ? probe_virt(typer, vlpis, vpe_baser, cpu_mpidr, ncpus, want_vpe)
			   : ITS_VIRT_NONE;
	wr64(base + GITS_CBASER, BIT(63) | MEM_ATTRS_HI | MEM_ATTRS_SH |
				     ((u64)(uintptr_t)cmd_queue & GENMASK(47, 12)) |
				     (QUEUE_SIZE / SZ_4K - 1));
	wr64(base + GITS_CWRITER, 0);
	its.cwriter = 0;
	clean(cmd_queue, sizeof(cmd_queue));
	if (!setup_lpi_tables())
		return false;
	for (i = 0; i < ncpus; i++) {
		u64 rd = gic_redist_base(cpu_mpidr[i]);

		if (!rd)
			return false;
		its.rdbase[i] =
		    its.pta ? rd & GENMASK(51, 16) : bits_get(rd64(rd + GICR_TYPER), 23, 8) << 16;
	}
	wr32(base + GITS_CTLR, GITS_CTLR_ENABLED);
	its.up = true;
	map_all(devids, ndev, cpu_mpidr, ncpus, want_vpe, &nvpe);
	if (its.broken)
		return false;
	pr_info("ITS: %zu device(s) mapped, %u LPIs of %u bits, ITT entries of %u bytes%s", ndev,
		pool_lpis, its.lpi_bits, its.itt_esz, its.pta ? ", PTA" : "");
	if (its.virt)
		pr_info("ITS: %s direct injection, %u vPE(s) resident, no doorbells",
			its_virt_name(its.virt), nvpe);
	else if (any_vpe)
		pr_info("ITS: no GICv4 virtual LPIs: vLPIs go through list registers");
	return true;
}

/**
 * Make vPE @pcpu resident on its redistributor @rd for good: the vCPU it
 * stands for never leaves this pCPU, so no doorbell is ever needed.
 */
static void vpe_resident(u32 pcpu, u64 rd)
{
	u64 i;

	if (its.virt == ITS_VIRT_V4_1) {
		/* The vPE table is set (vpe_redist_prepare()): the vPE by its vPEID, both groups
		 * on. */
		wr64(rd + GICR_VPENDBASER,
		     VPENDBASER_VALID | VPENDBASER41_VGRP0EN | VPENDBASER41_VGRP1EN | pcpu);
	} else {
		/* The vPE's own tables. IDAI: the pending table is zero, no IMPDEF state. */
		wr64(rd + GICR_VPROPBASER, ((u64)(uintptr_t)vprop_tables[pcpu] & GENMASK(51, 12)) |
					       LPI_ATTRS | (ITS_VINTID_BITS - 1));
		dsb(sy);
		wr64(rd + GICR_VPENDBASER, ((u64)(uintptr_t)vpend_tables[pcpu] & GENMASK(51, 16)) |
					       LPI_ATTRS | VPENDBASER_VALID | VPENDBASER_IDAI |
					       VPENDBASER_PENDING_LAST);
	}
	dsb(sy);
	/* Dirty is only meaningful where GICR_TYPER says so; a bounded wait either way. */
	for (i = 0; i < POLL_BOUND && (rd64(rd + GICR_TYPER) & GICR_TYPER_DIRTY) &&
		    (rd64(rd + GICR_VPENDBASER) & VPENDBASER_DIRTY);
	     i++)
		;
	if (!(rd64(rd + GICR_VPENDBASER) & VPENDBASER_VALID))
		pr_info("ITS: vPE %u did not become resident", pcpu);
}

void its_cpu_init(u32 pcpu, u64 mpidr)
{
	u64 rd = gic_redist_base(mpidr);

	if (!its.up || !rd || pcpu >= CONFIG_CPU_COUNT)
		return;
	/* EnableLPIs is off since reset: the tables may be set. */
	wr64(rd + GICR_PROPBASER,
	     ((u64)(uintptr_t)prop_table & GENMASK(51, 12)) | LPI_ATTRS | (its.lpi_bits - 1));
	wr64(rd + GICR_PENDBASER,
	     ((u64)(uintptr_t)pend_tables[pcpu] & GENMASK(51, 16)) | LPI_ATTRS);
	dsb(sy);
	wr32(rd + GICR_CTLR, rd32(rd + GICR_CTLR) | GICR_CTLR_ENABLE_LPIS);
	dsb(sy);
	if (its.vpe[pcpu])
		vpe_resident(pcpu, rd);
}

bool its_lpi_slot(u32 intid, u32 *slot, u32 *event)
{
	u32 n = intid - 8192;

	if (intid < 8192 || n >= pool_lpis)
		return false;
	*slot = n / CONFIG_ITS_EVENTS;
	*event = n % CONFIG_ITS_EVENTS;
	return true;
}
