/* SPDX-License-Identifier: MIT */
/** @file The host tests' console (tests/unit/fake_console.c). */
#ifndef TESTS_FAKE_CONSOLE_H
#define TESTS_FAKE_CONSOLE_H

#include <core/console.h>

extern char fake_console_last[512];
extern unsigned fake_console_lines;
/* How the last piece ended (CONSOLE_LINE, CONSOLE_OPEN, | CONSOLE_CONTINUES). */
extern unsigned fake_console_how;
void fake_console_set_input(const char *s);
/** partita's log (pr_info): the last line and how many there were. */
extern char fake_pr_last[512];
extern unsigned fake_pr_lines;

#endif
