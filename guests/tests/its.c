/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Area its/: the virtual ITS as a bare-metal guest ITS driver drives it
 * (config/test-its.c). One image, two roles. Partition "its" (two vCPUs)
 * owns the edu PCI device (DeviceID 0x10) and a second DeviceID 0x18 with
 * no device behind it; it maps devices, collections and events, raises LPIs
 * with INT and with real edu MSIs, changes them with INV, INVALL, MOVI,
 * DISCARD, CLEAR, MAPC and MAPD V=0, and sends commands in error. Partition
 * "its2" (one vCPU) owns DeviceID 0x20 only; it tries to map and trigger
 * its's devices, then uses its own. A four-vCPU partition ("smp",
 * config/test-its-smp.c) has its vCPUs share one queue at once.
 *
 * Every LPI taken is counted per vCPU and INTID and checked after a quiet
 * delay: "exactly once, on the right vCPU" or "not at all" is what is
 * checked.
 */
#include "gic.h"
#include "its.h"

#define LPI 8192
#define NLPI 64
#define QBYTES 4096
#define DEV_EDU 0x10
#define DEV_SPARE 0x18
#define DEV_PEER 0x20

/* The edu device on bus 0, slot 2 (qemu -device edu,addr=2), and its BAR. */
#define EDU_CFG RT_ECAM_DEV(2)
#define EDU_BAR 0x10000000UL
/* its2's own edu at 00:04.0 (qemu -device edu,addr=4), its BAR in its own window. */
#define PEER_EDU_CFG RT_ECAM_DEV(4)
#define PEER_EDU_BAR 0x11000000UL

static u8 cmdq[QBYTES] __attribute__((aligned(65536)));
static u8 devtab[65536] __attribute__((aligned(65536)));
static u8 colltab[65536] __attribute__((aligned(65536)));
static u8 prop[65536] __attribute__((aligned(65536)));
static u8 pend[2][65536] __attribute__((aligned(65536)));
static volatile u32 got[RT_MAX_CPUS][NLPI];
static volatile u32 other; /* interrupts that are not LPIs of ours */
static volatile u32 sec_ready;
static u64 cwriter;

static u32 cpu_id(void)
{
	u64 v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return (u32)(v & (RT_MAX_CPUS - 1));
}

static void handler(u32 intid)
{
	if (intid >= LPI && intid < LPI + NLPI)
		got[cpu_id()][intid - LPI] = got[cpu_id()][intid - LPI] + 1;
	else if (intid != INTID_VTIMER)
		other = other + 1;
}

static void clear_counts(void)
{
	for (u32 c = 0; c < RT_MAX_CPUS; c++)
		for (u32 i = 0; i < NLPI; i++)
			got[c][i] = 0;
	other = 0;
}

/** Total LPIs taken, other than @lpi on @cpu. */
static u32 stray(u32 cpu, u32 lpi)
{
	u32 n = other;

	for (u32 c = 0; c < RT_MAX_CPUS; c++)
		for (u32 i = 0; i < NLPI; i++)
			if (c != cpu || i != lpi - LPI)
				n += got[c][i];
	return n;
}

/** Queue one command and poll CREADR, as Linux does; false if it never caught up. */
static bool cmd(u64 c0, u64 c1, u64 c2, u64 c3)
{
	volatile u64 *slot = (volatile u64 *)&cmdq[cwriter];

	slot[0] = c0;
	slot[1] = c1;
	slot[2] = c2;
	slot[3] = c3;
	cwriter = (cwriter + 32) % QBYTES;
	/* The command and the property table writes before it, then CWRITER (as Linux's wmb). */
	__asm__ volatile("dsb ishst" ::: "memory");
	its_wr(GITS_CWRITER, cwriter);
	for (u32 i = 0; i < 100000; i++)
		if (its_rd(GITS_CREADR) == cwriter)
			return true;
	return false;
}

static bool mapd(u32 dev, u32 bits, bool valid)
{
	return cmd(CMD_MAPD | (u64)dev << 32, bits - 1, (valid ? BIT(63) : 0) | 0x40000000, 0);
}

static bool mapc(u32 icid, u32 vcpu, bool valid)
{
	return cmd(CMD_MAPC, 0, (valid ? BIT(63) : 0) | (u64)vcpu << 16 | icid, 0);
}

