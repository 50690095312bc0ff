/* Selectors and return types shared by list and map operations. Indexes
 * count from the front, negative ones from the back; a range that starts
 * before the front loses the part before it; a range past the end is cut
 * there. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cdt_compare.h"
#include "cdt_select.h"
#include <aerofuture/error.h>

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);

	if (p == NULL)
		abort();
	return p;
}

static void view_ranks(ms_cdt_view *vw)
{
	vw->by_rank = xcalloc(vw->n, sizeof(uint32_t));
	vw->rank = xcalloc(vw->n, sizeof(uint32_t));
	for (uint32_t i = 0; i < vw->n; i++)
		vw->by_rank[i] = i;
	ms_cdt_sort_idx(vw->by_rank, vw->n, vw->vals);
	for (uint32_t r = 0; r < vw->n; r++)
		vw->rank[vw->by_rank[r]] = r;
}

void ms_cdt_view_list(ms_cdt_view *vw, const as_list *l)
{
	memset(vw, 0, sizeof(*vw));
	vw->n = l->size;
	vw->vals = xcalloc(vw->n, sizeof(*vw->vals));
	for (uint32_t i = 0; i < vw->n; i++)
		vw->vals[i] = &l->items[i];
	view_ranks(vw);
}

void ms_cdt_view_map(ms_cdt_view *vw, const as_map *m)
{
	const as_value **k;

	memset(vw, 0, sizeof(*vw));
	vw->n = m->size;
	k = xcalloc(vw->n, sizeof(*k));
	vw->pos = xcalloc(vw->n, sizeof(uint32_t));
	for (uint32_t i = 0; i < vw->n; i++) {
		k[i] = &m->entries[i].key;
		vw->pos[i] = i;
	}
	ms_cdt_sort_idx(vw->pos, vw->n, k);
	vw->keys = xcalloc(vw->n, sizeof(*vw->keys));
	vw->vals = xcalloc(vw->n, sizeof(*vw->vals));
	for (uint32_t i = 0; i < vw->n; i++) {
		vw->keys[i] = &m->entries[vw->pos[i]].key;
		vw->vals[i] = &m->entries[vw->pos[i]].value;
	}
	free(k);
	view_ranks(vw);
}

void ms_cdt_view_free(ms_cdt_view *vw)
{
	free(vw->keys);
	free(vw->vals);
	free(vw->pos);
	free(vw->by_rank);
	free(vw->rank);
	memset(vw, 0, sizeof(*vw));
}

void ms_cdt_sel_free(ms_cdt_sel *s)
{
	free(s->idx);
	memset(s, 0, sizeof(*s));
}

static void sel_start(ms_cdt_sel *s, uint32_t cap, bool multi)
{
	s->n = 0;
	s->idx = xcalloc(cap, sizeof(uint32_t));
	s->multi = multi;
}

/* [*from, *to) of n elements for a start and an optional count. */
static void clamp_range(int64_t start, bool has_count, int64_t count, uint32_t n, uint32_t *from,
                        uint32_t *to)
{
	int64_t end;

	if (start < 0) {
		start += n;
		if (start < 0) {
			if (has_count)
				count += start;
			start = 0;
		}
	}
	if (start > (int64_t)n)
		start = n;
	if (!has_count || count > (int64_t)n)
		count = n;
	if (count < 0)
		count = 0;
	end = start + count;
	*from = (uint32_t)start;
	*to = (uint32_t)(end > (int64_t)n ? n : end);
}

/* One element at index i of n (negative: from the back), or -1. */
static int64_t one_index(int64_t i, uint32_t n)
{
	if (i < 0)
		i += n;
	return i < 0 || i >= (int64_t)n ? -1 : i;
}

/* Keep a range of by-rank positions in index order. */
static void sel_sorted(ms_cdt_sel *s)
{
	for (uint32_t i = 1; i < s->n; i++) {
		uint32_t t = s->idx[i], j = i;

		while (j > 0 && s->idx[j - 1] > t) {
			s->idx[j] = s->idx[j - 1];
			j--;
		}
		s->idx[j] = t;
	}
}

