/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Partitions built at boot from the configuration: stage 2, the device
 * models (driven through one table of hooks, vdevs[]), the guest images;
 * and what a partition reports when it stops. The vCPU power-state machine
 * is in core/vcpu.c, the routing of physical interrupts in core/irq.c.
 */
#include <arch/asm.h>
#include <arch/cache.h>
#include <core/dmaview.h>
#include <core/s2view.h>
#include <drivers/smmu.h>
#include <arch/el2.h>
#include <arch/mmu.h>
#include <arch/sysreg.h>
#include <core/console.h>
#include <core/fdt.h>
#include <core/layout.h>
#include <core/lib.h>
#include <core/panic.h>
#include <core/partition.h>
#include <drivers/gic.h>
#include <drivers/its.h>
#include <drivers/pci.h>

struct percpu percpus[CONFIG_CPU_COUNT];
_Static_assert(offsetof(struct percpu, exits) == PERCPU_EXITS, "arch/asm.h");
_Static_assert(offsetof(struct percpu, vgic.vtimer_lr) == PERCPU_VTIMER_LR, "arch/asm.h");
_Static_assert(offsetof(struct percpu, acked) == PERCPU_ACKED, "arch/asm.h");
_Static_assert(VTIMER_INTID == VGIC_INTID_VTIMER, "arch/asm.h");
_Static_assert(offsetof(struct percpu, vgic.lpi_lo) == PERCPU_LPI_LO, "arch/asm.h");
_Static_assert(offsetof(struct percpu, vgic.lpi_hi) == PERCPU_LPI_LO + 4, "arch/asm.h");
_Static_assert(offsetof(struct percpu, vgic.lpi_target) == PERCPU_LPI_TARGET, "arch/asm.h");
_Static_assert(offsetof(struct percpu, vgic.fast_lr) == PERCPU_FAST_LR, "arch/asm.h");
_Static_assert(offsetof(struct percpu, vgic.lpi_events) == PERCPU_LPI_EVENTS, "arch/asm.h");
_Static_assert(offsetof(struct percpu, vgic.lpi_free) == PERCPU_LPI_FREE, "arch/asm.h");
_Static_assert(offsetof(struct percpu, vgic.fast_lpi) == PERCPU_FAST_LPI, "arch/asm.h");
_Static_assert(offsetof(struct vits_event, fast_lpis) == EVENT_FAST_LPIS, "arch/asm.h");
_Static_assert(sizeof(struct vits_event) == VITS_EVENT_SIZE, "arch/asm.h");
_Static_assert(offsetof(struct vits_event, irq) == 0, "arch/asm.h");
_Static_assert(offsetof(struct virq, flags) == VIRQ_FLAGS, "arch/asm.h");
_Static_assert(offsetof(struct virq, priority) == VIRQ_PRIORITY, "arch/asm.h");
_Static_assert(offsetof(struct virq, target) == VIRQ_TARGET, "arch/asm.h");
_Static_assert(offsetof(struct virq, intid) == VIRQ_INTID, "arch/asm.h");
_Static_assert(VIRQ_FAST_MASK ==
		   (VIRQ_OWNED | VIRQ_ENABLED | VIRQ_PENDING | VIRQ_ACTIVE | VIRQ_IN_LR),
	       "arch/asm.h");
_Static_assert(VIRQ_FAST_WANT == (VIRQ_OWNED | VIRQ_ENABLED), "arch/asm.h");
struct partition partitions[CONFIG_PARTITION_COUNT];

/**
 * Each partition's guest image, DTB and initrd (build/<config>/gen/blobs.S):
 * linked into partita, or, in a build for a FIT (blobs-fit.S), not (the
 * pointers NULL): the boot loader put them in place. Their sizes, the DTB's
 * and initrd's offsets in its RAM and their hashes (layout_hash()) are the
 * checker's.
 */
struct partition_blob {
	const u8 *image, *image_end, *dtb, *dtb_end, *initrd, *initrd_end;
	u64 image_size, dtb_off, dtb_size, initrd_size;
	u64 image_hash, dtb_hash, initrd_hash;
};
extern const struct partition_blob partition_blobs[CONFIG_PARTITION_COUNT];

/** The FIT the boot loader booted from, where it still is (/chosen partita,fit), or 0. */
u64 boot_fit;

/* Stage-2 roots and table pages, sized by the configuration checker. */
static u64 s2_roots[CONFIG_PARTITION_COUNT][STAGE2_ROOT_ENTRIES]
    __attribute__((aligned(STAGE2_ROOT_ENTRIES * 8)));
