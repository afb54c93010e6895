// SPDX-License-Identifier: MIT
/**
 * @file
 * System tests, area ipc/ (config/test-ipc.c): a channel between three
 * partitions, each seeing it as a virtual PCI function (ivshmem 2.0's
 * identity) on its virtual host bridge, and a fourth partition that is no
 * member. Peer 0 ("ping") and peer 1 ("pong") pass IPC_ROUNDS messages
 * through the shared memory, each announced by a doorbell on vector 1 that
 * arrives as an MSI-X through the receiver's vITS; each side counts the
 * hypervisor exits it took besides its own doorbell writes. Then pong
 * restarts (SYSTEM_RESET): ping is told (its State goes to 0, vector 0),
 * finds the memory as it was (the channel keeps it) and, once pong says it
 * is back, passes IPC_AGAIN more messages. Peer 2 ("watcher") is a
 * read-only member: it reads the messages, and its store aborts. The
 * outsider reaches neither the memory nor any register.
 */
#include <core/lib.h>
#include "chan.h"
#include "gic.h"
#include "its.h"
#include "rt.h"

#define IPC_ROUNDS 10000
#define IPC_AGAIN 10 /* after pong's restart */
#define RAM_SIZE 0x4000000UL
#define PSCI_SYSTEM_RESET 0x84000009
#define RESTART_MAGIC 0x49504352455354UL
#define MARK 0x5a5a5a5au
#define LPI0 8192 /* vector 0: State changes */
#define LPI1 8193 /* vector 1: messages */
/* Where the outsider would find a member's view (config/test-ipc.c). */
#define MEMBER_VMMIO 0x30000000UL
#define CHANNEL_PA 0x54000000UL

/* The shared memory: the message, its reply, and a word the watcher tries to store to. */
struct shm {
	volatile u32 msg;
	u32 pad0[15];
	volatile u32 reply;
	u32 pad1[15];
	volatile u32 probe;
	u32 pad2[15];
	volatile u32 mark; /* ping's, to see the memory kept across pong's restart */
};

static volatile u32 got[2];
static struct rt_chan ch;
static struct shm *mem;
static u32 me;
static bool run2; /* pong after its restart */

static void handler(u32 intid)
{
	if (intid == LPI0 || intid == LPI1)
		got[intid - LPI0]++;
	else if (intid == INTID_VTIMER)
		__asm__ volatile("msr cntv_ctl_el0, xzr\n isb"); /* a wait's bound or tick: once */
}

/* The virtual timer to fire at @at (a wait's bound, which wakes its WFI). */
static void timer_at(u64 at)
{
	__asm__ volatile("msr cntv_cval_el0, %0\n msr cntv_ctl_el0, %1\n isb"
			 :
			 : "r"(at), "r"(1ul));
}

static const char *role(void)
{
	static const char *const names[] = { "ping", "pong", "watcher" };

	if (run2 && me == 1)
		return "pong-again";
	return me < 3 ? names[me] : "?";
}

static const char *N(const char *n)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "ipc/%s/%s", role(), n);
	return buf;
}

static void ring(u32 peer, u32 vector)
{
	rt_chan_ring(&ch, peer, vector);
}

/** The channel's function on bus 0, its two vectors through the vITS; false if none. */
static bool find_function(void)
{
	if (!rt_chan_find(&ch))
		return false;
	mem = (struct shm *)(uintptr_t)ch.mem;
	me = ch.peer;
	check(N("found"),
	      mmio_read32(ch.cfg + 0x08) >> 24 == 0xff && ch.peers == 3 &&
		  mmio_read32(ch.cfg + 0x40) == 0x00186009 && ch.size == 0x10000,
	      "class 0x%x, %u peers, capability 0x%x, size 0x%lx", mmio_read32(ch.cfg + 0x08),
	      ch.peers, mmio_read32(ch.cfg + 0x40), (unsigned long)ch.size);
	check(N("its-map"), rt_its_init() && rt_chan_msix(&ch, 2, LPI0), "ITS set-up failed");
	return true;
}

