/* Values and records to and from JSON (jansson). Tagged objects carry the
 * types JSON lacks; see json.h for the mapping. */
#include <aerofuture/json.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/base64.h"
#include "model/binname.h"
#include "model/value_internal.h"

#define TAG_BYTES "$bytes"
#define TAG_GEOJSON "$geojson"
#define TAG_MAP "$map"
#define TAG_DOUBLE "$double"
#define TAG_RAWSTRING "$rawstring"

/* Where in the input a conversion failed, e.g. "bin 'm'.k[2]". */
#define JSON_PATH_MAX 160

/* ---- to JSON ---- */

/* The UTF-8 jansson accepts: no overlong forms, no surrogates, <= U+10FFFF. */
static bool json_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p++;
		size_t more;
		uint32_t cp, min;
		if (c < 0x80)
			continue;
		else if (c >= 0xC2 && c <= 0xDF) { more = 1; cp = c & 0x1F; min = 0x80; }
		else if (c >= 0xE0 && c <= 0xEF) { more = 2; cp = c & 0x0F; min = 0x800; }
		else if (c >= 0xF0 && c <= 0xF4) { more = 3; cp = c & 0x07; min = 0x10000; }
		else
			return false;
		if ((size_t)(end - p) < more)
			return false;
		for (size_t i = 0; i < more; i++, p++) {
			if ((*p & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (*p & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
	}
	return true;
}

/* The builders below return NULL when a nested value cannot be expressed
 * (GeoJSON that is not UTF-8), so nothing is silently dropped. */
static json_t *json_tagged(const char *tag, json_t *value)
{
	if (!value)
		return NULL;
	json_t *obj = json_object();
	json_object_set_new(obj, tag, value);
	return obj;
}

/* Add @p child to @p parent (array when @p key is NULL). When the child is
 * NULL or jansson refuses it (an object key that is not UTF-8, such as a bin
 * name read from the wire), release @p parent and return false: nothing is
 * dropped silently. jansson's *_new calls consume child even on failure. */
static bool json_attach(json_t *parent, const char *key, json_t *child)
{
	int rc = -1;
	if (child)
		rc = key ? json_object_set_new(parent, key, child) : json_array_append_new(parent, child);
	if (rc != 0) {
		json_decref(parent);
		return false;
	}
	return true;
}

static json_t *json_base64(const uint8_t *p, size_t len)
{
	size_t n;
	char *text = as_base64_encode(p, len, &n);
	json_t *j = json_stringn(text, n);
	free(text);
	return j;
}

/* A map becomes a plain object only when every key is a string jansson can
 * hold as an object key (valid UTF-8, no NUL) and the result cannot be
 * mistaken for a tagged object on the way back. */
static bool json_map_is_object(const as_map *map)
{
	for (uint32_t i = 0; i < map->size; i++) {
		const as_value *k = &map->entries[i].key;
		if (k->type != AS_STRING || memchr(k->u.str, '\0', k->len) || !json_utf8_valid(k->u.str, k->len))
			return false;
	}
	if (map->size == 1 && map->entries[0].key.u.str[0] == '$')
		return false;
	return true;
}

static json_t *json_from_map(const as_map *map)
{
	if (json_map_is_object(map)) {
		json_t *obj = json_object();
		for (uint32_t i = 0; i < map->size; i++)
			if (!json_attach(obj, map->entries[i].key.u.str, as_value_to_json(&map->entries[i].value)))
				return NULL;
		return obj;
	}
	json_t *pairs = json_array();
	for (uint32_t i = 0; i < map->size; i++) {
		json_t *pair = json_array();
		if (!json_attach(pair, NULL, as_value_to_json(&map->entries[i].key)) ||
		    !json_attach(pair, NULL, as_value_to_json(&map->entries[i].value)) ||
		    !json_attach(pairs, NULL, pair)) {
			json_decref(pairs);
			return NULL;
		}
	}
	return json_tagged(TAG_MAP, pairs);
}

json_t *as_value_to_json(const as_value *v)
{
	if (!v)
		return NULL;
	switch (v->type) {
	case AS_INTEGER:
		return json_integer((json_int_t)v->u.i);
	case AS_DOUBLE:
		/* JSON has no NaN or infinity. */
		if (isnan(v->u.d))
			return json_tagged(TAG_DOUBLE, json_string("nan"));
		if (isinf(v->u.d))
			return json_tagged(TAG_DOUBLE, json_string(v->u.d > 0 ? "inf" : "-inf"));
		return json_real(v->u.d);
	case AS_BOOL:
		return json_boolean(v->u.b);
	case AS_STRING:
		if (json_utf8_valid(v->u.str, v->len))
			return json_stringn(v->u.str, v->len);
		return json_tagged(TAG_RAWSTRING, json_base64((const uint8_t *)v->u.str, v->len));
	case AS_GEOJSON:
		if (!json_utf8_valid(v->u.str, v->len))
			return NULL;
		return json_tagged(TAG_GEOJSON, json_stringn(v->u.str, v->len));
	case AS_BYTES:
		return json_tagged(TAG_BYTES, json_base64(v->u.bytes, v->len));
	case AS_LIST: {
		json_t *arr = json_array();
		for (uint32_t i = 0; v->u.list && i < v->u.list->size; i++)
			if (!json_attach(arr, NULL, as_value_to_json(&v->u.list->items[i])))
				return NULL;
		return arr;
	}
	case AS_MAP:
		return v->u.map ? json_from_map(v->u.map) : json_object();
	default:
		return json_null();
	}
}

json_t *as_record_bins_to_json(const as_record *rec)
{
	if (!rec)
		return NULL;
	json_t *bins = json_object();
	for (uint16_t i = 0; i < rec->n_bins; i++)
		if (!json_attach(bins, rec->bins[i].name, as_value_to_json(&rec->bins[i].value)))
			return NULL;
	return bins;
}

json_t *as_record_to_json(const as_record *rec)
{
	if (!rec)
		return NULL;
	json_t *bins = as_record_bins_to_json(rec);
	if (!bins)
		return NULL;
	json_t *obj = json_object();
	json_object_set_new(obj, "gen", json_integer(rec->gen));
	json_object_set_new(obj, "ttl", json_integer(rec->ttl));
	json_object_set_new(obj, "bins", bins);
	if (rec->key) {
		char hex[AS_DIGEST_SIZE * 2 + 1];
		for (int i = 0; i < AS_DIGEST_SIZE; i++)
			snprintf(hex + 2 * i, 3, "%02x", rec->key->digest[i]);
		json_t *key = json_object();
		/* json_string() is NULL for a namespace or set that is not UTF-8;
		 * a failed attach has released key. */
		if (!json_attach(key, "ns", json_string(rec->key->ns)) ||
		    !json_attach(key, "set", json_string(rec->key->set)) ||
		    !json_attach(key, "digest", json_string(hex)) ||
		    !json_attach(key, "value", as_value_to_json(&rec->key->value))) {
			json_decref(obj);
			return NULL;
		}
		json_object_set_new(obj, "key", key);
	}
	return obj;
}

/* ---- from JSON ---- */

static const char *json_type_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a real";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "unknown";
}

static as_status json_to_value(const json_t *j, as_value *out, char *path, size_t plen, as_error *err);

/* Extend @p path for a child, run the conversion, and restore it. */
static as_status json_child(const json_t *j, as_value *out, char *path, size_t plen, as_error *err,
                            const char *key, size_t index)
{
	int n = key ? snprintf(path + plen, JSON_PATH_MAX - plen, ".%s", key)
	            : snprintf(path + plen, JSON_PATH_MAX - plen, "[%zu]", index);
	size_t child = plen + (n > 0 ? (size_t)n : 0);
	if (child >= JSON_PATH_MAX)
		child = JSON_PATH_MAX - 1;
	as_status rc = json_to_value(j, out, path, child, err);
	path[plen] = '\0';
	return rc;
}

static as_status json_tag_base64(const json_t *arg, const char *tag, uint8_t **buf, size_t *len,
                                 const char *path, as_error *err)
{
	if (!json_is_string(arg))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s: %s needs a base64 string, not %s",
		                    path, tag, json_type_name(arg));
	if (!as_base64_decode(json_string_value(arg), json_string_length(arg), buf, len))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s: %s value is not valid base64", path, tag);
	return AEROSPIKE_OK;
}

