// SPDX-License-Identifier: MIT
/**
 * @file
 * Channel ends (vdev/include/vdev/vchan.h): their configuration space,
 * their register and MSI-X pages, and doorbells from one end to another.
 *
 * Locking: an end's guest state is under its partition's vpci lock. A
 * doorbell takes the receiver's lock alone (the sender's is released
 * first), and the MSI it makes is issued once that lock is released too
 * (vchan_finish(), through the receiver's msi hook, which takes its vITS
 * lock): no two vpci locks are ever held together.
 */
#include <core/lib.h>
#include <drivers/pci.h>
#include <vdev/vchan.h>
#include <vdev/vpci.h>

#define MSIX_ENABLE BIT(15)
#define MSIX_MASKALL BIT(14)
#define CMD_WRITABLE (PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_INTX_DISABLE)
#define STATUS_CAP_LIST BIT(4)
#define STATUS_INTX BIT(3)
#define PCI_BAR_TYPE64 (2u << 1) /* a memory BAR's Type: 64-bit */
#define VENDOR_CAP_LEN 0x18	 /* no Base Address: BAR2 says where the memory is */

/** The ends of each channel by peer number: who a doorbell reaches. */
static struct vchan_end *peers[CONFIG_CHANNELS][CHANNEL_PEERS];

void vchan_init(struct vchan_end *e, const struct partition_config *cfg, u32 i, struct vpci *pci)
{
	const struct channel_end_config *c = &cfg->channel_ends[i];

	*e = (struct vchan_end){ .cfg = c,
				 .ch = &system_config.channels[c->channel],
				 .pci = pci,
				 .has_msix = pci->msi != NULL,
				 .dev = (u32)(cfg_dma_device_count(cfg) + i),
				 .intx_guest =
				     (u16)(VPCI_INTX_INTID + (c->guest >> 3) % VPCI_INTX_LINES) };
	for (size_t p = 0; p < system_config.partition_count; p++) {
		const struct partition_config *o = &system_config.partitions[p];

		for (size_t j = 0; j < o->channel_end_count; j++)
			e->members += o->channel_ends[j].channel == c->channel;
	}
	if (c->channel < CONFIG_CHANNELS && c->peer < CHANNEL_PEERS)
		peers[c->channel][c->peer] = e;
}

/* --- interrupts --------------------------------------------------------------------------- */

/** Give the line the level @e's INTx state says (lock held). */
static void intx_update(struct vchan_end *e)
{
	bool up =
	    e->int_status && !(e->command & PCI_CMD_INTX_DISABLE) && !(e->msix_ctrl & MSIX_ENABLE);

	if (up == e->intx_up)
		return;
	e->intx_up = up;
	if (up)
		e->pci->line(e->pci->line_ctx, e->intx_guest, true);
	else
		vpci_intx_lower(e->pci, e->intx_guest);
}

/**
 * Vector @v of @e as an MSI, if it may go now; otherwise pending in the
 * PBA (masked, or the function may not write: Bus Master off). Lock held;
 * the MSI itself is issued by vchan_finish().
 */
static void msi(struct vchan_end *e, u32 v, struct vchan_todo *todo)
{
	const u32 *ent = e->msix[v];
	u64 addr = ent[0] | (u64)ent[1] << 32;

	if ((e->msix_ctrl & MSIX_MASKALL) || (ent[3] & 1) || !(e->command & PCI_CMD_MASTER)) {
		e->pba |= BIT(v);
		return;
	}
	e->pba &= ~BIT(v);
	/* Where a real function's write would fault at the SMMU: nothing arrives. */
	if (!e->has_msix || addr != e->pci->doorbell) {
		e->stats.msi_refused++;
		return;
	}
	e->stats.delivered++;
	if (todo->n < ARRAY_SIZE(todo->msi)) {
		todo->msi[todo->n].to = e;
		todo->msi[todo->n++].event = ent[2];
	}
}

