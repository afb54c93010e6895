/* SPDX-License-Identifier: MIT */
/**
 * @file
 * partita's console: its own messages, the partitions' line-buffered output
 * with a name prefix, and the routing of input to one partition at a time.
 *
 * Input switching: Ctrl-T (0x14) followed by a digit N gives the input to
 * partition N; Ctrl-T twice sends one Ctrl-T to the partition that has it.
 * The monitor (core/monitor.c): Ctrl-T s prints the partitions' status,
 * Ctrl-T r N restarts partition N, Ctrl-T h lists the keys.
 *
 * Output: once partitions run, each source (every partition, and partita
 * itself) has a ring of its own. A writer copies its whole line in, or drops
 * it whole and counts it when there is no room, and never waits for the
 * UART; whoever finds the drain lock free moves lines to the UART's FIFO,
 * whole lines round-robin between sources, until the FIFO is full, and then
 * leaves the rest to the UART's transmit interrupt. So a chatty partition
 * fills only its own ring and makes no other CPU wait.
 */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <core/types.h>
#include <config_gen.h>

#define CONSOLE_SWITCH_KEY 0x14
#define CONSOLE_LINE_MAX 160
#define CONSOLE_INPUT_SIZE 256
/** Output ring of each source: several lines, a power of two. */
#define CONSOLE_OUT_SIZE 4096
/** The source of partita's own lines (partitions are 0..CONFIG_PARTITION_COUNT-1). */
#define CONSOLE_SRC_HYP CONFIG_PARTITION_COUNT

/* Monitor requests (console_take_monitor_news()). */
#define MONITOR_STATUS (1u << 30)
#define MONITOR_HELP (1u << 31)
#define MONITOR_RESTART(n) (1u << (n)) /**< partition n, n < 24 */

void console_init(u64 uart_pa);
/** The monitor requests typed since the last call (MONITOR_*), taken. */
u32 console_take_monitor_news(void);
/** Print one formatted line of partita's own, prefixed "[partita] ". */
void pr_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/**
 * Print a line of source @src (a partition's index, or CONSOLE_SRC_HYP)
 * with a caller-chosen prefix; a newline is added.
 */
void console_write_line(u32 src, const char *prefix, const char *text, size_t len);
/* How console_write() ends its text. */
#define CONSOLE_LINE 0 /**< a newline: a whole line */
#define CONSOLE_OPEN 1 /**< none: the line goes on in @src's next piece */
#define CONSOLE_CONTINUES \
	2 /**< it goes on @src's open line (no prefix while that ends the terminal's) */
/**
 * Print a piece of a line of @src: console_write_line() for pieces, so that
 * a prompt shows before its newline. Another source's line ends an open one
 * on the terminal; when @src goes on, its prefix comes again.
 */
void console_write(u32 src, const char *prefix, const char *text, size_t len, unsigned how);
/** From now on, output goes through the rings (partitions are about to run). */
void console_start_buffering(void);
/** Move what the rings hold to the UART, as far as its FIFO takes (the UART's interrupt). */
void console_drain(void);
/** Write everything the rings hold, waiting for the UART (bounded): before power-off. */
void console_flush(void);
/** Lines of source @src dropped because its ring was full. */
u64 console_dropped(u32 src);
/**
 * Move characters from the physical UART into the partitions' input buffers.
 * Callable under a partition's UART lock: it only records which partitions
 * got input, for console_take_input_news() to hand on outside any lock.
 */
void console_poll_input(void);
/** Partitions (bit N: partition N) that got input since the last call. */
u32 console_take_input_news(void);
/** The partition input currently goes to. */
u32 console_input_target(void);
/** Next input character for partition @part, or -1. */
int console_input_get(u32 part);
/** True when partition @part has input waiting. */
bool console_input_ready(u32 part);
/** Print without a prefix and without taking locks: for panics. */
void console_emergency(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * A call site's rate limit: the first RATELIMIT_BURST messages print, then
 * one notice that further ones are suppressed.
 */
struct ratelimit {
	u32 count;
};
#define RATELIMIT_BURST 8
bool ratelimit_allow(struct ratelimit *rl);

#endif
