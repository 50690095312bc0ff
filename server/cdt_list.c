/* List operations (op codes 0..63): writes with the list write flags and
 * order, the legacy index ops, and the GET_BY_* / REMOVE_BY_* selectors
 * (REMOVE_BY_x = GET_BY_x + 13). An ordered list keeps its items sorted;
 * ops that place an item at an index are not applicable to it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <aerofuture/status.h>

#include "cdt_compare.h"
#include "cdt_ops.h"
#include "cdt_select.h"

enum {
	L_SET_TYPE = 0, L_APPEND = 1, L_APPEND_ITEMS = 2, L_INSERT = 3, L_INSERT_ITEMS = 4, L_POP = 5,
	L_POP_RANGE = 6, L_REMOVE = 7, L_REMOVE_RANGE = 8, L_SET = 9, L_TRIM = 10, L_CLEAR = 11,
	L_INCREMENT = 12, L_SORT = 13, L_SIZE = 16, L_GET = 17, L_GET_RANGE = 18,
	L_GET_BY_INDEX = 19, L_GET_BY_RANK = 21, L_GET_ALL_BY_VALUE = 22, L_GET_BY_VALUE_LIST = 23,
	L_GET_BY_INDEX_RANGE = 24, L_GET_BY_VALUE_INTERVAL = 25, L_GET_BY_RANK_RANGE = 26,
	L_GET_BY_VALUE_REL_RANK_RANGE = 27, L_REMOVE_OFFSET = 13
};

enum { LW_ADD_UNIQUE = 1, LW_INSERT_BOUNDED = 2, LW_NO_FAIL = 4, LW_PARTIAL = 8 };
enum { LS_DESCENDING = 1, LS_DROP_DUPLICATES = 2 };

static void list_insert_at(as_list *l, uint32_t at, as_value v)
{
	as_list_append(l, as_value_nil());
	memmove(&l->items[at + 1], &l->items[at], sizeof(*l->items) * (l->size - 1 - at));
	l->items[at] = v;
}

static void list_delete_at(as_list *l, uint32_t at)
{
	as_value_destroy(&l->items[at]);
	memmove(&l->items[at], &l->items[at + 1], sizeof(*l->items) * (l->size - 1 - at));
	l->size--;
}

static bool list_has(const as_list *l, const as_value *v)
{
	for (uint32_t i = 0; i < l->size; i++)
		if (ms_cdt_cmp(&l->items[i], v) == 0)
			return true;
	return false;
}

/* Where v goes in a sorted list: after the items equal to it. */
static uint32_t sorted_pos(const as_list *l, const as_value *v)
{
	uint32_t lo = 0, hi = l->size;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (ms_cdt_cmp(&l->items[mid], v) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void list_sort(as_list *l, int flags)
{
	ms_cdt_view vw;
	as_value *items;
	uint32_t n = 0;

	if (l->size == 0)
		return;  /* nothing to order; an empty list has no item array */
	items = malloc(sizeof(*items) * l->size);
	if (items == NULL)
		abort();
	ms_cdt_view_list(&vw, l);
	for (uint32_t r = 0; r < vw.n; r++) {
		uint32_t i = vw.by_rank[(flags & LS_DESCENDING) ? vw.n - 1 - r : r];

		if ((flags & LS_DROP_DUPLICATES) && n > 0 && ms_cdt_cmp(&items[n - 1], &l->items[i]) == 0) {
			as_value_destroy(&l->items[i]);
			continue;
		}
		items[n++] = l->items[i];
	}
	ms_cdt_view_free(&vw);
	memcpy(l->items, items, sizeof(*items) * n);
	l->size = n;
	free(items);
}

/* Insert items (at index at, or appended when at < 0) into l as the write
 * flags allow. 0, or the code to fail with. */
static int list_add(as_list *l, uint8_t order, const as_value *items, uint32_t n, int64_t at, int flags)
{
	as_list *added = as_list_new(n);
	int rc = AEROSPIKE_OK;

	if (at > (int64_t)l->size) {
		if ((flags & LW_INSERT_BOUNDED) || at - (int64_t)l->size > MS_CDT_MAX_PAD) {
			rc = AEROSPIKE_ERR_OP_NOT_APPLICABLE;
			goto out;
		}
	}
	for (uint32_t i = 0; i < n; i++) {
		if ((flags & LW_ADD_UNIQUE) && (list_has(l, &items[i]) || list_has(added, &items[i]))) {
			if (flags & LW_PARTIAL)
				continue;
			rc = AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS;
			goto out;
		}
		as_list_append(added, as_value_copy(&items[i]));
	}
	if (at > (int64_t)l->size)
		while (l->size < at)
			as_list_append(l, as_value_nil());
	for (uint32_t i = 0; i < added->size; i++) {
		as_value v = added->items[i];

		added->items[i] = as_value_nil();
		if (order)
			list_insert_at(l, sorted_pos(l, &v), v);
		else if (at < 0)
			as_list_append(l, v);
		else
			list_insert_at(l, (uint32_t)at + i, v);
	}
out:
	as_list_destroy(added);
	return rc;
}

/* A write failure that NO_FAIL turns into success without a change. */
static int soft_fail(int rc, int flags)
{
	if (rc == AEROSPIKE_OK || !(flags & LW_NO_FAIL))
		return rc;
	return rc == AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS || rc == AEROSPIKE_ERR_OP_NOT_APPLICABLE ? -1 : rc;
}

/* An index to insert at: negative from the back; before the front fails. */
static int64_t insert_index(int64_t idx, uint32_t n)
{
	return idx < 0 ? idx + (int64_t)n : idx;
}

static int list_write(as_list *l, uint8_t *order, const ms_cdt_op *op, as_value *res, bool *changed)
{
	const as_value *v = ms_cdt_arg(op, op->code == L_APPEND || op->code == L_APPEND_ITEMS ? 0 : 1);
	int64_t flags = 0, idx = -1, ord = 0;
	uint32_t before = l->size;
	const as_value *items;
	uint32_t n;
	int rc;

	if (v == NULL)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (op->code == L_APPEND || op->code == L_APPEND_ITEMS) {
		if (!ms_cdt_arg_int(op, 1, 0, &ord) || !ms_cdt_arg_int(op, 2, 0, &flags))
			return AEROSPIKE_ERR_REQUEST_INVALID;
	} else {
		if (!ms_cdt_arg_int(op, 0, 0, &idx) || !ms_cdt_arg_int(op, 2, 0, &flags))
			return AEROSPIKE_ERR_REQUEST_INVALID;
		if (*order)
			return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		idx = insert_index(idx, l->size);
		if (idx < 0) {
			/* before the front: nothing to pad, the insert cannot happen */
			if (soft_fail(AEROSPIKE_ERR_OP_NOT_APPLICABLE, (int)flags) > 0)
				return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
			*res = as_value_int(l->size);
			return AEROSPIKE_OK;
		}
	}
	if (before == 0 && op->code <= L_APPEND_ITEMS && ord == 1 && !*order) {
		/* the order policy applies to the list the op creates */
		*order = 1;
	}
	if (op->code == L_APPEND_ITEMS || op->code == L_INSERT_ITEMS) {
		if (v->type != AS_LIST)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		items = v->u.list->items;
		n = v->u.list->size;
	} else {
		items = v;
		n = 1;
	}
	rc = soft_fail(list_add(l, *order, items, n, idx, (int)flags), (int)flags);
	if (rc > 0)
		return rc;
	*changed = rc == 0 && l->size != before;
	*res = as_value_int(l->size);
	return AEROSPIKE_OK;
}

static int list_set(as_list *l, uint8_t order, const ms_cdt_op *op, bool *changed)
{
	const as_value *v = ms_cdt_arg(op, 1);
	int64_t idx, flags;

	if (v == NULL || !ms_cdt_arg_int(op, 0, 0, &idx) || !ms_cdt_arg_int(op, 2, 0, &flags))
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (order)
		return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	idx = insert_index(idx, l->size);
	if (idx < 0 || (idx >= l->size && (flags & LW_INSERT_BOUNDED)) || idx - (int64_t)l->size > MS_CDT_MAX_PAD)
		return soft_fail(AEROSPIKE_ERR_OP_NOT_APPLICABLE, (int)flags) < 0 ? AEROSPIKE_OK :
		       AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	if ((flags & LW_ADD_UNIQUE) && list_has(l, v))
		return soft_fail(AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS, (int)flags) < 0 ? AEROSPIKE_OK :
		       AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS;
	while (l->size <= idx)
		as_list_append(l, as_value_nil());
	as_value_destroy(&l->items[idx]);
	l->items[idx] = as_value_copy(v);
	*changed = true;
	return AEROSPIKE_OK;
}

static int list_increment(as_list *l, uint8_t order, const ms_cdt_op *op, as_value *res, bool *changed)
{
	const as_value *d = ms_cdt_arg(op, 1);
	as_value one = as_value_int(1), sum;
	int64_t idx;
	as_value *e;

	if (!ms_cdt_arg_int(op, 0, 0, &idx))
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (d == NULL)
		d = &one;
	if (d->type != AS_INTEGER && d->type != AS_DOUBLE)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	idx = insert_index(idx, l->size);
	if (idx < 0 || idx - (int64_t)l->size > MS_CDT_MAX_PAD)
		return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	while (l->size <= idx)
		as_list_append(l, as_value_nil());
	e = &l->items[idx];
	if (e->type == AS_NIL)
		sum = *d;
	else if (e->type == AS_INTEGER && d->type == AS_INTEGER)
		sum = as_value_int((int64_t)((uint64_t)e->u.i + (uint64_t)d->u.i));
	else if (e->type == AS_DOUBLE)
		sum = as_value_double(e->u.d + (d->type == AS_DOUBLE ? d->u.d : (double)d->u.i));
	else
		return AEROSPIKE_ERR_REQUEST_INVALID;
	*e = sum;
	*res = sum;
	if (order)
		list_sort(l, 0);
	*changed = true;
	return AEROSPIKE_OK;
}

/* Rebuild l without the selected items. */
static void list_remove_sel(as_list *l, const ms_cdt_view *vw, const ms_cdt_sel *s)
{
	bool *keep = malloc(sizeof(bool) * (l->size ? l->size : 1));
	uint32_t n = 0;

	if (keep == NULL)
		abort();
	ms_cdt_sel_mark(vw, s, keep);
	for (uint32_t i = 0; i < l->size; i++) {
		if (keep[i])
			l->items[n++] = l->items[i];
		else
			as_value_destroy(&l->items[i]);
	}
	l->size = n;
	free(keep);
}

/* The selector of a GET_BY_* code (args after the return type). */
static int list_select(const ms_cdt_view *vw, int64_t code, const ms_cdt_op *op, ms_cdt_sel *s)
{
	const as_value *v = ms_cdt_arg(op, 1);
	bool has_count = op->n > 2u + (code == L_GET_BY_VALUE_REL_RANK_RANGE);
	int64_t i = 0, c = 0, r = 0;

	if (v == NULL)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	switch (code) {
	case L_GET_BY_INDEX:
	case L_GET_BY_RANK:
	case L_GET_BY_INDEX_RANGE:
	case L_GET_BY_RANK_RANGE:
		if (!ms_cdt_arg_int(op, 1, 0, &i) || !ms_cdt_arg_int(op, 2, 0, &c))
			return AEROSPIKE_ERR_REQUEST_INVALID;
		if (code == L_GET_BY_INDEX || code == L_GET_BY_INDEX_RANGE)
			return ms_cdt_sel_index(vw, i, has_count, c, code == L_GET_BY_INDEX_RANGE, s);
		return ms_cdt_sel_rank(vw, i, has_count, c, code == L_GET_BY_RANK_RANGE, s);
	case L_GET_ALL_BY_VALUE:
		ms_cdt_sel_equal(vw, v, false, s);
		return AEROSPIKE_OK;
	case L_GET_BY_VALUE_LIST:
		return ms_cdt_sel_list(vw, v, false, s);
	case L_GET_BY_VALUE_INTERVAL:
		ms_cdt_sel_interval(vw, v, ms_cdt_arg(op, 2), false, s);
		return AEROSPIKE_OK;
	case L_GET_BY_VALUE_REL_RANK_RANGE:
		if (!ms_cdt_arg_int(op, 2, 0, &r) || !ms_cdt_arg_int(op, 3, 0, &c))
			return AEROSPIKE_ERR_REQUEST_INVALID;
		ms_cdt_sel_relative(vw, v, r, has_count, c, false, s);
		return AEROSPIKE_OK;
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
}

static int list_by(as_list *l, int64_t code, bool remove, const ms_cdt_op *op, as_value *res, bool *changed)
{
	ms_cdt_view vw;
	ms_cdt_sel s = { 0 };
	int64_t rt;
	int rc;

	if (!ms_cdt_arg_int(op, 0, 0, &rt) || op->n < 2)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	ms_cdt_view_list(&vw, l);
	rc = list_select(&vw, code, op, &s);
	if (rc == AEROSPIKE_OK && (rt & MS_RT_INVERTED)) {
		if (!s.multi)
			rc = AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		else
			ms_cdt_sel_invert(&vw, &s);
	}
	if (rc == AEROSPIKE_OK)
		rc = ms_cdt_sel_result(&vw, &s, rt, res);
	if (rc == AEROSPIKE_OK && remove && s.n > 0) {
		list_remove_sel(l, &vw, &s);
		*changed = true;
	}
	ms_cdt_sel_free(&s);
	ms_cdt_view_free(&vw);
	return rc;
}

/* The legacy index ops: GET/GET_RANGE, POP/POP_RANGE, REMOVE/REMOVE_RANGE, TRIM. */
static int list_legacy(as_list *l, const ms_cdt_op *op, as_value *res, bool *changed)
{
	bool range = op->code == L_GET_RANGE || op->code == L_POP_RANGE || op->code == L_REMOVE_RANGE ||
	             op->code == L_TRIM;
	bool take = op->code != L_GET && op->code != L_GET_RANGE;
	ms_cdt_view vw;
	ms_cdt_sel s = { 0 };
	int64_t idx, count;
	int rc;

	if (!ms_cdt_arg_int(op, 0, 0, &idx) || !ms_cdt_arg_int(op, 1, 0, &count) || op->n < 1)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	ms_cdt_view_list(&vw, l);
	rc = ms_cdt_sel_index(&vw, idx, op->n > 1, count, range, &s);
	if (rc == AEROSPIKE_OK) {
		if (op->code == L_TRIM)
			ms_cdt_sel_invert(&vw, &s);
		if (op->code == L_REMOVE || op->code == L_REMOVE_RANGE || op->code == L_TRIM)
			*res = as_value_int(s.n);
		else
			rc = ms_cdt_sel_result(&vw, &s, MS_RT_VALUE, res);
	}
	if (rc == AEROSPIKE_OK && take && s.n > 0) {
		list_remove_sel(l, &vw, &s);
		*changed = true;
	}
	ms_cdt_sel_free(&s);
	ms_cdt_view_free(&vw);
	return rc;
}

/* Ops that only take items away: nothing to do on an absent list. */
static bool is_remove_code(int64_t c)
{
	return (c >= L_POP && c <= L_REMOVE_RANGE) || c == L_TRIM || c == L_CLEAR ||
	       (c >= L_GET_BY_INDEX + L_REMOVE_OFFSET && c <= L_GET_BY_VALUE_REL_RANK_RANGE + L_REMOVE_OFFSET);
}

static bool is_write_code(int64_t c)
{
	return (c >= L_SET_TYPE && c <= L_SORT) || (c >= L_GET_BY_INDEX + L_REMOVE_OFFSET &&
	        c <= L_GET_BY_VALUE_REL_RANK_RANGE + L_REMOVE_OFFSET);
}

int ms_cdt_list_op(as_value *v, uint8_t *order, const ms_cdt_op *op, as_value *res, bool *changed)
{
	int64_t code = op->code, arg;
	bool created = false;
	as_list *l;
	int rc;

	*res = as_value_nil();
	*changed = false;
	if (is_write_code(code) && !op->modify)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (v->type == AS_NIL) {
		/* reads of an absent list give no value; writes create it */
		if (!is_write_code(code) || is_remove_code(code))
			return AEROSPIKE_OK;
		*v = as_value_list(as_list_new(4));
		*order = 0;
		created = true;
	}
	if (v->type != AS_LIST)
		return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
	l = v->u.list;
	switch (code) {
	case L_SET_TYPE:
		if (!ms_cdt_arg_int(op, 0, 0, &arg) || op->n < 1) {
			rc = AEROSPIKE_ERR_REQUEST_INVALID;
			break;
		}
		*order = (arg & 1) != 0;
		if (*order)
			list_sort(l, 0);
		*changed = true;
		rc = AEROSPIKE_OK;
		break;
	case L_APPEND:
	case L_APPEND_ITEMS:
	case L_INSERT:
	case L_INSERT_ITEMS:
		rc = list_write(l, order, op, res, changed);
		break;
	case L_SET:
		rc = list_set(l, *order, op, changed);
		break;
	case L_INCREMENT:
		rc = list_increment(l, *order, op, res, changed);
		break;
	case L_CLEAR:
		*changed = l->size > 0;
		while (l->size > 0)
			list_delete_at(l, l->size - 1);
		rc = AEROSPIKE_OK;
		break;
	case L_SORT:
		if (!ms_cdt_arg_int(op, 0, 0, &arg)) {
			rc = AEROSPIKE_ERR_REQUEST_INVALID;
			break;
		}
		list_sort(l, (int)arg);
		*changed = true;
		rc = AEROSPIKE_OK;
		break;
	case L_SIZE:
		*res = as_value_int(l->size);
		rc = AEROSPIKE_OK;
		break;
	case L_GET:
	case L_GET_RANGE:
	case L_POP:
	case L_POP_RANGE:
	case L_REMOVE:
	case L_REMOVE_RANGE:
	case L_TRIM:
		rc = list_legacy(l, op, res, changed);
		break;
	default:
		if (code >= L_GET_BY_INDEX && code <= L_GET_BY_VALUE_REL_RANK_RANGE && code != 20)
			rc = list_by(l, code, false, op, res, changed);
		else if (code >= L_GET_BY_INDEX + L_REMOVE_OFFSET && code != 20 + L_REMOVE_OFFSET &&
		         code <= L_GET_BY_VALUE_REL_RANK_RANGE + L_REMOVE_OFFSET)
			rc = list_by(l, code - L_REMOVE_OFFSET, true, op, res, changed);
		else
			rc = AEROSPIKE_ERR_REQUEST_INVALID;
		break;
	}
	if (rc != AEROSPIKE_OK)
		as_value_destroy(res);
	if (created && rc == AEROSPIKE_OK)
		*changed = true;
	return rc;
}
