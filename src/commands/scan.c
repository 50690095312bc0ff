/* Scans: one partition-scan command per node over the partitions it owns,
 * all on one loop so the record callback never runs concurrently. */
#include <stdlib.h>
#include <string.h>
#include <aerofuture/exp.h>
#include <aerofuture/scan.h>
#include "cluster/route.h"
#include "codec/encode.h"
#include "codec/msg.h"
#include "commands/stream.h"
#include "commands/submit.h"
#include "future/future_internal.h"
#include "model/alloc.h"

/* The result kinds of scan futures: the records as_scan_collect() gathered,
 * the number of records as_scan() delivered. */
static const as_result_kind scan_records_kind = { "scan records" };
static const as_result_kind scan_count_kind = { "scan count" };

typedef struct scan_state {
	as_loop_task task;
	as_dispatch *disp;
	as_future *future;
	as_policy_scan policy;
	char ns[AS_NAMESPACE_MAX_LEN + 1];
	char set[AS_SET_MAX_LEN + 1];
	char **bins;            /* NULL-terminated copy, or NULL */
	size_t n_bins;
	as_scan_record_fn fn;
	void *udata;
	as_record_list *collected;  /* as_scan_collect() */
	size_t max_collect;
	uint64_t count;
	unsigned pending;
	bool stopped;           /* the callback said stop (or the collect limit) */
	as_error err;           /* first failure */
} scan_state;

static void list_free(void *p)
{
	as_record_list *l = p;
	for (size_t i = 0; i < l->n; i++)
		as_record_destroy(l->records[i]);
	free(l->records);
	free(l);
}

static void scan_finish_one(scan_state *st)
{
	if (--st->pending)
		return;
	if (st->err.code != AEROSPIKE_OK) {
		as_future_complete_error(st->future, &st->err);
	} else if (st->collected) {
		as_future_complete_value(st->future, &scan_records_kind, st->collected, list_free);
		st->collected = NULL;
	} else {
		uint64_t *n = as_malloc(sizeof(*n));
		*n = st->count;
		as_future_complete_value(st->future, &scan_count_kind, n, free);
	}
	if (st->collected)
		list_free(st->collected);
	as_exp_release((as_exp *)st->policy.base.filter_exp);
	as_future_release(st->future);
	free(st->bins);
	free(st);
}

static bool scan_deliver(scan_state *st, as_record *rec)
{
	st->count++;
	if (st->collected) {
		as_record_list *l = st->collected;
		l->records = as_reallocarray(l->records, l->n + 1, sizeof(*l->records));
		l->records[l->n++] = rec;
		return !(st->max_collect && l->n >= st->max_collect);
	}
	bool go_on = st->fn(rec, st->udata);
	as_record_destroy(rec);
	return go_on;
}

static as_stream_step scan_record(as_command *cmd, const as_msg_view *m, uint32_t now, as_error *err)
{
	scan_state *st = cmd->udata;
	as_status code = (as_status)m->h.result_code;
	if (m->h.info3 & AS_INFO3_PARTITION_DONE) {
		if (code) {
			/* The node could not scan this partition (it is moving). */
			as_error_set(err, code, "partition %u was unavailable on node %s during the scan", m->h.generation,
			             cmd->node ? cmd->node->addr_str : "?");
			as_error_copy(&st->err, err);
		}
		return AS_STREAM_NEXT;
	}
	if (code == AEROSPIKE_ERR_RECORD_NOT_FOUND)
		return AS_STREAM_END;
	if (code) {
		as_stream_error(cmd, "scan", code, err);
		return AS_STREAM_FAIL;
	}
	as_record *rec = NULL;
	if (as_msg_to_record(m, now, &rec, err) != AEROSPIKE_OK)
		return AS_STREAM_FAIL;
	if (!scan_deliver(st, rec)) {
		st->stopped = true;
		/* The rest of this node's stream is unwanted: the command ends
		 * here and its connection is dropped. */
		as_error_set(err, AEROSPIKE_ERR_CLIENT_ABORT, "scan stopped");
		return AS_STREAM_FAIL;
	}
	return AS_STREAM_NEXT;
}

static int scan_frame(as_command *cmd, const uint8_t *body, size_t len, as_error *err)
{
	scan_state *st = cmd->udata;
	if (st->stopped) {
		/* Another node's stream ended the scan: drop this one. */
		as_error_set(err, AEROSPIKE_ERR_CLIENT_ABORT, "scan stopped");
		return -1;
	}
	/* An empty namespace or set ends with "not found". */
	return as_stream_walk(cmd, body, len, "scan", AEROSPIKE_ERR_RECORD_NOT_FOUND, scan_record, err);
}

static void scan_done(as_command *cmd, const uint8_t *body, size_t len, const as_error *err)
{
	scan_state *st = cmd->udata;
	if (err && !st->stopped && st->err.code == AEROSPIKE_OK)
		as_error_copy(&st->err, err);
	scan_finish_one(st);
}

/* The partitions each node owns, by node: pids holds, for node k of the
 * map, n[k] partition ids from pids + k * AS_PARTITIONS. False with err
 * when the scan cannot be routed. */
