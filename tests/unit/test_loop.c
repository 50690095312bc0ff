/* Event loops: posting from many threads, FIFO order, wakeup coalescing,
 * tasks posted from the loop thread run later, an idle loop sleeps, stop
 * drains, attached bases. */
#include <check.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <event2/thread.h>

#include "common/check_main.h"
#include "loop/loop.h"

#define POST_THREADS 4
#define POSTS_PER_THREAD 20000

typedef struct counted_task {
	as_loop_task task;
	as_loop *loop;
	unsigned thread;
	unsigned seq;
} counted_task;

static atomic_uint tasks_run;
static atomic_uint tasks_wrong_thread;
static atomic_uint tasks_out_of_order;
static unsigned last_seq[POST_THREADS];  /* loop thread only */
static sem_t all_done;

static void on_counted(as_loop_task *task)
{
	counted_task *t = (counted_task *)task;
	if (as_loop_current() != t->loop)
		atomic_fetch_add(&tasks_wrong_thread, 1);
	if (t->seq != last_seq[t->thread] + 1)
		atomic_fetch_add(&tasks_out_of_order, 1);
	last_seq[t->thread] = t->seq;
	if (atomic_fetch_add(&tasks_run, 1) + 1 == POST_THREADS * POSTS_PER_THREAD)
		sem_post(&all_done);
}

typedef struct poster {
	as_loop *loop;
	unsigned thread;
	counted_task *tasks;
} poster;

static void *post_main(void *arg)
{
	poster *p = arg;
	for (unsigned i = 0; i < POSTS_PER_THREAD; i++) {
		counted_task *t = &p->tasks[i];
		t->loop = p->loop;
		t->thread = p->thread;
		t->seq = i + 1;
		as_loop_post(p->loop, &t->task, on_counted);
	}
	return NULL;
}

START_TEST(test_post_many_threads)
{
	as_error err;
	as_loop *loop = as_loop_start(0, &err);
	ck_assert_ptr_nonnull(loop);
	ck_assert_uint_eq(as_loop_index(loop), 0);
	ck_assert_ptr_nonnull(as_loop_base(loop));
	ck_assert_ptr_null(as_loop_current());
	atomic_store(&tasks_run, 0);
	memset(last_seq, 0, sizeof last_seq);
	sem_init(&all_done, 0, 0);

	pthread_t th[POST_THREADS];
	poster p[POST_THREADS];
	for (unsigned i = 0; i < POST_THREADS; i++) {
		p[i].loop = loop;
		p[i].thread = i;
		p[i].tasks = calloc(POSTS_PER_THREAD, sizeof(counted_task));
		pthread_create(&th[i], NULL, post_main, &p[i]);
	}
	for (unsigned i = 0; i < POST_THREADS; i++)
		pthread_join(th[i], NULL);
	sem_wait(&all_done);
	ck_assert_uint_eq(atomic_load(&tasks_run), POST_THREADS * POSTS_PER_THREAD);
	ck_assert_uint_eq(atomic_load(&tasks_wrong_thread), 0);
	ck_assert_uint_eq(atomic_load(&tasks_out_of_order), 0);
	for (unsigned i = 0; i < POST_THREADS; i++)
		ck_assert_uint_eq(last_seq[i], POSTS_PER_THREAD);
	uint64_t wakeups = as_loop_wakeup_count(loop);
	ck_assert_uint_ge(wakeups, 1);
	ck_assert_uint_le(wakeups, POST_THREADS * POSTS_PER_THREAD);
	as_loop_stop(loop);
	for (unsigned i = 0; i < POST_THREADS; i++)
		free(p[i].tasks);
	sem_destroy(&all_done);
}
END_TEST

/* A task that blocks the loop until released, so posts pile up behind it. */
typedef struct gate_task {
	as_loop_task task;
	sem_t entered, release;
} gate_task;

static void on_gate(as_loop_task *task)
{
	gate_task *g = (gate_task *)task;
	sem_post(&g->entered);
	sem_wait(&g->release);
}

/* Post the gate and wait until the loop is inside it. Returns the loop's
 * wakeup count from before the post. */
static uint64_t gate_close(as_loop *loop, gate_task *g)
{
	sem_init(&g->entered, 0, 0);
	sem_init(&g->release, 0, 0);
	uint64_t before = as_loop_wakeup_count(loop);
	as_loop_post(loop, &g->task, on_gate);
	sem_wait(&g->entered);
	return before;
}

