/* The block recycler: reuse on one thread, surplus shared between threads,
 * the shared stack's cap, and blocks passed between threads under load (the
 * case it exists for: built on one thread, freed on another). */
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/check_main.h"
#include "model/recycle.h"

#define BLOCK 128
#define KEEP 16

/* --- one thread -------------------------------------------------------- */

static as_recycler solo = AS_RECYCLER_INIT(BLOCK, KEEP);
static _Thread_local as_recycle_cache solo_cache;

START_TEST(test_reuse_on_one_thread)
{
	uint8_t *p = as_recycle_get(&solo, &solo_cache);
	memset(p, 0xAB, BLOCK);   /* the whole block is usable */
	as_recycle_put(&solo, &solo_cache, p);
	uint8_t *q = as_recycle_get(&solo, &solo_cache);
	memset(q, 0xCD, BLOCK);
#if AS_RECYCLE_REUSE
	/* The block just freed comes back first (it is cache-warm). */
	ck_assert_ptr_eq(p, q);
#endif
	as_recycle_put(&solo, &solo_cache, q);

	/* Up to KEEP blocks stay with the thread; nothing is shared. */
	void *b[KEEP];
	for (int i = 0; i < KEEP; i++)
		b[i] = as_recycle_get(&solo, &solo_cache);
	for (int i = 0; i < KEEP; i++)
		as_recycle_put(&solo, &solo_cache, b[i]);
#if AS_RECYCLE_REUSE
	ck_assert_uint_eq(solo_cache.n, KEEP);
	ck_assert_ptr_null(atomic_load(&solo.shared));
#else
	ck_assert_uint_eq(solo_cache.n, 0);
#endif
}
END_TEST

/* --- surplus and the shared stack --------------------------------------- */

static as_recycler shared = AS_RECYCLER_INIT(BLOCK, KEEP);
static _Thread_local as_recycle_cache shared_cache;

typedef struct handoff {
	void **blocks;
	unsigned n;
	unsigned taken_n;           /* the taker's cache size after its get */
	void *taken;
} handoff;

static void *put_all(void *arg)
{
	handoff *h = arg;
	for (unsigned i = 0; i < h->n; i++)
		as_recycle_put(&shared, &shared_cache, h->blocks[i]);
	return NULL;
}

static void *take_one(void *arg)
{
	handoff *h = arg;
	h->taken = as_recycle_get(&shared, &shared_cache);
	h->taken_n = shared_cache.n;
	as_recycle_put(&shared, &shared_cache, h->taken);
	return NULL;
}

START_TEST(test_surplus_goes_to_another_thread)
{
	/* One thread frees KEEP + 1 blocks it never allocated: half of KEEP goes
	 * to the shared stack, and a thread with none takes them from there. */
	void *blocks[KEEP + 1];
	for (int i = 0; i < KEEP + 1; i++)
		blocks[i] = malloc(BLOCK);
	handoff h = { blocks, KEEP + 1, 0, NULL };
	pthread_t t;
	pthread_create(&t, NULL, put_all, &h);
	pthread_join(t, NULL);
#if AS_RECYCLE_REUSE
	ck_assert_int_eq(atomic_load(&shared.shared_n), KEEP / 2);
	ck_assert_ptr_nonnull(atomic_load(&shared.shared));
	pthread_create(&t, NULL, take_one, &h);
	pthread_join(t, NULL);
	bool known = false;
	for (int i = 0; i < KEEP + 1; i++)
		known |= h.taken == blocks[i];
	ck_assert_msg(known, "the block did not come from the shared stack");
	ck_assert_uint_eq(h.taken_n, KEEP / 2 - 1);
	ck_assert_ptr_null(atomic_load(&shared.shared));
	ck_assert_int_eq(atomic_load(&shared.shared_n), 0);
#else
	ck_assert_ptr_null(atomic_load(&shared.shared));
#endif
}
END_TEST

static as_recycler capped = AS_RECYCLER_INIT(BLOCK, KEEP);
static _Thread_local as_recycle_cache capped_cache;

START_TEST(test_shared_stack_is_capped)
{
	/* A thread that only frees (20,000 blocks): the shared stack stops
	 * growing at its cap and the rest goes back to the heap. */
	for (int i = 0; i < 20000; i++)
		as_recycle_put(&capped, &capped_cache, malloc(BLOCK));
	long n = atomic_load(&capped.shared_n);
	unsigned counted = 0;
	for (as_recycle_block *b = atomic_load(&capped.shared); b; b = b->next)
		counted++;
	ck_assert_int_eq((long)counted, n);
#if AS_RECYCLE_REUSE
	ck_assert_int_ge(n, 4096);
	ck_assert_int_le(n, 4096 + KEEP / 2);
	ck_assert_uint_le(capped_cache.n, KEEP);
#else
	ck_assert_int_eq(n, 0);
#endif
}
END_TEST

