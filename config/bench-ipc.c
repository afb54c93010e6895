/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench's doorbell figures (scripts/bench.sh, guests/bench/doorbell.c):
 * two one-vCPU partitions, on pCPUs 0 and 1 as config/bench.c's two vCPUs
 * are, sharing a channel with two doorbell vectors through their vITSes
 * (GICv4 direct injection where the machine has it).
 */
#include "qemu-virt.h"

#define PEER(n, cpu, peer_) \
	{ \
		.name = n, \
		CFG_CPUS(cpu), \
		.ram_ipa = 0x40000000, \
		.ram_pa = QEMU_VIRT_PART_RAM + (cpu) * MiB(64), \
		.ram_size = MiB(64), \
		.uart_ipa = QEMU_VIRT_UART, \
		.its_ipa = 0x08080000, \
		.its_device_bits = 8, \
		.its_event_bits = 5, \
		.pci_ecam_ipa = 0x4010000000ULL, \
		.pci_vmmio = { 0x30000000, MiB(1) }, \
		CFG_CHANNEL_ENDS({ .channel = 0, \
				   .guest = PCI_BDF(0, 2, 0), \
				   .peer = peer_, \
				   .ipa = 0x30010000, \
				   .regs_ipa = 0x30000000 }), \
		.image = "build/guests/doorbell.bin", \
		.dts = "dts/test-ipc.dts", \
	}

const struct system_config system_config = {
	.platform = QEMU_VIRT_PLATFORM(GiB(1), .channel_device_base = 0xff00),
	CFG_CHANNELS({ .name = "bench", .pa = 0x54000000, .size = SZ_64K, .vectors = 2 }),
	CFG_PARTITIONS(PEER("ping", 0, 0), PEER("pong", 1, 1)),
	/* The cycle counter counts partita's time too: the figures are instructions at EL1 and EL2. */
	.pmu_counts_el2 = true,
};