/* Let the loop go on past the gate. */
static void gate_open(gate_task *g)
{
	sem_post(&g->release);
}

/* Once the loop has left the gate (stopped, or ran a later task). */
static void gate_destroy(gate_task *g)
{
	sem_destroy(&g->entered);
	sem_destroy(&g->release);
}

typedef struct simple_task {
	as_loop_task task;
	atomic_uint *counter;
	sem_t *done;
} simple_task;

static void on_simple(as_loop_task *task)
{
	simple_task *t = (simple_task *)task;
	atomic_fetch_add(t->counter, 1);
	if (t->done)
		sem_post(t->done);
}

START_TEST(test_wakeup_per_batch)
{
	as_loop *loop = as_loop_start(3, NULL);
	ck_assert_ptr_nonnull(loop);
	gate_task g;
	uint64_t before = gate_close(loop, &g);
	ck_assert_uint_eq(as_loop_wakeup_count(loop) - before, 1);

	/* 100 posts while the loop is busy: one wakeup for all of them. */
	atomic_uint count = 0;
	sem_t done;
	sem_init(&done, 0, 0);
	simple_task t[100];
	for (int i = 0; i < 100; i++) {
		t[i].counter = &count;
		t[i].done = i == 99 ? &done : NULL;
		as_loop_post(loop, &t[i].task, on_simple);
	}
	ck_assert_uint_eq(as_loop_wakeup_count(loop) - before, 2);
	gate_open(&g);
	sem_wait(&done);
	ck_assert_uint_eq(atomic_load(&count), 100);
	ck_assert_uint_eq(as_loop_wakeup_count(loop) - before, 2);
	as_loop_stop(loop);
	gate_destroy(&g);
	sem_destroy(&done);
}
END_TEST

/* Posters each number their tasks; the loop checks that every task runs
 * once, each poster's in order, and that nothing runs before a task that
 * was pushed earlier (a barrier posted after the others ran last). */
#define SEQ_THREADS 4
#define SEQ_POSTERS (SEQ_THREADS + 1)  /* the last one posts from the loop thread */
#define SEQ_POSTS 10000
#define SEQ_SELF_CHUNK 4

typedef struct seq_run seq_run;

typedef struct seq_task {
	as_loop_task task;
	seq_run *run;
	unsigned poster, seq;
	unsigned runs;                   /* loop thread only */
} seq_task;

struct seq_run {
	as_loop *loop;
	seq_task *tasks[SEQ_POSTERS];    /* SEQ_POSTS each */
	/* Loop thread only (read by the test after the barrier ran). */
	unsigned expect[SEQ_POSTERS];    /* the seq that must run next */
	unsigned ran, misordered, off_loop;
	/* The loop thread's own poster: posts a chunk, then re-posts itself. */
	as_loop_task self;
	unsigned self_posted;
	sem_t self_done;
};

typedef struct seq_poster {
	seq_run *run;
	unsigned poster;
	pthread_t thread;
} seq_poster;

static void on_seq(as_loop_task *task)
{
	seq_task *t = (seq_task *)task;
	seq_run *r = t->run;
	t->runs++;
	if (as_loop_current() != r->loop)
		r->off_loop++;
	if (t->seq != r->expect[t->poster])
		r->misordered++;
	r->expect[t->poster] = t->seq + 1;
	r->ran++;
}

static void seq_post(seq_run *r, unsigned who, unsigned seq)
{
	seq_task *t = &r->tasks[who][seq];
	t->run = r;
	t->poster = who;
	t->seq = seq;
	as_loop_post(r->loop, &t->task, on_seq);
}

static void *seq_thread_main(void *arg)
{
	seq_poster *p = arg;
	for (unsigned i = 0; i < SEQ_POSTS; i++)
		seq_post(p->run, p->poster, i);
	return NULL;
}

/* Posting from the loop thread wakes by activation, the others by eventfd:
 * this mixes both kinds of wakeup. */
