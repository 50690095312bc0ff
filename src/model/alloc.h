/* Allocation that never returns NULL: on exhaustion the process aborts with a
 * message (see value.h for why). Shared by the model and codec layers.
 * Private to the library. */
#ifndef AS_MODEL_ALLOC_H
#define AS_MODEL_ALLOC_H

#include <stddef.h>

/* Like malloc; a request of 0 bytes still returns a unique pointer. */
void *as_malloc(size_t n);
/* Like calloc, with the multiplication checked for overflow. */
void *as_calloc(size_t count, size_t size);
/* Like realloc; n == 0 returns a 1-byte block rather than freeing @p p. */
void *as_realloc(void *p, size_t n);
/* Like realloc for an array of @p count elements, overflow checked. */
void *as_reallocarray(void *p, size_t count, size_t size);
/* Copy of a NUL-terminated string. */
char *as_strdup(const char *s);
/* Copy of @p n bytes of @p s plus a NUL (embedded NULs are kept). */
char *as_strndup(const char *s, size_t n);
/* Print "aerofuture: <what>" to stderr and abort. */
void as_fatal(const char *what)
#ifdef __GNUC__
	__attribute__((noreturn))
#endif
	;

#endif
