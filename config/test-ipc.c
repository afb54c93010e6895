/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System tests, area ipc/ (tests/system/ipc.test, guests/tests/ipc.c): a
 * channel of 64 KiB with two doorbell vectors between "ping" (peer 0),
 * "pong" (peer 1) and "watcher" (peer 2, read-only), each seeing it as a
 * virtual PCI function at 00:02.0 with its memory at IPA 0x30010000; and
 * "outsider", no member, which must reach none of it.
 */
#include "qemu-virt.h"

/* The first DeviceID of the doorbells (config/test-ipc-clash.c gives one a device has). */
#ifndef IPC_DEVICE_BASE
#define IPC_DEVICE_BASE 0xff00
#endif

#define MEMBER(n, cpu, peer_, ro) \
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
				   .regs_ipa = 0x30000000, \
				   .read_only = ro }), \
		.image = "build/guests/ipc.bin", \
		.dts = "dts/test-ipc.dts", \
	}

const struct system_config system_config = {
	/* DeviceIDs 0xff00.. (bus 255, which nothing here uses) ring the doorbells. */
	.platform = QEMU_VIRT_PLATFORM(GiB(1), .channel_device_base = IPC_DEVICE_BASE),
	CFG_CHANNELS({ .name = "ring", .pa = 0x54000000, .size = SZ_64K, .vectors = 2 }),
	CFG_PARTITIONS(MEMBER("ping", 0, 0, false), MEMBER("pong", 1, 1, false),
		       MEMBER("watcher", 2, 2, true),
		       { .name = "outsider",
			 CFG_CPUS(3),
			 .ram_ipa = 0x40000000,
			 .ram_pa = QEMU_VIRT_PART_RAM + 3 * MiB(64),
			 .ram_size = MiB(64),
			 .uart_ipa = QEMU_VIRT_UART,
			 .image = "build/guests/ipc.bin",
			 .dts = "dts/bare-1cpu-64m.dts" }),
};
