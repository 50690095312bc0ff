/* Request encoders. Each appends one complete proto frame: the headers are
 * reserved first and filled in at the end, when the sizes are known; on any
 * failure the buffer is cut back to where it started. */
#include <string.h>

#include <aerofuture/exp.h>

#include "codec/encode.h"
#include "codec/msgpack.h"
#include "codec/pack.h"
#include "codec/proto.h"

#define FRAME_HEADERS (AS_PROTO_HEADER_SIZE + AS_MSG_HEADER_SIZE)

/* ---- building blocks (the shared ones are in pack.h) ---- */

/* The proto and as_msg headers at once: frame_end fills in both. */
static size_t frame_begin(as_buffer *b)
{
	return as_buffer_claim(b, FRAME_HEADERS);
}

static as_status frame_end(as_buffer *b, size_t start, uint8_t type, const as_msg_header *h,
                           as_error *err)
{
	uint64_t body = b->len - start - AS_PROTO_HEADER_SIZE;

	if (body > AS_PROTO_MAX_SIZE) {
		b->len = start;
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "request of %llu bytes exceeds %u",
		                    (unsigned long long)body, (unsigned)AS_PROTO_MAX_SIZE);
	}
	as_proto_end(b, start, type);
	if (h)
		as_msg_end(b, start + AS_PROTO_HEADER_SIZE, h);
	return AEROSPIKE_OK;
}

static as_status fail(as_buffer *b, size_t start, as_status rc)
{
	b->len = start;
	return rc;
}

static void field_u32(as_buffer *b, uint8_t type, uint32_t v)
{
	uint8_t d[4];

	as_put_u32(d, v);
	as_field_put(b, type, d, 4);
}

static void field_u64(as_buffer *b, uint8_t type, uint64_t v)
{
	uint8_t d[8];

	as_put_u64(d, v);
	as_field_put(b, type, d, 8);
}

/* The op types whose value is a msgpack payload, not a particle. */
static bool op_is_packed(uint8_t op)
{
	switch (op) {
	case AS_OPERATOR_CDT_READ:
	case AS_OPERATOR_CDT_MODIFY:
	case AS_OPERATOR_BIT_READ:
	case AS_OPERATOR_BIT_MODIFY:
	case AS_OPERATOR_HLL_READ:
	case AS_OPERATOR_HLL_MODIFY:
		return true;
	default:
		return false;
	}
}

/* An op with a value: the size is patched once the particle is written. */
static as_status op_put(as_buffer *b, uint8_t op, const char *name, const as_value *v, as_error *err)
{
	size_t at = as_op_begin(b, op, name, (uint8_t)strlen(name));
	uint8_t particle = AS_NIL;
	as_status rc;

	if (v && op_is_packed(op) && v->type == AS_LIST) {
		/* a CDT, bit or HLL op is the msgpack array [op code, args...]
		 * sent as a blob */
		if ((rc = as_msgpack_pack(b, v, err)) != AEROSPIKE_OK)
			return rc;
		particle = AS_BYTES;
	} else if (v && (rc = as_value_to_particle(b, v, &particle, err)) != AEROSPIKE_OK) {
		return rc;
	}
	if (b->len - at - 4 > UINT32_MAX)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "bin '%s' value too large", name);
	as_op_end(b, at, particle);
	return AEROSPIKE_OK;
}

/* Map ops (codes 64..127) answer one entry per op, nil when they have no
 * value, so the official clients ask for RESPOND_ALL_OPS with them; list
 * ops (0..63) are sent without it. A context wraps the op as [0xff, ctx, op]. */
static bool cdt_is_map_op(const as_value *v)
{
	const as_value *code;

	if (v->type != AS_LIST || v->u.list->size == 0)
		return false;
	code = &v->u.list->items[0];
	if (code->type == AS_INTEGER && code->u.i == 0xff && v->u.list->size == 3)
		return cdt_is_map_op(&v->u.list->items[2]);
	return code->type == AS_INTEGER && code->u.i >= 64 && code->u.i < 128;
}

