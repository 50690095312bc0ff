/**
 * @file future.h
 * @brief as_future: the result of an asynchronous command.
 *
 * A future is PENDING, then exactly once OK or FAILED. An event loop
 * completes it; the application either chains the next step onto it
 * (as_future_then(), run on the loop thread) or blocks an ordinary thread on
 * it (as_future_wait()).
 *
 * Threads: callbacks run on the loop thread that completed the future. A
 * callback attached to a future that is already complete is scheduled on that
 * future's loop, never run inside the attaching call. (A future made outside
 * any loop thread, with as_future_new_ok() and friends, has no loop until it
 * is chained: callbacks attached to it run on the thread that completes it, or,
 * if it is already complete, on the loop of the future it is chained to, or as
 * a last resort on the attaching thread.)
 *
 * Ownership: every function returning as_future* gives the caller one
 * reference, released with as_future_release(). The library keeps its own
 * reference while a command runs, so releasing early merely drops the result.
 * Results (record, string) belong to the future and live as long as it does,
 * unless taken with an as_future_take_* function.
 *
 * Results are typed: each accessor (as_future_record(), as_future_str(),
 * as_future_batch(), ...) answers only for the kind of future it names and
 * returns NULL, false or 0 for any other, so a future is never misread as
 * another command's. A chained future shows the result of the step it
 * completed with.
 *
 * A NULL future reads as FAILED with AEROSPIKE_ERR_PARAM ("future is NULL"):
 * as_future_is_done() is true, as_future_error() returns that error, and the
 * result accessors return NULL, false or 0.
 */
#ifndef AEROFUTURE_FUTURE_H
#define AEROFUTURE_FUTURE_H

#include <aerofuture/common.h>
#include <aerofuture/error.h>
#include <aerofuture/record.h>

AS_BEGIN_DECLS

/** The result of an asynchronous command (opaque, reference-counted). */
typedef struct as_future as_future;

/** Life cycle of a future. */
typedef enum as_future_state {
	AS_FUTURE_PENDING = 0,  /**< not complete yet */
	AS_FUTURE_OK,           /**< completed successfully */
	AS_FUTURE_FAILED        /**< completed with an error */
} as_future_state;

/**
 * The next step of a chain (see as_future_then()).
 * @param done the completed future (borrowed for the call; retain it to keep it).
 * @param udata the pointer given to as_future_then().
 * @return the next step: a command's future or a ready one (as_future_new_ok(),
 *         as_future_new_error(), ...). The chain takes over that reference.
 *         NULL completes the chained future OK without a result.
 */
typedef as_future *(*as_future_then_fn)(as_future *done, void *udata);

/**
 * A side-effect callback (see as_future_on_done()). @p f is borrowed for the call.
 * @param f the completed future (borrowed for the call).
 * @param udata the pointer given to as_future_on_done().
 */
typedef void (*as_future_cb)(as_future *f, void *udata);

/**
 * The current state. Never blocks.
 * @param f the future.
 * @return the current state.
 */
AS_EXPORT as_future_state as_future_get_state(const as_future *f);

/**
 * Whether the future is complete.
 * @param f the future.
 * @return true once the future is OK or FAILED.
 */
AS_EXPORT bool as_future_is_done(const as_future *f);

/**
 * The future's status.
 * @param f the future.
 * @return AEROSPIKE_OK when OK, the error code when FAILED; while pending
 *         AEROSPIKE_ERR_CLIENT (check as_future_is_done() first).
 */
AS_EXPORT as_status as_future_status(const as_future *f);

/**
 * The error of a failed future.
 * @param f the future.
 * @return the error of a FAILED future (borrowed, lives as long as @p f), else NULL.
 */
AS_EXPORT const as_error *as_future_error(const as_future *f);

/**
 * Block the calling thread until @p f is done.
 * @param f the future to wait for.
 * @param err optional; receives the future's error (or is reset on success).
 * @return the future's status, or AEROSPIKE_ERR_CLIENT at once, without
 *         waiting, when called on an event-loop thread (it would deadlock).
 */
AS_EXPORT as_status as_future_wait(as_future *f, as_error *err);

/**
 * Like as_future_wait(), giving up after @p timeout_ms. Giving up does not
 * disturb the command: wait again or chain on it later.
 * @param f the future to wait for.
 * @param timeout_ms longest wait in milliseconds.
 * @param err optional; receives the future's error, the timeout, or is reset on success.
 * @return the future's status if done in time; AEROSPIKE_ERR_TIMEOUT with the
 *         message "future still pending after N ms" if not (as_future_is_done()
 *         tells the two timeouts apart); AEROSPIKE_ERR_CLIENT on a loop thread.
 */
AS_EXPORT as_status as_future_wait_for(as_future *f, uint32_t timeout_ms, as_error *err);

/**
 * Chain a step: when @p f is done (OK or FAILED), @p fn runs on the loop
 * thread and returns the next future; the returned (chained) future completes
 * when that one does, with its outcome and result.
 * @param f the future to chain on (borrowed).
 * @param fn the step; NULL gives a FAILED future (AEROSPIKE_ERR_PARAM).
 * @param udata passed to @p fn unchanged; must stay valid until @p fn has run
 *        (or the chained future failed without running it).
 * @return a new future (caller owns one reference). @p f is not released.
 */
AS_EXPORT as_future *as_future_then(as_future *f, as_future_then_fn fn, void *udata);

