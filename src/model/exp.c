/* Expression nodes, their packing into msgpack and the compiled,
 * reference-counted as_exp. The model layer has no codec, so the few
 * msgpack forms expressions need are written here. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/exp_internal.h"

/* Wire codes that open no operation but mark a quoted list literal. */
#define EXP_CODE_QUOTE 126

struct as_exp {
	atomic_uint refs;
	as_exp_type type;
	size_t len;
	uint8_t bytes[];
};

const char *as_exp_type_name(as_exp_type t)
{
	static const char *const names[] = { "NIL", "BOOL", "INT", "STR", "LIST", "MAP", "BLOB", "FLOAT", "GEO", "HLL" };

	if ((unsigned)t < sizeof names / sizeof names[0])
		return names[t];
	return t == AS_EXP_TYPE_AUTO ? "AUTO" : "UNKNOWN";
}

/* ---- nodes ---- */

static as_exp_node *node_new(exp_kind kind, as_exp_type type)
{
	as_exp_node *n = as_calloc(1, sizeof *n);

	n->kind = kind;
	n->type = type;
	n->depth = 1;
	return n;
}

static as_exp_node *error_vnew(const char *fn, const char *fmt, va_list ap)
{
	char msg[200];
	size_t used;
	as_exp_node *n = node_new(EXP_ERROR, AS_EXP_TYPE_AUTO);

	used = (size_t)snprintf(msg, sizeof msg, "%s: ", fn);
	if (used < sizeof msg)
		vsnprintf(msg + used, sizeof msg - used, fmt, ap);
	n->u.text = as_strdup(msg);
	return n;
}

as_exp_node *as_exp_node_error(const char *fn, const char *fmt, ...)
{
	va_list ap;
	as_exp_node *n;

	va_start(ap, fmt);
	n = error_vnew(fn, fmt, ap);
	va_end(ap);
	return n;
}

as_exp_node *as_exp_node_fail(as_exp_node *node, const char *fn, const char *fmt, ...)
{
	va_list ap;
	as_exp_node *n;

	as_exp_node_destroy(node);
	va_start(ap, fmt);
	n = error_vnew(fn, fmt, ap);
	va_end(ap);
	return n;
}

void as_exp_node_destroy(as_exp_node *n)
{
	uint32_t i;

	if (!n)
		return;
	switch (n->kind) {
	case EXP_ARRAY:
		for (i = 0; i < n->u.arr.n; i++)
			as_exp_node_destroy(n->u.arr.items[i]);
		free(n->u.arr.items);
		break;
	case EXP_RAW:
	case EXP_ERROR:
		free(n->u.text);
		break;
	case EXP_VALUE:
	case EXP_CTX:
		as_value_destroy(&n->u.v);
		break;
	case EXP_INT:
		break;
	}
	free(n);
}

static void destroy_all(as_exp_node *const *kids, size_t n, size_t except)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (i != except)
			as_exp_node_destroy(kids[i]);
}

as_exp_node *as_exp_node_array(const char *fn, as_exp_type type, as_exp_node *const *kids, size_t n)
{
	as_exp_node *a;
	uint32_t depth = 0;
	size_t i;

	if (!kids && n)
		return as_exp_node_error(fn, "operand list is NULL");
	for (i = 0; i < n; i++) {
		if (!kids[i]) {
			destroy_all(kids, n, n);
			return as_exp_node_error(fn, "operand %zu is NULL", i + 1);
		}
		if (kids[i]->kind == EXP_ERROR) {
			/* the innermost error is the one to report */
			destroy_all(kids, n, i);
			return kids[i];
		}
	}
	for (i = 0; i < n; i++) {
		if (kids[i]->is_def) {
			destroy_all(kids, n, n);
			return as_exp_node_error(fn, "operand %zu is a definition, only valid inside as_exp_let", i + 1);
		}
	}
	for (i = 0; i < n; i++)
		if (kids[i]->depth > depth)
			depth = kids[i]->depth;
	if (depth + 1 > AS_EXP_MAX_DEPTH) {
		destroy_all(kids, n, n);
		return as_exp_node_error(fn, "expression nested deeper than %d", AS_EXP_MAX_DEPTH);
	}
	if (n > UINT16_MAX) {
		destroy_all(kids, n, n);
		return as_exp_node_error(fn, "too many operands (%zu)", n);
	}
	a = node_new(EXP_ARRAY, type);
	a->depth = depth + 1;
	a->u.arr.n = (uint32_t)n;
	a->u.arr.items = as_calloc(n ? n : 1, sizeof *a->u.arr.items);
	for (i = 0; i < n; i++)
		a->u.arr.items[i] = kids[i];
	return a;
}

as_exp_node *as_exp_node_imm(int64_t v)
{
	as_exp_node *n = node_new(EXP_INT, AS_EXP_TYPE_INT);

	n->u.i = v;
	return n;
}

