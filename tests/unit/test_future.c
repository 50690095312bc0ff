/* as_future: states, completion, callbacks, then-chains, all/any, waiting,
 * the deadlock guard, reference counting and a multi-threaded stress run. */
#include <check.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <aerofuture/future.h>
#include <aerofuture/record.h>
#include "future/future_impl.h"   /* the waiter count, to know they all block */

#include "common/check_main.h"
#include "common/stderr_capture.h"
#include "future/future_internal.h"
#include "loop/loop.h"

static as_loop *loop;   /* started per test by the fixture */
static as_loop *loop2;

static void setup(void)
{
	loop = as_loop_start(0, NULL);
	loop2 = as_loop_start(1, NULL);
	ck_assert_ptr_nonnull(loop);
	ck_assert_ptr_nonnull(loop2);
}

static void teardown(void)
{
	as_loop_stop(loop);
	as_loop_stop(loop2);
	loop = loop2 = NULL;
}

static as_record *record_with(int64_t v)
{
	as_record *rec = as_record_new(1);
	as_record_set_int(rec, "v", v);
	return rec;
}

/* Run fn(arg) on a loop thread and wait for it. */
typedef struct on_loop_call {
	as_loop_task task;
	void (*fn)(void *);
	void *arg;
	sem_t done;
} on_loop_call;

static void on_loop_task(as_loop_task *task)
{
	on_loop_call *c = (on_loop_call *)task;
	c->fn(c->arg);
	sem_post(&c->done);
}

static void run_on_loop(as_loop *l, void (*fn)(void *), void *arg)
{
	on_loop_call c = { .fn = fn, .arg = arg };
	sem_init(&c.done, 0, 0);
	as_loop_post(l, &c.task, on_loop_task);
	sem_wait(&c.done);
	sem_destroy(&c.done);
}

/* Complete a future from another thread after a delay. */
typedef struct later {
	as_future *f;       /* retained for the thread */
	unsigned delay_us;
	as_record *rec;     /* completes with it, or fails when code != 0 */
	as_status code;
	pthread_t thread;
} later;

static void *later_main(void *arg)
{
	later *l = arg;
	usleep(l->delay_us);
	if (l->code != AEROSPIKE_OK)
		as_future_fail(l->f, l->code, "failed by thread (%d)", (int)l->code);
	else if (l->rec)
		as_future_complete_record(l->f, l->rec);
	else
		as_future_complete_ok(l->f);
	as_future_release(l->f);
	return NULL;
}

static void complete_later(later *l, as_future *f, unsigned delay_us, as_record *rec, as_status code)
{
	l->f = as_future_retain(f);
	l->delay_us = delay_us;
	l->rec = rec;
	l->code = code;
	pthread_create(&l->thread, NULL, later_main, l);
}

/* --- states and completion ----------------------------------------------- */

static atomic_int values_freed;
static void value_free(void *v)
{
	atomic_fetch_add(&values_freed, 1);
	free(v);
}

START_TEST(test_states_and_idempotent_completion)
{
	as_future *f = as_future_create(NULL);
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_PENDING);
	ck_assert(!as_future_is_done(f));
	ck_assert_int_eq(as_future_status(f), AEROSPIKE_ERR_CLIENT);
	ck_assert_ptr_null(as_future_error(f));
	ck_assert_ptr_null(as_future_record(f));
	ck_assert(!as_future_exists(f));
	ck_assert_ptr_null(as_future_loop(f));

	as_record *rec = record_with(1);
	ck_assert(as_future_complete_record(f, rec));
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_OK);
	ck_assert(as_future_is_done(f));
	ck_assert_int_eq(as_future_status(f), AEROSPIKE_OK);
	ck_assert_ptr_null(as_future_error(f));
	ck_assert_ptr_eq(as_future_record(f), rec);
	/* A record result is not an exists result: that accessor answers for as_exists() only. */
	ck_assert(!as_future_exists(f));
	ck_assert_ptr_null(as_future_str(f));
	ck_assert_ptr_null(as_future_value(f));
	/* Later completions lose, and free what they were given. */
	ck_assert(!as_future_complete_ok(f));
	ck_assert(!as_future_complete_record(f, record_with(2)));
	ck_assert(!as_future_complete_str(f, strdup("late")));
	ck_assert(!as_future_complete_value(f, &as_result_value, malloc(8), value_free));
	ck_assert(!as_future_fail(f, AEROSPIKE_ERR_TIMEOUT, "late"));
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_OK);
	ck_assert_ptr_eq(as_future_record(f), rec);
	ck_assert_int_eq(atomic_load(&values_freed), 1);
	/* take: exactly once */
	ck_assert_ptr_eq(as_future_take_record(f), rec);
	ck_assert_ptr_null(as_future_take_record(f));
	ck_assert_ptr_null(as_future_record(f));
	as_record_destroy(rec);
	as_future_release(f);

	f = as_future_create(NULL);
	ck_assert(as_future_fail(f, AEROSPIKE_ERR_RECORD_NOT_FOUND, "no %s", "record"));
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_FAILED);
	ck_assert_int_eq(as_future_status(f), AEROSPIKE_ERR_RECORD_NOT_FOUND);
	ck_assert_str_eq(as_future_error(f)->message, "no record");
	ck_assert(!as_future_complete_ok(f));
	ck_assert(!as_future_complete_exists(f, true, NULL));
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_FAILED);
	ck_assert(!as_future_exists(f));
	ck_assert_ptr_null(as_future_record(f));
	as_future_release(f);

	f = as_future_create(NULL);
	ck_assert(as_future_complete_exists(f, true, record_with(3)));
	ck_assert(as_future_exists(f));
	/* The header of the record found reads as a record. */
	ck_assert_int_eq(as_record_get_int(as_future_record(f), "v", -1), 3);
	as_future_release(f);
	f = as_future_create(NULL);
	ck_assert(as_future_complete_exists(f, false, NULL));
	ck_assert(!as_future_exists(f));
	ck_assert_int_eq(as_future_status(f), AEROSPIKE_OK);
	as_future_release(f);

	f = as_future_create(NULL);
	ck_assert(as_future_complete_str(f, strdup("build\t8.1\n")));
	ck_assert_str_eq(as_future_str(f), "build\t8.1\n");
	ck_assert_ptr_null(as_future_value(f));
	ck_assert_ptr_null(as_future_record(f));
	as_future_release(f);

	/* An error without a code is still a failure. */
	as_error none = { .code = AEROSPIKE_OK };
	f = as_future_create(NULL);
	ck_assert(as_future_complete_error(f, &none));
	ck_assert_int_eq(as_future_status(f), AEROSPIKE_ERR_CLIENT);
	as_future_release(f);
}
END_TEST

