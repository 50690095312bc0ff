/* Map operations (op codes 64..127): puts with the map write flags and
 * order, increments, and the GET_BY_* / REMOVE_BY_* selectors. A map's
 * index is its keys' sorted order whatever the map's own order; a
 * key-ordered map also stores its entries in that order, an unordered one
 * in insertion order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <aerofuture/status.h>

#include "cdt_compare.h"
#include "cdt_ops.h"
#include "cdt_select.h"

enum {
	M_SET_TYPE = 64, M_ADD = 65, M_ADD_ITEMS = 66, M_PUT = 67, M_PUT_ITEMS = 68, M_REPLACE = 69,
	M_REPLACE_ITEMS = 70, M_INCREMENT = 73, M_DECREMENT = 74, M_CLEAR = 75,
	M_REMOVE_BY_KEY = 76, M_REMOVE_BY_INDEX = 77, M_REMOVE_BY_VALUE = 78, M_REMOVE_BY_RANK = 79,
	M_REMOVE_BY_KEY_LIST = 81, M_REMOVE_ALL_BY_VALUE = 82, M_REMOVE_BY_VALUE_LIST = 83,
	M_REMOVE_BY_KEY_INTERVAL = 84, M_REMOVE_BY_INDEX_RANGE = 85, M_REMOVE_BY_VALUE_INTERVAL = 86,
	M_REMOVE_BY_RANK_RANGE = 87, M_REMOVE_BY_KEY_REL_INDEX_RANGE = 88,
	M_REMOVE_BY_VALUE_REL_RANK_RANGE = 89,
	M_SIZE = 96, M_GET_BY_KEY = 97, M_GET_BY_INDEX = 98, M_GET_BY_VALUE = 99, M_GET_BY_RANK = 100,
	M_GET_ALL_BY_VALUE = 102, M_GET_BY_KEY_INTERVAL = 103, M_GET_BY_INDEX_RANGE = 104,
	M_GET_BY_VALUE_INTERVAL = 105, M_GET_BY_RANK_RANGE = 106, M_GET_BY_KEY_LIST = 107,
	M_GET_BY_VALUE_LIST = 108, M_GET_BY_KEY_REL_INDEX_RANGE = 109, M_GET_BY_VALUE_REL_RANK_RANGE = 110
};

enum { MW_CREATE_ONLY = 1, MW_UPDATE_ONLY = 2, MW_NO_FAIL = 4, MW_PARTIAL = 8 };

/* The GET_BY_* code a REMOVE_BY_* code selects with, or 0. */
static int64_t remove_to_get(int64_t code)
{
	switch (code) {
	case M_REMOVE_BY_KEY: return M_GET_BY_KEY;
	case M_REMOVE_BY_INDEX: return M_GET_BY_INDEX;
	case M_REMOVE_BY_VALUE: return M_GET_BY_VALUE;
	case M_REMOVE_BY_RANK: return M_GET_BY_RANK;
	case M_REMOVE_BY_KEY_LIST: return M_GET_BY_KEY_LIST;
	case M_REMOVE_ALL_BY_VALUE: return M_GET_ALL_BY_VALUE;
	case M_REMOVE_BY_VALUE_LIST: return M_GET_BY_VALUE_LIST;
	case M_REMOVE_BY_KEY_INTERVAL: return M_GET_BY_KEY_INTERVAL;
	case M_REMOVE_BY_INDEX_RANGE: return M_GET_BY_INDEX_RANGE;
	case M_REMOVE_BY_VALUE_INTERVAL: return M_GET_BY_VALUE_INTERVAL;
	case M_REMOVE_BY_RANK_RANGE: return M_GET_BY_RANK_RANGE;
	case M_REMOVE_BY_KEY_REL_INDEX_RANGE: return M_GET_BY_KEY_REL_INDEX_RANGE;
	case M_REMOVE_BY_VALUE_REL_RANK_RANGE: return M_GET_BY_VALUE_REL_RANK_RANGE;
	default: return 0;
	}
}

static bool is_write_code(int64_t c)
{
	return (c >= M_SET_TYPE && c <= M_CLEAR) || remove_to_get(c) != 0;
}

static int64_t find_key(const as_map *m, const as_value *k)
{
	for (uint32_t i = 0; i < m->size; i++)
		if (ms_cdt_cmp(&m->entries[i].key, k) == 0)
			return i;
	return -1;
}

