// SPDX-License-Identifier: MIT
/**
 * @file
 * A partition's virtual PCI host bridge (vdev/include/vdev/vpci.h): the
 * configuration-space filter. Every access is split into the 32-bit word it
 * falls in and a mask of the bytes it touches; reads compose the word as the
 * partition sees it, writes go through the rules of that word.
 */
#include <core/lib.h>
#include <drivers/io.h>
#include <vdev/vpci.h>

/* Status bits a write of 1 clears (parity, SERR, aborts, master abort) that a guest may clear. */
#define STATUS_W1C 0xf900u
#define MSI_CTL_WRITABLE (BIT(0) | 0x70u) /* enable, Multiple Message Enable */
#define MSI_CTL_64BIT BIT(7)
#define MSI_CTL_MASKABLE BIT(8)
#define MSIX_CTL_WRITABLE (BIT(14) | BIT(15)) /* function mask, enable */
#define CAP_MAX 48

/** True when guest BDF @bdf is function 0 of a device with more functions, of functions or ends. */
static bool multi_function(const struct partition_config *cfg, u16 bdf)
{
	bool more = false;

	for (size_t j = 0; j < cfg->pci_function_count; j++)
		more |= (cfg->pci_functions[j].guest & 7) &&
			cfg->pci_functions[j].guest >> 3 == bdf >> 3;
	for (size_t j = 0; j < cfg->channel_end_count; j++)
		more |=
		    (cfg->channel_ends[j].guest & 7) && cfg->channel_ends[j].guest >> 3 == bdf >> 3;
	return more && !(bdf & 7);
}

void vpci_init(struct vpci *v, const struct vpci_setup *s)
{
	const struct partition_config *cfg = s->cfg;

	*v = (struct vpci){ .line = s->line,
			    .line_ctx = s->line_ctx,
			    .msi = cfg->its_ipa ? s->msi : NULL,
			    .msi_ctx = s->msi_ctx };
	v->count = (u32)MIN(cfg->pci_function_count, (size_t)CONFIG_PCI_FUNCTIONS);
	v->doorbell = cfg->its_ipa ? cfg->its_ipa + 0x10040 /* GITS_TRANSLATER */ : 0;
	/* Function 0 of a device says whether there are more (header type bit 7). */
	for (u32 i = 0; i < v->count; i++) {
		v->fn[i].guest = cfg->pci_functions[i].guest;
		v->fn[i].multi = multi_function(cfg, v->fn[i].guest);
	}
	v->nends = (u32)MIN(cfg->channel_end_count, (size_t)CONFIG_CHANNEL_ENDS);
	for (u32 i = 0; i < v->nends; i++) {
		const struct channel_config *ch =
		    &system_config.channels[cfg->channel_ends[i].channel];

		vchan_init(&v->ends[i], cfg, i, v);
		v->ends[i].multi = multi_function(cfg, cfg->channel_ends[i].guest);
		vchan_reset(&v->ends[i]);
		/* The memory starts zeroed, whatever was there before: once, by peer 0. */
		if (!cfg->channel_ends[i].peer && !ch->clear_on_restart)
			memset((void *)(uintptr_t)ch->pa, 0, (size_t)ch->size);
	}
	if (v->count || v->nends)
		mmio_register(s->mmio, cfg->pci_ecam_ipa, VPCI_ECAM_SIZE, vpci_access, v);
	if (v->nends) {
		v->vmmio_base = cfg->pci_vmmio.base;
		mmio_register(s->mmio, cfg->pci_vmmio.base, cfg->pci_vmmio.size,
			      vchan_window_access, v);
	}
}

