/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The emulated PL011 (ARM DDI 0183) each partition gets as its console.
 * Output is line-buffered per vCPU and printed on the physical console with
 * the partition's name as prefix; input comes from the console's routing.
 */
#ifndef VDEV_VPL011_H
#define VDEV_VPL011_H

#include <core/console.h>
#include <core/mmio.h>
#include <core/spinlock.h>
#include <vdev/frames.h>
#include <config_gen.h>

/** INTID of the emulated UART's interrupt: SPI 1, as on QEMU virt. */
#define VPL011_INTID 33

/* Register offsets (DDI 0183, 3.2 "Summary of registers") */
#define UARTDR 0x000
#define UARTRSR 0x004
#define UARTFR 0x018
#define UARTILPR 0x020
#define UARTIBRD 0x024
#define UARTFBRD 0x028
#define UARTLCR_H 0x02c
#define UARTCR 0x030
#define UARTIFLS 0x034
#define UARTIMSC 0x038
#define UARTRIS 0x03c
#define UARTMIS 0x040
#define UARTICR 0x044
#define UARTDMACR 0x048
#define UARTPERIPHID0 0xfe0
#define UARTPCELLID0 0xff0

#define UARTFR_RXFE BIT(4)
#define UARTFR_TXFF BIT(5)
#define UARTFR_TXFE BIT(7)
#define UART_INT_RX BIT(4)
#define UART_INT_TX BIT(5)
#define UART_INT_RT BIT(6)

/** One partition's virtual UART. */
struct vpl011 {
	u32 part;	  /**< partition index: whose input it reads */
	const char *name; /**< output prefix */
	struct spinlock lock;
	u32 cr, lcr_h, ibrd, fbrd, ifls, imsc, dmacr;
	u32 ris_cleared; /**< interrupt bits cleared through UARTICR and not re-raised */
	/**
	 * The line being written, characters in the order they reach the UART
	 * from whichever vCPU, as on a real one: a guest's UART driver may
	 * write one line from several CPUs (Linux's amba-pl011 from the CPU that
	 * takes its transmit interrupt).
	 */
	struct {
		char buf[CONSOLE_LINE_MAX];
		size_t len;
		bool open; /**< a part of it is out already (vpl011_flush_open()) */
	} line;
	/**
	 * Called under @lock with each character of a line not yet out
	 * (@waiting), and when a line is out (not @waiting): its owner may
	 * arrange for vpl011_flush_open() once the guest has been quiet for a
	 * while, so that a prompt shows before its newline.
	 */
	void (*pending)(void *ctx, bool waiting);
	void *pending_ctx;
	u64 unknown; /**< accesses to unimplemented offsets */
	/** The interrupt line (UARTMIS != 0), called under @lock on every change. */
	void (*irq)(void *ctx, bool level);
	void *irq_ctx;
	bool level;
};

void vpl011_init(struct vpl011 *uart, u32 part, const char *name);
/** Registers back to their reset values (SYSTEM_RESET of the partition); output kept. */
void vpl011_reset(struct vpl011 *uart);
/** MMIO handler: @arg is the struct vpl011. */
enum mmio_result vpl011_mmio(void *dev, u32 vcpu, struct mmio_access *acc);
/** Console input may have arrived for this UART: update its interrupt line. */
void vpl011_input_arrived(struct vpl011 *uart);
/** Print what is buffered, as a line. */
void vpl011_flush(struct vpl011 *uart);
/** Print what is buffered as a part of a line, which later output continues. */
void vpl011_flush_open(struct vpl011 *uart);

extern const struct mmio_reg vpl011_regs[];
extern const size_t vpl011_reg_count;

#endif
