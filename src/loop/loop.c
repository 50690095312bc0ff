/* Event loops and cross-thread posting.
 *
 * Posting takes no lock: a poster pushes its task onto an intrusive stack
 * with one compare-and-swap, and the loop thread takes the whole stack with
 * one exchange (never a single pop, so no ABA) and reverses it. Tasks thus
 * run in the order their pushes took effect: each poster's in its own order.
 *
 * The push that finds the stack empty wakes the loop; later pushes ride on
 * that wakeup until the loop takes the stack. The wakeup is one persistent
 * EV_READ event on an eventfd. Other threads write the eventfd (one system
 * call per batch); the loop thread calls event_active() with LOOP_WAKE_SELF
 * instead (no system call), so its task runs after the current callback
 * returns, never inline.
 *
 * No wakeup is lost. The callback reads the eventfd before it takes, and a
 * poster writes only after its push: a take that follows a read which
 * consumed a write sees that write's push. A push onto a non-empty stack
 * needs no wakeup: no take has happened since the bottom task was pushed,
 * so the take answering that task's wakeup comes after this push too. If
 * the loop takes a task before its poster's write lands, the write merely
 * causes one later callback that may find nothing.
 *
 * No busy loop, no futile read(): the callback reads the eventfd exactly
 * when libevent reports it readable (EV_READ in what; an activation alone
 * passes LOOP_WAKE_SELF), so the fd never stays readable and the read
 * always finds the count it was woken for. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>

#include <event2/event.h>
#include <event2/thread.h>

#include "loop/loop.h"

/* The what of a wakeup activated from the loop thread. Our event has no
 * timeout, so libevent never passes EV_TIMEOUT for it otherwise, and an
 * activation is told apart from a readable eventfd (EV_READ). */
#define LOOP_WAKE_SELF EV_TIMEOUT

struct as_loop {
	struct event_base *base;
	struct event *wake_ev;
	int wake_fd;
	unsigned index;
	bool own_thread;          /* we created base and run it on thread */
	pthread_t thread;

	/* Posted tasks, newest first; NULL when the next post must wake the loop. */
	_Atomic(as_loop_task *) posted;

	as_loop_task stop_task;
	bool stop_seen;           /* loop thread only */
	pthread_mutex_t stop_lock;  /* guards stopped only: posting takes no lock */
	bool stopped;             /* attached: loop thread is done with us */
	pthread_cond_t stopped_cond;

	atomic_uint_fast64_t wakeups;  /* statistics: eventfd writes + activations */
};

_Thread_local as_loop *as_loop_tls_current;

static pthread_once_t loop_evthread_once = PTHREAD_ONCE_INIT;

_Thread_local unsigned as_loop_depth;

static void loop_evthread_init(void)
{
	/* Bases the application creates after this, and libevent's globals,
	 * get locks; our own bases opt out with EVENT_BASE_FLAG_NOLOCK. */
	evthread_use_pthreads();
}

struct event_base *as_loop_base(const as_loop *loop)
{
	return loop->base;
}

unsigned as_loop_index(const as_loop *loop)
{
	return loop->index;
}

uint64_t as_loop_wakeup_count(const as_loop *loop)
{
	return atomic_load_explicit(&loop->wakeups, memory_order_relaxed);
}

uint64_t as_clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t as_clock_coarse_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint64_t as_clock_ms(void)
{
	return as_clock_ns() / 1000000u;
}

/* Push task; true when the stack was empty, which makes the caller the one
 * to wake the loop. Release: whoever takes task sees what the poster wrote
 * before posting it (and, through the chain of CASes, every task below). */
static bool loop_push(as_loop *loop, as_loop_task *task)
{
	as_loop_task *top = atomic_load_explicit(&loop->posted, memory_order_relaxed);
	do
		task->next = top;
	while (!atomic_compare_exchange_weak_explicit(&loop->posted, &top, task,
						      memory_order_release, memory_order_relaxed));
	return top == NULL;
}

