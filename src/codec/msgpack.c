/* msgpack in Aerospike's dialect: see msgpack.h and protocol_notes.txt
 * section 5. Packing never fails for a valid value; unpacking checks every
 * length against the input before reading it. */
#include <string.h>

#include "codec/msgpack.h"
#include "model/alloc.h"

/* Most list or map entries allocated before they are decoded. */
#define AS_MSGPACK_PREALLOC 256u

/* ---- packing ---- */

static void pack_byte(as_buffer *b, uint8_t c)
{
	as_buffer_append(b, &c, 1);
}

static void pack_u8(as_buffer *b, uint8_t type, uint8_t v)
{
	uint8_t *p = as_buffer_reserve(b, 2);

	p[0] = type;
	p[1] = v;
	b->len += 2;
}

static void pack_u16(as_buffer *b, uint8_t type, uint16_t v)
{
	uint8_t *p = as_buffer_reserve(b, 3);

	p[0] = type;
	as_put_u16(p + 1, v);
	b->len += 3;
}

static void pack_u32(as_buffer *b, uint8_t type, uint32_t v)
{
	uint8_t *p = as_buffer_reserve(b, 5);

	p[0] = type;
	as_put_u32(p + 1, v);
	b->len += 5;
}

static void pack_u64(as_buffer *b, uint8_t type, uint64_t v)
{
	uint8_t *p = as_buffer_reserve(b, 9);

	p[0] = type;
	as_put_u64(p + 1, v);
	b->len += 9;
}

/* Smallest encoding, as the official clients do (the server keeps the
 * bytes as written, so this also decides what other clients read back). */
static void pack_int(as_buffer *b, int64_t v)
{
	if (v >= 0) {
		if (v < 128)
			pack_byte(b, (uint8_t)v);
		else if (v < 256)
			pack_u8(b, 0xcc, (uint8_t)v);
		else if (v < 65536)
			pack_u16(b, 0xcd, (uint16_t)v);
		else if (v <= (int64_t)UINT32_MAX)
			pack_u32(b, 0xce, (uint32_t)v);
		else
			pack_u64(b, 0xcf, (uint64_t)v);
	} else {
		if (v >= -32)
			pack_byte(b, (uint8_t)(int8_t)v);
		else if (v >= INT8_MIN)
			pack_u8(b, 0xd0, (uint8_t)(int8_t)v);
		else if (v >= INT16_MIN)
			pack_u16(b, 0xd1, (uint16_t)(int16_t)v);
		else if (v >= INT32_MIN)
			pack_u32(b, 0xd2, (uint32_t)(int32_t)v);
		else
			pack_u64(b, 0xd3, (uint64_t)v);
	}
}

static void pack_double(as_buffer *b, double d)
{
	uint64_t bits;

	memcpy(&bits, &d, sizeof bits);
	pack_u64(b, 0xcb, bits);
}

/* str family with a leading particle byte that the length includes */
static void pack_blob(as_buffer *b, uint8_t particle, const void *p, uint32_t len)
{
	uint64_t n = (uint64_t)len + 1;

	if (n < 32)
		pack_byte(b, (uint8_t)(0xa0 | n));
	else if (n < 256)
		pack_u8(b, 0xd9, (uint8_t)n);
	else if (n < 65536)
		pack_u16(b, 0xda, (uint16_t)n);
	else
		pack_u32(b, 0xdb, (uint32_t)n);
	pack_byte(b, particle);
	as_buffer_append(b, p, len);
}

static void pack_array_header(as_buffer *b, uint32_t n)
{
	if (n < 16)
		pack_byte(b, (uint8_t)(0x90 | n));
	else if (n < 65536)
		pack_u16(b, 0xdc, (uint16_t)n);
	else
		pack_u32(b, 0xdd, n);
}

static void pack_map_header(as_buffer *b, uint32_t n)
{
	if (n < 16)
		pack_byte(b, (uint8_t)(0x80 | n));
	else if (n < 65536)
		pack_u16(b, 0xde, (uint16_t)n);
	else
		pack_u32(b, 0xdf, n);
}