/** A doorbell for vector @v reaches @e (lock held). */
static void deliver(struct vchan_end *e, u32 v, struct vchan_todo *todo)
{
	if (!(e->int_ctrl & 1)) {
		e->stats.off++;
		return;
	}
	/* One-shot: the receiver enables the next one itself. */
	if (e->priv_ctrl & 1)
		e->int_ctrl &= ~1u;
	if (e->msix_ctrl & MSIX_ENABLE) {
		msi(e, v, todo);
	} else {
		e->stats.delivered++;
		e->int_status |= BIT(v);
		intx_update(e);
	}
}

/** The pending vectors of @e that may go now do (lock held). */
static void flush_pba(struct vchan_end *e, struct vchan_todo *todo)
{
	for (u32 v = 0; v < e->ch->vectors; v++)
		if (e->pba & BIT(v))
			msi(e, v, todo);
}

void vchan_finish(struct vchan_todo *todo)
{
	for (u32 i = 0; i < todo->n; i++) {
		struct vchan_end *to = todo->msi[i].to;

		if (!to->pci->msi(to->pci->msi_ctx, to->dev, todo->msi[i].event))
			__atomic_fetch_add(&to->stats.unmapped, 1, __ATOMIC_RELAXED);
	}
	todo->n = 0;
}

/** Ring vector @v of peer @peer of @from's channel (no lock held). */
static void ring(struct vchan_end *from, u32 peer, u32 v)
{
	struct vchan_end *to = peer < CHANNEL_PEERS ? peers[from->cfg->channel][peer] : NULL;
	struct vchan_todo todo = { 0 };

	if (!to)
		return;
	spin_lock(&to->pci->lock);
	deliver(to, v, &todo);
	spin_unlock(&to->pci->lock);
	vchan_finish(&todo);
}

/** Every other peer's vector 0: @from's State changed. */
static void ring_others(struct vchan_end *from)
{
	for (u32 p = 0; p < from->members; p++)
		if (p != from->cfg->peer && peers[from->cfg->channel][p])
			ring(from, p, 0);
}

void vchan_resample(struct vchan_end *e)
{
	if (e->intx_up)
		e->pci->line(e->pci->line_ctx, e->intx_guest, true);
}

/* --- life cycle ----------------------------------------------------------------------------- */

void vchan_off(struct vchan_end *e)
{
	spin_lock(&e->pci->lock);
	e->int_ctrl = 0;
	e->int_status = 0;
	e->msix_ctrl = 0;
	intx_update(e);
	spin_unlock(&e->pci->lock);
}

void vchan_reset(struct vchan_end *e)
{
	bool told;

	spin_lock(&e->pci->lock);
	told = e->state != 0;
	e->command = 0;
	e->sizing = 0;
	e->irq_line = 0;
	e->priv_ctrl = 0;
	e->msix_ctrl = 0;
	e->int_ctrl = 0;
	e->state = 0;
	e->int_status = 0;
	e->pba = 0;
	memset(e->msix, 0, sizeof(e->msix));
	/* Every vector masked, as PCI resets them. */
	for (u32 v = 0; v < CHANNEL_VECTORS; v++)
		e->msix[v][3] = 1;
	intx_update(e);
	spin_unlock(&e->pci->lock);
	/* partita maps all RAM at its physical address; the guests' view is cacheable too. */
	if (e->ch->clear_on_restart)
		memset((void *)(uintptr_t)e->ch->pa, 0, (size_t)e->ch->size);
	if (told)
		ring_others(e);
}

/* --- configuration space -----------------------------------------------------------------------
 */

/** BAR @i's size (0: none) and flags. */
static u64 bar_size(const struct vchan_end *e, u32 i, u32 *flags)
{
	*flags = 0;
	if (i == 0)
		return VCHAN_PAGE;
	if (i == 1)
		return e->has_msix ? VCHAN_PAGE : 0;
	if (i == 2) {
		*flags = PCI_BAR_TYPE64 | PCI_BAR_PREFETCH;
		return e->ch->size;
	}
	return 0;
}