static as_status check_bin_name(const char *name, bool allow_empty, as_error *err)
{
	size_t n = strnlen(name, AS_BIN_NAME_MAX_LEN + 1);

	if (n > AS_BIN_NAME_MAX_LEN || (n == 0 && !allow_empty))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "bin name '%.*s' must be 1..%d bytes",
		                    (int)n, name, AS_BIN_NAME_MAX_LEN);
	return AEROSPIKE_OK;
}

/* NAMESPACE, SET (even when empty: the official client does), DIGEST, and
 * KEY (particle type + value) when the user key is sent. */
static as_status key_fields(as_buffer *b, const as_key *key, bool send_key, uint16_t *n_fields,
                            as_error *err)
{
	/* The three fields every command carries, written with one reserve. */
	size_t ns_len = strnlen(key->ns, sizeof key->ns), set_len = strnlen(key->set, sizeof key->set);
	size_t total = 15 + ns_len + set_len + AS_DIGEST_SIZE;
	uint8_t *f = as_buffer_reserve(b, total);

	f = as_field_write(f, AS_FIELD_NAMESPACE, key->ns, (uint32_t)ns_len);
	f = as_field_write(f, AS_FIELD_SET, key->set, (uint32_t)set_len);
	as_field_write(f, AS_FIELD_DIGEST, key->digest, AS_DIGEST_SIZE);
	b->len += total;
	*n_fields = 3;
	if (send_key) {
		size_t at, particle_at;
		uint8_t particle;
		as_status rc;

		if (key->value.type != AS_INTEGER && key->value.type != AS_STRING &&
		    key->value.type != AS_BYTES)
			return as_error_set(err, AEROSPIKE_ERR_PARAM,
			                    "send_key needs an integer, string or bytes user key");
		/* KEY: the particle type, then the value */
		at = as_field_begin(b, AS_FIELD_KEY);
		particle_at = as_buffer_claim(b, 1);
		if ((rc = as_value_to_particle(b, &key->value, &particle, err)) != AEROSPIKE_OK)
			return rc;
		b->data[particle_at] = particle;
		as_field_end(b, at);
		(*n_fields)++;
	}
	return AEROSPIKE_OK;
}

/* FILTER (43): the compiled expression's msgpack as the field data
 * (cdt/notes.txt section 7). A filter must yield a boolean; the server
 * refuses anything else with 4, so say why here instead. */
static as_status filter_field(as_buffer *b, const as_exp *filter, uint16_t *n_fields, as_error *err)
{
	as_exp_type t;
	const uint8_t *w;
	size_t len;

	if (!filter)
		return AEROSPIKE_OK;
	t = as_exp_result_type(filter);
	if (t != AS_EXP_TYPE_BOOL && t != AS_EXP_TYPE_AUTO)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "filter expression yields %s, not a boolean",
		                    t == AS_EXP_TYPE_INT ? "an integer" : "a non-boolean value");
	w = as_exp_wire(filter, &len);
	if (len > UINT32_MAX - 1)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "filter expression too large");
	as_field_put(b, AS_FIELD_FILTER_EXP, w, (uint32_t)len);
	(*n_fields)++;
	return AEROSPIKE_OK;
}

static void header_init(as_msg_header *h, uint32_t total_timeout)
{
	memset(h, 0, sizeof *h);
	h->transaction_ttl = total_timeout;
}

static as_status write_flags(as_msg_header *h, as_policy_exists exists, as_policy_gen gen,
                             uint32_t generation, bool durable_delete, as_error *err)
{
	switch (exists) {
	case AS_POLICY_EXISTS_UPDATE: break;
	case AS_POLICY_EXISTS_CREATE_ONLY: h->info2 |= AS_INFO2_CREATE_ONLY; break;
	case AS_POLICY_EXISTS_UPDATE_ONLY: h->info3 |= AS_INFO3_UPDATE_ONLY; break;
	case AS_POLICY_EXISTS_REPLACE_ONLY: h->info3 |= AS_INFO3_REPLACE_ONLY; break;
	case AS_POLICY_EXISTS_CREATE_OR_REPLACE: h->info3 |= AS_INFO3_CREATE_OR_REPLACE; break;
	default:
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "unknown exists policy %d", (int)exists);
	}
	switch (gen) {
	case AS_POLICY_GEN_IGNORE: break;
	case AS_POLICY_GEN_EQ:
		h->info2 |= AS_INFO2_GENERATION;
		h->generation = generation;
		break;
	case AS_POLICY_GEN_GT:
		h->info2 |= AS_INFO2_GENERATION_GT;
		h->generation = generation;
		break;
	default:
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "unknown generation policy %d", (int)gen);
	}
	if (durable_delete)
		h->info2 |= AS_INFO2_DURABLE_DELETE;
	return AEROSPIKE_OK;
}

