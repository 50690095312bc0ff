/* as_msg parsing into bounds-checked views, particle decoding and record
 * building. Nothing here trusts a length read from the network. */
#include <stdlib.h>
#include <string.h>

#include "codec/buffer.h"
#include "codec/msg.h"
#include "model/record_internal.h"
#include "codec/msgpack.h"
#include "model/alloc.h"

/* The fields and ops from p + off on, as counted by out->h. Forced inline
 * (the compiler would otherwise call it): a client parses every reply with
 * it, and the get path must not pay for the sharing. */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline as_status msg_parse_parts(const uint8_t *p, size_t len, size_t off, as_msg_view *out,
                                        as_error *err)
{
	uint32_t i;

	out->fields = p + off;
	for (i = 0; i < out->h.n_fields; i++) {
		uint32_t sz;

		if (len - off < 4)
			return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed as_msg: field %u truncated", i);
		sz = as_get_u32(p + off);
		/* the size counts the type byte, so it is at least 1 */
		if (sz < 1 || sz > len - off - 4)
			return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed as_msg: field %u size %u", i, sz);
		off += 4 + (size_t)sz;
	}
	out->fields_len = (size_t)(p + off - out->fields);

	out->ops = p + off;
	for (i = 0; i < out->h.n_ops; i++) {
		uint32_t sz;

		if (len - off < 8)
			return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed as_msg: op %u truncated", i);
		sz = as_get_u32(p + off);
		/* op, particle, flags, name_len, then the name */
		if (sz < 4 || sz > len - off - 4 || p[off + 7] > sz - 4)
			return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed as_msg: op %u size %u", i, sz);
		off += 4 + (size_t)sz;
	}
	out->ops_len = (size_t)(p + off - out->ops);
	out->total = off;
	return AEROSPIKE_OK;
}

as_status as_msg_parse(const uint8_t *p, size_t len, as_msg_view *out, as_error *err)
{
	if (len < AS_MSG_HEADER_SIZE)
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed as_msg: %zu bytes, header needs %d",
		                    len, AS_MSG_HEADER_SIZE);
	if (p[0] != AS_MSG_HEADER_SIZE)
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed as_msg: header_sz %u",
		                    (unsigned)p[0]);
	as_msg_header_read(p, &out->h);
	return msg_parse_parts(p, len, AS_MSG_HEADER_SIZE, out, err);
}

as_status as_msg_parse_parts(const uint8_t *p, size_t len, uint16_t n_fields, uint16_t n_ops,
                             as_msg_view *out, as_error *err)
{
	out->h.n_fields = n_fields;
	out->h.n_ops = n_ops;
	return msg_parse_parts(p, len, 0, out, err);
}

bool as_msg_next_field(const as_msg_view *m, const uint8_t **cursor, as_msg_field *out)
{
	const uint8_t *c = *cursor ? *cursor : m->fields;
	uint32_t sz;

	if (c < m->fields || c >= m->fields + m->fields_len)
		return false;
	/* sizes were checked by as_msg_parse */
	sz = as_get_u32(c);
	out->type = c[4];
	out->data = c + 5;
	out->len = sz - 1;
	*cursor = c + 4 + sz;
	return true;
}

bool as_msg_next_op(const as_msg_view *m, const uint8_t **cursor, as_msg_op *out)
{
	const uint8_t *c = *cursor ? *cursor : m->ops;
	uint32_t sz;

	if (c < m->ops || c >= m->ops + m->ops_len)
		return false;
	sz = as_get_u32(c);
	out->op = c[4];
	out->particle = c[5];
	out->name_len = c[7];
	out->name = (const char *)c + 8;
	out->value = c + 8 + out->name_len;
	out->value_len = sz - 4 - out->name_len;
	*cursor = c + 4 + sz;
	return true;
}

bool as_msg_find_field(const as_msg_view *m, uint8_t type, as_msg_field *out)
{
	const uint8_t *cur = NULL;

	while (as_msg_next_field(m, &cur, out))
		if (out->type == type)
			return true;
	return false;
}

static as_status bad_len(as_error *err, const char *what, uint32_t len)
{
	return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed %s particle: %u bytes", what, len);
}

static as_status particle_cdt(const uint8_t *p, uint32_t len, uint8_t want, as_value *out,
                              as_error *err)
{
	size_t used = 0;
	as_status rc = as_msgpack_unpack(p, len, out, &used, err);

	if (rc != AEROSPIKE_OK)
		return rc;
	if (out->type != want || used != len) {
		as_value_destroy(out);
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed %s particle",
		                    want == AS_LIST ? "list" : "map");
	}
	return AEROSPIKE_OK;
}