static u64 s2_pages[CONFIG_S2_TABLE_PAGES][PT_ENTRIES] __attribute__((aligned(4096)));
static const size_t s2_pages_per_partition[CONFIG_PARTITION_COUNT] = CONFIG_S2_PAGES_LIST;

/* The partitions' DMA views (core/dmaview.h), sized by the checker for either format. */
static u64 dma_roots[CONFIG_PARTITION_COUNT][STAGE2_ROOT_ENTRIES]
    __attribute__((aligned(STAGE2_ROOT_ENTRIES * 8)));
static u64 dma_pages[CONFIG_DMA_TABLE_PAGES][PT_ENTRIES] __attribute__((aligned(4096)));
static const size_t dma_pages_per_partition[CONFIG_PARTITION_COUNT] = CONFIG_DMA_PAGES_LIST;

/** Owner of each physical SPI, as partition index + 1 (0: partita's or nobody's). */
static u8 spi_owner[1020];

struct partition *partition_of_spi(u32 intid)
{
	if (intid < 32 || intid >= ARRAY_SIZE(spi_owner) || !spi_owner[intid])
		return NULL;
	return &partitions[spi_owner[intid] - 1];
}

struct percpu *this_cpu(void)
{
	return arch_cpu_local();
}

/** layout_hash() of a piece, by the CPU's CRC32 instructions where it has them. */
static u64 piece_hash(const u8 *p, u64 n)
{
	u32 crc = ~0u;

	if (!arch_crc32(&crc, p, n))
		crc = layout_crc32(crc, p, n);
	return ~crc;
}

/** Image @name of the FIT partita was booted from, in *@out; false if there is none. */
static bool boot_fit_piece(const char *name, struct fdt_fit_piece *out)
{
	const struct platform_config *plat = &system_config.platform;

	/* Outside partita and the partitions' RAM, where no guest reaches it (fit_note()). */
	return boot_fit && fdt_fit_image((const void *)(uintptr_t)boot_fit,
					 plat->ram.base + plat->ram.size - boot_fit, name, out);
}

/**
 * True when the boot loader has checked the piece at @dst for us: the FIT
 * names it @name, loaded at @dst, @size bytes long, with a crc32 hash node
 * whose value is @hash (layout_hash() is the same CRC-32), which U-Boot's
 * bootm verified before it copied the piece there (unless told not to by
 * verify=n: scripts/mkboot.sh's boot.scr says verify=y). Spot checks of the
 * copy against the FIT's data catch a piece the loader did not put there.
 * Hashing 34 MB of Linux again here cost 11 ms of a 910 ms boot.
 */
static bool fit_vouches(const char *name, const u8 *dst, u64 size, u64 hash)
{
	struct fdt_fit_piece f;
	u64 n = MIN(size, 4096), at[3] = { 0, (size - n) / 2, size - n };

	if (!boot_fit_piece(name, &f) || !f.has_load || f.load != (uintptr_t)dst || f.len != size ||
	    !f.has_crc32 || f.crc32 != (u32)hash)
		return false;
	if (f.data == dst)
		return true;
	for (unsigned i = 0; i < ARRAY_SIZE(at); i++) {
		if (memcmp(dst + at[i], f.data + at[i], (size_t)n))
			return false;
	}
	return true;
}

/**
 * A FIT build's partition: its pieces are in place (the boot loader's
 * loadables) the first time, and are taken again from the FIT in memory at
 * a restart; either way each must be what partita was built with: the FIT
 * the loader checked says so (fit_vouches()), or its hash here does.
 */