void vpci_attach(struct vpci *v, u32 i, u64 cfg, const struct pci_bar bars[6], const u64 addr[6],
		 u32 pin, u32 intx_host)
{
	struct vpci_fn *f = &v->fn[i];
	u32 ptr;

	f->cfg = cfg;
	/* InterruptDisable is the guest's shadow (fn_write()), not passed as is. */
	f->cmd_pass = PCI_CMD_MASTER;
	/* It comes quiesced (INTx disabled), and reads so. */
	f->intx_off = true;
	if (pin >= 1 && pin <= 4 && intx_host) {
		f->intx_host = (u16)intx_host;
		f->intx_guest =
		    (u16)(VPCI_INTX_INTID + (pin - 1 + (f->guest >> 3)) % VPCI_INTX_LINES);
	}
	for (u32 b = 0; b < 6; b++) {
		f->bar[b] = bars[b];
		f->addr[b] = addr[b];
		/* A BAR partita did not place (hidden) must not decode: no enable for its kind. */
		if (bars[b].size)
			f->cmd_pass |= bars[b].io ? PCI_CMD_IO : PCI_CMD_MEM;
	}
	if (!(rd32(cfg + PCI_COMMAND) & (PCI_STATUS_CAP_LIST << 16)))
		return;
	ptr = rd32(cfg + PCI_CAP_PTR) & 0xfc;
	for (u32 n = 0; n < CAP_MAX && ptr >= 0x40; n++) {
		u32 hdr = rd32(cfg + ptr);

		if ((hdr & 0xff) == PCI_CAP_ID_MSI && !f->msi) {
			u32 ctl = hdr >> 16;

			f->msi = (u8)ptr;
			/* ID and control, address (two words if 64-bit), data; mask and pending. */
			f->msi_len = (u8)(0xc + (ctl & MSI_CTL_64BIT ? 4 : 0) +
					  (ctl & MSI_CTL_MASKABLE ? 8 : 0));
		} else if ((hdr & 0xff) == PCI_CAP_ID_MSIX && !f->msix)
			f->msix = (u8)ptr;
		ptr = (hdr >> 8) & 0xfc;
	}
}

/**
 * The physical Command of @f as the guest's InterruptDisable and partita's
 * mask make it, read back (the write may be posted: the line must be down
 * before the physical interrupt is ended). Not while it does not answer
 * (all ones: in a reset), when a write would turn everything on.
 */
static void intx_apply(const struct vpci_fn *f)
{
	u32 w = rd32(f->cfg + PCI_COMMAND);

	if ((w & 0xffff) == 0xffff)
		return;
	w &= 0xffff & ~(u32)PCI_CMD_INTX_DISABLE;
	/* 16 bits written back, Status zeroes: no write-1-to-clear bit is touched. */
	wr32(f->cfg + PCI_COMMAND,
	     w | (f->intx_off || f->intx_masked ? (u32)PCI_CMD_INTX_DISABLE : 0));
	(void)rd32(f->cfg + PCI_COMMAND);
}

/** @f says it asserts INTx (Status.Interrupt), and answers. */
static bool intx_asserted(const struct vpci_fn *f)
{
	u32 w = rd32(f->cfg + PCI_COMMAND);

	return w != 0xffffffffu && (w & (PCI_STATUS_INTX << 16));
}

void vpci_intx_lower(struct vpci *v, u32 intid)
{
	for (u32 i = 0; i < v->count; i++)
		if (v->fn[i].intx_guest == intid && v->fn[i].intx_masked)
			return;
	for (u32 i = 0; i < v->nends; i++)
		if (v->ends[i].intx_guest == intid && v->ends[i].intx_up)
			return;
	if (v->line)
		v->line(v->line_ctx, intid, false);
}

void vpci_off(struct vpci *v)
{
	spin_lock(&v->lock);
	for (u32 i = 0; i < v->count; i++) {
		struct vpci_fn *f = &v->fn[i];

		f->intx_off = true;
		f->intx_masked = false;
		if (f->cfg)
			intx_apply(f);
	}
	spin_unlock(&v->lock);
	for (u32 i = 0; i < v->nends; i++)
		vchan_off(&v->ends[i]);
}

void vpci_reset(struct vpci *v)
{
	spin_lock(&v->lock);
	for (u32 i = 0; i < v->count; i++) {
		v->fn[i].sizing = 0;
		v->fn[i].irq_line = 0;
		v->fn[i].intx_off = true; /* as partita quiesced it */
		v->fn[i].intx_masked = false;
	}
	spin_unlock(&v->lock);
	for (u32 i = 0; i < v->nends; i++)
		vchan_reset(&v->ends[i]);
}

