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

/* The kind of a future's result. Typed accessors return a result only for
 * their own kind (NULL, false or 0 otherwise), so a future of one command
 * family is never read as another's. Each family defines its kinds as
 * constants and compares their addresses; the kinds below are the future
 * layer's own. */
typedef struct as_result_kind {
	const char *name;  /* for messages: "record", "batch", ... */
} as_result_kind;

extern const as_result_kind as_result_record;  /* as_future_record(): get, select, operate, touch */
extern const as_result_kind as_result_exists;  /* as_future_exists(), and the header record when found */
extern const as_result_kind as_result_str;     /* as_future_str(): info text */
extern const as_result_kind as_result_value;   /* as_future_value(): as_future_new_value() */

/* Complete. Each steals its result argument, or frees it if the future was
 * already complete. Callable from any thread, by a holder of a reference:
 * on the future's loop thread the callbacks attached so far run inside this
 * call (after the state is set; one attached meanwhile is posted to the
 * loop), from another thread they are posted to the future's loop (a
 * loop-less future runs them on the completing thread); waiters are woken.
 * as_future_complete_ok() leaves no result. as_future_complete_exists()
 * records whether the record exists and, when it does, may hold its header
 * (generation, ttl) as a record. */
bool as_future_complete_ok(as_future *f);
bool as_future_complete_record(as_future *f, as_record *rec);
bool as_future_complete_exists(as_future *f, bool exists, as_record *meta);
bool as_future_complete_str(as_future *f, char *str);
bool as_future_complete_value(as_future *f, const as_result_kind *kind, void *value, void (*free_fn)(void *));
bool as_future_complete_error(as_future *f, const as_error *err);
/* Shorthand: complete FAILED with code and message. */
bool as_future_fail(as_future *f, as_status code, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;

as_loop *as_future_loop(const as_future *f);

/* The result of an OK future (or of the step a chained future shows) if it
 * is of kind, else NULL. Borrowed: it lives as long as f. */
void *as_future_result(const as_future *f, const as_result_kind *kind);

#endif
