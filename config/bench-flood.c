/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench's flood run: the benchmark partition of config/bench.c, and
 * beside it on pCPU 2 a partition that floods its own virtual ITS
 * (guests/bench/flood.c) with MAPTI and DISCARD of a DeviceID of its own
 * (0x18, no device behind it), each a physical ITS command, while the
 * benchmark measures its MSI latency.
 */
#define BENCH_OTHER_PARTITIONS \
	, { \
		.name = "flood", \
		CFG_CPUS(2), \
		.ram_ipa = 0x40000000, \
		.ram_pa = QEMU_VIRT_PART_RAM + MiB(128), \
		.ram_size = MiB(64), \
		.uart_ipa = QEMU_VIRT_UART, \
		.its_ipa = 0x08080000, \
		CFG_ITS_DEVICES({ 0x18, 0x18 }), \
		.its_device_bits = 8, \
		.its_event_bits = 5, \
		.dma_not_isolated = QEMU_VIRT_DMA_NOT_ISOLATED, \
		.image = "build/guests/flood.bin", \
		.dts = "dts/bare-1cpu-its.dts", \
	}
#include "bench.c"
