/* as_value constructors, copy, equality and destruction. */
#include <aerofuture/value.h>

#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/value_internal.h"

uint32_t as_value_len_checked(size_t len)
{
	if (len > UINT32_MAX)
		as_fatal("value longer than 4 GiB");
	return (uint32_t)len;
}

as_value as_value_nil(void)
{
	as_value v;
	memset(&v, 0, sizeof v);
	v.type = AS_NIL;
	return v;
}

as_value as_value_int(int64_t i)
{
	as_value v = as_value_nil();
	v.type = AS_INTEGER;
	v.u.i = i;
	return v;
}

as_value as_value_double(double d)
{
	as_value v = as_value_nil();
	v.type = AS_DOUBLE;
	v.u.d = d;
	return v;
}

as_value as_value_bool(bool b)
{
	as_value v = as_value_nil();
	v.type = AS_BOOL;
	v.u.b = b;
	return v;
}

as_value as_value_str(const char *s)
{
	return as_value_strn(s ? s : "", s ? strlen(s) : 0);
}

as_value as_value_strn(const char *s, size_t len)
{
	as_value v = as_value_nil();
	v.type = AS_STRING;
	/* NULL has no characters to copy, whatever len says. */
	if (!s)
		len = 0;
	v.len = as_value_len_checked(len);
	v.u.str = as_strndup(s, len);
	return v;
}

as_value as_value_str_ref(const char *s)
{
	as_value v = as_value_nil();
	v.type = AS_STRING;
	v.borrowed = 1;
	/* A borrowed value is never freed, so pointing at a literal is safe. */
	v.u.str = (char *)(s ? s : "");
	v.len = as_value_len_checked(strlen(v.u.str));
	return v;
}

as_value as_value_bytes(const uint8_t *p, size_t len)
{
	as_value v = as_value_nil();
	v.type = AS_BYTES;
	if (!p)
		len = 0;
	v.len = as_value_len_checked(len);
	if (len) {
		v.u.bytes = as_malloc(len);
		memcpy(v.u.bytes, p, len);
	}
	return v;
}

as_value as_value_bytes_ref(const uint8_t *p, size_t len)
{
	as_value v = as_value_nil();
	v.type = AS_BYTES;
	v.borrowed = 1;
	/* A NULL pointer with a length would be read later: make it empty. */
	v.len = p ? as_value_len_checked(len) : 0;
	v.u.bytes = (uint8_t *)p;
	return v;
}

as_value as_value_geojson(const char *geojson)
{
	as_value v = as_value_str(geojson);
	v.type = AS_GEOJSON;
	return v;
}

as_value as_value_list(as_list *list)
{
	as_value v = as_value_nil();
	v.type = AS_LIST;
	v.u.list = list ? list : as_list_new(0);
	return v;
}

as_value as_value_map(as_map *map)
{
	as_value v = as_value_nil();
	v.type = AS_MAP;
	v.u.map = map ? map : as_map_new(0);
	return v;
}

void as_value_destroy(as_value *v)
{
	if (!v)
		return;
	switch (v->type) {
	case AS_STRING:
	case AS_GEOJSON:
		if (!v->borrowed)
			free(v->u.str);
		break;
	case AS_BYTES:
		if (!v->borrowed)
			free(v->u.bytes);
		break;
	case AS_LIST:
		as_list_destroy(v->u.list);
		break;
	case AS_MAP:
		as_map_destroy(v->u.map);
		break;
	default:
		break;
	}
	*v = as_value_nil();
}

as_value as_value_copy(const as_value *v)
{
	if (!v)
		return as_value_nil();
	as_value c;
	switch (v->type) {
	case AS_STRING:
	case AS_GEOJSON:
		c = as_value_strn(v->u.str, v->len);
		c.type = v->type;
		return c;
	case AS_BYTES:
		return as_value_bytes(v->u.bytes, v->len);
	case AS_LIST: {
		const as_list *src = v->u.list;
		as_list *dst = as_list_new(src ? src->size : 0);
		for (uint32_t i = 0; src && i < src->size; i++)
			as_list_append(dst, as_value_copy(&src->items[i]));
		return as_value_list(dst);
	}
	case AS_MAP: {
		const as_map *src = v->u.map;
		as_map *dst = as_map_new(src ? src->size : 0);
		if (src) {
			dst->order = src->order;
			/* The source's keys are already unique. */
			for (uint32_t i = 0; i < src->size; i++)
				as_map_append(dst, as_value_copy(&src->entries[i].key),
				              as_value_copy(&src->entries[i].value));
		}
		return as_value_map(dst);
	}
	default:
		c = *v;
		c.borrowed = 0;
		return c;
	}
}

static bool value_list_equal(const as_list *a, const as_list *b)
{
	uint32_t na = a ? a->size : 0, nb = b ? b->size : 0;
	if (na != nb)
		return false;
	for (uint32_t i = 0; i < na; i++)
		if (!as_value_equal(&a->items[i], &b->items[i]))
			return false;
	return true;
}

static bool value_map_equal(const as_map *a, const as_map *b)
{
	uint32_t na = a ? a->size : 0, nb = b ? b->size : 0;
	if (na != nb)
		return false;
	for (uint32_t i = 0; i < na; i++) {
		const as_value *other = as_map_get(b, &a->entries[i].key);
		if (!other || !as_value_equal(&a->entries[i].value, other))
			return false;
	}
	return true;
}

bool as_value_equal(const as_value *a, const as_value *b)
{
	if (a == b)
		return true;
	if (!a || !b || a->type != b->type)
		return false;
	switch (a->type) {
	case AS_NIL:
		return true;
	case AS_INTEGER:
		return a->u.i == b->u.i;
	case AS_DOUBLE:
		/* Bitwise equality makes a NaN equal to itself, so a map keyed by it works. */
		return a->u.d == b->u.d || memcmp(&a->u.d, &b->u.d, sizeof a->u.d) == 0;
	case AS_BOOL:
		return a->u.b == b->u.b;
	case AS_STRING:
	case AS_GEOJSON:
		return a->len == b->len && memcmp(a->u.str, b->u.str, a->len) == 0;
	case AS_BYTES:
		return a->len == b->len && (a->len == 0 || memcmp(a->u.bytes, b->u.bytes, a->len) == 0);
	case AS_LIST:
		return value_list_equal(a->u.list, b->u.list);
	case AS_MAP:
		return value_map_equal(a->u.map, b->u.map);
	default:
		return false;
	}
}

const char *as_value_type_str(as_value_type type)
{
	switch (type) {
	case AS_NIL:
		return "nil";
	case AS_INTEGER:
		return "integer";
	case AS_DOUBLE:
		return "double";
	case AS_STRING:
		return "string";
	case AS_BYTES:
		return "bytes";
	case AS_BOOL:
		return "bool";
	case AS_MAP:
		return "map";
	case AS_LIST:
		return "list";
	case AS_GEOJSON:
		return "geojson";
	}
	return "unknown";
}
