/* SPDX-License-Identifier: MIT */
/** @file partita's own EL2 stage-1 translation and the stage-2 controls. */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <arch/pgtable.h>

/** Add a mapping to partita's EL2 tables (before mmu_enable()). False when out of table pages. */
bool mmu_map(u64 pa, u64 size, u64 attrs);
/** Map partita's image with W^X permissions and the rest of @ram as data. */
bool mmu_map_ram(u64 ram_base, u64 ram_size);
/** Turn on the MMU and caches on the boot CPU with the tables built so far. */
void mmu_enable(bool boot_cpu);
/** Publish the EL2 MMU settings for the secondaries, which enable them in head.S. */
void mmu_publish(void);

/** Physical address size the CPU implements, in bits (ID_AA64MMFR0_EL1.PARange). */
unsigned mmu_pa_bits(void);
/** Bits of IPA each partition's stage 2 resolves (VTCR_EL2.T0SZ = 64 - this). */
#define STAGE2_IPA_BITS 40
/** Stage-2 root: two concatenated level-1 tables (DDI 0487, D8.2.6). */
#define STAGE2_ROOT_ENTRIES 1024
#define STAGE2_START_LEVEL 1
/** Program VTCR_EL2 (once per CPU). */
void stage2_init_cpu(void);

#endif
