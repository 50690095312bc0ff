/* as_future: state, results, waiting, callbacks and then-chains.
 *
 * Cost of the common command path (create, complete on the loop thread, one
 * callback): one allocation, an uncontended mutex, no system call. The mutex
 * orders completion against callback attachment and waiters; the state and
 * the reference count are atomics so readers never take it. The condition
 * variable is initialised only when somebody waits, and signalled only then. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "future/future_impl.h"
#include "model/alloc.h"

#define FUTURE_MAGIC_LIVE 0xA5F07E01u
#define FUTURE_MAGIC_RELEASED 0xDEADF07Eu

typedef struct future_result {
	as_record *rec;
	char *str;
	void *value;
	void (*value_free)(void *);
	bool exists;
} future_result;

static void future_destroy(as_future *f);

/* --- debug: released futures stay readable for a while ------------------ */

#ifndef NDEBUG
/* To report a release of an already freed future instead of corrupting the
 * heap, debug builds keep each thread's last FUTURE_GRAVE_SIZE freed futures
 * allocated (marked released) before really freeing them. An extra release
 * is caught as long as its future is still in that window; older ones are
 * beyond help (use valgrind or ASan). */
#define FUTURE_GRAVE_SIZE 64

typedef struct future_grave {
	unsigned next;
	as_future *slot[FUTURE_GRAVE_SIZE];
} future_grave;

static pthread_key_t future_grave_key;
static pthread_once_t future_grave_once = PTHREAD_ONCE_INIT;
static __thread future_grave *future_grave_tls;

static void future_grave_free(void *p)
{
	future_grave *g = p;
	for (unsigned i = 0; i < FUTURE_GRAVE_SIZE; i++)
		free(g->slot[i]);
	free(g);
	future_grave_tls = NULL;
}

static void future_grave_init(void)
{
	pthread_key_create(&future_grave_key, future_grave_free);
}

static void future_bury(as_future *f)
{
	f->magic = FUTURE_MAGIC_RELEASED;
	future_grave *g = future_grave_tls;
	if (!g) {
		pthread_once(&future_grave_once, future_grave_init);
		g = calloc(1, sizeof *g);
		if (!g) {
			free(f);
			return;
		}
		pthread_setspecific(future_grave_key, g);
		future_grave_tls = g;
	}
	as_future *old = g->slot[g->next];
	g->slot[g->next] = f;
	g->next = (g->next + 1) % FUTURE_GRAVE_SIZE;
	free(old);
}
#else
#define future_bury(f) free(f)
#endif

/* --- creation and references ------------------------------------------- */

as_future *as_future_create(as_loop *loop)
{
	as_future *f = as_malloc(sizeof *f);
	atomic_init(&f->state, AS_FUTURE_PENDING);
	atomic_init(&f->refs, 1);
	f->magic = FUTURE_MAGIC_LIVE;
	f->exists = false;
	f->first_used = false;
	f->running = false;
	f->cond_ready = false;
	f->waiters = 0;
	f->any_index = -1;
	f->loop = loop;
	atomic_init(&f->rec, NULL);
	f->str = NULL;
	f->value = NULL;
	f->value_free = NULL;
	f->source = NULL;
	f->head = f->tail = NULL;
	f->then_fn = NULL;
	pthread_mutex_init(&f->lock, NULL);
	f->err.code = AEROSPIKE_OK;
	f->err.message[0] = '\0';
	f->err.in_doubt = false;
	return f;
}

as_loop *as_future_loop(const as_future *f)
{
	return f->loop;
}

as_future *as_future_retain(as_future *f)
{
	if (f)
		atomic_fetch_add_explicit(&f->refs, 1, memory_order_relaxed);
	return f;
}

/* In release builds an extra release is undefined behaviour, as for free().
 * Debug builds (NDEBUG undefined) report it on stderr and ignore it, as long
 * as the future's memory is still held (see future_bury). */
void as_future_release(as_future *f)
{
	if (!f)
		return;
#ifndef NDEBUG
	if (f->magic != FUTURE_MAGIC_LIVE) {
		fprintf(stderr, "aerofuture: as_future_release(%p): the future was already freed "
			"(released once too often); ignored\n", (void *)f);
		return;
	}
#endif
	int old = atomic_fetch_sub_explicit(&f->refs, 1, memory_order_acq_rel);
	if (old > 1)
		return;
#ifndef NDEBUG
	if (old < 1) {
		atomic_fetch_add_explicit(&f->refs, 1, memory_order_relaxed);
		fprintf(stderr, "aerofuture: as_future_release(%p): reference count below zero; ignored\n",
			(void *)f);
		return;
	}
#endif
	future_destroy(f);
}

