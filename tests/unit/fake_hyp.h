/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The rest of partita as the vGIC and the virtual ITS see it, faked for the
 * host (test_vgic, test_vits, tests/fuzz/fuzz_vits.c): per-CPU data, panic,
 * kicks and cache maintenance counted, vCPU lookup by MPIDR, and a physical
 * ITS that records the commands it is given.
 */
#ifndef TESTS_FAKE_HYP_H
#define TESTS_FAKE_HYP_H

#include <core/types.h>
#include <config_gen.h>

/* A struct vcpu as the vGIC's and vITS's arguments: its vGIC and index (VG), or its index (VI). */
#define VG(v) &(v)->part->vgic, (v)->index
#define VI(v) ((v) ? (v)->index : VGIC_NO_VCPU)

/**
 * One physical ITS command: opcode as in vdev/vits.h, or the GICv4 ones
 * below; plpi is VMAPTI's vINTID; pcpu is the vPE of a virtual one.
 */
struct pcmd {
	u8 op;
	u32 devid, event, plpi, pcpu;
	bool virt; /**< on a virtual LPI (GICv4): followed by a VSYNC of vPE pcpu */
};
#define FAKE_VMOVI 0x21
#define FAKE_VSYNC 0x25
#define FAKE_VMAPTI 0x2a
#define FAKE_VINVALL 0x2d
#define FAKE_VPROP_BYTES (65536 - 8192)
/** What its_virt() says (ITS_VIRT_NONE unless a test sets it). */
extern int fake_its_virt;
/** Each pCPU's vPE property table, as its_vprop_write() leaves it. */
extern u8 fake_vprop[CONFIG_CPU_COUNT][FAKE_VPROP_BYTES];
/**
 * vPE commands a real ITS would take for errors (see check_vcmd() in
 * fake_hyp.c): it keeps which events are mapped to which vPE, and which
 * vPEs (pCPUs) are the partition's (fake_vpe_mask).
 */
extern unsigned fake_pcmd_errors;
extern u32 fake_vpe_mask;
/** No event mapped to a vPE, no error counted. */
void fake_its_state_reset(void);

struct partition;
/**
 * The MSI fast path of vectors.S (guest_lpi64), modelled in C: the
 * physical LPI of flat event @m of @p arrives on the pCPU of its vCPU @v.
 * True if it went into a list register there without leaving the vector.
 */
bool fake_fast_msi(struct partition *p, u32 v, u32 m);
/** vgic_init() of @p as core does it, with kicks counted in fake_kicks. */
void fake_vgic_init(struct partition *p);
/* INTx lines (35..38) whose completion the vGIC reported, in order. */
extern u32 fake_resampled[8];
extern unsigned fake_nresampled;
#define FAKE_PCMDS 4096
/** The commands since the count was last set to 0; the array keeps the first FAKE_PCMDS. */
extern struct pcmd pcmds[FAKE_PCMDS];
extern unsigned npcmds;
extern unsigned cache_syncs; /* kicks: fake_kicks (fake_cpuif.h) */

#endif