static bool mapti(u32 dev, u32 event, u32 lpi, u32 icid)
{
	return cmd(CMD_MAPTI | (u64)dev << 32, event | (u64)lpi << 32, icid, 0);
}

static bool devcmd(u8 op, u32 dev, u32 event, u32 icid)
{
	return cmd(op | (u64)dev << 32, event, icid, 0);
}

static void set_prop(u32 lpi, bool enabled)
{
	prop[lpi - LPI] = (u8)(0xa0 | (enabled ? 1 : 0));
}

/** This vCPU's redistributor: LPI tables and EnableLPIs. */
static void lpis_on(void)
{
	u64 rd = rt_gicr();

	*(volatile u64 *)(rd + GICR_PROPBASER) = (u64)(uintptr_t)prop | (16 - 1);
	*(volatile u64 *)(rd + GICR_PENDBASER) = (u64)(uintptr_t)pend[cpu_id() & 1];
	mmio_write32(rd + GICR_CTLR, 1);
}

static void settle(void)
{
	rt_delay_us(20000);
}

/** Exactly one @lpi on @cpu and nothing else, within a moment. */
static bool once(u32 cpu, u32 lpi)
{
	u64 end = rt_counter() + rt_counter_freq() / 5;

	while (got[cpu][lpi - LPI] == 0 && rt_counter() < end)
		;
	settle();
	return got[cpu][lpi - LPI] == 1 && stray(cpu, lpi) == 0;
}

static bool none(void)
{
	settle();
	return stray(RT_MAX_CPUS, LPI) == 0;
}

static void report_once(const char *name, u32 cpu, u32 lpi)
{
	check(name, once(cpu, lpi), "LPI %u: %u on vCPU %u, %u elsewhere", lpi, got[cpu][lpi - LPI],
	      cpu, stray(cpu, lpi));
	clear_counts();
}

static void report_none(const char *name)
{
	check(name, none(), "%u LPI(s) taken", stray(RT_MAX_CPUS, LPI));
	clear_counts();
}

static void secondary(u64 cpu)
{
	(void)cpu;
	rt_gic_cpu_init();
	lpis_on();
	rt_irq_enable();
	sec_ready = 1;
	for (;;)
		__asm__ volatile("wfi");
}

static bool its_setup(void)
{
	u64 q = (u64)(uintptr_t)cmdq;

	its_wr(GITS_CBASER, BIT(63) | q);
	its_wr(GITS_BASER0, BIT(63) | (u64)(uintptr_t)devtab | (2ULL << 8));
	its_wr(GITS_BASER1, BIT(63) | (u64)(uintptr_t)colltab | (2ULL << 8));
	cwriter = 0;
	its_wr(GITS_CWRITER, 0);
	mmio_write32(GITS + GITS_CTLR, 1);
	return mmio_read32(GITS + GITS_CTLR) & 1;
}

static void register_cases(void)
{
	u64 t = its_rd(GITS_TYPER);

	check("its/typer",
	      (t & 1) && bits_get(t, 7, 4) == 7 && bits_get(t, 12, 8) == 5 - 1 &&
		  bits_get(t, 17, 13) == 8 - 1 && bits_get(t, 31, 24) == 2 && !(t & BIT(19)),
	      "GITS_TYPER 0x%lx", t);
	check("its/pidr2", bits_get(mmio_read32(GITS + GITS_PIDR2), 7, 4) == 3, "PIDR2 0x%x",
	      mmio_read32(GITS + GITS_PIDR2));
	/* A queue beyond the partition's RAM: enabling is refused. */
	its_wr(GITS_CBASER, BIT(63) | 0x80000000UL);
	its_wr(GITS_BASER0, BIT(63) | (u64)(uintptr_t)devtab | (2ULL << 8));
	mmio_write32(GITS + GITS_CTLR, 1);
	check("its/enable-refused-queue-outside-ram", !(mmio_read32(GITS + GITS_CTLR) & 1),
	      "enabled");
	check("its/enabled", its_setup(), "GITS_CTLR 0x%x", mmio_read32(GITS + GITS_CTLR));
	/* Written while enabled: ignored. */
	its_wr(GITS_CBASER, BIT(63) | 0x40100000);
	check("its/cbaser-ignored-while-enabled",
	      (its_rd(GITS_CBASER) & GENMASK(47, 12)) == (u64)(uintptr_t)cmdq, "CBASER 0x%lx",
	      its_rd(GITS_CBASER));
	its_wr(GITS_CBASER, BIT(63) | (u64)(uintptr_t)cmdq);
}

