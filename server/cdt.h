/* Collection (CDT) operations on a command's working set (cdt.c). */
#ifndef MINISPIKE_CDT_H
#define MINISPIKE_CDT_H

#include "codec/buffer.h"
#include "codec/msg.h"
#include "work.h"

/* List append/size, map put/get_by_key. Emits exactly one result op;
 * returns a result code (26 for CDT operations minispike does not implement). */
int ms_cdt_apply(ms_work *wk, const as_msg_op *op, as_buffer *out);

#endif