static uint32_t resolve_ttl(uint32_t ttl, uint32_t policy_ttl)
{
	return ttl == AS_TTL_CLIENT_DEFAULT ? policy_ttl : ttl;
}

/* ---- particles ---- */

as_status as_value_to_particle(as_buffer *b, const as_value *v, uint8_t *particle, as_error *err)
{
	uint8_t *p;

	switch (v->type) {
	case AS_NIL:
		break;
	case AS_INTEGER:
		p = as_buffer_reserve(b, 8);
		as_put_u64(p, (uint64_t)v->u.i);
		b->len += 8;
		break;
	case AS_DOUBLE: {
		uint64_t bits;

		memcpy(&bits, &v->u.d, sizeof bits);
		p = as_buffer_reserve(b, 8);
		as_put_u64(p, bits);
		b->len += 8;
		break;
	}
	case AS_STRING:
		as_buffer_append(b, v->u.str, v->len);
		break;
	case AS_BYTES:
		as_buffer_append(b, v->u.bytes, v->len);
		break;
	case AS_BOOL: {
		uint8_t c = v->u.b ? 1 : 0;

		as_buffer_append(b, &c, 1);
		break;
	}
	case AS_LIST:
	case AS_MAP: {
		as_status rc = as_msgpack_pack(b, v, err);

		if (rc != AEROSPIKE_OK)
			return rc;
		break;
	}
	case AS_GEOJSON:
		/* flags 0, no cells: the server computes the cells itself */
		p = as_buffer_reserve(b, 3);
		p[0] = 0;
		as_put_u16(p + 1, 0);
		b->len += 3;
		as_buffer_append(b, v->u.str, v->len);
		break;
	default:
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "unsupported value type %u", (unsigned)v->type);
	}
	*particle = v->type;
	return AEROSPIKE_OK;
}

/* ---- single-record commands ---- */

