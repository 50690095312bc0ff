/* Connection pools (see pool.h). */
#include "command/pool.h"
#include "loop/loop.h"

static void idle_unlink(as_pool *pool, as_conn *conn)
{
	if (conn->prev_idle)
		conn->prev_idle->next_idle = conn->next_idle;
	else
		pool->idle = conn->next_idle;
	if (conn->next_idle)
		conn->next_idle->prev_idle = conn->prev_idle;
	conn->prev_idle = conn->next_idle = NULL;
	conn->idle = false;
}

static void idle_push(as_pool *pool, as_conn *conn)
{
	conn->idle = true;
	conn->prev_idle = NULL;
	conn->next_idle = pool->idle;
	if (pool->idle)
		pool->idle->prev_idle = conn;
	pool->idle = conn;
	/* For idle reaping a coarse clock is plenty, and cheaper. */
	conn->last_used_ms = as_clock_coarse_ms();
}

static as_conn *pool_open(as_pool *pool, as_conn_loop *cl, as_node *node, as_error *err)
{
	as_conn *conn = as_conn_open(cl, node, &pool->io, err);
	if (conn) {
		pool->open++;
		pool->opened++;
	}
	return conn;
}

void as_pool_note_late(as_pool *pool)
{
	pool->late_replies++;
	pool->solo_until_ms = as_clock_coarse_ms() + AS_POOL_SOLO_MS;
}

/* Whether the time without pipelining after a late reply has passed. */
static bool pool_solo_over(as_pool *pool)
{
	if (as_clock_coarse_ms() < pool->solo_until_ms)
		return false;
	pool->solo_until_ms = 0;
	return true;
}

as_conn *as_pool_get(as_pool *pool, as_conn_loop *cl, as_node *node, const as_pool_limits *lim, as_error *err)
{
	as_conn *conn = pool->fill;
	/* Pipelining: join the connection already taking requests in this
	 * batch (its bytes not written yet), so they leave in one write. A
	 * connection already waiting for its replies is not joined while
	 * another is free: a slow reply there would hold the newcomer up. */
	if (conn && conn->n_inflight > 0 && conn->n_inflight < lim->pipeline_depth &&
	    (conn->dirty || (!pool->idle && pool->open >= lim->max_conns)) &&
	    (pool->solo_until_ms == 0 || pool_solo_over(pool)))
		return conn;
	conn = pool->idle;
	if (conn) {
		idle_unlink(pool, conn);
	} else {
		if (pool->open >= lim->max_conns) {
			as_error_set(err, AEROSPIKE_ERR_NO_MORE_CONNECTIONS,
			             "node %s: all %u connections of this loop are busy (max_conns_per_node)",
			             node->addr_str, lim->max_conns);
			return NULL;
		}
		if (!(conn = pool_open(pool, cl, node, err)))
			return NULL;
	}
	pool->in_use++;
	pool->fill = conn;
	return conn;
}

void as_pool_wait(as_pool *pool, as_conn_request *req)
{
	req->next = NULL;
	if (pool->wait_tail)
		pool->wait_tail->next = req;
	else
		pool->wait_head = req;
	pool->wait_tail = req;
}

void as_pool_unwait(as_pool *pool, as_conn_request *req)
{
	as_conn_request *prev = NULL;
	for (as_conn_request *r = pool->wait_head; r; prev = r, r = r->next) {
		if (r != req)
			continue;
		if (prev)
			prev->next = r->next;
		else
			pool->wait_head = r->next;
		if (pool->wait_tail == r)
			pool->wait_tail = prev;
		r->next = NULL;
		return;
	}
}

static as_conn_request *pool_next_waiter(as_pool *pool)
{
	as_conn_request *req = pool->wait_head;
	if (req) {
		pool->wait_head = req->next;
		if (!pool->wait_head)
			pool->wait_tail = NULL;
		req->next = NULL;
	}
	return req;
}

as_conn_request *as_pool_put(as_pool *pool, as_conn *conn)
{
	if (conn->idle)
		return NULL;
	as_conn_request *waiter = pool_next_waiter(pool);
	if (waiter) {
		/* Straight to the oldest waiting request: no idle round trip; the
		 * connection stays in use. */
		pool->fill = conn;
		return waiter;
	}
	if (pool->in_use)
		pool->in_use--;
	idle_push(pool, conn);
	return NULL;
}

as_conn_request *as_pool_forget(as_pool *pool, as_conn *conn)
{
	if (conn->idle)
		idle_unlink(pool, conn);
	else if (pool->in_use)
		pool->in_use--;
	if (pool->fill == conn)
		pool->fill = NULL;
	if (pool->open)
		pool->open--;
	pool->closed++;
	/* A slot opened below the maximum: a waiting request may open a new one. */
	return pool_next_waiter(pool);
}

void as_pool_fill_min(const as_cluster_map *map, unsigned i, as_conn_loop *cl, const as_pool_limits *lim)
{
	for (size_t k = 0; lim->min_conns && map && k < map->n_nodes; k++) {
		as_node *node = map->nodes[k];
		as_pool *pool = as_pool_of(node, i);
		while (pool->open < lim->min_conns && pool->open < lim->max_conns) {
			as_error err;
			as_conn *conn = pool_open(pool, cl, node, &err);
			if (!conn)
				break;  /* the node is unreachable now; commands will report it */
			idle_push(pool, conn);
		}
	}
}

void as_pool_reap(as_conn_loop *cl, unsigned i, const as_pool_limits *lim, uint64_t now_ms)
{
	as_conn *conn = cl->all;
	while (conn) {
		as_conn *next = conn->next;
		if (conn->idle) {
			as_pool *pool = as_pool_of(conn->node, i);
			bool stale = lim->idle_timeout_ms && now_ms - conn->last_used_ms > lim->idle_timeout_ms &&
			             pool->open > lim->min_conns;
			if (as_node_removed(conn->node) || stale)
				as_conn_close(conn, NULL);
		}
		conn = next;
	}
}
