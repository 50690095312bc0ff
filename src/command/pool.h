/* Per-node, per-loop connection pools and the node's counters on that loop
 * (as_pool lives in the node's per-loop state: as_pool_of()). A pool hands
 * out connections, keeps the idle ones (most recently used first, so hot
 * connections stay hot) and queues requests waiting for a connection when
 * the node's connections are all busy. Loop thread only. Private. */
#ifndef AS_COMMAND_POOL_H
#define AS_COMMAND_POOL_H

#include <aerofuture/error.h>
#include "cluster/map.h"
#include "cluster/node.h"
#include "command/conn.h"

typedef struct as_pool_limits {
	uint32_t min_conns;        /* per node per loop, opened when the map names the node */
	uint32_t max_conns;        /* per node per loop */
	uint32_t pipeline_depth;   /* requests one connection may carry at once */
	uint32_t idle_timeout_ms;  /* close idle connections unused this long (0 = never) */
} as_pool_limits;

typedef struct as_pool {
	as_conn *idle;             /* idle connections, most recently used first */
	as_conn *fill;             /* the connection that took a request in the current flush batch */
	as_conn_request *wait_head, *wait_tail; /* waiting for a connection (all busy) */
	uint32_t open;             /* connections open or opening */
	uint32_t in_use;           /* open and not idle */
	uint64_t opened, closed;   /* totals */
	uint64_t closed_timeout;   /* closed because a timed-out command's reply never came */
	uint64_t solo_until_ms;    /* coarse clock: no pipelining before this (a reply came late) */
	uint64_t late_replies;     /* commands that timed out with their reply still owed */
	uint64_t commands, errors, timeouts, retries;  /* the command layer's counters */
	as_conn_stats io;          /* what the node's connections on this loop did */
} as_pool;

/* Node n's pool on loop i (nodes are made with sizeof(as_pool) of per-loop state). */
static inline as_pool *as_pool_of(const as_node *n, unsigned i)
{
	return (as_pool *)as_node_loop_state(n, i);
}

/* How long a late reply (a command timed out on a connection that still
 * owes its reply) keeps the node's connections to one request each. */
#define AS_POOL_SOLO_MS 1000

/* A command on one of pool's connections timed out with its reply still
 * owed. The server answers a connection's requests in order, so whatever
 * was pipelined behind that reply waits for it: while replies come late,
 * each request goes alone (no joining) and a slow one delays only itself. */
void as_pool_note_late(as_pool *pool);

/* A connection to pool's node that can take one more request: the one
 * being filled in this flush batch if pipelining allows, else an idle one,
 * else a new one (below max_conns). NULL with AEROSPIKE_ERR_NO_MORE_CONNECTIONS
 * when all are busy, or with a connect error. */
as_conn *as_pool_get(as_pool *pool, as_conn_loop *cl, as_node *node, const as_pool_limits *lim, as_error *err);

/* Queue req until a connection frees up (as_pool_put() / as_pool_forget()
 * return it then); take it out again (it timed out, or the loop closes). */
void as_pool_wait(as_pool *pool, as_conn_request *req);
void as_pool_unwait(as_pool *pool, as_conn_request *req);

/* conn carries nothing any more. Returns the oldest waiting request, which
 * conn now belongs to (send it there), or NULL: conn went idle. */
as_conn_request *as_pool_put(as_pool *pool, as_conn *conn);

/* conn is closing: count it and unlink it. Returns the oldest waiting
 * request, which may open a connection in the slot this one leaves, or NULL. */
as_conn_request *as_pool_forget(as_pool *pool, as_conn *conn);

/* Open connections (idle, connecting in the background) until every node
 * of map has min_conns on loop i. */
void as_pool_fill_min(const as_cluster_map *map, unsigned i, as_conn_loop *cl, const as_pool_limits *lim);

/* Close the idle connections of loop i unused for longer than the idle
 * timeout (keeping min_conns), and every idle connection of removed nodes. */
void as_pool_reap(as_conn_loop *cl, unsigned i, const as_pool_limits *lim, uint64_t now_ms);

#endif
