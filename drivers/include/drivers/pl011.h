/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The physical PL011 partita prints on: output polled, input either polled or
 * signalled by its receive interrupt.
 */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <core/types.h>

void pl011_init(u64 base);
void pl011_putc(char c);
/** A received character, or -1 when the receive FIFO is empty. */
int pl011_getc(void);
/** Raise the UART's interrupt while received characters wait (receive and timeout). */
void pl011_rx_irq_enable(void);
/** True when the transmit FIFO has room for a character. */
bool pl011_tx_ready(void);
/** Write a character the FIFO has room for (pl011_tx_ready()). */
void pl011_tx(char c);
/** Raise the UART's interrupt while the transmit FIFO has room (@on), or not. */
void pl011_tx_irq(bool on);

#endif
