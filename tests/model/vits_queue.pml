/*
 * The virtual ITS command-queue protocol (docs/architecture.md section 6.2, issue
 * 6), for spin. It is the specification that process_locked() in
 * vdev/its/vits.c implements (vits_trap() below is that function, its n
 * the work units it counts against ITS_CMD_BATCH, pits the physical ITS
 * queue's lock in drivers/gic/its.c): that function names this file in its
 * comment, and when one changes, so does the other.
 *
 *   - A guest writes commands into the queue in its RAM, then writes
 *     CWRITER. Any vCPU may write CWRITER or read CREADR, in any interleaving.
 *   - The vCPU whose CWRITER write or CREADR read traps processes the queue
 *     itself, under the partition's vITS lock. It processes at most BATCH
 *     commands per trap, from CREADR towards CWRITER, wrapping around the queue.
 *   - A command that reaches the hardware goes to the physical ITS queue.
 *     That queue is shared by all partitions and has its own ticket lock,
 *     taken inside the vITS lock, once per command.
 *   - A guest that queued more than one batch sees CREADR short of CWRITER
 *     and polls, as Linux does. Each poll processes the next batch.
 *
 * Partition A has NVCPU vCPUs. Its guest behaves like Linux: appending a
 * command and writing CWRITER happen under a lock of its own, and polling
 * takes no lock. Partition B has one vCPU, which issues one command through
 * its own vITS while A keeps its queue busy; with FLOOD, A does so forever.
 *
 * Properties, each a case of make test (tests/model/run.sh):
 *   safety    (assertions) every command is processed exactly once and in
 *             queue order; CREADR never passes CWRITER; no trap processes
 *             more than BATCH commands; at the end every written command
 *             has been processed.
 *   deadlock  (invalid end states) no deadlock, the two locks included.
 *   progress  (LTL, FLOOD, weak fairness) a command that is written is
 *             eventually processed.
 *   b_served  (LTL, FLOOD, weak fairness) B's command reaches the physical
 *             ITS while A floods.
 *
 * Broken variants, each expected to fail, so that the properties are known
 * to bite:
 *   NOLOCK    processes without the vITS lock.
 *   HANDOVER  KVM's 2016 scheme. The processing vCPU drops the lock while it
 *             works, and a vCPU that finds it busy leaves the work to it. The
 *             busy vCPU then processes everything queued, with no bound.
 *   UNBOUNDED has no batch limit per trap.
 *   INVERT    has B take the physical ITS lock and then a vITS lock (A's).
 *   HOLD_PITS is HANDOVER with the physical ITS lock held across the busy
 *             vCPU's loop (its per-trap bound left unchecked): B starves.
 */

#ifndef NVCPU
#define NVCPU 3
#endif
#ifndef QSIZE
#define QSIZE 3         /* slots; a full queue holds QSIZE - 1 commands */
#endif
#ifndef BATCH
#define BATCH 1
#endif
#define MAXCMDS 3       /* commands A writes (without FLOOD) */
#ifndef IDS
#define IDS 4           /* command ids are counted modulo IDS (> QSIZE - 1);
                           IDS itself marks a consumed slot */
#endif
#ifdef HOLD_PITS
#define HANDOVER
#endif

byte q[QSIZE];          /* A's command queue, in guest RAM: command ids */
byte cwriter, creadr;   /* A's GITS_CWRITER and GITS_CREADR, as slot indices */
byte written;           /* commands A appended (modulo IDS with FLOOD) */
byte processed;         /* commands A's vITS processed (likewise) */
byte next_id;           /* the id the next processed command must have */
/*
 * partita's locks are ticket locks (core/spinlock.h), FIFO: a CPU that waits
 * is served after those before it, so weak fairness suffices. Tickets count
 * modulo 4: at most 4 CPUs ever hold or wait for one lock here.
 */
bit glock;                      /* the guest's own lock (Linux's its->lock) */
byte vits_a_next, vits_a_serve; /* A's vITS lock */
byte vits_b_next, vits_b_serve; /* B's vITS lock */
byte pits_next, pits_serve;     /* the physical ITS command queue's lock */
bit b_done;             /* B's command reached the physical ITS */
bit busy;               /* HANDOVER: a vCPU is processing */
bit watched;            /* a command chosen to be followed is queued, unprocessed */
byte watched_id;

/* Lock l: l_next is the next ticket, l_serve the one served; t takes the caller's. */
#define lock(l, t) atomic { t = l##_next; l##_next = (l##_next + 1) % 4 }; l##_serve == t
#define unlock(l) l##_serve = (l##_serve + 1) % 4
/* The guest's lock: its own business, a plain test-and-set. */
#define glock_take atomic { glock == 0 -> glock = 1 }
#define glock_give glock = 0

