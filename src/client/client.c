/* Client life cycle: loops, cluster, connect, close. */
#include <stdlib.h>
#include <string.h>
#include <event2/event.h>
#include "client/client_internal.h"
#include "cluster/cluster.h"
#include "command/pool.h"
#include "future/future_internal.h"
#include "model/alloc.h"

void as_loop_ctx_flush(as_loop_ctx *ctx)
{
	as_conn *list = ctx->dirty;
	ctx->dirty = NULL;
	while (list) {
		as_conn *conn = list;
		list = conn->next_dirty;
		conn->next_dirty = NULL;
		if (conn->fd < 0) {
			conn->dirty = false;
			if (!conn->in_read)
				as_conn_free(conn);
			continue;
		}
		as_conn_flush(conn);
	}
}
static void ctx_on_flush_body(evutil_socket_t fd, short what, void *arg)
{
	as_loop_ctx_flush(arg);
}

AS_LOOP_CALLBACK(ctx_on_flush, ctx_on_flush_body)

static void ctx_on_deadline_body(evutil_socket_t fd, short what, void *arg)
{
	as_command_deadlines_fire(arg);
}

AS_LOOP_CALLBACK(ctx_on_deadline, ctx_on_deadline_body)

void as_loop_ctx_mark_dirty(as_loop_ctx *ctx, as_conn *conn)
{
	conn->dirty = true;
	conn->next_dirty = ctx->dirty;
	/* One flush per round of callbacks: everything queued until then leaves
	 * in one write per connection. Inside a read callback the flush comes at
	 * its end, without an event activation. */
	if (!ctx->dirty && !ctx->read_depth)
		event_active(&ctx->flush_ev, EV_TIMEOUT, 1);
	ctx->dirty = conn;
}

static void ctx_on_reap_body(evutil_socket_t fd, short what, void *arg)
{
	as_pool_reap(arg, as_clock_coarse_ms());
}
AS_LOOP_CALLBACK(ctx_on_reap, ctx_on_reap_body)

void as_loop_ctx_set_map(as_loop_ctx *ctx, as_cluster_map *map)
{
	if (ctx->closing) {
		as_cluster_map_release(map);
		return;
	}
	as_cluster_map *old = ctx->map;
	ctx->map = map;
	ctx->ns_map = NULL;  /* the old map's address may be reused */
	if (old)
		as_cluster_map_release(old);
	/* Drop idle connections of nodes that left; busy ones close when done. */
	as_pool_reap(ctx, as_clock_coarse_ms());
	as_pool_fill_min(ctx);
	as_command_resume_waiting(ctx);
}

typedef struct ctx_task {
	as_loop_task task;
	as_loop_ctx *ctx;
	as_future *future;
	uint32_t timeout_ms;
} ctx_task;

static void ctx_init_run(as_loop_task *task)
{
	ctx_task *t = (ctx_task *)task;
	as_loop_ctx *ctx = t->ctx;
	struct event_base *base = as_loop_base(ctx->loop);
	event_assign(&ctx->flush_ev, base, -1, 0, ctx_on_flush, ctx);
	event_assign(&ctx->reap_ev, base, -1, EV_PERSIST, ctx_on_reap, ctx);
	event_assign(&ctx->dq_ev, base, -1, 0, ctx_on_deadline, ctx);
	struct timeval tv = { 1, 0 };
	event_add(&ctx->reap_ev, &tv);
	free(t);
}

static void ctx_close_run(as_loop_task *task)
{
	ctx_task *t = (ctx_task *)task;
	as_loop_ctx *ctx = t->ctx;
	as_client *c = ctx->client;
	ctx->closing = true;
	if (ctx->index == 0 && c->cluster)
		as_cluster_shutdown(c->cluster);
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client closed");
	while (ctx->wait_head) {
		as_command *cmd = ctx->wait_head;
		ctx->wait_head = cmd->next;
		atomic_fetch_sub(&ctx->queued, 1);
		if (cmd->future)
			as_future_complete_error(cmd->future, &err);
		else if (cmd->done_fn)
			cmd->done_fn(cmd, NULL, 0, &err);
		as_command_free(cmd);
	}
	ctx->wait_tail = NULL;
	while (ctx->active)
		as_command_abort(ctx->active, &err);
	while (ctx->conns)
		as_conn_close(ctx->conns, &err);
	as_loop_ctx_flush(ctx);  /* frees connections closed while dirty */
	event_del(&ctx->flush_ev);
	event_del(&ctx->reap_ev);
	event_del(&ctx->dq_ev);
	if (ctx->map) {
		as_cluster_map_release(ctx->map);
		ctx->map = NULL;
	}
	free(t);
}

static void ctx_post(as_loop_ctx *ctx, as_loop_fn fn, as_future *f, uint32_t timeout_ms)
{
	ctx_task *t = as_calloc(1, sizeof(*t));
	t->ctx = ctx;
	t->future = f;
	t->timeout_ms = timeout_ms;
	as_loop_post(ctx->loop, &t->task, fn);
}