static u64 bar_addr(const struct vchan_end *e, u32 i)
{
	return i == 2 ? e->cfg->ipa : e->cfg->regs_ipa + i * VCHAN_PAGE;
}

static u32 bar_read(const struct vchan_end *e, u32 i)
{
	u32 flags;
	u64 size;

	if (i == 3) /* BAR2's upper half */
		return e->sizing & BIT(3) ? (u32)(~(e->ch->size - 1) >> 32)
					  : (u32)(e->cfg->ipa >> 32);
	size = bar_size(e, i, &flags);
	if (!size)
		return 0;
	if (e->sizing & BIT(i))
		return (u32) ~(size - 1) | flags;
	return (u32)bar_addr(e, i) | flags;
}

/** As a real function's shadowed BAR (vdev/pci/vpci.c): sized, or written back, nothing else. */
static void bar_write(struct vchan_end *e, u32 i, u32 val)
{
	u32 flags, writable, placed;
	u64 size = bar_size(e, i == 3 ? 2 : i, &flags);

	if (!size || i > 3) {
		e->stats.ro_writes++;
		return;
	}
	writable = i == 3 ? (u32)(~(size - 1) >> 32) : (u32) ~(size - 1) & ~0xfu;
	placed = i == 3 ? (u32)(e->cfg->ipa >> 32) : (u32)bar_addr(e, i);
	e->sizing &= (u8)~BIT(i);
	if ((val & writable) == writable)
		e->sizing |= (u8)BIT(i);
	else if ((val & writable) != (placed & writable))
		e->stats.ro_writes++;
}

u32 vchan_cfg_read(const struct vchan_end *e, u32 off)
{
	switch (off) {
	case PCI_ID:
		return (u32)VCHAN_DEVICE << 16 | VCHAN_VENDOR;
	case PCI_COMMAND:
		return e->command | (STATUS_CAP_LIST | (e->int_status ? STATUS_INTX : 0)) << 16;
	case PCI_CLASS:
		return 0xffu << 24 | (u32)e->ch->protocol << 8;
	case PCI_HEADER:
		return e->multi ? 0x80u << 16 : 0;
	case 0x2c: /* subsystem: the same as the device, as ivshmem allows */
		return (u32)VCHAN_DEVICE << 16 | VCHAN_VENDOR;
	case PCI_CAP_PTR:
		return VCHAN_CAP_VENDOR;
	case PCI_IRQ:
		return 1u << 8 | e->irq_line; /* INTA */
	case VCHAN_CAP_VENDOR:
		return 0x09u | (e->has_msix ? (u32)VCHAN_CAP_MSIX << 8 : 0) | VENDOR_CAP_LEN << 16 |
		       (u32)e->priv_ctrl << 24;
	case VCHAN_CAP_VENDOR + 4:
		return 0; /* State Table Size: none in the memory (the registers have the states) */
	case VCHAN_CAP_VENDOR + 8:
		return (u32)e->ch->size; /* R/W Section Size: all of it */
	case VCHAN_CAP_VENDOR + 12:
		return (u32)(e->ch->size >> 32);
	case VCHAN_CAP_MSIX:
		/* Table Size N - 1 */
		return e->has_msix ? 0x11u | (u32)(e->msix_ctrl | (e->ch->vectors - 1)) << 16 : 0;
	case VCHAN_CAP_MSIX + 4:
		return e->has_msix ? 1u : 0; /* the table in BAR1 at 0 */
	case VCHAN_CAP_MSIX + 8:
		return e->has_msix ? VCHAN_MSIX_PBA | 1u : 0;
	default:
		if (off >= PCI_BAR0 && off < PCI_BAR0 + 24)
			return bar_read(e, (off - PCI_BAR0) / 4);
		return 0;
	}
}

