/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The refused channel configurations' common part: partitions built by
 * MEMBER(name, cpu, window, ...) with a virtual host bridge and a
 * pci_vmmio window at @window; END(channel, peer, device, ipa, regs) is
 * one of their ends, at guest 00:<device>.0.
 */
#include "qemu-virt.h"

#define END(ch, peer_, dev, ipa_, regs) \
	{ .channel = (ch), .guest = PCI_BDF(0, dev, 0), .peer = (peer_), .ipa = (ipa_), \
	  .regs_ipa = (regs) }
/* The usual end: 00:02.0, its memory at 0x30010000, its registers at 0x30000000. */
#define END0(ch, peer_) END(ch, peer_, 2, 0x30010000, 0x30000000)
#define MEMBER(n, cpu, window, ...) \
	{ .name = n, CFG_CPUS(cpu), .ram_ipa = 0x40000000, \
	  .ram_pa = QEMU_VIRT_PART_RAM + (cpu) * MiB(64), .ram_size = MiB(64), \
	  .image = "Makefile", .dts = "dts/test-ipc.dts", .its_ipa = 0x08080000, \
	  .its_device_bits = 8, .its_event_bits = 5, .pci_ecam_ipa = 0x4010000000ULL, \
	  .pci_vmmio = { (window), MiB(1) }, __VA_ARGS__ }
#define WINDOW 0x30000000
#define PLATFORM .platform = QEMU_VIRT_PLATFORM(GiB(1), .channel_device_base = 0xff00)