static bool fit_load(struct partition *p, const struct partition_blob *b)
{
	u64 ram = p->cfg->ram_pa;
	const struct {
		const char *what;
		u64 off, size, hash;
	} piece[3] = { { "image", p->cfg->load_offset, b->image_size, b->image_hash },
		       { "dtb", b->dtb_off, b->dtb_size, b->dtb_hash },
		       { "initrd", layout_initrd_offset(b->dtb_off), b->initrd_size,
			 b->initrd_hash } };
	unsigned vouched = 0, hashed = 0;

	for (unsigned i = 0; i < 3; i++) {
		u8 *dst = (u8 *)(uintptr_t)(ram + piece[i].off);
		char name[24];
		u64 h;

		if (!piece[i].size)
			continue;
		snprintf(name, sizeof(name), "p%u-%s", p->index, piece[i].what);
		if (p->loaded) {
			struct fdt_fit_piece f;

			if (!boot_fit_piece(name, &f) || f.len != piece[i].size) {
				pr_info("%s: its %s cannot be loaded again: no FIT in memory to "
					"take it from",
					p->cfg->name, piece[i].what);
				return false;
			}
			memcpy(dst, f.data, (size_t)f.len);
		} else if (fit_vouches(name, dst, piece[i].size, piece[i].hash)) {
			vouched++;
			continue;
		}
		hashed++;
		h = piece_hash(dst, piece[i].size);
		if (h != piece[i].hash) {
			pr_info("%s: its %s at PA 0x%lx (0x%lx bytes) is missing or damaged: hash "
				"0x%lx, "
				"0x%lx expected",
				p->cfg->name, piece[i].what, ram + piece[i].off, piece[i].size, h,
				piece[i].hash);
			return false;
		}
		/* The loader cleaned what it put in place; a copy of ours is ours to clean. */
		if (p->loaded)
			arch_dcache_clean(ram + piece[i].off, piece[i].size);
	}
	pr_info("%s: %u piece(s) as the boot loader checked them in the FIT, %u hashed here",
		p->cfg->name, vouched, hashed);
	return true;
}

bool partition_load(struct partition *p)
{
	const struct partition_blob *b = &partition_blobs[p->index];
	u64 ram = p->cfg->ram_pa, img = ram + p->cfg->load_offset;
	u64 initrd_off = layout_initrd_offset(b->dtb_off);

	/* The checker refused anything else. */
	CHECK(b->dtb_off + b->dtb_size <= p->cfg->ram_size);
	CHECK(!b->initrd_size || initrd_off + b->initrd_size <= p->cfg->ram_size);
	if (!b->image) {
		if (!fit_load(p, b))
			return false;
	} else {
		memcpy((void *)(uintptr_t)img, b->image, (size_t)b->image_size);
		memcpy((void *)(uintptr_t)(ram + b->dtb_off), b->dtb, (size_t)b->dtb_size);
		arch_dcache_clean(img, b->image_size);
		arch_dcache_clean(ram + b->dtb_off, b->dtb_size);
		if (b->initrd_size) {
			memcpy((void *)(uintptr_t)(ram + initrd_off), b->initrd,
			       (size_t)b->initrd_size);
			arch_dcache_clean(ram + initrd_off, b->initrd_size);
		}
	}
	arch_icache_inval_all();
	p->loaded = true;
	p->dtb_ipa = p->cfg->ram_ipa + b->dtb_off;
	return true;
}

/** The emulated UART's interrupt line, wired to its SPI in the partition's vGIC. */
static void uart_irq(void *ctx, bool level)
{
	vgic_set_level(ctx, VPL011_INTID, level);
}

/** The vGIC's way to wake vCPUs of @ctx (a partition) up: an IPI to each one's pCPU. */
static void kick_vcpus(void *ctx, u32 vcpus)
{
	struct partition *p = ctx;

	for (; vcpus; vcpus &= vcpus - 1)
		vcpu_kick(&p->vcpus[__builtin_ctz(vcpus)]);
}

/** The next physical ITS device slot (drivers/its.h), handed out in partition order. */
static u32 its_slot;

/* --- the device models, through one table ----------------------------------------- */

/* How long a guest must be quiet in the middle of a line before partita prints that part. */
#define CONSOLE_PART_MS 100

/**
 * A character of a line not yet out (@waiting), or a line out: for the
 * partition that has the keyboard and reads it by interrupt (an interactive
 * console: a shell's prompt, the keys it echoes), this pCPU's EL2 timer
 * prints the line as it is once its guest has written nothing for
 * CONSOLE_PART_MS. Others' lines go out whole only: a guest that prints
 * report lines has them whole, whatever the host's scheduling.
 */
static void uart_pending(void *ctx, bool waiting)
{
	const struct partition *p = ctx;

	if (!waiting)
		arch_hyp_timer_off();
	else if (console_input_target() == p->index && (p->uart.imsc & UART_INT_RX))
		arch_hyp_timer_set(arch_counter_freq() * CONSOLE_PART_MS / 1000);
}

void partition_console_timer(struct vcpu *v)
{
	arch_hyp_timer_off();
	if (v && v->part->cfg->uart_ipa)
		vpl011_flush_open(&v->part->uart);
}

static void uart_init(struct partition *p)
{
	const struct partition_config *cfg = p->cfg;

	if (!cfg->uart_ipa)
		return;
	vpl011_init(&p->uart, p->index, cfg->name);
	p->uart.irq = uart_irq;
	p->uart.irq_ctx = &p->vgic;
	p->uart.pending = uart_pending;
	p->uart.pending_ctx = p;
	CHECK(!mmio_register(&p->mmio, cfg->uart_ipa, VPL011_SIZE, vpl011_mmio, &p->uart));
}

