/* The library's side of as_future: creation bound to a loop, completion from
 * the command layer. Completion is idempotent: the first call wins, later
 * calls are ignored and return false, so a command racing a timeout or a
 * client close can never complete a future twice. Private. */
#ifndef AS_FUTURE_INTERNAL_H
#define AS_FUTURE_INTERNAL_H

#include <aerofuture/future.h>
#include "loop/loop.h"

/* A new PENDING future whose callbacks run on loop (may be NULL: see future.h).
 * The caller holds one reference. */
as_future *as_future_create(as_loop *loop);
/* The same holding refs references: a command's future starts with two, the
 * caller's and the command's, saving an as_future_retain() per command. */
as_future *as_future_create_refs(as_loop *loop, int refs);

/* Complete. Each steals its result argument, or frees it if the future was
 * already complete. Callable from any thread, by a holder of a reference:
 * on the future's loop thread the callbacks attached so far run inside this
 * call (after the state is set; one attached meanwhile is posted to the
 * loop), from another thread they are posted to the future's loop (a
 * loop-less future runs them on the completing thread); waiters are woken.
 * as_future_complete_record() also makes as_future_exists() true when rec is
 * not NULL; as_future_complete_bool() sets only the exists flag. */
bool as_future_complete_ok(as_future *f);
bool as_future_complete_record(as_future *f, as_record *rec);
bool as_future_complete_bool(as_future *f, bool value);
bool as_future_complete_str(as_future *f, char *str);
bool as_future_complete_value(as_future *f, void *value, void (*free_fn)(void *));
bool as_future_complete_error(as_future *f, const as_error *err);
/* Shorthand: complete FAILED with code and message. */
bool as_future_fail(as_future *f, as_status code, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;

as_loop *as_future_loop(const as_future *f);

#endif