/* Keep a key-ordered map's entries sorted by key. */
static void map_reorder(as_map *m)
{
	ms_cdt_view vw;
	as_map_entry *e;

	if (!(m->order & AS_MAP_KEY_ORDERED) || m->size < 2)
		return;
	e = malloc(sizeof(*e) * m->size);
	if (e == NULL)
		abort();
	ms_cdt_view_map(&vw, m);
	for (uint32_t i = 0; i < m->size; i++)
		e[i] = m->entries[vw.pos[i]];
	memcpy(m->entries, e, sizeof(*e) * m->size);
	ms_cdt_view_free(&vw);
	free(e);
}

static void map_set(as_map *m, const as_value *k, const as_value *v)
{
	int64_t i = find_key(m, k);

	if (i >= 0) {
		as_value_destroy(&m->entries[i].value);
		m->entries[i].value = as_value_copy(v);
		return;
	}
	as_map_put(m, as_value_copy(k), as_value_copy(v));
}

/* Can key k be written under the flags? 0, or the code to fail with. */
static int put_allowed(const as_map *m, const as_value *k, int flags)
{
	bool exists = find_key(m, k) >= 0;

	if ((flags & MW_CREATE_ONLY) && exists)
		return AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS;
	if ((flags & MW_UPDATE_ONLY) && !exists)
		return AEROSPIKE_ERR_FAIL_ELEMENT_NOT_FOUND;
	return AEROSPIKE_OK;
}

/* PUT/ADD/REPLACE and their _ITEMS forms: the write flags come from the
 * code (ADD create-only, REPLACE update-only) or the last argument. */
static int map_put(as_map *m, const ms_cdt_op *op, as_value *res, bool *changed)
{
	bool items = op->code == M_PUT_ITEMS || op->code == M_ADD_ITEMS || op->code == M_REPLACE_ITEMS;
	uint32_t fa = items ? 2 : 3;
	const as_value *k = ms_cdt_arg(op, 0), *v = ms_cdt_arg(op, 1);
	int64_t flags = 0;
	int rc = AEROSPIKE_OK;

	if (k == NULL || (!items && v == NULL) || !ms_cdt_arg_int(op, fa, 0, &flags))
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (op->code == M_ADD || op->code == M_ADD_ITEMS)
		flags |= MW_CREATE_ONLY;
	if (op->code == M_REPLACE || op->code == M_REPLACE_ITEMS)
		flags |= MW_UPDATE_ONLY;
	if (items) {
		const as_map *src;

		if (k->type != AS_MAP)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		src = k->u.map;
		/* all or nothing unless PARTIAL: check before writing */
		for (uint32_t i = 0; i < src->size && !(flags & MW_PARTIAL); i++)
			if ((rc = put_allowed(m, &src->entries[i].key, (int)flags)) != AEROSPIKE_OK)
				break;
		if (rc == AEROSPIKE_OK)
			for (uint32_t i = 0; i < src->size; i++)
				if (put_allowed(m, &src->entries[i].key, (int)flags) == AEROSPIKE_OK) {
					map_set(m, &src->entries[i].key, &src->entries[i].value);
					*changed = true;
				}
	} else if ((rc = put_allowed(m, k, (int)flags)) == AEROSPIKE_OK) {
		map_set(m, k, v);
		*changed = true;
	}
	if (rc != AEROSPIKE_OK && !(flags & MW_NO_FAIL))
		return rc;
	map_reorder(m);
	*res = as_value_int(m->size);
	return AEROSPIKE_OK;
}

