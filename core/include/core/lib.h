/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The small libc partita carries: string functions and a formatter. Built for
 * EL2 and for the host tests (where the names are prefixed to stay clear of
 * the host libc).
 */
#ifndef CORE_LIB_H
#define CORE_LIB_H

#include <stdarg.h>
#include <core/types.h>

#ifdef PARTITA_HOST
#define memcpy partita_memcpy
#define memmove partita_memmove
#define memset partita_memset
#define memcmp partita_memcmp
#define strlen partita_strlen
#define strcmp partita_strcmp
#define strncmp partita_strncmp
#define vsnprintf partita_vsnprintf
#define snprintf partita_snprintf
#endif

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/**
 * Format into @buf (always NUL-terminated when @size > 0). Supports %d %i %u
 * %x %X %p %s %c %% with the flags '-' and '0', a width, and the length
 * modifiers l, ll and z. Returns the length the full output would have.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
