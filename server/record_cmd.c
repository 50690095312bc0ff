/* Single-record commands: get, exists, put, remove, touch, operate, with the
 * real server's checks, result codes and reply layouts (protocol_notes.txt
 * sections 6, 10, 11). Every batch row runs through ms_cmd_execute() too.
 *
 * A command works on the record's working set (work.h); the new record is
 * built with one allocation only when everything succeeded, so a failing
 * op leaves the stored record untouched. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <aerofuture/operations.h>

#include "codec/pack.h"
#include "codec/proto.h"
#include "codec/reply.h"
#include "bits.h"
#include "cdt.h"
#include "exp.h"
#include "hll.h"
#include "geojson.h"
#include "record_cmd.h"
#include "work.h"

/* The generation wraps like the server's 16-bit one, skipping 0. */
#define MS_GEN_MAX 0xFFFFu

static bool ms_particle_known(uint8_t t)
{
	switch (t) {
	case AS_INTEGER: case AS_DOUBLE: case AS_STRING: case AS_BYTES: case AS_BOOL:
	case AS_MAP: case AS_LIST: case AS_GEOJSON:
		return true;
	default:
		return false;
	}
}

static bool ms_particle_len_ok(uint8_t t, uint32_t len)
{
	if (t == AS_INTEGER || t == AS_DOUBLE)
		return len == 8;
	if (t == AS_BOOL)
		return len == 1;
	return true;
}

static uint64_t ms_record_size(const ms_work *wk, uint32_t key_len)
{
	uint64_t size = 16 + (uint64_t)key_len;

	for (size_t i = 0; i < wk->n; i++)
		size += 8 + (uint64_t)wk->w[i].name_len + wk->w[i].len;
	return size;
}

static uint32_t ms_void_time(const ms_server *s, const ms_ns *ns, uint32_t ttl, const ms_record *old)
{
	uint64_t v;

	if (ttl == AS_TTL_DONT_UPDATE && old != NULL)
		return old->void_time;
	if (ttl == AS_TTL_NEVER_EXPIRE)
		return 0;
	if (ttl == AS_TTL_NAMESPACE_DEFAULT || ttl == AS_TTL_DONT_UPDATE || ttl == AS_TTL_CLIENT_DEFAULT)
		ttl = ns->default_ttl;
	if (ttl == 0)
		return 0;
	v = (uint64_t)s->now_cf + ttl;
	return v >= UINT32_MAX ? UINT32_MAX - 1 : (uint32_t)v;
}

/* Build and store the record from the working set. */
static ms_record *ms_commit(const ms_cmd *cmd, const ms_work *wk, ms_record *old,
                            uint32_t gen, uint32_t void_time, uint64_t size)
{
	ms_ns *ns = cmd->ns;
	size_t data_len = 0;
	uint32_t key_len = 0;
	const uint8_t *key = NULL;
	uint8_t key_particle = 0;
	ms_record *r;
	uint8_t *d;
	int set_id;

	for (size_t i = 0; i < wk->n; i++)
		data_len += wk->w[i].len;
	if (cmd->key != NULL && cmd->key_len >= 1) {
		key_particle = cmd->key[0];
		key = cmd->key + 1;
		key_len = cmd->key_len - 1;
	} else if (old != NULL && old->key_particle != 0) {
		key_particle = old->key_particle;
		key = old->key;
		key_len = old->key_len;
	}
	r = ms_record_alloc((uint16_t)wk->n, key_len, data_len);
	memcpy(r->digest, cmd->digest, AS_DIGEST_SIZE);
	r->gen = gen;
	r->void_time = void_time;
	r->last_update_ms = ms_exp_now_ms();
	if (old != NULL) {
		set_id = old->set_id;
	} else {
		set_id = ms_ns_set_id(ns, cmd->set, cmd->set_len, true);
		if (set_id < 0)
			set_id = 0;
	}
	r->set_id = (uint16_t)set_id;
	r->key_particle = key_particle;
	if (key_len > 0)
		memcpy(r->key, key, key_len);
	r->size = (size_t)size;
	d = ms_record_data(r);
	for (size_t i = 0; i < wk->n; i++) {
		const ms_wbin *b = &wk->w[i];
		ms_bin *rb = &r->bins[i];

		memcpy(rb->name, b->name, sizeof(rb->name));
		rb->name_len = b->name_len;
		rb->particle = b->particle;
		rb->len = b->len;
		rb->data = d;
		if (b->len > 0)
			memcpy(d, ms_wbin_data(wk, b), b->len);
		d += b->len;
	}
	/* the working set may point into old: copy before old is freed */
	ms_ns_put(ns, old, r);
	return r;
}

