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
/** The emulated PL011. */
#define VPL011_SIZE SZ_4K

#endif