static void command_cases(void)
{
	bool ok;

	ok = mapc(0, 0, true) && mapc(1, 1, true) && mapd(DEV_EDU, 5, true) &&
	     mapd(DEV_SPARE, 5, true) && mapti(DEV_EDU, 0, LPI + 0, 0) &&
	     mapti(DEV_EDU, 1, LPI + 1, 1) && mapti(DEV_SPARE, 0, LPI + 8, 0) &&
	     cmd(CMD_SYNC, 0, 0, 0);
	check("its/map", ok, "CREADR stuck at 0x%lx, CWRITER 0x%lx", its_rd(GITS_CREADR), cwriter);

	devcmd(CMD_INT, DEV_EDU, 0, 0);
	report_once("its/int", 0, LPI + 0);
	devcmd(CMD_INT, DEV_EDU, 1, 0);
	report_once("its/int-other-vcpu", 1, LPI + 1);
	devcmd(CMD_INT, DEV_SPARE, 0, 0);
	report_once("its/int-second-device", 0, LPI + 8);

	devcmd(CMD_MOVI, DEV_EDU, 1, 0);
	devcmd(CMD_INT, DEV_EDU, 1, 0);
	report_once("its/movi", 0, LPI + 1);
	devcmd(CMD_MOVI, DEV_EDU, 1, 1);

	set_prop(LPI + 0, false);
	devcmd(CMD_INV, DEV_EDU, 0, 0);
	devcmd(CMD_INT, DEV_EDU, 0, 0);
	report_none("its/inv-disabled");
	set_prop(LPI + 0, true);
	devcmd(CMD_INV, DEV_EDU, 0, 0);
	report_once("its/inv-enabled-pending-arrives", 0, LPI + 0);

	set_prop(LPI + 0, false);
	set_prop(LPI + 8, false);
	cmd(CMD_INVALL, 0, 0, 0);
	devcmd(CMD_INT, DEV_EDU, 0, 0);
	devcmd(CMD_INT, DEV_SPARE, 0, 0);
	report_none("its/invall-disabled");
	set_prop(LPI + 0, true);
	set_prop(LPI + 8, true);
	cmd(CMD_INVALL, 0, 0, 0);
	settle();
	check("its/invall-enabled", got[0][0] == 1 && got[0][8] == 1 && got[1][0] + got[1][8] == 0,
	      "LPI 8192 %u, 8200 %u time(s)", got[0][0], got[0][8]);
	clear_counts();

	/* CLEAR: made pending while disabled, cleared, enabled: nothing. */
	set_prop(LPI + 0, false);
	devcmd(CMD_INV, DEV_EDU, 0, 0);
	devcmd(CMD_INT, DEV_EDU, 0, 0);
	devcmd(CMD_CLEAR, DEV_EDU, 0, 0);
	set_prop(LPI + 0, true);
	devcmd(CMD_INV, DEV_EDU, 0, 0);
	report_none("its/clear");

	/* A collection moved: its LPIs go to the new vCPU; MOVALL is taken. */
	mapc(1, 0, true);
	devcmd(CMD_INT, DEV_EDU, 1, 0);
	report_once("its/mapc-remap", 0, LPI + 1);
	ok = cmd(CMD_MOVALL, 0, 1ULL << 16, 0);
	mapc(1, 1, true);
	devcmd(CMD_INT, DEV_EDU, 1, 0);
	check("its/movall", ok && once(1, LPI + 1), "LPI 8193 %u time(s) on vCPU 1", got[1][1]);
	clear_counts();

	devcmd(CMD_DISCARD, DEV_SPARE, 0, 0);
	devcmd(CMD_INT, DEV_SPARE, 0, 0);
	report_none("its/discard");
	mapd(DEV_SPARE, 5, false);
	devcmd(CMD_INT, DEV_SPARE, 0, 0);
	mapti(DEV_SPARE, 0, LPI + 8, 0);
	devcmd(CMD_INT, DEV_SPARE, 0, 0);
	report_none("its/mapd-unmapped");
}

