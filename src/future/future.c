/* as_future: state, results, waiting, callbacks and then-chains.
 *
 * Cost of the common command path (create, one callback attached, complete
 * and run on the loop thread, release): no lock, no system call, and usually
 * no allocation either, as freed futures are kept per thread for reuse.
 *
 * Attaching, completing and running callbacks agree through one atomic word,
 * ctl (future_impl.h): the stack of slots not yet run plus CLAIMED, DONE and
 * RUNNING flags.
 * - Completion claims the future (first wins), writes the results and the
 *   state, then sets DONE; in the same compare-and-swap it takes the slots
 *   (when running them here) or sets RUNNING for a posted run. On the
 *   future's own loop thread the taken slots run without RUNNING, which is
 *   the common case's saving: a later attach then posts a run of its own.
 * - Attaching pushes a slot; when it finds DONE without RUNNING it sets
 *   RUNNING and schedules a run. So exactly one side schedules each run.
 * - A run takes the whole stack, reverses it (attach order) and runs it,
 *   until it finds the stack empty and clears RUNNING.
 * The compare-and-swaps are acquire-release: whoever runs a slot sees what
 * the attacher wrote into it and what the completer wrote into the future.
 * Blocked threads use a small shared pool of mutex/condition pairs (see
 * waiting), touched only when somebody waits. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "future/future_impl.h"
#include "model/alloc.h"

#define FUTURE_MAGIC_LIVE 0xA5F07E01u
#define FUTURE_MAGIC_RELEASED 0xDEADF07Eu

_Static_assert(_Alignof(as_future_slot) > AS_FUTURE_CTL_BITS, "slot pointers need the low bits free");

static inline as_future_slot *ctl_slots(uintptr_t ctl)
{
	return (as_future_slot *)(ctl & ~AS_FUTURE_CTL_BITS);
}

typedef struct future_result {
	const as_result_kind *kind;
	as_record *rec;
	void *value;
	void (*value_free)(void *);
	bool exists;
} future_result;

const as_result_kind as_result_record = { "record" };
const as_result_kind as_result_exists = { "exists" };
const as_result_kind as_result_str = { "text" };
const as_result_kind as_result_value = { "value" };

/* Out of line: as_future_release() stays small for the common case where
 * other references remain. */
#ifdef __GNUC__
__attribute__((noinline))
#endif
static void future_destroy(as_future *f);

/* --- memory: freed futures are kept per thread ------------------------- */

/* Each thread keeps the futures it freed last in a ring, oldest first, and
 * builds new ones from it: a command then costs no allocation for its
 * future. Debug builds (NDEBUG undefined) also mark them released and reuse
 * one only when the ring is full, so that an extra release of any of the
 * last FUTURE_CACHE_SIZE - 1 freed futures is reported instead of corrupting
 * the heap; older ones are beyond help (use valgrind or ASan). Under
 * AddressSanitizer nothing is reused, so it sees every use after free. */
#define FUTURE_CACHE_SIZE 64

#if defined(__SANITIZE_ADDRESS__)
#define FUTURE_CACHE_REUSE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUTURE_CACHE_REUSE 0
#endif
#endif
#ifndef FUTURE_CACHE_REUSE
#define FUTURE_CACHE_REUSE 1
#endif

#ifndef NDEBUG
#define FUTURE_CACHE_REUSE_AT FUTURE_CACHE_SIZE   /* keep a full window */
#else
#define FUTURE_CACHE_REUSE_AT 1
#endif

typedef struct future_cache {
	unsigned head;             /* oldest */
	unsigned count;
	as_future *slot[FUTURE_CACHE_SIZE];
} future_cache;

static pthread_key_t future_cache_key;
static pthread_once_t future_cache_once = PTHREAD_ONCE_INIT;
static __thread future_cache *future_cache_tls;

/* Thread exit: the kept futures go back to the heap. */
static void future_cache_free(void *p)
{
	future_cache *c = p;
	for (unsigned i = 0; i < c->count; i++)
		free(c->slot[(c->head + i) % FUTURE_CACHE_SIZE]);
	free(c);
	future_cache_tls = NULL;
}

static void future_cache_init(void)
{
	pthread_key_create(&future_cache_key, future_cache_free);
}

