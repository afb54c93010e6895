/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Emulated PL011. Enough for bare-metal code and Linux's amba-pl011 driver:
 * the transmit FIFO is never full and always drains at once, so TXFE is set
 * and the transmit interrupt condition is raised; receive reads the
 * partition's share of console input. The interrupt line itself arrives with
 * the virtual GIC.
 */
#include <core/lib.h>
#include <vdev/vpl011.h>

/* PrimeCell identification of a PL011 r1p5, as Linux's AMBA bus matches it. */
static const u8 pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

void vpl011_init(struct vpl011 *uart, u32 part, const char *name)
{
	memset(uart, 0, sizeof(*uart));
	uart->part = part;
	uart->name = name;
	uart->cr = 0x300; /* TXE | RXE, the reset value */
	uart->ifls = 0x12;
}

void vpl011_reset(struct vpl011 *uart)
{
	spin_lock(&uart->lock);
	uart->cr = 0x300;
	uart->ifls = 0x12;
	uart->imsc = 0;
	uart->ris_cleared = 0;
	uart->ibrd = uart->fbrd = uart->lcr_h = uart->dmacr = 0;
	/*
	 * A line it raised goes down with it: input from another CPU may have
	 * raised it since the vGIC was reset, and the vGIC would keep it high.
	 */
	if (uart->level) {
		uart->level = false;
		if (uart->irq)
			uart->irq(uart->irq_ctx, false);
	}
	spin_unlock(&uart->lock);
}

/** What is buffered goes out: as a line (@open false), or as a part of one. */
static void emit(struct vpl011 *uart, bool open)
{
	char prefix[40];

	snprintf(prefix, sizeof(prefix), "[%s] ", uart->name);
	console_write(uart->part, prefix, uart->line.buf, uart->line.len,
		      (open ? CONSOLE_OPEN : CONSOLE_LINE) |
			  (uart->line.open ? CONSOLE_CONTINUES : 0));
	uart->line.len = 0;
	uart->line.open = open;
}

static void emit_line(struct vpl011 *uart)
{
	emit(uart, false);
}

void vpl011_flush(struct vpl011 *uart)
{
	spin_lock(&uart->lock);
	if (uart->line.len || uart->line.open)
		emit_line(uart);
	spin_unlock(&uart->lock);
}

void vpl011_flush_open(struct vpl011 *uart)
{
	spin_lock(&uart->lock);
	if (uart->line.len)
		emit(uart, true);
	spin_unlock(&uart->lock);
}

static void put_char(struct vpl011 *uart, char c)
{
	if (c == '\r')
		return;
	if (c == '\n') {
		emit_line(uart);
		if (uart->pending)
			uart->pending(uart->pending_ctx, false);
		return;
	}
	uart->line.buf[uart->line.len++] = c;
	if (uart->line.len == sizeof(uart->line.buf))
		emit(uart, true); /* a longer line goes on in the next piece */
	if (uart->pending)
		uart->pending(uart->pending_ctx, true);
}

/**
 * UARTRIS. The transmit FIFO is always empty (output is taken at once). The
 * receive interrupt is cleared by UARTICR until more characters arrive; the
 * receive timeout, as on the hardware, comes back while characters wait, so a
 * guest that clears it before reading them still hears of them.
 */
static u32 raw_status(struct vpl011 *uart)
{
	u32 ris = UART_INT_TX & ~uart->ris_cleared;

	if (console_input_ready(uart->part))
		ris |= (UART_INT_RX & ~uart->ris_cleared) | UART_INT_RT;
	return ris;
}

static u64 dr_read(void *dev, const struct mmio_access *acc)
{
	struct vpl011 *uart = dev;
	int c;

	(void)acc;
	console_poll_input();
	c = console_input_get(uart->part);
	uart->ris_cleared &= ~(UART_INT_RX | UART_INT_RT);
	return c < 0 ? 0 : (u64)c;
}

static void dr_write(void *dev, const struct mmio_access *acc)
{
	struct vpl011 *uart = dev;

	put_char(uart, (char)acc->value);
	uart->ris_cleared &= ~UART_INT_TX;
}

static u64 fr_read(void *dev, const struct mmio_access *acc)
{
	struct vpl011 *uart = dev;

	(void)acc;
	console_poll_input();
	return UARTFR_TXFE | (console_input_ready(uart->part) ? 0 : UARTFR_RXFE);
}

/** A plain read/write register: @field is the offset of a u32 in struct vpl011. */
#define PLAIN_REG(fn, field, mask) \
	static u64 fn##_read(void *dev, const struct mmio_access *acc) \
	{ \
		(void)acc; \
		return ((struct vpl011 *)dev)->field; \
	} \
	static void fn##_write(void *dev, const struct mmio_access *acc) \
	{ \
		((struct vpl011 *)dev)->field = (u32)acc->value & (mask); \
	}
