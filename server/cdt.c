/* Collection ops on a command's working set: decode the op's payload and
 * the bin, run the engine (cdt_eval.c), store the bin when it changed and
 * answer with the result. A list bin's order lives only in its stored
 * bytes (an ext header as the first element), so it is read from them and
 * written back with them. */
#include "config.h"

#include <string.h>

#include "cdt.h"
#include <aerofuture/operations.h>

#include "codec/msgpack.h"

/* Does a stored list start with the ordered-list ext header (c7 00 01)? */
static uint8_t stored_list_order(const uint8_t *p, size_t len)
{
	size_t h;

	if (len < 1)
		return 0;
	if ((p[0] & 0xf0) == 0x90)
		h = 1;
	else if (p[0] == 0xdc)
		h = 3;
	else if (p[0] == 0xdd)
		h = 5;
	else
		return 0;
	return len >= h + 3 && p[h] == 0xc7 && p[h + 1] == 0 && (p[h + 2] & 1) ? 1 : 0;
}

static void pack_array_header(as_buffer *b, uint32_t n)
{
	uint8_t h[5];

	if (n < 16) {
		h[0] = (uint8_t)(0x90 | n);
		as_buffer_append(b, h, 1);
	} else if (n <= 0xffff) {
		h[0] = 0xdc;
		h[1] = (uint8_t)(n >> 8);
		h[2] = (uint8_t)n;
		as_buffer_append(b, h, 3);
	} else {
		h[0] = 0xdd;
		h[1] = (uint8_t)(n >> 24);
		h[2] = (uint8_t)(n >> 16);
		h[3] = (uint8_t)(n >> 8);
		h[4] = (uint8_t)n;
		as_buffer_append(b, h, 5);
	}
}

/* v as stored: an ordered list gets its ext header, counted as an item. */
static int pack_bin(as_buffer *b, const as_value *v, uint8_t list_order)
{
	static const uint8_t ordered[3] = { 0xc7, 0x00, 0x01 };
	as_error err;

	if (v->type != AS_LIST || !list_order)
		return as_msgpack_pack(b, v, &err) == AEROSPIKE_OK ? AEROSPIKE_OK : AEROSPIKE_ERR_REQUEST_INVALID;
	pack_array_header(b, v->u.list->size + 1);
	as_buffer_append(b, ordered, sizeof(ordered));
	for (uint32_t i = 0; i < v->u.list->size; i++)
		if (as_msgpack_pack(b, &v->u.list->items[i], &err) != AEROSPIKE_OK)
			return AEROSPIKE_ERR_REQUEST_INVALID;
	return AEROSPIKE_OK;
}

/* Store v as bin op->name (msgpack in the arena). */
static int store(ms_work *wk, const as_msg_op *op, const as_value *v, uint8_t list_order)
{
	as_buffer *arena = &wk->sc->arena;
	size_t off = arena->len;
	ms_wbin *b;

	if (pack_bin(arena, v, list_order) != AEROSPIKE_OK) {
		arena->len = off;
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
	b = ms_work_slot(wk, op->name, op->name_len);
	b->particle = v->type;
	b->in_arena = 1;
	b->off = off;
	b->len = (uint32_t)(arena->len - off);
	return AEROSPIKE_OK;
}

/* The bin's value as the engine sees it: nil when absent. */
static int load(ms_work *wk, const as_msg_op *op, as_value *v, uint8_t *list_order)
{
	ms_wbin *b = ms_work_find(wk, op->name, op->name_len);
	const uint8_t *p;
	as_error err;
	size_t used;

	*v = as_value_nil();
	*list_order = 0;
	if (b == NULL)
		return AEROSPIKE_OK;
	if (b->particle != AS_LIST && b->particle != AS_MAP)
		return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
	p = ms_wbin_data(wk, b);
	if (as_msgpack_unpack(p, b->len, v, &used, &err) != AEROSPIKE_OK || v->type != b->particle) {
		as_value_destroy(v);
		*v = as_value_nil();
		return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
	}
	if (v->type == AS_LIST)
		*list_order = stored_list_order(p, b->len);
	return AEROSPIKE_OK;
}

int ms_cdt_apply(ms_work *wk, const as_msg_op *op, bool respond_all, as_buffer *out, bool *emitted,
                 bool *changed)
{
	as_value payload = as_value_nil(), bin = as_value_nil(), result = as_value_nil();
	uint8_t list_order = 0;
	size_t used;
	as_error err;
	int rc;

	*emitted = false;
	*changed = false;
	if (op->name_len == 0)
		return AEROSPIKE_ERR_BIN_NAME;
	if (as_msgpack_unpack(op->value, op->value_len, &payload, &used, &err) != AEROSPIKE_OK)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	rc = load(wk, op, &bin, &list_order);
	if (rc == AEROSPIKE_OK)
		rc = ms_cdt_eval(&bin, &list_order, &payload, op->op == AS_OPERATOR_CDT_MODIFY, &result, changed);
	if (rc == AEROSPIKE_OK && *changed)
		rc = store(wk, op, &bin, list_order);
	if (rc == AEROSPIKE_OK && (result.type != AS_NIL || respond_all)) {
		ms_op_result_emit(out, op, &result);
		*emitted = true;
	}
	as_value_destroy(&result);
	as_value_destroy(&bin);
	as_value_destroy(&payload);
	return rc;
}
