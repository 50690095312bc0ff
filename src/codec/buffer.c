/* Growable byte buffer used by encoders, the reply reader and minispike. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/buffer.h"
#include "model/alloc.h"

void as_buffer_init(as_buffer *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void as_buffer_free(as_buffer *b)
{
	free(b->data);
	as_buffer_init(b);
}

uint8_t *as_buffer_grow(as_buffer *b, size_t n)
{
	if (n > b->cap - b->len) {
		size_t need = b->len + n;
		size_t cap = b->cap ? b->cap : 256;

		if (need < b->len)
			as_fatal("buffer size overflow");
		/* Doubling keeps appends amortised O(1). */
		while (cap < need)
			cap = cap > SIZE_MAX / 2 ? need : cap * 2;
		b->data = as_realloc(b->data, cap);
		b->cap = cap;
	}
	return b->data + b->len;
}

void as_buffer_append(as_buffer *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	memcpy(as_buffer_reserve(b, n), p, n);
	b->len += n;
}

void as_buffer_consume(as_buffer *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
}

void as_buffer_printf(as_buffer *b, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	/* Most texts fit the room already there: format once, and again only
	 * when vsnprintf says how much more it needs. */
	as_buffer_reserve(b, 128);
	room = b->cap - b->len;
	va_start(ap, fmt);
	n = vsnprintf((char *)b->data + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= room) {
		as_buffer_reserve(b, (size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}
