/* The few collection (CDT) operations minispike implements: list append and
 * size, map put and get_by_key (op codes as the clients send them, see
 * protocol_notes.txt section 5). Values are decoded with the codec's msgpack,
 * changed, and packed back into the scratch arena. */
#include "config.h"

#include <string.h>

#include "cdt.h"
#include "codec/msgpack.h"

enum {
	MS_CDT_LIST_APPEND = 1,
	MS_CDT_LIST_SIZE = 16,
	MS_CDT_MAP_PUT = 67,
	MS_CDT_MAP_GET_BY_KEY = 97
};

enum {
	MS_MAP_RETURN_NONE = 0,
	MS_MAP_RETURN_COUNT = 5,
	MS_MAP_RETURN_KEY = 6,
	MS_MAP_RETURN_VALUE = 7
};

/* Store v as bin op->name (msgpack in the arena). */
static int ms_cdt_store(ms_work *wk, const as_msg_op *op, const as_value *v)
{
	as_buffer *arena = &wk->sc->arena;
	size_t off = arena->len;
	as_error err;
	ms_wbin *b;

	if (as_msgpack_pack(arena, v, &err) != AEROSPIKE_OK) {
		arena->len = off;
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
	b = ms_work_slot(wk, op->name, op->name_len);
	b->particle = (uint8_t)v->type;
	b->in_arena = 1;
	b->off = off;
	b->len = (uint32_t)(arena->len - off);
	return AEROSPIKE_OK;
}

int ms_cdt_apply(ms_work *wk, const as_msg_op *op, as_buffer *out)
{
	as_value args = as_value_nil(), bin = as_value_nil(), result = as_value_nil();
	const as_value *a;
	uint32_t n_args;
	int64_t code;
	ms_wbin *b;
	size_t used;
	as_error err;
	int rc = AEROSPIKE_OK;
	uint8_t want;

	if (op->name_len == 0)
		return AEROSPIKE_ERR_BIN_NAME;
	if (as_msgpack_unpack(op->value, op->value_len, &args, &used, &err) != AEROSPIKE_OK)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if (args.type != AS_LIST || args.u.list->size < 1 || args.u.list->items[0].type != AS_INTEGER) {
		as_value_destroy(&args);
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
	a = args.u.list->items;
	n_args = args.u.list->size;
	code = a[0].u.i;
	want = code >= 64 ? AS_MAP : AS_LIST;

	b = ms_work_find(wk, op->name, op->name_len);
	if (b != NULL) {
		if (b->particle != want) {
			rc = AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
			goto out;
		}
		if (as_msgpack_unpack(ms_wbin_data(wk, b), b->len, &bin, &used, &err) != AEROSPIKE_OK ||
		    bin.type != want) {
			rc = AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
			goto out;
		}
	}

	switch (code) {
	case MS_CDT_LIST_APPEND:
		if (op->op != 4 || n_args < 2) {
			rc = AEROSPIKE_ERR_REQUEST_INVALID;
			break;
		}
		if (bin.type == AS_NIL)
			bin = as_value_list(as_list_new(1));
		as_list_append(bin.u.list, as_value_copy(&a[1]));
		result = as_value_int(bin.u.list->size);
		rc = ms_cdt_store(wk, op, &bin);
		break;
	case MS_CDT_LIST_SIZE:
		if (bin.type == AS_LIST)
			result = as_value_int(bin.u.list->size);
		break;
	case MS_CDT_MAP_PUT:
		if (op->op != 4 || n_args < 3) {
			rc = AEROSPIKE_ERR_REQUEST_INVALID;
			break;
		}
		if (bin.type == AS_NIL)
			bin = as_value_map(as_map_new(1));
		as_map_put(bin.u.map, as_value_copy(&a[1]), as_value_copy(&a[2]));
		result = as_value_int(bin.u.map->size);
		rc = ms_cdt_store(wk, op, &bin);
		break;
	case MS_CDT_MAP_GET_BY_KEY: {
		const as_value *v = NULL;

		if (n_args < 3 || a[1].type != AS_INTEGER) {
			rc = AEROSPIKE_ERR_REQUEST_INVALID;
			break;
		}
		if (bin.type == AS_MAP)
			v = as_map_get(bin.u.map, &a[2]);
		switch (a[1].u.i & 0xFF) {
		case MS_MAP_RETURN_NONE:
			break;
		case MS_MAP_RETURN_COUNT:
			result = as_value_int(v != NULL ? 1 : 0);
			break;
		case MS_MAP_RETURN_KEY:
			if (v != NULL)
				result = as_value_copy(&a[2]);
			break;
		case MS_MAP_RETURN_VALUE:
			if (v != NULL)
				result = as_value_copy(v);
			break;
		default:
			rc = AEROSPIKE_ERR_OP_NOT_APPLICABLE;
			break;
		}
		break;
	}
	default:
		rc = AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		break;
	}
	if (rc == AEROSPIKE_OK)
		ms_op_result_emit(out, op, &result);
out:
	as_value_destroy(&result);
	as_value_destroy(&bin);
	as_value_destroy(&args);
	return rc;
}