START_TEST(test_ready_futures)
{
	as_future *f = as_future_new_ok();
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_OK);
	ck_assert_ptr_null(as_future_loop(f));
	ck_assert_ptr_null(as_future_record(f));
	as_future_release(f);

	as_record *rec = record_with(5);
	f = as_future_new_record(rec);
	ck_assert_ptr_eq(as_future_record(f), rec);
	ck_assert(!as_future_exists(f));
	as_future_release(f);

	atomic_store(&values_freed, 0);
	int *v = malloc(sizeof *v);
	*v = 42;
	f = as_future_new_value(v, value_free);
	ck_assert_ptr_eq(as_future_value(f), v);
	ck_assert_ptr_null(as_future_str(f));
	ck_assert_ptr_null(as_future_record(f));
	as_future_retain(f);
	as_future_release(f);
	ck_assert_int_eq(atomic_load(&values_freed), 0);
	as_future_release(f);
	ck_assert_int_eq(atomic_load(&values_freed), 1);

	f = as_future_new_error(AEROSPIKE_ERR_PARAM, "bad %s %d", "thing", 3);
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_FAILED);
	ck_assert_int_eq(as_future_status(f), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(as_future_error(f)->message, "bad thing 3");
	as_future_release(f);

	as_error err = { .code = AEROSPIKE_ERR_TIMEOUT, .in_doubt = true };
	strcpy(err.message, "slow");
	f = as_future_new_failed(&err);
	ck_assert_int_eq(as_future_status(f), AEROSPIKE_ERR_TIMEOUT);
	ck_assert_str_eq(as_future_error(f)->message, "slow");
	ck_assert(as_future_error(f)->in_doubt);
	as_error out;
	ck_assert_int_eq(as_future_wait(f, &out), AEROSPIKE_ERR_TIMEOUT);
	ck_assert_str_eq(out.message, "slow");
	as_future_release(f);

	as_future_release(NULL);
}
END_TEST

static void make_ready_on_loop(void *arg)
{
	as_future **f = arg;
	*f = as_future_new_ok();
}

START_TEST(test_ready_future_on_loop_has_loop)
{
	as_future *f = NULL;
	run_on_loop(loop, make_ready_on_loop, &f);
	ck_assert_ptr_eq(as_future_loop(f), loop);
	as_future_release(f);
}
END_TEST

/* --- callbacks ------------------------------------------------------------ */

typedef struct order_rec {
	as_loop *expect_loop;
	atomic_int n;
	int order[16];
	atomic_int wrong_thread;
	atomic_bool attach_returned;
	atomic_int ran_before_attach_returned;
	sem_t done;
	int want;
} order_rec;

typedef struct order_cb {
	order_rec *r;
	int id;
} order_cb;

static void on_order(as_future *f, void *udata)
{
	order_cb *c = udata;
	order_rec *r = c->r;
	if (as_loop_current() != r->expect_loop)
		atomic_fetch_add(&r->wrong_thread, 1);
	if (!atomic_load(&r->attach_returned))
		atomic_fetch_add(&r->ran_before_attach_returned, 1);
	if (!as_future_is_done(f))
		atomic_fetch_add(&r->wrong_thread, 100);
	int i = atomic_fetch_add(&r->n, 1);
	if (i < 16)
		r->order[i] = c->id;
	if (i + 1 == r->want)
		sem_post(&r->done);
}

static void order_init(order_rec *r, as_loop *l, int want)
{
	memset(r, 0, sizeof *r);
	r->expect_loop = l;
	r->want = want;
	sem_init(&r->done, 0, 0);
}

START_TEST(test_callbacks_order_once_on_loop)
{
	order_rec r;
	order_init(&r, loop, 6);
	atomic_store(&r.attach_returned, true);
	order_cb cbs[6];
	as_future *f = as_future_create(loop);
	for (int i = 0; i < 6; i++) {
		cbs[i] = (order_cb){ &r, i };
		as_future_on_done(f, on_order, &cbs[i]);
	}
	/* Completed off the loop: the callbacks are posted to it. */
	ck_assert(as_future_complete_ok(f));
	sem_wait(&r.done);
	usleep(20000);   /* would catch a second run */
	ck_assert_int_eq(atomic_load(&r.n), 6);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(r.order[i], i);
	ck_assert_int_eq(atomic_load(&r.wrong_thread), 0);
	as_future_release(f);
	sem_destroy(&r.done);
}
END_TEST

typedef struct complete_on_loop_arg {
	as_future *f;
	order_rec *r;
	int seen_right_after;
} complete_on_loop_arg;

static void complete_on_loop(void *arg)
{
	complete_on_loop_arg *a = arg;
	as_future_complete_ok(a->f);
	a->seen_right_after = atomic_load(&a->r->n);
}

