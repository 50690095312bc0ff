/* Blocks recycled between threads: the slow paths (see recycle.h). */
#include "model/recycle.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "model/alloc.h"

/* Most blocks one recycler's shared stack holds (roughly); a thread's surplus
 * beyond that goes back to the heap. */
#define RECYCLE_SHARED_MAX 4096

static pthread_key_t recycle_key;
static pthread_once_t recycle_once = PTHREAD_ONCE_INIT;
/* The calling thread's registered caches, freed when it exits. */
static _Thread_local as_recycle_cache *recycle_caches;

static void recycle_free_chain(as_recycle_block *b)
{
	while (b) {
		as_recycle_block *next = b->next;
		free(b);
		b = next;
	}
}

/* Thread exit: the thread's blocks go back to the heap. A block freed by a
 * later destructor registers the cache again, and pthread calls us again. */
static void recycle_thread_exit(void *unused)
{
	(void)unused;
	as_recycle_cache *c = recycle_caches;
	recycle_caches = NULL;
	while (c) {
		as_recycle_cache *next = c->next_cache;
		recycle_free_chain(c->top);
		c->top = NULL;
		c->n = 0;
		c->owner = NULL;
		c->next_cache = NULL;
		c = next;
	}
}

static void recycle_init(void)
{
	if (pthread_key_create(&recycle_key, recycle_thread_exit) != 0)
		as_fatal("cannot create the block recycler's thread key");
}

/* Make c known to the thread-exit cleanup. */
static void recycle_register(as_recycler *r, as_recycle_cache *c)
{
	pthread_once(&recycle_once, recycle_init);
	if (!recycle_caches)
		/* Any non-NULL value: pthread calls the destructor only then. */
		pthread_setspecific(recycle_key, (void *)(uintptr_t)1);
	c->owner = r;
	c->next_cache = recycle_caches;
	recycle_caches = c;
}

void *as_recycle_get_slow(as_recycler *r, as_recycle_cache *c)
{
	/* The thread's own stack is empty: take every block others shared. */
	if (AS_RECYCLE_REUSE && atomic_load_explicit(&r->shared, memory_order_relaxed)) {
		as_recycle_block *list = atomic_exchange_explicit(&r->shared, NULL, memory_order_acquire);
		if (list) {
			size_t n = 0;
			for (as_recycle_block *h = list; h; h = h->batch_tail->next)
				n += h->batch_n;
			atomic_fetch_sub_explicit(&r->shared_n, (long)n, memory_order_relaxed);
			if (!c->owner)
				recycle_register(r, c);
			c->top = list->next;
			c->n += (unsigned)n - 1;
			return list;
		}
	}
	if (r->size < sizeof(as_recycle_block))
		as_fatal("a recycler's blocks must hold three pointers");
	atomic_fetch_add_explicit(&r->from_heap, 1, memory_order_relaxed);
	return as_malloc(r->size);
}

void as_recycle_put_slow(as_recycler *r, as_recycle_cache *c, void *p)
{
	if (!AS_RECYCLE_REUSE) {
		free(p);
		return;
	}
	if (!c->owner)
		recycle_register(r, c);
	as_recycle_block *head = p;
	head->next = c->top;
	c->top = head;
	c->n++;
	if (c->n <= r->keep)
		return;

	/* Surplus: hand the newest half over, as one chain. */
	unsigned batch = r->keep / 2 ? r->keep / 2 : 1;
	as_recycle_block *tail = head;
	for (unsigned i = 1; i < batch; i++)
		tail = tail->next;
	c->top = tail->next;
	c->n -= batch;
	if (atomic_load_explicit(&r->shared_n, memory_order_relaxed) >= RECYCLE_SHARED_MAX) {
		tail->next = NULL;
		recycle_free_chain(head);
		return;
	}
	head->batch_tail = tail;
	head->batch_n = batch;
	as_recycle_block *old = atomic_load_explicit(&r->shared, memory_order_relaxed);
	do
		tail->next = old;
	while (!atomic_compare_exchange_weak_explicit(&r->shared, &old, head, memory_order_release,
	                                              memory_order_relaxed));
	atomic_fetch_add_explicit(&r->shared_n, (long)batch, memory_order_relaxed);
}