static as_status json_to_map_pairs(const json_t *arg, as_value *out, char *path, size_t plen, as_error *err)
{
	if (!json_is_array(arg))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s: %s needs an array of [key, value] pairs, not %s",
		                    path, TAG_MAP, json_type_name(arg));
	as_map *map = as_map_new((uint32_t)json_array_size(arg));
	for (size_t i = 0; i < json_array_size(arg); i++) {
		const json_t *pair = json_array_get(arg, i);
		if (!json_is_array(pair) || json_array_size(pair) != 2) {
			as_map_destroy(map);
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s: %s entry %zu is not a [key, value] pair",
			                    path, TAG_MAP, i);
		}
		as_value k, v;
		as_status rc = json_child(json_array_get(pair, 0), &k, path, plen, err, NULL, i);
		if (rc != AEROSPIKE_OK) {
			as_map_destroy(map);
			return rc;
		}
		if (k.type == AS_LIST || k.type == AS_MAP) {
			const char *kind = as_value_type_str((as_value_type)k.type);
			as_value_destroy(&k);
			as_map_destroy(map);
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s: %s entry %zu has a %s key; keys must be scalars",
			                    path, TAG_MAP, i, kind);
		}
		rc = json_child(json_array_get(pair, 1), &v, path, plen, err, NULL, i);
		if (rc != AEROSPIKE_OK) {
			as_value_destroy(&k);
			as_map_destroy(map);
			return rc;
		}
		as_map_put(map, k, v);
	}
	*out = as_value_map(map);
	return AEROSPIKE_OK;
}

