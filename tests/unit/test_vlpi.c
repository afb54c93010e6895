/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The vITS's two delivery backends (vdev/its/vlpi_lr.c, vlpi_vpe.c), each
 * on its own: their operations called as the command handlers call them,
 * on the fixture's partition (the real vGIC, a fake physical ITS that
 * records its commands), with what each must do and what each must not
 * (a physical command beyond the trap's budget, a command to a vPE the
 * event is not on). Also the lock order the locked handles check.
 */
#include "host.h"
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <drivers/its.h>
#include <vdev/vgic.h>
#include "../../vdev/its/vits_internal.h"
#include "fake_cpuif.h"
#include "fake_hyp.h"
#include "vits_fixture.h"

#define SLOT_BASE 5
#define DEV 0 /* device slot: guest DeviceID 0x10, physical 0x210 */
#define PHYS 0x210
#define EVENT 3
#define VINTID 8200

static struct vits *its = &part.its;

/* The event's mapping as cmd_mapti() leaves it before calling map(): collection 1 (vCPU 1). */
static struct vits_event *mapped_event(u16 icid)
{
	struct vits_event *ev = &its->events[DEV][EVENT];
	struct vgic_locked g = vgic_lock(&part.vgic);

	*ev = (struct vits_event){ .icid = (u8)icid, .mapped = its->vlpi->mapped_from_mapti };
	ev->irq = (struct virq){ .flags = VIRQ_OWNED | VIRQ_GROUP1 | VIRQ_EDGE,
				 .intid = VINTID,
				 .lpi = DEV * CONFIG_ITS_EVENTS + EVENT,
				 .target = vits_coll_target(its, icid) };
	its->vlpi->props(its, g, &ev->irq);
	vgic_unlock(&g);
	return ev;
}

static int setup_backend(bool direct)
{
	fixture_setup(SLOT_BASE);
	fake_its_virt = direct ? ITS_VIRT_V4_0 : ITS_VIRT_NONE;
	vits_set_direct(its, direct);
	memset(fake_vprop, 0, sizeof(fake_vprop));
	npcmds = 0;
	/* Collections 0 and 1 on vCPUs 0 and 1; LPIs on, the property table at PROPTAB. */
	its->coll[0] = (struct vits_collection){ true, 0 };
	its->coll[1] = (struct vits_collection){ true, 1 };
	its->dev[DEV] = (struct vits_device){ .valid = true, .event_bits = 6 };
	part.vgic.ctlr = 3;
	for (u32 v = 0; v < 2; v++) {
		part.vgic.cpu[v].propbaser = PROPTAB | (16 - 1);
		part.vgic.cpu[v].ctlr = 1;
	}
	*guest(PROPTAB + VINTID - 8192) = 0xa0 | 1; /* priority 0xa0, enabled */
	return 0;
}

static int setup_lr(void **state)
{
	(void)state;
	return setup_backend(false);
}

static int setup_vpe(void **state)
{
	(void)state;
	return setup_backend(true);
}

/* A command context as process_locked() makes it, with @budget units and command @c. */
static struct cmd_ctx ctx(const u64 *c, u32 budget)
{
	return (struct cmd_ctx){ .its = its, .c = c, .budget = budget };
}

static void assert_cmd(unsigned i, u8 op, u32 event, u32 plpi, u32 pcpu, bool virt)
{
	assert_true(i < npcmds);
	assert_int_equal(pcmds[i].op, op);
	assert_int_equal(pcmds[i].devid, PHYS);
	assert_int_equal(pcmds[i].event, event);
	assert_int_equal(pcmds[i].plpi, plpi);
	assert_int_equal(pcmds[i].pcpu, pcpu);
	assert_int_equal(pcmds[i].virt, virt);
}

/* --- list registers ------------------------------------------------------------ */

static void test_lr_map_and_move(void **state)
{
	const u64 c[4] = { ITS_MAPTI };
	struct cmd_ctx x = ctx(c, 16);
	struct vits_event *ev;

	(void)state;
	assert_string_equal(vits_delivery_name(its), "list registers");
	ev = mapped_event(1);
	assert_true(ev->mapped); /* the pool LPI is the event's from its MAPTI on */
	assert_true(ev->irq.flags & VIRQ_ENABLED);
	assert_int_equal(ev->irq.priority, 0xa0);
	/* First mapping: MAPTI of the event's pool LPI to vCPU 1's pCPU (3). */
	its->vlpi->map(&x, DEV, EVENT, false);
	assert_int_equal(npcmds, 1);
	assert_cmd(0, ITS_MAPTI, EVENT, its_plpi(SLOT_BASE + DEV, EVENT), 3, false);
	/* A remap keeps the pool LPI and moves it. */
	ev->icid = 0;
	its->vlpi->map(&x, DEV, EVENT, true);
	assert_cmd(1, ITS_MOVI, EVENT, 0, 2, false);
	/* MOVI follows the collection's pCPU; no vPE is ever named. */
	ev->icid = 1;
	its->vlpi->follow(&x, DEV, EVENT);
	assert_cmd(2, ITS_MOVI, EVENT, 0, 3, false);
	/* DISCARD is the physical one (no vPE). */
	assert_int_equal(its->vlpi->discard(its, DEV, EVENT, ev), 0);
	assert_cmd(3, ITS_DISCARD, EVENT, 0, 0, false);
	assert_int_equal(its->stats.phys_errors, 0);
}

