/* Node names and statistics: each loop takes a snapshot of its own
 * dispatcher and pools on its thread; the caller waits for them. */
#include <stdlib.h>
#include <string.h>
#include <aerofuture/stats.h>
#include "client/client.h"
#include "future/future_internal.h"
#include "model/alloc.h"

/* A loop's snapshot (JSON), internal to this file. */
static const as_result_kind snapshot_kind = { "loop snapshot" };

typedef struct snap_task {
	as_loop_task task;
	as_dispatch *d;
	as_future *future;
	bool names_only;
} snap_task;

static json_t *node_snapshot(const as_node *n, const as_pool *p)
{
	return json_pack("{s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I, s:I}, s:I, s:I, s:I, s:I, s:I}", "name",
	                 n->name, "address", n->addr_str, "connections", "open", (json_int_t)p->open, "in_use",
	                 (json_int_t)p->in_use, "opened", (json_int_t)p->opened, "closed", (json_int_t)p->closed,
	                 "closed_by_timeout", (json_int_t)p->closed_timeout, "io", "requests",
	                 (json_int_t)p->io.requests, "writes", (json_int_t)p->io.writes, "replies",
	                 (json_int_t)p->io.replies, "reads", (json_int_t)p->io.reads, "commands",
	                 (json_int_t)p->commands, "errors", (json_int_t)p->errors, "timeouts", (json_int_t)p->timeouts,
	                 "retries", (json_int_t)p->retries, "late_replies", (json_int_t)p->late_replies);
}

static json_t *loop_snapshot(const as_dispatch *d, bool names_only)
{
	json_t *nodes = json_array();
	const as_cluster_map *map = d->map;
	for (size_t i = 0; map && i < map->n_nodes; i++) {
		const as_node *n = map->nodes[i];
		json_array_append_new(nodes, names_only ? json_string(n->name) : node_snapshot(n, as_pool_of(n, d->index)));
	}
	if (names_only)
		return nodes;
	return json_pack("{s:I, s:I, s:I, s:o}", "index", (json_int_t)d->index, "in_process", (json_int_t)d->in_process,
	                 "queued", (json_int_t)atomic_load(&((as_dispatch *)d)->queued), "nodes", nodes);
}

static void json_free(void *p)
{
	json_decref(p);
}

static void snap_run(as_loop_task *task)
{
	snap_task *t = (snap_task *)task;
	as_future_complete_value(t->future, &snapshot_kind, loop_snapshot(t->d, t->names_only), json_free);
	as_future_release(t->future);
	free(t);
}

/* One snapshot per loop (names_only: only the first loop's), waited for. */
static json_t *snapshots(as_client *c, bool names_only)
{
	if (!c || as_loop_current() || as_client_is_closed(c))
		return NULL;
	unsigned n = names_only ? 1 : c->n_loops;
	as_future **fs = as_calloc(n, sizeof(*fs));
	for (unsigned i = 0; i < n; i++) {
		snap_task *t = as_calloc(1, sizeof(*t));
		t->d = &c->loops[i];
		t->names_only = names_only;
		fs[i] = as_future_create_refs(t->d->loop, 2);   /* ours and the task's */
		t->future = fs[i];
		as_loop_post(t->d->loop, &t->task, snap_run);
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

/* Add the integers of add's fields keys[0..n) into sum's. */
static void sum_fields(json_t *sum, const json_t *add, const char *const *keys, size_t n)
{
	for (size_t k = 0; k < n; k++)
		json_object_set_new(sum, keys[k], json_integer(json_integer_value(json_object_get(sum, keys[k])) +
		                                               json_integer_value(json_object_get(add, keys[k]))));
}

static json_t *find_node(json_t *nodes, const char *name)
{
	size_t i;
	json_t *n;
	json_array_foreach(nodes, i, n)
		if (strcmp(json_string_value(json_object_get(n, "name")), name) == 0)
			return n;
	return NULL;
}

json_t *as_client_stats_json(as_client *c)
{
	static const char *const counters[] = { "commands", "errors", "timeouts", "retries", "late_replies" };
	static const char *const conns[] = { "open", "in_use", "opened", "closed", "closed_by_timeout" };
	static const char *const io[] = { "requests", "writes", "replies", "reads" };
	json_t *loops = snapshots(c, false);
	if (!loops)
		return NULL;
	/* Per-node figures summed over loops, in first-seen order. */
	json_t *nodes = json_array();
	size_t li;
	json_t *loop;
	json_array_foreach(loops, li, loop) {
		json_t *ln = json_object_get(loop, "nodes"), *node;
		size_t ni;
		json_array_foreach(ln, ni, node) {
			json_t *sum = find_node(nodes, json_string_value(json_object_get(node, "name")));
			if (!sum) {
				json_array_append(nodes, node);
				continue;
			}
			sum_fields(sum, node, counters, 4);
			sum_fields(json_object_get(sum, "connections"), json_object_get(node, "connections"), conns, 5);
			sum_fields(json_object_get(sum, "io"), json_object_get(node, "io"), io, 4);
		}
		json_object_del(loop, "nodes");
	}
	return json_pack("{s:o, s:o}", "loops", loops, "nodes", nodes);
}
