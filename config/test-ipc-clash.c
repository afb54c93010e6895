/* SPDX-License-Identifier: MIT */
/**
 * @file
 * System test ipc-clash (tests/system/ipc-clash.test): config/test-ipc.c
 * with its doorbells' DeviceIDs from 0x10 on, which the edu at host 00:02.0
 * (no partition's) carries as its requester ID: partita must not start the
 * channel's members, whose doorbells that device could forge.
 */
#define IPC_DEVICE_BASE 0x10
#include "test-ipc.c"
