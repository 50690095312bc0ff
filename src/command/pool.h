/* Per-node, per-loop connection pools (as_pool lives in the node). Only the
 * owning loop's thread calls these. Private. */
#ifndef AS_COMMAND_POOL_H
#define AS_COMMAND_POOL_H

#include <aerofuture/error.h>
#include "cluster/node.h"
#include "command/conn.h"

struct as_loop_ctx;

/* A connection to node that can take one more command: the connection being
 * filled in this flush batch if pipelining allows, else an idle one, else a
 * new one (below max_conns_per_node). NULL with AEROSPIKE_ERR_NO_MORE_CONNECTIONS
 * or a connect error. */
as_conn *as_pool_get(struct as_loop_ctx *ctx, as_node *node, as_error *err);

/* Queue cmd until a connection to node frees up (the pool is at its maximum).
 * as_pool_put() or as_pool_forget() hands it one. */
void as_pool_wait(struct as_loop_ctx *ctx, as_node *node, as_command *cmd);
/* Take cmd out of node's wait queue (it timed out or the client closes). */
void as_pool_unwait(struct as_loop_ctx *ctx, as_node *node, as_command *cmd);

/* conn has nothing in flight any more: to a waiting command, or back to the idle list. */
void as_pool_put(struct as_loop_ctx *ctx, as_conn *conn);

/* conn's last in-flight command finished (in-use accounting). */
void as_pool_release_busy(struct as_loop_ctx *ctx, as_conn *conn);

/* conn is closing: unlink it and count it. */
void as_pool_forget(struct as_loop_ctx *ctx, as_conn *conn);

/* Open connections (idle, connecting in the background) until every node
 * of the loop's map has min_conns_per_node. */
void as_pool_fill_min(struct as_loop_ctx *ctx);

/* Close idle connections unused for longer than the idle timeout (keeping
 * min_conns_per_node), and all idle connections of removed nodes. */
void as_pool_reap(struct as_loop_ctx *ctx, uint64_t now_ms);

#endif
