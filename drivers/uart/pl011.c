/* SPDX-License-Identifier: MIT */
/**
 * @file
 * PL011 driver: polled output, input polled or interrupt-driven. The
 * firmware (U-Boot, or QEMU's reset state) has already set the baud rate;
 * partita only makes sure the UART is enabled.
 */
#include <drivers/pl011.h>

#define DR 0x00
#define FR 0x18
#define CR 0x30
#define IMSC 0x38
#define ICR 0x44
#define INT_RX (1u << 4)
#define INT_RT (1u << 6)
#define INT_TX (1u << 5)
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)

static volatile u8 *uart_base;

static inline u32 rd(u32 off)
{
	return *(volatile u32 *)(uart_base + off);
}

static inline void wr(u32 off, u32 v)
{
	*(volatile u32 *)(uart_base + off) = v;
}

void pl011_init(u64 base)
{
	uart_base = (volatile u8 *)(uintptr_t)base;
	/*
	 * The line settings and FIFOs stay as the firmware left them. With the
	 * FIFOs on, receive would depend on the receive-timeout interrupt for
	 * fewer characters than the trigger level: QEMU 10's PL011 raised
	 * nothing for a 4-character line so (console/input failed on Debian
	 * 13). Without them, the transmit interrupt comes once per character
	 * while output waits.
	 */
	wr(CR, rd(CR) | CR_UARTEN | CR_TXE | CR_RXE);
}

void pl011_putc(char c)
{
	/* Bounded: a stuck UART must not hang the hypervisor for good. */
	for (unsigned i = 0; i < 1000000 && (rd(FR) & FR_TXFF); i++)
		;
	wr(DR, (u8)c);
}

bool pl011_tx_ready(void)
{
	return !(rd(FR) & FR_TXFF);
}

void pl011_tx(char c)
{
	wr(DR, (u8)c);
}

void pl011_tx_irq(bool on)
{
	u32 imsc = rd(IMSC);

	if (!!(imsc & INT_TX) != on)
		wr(IMSC, on ? imsc | INT_TX : imsc & ~INT_TX);
}

int pl011_getc(void)
{
	if (rd(FR) & FR_RXFE)
		return -1;
	return (int)(rd(DR) & 0xff);
}

void pl011_rx_irq_enable(void)
{
	/* Both clear themselves as the FIFO is read empty (DDI 0183, 3.4). */
	wr(ICR, INT_RX | INT_RT);
	wr(IMSC, rd(IMSC) | INT_RX | INT_RT);
}
