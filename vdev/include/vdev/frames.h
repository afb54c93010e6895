/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Sizes of the register frames partita emulates for a partition, in its
 * guest physical address space. The configuration checker registers them as
 * partita does (core/config_check.c), so a configuration whose UART, RAM or
 * passthrough regions meet one is refused at build time.
 */
#ifndef VDEV_FRAMES_H
#define VDEV_FRAMES_H

#include <core/types.h>

/** The vGIC distributor. */
#define VGIC_GICD_SIZE SZ_64K
/** One vCPU's redistributor: the GICv3 layout, RD_base + SGI_base, whatever the hardware's. */
#define VGIC_GICR_STRIDE 0x20000
/** The virtual ITS: control page and translation page, 64 KiB each. */
#define VITS_FRAME_SIZE (2 * SZ_64K)
/** The virtual PCI host bridge's ECAM: one bus. */
#define VPCI_ECAM_SIZE SZ_1M
/**
 * INTA..INTD of the virtual host bridge's bus 0 reach the guest as SPIs 3..6
 * (INTIDs 35..38), swizzled by device number: pin P of guest device D is
 * line (P - 1 + D) % 4, as on QEMU virt's host bridge. Its DT's
 * interrupt-map says the same (the checker sees to that).
 */
#define VPCI_INTX_INTID 35
#define VPCI_INTX_LINES 4
/** The emulated PL011. */
#define VPL011_SIZE SZ_4K

#endif
