/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The console (see core/console.h). Output lines are written whole under one
 * lock, so lines from different partitions and CPUs never interleave.
 */
#include <core/console.h>
#include <core/lib.h>
#include <core/spinlock.h>
#include <drivers/pl011.h>
#include <config_gen.h>

static struct spinlock out_lock = SPINLOCK_INIT; /* the UART, before buffering starts */
static struct spinlock in_lock = SPINLOCK_INIT;

_Static_assert((CONSOLE_OUT_SIZE & (CONSOLE_OUT_SIZE - 1)) == 0, "a power of two");

/**
 * One source's output: bytes [tail, head) wait for the UART. Writers append
 * under @lock and move @head; only the drain, under drain_lock, moves @tail.
 */
struct out_ring {
	struct spinlock lock;
	u32 head, tail; /* free-running, taken modulo CONSOLE_OUT_SIZE */
	u64 dropped;	/**< lines that did not fit */
	char buf[CONSOLE_OUT_SIZE];
};

/*
 * In a ring, each piece of output is [CHUNK_CONT] prefix CHUNK_TEXT text,
 * then CR LF (a line) or CHUNK_OPEN (a part of one, sent before its
 * newline: a shell's prompt, the keys it echoes). CHUNK_CONT marks a piece
 * that continues its source's open part: its prefix is left out while that
 * part still ends the terminal's line. Another piece ends it with CR LF
 * first. The markers themselves are never sent.
 */
#define CHUNK_CONT '\001'
#define CHUNK_TEXT '\002'
#define CHUNK_OPEN '\003'

static struct out_ring out[CONFIG_PARTITION_COUNT + 1];
static struct spinlock drain_lock = SPINLOCK_INIT;
static u32 drain_src; /**< the source whose piece is half out, or NO_SOURCE */
/* The piece being sent, and the terminal (drain_lock). */
static bool piece_started, in_prefix, skip_prefix;
static u32 newline_owed;  /**< characters of CR LF still to send before the piece */
static u32 open_src;	  /**< whose open part ends the terminal's line, or NO_SOURCE */
static u32 drain_next;	  /**< where the round-robin looks first */
static u32 drain_pending; /**< output arrived while the drain was busy (atomic) */
static bool buffering;
#define NO_SOURCE 0xffffffffu
#define DRAIN_ROUNDS 4

/** Input routing: which partition has the input, and each one's buffer. */
static struct {
	u32 target;
	bool escape;  /**< the switch key was seen, the next character chooses */
	bool restart; /**< Ctrl-T r was seen: the next character names the partition */
	struct {
		char buf[CONSOLE_INPUT_SIZE];
		u32 head, tail;
	} part[CONFIG_PARTITION_COUNT];
} input;
static u32 input_news;	 /**< partitions that got input, not yet told (atomic) */
static u32 monitor_news; /**< monitor requests (MONITOR_*), not yet taken (atomic) */

void console_init(u64 uart_pa)
{
	pl011_init(uart_pa);
}

static void put_str(const char *s, size_t n)
{
	for (; n; n--, s++) {
		if (*s == '\n')
			pl011_putc('\r');
		pl011_putc(*s);
	}
}

/**
 * Copy @n bytes of @s into @r from @head on, each newline as CR LF; returns
 * the new head, which the caller publishes once the whole line is in.
 */
static u32 ring_put(struct out_ring *r, u32 head, const char *s, size_t n)
{
	for (; n; n--, s++) {
		if (*s == '\n')
			r->buf[head++ % CONSOLE_OUT_SIZE] = '\r';
		r->buf[head++ % CONSOLE_OUT_SIZE] = *s;
	}
	return head;
}

/**
 * Send the piece of @r from *@tail on (drain_lock held): true once it is all
 * out, false when the FIFO is full first (*@tail says how far it got).
 */
static bool send_piece(struct out_ring *r, u32 *tail, u32 head)
{
	for (; *tail != head; (*tail)++) {
		char c = r->buf[*tail % CONSOLE_OUT_SIZE];

		while (newline_owed) {
			if (!pl011_tx_ready())
				return false;
			pl011_tx(newline_owed-- == 2 ? '\r' : '\n');
		}
		if (c == CHUNK_CONT)
			continue;
		if (c == CHUNK_TEXT) {
			in_prefix = false;
			continue;
		}
		if (c == CHUNK_OPEN) {
			open_src = drain_src;
			(*tail)++;
			return true;
		}
		if (in_prefix && skip_prefix)
			continue;
		if (!pl011_tx_ready())
			return false;
		pl011_tx(c);
		if (c == '\n') {
			(*tail)++;
			return true;
		}
	}
	return true; /* (a ring holds whole pieces: not reached) */
}