static int ms_apply_incr(ms_work *wk, const as_msg_op *op)
{
	ms_wbin *b;
	uint8_t v[8];

	if ((op->particle != AS_INTEGER && op->particle != AS_DOUBLE) || op->value_len != 8)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	b = ms_work_find(wk, op->name, op->name_len);
	if (b == NULL) {
		b = ms_work_slot(wk, op->name, op->name_len);
		b->particle = op->particle;
		b->len = 8;
		b->ptr = op->value;
		return AEROSPIKE_OK;
	}
	if (b->particle != op->particle)
		return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
	if (op->particle == AS_INTEGER) {
		/* two's complement wrap, computed unsigned to stay defined */
		uint64_t sum = as_get_u64(ms_wbin_data(wk, b)) + as_get_u64(op->value);

		as_put_u64(v, sum);
	} else {
		uint64_t a = as_get_u64(ms_wbin_data(wk, b)), c = as_get_u64(op->value);
		double da, dc;

		memcpy(&da, &a, 8);
		memcpy(&dc, &c, 8);
		da += dc;
		memcpy(&a, &da, 8);
		as_put_u64(v, a);
	}
	b->off = ms_work_keep(wk, v, 8);
	b->in_arena = 1;
	b->len = 8;
	return AEROSPIKE_OK;
}

static int ms_apply_concat(ms_work *wk, const as_msg_op *op, bool append)
{
	as_buffer *arena = &wk->sc->arena;
	ms_wbin *b;
	size_t off;

	if (op->particle != AS_STRING && op->particle != AS_BYTES)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	b = ms_work_find(wk, op->name, op->name_len);
	if (b == NULL) {
		b = ms_work_slot(wk, op->name, op->name_len);
		b->particle = op->particle;
		b->len = op->value_len;
		b->ptr = op->value;
		return AEROSPIKE_OK;
	}
	if (b->particle != op->particle)
		return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
	if ((uint64_t)b->len + op->value_len > UINT32_MAX)
		return AEROSPIKE_ERR_RECORD_TOO_BIG;
	/* reserve first: the arena may move and b may point into it */
	as_buffer_reserve(arena, (size_t)b->len + op->value_len);
	off = arena->len;
	if (append) {
		as_buffer_append(arena, ms_wbin_data(wk, b), b->len);
		as_buffer_append(arena, op->value, op->value_len);
	} else {
		as_buffer_append(arena, op->value, op->value_len);
		as_buffer_append(arena, ms_wbin_data(wk, b), b->len);
	}
	b->len += op->value_len;
	b->off = off;
	b->in_arena = 1;
	return AEROSPIKE_OK;
}

/* One command on its way: the working set and what the ops did so far. */
typedef struct ms_run {
	const ms_cmd *cmd;
	const ms_record *rec;  /* as stored before the command */
	ms_work wk;
	as_buffer *out;
	bool is_write, respond_all;
	bool touched, deleted, modified;
	uint16_t n_out;        /* ops answered */
	uint32_t now_cf;
} ms_run;

static bool ms_gen_fails(const ms_cmd *cmd, const ms_record *rec)
{
	return ((cmd->info2 & AS_INFO2_GENERATION) && cmd->gen != rec->gen) ||
	       ((cmd->info2 & AS_INFO2_GENERATION_GT) && cmd->gen <= rec->gen);
}

/* What the server checks before any op; AEROSPIKE_OK or the code to answer. */
static int ms_cmd_check(const ms_cmd *cmd, const ms_record *rec)
{
	if (!(cmd->info2 & AS_INFO2_WRITE))
		return rec == NULL ? AEROSPIKE_ERR_RECORD_NOT_FOUND : AEROSPIKE_OK;
	if (cmd->info2 & AS_INFO2_DELETE) {
		if (cmd->info2 & AS_INFO2_DURABLE_DELETE)
			return AEROSPIKE_ERR_ENTERPRISE_ONLY;  /* as Community Edition answers */
		if (rec == NULL)
			return AEROSPIKE_ERR_RECORD_NOT_FOUND;
		return ms_gen_fails(cmd, rec) ? AEROSPIKE_ERR_RECORD_GENERATION : AEROSPIKE_OK;
	}
	if (cmd->ops->h.n_ops == 0)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (rec != NULL && (cmd->info2 & AS_INFO2_CREATE_ONLY))
		return AEROSPIKE_ERR_RECORD_EXISTS;
	if (rec == NULL && (cmd->info3 & (AS_INFO3_UPDATE_ONLY | AS_INFO3_REPLACE_ONLY)))
		return AEROSPIKE_ERR_RECORD_NOT_FOUND;
	/* generation checks apply to existing records only */
	if (rec != NULL && ms_gen_fails(cmd, rec))
		return AEROSPIKE_ERR_RECORD_GENERATION;
	return AEROSPIKE_OK;
}