int ms_cdt_sel_index(const ms_cdt_view *vw, int64_t index, bool has_count, int64_t count, bool multi,
                     ms_cdt_sel *s)
{
	uint32_t from, to;

	sel_start(s, vw->n, multi);
	if (!multi) {
		int64_t i = one_index(index, vw->n);

		if (i < 0)
			return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		s->idx[s->n++] = (uint32_t)i;
		return AEROSPIKE_OK;
	}
	if (has_count && count < 0)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	clamp_range(index, has_count, count, vw->n, &from, &to);
	for (uint32_t i = from; i < to; i++)
		s->idx[s->n++] = i;
	return AEROSPIKE_OK;
}

int ms_cdt_sel_rank(const ms_cdt_view *vw, int64_t rank, bool has_count, int64_t count, bool multi,
                    ms_cdt_sel *s)
{
	uint32_t from, to;

	sel_start(s, vw->n, multi);
	if (!multi) {
		int64_t r = one_index(rank, vw->n);

		if (r < 0)
			return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		s->idx[s->n++] = vw->by_rank[r];
		return AEROSPIKE_OK;
	}
	if (has_count && count < 0)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	clamp_range(rank, has_count, count, vw->n, &from, &to);
	for (uint32_t r = from; r < to; r++)
		s->idx[s->n++] = vw->by_rank[r];
	/* a rank range answers in index order (list_remove_by_rank_range) */
	sel_sorted(s);
	return AEROSPIKE_OK;
}

static const as_value *elem(const ms_cdt_view *vw, uint32_t i, bool by_key)
{
	return by_key && vw->keys != NULL ? vw->keys[i] : vw->vals[i];
}

void ms_cdt_sel_equal(const ms_cdt_view *vw, const as_value *v, bool by_key, ms_cdt_sel *s)
{
	sel_start(s, vw->n, true);
	for (uint32_t i = 0; i < vw->n; i++)
		if (ms_cdt_cmp(elem(vw, i, by_key), v) == 0)
			s->idx[s->n++] = i;
}

void ms_cdt_sel_interval(const ms_cdt_view *vw, const as_value *begin, const as_value *end, bool by_key,
                         ms_cdt_sel *s)
{
	bool open = end == NULL || end->type == AS_NIL;

	sel_start(s, vw->n, true);
	for (uint32_t i = 0; i < vw->n; i++) {
		const as_value *e = elem(vw, i, by_key);

		if (ms_cdt_cmp(e, begin) >= 0 && (open || ms_cdt_cmp(e, end) < 0))
			s->idx[s->n++] = i;
	}
}

int ms_cdt_sel_list(const ms_cdt_view *vw, const as_value *list, bool by_key, ms_cdt_sel *s)
{
	if (list->type != AS_LIST)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	sel_start(s, vw->n, true);
	for (uint32_t i = 0; i < vw->n; i++) {
		const as_value *e = elem(vw, i, by_key);

		for (uint32_t j = 0; j < list->u.list->size; j++)
			if (ms_cdt_cmp(e, &list->u.list->items[j]) == 0) {
				s->idx[s->n++] = i;
				break;
			}
	}
	return AEROSPIKE_OK;
}

void ms_cdt_sel_relative(const ms_cdt_view *vw, const as_value *v, int64_t rel, bool has_count,
                         int64_t count, bool by_key, ms_cdt_sel *s)
{
	uint32_t base = 0, from, to;
	int64_t start;

	sel_start(s, vw->n, true);
	/* keys are already sorted (index order); values through by_rank */
	while (base < vw->n && ms_cdt_cmp(by_key ? vw->keys[base] : vw->vals[vw->by_rank[base]], v) < 0)
		base++;
	start = (int64_t)base + rel;
	if (start < 0) {
		if (has_count)
			count += start;
		start = 0;
	}
	if (has_count && count < 0)
		count = 0;
	clamp_range(start, has_count, count, vw->n, &from, &to);
	for (uint32_t r = from; r < to; r++)
		s->idx[s->n++] = by_key ? r : vw->by_rank[r];
}