/**
 * Write out what the rings hold, line by line, round-robin between sources,
 * while the UART's FIFO has room; the transmit interrupt stays on while
 * anything is left. drain_lock held.
 */
static void drain_locked(bool keep_irq)
{
	for (;;) {
		struct out_ring *r;
		u32 tail, head;

		if (drain_src == NO_SOURCE) {
			for (u32 i = 0; i <= CONFIG_PARTITION_COUNT; i++) {
				u32 s = (drain_next + i) % (CONFIG_PARTITION_COUNT + 1);

				if (__atomic_load_n(&out[s].head, __ATOMIC_ACQUIRE) !=
				    out[s].tail) {
					drain_src = s;
					drain_next = (s + 1) % (CONFIG_PARTITION_COUNT + 1);
					break;
				}
			}
			if (drain_src == NO_SOURCE) {
				/*
				 * All empty: no interrupt, unless a writer may have come
				 * after this look and found the lock taken (last round).
				 */
				pl011_tx_irq(keep_irq);
				return;
			}
		}
		r = &out[drain_src];
		head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);
		tail = r->tail;
		if (!piece_started) {
			piece_started = in_prefix = true;
			skip_prefix =
			    r->buf[tail % CONSOLE_OUT_SIZE] == CHUNK_CONT && open_src == drain_src;
			/* Another's open part (or this one's, interrupted) ends the line first. */
			if (open_src != NO_SOURCE && !skip_prefix)
				newline_owed = 2;
			open_src = NO_SOURCE;
		}
		if (!send_piece(r, &tail, head)) {
			__atomic_store_n(&r->tail, tail, __ATOMIC_RELEASE);
			pl011_tx_irq(true); /* the rest when the FIFO drains */
			return;
		}
		__atomic_store_n(&r->tail, tail, __ATOMIC_RELEASE);
		/* A whole piece is out (a ring only ever holds whole pieces): next source. */
		drain_src = NO_SOURCE;
		piece_started = false;
	}
}

void console_drain(void)
{
	__atomic_store_n(&drain_pending, 1, __ATOMIC_RELEASE);
	/*
	 * Whoever holds the lock drains; a writer that finds it taken leaves a
	 * note that the holder looks at after it lets go. Bounded: after a few
	 * rounds the transmit interrupt, on while anything is left, takes over.
	 */
	for (int i = 0; i < DRAIN_ROUNDS && __atomic_load_n(&drain_pending, __ATOMIC_ACQUIRE);
	     i++) {
		if (!spin_trylock(&drain_lock))
			return;
		__atomic_store_n(&drain_pending, 0, __ATOMIC_RELEASE);
		/* The last round leaves the interrupt on: a note that comes after it is not lost.
		 */
		drain_locked(i == DRAIN_ROUNDS - 1);
		spin_unlock(&drain_lock);
	}
}

void console_write_line(u32 src, const char *prefix, const char *text, size_t len)
{
	console_write(src, prefix, text, len, CONSOLE_LINE);
}

void console_write(u32 src, const char *prefix, const char *text, size_t len, unsigned how)
{
	struct out_ring *r;
	size_t plen = strlen(prefix), need = 2 * (plen + len) + 4;
	u32 head;

	if (src > CONSOLE_SRC_HYP)
		src = CONSOLE_SRC_HYP; /* cannot happen: partita's own ring, never a stray write */
	if (!__atomic_load_n(&buffering, __ATOMIC_ACQUIRE)) {
		/* At boot, straight out, waiting for the UART. */
		spin_lock(&out_lock);
		if (!(how & CONSOLE_CONTINUES))
			put_str(prefix, plen);
		put_str(text, len);
		if (!(how & CONSOLE_OPEN))
			put_str("\n", 1);
		spin_unlock(&out_lock);
		return;
	}
	r = &out[src];
	spin_lock(&r->lock);
	if (CONSOLE_OUT_SIZE - (r->head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE)) < need) {
		/* No room: the whole line goes, never a part. */
		__atomic_fetch_add(&r->dropped, 1, __ATOMIC_RELAXED);
		spin_unlock(&r->lock);
		console_drain();
		return;
	}
	head = r->head;
	if (how & CONSOLE_CONTINUES)
		r->buf[head++ % CONSOLE_OUT_SIZE] = CHUNK_CONT;
	head = ring_put(r, head, prefix, plen);
	r->buf[head++ % CONSOLE_OUT_SIZE] = CHUNK_TEXT;
	head = ring_put(r, head, text, len);
	if (how & CONSOLE_OPEN)
		r->buf[head++ % CONSOLE_OUT_SIZE] = CHUNK_OPEN;
	else
		head = ring_put(r, head, "\n", 1);
	/* Published once the whole line is in: the drain never sees a part of one. */
	__atomic_store_n(&r->head, head, __ATOMIC_RELEASE);
	spin_unlock(&r->lock);
	console_drain();
}

