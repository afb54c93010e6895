/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A fuzz target for the virtual ITS (vdev/its/vits.c) with the real vGIC
 * behind it: each input is a program of guest actions on a partition of two
 * vCPUs whose ITS starts enabled: commands put in the queue (raw, or with
 * their fields steered towards the partition's devices and limits), CWRITER
 * writes, CREADR polls, writes and reads anywhere in the GITS frame and the
 * redistributors, device MSIs, list-register refills with the guest
 * taking and ending what it is given, SGIs to self, vCPU and partition
 * resets, MSIs through the IRQ vector's fast path (fake_fast_msi()). Each input runs twice: through
 * list registers (the GICv3 path), then with GICv4 direct injection.
 *
 * Besides what AddressSanitizer and UBSan catch, after every trap it checks
 * the vITS's own rules: no more physical commands than ITS_CMD_BATCH, CREADR
 * inside the queue on a command boundary, no sweep in progress without its
 * command queued, every mapped event's vINTID an LPI, no list register the
 * vGIC has lost track of.
 *
 * Built with libFuzzer by `make fuzz` (clang); `make test` replays the corpus
 * in tests/fuzz/corpus through tests/fuzz/replay.c, built with gcc.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <core/partition.h>
#include <drivers/its.h>
#include <vdev/vgic.h>
#include <vdev/vits.h>
#include "fake_cpuif.h"
#include "fake_hyp.h"
#include "vits_fixture.h"

/* The input, read a field at a time; zeros once it runs out. */
struct input {
	const u8 *p;
	size_t n;
};

static u64 take(struct input *in, unsigned bytes)
{
	u64 v = 0;

	for (unsigned i = 0; i < bytes; i++) {
		v |= (u64)(in->n ? *in->p : 0) << (8 * i);
		if (in->n) {
			in->p++;
			in->n--;
		}
	}
	return v;
}

static void fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz_vits: %s\n", what);
	abort();
}

/*
 * The rules below run after every trap and look at every event. Built with
 * libFuzzer's coverage tracing, their own comparisons took most of an
 * input's time; they are the oracle, not code under test, so they are kept
 * out of the tracing (clang) and check exactly what they checked before.
 * gcc (the replay) traces nothing.
 */
#ifdef __clang__
#define NO_COVERAGE __attribute__((noinline, no_sanitize("coverage")))
#else
#define NO_COVERAGE
#endif

/**
 * The rules every trap must keep, a redistributor access included (an
 * EnableLPIs change is bounded like every other sweep).
 */
NO_COVERAGE static void check_invariants(unsigned pcmds_before)
{
	struct vits *its = &part.its;
	u64 qsize = (bits_get(its->cbaser, 7, 0) + 1) * SZ_4K;

	if (npcmds - pcmds_before > ITS_CMD_BATCH)
		fuzz_fail("more physical commands in one trap than ITS_CMD_BATCH");
	if (its->creadr % 32 || (its->creadr && its->creadr >= qsize))
		fuzz_fail("CREADR off a command boundary or outside the queue");
	if (its->sweep.active && its->creadr == its->cwriter)
		fuzz_fail("a sweep in progress with no command queued");
	for (u32 s = 0; s < its->ndev; s++)
		for (u32 e = 0; e < CONFIG_ITS_EVENTS; e++) {
			const struct virq *q = &its->events[s][e].irq;

			const struct vits_event *ev = &its->events[s][e];

			/* No state and no physical mapping: none of the rules below can fail. */
			if (!q->flags && !ev->mapped)
				continue;
			if ((q->flags & VIRQ_OWNED) && q->intid < VITS_LPI_BASE)
				fuzz_fail("a mapped event with a vINTID below the LPIs");
			if (!its->direct)
				continue;
			if (ev->mapped && (!(q->flags & VIRQ_OWNED) || q->target >= 2 ||
					   ev->pcpu != part.cfg->cpus[q->target]))
				fuzz_fail("an event on a vPE that is not its target's");
			if (q->flags & VIRQ_PENDING)
				fuzz_fail("a directly injected vLPI pending in the vGIC");
			for (u32 v = 0; v < 2 && (q->flags & VIRQ_OWNED); v++)
				if (!part.vgic.cpu[v].ctlr && !part.vgic.cpu[v].lpi_turn &&
				    fake_vprop[part.cfg->cpus[v]][q->intid - VITS_LPI_BASE])
					fuzz_fail("a vLPI enabled for a vCPU without EnableLPIs");
		}
	if (its->direct && fake_pcmd_errors)
		fuzz_fail("a vPE command the ITS would take for an error");
	for (u32 v = 0; v < 2; v++) {
		const struct vgic_cpu *c = &part.vgic.cpu[v];

		for (unsigned n = 0; n < VGIC_MAX_LRS; n++)
			if ((c->lr_used & BIT(n)) && c->lr_intid[n] == VGIC_INTID_NONE)
				fuzz_fail("a list register in use with no interrupt");
		/* A live list register in the books holds what the books say. */
		for (unsigned n = 0; n < fake_nr_lrs; n++)
			if ((c->lr_used & BIT(n)) && (fake_lrs[v][n] >> 62) &&
			    (u32)fake_lrs[v][n] != c->lr_intid[n])
				fuzz_fail("a list register holds what the books do not say");
		/* Two live list registers with one vINTID: UNPREDICTABLE in a real GIC. */
		for (unsigned n = 0; n < fake_nr_lrs; n++)
			for (unsigned k = n + 1; k < fake_nr_lrs; k++)
				if ((fake_lrs[v][n] >> 62) && (fake_lrs[v][k] >> 62) &&
				    (u32)fake_lrs[v][n] == (u32)fake_lrs[v][k])
					fuzz_fail("one vINTID in two list registers");
	}
}

