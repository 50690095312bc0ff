/* Collection (CDT) operations: the engine's entry point (cdt_eval.c) and
 * its use on a command's working set (cdt.c). */
#ifndef MINISPIKE_CDT_H
#define MINISPIKE_CDT_H

#include <stdbool.h>
#include <stdint.h>
#include <aerofuture/value.h>

#include "codec/buffer.h"
#include "codec/msg.h"
#include "work.h"

/* Apply one decoded CDT payload ([code, args...] or [0xff, ctx, [code,
 * args...]]) to *v, a list, a map or nil (absent). *list_order is the
 * order of *v when it is a list (0 unordered, 1 ordered) and is updated.
 * modify: the op came as CDT_MODIFY and may change *v. *result receives
 * the op's result (nil: none), *changed whether *v changed. Returns a
 * result code; on failure *v may be partly changed and must be dropped. */
int ms_cdt_eval(as_value *v, uint8_t *list_order, const as_value *payload, bool modify, as_value *result,
                bool *changed);

/* Apply request op (CDT_READ / CDT_MODIFY) to its bin in wk. Emits the
 * result op into out when there is a value or respond_all is set
 * (*emitted tells); *changed when the bin was rewritten. */
int ms_cdt_apply(ms_work *wk, const as_msg_op *op, bool respond_all, as_buffer *out, bool *emitted,
                 bool *changed);

#endif
