/* The client object, as the command families above see it: its
 * configuration (default policies), whether it is closed, and the loop a
 * new command goes to. Private. */
#ifndef AS_CLIENT_CLIENT_H
#define AS_CLIENT_CLIENT_H

#include <stdatomic.h>
#include <aerofuture/client.h>
#include "command/dispatch.h"

struct as_tend;

struct as_client {
	as_client_config cfg;
	unsigned n_loops;
	as_dispatch *loops;          /* one dispatcher per loop */
	atomic_uint next_loop;
	atomic_bool closed;
	struct as_tend *tend;
};

/* The dispatcher a new command goes to: the caller's own loop when called
 * on one of c's loops (a chained step), else the next loop round robin. */
as_dispatch *as_client_dispatch(as_client *c);

static inline bool as_client_is_closed(const as_client *c)
{
	return atomic_load_explicit(&((as_client *)c)->closed, memory_order_acquire);
}

/* The default policies (for a command given a NULL policy). */
static inline const as_policies *as_client_policies(const as_client *c)
{
	return &c->cfg.policies;
}

#endif
