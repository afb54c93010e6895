/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Ticket spinlocks: FIFO, so no CPU waits forever behind others.
 *
 * Lock order (take them in this order, release in reverse; written once, here):
 *   1. struct partition.lock   (one partition's vCPU power states)
 *   2. struct vpl011.lock      (one partition's virtual UART)
 *   3. struct vits.lock        (one partition's virtual ITS and its command queue)
 *   4. struct vgic.lock        (one partition's virtual GIC; taken under the UART's
 *                               lock when the UART's line changes, and under the
 *                               vITS lock when an event's mapping changes)
 *   5. the physical ITS's lock (drivers/gic/its.c: its command queue, shared by all
 *                               partitions; taken under a vITS or a vGIC lock);
 *      the SMMU's lock         (drivers/iommu/smmuv3.c: its command and event
 *                               queues; under it, only a console ring's)
 *   6. console input lock; console output: one lock per source's ring, and the
 *      drain lock, under which a ring's lock is never taken (leaf locks)
 *
 * The vITS and vGIC locks are taken only through their locked handles
 * (vits_lock() in vdev/its/vits_internal.h, vgic_lock() in vdev/vgic.h),
 * which the host builds check against this order at run time: the unit
 * tests and the fuzzer abort on an inversion or a lock taken twice.
 */
#ifndef CORE_SPINLOCK_H
#define CORE_SPINLOCK_H

#include <core/types.h>

/* Ranks of the locks whose order is checked on the host (the order above). */
#define LOCK_RANK_VITS 3
#define LOCK_RANK_VGIC 4

#ifdef PARTITA_HOST
/** The ranks of the checked locks this thread holds (a bit each; tests/unit/fake_hyp.c). */
extern _Thread_local u32 lock_ranks_held;

/** About to take a lock of @rank: nothing of that rank or after it may be held. */
static inline void lock_rank_take(unsigned rank)
{
	if (lock_ranks_held >> rank)
		__builtin_trap(); /* lock order broken (core/spinlock.h) */
	lock_ranks_held |= 1u << rank;
}

static inline void lock_rank_drop(unsigned rank)
{
	lock_ranks_held &= ~(1u << rank);
}
#else
static inline void lock_rank_take(unsigned rank)
{
	(void)rank;
}

static inline void lock_rank_drop(unsigned rank)
{
	(void)rank;
}
#endif

struct spinlock {
	u32 next;
	u32 owner;
};

#define SPINLOCK_INIT \
	{ \
		0, 0 \
	}

static inline void spin_lock(struct spinlock *l)
{
	u32 ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket) {
#ifndef PARTITA_HOST
		__asm__ volatile("yield");
#endif
	}
}

/** Take @l only if nobody holds or waits for it; true if taken. */
static inline bool spin_trylock(struct spinlock *l)
{
	u32 owner = __atomic_load_n(&l->owner, __ATOMIC_ACQUIRE), next = owner;

	return __atomic_compare_exchange_n(&l->next, &next, owner + 1, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

#endif
