/* aerofuture-bench: issuing commands. Three ways, one per question asked:
 * chained futures (the next command starts in the previous one's callback on
 * the loop), raw callbacks (the same without futures, to price them), and
 * application threads blocking on as_future_wait (the synchronous style). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "commands/raw.h"

typedef enum { OP_GET, OP_PUT, OP_OPERATE, OP_GET_LARGE } op_kind;

/* The calling thread's counters, registered with the bench on first use. */
static __thread bench_stats *tls_stats;

uint64_t bench_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static bench_stats *bench_stats_self(bench *b)
{
	if (tls_stats)
		return tls_stats;
	bench_stats *s = calloc(1, sizeof(*s));
	if (!s) {
		fprintf(stderr, "aerofuture-bench: out of memory\n");
		abort();
	}
	pthread_mutex_lock(&b->lock);
	s->next = b->stats;
	b->stats = s;
	pthread_mutex_unlock(&b->lock);
	tls_stats = s;
	return s;
}

/* Between phases, when no command is running. */
void bench_stats_reset(bench *b)
{
	pthread_mutex_lock(&b->lock);
	for (bench_stats *s = b->stats; s; s = s->next) {
		bench_stats *next = s->next;
		memset(s, 0, sizeof(*s));
		s->next = next;
	}
	pthread_mutex_unlock(&b->lock);
}

/* Owner-only counter: a plain add, visible to the reporting thread. */
static inline void counter_inc(atomic_uint_fast64_t *c)
{
	atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + 1, memory_order_relaxed);
}

static void record(bench *b, uint64_t ns, as_status st, bool large)
{
	bench_stats *s = bench_stats_self(b);
	bench_hist_record(large ? &s->large_hist : &s->hist, ns);
	counter_inc(&s->ops);
	if (st == AEROSPIKE_OK)
		return;
	if (st == AEROSPIKE_ERR_TIMEOUT) {
		counter_inc(&s->timeouts);
		return;
	}
	counter_inc(&s->errors);
	int i = (int)st + BENCH_STATUS_BIAS;
	if (i < 0 || i >= BENCH_STATUS_SLOTS - 1)
		i = BENCH_STATUS_SLOTS - 1;
	s->status[i]++;
}

/* Claim the next command of the phase; idx is its sequence number. */
static bool take(bench *b, uint64_t *idx)
{
	if (atomic_load_explicit(&b->stop, memory_order_relaxed))
		return false;
	*idx = atomic_fetch_add_explicit(&b->issued, 1, memory_order_relaxed);
	return *idx < b->target;
}

/* A chain or thread has nothing more to issue. The last one wakes main. */
static void finish_one(bench *b)
{
	if (atomic_fetch_sub_explicit(&b->active, 1, memory_order_acq_rel) != 1)
		return;
	pthread_mutex_lock(&b->lock);
	b->end_ns = bench_now_ns();
	b->done = true;
	pthread_cond_signal(&b->cond);
	pthread_mutex_unlock(&b->lock);
}

static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* Uniform in 0..n-1 without a division (n < 2^32). */
static uint64_t below(uint64_t r, uint64_t n)
{
	return ((r >> 32) * n) >> 32;
}

static op_kind pick(bench *b, uint64_t *rng, uint64_t idx, uint64_t *key)
{
	const bench_opts *o = b->o;
	if (b->filling) {
		*key = idx;
		return OP_PUT;
	}
	uint64_t r = xorshift(rng);
	*key = below(r, o->keys);
	/* The low bits choose between small and large gets, the high ones the key. */
	if (o->large_pct && o->workload == BENCH_GET && (r & 0xffffffffu) % 100 < o->large_pct) {
		*key %= BENCH_LARGE_KEYS;
		return OP_GET_LARGE;
	}
	switch (o->workload) {
	case BENCH_GET: return OP_GET;
	case BENCH_PUT: return OP_PUT;
	case BENCH_OPERATE:
	case BENCH_LIST:
	case BENCH_MAP: return OP_OPERATE;
	default: return (r & 0xffffffffu) % 100 < o->read_pct ? OP_GET : OP_PUT;
	}
}