/*
 * Wait until @cond, in WFI (which partita does not trap: the vCPU sleeps on
 * its own pCPU and the doorbell's interrupt wakes it), bounded by @secs;
 * false at the bound. @tick_us: also wake that often, to look at memory no
 * interrupt announces (0: only the bound).
 */
#define WAIT_TICK(cond, tick_us, secs) \
	({ \
		u64 _end = rt_counter() + (secs)*rt_counter_freq(); \
		while (!(cond) && rt_counter() < _end) { \
			timer_at((tick_us) \
				     ? rt_counter() + rt_counter_freq() * (tick_us) / 1000000 \
				     : _end); \
			if (!(cond)) \
				__asm__ volatile("wfi"); \
		} \
		__asm__ volatile("msr cntv_ctl_el0, xzr\n isb"); \
		(cond); \
	})
#define WAIT(cond) WAIT_TICK(cond, 0, 5)

/*
 * Phase 2, on ping: pong restarts once ping's State says 2. Its State goes
 * to 0, which rings vector 0 here; the memory is as it was; once pong says
 * 1 again, IPC_AGAIN more round trips.
 */
static void after_restart(void)
{
	u32 told = got[0], i, bad = 0;
	u32 *st = (u32 *)(uintptr_t)(ch.regs + CHAN_REG_PEER_STATE + 4);

	/* Its State going to 0 rings vector 0 here (and going to 1 again, later). */
	check(N("peer-restart-seen"), WAIT_TICK(got[0] > told, 1000, 60),
	      "pong's State %u, no State doorbell", *(volatile u32 *)st);
	check(N("memory-kept"), mem->mark == MARK, "the mark reads 0x%x", mem->mark);
	if (!check(N("peer-back"), WAIT_TICK(*(volatile u32 *)st == 1, 1000, 60),
		   "pong's State %u", *(volatile u32 *)st))
		return;
	got[1] = 0;
	for (i = 1; i <= IPC_AGAIN; i++) {
		mem->msg = 100000 + i;
		ring(1, 1);
		if (!WAIT(got[1] >= i))
			break;
		bad += mem->reply != 100000 + i;
	}
	check(N("after-peer-restart"), i > IPC_AGAIN && !bad,
	      "%u of %u round trips, %u replies wrong", i - 1, IPC_AGAIN, bad);
	mmio_write32(ch.regs + CHAN_REG_STATE, 3);
}

static void ping(void)
{
	s64 e0, e1, base;
	u32 i, bad = 0;

	/* pong is ready once its State says 1 (which rang vector 0 here). */
	if (!check(N("peer-ready"),
		   WAIT_TICK(mmio_read32(ch.regs + CHAN_REG_PEER_STATE + 4) == 1, 1000, 5),
		   "pong's State 0x%x", mmio_read32(ch.regs + CHAN_REG_PEER_STATE + 4)))
		return;
	e0 = rt_exits();
	base = rt_exits() - e0;
	e0 = rt_exits();
	for (i = 1; i <= IPC_ROUNDS; i++) {
		mem->msg = i;
		ring(1, 1);
		if (!WAIT(got[1] >= i))
			break;
		bad += mem->reply != i;
	}
	e1 = rt_exits();
	check(N("ping-pong"), i > IPC_ROUNDS && !bad, "%u of %u round trips, %u replies wrong",
	      i - 1, IPC_ROUNDS, bad);
	mem->mark = MARK;
	/* Its own doorbells are one exit each; what the replies cost on top, per reply. */
	rt_printf("ipc: ping: %u messages sent, %u replies taken: %ld exits besides its %u "
		  "doorbells (%ld.%02ld per reply)\n",
		  i - 1, got[1], (long)(e1 - e0 - base - (i - 1)), i - 1,
		  (long)((e1 - e0 - base - (i - 1)) / IPC_ROUNDS),
		  (long)((e1 - e0 - base - (i - 1)) * 100 / IPC_ROUNDS % 100));
	mmio_write32(ch.regs + CHAN_REG_STATE, 2);
	after_restart();
}

