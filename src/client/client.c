/* Client life cycle: loops and their dispatchers, tending, connect, close. */
#include <stdlib.h>
#include <string.h>
#include "client/client.h"
#include "future/future_internal.h"
#include "model/alloc.h"
#include "tend/tend.h"

static as_status config_check(const as_client_config *cfg, as_error *err)
{
	if (!cfg)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "config is NULL");
	if (cfg->n_hosts == 0)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "no seed hosts: add one with as_client_config_add_host()");
	if (cfg->n_hosts > AS_CONFIG_MAX_HOSTS)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "n_hosts %zu exceeds %d", cfg->n_hosts, AS_CONFIG_MAX_HOSTS);
	/* The fields may have been filled by hand: never read past them. */
	for (size_t i = 0; i < cfg->n_hosts; i++) {
		const char *name = cfg->hosts[i].name;
		if (!memchr(name, '\0', sizeof cfg->hosts[i].name) || !name[0])
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "hosts[%zu].name is %s", i,
			                    name[0] ? "not NUL-terminated" : "empty");
	}
	if (!memchr(cfg->cluster_name, '\0', sizeof cfg->cluster_name))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "cluster_name is not NUL-terminated");
	if (!cfg->event_base && (cfg->n_loops == 0 || cfg->n_loops > 256))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "n_loops %u is out of range 1..256", cfg->n_loops);
	if (cfg->max_conns_per_node == 0 || cfg->pipeline_depth == 0)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "max_conns_per_node and pipeline_depth must be at least 1");
	if (as_policy_read_validate(&cfg->policies.read, err) || as_policy_write_validate(&cfg->policies.write, err) ||
	    as_policy_remove_validate(&cfg->policies.remove, err) ||
	    as_policy_operate_validate(&cfg->policies.operate, err))
		return err ? err->code : AEROSPIKE_ERR_PARAM;
	return AEROSPIKE_OK;
}

static as_dispatch_limits config_limits(const as_client_config *cfg)
{
	as_dispatch_limits lim = {
		.max_commands_in_process = cfg->max_commands_in_process,
		.max_commands_in_queue = cfg->max_commands_in_queue,
		.pool = { .min_conns = cfg->min_conns_per_node, .max_conns = cfg->max_conns_per_node,
		          .pipeline_depth = cfg->pipeline_depth, .idle_timeout_ms = cfg->idle_timeout_ms },
	};
	return lim;
}

as_client *as_client_new(const as_client_config *cfg, as_error *err)
{
	as_error local;
	if (!err)
		err = &local;
	if (config_check(cfg, err) != AEROSPIKE_OK)
		return NULL;
	as_client *c = as_calloc(1, sizeof(*c));
	c->cfg = *cfg;
	c->n_loops = cfg->event_base ? 1 : cfg->n_loops;
	c->loops = as_calloc(c->n_loops, sizeof(as_dispatch));
	as_dispatch_limits lim = config_limits(cfg);
	for (unsigned i = 0; i < c->n_loops; i++) {
		as_loop *loop = cfg->event_base ? as_loop_attach(cfg->event_base, i, err) : as_loop_start(i, err);
		if (!loop) {
			c->n_loops = i;
			as_client_destroy(c);
			return NULL;
		}
		as_dispatch_init(&c->loops[i], loop, i, &lim);
	}
	as_tend_config tc = { .seeds = c->cfg.hosts, .n_seeds = c->cfg.n_hosts, .cluster_name = c->cfg.cluster_name,
	                      .interval_ms = c->cfg.tend_interval_ms };
	c->tend = as_tend_new(&tc, c->loops, c->n_loops, err);
	if (!c->tend) {
		as_client_destroy(c);
		return NULL;
	}
	return c;
}

/* Work the client posts to its first (tending) loop. */
typedef struct tend_task {
	as_loop_task task;
	as_tend *tend;
	as_future *future;
	uint32_t timeout_ms;
} tend_task;

static void tend_post(as_client *c, as_loop_fn fn, as_future *f, uint32_t timeout_ms)
{
	tend_task *t = as_calloc(1, sizeof(*t));
	t->tend = c->tend;
	t->future = f;
	t->timeout_ms = timeout_ms;
	as_loop_post(c->loops[0].loop, &t->task, fn);
}

static void connect_run(as_loop_task *task)
{
	tend_task *t = (tend_task *)task;
	as_tend_connect(t->tend, t->future, t->timeout_ms);
	free(t);
}

static void shutdown_run(as_loop_task *task)
{
	tend_task *t = (tend_task *)task;
	as_tend_shutdown(t->tend);
	free(t);
}

as_future *as_client_connect(as_client *c)
{
	if (!c)
		return as_future_new_error(AEROSPIKE_ERR_PARAM, "client is NULL");
	if (as_client_is_closed(c))
		return as_future_new_error(AEROSPIKE_ERR_CLIENT_ABORT, "client is closed");
	as_future *f = as_future_create(c->loops[0].loop);
	uint32_t timeout = c->cfg.policies.read.base.total_timeout;
	tend_post(c, connect_run, as_future_retain(f), timeout ? timeout : 1000);
	return f;
}

as_status as_client_close(as_client *c)
{
	if (!c || (as_client_is_closed(c) && !c->loops))
		return AEROSPIKE_OK;
	for (unsigned i = 0; i < c->n_loops; i++)
		if (!as_loop_stoppable(c->loops[i].loop))
			return AEROSPIKE_ERR_CLIENT;
	atomic_store(&c->closed, true);
	/* Tending stops first, then each loop fails what it holds; stopping a
	 * loop runs what was posted to it. */
	if (c->tend && c->n_loops)
		tend_post(c, shutdown_run, NULL, 0);
	for (unsigned i = 0; i < c->n_loops; i++)
		as_dispatch_close(&c->loops[i]);
	for (unsigned i = 0; i < c->n_loops; i++)
		as_loop_stop(c->loops[i].loop);
	as_tend_free(c->tend);
	c->tend = NULL;
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

as_dispatch *as_client_dispatch(as_client *c)
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