static int map_increment(as_map *m, const ms_cdt_op *op, as_value *res, bool *changed)
{
	const as_value *k = ms_cdt_arg(op, 0), *d = ms_cdt_arg(op, 1);
	as_value one = as_value_int(1), sum;
	bool down = op->code == M_DECREMENT;
	int64_t i, flags;
	as_value *e;

	if (k == NULL || !ms_cdt_arg_int(op, 3, 0, &flags))
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (d == NULL || d->type == AS_NIL)
		d = &one;
	if (d->type != AS_INTEGER && d->type != AS_DOUBLE)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	i = find_key(m, k);
	if (i < 0) {
		if (flags & MW_UPDATE_ONLY)
			return (flags & MW_NO_FAIL) ? AEROSPIKE_OK : AEROSPIKE_ERR_FAIL_ELEMENT_NOT_FOUND;
		sum = d->type == AS_INTEGER ? as_value_int(down ? -d->u.i : d->u.i) :
		      as_value_double(down ? -d->u.d : d->u.d);
		as_map_put(m, as_value_copy(k), sum);
		map_reorder(m);
	} else {
		if (flags & MW_CREATE_ONLY)
			return (flags & MW_NO_FAIL) ? AEROSPIKE_OK : AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS;
		e = &m->entries[i].value;
		if (e->type == AS_INTEGER && d->type == AS_INTEGER)
			sum = as_value_int((int64_t)(down ? (uint64_t)e->u.i - (uint64_t)d->u.i :
			                                     (uint64_t)e->u.i + (uint64_t)d->u.i));
		else if (e->type == AS_DOUBLE && d->type == AS_DOUBLE)
			sum = as_value_double(down ? e->u.d - d->u.d : e->u.d + d->u.d);
		else
			return AEROSPIKE_ERR_REQUEST_INVALID;
		*e = sum;
	}
	*res = sum;
	*changed = true;
	return AEROSPIKE_OK;
}

static bool single_selector(int64_t code)
{
	return code == M_GET_BY_KEY || code == M_GET_BY_INDEX || code == M_GET_BY_RANK;
}