START_TEST(test_callbacks_run_at_once_when_completed_on_loop)
{
	order_rec r;
	order_init(&r, loop, 3);
	atomic_store(&r.attach_returned, true);
	order_cb cbs[3];
	as_future *f = as_future_create(loop);
	for (int i = 0; i < 3; i++) {
		cbs[i] = (order_cb){ &r, i };
		as_future_on_done(f, on_order, &cbs[i]);
	}
	complete_on_loop_arg a = { f, &r, -1 };
	run_on_loop(loop, complete_on_loop, &a);
	ck_assert_int_eq(a.seen_right_after, 3);
	ck_assert_int_eq(atomic_load(&r.wrong_thread), 0);
	as_future_release(f);
	sem_destroy(&r.done);
}
END_TEST

typedef struct attach_done_arg {
	order_rec *r;
	order_cb cb[2];
	int ran_during_attach;
} attach_done_arg;

static void attach_to_done_on_loop(void *arg)
{
	attach_done_arg *a = arg;
	as_future *f = as_future_new_ok();    /* bound to this loop */
	as_future_on_done(f, on_order, &a->cb[0]);
	as_future_on_done(f, on_order, &a->cb[1]);
	a->ran_during_attach = atomic_load(&a->r->n);
	atomic_store(&a->r->attach_returned, true);
	as_future_release(f);    /* the scheduled run keeps it alive */
}

START_TEST(test_attach_to_completed_never_inline)
{
	order_rec r;
	order_init(&r, loop, 2);
	attach_done_arg a = { .r = &r, .cb = { { &r, 0 }, { &r, 1 } } };
	run_on_loop(loop, attach_to_done_on_loop, &a);
	sem_wait(&r.done);
	ck_assert_int_eq(a.ran_during_attach, 0);
	ck_assert_int_eq(atomic_load(&r.ran_before_attach_returned), 0);
	ck_assert_int_eq(atomic_load(&r.wrong_thread), 0);
	ck_assert_int_eq(r.order[0], 0);
	ck_assert_int_eq(r.order[1], 1);
	sem_destroy(&r.done);

	/* From an application thread: the callback runs on the future's loop. */
	order_init(&r, loop, 1);
	atomic_store(&r.attach_returned, true);
	order_cb cb = { &r, 0 };
	as_future *f = as_future_create(loop);
	as_future_complete_ok(f);
	as_future_on_done(f, on_order, &cb);
	as_future_release(f);
	sem_wait(&r.done);
	ck_assert_int_eq(atomic_load(&r.wrong_thread), 0);
	sem_destroy(&r.done);
}
END_TEST

/* A callback attaching another one to the same (done) future: it runs after. */
static order_cb nested_second;
static void on_attach_more(as_future *f, void *udata)
{
	order_cb *c = udata;
	on_order(f, udata);
	as_future_on_done(f, on_order, &nested_second);
	if (atomic_load(&c->r->n) != 1)   /* the new one must not have run yet */
		atomic_fetch_add(&c->r->ran_before_attach_returned, 1);
}

START_TEST(test_attach_from_callback)
{
	order_rec r;
	order_init(&r, loop, 2);
	atomic_store(&r.attach_returned, true);
	order_cb first = { &r, 0 };
	nested_second = (order_cb){ &r, 1 };
	as_future *f = as_future_create(loop);
	as_future_on_done(f, on_attach_more, &first);
	later l;
	complete_later(&l, f, 1000, NULL, AEROSPIKE_OK);
	sem_wait(&r.done);
	pthread_join(l.thread, NULL);
	ck_assert_int_eq(atomic_load(&r.ran_before_attach_returned), 0);
	ck_assert_int_eq(r.order[0], 0);
	ck_assert_int_eq(r.order[1], 1);
	as_future_release(f);
	sem_destroy(&r.done);
}
END_TEST

/* The same on the future's loop thread, where the completing call runs the
 * callbacks itself: one attached meanwhile still runs after all of them. */
