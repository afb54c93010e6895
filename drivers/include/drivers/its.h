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

/**
 * Probe and enable the ITS at @base: its tables (a two-level device table
 * when a flat one cannot reach every DeviceID, or with @force_indirect), the LPI property table,
 * one collection per pCPU, and a MAPD for each of @devids (slot i = devids[i]). False, with the
 * reason logged, if the hardware cannot do what the configuration needs.
 */
bool its_init(u64 base, const u32 *devids, size_t ndev, const u64 *cpu_mpidr, size_t ncpus,
	      bool force_indirect);
/** Point pCPU @pcpu's redistributor at the LPI tables and enable its LPIs. */
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
/** Unmap @event of @devid. */
int its_discard(u32 devid, u32 event);

#endif