as_exp_node *as_exp_node_raw(const char *fn, const char *text)
{
	as_exp_node *n;

	if (!text)
		return as_exp_node_error(fn, "name is NULL");
	n = node_new(EXP_RAW, AS_EXP_TYPE_STR);
	n->u.text = as_strdup(text);
	return n;
}

as_exp_node *as_exp_node_ctx(const as_cdt_ctx *ctx)
{
	as_exp_node *n = node_new(EXP_CTX, AS_EXP_TYPE_LIST);
	as_value tmp;

	memset(&tmp, 0, sizeof tmp);
	tmp.type = AS_LIST;
	tmp.u.list = ctx->items;
	n->u.v = as_value_copy(&tmp);
	return n;
}

/* ---- literals ---- */

static as_exp_node *value_node(as_exp_type type, as_value v)
{
	as_exp_node *n = node_new(EXP_VALUE, type);

	n->u.v = v;
	return n;
}

as_exp_node *as_exp_int(int64_t v)
{
	return as_exp_node_imm(v);
}

as_exp_node *as_exp_float(double v)
{
	return value_node(AS_EXP_TYPE_FLOAT, as_value_double(v));
}

as_exp_node *as_exp_bool(bool v)
{
	return value_node(AS_EXP_TYPE_BOOL, as_value_bool(v));
}

as_exp_node *as_exp_str(const char *s)
{
	if (!s)
		return as_exp_node_error("as_exp_str", "string is NULL");
	return value_node(AS_EXP_TYPE_STR, as_value_str(s));
}

as_exp_node *as_exp_blob(const uint8_t *p, size_t len)
{
	if (!p && len)
		return as_exp_node_error("as_exp_blob", "bytes are NULL");
	if (len > UINT32_MAX - 1)
		return as_exp_node_error("as_exp_blob", "blob too large");
	return value_node(AS_EXP_TYPE_BLOB, as_value_bytes(p, len));
}

as_exp_node *as_exp_geo(const char *geojson)
{
	if (!geojson)
		return as_exp_node_error("as_exp_geo", "GeoJSON text is NULL");
	return value_node(AS_EXP_TYPE_GEO, as_value_geojson(geojson));
}

as_exp_node *as_exp_nil(void)
{
	return value_node(AS_EXP_TYPE_NIL, as_value_nil());
}

as_exp_node *as_exp_list_val(as_list *list)
{
	if (!list)
		return as_exp_node_error("as_exp_list_val", "list is NULL");
	return value_node(AS_EXP_TYPE_LIST, as_value_list(list));
}

as_exp_node *as_exp_map_val(as_map *map)
{
	if (!map)
		return as_exp_node_error("as_exp_map_val", "map is NULL");
	return value_node(AS_EXP_TYPE_MAP, as_value_map(map));
}

/* ---- packing ---- */

typedef struct packer {
	uint8_t *p;
	size_t len, cap;
} packer;

static void pk_room(packer *pk, size_t n)
{
	if (pk->len + n <= pk->cap)
		return;
	while (pk->len + n > pk->cap)
		pk->cap = pk->cap ? pk->cap * 2 : 64;
	pk->p = as_realloc(pk->p, pk->cap);
}

static void pk_bytes(packer *pk, const void *p, size_t n)
{
	pk_room(pk, n);
	if (n)
		memcpy(pk->p + pk->len, p, n);
	pk->len += n;
}

static void pk_byte(packer *pk, uint8_t c)
{
	pk_bytes(pk, &c, 1);
}

static void pk_be(packer *pk, uint8_t type, uint64_t v, int size)
{
	int i;

	pk_byte(pk, type);
	for (i = size - 1; i >= 0; i--)
		pk_byte(pk, (uint8_t)(v >> (8 * i)));
}

static void pk_int(packer *pk, int64_t v)
{
	if (v >= 0) {
		uint64_t u = (uint64_t)v;

		if (u < 128)
			pk_byte(pk, (uint8_t)u);
		else if (u < 256)
			pk_be(pk, 0xcc, u, 1);
		else if (u < 65536)
			pk_be(pk, 0xcd, u, 2);
		else if (u <= UINT32_MAX)
			pk_be(pk, 0xce, u, 4);
		else
			pk_be(pk, 0xcf, u, 8);
	} else if (v >= -32) {
		pk_byte(pk, (uint8_t)(int8_t)v);
	} else if (v >= INT8_MIN) {
		pk_be(pk, 0xd0, (uint8_t)(int8_t)v, 1);
	} else if (v >= INT16_MIN) {
		pk_be(pk, 0xd1, (uint16_t)(int16_t)v, 2);
	} else if (v >= INT32_MIN) {
		pk_be(pk, 0xd2, (uint32_t)(int32_t)v, 4);
	} else {
		pk_be(pk, 0xd3, (uint64_t)v, 8);
	}
}

static void pk_str_header(packer *pk, size_t n)
{
	if (n < 32)
		pk_byte(pk, (uint8_t)(0xa0 | n));
	else if (n < 256)
		pk_be(pk, 0xd9, n, 1);
	else if (n < 65536)
		pk_be(pk, 0xda, n, 2);
	else
		pk_be(pk, 0xdb, n, 4);
}