static void uart_off(struct partition *p)
{
	vpl011_flush(&p->uart); /* its guest's last line before partita's about the stop */
}

static void uart_reset(struct partition *p)
{
	vpl011_reset(&p->uart);
}

/** The guest completed one of its PCI INTx lines: the functions held masked on it go on. */
static void intx_resample(void *ctx, u32 intid)
{
	vpci_intx_resample(&((struct partition *)ctx)->pci, intid);
}

static void gic_init(struct partition *p)
{
	const struct partition_config *cfg = p->cfg;
	struct vgic_setup s = { .cfg = cfg,
				.mmio = &p->mmio,
				.soft_spi = cfg->uart_ipa ? VPL011_INTID : 0,
				.resample_spi = VPCI_INTX_INTID,
				.resample_count = cfg->pci_function_count ? VPCI_INTX_LINES : 0,
				.resample = intx_resample,
				.resample_ctx = p,
				.kick = kick_vcpus,
				.kick_ctx = p };

	for (size_t i = 0; i < cfg->cpu_count; i++)
		s.pc[i] = &percpus[cfg->cpus[i]].vgic;
	vgic_init(&p->vgic, &s);
}

static void gic_reset(struct partition *p)
{
	vgic_partition_reset(&p->vgic);
}

static void gic_vcpu_on(struct vcpu *v)
{
	vgic_vcpu_reset(&v->part->vgic, v->index);
}

static void gic_vcpu_off(struct vcpu *v)
{
	vgic_vcpu_off(&v->part->vgic, v->index);
}

static void its_init_slot(struct partition *p)
{
	vits_init(&p->its, &(struct vits_setup){ .cfg = p->cfg,
						 .vgic = &p->vgic,
						 .mmio = &p->mmio,
						 .log = &p->log_limit,
						 .slot_base = its_slot });
	if (p->cfg->its_ipa)
		its_slot += (u32)cfg_device_count(p->cfg);
}

static void its_reset(struct partition *p)
{
	vits_reset(&p->its);
}

/* --- DMA: the partition's PCI functions through the SMMU -------------------------------- */

/** Its functions' streams translate through its DMA view, faults recorded or @quiet. */
static void dma_streams(struct partition *p, bool quiet)
{
	const struct partition_config *cfg = p->cfg;

	for (size_t d = 0; p->dma_isolated && d < cfg_dma_device_count(cfg); d++) {
		u32 sid = cfg_device(cfg, d).phys_id;
		int r;

		if (smmu_mode() == SMMU_MODE_STAGE2)
			r = smmu_stream_s2(sid, &(struct smmu_s2){ .ttb = p->dma_root,
								   .vmid = p->vmid,
								   .t0sz = 64 - STAGE2_IPA_BITS,
								   .sl0 = STAGE2_START_LEVEL,
								   .ps = 2 /* 40 bits */,
								   .quiet = quiet });
		else
			r = smmu_stream_s1(sid,
					   &(struct smmu_s1){ .ttb0 = p->dma_root,
							      .asid = (u16)(p->index + 1),
							      .t0sz = 64 - STAGE2_IPA_BITS,
							      .ips = 2,
							      .mair = DMAVIEW_MAIR,
							      .quiet = quiet },
					   p->index);
		if (r)
			pr_info("%s: StreamID 0x%x not set: its DMA aborts", cfg->name, sid);
	}
}

/** Its functions' streams translate through its DMA view again (a restart, or boot). */
static void dma_attach(struct partition *p)
{
	p->dma_quiet = false;
	__atomic_store_n(&p->dma_records, 0, __ATOMIC_RELAXED);
	dma_streams(p, false);
	p->dma_live = p->dma_isolated;
}

void partition_dma_quiet(struct partition *p)
{
	if (!p->dma_live || p->dma_quiet)
		return;
	p->dma_quiet = true;
	p->stats.dma_quiet_runs++;
	dma_streams(p, true);
}

/* What the PCIe base specification gives a function after an FLR before it is touched. */
#define FLR_WAIT_US 100000

/**
 * Its PCI functions stop: no DMA, no MSI, no INTx (drivers/pci.h), and
 * those that can are reset (FLR), then get back the BARs partita placed.
 * At boot, before anything runs, and whenever the partition goes down, so
 * that a transfer or an MSI that its last run started is not delivered
 * into the next, nor any state of the device left for it. The 100 ms an
 * FLR takes are spent on the pCPU of the partition going down (its last
 * vCPU's), or at boot.
 */
