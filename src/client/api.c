/* Single-record commands: validate, encode on the caller's thread, submit. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <aerofuture/command.h>
#include "client/api_internal.h"
#include "client/client_internal.h"
#include "codec/encode.h"
#include "future/future_internal.h"
#include "model/alloc.h"

/* Most bins as_select() accepts. */
#define AS_SELECT_MAX_BINS 1000

/* Encoding scratch buffer, one per thread, so the hot path does not allocate. */
static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;
/* The thread's buffer, found through a plain thread-local pointer; the key
 * exists only so the buffer is freed when the thread exits. */
static _Thread_local as_buffer *tls_buf;

static void tls_free(void *p)
{
	as_buffer *b = p;
	as_buffer_free(b);
	free(b);
	tls_buf = NULL;  /* a later call on this exiting thread starts afresh */
}

static void tls_init(void)
{
	pthread_key_create(&tls_key, tls_free);
}

as_buffer *as_api_scratch(void)
{
	as_buffer *b = tls_buf;
	if (!b) {
		pthread_once(&tls_once, tls_init);
		b = as_malloc(sizeof(*b));
		as_buffer_init(b);
		pthread_setspecific(tls_key, b);
		tls_buf = b;
	}
	b->len = 0;
	return b;
}

/* A failed future bound to one of the client's loops (so callbacks chained
 * on it run there like on any other command's future). */
as_status as_api_bins_copy(const char *const *bins, char ***out, size_t *n_out, as_error *err)
{
	size_t n = 0, bytes = 0;
	*out = NULL;
	*n_out = 0;
	for (; bins && bins[n]; n++) {
		size_t l = strlen(bins[n]);
		if (l == 0 || l > AS_BIN_NAME_MAX_LEN)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "bin name '%s' must be 1 to %d bytes", bins[n],
			                    AS_BIN_NAME_MAX_LEN);
		bytes += l + 1;
	}
	if (n == 0)
		return AEROSPIKE_OK;
	char **copy = as_malloc((n + 1) * sizeof(char *) + bytes);
	char *dst = (char *)(copy + n + 1);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(bins[i]) + 1;
		memcpy(dst, bins[i], l);
		copy[i] = dst;
		dst += l;
	}
	copy[n] = NULL;
	*out = copy;
	*n_out = n;
	return AEROSPIKE_OK;
}

as_future *as_api_fail(as_client *c, const as_error *err)
{
	if (!c || atomic_load_explicit(&c->closed, memory_order_acquire))
		return as_future_new_failed(err);
	as_future *f = as_future_create(as_client_pick_loop(c)->loop);
	as_future_complete_error(f, err);
	return f;
}

/* The failed future for a missing client or key or a closed client; out of
 * line, so the checks in check_common() cost a few instructions. */
#ifdef __GNUC__
__attribute__((noinline, cold))
#endif
static as_future *reject_common(as_client *c, const as_key *key)
{
	as_error err;
	if (!c) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "client is NULL");
		return as_api_fail(NULL, &err);
	}
	if (atomic_load_explicit(&c->closed, memory_order_acquire)) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client is closed");
		return as_api_fail(NULL, &err);
	}
	as_error_set(&err, AEROSPIKE_ERR_PARAM, "key is NULL");
	return as_api_fail(c, &err);
}

/* NULL when the command may go ahead, else its failed future. */
static inline as_future *check_common(as_client *c, const as_key *key)
{
	if (!c || !key || atomic_load_explicit(&c->closed, memory_order_acquire))
		return reject_common(c, key);
	/* The key itself is checked once, by the encoder. */
	return NULL;
}

as_command *as_api_command(as_loop_ctx *ctx, const as_key *key, const as_buffer *req, as_command_kind kind,
                           const as_policy_base *base, bool is_write, bool replica_sequence)
{
	as_command *cmd = as_command_new(ctx, req->data, req->len);
	as_command_set_policy(cmd, base, is_write);
	cmd->kind = (uint8_t)kind;
	cmd->replica_sequence = replica_sequence;
	if (key) {
		cmd->partition_id = as_key_partition_id(key);
		memcpy(cmd->ns, key->ns, sizeof(cmd->ns));
	}
	return cmd;
}

static as_future *submit(as_client *c, const as_key *key, const as_buffer *req, as_command_kind kind,
                         const as_policy_base *base, bool is_write, bool replica_sequence)
{
	as_loop_ctx *ctx = as_client_pick_loop(c);
	as_command *cmd = as_api_command(ctx, key, req, kind, base, is_write, replica_sequence);
	as_future *f = as_future_create_refs(ctx->loop, 2);
	cmd->future = f;
	as_command_submit(ctx, cmd);
	return f;
}

as_future *as_put(as_client *c, const as_policy_write *p, const as_key *key, const as_record *rec)
{
	as_error err;
	as_future *f = check_common(c, key);
	if (f)
		return f;
	if (!p)
		p = &c->cfg.policies.write;
	else if (as_policy_write_validate(p, &err) != AEROSPIKE_OK)
		return as_api_fail(c, &err);
	/* The encoder checks the key and the record. An empty put is ours to
	 * refuse (the wire format allows it), once the record is known valid. */
	as_buffer *b = as_api_scratch();
	if (as_encode_put(b, p, key, rec, &err) != AEROSPIKE_OK)
		return as_api_fail(c, &err);
	if (rec->n_bins == 0) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "record has no bins to write");
		return as_api_fail(c, &err);
	}
	return submit(c, key, b, AS_CMD_WRITE, &p->base, true, false);
}

