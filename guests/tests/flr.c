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
 */
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
	rt_system_off();
}