static void test_lr_retarget_budget(void **state)
{
	const u64 v1[4] = { ITS_MAPC, 0, BIT(63) | 1 }, v0[4] = { ITS_MAPC, 0, 1 };
	struct cmd_ctx x = ctx(v1, 0);
	struct vits_event *ev;

	(void)state;
	ev = mapped_event(1);
	/* V=1 moves the physical LPI: a unit of budget, none left: nothing done. */
	its->coll[1].vcpu = 0;
	assert_false(its->vlpi->retarget(&x, DEV, EVENT));
	assert_int_equal(npcmds, 0);
	assert_int_equal(ev->irq.target, 1);
	x = ctx(v1, 1);
	assert_true(its->vlpi->retarget(&x, DEV, EVENT));
	assert_int_equal(x.budget, 0);
	assert_cmd(0, ITS_MOVI, EVENT, 0, 2, false);
	assert_int_equal(ev->irq.target, 0);
	/* V=0: the vLPI waits, its physical LPI stays: no command, no budget. */
	its->coll[1].valid = false;
	x = ctx(v0, 0);
	assert_true(its->vlpi->retarget(&x, DEV, EVENT));
	assert_int_equal(npcmds, 1);
	assert_int_equal(ev->irq.target, VITS_TARGET_NONE);
}

static void test_lr_event_cmds(void **state)
{
	u64 c[4] = { ITS_INT };
	struct cmd_ctx x = ctx(c, 16);
	struct vits_event *ev;

	(void)state;
	ev = mapped_event(1);
	/* INT and CLEAR are the vLPI's pending state in the vGIC: no physical command. */
	its->vlpi->event_cmd(&x, DEV, EVENT);
	assert_true(ev->irq.flags & VIRQ_PENDING);
	assert_true(x.notify & BIT(1));
	c[0] = ITS_CLEAR;
	its->vlpi->event_cmd(&x, DEV, EVENT);
	assert_false(ev->irq.flags & VIRQ_PENDING);
	/* INV reads the property byte again. */
	*guest(PROPTAB + VINTID - 8192) = 0x40;
	c[0] = ITS_INV;
	its->vlpi->event_cmd(&x, DEV, EVENT);
	assert_false(ev->irq.flags & VIRQ_ENABLED);
	assert_int_equal(ev->irq.priority, 0x40);
	/* INVALL and SYNC: nothing physical, no budget. */
	x = ctx(c, 0);
	assert_true(its->vlpi->invall(&x, 1));
	its->vlpi->sync(&x, 1);
	assert_int_equal(npcmds, 0);
	assert_false(its->vlpi->physical_event_cmds);
}

static void test_lr_turn(void **state)
{
	struct vits_event *ev;
	struct vgic_locked g;
	u32 budget = 0, kick = 0;

	(void)state;
	ev = mapped_event(1);
	part.vgic.cpu[1].pendbaser = RAM_IPA + 0x40000;
	guest(RAM_IPA + 0x40000)[VINTID / 8] = 1u << (VINTID % 8);
	part.vgic.cpu[1].lpi_turn = VGIC_LPIS_TURN_ON;
	g = vgic_lock(&part.vgic);
	assert_int_equal(its->vlpi->turn_begin(its, g, 1), 0);
	/* The guest's pending table makes it pending, with no budget and no command. */
	assert_true(
	    its->vlpi->turn_event(its, g, 1, DEV * CONFIG_ITS_EVENTS + EVENT, &budget, &kick));
	assert_true(ev->irq.flags & VIRQ_PENDING);
	assert_true(kick & BIT(1));
	part.vgic.cpu[1].lpi_turn = VGIC_LPIS_TURN_OFF;
	assert_true(
	    its->vlpi->turn_event(its, g, 1, DEV * CONFIG_ITS_EVENTS + EVENT, &budget, &kick));
	assert_false(ev->irq.flags & VIRQ_PENDING);
	vgic_unlock(&g);
	its->vlpi->turn_end(its, 1);
	assert_int_equal(npcmds, 0);
}

/* --- GICv4 vPEs ----------------------------------------------------------------- */

