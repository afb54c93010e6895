/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The physical ITS (IHI 0069, chapter 6) as the virtual ITSes use it: one
 * command queue for all partitions under one lock, commands issued in
 * bounded batches with a bounded wait for completion, one collection per
 * physical CPU, and every device the configuration assigns mapped once at
 * boot with an ITT in partita's memory.
 *
 * Physical LPIs come from a fixed pool: device slot s (the partitions'
 * configured devices, numbered in order) owns CONFIG_ITS_EVENTS of them, so
 * the LPI of an event never needs allocating and its owner is found by
 * arithmetic when it fires.
 */
#ifndef DRIVERS_ITS_H
#define DRIVERS_ITS_H

#include <core/types.h>
#include <config_gen.h>

/** Physical LPI of @event of device slot @slot. */
static inline u32 its_plpi(u32 slot, u32 event)
{
	return 8192 + slot * CONFIG_ITS_EVENTS + event;
}

/** vINTID bits of a vPE: the guest's LPI INTIDs are below 1 << 16 (vdev/vits.h). */
#define ITS_VINTID_BITS 16

/** Direct injection of virtual LPIs (GICv4) the hardware offers and partita uses. */
enum its_virt {
	ITS_VIRT_NONE, /**< GICv3 only, or not wanted: vLPIs go through list registers */
	ITS_VIRT_V4_0, /**< GICv4.0: vPE table of the ITS, VPROPBASER/VPENDBASER per vPE */
	/**
	 * GICv4.1 (GIC-700): the vPE table (GITS_BASER2) shared with the
	 * redistributors' GICR_VPROPBASER, VMAPP carrying the property table,
	 * VPENDBASER naming the vPEID. No doorbells, so no INVDB either.
	 */
	ITS_VIRT_V4_1,
};

/* Command opcodes the GICv4 calls take (IHI 0069, 6.3). */
#define ITS_CMD_INT 0x03
#define ITS_CMD_CLEAR 0x04
#define ITS_CMD_INV 0x0c

/**
 * Probe and enable the ITS at @base: its tables (a two-level device table
 * when a flat one cannot reach every DeviceID, or with @force_indirect), the LPI property table,
 * one collection per pCPU, and a MAPD for each of @devids (slot i = devids[i]). False, with the
 * reason logged, if the hardware cannot do what the configuration needs.
 *
 * If some @want_vpe[pcpu] is set and the ITS, the redistributors (@vlpis:
 * GICR_TYPER.VLPIS) and the CPU interface have GICv4, each such pCPU gets a
 * vPE (vPEID = pCPU index), mapped with VMAPP and made resident by
 * its_cpu_init(); its_virt() then says which GICv4. Otherwise vLPIs take
 * the list-register path.
 */
bool its_init(u64 base, const u32 *devids, size_t ndev, const u64 *cpu_mpidr, size_t ncpus,
	      bool force_indirect, const bool *want_vpe, bool vlpis);
/**
 * Point pCPU @pcpu's redistributor at the LPI tables and enable its LPIs;
 * with a vPE, make it resident there for good.
 */
void its_cpu_init(u32 pcpu, u64 mpidr);
/** The slot and event of pool LPI @intid; false if it is not one. */
bool its_lpi_slot(u32 intid, u32 *slot, u32 *event);

/*
 * Commands on the physical ITS. Each returns 0, or -1 when the ITS did not
 * complete it within the bound (logged by the driver; the ITS is then
 * considered broken and later commands fail at once).
 */
/** Map @event of @devid to physical LPI @plpi, delivered to physical CPU @pcpu. */
int its_mapti(u32 devid, u32 event, u32 plpi, u32 pcpu);
/** Move @event of @devid to physical CPU @pcpu. */
int its_movi(u32 devid, u32 event, u32 pcpu);
/** Unmap @event of @devid (a virtual LPI on vPE @vpe, or, with @vpe < 0, a physical one). */
int its_discard(u32 devid, u32 event, int vpe);
/**
 * Make @event of @devid pending, as if its device had written it (INT):
 * its physical LPI, or its vLPI on the vPE it is mapped to. It must be
 * mapped. No SYNC: the LPI arrives when the ITS has done it.
 */
int its_int(u32 devid, u32 event);

/*
 * GICv4: events mapped to virtual LPIs of the vPE of a pCPU (vPEID = pCPU
 * index), each command followed by a VSYNC of that vPE. They fail (-1)
 * when that pCPU has no vPE.
 */
/** What its_init() found and set up. */
enum its_virt its_virt(void);
/** "GICv4.0", "GICv4.1", or "GICv3" for none. */
const char *its_virt_name(enum its_virt v);
/** Map @event of @devid to vLPI @vintid of @pcpu's vPE, with no doorbell. */
int its_vmapti(u32 devid, u32 event, u32 vintid, u32 pcpu);
/** Move @event of @devid, with its pending state, to @pcpu's vPE. */
int its_vmovi(u32 devid, u32 event, u32 pcpu);
/** INT, CLEAR or INV (@op, an ITS_CMD_*) of @event of @devid, mapped to @pcpu's vPE. */
int its_vevent(u8 op, u32 devid, u32 event, u32 pcpu);
/** Read @pcpu's vPE property table again (VINVALL). */
int its_vinvall(u32 pcpu);
/** VSYNC @pcpu's vPE. */
int its_vsync(u32 pcpu);
/**
 * Write the property bytes of vINTIDs [@vintid, @vintid + @n) in @pcpu's
 * vPE property table from @src (NULL: zero, disabled). The ITS sees them
 * after an INV or VINVALL.
 */
void its_vprop_write(u32 pcpu, u32 vintid, const volatile u8 *src, u32 n);

#endif
