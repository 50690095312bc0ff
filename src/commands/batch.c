/* Batch reads: group keys by owning node on a loop, one batch-index command
 * per node, all in parallel; each key keeps its own status. */
#include <stdlib.h>
#include <string.h>
#include <aerofuture/exp.h>
#include <aerofuture/batch.h>
#include "cluster/route.h"
#include "codec/encode.h"
#include "codec/msg.h"
#include "commands/stream.h"
#include "commands/submit.h"
#include "future/future_internal.h"
#include "model/alloc.h"

/* The result kind of batch futures (as_future_batch()). */
static const as_result_kind batch_result_kind = { "batch" };

typedef struct batch_state {
	as_loop_task task;
	as_dispatch *disp;
	as_future *future;
	as_policy_batch policy;
	as_batch_read_mode mode;
	char **bins;               /* NULL-terminated copy, or NULL */
	size_t n_bins;
	as_batch_result *result;
	unsigned pending;          /* node commands not yet done */
} batch_state;

static void result_free(void *p)
{
	as_batch_result *r = p;
	for (size_t i = 0; i < r->n; i++)
		as_record_destroy(r->records[i].record);
	free(r->records);
	free(r);
}

static void state_free(batch_state *st)
{
	free(st->bins);
	if (st->result)
		result_free(st->result);
	as_exp_release((as_exp *)st->policy.base.filter_exp);
	as_future_release(st->future);
	free(st);
}

static void batch_finish_one(batch_state *st)
{
	if (--st->pending)
		return;
	as_future_complete_value(st->future, &batch_result_kind, st->result, result_free);
	st->result = NULL;
	state_free(st);
}

/* One key's answer: the message's ttl field says which key. */
static as_stream_step batch_record(as_command *cmd, const as_msg_view *m, uint32_t now, as_error *err)
{
	batch_state *st = cmd->udata;
	uint32_t index = m->h.transaction_ttl;
	if (index >= st->result->n) {
		as_error_set(err, AEROSPIKE_ERR_CLIENT, "batch reply names key %u of %zu", index, st->result->n);
		return AS_STREAM_FAIL;
	}
	as_batch_record *br = &st->result->records[index];
	as_record_destroy(br->record);
	br->record = NULL;
	br->status = (as_status)m->h.result_code;
	if (m->h.result_code == 0 && as_msg_to_record(m, now, &br->record, err) != AEROSPIKE_OK)
		return AS_STREAM_FAIL;
	return AS_STREAM_NEXT;
}

static int batch_frame(as_command *cmd, const uint8_t *body, size_t len, as_error *err)
{
	return as_stream_walk(cmd, body, len, "batch", AEROSPIKE_OK, batch_record, err);
}

static void batch_done(as_command *cmd, const uint8_t *body, size_t len, const as_error *err)
{
	batch_state *st = cmd->udata;
	if (err) {
		/* Keys of this node that got no answer carry the node's error. */
		uint32_t *idx = cmd->udata2;
		for (uint32_t *p = idx; p && *p != UINT32_MAX; p++) {
			as_batch_record *br = &st->result->records[*p];
			if (br->status == AEROSPIKE_ERR_CLIENT && !br->record) {
				br->status = err->code;
				br->in_doubt = err->in_doubt;
			}
		}
	}
	free(cmd->udata2);
	cmd->udata2 = NULL;
	batch_finish_one(st);
}

static void batch_start(as_loop_task *task)
{
	batch_state *st = (batch_state *)task;
	as_dispatch *d = st->disp;
	as_batch_result *res = st->result;
	size_t n = res->n;
	/* Owner of each key; keys without one fail now with a reason. */
	as_node **owner = as_calloc(n, sizeof(*owner));
	for (size_t i = 0; i < n; i++) {
		as_batch_record *br = &res->records[i];
		as_route r = { .ns = br->key.ns, .partition_id = as_key_partition_id(&br->key),
		               .replica = AS_POLICY_REPLICA_MASTER };
		as_error err;
		bool wait;
		if (d->closing)
			br->status = AEROSPIKE_ERR_CLIENT_ABORT;
		else if (!(owner[i] = as_route_find(d->map, &r, &d->route, &wait, &err)))
			br->status = err.code;
	}
	st->pending = 1;  /* held until every node command is submitted */
	const as_key **keys = as_calloc(n, sizeof(*keys));
	uint32_t *idx = as_calloc(n + 1, sizeof(*idx));
	for (size_t i = 0; i < n; i++) {
		as_node *node = owner[i];
		if (!node)
			continue;
		size_t k = 0;
		for (size_t j = i; j < n; j++) {
			if (owner[j] != node)
				continue;
			keys[k] = &res->records[j].key;
			idx[k++] = (uint32_t)j;
			owner[j] = NULL;
		}
		as_buffer *b = as_submit_scratch();
		as_error err;
		if (as_encode_batch(b, &st->policy, keys, idx, k, st->mode, (const char *const *)st->bins, st->n_bins,
		                    &err) != AEROSPIKE_OK) {
			for (size_t j = 0; j < k; j++)
				res->records[idx[j]].status = err.code;
			continue;
		}
		as_command *cmd = as_submit_command(d, b, AS_REPLY_STREAM, &st->policy.base, false);
		cmd->target = as_node_retain(node);
		cmd->frame_fn = batch_frame;
		cmd->done_fn = batch_done;
		cmd->udata = st;
		uint32_t *mine = as_malloc((k + 1) * sizeof(*mine));
		memcpy(mine, idx, k * sizeof(*mine));
		mine[k] = UINT32_MAX;
		cmd->udata2 = mine;
		st->pending++;
		as_command_submit(cmd);
	}
	free(keys);
	free(idx);
	free(owner);
	batch_finish_one(st);
}