/* A one-member object whose key is a tag: fill @p out and set *handled. */
static as_status json_to_tagged(const json_t *j, as_value *out, bool *handled, char *path, size_t plen,
                                as_error *err)
{
	*handled = false;
	if (json_object_size(j) != 1)
		return AEROSPIKE_OK;
	const char *tag = json_object_iter_key(json_object_iter((json_t *)j));
	const json_t *arg = json_object_iter_value(json_object_iter((json_t *)j));
	uint8_t *buf;
	size_t len;
	as_status rc;
	if (strcmp(tag, TAG_BYTES) == 0) {
		*handled = true;
		if ((rc = json_tag_base64(arg, tag, &buf, &len, path, err)) != AEROSPIKE_OK)
			return rc;
		*out = as_value_bytes(buf, len);
		free(buf);
		return AEROSPIKE_OK;
	}
	if (strcmp(tag, TAG_RAWSTRING) == 0) {
		*handled = true;
		if ((rc = json_tag_base64(arg, tag, &buf, &len, path, err)) != AEROSPIKE_OK)
			return rc;
		*out = as_value_strn((const char *)buf, len);
		free(buf);
		return AEROSPIKE_OK;
	}
	if (strcmp(tag, TAG_GEOJSON) == 0) {
		*handled = true;
		if (!json_is_string(arg))
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s: %s needs a string, not %s",
			                    path, tag, json_type_name(arg));
		*out = as_value_strn(json_string_value(arg), json_string_length(arg));
		out->type = AS_GEOJSON;
		return AEROSPIKE_OK;
	}
	if (strcmp(tag, TAG_DOUBLE) == 0) {
		*handled = true;
		const char *s = json_is_string(arg) ? json_string_value(arg) : "";
		if (strcmp(s, "nan") == 0)
			*out = as_value_double(NAN);
		else if (strcmp(s, "inf") == 0)
			*out = as_value_double(INFINITY);
		else if (strcmp(s, "-inf") == 0)
			*out = as_value_double(-INFINITY);
		else if (json_is_number(arg))
			*out = as_value_double(json_number_value(arg));
		else
			return as_error_set(err, AEROSPIKE_ERR_PARAM,
			                    "%s: %s needs \"nan\", \"inf\", \"-inf\" or a number", path, tag);
		return AEROSPIKE_OK;
	}
	if (strcmp(tag, TAG_MAP) == 0) {
		*handled = true;
		return json_to_map_pairs(arg, out, path, plen, err);
	}
	return AEROSPIKE_OK;
}

