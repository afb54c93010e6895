/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The SMMUv3 driver (see drivers/smmu.h; IHI 0070). Every structure is
 * static: a two-level stream table with one level-2 table per PCI bus that
 * has a stream partita sets (a linear one of 256 streams where the SMMU has
 * no two-level tables), a command queue of 256 commands, an event queue of
 * 128 records, a context descriptor per partition. Commands are issued under
 * one lock and each batch ends with a CMD_SYNC whose completion is awaited
 * a bounded number of polls; a command the SMMU refuses is skipped and
 * counted.
 *
 * Facts this relies on that differ between SMMUs (QEMU's model included):
 * the event queue's pointers are read and written at their page-1 offsets
 * (QEMU also answers at page 0; real SMMUs only at page 1); SMMU_GBPA may be
 * unimplemented (QEMU 7.2: RAZ/WI, so a disabled SMMU lets DMA bypass); a
 * stage-1-only SMMU cannot use stage-2 tables through a context descriptor,
 * whose descriptors mean other permissions.
 */
#include <arch/cache.h>
#include <arch/sysreg.h>
#include <core/console.h>
#include <core/lib.h>
#include <core/spinlock.h>
#include <drivers/io.h>
#include <drivers/smmu.h>
#include <config_gen.h>

/* Registers (page 0 unless noted). */
#define SMMU_IDR0 0x000
#define SMMU_IDR1 0x004
#define SMMU_IDR5 0x014
#define SMMU_CR0 0x020
#define SMMU_CR0ACK 0x024
#define SMMU_CR1 0x028
#define SMMU_CR2 0x02c
#define SMMU_GBPA 0x044
#define SMMU_IRQ_CTRL 0x050
#define SMMU_IRQ_CTRLACK 0x054
#define SMMU_GERROR 0x060
#define SMMU_GERRORN 0x064
#define SMMU_GERROR_IRQ_CFG0 0x068
#define SMMU_STRTAB_BASE 0x080
#define SMMU_STRTAB_BASE_CFG 0x088
#define SMMU_CMDQ_BASE 0x090
#define SMMU_CMDQ_PROD 0x098
#define SMMU_CMDQ_CONS 0x09c
#define SMMU_EVENTQ_BASE 0x0a0
#define SMMU_EVENTQ_IRQ_CFG0 0x0b0
#define SMMU_EVENTQ_PROD 0x100a8 /* page 1 */
#define SMMU_EVENTQ_CONS 0x100ac /* page 1 */

#define IDR0_S2P BIT(0)
#define IDR0_S1P BIT(1)
#define IDR0_TTF_AA64 BIT(3)
#define IDR0_HYP BIT(9)
#define IDR0_ATS BIT(10)
#define IDR0_ST_LEVEL_2 BIT(27)
#define CR0_SMMUEN BIT(0)
#define CR0_EVENTQEN BIT(2)
#define CR0_CMDQEN BIT(3)
#define CR0_ATSCHK BIT(4) /* ATS-translated transactions checked against STE.EATS */
#define GBPA_ABORT BIT(20)
#define GBPA_UPDATE BIT(31)
#define IRQ_CTRL_GERROR BIT(0)
#define IRQ_CTRL_EVENTQ BIT(2)
#define BASE_RA BIT(62) /* read-allocate hint; WA for the event queue, same bit */
#define GERROR_ACTIVE 0x1fd
#define CONS_ERR(c) (((c) >> 24) & 0x7f)
#define CERROR_ILL 1
#define EVENTQ_OVF BIT(31)

/* Queue and table sizes. */
#define CMDQ_LOG2 8
#define EVTQ_LOG2 7
#define SPLIT 8		 /* a level-2 table: 256 streams, one PCI bus */
#define L1_MAX_LOG2 8	 /* level-1 entries: up to 16 StreamID bits */
#define SMMU_L2_TABLES 4 /* buses with a stream partita sets */
#define POLL_BOUND 1000000

/* Commands (opcode in bits [7:0] of the first word). */
#define CMD_CFGI_STE 0x03
#define CMD_CFGI_ALL 0x04 /* CFGI_STE_RANGE with Range = 31 */
#define CMD_CFGI_CD 0x05
#define CMD_TLBI_NH_ASID 0x11
#define CMD_TLBI_EL2_ALL 0x20
#define CMD_TLBI_S12_VMALL 0x28
#define CMD_TLBI_NSNH_ALL 0x30
#define CMD_SYNC 0x46

static u64 cmdq[1u << CMDQ_LOG2][2] __attribute__((aligned(1u << (CMDQ_LOG2 + 4))));
static u64 evtq[1u << EVTQ_LOG2][4] __attribute__((aligned(1u << (EVTQ_LOG2 + 5))));
static u64 l1[1u << L1_MAX_LOG2] __attribute__((aligned(8u << L1_MAX_LOG2)));
/* Level-2 tables; without two-level support, the first is the linear table. */
static u64 l2[SMMU_L2_TABLES][1u << SPLIT][8] __attribute__((aligned(64u << SPLIT)));
static u64 cds[CONFIG_PARTITION_COUNT][8] __attribute__((aligned(64)));

static struct {
	struct spinlock lock;
	u64 base;
	enum smmu_mode mode;
	bool two_level;
	bool hyp;
	u32 cr0;		      /**< bits every CR0 write carries once set (ATSCHK) */
	u32 sid_bits;		      /**< streams the table covers: 2^sid_bits */
	u32 l2_of[1u << L1_MAX_LOG2]; /**< level-2 table + 1 of each bus, 0: none */
	u32 nl2;
	u32 prod; /**< CMDQ_PROD as last written (index and wrap) */
	bool broken;
	struct smmu_stats stats;
} smmu;

static void clean(const void *p, u64 size)
{
	arch_dcache_clean((u64)(uintptr_t)p, size);
}

/* --- structures --------------------------------------------------------------------- */

void smmu_ste_abort(u64 ste[8])
{
	for (int i = 0; i < 8; i++)
		ste[i] = 0;
	ste[0] = 1;	     /* V; Config 0b000: abort, silently */
	ste[1] = 1ULL << 44; /* SHCFG: incoming (unused) */
}

void smmu_ste_s2(u64 ste[8], const struct smmu_s2 *t)
{
	for (int i = 0; i < 8; i++)
		ste[i] = 0;
	ste[0] = 1 | 6ULL << 1; /* V; Config 0b110: stage 1 bypass, stage 2 translate */
	/*
	 * The VTCR_EL2-like fields (T0SZ, SL0, walks inner and outer
	 * write-back, inner shareable, 4 KiB granule, PS), AArch64 tables,
	 * little endian, faults recorded (S2R) unless quiet, stage-1 walks to
	 * Device memory fault (S2PTW).
	 */
	ste[2] = t->vmid | (u64)t->t0sz << 32 | (u64)(t->sl0 & 3) << 38 | 1ULL << 40 | 1ULL << 42 |
		 3ULL << 44 | (u64)(t->ps & 7) << 48 | BIT(51) | BIT(54) | (t->quiet ? 0 : BIT(58));
	ste[3] = t->ttb & GENMASK(51, 4);
}

void smmu_ste_s1(u64 ste[8], u64 cd_pa)
{
	for (int i = 0; i < 8; i++)
		ste[i] = 0;
	/* V; Config 0b101: stage 1 translate, stage 2 bypass; one CD (S1CDMax 0), linear. */
	ste[0] = 1 | 5ULL << 1 | (cd_pa & GENMASK(51, 6));
	/* CD fetches inner and outer write-back, inner shareable; NS-EL1 regime (STRW 0). */
	ste[1] = 1ULL << 2 | 1ULL << 4 | 3ULL << 6;
}

void smmu_cd_s1(u64 cd[8], const struct smmu_s1 *t)
{
	for (int i = 0; i < 8; i++)
		cd[i] = 0;
	/*
	 * T0SZ; 4 KiB granule (TG0 0); walks inner and outer write-back, inner
	 * shareable; no TTB1 (EPD1); valid; IPS; AArch64; faults aborted (A)
	 * and recorded (R) unless quiet; ASID not shared with the CPUs (ASET).
	 */
	cd[0] = (t->t0sz & 0x3f) | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 | BIT(30) | BIT(31) |
		(u64)(t->ips & 7) << 32 | BIT(41) | (t->quiet ? 0 : BIT(45)) | BIT(46) | BIT(47) |
		(u64)t->asid << 48;
	cd[1] = t->ttb0 & GENMASK(51, 4);
	cd[3] = t->mair;
}

/* --- registers ---------------------------------------------------------------------- */

static bool wait32(u64 reg, u32 mask, u32 want)
{
	for (u32 i = 0; i < POLL_BOUND; i++)
		if ((rd32(smmu.base + reg) & mask) == want)
			return true;
	return false;
}

/** Write CR0 and wait for CR0ACK to say the same. */
static bool cr0_set(u32 v)
{
	v |= smmu.cr0;
	wr32(smmu.base + SMMU_CR0, v);
	return wait32(SMMU_CR0ACK, 0xffffffff, v);
}

/* --- command queue ------------------------------------------------------------------ */

static u32 q_idx(u32 p, u32 log2)
{
	return p & ((1u << log2) - 1);
}

/** Pointer @p advanced by one (index and wrap bit). */
static u32 q_inc(u32 p, u32 log2)
{
	return (p + 1) & ((2u << log2) - 1);
}

/** Has the SMMU consumed every command up to @prod? */
static bool cmdq_done(u32 prod)
{
	/* Index and wrap only: QEMU leaves CONS.ERR set once an error was seen. */
	return (rd32(smmu.base + SMMU_CMDQ_CONS) & ((2u << CMDQ_LOG2) - 1)) == prod;
}

/**
 * The SMMU stopped at a command it refused (CERROR_*): make that slot a
 * CMD_SYNC and acknowledge, so it goes on (IHI 0070, 7.1).
 */
static void cmdq_skip_error(void)
{
	u32 gerror = rd32(smmu.base + SMMU_GERROR), gerrorn = rd32(smmu.base + SMMU_GERRORN);
	u32 cons = rd32(smmu.base + SMMU_CMDQ_CONS);

	if (!((gerror ^ gerrorn) & SMMU_GERROR_CMDQ))
		return;
	if (CONS_ERR(cons) == CERROR_ILL) {
		cmdq[q_idx(cons, CMDQ_LOG2)][0] = CMD_SYNC;
		cmdq[q_idx(cons, CMDQ_LOG2)][1] = 0;
		clean(cmdq[q_idx(cons, CMDQ_LOG2)], 16);
	}
	smmu.stats.cmd_errors++;
	pr_info("SMMU: command 0x%02lx refused (CERROR %u), skipped",
		cmdq[q_idx(cons, CMDQ_LOG2)][0] & 0xff, CONS_ERR(cons));
	wr32(smmu.base + SMMU_GERRORN, gerrorn ^ SMMU_GERROR_CMDQ);
}

/**
 * Issue @n commands and a CMD_SYNC, and wait, boundedly, until the SMMU
 * has consumed them. Lock held. 0, or -1 if it did not in time (the SMMU
 * is then taken for broken: nothing more is issued).
 */
static int cmdq_issue_locked(const u64 (*cmds)[2], u32 n)
{
	u32 prod = smmu.prod;

	if (smmu.broken)
		return -1;
	for (u32 i = 0; i <= n; i++) {
		u64 *slot = cmdq[q_idx(prod, CMDQ_LOG2)];
		u32 j;

		/* Room: the slot must be free (CONS past it); a SYNC at the end keeps it so. */
		for (j = 0; j < POLL_BOUND; j++) {
			u32 cons = rd32(smmu.base + SMMU_CMDQ_CONS) & ((2u << CMDQ_LOG2) - 1);

			if ((prod ^ cons) != (1u << CMDQ_LOG2))
				break;
			cmdq_skip_error();
		}
		if (j == POLL_BOUND)
			goto timeout;
		slot[0] = i < n ? cmds[i][0] : CMD_SYNC; /* CS = 0: polled */
		slot[1] = i < n ? cmds[i][1] : 0;
		clean(slot, 16);
		prod = q_inc(prod, CMDQ_LOG2);
	}
	dsb(ish);
	smmu.prod = prod;
	wr32(smmu.base + SMMU_CMDQ_PROD, prod);
	for (u32 i = 0; i < POLL_BOUND; i++) {
		if (cmdq_done(prod))
			return 0;
		cmdq_skip_error();
	}
timeout:
	smmu.stats.sync_timeouts++;
	smmu.broken = true;
	pr_info("SMMU: CMD_SYNC not done after %u polls: no more commands", POLL_BOUND);
	return -1;
}

static int cmdq_issue(const u64 (*cmds)[2], u32 n)
{
	int r;

	spin_lock(&smmu.lock);
	r = cmdq_issue_locked(cmds, n);
	spin_unlock(&smmu.lock);
	return r;
}

/* --- stream table ------------------------------------------------------------------- */

/** The STE of @sid, or NULL if the table cannot hold it (a level-2 table taken if need be). */
static u64 *ste_of(u32 sid)
{
	u32 bus = sid >> SPLIT;

	if (sid >> smmu.sid_bits)
		return NULL;
	if (!smmu.two_level)
		return l2[0][sid];
	if (!smmu.l2_of[bus]) {
		/* At boot, for the streams the configuration names: the pool is sized for them. */
		if (smmu.nl2 == SMMU_L2_TABLES)
			return NULL;
		for (u32 i = 0; i < (1u << SPLIT); i++)
			smmu_ste_abort(l2[smmu.nl2][i]);
		clean(l2[smmu.nl2], sizeof(l2[0]));
		/* L2Ptr, and SPAN = SPLIT + 1: 2^SPLIT streams. */
		l1[bus] = ((u64)(uintptr_t)l2[smmu.nl2] & GENMASK(51, 6)) | (SPLIT + 1);
		clean(&l1[bus], 8);
		smmu.l2_of[bus] = ++smmu.nl2;
		/* The level-1 descriptor may be cached as invalid: CFGI_STE with Leaf = 0. */
		{
			const u64 c[1][2] = { { CMD_CFGI_STE | (u64)sid << 32, 0 } };

			if (cmdq_issue_locked(c, 1))
				return NULL;
		}
	}
	return l2[smmu.l2_of[bus] - 1][sid & ((1u << SPLIT) - 1)];
}

/**
 * Make stream @sid's STE @ste: the words the SMMU may not yet use first,
 * the first word (V, Config) last, each followed by CFGI_STE + SYNC, so
 * that the SMMU never sees a mix (it reads an STE a 64-bit word at a time,
 * in any order).
 */
static int ste_write(u32 sid, const u64 ste[8])
{
	const u64 cfgi[1][2] = { { CMD_CFGI_STE | (u64)sid << 32, 1 /* Leaf */ } };
	u64 *e;
	int r = -1;

	spin_lock(&smmu.lock);
	e = smmu.mode != SMMU_MODE_NONE ? ste_of(sid) : NULL;
	if (e) {
		/* To abort: the first word alone decides, at once; else it goes last. */
		bool to_abort = bits_get(ste[0], 3, 1) == 0;

		if (!to_abort) {
			for (int i = 1; i < 8; i++)
				e[i] = ste[i];
			clean(e, 64);
			if (cmdq_issue_locked(cfgi, 1))
				goto out;
		}
		__atomic_store_n(&e[0], ste[0], __ATOMIC_RELAXED);
		for (int i = 1; i < 8 && to_abort; i++)
			e[i] = ste[i];
		clean(e, 64);
		r = cmdq_issue_locked(cfgi, 1);
	}
out:
	spin_unlock(&smmu.lock);
	return r;
}

int smmu_stream_abort(u32 sid)
{
	u64 ste[8];

	smmu_ste_abort(ste);
	return ste_write(sid, ste);
}

int smmu_stream_s2(u32 sid, const struct smmu_s2 *t)
{
	u64 ste[8];
	const u64 tlbi[1][2] = { { CMD_TLBI_S12_VMALL | (u64)t->vmid << 32, 0 } };

	if (smmu.mode != SMMU_MODE_STAGE2)
		return -1;
	smmu_ste_s2(ste, t);
	if (ste_write(sid, ste))
		return -1;
	return cmdq_issue(tlbi, 1);
}

int smmu_stream_s1(u32 sid, const struct smmu_s1 *t, u32 cd)
{
	u64 ste[8];
	const u64 cmds[2][2] = { { CMD_CFGI_CD | (u64)sid << 32, 1 /* Leaf */ },
				 { CMD_TLBI_NH_ASID | (u64)t->asid << 48, 0 } };

	if (smmu.mode != SMMU_MODE_STAGE1 || cd >= CONFIG_PARTITION_COUNT)
		return -1;
	/* The CD first, and nothing of an earlier one cached, then the STE that names it. */
	smmu_cd_s1(cds[cd], t);
	clean(cds[cd], 64);
	if (cmdq_issue(cmds, 2))
		return -1;
	smmu_ste_s1(ste, (u64)(uintptr_t)cds[cd]);
	return ste_write(sid, ste);
}

/* --- events and errors -------------------------------------------------------------- */

u32 smmu_events(void (*fn)(void *ctx, const struct smmu_event *ev), void *ctx, u32 max)
{
	u32 prod, cons, n = 0, mask = (2u << EVTQ_LOG2) - 1;

	if (smmu.mode == SMMU_MODE_NONE)
		return 0;
	spin_lock(&smmu.lock);
	prod = rd32(smmu.base + SMMU_EVENTQ_PROD);
	cons = rd32(smmu.base + SMMU_EVENTQ_CONS);
	while ((cons & mask) != (prod & mask) && n < max) {
		const u64 *r = evtq[q_idx(cons, EVTQ_LOG2)];
		struct smmu_event ev;

		arch_dcache_clean_inval((u64)(uintptr_t)r, 32);
		ev = (struct smmu_event){ .type = (u8)r[0],
					  .sid = (u32)(r[0] >> 32),
					  .read = r[1] & BIT(35),
					  .s2 = r[1] & BIT(39),
					  .addr = r[2],
					  .ipa = r[3] & GENMASK(51, 12) };
		cons = (cons & EVENTQ_OVF) | q_inc(cons & mask, EVTQ_LOG2);
		n++;
		fn(ctx, &ev);
	}
	/* Records were lost: acknowledge the overflow (OVACKFLG = OVFLG). */
	if ((prod ^ cons) & EVENTQ_OVF) {
		smmu.stats.event_overflow++;
		cons ^= EVENTQ_OVF;
	}
	wr32(smmu.base + SMMU_EVENTQ_CONS, cons);
	spin_unlock(&smmu.lock);
	return n;
}

bool smmu_events_pending(void)
{
	u32 mask = (2u << EVTQ_LOG2) - 1;
	bool pending;

	if (smmu.mode == SMMU_MODE_NONE)
		return false;
	spin_lock(&smmu.lock);
	pending = (rd32(smmu.base + SMMU_EVENTQ_PROD) & mask) !=
		  (rd32(smmu.base + SMMU_EVENTQ_CONS) & mask);
	spin_unlock(&smmu.lock);
	return pending;
}

u32 smmu_gerror(void)
{
	u32 gerror, active;

	if (smmu.mode == SMMU_MODE_NONE)
		return 0;
	spin_lock(&smmu.lock);
	gerror = rd32(smmu.base + SMMU_GERROR);
	active = (gerror ^ rd32(smmu.base + SMMU_GERRORN)) & GERROR_ACTIVE;
	if (active & SMMU_GERROR_CMDQ)
		cmdq_skip_error(); /* acknowledges it */
	active &= ~(u32)SMMU_GERROR_CMDQ;
	if (active) {
		smmu.stats.gerrors++;
		wr32(smmu.base + SMMU_GERRORN, rd32(smmu.base + SMMU_GERRORN) ^ active);
	}
	spin_unlock(&smmu.lock);
	return active;
}

const struct smmu_stats *smmu_stats(void)
{
	return &smmu.stats;
}

enum smmu_mode smmu_mode(void)
{
	return smmu.mode;
}

/* --- bring-up ----------------------------------------------------------------------- */

/** SMMU_GBPA.ABORT, so that a disabled SMMU aborts DMA; false where it is not implemented. */
static bool gbpa_abort(void)
{
	if (!wait32(SMMU_GBPA, GBPA_UPDATE, 0))
		return false;
	wr32(smmu.base + SMMU_GBPA, GBPA_ABORT | GBPA_UPDATE);
	return wait32(SMMU_GBPA, GBPA_UPDATE, 0) && (rd32(smmu.base + SMMU_GBPA) & GBPA_ABORT);
}

/** The stream table: every stream aborts, or has no level-2 table (a bad StreamID: aborted). */
static void strtab_init(u32 sidsize)
{
	u32 log2;

	if (smmu.two_level) {
		smmu.sid_bits = MIN(sidsize, (u32)(L1_MAX_LOG2 + SPLIT));
		log2 = smmu.sid_bits; /* > SPLIT */
		for (u32 i = 0; i < ARRAY_SIZE(l1); i++)
			l1[i] = 0; /* SPAN 0: invalid */
		clean(l1, sizeof(l1));
		wr64(smmu.base + SMMU_STRTAB_BASE, BASE_RA | ((u64)(uintptr_t)l1 & GENMASK(51, 6)));
		wr32(smmu.base + SMMU_STRTAB_BASE_CFG, 1u << 16 | SPLIT << 6 | log2);
		return;
	}
	smmu.sid_bits = MIN(sidsize, (u32)SPLIT);
	for (u32 i = 0; i < (1u << SPLIT); i++)
		smmu_ste_abort(l2[0][i]);
	clean(l2[0], sizeof(l2[0]));
	wr64(smmu.base + SMMU_STRTAB_BASE, BASE_RA | ((u64)(uintptr_t)l2[0] & GENMASK(51, 6)));
	wr32(smmu.base + SMMU_STRTAB_BASE_CFG, smmu.sid_bits);
}

static enum smmu_mode refuse(const char *why)
{
	pr_info("SMMU: %s: not used, DMA is not isolated", why);
	smmu.mode = SMMU_MODE_NONE;
	return SMMU_MODE_NONE;
}

enum smmu_mode smmu_init(u64 base, u32 sid_bits)
{
	u32 idr0, idr1, sidsize;
	bool gbpa;

	memset(&smmu, 0, sizeof(smmu)); /* (once at boot; again in host tests) */
	smmu.base = base;
	idr0 = rd32(base + SMMU_IDR0);
	idr1 = rd32(base + SMMU_IDR1);
	sidsize = (u32)bits_get(idr1, 5, 0);
	if (!(idr0 & IDR0_TTF_AA64))
		return refuse("no AArch64 translation tables");
	if (!(idr0 & (IDR0_S1P | IDR0_S2P)))
		return refuse("no translation stage");
	if (bits_get(idr1, 25, 21) < CMDQ_LOG2 || bits_get(idr1, 20, 16) < EVTQ_LOG2)
		return refuse("queues too small");
	if (sid_bits > sidsize)
		return refuse("StreamIDs wider than the SMMU's");
	/* Two levels where the SMMU has them and the StreamIDs outgrow one level-2 table. */
	smmu.two_level = (idr0 & IDR0_ST_LEVEL_2) && sidsize > SPLIT;
	smmu.hyp = idr0 & IDR0_HYP;
	/* Before anything: a disabled SMMU aborts DMA, where GBPA exists. */
	gbpa = gbpa_abort();
	if (!cr0_set(0))
		return refuse("CR0ACK did not follow");
	/*
	 * With ATS, a device may send transactions it says are translated
	 * already; in the SMMU's fast mode those pass unchecked. Safe mode
	 * (set while SMMUEN is 0, in every CR0 write from here): checked
	 * against STE.EATS, which partita leaves 0 (no ATS), so they abort.
	 * partita also keeps ATS off in every function and hides it.
	 */
	smmu.cr0 = idr0 & IDR0_ATS ? CR0_ATSCHK : 0;
	/* Tables and queues write-back, inner shareable; PTM, RECINVSID. */
	wr32(base + SMMU_CR1, 3u << 10 | 1u << 8 | 1u << 6 | 3u << 4 | 1u << 2 | 1u);
	wr32(base + SMMU_CR2, BIT(2) | BIT(1));
	strtab_init(sidsize);
	if (sid_bits > smmu.sid_bits)
		return refuse("StreamIDs beyond the stream table partita can hold");
	wr64(base + SMMU_CMDQ_BASE, BASE_RA | ((u64)(uintptr_t)cmdq & GENMASK(51, 5)) | CMDQ_LOG2);
	wr32(base + SMMU_CMDQ_PROD, 0);
	wr32(base + SMMU_CMDQ_CONS, 0);
	if (!cr0_set(CR0_CMDQEN))
		return refuse("CR0ACK did not follow");
	smmu.mode = (idr0 & IDR0_S2P) ? SMMU_MODE_STAGE2 : SMMU_MODE_STAGE1;
	{
		/* Whatever the firmware left cached. */
		const u64 inv[2][2] = { { CMD_CFGI_ALL, 31 }, { CMD_TLBI_NSNH_ALL, 0 } };
		const u64 el2[1][2] = { { CMD_TLBI_EL2_ALL, 0 } };

		if (cmdq_issue(inv, 2) || (smmu.hyp && cmdq_issue(el2, 1)))
			return refuse("its command queue does not work");
	}
	wr64(base + SMMU_EVENTQ_BASE,
	     BASE_RA | ((u64)(uintptr_t)evtq & GENMASK(51, 5)) | EVTQ_LOG2);
	wr32(base + SMMU_EVENTQ_PROD, 0);
	wr32(base + SMMU_EVENTQ_CONS, 0);
	if (!cr0_set(CR0_CMDQEN | CR0_EVENTQEN))
		return refuse("CR0ACK did not follow");
	/* Wired interrupts: no MSI addresses. */
	wr64(base + SMMU_GERROR_IRQ_CFG0, 0);
	wr64(base + SMMU_EVENTQ_IRQ_CFG0, 0);
	wr32(base + SMMU_IRQ_CTRL, IRQ_CTRL_GERROR | IRQ_CTRL_EVENTQ);
	if (!wait32(SMMU_IRQ_CTRLACK, 0xffffffff, IRQ_CTRL_GERROR | IRQ_CTRL_EVENTQ))
		return refuse("IRQ_CTRLACK did not follow");
	if (!cr0_set(CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN))
		return refuse("CR0ACK did not follow");
	pr_info("SMMU: %s, %s stream table of %u StreamID bits, every stream aborted%s",
		smmu.mode == SMMU_MODE_STAGE2 ? "stage 2" : "stage 1 only (partita's tables)",
		smmu.two_level ? "two-level" : "linear", smmu.sid_bits,
		gbpa ? "" : "; no SMMU_GBPA: while disabled it would let DMA through");
	return smmu.mode;
}
