/* Helpers shared by the single-record command engine and its CDT ops. */
#ifndef MINISPIKE_RECORD_CMD_H
#define MINISPIKE_RECORD_CMD_H

#include "minispike.h"

/* Working set of one command: the bins as they stand after the ops so far. */
typedef struct ms_work {
	ms_server *s;
	ms_wbin *w;
	size_t n;
} ms_work;

const uint8_t *ms_wbin_data(const ms_server *s, const ms_wbin *w);
/* Copy len bytes into the scratch arena; returns their offset. */
size_t ms_arena_put(ms_server *s, const void *p, size_t len);
/* Find a working bin (NULL when absent) / find or append one. */
ms_wbin *ms_work_find(ms_work *wk, const char *name, uint8_t name_len);
ms_wbin *ms_work_slot(ms_work *wk, const char *name, uint8_t name_len);

/* cdt.c: list append/size, map put/get_by_key. Emits exactly one result op;
 * returns a result code (26 for CDT operations minispike does not implement). */
int ms_cdt_apply(ms_server *s, ms_work *wk, const as_msg_op *op, as_buffer *out);

#endif
