/* Event loops and cross-thread posting.
 *
 * Posting pushes onto an intrusive FIFO under a mutex. The loop is woken by
 * one persistent EV_READ event on an eventfd, and only when no wakeup is
 * pending already: one eventfd write per batch from other threads, and
 * event_active() (no system call) from the loop thread itself, so a task
 * posted there runs after the current callback returns, never inline.
 * The wakeup callback takes the whole queue at once and runs it outside the
 * lock. */
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

/* Why the wakeup event is (or is not) going to fire. */
enum loop_wake {
	LOOP_WAKE_NONE = 0,   /* idle: the next post must wake the loop */
	LOOP_WAKE_ACTIVE,     /* activated from the loop thread: nothing to read */
	LOOP_WAKE_FD          /* eventfd written: must be read before draining */
};

struct as_loop {
	struct event_base *base;
	struct event *wake_ev;
	int wake_fd;
	unsigned index;
	bool own_thread;          /* we created base and run it on thread */
	pthread_t thread;

	pthread_mutex_t lock;     /* guards the queue, wake and the stop fields */
	as_loop_task *head, *tail;
	int wake;                 /* enum loop_wake */

	as_loop_task stop_task;
	bool stop_seen;           /* loop thread only */
	bool stopped;             /* attached: loop thread is done with us (under lock) */
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

void as_loop_post(as_loop *loop, as_loop_task *task, as_loop_fn fn)
{
	task->fn = fn;
	task->next = NULL;

	pthread_mutex_lock(&loop->lock);
	if (loop->tail)
		loop->tail->next = task;
	else
		loop->head = task;
	loop->tail = task;
	int wake = LOOP_WAKE_NONE;
	if (loop->wake == LOOP_WAKE_NONE) {
		wake = as_loop_tls_current == loop ? LOOP_WAKE_ACTIVE : LOOP_WAKE_FD;
		loop->wake = wake;
	}
	pthread_mutex_unlock(&loop->lock);

	if (wake == LOOP_WAKE_NONE)
		return;
	atomic_fetch_add_explicit(&loop->wakeups, 1, memory_order_relaxed);
	if (wake == LOOP_WAKE_ACTIVE) {
		event_active(loop->wake_ev, EV_READ, 0);
		return;
	}
	uint64_t one = 1;
	ssize_t n;
	do
		n = write(loop->wake_fd, &one, sizeof one);
	while (n < 0 && errno == EINTR);
	/* EAGAIN means the counter is saturated: the loop is awake anyway. */
}

/* Take the whole queue; read the eventfd first if it was written, so that a
 * write racing this swap (which sees wake == NONE afterwards) is not lost. */
static as_loop_task *loop_take(as_loop *loop)
{
	pthread_mutex_lock(&loop->lock);
	if (loop->wake == LOOP_WAKE_FD) {
		pthread_mutex_unlock(&loop->lock);
		uint64_t v;
		ssize_t n;
		do
			n = read(loop->wake_fd, &v, sizeof v);
		while (n < 0 && errno == EINTR);
		pthread_mutex_lock(&loop->lock);
	}
	as_loop_task *list = loop->head;
	loop->head = loop->tail = NULL;
	loop->wake = LOOP_WAKE_NONE;
	pthread_mutex_unlock(&loop->lock);
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
	pthread_mutex_lock(&loop->lock);
	loop->stopped = true;
	pthread_cond_signal(&loop->stopped_cond);
	pthread_mutex_unlock(&loop->lock);
}

static void loop_on_wake_body(evutil_socket_t fd, short what, void *arg)
{
	as_loop *loop = arg;
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
	pthread_mutex_init(&loop->lock, NULL);
	pthread_cond_init(&loop->stopped_cond, NULL);
	return loop;
}

static void loop_free(as_loop *loop)
{
	close(loop->wake_fd);
	pthread_mutex_destroy(&loop->lock);
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
		pthread_mutex_lock(&loop->lock);
		while (!loop->stopped)
			pthread_cond_wait(&loop->stopped_cond, &loop->lock);
		pthread_mutex_unlock(&loop->lock);
	}
	loop_free(loop);
}