static as_status pack_value(as_buffer *b, const as_value *v, int depth, as_error *err)
{
	uint32_t i;
	as_status rc;

	if ((v->type == AS_LIST || v->type == AS_MAP) && depth >= AS_MSGPACK_MAX_DEPTH)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "list/map nesting deeper than %d",
		                    AS_MSGPACK_MAX_DEPTH);
	switch (v->type) {
	case AS_NIL:
		pack_byte(b, 0xc0);
		return AEROSPIKE_OK;
	case AS_BOOL:
		pack_byte(b, v->u.b ? 0xc3 : 0xc2);
		return AEROSPIKE_OK;
	case AS_INTEGER:
		pack_int(b, v->u.i);
		return AEROSPIKE_OK;
	case AS_DOUBLE:
		pack_double(b, v->u.d);
		return AEROSPIKE_OK;
	case AS_STRING:
	case AS_GEOJSON:
		pack_blob(b, v->type, v->u.str, v->len);
		return AEROSPIKE_OK;
	case AS_BYTES:
		pack_blob(b, AS_BYTES, v->u.bytes, v->len);
		return AEROSPIKE_OK;
	case AS_LIST: {
		const as_list *l = v->u.list;
		uint32_t n = l ? l->size : 0;

		/* Lists carry no ext header: the official client sends plain
		 * arrays for unordered lists (put_basic capture). */
		pack_array_header(b, n);
		for (i = 0; i < n; i++)
			if ((rc = pack_value(b, &l->items[i], depth + 1, err)) != AEROSPIKE_OK)
				return rc;
		return AEROSPIKE_OK;
	}
	case AS_MAP: {
		const as_map *m = v->u.map;
		uint32_t n = m ? m->size : 0;
		uint8_t order = m ? m->order : 0;

		if (order != 0) {
			/* Ordered map: an extra first pair whose key is an empty
			 * ext with the order flags as its type, value nil. */
			pack_map_header(b, n + 1);
			pack_byte(b, 0xc7);
			pack_byte(b, 0);
			pack_byte(b, order);
			pack_byte(b, 0xc0);
		} else {
			pack_map_header(b, n);
		}
		for (i = 0; i < n; i++) {
			if ((rc = pack_value(b, &m->entries[i].key, depth + 1, err)) != AEROSPIKE_OK)
				return rc;
			if ((rc = pack_value(b, &m->entries[i].value, depth + 1, err)) != AEROSPIKE_OK)
				return rc;
		}
		return AEROSPIKE_OK;
	}
	default:
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "value type %u cannot be packed",
		                    (unsigned)v->type);
	}
}

as_status as_msgpack_pack(as_buffer *b, const as_value *v, as_error *err)
{
	size_t start = b->len;
	as_status rc = pack_value(b, v, 0, err);

	if (rc != AEROSPIKE_OK)
		b->len = start;
	return rc;
}

/* ---- unpacking ---- */

typedef struct unpacker {
	const uint8_t *p;
	const uint8_t *end;
	as_error *err;
} unpacker;

static as_status truncated(unpacker *u)
{
	return as_error_set(u->err, AEROSPIKE_ERR_CLIENT, "malformed msgpack: truncated input");
}

static bool need(unpacker *u, size_t n)
{
	return (size_t)(u->end - u->p) >= n;
}

/* Read a big-endian length/number of n bytes after the type byte. */
static as_status read_uint(unpacker *u, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (!need(u, n))
		return truncated(u);
	for (i = 0; i < n; i++)
		v = (v << 8) | u->p[i];
	u->p += n;
	*out = v;
	return AEROSPIKE_OK;
}

static as_status unpack_value(unpacker *u, as_value *out, int depth);

static as_status unpack_blob(unpacker *u, uint64_t len, as_value *out)
{
	const uint8_t *s;

	if (!need(u, len))
		return truncated(u);
	s = u->p;
	u->p += len;
	if (len == 0) {
		*out = as_value_strn("", 0);
		return AEROSPIKE_OK;
	}
	/* The first payload byte is the particle type, as the server reads it. */
	switch (s[0]) {
	case AS_STRING:
		*out = as_value_strn((const char *)s + 1, len - 1);
		break;
	case AS_GEOJSON:
		*out = as_value_strn((const char *)s + 1, len - 1);
		out->type = AS_GEOJSON;
		break;
	default:
		/* blobs of any language tag are plain bytes to us */
		*out = as_value_bytes(s + 1, len - 1);
		break;
	}
	return AEROSPIKE_OK;
}

static as_status unpack_bin(unpacker *u, uint64_t len, as_value *out)
{
	if (!need(u, len))
		return truncated(u);
	*out = as_value_bytes(u->p, len);
	u->p += len;
	return AEROSPIKE_OK;
}

