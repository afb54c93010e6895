/* SPDX-License-Identifier: MIT */
/** @file A console for host tests: captures output lines, serves scripted input. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "fake_console.h"

char fake_console_last[512];
unsigned fake_console_lines;
static const char *input;
static size_t input_pos;

void fake_console_set_input(const char *s)
{
	input = s;
	input_pos = 0;
}

void console_write_line(u32 src, const char *prefix, const char *text, size_t len)
{
	console_write(src, prefix, text, len, CONSOLE_LINE);
}

unsigned fake_console_how;

/* A piece: recorded as the last one, with its prefix unless it continues, and counted. */
void console_write(u32 src, const char *prefix, const char *text, size_t len, unsigned how)
{
	(void)src;
	snprintf(fake_console_last, sizeof(fake_console_last), "%s%.*s",
		 how & CONSOLE_CONTINUES ? "" : prefix, (int)len, text);
	fake_console_how = how;
	fake_console_lines++;
}

void console_poll_input(void) {}

int console_input_get(u32 part)
{
	if (part != 0 || !input || !input[input_pos])
		return -1;
	return (unsigned char)input[input_pos++];
}

bool console_input_ready(u32 part)
{
	return part == 0 && input && input[input_pos];
}

char fake_pr_last[512];
unsigned fake_pr_lines;

void pr_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fake_pr_last, sizeof(fake_pr_last), fmt, ap);
	va_end(ap);
	fake_pr_lines++;
}

bool ratelimit_allow(struct ratelimit *rl)
{
	return rl->count++ < RATELIMIT_BURST;
}
