/* SPDX-License-Identifier: MIT */
/** @file Common includes for the host unit tests (cmocka wants these first). */
#ifndef TESTS_HOST_H
#define TESTS_HOST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