static void on_seq_self(as_loop_task *task)
{
	seq_run *r = (seq_run *)((char *)task - offsetof(seq_run, self));
	for (unsigned i = 0; i < SEQ_SELF_CHUNK && r->self_posted < SEQ_POSTS; i++)
		seq_post(r, SEQ_THREADS, r->self_posted++);
	if (r->self_posted < SEQ_POSTS)
		as_loop_post(r->loop, &r->self, on_seq_self);
	else
		sem_post(&r->self_done);
}

static void seq_run_init(seq_run *r, as_loop *loop)
{
	memset(r, 0, sizeof *r);
	r->loop = loop;
	for (unsigned i = 0; i < SEQ_POSTERS; i++)
		r->tasks[i] = calloc(SEQ_POSTS, sizeof(seq_task));
	sem_init(&r->self_done, 0, 0);
}

static void seq_start(seq_run *r, seq_poster *p)
{
	for (unsigned i = 0; i < SEQ_THREADS; i++) {
		p[i].run = r;
		p[i].poster = i;
		pthread_create(&p[i].thread, NULL, seq_thread_main, &p[i]);
	}
}

static void seq_join(seq_poster *p)
{
	for (unsigned i = 0; i < SEQ_THREADS; i++)
		pthread_join(p[i].thread, NULL);
}

/* A lost wakeup shows as a wait that never ends: fail instead. */
static void seq_wait(sem_t *sem)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 30;
	ck_assert_int_eq(sem_timedwait(sem, &until), 0);
}

static void on_barrier(as_loop_task *task)
{
	simple_task *t = (simple_task *)task;
	sem_post(t->done);
}

/* Post a task after every post so far and wait until it ran. */
static void seq_barrier(as_loop *loop)
{
	atomic_uint unused = 0;
	sem_t done;
	sem_init(&done, 0, 0);
	simple_task t = { .counter = &unused, .done = &done };
	as_loop_post(loop, &t.task, on_barrier);
	seq_wait(&done);
	sem_destroy(&done);
}

/* Every task of posters [0, nposters) ran exactly once, in order. */
static void seq_check(seq_run *r, unsigned nposters)
{
	ck_assert_uint_eq(r->ran, nposters * SEQ_POSTS);
	ck_assert_uint_eq(r->misordered, 0);
	ck_assert_uint_eq(r->off_loop, 0);
	for (unsigned p = 0; p < nposters; p++) {
		ck_assert_uint_eq(r->expect[p], SEQ_POSTS);
		for (unsigned i = 0; i < SEQ_POSTS; i++)
			ck_assert_uint_eq(r->tasks[p][i].runs, 1);
	}
}

static void seq_run_destroy(seq_run *r)
{
	for (unsigned i = 0; i < SEQ_POSTERS; i++)
		free(r->tasks[i]);
	sem_destroy(&r->self_done);
}

/* CPU time of the loop thread, read on it. */
typedef struct cpu_probe {
	as_loop_task task;
	uint64_t ns;
	sem_t done;
} cpu_probe;

static void on_cpu_probe(as_loop_task *task)
{
	cpu_probe *p = (cpu_probe *)task;
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	p->ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	sem_post(&p->done);
}

static uint64_t loop_cpu_ns(as_loop *loop)
{
	cpu_probe p;
	sem_init(&p.done, 0, 0);
	as_loop_post(loop, &p.task, on_cpu_probe);
	sem_wait(&p.done);
	sem_destroy(&p.done);
	return p.ns;
}

START_TEST(test_post_threads_and_loop_exactly_once)
{
	as_loop *loop = as_loop_start(5, NULL);
	ck_assert_ptr_nonnull(loop);
	seq_run r;
	seq_run_init(&r, loop);
	seq_poster p[SEQ_THREADS];
	as_loop_post(loop, &r.self, on_seq_self);
	seq_start(&r, p);
	seq_join(p);
	seq_wait(&r.self_done);
	seq_barrier(loop);
	seq_check(&r, SEQ_POSTERS);

	/* Now idle: a wakeup left unanswered (an eventfd left readable) would
	 * make the loop spin. */
	uint64_t cpu = loop_cpu_ns(loop);
	usleep(300000);
	ck_assert_uint_lt(loop_cpu_ns(loop) - cpu, 50000000u);
	as_loop_stop(loop);
	seq_run_destroy(&r);
}
END_TEST

/* While the loop is busy, a burst of posts from several threads costs one
 * wakeup in all; then every task runs once, each thread's in order. */