static as_future *future_alloc(void)
{
	future_cache *c = future_cache_tls;
#ifdef NDEBUG
	/* Release builds: a stack, the most recently freed (cache-warm) first. */
	if (FUTURE_CACHE_REUSE && c && c->count)
		return c->slot[--c->count];
	return as_malloc(sizeof(as_future));
#endif
	if (FUTURE_CACHE_REUSE && c && c->count >= FUTURE_CACHE_REUSE_AT) {
		as_future *f = c->slot[c->head];
		c->head = (c->head + 1) % FUTURE_CACHE_SIZE;
		c->count--;
		return f;
	}
	return as_malloc(sizeof(as_future));
}

static void future_free(as_future *f)
{
	f->magic = FUTURE_MAGIC_RELEASED;
	future_cache *c = future_cache_tls;
	if (!c) {
		pthread_once(&future_cache_once, future_cache_init);
		c = calloc(1, sizeof *c);
		if (!c) {
			free(f);
			return;
		}
		pthread_setspecific(future_cache_key, c);
		future_cache_tls = c;
	}
#ifdef NDEBUG
	if (c->count < FUTURE_CACHE_SIZE && FUTURE_CACHE_REUSE)
		c->slot[c->count++] = f;
	else
		free(f);
	return;
#endif
	if (c->count == FUTURE_CACHE_SIZE) {
		free(c->slot[c->head]);
		c->head = (c->head + 1) % FUTURE_CACHE_SIZE;
		c->count--;
	}
	c->slot[(c->head + c->count) % FUTURE_CACHE_SIZE] = f;
	c->count++;
}

/* --- creation and references ------------------------------------------- */

as_future *as_future_create_refs(as_loop *loop, int refs)
{
	as_future *f = future_alloc();
	atomic_init(&f->ctl, 0);
	atomic_init(&f->state, AS_FUTURE_PENDING);
	atomic_init(&f->refs, refs);
	f->loop = loop;
	f->magic = FUTURE_MAGIC_LIVE;
	/* Not yet shared: plain zeroing of the atomics in the range is fine. */
	memset(&f->waiters, 0, offsetof(as_future, first) - offsetof(as_future, waiters));
	/* err is written before the state says FAILED and read only after. */
	return f;
}

as_future *as_future_create(as_loop *loop)
{
	return as_future_create_refs(loop, 1);
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
 * as the future's memory is still held (see future_free). */
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
	if (r->value && r->value_free)
		r->value_free(r->value);
}

/* Free f's results and f itself (not its source). */
static inline void future_destroy_one(as_future *f)
{
	as_record *rec = atomic_load_explicit(&f->rec, memory_order_relaxed);
	if (rec)
		as_record_destroy(rec);
	if (f->value && f->value_free)
		f->value_free(f->value);
	future_free(f);
}

/* The last reference is gone: free the results and the future. A chained
 * future owns its source, so freeing walks down the chain iteratively (a
 * long chain must not recurse). Out of line: future_destroy() stays small. */
#ifdef __GNUC__
__attribute__((noinline))
#endif
static void future_destroy_chain(as_future *f)
{
	while (f) {
		if (atomic_load_explicit(&f->state, memory_order_acquire) == AS_FUTURE_PENDING
			&& ctl_slots(atomic_load_explicit(&f->ctl, memory_order_acquire))) {
			/* Freed before completion with callbacks waiting (a library bug
			 * or an abandoned internal future): fail it so that nothing
			 * chained to it stays pending forever, then free it normally. */
			atomic_store_explicit(&f->refs, 1, memory_order_relaxed);
			as_future_fail(f, AEROSPIKE_ERR_CLIENT, "future released before it completed");
			as_future_release(f);
			return;
		}
		as_future *next = f->source;
		future_destroy_one(f);
		f = NULL;
		if (next && atomic_fetch_sub_explicit(&next->refs, 1, memory_order_acq_rel) == 1)
			f = next;
	}
}

static void future_destroy(as_future *f)
{
	/* A command's future: complete, not chained. */
	if (!f->source && atomic_load_explicit(&f->state, memory_order_relaxed) != AS_FUTURE_PENDING) {
		future_destroy_one(f);
		return;
	}
	future_destroy_chain(f);
}

/* --- running callbacks ---------------------------------------------------- */

/* Run one slot's callback. */
static inline void future_run_slot(as_future *f, as_future_slot *s)
{
	if (s->kind == AS_FUTURE_SLOT_USER) {
		as_future_cb cb = s->fn.user;
		void *udata = s->udata;
		if (s->heap)
			free(s);
		else
			/* Read out: a new as_future_on_done() may refill it. */
			atomic_store_explicit(&f->first_used, false, memory_order_release);
		cb(f, udata);
	} else {
		s->fn.internal(f, s);
	}
}