/** Each command in error has no effect, and the queue goes on. */
static void error_cases(void)
{
	u64 before;

	check("its/err-device-beyond-devbits",
	      mapd(0x100, 5, true) && mapti(0x100, 2, LPI + 20, 0) &&
		  devcmd(CMD_INT, 0x100, 2, 0) && none(),
	      "queue stuck or LPI taken");
	clear_counts();
	check("its/err-device-not-owned",
	      mapd(DEV_PEER, 5, true) && mapti(DEV_PEER, 2, LPI + 20, 0) &&
		  devcmd(CMD_INT, DEV_PEER, 2, 0) && none(),
	      "queue stuck or LPI taken");
	clear_counts();
	check("its/err-event-beyond-itt",
	      mapti(DEV_EDU, 32, LPI + 21, 0) && devcmd(CMD_INT, DEV_EDU, 32, 0) && none(),
	      "queue stuck or LPI taken");
	clear_counts();
	check("its/err-collection-unmapped",
	      mapti(DEV_EDU, 3, LPI + 22, 7) && devcmd(CMD_INT, DEV_EDU, 3, 0) && none(),
	      "queue stuck or LPI taken");
	clear_counts();
	check("its/err-collection-beyond-range",
	      mapti(DEV_EDU, 4, LPI + 23, 64) && devcmd(CMD_INT, DEV_EDU, 4, 0) && none(),
	      "queue stuck or LPI taken");
	clear_counts();
	check("its/err-lpi-out-of-range",
	      mapti(DEV_EDU, 5, 100, 0) && mapti(DEV_EDU, 6, 65536, 0) &&
		  devcmd(CMD_INT, DEV_EDU, 5, 0) && devcmd(CMD_INT, DEV_EDU, 6, 0) && none(),
	      "queue stuck or interrupt taken");
	clear_counts();
	check("its/err-mapc-vcpu-out-of-range", mapc(2, 5, true) && none(), "queue stuck");
	/* CWRITER beyond the queue: ignored. */
	before = its_rd(GITS_CWRITER);
	its_wr(GITS_CWRITER, QBYTES + 0x20);
	check("its/err-cwriter-beyond-queue", its_rd(GITS_CWRITER) == before, "CWRITER 0x%lx",
	      its_rd(GITS_CWRITER));
	/* After all that the queue works. */
	devcmd(CMD_INT, DEV_EDU, 0, 0);
	report_once("its/queue-goes-on", 0, LPI + 0);
	/* A CPU write to the translation register forges nothing. */
	mmio_write32(GITS + GITS_TRANSLATER, 0);
	report_none("its/cpu-translater-ignored");
}

/** rt_edu_setup(), reported as case @name. */
static bool edu_setup(const char *name, u64 cfg, u64 bar, u32 event)
{
	return check(name, rt_edu_setup(cfg, bar, event), "no edu with MSI at 0x%lx", cfg);
}

/**
 * @n MSIs from the edu at @bar, one at a time (two to a still-pending LPI
 * would rightly be one): each waits for @lpi on @cpu. The LPIs taken.
 */
static u32 edu_msis(u64 bar, u32 n, u32 cpu, u32 lpi)
{
	for (u32 i = 0; i < n; i++) {
		u64 end = rt_counter() + rt_counter_freq() / 5;

		mmio_write32(bar + EDU_RAISE, 1);
		while (got[cpu][lpi - LPI] < i + 1 && rt_counter() < end)
			;
		mmio_write32(bar + EDU_ACK, 1);
	}
	settle();
	return got[cpu][lpi - LPI];
}

/**
 * The attack review found: move edu's BAR0 into its2's window, where its2's
 * own edu is, so that its2's accesses reach this partition's device. The
 * BAR must stay where partita placed it (and its2's case peer-edu-msi, which
 * runs at the same time, must still pass).
 */
