/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Host tests of partita's console output (core/console.c) against a fake
 * PL011 whose transmit FIFO fills: no writer waits for the UART, lines come
 * out whole and round-robin between sources, a full ring drops whole lines
 * and counts them without touching the others, and the transmit interrupt is
 * on exactly while something waits.
 */
#include "host.h"
#include <string.h>
#include <core/console.h>
#include <drivers/pl011.h>

/* --- a PL011 whose FIFO takes fifo_room more characters --------------------- */
static char uart_out[65536];
static size_t uart_len;
static unsigned fifo_room;
static bool tx_irq;
static unsigned putc_waits; /* characters written by the waiting path */

void pl011_init(u64 base)
{
	(void)base;
}

void pl011_putc(char c)
{
	putc_waits++;
	uart_out[uart_len++] = c;
}

static const char *rx; /* what the UART has received, NULL-terminated */

int pl011_getc(void)
{
	return rx && *rx ? (unsigned char)*rx++ : -1;
}

void pl011_rx_irq_enable(void) {}

bool pl011_tx_ready(void)
{
	return fifo_room > 0;
}

void pl011_tx(char c)
{
	assert_true(fifo_room > 0); /* never written while full */
	fifo_room--;
	uart_out[uart_len++] = c;
}

void pl011_tx_irq(bool on)
{
	tx_irq = on;
}

static void line(u32 src, const char *prefix, const char *text)
{
	console_write_line(src, prefix, text, strlen(text));
}

static int setup(void **state)
{
	(void)state;
	uart_len = 0;
	memset(uart_out, 0, sizeof(uart_out));
	fifo_room = 1000000;
	tx_irq = false;
	putc_waits = 0;
	return 0;
}

/* One test, in order: the console's state is static and buffering cannot be undone. */
static void test_console_output(void **state)
{
	char big[CONSOLE_LINE_MAX];
	u64 dropped;
	unsigned n;

	(void)state;
	/* Before partitions run: straight to the UART. */
	line(CONSOLE_SRC_HYP, "[partita] ", "boot");
	assert_string_equal(uart_out, "[partita] boot\r\n");
	assert_true(putc_waits > 0);
	setup(NULL);
	console_start_buffering();

	/* With room in the FIFO, out at once, no waiting. */
	line(0, "[a] ", "one");
	line(1, "[b] ", "two");
	assert_string_equal(uart_out, "[a] one\r\n[b] two\r\n");
	assert_int_equal(putc_waits, 0);
	assert_false(tx_irq);

	/* A FIFO of 6: the writer returns at once, the rest waits for the interrupt. */
	setup(NULL);
	fifo_room = 6;
	line(0, "[a] ", "first line");
	assert_int_equal(uart_len, 6);
	assert_true(tx_irq);
	line(1, "[b] ", "other");
	line(0, "[a] ", "second line");
	assert_int_equal(uart_len, 6); /* nobody waited for the FIFO */
	for (n = 0; n < 100 && tx_irq; n++) {
		fifo_room = 6; /* the FIFO drained: its interrupt */
		console_drain();
	}
	assert_false(tx_irq);
	/* Whole lines, round-robin: a's first, then b's, then a's second. */
	assert_string_equal(uart_out, "[a] first line\r\n[b] other\r\n[a] second line\r\n");

	/* The FIFO stuck full: partition 0's ring fills, then its lines are dropped whole. */
	setup(NULL);
	fifo_room = 0;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	dropped = console_dropped(0);
	for (n = 0; n < 100; n++)
		line(0, "[a] ", big);
	assert_true(console_dropped(0) - dropped >= 100 - CONSOLE_OUT_SIZE / sizeof(big));
	assert_true(console_dropped(0) - dropped < 100);
	assert_int_equal(console_dropped(1), 0);
	/* The other partition still gets its line in. */
	line(1, "[b] ", "still here");
	assert_int_equal(console_dropped(1), 0);
	assert_int_equal(uart_len, 0);
	/* The FIFO moves again: everything kept comes out, each line whole. */
	fifo_room = 1000000;
	console_flush();
	assert_false(tx_irq);
	assert_non_null(strstr(uart_out, "[b] still here\r\n"));
	for (char *p = uart_out; *p; p = strchr(p, '\n') + 1)
		assert_true(!strncmp(p, "[a] xxx", 7) || !strncmp(p, "[b] still here", 14));

	/* pr_info() goes through partita's own ring. */
	setup(NULL);
	pr_info("value %d", 42);
	assert_string_equal(uart_out, "[partita] value 42\r\n");
	/* A piece left open (a prompt) goes out at once; the next one goes on from it. */
	setup(NULL);
	console_write(0, "[a] ", "~ # ", 4, CONSOLE_OPEN);
	assert_string_equal(uart_out, "[a] ~ # ");
	console_write(0, "[a] ", "ls", 2, CONSOLE_OPEN | CONSOLE_CONTINUES);
	assert_string_equal(uart_out, "[a] ~ # ls");
	/* Another source's line ends it first; a's next piece has its prefix again. */
	line(1, "[b] ", "tick");
	assert_string_equal(uart_out, "[a] ~ # ls\r\n[b] tick\r\n");
	console_write(0, "[a] ", "", 0, CONSOLE_CONTINUES);
	assert_string_equal(uart_out, "[a] ~ # ls\r\n[b] tick\r\n[a] \r\n");
	/* The same through a FIFO of 3: pieces whole and in order, nothing lost or doubled. */
	setup(NULL);
	fifo_room = 3;
	console_write(0, "[a] ", "$ ", 2, CONSOLE_OPEN);
	line(1, "[b] ", "x");
	console_write(0, "[a] ", "y", 1, CONSOLE_CONTINUES);
	for (n = 0; n < 100 && tx_irq; n++) {
		fifo_room = 3;
		console_drain();
	}
	assert_false(tx_irq);
	assert_string_equal(uart_out, "[a] $ \r\n[b] x\r\n[a] y\r\n");
}

/*
 * Ctrl-T and a key: a digit switches the keyboard, s, h and r with a digit go
 * to the monitor (taken once), a doubled Ctrl-T is one for the partition,
 * anything else after Ctrl-T is dropped; r with no partition's digit is dropped.
 */
static void test_console_keys(void **state)
{
	(void)state;
	rx = "a\024s\024h\024r1\024r9b\024qc\024\024\0241d";
	console_poll_input();
	assert_int_equal(console_take_monitor_news(),
			 MONITOR_STATUS | MONITOR_HELP | MONITOR_RESTART(1));
	assert_int_equal(console_take_monitor_news(), 0);
	/* Partition 0 got a, b (after r9, dropped), c (after q, dropped), a Ctrl-T; then 1 got d.
	 */
	assert_int_equal(console_input_get(0), 'a');
	assert_int_equal(console_input_get(0), 'b');
	assert_int_equal(console_input_get(0), 'c');
	assert_int_equal(console_input_get(0), 0x14);
	assert_int_equal(console_input_get(0), -1);
	assert_int_equal(console_input_get(1), 'd');
	assert_int_equal(console_input_target(), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_console_keys, setup),
		cmocka_unit_test_setup(test_console_output, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