static int map_select(const ms_cdt_view *vw, int64_t code, const ms_cdt_op *op, ms_cdt_sel *s)
{
	const as_value *v = ms_cdt_arg(op, 1);
	bool rel = code == M_GET_BY_KEY_REL_INDEX_RANGE || code == M_GET_BY_VALUE_REL_RANK_RANGE;
	bool has_count = op->n > 2u + rel;
	int64_t i = 0, c = 0;

	if (v == NULL)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	switch (code) {
	case M_GET_BY_KEY:
		ms_cdt_sel_equal(vw, v, true, s);
		s->multi = false;
		return AEROSPIKE_OK;
	case M_GET_BY_VALUE:
	case M_GET_ALL_BY_VALUE:
		ms_cdt_sel_equal(vw, v, false, s);
		return AEROSPIKE_OK;
	case M_GET_BY_INDEX:
	case M_GET_BY_RANK:
	case M_GET_BY_INDEX_RANGE:
	case M_GET_BY_RANK_RANGE:
		if (!ms_cdt_arg_int(op, 1, 0, &i) || !ms_cdt_arg_int(op, 2, 0, &c))
			return AEROSPIKE_ERR_REQUEST_INVALID;
		if (code == M_GET_BY_INDEX || code == M_GET_BY_INDEX_RANGE)
			return ms_cdt_sel_index(vw, i, has_count, c, code == M_GET_BY_INDEX_RANGE, s);
		return ms_cdt_sel_rank(vw, i, has_count, c, code == M_GET_BY_RANK_RANGE, s);
	case M_GET_BY_KEY_INTERVAL:
	case M_GET_BY_VALUE_INTERVAL:
		ms_cdt_sel_interval(vw, v, ms_cdt_arg(op, 2), code == M_GET_BY_KEY_INTERVAL, s);
		return AEROSPIKE_OK;
	case M_GET_BY_KEY_LIST:
	case M_GET_BY_VALUE_LIST:
		return ms_cdt_sel_list(vw, v, code == M_GET_BY_KEY_LIST, s);
	case M_GET_BY_KEY_REL_INDEX_RANGE:
	case M_GET_BY_VALUE_REL_RANK_RANGE:
		if (!ms_cdt_arg_int(op, 2, 0, &i) || !ms_cdt_arg_int(op, 3, 0, &c))
			return AEROSPIKE_ERR_REQUEST_INVALID;
		ms_cdt_sel_relative(vw, v, i, has_count, c, code == M_GET_BY_KEY_REL_INDEX_RANGE, s);
		return AEROSPIKE_OK;
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
}

static void map_remove_sel(as_map *m, const ms_cdt_view *vw, const ms_cdt_sel *s)
{
	bool *keep = malloc(sizeof(bool) * (m->size ? m->size : 1));
	bool *drop = calloc(m->size ? m->size : 1, sizeof(bool));
	uint32_t n = 0;

	if (keep == NULL || drop == NULL)
		abort();
	ms_cdt_sel_mark(vw, s, keep);
	/* keep[] is by index (key order); entries are by position */
	for (uint32_t i = 0; i < vw->n; i++)
		drop[vw->pos[i]] = !keep[i];
	for (uint32_t i = 0; i < m->size; i++) {
		if (!drop[i]) {
			m->entries[n++] = m->entries[i];
			continue;
		}
		as_value_destroy(&m->entries[i].key);
		as_value_destroy(&m->entries[i].value);
	}
	m->size = n;
	free(keep);
	free(drop);
}

static int map_by(as_map *m, int64_t code, bool remove, const ms_cdt_op *op, as_value *res, bool *changed)
{
	ms_cdt_view vw;
	ms_cdt_sel s = { 0 };
	int64_t rt;
	int rc;

	if (!ms_cdt_arg_int(op, 0, 0, &rt) || op->n < 2)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	ms_cdt_view_map(&vw, m);
	rc = map_select(&vw, code, op, &s);
	if (rc == AEROSPIKE_OK && (rt & MS_RT_INVERTED)) {
		/* one element has no complement to answer (map_rt_inverted) */
		if (single_selector(code))
			rc = AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		else
			ms_cdt_sel_invert(&vw, &s);
	}
	if (rc == AEROSPIKE_OK)
		rc = ms_cdt_sel_result(&vw, &s, rt, res);
	if (rc == AEROSPIKE_OK && remove && s.n > 0) {
		map_remove_sel(m, &vw, &s);
		*changed = true;
	}
	ms_cdt_sel_free(&s);
	ms_cdt_view_free(&vw);
	return rc;
}

/* The order bits of map attributes (1 key-ordered, 3 key-value-ordered). */
static uint8_t attr_order(int64_t attr)
{
	return (attr & 1) ? (uint8_t)(attr & 3) : 0;
}

/* Index of the map-attributes argument of a write code, or -1. */
static int attr_arg(int64_t code)
{
	switch (code) {
	case M_SET_TYPE: return 0;
	case M_ADD: case M_PUT: return 2;
	case M_ADD_ITEMS: case M_PUT_ITEMS: return 1;
	case M_INCREMENT: case M_DECREMENT: return 2;
	default: return -1;
	}
}

int ms_cdt_map_op(as_value *v, const ms_cdt_op *op, as_value *res, bool *changed)
{
	int64_t code = op->code, attr = 0;
	int ai = attr_arg(code);
	as_map *m;
	int rc;

	*res = as_value_nil();
	*changed = false;
	if (is_write_code(code) && !op->modify)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (ai >= 0 && !ms_cdt_arg_int(op, (uint32_t)ai, 0, &attr))
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (v->type == AS_NIL) {
		if (!is_write_code(code) || remove_to_get(code) != 0 || code == M_CLEAR)
			return AEROSPIKE_OK;
		/* a map the op creates takes the op's map attributes */
		m = as_map_new(4);
		m->order = attr_order(attr);
		*v = as_value_map(m);
	}
	if (v->type != AS_MAP)
		return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
	m = v->u.map;
	switch (code) {
	case M_SET_TYPE:
		if (op->n < 1)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		m->order = attr_order(attr);
		map_reorder(m);
		*changed = true;
		return AEROSPIKE_OK;
	case M_ADD:
	case M_ADD_ITEMS:
	case M_PUT:
	case M_PUT_ITEMS:
	case M_REPLACE:
	case M_REPLACE_ITEMS:
		rc = map_put(m, op, res, changed);
		break;
	case M_INCREMENT:
	case M_DECREMENT:
		rc = map_increment(m, op, res, changed);
		break;
	case M_CLEAR:
		while (m->size > 0) {
			m->size--;
			as_value_destroy(&m->entries[m->size].key);
			as_value_destroy(&m->entries[m->size].value);
		}
		*changed = true;
		return AEROSPIKE_OK;
	case M_SIZE:
		*res = as_value_int(m->size);
		return AEROSPIKE_OK;
	default:
		if (remove_to_get(code) != 0)
			rc = map_by(m, remove_to_get(code), true, op, res, changed);
		else if (code >= M_GET_BY_KEY && code <= M_GET_BY_VALUE_REL_RANK_RANGE && code != 101)
			rc = map_by(m, code, false, op, res, changed);
		else
			rc = AEROSPIKE_ERR_REQUEST_INVALID;
		break;
	}
	if (rc != AEROSPIKE_OK)
		as_value_destroy(res);
	return rc;
}