START_TEST(test_attach_from_callback_completed_on_loop)
{
	order_rec r;
	order_init(&r, loop, 3);
	atomic_store(&r.attach_returned, true);
	order_cb first = { &r, 0 }, second = { &r, 1 };
	nested_second = (order_cb){ &r, 2 };
	as_future *f = as_future_create(loop);
	as_future_on_done(f, on_attach_more, &first);
	as_future_on_done(f, on_order, &second);
	complete_on_loop_arg a = { f, &r, -1 };
	run_on_loop(loop, complete_on_loop, &a);
	ck_assert_int_eq(a.seen_right_after, 2);   /* the third is posted, not inline */
	sem_wait(&r.done);
	ck_assert_int_eq(atomic_load(&r.ran_before_attach_returned), 0);
	ck_assert_int_eq(atomic_load(&r.wrong_thread), 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(r.order[i], i);
	as_future_release(f);
	sem_destroy(&r.done);
}
END_TEST

/* --- then-chains ------------------------------------------------------- */

typedef struct chain_ctx {
	atomic_int calls[8];
	atomic_int off_loop;
	as_loop *expect;
	int saw_status[8];
	int64_t saw_value[8];
} chain_ctx;

static chain_ctx *chain_of(void *udata, int step)
{
	chain_ctx *c = udata;
	atomic_fetch_add(&c->calls[step], 1);
	if (c->expect && as_loop_current() != c->expect)
		atomic_fetch_add(&c->off_loop, 1);
	return c;
}

static as_future *step0(as_future *done, void *udata)
{
	chain_ctx *c = chain_of(udata, 0);
	c->saw_status[0] = as_future_status(done);
	return as_future_new_record(record_with(10));
}

static as_future *step1(as_future *done, void *udata)
{
	chain_ctx *c = chain_of(udata, 1);
	c->saw_value[1] = as_record_get_int(as_future_record(done), "v", -1);
	return as_future_new_error(AEROSPIKE_ERR_RECORD_NOT_FOUND, "step %d failed", 1);
}

static as_future *step2(as_future *done, void *udata)
{
	chain_of(udata, 2);     /* never: then_ok after a failure */
	return NULL;
}

static as_future *step3(as_future *done, void *udata)
{
	chain_ctx *c = chain_of(udata, 3);
	c->saw_status[3] = as_future_status(done);
	return as_future_new_record(record_with(30));
}

START_TEST(test_chain_error_propagates)
{
	chain_ctx c;
	memset(&c, 0, sizeof c);
	c.expect = loop;
	as_future *f = as_future_create(loop);
	as_future *a = as_future_then_ok(f, step0, &c);
	as_future *b = as_future_then_ok(a, step1, &c);
	as_future *d = as_future_then_ok(b, step2, &c);
	as_future *e = as_future_then(d, step3, &c);
	ck_assert_ptr_eq(as_future_loop(e), loop);
	later l;
	complete_later(&l, f, 2000, NULL, AEROSPIKE_OK);

	as_error err;
	ck_assert_int_eq(as_future_wait(e, &err), AEROSPIKE_OK);
	ck_assert_int_eq(err.code, AEROSPIKE_OK);
	ck_assert_str_eq(err.message, "");
	pthread_join(l.thread, NULL);
	ck_assert_int_eq(atomic_load(&c.calls[0]), 1);
	ck_assert_int_eq(atomic_load(&c.calls[1]), 1);
	ck_assert_int_eq(atomic_load(&c.calls[2]), 0);
	ck_assert_int_eq(atomic_load(&c.calls[3]), 1);
	ck_assert_int_eq(atomic_load(&c.off_loop), 0);
	ck_assert_int_eq(c.saw_status[0], AEROSPIKE_OK);
	ck_assert_int_eq(c.saw_value[1], 10);
	ck_assert_int_eq(c.saw_status[3], AEROSPIKE_ERR_RECORD_NOT_FOUND);

	ck_assert_int_eq(as_future_status(a), AEROSPIKE_OK);
	ck_assert_int_eq(as_record_get_int(as_future_record(a), "v", -1), 10);
	ck_assert_int_eq(as_future_status(b), AEROSPIKE_ERR_RECORD_NOT_FOUND);
	ck_assert_int_eq(as_future_status(d), AEROSPIKE_ERR_RECORD_NOT_FOUND);
	ck_assert_str_eq(as_future_error(d)->message, "step 1 failed");
	ck_assert_int_eq(as_record_get_int(as_future_record(e), "v", -1), 30);
	as_record *rec = as_future_take_record(e);
	ck_assert_ptr_nonnull(rec);
	ck_assert_ptr_null(as_future_take_record(e));
	ck_assert_ptr_null(as_future_record(e));
	as_record_destroy(rec);
	/* Release in an unusual order: the chain keeps what it needs. */
	as_future_release(b);
	as_future_release(f);
	as_future_release(e);
	as_future_release(a);
	as_future_release(d);
}
END_TEST

typedef struct flatten_ctx {
	as_loop *g_loop;
	later l;
	as_record *rec;
	atomic_int called;
} flatten_ctx;

static as_future *step_pending(as_future *done, void *udata)
{
	flatten_ctx *x = udata;
	atomic_fetch_add(&x->called, 1);
	as_future *g = as_future_create(x->g_loop);
	complete_later(&x->l, g, 30000, x->rec, AEROSPIKE_OK);
	return g;
}

static void flatten_case(as_loop *g_loop)
{
	flatten_ctx x = { .g_loop = g_loop, .rec = record_with(77) };
	as_future *f = as_future_create(loop);
	as_future *child = as_future_then(f, step_pending, &x);
	order_rec r;
	order_init(&r, loop, 1);
	atomic_store(&r.attach_returned, true);
	order_cb cb = { &r, 0 };
	as_future_on_done(child, on_order, &cb);
	ck_assert(as_future_complete_ok(f));
	ck_assert_int_eq(as_future_wait(child, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(atomic_load(&x.called), 1);
	ck_assert_ptr_eq(as_future_record(child), x.rec);
	sem_wait(&r.done);
	ck_assert_int_eq(atomic_load(&r.wrong_thread), 0);
	ck_assert_ptr_eq(as_future_take_record(child), x.rec);
	ck_assert_ptr_null(as_future_take_record(child));
	pthread_join(x.l.thread, NULL);
	as_record_destroy(x.rec);
	as_future_release(f);
	as_future_release(child);
	sem_destroy(&r.done);
}

START_TEST(test_flatten_pending_completed_by_thread)
{
	flatten_case(loop);
	flatten_case(loop2);   /* the step's future belongs to another loop */
	flatten_case(NULL);    /* ... or to none: completed on the thread */
}
END_TEST

static as_future *step_same(as_future *done, void *udata)
{
	atomic_fetch_add((atomic_int *)udata, 1);
	return as_future_retain(done);
}

static as_future *step_null(as_future *done, void *udata)
{
	atomic_fetch_add((atomic_int *)udata, 1);
	return NULL;
}

START_TEST(test_then_on_ready_future_off_loop)
{
	/* Loop-less ready future on an application thread: see future.h. */
	atomic_int called = 0;
	as_record *rec = record_with(3);
	as_future *f = as_future_new_record(rec);
	as_future *c = as_future_then(f, step_same, &called);
	ck_assert_int_eq(as_future_wait(c, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(atomic_load(&called), 1);
	ck_assert_ptr_eq(as_future_record(c), rec);
	as_future_release(f);
	ck_assert_ptr_eq(as_future_record(c), rec);   /* the chain keeps f */
	as_future *d = as_future_then(c, step_null, &called);
	ck_assert_int_eq(as_future_wait(d, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(atomic_load(&called), 2);
	ck_assert_ptr_null(as_future_record(d));
	as_future_release(c);
	as_future_release(d);
}
END_TEST

typedef struct then_ready_arg {
	atomic_int called;
	int called_during_then;
	as_future *child;
	as_record *rec;
} then_ready_arg;

static as_future *step_count_same(as_future *done, void *udata)
{
	then_ready_arg *a = udata;
	if (as_loop_current() == loop)
		atomic_fetch_add(&a->called, 1);
	return as_future_retain(done);
}

static void then_ready_on_loop(void *arg)
{
	then_ready_arg *a = arg;
	as_future *f = as_future_new_record(a->rec);
	a->child = as_future_then(f, step_count_same, a);
	a->called_during_then = atomic_load(&a->called);
	as_future_release(f);
}

START_TEST(test_then_on_ready_future_on_loop)
{
	then_ready_arg a = { .rec = record_with(9) };
	run_on_loop(loop, then_ready_on_loop, &a);
	ck_assert_int_eq(a.called_during_then, 0);
	ck_assert_int_eq(as_future_wait(a.child, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(atomic_load(&a.called), 1);
	ck_assert_ptr_eq(as_future_record(a.child), a.rec);
	as_future_release(a.child);
}
END_TEST

static as_future *step_self(as_future *done, void *udata)
{
	as_future **child = udata;
	return as_future_retain(*child);
}

START_TEST(test_then_returning_its_own_future)
{
	as_future *f = as_future_create(loop);
	as_future *child = NULL;
	child = as_future_then(f, step_self, &child);
	as_future_complete_ok(f);
	ck_assert_int_eq(as_future_wait(child, NULL), AEROSPIKE_ERR_PARAM);
	as_future_release(f);
	as_future_release(child);
}
END_TEST

/* then_ok on a failed parent: the error is copied, fn never runs. */
START_TEST(test_then_ok_failed_parent)
{
	chain_ctx c;
	memset(&c, 0, sizeof c);
	as_future *f = as_future_create(loop);
	as_future *child = as_future_then_ok(f, step2, &c);
	as_error err = { .code = AEROSPIKE_ERR_CONNECTION, .in_doubt = true };
	strcpy(err.message, "connection reset");
	as_future_complete_error(f, &err);
	as_error out;
	ck_assert_int_eq(as_future_wait(child, &out), AEROSPIKE_ERR_CONNECTION);
	ck_assert_str_eq(out.message, "connection reset");
	ck_assert(out.in_doubt);
	ck_assert_int_eq(atomic_load(&c.calls[2]), 0);
	ck_assert_ptr_ne(as_future_error(child), as_future_error(f));
	as_future_release(f);
	as_future_release(child);
}
END_TEST

/* --- all / any ---------------------------------------------------------- */

#define COMBINE_N 8

typedef struct combine_thread {
	as_future *f;
	as_status code;
	pthread_barrier_t *start;
	pthread_t thread;
} combine_thread;

static void *combine_main(void *arg)
{
	combine_thread *t = arg;
	pthread_barrier_wait(t->start);
	if (t->code == AEROSPIKE_OK)
		as_future_complete_ok(t->f);
	else
		as_future_fail(t->f, t->code, "input failed with %d", (int)t->code);
	as_future_release(t->f);
	return NULL;
}

/* Inputs on two loops, completed concurrently by COMBINE_N threads. */
static as_future *combine_run(bool any, const as_status *codes, as_future **inputs)
{
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, COMBINE_N);
	combine_thread t[COMBINE_N];
	for (int i = 0; i < COMBINE_N; i++)
		inputs[i] = as_future_create(i % 2 ? loop2 : loop);
	as_future *out = any ? as_future_any(inputs, COMBINE_N) : as_future_all(inputs, COMBINE_N);
	ck_assert_int_eq(as_future_any_index(out), -1);
	for (int i = 0; i < COMBINE_N; i++) {
		t[i].f = inputs[i];    /* the thread takes over our reference */
		t[i].code = codes[i];
		t[i].start = &start;
		pthread_create(&t[i].thread, NULL, combine_main, &t[i]);
	}
	as_future_wait(out, NULL);
	for (int i = 0; i < COMBINE_N; i++)
		pthread_join(t[i].thread, NULL);
	pthread_barrier_destroy(&start);
	return out;
}

START_TEST(test_all_any_concurrent)
{
	as_future *inputs[COMBINE_N];
	for (int round = 0; round < 50; round++) {
		as_status all_ok[COMBINE_N] = { 0 };
		as_future *out = combine_run(false, all_ok, inputs);
		ck_assert_int_eq(as_future_status(out), AEROSPIKE_OK);
		as_future_release(out);

		as_status mixed[COMBINE_N] = { 0, 0, 0, AEROSPIKE_ERR_RECORD_NOT_FOUND, 0,
			AEROSPIKE_ERR_TIMEOUT, 0, AEROSPIKE_ERR_CONNECTION };
		out = combine_run(false, mixed, inputs);
		ck_assert_int_eq(as_future_status(out), AEROSPIKE_ERR_RECORD_NOT_FOUND);
		ck_assert_str_eq(as_future_error(out)->message, "input failed with 2");
		as_future_release(out);

		as_status one_ok[COMBINE_N] = { AEROSPIKE_ERR_TIMEOUT, AEROSPIKE_ERR_TIMEOUT,
			AEROSPIKE_ERR_TIMEOUT, AEROSPIKE_ERR_TIMEOUT, AEROSPIKE_ERR_TIMEOUT, 0,
			AEROSPIKE_ERR_TIMEOUT, AEROSPIKE_ERR_TIMEOUT };
		out = combine_run(true, one_ok, inputs);
		ck_assert_int_eq(as_future_status(out), AEROSPIKE_OK);
		ck_assert_int_eq(as_future_any_index(out), 5);
		as_future_release(out);

		as_status all_fail[COMBINE_N] = { 1, 2, 3, 4, 5, 6, 7, 8 };
		out = combine_run(true, all_fail, inputs);
		ck_assert_int_eq(as_future_get_state(out), AS_FUTURE_FAILED);
		ck_assert_int_ge(as_future_status(out), 1);
		ck_assert_int_le(as_future_status(out), 8);
		ck_assert_int_eq(as_future_any_index(out), -1);
		as_future_release(out);

		as_status several_ok[COMBINE_N] = { 1, 0, 2, 0, 3, 0, 4, 0 };
		out = combine_run(true, several_ok, inputs);
		ck_assert_int_eq(as_future_status(out), AEROSPIKE_OK);
		ck_assert_int_eq(as_future_any_index(out) % 2, 1);
		as_future_release(out);
	}
}
END_TEST

START_TEST(test_all_any_edge_cases)
{
	as_future *out = as_future_all(NULL, 0);
	ck_assert_int_eq(as_future_status(out), AEROSPIKE_OK);
	as_future_release(out);
	out = as_future_any(NULL, 0);
	ck_assert_int_eq(as_future_status(out), AEROSPIKE_ERR_PARAM);
	as_future_release(out);

	/* Inputs already complete (ready, loop-less) and the same input twice. */
	as_future *in[3] = { as_future_new_ok(), as_future_new_error(AEROSPIKE_ERR_TIMEOUT, "t"), NULL };
	in[2] = in[0];
	out = as_future_all(in, 3);
	ck_assert_int_eq(as_future_wait(out, NULL), AEROSPIKE_ERR_TIMEOUT);
	as_future_release(out);
	out = as_future_any(in, 3);
	ck_assert_int_eq(as_future_wait(out, NULL), AEROSPIKE_OK);
	ck_assert(as_future_any_index(out) == 0 || as_future_any_index(out) == 2);
	as_future_release(out);
	as_future *with_null[2] = { in[0], NULL };
	out = as_future_all(with_null, 2);
	ck_assert_int_eq(as_future_status(out), AEROSPIKE_ERR_PARAM);
	as_future_release(out);
	as_future_release(in[0]);
	as_future_release(in[1]);

	/* The caller may release its inputs at once: all/any retain them. */
	as_future *p[2] = { as_future_create(loop), as_future_create(loop2) };
	as_future *keep[2] = { as_future_retain(p[0]), as_future_retain(p[1]) };
	out = as_future_all(p, 2);
	as_future_release(p[0]);
	as_future_release(p[1]);
	as_future_complete_ok(keep[1]);
	as_future_complete_record(keep[0], record_with(1));
	as_future_release(keep[0]);
	as_future_release(keep[1]);
	ck_assert_int_eq(as_future_wait(out, NULL), AEROSPIKE_OK);
	as_future_release(out);

	/* any: the first OK input wins for good; later ones change nothing. */
	as_future *q[3] = { as_future_create(loop), as_future_create(loop2), as_future_create(loop) };
	out = as_future_any(q, 3);
	as_future_fail(q[2], AEROSPIKE_ERR_TIMEOUT, "t");
	as_future_complete_ok(q[1]);
	ck_assert_int_eq(as_future_wait(out, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_future_any_index(out), 1);
	as_future_complete_ok(q[0]);
	as_future *after = as_future_all(q, 3);   /* runs after q[0]'s any-callback */
	ck_assert_int_eq(as_future_wait(after, NULL), AEROSPIKE_ERR_TIMEOUT);
	ck_assert_int_eq(as_future_any_index(out), 1);
	ck_assert_int_eq(as_future_any_index(after), -1);
	as_future_release(after);
	as_future_release(out);
	for (int i = 0; i < 3; i++)
		as_future_release(q[i]);
}
END_TEST

/* --- waiting ------------------------------------------------------------ */

START_TEST(test_wait_for_timeout_then_success)
{
	as_future *f = as_future_create(loop);
	as_error err;
	uint64_t t0 = as_clock_ms();
	ck_assert_int_eq(as_future_wait_for(f, 50, &err), AEROSPIKE_ERR_TIMEOUT);
	uint64_t elapsed = as_clock_ms() - t0;
	ck_assert_uint_ge(elapsed, 49);
	ck_assert_uint_lt(elapsed, 2000);
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_TIMEOUT);
	ck_assert_str_eq(err.message, "future still pending after 50 ms");
	ck_assert_int_eq(as_future_get_state(f), AS_FUTURE_PENDING);
	ck_assert_int_eq(as_future_wait_for(f, 0, NULL), AEROSPIKE_ERR_TIMEOUT);

	later l;
	complete_later(&l, f, 30000, record_with(4), AEROSPIKE_OK);
	ck_assert_int_eq(as_future_wait_for(f, 10000, &err), AEROSPIKE_OK);
	ck_assert_int_eq(err.code, AEROSPIKE_OK);
	ck_assert_str_eq(err.message, "");
	ck_assert_int_eq(as_record_get_int(as_future_record(f), "v", -1), 4);
	pthread_join(l.thread, NULL);
	as_future_release(f);
}
END_TEST

typedef struct waiter {
	as_future *f;
	as_status got;
	pthread_t thread;
} waiter;

static void *waiter_main(void *arg)
{
	waiter *w = arg;
	w->got = as_future_wait(w->f, NULL);
	return NULL;
}

START_TEST(test_many_waiters)
{
	as_future *f = as_future_create(loop);
	waiter w[4];
	for (int i = 0; i < 4; i++) {
		w[i].f = f;
		w[i].got = AEROSPIKE_OK;
		pthread_create(&w[i].thread, NULL, waiter_main, &w[i]);
	}
	/* All four blocked before the completion, so the wake-up is what is tested. */
	while (atomic_load(&f->waiters) < 4)
		usleep(1000);
	as_future_fail(f, AEROSPIKE_ERR_RECORD_EXISTS, "exists");
	for (int i = 0; i < 4; i++) {
		pthread_join(w[i].thread, NULL);
		ck_assert_int_eq(w[i].got, AEROSPIKE_ERR_RECORD_EXISTS);
	}
	as_future_release(f);
}
END_TEST

typedef struct guard_ctx {
	as_future *other;       /* pending forever during the callback */
	as_status wait_rc, wait_for_rc, wait_done_rc;
	char msg[AS_ERROR_MESSAGE_MAX];
	uint64_t elapsed_ms;
	sem_t done;
} guard_ctx;

static void on_guard(as_future *f, void *udata)
{
	guard_ctx *g = udata;
	as_error err;
	uint64_t t0 = as_clock_ms();
	g->wait_rc = as_future_wait(g->other, &err);
	strcpy(g->msg, err.message);
	g->wait_for_rc = as_future_wait_for(g->other, 5000, NULL);
	g->wait_done_rc = as_future_wait(f, NULL);
	g->elapsed_ms = as_clock_ms() - t0;
	sem_post(&g->done);
}

START_TEST(test_wait_on_loop_thread_is_refused)
{
	guard_ctx g = { .other = as_future_create(loop) };
	sem_init(&g.done, 0, 0);
	as_future *f = as_future_create(loop);
	as_future_on_done(f, on_guard, &g);
	as_future_complete_ok(f);
	sem_wait(&g.done);
	ck_assert_int_eq(g.wait_rc, AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(g.wait_for_rc, AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(g.wait_done_rc, AEROSPIKE_ERR_CLIENT);
	ck_assert_str_eq(g.msg, "as_future_wait called on an event-loop thread: it would deadlock; "
		"chain with as_future_then() instead");
	ck_assert_uint_lt(g.elapsed_ms, 1000);
	ck_assert_int_eq(as_future_get_state(g.other), AS_FUTURE_PENDING);
	as_future_release(g.other);
	as_future_release(f);
	sem_destroy(&g.done);
}
END_TEST

/* --- references ---------------------------------------------------------- */

typedef struct release_ctx {
	atomic_int ran;
	atomic_int saw_pending;
	sem_t done;
	int want;
} release_ctx;

static void on_release_ctx(as_future *f, void *udata)
{
	release_ctx *r = udata;
	if (!as_future_is_done(f))
		atomic_fetch_add(&r->saw_pending, 1);
	if (atomic_fetch_add(&r->ran, 1) + 1 == r->want)
		sem_post(&r->done);
}

static as_future *step_release_ctx(as_future *done, void *udata)
{
	on_release_ctx(done, udata);
	return as_future_new_value(strdup("x"), free);
}

START_TEST(test_release_while_callbacks_pending)
{
	release_ctx r = { .want = 4 };
	sem_init(&r.done, 0, 0);
	/* The "command" holds its own reference; the user drops everything. */
	as_future *f = as_future_create(loop);
	as_future *command_ref = as_future_retain(f);
	as_future_on_done(f, on_release_ctx, &r);
	as_future_on_done(f, on_release_ctx, &r);
	as_future_release(as_future_then(f, step_release_ctx, &r));
	as_future_release(f);
	later l;
	complete_later(&l, command_ref, 10000, NULL, AEROSPIKE_OK);
	as_future_release(command_ref);

	/* Attached to a completed future, then released before the run. */
	as_future *g = as_future_create(loop2);
	as_future_complete_ok(g);
	as_future_on_done(g, on_release_ctx, &r);
	as_future_release(g);

	sem_wait(&r.done);
	pthread_join(l.thread, NULL);
	usleep(20000);
	ck_assert_int_eq(atomic_load(&r.ran), 4);
	ck_assert_int_eq(atomic_load(&r.saw_pending), 0);
	sem_destroy(&r.done);
}
END_TEST

START_TEST(test_pending_future_freed_fails_chain)
{
	as_future *f = as_future_create(loop);
	chain_ctx c;
	memset(&c, 0, sizeof c);
	as_future *child = as_future_then_ok(f, step2, &c);
	as_future_release(f);    /* nobody will ever complete f */
	as_error err;
	ck_assert_int_eq(as_future_wait_for(child, 5000, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_str_eq(err.message, "future released before it completed");
	ck_assert_int_eq(atomic_load(&c.calls[2]), 0);
	as_future_release(child);
}
END_TEST

#ifndef NDEBUG
START_TEST(test_extra_release_reported)
{
	stderr_capture cap;
	stderr_capture_begin(&cap);
	as_future *f = as_future_new_ok();
	as_future_retain(f);
	as_future_release(f);
	as_future_release(f);
	as_future_release(f);   /* one too many */
	char buf[512];
	stderr_capture_end(&cap, buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "released once too often"));
}
END_TEST
#endif

/* --- attach, wait and complete racing ------------------------------------ */

#define RACE_ROUNDS 1000

typedef struct race_ctx {
	as_loop *loop;             /* where the callbacks must run */
	atomic_int order;          /* 1 after the first callback, 2 after the second */
	atomic_int errors;
	sem_t done;
} race_ctx;

static void on_race_first(as_future *f, void *udata)
{
	race_ctx *r = udata;
	if (as_loop_current() != r->loop || !as_future_is_done(f) || atomic_fetch_add(&r->order, 1) != 0)
		atomic_fetch_add(&r->errors, 1);
}

static void on_race_second(as_future *f, void *udata)
{
	race_ctx *r = udata;
	if (as_loop_current() != r->loop || atomic_fetch_add(&r->order, 1) != 1
		|| as_record_get_int(as_future_record(f), "v", -1) != 7)
		atomic_fetch_add(&r->errors, 1);
	sem_post(&r->done);
}

/* A thread completes each future while this one attaches two callbacks (the
 * inline slot and an allocated one) and waits with a short timeout: each
 * callback runs once, in order, on the loop, whichever side wins. */
START_TEST(test_attach_and_wait_race_completion)
{
	race_ctx r = { .loop = loop };
	sem_init(&r.done, 0, 0);
	for (int i = 0; i < RACE_ROUNDS; i++) {
		atomic_store(&r.order, 0);
		as_future *f = as_future_create(loop);
		later l;
		complete_later(&l, f, (unsigned)(i % 3) * 20, record_with(7), AEROSPIKE_OK);
		if (i % 2)
			as_future_wait_for(f, (uint32_t)(i % 4), NULL);
		as_future_on_done(f, on_race_first, &r);
		as_future_on_done(f, on_race_second, &r);
		ck_assert_int_eq(as_future_wait_for(f, 10000, NULL), AEROSPIKE_OK);
		sem_wait(&r.done);
		pthread_join(l.thread, NULL);
		as_future_release(f);
	}
	ck_assert_int_eq(atomic_load(&r.errors), 0);
	sem_destroy(&r.done);
}
END_TEST

/* --- stress: 4 application threads x 10,000 futures ---------------------- */

#define STRESS_THREADS 4
#define STRESS_FUTURES 10000

typedef struct fake_command {
	as_loop_task task;
	as_future *f;
	int64_t v;
} fake_command;

static void on_fake_command(as_loop_task *task)
{
	fake_command *cmd = (fake_command *)task;
	switch (cmd->v % 3) {
	case 0:
		as_future_complete_record(cmd->f, record_with(cmd->v));
		break;
	case 1:
		as_future_complete_exists(cmd->f, true, NULL);
		break;
	default:
		as_future_fail(cmd->f, AEROSPIKE_ERR_RECORD_NOT_FOUND, "missing %lld", (long long)cmd->v);
		break;
	}
	as_future_release(cmd->f);
	free(cmd);
}

/* A command submitted from any thread, completed on l. */
static as_future *fake_submit(as_loop *l, int64_t v)
{
	fake_command *cmd = malloc(sizeof *cmd);
	as_future *f = as_future_create(l);
	cmd->f = as_future_retain(f);
	cmd->v = v;
	as_loop_post(l, &cmd->task, on_fake_command);
	return f;
}

static as_future *stress_step(as_future *done, void *udata)
{
	intptr_t v = (intptr_t)udata;
	if (as_loop_current() == NULL)
		return as_future_new_error(AEROSPIKE_ERR_CLIENT, "step off the loop");
	if (v % 3 == 0 && as_record_get_int(as_future_record(done), "v", -1) != v)
		return as_future_new_error(AEROSPIKE_ERR_CLIENT, "wrong record");
	/* The next step: another command, on the other loop. */
	return fake_submit(loop2, 3 * v);
}

static atomic_int stress_errors;

static void *stress_main(void *arg)
{
	intptr_t id = (intptr_t)arg;
	for (intptr_t i = 0; i < STRESS_FUTURES; i++) {
		int64_t v = id * STRESS_FUTURES + i;
		as_future *f = fake_submit(loop, v);
		if (i % 2 == 0) {
			as_status rc = as_future_wait(f, NULL);
			as_status want = v % 3 == 2 ? AEROSPIKE_ERR_RECORD_NOT_FOUND : AEROSPIKE_OK;
			if (rc != want || (v % 3 == 0 && as_record_get_int(as_future_record(f), "v", -1) != v)
				|| (v % 3 == 1 && !as_future_exists(f)))
				atomic_fetch_add(&stress_errors, 1);
		} else {
			as_future *c = as_future_then(f, stress_step, (void *)(intptr_t)v);
			as_status rc = as_future_wait(c, NULL);
			/* 3v % 3 == 0: the last step completes with a record holding 3v. */
			if (rc != AEROSPIKE_OK || as_record_get_int(as_future_record(c), "v", -1) != 3 * v)
				atomic_fetch_add(&stress_errors, 1);
			as_future_release(c);
		}
		as_future_release(f);
	}
	return NULL;
}

START_TEST(test_stress_threads)
{
	atomic_store(&stress_errors, 0);
	pthread_t th[STRESS_THREADS];
	for (intptr_t i = 0; i < STRESS_THREADS; i++)
		pthread_create(&th[i], NULL, stress_main, (void *)i);
	for (int i = 0; i < STRESS_THREADS; i++)
		pthread_join(th[i], NULL);
	ck_assert_int_eq(atomic_load(&stress_errors), 0);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("future");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_states_and_idempotent_completion);
	tcase_add_test(tc, test_ready_futures);
	tcase_add_test(tc, test_ready_future_on_loop_has_loop);
	tcase_add_test(tc, test_callbacks_order_once_on_loop);
	tcase_add_test(tc, test_callbacks_run_at_once_when_completed_on_loop);
	tcase_add_test(tc, test_attach_to_completed_never_inline);
	tcase_add_test(tc, test_attach_from_callback);
	tcase_add_test(tc, test_attach_from_callback_completed_on_loop);
	tcase_add_test(tc, test_chain_error_propagates);
	tcase_add_test(tc, test_flatten_pending_completed_by_thread);
	tcase_add_test(tc, test_then_on_ready_future_off_loop);
	tcase_add_test(tc, test_then_on_ready_future_on_loop);
	tcase_add_test(tc, test_then_returning_its_own_future);
	tcase_add_test(tc, test_then_ok_failed_parent);
	tcase_add_test(tc, test_all_any_concurrent);
	tcase_add_test(tc, test_all_any_edge_cases);
	tcase_add_test(tc, test_wait_for_timeout_then_success);
	tcase_add_test(tc, test_many_waiters);
	tcase_add_test(tc, test_wait_on_loop_thread_is_refused);
	tcase_add_test(tc, test_release_while_callbacks_pending);
	tcase_add_test(tc, test_pending_future_freed_fails_chain);
#ifndef NDEBUG
	tcase_add_test(tc, test_extra_release_reported);
#endif
	tcase_add_test(tc, test_attach_and_wait_race_completion);
	tcase_add_test(tc, test_stress_threads);
	suite_add_tcase(s, tc);
	return s;
}