static void functions_quiesce(struct partition *p)
{
	const struct mem_range *ecam = &system_config.platform.pcie_ecam;
	u32 reset = 0;

	/* The checker put every host BDF inside the ECAM. */
	for (size_t f = 0; f < p->cfg->pci_function_count; f++) {
		u64 cfg = pci_cfg_page(ecam->base, p->cfg->pci_functions[f].host);

		pci_quiesce(cfg);
		/* Only a function partita placed (attached): it knows what to put back. */
		if (f < p->pci.count && p->pci.fn[f].cfg && pci_flr_start(cfg))
			reset |= 1u << f;
	}
	if (!reset)
		return;
	{
		u64 end = arch_counter() + arch_counter_freq() / (1000000 / FLR_WAIT_US);

		while (arch_counter() < end)
			;
	}
	for (size_t f = 0; f < p->pci.count; f++) {
		const struct vpci_fn *fn = &p->pci.fn[f];

		if (!(reset & (1u << f)))
			continue;
		if (!pci_flr_finish(fn->cfg, fn->bar, fn->addr))
			pr_info(
			    "%s: PCI function %02x:%02x.%x: BARs not back after its FLR; left off",
			    p->cfg->name, p->cfg->pci_functions[f].host >> 8,
			    (p->cfg->pci_functions[f].host >> 3) & 31,
			    p->cfg->pci_functions[f].host & 7);
		p->stats.pci_flrs++;
	}
}

/**
 * Every vCPU is off: its functions stop, and what they still have in flight
 * aborts at the SMMU (IHI 0070) until the partition runs again.
 */
static void dma_off(struct partition *p)
{
	p->dma_live = false;
	/*
	 * INTx first: once the virtual host bridge has forgotten them, no
	 * claim on another pCPU touches these functions' Command while they
	 * are quiesced and reset.
	 */
	vpci_off(&p->pci);
	functions_quiesce(p);
	partitions_intx_down(p);
	for (size_t d = 0; p->dma_isolated && d < cfg_dma_device_count(p->cfg); d++)
		smmu_stream_abort(cfg_device(p->cfg, d).phys_id);
}

/**
 * The device models every partition has, as core drives them through its
 * life: set up at boot in this order (the vITS attaches to the vGIC; the
 * UART only keeps the vGIC's address), reset in the reverse order when the
 * partition restarts (the UART's interrupts masked first; the vITS's
 * physical mappings go before the vGIC forgets its interrupts), and told when a vCPU
 * goes on or off, on that vCPU's pCPU, and when the last of them has gone
 * off (a stop or a restart begins). A missing hook means nothing to do.
 */
struct vdev_hooks {
	void (*init)(struct partition *p);
	void (*off)(struct partition *p);
	void (*reset)(struct partition *p);
	void (*vcpu_on)(struct vcpu *v);
	void (*vcpu_off)(struct vcpu *v);
};

/** The virtual host bridge raises or lowers one of the partition's INTx lines. */
static void intx_line(void *ctx, u32 intid, bool level)
{
	vgic_set_level(&((struct partition *)ctx)->vgic, intid, level);
}

/** A channel end of the partition sends an MSI: its vITS rings the event (vdev/vchan.h). */
static bool channel_msi(void *ctx, u32 dev, u32 event)
{
	return vits_ring(ctx, dev, event);
}

static void pci_init(struct partition *p)
{
	vpci_init(&p->pci, &(struct vpci_setup){ .cfg = p->cfg,
						 .mmio = &p->mmio,
						 .line = intx_line,
						 .line_ctx = p,
						 .msi = channel_msi,
						 .msi_ctx = &p->its });
}

static void pci_reset(struct partition *p)
{
	vpci_reset(&p->pci);
}

static const struct vdev_hooks vdevs[] = {
	{ .init = gic_init, .reset = gic_reset, .vcpu_on = gic_vcpu_on, .vcpu_off = gic_vcpu_off },
	{ .init = its_init_slot, .reset = its_reset },
	/* The virtual host bridge: its shadow state (BAR sizing, Interrupt Line, INTx) as at boot.
	 */
	{ .init = pci_init, .reset = pci_reset },
	/*
	 * Its functions' INTx forgotten, then the functions quiesced and reset
	 * (before the vGIC's reset, so nothing of them is raised again); their
	 * streams abort while the partition is down, and translate again when
	 * it restarts.
	 */
	{ .off = dma_off, .reset = dma_attach },
	/* Last, so reset first: with its receive interrupt masked, input cannot raise its line. */
	{ .init = uart_init, .off = uart_off, .reset = uart_reset },
};