static enum mmio_result gits(u64 off, unsigned size, bool write, u64 val)
{
	struct mmio_access acc = { off, size, write, val };

	return vits_mmio(&part.its, VI(&part.vcpus[0]), &acc);
}

static void setup(bool direct)
{
	fixture_setup(0);
	fake_its_virt = direct ? ITS_VIRT_V4_0 : ITS_VIRT_NONE;
	vits_set_direct(&part.its, direct);
	part.vgic.ctlr = 3;
	for (u32 i = 0; i < 2; i++) {
		part.vgic.cpu[i].propbaser = PROPTAB | (16 - 1);
		part.vgic.cpu[i].ctlr = 1;
	}
	memset(guest(PROPTAB), 0xa1, 0x1000);
	/* An enabled ITS with a 4 KiB queue: most inputs start from there. */
	gits(0x80, 8, true, BIT(63) | QUEUE);
	gits(0x100, 8, true, BIT(63) | DEVTAB);
	gits(0x108, 8, true, BIT(63) | COLLTAB);
	gits(0x0, 4, true, 1);
	npcmds = 0;
}

/** A command, its fields steered towards what the partition has, or raw. */
static void make_cmd(struct input *in, u64 c[4])
{
	static const u8 ops[] = { 0x01, 0x03, 0x04, 0x05, 0x08, 0x09, 0x0a,
				  0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x2a, 0x02 };
	static const u32 devs[] = { 0x10, 0x18, 0x20, 0x100 };
	u8 mode = (u8)take(in, 1);

	for (int i = 0; i < 4; i++)
		c[i] = take(in, (mode & 0x80) ? 8 : 2);
	if (mode & 0x80)
		return; /* raw */
	c[0] = ops[mode % sizeof(ops)] | (u64)devs[(mode >> 4) & 3] << 32;
	c[1] = (c[1] & 0x7f) | (u64)(VITS_LPI_BASE + (c[1] >> 8) % 80 - 8) << 32;
	c[2] = (c[2] & 0x8000 ? BIT(63) : 0) | (c[2] & 0x3) << 16 | (c[2] >> 4 & 0x7f) |
	       (c[2] & 0x4000 ? 0x40080000 : 0);
	c[3] = (c[3] & 0x3) << 16;
}

