/* Single-record commands: put, get, select, exists, remove, touch, operate.
 * Each is a kv_family (which default policy, how to validate it, how to
 * encode the request, how to decode the reply) on one path, kv_submit():
 * check, default policy, encode on the caller's thread, submit, and the
 * reply becomes the future's result on the loop. */
#include <string.h>
#include <aerofuture/command.h>
#include "codec/encode.h"
#include "commands/submit.h"
#include "future/future_internal.h"

/* Most bins as_select() accepts. */
#define AS_SELECT_MAX_BINS 1000

/* How a command is routed, as its encoder finds out. */
typedef struct kv_route {
	bool is_write;
	as_policy_replica replica;
} kv_route;

typedef struct kv_family {
	size_t default_policy;   /* offsetof(as_policies, ...) */
	as_status (*validate)(const void *policy, as_error *err);
	/* Encode the request into b (policy never NULL; arg is the command's
	 * own argument) and fill in route. */
	as_status (*encode)(as_buffer *b, const void *policy, const as_key *key, const void *arg, kv_route *route,
	                    as_error *err);
	as_command_msg_fn decode;
} kv_family;

/* --- replies ----------------------------------------------------------- */

static as_status reply_error(const as_command *cmd, uint8_t code, as_error *err)
{
	return as_error_set(err, (as_status)code, "%s (node %s)", as_status_str((as_status)code),
	                    cmd->node ? cmd->node->addr_str : "?");
}

static as_status decode_status(as_command *cmd, const as_msg_view *m, uint32_t now_cf, as_error *err)
{
	if (m->h.result_code)
		return reply_error(cmd, m->h.result_code, err);
	as_future_complete_ok(cmd->future);
	return AEROSPIKE_OK;
}

static as_status decode_record(as_command *cmd, const as_msg_view *m, uint32_t now_cf, as_error *err)
{
	if (m->h.result_code)
		return reply_error(cmd, m->h.result_code, err);
	as_record *rec = NULL;
	as_status st = as_msg_to_record(m, now_cf, &rec, err);
	if (st == AEROSPIKE_OK)
		as_future_complete_record(cmd->future, rec);
	return st;
}

/* A missing record is an answer here, not an error; a found one gives its
 * header (generation, ttl) as command.h promises. */
static as_status decode_exists(as_command *cmd, const as_msg_view *m, uint32_t now_cf, as_error *err)
{
	if (m->h.result_code == AEROSPIKE_ERR_RECORD_NOT_FOUND) {
		as_future_complete_exists(cmd->future, false, NULL);
		return AEROSPIKE_OK;
	}
	if (m->h.result_code)
		return reply_error(cmd, m->h.result_code, err);
	as_record *meta = NULL;
	as_status st = as_msg_to_record(m, now_cf, &meta, err);
	if (st == AEROSPIKE_OK)
		as_future_complete_exists(cmd->future, true, meta);
	return st;
}

/* --- the one path ------------------------------------------------------ */

/* The failed future for a missing client or key or a closed client; out of
 * line, so the check in kv_submit() costs a few instructions. */
#ifdef __GNUC__
__attribute__((noinline, cold))
#endif
static as_future *kv_reject(as_client *c)
{
	as_future *f = as_submit_check_client(c);
	if (f)
		return f;
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_PARAM, "key is NULL");
	return as_submit_fail(c, &err);
}

static as_future *kv_submit(as_client *c, const kv_family *fam, const void *policy, const as_key *key,
                            const void *arg)
{
	if (!c || !key || as_client_is_closed(c))
		return kv_reject(c);
	as_error err;
	if (!policy)
		policy = (const char *)as_client_policies(c) + fam->default_policy;
	else if (fam->validate(policy, &err) != AEROSPIKE_OK)
		return as_submit_fail(c, &err);
	/* The encoder checks the key and everything it writes. */
	as_buffer *b = as_submit_scratch();
	kv_route route = { false, AS_POLICY_REPLICA_MASTER };
	if (fam->encode(b, policy, key, arg, &route, &err) != AEROSPIKE_OK)
		return as_submit_fail(c, &err);
	as_dispatch *d = as_client_dispatch(c);
	/* Every policy starts with its as_policy_base. */
	as_command *cmd = as_submit_command(d, b, AS_REPLY_MSG, (const as_policy_base *)policy, route.is_write);
	cmd->replica = (uint8_t)route.replica;
	cmd->partition_id = as_key_partition_id(key);
	memcpy(cmd->ns, key->ns, sizeof(cmd->ns));
	cmd->msg_fn = fam->decode;
	as_future *f = as_future_create_refs(d->loop, 2);  /* the caller's and the command's */
	cmd->future = f;
	as_command_submit(cmd);
	return f;
}

/* --- the families ------------------------------------------------------ */

static as_status validate_write(const void *p, as_error *err) { return as_policy_write_validate(p, err); }
static as_status validate_read(const void *p, as_error *err) { return as_policy_read_validate(p, err); }
static as_status validate_remove(const void *p, as_error *err) { return as_policy_remove_validate(p, err); }
static as_status validate_operate(const void *p, as_error *err) { return as_policy_operate_validate(p, err); }