static void test_vpe_map_follow_discard(void **state)
{
	const u64 c[4] = { ITS_MAPTI };
	struct cmd_ctx x = ctx(c, 16);
	struct vits_event *ev;

	(void)state;
	assert_string_equal(vits_delivery_name(its), "GICv4 vPEs");
	ev = mapped_event(1);
	assert_false(ev->mapped); /* in the physical ITS only once map() put it there */
	/* The property byte goes to the vPE tables of the vCPUs with LPIs on. */
	assert_int_equal(fake_vprop[2][VINTID - 8192], 0xa1);
	assert_int_equal(fake_vprop[3][VINTID - 8192], 0xa1);
	its->vlpi->map_begin(&x, DEV, EVENT); /* nothing mapped: nothing to discard */
	assert_int_equal(npcmds, 0);
	its->vlpi->map(&x, DEV, EVENT, false);
	assert_cmd(0, FAKE_VMAPTI, EVENT, VINTID, 3, true);
	assert_true(ev->mapped);
	assert_int_equal(ev->pcpu, 3);
	/* Its collection now on vCPU 0: VMOVI to pCPU 2's vPE. */
	ev->irq.target = 0;
	its->vlpi->follow(&x, DEV, EVENT);
	assert_cmd(1, FAKE_VMOVI, EVENT, 0, 2, true);
	assert_int_equal(ev->pcpu, 2);
	/* Unmapped collection: out of the ITS, so its MSIs are dropped. */
	ev->irq.target = VITS_TARGET_NONE;
	its->vlpi->follow(&x, DEV, EVENT);
	assert_cmd(2, ITS_DISCARD, EVENT, 0, 2, true);
	assert_false(ev->mapped);
	/* A remap of a mapped event discards it first (it may go to another vINTID). */
	ev->irq.target = 1;
	its->vlpi->map(&x, DEV, EVENT, false);
	its->vlpi->map_begin(&x, DEV, EVENT);
	assert_cmd(4, ITS_DISCARD, EVENT, 0, 3, true);
	assert_int_equal(fake_pcmd_errors, 0);
	assert_int_equal(its->stats.phys_errors, 0);
}

static void test_vpe_budget(void **state)
{
	const u64 mapc[4] = { ITS_MAPC, 0, BIT(63) | 1 }, invall[4] = { ITS_INVALL, 0, 1 };
	struct cmd_ctx x = ctx(mapc, 16);
	struct vits_event *ev;

	(void)state;
	ev = mapped_event(1);
	its->vlpi->map(&x, DEV, EVENT, false);
	npcmds = 0;
	/* No budget: neither the VMOVI of a retarget nor the VINVALL is issued. */
	its->coll[1].vcpu = 0;
	x = ctx(mapc, 0);
	assert_false(its->vlpi->retarget(&x, DEV, EVENT));
	assert_int_equal(ev->irq.target, 1);
	x = ctx(invall, 0);
	assert_false(its->vlpi->invall(&x, 1));
	assert_int_equal(npcmds, 0);
	/* One unit each. */
	x = ctx(mapc, 1);
	assert_true(its->vlpi->retarget(&x, DEV, EVENT));
	assert_int_equal(x.budget, 0);
	assert_cmd(0, FAKE_VMOVI, EVENT, 0, 2, true);
	x = ctx(invall, 1);
	assert_true(its->vlpi->invall(&x, 1));
	assert_int_equal(pcmds[1].op, FAKE_VINVALL);
	assert_int_equal(pcmds[1].pcpu, 2); /* collection 1 is on vCPU 0 now */
	assert_int_equal(fake_pcmd_errors, 0);
}

static void test_vpe_event_cmds(void **state)
{
	u64 c[4] = { ITS_INT };
	struct cmd_ctx x = ctx(c, 16);
	struct vits_event *ev;

	(void)state;
	assert_true(its->vlpi->physical_event_cmds);
	ev = mapped_event(1);
	/* Not in the ITS (its collection was unmapped meanwhile): counted, not sent. */
	its->vlpi->event_cmd(&x, DEV, EVENT);
	assert_int_equal(npcmds, 0);
	assert_int_equal(its->stats.phys_errors, 1);
	its->vlpi->map(&x, DEV, EVENT, false);
	its->vlpi->event_cmd(&x, DEV, EVENT);
	assert_cmd(1, ITS_INT, EVENT, 0, 3, true);
	assert_false(ev->irq.flags & VIRQ_PENDING); /* the hardware's, not the vGIC's */
	*guest(PROPTAB + VINTID - 8192) = 0x40;
	c[0] = ITS_INV;
	its->vlpi->event_cmd(&x, DEV, EVENT);
	assert_cmd(2, ITS_INV, EVENT, 0, 3, true);
	assert_int_equal(fake_vprop[3][VINTID - 8192], 0x40);
	its->vlpi->sync(&x, 0);
	assert_int_equal(pcmds[3].op, FAKE_VSYNC);
	assert_int_equal(pcmds[3].pcpu, 2);
	assert_int_equal(fake_pcmd_errors, 0);
}

