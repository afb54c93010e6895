/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The partition the vITS's host tests and fuzzer work on: two vCPUs on pCPUs
 * 2 and 3, 1 MiB of fake guest RAM, guest DeviceIDs 0x10 and 0x18 (physical
 * 0x210 and 0x218), 8 DeviceID bits and 6 EventID bits, the real vGIC and
 * vITS behind it. Where the guest keeps its ITS tables in that RAM is below.
 */
#ifndef TESTS_VITS_FIXTURE_H
#define TESTS_VITS_FIXTURE_H

#include <core/partition.h>

#define RAM_IPA 0x40000000ULL
#define RAM_SIZE 0x100000ULL
#define QUEUE RAM_IPA		   /* one 4 KiB page: 128 commands */
#define DEVTAB (RAM_IPA + 0x10000) /* 64 KiB: 8192 DeviceIDs */
#define COLLTAB (RAM_IPA + 0x20000)
#define PROPTAB (RAM_IPA + 0x30000) /* LPI 8192 + n at byte n */

extern u8 fixture_ram[RAM_SIZE];
extern struct partition_config fixture_cfg;
extern struct partition part;

/** A fresh partition: RAM zeroed, vGIC and vITS initialised, device slots from @slot_base. */
void fixture_setup(u32 slot_base);

/** Guest RAM at @ipa. */
static inline u8 *guest(u64 ipa)
{
	return &fixture_ram[ipa - RAM_IPA];
}

#endif
