/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench's console run: the benchmark partition of config/bench.c, and
 * beside it on pCPU 2 a partition that prints 150-character lines without
 * pause (guests/bench/chatter.c), while the benchmark measures its timer
 * latency: one partition's output must not make another wait.
 */
#define BENCH_OTHER_PARTITIONS \
	, { \
		.name = "chatter", \
		CFG_CPUS(2), \
		.ram_ipa = 0x40000000, \
		.ram_pa = QEMU_VIRT_PART_RAM + MiB(128), \
		.ram_size = MiB(64), \
		.uart_ipa = QEMU_VIRT_UART, \
		.image = "build/guests/chatter.bin", \
		.dts = "dts/bare-1cpu-64m.dts", \
	}
#include "bench.c"