static void test_vpe_turn_and_reset(void **state)
{
	const u64 c[4] = { ITS_MAPTI };
	struct cmd_ctx x = ctx(c, 16);
	struct vits_locked l;
	struct vgic_locked g;
	u32 budget = 1, kick = 0, f = DEV * CONFIG_ITS_EVENTS + EVENT;

	(void)state;
	mapped_event(1);
	its->vlpi->map(&x, DEV, EVENT, false);
	npcmds = 0;
	memset(fake_vprop, 0, sizeof(fake_vprop));
	part.vgic.cpu[1].pendbaser = RAM_IPA + 0x40000;
	guest(RAM_IPA + 0x40000)[VINTID / 8] = 1u << (VINTID % 8);
	part.vgic.cpu[1].lpi_turn = VGIC_LPIS_TURN_ON;
	g = vgic_lock(&part.vgic);
	/* The vPE's table is loaded from the guest's: a unit. */
	assert_int_equal(its->vlpi->turn_begin(its, g, 1), 1);
	assert_int_equal(fake_vprop[3][VINTID - 8192], 0xa1);
	/* Pending in the guest's table: a physical INT to the vPE, a unit. */
	assert_true(its->vlpi->turn_event(its, g, 1, f, &budget, &kick));
	assert_int_equal(budget, 0);
	assert_cmd(0, ITS_INT, EVENT, 0, 3, true);
	/* None left: nothing done, asked again later. */
	assert_false(its->vlpi->turn_event(its, g, 1, f, &budget, &kick));
	assert_int_equal(npcmds, 1);
	vgic_unlock(&g);
	its->vlpi->turn_end(its, 1);
	assert_int_equal(pcmds[1].op, FAKE_VINVALL);
	assert_int_equal(pcmds[1].pcpu, 3);
	/* Reset: every vPE's table cleared and re-read. */
	l = vits_lock(its);
	its->vlpi->reset(l);
	vits_unlock(&l);
	assert_int_equal(fake_vprop[3][VINTID - 8192], 0);
	assert_int_equal(pcmds[2].op, FAKE_VINVALL);
	assert_int_equal(pcmds[3].op, FAKE_VINVALL);
	assert_int_equal(fake_pcmd_errors, 0);
}

/* --- lock order (core/spinlock.h) ------------------------------------------------ */

/* Run @fn in a child; its exit status, or 128 + the signal that ended it. */
static int in_child(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		/* cmocka's handlers would catch the trap and go on with the tests here. */
		signal(SIGILL, SIG_DFL);
		signal(SIGTRAP, SIG_DFL);
		signal(SIGABRT, SIG_DFL);
		signal(SIGSEGV, SIG_DFL);
		alarm(10); /* a lock taken twice unchecked spins for ever: SIGALRM, not the trap */
		fn();
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static void vits_then_vgic(void)
{
	struct vits_locked l = vits_lock(its);
	struct vgic_locked g = vgic_lock(&part.vgic);

	vgic_unlock(&g);
	vits_unlock(&l);
}

static void vgic_then_vits(void)
{
	struct vgic_locked g = vgic_lock(&part.vgic);
	struct vits_locked l = vits_lock(its);

	vits_unlock(&l);
	vgic_unlock(&g);
}

static void vgic_twice(void)
{
	struct vgic_locked g = vgic_lock(&part.vgic);

	/* A second vgic_lock() of the same rank: caught before it spins forever. */
	(void)vgic_lock(&part.vgic);
	vgic_unlock(&g);
}

static void test_lock_order(void **state)
{
	(void)state;
	assert_int_equal(in_child(vits_then_vgic), 0);
	/* __builtin_trap() in lock_rank_take() (SIGILL on the build machine's x86-64 and arm64). */
	assert_int_equal(in_child(vgic_then_vits), 128 + SIGILL);
	assert_int_equal(in_child(vgic_twice), 128 + SIGILL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_lr_map_and_move, setup_lr),
		cmocka_unit_test_setup(test_lr_retarget_budget, setup_lr),
		cmocka_unit_test_setup(test_lr_event_cmds, setup_lr),
		cmocka_unit_test_setup(test_lr_turn, setup_lr),
		cmocka_unit_test_setup(test_vpe_map_follow_discard, setup_vpe),
		cmocka_unit_test_setup(test_vpe_budget, setup_vpe),
		cmocka_unit_test_setup(test_vpe_event_cmds, setup_vpe),
		cmocka_unit_test_setup(test_vpe_turn_and_reset, setup_vpe),
		cmocka_unit_test_setup(test_lock_order, setup_lr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
