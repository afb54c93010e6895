/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The MMIO registry, the register-table dispatcher and the emulated PL011:
 * tables sorted and non-overlapping, access-width and alignment rules,
 * read-as-zero / write-ignored for unimplemented offsets, line buffering.
 */
#include "host.h"
#include <string.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <vdev/vpl011.h>
#include "fake_console.h"

static enum mmio_result dummy(void *dev, u32 v, struct mmio_access *acc)
{
	(void)v;
	(void)dev;
	(void)acc;
	return MMIO_HANDLED;
}

static void test_registry(void **state)
{
	struct mmio_registry reg = { 0 };
	int i;

	(void)state;
	assert_int_equal(mmio_register(&reg, 0x9000000, 0x1000, dummy, NULL), 0);
	assert_int_equal(mmio_register(&reg, 0x9000800, 0x1000, dummy, NULL), -1); /* overlap */
	assert_int_equal(mmio_register(&reg, 0x8fff000, 0x1001, dummy, NULL), -1);
	assert_int_equal(mmio_register(&reg, 0x9001000, 0, dummy, NULL), -1);	    /* empty */
	assert_int_equal(mmio_register(&reg, ~0ULL - 10, 0x1000, dummy, NULL), -1); /* wraps */
	assert_non_null(mmio_find(&reg, 0x9000fff));
	assert_null(mmio_find(&reg, 0x9001000));
	assert_null(mmio_find(&reg, 0x8ffffff));
	for (i = 1; i < MMIO_MAX_REGIONS; i++)
		assert_int_equal(mmio_register(&reg, 0x10000000 + i * 0x1000, 0x1000, dummy, NULL),
				 0);
	assert_int_equal(mmio_register(&reg, 0x20000000, 0x1000, dummy, NULL), -1); /* full */
}

static void test_tables_valid(void **state)
{
	static const struct mmio_reg unsorted[] = { { 8, 4, MMIO_W32, NULL, NULL, 0 },
						    { 4, 4, MMIO_W32, NULL, NULL, 0 } };
	static const struct mmio_reg overlapping[] = { { 0, 8, MMIO_W64, NULL, NULL, 0 },
						       { 4, 4, MMIO_W32, NULL, NULL, 0 } };
	static const struct mmio_reg too_wide[] = { { 0, 4, MMIO_W64, NULL, NULL, 0 } };
	static const struct mmio_reg misaligned[] = { { 2, 4, MMIO_W32, NULL, NULL, 0 } };

	(void)state;
	assert_true(mmio_table_valid(vpl011_regs, vpl011_reg_count));
	assert_false(mmio_table_valid(unsorted, 2));
	assert_false(mmio_table_valid(overlapping, 2));
	assert_false(mmio_table_valid(too_wide, 1));
	assert_false(mmio_table_valid(misaligned, 1));
}

static u64 last_written;
static u64 reg_read(void *dev, const struct mmio_access *acc)
{
	(void)dev;
	return 0x1122334455667788ULL >> (8 * acc->offset);
}
static void reg_write(void *dev, const struct mmio_access *acc)
{
	(void)dev;
	last_written = acc->value | (acc->offset << 56);
}

static void test_access_rules(void **state)
{
	static const struct mmio_reg t[] = {
		{ 0x00, 4, MMIO_W32, reg_read, reg_write, 0 },
		{ 0x08, 8, MMIO_W32 | MMIO_W64, reg_read, reg_write, 0 },
	};
	u64 unknown = 0;
	struct mmio_access a;

	(void)state;
	a = (struct mmio_access){ 0x0, 4, false, 0 };
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_HANDLED);
	assert_int_equal(a.value, 0x55667788);
	a = (struct mmio_access){ 0x0, 1, false, 0 }; /* byte access to a word-only register */
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_ABORT);
	a = (struct mmio_access){ 0x0, 8, false, 0 };
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_ABORT);
	a = (struct mmio_access){ 0x2, 4, false, 0 }; /* misaligned */
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_ABORT);
	a = (struct mmio_access){ 0xc, 4, false, 0 }; /* upper half of a 64-bit register */
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_HANDLED);
	assert_int_equal(a.value, 0x11223344);
	a = (struct mmio_access){ 0xc, 4, true, 0xabcd };
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_HANDLED);
	assert_int_equal(last_written, 0xabcd | (4ULL << 56));
	a = (struct mmio_access){ 0x8, 8, false, 0 };
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_HANDLED);
	assert_int_equal(a.value, 0x1122334455667788ULL);
	assert_int_equal(unknown, 0);
	a = (struct mmio_access){ 0x4, 4, false, 0xff }; /* a hole: RAZ, counted */
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_HANDLED);
	assert_int_equal(a.value, 0);
	a = (struct mmio_access){ 0x100, 8, true, 0xff }; /* past the end: WI, counted */
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_HANDLED);
	assert_int_equal(unknown, 2);
	a = (struct mmio_access){ 0x0, 3, false, 0 };
	assert_int_equal(mmio_table_access(t, 2, NULL, &a, &unknown), MMIO_ABORT);
}