PLAIN_REG(ibrd, ibrd, 0xffff)
PLAIN_REG(fbrd, fbrd, 0x3f)
PLAIN_REG(lcr_h, lcr_h, 0xff)
PLAIN_REG(cr, cr, 0xff87)
PLAIN_REG(ifls, ifls, 0x3f)
PLAIN_REG(imsc, imsc, 0x7ff)
PLAIN_REG(dmacr, dmacr, 0x7)

static u64 ris_read(void *dev, const struct mmio_access *acc)
{
	(void)acc;
	return raw_status(dev);
}

static u64 mis_read(void *dev, const struct mmio_access *acc)
{
	struct vpl011 *uart = dev;

	(void)acc;
	return raw_status(uart) & uart->imsc;
}

static void icr_write(void *dev, const struct mmio_access *acc)
{
	struct vpl011 *uart = dev;

	uart->ris_cleared |= (u32)acc->value & 0x7ff;
}

/** One identification register: byte @n of pl011_id. */
#define ID_REG(n) \
	static u64 id##n##_read(void *dev, const struct mmio_access *acc) \
	{ \
		(void)dev; \
		(void)acc; \
		return pl011_id[n]; \
	}
ID_REG(0)
ID_REG(1)
ID_REG(2)
ID_REG(3)
ID_REG(4)
ID_REG(5)
ID_REG(6)
ID_REG(7)

#define W_ANY (MMIO_W8 | MMIO_W16 | MMIO_W32)
/** Registers by offset (DDI 0183, 3.2). RSR/ECR and ILPR read as zero. */
const struct mmio_reg vpl011_regs[] = {
	{ UARTDR, 4, W_ANY, dr_read, dr_write, 0 },
	{ UARTRSR, 4, W_ANY, NULL, NULL, 0 },
	{ UARTFR, 4, W_ANY, fr_read, NULL, 0 },
	{ UARTILPR, 4, W_ANY, NULL, NULL, 0 },
	{ UARTIBRD, 4, W_ANY, ibrd_read, ibrd_write, 0 },
	{ UARTFBRD, 4, W_ANY, fbrd_read, fbrd_write, 0 },
	{ UARTLCR_H, 4, W_ANY, lcr_h_read, lcr_h_write, 0 },
	{ UARTCR, 4, W_ANY, cr_read, cr_write, 0 },
	{ UARTIFLS, 4, W_ANY, ifls_read, ifls_write, 0 },
	{ UARTIMSC, 4, W_ANY, imsc_read, imsc_write, 0 },
	{ UARTRIS, 4, W_ANY, ris_read, NULL, 0 },
	{ UARTMIS, 4, W_ANY, mis_read, NULL, 0 },
	{ UARTICR, 4, W_ANY, NULL, icr_write, 0 },
	{ UARTDMACR, 4, W_ANY, dmacr_read, dmacr_write, 0 },
	{ UARTPERIPHID0 + 0x0, 4, W_ANY, id0_read, NULL, 0 },
	{ UARTPERIPHID0 + 0x4, 4, W_ANY, id1_read, NULL, 0 },
	{ UARTPERIPHID0 + 0x8, 4, W_ANY, id2_read, NULL, 0 },
	{ UARTPERIPHID0 + 0xc, 4, W_ANY, id3_read, NULL, 0 },
	{ UARTPCELLID0 + 0x0, 4, W_ANY, id4_read, NULL, 0 },
	{ UARTPCELLID0 + 0x4, 4, W_ANY, id5_read, NULL, 0 },
	{ UARTPCELLID0 + 0x8, 4, W_ANY, id6_read, NULL, 0 },
	{ UARTPCELLID0 + 0xc, 4, W_ANY, id7_read, NULL, 0 },
};
const size_t vpl011_reg_count = ARRAY_SIZE(vpl011_regs);

/** Drive the interrupt line from the masked status (DDI 0183, 3.3.14 UARTINTR). */
static void vpl011_update_irq_locked(struct vpl011 *uart)
{
	bool level = (raw_status(uart) & uart->imsc) != 0;

	if (level != uart->level) {
		uart->level = level;
		if (uart->irq)
			uart->irq(uart->irq_ctx, level);
	}
}

void vpl011_input_arrived(struct vpl011 *uart)
{
	spin_lock(&uart->lock);
	/* New characters raise the receive interrupts again, even after an ICR write. */
	uart->ris_cleared &= ~(UART_INT_RX | UART_INT_RT);
	vpl011_update_irq_locked(uart);
	spin_unlock(&uart->lock);
}

enum mmio_result vpl011_mmio(void *dev, u32 vcpu, struct mmio_access *acc)
{
	struct vpl011 *uart = dev;
	enum mmio_result r;

	(void)vcpu;
	spin_lock(&uart->lock);
	r = mmio_table_access(vpl011_regs, vpl011_reg_count, uart, acc, &uart->unknown);
	vpl011_update_irq_locked(uart);
	spin_unlock(&uart->lock);
	return r;
}