static void run(const uint8_t *data, size_t size, bool direct)
{
	struct input in = { data, size };
	u64 tail = 0, c[4];

	setup(direct);
	while (in.n) {
		u8 op = (u8)take(&in, 1);
		unsigned before = npcmds;
		u64 v, off;
		u64 *slot;

		switch (op % 8) {
		case 0: /* a command into the next slot */
			make_cmd(&in, c);
			slot = (u64 *)guest(QUEUE + tail);
			memcpy(slot, c, sizeof(c));
			tail = (tail + 32) % SZ_4K;
			break;
		case 1: /* CWRITER */
			gits(0x88, 8, true, (op & 0x80) ? take(&in, 2) : tail);
			break;
		case 2: /* CREADR poll, or now and then a partition reset */
			if ((op & 0xa0) == 0xa0) {
				/* As partita: every vCPU off on its own pCPU, then the reset. */
				for (u32 vc = 0; vc < 2; vc++) {
					fake_cpu = vc;
					vgic_vcpu_off(VG(&part.vcpus[vc]));
				}
				vits_reset(&part.its);
				vgic_partition_reset(&part.vgic);
				tail = 0;
				break;
			}
			gits(0x90, (op & 0x40) ? 4 : 8, false, 0);
			break;
		case 3: /* any write to the frame */
			off = take(&in, 3) % (2 * SZ_64K);
			v = take(&in, 8);
			gits(off & ~3ULL, (op & 0x40) ? 8 : 4, true, v);
			if ((off & ~3ULL) == 0x80 || (off & ~3ULL) == 0x84)
				tail = 0; /* the guest knows it reset the queue */
			break;
		case 4: /* any read of the frame, or now and then an SGI to itself */
			if ((op & 0xe0) == 0xe0) {
				u32 vc = (op >> 4) & 1, sgi = (u32)take(&in, 1) % 16;

				fake_cpu = vc;
				if (vgic_sgi1r(VG(&part.vcpus[vc]), (u64)sgi << 24 | 1u << vc))
					vgic_flush(
					    VG(&part.vcpus[vc])); /* as the trap's exit does */
				break;
			}
			off = take(&in, 3) % (2 * SZ_64K);
			gits(off & ~3ULL, 4, false, 0);
			break;
		case 5: { /* a device MSI, on the pCPU of vCPU 0 or 1 or of neither */
			u32 vc = (op >> 4) & 1, s = (u32)take(&in, 1) % 3,
			    e = (u32)take(&in, 1) % 80;

			fake_cpu = vc;
			/*
			 * Direct: the hardware delivers to the vPE, partita sees nothing.
			 * Else the vector's fast path (as fake_fast_msi() models it) or
			 * trap_guest_irq()'s.
			 */
			if (!direct &&
			    (!(op & 0x20) || !fake_fast_msi(&part, vc, s * CONFIG_ITS_EVENTS + e)))
				vits_deliver(&part.its, s, e, (op & 0x40) ? vc : VGIC_NO_VCPU);
			break;
		}
		case 6: { /* a vCPU runs: refill, the guest takes and ends an interrupt */
			u32 vc = (op >> 4) & 1;
			int intid;

			fake_cpu = vc;
			if ((op & 0xc0) == 0xc0) { /* or it is turned off and on (PSCI) */
				vgic_vcpu_off(VG(&part.vcpus[vc]));
				vgic_vcpu_reset(VG(&part.vcpus[vc]));
				break;
			}
			vgic_flush(VG(&part.vcpus[vc]));
			intid = fake_guest_ack(0xff);
			if (intid >= 0 && (op & 0x20))
				fake_guest_eoi((u32)intid);
			break;
		}
		default: { /* redistributor writes: EnableLPIs, PROPBASER */
			u32 vc = (op >> 4) & 1;
			struct mmio_access acc = { vc * 0x20000 + ((op & 0x20) ? 0x70 : 0),
						   (op & 0x20) ? 8 : 4, true, take(&in, 8) };

			/*
			 * The trap is vCPU vc's, so it runs on vCPU vc's pCPU: the
			 * handler folds the list registers of the CPU it runs on
			 * (lr_sync()) into vCPU vc's books.
			 */
			fake_cpu = vc;
			vgic_gicr_mmio(&part.vgic, VI(&part.vcpus[vc]), &acc);
			break;
		}
		}
		check_invariants(before);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run(data, size, false);
	run(data, size, true);
	return 0;
}
