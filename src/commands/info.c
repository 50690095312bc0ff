/* Info requests, node names and statistics: each runs on a loop, where the
 * partition map and the pools live. */
#include <stdlib.h>
#include <string.h>
#include <aerofuture/info.h>
#include "client/api_internal.h"
#include "cluster/map.h"
#include "codec/encode.h"
#include "codec/info.h"
#include "future/future_internal.h"
#include "model/alloc.h"

/* --- as_info ----------------------------------------------------------- */

typedef struct info_state {
	as_loop_task task;
	as_client *client;
	as_loop_ctx *ctx;
	as_future *future;
	as_policy_info policy;
	char node[AS_NODE_NAME_MAX + 1];  /* "" = any */
	size_t n_names;
	char *names[];                    /* strings live after the array */
} info_state;

static void info_done(as_command *cmd, const uint8_t *body, size_t len, const as_error *err)
{
	as_future *f = cmd->udata;
	if (err) {
		as_future_complete_error(f, err);
	} else {
		/* Like the official clients: any ERROR value fails the request. */
		const char *cur = (const char *)body, *end = cur + len;
		as_info_pair pair;
		as_error e;
		while (as_info_next(&cur, end, &pair)) {
			if (as_info_value_error(pair.value, pair.value_len, &e) != AEROSPIKE_OK) {
				as_error named;
				as_error_set(&named, e.code, "info '%.*s': %s", (int)pair.name_len, pair.name, e.message);
				as_future_complete_error(f, &named);
				as_future_release(f);
				return;
			}
		}
		as_future_complete_str(f, as_strndup((const char *)body, len));
	}
	as_future_release(f);
}

static void info_start(as_loop_task *task)
{
	info_state *st = (info_state *)task;
	as_loop_ctx *ctx = st->ctx;
	const as_cluster_map *map = ctx->map;
	as_error err;
	as_node *node = NULL;
	if (ctx->closing) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client closed");
	} else if (!map || map->n_nodes == 0) {
		as_error_set(&err, AEROSPIKE_ERR_INVALID_NODE, "no nodes known: connect first");
	} else if (st->node[0]) {
		node = as_cluster_map_node(map, st->node);
		if (!node)
			as_error_set(&err, AEROSPIKE_ERR_INVALID_NODE, "node '%s' is not in the cluster", st->node);
	} else {
		node = map->nodes[(unsigned)as_clock_ns() % map->n_nodes];
	}
	as_buffer *b = as_api_scratch();
	if (node && as_encode_info(b, (const char *const *)st->names, st->n_names, &err) != AEROSPIKE_OK)
		node = NULL;
	if (!node) {
		as_future_complete_error(st->future, &err);
		as_future_release(st->future);
		free(st);
		return;
	}
	as_policy_base pb = { .total_timeout = st->policy.timeout, .socket_timeout = 0, .max_retries = 0 };
	as_command *cmd = as_api_command(ctx, NULL, b, AS_CMD_INFO, &pb, false, false);
	cmd->target = as_node_retain(node);
	cmd->done_fn = info_done;
	cmd->udata = st->future;  /* info_done releases it */
	free(st);
	as_command_submit(ctx, cmd);
}

as_future *as_info(as_client *c, const as_policy_info *p, const char *node, const char *request)
{
	as_error err;
	if (!c) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "client is NULL");
		return as_api_fail(NULL, &err);
	}
	if (!request || !request[0] || strcmp(request, "\n") == 0) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "info request is empty");
		return as_api_fail(c, &err);
	}
	if (strchr(request, '\t')) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "info request contains a TAB");
		return as_api_fail(c, &err);
	}
	if (node && strlen(node) > AS_NODE_NAME_MAX) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "node name '%s' is too long", node);
		return as_api_fail(c, &err);
	}
	if (atomic_load(&c->closed)) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client is closed");
		return as_api_fail(NULL, &err);
	}
	size_t len = strlen(request), n = 1;
	for (size_t i = 0; i + 1 < len; i++)
		n += request[i] == '\n';
	info_state *st = as_calloc(1, sizeof(*st) + n * sizeof(char *) + len + 1);
	char *text = (char *)(st->names + n);
	memcpy(text, request, len + 1);
	if (len && text[len - 1] == '\n')
		text[len - 1] = '\0';
	for (char *s = text; s; ) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		if (*s)
			st->names[st->n_names++] = s;
		s = nl ? nl + 1 : NULL;
	}
	if (st->n_names == 0) {
		free(st);
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "info request has no names");
		return as_api_fail(c, &err);
	}
	st->client = c;
	st->ctx = as_client_pick_loop(c);
	if (p)
		st->policy = *p;
	else
		st->policy = c->cfg.policies.info;
	if (node)
		snprintf(st->node, sizeof(st->node), "%s", node);
	as_future *f = as_future_create_refs(st->ctx->loop, 2);   /* caller's and st's */
	st->future = f;
	if (as_loop_on_thread(st->ctx->loop))
		info_start(&st->task);
	else
		as_loop_post(st->ctx->loop, &st->task, info_start);
	return f;
}

/* --- snapshots (node names, statistics) -------------------------------- */

/* A loop's statistics snapshot (JSON), internal to as_client_stats_json(). */
static const as_result_kind snapshot_kind = { "loop snapshot" };

typedef struct snap_task {
	as_loop_task task;
	as_loop_ctx *ctx;
	as_future *future;
	bool names_only;
} snap_task;

