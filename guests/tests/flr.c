// SPDX-License-Identifier: MIT
/**
 * @file
 * System tests, area pci/ (config/test-flr.c): a virtio-rng behind a PCIe
 * root port, which has Function Level Reset, seen at 00:01.0. Run 1 turns
 * its memory decoding on and writes an MSI-X table entry through its BAR,
 * then resets the partition. In run 2 the device must be as reset (Command
 * clear, which partita's quiesce alone would not do: it leaves memory
 * decoding on; the table entry cleared) and still answer at the BAR
 * partita placed, which partita put back after the FLR. Its 64-bit BAR
 * (BAR4, virtio's modern registers) answers in the partition's 64-bit
 * window, through the root port's prefetchable window.
 *
 * Two edus behind the two downstream ports of a PCIe switch (seen at
 * 00:02.0 and 00:03.0): each answers at its own BAR, which partita placed
 * in disjoint windows of the two ports, and its INTx arrives on the line
 * its pin swizzles to, through the switch, on the host and in the guest.
 */
#include "gic.h"
#include "its.h"
#include "rt.h"

#define CFG RT_ECAM_DEV(1)
#define PSCI_SYSTEM_RESET 0x84000009
#define RESTART_MAGIC 0x464c52524553UL
#define RAM_SIZE 0x4000000UL
#define ENTRY_DATA 0x1234abcdu

/** Entry 0's Message Data in the MSI-X table, through the BAR the capability names; 0 if none. */
static u64 table_entry_data(void)
{
	u32 cap = mmio_read32(CFG + 0x34) & 0xfc, table, bar;

	for (u32 n = 0; n < 48 && cap >= 0x40; n++) {
		u32 hdr = mmio_read32(CFG + cap);

		if ((hdr & 0xff) == 0x11)
			break;
		cap = (hdr >> 8) & 0xfc;
	}
	if (cap < 0x40)
		return 0;
	table = mmio_read32(CFG + cap + 4);
	bar = mmio_read32(CFG + 0x10 + 4 * (table & 7)) & ~0xfu;
	return bar ? bar + (table & ~7u) + 8 : 0;
}

static volatile u32 taken[64];
static u64 edu_bars[2];

static void handler(u32 intid)
{
	if (intid < 64)
		taken[intid]++;
	for (u32 k = 0; k < 2; k++)
		if (edu_bars[k])
			mmio_write32(edu_bars[k] + EDU_ACK, ~0u);
}

/**
 * The edu at guest 00:0<dev>.0, behind a switch: at its BAR, alone there,
 * and its INTA as SPI 3 + (0 + dev) % 4 of this partition.
 */
static void switch_edu(u32 dev, u32 k)
{
	u64 cfg = RT_ECAM_DEV(dev), bar = mmio_read32(cfg + 0x10) & ~0xfu;
	u32 intid = 35 + dev % 4, id, live;

	mmio_write32(cfg + 0x04, (mmio_read32(cfg + 0x04) & 0xffff) | 0x2);
	mmio_write32(bar + 0x04, 0x5a5a0000u + dev);
	id = mmio_read32(bar);
	live = mmio_read32(bar + 0x04);
	edu_bars[k] = bar;
	rt_gic_enable(intid);
	mmio_write32(cfg + 0x04, (mmio_read32(cfg + 0x04) & 0xffff) & ~0x400u); /* INTx on */
	mmio_write32(bar + EDU_RAISE, 1);
	rt_delay_us(100000);
	check(dev == 2 ? "pci/switch-edu-1" : "pci/switch-edu-2",
	      id == 0x010000edu && live == ~(0x5a5a0000u + dev) && taken[intid] == 1,
	      "BAR 0x%lx: ID 0x%x, liveness 0x%x; INTx %u time(s) on INTID %u", bar, id, live,
	      taken[intid], intid);
}

void guest_main(u64 dtb)
{
	u64 data;

	(void)dtb;
	if (!check("pci/flr-device-found", mmio_read32(CFG) == 0x10441af4u, "ID 0x%x",
		   mmio_read32(CFG)))
		rt_system_off();
	data = table_entry_data();
	if (*rt_reset_page(RAM_SIZE) != RESTART_MAGIC) {
		mmio_write32(CFG + 0x04, mmio_read32(CFG + 0x04) | 0x6); /* memory, bus master */
		mmio_write32(data, ENTRY_DATA);
		if (check("pci/flr-table-written", data && mmio_read32(data) == ENTRY_DATA,
			  "MSI-X entry data at 0x%lx reads 0x%x", data,
			  data ? mmio_read32(data) : 0)) {
			*rt_reset_page(RAM_SIZE) = RESTART_MAGIC;
			__asm__ volatile("dsb sy" ::: "memory");
			hvc_call(PSCI_SYSTEM_RESET, 0, 0, 0);
		}
		rt_system_off();
	}
	*rt_reset_page(RAM_SIZE) = 0;
	check("pci/flr-command-cleared", (mmio_read32(CFG + 0x04) & 0x7) == 0, "Command 0x%x",
	      mmio_read32(CFG + 0x04) & 0xffff);
	mmio_write32(CFG + 0x04, mmio_read32(CFG + 0x04) | 0x2);
	check("pci/flr-device-reset", data && mmio_read32(data) != ENTRY_DATA,
	      "MSI-X entry data still 0x%x", data ? mmio_read32(data) : 0);
	mmio_write32(data, ENTRY_DATA);
	check("pci/flr-bar-restored", mmio_read32(data) == ENTRY_DATA,
	      "MSI-X entry data at 0x%lx reads 0x%x after a write", data, mmio_read32(data));
	{
		/*
		 * QEMU's virtio-pci: common configuration at BAR4 + 0, whose
		 * registers answer only accesses of their own width: num_queues,
		 * 16 bits at 0x12.
		 */
		u64 bar4 = (mmio_read32(CFG + 0x20) & ~0xfu) | (u64)mmio_read32(CFG + 0x24) << 32;
		u32 queues = bar4 ? *(volatile u16 *)(bar4 + 0x12) : 0;

		check("pci/flr-bar64-behind-bridge",
		      bar4 >= 0x8000000000UL && bar4 < 0x8000100000UL && queues == 1,
		      "BAR4 at 0x%lx, %u queue(s)", bar4, queues);
	}
	rt_gic_init();
	rt_gic_cpu_init();
	rt_gic_set_handler(handler);
	rt_irq_enable();
	switch_edu(2, 0);
	switch_edu(3, 1);
	rt_system_off();
}
