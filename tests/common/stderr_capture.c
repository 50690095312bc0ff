#include <check.h>
#include <unistd.h>
#include "common/stderr_capture.h"

void stderr_capture_begin(stderr_capture *c)
{
	c->tmp = tmpfile();
	ck_assert_ptr_nonnull(c->tmp);
	fflush(stderr);
	c->saved = dup(2);
	ck_assert_int_ge(c->saved, 0);
	ck_assert_int_ge(dup2(fileno(c->tmp), 2), 0);
}

void stderr_capture_end(stderr_capture *c, char *buf, size_t cap)
{
	fflush(stderr);
	dup2(c->saved, 2);
	close(c->saved);
	rewind(c->tmp);
	size_t n = cap ? fread(buf, 1, cap - 1, c->tmp) : 0;
	if (cap)
		buf[n] = '\0';
	fclose(c->tmp);
}