/* --- blocks passed between threads -------------------------------------- */

#define PRODUCERS 2
#define CONSUMERS 2
#define PER_PRODUCER 100000
#define RING 256

static as_recycler passed = AS_RECYCLER_INIT(BLOCK, KEEP);
static _Thread_local as_recycle_cache passed_cache;

typedef struct ring {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	void *slot[RING];
	unsigned head, count, producers_left;
} ring;

static ring the_ring = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, { 0 }, 0, 0, PRODUCERS };
static atomic_uint corrupted, consumed;

static void ring_push(void *p)
{
	pthread_mutex_lock(&the_ring.lock);
	while (the_ring.count == RING)
		pthread_cond_wait(&the_ring.cond, &the_ring.lock);
	the_ring.slot[(the_ring.head + the_ring.count++) % RING] = p;
	pthread_cond_broadcast(&the_ring.cond);
	pthread_mutex_unlock(&the_ring.lock);
}

/* NULL when every producer is done and the ring is empty. */
static void *ring_pop(void)
{
	pthread_mutex_lock(&the_ring.lock);
	while (the_ring.count == 0 && the_ring.producers_left)
		pthread_cond_wait(&the_ring.cond, &the_ring.lock);
	void *p = NULL;
	if (the_ring.count) {
		p = the_ring.slot[the_ring.head];
		the_ring.head = (the_ring.head + 1) % RING;
		the_ring.count--;
		pthread_cond_broadcast(&the_ring.cond);
	}
	pthread_mutex_unlock(&the_ring.lock);
	return p;
}

static void *producer(void *arg)
{
	uint64_t id = (uintptr_t)arg;
	for (uint64_t i = 0; i < PER_PRODUCER; i++) {
		uint64_t *b = as_recycle_get(&passed, &passed_cache);
		/* A pattern the consumer checks: a block handed out twice while
		 * in use would be overwritten by its second owner. */
		for (unsigned w = 0; w < BLOCK / sizeof(uint64_t); w++)
			b[w] = id << 48 | i << 8 | w;
		ring_push(b);
	}
	pthread_mutex_lock(&the_ring.lock);
	the_ring.producers_left--;
	pthread_cond_broadcast(&the_ring.cond);
	pthread_mutex_unlock(&the_ring.lock);
	return NULL;
}

static void *consumer(void *arg)
{
	(void)arg;
	uint64_t *b;
	while ((b = ring_pop()) != NULL) {
		uint64_t first = b[0];
		for (unsigned w = 0; w < BLOCK / sizeof(uint64_t); w++)
			if (b[w] != (first | w))
				atomic_fetch_add(&corrupted, 1);
		atomic_fetch_add(&consumed, 1);
		as_recycle_put(&passed, &passed_cache, b);
	}
	return NULL;
}

START_TEST(test_blocks_passed_between_threads)
{
	pthread_t p[PRODUCERS], c[CONSUMERS];
	for (uintptr_t i = 0; i < PRODUCERS; i++)
		pthread_create(&p[i], NULL, producer, (void *)(i + 1));
	for (int i = 0; i < CONSUMERS; i++)
		pthread_create(&c[i], NULL, consumer, NULL);
	for (int i = 0; i < PRODUCERS; i++)
		pthread_join(p[i], NULL);
	for (int i = 0; i < CONSUMERS; i++)
		pthread_join(c[i], NULL);
	ck_assert_uint_eq(atomic_load(&consumed), PRODUCERS * PER_PRODUCER);
	ck_assert_uint_eq(atomic_load(&corrupted), 0);
	unsigned long heap = atomic_load(&passed.from_heap);
#if AS_RECYCLE_REUSE
	/* The producers ran on the consumers' surplus: of 200,000 blocks only
	 * the few in flight at the peak came from malloc. */
	ck_assert_uint_lt(heap, PRODUCERS * PER_PRODUCER / 100);
#else
	ck_assert_uint_eq(heap, PRODUCERS * PER_PRODUCER);
#endif
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("recycle");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_reuse_on_one_thread);
	tcase_add_test(tc, test_surplus_goes_to_another_thread);
	tcase_add_test(tc, test_shared_stack_is_capped);
	tcase_add_test(tc, test_blocks_passed_between_threads);
	suite_add_tcase(s, tc);
	return s;
}
