/* Incremental proto frame reader: bytes in (any split), whole frames out.
 * Frames point into the reader's buffer; consumed bytes are only moved out
 * of the way when room is needed, so a burst of small frames costs no copy. */
#include <string.h>

#include "codec/proto.h"
#include "codec/reader.h"

void as_reader_init(as_reader *r)
{
	as_buffer_init(&r->buf);
	r->pos = 0;
}

void as_reader_free(as_reader *r)
{
	as_buffer_free(&r->buf);
	r->pos = 0;
}

/* Drop consumed bytes so that the unconsumed ones start the buffer. */
static void reader_compact(as_reader *r)
{
	if (r->pos == 0)
		return;
	as_buffer_consume(&r->buf, r->pos);
	r->pos = 0;
}

uint8_t *as_reader_space(as_reader *r, size_t min, size_t *avail)
{
	if (min == 0)
		min = 1;
	if (r->pos == r->buf.len) {
		r->buf.len = 0;
		r->pos = 0;
	} else if (r->buf.cap - r->buf.len < min) {
		reader_compact(r);
	}
	as_buffer_reserve(&r->buf, min);
	*avail = r->buf.cap - r->buf.len;
	return r->buf.data + r->buf.len;
}

void as_reader_commit(as_reader *r, size_t n)
{
	r->buf.len += n;
}

void as_reader_feed(as_reader *r, const void *p, size_t n)
{
	size_t avail;
	uint8_t *dst;

	if (n == 0)
		return;
	dst = as_reader_space(r, n, &avail);
	memcpy(dst, p, n);
	as_reader_commit(r, n);
}

/* Most bytes reserved ahead of their arrival for one frame. */
#define AS_READER_PREALLOC (AS_PROTO_HEADER_SIZE + 1024u * 1024u)

int as_reader_next(as_reader *r, as_frame *out, as_error *err)
{
	size_t pending = r->buf.len - r->pos;
	const uint8_t *h;
	uint64_t body;
	uint8_t type;

	if (pending < AS_PROTO_HEADER_SIZE)
		return 0;
	h = r->buf.data + r->pos;
	if (as_proto_header_read(h, &type, &body, err) != AEROSPIKE_OK)
		return -1;
	if (pending - AS_PROTO_HEADER_SIZE < body) {
		/* Make room for the frame now, so as_reader_space() hands out one
		 * read()-sized hole instead of growing step by step; but only up to
		 * AS_READER_PREALLOC, so a header alone cannot make us reserve
		 * 128 MiB: larger frames grow the buffer as their bytes arrive. */
		size_t want = AS_PROTO_HEADER_SIZE + (size_t)body;
		if (want > AS_READER_PREALLOC)
			want = AS_READER_PREALLOC;
		if (want > pending && r->buf.cap - r->pos < want) {
			reader_compact(r);
			as_buffer_reserve(&r->buf, want - pending);
		}
		return 0;
	}
	out->type = type;
	out->body = h + AS_PROTO_HEADER_SIZE;
	out->len = (size_t)body;
	r->pos += AS_PROTO_HEADER_SIZE + (size_t)body;
	return 1;
}

size_t as_reader_pending(const as_reader *r)
{
	return r->buf.len - r->pos;
}

void as_reader_reset(as_reader *r)
{
	r->buf.len = 0;
	r->pos = 0;
}