static as_status encode_put(as_buffer *b, const void *p, const as_key *key, const void *arg, kv_route *route,
                            as_error *err)
{
	const as_record *rec = arg;
	as_status st = as_encode_put(b, p, key, rec, err);
	/* An empty put is ours to refuse (the wire format allows it), once the
	 * encoder has found the record valid. */
	if (st == AEROSPIKE_OK && rec->n_bins == 0)
		st = as_error_set(err, AEROSPIKE_ERR_PARAM, "record has no bins to write");
	route->is_write = true;
	return st;
}

static as_status encode_get(as_buffer *b, const void *p, const as_key *key, const void *arg, kv_route *route,
                            as_error *err)
{
	route->replica = ((const as_policy_read *)p)->replica;
	return as_encode_get(b, p, key, NULL, 0, err);
}

static as_status encode_select(as_buffer *b, const void *p, const as_key *key, const void *arg, kv_route *route,
                               as_error *err)
{
	const char *const *bins = arg;
	size_t n = 0;
	if (!bins)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "bins is NULL (give a NULL-terminated array of bin names)");
	for (; bins[n]; n++) {
		size_t len = strlen(bins[n]);
		if (len == 0 || len > AS_BIN_NAME_MAX_LEN)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "bin name '%s' must be 1 to %d bytes", bins[n],
			                    AS_BIN_NAME_MAX_LEN);
		if (n >= AS_SELECT_MAX_BINS)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "more than %d bins selected", AS_SELECT_MAX_BINS);
	}
	if (n == 0)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "no bins selected");
	route->replica = ((const as_policy_read *)p)->replica;
	return as_encode_get(b, p, key, bins, n, err);
}

static as_status encode_exists(as_buffer *b, const void *p, const as_key *key, const void *arg, kv_route *route,
                               as_error *err)
{
	route->replica = ((const as_policy_read *)p)->replica;
	return as_encode_exists(b, p, key, err);
}

static as_status encode_remove(as_buffer *b, const void *p, const as_key *key, const void *arg, kv_route *route,
                               as_error *err)
{
	route->is_write = true;
	return as_encode_remove(b, p, key, err);
}

static as_status encode_touch(as_buffer *b, const void *p, const as_key *key, const void *arg, kv_route *route,
                              as_error *err)
{
	route->is_write = true;
	return as_encode_touch(b, p, key, *(const uint32_t *)arg, err);
}

static as_status encode_operate(as_buffer *b, const void *p, const as_key *key, const void *arg, kv_route *route,
                                as_error *err)
{
	const as_operations *ops = arg;
	as_status st = as_encode_operate(b, p, key, ops, err);   /* checks key and ops */
	if (st != AEROSPIKE_OK)
		return st;
	for (uint16_t i = 0; i < ops->n_ops; i++)
		if (ops->ops[i].op != AS_OPERATOR_READ && ops->ops[i].op != AS_OPERATOR_CDT_READ &&
		    ops->ops[i].op != AS_OPERATOR_BIT_READ && ops->ops[i].op != AS_OPERATOR_HLL_READ)
			route->is_write = true;
	/* Only reads may go to a replica. */
	if (!route->is_write)
		route->replica = ((const as_policy_operate *)p)->replica;
	return AEROSPIKE_OK;
}

static const kv_family kv_put = { offsetof(as_policies, write), validate_write, encode_put, decode_status };
static const kv_family kv_get = { offsetof(as_policies, read), validate_read, encode_get, decode_record };
static const kv_family kv_select = { offsetof(as_policies, read), validate_read, encode_select, decode_record };
static const kv_family kv_exists = { offsetof(as_policies, read), validate_read, encode_exists, decode_exists };
static const kv_family kv_remove = { offsetof(as_policies, remove), validate_remove, encode_remove, decode_status };
static const kv_family kv_touch = { offsetof(as_policies, operate), validate_operate, encode_touch, decode_record };
static const kv_family kv_operate = { offsetof(as_policies, operate), validate_operate, encode_operate,
	                              decode_record };

as_future *as_put(as_client *c, const as_policy_write *p, const as_key *key, const as_record *rec)
{
	return kv_submit(c, &kv_put, p, key, rec);
}

as_future *as_get(as_client *c, const as_policy_read *p, const as_key *key)
{
	return kv_submit(c, &kv_get, p, key, NULL);
}

as_future *as_select(as_client *c, const as_policy_read *p, const as_key *key, const char *const *bins)
{
	return kv_submit(c, &kv_select, p, key, bins);
}

as_future *as_exists(as_client *c, const as_policy_read *p, const as_key *key)
{
	return kv_submit(c, &kv_exists, p, key, NULL);
}

as_future *as_remove(as_client *c, const as_policy_remove *p, const as_key *key)
{
	return kv_submit(c, &kv_remove, p, key, NULL);
}

as_future *as_touch(as_client *c, const as_policy_operate *p, const as_key *key, uint32_t ttl)
{
	return kv_submit(c, &kv_touch, p, key, &ttl);
}

as_future *as_operate(as_client *c, const as_policy_operate *p, const as_key *key, const as_operations *ops)
{
	return kv_submit(c, &kv_operate, p, key, ops);
}
