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

static struct spinlock out_lock = SPINLOCK_INIT;
static struct spinlock in_lock = SPINLOCK_INIT;

/** Input routing: which partition has the input, and each one's buffer. */
static struct {
	u32 target;
	bool escape; /**< the switch key was seen, the next character chooses */
	struct {
		char buf[CONSOLE_INPUT_SIZE];
		u32 head, tail;
	} part[CONFIG_PARTITION_COUNT];
} input;
static u32 input_news; /**< partitions that got input, not yet told (atomic) */

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

void console_write_line(const char *prefix, const char *text, size_t len)
{
	spin_lock(&out_lock);
	put_str(prefix, strlen(prefix));
	put_str(text, len);
	put_str("\n", 1);
	spin_unlock(&out_lock);
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
	console_write_line("[partita] ", line, (size_t)n);
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
		if (input.escape) {
			input.escape = false;
			if (c >= '0' && c < '0' + CONFIG_PARTITION_COUNT) {
				input.target = (u32)(c - '0');
				continue;
			}
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