static as_future *submit_future(bench *b, op_kind kind, const as_key *key)
{
	/* NULL policies: the client's defaults, set up in main (no per-call validation). */
	switch (kind) {
	case OP_GET:
	case OP_GET_LARGE: return as_get(b->client, NULL, key);
	case OP_PUT: return as_put(b->client, NULL, key, b->rec);
	default: return as_operate(b->client, NULL, key, b->ops);
	}
}

static void next_in_chain(bench_slot *s);

static void on_future_done(as_future *f, void *udata)
{
	bench_slot *s = udata;
	uint64_t t = bench_now_ns();
	as_status st = as_future_status(f);
	as_future_release(f);
	record(s->b, t - s->t0, st, s->large);
	next_in_chain(s);
}

static void on_raw_done(const as_error *err, as_record *rec, void *udata)
{
	bench_slot *s = udata;
	uint64_t t = bench_now_ns();
	as_record_destroy(rec);
	record(s->b, t - s->t0, err ? err->code : AEROSPIKE_OK, s->large);
	next_in_chain(s);
}

/* Raw submission; a refusal (no callback) is recorded as a failed command. */
static bool submit_raw(bench *b, bench_slot *s, op_kind kind, const as_key *key)
{
	as_error err;
	as_status st = kind == OP_GET ? as_raw_get(b->client, NULL, key, on_raw_done, s, &err)
	                              : as_raw_put(b->client, NULL, key, b->rec, on_raw_done, s, &err);
	if (st == AEROSPIKE_OK)
		return true;
	record(b, bench_now_ns() - s->t0, st, s->large);
	return false;
}

/* Key number k: from the cache (--reuse-keys), else built now, digest and
 * all, as an application making a key per request does. */
static const as_key *bench_key(bench *b, op_kind kind, uint64_t k, as_key *scratch)
{
	if (kind == OP_GET_LARGE)
		return &b->large_keys[k];
	if (b->key_cache)
		return &b->key_cache[k];
	as_key_init_int(scratch, b->o->ns, b->o->set, (int64_t)k, NULL);
	return scratch;
}

/* Issue the slot's next command, or end the chain. */
static void next_in_chain(bench_slot *s)
{
	bench *b = s->b;
	uint64_t idx, k;
	as_key key;
	while (take(b, &idx)) {
		op_kind kind = pick(b, &s->rng, idx, &k);
		const as_key *kp = bench_key(b, kind, k, &key);
		s->large = kind == OP_GET_LARGE;
		s->t0 = bench_now_ns();
		if (b->o->raw && !b->filling) {
			if (submit_raw(b, s, kind, kp))
				return;
			continue;
		}
		as_future_on_done(submit_future(b, kind, kp), on_future_done, s);
		return;
	}
	finish_one(b);
}

/* --threads: keep `share` commands in flight from this thread, waiting on the
 * oldest each time (commands on one loop complete nearly in order). */
typedef struct thread_arg {
	bench *b;
	unsigned share;
	uint64_t rng;
} thread_arg;

static bool thread_submit(bench *b, uint64_t *rng, as_future **f, uint64_t *t0, bool *large)
{
	uint64_t idx, k;
	if (!take(b, &idx))
		return false;
	op_kind kind = pick(b, rng, idx, &k);
	as_key key;
	const as_key *kp = bench_key(b, kind, k, &key);
	*large = kind == OP_GET_LARGE;
	*t0 = bench_now_ns();
	*f = submit_future(b, kind, kp);
	return true;
}

static void *thread_main(void *p)
{
	thread_arg *a = p;
	bench *b = a->b;
	as_future **ring = calloc(a->share, sizeof(*ring));
	uint64_t *t0 = calloc(a->share, sizeof(*t0));
	bool *large = calloc(a->share, sizeof(*large));
	unsigned live = 0;
	for (unsigned i = 0; ring && t0 && large && i < a->share; i++)
		if (thread_submit(b, &a->rng, &ring[i], &t0[i], &large[i]))
			live++;
	for (unsigned i = 0; live > 0; i = (i + 1) % a->share) {
		if (!ring[i])
			continue;
		as_status st = as_future_wait(ring[i], NULL);
		record(b, bench_now_ns() - t0[i], st, large[i]);
		as_future_release(ring[i]);
		ring[i] = NULL;
		if (!thread_submit(b, &a->rng, &ring[i], &t0[i], &large[i]))
			live--;
	}
	free(ring);
	free(t0);
	free(large);
	finish_one(b);
	return NULL;
}

