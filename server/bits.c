/* Bit ops on a command's working set: decode the op's payload, hand the
 * bin to the engine (bits_eval.c), store the bin when it changed and
 * answer with the result. A modify op answers with a NULL entry under
 * RESPOND_ALL_OPS, a read with its value (reference/cdt/notes.txt 3, 5). */
#include "config.h"

#include "bits.h"
#include <aerofuture/operations.h>

#include "codec/msgpack.h"

int ms_bit_apply(ms_work *wk, const as_msg_op *op, bool respond_all, as_buffer *out, bool *emitted,
                 bool *changed)
{
	as_value payload = as_value_nil(), bin = as_value_nil(), result = as_value_nil();
	ms_wbin *b;
	size_t used;
	as_error err;
	int rc;

	*emitted = false;
	*changed = false;
	if (op->name_len == 0)
		return AEROSPIKE_ERR_BIN_NAME;
	/* the payload travels as a blob particle, as the server insists */
	if (op->particle != AS_BYTES)
		return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
	b = ms_work_find(wk, op->name, op->name_len);
	if (b == NULL && op->op == AS_OPERATOR_BIT_READ) {
		/* a read of a missing bin has no value and never looks at its payload */
		if (respond_all) {
			ms_op_result_emit(out, op, &result);
			*emitted = true;
		}
		return AEROSPIKE_OK;
	}
	if (b != NULL) {
		if (b->particle == AS_BYTES) {
			bin = as_value_bytes_ref(ms_wbin_data(wk, b), b->len);
		} else {
			/* the engine needs only the type to refuse it */
			bin.type = b->particle;
		}
	}
	if (as_msgpack_unpack(op->value, op->value_len, &payload, &used, &err) != AEROSPIKE_OK ||
	    used != op->value_len) {
		as_value_destroy(&payload);
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
	rc = ms_bit_eval(&bin, &payload, op->op == AS_OPERATOR_BIT_MODIFY, &result, changed);
	if (rc == AEROSPIKE_OK && *changed) {
		/* copy into the arena before the slot: both may move */
		size_t off = ms_work_keep(wk, bin.u.bytes, bin.len);

		b = ms_work_slot(wk, op->name, op->name_len);
		b->particle = AS_BYTES;
		b->in_arena = 1;
		b->off = off;
		b->len = bin.len;
	}
	if (rc == AEROSPIKE_OK && (result.type != AS_NIL || respond_all)) {
		ms_op_result_emit(out, op, &result);
		*emitted = true;
	}
	as_value_destroy(&result);
	if (bin.type == AS_BYTES)
		as_value_destroy(&bin);
	as_value_destroy(&payload);
	return rc;
}