void vchan_cfg_write(struct vchan_end *e, u32 off, u32 val, u32 mask, struct vchan_todo *todo)
{
	u32 now = (vchan_cfg_read(e, off) & ~mask) | (val & mask);

	if (off == PCI_COMMAND) {
		if ((now ^ e->command) & 0xffff & ~CMD_WRITABLE)
			e->stats.ro_writes++;
		e->command = (u16)(now & CMD_WRITABLE);
		intx_update(e);
		flush_pba(e, todo); /* Bus Master on */
	} else if (off >= PCI_BAR0 && off < PCI_BAR0 + 24) {
		bar_write(e, (off - PCI_BAR0) / 4, now);
	} else if (off == PCI_IRQ && (mask & 0xff)) {
		e->irq_line = (u8)now;
	} else if (off == VCHAN_CAP_VENDOR && (mask >> 24)) {
		e->priv_ctrl = (u8)((now >> 24) & 1);
	} else if (off == VCHAN_CAP_MSIX && e->has_msix && (mask >> 16)) {
		e->msix_ctrl = (u16)((now >> 16) & (MSIX_ENABLE | MSIX_MASKALL));
		intx_update(e);
		if (e->msix_ctrl & MSIX_ENABLE)
			flush_pba(e, todo);
	} else {
		e->stats.ro_writes++;
	}
}

/* --- the register page and the MSI-X page ------------------------------------------------------
 */

/**
 * A register access of @e, and what it does once the lock is released (the
 * Doorbell, which needs no lock, does not come here: vchan_window_access()).
 */
struct access {
	struct vchan_end *e;
	struct vchan_todo todo;
	bool ring_state;
};

static u64 reg_read(void *dev, const struct mmio_access *acc)
{
	const struct vchan_end *e = ((struct access *)dev)->e;

	switch (acc->offset) {
	case VCHAN_REG_ID:
		return e->cfg->peer;
	case VCHAN_REG_MAX_PEERS:
		return e->members;
	case VCHAN_REG_INT_CTRL:
		return e->int_ctrl;
	case VCHAN_REG_STATE:
		return e->state;
	case VCHAN_REG_INT_STATUS:
		return e->int_status;
	default:
		return 0; /* the Doorbell reads 0 */
	}
}

/** The State of peer acc->offset / 4, as it last wrote it (another partition's: no lock). */
static u64 peer_state_read(void *dev, const struct mmio_access *acc)
{
	const struct vchan_end *e = ((struct access *)dev)->e;
	u32 p = (u32)acc->offset / 4;

	if (p >= e->members || !peers[e->cfg->channel][p])
		return 0;
	return __atomic_load_n(&peers[e->cfg->channel][p]->state, __ATOMIC_RELAXED);
}

static void reg_write(void *dev, const struct mmio_access *acc)
{
	struct access *a = dev;
	struct vchan_end *e = a->e;
	u32 val = (u32)acc->value;

	switch (acc->offset) {
	case VCHAN_REG_INT_CTRL:
		e->int_ctrl = val & 1;
		break;
	case VCHAN_REG_STATE:
		if (val != e->state) {
			__atomic_store_n(&e->state, val, __ATOMIC_RELAXED);
			__atomic_fetch_add(&e->stats.rung, 1, __ATOMIC_RELAXED);
			a->ring_state = true;
		}
		break;
	case VCHAN_REG_INT_STATUS:
		e->int_status &= ~val; /* write 1 to clear */
		intx_update(e);
		break;
	default:
		break;
	}
}

/* Aligned 32-bit accesses only, as ivshmem says; offsets with no register read 0, ignore writes. */
static const struct mmio_reg reg_table[] = {
	{ VCHAN_REG_ID, 4, MMIO_W32, reg_read, reg_write, 6 },
	{ VCHAN_REG_PEER_STATE, 4, MMIO_W32, peer_state_read, NULL, CHANNEL_PEERS },
};