as_client *as_client_new(const as_client_config *cfg, as_error *err)
{
	if (!cfg) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "config is NULL");
		return NULL;
	}
	if (cfg->n_hosts == 0) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "no seed hosts: add one with as_client_config_add_host()");
		return NULL;
	}
	if (cfg->n_hosts > AS_CONFIG_MAX_HOSTS) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "n_hosts %zu exceeds %d", cfg->n_hosts, AS_CONFIG_MAX_HOSTS);
		return NULL;
	}
	/* The fields may have been filled by hand: never read past them. */
	for (size_t i = 0; i < cfg->n_hosts; i++) {
		const char *name = cfg->hosts[i].name;
		if (!memchr(name, '\0', sizeof cfg->hosts[i].name) || !name[0]) {
			as_error_set(err, AEROSPIKE_ERR_PARAM, "hosts[%zu].name is %s", i,
			             name[0] ? "not NUL-terminated" : "empty");
			return NULL;
		}
	}
	if (!memchr(cfg->cluster_name, '\0', sizeof cfg->cluster_name)) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "cluster_name is not NUL-terminated");
		return NULL;
	}
	if (!cfg->event_base && (cfg->n_loops == 0 || cfg->n_loops > 256)) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "n_loops %u is out of range 1..256", cfg->n_loops);
		return NULL;
	}
	if (cfg->max_conns_per_node == 0 || cfg->pipeline_depth == 0) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "max_conns_per_node and pipeline_depth must be at least 1");
		return NULL;
	}
	if (as_policy_read_validate(&cfg->policies.read, err) || as_policy_write_validate(&cfg->policies.write, err) ||
	    as_policy_remove_validate(&cfg->policies.remove, err) ||
	    as_policy_operate_validate(&cfg->policies.operate, err))
		return NULL;

	as_client *c = as_calloc(1, sizeof(*c));
	c->cfg = *cfg;
	c->n_loops = cfg->event_base ? 1 : cfg->n_loops;
	c->loops = as_calloc(c->n_loops, sizeof(as_loop_ctx));
	for (unsigned i = 0; i < c->n_loops; i++) {
		as_loop_ctx *ctx = &c->loops[i];
		ctx->client = c;
		ctx->index = i;
		atomic_init(&ctx->queued, 0);
		ctx->loop = cfg->event_base ? as_loop_attach(cfg->event_base, i, err) : as_loop_start(i, err);
		if (!ctx->loop) {
			c->n_loops = i;
			as_client_destroy(c);
			return NULL;
		}
		ctx_post(ctx, ctx_init_run, NULL, 0);
	}
	c->cluster = as_cluster_new(c, &c->loops[0], err);
	if (!c->cluster) {
		as_client_destroy(c);
		return NULL;
	}
	return c;
}

static void connect_run(as_loop_task *task)
{
	ctx_task *t = (ctx_task *)task;
	as_cluster_connect(t->ctx->client->cluster, t->future, t->timeout_ms);
	free(t);
}

as_future *as_client_connect(as_client *c)
{
	if (!c)
		return as_future_new_error(AEROSPIKE_ERR_PARAM, "client is NULL");
	if (atomic_load(&c->closed))
		return as_future_new_error(AEROSPIKE_ERR_CLIENT_ABORT, "client is closed");
	as_loop_ctx *ctx = &c->loops[0];
	as_future *f = as_future_create(ctx->loop);
	uint32_t timeout = c->cfg.policies.read.base.total_timeout;
	if (timeout == 0)
		timeout = 1000;
	ctx_post(ctx, connect_run, as_future_retain(f), timeout);
	return f;
}

as_status as_client_close(as_client *c)
{
	if (!c || (atomic_load(&c->closed) && !c->loops))
		return AEROSPIKE_OK;
	for (unsigned i = 0; i < c->n_loops; i++)
		if (!as_loop_stoppable(c->loops[i].loop))
			return AEROSPIKE_ERR_CLIENT;
	atomic_store(&c->closed, true);
	for (unsigned i = 0; i < c->n_loops; i++)
		ctx_post(&c->loops[i], ctx_close_run, NULL, 0);
	for (unsigned i = 0; i < c->n_loops; i++)
		as_loop_stop(c->loops[i].loop);
	as_cluster_free(c->cluster);
	c->cluster = NULL;
	free(c->loops);
	/* The shell stays until as_client_destroy(), so late calls on a closed
	 * client get CLIENT_ABORT instead of touching freed memory. */
	c->loops = NULL;
	c->n_loops = 0;
	return AEROSPIKE_OK;
}

as_status as_client_destroy(as_client *c)
{
	if (!c)
		return AEROSPIKE_OK;
	as_status st = as_client_close(c);
	if (st != AEROSPIKE_OK)
		return st;
	free(c);
	return AEROSPIKE_OK;
}

as_loop_ctx *as_client_pick_loop(as_client *c)
{
	/* On one of our loops (a chained step): that loop, found by its index. */
	as_loop *cur = as_loop_current();
	if (cur) {
		unsigned i = as_loop_index(cur);
		if (i < c->n_loops && c->loops[i].loop == cur)
			return &c->loops[i];
	}
	unsigned i = atomic_fetch_add_explicit(&c->next_loop, 1, memory_order_relaxed);
	return &c->loops[i % c->n_loops];
}