static void bar_move_case(void)
{
	u32 bar;

	mmio_write32(EDU_CFG + 0x10, (u32)PEER_EDU_BAR);
	bar = mmio_read32(EDU_CFG + 0x10);
	check("pci/bar-move-refused", (bar & ~0xfu) == EDU_BAR,
	      "BAR0 reads 0x%x after a write of 0x%lx", bar, PEER_EDU_BAR);
	mmio_write32(EDU_CFG + 0x10, (u32)EDU_BAR);
	/* The device still answers at its own BAR. */
	check("pci/edu-at-its-bar", mmio_read32(EDU_BAR) == 0x010000edu, "edu ID 0x%x",
	      mmio_read32(EDU_BAR));
}

/** The edu device's MSIs, through the real doorbell. */
static void edu_cases(void)
{
	if (!edu_setup("its/edu-found", EDU_CFG, EDU_BAR, 2))
		return;
	mapti(DEV_EDU, 2, LPI + 2, 1);
	clear_counts();
	check("its/edu-msi", edu_msis(EDU_BAR, 10, 1, LPI + 2) == 10 && stray(1, LPI + 2) == 0,
	      "10 MSIs: %u LPI(s) on vCPU 1, %u elsewhere", got[1][2], stray(1, LPI + 2));
	clear_counts();
	/* Disabled: the MSI is held pending, and arrives once enabled. */
	set_prop(LPI + 2, false);
	devcmd(CMD_INV, DEV_EDU, 2, 0);
	mmio_write32(EDU_BAR + EDU_RAISE, 1);
	mmio_write32(EDU_BAR + EDU_ACK, 1);
	report_none("its/edu-msi-disabled");
	set_prop(LPI + 2, true);
	devcmd(CMD_INV, DEV_EDU, 2, 0);
	report_once("its/edu-msi-held-while-disabled", 1, LPI + 2);
	/* Discarded: the device's MSI goes nowhere. */
	devcmd(CMD_DISCARD, DEV_EDU, 2, 0);
	mmio_write32(EDU_BAR + EDU_RAISE, 1);
	mmio_write32(EDU_BAR + EDU_ACK, 1);
	report_none("its/edu-msi-discarded");

	/*
	 * 1,000 MSIs to this vCPU, counting partita's exits on its pCPU
	 * meanwhile: none with GICv4 direct injection, one each through list
	 * registers. The runner checks the printed count per GIC version.
	 */
	mapti(DEV_EDU, 2, LPI + 2, 0);
	clear_counts();
	{
		s64 e0 = rt_exits(), e1;
		u32 n = edu_msis(EDU_BAR, 1000, 0, LPI + 2);

		e1 = rt_exits();
		check("its/edu-msi-1000", n == 1000 && stray(0, LPI + 2) == 0,
		      "1000 MSIs: %u LPI(s) on vCPU 0, %u elsewhere", n, stray(0, LPI + 2));
		rt_printf("its/edu-msi-exits: %ld exit(s) for 1000 MSIs\n", e1 - e0 - 1);
	}
	clear_counts();
	bar_move_case();
}

/** The GIC up on this vCPU: every test LPI enabled, LPIs on, interrupts unmasked. */
#define GICR_CTLR_RWP BIT(3)
#define GICR_CTLR_CES BIT(1)
#define GICR_FRAME 0x20000

/** Write GICR_CTLR.EnableLPIs of vCPU @cpu's redistributor, then poll RWP; false if it stuck. */
static bool enable_lpis(u32 cpu, bool on)
{
	u64 rd = RT_GICR + cpu * GICR_FRAME;

	mmio_write32(rd + GICR_CTLR, on ? 1 : 0);
	for (u32 i = 0; i < 100000; i++)
		if (!(mmio_read32(rd + GICR_CTLR) & GICR_CTLR_RWP))
			return (mmio_read32(rd + GICR_CTLR) & 1) == (on ? 1u : 0u);
	return false;
}

/**
 * GICR_CTLR.EnableLPIs can be cleared (CES = 1) and set again: the guest
 * clears it on both vCPUs, writes pending bits into their pending tables
 * (PENDBASER.PTZ clear), sets it again, and takes exactly those 32 LPIs,
 * each once, on the vCPU its collection names; LPIs work on after that.
 */
