/* Cluster tending: seeds, node discovery through peers, partition maps from
 * replicas, all on the client's first loop, driven by a timer. Private. */
#ifndef AS_CLUSTER_H
#define AS_CLUSTER_H

#include <aerofuture/client.h>
#include "cluster/map.h"
#include "cluster/node.h"

struct as_loop_ctx;
typedef struct as_cluster as_cluster;

/* Resolve the configured seeds (blocking name lookup, on the caller's thread). */
as_cluster *as_cluster_new(as_client *client, struct as_loop_ctx *tend_ctx, as_error *err);

/* Start tending (idempotent); the future completes when the first map with a
 * node is published, or fails at the deadline. Called on the tend loop. */
void as_cluster_connect(as_cluster *cl, as_future *connected, uint32_t timeout_ms);

/* Stop timers and fail a pending connect; on the tend loop. */
void as_cluster_shutdown(as_cluster *cl);

/* Free nodes and memory (after every loop has stopped). */
void as_cluster_free(as_cluster *cl);

#endif
