/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench's doorbell flood: the benchmark partition of config/bench.c,
 * here also peer 1 of a channel whose doorbells it never enables, and
 * beside it on pCPU 2 peer 0 (guests/bench/ringer.c), which rings it
 * without pause, while the benchmark measures its timer, SGI and MSI
 * latencies: each doorbell costs the ringer an exit and partita a check,
 * and must cost the benchmark nothing. A doorbell to a peer whose
 * Interrupt Control is 0 is dropped on the ringer's pCPU.
 */
#define BENCH_DTS "dts/bench-ring.dts"
#define BENCH_PLATFORM_EXTRA , .channel_device_base = 0xff00
#define BENCH_EXTRA \
	, .pci_vmmio = { 0x30000000, MiB(1) }, \
	  CFG_CHANNEL_ENDS({ .channel = 0, \
			     .guest = PCI_BDF(0, 3, 0), \
			     .peer = 1, \
			     .ipa = 0x30010000, \
			     .regs_ipa = 0x30000000 })
#define BENCH_SYSTEM_EXTRA \
	CFG_CHANNELS({ .name = "ring", .pa = 0x54000000, .size = SZ_64K, .vectors = 1 }),
#define BENCH_OTHER_PARTITIONS \
	, { \
		.name = "ringer", \
		CFG_CPUS(2), \
		.ram_ipa = 0x40000000, \
		.ram_pa = QEMU_VIRT_PART_RAM + MiB(128), \
		.ram_size = MiB(64), \
		.uart_ipa = QEMU_VIRT_UART, \
		.its_ipa = 0x08080000, \
		.its_device_bits = 8, \
		.its_event_bits = 5, \
		.pci_ecam_ipa = 0x4010000000ULL, \
		.pci_vmmio = { 0x30000000, MiB(1) }, \
		CFG_CHANNEL_ENDS({ .channel = 0, \
				   .guest = PCI_BDF(0, 2, 0), \
				   .peer = 0, \
				   .ipa = 0x30010000, \
				   .regs_ipa = 0x30000000 }), \
		.image = "build/guests/ringer.bin", \
		.dts = "dts/test-ipc.dts", \
	}
#include "bench.c"
