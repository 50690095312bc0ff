/* The per-loop dispatcher: everything one loop owns for running commands
 * (its partition map, the queues of commands waiting for a slot or a map,
 * the running commands, the connections, the deadline queues) and what
 * drives it: the flush, deadline and reap events, map updates and close.
 * One per loop; only its loop's thread touches the non-atomic fields.
 * Private. */
#ifndef AS_COMMAND_DISPATCH_H
#define AS_COMMAND_DISPATCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <event2/event.h>
#include <event2/event_struct.h>
#include "cluster/map.h"
#include "cluster/route.h"
#include "command/command.h"
#include "command/conn.h"
#include "command/deadline.h"
#include "command/pool.h"
#include "loop/loop.h"

/* What the dispatcher enforces (from the client's configuration). */
typedef struct as_dispatch_limits {
	uint32_t max_commands_in_process;  /* running at once; 0 = unlimited */
	uint32_t max_commands_in_queue;    /* waiting beyond that; 0 = unlimited */
	as_pool_limits pool;
} as_dispatch_limits;

typedef struct as_dispatch {
	as_loop *loop;
	unsigned index;                 /* the loop's number: its pool in each node */
	as_dispatch_limits limits;
	atomic_bool closed;             /* any thread: submitting fails at once */
	bool closing;                   /* the close has started on the loop */
	as_cluster_map *map;            /* this loop's current map (retained) */
	as_route_cache route;
	as_command *wait_head, *wait_tail;   /* waiting for a slot (max_commands_in_process) */
	as_command *nomap_head, *nomap_tail; /* waiting for a partition map */
	uint32_t in_process;            /* started and not complete */
	atomic_uint queued;             /* submitted, not yet started (any thread increments) */
	as_command *active;             /* every started, unfinished command (for close) */
	as_conn_loop conns;
	as_deadlines deadlines;
	struct event reap_ev;           /* idle connection reaping */
	as_loop_task init_task, close_task;
} as_dispatch;

/* Set up d (zeroed by the caller) for loop; the loop's events are created
 * on its thread (posted). */
void as_dispatch_init(as_dispatch *d, as_loop *loop, unsigned index, const as_dispatch_limits *limits);

/* Give map to each of the n dispatchers of ds (ownership: each takes a
 * reference of its own; the caller keeps its). Called on the loop of one
 * of them (tending's), which takes it at once; the others get it posted. */
void as_dispatch_publish(as_dispatch *ds, unsigned n, as_cluster_map *map);

/* Close from any thread: from now on commands submitted to d fail at once
 * with AEROSPIKE_ERR_CLIENT_ABORT, and on the loop (posted) every waiting
 * and running command fails with it, connections close and the events go.
 * The loop must still run the post (as_loop_stop() does). */
void as_dispatch_close(as_dispatch *d);

#endif