/* Run the slots of stack s (newest first) in attach order. */
static void future_run_slots(as_future *f, as_future_slot *s)
{
	as_future_slot *list = NULL;
	while (s) {
		as_future_slot *next = s->next;
		s->next = list;
		list = s;
		s = next;
	}
	while (list) {
		/* The callback may free or relink its slot. */
		as_future_slot *next = list->next;
		future_run_slot(f, list);
		list = next;
	}
}

/* Take the slots attached since the last take; when there are none, clear
 * RUNNING (the run is over) and return NULL. */
static as_future_slot *future_take(as_future *f)
{
	uintptr_t old = atomic_load_explicit(&f->ctl, memory_order_acquire);
	as_future_slot *s;
	uintptr_t next;
	do {
		s = ctl_slots(old);
		next = s ? old & AS_FUTURE_CTL_BITS : old & ~AS_FUTURE_CTL_RUNNING;
	} while (!atomic_compare_exchange_weak_explicit(&f->ctl, &old, next,
			memory_order_acq_rel, memory_order_acquire));
	return s;
}

/* Run stack s in attach order. */
static inline void future_run_list(as_future *f, as_future_slot *s)
{
	/* Usually one callback: no reordering needed. */
	if (s->next)
		future_run_slots(f, s);
	else
		future_run_slot(f, s);
}

/* Run stack s, already taken from ctl (may be NULL), then every slot
 * attached meanwhile, until none is left; then clear RUNNING. The caller
 * holds a reference and RUNNING is set for it. */
static void future_run(as_future *f, as_future_slot *s)
{
	if (!s)
		s = future_take(f);
	while (s) {
		future_run_list(f, s);
		s = future_take(f);
	}
}

static void future_on_task(as_loop_task *task)
{
	as_future *f = as_container_of(task, as_future, task);
	future_run(f, NULL);
	as_future_release(f);
}

/* Callbacks attached after completion are due (RUNNING is set for us): post
 * them to the future's loop, or the current loop for a loop-less future, and
 * only without any loop run them here. */
static void future_dispatch_late(as_future *f)
{
	as_loop *loop = f->loop;
	if (!loop)
		loop = as_loop_current();
	if (!loop) {
		future_run(f, NULL);
		return;
	}
	as_future_retain(f);
	as_loop_post(loop, &f->task, future_on_task);
}

/* Push slot. @return true if the caller must dispatch: the future is done
 * and no run was scheduled (RUNNING is now set for the caller). */
static bool future_push(as_future *f, as_future_slot *slot)
{
	uintptr_t old = atomic_load_explicit(&f->ctl, memory_order_relaxed);
	uintptr_t next;
	do {
		slot->next = ctl_slots(old);
		next = (uintptr_t)slot | (old & AS_FUTURE_CTL_BITS);
		if ((old & (AS_FUTURE_CTL_DONE | AS_FUTURE_CTL_RUNNING)) == AS_FUTURE_CTL_DONE)
			next |= AS_FUTURE_CTL_RUNNING;
	} while (!atomic_compare_exchange_weak_explicit(&f->ctl, &old, next,
			memory_order_acq_rel, memory_order_relaxed));
	return (old & (AS_FUTURE_CTL_DONE | AS_FUTURE_CTL_RUNNING)) == AS_FUTURE_CTL_DONE;
}

void as_future_attach(as_future *f, as_future_slot *slot)
{
	if (future_push(f, slot))
		future_dispatch_late(f);
}

void as_future_on_done(as_future *f, as_future_cb cb, void *udata)
{
	if (!f || !cb)
		return;
	as_future_slot *s;
	if (!atomic_exchange_explicit(&f->first_used, true, memory_order_acquire)) {
		s = &f->first;
		s->heap = false;
	} else {
		s = as_malloc(sizeof *s);
		s->heap = true;
	}
	s->kind = AS_FUTURE_SLOT_USER;
	s->fn.user = cb;
	s->udata = udata;
	as_future_attach(f, s);
}

/* --- waiting: shared mutex/condition pairs ------------------------------- */