void ms_cdt_sel_mark(const ms_cdt_view *vw, const ms_cdt_sel *s, bool *keep)
{
	for (uint32_t i = 0; i < vw->n; i++)
		keep[i] = true;
	for (uint32_t i = 0; i < s->n; i++)
		keep[s->idx[i]] = false;
}

void ms_cdt_sel_invert(const ms_cdt_view *vw, ms_cdt_sel *s)
{
	bool *keep = xcalloc(vw->n, sizeof(bool));
	uint32_t n = 0;

	ms_cdt_sel_mark(vw, s, keep);
	free(s->idx);
	s->idx = xcalloc(vw->n, sizeof(uint32_t));
	for (uint32_t i = 0; i < vw->n; i++)
		if (keep[i])
			s->idx[n++] = i;
	s->n = n;
	s->multi = true;
	free(keep);
}

/* One integer per selected element, from the index i. */
static int64_t number_of(const ms_cdt_view *vw, uint32_t i, int rt)
{
	switch (rt) {
	case MS_RT_INDEX: return i;
	case MS_RT_REVERSE_INDEX: return (int64_t)vw->n - 1 - i;
	case MS_RT_RANK: return vw->rank[i];
	default: return (int64_t)vw->n - 1 - vw->rank[i];
	}
}

static as_value pairs(const ms_cdt_view *vw, const ms_cdt_sel *s, uint8_t order)
{
	as_map *m = as_map_new(s->n);

	for (uint32_t i = 0; i < s->n; i++)
		as_map_put(m, as_value_copy(vw->keys[s->idx[i]]), as_value_copy(vw->vals[s->idx[i]]));
	m->order = order;
	return as_value_map(m);
}

int ms_cdt_sel_result(const ms_cdt_view *vw, const ms_cdt_sel *s, int64_t rt, as_value *out)
{
	int base = (int)(rt & 0xffff);
	as_list *l;

	*out = as_value_nil();
	switch (base) {
	case MS_RT_NONE:
		return AEROSPIKE_OK;
	case MS_RT_COUNT:
		*out = as_value_int(s->n);
		return AEROSPIKE_OK;
	case MS_RT_EXISTS:
		*out = as_value_bool(s->n > 0);
		return AEROSPIKE_OK;
	case MS_RT_INDEX:
	case MS_RT_REVERSE_INDEX:
	case MS_RT_RANK:
	case MS_RT_REVERSE_RANK:
		if (!s->multi) {
			if (s->n > 0)
				*out = as_value_int(number_of(vw, s->idx[0], base));
			return AEROSPIKE_OK;
		}
		l = as_list_new(s->n);
		for (uint32_t i = 0; i < s->n; i++)
			as_list_append_int(l, number_of(vw, s->idx[i], base));
		*out = as_value_list(l);
		return AEROSPIKE_OK;
	case MS_RT_KEY:
	case MS_RT_VALUE:
		if (base == MS_RT_KEY && vw->keys == NULL)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		if (!s->multi) {
			if (s->n > 0)
				*out = as_value_copy(elem(vw, s->idx[0], base == MS_RT_KEY));
			return AEROSPIKE_OK;
		}
		l = as_list_new(s->n);
		for (uint32_t i = 0; i < s->n; i++)
			as_list_append(l, as_value_copy(elem(vw, s->idx[i], base == MS_RT_KEY)));
		*out = as_value_list(l);
		return AEROSPIKE_OK;
	case MS_RT_KEY_VALUE:
	case MS_RT_UNORDERED_MAP:
	case MS_RT_ORDERED_MAP:
		if (vw->keys == NULL)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		/* KEY_VALUE is marked with the ext type 8 (map_get_by_key_list) */
		*out = pairs(vw, s, base == MS_RT_KEY_VALUE ? 8 : base == MS_RT_ORDERED_MAP ? AS_MAP_KEY_ORDERED : 0);
		return AEROSPIKE_OK;
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
}