static void enable_lpis_cases(void)
{
	u32 ces = mmio_read32(RT_GICR + GICR_CTLR) & GICR_CTLR_CES, missing = 0;
	bool ok = true;

	/* DeviceID 0x18's 32 events: LPI + 32 + e, even ones on vCPU 0, odd ones on vCPU 1. */
	ok &= mapd(DEV_SPARE, 5, false) && mapd(DEV_SPARE, 5, true) && mapc(0, 0, true) &&
	      mapc(1, 1, true);
	for (u32 e = 0; e < 32; e++)
		ok &= mapti(DEV_SPARE, e, LPI + 32 + e, e & 1);
	settle();
	clear_counts();
	ok &= enable_lpis(0, false) && enable_lpis(1, false);
	check("its/enablelpis-clearable", ok && ces,
	      "commands %s, CES %u, EnableLPIs now %u and %u", ok ? "done" : "failed", ces,
	      mmio_read32(RT_GICR + GICR_CTLR) & 1,
	      mmio_read32(RT_GICR + GICR_FRAME + GICR_CTLR) & 1);
	for (u32 c = 0; c < 2; c++) {
		for (u32 i = 0; i < sizeof(pend[c]); i++)
			pend[c][i] = 0;
		*(volatile u64 *)(RT_GICR + c * GICR_FRAME + GICR_PENDBASER) =
		    (u64)(uintptr_t)pend[c]; /* PTZ clear: the table holds something */
	}
	for (u32 e = 0; e < 32; e++) {
		u32 intid = LPI + 32 + e;

		pend[e & 1][intid / 8] |= (u8)(1u << (intid % 8));
	}
	__asm__ volatile("dsb sy" ::: "memory");
	ok = enable_lpis(0, true) && enable_lpis(1, true);
	settle();
	for (u32 e = 0; e < 32; e++)
		missing += got[e & 1][32 + e] != 1;
	check("its/enablelpis-again-imports-pending",
	      ok && !missing && stray(RT_MAX_CPUS, LPI) == 32,
	      "EnableLPIs set again %s; %u of 32 LPIs not taken exactly once on their vCPU, %u "
	      "taken in all",
	      ok ? "done" : "failed", missing, stray(RT_MAX_CPUS, LPI));
	clear_counts();
	devcmd(CMD_INT, DEV_SPARE, 3, 0);
	report_once("its/lpis-after-enablelpis-again", 1, LPI + 35);
	mapd(DEV_SPARE, 5, false);
}

static void gic_up(void)
{
	rt_gic_set_handler(handler);
	rt_gic_init();
	rt_gic_cpu_init();
	for (u32 i = 0; i < NLPI; i++)
		set_prop(LPI + i, true);
	lpis_on();
	rt_irq_enable();
}

static void its_main(void)
{
	gic_up();
	if (rt_cpu_on(1, secondary) != 0) {
		fail("its/secondary", "vCPU 1 did not start");
		return;
	}
	for (u32 i = 0; i < 1000 && !sec_ready; i++)
		rt_delay_us(1000);
	register_cases();
	command_cases();
	error_cases();
	edu_cases();
	enable_lpis_cases();
}

/*
 * its2's flood, while its runs its cases: 32,768 commands (MAPTI and DISCARD
 * of its own device's events, each a physical ITS command too) through a
 * 1 MiB queue, round after round for FLOOD_SECONDS. CWRITER is written once
 * per 32,767 commands; no trap may take more than FLOOD_PER_TRAP (8) of
 * them, so a CWRITER write and the CREADR read after it are two traps and
 * every later read one.
 */
#define FLOOD_QBYTES (1UL << 20)
#define FLOOD_SLOTS (FLOOD_QBYTES / 32)
#define FLOOD_SECONDS 8
#define ITS_CMD_BATCH 16
/* Each flood command (MAPTI, DISCARD) is a physical ITS command too: 2 units of the batch. */
#define FLOOD_PER_TRAP (ITS_CMD_BATCH / 2)
static u8 floodq[FLOOD_QBYTES] __attribute__((aligned(65536)));