/* A blocked thread waits on the pair its future's address hashes to; a
 * completion that finds waiters broadcasts there. Unrelated futures sharing
 * a pair merely cause spurious wakeups, which the wait loop absorbs. The
 * waiter counts itself and checks the state holding the pair's mutex; the
 * completer stores the state and then reads the count (both sequentially
 * consistent), so one of them sees the other, and the broadcast takes the
 * mutex, so it cannot slip in between the waiter's check and its sleep. */
#define FUTURE_WAIT_PAIRS 16

typedef struct future_wait_pair {
	pthread_mutex_t lock;
	pthread_cond_t cond;
} future_wait_pair;

static future_wait_pair future_wait_pairs[FUTURE_WAIT_PAIRS];
static pthread_once_t future_wait_once = PTHREAD_ONCE_INIT;

static void future_wait_init(void)
{
	/* Timed waits measure against CLOCK_MONOTONIC: immune to clock changes. */
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	for (unsigned i = 0; i < FUTURE_WAIT_PAIRS; i++) {
		pthread_mutex_init(&future_wait_pairs[i].lock, NULL);
		pthread_cond_init(&future_wait_pairs[i].cond, &attr);
	}
	pthread_condattr_destroy(&attr);
}

static future_wait_pair *future_wait_pair_of(const as_future *f)
{
	uintptr_t a = (uintptr_t)f;
	return &future_wait_pairs[((a >> 4) ^ (a >> 10)) % FUTURE_WAIT_PAIRS];
}

/* Wake f's waiters; only called when there are some, so the pairs are
 * initialised (the waiter did it before counting itself). */
