/* Incremental proto frame reader, in the style of hiredis' reader: bytes are
 * fed in (or read() straight into its buffer) in any split, and complete
 * frames come out. No I/O, no allocation per frame. Private. */
#ifndef AS_CODEC_READER_H
#define AS_CODEC_READER_H

#include <stddef.h>
#include <stdint.h>
#include <aerofuture/error.h>
#include "codec/buffer.h"

typedef struct as_reader {
	as_buffer buf;
	size_t pos;  /* start of the first unconsumed byte */
} as_reader;

typedef struct as_frame {
	uint8_t type;         /* AS_PROTO_TYPE_* */
	const uint8_t *body;  /* valid until the next as_reader_* call */
	size_t len;
} as_frame;

void as_reader_init(as_reader *r);
void as_reader_free(as_reader *r);
/* Copy n bytes in. */
void as_reader_feed(as_reader *r, const void *p, size_t n);
/* Space to read() into directly: at least min bytes, *avail receives the
 * actual room. Call as_reader_commit() with what was read. */
uint8_t *as_reader_space(as_reader *r, size_t min, size_t *avail);
void as_reader_commit(as_reader *r, size_t n);
/* 1: *out holds the next frame; 0: need more bytes; -1: bad header (version,
 * type, size > 128 MiB), err set, the stream cannot be resynchronised. */
int as_reader_next(as_reader *r, as_frame *out, as_error *err);
/* Bytes buffered but not yet returned as frames. */
size_t as_reader_pending(const as_reader *r);
/* Forget everything buffered (connection reset). */
void as_reader_reset(as_reader *r);

#endif
