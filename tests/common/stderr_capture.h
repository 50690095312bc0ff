/* What a piece of code writes to standard error, for tests of the
 * library's diagnostics (a future released once too often, a record
 * destroyed twice): standard error goes to a temporary file between begin
 * and end. */
#ifndef AS_TESTS_STDERR_CAPTURE_H
#define AS_TESTS_STDERR_CAPTURE_H

#include <stdio.h>

typedef struct stderr_capture {
	FILE *tmp;
	int saved;   /* the original descriptor 2 */
} stderr_capture;

/* Send descriptor 2 to a temporary file (fails the test if it cannot). */
void stderr_capture_begin(stderr_capture *c);

/* Restore descriptor 2 and copy what was written (at most cap - 1 bytes,
 * NUL-terminated) into buf. */
void stderr_capture_end(stderr_capture *c, char *buf, size_t cap);

#endif
