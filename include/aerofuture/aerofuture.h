/**
 * @file aerofuture.h
 * @brief Umbrella header: include this to use the whole library.
 *
 * Ownership, throughout the API: a pointer parameter is borrowed for the
 * call (read, or copied before the call returns) unless its comment says
 * "stolen" or names a longer life; every function returning an as_future
 * gives the caller one reference, released with as_future_release(); other
 * returned pointers say who frees them.
 */
#ifndef AEROFUTURE_H
#define AEROFUTURE_H

#include <aerofuture/common.h>
#include <aerofuture/status.h>
#include <aerofuture/error.h>
#include <aerofuture/value.h>
#include <aerofuture/key.h>
#include <aerofuture/record.h>
#include <aerofuture/operations.h>
#include <aerofuture/cdt.h>
#include <aerofuture/list_operations.h>
#include <aerofuture/map_operations.h>
#include <aerofuture/bit_operations.h>
#include <aerofuture/hll_operations.h>
#include <aerofuture/policy.h>
#include <aerofuture/json.h>
#include <aerofuture/future.h>
#include <aerofuture/host.h>
#include <aerofuture/client.h>
#include <aerofuture/command.h>
#include <aerofuture/batch.h>
#include <aerofuture/scan.h>
#include <aerofuture/info.h>
#include <aerofuture/stats.h>
#include <aerofuture/exp.h>

#endif
