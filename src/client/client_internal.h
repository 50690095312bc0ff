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

#endif