static bool scan_route(as_dispatch *d, const char *ns, uint16_t *pids, size_t *n, as_error *err)
{
	const as_cluster_map *map = d->map;
	size_t n_nodes = map ? map->n_nodes : 0;
	memset(n, 0, n_nodes * sizeof(*n));
	for (uint32_t p = 0; p < AS_PARTITIONS; p++) {
		as_route r = { .ns = ns, .partition_id = p, .replica = AS_POLICY_REPLICA_MASTER };
		bool wait;
		as_node *node = as_route_find(map, &r, &d->route, &wait, err);
		if (!node) {
			if (wait)
				continue;  /* between owners: no node to ask */
			return false;
		}
		for (size_t k = 0; k < n_nodes; k++)
			if (map->nodes[k] == node) {
				pids[k * AS_PARTITIONS + n[k]++] = (uint16_t)p;
				break;
			}
	}
	return true;
}

static void scan_start(as_loop_task *task)
{
	scan_state *st = (scan_state *)task;
	as_dispatch *d = st->disp;
	const as_cluster_map *map = d->map;
	st->pending = 1;
	if (d->closing) {
		as_error_set(&st->err, AEROSPIKE_ERR_CLIENT_ABORT, "client closed");
	} else if (!map || map->n_nodes == 0) {
		as_error_set(&st->err, AEROSPIKE_ERR_INVALID_NODE, "no nodes known: connect first");
	} else {
		uint16_t *pids = as_malloc(map->n_nodes * AS_PARTITIONS * sizeof(*pids));
		size_t *n = as_malloc(map->n_nodes * sizeof(*n));
		uint64_t trid = ((uint64_t)rand() << 32) ^ (uint64_t)rand() ^ as_clock_ns();
		if (!scan_route(d, st->ns, pids, n, &st->err))
			map = NULL;
		for (size_t k = 0; map && k < map->n_nodes; k++) {
			if (n[k] == 0)
				continue;
			as_buffer *b = as_submit_scratch();
			as_error err;
			if (as_encode_scan(b, &st->policy, st->ns, st->set, pids + k * AS_PARTITIONS, n[k],
			                   (const char *const *)st->bins, st->n_bins, false, trid + k, &err) != AEROSPIKE_OK) {
				as_error_copy(&st->err, &err);
				break;
			}
			as_command *cmd = as_submit_command(d, b, AS_REPLY_STREAM, &st->policy.base, false);
			cmd->target = as_node_retain(map->nodes[k]);
			cmd->frame_fn = scan_frame;
			cmd->done_fn = scan_done;
			cmd->udata = st;
			st->pending++;
			as_command_submit(cmd);
		}
		free(n);
		free(pids);
	}
	scan_finish_one(st);
}

static as_future *scan_submit(as_client *c, const as_policy_scan *p, const char *ns, const char *set,
                              const char *const *bins, as_scan_record_fn fn, void *udata, bool collect,
                              size_t max_records)
{
	as_error err;
	as_future *f = as_submit_check_client(c);
	if (f)
		return f;
	if (!ns || !ns[0] || strlen(ns) > AS_NAMESPACE_MAX_LEN) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "namespace must be 1 to %d bytes", AS_NAMESPACE_MAX_LEN);
		return as_submit_fail(c, &err);
	}
	if (set && strlen(set) > AS_SET_MAX_LEN) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "set name is longer than %d bytes", AS_SET_MAX_LEN);
		return as_submit_fail(c, &err);
	}
	if (!collect && !fn) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "record callback is NULL");
		return as_submit_fail(c, &err);
	}
	char **bins_copy;
	size_t n_bins;
	if (as_submit_bins_copy(bins, &bins_copy, &n_bins, &err) != AEROSPIKE_OK)
		return as_submit_fail(c, &err);
	scan_state *st = as_calloc(1, sizeof(*st));
	st->disp = as_client_dispatch(c);
	st->policy = p ? *p : as_client_policies(c)->scan;
	/* encoded later, per node: hold the filter until then */
	as_exp_retain((as_exp *)st->policy.base.filter_exp);
	if (collect && max_records && (st->policy.max_records == 0 || st->policy.max_records > max_records))
		st->policy.max_records = max_records;
	snprintf(st->ns, sizeof(st->ns), "%s", ns);
	snprintf(st->set, sizeof(st->set), "%s", set ? set : "");
	st->bins = bins_copy;
	st->n_bins = n_bins;
	st->fn = fn;
	st->udata = udata;
	if (collect) {
		st->collected = as_calloc(1, sizeof(*st->collected));
		st->max_collect = max_records;
	}
	f = as_future_create_refs(st->disp->loop, 2);   /* caller's and st's */
	st->future = f;
	as_submit_on_loop(st->disp, &st->task, scan_start);
	return f;
}

as_future *as_scan(as_client *c, const as_policy_scan *p, const char *ns, const char *set, const char *const *bins,
                   as_scan_record_fn fn, void *udata)
{
	return scan_submit(c, p, ns, set, bins, fn, udata, false, 0);
}

as_future *as_scan_collect(as_client *c, const as_policy_scan *p, const char *ns, const char *set,
                           const char *const *bins, size_t max_records)
{
	return scan_submit(c, p, ns, set, bins, NULL, NULL, true, max_records);
}

const as_record_list *as_future_records(const as_future *f)
{
	return as_future_result(f, &scan_records_kind);
}

uint64_t as_future_scan_count(const as_future *f)
{
	const uint64_t *n = as_future_result(f, &scan_count_kind);
	return n ? *n : 0;
}