static void ms_op_read(ms_run *r, const as_msg_op *op)
{
	ms_wbin *b;

	if (op->name_len == 0) {
		for (size_t i = 0; i < r->wk.n; i++, r->n_out++)
			ms_wbin_emit(&r->wk, &r->wk.w[i], r->out);
	} else if ((b = ms_work_find(&r->wk, op->name, op->name_len)) != NULL) {
		ms_wbin_emit(&r->wk, b, r->out);
		r->n_out++;
	} else if (r->respond_all) {
		/* a missing bin still has its place in the answer */
		as_op_put(r->out, AS_OPERATOR_READ, 0, op->name, op->name_len, NULL, 0);
		r->n_out++;
	}
}

static int ms_op_write(ms_run *r, const as_msg_op *op)
{
	ms_wbin *b;

	if (op->name_len == 0 || memchr(op->name, 0, op->name_len) != NULL)
		return AEROSPIKE_ERR_BIN_NAME;
	if (op->particle == AS_NIL) {
		if ((b = ms_work_find(&r->wk, op->name, op->name_len)) != NULL)
			ms_work_del(&r->wk, b);
		return AEROSPIKE_OK;
	}
	if (!ms_particle_known(op->particle) || !ms_particle_len_ok(op->particle, op->value_len))
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (op->particle == AS_GEOJSON && !ms_geojson_valid(op->value, op->value_len))
		return AEROSPIKE_ERR_GEO_INVALID_GEOJSON;
	b = ms_work_slot(&r->wk, op->name, op->name_len);
	b->particle = op->particle;
	b->in_arena = 0;
	b->ptr = op->value;
	b->len = op->value_len;
	return AEROSPIKE_OK;
}

