/* Bit operations on blob bins: the engine's entry point (bits_eval.c) and
 * its use on a command's working set (bits.c). */
#ifndef MINISPIKE_BITS_H
#define MINISPIKE_BITS_H

#include <stdbool.h>
#include <aerofuture/value.h>

#include "codec/buffer.h"
#include "codec/msg.h"
#include "work.h"

/* Apply one decoded bit payload ([code, args...]) to *bin, a blob or nil
 * (absent). modify: the op came as BIT_MODIFY (codes 0..12), else as
 * BIT_READ (codes 50..54). *result receives the op's result (nil: none;
 * owned by the caller), *changed whether *bin was replaced by a new owned
 * blob. On failure *bin is left as it was. Returns a result code: 4 for a
 * malformed payload, 12 for a bin that is not a blob, 6 / 17 for the
 * CREATE_ONLY / UPDATE_ONLY policies, 26 for a range outside the blob or an
 * overflow, 0 otherwise (NO_FAIL turns the refusals into 0, unchanged). */
int ms_bit_eval(as_value *bin, const as_value *payload, bool modify, as_value *result, bool *changed);

/* Apply request op (BIT_READ / BIT_MODIFY) to its bin in wk. Emits the
 * result op into out when there is a value or respond_all is set
 * (*emitted tells); *changed when the bin was rewritten. */
int ms_bit_apply(ms_work *wk, const as_msg_op *op, bool respond_all, as_buffer *out, bool *emitted,
                 bool *changed);

#endif
