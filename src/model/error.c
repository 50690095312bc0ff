/* as_error: plain data, filled in place. */
#include <aerofuture/error.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void as_error_reset(as_error *err)
{
	if (!err)
		return;
	err->code = AEROSPIKE_OK;
	err->message[0] = '\0';
	err->in_doubt = false;
}

as_status as_error_set(as_error *err, as_status code, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	err->in_doubt = false;
	if (!fmt) {
		/* No message given: the status name still says what happened. */
		snprintf(err->message, sizeof err->message, "%s", as_status_str(code));
		return code;
	}
	va_list ap;
	va_start(ap, fmt);
	/* vsnprintf truncates and always terminates; a too-long message is still useful. */
	int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	if (n < 0)
		err->message[0] = '\0';
	return code;
}

void as_error_copy(as_error *dst, const as_error *src)
{
	if (!dst || !src || dst == src)
		return;
	memcpy(dst, src, sizeof *dst);
}