as_status as_particle_to_value(uint8_t particle, const uint8_t *p, uint32_t len, as_value *out,
                               as_error *err)
{
	*out = as_value_nil();
	switch (particle) {
	case AS_NIL:
		/* write ops echoed by RESPOND_ALL_OPS: particle 0, no value */
		return AEROSPIKE_OK;
	case AS_INTEGER:
		if (len != 8)
			return bad_len(err, "integer", len);
		*out = as_value_int((int64_t)as_get_u64(p));
		return AEROSPIKE_OK;
	case AS_DOUBLE: {
		uint64_t bits;
		double d;

		if (len != 8)
			return bad_len(err, "double", len);
		bits = as_get_u64(p);
		memcpy(&d, &bits, sizeof d);
		*out = as_value_double(d);
		return AEROSPIKE_OK;
	}
	case AS_STRING:
		*out = as_value_strn((const char *)p, len);
		return AEROSPIKE_OK;
	case AS_BYTES:
	case AS_PARTICLE_HLL:
		/* an HLL sketch is opaque bytes to the client (hll_read_bin,
		 * hll_get_union); the HLL ops take it back as a blob */
		*out = as_value_bytes(p, len);
		return AEROSPIKE_OK;
	case AS_BOOL:
		if (len != 1)
			return bad_len(err, "bool", len);
		*out = as_value_bool(p[0] != 0);
		return AEROSPIKE_OK;
	case AS_LIST:
	case AS_MAP:
		return particle_cdt(p, len, particle, out, err);
	case AS_GEOJSON: {
		/* flags(1), ncells(2), ncells * 8 bytes of cell ids, JSON text */
		uint32_t skip;

		if (len < 3)
			return bad_len(err, "geojson", len);
		skip = 3 + 8u * as_get_u16(p + 1);
		if (skip > len)
			return bad_len(err, "geojson", len);
		*out = as_value_strn((const char *)p + skip, len - skip);
		out->type = AS_GEOJSON;
		return AEROSPIKE_OK;
	}
	default:
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "unsupported particle type %u",
		                    (unsigned)particle);
	}
}

/* Scan records carry namespace, digest, set and (if stored) the user key. */
static as_status msg_to_key(const as_msg_view *m, as_key **out, as_error *err)
{
	as_msg_field ns, digest, set, key;
	as_key *k;

	*out = NULL;
	if (!as_msg_find_field(m, AS_FIELD_NAMESPACE, &ns) || !as_msg_find_field(m, AS_FIELD_DIGEST, &digest))
		return AEROSPIKE_OK;
	if (ns.len == 0 || ns.len > AS_NAMESPACE_MAX_LEN)
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed namespace field: %u bytes", ns.len);
	if (digest.len != AS_DIGEST_SIZE)
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed digest field: %u bytes", digest.len);
	k = as_calloc(1, sizeof *k);
	memcpy(k->ns, ns.data, ns.len);
	memcpy(k->digest, digest.data, AS_DIGEST_SIZE);
	k->value = as_value_nil();
	if (as_msg_find_field(m, AS_FIELD_SET, &set)) {
		if (set.len > AS_SET_MAX_LEN) {
			free(k);
			return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed set field: %u bytes", set.len);
		}
		memcpy(k->set, set.data, set.len);
	}
	if (as_msg_find_field(m, AS_FIELD_KEY, &key)) {
		as_status rc;

		if (key.len < 1) {
			free(k);
			return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed key field: empty");
		}
		if (key.data[0] != AS_INTEGER && key.data[0] != AS_STRING && key.data[0] != AS_BYTES) {
			free(k);
			return as_error_set(err, AEROSPIKE_ERR_CLIENT, "unsupported key type %u",
			                    (unsigned)key.data[0]);
		}
		rc = as_particle_to_value(key.data[0], key.data + 1, key.len - 1, &k->value, err);
		if (rc != AEROSPIKE_OK) {
			free(k);
			return rc;
		}
	}
	*out = k;
	return AEROSPIKE_OK;
}

as_status as_msg_to_record(const as_msg_view *m, uint32_t now_cf, as_record **out, as_error *err)
{
	const uint8_t *cur = NULL;
	as_record *rec;
	as_msg_op op;
	as_status rc;

	*out = NULL;
	/* One allocation for the record, its bins and its strings and blobs
	 * (which borrow from the block). The ops' wire size bounds the data:
	 * each op spends at least 8 header bytes besides its value. */
	uint8_t *arena;
	rec = as_record_new_block(m->h.n_ops, m->ops_len, &arena);
	rec->gen = m->h.generation;
	rec->ttl = as_void_time_to_ttl(m->h.record_ttl, now_cf);
	if ((rc = msg_to_key(m, &rec->key, err)) != AEROSPIKE_OK) {
		as_record_destroy(rec);
		return rc;
	}
	while (as_msg_next_op(m, &cur, &op)) {
		as_bin *bin;

		if (op.name_len > AS_BIN_NAME_MAX_LEN) {
			as_record_destroy(rec);
			return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed op: bin name of %u bytes",
			                    (unsigned)op.name_len);
		}
		if (rec->n_bins == rec->capacity) {  /* as_msg_parse counted them: cannot happen */
			as_record_destroy(rec);
			return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed message: more ops than announced");
		}
		/* Appended, not set: operate may return one bin name several times
		 * and every result counts. */
		bin = &rec->bins[rec->n_bins];
		memset(bin->name, 0, sizeof bin->name);
		memcpy(bin->name, op.name, op.name_len);
		if (op.particle == AS_STRING || op.particle == AS_BYTES || op.particle == AS_PARTICLE_HLL) {
			memcpy(arena, op.value, op.value_len);
			arena[op.value_len] = '\0';
			bin->value.type = op.particle == AS_STRING ? AS_STRING : AS_BYTES;
			bin->value.borrowed = 1;
			bin->value.len = op.value_len;
			if (op.particle == AS_STRING)
				bin->value.u.str = (char *)arena;
			else
				bin->value.u.bytes = arena;
			arena += (size_t)op.value_len + 1;
			rec->n_bins++;
			continue;
		}
		rc = as_particle_to_value(op.particle, op.value, op.value_len, &bin->value, err);
		if (rc != AEROSPIKE_OK) {
			as_record_destroy(rec);
			return rc;
		}
		rec->n_bins++;
	}
	*out = rec;
	return AEROSPIKE_OK;
}