/* One command at CREADR: check it is the next one, issue it, advance. */
inline process_one() {
	assert(q[creadr] == next_id);           /* in order, exactly once */
#ifdef WATCH
	if
	:: watched && q[creadr] == watched_id -> watched = 0
	:: else -> skip
	fi;
#endif
	q[creadr] = IDS;                        /* consumed: a second look fails the assert */
	next_id = (next_id + 1) % IDS;
#ifndef HOLD_PITS
	lock(pits, t);
	unlock(pits);
#endif
	creadr = (creadr + 1) % QSIZE;
#ifdef FLOOD
	processed = (processed + 1) % IDS;
#else
	processed++;
	assert(processed <= written);           /* CREADR never passes CWRITER */
#endif
	n = (n <= BATCH -> n + 1 : n)           /* saturates: enough to see n > BATCH */
}

/*
 * process_locked() in vdev/its/vits.c, with the vITS lock its callers take
 * (vits_mmio()): what a trapped CWRITER write (newcw < QSIZE) or CREADR read
 * (newcw == QSIZE) on a vCPU of A does in the vITS.
 */
inline vits_trap(newcw) {
	n = 0;
#ifdef HANDOVER
	lock(vits_a, t);
	if
	:: newcw < QSIZE -> cwriter = newcw
	:: else -> skip
	fi;
	if
	:: busy -> unlock(vits_a)                /* the busy one will do it */
	:: else ->
		busy = 1;
		unlock(vits_a);
#ifdef HOLD_PITS
		lock(pits, t);
#endif
		do
		:: creadr != cwriter -> process_one()
		:: else -> break
		od;
#ifdef HOLD_PITS
		unlock(pits);
#endif
		lock(vits_a, t);
		busy = 0;
		unlock(vits_a)
	fi;
#else
#ifndef NOLOCK
	lock(vits_a, t);
#endif
	if
	:: newcw < QSIZE -> cwriter = newcw
	:: else -> skip
	fi;
	do
#ifdef UNBOUNDED
	:: creadr != cwriter -> process_one()
#else
	:: creadr != cwriter && n < BATCH -> process_one()
#endif
	:: else -> break
	od;
#ifndef NOLOCK
	unlock(vits_a);
#endif
#endif
#ifndef HOLD_PITS
	assert(n <= BATCH)                      /* bounded work per trap */
#endif
}

/* A vCPU of A: append a command and write CWRITER, or poll CREADR. */
proctype vcpu_a()
{
	byte tail, n, t;
end:
	do
	:: glock_take;
		vits_trap(QSIZE);                /* reads CREADR to find room */
		tail = cwriter;
		do                               /* one or more commands, then CWRITER */
#ifdef FLOOD
		:: (tail + 1) % QSIZE != creadr ->
			q[tail] = written;
#ifdef WATCH
			if
			:: !watched -> watched = 1; watched_id = written   /* follow this one */
			:: true -> skip
			fi;
#endif
			written = (written + 1) % IDS;
#else
		:: written < MAXCMDS && (tail + 1) % QSIZE != creadr ->
			q[tail] = written % IDS;
			written++;
#endif
			tail = (tail + 1) % QSIZE;
#ifdef FLOOD
			break   /* one command per CWRITER write, as Linux: keeps the LTL runs small */
#endif
		:: break
		od;
		if
		:: tail != cwriter -> vits_trap(tail)    /* CWRITER write */
		:: else -> skip
		fi;
		glock_give
	:: vits_trap(QSIZE)                      /* CREADR poll */
#ifndef FLOOD
	:: written == MAXCMDS && creadr == cwriter -> break
#endif
	od
}

/* B: one command through its own vITS to the physical ITS. */
proctype vcpu_b()
{
	byte t, u;
#ifdef INVERT
	lock(pits, t);
	lock(vits_a, u);
	unlock(vits_a);
	unlock(pits);
#else
	lock(vits_b, u);
	lock(pits, t);
	unlock(pits);
	unlock(vits_b);
#endif
	b_done = 1
}

init
{
	byte i;
	atomic {
		for (i : 0 .. QSIZE - 1) {
			q[i] = IDS                   /* nothing written yet */
		}
		for (i : 1 .. NVCPU) {
			run vcpu_a()
		}
		run vcpu_b()
	}
#ifndef FLOOD
	(_nr_pr == 1);
	assert(processed == written && written == MAXCMDS && creadr == cwriter && b_done)
#endif
}

#ifdef FLOOD
ltl progress { [] (watched -> <> !watched) }
ltl b_served { <> b_done }
#endif
