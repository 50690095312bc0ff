/* Context walking. A create flag on a context item describes the
 * container that item indexes: the bin itself when it is absent
 * (ctx_map_key_create_missing_bin) or a list that may be padded with nil
 * up to the index (ctx_list_index_create, 0x80). A missing element is made
 * as the next item (or the op) needs it: a list or a map. */
#include "config.h"

#include <aerofuture/status.h>

#include "cdt_compare.h"
#include "cdt_ctx.h"
#include "cdt_ops.h"
#include "cdt_select.h"

static bool is_list_type(int64_t t)
{
	return (t & 0x30) == 0x10;
}

/* Map order of a map made for a context item with these flags. */
static uint8_t created_map_order(int64_t t)
{
	switch (t & MS_CTX_CREATE_MASK) {
	case 0x80: return AS_MAP_KEY_ORDERED;
	case 0xc0: return AS_MAP_KEY_VALUE_ORDERED;
	default: return AS_MAP_UNORDERED;
	}
}

/* An empty container as item t needs it. */
static as_value empty_for(int64_t t)
{
	as_map *m;

	if (is_list_type(t))
		return as_value_list(as_list_new(1));
	m = as_map_new(1);
	m->order = created_map_order(t);
	return as_value_map(m);
}

static as_value *map_find(as_map *m, const as_value *k, bool by_key)
{
	for (uint32_t i = 0; i < m->size; i++)
		if (ms_cdt_cmp(by_key ? &m->entries[i].key : &m->entries[i].value, k) == 0)
			return &m->entries[i].value;
	return NULL;
}

/* The element at rank or index i of a list/map, or NULL. */
static as_value *by_position(as_value *cur, int64_t i, bool rank)
{
	ms_cdt_view vw;
	ms_cdt_sel s = { 0 };
	as_value *e = NULL;

	if (cur->type == AS_LIST)
		ms_cdt_view_list(&vw, cur->u.list);
	else
		ms_cdt_view_map(&vw, cur->u.map);
	if ((rank ? ms_cdt_sel_rank(&vw, i, false, 0, false, &s) : ms_cdt_sel_index(&vw, i, false, 0, false, &s)) ==
	    AEROSPIKE_OK)
		e = (as_value *)vw.vals[s.idx[0]];
	ms_cdt_sel_free(&s);
	ms_cdt_view_free(&vw);
	return e;
}

/* One step from cur by item (t, key); next_t is the item after it (or
 * -1 for the op: then list_op decides what a created element is). */
static int step(as_value *cur, int64_t t, const as_value *key, int64_t next_t, bool create, bool list_op,
                as_value **out)
{
	int64_t base = t & ~(int64_t)MS_CTX_CREATE_MASK;
	int64_t mk = next_t >= 0 ? next_t : (list_op ? MS_CTX_LIST_INDEX : MS_CTX_MAP_KEY);
	bool make = create && (t & MS_CTX_CREATE_MASK) != 0;

	*out = NULL;
	if (is_list_type(base) ? cur->type != AS_LIST : cur->type != AS_MAP)
		return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	switch (base) {
	case MS_CTX_LIST_INDEX: {
		as_list *l = cur->u.list;
		int64_t i;

		if (key->type != AS_INTEGER)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		i = key->u.i < 0 ? key->u.i + (int64_t)l->size : key->u.i;
		if (i >= 0 && i < (int64_t)l->size) {
			*out = &l->items[i];
			return AEROSPIKE_OK;
		}
		/* only an unbounded (0x80) list may be padded past its end */
		if (!make || i < 0 || (i > (int64_t)l->size && (t & MS_CTX_CREATE_MASK) != 0x80) ||
		    i - (int64_t)l->size > MS_CDT_MAX_PAD)
			return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		while ((int64_t)l->size < i)
			as_list_append(l, as_value_nil());
		as_list_append(l, empty_for(mk));
		*out = &l->items[l->size - 1];
		return AEROSPIKE_OK;
	}
	case MS_CTX_MAP_KEY:
		*out = map_find(cur->u.map, key, true);
		if (*out == NULL && make) {
			as_map_put(cur->u.map, as_value_copy(key), empty_for(mk));
			/* key-ordered maps are put back in order when written */
			*out = map_find(cur->u.map, key, true);
		}
		return *out != NULL ? AEROSPIKE_OK : AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	case MS_CTX_LIST_VALUE:
		for (uint32_t i = 0; i < cur->u.list->size && *out == NULL; i++)
			if (ms_cdt_cmp(&cur->u.list->items[i], key) == 0)
				*out = &cur->u.list->items[i];
		return *out != NULL ? AEROSPIKE_OK : AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	case MS_CTX_MAP_VALUE:
		*out = map_find(cur->u.map, key, false);
		return *out != NULL ? AEROSPIKE_OK : AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	case MS_CTX_LIST_RANK:
	case MS_CTX_MAP_INDEX:
	case MS_CTX_MAP_RANK:
		if (key->type != AS_INTEGER)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		*out = by_position(cur, key->u.i, base != MS_CTX_MAP_INDEX);
		return *out != NULL ? AEROSPIKE_OK : AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
}

int ms_cdt_ctx_resolve(as_value *top, uint8_t *top_order, const as_list *ctx, bool create, bool list_op,
                       as_value **target)
{
	as_value *cur = top;

	*target = NULL;
	if (ctx->size == 0 || ctx->size % 2 != 0)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	for (uint32_t i = 0; i < ctx->size; i += 2)
		if (ctx->items[i].type != AS_INTEGER)
			return AEROSPIKE_ERR_REQUEST_INVALID;
	if (top->type == AS_NIL) {
		int64_t t = ctx->items[0].u.i;

		if (!create)
			return AEROSPIKE_OK;
		if ((t & MS_CTX_CREATE_MASK) == 0)
			return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		*top = empty_for(t);
		*top_order = is_list_type(t) && (t & MS_CTX_CREATE_MASK) == 0xc0;
	}
	if (is_list_type(ctx->items[0].u.i) ? top->type != AS_LIST : top->type != AS_MAP)
		return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
	for (uint32_t i = 0; i < ctx->size; i += 2) {
		int64_t next = i + 2 < ctx->size ? ctx->items[i + 2].u.i : -1;
		int rc = step(cur, ctx->items[i].u.i, &ctx->items[i + 1], next, create, list_op, &cur);

		if (rc != AEROSPIKE_OK)
			return rc;
	}
	*target = cur;
	return AEROSPIKE_OK;
}