/* An op that changes the record (all but the reads); a write command only. */
static int ms_op_modify(ms_run *r, const as_msg_op *op)
{
	bool exists = r->rec != NULL || r->wk.n > 0;

	switch (op->op) {
	case AS_OPERATOR_WRITE:
		r->modified = true;
		return ms_op_write(r, op);
	case AS_OPERATOR_INCR:
	case AS_OPERATOR_APPEND:
	case AS_OPERATOR_PREPEND:
		if (op->name_len == 0)
			return AEROSPIKE_ERR_BIN_NAME;
		r->modified = true;
		return op->op == AS_OPERATOR_INCR ? ms_apply_incr(&r->wk, op) :
		       ms_apply_concat(&r->wk, op, op->op == AS_OPERATOR_APPEND);
	case AS_OPERATOR_TOUCH:
		if (!exists)
			return AEROSPIKE_ERR_RECORD_NOT_FOUND;
		r->touched = true;
		return AEROSPIKE_OK;
	case AS_OPERATOR_DELETE:
		if (!exists)
			return AEROSPIKE_ERR_RECORD_NOT_FOUND;
		r->wk.n = 0;
		r->deleted = true;
		r->modified = true;
		return AEROSPIKE_OK;
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
}

/* The collection, bit and HLL families share one shape: a read and a
 * modify op type, and an engine that answers with its result. */
typedef int (*ms_family_apply)(ms_work *wk, const as_msg_op *op, bool respond_all, as_buffer *out,
                               bool *emitted, bool *changed);

static int ms_op_family(ms_run *r, const as_msg_op *op, uint8_t modify_type, ms_family_apply apply)
{
	bool emitted, changed;
	int rc;

	if (op->op == modify_type && !r->is_write)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	/* the op answers with its result, not an echo */
	rc = apply(&r->wk, op, r->respond_all, r->out, &emitted, &changed);
	if (rc == AEROSPIKE_OK) {
		r->n_out += emitted;
		/* a modify op writes the record even when NO_FAIL left the
		 * value as it was (list_add_unique_no_fail) */
		r->modified |= changed || op->op == modify_type;
	}
	return rc;
}

static int ms_op_apply(ms_run *r, const as_msg_op *op)
{
	int rc;

	if (op->name_len > AS_BIN_NAME_MAX_LEN)
		return AEROSPIKE_ERR_BIN_NAME;
	switch (op->op) {
	case AS_OPERATOR_READ:
		ms_op_read(r, op);
		return AEROSPIKE_OK;
	case AS_OPERATOR_CDT_READ:
	case AS_OPERATOR_CDT_MODIFY:
		return ms_op_family(r, op, AS_OPERATOR_CDT_MODIFY, ms_cdt_apply);
	case AS_OPERATOR_BIT_READ:
	case AS_OPERATOR_BIT_MODIFY:
		return ms_op_family(r, op, AS_OPERATOR_BIT_MODIFY, ms_bit_apply);
	case AS_OPERATOR_HLL_READ:
	case AS_OPERATOR_HLL_MODIFY:
		return ms_op_family(r, op, AS_OPERATOR_HLL_MODIFY, ms_hll_apply);
	case AS_OPERATOR_EXP_READ:
	case AS_OPERATOR_EXP_MODIFY:
		if (op->op == AS_OPERATOR_EXP_MODIFY && !r->is_write)
			return AEROSPIKE_ERR_REQUEST_INVALID;
	{
		bool emitted, changed;

		rc = ms_exp_op_apply(&r->wk, r->rec, r->cmd->ns, r->now_cf, op, r->respond_all, r->out, &emitted,
		                     &changed);
		if (rc == AEROSPIKE_OK) {
			r->n_out += emitted;
			/* like a collection modify, it writes the record even when
			 * the bin stayed as it was (expop_write_eval_no_fail) */
			r->modified |= changed || op->op == AS_OPERATOR_EXP_MODIFY;
		}
		return rc;
	}
	default:
		if (!r->is_write)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		rc = ms_op_modify(r, op);
		if (rc == AEROSPIKE_OK && r->respond_all) {
			/* RESPOND_ALL_OPS echoes a write op: same op and name, no value */
			as_op_put(r->out, op->op, 0, op->name, op->name_len, NULL, 0);
			r->n_out++;
		}
		return rc;
	}
}

/* Store what the ops left, if they changed anything. AEROSPIKE_OK or the
 * code to answer; *rec becomes the record as it now stands (NULL: gone). */
static int ms_run_commit(ms_server *s, ms_run *r, ms_record **rec)
{
	const ms_cmd *cmd = r->cmd;
	ms_ns *ns = cmd->ns;
	uint64_t size;
	uint32_t gen;

	if (!r->is_write || !(r->modified || r->touched))
		return AEROSPIKE_OK;
	if (r->wk.n == 0) {
		/* no bins left: the record goes away; a write that would create
		 * a record without bins finds nothing (put_null_bin_missing_record) */
		if (*rec == NULL)
			return AEROSPIKE_ERR_RECORD_NOT_FOUND;
		if (*rec != NULL)
			ms_ns_remove(ns, *rec);
		*rec = NULL;
		return AEROSPIKE_OK;
	}
	size = ms_record_size(&r->wk, cmd->key != NULL && cmd->key_len > 0 ? cmd->key_len :
	                                  (*rec != NULL ? (*rec)->key_len + 1 : 0));
	if (size > s->max_record_size)
		return AEROSPIKE_ERR_RECORD_TOO_BIG;
	if (ns->mem_limit != 0 &&
	    ns->mem_used - (*rec != NULL ? (*rec)->mem : 0) + size + sizeof(ms_record) +
	    r->wk.n * sizeof(ms_bin) > ns->mem_limit)
		return AEROSPIKE_ERR_SERVER_FULL;
	gen = (*rec != NULL && !r->deleted) ? (*rec)->gen + 1 : 1;
	if (gen > MS_GEN_MAX)
		gen = 1;
	*rec = ms_commit(cmd, &r->wk, *rec, gen,
	                 ms_void_time(s, ns, cmd->ttl, r->deleted ? NULL : *rec), size);
	return AEROSPIKE_OK;
}

/* The header of the reply begun at `at`: on success the record as it now
 * stands and the ops answered after it; an error drops those ops, and
 * carries the stored generation where the server sends it. */
static void ms_cmd_reply(as_buffer *out, size_t at, int rc, const ms_record *rec,
                         uint32_t transaction_ttl, uint16_t n_ops)
{
	as_msg_header h;

	memset(&h, 0, sizeof(h));
	h.result_code = (uint8_t)rc;
	h.transaction_ttl = transaction_ttl;
	if (rc == AEROSPIKE_OK) {
		h.generation = rec != NULL ? rec->gen : 0;
		h.record_ttl = rec != NULL ? rec->void_time : 0;
		h.n_ops = n_ops;
	} else {
		out->len = at + AS_MSG_HEADER_SIZE;
		if (rec != NULL && (rc == AEROSPIKE_ERR_RECORD_GENERATION || rc == AEROSPIKE_ERR_RECORD_EXISTS ||
		                    rc == AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE ||
		                    rc == AEROSPIKE_ERR_FAIL_ELEMENT_NOT_FOUND ||
		                    rc == AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS || rc == AEROSPIKE_ERR_OP_NOT_APPLICABLE ||
		                    rc == AEROSPIKE_ERR_BIN_EXISTS ||
		                    rc == AEROSPIKE_ERR_BIN_NOT_FOUND))
			h.generation = rec->gen;
	}
	as_msg_end(out, at, &h);
}

void ms_cmd_execute(ms_server *s, const ms_cmd *cmd, uint32_t transaction_ttl, as_buffer *out)
{
	ms_record *rec = ms_ns_get(cmd->ns, cmd->digest, s->now_cf);
	size_t at = as_msg_begin(out);  /* filled in by ms_cmd_reply */
	const uint8_t *cur = NULL;
	as_msg_op op;
	ms_run r;
	int rc = cmd->filter != NULL ? ms_exp_filter_check(cmd->filter, cmd->filter_len) : AEROSPIKE_OK;
	bool by_filter = rc != AEROSPIKE_OK;

	if (rc == AEROSPIKE_OK)
		rc = ms_cmd_check(cmd, rec);
	if (rc == AEROSPIKE_OK && cmd->filter != NULL && rec != NULL) {
		/* on the record as stored; a missing record is not filtered out
		 * (filt_missing_record) */
		ms_work fw;

		ms_work_start(&fw, &s->scratch, rec);
		rc = ms_exp_filter(cmd->filter, cmd->filter_len, &fw, rec, cmd->ns, s->now_cf);
		by_filter = rc != AEROSPIKE_OK;
	}
	if (rc != AEROSPIKE_OK) {
		ms_cmd_reply(out, at, rc, rec, transaction_ttl, 0);
		/* a filter's refusal shows the stored generation, but not to a
		 * remove (filt_get_false, filt_non_bool, filt_remove_false) */
		if (by_filter && rec != NULL && !(cmd->info2 & AS_INFO2_DELETE))
			as_put_u32(out->data + at + 6, rec->gen);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.cmd = cmd;
	r.rec = rec;
	r.out = out;
	r.is_write = (cmd->info2 & AS_INFO2_WRITE) != 0;
	r.respond_all = (cmd->info2 & AS_INFO2_RESPOND_ALL_OPS) != 0;
	r.now_cf = s->now_cf;
	if (r.is_write && (cmd->info2 & AS_INFO2_DELETE)) {
		ms_ns_remove(cmd->ns, rec);
		ms_cmd_reply(out, at, AEROSPIKE_OK, NULL, transaction_ttl, 0);
		return;
	}
	ms_work_start(&r.wk, &s->scratch, rec);
	if (r.is_write && (cmd->info3 & (AS_INFO3_CREATE_OR_REPLACE | AS_INFO3_REPLACE_ONLY)))
		r.wk.n = 0;  /* replace: bins not in the request are dropped */

	if (!r.is_write && (cmd->info1 & AS_INFO1_NOBINDATA)) {
		/* exists: the header only */
	} else if (!r.is_write && cmd->ops->h.n_ops == 0) {
		/* get: all bins (GET_ALL) or, without it, the header only */
		if (cmd->info1 & AS_INFO1_GET_ALL) {
			for (size_t i = 0; i < r.wk.n; i++)
				ms_wbin_emit(&r.wk, &r.wk.w[i], out);
			r.n_out = (uint16_t)r.wk.n;
		}
	} else {
		while (rc == AEROSPIKE_OK && as_msg_next_op(cmd->ops, &cur, &op))
			rc = ms_op_apply(&r, &op);
		if (rc == AEROSPIKE_OK)
			rc = ms_run_commit(s, &r, &rec);
	}
	ms_cmd_reply(out, at, rc, rec, transaction_ttl, r.n_out);
}