START_TEST(test_post_burst_one_wakeup)
{
	as_loop *loop = as_loop_start(6, NULL);
	ck_assert_ptr_nonnull(loop);
	gate_task g;
	uint64_t before = gate_close(loop, &g);

	seq_run r;
	seq_run_init(&r, loop);
	seq_poster p[SEQ_THREADS];
	seq_start(&r, p);
	seq_join(p);
	/* The gate's wakeup and the one of the first push of the burst. */
	ck_assert_uint_eq(as_loop_wakeup_count(loop) - before, 2);
	gate_open(&g);
	seq_barrier(loop);
	seq_check(&r, SEQ_THREADS);
	/* The barrier may have needed a wakeup of its own. */
	ck_assert_uint_le(as_loop_wakeup_count(loop) - before, 3);
	as_loop_stop(loop);
	seq_run_destroy(&r);
	gate_destroy(&g);
}
END_TEST

/* Posting from the loop thread: the task runs after the poster returns. */
typedef struct self_post {
	as_loop_task outer, inner;
	as_loop *loop;
	atomic_bool outer_returned;
	atomic_bool inner_saw_return;
	atomic_bool inner_on_loop;
	sem_t done;
} self_post;

static void on_inner(as_loop_task *task)
{
	self_post *s = (self_post *)((char *)task - offsetof(self_post, inner));
	atomic_store(&s->inner_saw_return, atomic_load(&s->outer_returned));
	atomic_store(&s->inner_on_loop, as_loop_current() == s->loop);
	sem_post(&s->done);
}

static void on_outer(as_loop_task *task)
{
	self_post *s = (self_post *)task;
	as_loop_post(s->loop, &s->inner, on_inner);
	atomic_store(&s->outer_returned, true);
}

START_TEST(test_post_from_loop_not_inline)
{
	self_post s;
	memset(&s, 0, sizeof s);
	s.loop = as_loop_start(1, NULL);
	ck_assert_ptr_nonnull(s.loop);
	sem_init(&s.done, 0, 0);
	as_loop_post(s.loop, &s.outer, on_outer);
	sem_wait(&s.done);
	ck_assert(atomic_load(&s.inner_saw_return));
	ck_assert(atomic_load(&s.inner_on_loop));
	/* One eventfd write from here, one activation on the loop thread. */
	ck_assert_uint_eq(as_loop_wakeup_count(s.loop), 2);
	as_loop_stop(s.loop);
	sem_destroy(&s.done);
}
END_TEST

/* Stop runs everything still queued, including tasks those tasks post. */
typedef struct chain_task {
	as_loop_task task;
	as_loop *loop;
	atomic_uint *counter;
	int more;
} chain_task;

static void on_chain(as_loop_task *task)
{
	chain_task *c = (chain_task *)task;
	atomic_fetch_add(c->counter, 1);
	if (c->more-- > 0)
		as_loop_post(c->loop, &c->task, on_chain);
}

START_TEST(test_stop_drains)
{
	as_loop *loop = as_loop_start(2, NULL);
	ck_assert_ptr_nonnull(loop);
	gate_task g;
	gate_close(loop, &g);

	atomic_uint count = 0;
	simple_task *t = calloc(1000, sizeof *t);
	for (int i = 0; i < 1000; i++) {
		t[i].counter = &count;
		as_loop_post(loop, &t[i].task, on_simple);
	}
	chain_task c = { .loop = loop, .counter = &count, .more = 10 };
	as_loop_post(loop, &c.task, on_chain);
	gate_open(&g);
	as_loop_stop(loop);
	ck_assert_uint_eq(atomic_load(&count), 1000 + 11);
	free(t);
	gate_destroy(&g);
}
END_TEST

/* as_loop_stop on the loop's own thread is ignored; the loop keeps working. */
typedef struct stop_self {
	as_loop_task task;
	as_loop *loop;
	sem_t done;
} stop_self;

static void on_stop_self(as_loop_task *task)
{
	stop_self *s = (stop_self *)task;
	as_loop_stop(s->loop);
	sem_post(&s->done);
}