/* After a push onto the empty stack. */
static void loop_wake(as_loop *loop)
{
	atomic_fetch_add_explicit(&loop->wakeups, 1, memory_order_relaxed);
	if (as_loop_tls_current == loop) {
		event_active(loop->wake_ev, LOOP_WAKE_SELF, 0);
		return;
	}
	uint64_t one = 1;
	ssize_t n;
	do
		n = write(loop->wake_fd, &one, sizeof one);
	while (n < 0 && errno == EINTR);
	/* EAGAIN means the counter is saturated: the fd is readable anyway. */
}

void as_loop_post(as_loop *loop, as_loop_task *task, as_loop_fn fn)
{
	task->fn = fn;
	if (loop_push(loop, task))
		loop_wake(loop);
}

/* Reset the eventfd's counter. Only after libevent saw it readable, so the
 * read never fails with EAGAIN; must come before the take (top comment). */
static void loop_clear_fd(as_loop *loop)
{
	uint64_t v;
	ssize_t n;
	do
		n = read(loop->wake_fd, &v, sizeof v);
	while (n < 0 && errno == EINTR);
}

/* Take every posted task, oldest first. The exchange empties the stack, so
 * the next push wakes the loop again. */
static as_loop_task *loop_take(as_loop *loop)
{
	as_loop_task *t = atomic_exchange_explicit(&loop->posted, NULL, memory_order_acquire);
	as_loop_task *list = NULL;
	while (t) {
		as_loop_task *next = t->next;
		t->next = list;
		list = t;
		t = next;
	}
	return list;
}

static void loop_run(as_loop_task *t)
{
	while (t) {
		/* Read next first: fn may re-post (and so relink) its own task. */
		as_loop_task *next = t->next;
		t->fn(t);
		t = next;
	}
}

/* Run until the queue stays empty (stop: tasks may post more tasks). */
static void loop_drain(as_loop *loop)
{
	as_loop_task *t;
	while ((t = loop_take(loop)) != NULL)
		loop_run(t);
}

static void loop_on_stop(as_loop_task *task)
{
	as_loop *loop = (as_loop *)((char *)task - offsetof(as_loop, stop_task));
	loop->stop_seen = true;
}

/* Loop thread, after the stop task ran: finish every queued task and let go
 * of the base. For an attached base this is the last touch of loop. */
static void loop_finish(as_loop *loop)
{
	loop_drain(loop);
	if (loop->own_thread) {
		event_base_loopbreak(loop->base);
		return;
	}
	event_free(loop->wake_ev);
	loop->wake_ev = NULL;
	if (as_loop_tls_current == loop)
		as_loop_tls_current = NULL;
	pthread_mutex_lock(&loop->stop_lock);
	loop->stopped = true;
	pthread_cond_signal(&loop->stopped_cond);
	pthread_mutex_unlock(&loop->stop_lock);
}

static void loop_on_wake_body(evutil_socket_t fd, short what, void *arg)
{
	as_loop *loop = arg;
	if (what & EV_READ)
		loop_clear_fd(loop);
	loop_run(loop_take(loop));
	if (loop->stop_seen)
		loop_finish(loop);
}
AS_LOOP_CALLBACK(loop_on_wake, loop_on_wake_body)

static void *loop_thread_main(void *arg)
{
	as_loop *loop = arg;
	as_loop_tls_current = loop;
	event_base_loop(loop->base, EVLOOP_NO_EXIT_ON_EMPTY);
	/* Posts that raced the stop still run here. */
	loop_drain(loop);
	as_loop_tls_current = NULL;
	return NULL;
}

static as_loop *loop_new(struct event_base *base, unsigned index, bool own, as_error *err)
{
	as_loop *loop = calloc(1, sizeof *loop);
	if (!loop) {
		as_error_set(err, AEROSPIKE_ERR_CLIENT, "event loop %u: out of memory", index);
		return NULL;
	}
	loop->base = base;
	loop->index = index;
	loop->own_thread = own;
	atomic_init(&loop->posted, NULL);
	atomic_init(&loop->wakeups, 0);
	loop->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (loop->wake_fd < 0) {
		as_error_set(err, AEROSPIKE_ERR_CLIENT, "event loop %u: eventfd: %s", index, strerror(errno));
		free(loop);
		return NULL;
	}
	loop->wake_ev = event_new(base, loop->wake_fd, EV_READ | EV_PERSIST, loop_on_wake, loop);
	if (!loop->wake_ev || event_add(loop->wake_ev, NULL) != 0) {
		as_error_set(err, AEROSPIKE_ERR_CLIENT, "event loop %u: cannot add the wakeup event", index);
		if (loop->wake_ev)
			event_free(loop->wake_ev);
		close(loop->wake_fd);
		free(loop);
		return NULL;
	}
	pthread_mutex_init(&loop->stop_lock, NULL);
	pthread_cond_init(&loop->stopped_cond, NULL);
	return loop;
}