static as_future *read_cmd(as_client *c, const as_policy_read *p, const as_key *key, const char *const *bins,
                           bool select, as_command_kind kind)
{
	as_error err;
	as_future *f = check_common(c, key);
	if (f)
		return f;
	if (!p)
		p = &c->cfg.policies.read;
	else if (as_policy_read_validate(p, &err) != AEROSPIKE_OK)
		return as_api_fail(c, &err);
	size_t n = 0;
	if (select) {
		if (!bins) {
			as_error_set(&err, AEROSPIKE_ERR_PARAM, "bins is NULL (give a NULL-terminated array of bin names)");
			return as_api_fail(c, &err);
		}
		for (; bins[n]; n++) {
			size_t len = strlen(bins[n]);
			if (len == 0 || len > AS_BIN_NAME_MAX_LEN) {
				as_error_set(&err, AEROSPIKE_ERR_PARAM, "bin name '%s' must be 1 to %d bytes", bins[n],
				             AS_BIN_NAME_MAX_LEN);
				return as_api_fail(c, &err);
			}
			if (n >= AS_SELECT_MAX_BINS) {
				as_error_set(&err, AEROSPIKE_ERR_PARAM, "more than %d bins selected", AS_SELECT_MAX_BINS);
				return as_api_fail(c, &err);
			}
		}
		if (n == 0) {
			as_error_set(&err, AEROSPIKE_ERR_PARAM, "no bins selected");
			return as_api_fail(c, &err);
		}
	}
	as_buffer *b = as_api_scratch();
	as_status st = kind == AS_CMD_EXISTS ? as_encode_exists(b, p, key, &err)
	                                     : as_encode_get(b, p, key, select ? bins : NULL, n, &err);
	if (st != AEROSPIKE_OK)
		return as_api_fail(c, &err);
	return submit(c, key, b, kind, &p->base, false, p->replica == AS_POLICY_REPLICA_SEQUENCE);
}

as_future *as_get(as_client *c, const as_policy_read *p, const as_key *key)
{
	return read_cmd(c, p, key, NULL, false, AS_CMD_READ);
}

as_future *as_select(as_client *c, const as_policy_read *p, const as_key *key, const char *const *bins)
{
	return read_cmd(c, p, key, bins, true, AS_CMD_READ);
}

as_future *as_exists(as_client *c, const as_policy_read *p, const as_key *key)
{
	return read_cmd(c, p, key, NULL, false, AS_CMD_EXISTS);
}

as_future *as_remove(as_client *c, const as_policy_remove *p, const as_key *key)
{
	as_error err;
	as_future *f = check_common(c, key);
	if (f)
		return f;
	if (!p)
		p = &c->cfg.policies.remove;
	else if (as_policy_remove_validate(p, &err) != AEROSPIKE_OK)
		return as_api_fail(c, &err);
	as_buffer *b = as_api_scratch();
	if (as_encode_remove(b, p, key, &err) != AEROSPIKE_OK)
		return as_api_fail(c, &err);
	return submit(c, key, b, AS_CMD_WRITE, &p->base, true, false);
}

as_future *as_touch(as_client *c, const as_policy_operate *p, const as_key *key, uint32_t ttl)
{
	as_error err;
	as_future *f = check_common(c, key);
	if (f)
		return f;
	if (!p)
		p = &c->cfg.policies.operate;
	else if (as_policy_operate_validate(p, &err) != AEROSPIKE_OK)
		return as_api_fail(c, &err);
	as_buffer *b = as_api_scratch();
	if (as_encode_touch(b, p, key, ttl, &err) != AEROSPIKE_OK)
		return as_api_fail(c, &err);
	return submit(c, key, b, AS_CMD_READ, &p->base, true, false);
}

as_future *as_operate(as_client *c, const as_policy_operate *p, const as_key *key, const as_operations *ops)
{
	as_error err;
	as_future *f = check_common(c, key);
	if (f)
		return f;
	if (!p)
		p = &c->cfg.policies.operate;
	else if (as_policy_operate_validate(p, &err) != AEROSPIKE_OK)
		return as_api_fail(c, &err);
	as_buffer *b = as_api_scratch();
	if (as_encode_operate(b, p, key, ops, &err) != AEROSPIKE_OK)   /* checks key and ops */
		return as_api_fail(c, &err);
	bool writes = false;
	for (uint16_t i = 0; i < ops->n_ops; i++)
		if (ops->ops[i].op != AS_OPERATOR_READ && ops->ops[i].op != AS_OPERATOR_CDT_READ)
			writes = true;
	return submit(c, key, b, AS_CMD_READ, &p->base, writes,
	              !writes && p->replica == AS_POLICY_REPLICA_SEQUENCE);
}