static void future_wake(const as_future *f)
{
	future_wait_pair *p = future_wait_pair_of(f);
	pthread_mutex_lock(&p->lock);
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* --- completion ------------------------------------------------------- */

/* First completion wins. Relaxed: nobody reads the results before the
 * release of state and of DONE in future_publish(). */
static inline bool future_claim(as_future *f)
{
	return !(atomic_fetch_or_explicit(&f->ctl, AS_FUTURE_CTL_CLAIMED, memory_order_relaxed) &
		AS_FUTURE_CTL_CLAIMED);
}

/* The one place a claimed future leaves PENDING, its results written. */
static void future_publish(as_future *f, as_future_state state)
{
	/* Sequentially consistent with the waiter count read below (see waiting). */
	atomic_store_explicit(&f->state, state, memory_order_seq_cst);

	/* Publish DONE, taking the slots already attached when they run here.
	 * - On the future's loop thread they run without RUNNING: a slot attached
	 *   meanwhile finds DONE alone and posts its own run, which the loop
	 *   reaches only after this one, so attach order holds.
	 * - Loop-less, they run here under RUNNING, and so do slots attached
	 *   meanwhile (nothing else would run them in order).
	 * - From another thread RUNNING is set and the slots stay for a run
	 *   posted to the loop. */
	as_loop *loop = f->loop;
	bool on_loop = loop && as_loop_on_thread(loop);
	uintptr_t old = atomic_load_explicit(&f->ctl, memory_order_relaxed);
	uintptr_t next;
	do {
		if (!ctl_slots(old) || on_loop)
			next = (old & AS_FUTURE_CTL_BITS) | AS_FUTURE_CTL_DONE;
		else if (!loop)
			next = (old & AS_FUTURE_CTL_BITS) | AS_FUTURE_CTL_DONE | AS_FUTURE_CTL_RUNNING;
		else
			next = old | AS_FUTURE_CTL_DONE | AS_FUTURE_CTL_RUNNING;
	} while (!atomic_compare_exchange_weak_explicit(&f->ctl, &old, next,
			memory_order_acq_rel, memory_order_relaxed));

	if (atomic_load_explicit(&f->waiters, memory_order_seq_cst))
		future_wake(f);
	as_future_slot *s = ctl_slots(old);
	if (!s)
		return;
	if (on_loop) {
		future_run_list(f, s);
	} else if (!loop) {
		future_run(f, s);
	} else {
		as_future_retain(f);
		as_loop_post(loop, &f->task, future_on_task);
	}
}

/* Complete with result r (stolen; freed if too late). */
static bool future_complete(as_future *f, const future_result *r)
{
	if (!future_claim(f)) {
		future_result tmp = *r;
		future_result_free(&tmp);
		return false;
	}
	f->kind = r->kind;
	atomic_store_explicit(&f->rec, r->rec, memory_order_relaxed);
	f->value = r->value;
	f->value_free = r->value_free;
	f->exists = r->exists;
	future_publish(f, AS_FUTURE_OK);
	return true;
}

/* Fail with err (copied). */
static bool future_fail(as_future *f, const as_error *err)
{
	if (!future_claim(f))
		return false;
	if (err && err->code != AEROSPIKE_OK) {
		as_error_copy(&f->err, err);
	} else {
		f->err.code = AEROSPIKE_ERR_CLIENT;
		snprintf(f->err.message, sizeof f->err.message, "future failed without an error code");
		f->err.in_doubt = err ? err->in_doubt : false;
	}
	future_publish(f, AS_FUTURE_FAILED);
	return true;
}

bool as_future_complete_ok(as_future *f)
{
	if (!future_claim(f))
		return false;
	future_publish(f, AS_FUTURE_OK);
	return true;
}

bool as_future_complete_record(as_future *f, as_record *rec)
{
	if (!future_claim(f)) {
		as_record_destroy(rec);
		return false;
	}
	f->kind = &as_result_record;
	atomic_store_explicit(&f->rec, rec, memory_order_relaxed);
	future_publish(f, AS_FUTURE_OK);
	return true;
}

bool as_future_complete_exists(as_future *f, bool exists, as_record *meta)
{
	future_result r = { .kind = &as_result_exists, .rec = meta, .exists = exists };
	return future_complete(f, &r);
}

bool as_future_complete_str(as_future *f, char *str)
{
	future_result r = { .kind = &as_result_str, .value = str, .value_free = free };
	return future_complete(f, &r);
}

bool as_future_complete_value(as_future *f, const as_result_kind *kind, void *value, void (*free_fn)(void *))
{
	future_result r = { .kind = kind, .value = value, .value_free = free_fn };
	return future_complete(f, &r);
}

bool as_future_complete_error(as_future *f, const as_error *err)
{
	return future_fail(f, err);
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
	return future_fail(f, &err);
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
	as_future_complete_value(f, &as_result_value, value, free_fn);
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

/* The holder of f's result if it is of kind (a or b), else NULL. */
static as_future *future_holder_of(const as_future *f, const as_result_kind *a, const as_result_kind *b)
{
	as_future *h = future_holder(f);
	return h && (h->kind == a || h->kind == b) ? h : NULL;
}

void *as_future_result(const as_future *f, const as_result_kind *kind)
{
	as_future *h = future_holder_of(f, kind, kind);
	return h ? h->value : NULL;
}

/* Records: the result of get-like commands, and the header of a record that
 * as_exists() found. */
const as_record *as_future_record(const as_future *f)
{
	as_future *h = future_holder_of(f, &as_result_record, &as_result_exists);
	return h ? atomic_load_explicit(&h->rec, memory_order_acquire) : NULL;
}

as_record *as_future_take_record(as_future *f)
{
	as_future *h = future_holder_of(f, &as_result_record, &as_result_exists);
	return h ? atomic_exchange_explicit(&h->rec, NULL, memory_order_acq_rel) : NULL;
}

bool as_future_exists(const as_future *f)
{
	as_future *h = future_holder_of(f, &as_result_exists, &as_result_exists);
	return h ? h->exists : false;
}

const char *as_future_str(const as_future *f)
{
	return as_future_result(f, &as_result_str);
}

void *as_future_value(const as_future *f)
{
	return as_future_result(f, &as_result_value);
}

long as_future_any_index(const as_future *f)
{
	return f && as_future_get_state(f) == AS_FUTURE_OK ? f->any_index - 1 : -1;
}

/* --- waiting ---------------------------------------------------------- */

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
		pthread_once(&future_wait_once, future_wait_init);
		future_wait_pair *p = future_wait_pair_of(f);
		pthread_mutex_lock(&p->lock);
		atomic_fetch_add_explicit(&f->waiters, 1, memory_order_seq_cst);
		while (atomic_load_explicit(&f->state, memory_order_seq_cst) == AS_FUTURE_PENDING) {
			if (!timed) {
				pthread_cond_wait(&p->cond, &p->lock);
			} else if (pthread_cond_timedwait(&p->cond, &p->lock, &deadline) == ETIMEDOUT) {
				break;
			}
		}
		atomic_fetch_sub_explicit(&f->waiters, 1, memory_order_relaxed);
		pthread_mutex_unlock(&p->lock);
		if (!as_future_is_done(f))
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
		as_future_complete_ok(child);
	else
		future_fail(child, &g->err);
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
		future_fail(child, &parent->err);
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