static u64 uart_access(struct vpl011 *u, u64 off, unsigned size, bool write, u64 v)
{
	struct mmio_access a = { off, size, write, v };

	assert_int_equal(vpl011_mmio(u, 0, &a), MMIO_HANDLED);
	return a.value;
}

static void test_vpl011(void **state)
{
	struct vpl011 u;
	const char *s = "hello";

	(void)state;
	vpl011_init(&u, 0, "p0");
	fake_console_set_input(NULL);
	assert_int_equal(uart_access(&u, UARTFR, 4, false, 0), UARTFR_TXFE | UARTFR_RXFE);
	for (; *s; s++)
		uart_access(&u, UARTDR, 4, true, (u64)*s);
	assert_int_equal(fake_console_lines, 0); /* nothing until the newline */
	uart_access(&u, UARTDR, 1, true, '\r');
	uart_access(&u, UARTDR, 1, true, '\n');
	assert_int_equal(fake_console_lines, 1);
	assert_string_equal(fake_console_last, "[p0] hello");
	/* A line longer than the buffer is cut, never overflowed. */
	for (int i = 0; i < CONSOLE_LINE_MAX + 10; i++)
		uart_access(&u, UARTDR, 4, true, 'x');
	assert_int_equal(fake_console_lines, 2);
	vpl011_flush(&u);
	assert_int_equal(fake_console_lines, 3);

	fake_console_set_input("ab");
	assert_int_equal(uart_access(&u, UARTFR, 4, false, 0) & UARTFR_RXFE, 0);
	assert_int_equal(uart_access(&u, UARTRIS, 4, false, 0) & UART_INT_RX, UART_INT_RX);
	uart_access(&u, UARTIMSC, 4, true, UART_INT_RX);
	assert_int_equal(uart_access(&u, UARTMIS, 4, false, 0), UART_INT_RX);
	assert_int_equal(uart_access(&u, UARTDR, 4, false, 0), 'a');
	assert_int_equal(uart_access(&u, UARTDR, 4, false, 0), 'b');
	assert_int_equal(uart_access(&u, UARTDR, 4, false, 0), 0);
	assert_int_equal(uart_access(&u, UARTFR, 4, false, 0) & UARTFR_RXFE, UARTFR_RXFE);

	/*
	 * As Linux's amba-pl011 does at startup: clear the receive interrupts
	 * (ICR) with nothing received yet. Characters that arrive later must
	 * raise them again (without the guest reading DR first).
	 */
	uart_access(&u, UARTIMSC, 4, true, UART_INT_RX | UART_INT_RT);
	uart_access(&u, UARTICR, 4, true, 0x7ff);
	fake_console_set_input("c");
	vpl011_input_arrived(&u);
	assert_true(u.level);
	assert_int_equal(uart_access(&u, UARTMIS, 4, false, 0), UART_INT_RX | UART_INT_RT);
	/* Cleared with the character still there: the timeout interrupt stays. */
	uart_access(&u, UARTICR, 4, true, 0x7ff);
	assert_int_equal(uart_access(&u, UARTMIS, 4, false, 0), UART_INT_RT);
	assert_true(u.level);
	assert_int_equal(uart_access(&u, UARTDR, 4, false, 0), 'c');
	assert_false(u.level);
	assert_int_equal(uart_access(&u, UARTMIS, 4, false, 0), 0);

	uart_access(&u, UARTIBRD, 4, true, 0x12345);
	assert_int_equal(uart_access(&u, UARTIBRD, 4, false, 0), 0x2345);
	assert_int_equal(uart_access(&u, UARTPERIPHID0, 4, false, 0), 0x11);
	assert_int_equal(uart_access(&u, UARTPCELLID0 + 0xc, 4, false, 0), 0xb1);
	assert_int_equal(uart_access(&u, 0x800, 4, false, 0), 0);
	assert_int_equal(u.unknown, 1);
}

static unsigned pendings;

static unsigned ends;

static void pending(void *ctx, bool waiting)
{
	assert_non_null(ctx);
	if (waiting)
		pendings++;
	else
		ends++;
}

