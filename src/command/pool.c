/* Connection pools: LIFO idle list so hot connections stay hot. */
#include "client/client_internal.h"
#include "command/pool.h"

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

as_conn *as_pool_get(as_loop_ctx *ctx, as_node *node, as_error *err)
{
	as_pool *pool = &node->pools[ctx->index];
	const as_client_config *cfg = &ctx->client->cfg;
	as_conn *conn = pool->fill;
	/* Pipelining: join the connection already taking commands in this batch,
	 * so they leave in one write. */
	if (conn && conn->n_inflight > 0 && conn->n_inflight < cfg->pipeline_depth)
		return conn;
	conn = pool->idle;
	if (conn) {
		idle_unlink(pool, conn);
		pool->in_use++;
		pool->fill = conn;
		return conn;
	}
	if (pool->open >= cfg->max_conns_per_node) {
		as_error_set(err, AEROSPIKE_ERR_NO_MORE_CONNECTIONS,
		             "node %s: all %u connections of this loop are busy (max_conns_per_node)", node->addr_str,
		             cfg->max_conns_per_node);
		return NULL;
	}
	conn = as_conn_open(ctx, node, err);
	if (!conn)
		return NULL;
	pool->in_use++;
	pool->fill = conn;
	return conn;
}

void as_pool_put(as_loop_ctx *ctx, as_conn *conn)
{
	if (conn->idle)
		return;
	as_pool *pool = &conn->node->pools[ctx->index];
	conn->idle = true;
	conn->prev_idle = NULL;
	conn->next_idle = pool->idle;
	if (pool->idle)
		pool->idle->prev_idle = conn;
	pool->idle = conn;
	conn->last_used_ms = as_clock_ms();
}

void as_pool_release_busy(as_loop_ctx *ctx, as_conn *conn)
{
	as_pool *pool = &conn->node->pools[ctx->index];
	if (pool->in_use)
		pool->in_use--;
}

void as_pool_forget(as_loop_ctx *ctx, as_conn *conn)
{
	as_pool *pool = &conn->node->pools[ctx->index];
	if (conn->idle)
		idle_unlink(pool, conn);
	else if (conn->n_inflight && pool->in_use)
		pool->in_use--;
	if (pool->fill == conn)
		pool->fill = NULL;
	if (pool->open)
		pool->open--;
	pool->closed++;
}

void as_pool_reap(as_loop_ctx *ctx, uint64_t now_ms)
{
	const as_client_config *cfg = &ctx->client->cfg;
	as_conn *conn = ctx->conns;
	while (conn) {
		as_conn *next = conn->next;
		if (conn->idle) {
			as_pool *pool = &conn->node->pools[ctx->index];
			bool removed = atomic_load_explicit(&conn->node->removed, memory_order_relaxed);
			bool stale = cfg->idle_timeout_ms && now_ms - conn->last_used_ms > cfg->idle_timeout_ms &&
			             pool->open > cfg->min_conns_per_node;
			if (removed || stale)
				as_conn_close(conn, NULL);
		}
		conn = next;
	}
}