static void pong(void)
{
	s64 e0, e1, base;
	u32 i;

	e0 = rt_exits();
	base = rt_exits() - e0;
	e0 = rt_exits();
	mmio_write32(ch.regs + CHAN_REG_STATE, 1);
	for (i = 1; i <= IPC_ROUNDS; i++) {
		if (!WAIT(got[1] >= i))
			break;
		mem->reply = mem->msg;
		ring(0, 1);
	}
	e1 = rt_exits();
	check(N("answered"), i > IPC_ROUNDS && got[1] >= IPC_ROUNDS,
	      "%u messages taken, %u answered", got[1], i - 1);
	/* Besides its answers and its State write: what receiving cost. */
	rt_printf("ipc: pong: %u doorbells received: %ld exits besides its %u doorbells "
		  "(%ld.%02ld per doorbell received)\n",
		  got[1], (long)(e1 - e0 - base - i), i - 1,
		  (long)((e1 - e0 - base - i) / IPC_ROUNDS),
		  (long)((e1 - e0 - base - i) * 100 / IPC_ROUNDS % 100));
	/* Then it restarts, once ping has done (its State 2). */
	WAIT_TICK(mmio_read32(ch.regs + CHAN_REG_PEER_STATE) == 2, 1000, 60);
	*rt_reset_page(RAM_SIZE) = RESTART_MAGIC;
	__asm__ volatile("dsb sy" ::: "memory");
	hvc_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	fail(N("restart"), "SYSTEM_RESET returned");
}

/* pong's run 2: back (State 1), answering until ping is done (State 3). */
static void pong_again(void)
{
	u32 answered = 0;

	*rt_reset_page(RAM_SIZE) = 0;
	mmio_write32(ch.regs + CHAN_REG_STATE, 1);
	while (WAIT_TICK(got[1] > answered || mmio_read32(ch.regs + CHAN_REG_PEER_STATE) == 3, 1000,
			 60) &&
	       got[1] > answered) {
		answered++;
		mem->reply = mem->msg;
		ring(0, 1);
	}
	check(N("answered-after-restart"), answered == IPC_AGAIN, "%u answered", answered);
}

static void watcher(void)
{
	u64 esr = 0;
	u32 v = 1;

	/* Until ping says it is done (State 2): host time, which QEMU's TCG makes long. */
	WAIT_TICK(mmio_read32(ch.regs + CHAN_REG_PEER_STATE) == 2, 10000, 120);
	check(N("reads-messages"), mem->reply == IPC_ROUNDS, "the last reply it saw: %u",
	      mem->reply);
	check(N("store-aborts"), !rt_write32((u64)(uintptr_t)&mem->probe, 0xdead, &esr),
	      "its store to read-only shared memory went through");
	check(N("store-changed-nothing"), rt_read32((u64)(uintptr_t)&mem->probe, &v, NULL) && !v,
	      "the word reads 0x%x", v);
}

static void outsider(void)
{
	u32 v;

	/* No virtual host bridge, no channel function, no memory of the channel's. */
	check("ipc/outsider/no-memory",
	      !rt_read32(MEMBER_VMMIO + 0x10000, &v, NULL) &&
		  !rt_write32(MEMBER_VMMIO + 0x10000, 1, NULL) && !rt_read32(CHANNEL_PA, &v, NULL),
	      "it reached a channel's memory");
	check("ipc/outsider/no-doorbell",
	      !rt_write32(MEMBER_VMMIO + CHAN_REG_DOORBELL, 1u << 16, NULL),
	      "it wrote a channel's doorbell");
}

void guest_main(u64 dtb)
{
	u32 v;

	(void)dtb;
	run2 = *rt_reset_page(RAM_SIZE) == RESTART_MAGIC;
	rt_gic_init();
	rt_gic_cpu_init();
	rt_gic_set_handler(handler);
	rt_gic_enable(INTID_VTIMER);
	rt_irq_enable();
	if (!rt_read32(RT_ECAM, &v, NULL)) {
		outsider();
		rt_system_off();
	}
	if (!find_function()) {
		fail("ipc/member/found", "no channel function on bus 0");
		rt_system_off();
	}
	if (me == 0)
		ping();
	else if (me == 1 && run2)
		pong_again();
	else if (me == 1)
		pong();
	else
		watcher();
	rt_system_off();
}