static void future_result_free(future_result *r)
{
	as_record_destroy(r->rec);
	free(r->str);
	if (r->value && r->value_free)
		r->value_free(r->value);
}

/* The last reference is gone. A chained future owns its source, so freeing
 * walks down the chain iteratively (a long chain must not recurse). */
static void future_destroy(as_future *f)
{
	while (f) {
		if (atomic_load_explicit(&f->state, memory_order_acquire) == AS_FUTURE_PENDING && f->head) {
			/* Freed before completion with callbacks waiting (a library bug
			 * or an abandoned internal future): fail it so that nothing
			 * chained to it stays pending forever, then free it normally. */
			atomic_store_explicit(&f->refs, 1, memory_order_relaxed);
			as_future_fail(f, AEROSPIKE_ERR_CLIENT, "future released before it completed");
			as_future_release(f);
			return;
		}
		as_future *next = f->source;
		future_result r = {
			.rec = atomic_load_explicit(&f->rec, memory_order_relaxed),
			.str = f->str, .value = f->value, .value_free = f->value_free
		};
		future_result_free(&r);
		if (f->cond_ready)
			pthread_cond_destroy(&f->cond);
		pthread_mutex_destroy(&f->lock);
		future_bury(f);
		f = NULL;
		if (next && atomic_fetch_sub_explicit(&next->refs, 1, memory_order_acq_rel) == 1)
			f = next;
	}
}

/* --- running callbacks ---------------------------------------------------- */

/* Run every queued callback, including ones attached while running, in attach
 * order. The caller holds a reference and has set running. */
static void future_run(as_future *f)
{
	pthread_mutex_lock(&f->lock);
	for (;;) {
		as_future_slot *s = f->head;
		f->head = f->tail = NULL;
		if (!s)
			break;
		pthread_mutex_unlock(&f->lock);
		bool ran_first = false;
		while (s) {
			/* The callback may free or relink its slot. */
			as_future_slot *next = s->next;
			if (s->kind == AS_FUTURE_SLOT_USER) {
				as_future_cb cb = s->fn.user;
				void *udata = s->udata;
				if (s->heap)
					free(s);
				else
					ran_first = true;
				cb(f, udata);
			} else {
				s->fn.internal(f, s);
			}
			s = next;
		}
		pthread_mutex_lock(&f->lock);
		/* Reusable only now: a concurrent attach could otherwise overwrite
		 * it between our taking the list and running it. */
		if (ran_first)
			f->first_used = false;
	}
	f->running = false;
	pthread_mutex_unlock(&f->lock);
}

static void future_on_task(as_loop_task *task)
{
	as_future *f = as_container_of(task, as_future, task);
	future_run(f);
	as_future_release(f);
}

/* Callbacks are due: on completion (late == false) run them here if this is
 * the future's loop thread (or it has none), else post them to it. Attached
 * after completion (late): post to the future's loop, or the current loop for
 * a loop-less future, and only without any loop run them here. */
static void future_dispatch(as_future *f, bool late)
{
	as_loop *loop = f->loop;
	if (!loop && late)
		loop = as_loop_current();
	if (!loop || (!late && as_loop_on_thread(loop))) {
		future_run(f);
		return;
	}
	as_future_retain(f);
	as_loop_post(loop, &f->task, future_on_task);
}

/* Append under the lock; the caller holds it. @return true if the caller must
 * dispatch (the future is done and no run is scheduled). */
static bool future_append_locked(as_future *f, as_future_slot *slot)
{
	slot->next = NULL;
	if (f->tail)
		f->tail->next = slot;
	else
		f->head = slot;
	f->tail = slot;
	if (atomic_load_explicit(&f->state, memory_order_relaxed) == AS_FUTURE_PENDING || f->running)
		return false;
	f->running = true;
	return true;
}

void as_future_attach(as_future *f, as_future_slot *slot)
{
	pthread_mutex_lock(&f->lock);
	bool run = future_append_locked(f, slot);
	pthread_mutex_unlock(&f->lock);
	if (run)
		future_dispatch(f, true);
}