void partition_devices_off(struct partition *p)
{
	for (size_t i = ARRAY_SIZE(vdevs); i-- > 0;)
		if (vdevs[i].off)
			vdevs[i].off(p);
}

void partition_devices_reset(struct partition *p)
{
	for (size_t i = ARRAY_SIZE(vdevs); i-- > 0;)
		if (vdevs[i].reset)
			vdevs[i].reset(p);
}

void partition_vcpu_on(struct vcpu *v)
{
	for (size_t i = 0; i < ARRAY_SIZE(vdevs); i++)
		if (vdevs[i].vcpu_on)
			vdevs[i].vcpu_on(v);
}

void partition_vcpu_off(struct vcpu *v)
{
	for (size_t i = ARRAY_SIZE(vdevs); i-- > 0;)
		if (vdevs[i].vcpu_off)
			vdevs[i].vcpu_off(v);
}

static void partition_build(struct partition *p, u32 index, u64 **pages)
{
	const struct partition_config *cfg = &system_config.partitions[index];
	size_t i;

	p->cfg = cfg;
	p->index = index;
	p->vmid = (u16)(index + 1);
	p->s2_pool =
	    (struct pt_pool){ (u64(*)[PT_ENTRIES]) * pages, s2_pages_per_partition[index], 0 };
	*pages += s2_pages_per_partition[index] * PT_ENTRIES;
	p->s2 =
	    (struct pt){ s2_roots[index], STAGE2_START_LEVEL, STAGE2_ROOT_ENTRIES, &p->s2_pool };
	p->vttbr = ((u64)p->vmid << 48) | (u64)(uintptr_t)s2_roots[index];

	/* The checker sized the pool by running this same code: failure is a partita bug. */
	CHECK(!s2view_map(&p->s2, cfg));
	arch_dcache_clean((u64)(uintptr_t)s2_roots[index], sizeof(s2_roots[index]));
	arch_dcache_clean((u64)(uintptr_t)p->s2_pool.pages, p->s2_pool.count * SZ_4K);

	for (i = 0; i < cfg->cpu_count; i++) {
		struct vcpu *v = &p->vcpus[i];

		v->part = p;
		v->index = (u32)i;
		v->pcpu = cfg->cpus[i];
		v->vmpidr = cfg_vcpu_mpidr((u32)i);
		v->state = VCPU_OFF;
		percpus[v->pcpu].vcpu = v;
	}
	for (i = 0; i < ARRAY_SIZE(vdevs); i++)
		if (vdevs[i].init)
			vdevs[i].init(p);
	/* Forwarded SPIs start routed to vCPU 0's pCPU, as GICD_IROUTER resets to 0. */
	for (i = 0; i < cfg->spi_count; i++) {
		spi_owner[cfg->spis[i]] = (u8)(index + 1);
		gic_spi_setup(cfg->spis[i], gic_spi_is_edge(cfg->spis[i]),
			      system_config.platform.cpu_mpidr[cfg->cpus[0]]);
	}
	if (!partition_load(p)) {
		pr_info("partition \"%s\": not started: its images are not as it was built",
			cfg->name);
		p->held = true;
	}
}

bool partitions_its_init(bool vlpis)
{
	static u32 devids[CONFIG_ITS_SLOTS ? CONFIG_ITS_SLOTS : 1];
	static bool want_vpe[CONFIG_CPU_COUNT];
	const struct platform_config *plat = &system_config.platform;
	size_t n = 0, i, d;

	for (i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		const struct partition_config *cfg = partitions[i].cfg;

		for (d = 0; cfg->its_ipa && d < cfg_device_count(cfg); d++)
			devids[n++] = cfg_device(cfg, d).phys_id;
	}
	if (!n)
		return true;
	/* A vPE for each pCPU running a vCPU of a partition that wants direct injection. */
	for (i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		const struct partition_config *cfg = partitions[i].cfg;

		for (d = 0;
		     cfg->its_ipa && cfg->its_delivery == ITS_DELIVERY_AUTO && d < cfg->cpu_count;
		     d++)
			want_vpe[cfg->cpus[d]] = true;
	}
	if (!its_init(plat->its, devids, n, plat->cpu_mpidr, plat->cpu_count, plat->its_two_level,
		      want_vpe, vlpis))
		return false;
	for (i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		struct partition *p = &partitions[i];

		if (!p->its.present)
			continue;
		vits_set_direct(&p->its, its_virt() != ITS_VIRT_NONE &&
					     p->cfg->its_delivery == ITS_DELIVERY_AUTO);
		if (p->its.direct)
			pr_info("%s: vLPIs by %s direct injection", p->cfg->name,
				its_virt_name(its_virt()));
		else
			pr_info("%s: vLPIs through list registers (GICv3 path)", p->cfg->name);
	}
	return true;
}