static as_status json_to_value(const json_t *j, as_value *out, char *path, size_t plen, as_error *err)
{
	*out = as_value_nil();
	if (!j)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s: JSON value is NULL", path);
	switch (json_typeof(j)) {
	case JSON_NULL:
		return AEROSPIKE_OK;
	case JSON_TRUE:
	case JSON_FALSE:
		*out = as_value_bool(json_is_true(j));
		return AEROSPIKE_OK;
	case JSON_INTEGER:
		*out = as_value_int((int64_t)json_integer_value(j));
		return AEROSPIKE_OK;
	case JSON_REAL:
		*out = as_value_double(json_real_value(j));
		return AEROSPIKE_OK;
	case JSON_STRING:
		*out = as_value_strn(json_string_value(j), json_string_length(j));
		return AEROSPIKE_OK;
	case JSON_ARRAY: {
		size_t n = json_array_size(j);
		as_list *list = as_list_new((uint32_t)n);
		for (size_t i = 0; i < n; i++) {
			as_value item;
			as_status rc = json_child(json_array_get(j, i), &item, path, plen, err, NULL, i);
			if (rc != AEROSPIKE_OK) {
				as_list_destroy(list);
				return rc;
			}
			as_list_append(list, item);
		}
		*out = as_value_list(list);
		return AEROSPIKE_OK;
	}
	case JSON_OBJECT: {
		bool handled;
		as_status rc = json_to_tagged(j, out, &handled, path, plen, err);
		if (handled || rc != AEROSPIKE_OK)
			return rc;
		as_map *map = as_map_new((uint32_t)json_object_size(j));
		const char *key;
		json_t *member;
		json_object_foreach((json_t *)j, key, member) {
			as_value v;
			rc = json_child(member, &v, path, plen, err, key, 0);
			if (rc != AEROSPIKE_OK) {
				as_map_destroy(map);
				return rc;
			}
			/* Object keys are unique already. */
			as_map_append(map, as_value_str(key), v);
		}
		*out = as_value_map(map);
		return AEROSPIKE_OK;
	}
	}
	return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s: unsupported JSON type", path);
}

as_status as_value_from_json(const json_t *json, as_value *out, as_error *err)
{
	if (!out)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "output value is NULL");
	char path[JSON_PATH_MAX] = "value";
	return json_to_value(json, out, path, strlen(path), err);
}

as_status as_record_from_json(const json_t *bins, as_record **out, as_error *err)
{
	if (!out)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "output record is NULL");
	*out = NULL;
	if (!bins)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "record JSON is NULL");
	if (!json_is_object(bins))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "record JSON must be an object of bins, not %s",
		                    json_type_name(bins));
	if (json_object_size(bins) > AS_RECORD_MAX_BINS)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "record JSON has %zu bins, the limit is %d",
		                    json_object_size(bins), AS_RECORD_MAX_BINS);
	as_record *rec = as_record_new((uint16_t)json_object_size(bins));
	const char *name;
	json_t *member;
	json_object_foreach((json_t *)bins, name, member) {
		char why[AS_BIN_NAME_REASON_MAX];
		if (!as_bin_name_check(name, NULL, why)) {
			as_record_destroy(rec);
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s", why);
		}
		char path[JSON_PATH_MAX];
		int n = snprintf(path, sizeof path, "bin '%s'", name);
		as_value v;
		as_status rc = json_to_value(member, &v, path, (size_t)n, err);
		if (rc != AEROSPIKE_OK) {
			as_record_destroy(rec);
			return rc;
		}
		as_record_set(rec, name, v);
	}
	*out = rec;
	return AEROSPIKE_OK;
}
