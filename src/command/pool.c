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

void as_pool_wait(as_loop_ctx *ctx, as_node *node, as_command *cmd)
{
	as_pool *pool = &node->pools[ctx->index];
	cmd->next = NULL;
	if (pool->wait_tail)
		pool->wait_tail->next = cmd;
	else
		pool->wait_head = cmd;
	pool->wait_tail = cmd;
}

void as_pool_unwait(as_loop_ctx *ctx, as_node *node, as_command *cmd)
{
	as_pool *pool = &node->pools[ctx->index];
	as_command *prev = NULL;
	for (as_command *c = pool->wait_head; c; prev = c, c = c->next) {
		if (c != cmd)
			continue;
		if (prev)
			prev->next = c->next;
		else
			pool->wait_head = c->next;
		if (pool->wait_tail == c)
			pool->wait_tail = prev;
		c->next = NULL;
		return;
	}
}

static as_command *pool_next_waiter(as_pool *pool)
{
	as_command *cmd = pool->wait_head;
	if (cmd) {
		pool->wait_head = cmd->next;
		if (!pool->wait_head)
			pool->wait_tail = NULL;
		cmd->next = NULL;
	}
	return cmd;
}

void as_pool_put(as_loop_ctx *ctx, as_conn *conn)
{
	if (conn->idle)
		return;
	as_pool *pool = &conn->node->pools[ctx->index];
	as_command *waiter = pool_next_waiter(pool);
	if (waiter) {
		/* Straight to the oldest waiting command: no idle round trip. */
		pool->in_use++;
		pool->fill = conn;
		as_command_on_conn_ready(waiter, conn);
		return;
	}
	conn->idle = true;
	conn->prev_idle = NULL;
	conn->next_idle = pool->idle;
	if (pool->idle)
		pool->idle->prev_idle = conn;
	pool->idle = conn;
	/* For idle reaping a coarse clock is plenty, and cheaper. */
	conn->last_used_ms = as_clock_coarse_ms();
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
	/* A slot opened below the maximum: let a waiting command open a new one. */
	as_command *waiter = pool_next_waiter(pool);
	if (waiter && !ctx->closing)
		as_command_on_conn_slot(waiter);
	else if (waiter)
		as_pool_wait(ctx, conn->node, waiter);
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

void as_pool_fill_min(as_loop_ctx *ctx)
{
	uint32_t min = ctx->client->cfg.min_conns_per_node;
	const as_cluster_map *map = ctx->map;
	for (size_t i = 0; min && map && i < map->n_nodes; i++) {
		as_node *node = map->nodes[i];
		as_pool *pool = &node->pools[ctx->index];
		while (pool->open < min && pool->open < ctx->client->cfg.max_conns_per_node) {
			as_error err;
			as_conn *conn = as_conn_open(ctx, node, &err);
			if (!conn)
				break;  /* the node is unreachable now; commands will report it */
			pool->in_use++;  /* as_pool_put() expects a conn coming out of use */
			as_pool_release_busy(ctx, conn);
			as_pool_put(ctx, conn);
		}
	}
}