static void flood(void)
{
	u64 end = rt_counter() + FLOOD_SECONDS * rt_counter_freq(), total = 0, max_step = 0;
	u64 w = 0, r, prev, traps = 0;
	u32 rounds = 0;
	bool first_ok = true;

	mmio_write32(GITS + GITS_CTLR, 0);
	for (u32 i = 0; i < 1000 && !(mmio_read32(GITS + GITS_CTLR) & BIT(31)); i++)
		;
	its_wr(GITS_CBASER, BIT(63) | (u64)(uintptr_t)floodq | (FLOOD_QBYTES / 4096 - 1));
	its_wr(GITS_CWRITER, 0);
	mmio_write32(GITS + GITS_CTLR, 1);
	rt_printf("its/flood: started\n");
	while (rounds == 0 || rt_counter() < end) {
		/* All slots but one: the queue holds FLOOD_SLOTS - 1 commands. */
		w = rt_its_flood_fill(floodq, FLOOD_QBYTES, w, DEV_PEER, LPI + 40);
		prev = its_rd(GITS_CREADR);
		its_wr(GITS_CWRITER, w);
		r = its_rd(GITS_CREADR);
		if ((r - prev + FLOOD_QBYTES) % FLOOD_QBYTES > 2 * FLOOD_PER_TRAP * 32)
			first_ok = false;
		traps += 2;
		while (r != w) {
			u64 step;

			prev = r;
			r = its_rd(GITS_CREADR);
			step = (r - prev + FLOOD_QBYTES) % FLOOD_QBYTES / 32;
			max_step = step > max_step ? step : max_step;
			traps++;
		}
		total += FLOOD_SLOTS - 1;
		rounds++;
	}
	check("its/flood-batch-bound", first_ok && max_step <= FLOOD_PER_TRAP,
	      "a trap took %lu commands", max_step);
	check("its/flood-all-processed", total >= 32768 && its_rd(GITS_CREADR) == w,
	      "%lu commands in %u round(s), CREADR 0x%lx, CWRITER 0x%lx", total, rounds,
	      its_rd(GITS_CREADR), w);
	rt_printf("its/flood: %lu commands in %u round(s), %lu traps, at most %lu per trap\n",
		  total, rounds, traps, max_step);
}

/** its2: name its's devices (in vain), then its own. */
static void peer_main(void)
{
	gic_up();
	if (!its_setup()) {
		fail("its/peer-enabled", "GITS_CTLR 0x%x", mmio_read32(GITS + GITS_CTLR));
		return;
	}
	mapc(0, 0, true);
	/* its's devices: not this partition's to map. */
	mapd(DEV_EDU, 5, true);
	mapti(DEV_EDU, 0, LPI + 30, 0);
	devcmd(CMD_INT, DEV_EDU, 0, 0);
	mapd(DEV_SPARE, 5, true);
	devcmd(CMD_INT, DEV_SPARE, 0, 0);
	report_none("its/peer-cannot-map-others-devices");
	mapd(DEV_PEER, 5, true);
	mapti(DEV_PEER, 0, LPI + 30, 0);
	devcmd(CMD_INT, DEV_PEER, 0, 0);
	report_once("its/peer-int", 0, LPI + 30);
	/* Its own edu (00:04.0, DeviceID 0x20): its MSIs come here, never to its. */
	if (edu_setup("its/peer-edu-found", PEER_EDU_CFG, PEER_EDU_BAR, 1)) {
		mapti(DEV_PEER, 1, LPI + 31, 0);
		check("its/peer-edu-msi",
		      edu_msis(PEER_EDU_BAR, 5, 0, LPI + 31) == 5 && stray(0, LPI + 31) == 0,
		      "5 MSIs: %u LPI(s), %u other", got[0][31], stray(0, LPI + 31));
		clear_counts();
	}
	/* Meanwhile, nothing of its's reached this partition. */
	rt_delay_us(200000);
	report_none("its/peer-took-nothing-of-its");
	flood();
}

/*
 * The "smp" role (config/test-its-smp.c): four vCPUs share one queue, as
 * Linux's CPUs do. A token stands for the guest's queue lock: the vCPU
 * holding it appends a group of four commands and writes CWRITER, then
 * passes it on and polls CREADR unlocked while the others append. Each
 * group is INT on an unmapped event (an error), MAPTI, INT, DISCARD of the
 * vCPU's own event: processed exactly once and in order, every group makes
 * exactly one error, so partita's count at the stop must be 1,000.
 */
#define SMP_VCPUS 4
#define SMP_GROUPS 250
static volatile u32 token, smp_done[SMP_VCPUS], smp_stuck[SMP_VCPUS];

static bool queue_room(u64 need)
{
	u64 used = (cwriter - its_rd(GITS_CREADR) + QBYTES) % QBYTES;

	return used + need < QBYTES;
}

