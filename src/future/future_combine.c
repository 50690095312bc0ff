/* as_future_all / as_future_any.
 *
 * One allocation per combination holds the counters, one callback slot per
 * input and the retained inputs. Inputs may belong to different loops and
 * complete concurrently: the counters are atomics, and whichever callback
 * brings the count to zero finishes the combination and frees it. The count
 * starts at n + 1; the constructor drops its share after attaching every
 * slot, so an input that completes (or runs its callback) during construction
 * cannot free the combination under it. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>

#include "future/future_impl.h"
#include "model/alloc.h"

typedef struct future_combine {
	as_future *out;            /* retained until finished */
	bool any;
	size_t n;
	atomic_size_t remaining;   /* inputs not yet seen, + 1 for the constructor */
	atomic_long winner;        /* any: first OK input, -1 until then */
	atomic_long last_failed;   /* any: the input that failed last */
	as_future **inputs;        /* retained until finished; points past slots */
	as_future_slot slots[];    /* one per input */
} future_combine;

static void combine_finish(future_combine *c)
{
	as_future *out = c->out;
	if (c->any) {
		if (atomic_load(&c->winner) < 0) {
			long i = atomic_load(&c->last_failed);
			as_future_complete_error(out, as_future_error(c->inputs[i]));
		}
	} else {
		const as_error *err = NULL;
		for (size_t i = 0; i < c->n && !err; i++)
			err = as_future_error(c->inputs[i]);
		if (err)
			as_future_complete_error(out, err);
		else
			as_future_complete_ok(out);
	}
	for (size_t i = 0; i < c->n; i++)
		as_future_release(c->inputs[i]);
	free(c);
	as_future_release(out);
}

static void combine_drop(future_combine *c)
{
	if (atomic_fetch_sub(&c->remaining, 1) == 1)
		combine_finish(c);
}

static void combine_on_input(as_future *f, as_future_slot *slot)
{
	future_combine *c = slot->udata;
	long i = (long)(slot - c->slots);
	if (c->any) {
		if (as_future_get_state(f) == AS_FUTURE_OK) {
			long none = -1;
			if (atomic_compare_exchange_strong(&c->winner, &none, i)) {
				/* Written before completion publishes it. */
				c->out->any_index = i + 1;  /* 0 means none */
				as_future_complete_ok(c->out);
			}
		} else {
			atomic_store(&c->last_failed, i);
		}
	}
	combine_drop(c);
}

static as_future *combine_new(as_future *const *futures, size_t n, bool any)
{
	const char *who = any ? "as_future_any" : "as_future_all";
	if (n > 0 && !futures)
		return as_future_new_error(AEROSPIKE_ERR_PARAM, "%s: futures is NULL", who);
	for (size_t i = 0; i < n; i++) {
		if (!futures[i])
			return as_future_new_error(AEROSPIKE_ERR_PARAM, "%s: futures[%zu] is NULL", who, i);
	}
	if (n == 0)
		return any ? as_future_new_error(AEROSPIKE_ERR_PARAM, "as_future_any: no futures given")
			: as_future_new_ok();

	/* Callbacks of the result run on the caller's loop, else the first
	 * input's loop that has one. */
	as_loop *loop = as_loop_current();
	for (size_t i = 0; i < n && !loop; i++)
		loop = as_future_loop(futures[i]);

	future_combine *c = as_malloc(sizeof *c + n * sizeof(as_future_slot) + n * sizeof(as_future *));
	c->out = as_future_create_refs(loop, 2);   /* the caller's and the combination's */
	c->any = any;
	c->n = n;
	atomic_init(&c->remaining, n + 1);
	atomic_init(&c->winner, -1);
	atomic_init(&c->last_failed, 0);
	c->inputs = (as_future **)(void *)(c->slots + n);
	for (size_t i = 0; i < n; i++)
		c->inputs[i] = as_future_retain(futures[i]);
	as_future *out = c->out;
	for (size_t i = 0; i < n; i++) {
		as_future_slot *s = &c->slots[i];
		s->kind = AS_FUTURE_SLOT_INTERNAL;
		s->heap = false;
		s->fn.internal = combine_on_input;
		s->udata = c;
		as_future_attach(c->inputs[i], s);
	}
	combine_drop(c);
	return out;
}

as_future *as_future_all(as_future *const *futures, size_t n)
{
	return combine_new(futures, n, false);
}

as_future *as_future_any(as_future *const *futures, size_t n)
{
	return combine_new(futures, n, true);
}
