/* Writers of the wire's building blocks: proto frames, as_msg headers,
 * fields and ops. The client's requests (encode.c) and the server's replies
 * (reply.c) are built from these; msg.h holds the readers of the same
 * pieces. Inline: the encoders call them for every field and op of every
 * command. A *_begin leaves room for a size not known yet and returns its
 * offset; the matching *_end fills it in. Private. */
#ifndef AS_CODEC_PACK_H
#define AS_CODEC_PACK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "codec/buffer.h"
#include "codec/proto.h"

/* Count n more bytes as written, to be filled in later; returns their offset. */
static inline size_t as_buffer_claim(as_buffer *b, size_t n)
{
	size_t at = b->len;

	as_buffer_reserve(b, n);
	b->len += n;
	return at;
}

/* A proto frame: its header gets the type and the size of everything
 * written after it. */
static inline size_t as_proto_begin(as_buffer *b)
{
	return as_buffer_claim(b, AS_PROTO_HEADER_SIZE);
}

static inline void as_proto_end(as_buffer *b, size_t at, uint8_t type)
{
	as_proto_header_write(b->data + at, type, b->len - at - AS_PROTO_HEADER_SIZE);
}

/* An as_msg: its header is written once the counts are known. */
static inline size_t as_msg_begin(as_buffer *b)
{
	return as_buffer_claim(b, AS_MSG_HEADER_SIZE);
}

static inline void as_msg_end(as_buffer *b, size_t at, const as_msg_header *h)
{
	as_msg_header_write(b->data + at, h);
}

/* A field [u32 size = 1 + len][u8 type][data] at p, where the room is
 * already reserved (several fields can share one reservation); returns the
 * end. data must be valid even when len is 0. */
static inline uint8_t *as_field_write(uint8_t *p, uint8_t type, const void *data, uint32_t len)
{
	as_put_u32(p, len + 1);
	p[4] = type;
	memcpy(p + 5, data, len);
	return p + 5 + len;
}

static inline void as_field_put(as_buffer *b, uint8_t type, const void *data, uint32_t len)
{
	as_field_write(as_buffer_reserve(b, 5 + (size_t)len), type, data, len);
	b->len += 5 + (size_t)len;
}

/* A field whose data is appended after as_field_begin (the caller keeps it
 * under 4 GiB). */
static inline size_t as_field_begin(as_buffer *b, uint8_t type)
{
	size_t at = as_buffer_claim(b, 5);

	b->data[at + 4] = type;
	return at;
}

static inline void as_field_end(as_buffer *b, size_t at)
{
	as_put_u32(b->data + at, (uint32_t)(b->len - at - 4));
}

/* An op [u32 size][u8 op][u8 particle][u8 0][u8 name_len][name][value] at
 * p, up to its value (value_len bytes, written by the caller); returns where
 * the value goes. */
static inline uint8_t *as_op_write(uint8_t *p, uint8_t op, uint8_t particle, const char *name,
                                   uint8_t name_len, uint32_t value_len)
{
	as_put_u32(p, 4 + (uint32_t)name_len + value_len);
	p[4] = op;
	p[5] = particle;
	p[6] = 0;
	p[7] = name_len;
	memcpy(p + 8, name, name_len);
	return p + 8 + name_len;
}

/* An op whose value is already in wire form (value may be NULL when
 * value_len is 0). */
static inline void as_op_put(as_buffer *b, uint8_t op, uint8_t particle, const char *name,
                             uint8_t name_len, const void *value, uint32_t value_len)
{
	size_t n = 8 + (size_t)name_len + value_len;
	uint8_t *v = as_op_write(as_buffer_reserve(b, n), op, particle, name, name_len, value_len);

	if (value_len > 0)
		memcpy(v, value, value_len);
	b->len += n;
}

/* An op whose value is appended after as_op_begin; as_op_end sets the size
 * and the particle type (the caller keeps the op under 4 GiB). */
static inline size_t as_op_begin(as_buffer *b, uint8_t op, const char *name, uint8_t name_len)
{
	size_t at = b->len;

	as_op_write(as_buffer_reserve(b, 8 + (size_t)name_len), op, 0, name, name_len, 0);
	b->len += 8 + (size_t)name_len;
	return at;
}

static inline void as_op_end(as_buffer *b, size_t at, uint8_t particle)
{
	as_put_u32(b->data + at, (uint32_t)(b->len - at - 4));
	b->data[at + 5] = particle;
}

#endif