void as_future_on_done(as_future *f, as_future_cb cb, void *udata)
{
	if (!f || !cb)
		return;
	pthread_mutex_lock(&f->lock);
	as_future_slot *s;
	if (!f->first_used) {
		f->first_used = true;
		s = &f->first;
		s->heap = false;
	} else {
		s = as_malloc(sizeof *s);
		s->heap = true;
	}
	s->kind = AS_FUTURE_SLOT_USER;
	s->fn.user = cb;
	s->udata = udata;
	bool run = future_append_locked(f, s);
	pthread_mutex_unlock(&f->lock);
	if (run)
		future_dispatch(f, true);
}

/* --- completion ------------------------------------------------------- */

/* The one place a future leaves PENDING. Steals r (frees it if too late). */
static bool future_complete(as_future *f, as_future_state state, const as_error *err, future_result *r)
{
	pthread_mutex_lock(&f->lock);
	if (atomic_load_explicit(&f->state, memory_order_relaxed) != AS_FUTURE_PENDING) {
		pthread_mutex_unlock(&f->lock);
		if (r)
			future_result_free(r);
		return false;
	}
	if (r) {
		atomic_store_explicit(&f->rec, r->rec, memory_order_relaxed);
		f->str = r->str;
		f->value = r->value;
		f->value_free = r->value_free;
		f->exists = r->exists;
	}
	if (state == AS_FUTURE_FAILED) {
		if (err && err->code != AEROSPIKE_OK) {
			as_error_copy(&f->err, err);
		} else {
			f->err.code = AEROSPIKE_ERR_CLIENT;
			snprintf(f->err.message, sizeof f->err.message, "future failed without an error code");
			f->err.in_doubt = err ? err->in_doubt : false;
		}
	}
	atomic_store_explicit(&f->state, state, memory_order_release);
	if (f->waiters)
		pthread_cond_broadcast(&f->cond);
	bool run = f->head != NULL && !f->running;
	if (run)
		f->running = true;
	pthread_mutex_unlock(&f->lock);
	if (run)
		future_dispatch(f, false);
	return true;
}

bool as_future_complete_ok(as_future *f)
{
	return future_complete(f, AS_FUTURE_OK, NULL, NULL);
}

bool as_future_complete_record(as_future *f, as_record *rec)
{
	future_result r = { .rec = rec, .exists = rec != NULL };
	return future_complete(f, AS_FUTURE_OK, NULL, &r);
}

bool as_future_complete_bool(as_future *f, bool value)
{
	future_result r = { .exists = value };
	return future_complete(f, AS_FUTURE_OK, NULL, &r);
}

bool as_future_complete_str(as_future *f, char *str)
{
	future_result r = { .str = str };
	return future_complete(f, AS_FUTURE_OK, NULL, &r);
}

bool as_future_complete_value(as_future *f, void *value, void (*free_fn)(void *))
{
	future_result r = { .value = value, .value_free = free_fn };
	return future_complete(f, AS_FUTURE_OK, NULL, &r);
}

bool as_future_complete_error(as_future *f, const as_error *err)
{
	return future_complete(f, AS_FUTURE_FAILED, err, NULL);
}

static void future_error_format(as_error *err, as_status code, const char *fmt, va_list ap)
{
	err->code = code;
	err->in_doubt = false;
	if (!fmt)
		snprintf(err->message, sizeof err->message, "%s", as_status_str(code));
	else if (vsnprintf(err->message, sizeof err->message, fmt, ap) < 0)
		err->message[0] = '\0';
}

bool as_future_fail(as_future *f, as_status code, const char *fmt, ...)
{
	as_error err;
	va_list ap;
	va_start(ap, fmt);
	future_error_format(&err, code, fmt, ap);
	va_end(ap);
	return future_complete(f, AS_FUTURE_FAILED, &err, NULL);
}

/* --- ready futures ---------------------------------------------------- */

as_future *as_future_new_ok(void)
{
	as_future *f = as_future_create(as_loop_current());
	as_future_complete_ok(f);
	return f;
}

as_future *as_future_new_record(as_record *rec)
{
	as_future *f = as_future_create(as_loop_current());
	as_future_complete_record(f, rec);
	return f;
}

as_future *as_future_new_value(void *value, void (*free_fn)(void *))
{
	as_future *f = as_future_create(as_loop_current());
	as_future_complete_value(f, value, free_fn);
	return f;
}