static void smp_vcpu(u64 cpu)
{
	u32 ev = (u32)cpu;

	if (cpu)
		rt_gic_cpu_init();
	for (u32 g = 0; g < SMP_GROUPS; g++) {
		volatile u64 *slot;
		u64 mine;
		const u64 c[4][2] = {
			{ CMD_INT | (u64)DEV_SPARE << 32, ev },
			{ CMD_MAPTI | (u64)DEV_SPARE << 32, ev | (u64)(LPI + 32 + ev) << 32 },
			{ CMD_INT | (u64)DEV_SPARE << 32, ev },
			{ CMD_DISCARD | (u64)DEV_SPARE << 32, ev },
		};

		while (token != cpu)
			;
		for (u64 end = rt_counter() + 30 * rt_counter_freq(); !queue_room(4 * 32);) {
			if (rt_counter() > end) {
				smp_stuck[cpu] =
				    smp_stuck[cpu] + 1; /* never overwrite a queued command */
				token = (u32)((cpu + 1) % SMP_VCPUS);
				smp_done[cpu] = 1;
				for (;;)
					__asm__ volatile("wfi");
			}
		}
		for (u32 i = 0; i < 4; i++) {
			slot = (volatile u64 *)&cmdq[cwriter];
			slot[0] = c[i][0];
			slot[1] = c[i][1];
			slot[2] = i == 1 ? ev : 0; /* MAPTI: collection = own vCPU */
			slot[3] = 0;
			cwriter = (cwriter + 32) % QBYTES;
		}
		mine = cwriter;
		its_wr(GITS_CWRITER, cwriter);
		token = (u32)((cpu + 1) % SMP_VCPUS);
		/* Unlocked: wait (up to 30 s) until CREADR has passed this group. */
		for (u64 end = rt_counter() + 30 * rt_counter_freq();;) {
			u64 r = its_rd(GITS_CREADR);

			if ((mine - r + QBYTES) % QBYTES > (cwriter - r + QBYTES) % QBYTES ||
			    r == mine)
				break;
			if (rt_counter() > end) {
				smp_stuck[cpu] = smp_stuck[cpu] + 1;
				break;
			}
		}
	}
	smp_done[cpu] = 1;
	if (cpu)
		for (;;)
			__asm__ volatile("wfi");
}

static void smp_main(void)
{
	bool ok;
	u32 stuck = 0;

	rt_gic_set_handler(handler);
	rt_gic_init();
	rt_gic_cpu_init();
	lpis_on();
	ok = its_setup() && mapd(DEV_SPARE, 5, true);
	for (u32 i = 0; i < SMP_VCPUS; i++)
		ok = ok && mapc(i, i, true);
	check("its/smp-setup", ok, "ITS setup failed");
	token = 0;
	for (u32 i = 1; i < SMP_VCPUS; i++)
		if (rt_cpu_on(i, smp_vcpu) != 0)
			fail("its/smp-cpu-on", "vCPU %u did not start", i);
	smp_vcpu(0);
	/* The others finish their groups too (QEMU may run four vCPUs on fewer host CPUs). */
	for (u32 i = 0; i < SMP_VCPUS; i++) {
		for (u32 n = 0; n < 60000 && !smp_done[i]; n++)
			rt_delay_us(1000);
		stuck += smp_stuck[i] + !smp_done[i];
	}
	check("its/smp-all-done", stuck == 0 && its_rd(GITS_CREADR) == cwriter,
	      "%u vCPU(s) stuck, CREADR 0x%lx, CWRITER 0x%lx", stuck, its_rd(GITS_CREADR), cwriter);
}

/** Redistributor frames of this partition: the one with Last set tells. */
static u32 vcpu_count(void)
{
	for (u32 i = 0; i < RT_MAX_CPUS; i++)
		if (*(volatile u64 *)(RT_GICR + i * 0x20000UL + GICR_TYPER) & 0x10)
			return i + 1;
	return RT_MAX_CPUS;
}

void guest_main(u64 dtb)
{
	u32 n = vcpu_count();

	(void)dtb;
	if (n == 1)
		peer_main(); /* its2 */
	else if (n == SMP_VCPUS)
		smp_main();
	else
		its_main();
}