START_TEST(test_stop_on_own_thread_ignored)
{
	stop_self s;
	s.loop = as_loop_start(4, NULL);
	ck_assert_ptr_nonnull(s.loop);
	sem_init(&s.done, 0, 0);
	as_loop_post(s.loop, &s.task, on_stop_self);
	sem_wait(&s.done);
	atomic_uint count = 0;
	sem_t done;
	sem_init(&done, 0, 0);
	simple_task t = { .counter = &count, .done = &done };
	as_loop_post(s.loop, &t.task, on_simple);
	sem_wait(&done);
	ck_assert_uint_eq(atomic_load(&count), 1);
	as_loop_stop(s.loop);
	sem_destroy(&s.done);
	sem_destroy(&done);
}
END_TEST

/* An application's base, run by an application thread. */
typedef struct app {
	struct event_base *base;
	as_loop *loop;
	pthread_t thread;
	sem_t attached;
	atomic_bool current_cleared;
} app;

static void *app_main(void *arg)
{
	app *a = arg;
	a->base = event_base_new();
	as_error err;
	a->loop = as_loop_attach(a->base, 7, &err);
	sem_post(&a->attached);
	if (!a->loop)
		return NULL;
	event_base_loop(a->base, EVLOOP_NO_EXIT_ON_EMPTY);
	atomic_store(&a->current_cleared, as_loop_current() == NULL);
	event_base_free(a->base);
	return NULL;
}

typedef struct where_task {
	as_loop_task task;
	as_loop *loop;
	pthread_t expect;
	atomic_bool ok;
	sem_t done;
} where_task;

static void on_where(as_loop_task *task)
{
	where_task *w = (where_task *)task;
	atomic_store(&w->ok, as_loop_current() == w->loop && pthread_equal(pthread_self(), w->expect));
	sem_post(&w->done);
}

START_TEST(test_attach_app_base)
{
	/* The application makes its base thread-safe (we break it from here). */
	evthread_use_pthreads();
	app a;
	memset(&a, 0, sizeof a);
	sem_init(&a.attached, 0, 0);
	pthread_create(&a.thread, NULL, app_main, &a);
	sem_wait(&a.attached);
	ck_assert_ptr_nonnull(a.loop);
	ck_assert_ptr_eq(as_loop_base(a.loop), a.base);
	ck_assert_uint_eq(as_loop_index(a.loop), 7);

	where_task w;
	memset(&w, 0, sizeof w);
	w.loop = a.loop;
	w.expect = a.thread;
	sem_init(&w.done, 0, 0);
	as_loop_post(a.loop, &w.task, on_where);
	sem_wait(&w.done);
	ck_assert(atomic_load(&w.ok));

	/* Stop while the application still runs its base: queued tasks run. */
	atomic_uint count = 0;
	simple_task t[50];
	for (int i = 0; i < 50; i++) {
		t[i].counter = &count;
		t[i].done = NULL;
		as_loop_post(a.loop, &t[i].task, on_simple);
	}
	as_loop_stop(a.loop);
	ck_assert_uint_eq(atomic_load(&count), 50);
	event_base_loopbreak(a.base);
	pthread_join(a.thread, NULL);
	ck_assert(atomic_load(&a.current_cleared));
	sem_destroy(&a.attached);
	sem_destroy(&w.done);
}
END_TEST

START_TEST(test_attach_null_base)
{
	as_error err;
	ck_assert_ptr_null(as_loop_attach(NULL, 0, &err));
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_PARAM);
}
END_TEST

START_TEST(test_clock)
{
	uint64_t ms = as_clock_ms();
	uint64_t ns = as_clock_ns();
	usleep(20000);
	ck_assert_uint_ge(as_clock_ms() - ms, 19);
	ck_assert_uint_ge(as_clock_ns() - ns, 19000000u);
	ck_assert_uint_lt(as_clock_ms() - ms, 5000);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("loop");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_post_many_threads);
	tcase_add_test(tc, test_wakeup_per_batch);
	tcase_add_test(tc, test_post_threads_and_loop_exactly_once);
	tcase_add_test(tc, test_post_burst_one_wakeup);
	tcase_add_test(tc, test_post_from_loop_not_inline);
	tcase_add_test(tc, test_stop_drains);
	tcase_add_test(tc, test_stop_on_own_thread_ignored);
	tcase_add_test(tc, test_attach_app_base);
	tcase_add_test(tc, test_attach_null_base);
	tcase_add_test(tc, test_clock);
	suite_add_tcase(s, tc);
	return s;
}