void partition_report_dma(const struct partition *p)
{
	const struct partition_stats *s = &p->stats;
	char types[160] = "";
	size_t n = 0, total = 0;

	if (!p->dma_isolated)
		return;
	for (unsigned t = 0; t < ARRAY_SIZE(s->dma_faults); t++) {
		total += s->dma_faults[t];
		if (s->dma_faults[t] && n < sizeof(types) - 24)
			n += (size_t)snprintf(types + n, sizeof(types) - n, " 0x%02x: %u", t,
					      s->dma_faults[t]);
	}
	pr_info("partition \"%s\" DMA: %zu SMMU fault record(s) of its functions%s%s", p->cfg->name,
		total, total ? " by event type:" : "", types);
	if (s->dma_quiet_runs)
		pr_info("partition \"%s\" DMA: its functions' faults went unrecorded after %u in "
			"%u run(s)",
			p->cfg->name, DMA_RECORDS_PER_RUN, s->dma_quiet_runs);
}

void partition_report(const struct partition *p)
{
	const struct partition_stats *s = &p->stats;

	pr_info("partition \"%s\" stopped: %lu abort(s) and %lu undefined-instruction "
		"exception(s) injected, %lu unknown PSCI call(s), %lu unimplemented register "
		"access(es), %lu SError(s)",
		p->cfg->name, s->aborts_injected, s->undef_injected, s->psci_unknown,
		s->mmio_unknown + p->uart.unknown + p->vgic.stats.unknown, s->serrors);
	partition_report_dma(p);
	pr_info("partition \"%s\" caches: %lu set/way operation(s) trapped, %lu clean and "
		"invalidate(s) of its RAM; console: %lu line(s) dropped",
		p->cfg->name, s->setway_ops, s->setway_flushes, console_dropped(p->index));
	pr_info("partition \"%s\" vGIC: %lu write(s) naming foreign INTIDs ignored, %lu SGI(s) to "
		"no vCPU of its own dropped",
		p->cfg->name, p->vgic.stats.foreign_intid, p->vgic.stats.sgi_dropped);
	if (p->cfg->pci_function_count) {
		const struct vpci_stats *c = &p->pci.stats;

		pr_info("partition \"%s\" vPCI: writes refused: %lu to absent functions, %lu "
			"read-only, %lu BAR, %lu MSI; %lu bad access(es); %lu FLR(s); %lu INTx "
			"assertion(s) delivered",
			p->cfg->name, c->absent_writes, c->ro_writes, c->bar_refused,
			c->msi_refused, c->bad_accesses, p->stats.pci_flrs, c->intx);
	}
	for (u32 i = 0; i < p->pci.nends; i++) {
		const struct vchan_end *e = &p->pci.ends[i];
		const struct vchan_stats *c = &e->stats;

		pr_info("partition \"%s\" channel \"%s\" peer %u: rang %lu (%lu to no peer or "
			"vector), took %lu (%lu dropped: off)",
			p->cfg->name, e->ch->name, e->cfg->peer, c->rung, c->bad_doorbell,
			c->delivered, c->off);
		pr_info("partition \"%s\" channel \"%s\" peer %u: MSIs %lu misaimed, %lu unmapped; "
			"%lu bad access(es), %lu config write(s) refused",
			p->cfg->name, e->ch->name, e->cfg->peer, c->msi_refused, c->unmapped,
			c->bad_accesses, c->ro_writes);
	}
	if (p->its.present) {
		const struct vits_stats *v = &p->its.stats;
		u64 errors = vits_error_count(&p->its);

		pr_info("partition \"%s\" vITS: %lu command(s) in error, %lu unknown, %lu bad "
			"register write(s), %lu refused enable(s), %lu GITS_TRANSLATER write(s) "
			"ignored",
			p->cfg->name, errors, v->unknown_cmd, v->bad_register_write,
			v->enable_refused, v->translater_writes);
		pr_info("partition \"%s\" vITS: %lu physical ITS command(s) failed", p->cfg->name,
			v->phys_errors);
		for (u32 d = 0; d < p->its.ndev; d++) {
			u64 fast, all = vits_device_lpis(&p->its, d, &fast);

			if (all)
				pr_info(
				    "partition \"%s\" vITS: device 0x%x: %lu MSI(s) through list "
				    "registers, %lu by the fast path",
				    p->cfg->name, cfg_device(p->cfg, d).guest_id, all, fast);
		}
	}
	/* Exits of its pCPUs since boot (PARTITA_HVC_EXITS reads the same counters). */
	for (size_t i = 0; i < p->cfg->cpu_count; i++)
		pr_info("partition \"%s\" vCPU %zu: %lu exit(s) to partita on pCPU %u",
			p->cfg->name, i, percpus[p->cfg->cpus[i]].exits, p->cfg->cpus[i]);
}

