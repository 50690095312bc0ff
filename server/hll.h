/* HyperLogLog operations (op types 15 HLL_READ / 16 HLL_MODIFY): the
 * engine's entry point, which works on a value apart from any record (so
 * expressions can use it too), and its use on a command's working set.
 *
 * An HLL value is stored as the real server stores it (particle 18):
 * flags (0), index bits, minhash bits, an 8-byte cached count in host
 * (little-endian) order, then 1 << index_bits registers of 6 + minhash
 * bits each, packed big-endian bit after bit. */
#ifndef MINISPIKE_HLL_H
#define MINISPIKE_HLL_H

#include <stdbool.h>
#include <stdint.h>
#include <aerofuture/value.h>

#include "codec/buffer.h"
#include "codec/msg.h"
#include "work.h"

/* Apply one decoded HLL payload ([code, args...]) to *bin: nil (absent)
 * or AS_BYTES holding an HLL value; any other type answers
 * AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE. modify: the op came as HLL_MODIFY
 * (codes 0..4), else HLL_READ (50..56). *result receives the op's result
 * (nil: none; the caller owns it; GET_UNION gives AS_BYTES to be sent as
 * particle 18), *changed whether *bin was rewritten (then *bin owns new
 * bytes). A read of an absent bin answers nil. Returns a result code; on
 * failure *bin is left as it was. */
int ms_hll_eval(as_value *bin, const as_value *payload, bool modify, as_value *result, bool *changed);

/* Apply request op (HLL_READ / HLL_MODIFY) to its bin in wk. Emits the
 * result op into out when there is a value or respond_all is set
 * (*emitted tells); *changed when the bin was rewritten. */
int ms_hll_apply(ms_work *wk, const as_msg_op *op, bool respond_all, as_buffer *out, bool *emitted,
                 bool *changed);

#endif