/* A prompt: out as a part of a line when asked, then the line goes on from it. */
static void test_vpl011_prompt(void **state)
{
	struct vpl011 u;

	(void)state;
	vpl011_init(&u, 0, "p0");
	u.pending = pending;
	u.pending_ctx = &u;
	pendings = ends = fake_console_lines = 0;
	for (const char *s = "~ # "; *s; s++)
		uart_access(&u, UARTDR, 1, true, (u64)*s);
	assert_int_equal(pendings, 4); /* with each character: the guest is not quiet yet */
	vpl011_flush_open(&u);
	assert_string_equal(fake_console_last, "[p0] ~ # ");
	assert_int_equal(fake_console_how, CONSOLE_OPEN);
	vpl011_flush_open(&u); /* nothing new: nothing printed */
	assert_int_equal(fake_console_lines, 1);
	uart_access(&u, UARTDR, 1, true, 'l');
	assert_int_equal(pendings, 5);
	uart_access(&u, UARTDR, 1, true, 's');
	uart_access(&u, UARTDR, 1, true, '\n');
	assert_int_equal(ends, 1); /* the line is out: nothing to wait for */
	assert_string_equal(fake_console_last, "ls");
	assert_int_equal(fake_console_how, CONSOLE_LINE | CONSOLE_CONTINUES);
	/* A bare newline after an open part ends that line. */
	uart_access(&u, UARTDR, 1, true, '$');
	vpl011_flush_open(&u);
	uart_access(&u, UARTDR, 1, true, '\n');
	assert_string_equal(fake_console_last, "");
	assert_int_equal(fake_console_how, CONSOLE_LINE | CONSOLE_CONTINUES);
	assert_int_equal(fake_console_lines, 4);
}

static void put_from(struct vpl011 *u, u32 v, char c)
{
	struct mmio_access a = { UARTDR, 4, true, (u64)c };

	assert_int_equal(vpl011_mmio(u, v, &a), MMIO_HANDLED);
}

/**
 * The emulated UART shows characters in the order they were written, from
 * whichever vCPU, as a real one does: a line Linux starts on one CPU and
 * ends from the other (its transmit interrupt) comes out whole, and nothing
 * of it lands on a line of its own.
 */
/* The interrupt line as the vGIC sees it: every change the UART drives. */
static int line_level = -1, line_changes;

static void line(void *ctx, bool level)
{
	(void)ctx;
	line_level = level;
	line_changes++;
}

/*
 * A reset lowers the line it had raised, whatever the order in which the
 * partition's devices are reset: console input from another CPU can raise
 * it between the vGIC's reset and this one, and a line the UART forgets it
 * raised stays high in the vGIC for the restarted guest.
 */
static void test_vpl011_reset_lowers_line(void **state)
{
	struct vpl011 u;

	(void)state;
	vpl011_init(&u, 0, "p0");
	u.irq = line;
	u.irq_ctx = NULL;
	fake_console_set_input("x");
	uart_access(&u, UARTIMSC, 4, true, UART_INT_RX);
	vpl011_input_arrived(&u);
	assert_int_equal(line_level, 1);
	line_changes = 0;
	vpl011_reset(&u);
	assert_int_equal(line_level, 0);
	assert_int_equal(line_changes, 1);
	/* Already low: nothing more to say. */
	vpl011_reset(&u);
	assert_int_equal(line_changes, 1);
	fake_console_set_input(NULL);
}

static void test_vpl011_line_across_vcpus(void **state)
{
	struct vpl011 u;
	const u32 v0 = 0, v1 = 1;
	const char *a = "PASS linux/timer-";
	const char *b = "interrupts";
	unsigned before;

	(void)state;
	vpl011_init(&u, 0, "p");
	before = fake_console_lines;
	while (*a)
		put_from(&u, v0, *a++);
	while (*b)
		put_from(&u, v1, *b++);
	put_from(&u, v1, '\n');
	assert_string_equal(fake_console_last, "[p] PASS linux/timer-interrupts");
	assert_int_equal(fake_console_lines, before + 1);
	/* The next line, from vCPU 0 again, starts afresh. */
	put_from(&u, v0, 'x');
	put_from(&u, v0, '\n');
	assert_string_equal(fake_console_last, "[p] x");
	assert_int_equal(fake_console_lines, before + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_tables_valid),
		cmocka_unit_test(test_access_rules),
		cmocka_unit_test(test_vpl011),
		cmocka_unit_test(test_vpl011_prompt),
		cmocka_unit_test(test_vpl011_line_across_vcpus),
		cmocka_unit_test(test_vpl011_reset_lowers_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
