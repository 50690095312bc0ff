/* The client and its per-loop state. Private. */
#ifndef AS_CLIENT_INTERNAL_H
#define AS_CLIENT_INTERNAL_H

#include <stdatomic.h>
#include <aerofuture/client.h>
#include "cluster/map.h"
#include "command/command.h"
#include "command/conn.h"
#include "loop/loop.h"

struct as_cluster;

/* Most commands of a loop share a few timeout durations, so instead of one
 * libevent timer each they wait in FIFO queues, one per duration, ordered by
 * expiry for free; one timer per loop watches the queue heads. */
#define AS_DEADLINE_QUEUES 4

typedef struct as_deadline_queue {
	uint32_t ms;              /* the duration this queue holds; 0 = unused */
	struct as_command *head, *tail;
} as_deadline_queue;

/* Everything one loop owns. Only its thread touches non-atomic fields. */
typedef struct as_loop_ctx {
	struct as_client *client;
	as_loop *loop;
	unsigned index;
	as_cluster_map *map;            /* this loop's current map (retained) */
	as_command *wait_head, *wait_tail;   /* waiting for a slot (max_commands_in_process) */
	as_command *nomap_head, *nomap_tail; /* waiting for a partition map */
	uint32_t in_process;            /* commands started and not complete */
	atomic_uint queued;             /* submitted, not yet started (any thread increments) */
	as_conn *dirty;                 /* conns to flush */
	struct event flush_ev;          /* flushes dirty conns after the current callbacks */
	struct event reap_ev;           /* idle connection reaping */
	as_deadline_queue dq[AS_DEADLINE_QUEUES];
	struct event dq_ev;             /* fires at the earliest queue head's expiry */
	uint64_t dq_when;               /* when dq_ev is armed for, 0 = not armed */
	unsigned read_depth;            /* inside a connection's read callback: flush at its end */
	uint32_t now_cf;                /* wall clock (server epoch s) read once per read callback */
	const as_cluster_map *ns_map;   /* routing cache: map, namespace, its table */
	char ns_name[AS_NAMESPACE_MAX_LEN + 1];
	const as_ns_table *ns_table;
	as_command *active;             /* every started, unfinished command (for close) */
	as_conn *conns;                 /* every open connection of this loop */
	bool closing;
} as_loop_ctx;

struct as_client {
	as_client_config cfg;
	unsigned n_loops;
	as_loop_ctx *loops;
	atomic_uint next_loop;
	atomic_bool closed;
	struct as_cluster *cluster;
};

/* The loop a new command goes to (round robin, or the caller's own loop). */
as_loop_ctx *as_client_pick_loop(as_client *c);

/* Called on each loop with a new map (ownership of one reference passes). */
void as_loop_ctx_set_map(as_loop_ctx *ctx, as_cluster_map *map);

/* Mark conn for flushing at the end of the current loop callbacks. */
void as_loop_ctx_mark_dirty(as_loop_ctx *ctx, as_conn *conn);

/* Write out every connection marked dirty. */
void as_loop_ctx_flush(as_loop_ctx *ctx);

#endif
