/* Expression ops: EXP_READ (7) answers the expression's value under the
 * op's name; EXP_MODIFY (8) writes it to the op's bin. The op value is
 * [expression, flags] (notes section 7). Outcomes as captured in
 * expop_*: CREATE_ONLY on an existing bin 6, UPDATE_ONLY on a missing bin
 * 17 (POLICY_NO_FAIL: 0, nothing written), nil deletes the bin only with
 * ALLOW_DELETE (else 26), an evaluation failure 26 unless EVAL_NO_FAIL. */
#include "config.h"

#include <string.h>
#include <aerofuture/status.h>

#include "codec/encode.h"
#include "codec/msg.h"
#include "codec/proto.h"
#include "exp.h"

#define XW_CREATE_ONLY 1
#define XW_UPDATE_ONLY 2
#define XW_ALLOW_DELETE 4
#define XW_POLICY_NO_FAIL 8
#define XW_EVAL_NO_FAIL 16

/* Split [expression, flags] into the expression and the flags. */
static int parse_op_value(const as_msg_op *op, ms_exp **e, int64_t *flags)
{
	const uint8_t *p = op->value, *end = op->value + op->value_len;
	size_t used;
	uint64_t v = 0;
	int rc;

	*e = NULL;
	if (op->value_len < 3 || p[0] != 0x92)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	p++;
	if ((rc = ms_exp_parse(p, (size_t)(end - p), e, &used)) != AEROSPIKE_OK)
		return rc;
	p += used;
	/* flags: a positive int */
	if (p < end && *p < 0x80) {
		v = *p++;
	} else if (p < end && *p >= 0xcc && *p <= 0xce) {
		size_t n = (size_t)1 << (*p - 0xcc);

		if ((size_t)(end - p) < n + 1) {
			p = end + 1;
		} else {
			for (size_t i = 1; i <= n; i++)
				v = v << 8 | p[i];
			p += n + 1;
		}
	} else {
		p = end + 1;
	}
	if (p != end || v > 31) {
		ms_exp_free(*e);
		*e = NULL;
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
	*flags = (int64_t)v;
	return AEROSPIKE_OK;
}

/* Store v as the bin named by op, as its particle. */
static int write_bin(ms_work *wk, const as_msg_op *op, const as_value *v)
{
	as_buffer *arena = &wk->sc->arena;
	size_t off = arena->len;
	uint8_t particle = 0;
	as_error err;
	ms_wbin *b;

	if (v->type == AS_GEOJSON) {
		/* a new GeoJSON particle: no flags, no cells, then the text */
		static const uint8_t head[3] = { 0, 0, 0 };

		as_buffer_append(arena, head, sizeof(head));
		as_buffer_append(arena, v->u.str, v->len);
		particle = AS_GEOJSON;
	} else if (as_value_to_particle(arena, v, &particle, &err) != AEROSPIKE_OK) {
		arena->len = off;
		return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	}
	b = ms_work_slot(wk, op->name, op->name_len);
	b->particle = particle;
	b->in_arena = 1;
	b->off = off;
	b->len = (uint32_t)(arena->len - off);
	return AEROSPIKE_OK;
}

int ms_exp_op_apply(ms_work *wk, const ms_record *rec, const ms_ns *ns, uint32_t now_cf,
                    const as_msg_op *op, bool respond_all, as_buffer *out, bool *emitted, bool *changed)
{
	ms_exp_env env;
	as_value v = as_value_nil();
	int64_t flags;
	ms_exp *e;
	ms_wbin *b;
	bool no_fail;
	int rc;

	*emitted = false;
	*changed = false;
	if (op->name_len == 0 || memchr(op->name, 0, op->name_len) != NULL)
		return AEROSPIKE_ERR_BIN_NAME;
	if ((rc = parse_op_value(op, &e, &flags)) != AEROSPIKE_OK)
		return rc;
	memset(&env, 0, sizeof(env));
	env.wk = wk;
	env.rec = rec;
	env.ns = ns;
	env.now_cf = now_cf;
	rc = ms_exp_eval(e, &env, &v);
	ms_exp_free(e);
	if (rc == MS_EXP_UNKNOWN)
		rc = (flags & XW_EVAL_NO_FAIL) ? AEROSPIKE_OK : AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	else if (rc == AEROSPIKE_OK && op->op == AS_OPERATOR_EXP_MODIFY) {
		b = ms_work_find(wk, op->name, op->name_len);
		no_fail = (flags & XW_POLICY_NO_FAIL) != 0;
		if (b != NULL && (flags & XW_CREATE_ONLY))
			rc = no_fail ? AEROSPIKE_OK : AEROSPIKE_ERR_BIN_EXISTS;
		else if (b == NULL && (flags & XW_UPDATE_ONLY))
			rc = no_fail ? AEROSPIKE_OK : AEROSPIKE_ERR_BIN_NOT_FOUND;
		else if (v.type == AS_NIL) {
			if (flags & XW_ALLOW_DELETE) {
				if (b != NULL) {
					ms_work_del(wk, b);
					*changed = true;
				}
			} else if (!no_fail) {
				rc = AEROSPIKE_ERR_OP_NOT_APPLICABLE;
			}
		} else if ((rc = write_bin(wk, op, &v)) == AEROSPIKE_OK) {
			*changed = true;
		}
		as_value_destroy(&v);
		v = as_value_nil();  /* a write answers with no value */
	}
	if (rc == AEROSPIKE_OK && (respond_all || v.type != AS_NIL)) {
		ms_op_result_emit(out, op, &v);
		*emitted = true;
	}
	as_value_destroy(&v);
	return rc;
}
