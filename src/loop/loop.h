/* Event loops: a libevent event_base run by a thread of ours, or an
 * application's own base we attach to. Any thread may post work to a loop;
 * posting takes no lock: it costs one compare-and-swap onto an intrusive
 * stack, and wakes the loop (one eventfd write; from the loop thread, an
 * activation without a system call) only when that stack was empty. Private. */
#ifndef AS_LOOP_H
#define AS_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <event2/util.h>
#include <aerofuture/error.h>

struct event_base;
typedef struct as_loop as_loop;

/* Work posted to a loop. Embed it in the object it belongs to (a command, a
 * future) so posting allocates nothing. One task may be queued once at a time. */
typedef struct as_loop_task as_loop_task;
typedef void (*as_loop_fn)(as_loop_task *task);
struct as_loop_task {
	as_loop_task *next;
	as_loop_fn fn;
};

/* Start a loop on a new thread with its own event_base. index is the loop's
 * number within its client (for names and statistics). NULL on failure (err set). */
as_loop *as_loop_start(unsigned index, as_error *err);

/* Use the application's base; the calling thread is taken to be the thread
 * that runs it (attach from that thread: as_loop_current() returns the loop
 * there from now on). The application keeps running the base; we add one
 * persistent event for wakeups. */
as_loop *as_loop_attach(struct event_base *base, unsigned index, as_error *err);

/* Stop: run every task still queued (and any they post) on the loop thread,
 * then end the thread (own loops) or remove our events (attached bases) and
 * free. For an attached base the application's thread must still be running
 * it: this call waits until that thread has processed the stop. Must not be
 * called on the loop's own thread: that would wait for itself, so it is
 * reported on stderr (debug builds) and ignored, and the loop keeps running.
 * Posting to a stopped loop is an error. */
void as_loop_stop(as_loop *loop);

/* Whether as_loop_stop() may be called here: from any thread but the loop's,
 * or from the thread of an attached base while it is not inside one of the
 * base's callbacks (then the stop runs inline). */
bool as_loop_stoppable(const as_loop *loop);

struct event_base *as_loop_base(const as_loop *loop);
unsigned as_loop_index(const as_loop *loop);

/* The loop whose thread is calling, or NULL on an ordinary thread. Inline:
 * the command and future paths ask several times per command. */
extern _Thread_local as_loop *as_loop_tls_current;
static inline as_loop *as_loop_current(void) { return as_loop_tls_current; }
static inline bool as_loop_on_thread(const as_loop *loop) { return loop && as_loop_current() == loop; }

/* Queue task to run on the loop thread; safe from any thread, lock-free.
 * Tasks run in post order: each thread's in the order it posted them, and
 * across threads in the order their pushes took effect. From the loop thread
 * itself the task still runs later (after the current callback returns),
 * never inline. */
void as_loop_post(as_loop *loop, as_loop_task *task, as_loop_fn fn);

/* Wakeups requested so far (eventfd writes plus activations from the loop
 * thread): one per post that found the queue empty, so at most one per batch
 * of posts the loop takes at once. For tests and statistics. */
uint64_t as_loop_wakeup_count(const as_loop *loop);

/* How deep this thread is inside the library's event callbacks. On an
 * application's base it tells "between dispatches" (0) from "inside one of
 * our callbacks", which libevent cannot tell us safely. */
extern _Thread_local unsigned as_loop_depth;

/* Define libevent callback NAME running BODY with as_loop_depth raised. */
#define AS_LOOP_CALLBACK(name, body) \
	static void name(evutil_socket_t fd, short what, void *arg) \
	{ \
		as_loop_depth++; \
		body(fd, what, arg); \
		as_loop_depth--; \
	}

/* Monotonic clock in ms, to a few ms (CLOCK_MONOTONIC_COARSE). */
uint64_t as_clock_coarse_ms(void);

/* Monotonic clock in ms / ns. */
uint64_t as_clock_ms(void);
uint64_t as_clock_ns(void);

#endif
