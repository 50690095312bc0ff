/* Element order of Aerospike collections: values of different types sort
 * by a fixed type rank, so an integer never equals a double; values of one
 * type by content (strings and bytes bytewise, shorter first on a tie;
 * lists element by element; maps by size, then pair by pair in key order). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cdt_compare.h"

static int type_rank(const as_value *v)
{
	switch (v->type) {
	case AS_NIL: return 1;
	case AS_BOOL: return v->u.b ? 3 : 2;
	case AS_INTEGER: return 4;
	case AS_STRING: return 5;
	case AS_LIST: return 6;
	case AS_MAP: return 7;
	case AS_BYTES: return 8;
	case AS_DOUBLE: return 9;
	case AS_GEOJSON: return 10;
	default: return 11;
	}
}

static int cmp_bytes(const void *a, uint32_t alen, const void *b, uint32_t blen)
{
	uint32_t n = alen < blen ? alen : blen;
	int c = n ? memcmp(a, b, n) : 0;

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

static int cmp_list(const as_list *a, const as_list *b)
{
	uint32_t n = a->size < b->size ? a->size : b->size;

	for (uint32_t i = 0; i < n; i++) {
		int c = ms_cdt_cmp(&a->items[i], &b->items[i]);

		if (c != 0)
			return c;
	}
	return (a->size > b->size) - (a->size < b->size);
}


/* Entry positions of m in key order (caller frees). */
static uint32_t *key_order(const as_map *m)
{
	const as_value **keys = malloc(sizeof(*keys) * (m->size ? m->size : 1));
	uint32_t *o = malloc(sizeof(*o) * (m->size ? m->size : 1));

	if (keys == NULL || o == NULL)
		abort();
	for (uint32_t i = 0; i < m->size; i++) {
		keys[i] = &m->entries[i].key;
		o[i] = i;
	}
	ms_cdt_sort_idx(o, m->size, keys);
	free(keys);
	return o;
}

static int cmp_map(const as_map *a, const as_map *b)
{
	uint32_t *oa, *ob;
	int c = 0;

	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	oa = key_order(a);
	ob = key_order(b);
	for (uint32_t i = 0; i < a->size && c == 0; i++) {
		c = ms_cdt_cmp(&a->entries[oa[i]].key, &b->entries[ob[i]].key);
		if (c == 0)
			c = ms_cdt_cmp(&a->entries[oa[i]].value, &b->entries[ob[i]].value);
	}
	free(oa);
	free(ob);
	return c;
}

int ms_cdt_cmp(const as_value *a, const as_value *b)
{
	int ra = type_rank(a), rb = type_rank(b);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	switch (a->type) {
	case AS_INTEGER:
		return (a->u.i > b->u.i) - (a->u.i < b->u.i);
	case AS_DOUBLE:
		return (a->u.d > b->u.d) - (a->u.d < b->u.d);
	case AS_STRING:
	case AS_GEOJSON:
		return cmp_bytes(a->u.str, a->len, b->u.str, b->len);
	case AS_BYTES:
		return cmp_bytes(a->u.bytes, a->len, b->u.bytes, b->len);
	case AS_LIST:
		return cmp_list(a->u.list, b->u.list);
	case AS_MAP:
		return cmp_map(a->u.map, b->u.map);
	default:
		return 0;
	}
}

/* Merge sort: stable, so equal values keep index order (rank ties). */
static void merge_sort(uint32_t *a, uint32_t *tmp, uint32_t n, const as_value *const *v)
{
	uint32_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	merge_sort(a, tmp, h, v);
	merge_sort(a + h, tmp, n - h, v);
	while (i < h && j < n)
		tmp[k++] = ms_cdt_cmp(v[a[j]], v[a[i]]) < 0 ? a[j++] : a[i++];
	while (i < h)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, sizeof(*a) * n);
}

void ms_cdt_sort_idx(uint32_t *idx, uint32_t n, const as_value *const *vals)
{
	uint32_t *tmp = malloc(sizeof(*tmp) * (n ? n : 1));

	if (tmp == NULL)
		abort();
	merge_sort(idx, tmp, n, vals);
	free(tmp);
}