static uint64_t seed_for(const bench *b, unsigned i)
{
	/* Distinct, never-zero xorshift states. */
	uint64_t x = b->o->seed + 0x9E3779B97F4A7C15ull * (i + 1);
	x ^= x >> 31;
	return x ? x : 1;
}

static void launch_threads(bench *b)
{
	unsigned n = b->n_threads, c = b->o->in_flight;
	thread_arg *args = calloc(n, sizeof(*args));
	b->threads = calloc(n, sizeof(*b->threads));
	if (!args || !b->threads) {
		fprintf(stderr, "aerofuture-bench: out of memory\n");
		exit(1);
	}
	atomic_store(&b->active, n);
	for (unsigned i = 0; i < n; i++) {
		args[i] = (thread_arg){ b, c / n + (i < c % n), seed_for(b, i) };
		if (pthread_create(&b->threads[i], NULL, thread_main, &args[i]) != 0) {
			fprintf(stderr, "aerofuture-bench: cannot start thread %u\n", i);
			exit(1);
		}
	}
	b->thread_args = args;  /* freed by bench_join */
}

static void launch_chains(bench *b)
{
	unsigned n = b->n_slots;
	free(b->slots);
	b->slots = aligned_alloc(64, n * sizeof(bench_slot));
	if (!b->slots) {
		fprintf(stderr, "aerofuture-bench: out of memory\n");
		exit(1);
	}
	memset(b->slots, 0, n * sizeof(bench_slot));
	atomic_store(&b->active, n);
	for (unsigned i = 0; i < n; i++) {
		b->slots[i].b = b;
		b->slots[i].rng = seed_for(b, i);
	}
	for (unsigned i = 0; i < n; i++)
		next_in_chain(&b->slots[i]);
}

void bench_launch(bench *b)
{
	/* stop is left alone: a signal during the fill pass also ends the run. */
	atomic_store(&b->issued, 0);
	b->done = false;
	b->end_ns = 0;
	if (b->n_threads && !b->filling)
		launch_threads(b);
	else
		launch_chains(b);
}

void bench_join(bench *b)
{
	if (!b->threads)
		return;
	for (unsigned i = 0; i < b->n_threads; i++)
		pthread_join(b->threads[i], NULL);
	free(b->threads);
	b->threads = NULL;
	free(b->thread_args);
	b->thread_args = NULL;
}

void bench_write_large(bench *b)
{
	const bench_opts *o = b->o;
	char set[AS_SET_MAX_LEN + 1];
	snprintf(set, sizeof(set), "%.*s_large", AS_SET_MAX_LEN - 6, o->set);
	char *blob = malloc(o->large_size ? o->large_size : 1);
	as_record *rec = as_record_new(1);
	if (!blob || !rec) {
		fprintf(stderr, "aerofuture-bench: out of memory\n");
		exit(1);
	}
	memset(blob, 'L', o->large_size);
	as_record_set_bytes(rec, "big", (const uint8_t *)blob, o->large_size);
	free(blob);
	for (unsigned i = 0; i < BENCH_LARGE_KEYS; i++) {
		as_error err;
		as_key_init_int(&b->large_keys[i], o->ns, set, (int64_t)i, NULL);
		as_future *f = as_put(b->client, NULL, &b->large_keys[i], rec);
		if (as_future_wait(f, &err) != AEROSPIKE_OK) {
			fprintf(stderr, "aerofuture-bench: writing large record %u: %s: %s\n", i, as_status_str(err.code),
			        err.message);
			exit(1);
		}
		as_future_release(f);
	}
	as_record_destroy(rec);
}
