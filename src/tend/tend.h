/* Tending: seeds, node discovery through peers, partition maps from each
 * node's replicas, published to every loop's dispatcher. All of it runs on
 * the first loop, driven by a timer; its requests are ordinary info
 * commands aimed at a node. Private. */
#ifndef AS_TEND_H
#define AS_TEND_H

#include <aerofuture/host.h>
#include "command/dispatch.h"

typedef struct as_tend as_tend;

/* What tending takes from the client's configuration. */
typedef struct as_tend_config {
	const as_host *seeds;
	size_t n_seeds;
	const char *cluster_name;   /* nodes of another cluster are refused; "" = any */
	uint32_t interval_ms;       /* between rounds; 0 = 1000 */
} as_tend_config;

/* Resolve the seeds (a blocking name lookup, on the caller's thread). cfg
 * (copied; its strings are not) and the n dispatchers ds must outlive the
 * result; tending runs on ds[0]'s loop. NULL with err set when a seed does
 * not resolve. */
as_tend *as_tend_new(const as_tend_config *cfg, as_dispatch *ds, unsigned n, as_error *err);

/* Start tending (idempotent); connected (whose reference passes to tending)
 * completes when the first map with a node is published, or fails after
 * timeout_ms. On the tend loop. */
void as_tend_connect(as_tend *t, as_future *connected, uint32_t timeout_ms);

/* Stop the timers and fail a pending connect. On the tend loop. */
void as_tend_shutdown(as_tend *t);

/* Free the nodes and memory, after every loop has stopped. NULL is ignored. */
void as_tend_free(as_tend *t);

#endif