static u64 pba_read(void *dev, const struct mmio_access *acc)
{
	return acc->offset ? 0 : ((struct access *)dev)->e->pba;
}

static u64 msix_read(void *dev, const struct mmio_access *acc)
{
	const struct vchan_end *e = ((struct access *)dev)->e;
	u32 v = (u32)acc->offset / 16, w = (u32)(acc->offset % 16) / 4;

	if (v >= e->ch->vectors)
		return 0;
	if (acc->size == 8)
		return e->msix[v][w] | (u64)e->msix[v][w + 1] << 32;
	return e->msix[v][w];
}

static void msix_write(void *dev, const struct mmio_access *acc)
{
	struct access *a = dev;
	struct vchan_end *e = a->e;
	u32 v = (u32)acc->offset / 16, w = (u32)(acc->offset % 16) / 4;

	if (v >= e->ch->vectors)
		return;
	e->msix[v][w] = (u32)acc->value;
	if (acc->size == 8 && w < 3)
		e->msix[v][w + 1] = (u32)(acc->value >> 32);
	e->msix[v][3] &= 1; /* Vector Control: the mask bit only */
	if (e->msix_ctrl & MSIX_ENABLE)
		flush_pba(e, &a->todo);
}

/* The table: 32- or 64-bit accesses, as PCI allows; the PBA likewise. */
static const struct mmio_reg msix_table[] = {
	{ 0, 8, MMIO_W32 | MMIO_W64, msix_read, msix_write, CHANNEL_VECTORS * 2 },
	{ VCHAN_MSIX_PBA, 8, MMIO_W32 | MMIO_W64, pba_read, NULL, 1 },
};

enum mmio_result vchan_window_access(void *dev, u32 vcpu, struct mmio_access *acc)
{
	struct vpci *v = dev;
	u64 ipa = v->vmmio_base + acc->offset;
	struct access a = { 0 };
	enum mmio_result r = MMIO_ABORT;
	u64 unknown = 0;

	(void)vcpu;
	for (u32 i = 0; i < v->nends && !a.e; i++)
		if (ipa - v->ends[i].cfg->regs_ipa < 2 * VCHAN_PAGE)
			a.e = &v->ends[i];
	/* Not a register page: nothing is there (the memory itself never traps). */
	if (!a.e)
		return MMIO_ABORT;
	acc->offset = ipa - a.e->cfg->regs_ipa;
	/* The Doorbell changes nothing of the sender's: no lock of its own to take. */
	if (acc->write && acc->offset == VCHAN_REG_DOORBELL && acc->size == 4) {
		u32 val = (u32)acc->value, peer = val >> 16, vec = val & 0xffff;

		__atomic_fetch_add(&a.e->stats.rung, 1, __ATOMIC_RELAXED);
		if (peer >= a.e->members || vec >= a.e->ch->vectors)
			__atomic_fetch_add(&a.e->stats.bad_doorbell, 1, __ATOMIC_RELAXED);
		else
			ring(a.e, peer, vec);
		return MMIO_HANDLED;
	}
	spin_lock(&v->lock);
	if (acc->offset < VCHAN_PAGE) {
		r = mmio_table_access(reg_table, ARRAY_SIZE(reg_table), &a, acc, &unknown);
	} else if (a.e->has_msix) {
		acc->offset -= VCHAN_PAGE;
		r = mmio_table_access(msix_table, ARRAY_SIZE(msix_table), &a, acc, &unknown);
	} else if (!acc->write) {
		acc->value = 0; /* no MSI-X, no BAR1: nothing decodes there */
		r = MMIO_HANDLED;
	}
	if (r == MMIO_ABORT)
		a.e->stats.bad_accesses++;
	spin_unlock(&v->lock);
	vchan_finish(&a.todo);
	if (a.ring_state)
		ring_others(a.e);
	return r;
}
