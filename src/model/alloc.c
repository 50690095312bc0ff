/* Allocation wrappers that abort on exhaustion. */
#include "model/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void as_fatal(const char *what)
{
	fprintf(stderr, "aerofuture: %s\n", what);
	abort();
}

void *as_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		as_fatal("out of memory");
	return p;
}

void *as_calloc(size_t count, size_t size)
{
	/* calloc checks the product itself, but count or size 0 may return NULL. */
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		as_fatal("out of memory");
	return p;
}

void *as_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		as_fatal("out of memory");
	return q;
}

void *as_reallocarray(void *p, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		as_fatal("allocation size overflow");
	return as_realloc(p, count * size);
}

char *as_strdup(const char *s)
{
	return as_strndup(s, strlen(s));
}

char *as_strndup(const char *s, size_t n)
{
	if (n == SIZE_MAX)
		as_fatal("allocation size overflow");
	char *p = as_malloc(n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
