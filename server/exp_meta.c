/* Record metadata and bin values as expressions read them
 * (expop_read_meta): times in nanoseconds since 1970 except since_update
 * (milliseconds), ttl in seconds, sizes of the real server's storage
 * format. The record is the one stored before the command. */
#include "config.h"

#include <string.h>
#include <time.h>
#include <aerofuture/status.h>

#include "codec/buffer.h"
#include "codec/msgpack.h"
#include "exp.h"

/* Seconds from 1970 to the citrusleaf epoch (2010-01-01). */
#define MS_CF_EPOCH 1262304000ull

uint64_t ms_exp_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t particle_flat_size(uint8_t particle, uint32_t len)
{
	/* fixed-size particles carry no length; the others a 4-byte one */
	switch (particle) {
	case AS_INTEGER: case AS_DOUBLE: return 8;
	case AS_BOOL: return 1;
	default: return 4 + (uint64_t)len;
	}
}

/* The flat record: a 36-byte header, the void time when there is one,
 * the stored key (length byte, particle byte, bytes), a bin count, then
 * per bin its name, a flags byte, the particle type and the value; stored
 * in 16-byte blocks. Matches the 112 bytes of expop_read_meta. */
uint64_t ms_exp_record_size(const ms_record *rec)
{
	uint64_t n = 36 + (rec->void_time != 0 ? 4 : 0) + 1;

	if (rec->key_particle != 0)
		n += 2 + (uint64_t)rec->key_len;
	for (uint16_t i = 0; i < rec->n_bins; i++)
		n += 2 + (uint64_t)rec->bins[i].name_len + particle_flat_size(rec->bins[i].particle, rec->bins[i].len);
	return (n + 15) / 16 * 16;
}

bool ms_exp_bin_value(const ms_work *wk, const ms_wbin *b, as_value *out)
{
	const uint8_t *p = ms_wbin_data(wk, b);
	as_error err;
	size_t used;
	uint64_t u;

	switch (b->particle) {
	case AS_INTEGER:
		if (b->len != 8)
			return false;
		*out = as_value_int((int64_t)as_get_u64(p));
		return true;
	case AS_DOUBLE:
		if (b->len != 8)
			return false;
		u = as_get_u64(p);
		*out = as_value_double(0);
		memcpy(&out->u.d, &u, 8);
		return true;
	case AS_BOOL:
		*out = as_value_bool(b->len >= 1 && p[0] != 0);
		return true;
	case AS_STRING:
		*out = as_value_strn((const char *)p, b->len);
		return true;
	case AS_LIST:
	case AS_MAP:
		if (as_msgpack_unpack(p, b->len, out, &used, &err) != AEROSPIKE_OK)
			return false;
		if (out->type != b->particle) {
			as_value_destroy(out);
			*out = as_value_nil();
			return false;
		}
		return true;
	case AS_GEOJSON: {
		/* flags, cell count, cell ids, then the JSON text */
		uint32_t skip;

		if (b->len < 3)
			return false;
		skip = 3 + 8u * ((uint32_t)p[1] << 8 | p[2]);
		if (skip > b->len)
			return false;
		*out = as_value_strn((const char *)p + skip, b->len - skip);
		out->type = AS_GEOJSON;
		return true;
	}
	default:  /* blobs, HLL */
		*out = as_value_bytes(p, b->len);
		return true;
	}
}

int ms_exp_meta(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	const ms_record *r = env->rec;

	if (r == NULL)
		return e->op == MS_XOP_KEY_EXIST || e->op == MS_XOP_IS_TOMBSTONE ?
		       (*out = as_value_bool(false), AEROSPIKE_OK) : MS_EXP_UNKNOWN;
	switch (e->op) {
	case MS_XOP_DIGEST_MODULO: {
		/* the server reads digest bytes 16..19 as a little-endian word */
		uint32_t w = (uint32_t)r->digest[16] | (uint32_t)r->digest[17] << 8 |
		             (uint32_t)r->digest[18] << 16 | (uint32_t)r->digest[19] << 24;

		*out = as_value_int((int64_t)(w % (uint64_t)e->a));
		return AEROSPIKE_OK;
	}
	case MS_XOP_DEVICE_SIZE:
		*out = as_value_int(0);  /* minispike stores in memory only */
		return AEROSPIKE_OK;
	case MS_XOP_MEMORY_SIZE:
	case MS_XOP_RECORD_SIZE:
		*out = as_value_int((int64_t)ms_exp_record_size(r));
		return AEROSPIKE_OK;
	case MS_XOP_LAST_UPDATE:
		*out = as_value_int((int64_t)(r->last_update_ms * 1000000u));
		return AEROSPIKE_OK;
	case MS_XOP_SINCE_UPDATE: {
		uint64_t now = ms_exp_now_ms();

		*out = as_value_int(now > r->last_update_ms ? (int64_t)(now - r->last_update_ms) : 0);
		return AEROSPIKE_OK;
	}
	case MS_XOP_VOID_TIME:
		/* never expiring: -1, as the server answers */
		*out = as_value_int(r->void_time == 0 ? -1 :
		                    (int64_t)(((uint64_t)r->void_time + MS_CF_EPOCH) * 1000000000u));
		return AEROSPIKE_OK;
	case MS_XOP_TTL:
		*out = as_value_int(r->void_time == 0 ? -1 :
		                    r->void_time > env->now_cf ? (int64_t)(r->void_time - env->now_cf) : 0);
		return AEROSPIKE_OK;
	case MS_XOP_SET_NAME:
		if (env->ns == NULL || r->set_id >= env->ns->n_sets)
			return MS_EXP_UNKNOWN;
		*out = as_value_str(env->ns->sets[r->set_id].name);
		return AEROSPIKE_OK;
	case MS_XOP_KEY_EXIST:
		*out = as_value_bool(r->key_particle != 0);
		return AEROSPIKE_OK;
	case MS_XOP_IS_TOMBSTONE:
		*out = as_value_bool(false);  /* minispike keeps no tombstones */
		return AEROSPIKE_OK;
	case MS_XOP_KEY:
		if (r->key_particle == 0)
			return MS_EXP_UNKNOWN;
		if (e->a == MS_XT_INT && r->key_particle == AS_INTEGER && r->key_len == 8)
			*out = as_value_int((int64_t)as_get_u64(r->key));
		else if (e->a == MS_XT_STR && r->key_particle == AS_STRING)
			*out = as_value_strn((const char *)r->key, r->key_len);
		else if (e->a == MS_XT_BLOB && r->key_particle == AS_BYTES)
			*out = as_value_bytes(r->key, r->key_len);
		else
			return MS_EXP_UNKNOWN;
		return AEROSPIKE_OK;
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
}