static as_future *batch_submit(as_client *c, const as_policy_batch *p, const as_key *keys, size_t n,
                               const char *const *bins, as_batch_read_mode mode)
{
	as_error err;
	as_future *f = as_submit_check_client(c);
	if (f)
		return f;
	if (!keys || n == 0) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "no keys given (%s)", keys ? "n is 0" : "keys is NULL");
		return as_submit_fail(c, &err);
	}
	if (n > AS_BATCH_MAX_KEYS) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "%zu keys exceed the batch limit of %d", n, AS_BATCH_MAX_KEYS);
		return as_submit_fail(c, &err);
	}
	char **bins_copy = NULL;
	size_t n_bins = 0;
	if (mode == AS_BATCH_READ_BINS) {
		if (!bins || !bins[0]) {
			as_error_set(&err, AEROSPIKE_ERR_PARAM, "no bins selected");
			return as_submit_fail(c, &err);
		}
		if (as_submit_bins_copy(bins, &bins_copy, &n_bins, &err) != AEROSPIKE_OK)
			return as_submit_fail(c, &err);
	}
	for (size_t i = 0; i < n; i++) {
		if (as_key_validate(&keys[i], &err) != AEROSPIKE_OK) {
			as_error err2;
			as_error_set(&err2, AEROSPIKE_ERR_PARAM, "key %zu: %s", i, err.message);
			free(bins_copy);
			return as_submit_fail(c, &err2);
		}
	}
	batch_state *st = as_calloc(1, sizeof(*st));
	st->disp = as_client_dispatch(c);
	st->policy = p ? *p : as_client_policies(c)->batch;
	/* encoded later, per node: hold the filter until then */
	as_exp_retain((as_exp *)st->policy.base.filter_exp);
	st->mode = mode;
	st->bins = bins_copy;
	st->n_bins = n_bins;
	st->result = as_calloc(1, sizeof(*st->result));
	st->result->n = n;
	st->result->records = as_calloc(n, sizeof(as_batch_record));
	for (size_t i = 0; i < n; i++) {
		as_batch_record *br = &st->result->records[i];
		/* Copy what routing and encoding need; the caller's key may go away. */
		memcpy(br->key.ns, keys[i].ns, sizeof(br->key.ns));
		memcpy(br->key.set, keys[i].set, sizeof(br->key.set));
		memcpy(br->key.digest, keys[i].digest, AS_DIGEST_SIZE);
		br->key.value = as_value_nil();
		br->status = AEROSPIKE_ERR_CLIENT;
	}
	f = as_future_create_refs(st->disp->loop, 2);   /* caller's and st's */
	st->future = f;
	as_submit_on_loop(st->disp, &st->task, batch_start);
	return f;
}

as_future *as_batch_get(as_client *c, const as_policy_batch *p, const as_key *keys, size_t n)
{
	return batch_submit(c, p, keys, n, NULL, AS_BATCH_READ_ALL);
}

as_future *as_batch_select(as_client *c, const as_policy_batch *p, const as_key *keys, size_t n,
                           const char *const *bins)
{
	return batch_submit(c, p, keys, n, bins, AS_BATCH_READ_BINS);
}

as_future *as_batch_exists(as_client *c, const as_policy_batch *p, const as_key *keys, size_t n)
{
	return batch_submit(c, p, keys, n, NULL, AS_BATCH_READ_EXISTS);
}

const as_batch_result *as_future_batch(const as_future *f)
{
	return as_future_result(f, &batch_result_kind);
}