static void loop_free(as_loop *loop)
{
	close(loop->wake_fd);
	pthread_mutex_destroy(&loop->stop_lock);
	pthread_cond_destroy(&loop->stopped_cond);
	free(loop);
}

as_loop *as_loop_start(unsigned index, as_error *err)
{
	pthread_once(&loop_evthread_once, loop_evthread_init);

	/* Only our thread touches this base (posting goes through our queue),
	 * so it needs no locks. */
	struct event_config *cfg = event_config_new();
	if (!cfg) {
		as_error_set(err, AEROSPIKE_ERR_CLIENT, "event loop %u: out of memory", index);
		return NULL;
	}
	event_config_set_flag(cfg, EVENT_BASE_FLAG_NOLOCK);
	struct event_base *base = event_base_new_with_config(cfg);
	event_config_free(cfg);
	if (!base) {
		as_error_set(err, AEROSPIKE_ERR_CLIENT, "event loop %u: cannot create an event_base", index);
		return NULL;
	}
	as_loop *loop = loop_new(base, index, true, err);
	if (!loop) {
		event_base_free(base);
		return NULL;
	}
	int rc = pthread_create(&loop->thread, NULL, loop_thread_main, loop);
	if (rc != 0) {
		as_error_set(err, AEROSPIKE_ERR_CLIENT, "event loop %u: cannot start thread: %s", index, strerror(rc));
		event_free(loop->wake_ev);
		event_base_free(base);
		loop_free(loop);
		return NULL;
	}
	return loop;
}

as_loop *as_loop_attach(struct event_base *base, unsigned index, as_error *err)
{
	pthread_once(&loop_evthread_once, loop_evthread_init);
	if (!base) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "event loop %u: event_base is NULL", index);
		return NULL;
	}
	as_loop *loop = loop_new(base, index, false, err);
	if (!loop)
		return NULL;
	as_loop_tls_current = loop;
	return loop;
}

bool as_loop_stoppable(const as_loop *loop)
{
	if (as_loop_tls_current != loop)
		return true;
	/* On the loop's thread: only an attached base, and only outside our
	 * callbacks. */
	return !loop->own_thread && as_loop_depth == 0;
}

/* Calling this from inside the loop's callbacks would wait for ourselves
 * or free what is running: a programming error, reported in debug builds
 * and otherwise ignored (the loop keeps running). */
void as_loop_stop(as_loop *loop)
{
	if (!loop)
		return;
	if (as_loop_tls_current == loop) {
		if (!as_loop_stoppable(loop)) {
#ifndef NDEBUG
			fprintf(stderr, "aerofuture: as_loop_stop called on the loop's own thread (loop %u); ignored\n",
				loop->index);
#endif
			return;
		}
		/* The application's thread, between dispatches: nobody else will
		 * run the base, so do the loop's part of the stop right here. */
		as_loop_post(loop, &loop->stop_task, loop_on_stop);
		loop_drain(loop);
		loop_finish(loop);
		loop_free(loop);
		return;
	}
	as_loop_post(loop, &loop->stop_task, loop_on_stop);
	if (loop->own_thread) {
		pthread_join(loop->thread, NULL);
		event_free(loop->wake_ev);
		event_base_free(loop->base);
	} else {
		/* The application's thread must keep running its base until then. */
		pthread_mutex_lock(&loop->stop_lock);
		while (!loop->stopped)
			pthread_cond_wait(&loop->stopped_cond, &loop->stop_lock);
		pthread_mutex_unlock(&loop->stop_lock);
	}
	loop_free(loop);
}