u32 vpci_intx_claim(struct vpci *v, u32 intid)
{
	u32 n = 0;

	spin_lock(&v->lock);
	for (u32 i = 0; i < v->count; i++) {
		struct vpci_fn *f = &v->fn[i];

		/* Masked or disabled, it does not drive the line, whatever its status says. */
		if (f->intx_host != intid || !f->cfg || f->intx_off || f->intx_masked ||
		    !intx_asserted(f))
			continue;
		f->intx_masked = true;
		intx_apply(f);
		if (v->line)
			v->line(v->line_ctx, f->intx_guest, true);
		v->stats.intx++;
		n++;
	}
	spin_unlock(&v->lock);
	return n;
}

bool vpci_intx_asserts_masked(struct vpci *v, u32 intid)
{
	bool any = false;

	spin_lock(&v->lock);
	for (u32 i = 0; i < v->count && !any; i++) {
		const struct vpci_fn *f = &v->fn[i];

		any = f->intx_host == intid && f->cfg && (f->intx_off || f->intx_masked) &&
		      intx_asserted(f);
	}
	spin_unlock(&v->lock);
	return any;
}

void vpci_intx_resample(struct vpci *v, u32 intid)
{
	spin_lock(&v->lock);
	for (u32 i = 0; i < v->count; i++) {
		struct vpci_fn *f = &v->fn[i];

		if (f->intx_guest != intid || !f->intx_masked)
			continue;
		/* Still asserting, it raises the physical line again at once. */
		f->intx_masked = false;
		intx_apply(f);
	}
	for (u32 i = 0; i < v->nends; i++)
		if (v->ends[i].intx_guest == intid)
			vchan_resample(&v->ends[i]);
	spin_unlock(&v->lock);
}

static struct vpci_fn *fn_at(struct vpci *v, u64 offset)
{
	u16 bdf = (u16)((offset >> 12) & 0xff); /* bus 0: device and function */

	for (u32 i = 0; i < v->count; i++)
		if (v->fn[i].guest == bdf && v->fn[i].cfg)
			return &v->fn[i];
	return NULL;
}

static struct vchan_end *end_at(struct vpci *v, u64 offset)
{
	u16 bdf = (u16)((offset >> 12) & 0xff);

	for (u32 i = 0; i < v->nends; i++)
		if (v->ends[i].cfg->guest == bdf)
			return &v->ends[i];
	return NULL;
}

/* --- BARs ------------------------------------------------------------------------------ */

/** BAR register @i: the BAR whose upper half it is (mem64), or -1. */
static int upper_of(const struct vpci_fn *f, u32 i)
{
	return i > 0 && f->bar[i - 1].mem64 ? (int)i - 1 : -1;
}

static u32 bar_read(const struct vpci_fn *f, u32 i)
{
	int lo = upper_of(f, i);

	if (lo >= 0) {
		const struct pci_bar *b = &f->bar[lo];

		if (f->sizing & BIT(i))
			return (u32)(~(b->size - 1) >> 32);
		return (u32)(f->addr[lo] >> 32);
	}
	if (!f->bar[i].size)
		return 0;
	if (f->sizing & BIT(i))
		return (u32) ~(f->bar[i].size - 1) | f->bar[i].flags;
	return (u32)f->addr[i] | f->bar[i].flags;
}

/**
 * The guest writes @val to BAR register @i: all ones (in the bits it can
 * write) to size it, the address partita placed it at to put it back;
 * anything else changes nothing and is counted. The real BAR is never written.
 */
static void bar_write(struct vpci *v, struct vpci_fn *f, u32 i, u32 val)
{
	int lo = upper_of(f, i);
	u64 size;
	u32 writable, placed;

	if (lo >= 0) {
		size = f->bar[lo].size;
		writable = (u32)(~(size - 1) >> 32);
		placed = (u32)(f->addr[lo] >> 32);
	} else if (f->bar[i].size) {
		size = f->bar[i].size;
		writable = (u32) ~(size - 1) & (f->bar[i].io ? ~0x3u : ~0xfu);
		placed = (u32)f->addr[i];
	} else {
		v->stats.ro_writes++;
		return;
	}
	f->sizing &= (u8)~BIT(i);
	if ((val & writable) == writable)
		f->sizing |= (u8)BIT(i);
	else if ((val & writable) != (placed & writable))
		v->stats.bar_refused++;
}