as_future *as_future_new_error(as_status code, const char *fmt, ...)
{
	as_error err;
	va_list ap;
	va_start(ap, fmt);
	future_error_format(&err, code, fmt, ap);
	va_end(ap);
	as_future *f = as_future_create(as_loop_current());
	as_future_complete_error(f, &err);
	return f;
}

as_future *as_future_new_failed(const as_error *err)
{
	if (!err)
		return as_future_new_error(AEROSPIKE_ERR_PARAM, "as_future_new_failed: error is NULL");
	as_future *f = as_future_create(as_loop_current());
	as_future_complete_error(f, err);
	return f;
}

/* --- state and results ------------------------------------------------ */

/* What the accessors report for a NULL future: a failure, so a polling loop
 * ends and the error names the mistake. */
static const as_error future_null_error = {
	.code = AEROSPIKE_ERR_PARAM, .message = "future is NULL", .in_doubt = false
};

as_future_state as_future_get_state(const as_future *f)
{
	if (!f)
		return AS_FUTURE_FAILED;
	return (as_future_state)atomic_load_explicit(&((as_future *)f)->state, memory_order_acquire);
}

bool as_future_is_done(const as_future *f)
{
	return as_future_get_state(f) != AS_FUTURE_PENDING;
}

as_status as_future_status(const as_future *f)
{
	if (!f)
		return future_null_error.code;
	switch (as_future_get_state(f)) {
	case AS_FUTURE_OK:
		return AEROSPIKE_OK;
	case AS_FUTURE_FAILED:
		return f->err.code;
	default:
		return AEROSPIKE_ERR_CLIENT;
	}
}

const as_error *as_future_error(const as_future *f)
{
	if (!f)
		return &future_null_error;
	return as_future_get_state(f) == AS_FUTURE_FAILED ? &f->err : NULL;
}

/* The future holding f's result: f itself, or for a chained future the step
 * it forwards (which completed before it). NULL unless f is OK. */
static as_future *future_holder(const as_future *f)
{
	if (!f || as_future_get_state(f) != AS_FUTURE_OK)
		return NULL;
	while (f->source)
		f = f->source;
	return (as_future *)f;
}

const as_record *as_future_record(const as_future *f)
{
	as_future *h = future_holder(f);
	return h ? atomic_load_explicit(&h->rec, memory_order_acquire) : NULL;
}

as_record *as_future_take_record(as_future *f)
{
	as_future *h = future_holder(f);
	return h ? atomic_exchange_explicit(&h->rec, NULL, memory_order_acq_rel) : NULL;
}

bool as_future_exists(const as_future *f)
{
	as_future *h = future_holder(f);
	return h ? h->exists : false;
}

const char *as_future_str(const as_future *f)
{
	as_future *h = future_holder(f);
	return h ? h->str : NULL;
}

void *as_future_value(const as_future *f)
{
	as_future *h = future_holder(f);
	return h ? h->value : NULL;
}

long as_future_any_index(const as_future *f)
{
	return f && as_future_get_state(f) == AS_FUTURE_OK ? f->any_index : -1;
}

/* --- waiting ---------------------------------------------------------- */

static pthread_condattr_t future_condattr;
static pthread_once_t future_condattr_once = PTHREAD_ONCE_INIT;

static void future_condattr_init(void)
{
	/* Timed waits measure against CLOCK_MONOTONIC: immune to clock changes. */
	pthread_condattr_init(&future_condattr);
	pthread_condattr_setclock(&future_condattr, CLOCK_MONOTONIC);
}

static as_status future_report(const as_future *f, as_error *err)
{
	if (as_future_get_state(f) == AS_FUTURE_OK) {
		as_error_reset(err);
		return AEROSPIKE_OK;
	}
	as_error_copy(err, &f->err);
	return f->err.code;
}