/**
 * Without an SMMU on the platform, the configuration said of each partition
 * with PCI functions that their DMA is not isolated (the checker saw to it):
 * say so loudly. With one on the platform but not usable on this machine,
 * such partitions are not started, and the others are.
 */
static bool dma_unisolated(bool present, enum smmu_mode mode)
{
	const struct platform_config *plat = &system_config.platform;

	if (plat->smmu && mode != SMMU_MODE_NONE)
		return false;
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		struct partition *p = &partitions[i];
		/* its_devices and PCI functions, with an ITS or without: all can DMA. */
		size_t n = cfg_dma_device_count(p->cfg);

		if (!n)
			continue;
		if (!plat->smmu) {
			pr_info("WARNING: partition \"%s\": DMA of its %zu PCI function(s) NOT "
				"isolated (no SMMU): they can write all memory",
				p->cfg->name, n);
		} else {
			p->held = true;
			pr_info("partition \"%s\": not started: its %zu PCI function(s) need DMA "
				"isolation and %s 0x%lx",
				p->cfg->name, n,
				present ? "partita could not set up the SMMUv3 at"
					: "the machine has no SMMUv3 at",
				plat->smmu);
		}
	}
	return true;
}

void partitions_dma_init(bool present)
{
	const struct platform_config *plat = &system_config.platform;
	u64 *pages = &dma_pages[0][0];
	enum smmu_mode mode = SMMU_MODE_NONE;

	/* Whatever firmware or an earlier OS left running stops first. */
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++)
		functions_quiesce(&partitions[i]);
	/* StreamIDs are requester IDs: 16 bits. */
	if (plat->smmu && present)
		mode = smmu_init(plat->smmu, 16);
	if (dma_unisolated(present, mode))
		return;
	for (u32 i = 0; i < CONFIG_PARTITION_COUNT; i++) {
		struct partition *p = &partitions[i];
		bool stage2 = mode == SMMU_MODE_STAGE2;
		struct pt_pool pool = { (u64(*)[PT_ENTRIES])pages, dma_pages_per_partition[i], 0 };
		struct pt pt = { dma_roots[i], stage2 ? STAGE2_START_LEVEL : 0,
				 stage2 ? STAGE2_ROOT_ENTRIES : PT_ENTRIES, &pool };

		pages += dma_pages_per_partition[i] * PT_ENTRIES;
		if (!dma_pages_per_partition[i])
			continue;
		/* The checker sized the pool by running this same code: failure is a partita bug.
		 */
		CHECK(!dmaview_map(&pt, p->cfg, plat->its, stage2));
		arch_dcache_clean((u64)(uintptr_t)dma_roots[i], sizeof(dma_roots[i]));
		arch_dcache_clean((u64)(uintptr_t)pool.pages, pool.count * SZ_4K);
		p->dma_root = (u64)(uintptr_t)dma_roots[i];
		p->dma_isolated = true;
		/* A held partition's streams abort, as when it is down. */
		if (!p->held)
			dma_attach(p);
		pr_info(
		    "%s: DMA of its %zu PCI function(s) isolated (its RAM and the ITS doorbell)",
		    p->cfg->name, cfg_dma_device_count(p->cfg));
	}
	gic_spi_setup(plat->smmu_evtq_intid, true, plat->cpu_mpidr[partitions[0].cfg->cpus[0]]);
	gic_spi_setup(plat->smmu_gerror_intid, true, plat->cpu_mpidr[partitions[0].cfg->cpus[0]]);
}

void partitions_init(void)
{
	u64 *pages = &s2_pages[0][0];
	u32 i;

	for (i = 0; i < CONFIG_PARTITION_COUNT; i++)
		partition_build(&partitions[i], i, &pages);
}