/* If an ext object starts at u->p, skip it and return its type in *type. */
static as_status skip_ext(unpacker *u, bool *was_ext, uint8_t *type)
{
	uint64_t len = 0;
	as_status rc;
	uint8_t c;

	*was_ext = false;
	if (!need(u, 1))
		return truncated(u);
	c = *u->p;
	switch (c) {
	case 0xd4: len = 1; u->p++; break;
	case 0xd5: len = 2; u->p++; break;
	case 0xd6: len = 4; u->p++; break;
	case 0xd7: len = 8; u->p++; break;
	case 0xd8: len = 16; u->p++; break;
	case 0xc7:
	case 0xc8:
	case 0xc9:
		u->p++;
		if ((rc = read_uint(u, c == 0xc7 ? 1 : c == 0xc8 ? 2 : 4, &len)) != AEROSPIKE_OK)
			return rc;
		break;
	default:
		return AEROSPIKE_OK;
	}
	if (!need(u, 1 + len))
		return truncated(u);
	*type = u->p[0];
	u->p += 1 + len;
	*was_ext = true;
	return AEROSPIKE_OK;
}

static as_status unpack_list(unpacker *u, uint64_t n, as_value *out, int depth)
{
	as_list *list;
	as_status rc;
	bool ext;
	uint8_t type;

	if (depth > AS_MSGPACK_MAX_DEPTH)
		return as_error_set(u->err, AEROSPIKE_ERR_CLIENT,
		                    "malformed msgpack: nesting deeper than %d", AS_MSGPACK_MAX_DEPTH);
	/* every element takes at least one byte: refuse absurd counts early */
	if (!need(u, n))
		return truncated(u);
	if (n > 0) {
		/* an ordered list's first element is an ext header: not data */
		if ((rc = skip_ext(u, &ext, &type)) != AEROSPIKE_OK)
			return rc;
		if (ext)
			n--;
	}
	/* Trust the announced count for the first allocation only up to a
	 * bound: nested headers could otherwise reserve far more than the
	 * input holds. The list grows as elements really decode. */
	list = as_list_new((uint32_t)(n < AS_MSGPACK_PREALLOC ? n : AS_MSGPACK_PREALLOC));
	*out = as_value_list(list);
	while (n-- > 0) {
		as_value item;

		if ((rc = unpack_value(u, &item, depth)) != AEROSPIKE_OK) {
			as_value_destroy(out);
			return rc;
		}
		as_list_append(list, item);
	}
	return AEROSPIKE_OK;
}

static as_status unpack_map(unpacker *u, uint64_t n, as_value *out, int depth)
{
	as_map *map;
	as_status rc;
	bool ext;
	uint8_t type = 0;

	if (depth > AS_MSGPACK_MAX_DEPTH)
		return as_error_set(u->err, AEROSPIKE_ERR_CLIENT,
		                    "malformed msgpack: nesting deeper than %d", AS_MSGPACK_MAX_DEPTH);
	if (n > SIZE_MAX / 2 || !need(u, 2 * n))
		return truncated(u);
	if (n > 0) {
		/* ordered map: first key is an ext carrying the order flags, value nil */
		if ((rc = skip_ext(u, &ext, &type)) != AEROSPIKE_OK)
			return rc;
		if (ext) {
			as_value nil;

			if ((rc = unpack_value(u, &nil, depth)) != AEROSPIKE_OK)
				return rc;
			as_value_destroy(&nil);
			n--;
		}
	}
	map = as_map_new((uint32_t)(n < AS_MSGPACK_PREALLOC ? n : AS_MSGPACK_PREALLOC));
	/* Only the two storage orders describe the map. The server marks
	 * results it returns in its own order (KEY_VALUE) with 0x08: keep the
	 * entries in that order but do not carry the mark, or writing the map
	 * back would send an order no bin can have. */
	map->order = (type == AS_MAP_KEY_ORDERED || type == AS_MAP_KEY_VALUE_ORDERED) ? type : AS_MAP_UNORDERED;
	*out = as_value_map(map);
	while (n-- > 0) {
		as_map_entry *e;

		if (map->size == map->capacity) {
			uint32_t cap = map->capacity ? map->capacity * 2 : 8;
			map->entries = as_reallocarray(map->entries, cap, sizeof *e);
			map->capacity = cap;
		}
		/* Appended in server order without the equal-key search of
		 * as_map_put(): a reply of n entries must not cost n^2. */
		e = &map->entries[map->size];
		if ((rc = unpack_value(u, &e->key, depth)) != AEROSPIKE_OK) {
			as_value_destroy(out);
			return rc;
		}
		if ((rc = unpack_value(u, &e->value, depth)) != AEROSPIKE_OK) {
			as_value_destroy(&e->key);
			as_value_destroy(out);
			return rc;
		}
		map->size++;
	}
	return AEROSPIKE_OK;
}