/* --- MSI and MSI-X ------------------------------------------------------------------------ */

static u64 msi_address(const struct vpci_fn *f)
{
	u32 ctl = rd32(f->cfg + f->msi) >> 16;
	u64 a = rd32(f->cfg + f->msi + 4);

	if (ctl & MSI_CTL_64BIT)
		a |= (u64)rd32(f->cfg + f->msi + 8) << 32;
	return a;
}

/**
 * A write of @val (bytes @mask) to the MSI capability's word at @off from
 * its start: the enable only with the doorbell as address, the address only
 * the doorbell; Message Data (the EventID it signals under its own
 * DeviceID) and the per-vector mask bits as the guest likes.
 */
static void msi_write(struct vpci *v, struct vpci_fn *f, u32 off, u32 val, u32 mask)
{
	u64 reg = f->cfg + f->msi + off;
	u32 cur = rd32(reg), ctl = rd32(f->cfg + f->msi) >> 16;
	u32 now = (cur & ~mask) | (val & mask);
	bool is64 = ctl & MSI_CTL_64BIT;

	if (off == 0) {
		u32 want = now >> 16, out = (ctl & ~MSI_CTL_WRITABLE) | (want & MSI_CTL_WRITABLE);

		if ((want ^ ctl) & ~MSI_CTL_WRITABLE)
			v->stats.ro_writes++;
		/* Multiple Message Enable no more than Multiple Message Capable. */
		if (((out >> 4) & 7) > ((ctl >> 1) & 7))
			out = (out & ~0x70u) | (((ctl >> 1) & 7) << 4);
		if ((out & BIT(0)) && !(ctl & BIT(0)) &&
		    (!v->doorbell || msi_address(f) != v->doorbell)) {
			v->stats.msi_refused++; /* enabled with another address: stays off */
			out &= ~BIT(0);
		}
		wr32(reg, (cur & 0xffff) | out << 16);
	} else if (off == 4 || (off == 8 && is64)) {
		u32 door = off == 4 ? (u32)v->doorbell : (u32)(v->doorbell >> 32);

		if (!v->doorbell || now != door)
			v->stats.msi_refused++;
		else
			wr32(reg, now);
	} else if (off == (is64 ? 0xcu : 8u) ||
		   ((ctl & MSI_CTL_MASKABLE) && off == (is64 ? 0x10u : 0xcu))) {
		wr32(reg, now);
	} else {
		v->stats.ro_writes++;
	}
}

static void msix_write(struct vpci *v, struct vpci_fn *f, u32 off, u32 val, u32 mask)
{
	u64 reg = f->cfg + f->msix;
	u32 cur, ctl, want;

	if (off != 0 || !(mask & 0xffff0000u)) {
		v->stats.ro_writes++; /* table and PBA locations, ID, next pointer */
		return;
	}
	cur = rd32(reg);
	ctl = cur >> 16;
	want = (ctl & ~(mask >> 16)) | ((val >> 16) & (mask >> 16));
	if ((want ^ ctl) & ~MSIX_CTL_WRITABLE)
		v->stats.ro_writes++;
	want = (ctl & ~MSIX_CTL_WRITABLE) | (want & MSIX_CTL_WRITABLE);
	wr32(reg, (cur & 0xffff) | want << 16);
}

/* --- the words ---------------------------------------------------------------------------- */

