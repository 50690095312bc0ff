/* Blocks of one size, recycled between threads without locks.
 *
 * A command is often built on one thread and freed on another: an
 * application thread submits a command the loop frees, the loop decodes a
 * record the application frees. With malloc each such block crosses arenas
 * and costs hundreds of instructions in the allocator's slow paths. Here
 * every thread keeps the blocks it frees on a private stack and reuses them;
 * a thread that frees more than it allocates hands its surplus, a batch at a
 * time, to a stack shared by all threads, and a thread that runs dry takes
 * that whole stack at once. Batches are pushed whole and the stack is only
 * ever emptied whole (an exchange), so it needs no lock and no ABA tag.
 *
 * Usage: one static as_recycler per block size, one _Thread_local
 * as_recycle_cache beside it:
 *
 *     static as_recycler cmd_recycler = AS_RECYCLER_INIT(sizeof(my_block), 256);
 *     static _Thread_local as_recycle_cache cmd_cache;
 *     p = as_recycle_get(&cmd_recycler, &cmd_cache);
 *     as_recycle_put(&cmd_recycler, &cmd_cache, p);
 *
 * A thread's blocks are freed when it exits; the main thread's, and blocks
 * freed by the last round of thread-exit destructors, stay until the process
 * ends (reachable, never lost). Blocks must hold at least three pointers.
 * Under AddressSanitizer nothing is reused, so it sees every use after free.
 * Private to the library. */
#ifndef AS_MODEL_RECYCLE_H
#define AS_MODEL_RECYCLE_H

#include <stdatomic.h>
#include <stddef.h>

/* A free block. The first of each batch on the shared stack also says how
 * long the batch is and where it ends, so taking the stack costs a step per
 * batch, not per block. */
typedef struct as_recycle_block {
	struct as_recycle_block *next;
	struct as_recycle_block *batch_tail;    /* batch heads on the shared stack */
	size_t batch_n;
} as_recycle_block;

typedef struct as_recycler {
	size_t size;                            /* bytes per block */
	unsigned keep;                          /* blocks a thread keeps before sharing */
	_Atomic(as_recycle_block *) shared;     /* surplus batches, any thread's */
	atomic_long shared_n;                   /* blocks in shared, roughly (caps it) */
	atomic_ulong from_heap;                 /* blocks malloc gave so far (statistics) */
} as_recycler;

#define AS_RECYCLER_INIT(block_size, keep_n) { (block_size), (keep_n), NULL, 0, 0 }

/* One thread's blocks of one recycler; zero-initialised _Thread_local. */
typedef struct as_recycle_cache {
	as_recycle_block *top;
	unsigned n;
	as_recycler *owner;                     /* set once registered for thread exit */
	struct as_recycle_cache *next_cache;    /* the thread's other caches */
} as_recycle_cache;

/* Whether blocks are reused at all: not under AddressSanitizer. */
#if defined(__SANITIZE_ADDRESS__)
#define AS_RECYCLE_REUSE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AS_RECYCLE_REUSE 0
#endif
#endif
#ifndef AS_RECYCLE_REUSE
#define AS_RECYCLE_REUSE 1
#endif

/* The slow paths: the shared stack, malloc, registration, surplus. */
void *as_recycle_get_slow(as_recycler *r, as_recycle_cache *c);
void as_recycle_put_slow(as_recycler *r, as_recycle_cache *c, void *p);

/* A block of r->size bytes (never NULL: aborts when memory is exhausted),
 * aligned for any type. Free with as_recycle_put() on any thread. */
static inline void *as_recycle_get(as_recycler *r, as_recycle_cache *c)
{
	as_recycle_block *b = c->top;
	if (AS_RECYCLE_REUSE && b) {
		c->top = b->next;
		c->n--;
		return b;
	}
	return as_recycle_get_slow(r, c);
}

/* Give back block p, taken from r by any thread. */
static inline void as_recycle_put(as_recycler *r, as_recycle_cache *c, void *p)
{
	if (AS_RECYCLE_REUSE && c->owner && c->n < r->keep) {
		as_recycle_block *b = p;
		b->next = c->top;
		c->top = b;
		c->n++;
		return;
	}
	as_recycle_put_slow(r, c, p);
}

#endif