void console_start_buffering(void)
{
	drain_src = NO_SOURCE;
	open_src = NO_SOURCE;
	__atomic_store_n(&buffering, true, __ATOMIC_RELEASE);
}

void console_flush(void)
{
	u64 left, before = ~0ULL;
	u32 still = 0;

	/*
	 * Bounded like pl011_putc(): a UART that takes nothing for a million
	 * polls is stuck, and must not hang the power-off or a panic report;
	 * one that moves, however slowly, gets all the time it needs.
	 */
	while (still < 1000000) {
		console_drain();
		left = 0;
		for (u32 s = 0; s <= CONFIG_PARTITION_COUNT; s++)
			left += __atomic_load_n(&out[s].head, __ATOMIC_ACQUIRE) -
				__atomic_load_n(&out[s].tail, __ATOMIC_ACQUIRE);
		if (!left)
			return;
		still = left < before ? 0 : still + 1;
		before = left;
	}
}

u64 console_dropped(u32 src)
{
	return src <= CONSOLE_SRC_HYP ? __atomic_load_n(&out[src].dropped, __ATOMIC_RELAXED) : 0;
}

void pr_info(const char *fmt, ...)
{
	char line[CONSOLE_LINE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	console_write_line(CONSOLE_SRC_HYP, "[partita] ", line, (size_t)n);
}

void console_emergency(const char *fmt, ...)
{
	char line[CONSOLE_LINE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	put_str(line, (size_t)n);
}

static void input_push(u32 part, char c)
{
	u32 next = (input.part[part].head + 1) % CONSOLE_INPUT_SIZE;

	if (next == input.part[part].tail)
		return; /* full: drop, as a real UART overruns */
	input.part[part].buf[input.part[part].head] = c;
	input.part[part].head = next;
}

void console_poll_input(void)
{
	int c;

	spin_lock(&in_lock);
	while ((c = pl011_getc()) >= 0) {
		if (input.restart) {
			input.restart = false;
			if (c >= '0' && c < '0' + CONFIG_PARTITION_COUNT && c - '0' < 24)
				__atomic_fetch_or(&monitor_news, MONITOR_RESTART(c - '0'),
						  __ATOMIC_RELEASE);
			continue;
		}
		if (input.escape) {
			input.escape = false;
			if (c >= '0' && c < '0' + CONFIG_PARTITION_COUNT) {
				input.target = (u32)(c - '0');
				continue;
			}
			/* The monitor's keys (core/console.h); anything else is dropped. */
			if (c == 's')
				__atomic_fetch_or(&monitor_news, MONITOR_STATUS, __ATOMIC_RELEASE);
			else if (c == 'h' || c == '?')
				__atomic_fetch_or(&monitor_news, MONITOR_HELP, __ATOMIC_RELEASE);
			else if (c == 'r')
				input.restart = true;
			if (c != CONSOLE_SWITCH_KEY)
				continue;
		} else if (c == CONSOLE_SWITCH_KEY) {
			input.escape = true;
			continue;
		}
		input_push(input.target, (char)c);
		__atomic_fetch_or(&input_news, 1u << input.target, __ATOMIC_RELEASE);
	}
	spin_unlock(&in_lock);
}

u32 console_take_monitor_news(void)
{
	return __atomic_exchange_n(&monitor_news, 0, __ATOMIC_ACQ_REL);
}

u32 console_take_input_news(void)
{
	return __atomic_exchange_n(&input_news, 0, __ATOMIC_ACQ_REL);
}

u32 console_input_target(void)
{
	return __atomic_load_n(&input.target, __ATOMIC_ACQUIRE);
}

int console_input_get(u32 part)
{
	int c = -1;

	if (part >= CONFIG_PARTITION_COUNT)
		return -1;
	spin_lock(&in_lock);
	if (input.part[part].head != input.part[part].tail) {
		c = (u8)input.part[part].buf[input.part[part].tail];
		input.part[part].tail = (input.part[part].tail + 1) % CONSOLE_INPUT_SIZE;
	}
	spin_unlock(&in_lock);
	return c;
}

bool console_input_ready(u32 part)
{
	bool ready;

	if (part >= CONFIG_PARTITION_COUNT)
		return false;
	spin_lock(&in_lock);
	ready = input.part[part].head != input.part[part].tail;
	spin_unlock(&in_lock);
	return ready;
}

bool ratelimit_allow(struct ratelimit *rl)
{
	u32 n = __atomic_fetch_add(&rl->count, 1, __ATOMIC_RELAXED);

	if (n == RATELIMIT_BURST)
		pr_info("(further messages of this kind are suppressed; the counters go on)");
	return n < RATELIMIT_BURST;
}