static json_t *loop_snapshot(as_loop_ctx *ctx, bool names_only)
{
	json_t *nodes = json_array();
	const as_cluster_map *map = ctx->map;
	for (size_t i = 0; map && i < map->n_nodes; i++) {
		as_node *n = map->nodes[i];
		if (names_only) {
			json_array_append_new(nodes, json_string(n->name));
			continue;
		}
		const as_pool *p = &n->pools[ctx->index];
		json_array_append_new(nodes,
			json_pack("{s:s, s:s, s:{s:I, s:I, s:I, s:I}, s:I, s:I, s:I, s:I}", "name", n->name, "address",
			          n->addr_str, "connections", "open", (json_int_t)p->open, "in_use", (json_int_t)p->in_use,
			          "opened", (json_int_t)p->opened, "closed", (json_int_t)p->closed, "commands",
			          (json_int_t)p->commands, "errors", (json_int_t)p->errors, "timeouts",
			          (json_int_t)p->timeouts, "retries", (json_int_t)p->retries));
	}
	if (names_only)
		return nodes;
	return json_pack("{s:I, s:I, s:I, s:o}", "index", (json_int_t)ctx->index, "in_process",
	                 (json_int_t)ctx->in_process, "queued", (json_int_t)atomic_load(&ctx->queued), "nodes", nodes);
}

static void json_free(void *p)
{
	json_decref(p);
}

static void snap_run(as_loop_task *task)
{
	snap_task *t = (snap_task *)task;
	as_future_complete_value(t->future, &snapshot_kind, loop_snapshot(t->ctx, t->names_only), json_free);
	as_future_release(t->future);
	free(t);
}

/* One snapshot per loop (names_only: only the first loop's), waited for. */
static json_t *snapshots(as_client *c, bool names_only)
{
	if (!c || as_loop_current() || atomic_load(&c->closed))
		return NULL;
	unsigned n = names_only ? 1 : c->n_loops;
	as_future **fs = as_calloc(n, sizeof(*fs));
	for (unsigned i = 0; i < n; i++) {
		snap_task *t = as_calloc(1, sizeof(*t));
		t->ctx = &c->loops[i];
		t->names_only = names_only;
		fs[i] = as_future_create_refs(t->ctx->loop, 2);   /* ours and the task's */
		t->future = fs[i];
		as_loop_post(t->ctx->loop, &t->task, snap_run);
	}
	json_t *all = json_array();
	for (unsigned i = 0; i < n; i++) {
		/* A copy, not another reference: the loop thread may drop the
		 * future's last reference, and jansson's reference counts do not
		 * order our reads of a shared value before its free there. */
		if (as_future_wait(fs[i], NULL) == AEROSPIKE_OK)
			json_array_append_new(all, json_deep_copy(as_future_result(fs[i], &snapshot_kind)));
		as_future_release(fs[i]);
	}
	free(fs);
	return all;
}

size_t as_client_node_names(as_client *c, char ***names)
{
	if (!names)
		return 0;
	*names = NULL;
	json_t *all = snapshots(c, true);
	json_t *list = all ? json_array_get(all, 0) : NULL;
	size_t n = list ? json_array_size(list) : 0, bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += strlen(json_string_value(json_array_get(list, i))) + 1;
	char **out = as_malloc((n + 1) * sizeof(char *) + bytes);
	char *dst = (char *)(out + n + 1);
	for (size_t i = 0; i < n; i++) {
		const char *s = json_string_value(json_array_get(list, i));
		size_t l = strlen(s) + 1;
		memcpy(dst, s, l);
		out[i] = dst;
		dst += l;
	}
	out[n] = NULL;
	*names = out;
	json_decref(all);
	return n;
}

json_t *as_client_stats_json(as_client *c)
{
	json_t *loops = snapshots(c, false);
	if (!loops)
		return NULL;
	/* Per-node figures summed over loops, in first-seen order. */
	json_t *nodes = json_array();
	size_t li;
	json_t *loop;
	json_array_foreach(loops, li, loop) {
		json_t *ln = json_object_get(loop, "nodes");
		size_t ni;
		json_t *node;
		json_array_foreach(ln, ni, node) {
			const char *name = json_string_value(json_object_get(node, "name"));
			json_t *sum = NULL;
			size_t si;
			json_t *cand;
			json_array_foreach(nodes, si, cand)
				if (strcmp(json_string_value(json_object_get(cand, "name")), name) == 0)
					sum = cand;
			if (!sum) {
				json_array_append(nodes, node);
				continue;
			}
			static const char *const keys[] = { "commands", "errors", "timeouts", "retries" };
			for (size_t k = 0; k < 4; k++)
				json_object_set_new(sum, keys[k],
				                    json_integer(json_integer_value(json_object_get(sum, keys[k])) +
				                                 json_integer_value(json_object_get(node, keys[k]))));
			static const char *const ckeys[] = { "open", "in_use", "opened", "closed" };
			json_t *sc = json_object_get(sum, "connections"), *nc = json_object_get(node, "connections");
			for (size_t k = 0; k < 4; k++)
				json_object_set_new(sc, ckeys[k],
				                    json_integer(json_integer_value(json_object_get(sc, ckeys[k])) +
				                                 json_integer_value(json_object_get(nc, ckeys[k]))));
		}
		json_object_del(loop, "nodes");
	}
	return json_pack("{s:o, s:o}", "loops", loops, "nodes", nodes);
}