as_status as_encode_put(as_buffer *b, const as_policy_write *p, const as_key *key,
                        const as_record *rec, as_error *err)
{
	size_t start = b->len;
	as_msg_header h;
	as_status rc;
	uint16_t i;

	if ((rc = as_key_validate(key, err)) != AEROSPIKE_OK)
		return rc;
	if ((rc = as_record_validate(rec, err)) != AEROSPIKE_OK)
		return rc;
	header_init(&h, p->base.total_timeout);
	h.info2 = AS_INFO2_WRITE;
	if ((rc = write_flags(&h, p->exists, p->gen, rec->gen, p->durable_delete, err)) != AEROSPIKE_OK)
		return rc;
	h.record_ttl = resolve_ttl(rec->ttl, p->ttl);
	frame_begin(b);
	if ((rc = key_fields(b, key, p->key == AS_POLICY_KEY_SEND, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	if ((rc = filter_field(b, p->base.filter_exp, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	for (i = 0; i < rec->n_bins; i++) {
		const as_bin *bin = &rec->bins[i];

		if ((rc = check_bin_name(bin->name, false, err)) != AEROSPIKE_OK)
			return fail(b, start, rc);
		/* a nil value deletes the bin: WRITE with particle 0, no value */
		if ((rc = op_put(b, AS_OPERATOR_WRITE, bin->name, &bin->value, err)) != AEROSPIKE_OK)
			return fail(b, start, rc);
	}
	h.n_ops = rec->n_bins;
	return frame_end(b, start, AS_PROTO_TYPE_MSG, &h, err);
}

static as_status encode_read(as_buffer *b, const as_policy_base *base, bool send_key, const as_key *key,
                             uint8_t info1, const char *const *bins, size_t n_bins, as_error *err)
{
	size_t start = b->len;
	as_msg_header h;
	as_status rc;
	size_t i;

	if ((rc = as_key_validate(key, err)) != AEROSPIKE_OK)
		return rc;
	if (n_bins > UINT16_MAX)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "too many bins (%zu)", n_bins);
	header_init(&h, base->total_timeout);
	h.info1 = info1;
	frame_begin(b);
	if ((rc = key_fields(b, key, send_key, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	if ((rc = filter_field(b, base->filter_exp, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	for (i = 0; i < n_bins; i++) {
		if (!bins[i] || (rc = check_bin_name(bins[i], false, err)) != AEROSPIKE_OK)
			return fail(b, start, bins[i] ? rc : as_error_set(err, AEROSPIKE_ERR_PARAM, "bin name is NULL"));
		if ((rc = op_put(b, AS_OPERATOR_READ, bins[i], NULL, err)) != AEROSPIKE_OK)
			return fail(b, start, rc);
	}
	h.n_ops = (uint16_t)n_bins;
	return frame_end(b, start, AS_PROTO_TYPE_MSG, &h, err);
}

as_status as_encode_get(as_buffer *b, const as_policy_read *p, const as_key *key,
                        const char *const *bins, size_t n_bins, as_error *err)
{
	uint8_t info1 = AS_INFO1_READ | (n_bins == 0 ? AS_INFO1_GET_ALL : 0);

	return encode_read(b, &p->base, p->key == AS_POLICY_KEY_SEND, key, info1, bins,
	                   n_bins, err);
}

as_status as_encode_exists(as_buffer *b, const as_policy_read *p, const as_key *key, as_error *err)
{
	return encode_read(b, &p->base, p->key == AS_POLICY_KEY_SEND, key,
	                   AS_INFO1_READ | AS_INFO1_NOBINDATA, NULL, 0, err);
}

as_status as_encode_remove(as_buffer *b, const as_policy_remove *p, const as_key *key, as_error *err)
{
	size_t start = b->len;
	as_msg_header h;
	as_status rc;

	if ((rc = as_key_validate(key, err)) != AEROSPIKE_OK)
		return rc;
	header_init(&h, p->base.total_timeout);
	h.info2 = AS_INFO2_WRITE | AS_INFO2_DELETE;
	if ((rc = write_flags(&h, AS_POLICY_EXISTS_UPDATE, p->gen, p->generation, p->durable_delete,
	                      err)) != AEROSPIKE_OK)
		return rc;
	frame_begin(b);
	if ((rc = key_fields(b, key, p->key == AS_POLICY_KEY_SEND, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	if ((rc = filter_field(b, p->base.filter_exp, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	return frame_end(b, start, AS_PROTO_TYPE_MSG, &h, err);
}

as_status as_encode_operate(as_buffer *b, const as_policy_operate *p, const as_key *key,
                            const as_operations *ops, as_error *err)
{
	size_t start = b->len;
	bool has_write = false, respond_all = p->respond_all_ops;
	as_msg_header h;
	uint16_t i, n_sent = 0;
	as_status rc;

	if ((rc = as_key_validate(key, err)) != AEROSPIKE_OK)
		return rc;
	if ((rc = as_operations_validate(ops, err)) != AEROSPIKE_OK)
		return rc;
	header_init(&h, p->base.total_timeout);
	for (i = 0; i < ops->n_ops; i++) {
		const as_op *op = &ops->ops[i];

		switch (op->op) {
		case AS_OPERATOR_READ:
			h.info1 |= AS_INFO1_READ;
			if (op->bin[0] == '\0')
				h.info1 |= AS_INFO1_GET_ALL;
			break;
		case AS_OPERATOR_CDT_READ:
			h.info1 |= AS_INFO1_READ;
			respond_all |= cdt_is_map_op(&op->value);
			break;
		case AS_OPERATOR_CDT_MODIFY:
			respond_all |= cdt_is_map_op(&op->value);
			has_write = true;
			break;
		case AS_OPERATOR_BIT_READ:
		case AS_OPERATOR_HLL_READ:
			/* bit and HLL ops always come with RESPOND_ALL_OPS
			 * (cdt/notes.txt section 3: bit_get, hll_describe) */
			h.info1 |= AS_INFO1_READ;
			respond_all = true;
			break;
		case AS_OPERATOR_BIT_MODIFY:
		case AS_OPERATOR_HLL_MODIFY:
			respond_all = true;
			has_write = true;
			break;
		case AS_OPERATOR_EXP_READ:
			/* expression ops come with RESPOND_ALL_OPS too (expop_read) */
			h.info1 |= AS_INFO1_READ;
			respond_all = true;
			break;
		case AS_OPERATOR_EXP_MODIFY:
			respond_all = true;
			has_write = true;
			break;
		case AS_OPERATOR_WRITE:
		case AS_OPERATOR_INCR:
		case AS_OPERATOR_APPEND:
		case AS_OPERATOR_PREPEND:
		case AS_OPERATOR_TOUCH:
		case AS_OPERATOR_DELETE:
			has_write = true;
			break;
		default:
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "operation %u: unknown operator %d",
			                    (unsigned)i, (int)op->op);
		}
	}
	if (has_write) {
		/* Op 14 deletes the record in place, so ops after it still apply;
		 * info2 DELETE would turn the whole command into a plain delete. */
		h.info2 |= AS_INFO2_WRITE;
		if ((rc = write_flags(&h, p->exists, p->gen, ops->gen, p->durable_delete, err)) != AEROSPIKE_OK)
			return rc;
		h.record_ttl = resolve_ttl(ops->ttl, p->ttl);
	}
	if (respond_all)
		h.info2 |= AS_INFO2_RESPOND_ALL_OPS;
	frame_begin(b);
	if ((rc = key_fields(b, key, p->key == AS_POLICY_KEY_SEND, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	if ((rc = filter_field(b, p->base.filter_exp, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	for (i = 0; i < ops->n_ops; i++) {
		const as_op *op = &ops->ops[i];
		bool read_all = op->op == AS_OPERATOR_READ && op->bin[0] == '\0';
		bool no_name = op->op == AS_OPERATOR_TOUCH || op->op == AS_OPERATOR_DELETE || read_all;
		bool no_value = op->op == AS_OPERATOR_READ || no_name;

		/* A read-all is sent as a READ op without a name (besides GET_ALL),
		 * so that mixed with writes it reads the bins at its place in the
		 * list, as the server does for the other clients' "get" operation. */
		if ((rc = check_bin_name(op->bin, no_name, err)) != AEROSPIKE_OK)
			return fail(b, start, rc);
		rc = op_put(b, (uint8_t)op->op, no_name ? "" : op->bin, no_value ? NULL : &op->value, err);
		if (rc != AEROSPIKE_OK)
			return fail(b, start, rc);
		n_sent++;
	}
	h.n_ops = n_sent;
	return frame_end(b, start, AS_PROTO_TYPE_MSG, &h, err);
}

as_status as_encode_touch(as_buffer *b, const as_policy_operate *p, const as_key *key,
                          uint32_t ttl, as_error *err)
{
	as_policy_operate tp = *p;
	as_operations ops;
	as_op op;

	memset(&op, 0, sizeof op);
	op.op = AS_OPERATOR_TOUCH;
	op.value = as_value_nil();
	memset(&ops, 0, sizeof ops);
	ops.ops = &op;
	ops.n_ops = 1;
	ops.capacity = 1;
	ops.ttl = ttl;
	/* a touch has no expected generation to compare */
	tp.gen = AS_POLICY_GEN_IGNORE;
	return as_encode_operate(b, &tp, key, &ops, err);
}

/* ---- batch ---- */

static bool same_ns_set(const as_key *a, const as_key *b)
{
	return strcmp(a->ns, b->ns) == 0 && strcmp(a->set, b->set) == 0;
}

as_status as_encode_batch(as_buffer *b, const as_policy_batch *p, const as_key *const *keys,
                          const uint32_t *indexes, size_t n, as_batch_read_mode mode,
                          const char *const *bins, size_t n_bins, as_error *err)
{
	size_t start = b->len, field_at;
	uint8_t info1, *q;
	as_msg_header h;
	as_status rc;
	size_t i, j;

	if (n == 0 || n > UINT32_MAX)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "batch of %zu keys", n);
	switch (mode) {
	case AS_BATCH_READ_ALL: info1 = AS_INFO1_READ | AS_INFO1_GET_ALL; n_bins = 0; break;
	case AS_BATCH_READ_BINS: info1 = AS_INFO1_READ; break;
	case AS_BATCH_READ_EXISTS: info1 = AS_INFO1_READ | AS_INFO1_NOBINDATA; n_bins = 0; break;
	default: return as_error_set(err, AEROSPIKE_ERR_PARAM, "unknown batch read mode %d", (int)mode);
	}
	if (mode == AS_BATCH_READ_BINS && (n_bins == 0 || n_bins > UINT16_MAX))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "batch bin selection of %zu bins", n_bins);
	for (i = 0; i < n_bins; i++)
		if (!bins[i] || (rc = check_bin_name(bins[i], false, err)) != AEROSPIKE_OK)
			return bins[i] ? rc : as_error_set(err, AEROSPIKE_ERR_PARAM, "bin name is NULL");
	for (i = 0; i < n; i++)
		if ((rc = as_key_validate(keys[i], err)) != AEROSPIKE_OK)
			return rc;

	header_init(&h, p->base.total_timeout);
	h.info1 = AS_INFO1_BATCH;
	h.n_fields = 1;
	frame_begin(b);
	/* one filter for every key of the batch, before the batch field */
	if ((rc = filter_field(b, p->base.filter_exp, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	field_at = as_field_begin(b, AS_FIELD_BATCH_INDEX);
	q = as_buffer_reserve(b, 5);
	as_put_u32(q, (uint32_t)n);
	q[4] = (p->allow_inline ? AS_BATCH_FLAG_ALLOW_INLINE : 0) | AS_BATCH_FLAG_RESPOND_ALL_KEYS |
	       AS_BATCH_FLAG_REPORT_ERROR_REC;
	b->len += 5;
	for (i = 0; i < n; i++) {
		const as_key *k = keys[i];

		q = as_buffer_reserve(b, 4 + AS_DIGEST_SIZE + 1);
		as_put_u32(q, indexes ? indexes[i] : (uint32_t)i);
		memcpy(q + 4, k->digest, AS_DIGEST_SIZE);
		b->len += 4 + AS_DIGEST_SIZE + 1;
		/* a row like the previous one only repeats: 25 bytes */
		if (i > 0 && same_ns_set(k, keys[i - 1])) {
			q[4 + AS_DIGEST_SIZE] = AS_BATCH_ROW_REPEAT;
			continue;
		}
		q[4 + AS_DIGEST_SIZE] = AS_BATCH_ROW_INFO2_INFO3 | AS_BATCH_ROW_TTL;
		q = as_buffer_reserve(b, 11);
		q[0] = info1;
		q[1] = 0;                      /* info2 */
		q[2] = 0;                      /* info3 */
		as_put_u32(q + 3, 0);          /* read-touch ttl: namespace default */
		as_put_u16(q + 7, 2);          /* NAMESPACE, SET */
		as_put_u16(q + 9, (uint16_t)n_bins);
		b->len += 11;
		as_field_put(b, AS_FIELD_NAMESPACE, k->ns, (uint32_t)strlen(k->ns));
		as_field_put(b, AS_FIELD_SET, k->set, (uint32_t)strlen(k->set));
		for (j = 0; j < n_bins; j++)
			if ((rc = op_put(b, AS_OPERATOR_READ, bins[j], NULL, err)) != AEROSPIKE_OK)
				return fail(b, start, rc);
	}
	if (b->len - field_at - 4 > UINT32_MAX)
		return fail(b, start, as_error_set(err, AEROSPIKE_ERR_PARAM, "batch too large"));
	as_field_end(b, field_at);
	return frame_end(b, start, AS_PROTO_TYPE_MSG, &h, err);
}

/* ---- scan ---- */

as_status as_encode_scan(as_buffer *b, const as_policy_scan *p, const char *ns, const char *set,
                         const uint16_t *pids, size_t n_pids, const char *const *bins,
                         size_t n_bins, bool no_bins, uint64_t trid, as_error *err)
{
	size_t start = b->len, field_at, i, ns_len, set_len;
	as_msg_header h;
	as_status rc;
	uint8_t *q;

	ns_len = ns ? strnlen(ns, AS_NAMESPACE_MAX_LEN + 1) : 0;
	set_len = set ? strnlen(set, AS_SET_MAX_LEN + 1) : 0;
	if (ns_len == 0 || ns_len > AS_NAMESPACE_MAX_LEN)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "scan namespace must be 1..%d bytes",
		                    AS_NAMESPACE_MAX_LEN);
	if (set_len > AS_SET_MAX_LEN)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "scan set must be at most %d bytes",
		                    AS_SET_MAX_LEN);
	if (n_pids == 0 || n_pids > AS_PARTITIONS)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "scan of %zu partitions", n_pids);
	if (n_bins > UINT16_MAX)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "too many bins (%zu)", n_bins);
	for (i = 0; i < n_bins; i++)
		if (!bins[i] || (rc = check_bin_name(bins[i], false, err)) != AEROSPIKE_OK)
			return bins[i] ? rc : as_error_set(err, AEROSPIKE_ERR_PARAM, "bin name is NULL");
	for (i = 0; i < n_pids; i++)
		if (pids[i] >= AS_PARTITIONS)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "partition id %u out of range",
			                    (unsigned)pids[i]);

	header_init(&h, p->base.total_timeout);
	h.info1 = AS_INFO1_READ | (no_bins ? AS_INFO1_NOBINDATA : 0);
	/* tells the server this client understands partition-done messages */
	h.info3 = AS_INFO3_PARTITION_DONE;
	/* read-touch-ttl-percent -1: a scan never touches records */
	h.record_ttl = UINT32_MAX;
	frame_begin(b);
	as_field_put(b, AS_FIELD_NAMESPACE, ns, (uint32_t)ns_len);
	h.n_fields = 1;
	if (set_len) {
		as_field_put(b, AS_FIELD_SET, set, (uint32_t)set_len);
		h.n_fields++;
	}
	if (p->records_per_second > 0) {
		field_u32(b, AS_FIELD_RECS_PER_SEC, p->records_per_second);
		h.n_fields++;
	}
	field_u32(b, AS_FIELD_SOCKET_TIMEOUT, p->base.socket_timeout);
	field_u64(b, AS_FIELD_TRID, trid);
	h.n_fields += 2;
	/* partition ids are little-endian, unlike every other integer */
	field_at = as_field_begin(b, AS_FIELD_PID_ARRAY);
	q = as_buffer_reserve(b, 2 * n_pids);
	for (i = 0; i < n_pids; i++) {
		q[2 * i] = (uint8_t)pids[i];
		q[2 * i + 1] = (uint8_t)(pids[i] >> 8);
	}
	b->len += 2 * n_pids;
	as_field_end(b, field_at);
	h.n_fields++;
	if ((rc = filter_field(b, p->base.filter_exp, &h.n_fields, err)) != AEROSPIKE_OK)
		return fail(b, start, rc);
	if (p->max_records > 0) {
		field_u64(b, AS_FIELD_MAX_RECORDS, p->max_records);
		h.n_fields++;
	}
	for (i = 0; i < n_bins; i++)
		if ((rc = op_put(b, AS_OPERATOR_READ, bins[i], NULL, err)) != AEROSPIKE_OK)
			return fail(b, start, rc);
	h.n_ops = (uint16_t)n_bins;
	return frame_end(b, start, AS_PROTO_TYPE_MSG, &h, err);
}

/* ---- info ---- */

as_status as_encode_info(as_buffer *b, const char *const *names, size_t n, as_error *err)
{
	size_t start = b->len, i;

	for (i = 0; i < n; i++) {
		if (!names[i])
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "info name %zu is NULL", i);
		if (strpbrk(names[i], "\n\t"))
			return as_error_set(err, AEROSPIKE_ERR_PARAM,
			                    "info name %zu contains a newline or tab", i);
	}
	as_proto_begin(b);
	for (i = 0; i < n; i++) {
		as_buffer_append(b, names[i], strlen(names[i]));
		as_buffer_append(b, "\n", 1);
	}
	return frame_end(b, start, AS_PROTO_TYPE_INFO, NULL, err);
}
