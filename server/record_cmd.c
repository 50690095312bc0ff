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

#include "codec/pack.h"
#include "codec/proto.h"
#include "codec/reply.h"
#include "cdt.h"
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

/* Echo of a write op for RESPOND_ALL_OPS: same op and name, no value. */
static void ms_emit_echo(as_buffer *out, const as_msg_op *op)
{
	as_op_put(out, op->op, 0, op->name, op->name_len, NULL, 0);
}

void ms_cmd_execute(ms_server *s, const ms_cmd *cmd, uint32_t transaction_ttl, as_buffer *out)
{
	ms_ns *ns = cmd->ns;
	ms_record *rec = ms_ns_get(ns, cmd->digest, s->now_cf);
	bool is_write = (cmd->info2 & AS_INFO2_WRITE) != 0;
	bool respond_all = (cmd->info2 & AS_INFO2_RESPOND_ALL_OPS) != 0;
	ms_work wk;
	size_t start = out->len;
	uint16_t n_out = 0;
	bool touched = false, deleted = false, modified = false;
	const uint8_t *cur = NULL;
	as_msg_op op;
	as_msg_header h;
	int rc = AEROSPIKE_OK;
	uint32_t gen, void_time;

	if (is_write && (cmd->info2 & AS_INFO2_DELETE)) {
		if (cmd->info2 & AS_INFO2_DURABLE_DELETE) {
			/* Community Edition answers durable deletes like this */
			as_reply_header(out, AEROSPIKE_ERR_ENTERPRISE_ONLY, 0, 0, transaction_ttl, 0);
			return;
		}
		if (rec == NULL) {
			as_reply_header(out, AEROSPIKE_ERR_RECORD_NOT_FOUND, 0, 0, transaction_ttl, 0);
			return;
		}
		if (((cmd->info2 & AS_INFO2_GENERATION) && cmd->gen != rec->gen) ||
		    ((cmd->info2 & AS_INFO2_GENERATION_GT) && cmd->gen <= rec->gen)) {
			as_reply_header(out, AEROSPIKE_ERR_RECORD_GENERATION, rec->gen, 0, transaction_ttl, 0);
			return;
		}
		ms_ns_remove(ns, rec);
		as_reply_header(out, AEROSPIKE_OK, 0, 0, transaction_ttl, 0);
		return;
	}

	if (is_write) {
		if (cmd->ops->h.n_ops == 0) {
			as_reply_header(out, AEROSPIKE_ERR_REQUEST_INVALID, 0, 0, transaction_ttl, 0);
			return;
		}
		if (rec != NULL && (cmd->info2 & AS_INFO2_CREATE_ONLY)) {
			as_reply_header(out, AEROSPIKE_ERR_RECORD_EXISTS, rec->gen, 0, transaction_ttl, 0);
			return;
		}
		if (rec == NULL && (cmd->info3 & (AS_INFO3_UPDATE_ONLY | AS_INFO3_REPLACE_ONLY))) {
			as_reply_header(out, AEROSPIKE_ERR_RECORD_NOT_FOUND, 0, 0, transaction_ttl, 0);
			return;
		}
		/* generation checks apply to existing records only */
		if (rec != NULL && (((cmd->info2 & AS_INFO2_GENERATION) && cmd->gen != rec->gen) ||
		                    ((cmd->info2 & AS_INFO2_GENERATION_GT) && cmd->gen <= rec->gen))) {
			as_reply_header(out, AEROSPIKE_ERR_RECORD_GENERATION, rec->gen, 0, transaction_ttl, 0);
			return;
		}
	} else if (rec == NULL) {
		as_reply_header(out, AEROSPIKE_ERR_RECORD_NOT_FOUND, 0, 0, transaction_ttl, 0);
		return;
	}

	ms_work_start(&wk, &s->scratch, rec);
	if (is_write && (cmd->info3 & (AS_INFO3_CREATE_OR_REPLACE | AS_INFO3_REPLACE_ONLY)))
		wk.n = 0;  /* replace: bins not in the request are dropped */

	/* reply header now, counts filled in at the end */
	as_msg_begin(out);

	if (!is_write && (cmd->info1 & AS_INFO1_NOBINDATA)) {
		goto done;
	}
	if (!is_write && cmd->ops->h.n_ops == 0) {
		/* get: all bins (GET_ALL) or, without it, the header only */
		if (cmd->info1 & AS_INFO1_GET_ALL) {
			for (size_t i = 0; i < wk.n; i++)
				ms_wbin_emit(&wk, &wk.w[i], out);
			n_out = (uint16_t)wk.n;
		}
		goto done;
	}

	while (rc == AEROSPIKE_OK && as_msg_next_op(cmd->ops, &cur, &op)) {
		ms_wbin *b;

		if (op.name_len > AS_BIN_NAME_MAX_LEN) {
			rc = AEROSPIKE_ERR_BIN_NAME;
			break;
		}
		switch (op.op) {
		case 1: /* READ */
			if (op.name_len == 0) {
				for (size_t i = 0; i < wk.n; i++, n_out++)
					ms_wbin_emit(&wk, &wk.w[i], out);
			} else if ((b = ms_work_find(&wk, op.name, op.name_len)) != NULL) {
				ms_wbin_emit(&wk, b, out);
				n_out++;
			} else if (respond_all) {
				as_op_put(out, 1, 0, op.name, op.name_len, NULL, 0);
				n_out++;
			}
			break;
		case 2: /* WRITE */
			if (!is_write) {
				rc = AEROSPIKE_ERR_REQUEST_INVALID;
				break;
			}
			if (op.name_len == 0 || memchr(op.name, 0, op.name_len) != NULL) {
				rc = AEROSPIKE_ERR_BIN_NAME;
				break;
			}
			if (op.particle == AS_NIL) {
				if ((b = ms_work_find(&wk, op.name, op.name_len)) != NULL)
					ms_work_del(&wk, b);
			} else {
				if (!ms_particle_known(op.particle) || !ms_particle_len_ok(op.particle, op.value_len)) {
					rc = AEROSPIKE_ERR_REQUEST_INVALID;
					break;
				}
				b = ms_work_slot(&wk, op.name, op.name_len);
				b->particle = op.particle;
				b->in_arena = 0;
				b->ptr = op.value;
				b->len = op.value_len;
			}
			modified = true;
			if (respond_all) {
				ms_emit_echo(out, &op);
				n_out++;
			}
			break;
		case 5: /* INCR */
		case 9: /* APPEND */
		case 10: /* PREPEND */
			if (!is_write) {
				rc = AEROSPIKE_ERR_REQUEST_INVALID;
				break;
			}
			if (op.name_len == 0) {
				rc = AEROSPIKE_ERR_BIN_NAME;
				break;
			}
			rc = op.op == 5 ? ms_apply_incr(&wk, &op) : ms_apply_concat(&wk, &op, op.op == 9);
			modified = true;
			if (rc == AEROSPIKE_OK && respond_all) {
				ms_emit_echo(out, &op);
				n_out++;
			}
			break;
		case 11: /* TOUCH */
			if (!is_write) {
				rc = AEROSPIKE_ERR_REQUEST_INVALID;
				break;
			}
			if (rec == NULL && wk.n == 0) {
				rc = AEROSPIKE_ERR_RECORD_NOT_FOUND;
				break;
			}
			touched = true;
			if (respond_all) {
				ms_emit_echo(out, &op);
				n_out++;
			}
			break;
		case 14: /* DELETE record */
			if (!is_write) {
				rc = AEROSPIKE_ERR_REQUEST_INVALID;
				break;
			}
			if (rec == NULL && wk.n == 0) {
				rc = AEROSPIKE_ERR_RECORD_NOT_FOUND;
				break;
			}
			wk.n = 0;
			deleted = true;
			modified = true;
			if (respond_all) {
				ms_emit_echo(out, &op);
				n_out++;
			}
			break;
		case 3: /* CDT read */
		case 4: /* CDT modify */
			if (op.op == 4 && !is_write) {
				rc = AEROSPIKE_ERR_REQUEST_INVALID;
				break;
			}
			rc = ms_cdt_apply(&wk, &op, out);
			if (rc == AEROSPIKE_OK) {
				n_out++;
				if (op.op == 4)
					modified = true;
			}
			break;
		default:
			rc = AEROSPIKE_ERR_REQUEST_INVALID;
			break;
		}
	}

	if (rc != AEROSPIKE_OK) {
		bool with_gen = rc == AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE || rc == AEROSPIKE_ERR_RECORD_GENERATION;

		out->len = start;
		as_reply_header(out, (uint8_t)rc, with_gen && rec != NULL ? rec->gen : 0, 0,
		                    transaction_ttl, 0);
		return;
	}

	if (is_write && (modified || touched)) {
		uint64_t size;

		if (wk.n == 0) {
			/* no bins left: the record goes away */
			if (rec == NULL && deleted)
				goto not_found;
			if (rec != NULL)
				ms_ns_remove(ns, rec);
			rec = NULL;
			goto done;
		}
		size = ms_record_size(&wk, cmd->key != NULL && cmd->key_len > 0 ? cmd->key_len :
		                                   (rec != NULL ? rec->key_len + 1 : 0));
		if (size > s->max_record_size) {
			out->len = start;
			as_reply_header(out, AEROSPIKE_ERR_RECORD_TOO_BIG, 0, 0, transaction_ttl, 0);
			return;
		}
		if (ns->mem_limit != 0 &&
		    ns->mem_used - (rec != NULL ? rec->mem : 0) + size + sizeof(ms_record) +
		    wk.n * sizeof(ms_bin) > ns->mem_limit) {
			out->len = start;
			as_reply_header(out, AEROSPIKE_ERR_SERVER_FULL, 0, 0, transaction_ttl, 0);
			return;
		}
		gen = (rec != NULL && !deleted) ? rec->gen + 1 : 1;
		if (gen > MS_GEN_MAX)
			gen = 1;
		void_time = ms_void_time(s, ns, cmd->ttl, deleted ? NULL : rec);
		rec = ms_commit(cmd, &wk, rec, gen, void_time, size);
	}
done:
	memset(&h, 0, sizeof(h));
	h.generation = rec != NULL ? rec->gen : 0;
	h.record_ttl = rec != NULL ? rec->void_time : 0;
	h.transaction_ttl = transaction_ttl;
	h.n_ops = n_out;
	as_msg_end(out, start, &h);
	return;
not_found:
	out->len = start;
	as_reply_header(out, AEROSPIKE_ERR_RECORD_NOT_FOUND, 0, 0, transaction_ttl, 0);
}