static as_status future_wait(as_future *f, bool timed, uint32_t timeout_ms, as_error *err, const char *who)
{
	if (!f)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s: future is NULL", who);
	if (as_loop_current())
		return as_error_set(err, AEROSPIKE_ERR_CLIENT,
			"%s called on an event-loop thread: it would deadlock; chain with as_future_then() instead",
			who);
	if (!as_future_is_done(f)) {
		struct timespec deadline;
		if (timed) {
			clock_gettime(CLOCK_MONOTONIC, &deadline);
			deadline.tv_sec += timeout_ms / 1000;
			deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
			if (deadline.tv_nsec >= 1000000000L) {
				deadline.tv_sec++;
				deadline.tv_nsec -= 1000000000L;
			}
		}
		pthread_mutex_lock(&f->lock);
		if (!f->cond_ready) {
			pthread_once(&future_condattr_once, future_condattr_init);
			pthread_cond_init(&f->cond, &future_condattr);
			f->cond_ready = true;
		}
		f->waiters++;
		while (atomic_load_explicit(&f->state, memory_order_relaxed) == AS_FUTURE_PENDING) {
			if (!timed) {
				pthread_cond_wait(&f->cond, &f->lock);
			} else if (pthread_cond_timedwait(&f->cond, &f->lock, &deadline) == ETIMEDOUT) {
				break;
			}
		}
		f->waiters--;
		bool pending = atomic_load_explicit(&f->state, memory_order_relaxed) == AS_FUTURE_PENDING;
		pthread_mutex_unlock(&f->lock);
		if (pending)
			return as_error_set(err, AEROSPIKE_ERR_TIMEOUT, "future still pending after %u ms", timeout_ms);
	}
	return future_report(f, err);
}

as_status as_future_wait(as_future *f, as_error *err)
{
	return future_wait(f, false, 0, err, "as_future_wait");
}

as_status as_future_wait_for(as_future *f, uint32_t timeout_ms, as_error *err)
{
	return future_wait(f, true, timeout_ms, err, "as_future_wait_for");
}

/* --- then-chains -------------------------------------------------------- */

/* The step's future g is done: the chained future takes its outcome; its
 * result stays in g (child->source) and the accessors read it there. */
static void future_forward(as_future *child, as_future *g)
{
	if (as_future_get_state(g) == AS_FUTURE_OK)
		future_complete(child, AS_FUTURE_OK, NULL, NULL);
	else
		future_complete(child, AS_FUTURE_FAILED, &g->err, NULL);
}

static void future_on_step_done(as_future *g, as_future_slot *slot)
{
	as_future *child = as_container_of(slot, as_future, link);
	future_forward(child, g);
	as_future_release(child);
}

/* Make child follow g (whose reference we take over); consumes the
 * reference child's link holds. */
static void future_follow(as_future *child, as_future *g)
{
	if (!g) {
		as_future_complete_ok(child);
	} else if (g == child) {
		/* It would wait for itself forever. */
		as_future_release(g);
		as_future_fail(child, AEROSPIKE_ERR_PARAM,
			"as_future_then: the callback returned the future it was meant to complete");
	} else {
		child->source = g;
		if (!as_future_is_done(g)) {
			/* The link is free again: the parent's run read past it. */
			child->link.fn.internal = future_on_step_done;
			as_future_attach(g, &child->link);
			return;
		}
		future_forward(child, g);
	}
	as_future_release(child);
}

static void future_on_parent_done(as_future *parent, as_future_slot *slot)
{
	as_future *child = as_container_of(slot, as_future, link);
	future_follow(child, child->then_fn(parent, slot->udata));
}

static void future_on_parent_done_ok(as_future *parent, as_future_slot *slot)
{
	if (as_future_get_state(parent) == AS_FUTURE_FAILED) {
		as_future *child = as_container_of(slot, as_future, link);
		future_complete(child, AS_FUTURE_FAILED, &parent->err, NULL);
		as_future_release(child);
		return;
	}
	future_on_parent_done(parent, slot);
}

static as_future *future_then(as_future *f, as_future_then_fn fn, void *udata, bool ok_only, const char *who)
{
	if (!f)
		return as_future_new_error(AEROSPIKE_ERR_PARAM, "%s: future is NULL", who);
	if (!fn)
		return as_future_new_error(AEROSPIKE_ERR_PARAM, "%s: callback is NULL", who);
	as_future *child = as_future_create(f->loop);
	child->then_fn = fn;
	child->link.kind = AS_FUTURE_SLOT_INTERNAL;
	child->link.heap = false;
	child->link.fn.internal = ok_only ? future_on_parent_done_ok : future_on_parent_done;
	child->link.udata = udata;
	/* The link's reference: child lives until the chain completed it. */
	as_future_retain(child);
	as_future_attach(f, &child->link);
	return child;
}

as_future *as_future_then(as_future *f, as_future_then_fn fn, void *udata)
{
	return future_then(f, fn, udata, false, "as_future_then");
}

as_future *as_future_then_ok(as_future *f, as_future_then_fn fn, void *udata)
{
	return future_then(f, fn, udata, true, "as_future_then_ok");
}
