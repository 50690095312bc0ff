/* The working set of one command: the record's bins as they stand after
 * the ops applied so far. A working bin points into the stored record, the
 * request frame or the scratch arena, so an op copies only what it
 * computes; the record is rebuilt from the set only when every op
 * succeeded. Each family of ops (record_cmd.c, cdt.c, and the files that
 * add more) works on this set and answers through ms_wbin_emit and
 * ms_op_result_emit, and none needs another. */
#ifndef MINISPIKE_WORK_H
#define MINISPIKE_WORK_H

#include <stddef.h>
#include <stdint.h>
#include <aerofuture/common.h>
#include <aerofuture/value.h>

#include "codec/buffer.h"
#include "codec/msg.h"
#include "store.h"

/* One working bin. A value in the arena is kept by offset: the arena may
 * move while the command runs. */
typedef struct ms_wbin {
	char name[AS_BIN_NAME_MAX_LEN + 1];
	uint8_t name_len;
	uint8_t particle;
	uint8_t in_arena;
	uint32_t len;
	const uint8_t *ptr;
	size_t off;
} ms_wbin;

/* Memory every command reuses, so the command path does not allocate. */
typedef struct ms_scratch {
	as_buffer arena;  /* values the ops computed */
	ms_wbin *bins;
	size_t cap;
} ms_scratch;

typedef struct ms_work {
	ms_scratch *sc;
	ms_wbin *w;
	size_t n;
} ms_work;

void ms_scratch_free(ms_scratch *sc);

/* Start a command on the bins of r (none when r is NULL), with an empty arena. */
void ms_work_start(ms_work *wk, ms_scratch *sc, const ms_record *r);

static inline const uint8_t *ms_wbin_data(const ms_work *wk, const ms_wbin *b)
{
	return b->in_arena ? wk->sc->arena.data + b->off : b->ptr;
}

/* Copy len bytes into the arena; returns their offset. */
size_t ms_work_keep(ms_work *wk, const void *p, size_t len);

/* The bin of that name, or NULL / the bin of that name, appended empty
 * when absent (appended bins go last: reads return write order). */
ms_wbin *ms_work_find(ms_work *wk, const char *name, uint8_t name_len);
ms_wbin *ms_work_slot(ms_work *wk, const char *name, uint8_t name_len);
void ms_work_del(ms_work *wk, ms_wbin *b);

/* Reply op holding bin b, as a read returns it. */
void ms_wbin_emit(const ms_work *wk, const ms_wbin *b, as_buffer *out);
/* Reply op answering request op with value v (nil: particle 0, no value;
 * a value the codec cannot write answers as nil too). */
void ms_op_result_emit(as_buffer *out, const as_msg_op *op, const as_value *v);

#endif