static as_status unpack_value(unpacker *u, as_value *out, int depth)
{
	uint64_t v = 0;
	as_status rc;
	uint8_t c;

	*out = as_value_nil();
	if (!need(u, 1))
		return truncated(u);
	c = *u->p++;
	if (c <= 0x7f) {
		*out = as_value_int(c);
		return AEROSPIKE_OK;
	}
	if (c >= 0xe0) {
		*out = as_value_int((int8_t)c);
		return AEROSPIKE_OK;
	}
	if (c >= 0x80 && c <= 0x8f)
		return unpack_map(u, c & 0x0f, out, depth + 1);
	if (c >= 0x90 && c <= 0x9f)
		return unpack_list(u, c & 0x0f, out, depth + 1);
	if (c >= 0xa0 && c <= 0xbf)
		return unpack_blob(u, c & 0x1f, out);
	switch (c) {
	case 0xc0:
		return AEROSPIKE_OK;
	case 0xc2:
	case 0xc3:
		*out = as_value_bool(c == 0xc3);
		return AEROSPIKE_OK;
	case 0xc4:
	case 0xc5:
	case 0xc6:
		if ((rc = read_uint(u, (size_t)1 << (c - 0xc4), &v)) != AEROSPIKE_OK)
			return rc;
		return unpack_bin(u, v, out);
	case 0xca: {
		uint32_t bits;
		float f;

		if ((rc = read_uint(u, 4, &v)) != AEROSPIKE_OK)
			return rc;
		bits = (uint32_t)v;
		memcpy(&f, &bits, sizeof f);
		*out = as_value_double(f);
		return AEROSPIKE_OK;
	}
	case 0xcb: {
		double d;

		if ((rc = read_uint(u, 8, &v)) != AEROSPIKE_OK)
			return rc;
		memcpy(&d, &v, sizeof d);
		*out = as_value_double(d);
		return AEROSPIKE_OK;
	}
	case 0xcc:
	case 0xcd:
	case 0xce:
	case 0xcf:
		if ((rc = read_uint(u, (size_t)1 << (c - 0xcc), &v)) != AEROSPIKE_OK)
			return rc;
		/* Aerospike integers are signed 64-bit: a uint64 above INT64_MAX
		 * is the two's complement of a negative value. */
		*out = as_value_int((int64_t)v);
		return AEROSPIKE_OK;
	case 0xd0:
		if ((rc = read_uint(u, 1, &v)) != AEROSPIKE_OK)
			return rc;
		*out = as_value_int((int8_t)(uint8_t)v);
		return AEROSPIKE_OK;
	case 0xd1:
		if ((rc = read_uint(u, 2, &v)) != AEROSPIKE_OK)
			return rc;
		*out = as_value_int((int16_t)(uint16_t)v);
		return AEROSPIKE_OK;
	case 0xd2:
		if ((rc = read_uint(u, 4, &v)) != AEROSPIKE_OK)
			return rc;
		*out = as_value_int((int32_t)(uint32_t)v);
		return AEROSPIKE_OK;
	case 0xd3:
		if ((rc = read_uint(u, 8, &v)) != AEROSPIKE_OK)
			return rc;
		*out = as_value_int((int64_t)v);
		return AEROSPIKE_OK;
	case 0xd9:
	case 0xda:
	case 0xdb:
		if ((rc = read_uint(u, (size_t)1 << (c - 0xd9), &v)) != AEROSPIKE_OK)
			return rc;
		return unpack_blob(u, v, out);
	case 0xdc:
	case 0xdd:
		if ((rc = read_uint(u, c == 0xdc ? 2 : 4, &v)) != AEROSPIKE_OK)
			return rc;
		return unpack_list(u, v, out, depth + 1);
	case 0xde:
	case 0xdf:
		if ((rc = read_uint(u, c == 0xde ? 2 : 4, &v)) != AEROSPIKE_OK)
			return rc;
		return unpack_map(u, v, out, depth + 1);
	default:
		/* 0xc1 (never used) and ext objects outside a header position */
		return as_error_set(u->err, AEROSPIKE_ERR_CLIENT,
		                    "malformed msgpack: unexpected type byte 0x%02x", (unsigned)c);
	}
}

as_status as_msgpack_unpack(const uint8_t *p, size_t len, as_value *out, size_t *used, as_error *err)
{
	unpacker u = { p, p + len, err };
	as_status rc = unpack_value(&u, out, 0);

	if (rc != AEROSPIKE_OK) {
		*out = as_value_nil();
		return rc;
	}
	if (used)
		*used = (size_t)(u.p - p);
	return AEROSPIKE_OK;
}
