/**
 * @file error.h
 * @brief Error details: status, message and the in-doubt flag.
 *
 * Functions that can fail take an optional `as_error *err` out-parameter
 * (NULL is allowed) and also return the status, in the style of jansson's
 * json_error_t. The struct is plain data: no allocation, nothing to free.
 */
#ifndef AEROFUTURE_ERROR_H
#define AEROFUTURE_ERROR_H

#include <aerofuture/common.h>
#include <aerofuture/status.h>

AS_BEGIN_DECLS

/** Longest error message, including the terminating NUL. */
#define AS_ERROR_MESSAGE_MAX 256

/** What went wrong. */
typedef struct as_error {
	as_status code;                      /**< AEROSPIKE_OK when there is no error */
	char message[AS_ERROR_MESSAGE_MAX];  /**< human-readable, names the problem; "" on success */
	/** true when a write may have been applied although the command failed
	 *  (sent, then timed out or lost its connection). */
	bool in_doubt;
} as_error;

/**
 * Reset @p err to "no error" (code AEROSPIKE_OK, empty message, not in doubt).
 * @param err may be NULL (then nothing happens).
 */
AS_EXPORT void as_error_reset(as_error *err);

/**
 * Set @p err to @p code and a printf-style message (truncated to fit).
 * @param err may be NULL (then only the return value matters).
 * @param code the status to record.
 * @param fmt printf-style format of the message, followed by its arguments;
 *        NULL makes the message the status name (as_status_str()).
 * @return @p code, so that `return as_error_set(err, ...);` reads naturally.
 */
AS_EXPORT as_status as_error_set(as_error *err, as_status code, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;

/**
 * Copy @p src into @p dst.
 * @param dst may be NULL. @param src must not be NULL.
 */
AS_EXPORT void as_error_copy(as_error *dst, const as_error *src);

AS_END_DECLS

#endif