/**
 * Like as_future_then() but @p fn runs only if @p f is OK; if @p f FAILED the
 * chained future fails with the same error without calling @p fn. Chains of
 * steps written with it stop at the first failure.
 * @param f the future to chain on (borrowed).
 * @param fn the step; NULL gives a FAILED future (AEROSPIKE_ERR_PARAM).
 * @param udata passed to @p fn unchanged; must stay valid until @p fn has run
 *        or the chained future failed without running it.
 * @return a new future (caller owns one reference). @p f is not released.
 */
AS_EXPORT as_future *as_future_then_ok(as_future *f, as_future_then_fn fn, void *udata);

/**
 * Run @p cb on the loop thread when @p f is done (OK or FAILED). Callbacks
 * run in the order they were attached, each exactly once.
 * @param f the future to watch (borrowed); NULL does nothing.
 * @param cb the callback; NULL does nothing.
 * @param udata passed to @p cb unchanged; must stay valid until @p cb has run.
 */
AS_EXPORT void as_future_on_done(as_future *f, as_future_cb cb, void *udata);

/**
 * A future that completes when all @p n futures are done: OK if all are OK,
 * else FAILED with the error of the first failed one (by position). Retains the
 * inputs it needs; the caller keeps its own references. n == 0 gives an OK future.
 * @param futures array of @p n futures (borrowed).
 * @param n number of futures.
 * @return a new future (caller owns one reference).
 */
AS_EXPORT as_future *as_future_all(as_future *const *futures, size_t n);

/**
 * A future that completes OK as soon as one of the @p n futures is OK (its
 * result is not moved: read it from that input), or FAILED with the last error
 * when all failed. n == 0 gives a FAILED future (AEROSPIKE_ERR_PARAM).
 * as_future_any_index() tells which input won.
 * @param futures array of @p n futures (borrowed).
 * @param n number of futures.
 * @return a new future (caller owns one reference).
 */
AS_EXPORT as_future *as_future_any(as_future *const *futures, size_t n);

/**
 * Which input of as_future_any() won.
 * @param f a future from as_future_any().
 * @return for a future from as_future_any() that is OK, the winning input's position; else -1.
 */
AS_EXPORT long as_future_any_index(const as_future *f);

/**
 * Add a reference.
 * @param f the future.
 * @return @p f.
 */
AS_EXPORT as_future *as_future_retain(as_future *f);

/**
 * Drop a reference; the last one frees the future and its result.
 * @param f may be NULL. A reference count that would go below zero is
 *          reported on stderr and ignored in debug builds.
 */
AS_EXPORT void as_future_release(as_future *f);

/* --- results --------------------------------------------------------- */

/**
 * The record result.
 * @param f the future.
 * @return the record of an OK get/select/operate/touch or as_future_new_record()
 *         future, or the header (generation, ttl) of a record as_exists()
 *         found (borrowed; lives as long as @p f); else NULL.
 */
AS_EXPORT const as_record *as_future_record(const as_future *f);

/**
 * Take the record result out of the future.
 * @param f the future (of a kind as_future_record() answers for).
 * @return the record, which the caller now owns (as_record_destroy()); NULL if
 *         none, already taken, or @p f is of another kind.
 */
AS_EXPORT as_record *as_future_take_record(as_future *f);

/**
 * The result of as_exists().
 * @param f the future.
 * @return for an OK as_exists() future: true if the record exists; false
 *         otherwise (also while pending and for other kinds of future).
 */
AS_EXPORT bool as_future_exists(const as_future *f);

/**
 * The text result.
 * @param f the future.
 * @return the text of an OK as_info() (borrowed; lives as long as @p f), else NULL.
 */
AS_EXPORT const char *as_future_str(const as_future *f);

/**
 * The generic result.
 * @param f the future.
 * @return the result of an as_future_new_value() future (borrowed; lives as
 *         long as @p f), else NULL (also for every command's future: read
 *         those with their own accessor).
 */
AS_EXPORT void *as_future_value(const as_future *f);

/* --- ready futures (return them from a then-callback) ----------------- */

/**
 * A ready future without a result.
 * @return a new future, already OK, without a result (caller owns one reference).
 */
AS_EXPORT as_future *as_future_new_ok(void);

/**
 * A ready future holding a record.
 * @param rec the record (stolen).
 * @return a new future (caller owns one reference), already OK, holding @p rec.
 */
AS_EXPORT as_future *as_future_new_record(as_record *rec);

/**
 * A ready future holding a generic result (read with as_future_value()).
 * @param value the result, returned by as_future_value().
 * @param free_fn called on @p value when the future is freed; NULL: the
 *        caller keeps ownership of @p value and must keep it valid while the
 *        future lives.
 * @return a new future (caller owns one reference), already OK, holding @p value.
 */
AS_EXPORT as_future *as_future_new_value(void *value, void (*free_fn)(void *));

/**
 * A ready failed future.
 * @param code the error code.
 * @param fmt printf-style format of the message, followed by its arguments
 *        (NULL: the message is the status name).
 * @return a new future (caller owns one reference), already FAILED with @p code
 *         and a printf-style message.
 */
AS_EXPORT as_future *as_future_new_error(as_status code, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

/**
 * A ready failed future with a given error.
 * @param err the error (copied).
 * @return a new future (caller owns one reference), already FAILED with a copy of @p err
 *         (with AEROSPIKE_ERR_PARAM if @p err is NULL).
 */
AS_EXPORT as_future *as_future_new_failed(const as_error *err);

AS_END_DECLS

#endif
