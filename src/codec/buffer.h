/* Growable byte buffer and big-endian helpers shared by the encoders, the
 * reply reader and minispike. Private to the library. */
#ifndef AS_CODEC_BUFFER_H
#define AS_CODEC_BUFFER_H

#include <stddef.h>
#include <stdint.h>

typedef struct as_buffer {
	uint8_t *data;
	size_t len;  /* bytes in use */
	size_t cap;  /* bytes allocated */
} as_buffer;

void as_buffer_init(as_buffer *b);
void as_buffer_free(as_buffer *b);
/* Slow path of as_buffer_reserve(): reallocate. */
uint8_t *as_buffer_grow(as_buffer *b, size_t n);

/* Make room for n more bytes; returns data + len. Aborts on memory exhaustion.
 * Inline: encoders call it for every field and op. */
static inline uint8_t *as_buffer_reserve(as_buffer *b, size_t n)
{
	if (n <= b->cap - b->len)
		return b->data + b->len;
	return as_buffer_grow(b, n);
}
void as_buffer_append(as_buffer *b, const void *p, size_t n);
/* Drop the first n bytes (used when a socket wrote only part of a buffer). */
void as_buffer_consume(as_buffer *b, size_t n);
/* Append printf-formatted text. No NUL is kept: the buffer holds bytes, so
 * texts (info values, startup lines) are built from several calls. */
void as_buffer_printf(as_buffer *b, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

static inline void as_put_u16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void as_put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline void as_put_u64(uint8_t *p, uint64_t v) { as_put_u32(p, (uint32_t)(v >> 32)); as_put_u32(p + 4, (uint32_t)v); }
static inline uint16_t as_get_u16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }
static inline uint32_t as_get_u32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline uint64_t as_get_u64(const uint8_t *p) { return ((uint64_t)as_get_u32(p) << 32) | as_get_u32(p + 4); }

#endif
