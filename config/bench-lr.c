/* SPDX-License-Identifier: MIT */
/**
 * @file
 * make bench's configuration (config/bench.c) with the GICv3 path forced:
 * vLPIs through list registers even on a GICv4, to compare the two on
 * gic-version=4.
 */
#define BENCH_ITS_DELIVERY ITS_DELIVERY_LIST_REGS
#include "bench.c"