/* str family with the particle byte first, counted in the length */
static void pk_particle_str(packer *pk, uint8_t particle, const void *p, size_t n)
{
	pk_str_header(pk, n + 1);
	pk_byte(pk, particle);
	pk_bytes(pk, p, n);
}

static void pk_container(packer *pk, uint8_t fix, uint8_t b16, uint32_t n)
{
	if (n < 16)
		pk_byte(pk, (uint8_t)(fix | n));
	else if (n < 65536)
		pk_be(pk, b16, n, 2);
	else
		pk_be(pk, (uint8_t)(b16 + 1), n, 4);
}

static void pk_value(packer *pk, const as_value *v)
{
	uint32_t i;

	switch (v->type) {
	case AS_BOOL:
		pk_byte(pk, v->u.b ? 0xc3 : 0xc2);
		break;
	case AS_INTEGER:
		pk_int(pk, v->u.i);
		break;
	case AS_DOUBLE: {
		uint64_t bits;

		memcpy(&bits, &v->u.d, sizeof bits);
		pk_be(pk, 0xcb, bits, 8);
		break;
	}
	case AS_STRING:
	case AS_GEOJSON:
		pk_particle_str(pk, v->type, v->u.str, v->len);
		break;
	case AS_BYTES:
		pk_particle_str(pk, AS_BYTES, v->u.bytes, v->len);
		break;
	case AS_LIST: {
		const as_list *l = v->u.list;
		uint32_t n = l ? l->size : 0;

		pk_container(pk, 0x90, 0xdc, n);
		for (i = 0; i < n; i++)
			pk_value(pk, &l->items[i]);
		break;
	}
	case AS_MAP: {
		const as_map *m = v->u.map;
		uint32_t n = m ? m->size : 0;

		if (m && m->order) {
			/* ordered map: an empty ext keyed pair with the order flags */
			pk_container(pk, 0x80, 0xde, n + 1);
			pk_byte(pk, 0xc7);
			pk_byte(pk, 0);
			pk_byte(pk, m->order);
			pk_byte(pk, 0xc0);
		} else {
			pk_container(pk, 0x80, 0xde, n);
		}
		for (i = 0; i < n; i++) {
			pk_value(pk, &m->entries[i].key);
			pk_value(pk, &m->entries[i].value);
		}
		break;
	}
	default:
		pk_byte(pk, 0xc0);
		break;
	}
}

static void pk_node(packer *pk, const as_exp_node *n)
{
	uint32_t i;

	switch (n->kind) {
	case EXP_ARRAY:
		pk_container(pk, 0x90, 0xdc, n->u.arr.n);
		for (i = 0; i < n->u.arr.n; i++)
			pk_node(pk, n->u.arr.items[i]);
		break;
	case EXP_INT:
		pk_int(pk, n->u.i);
		break;
	case EXP_RAW: {
		size_t len = strlen(n->u.text);

		pk_str_header(pk, len);
		pk_bytes(pk, n->u.text, len);
		break;
	}
	case EXP_VALUE:
		/* a list literal would read as an operation: quote it */
		if (n->u.v.type == AS_LIST) {
			pk_byte(pk, 0x92);
			pk_int(pk, EXP_CODE_QUOTE);
		}
		pk_value(pk, &n->u.v);
		break;
	case EXP_CTX:
		pk_value(pk, &n->u.v);
		break;
	case EXP_ERROR:
		break;
	}
}

/* ---- compiled expressions ---- */

as_exp *as_exp_compile(as_exp_node *root, as_error *err)
{
	packer pk = { NULL, 0, 0 };
	as_exp *e;

	if (!root) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "as_exp_compile: expression is NULL");
		return NULL;
	}
	if (root->kind == EXP_ERROR) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "%s", root->u.text);
		as_exp_node_destroy(root);
		return NULL;
	}
	if (root->is_def) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "as_exp_compile: a definition is only valid inside as_exp_let");
		as_exp_node_destroy(root);
		return NULL;
	}
	pk_node(&pk, root);
	e = as_malloc(sizeof *e + pk.len);
	atomic_init(&e->refs, 1);
	e->type = root->type;
	e->len = pk.len;
	memcpy(e->bytes, pk.p, pk.len);
	free(pk.p);
	as_exp_node_destroy(root);
	return e;
}

as_exp *as_exp_retain(as_exp *e)
{
	if (e)
		atomic_fetch_add_explicit(&e->refs, 1, memory_order_relaxed);
	return e;
}

void as_exp_release(as_exp *e)
{
	if (e && atomic_fetch_sub_explicit(&e->refs, 1, memory_order_acq_rel) == 1)
		free(e);
}

const uint8_t *as_exp_wire(const as_exp *e, size_t *len)
{
	if (!e) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = e->len;
	return e->bytes;
}

as_exp_type as_exp_result_type(const as_exp *e)
{
	return e ? e->type : AS_EXP_TYPE_AUTO;
}
