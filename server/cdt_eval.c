/* The CDT engine's entry point: split a payload into context and op, walk
 * the context, and hand the op to the list or map code by its op code
 * (lists 0..63, maps 64..127). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <aerofuture/status.h>

#include "cdt.h"
#include "cdt_ctx.h"
#include "cdt_ops.h"
#include "cdt_select.h"

/* Marks a payload that starts with a context (notes.txt section 2). */
#define CDT_CTX_MARK 0xff

/* Key-ordered maps anywhere in v back in key order, after ops that may
 * have added keys to them through a context. */
static void reorder_all(as_value *v, int depth)
{
	if (depth > 64)
		return;
	if (v->type == AS_LIST) {
		for (uint32_t i = 0; i < v->u.list->size; i++)
			reorder_all(&v->u.list->items[i], depth + 1);
	} else if (v->type == AS_MAP) {
		as_map *m = v->u.map;

		for (uint32_t i = 0; i < m->size; i++)
			reorder_all(&m->entries[i].value, depth + 1);
		if ((m->order & AS_MAP_KEY_ORDERED) && m->size > 1) {
			ms_cdt_view vw;
			as_map_entry *e = malloc(sizeof(*e) * m->size);

			if (e == NULL)
				abort();
			ms_cdt_view_map(&vw, m);
			for (uint32_t i = 0; i < m->size; i++)
				e[i] = m->entries[vw.pos[i]];
			memcpy(m->entries, e, sizeof(*e) * m->size);
			ms_cdt_view_free(&vw);
			free(e);
		}
	}
}

int ms_cdt_eval(as_value *v, uint8_t *list_order, const as_value *payload, bool modify, as_value *result,
                bool *changed)
{
	const as_list *ctx = NULL, *body;
	uint8_t nested_order = 0, *order = list_order;
	as_value *target = v;
	ms_cdt_op op;
	int rc;

	*result = as_value_nil();
	*changed = false;
	if (payload->type != AS_LIST || payload->u.list->size < 1)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	body = payload->u.list;
	if (body->items[0].type == AS_INTEGER && body->items[0].u.i == CDT_CTX_MARK) {
		if (body->size != 3 || body->items[1].type != AS_LIST || body->items[2].type != AS_LIST)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		ctx = body->items[1].u.list;
		body = body->items[2].u.list;
	}
	if (body->size < 1 || body->items[0].type != AS_INTEGER)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	op.code = body->items[0].u.i;
	op.a = body->items + 1;
	op.n = body->size - 1;
	op.modify = modify;
	if (op.code < 0 || op.code > 127)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (ctx != NULL) {
		rc = ms_cdt_ctx_resolve(v, list_order, ctx, modify, ms_cdt_is_list_code(op.code), &target);
		if (rc != AEROSPIKE_OK || target == NULL)
			return rc;
		/* nested lists are handled as unordered: as_list has no order */
		if (target != v)
			order = &nested_order;
	}
	if (ms_cdt_is_list_code(op.code))
		rc = ms_cdt_list_op(target, order, &op, result, changed);
	else
		rc = ms_cdt_map_op(target, &op, result, changed);
	if (rc == AEROSPIKE_OK && *changed && ctx != NULL)
		reorder_all(v, 0);
	return rc;
}