static u32 fn_read(const struct vpci_fn *f, u32 off)
{
	u32 v;

	if (off >= 0x100)
		return 0; /* no extended capabilities: SR-IOV, ARI, ATS, ACS hidden */
	if (off >= 0x40)
		return rd32(f->cfg + off);
	switch (off) {
	case PCI_COMMAND:
		v = rd32(f->cfg + off) & ~(u32)PCI_CMD_INTX_DISABLE;
		return v | (f->intx_off ? PCI_CMD_INTX_DISABLE : 0);
	case PCI_ID:
	case PCI_CLASS:
	case 0x2c: /* subsystem */
		return rd32(f->cfg + off);
	case PCI_HEADER:
		/* Type 0, and multi-function as the partition's own BDFs say. */
		v = rd32(f->cfg + off) & ~(0xffu << 16);
		return v | (f->multi ? 0x80u << 16 : 0);
	case PCI_CAP_PTR:
		return rd32(f->cfg + off) & 0xfc;
	case PCI_IRQ:
		/* Its pin only where partita routes it (a pin on no line would never fire). */
		v = rd32(f->cfg + off) & 0xffff0000u;
		return v | (f->intx_guest ? (rd32(f->cfg + off) & 0xff00) : 0) | f->irq_line;
	default:
		if (off >= PCI_BAR0 && off < PCI_BAR0 + 24)
			return bar_read(f, (off - PCI_BAR0) / 4);
		return 0; /* CardBus CIS, expansion ROM, reserved */
	}
}

static void fn_write(struct vpci *v, struct vpci_fn *f, u32 off, u32 val, u32 mask)
{
	if (off >= 0x100) {
		v->stats.ro_writes++; /* the extended space is hidden */
	} else if (off == PCI_COMMAND) {
		u32 cur = fn_read(f, off) & 0xffff;
		u32 want = (cur & ~mask) | (val & mask & 0xffff);
		u32 pass = f->cmd_pass | PCI_CMD_INTX_DISABLE;

		if ((want ^ cur) & ~pass)
			v->stats.ro_writes++;
		want = (cur & ~pass) | (want & pass);
		f->intx_off = want & PCI_CMD_INTX_DISABLE;
		/* Disabled by the guest: the line it raised goes down (PCI 2.3). */
		if (f->intx_off && f->intx_masked) {
			f->intx_masked = false;
			vpci_intx_lower(v, f->intx_guest);
		}
		if (f->intx_off || f->intx_masked)
			want |= PCI_CMD_INTX_DISABLE;
		else
			want &= ~(u32)PCI_CMD_INTX_DISABLE;
		/* Status: the guest may clear its function's error bits, nothing else. */
		wr32(f->cfg + off, want | (val & mask & (STATUS_W1C << 16)));
	} else if (off >= PCI_BAR0 && off < PCI_BAR0 + 24) {
		u32 i = (off - PCI_BAR0) / 4;

		bar_write(v, f, i, (bar_read(f, i) & ~mask) | (val & mask));
	} else if (off == PCI_IRQ && (mask & 0xff)) {
		f->irq_line = (u8)val;
		if (mask & ~0xffu)
			v->stats.ro_writes++;
	} else if (f->msi && off >= f->msi && off < (u32)f->msi + f->msi_len) {
		msi_write(v, f, off - f->msi, val, mask);
	} else if (f->msix && off == f->msix) {
		msix_write(v, f, 0, val, mask);
	} else {
		v->stats.ro_writes++;
	}
}

enum mmio_result vpci_access(void *dev, u32 vcpu, struct mmio_access *acc)
{
	struct vpci *v = dev;
	struct vpci_fn *f;
	struct vchan_end *e;
	struct vchan_todo todo = { 0 };
	u32 shift = (u32)(acc->offset & 3) * 8, off = (u32)(acc->offset & 0xffc);
	u32 mask = acc->size >= 4 ? 0xffffffffu : ((1u << (acc->size * 8)) - 1) << shift;

	(void)vcpu;
	/* ECAM: 1, 2 or 4 bytes, naturally aligned. */
	if (acc->size > 4 || (acc->offset & (acc->size - 1))) {
		v->stats.bad_accesses++;
		return MMIO_ABORT;
	}
	spin_lock(&v->lock);
	f = fn_at(v, acc->offset);
	e = f ? NULL : end_at(v, acc->offset);
	if (!acc->write) {
		u32 word = f ? fn_read(f, off) : e ? vchan_cfg_read(e, off) : 0xffffffffu;

		acc->value = (word & mask) >> shift;
	} else if (f) {
		fn_write(v, f, off, (u32)(acc->value << shift), mask);
	} else if (e) {
		vchan_cfg_write(e, off, (u32)(acc->value << shift), mask, &todo);
	} else {
		v->stats.absent_writes++;
	}
	spin_unlock(&v->lock);
	vchan_finish(&todo);
	return MMIO_HANDLED;
}
