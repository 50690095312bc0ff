/* The layout of as_future, shared by future.c and future_combine.c. Private
 * to src/future: everything else goes through future.h/future_internal.h. */
#ifndef AS_FUTURE_IMPL_H
#define AS_FUTURE_IMPL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "future/future_internal.h"

#define as_container_of(ptr, type, member) ((type *)(void *)((char *)(ptr) - offsetof(type, member)))

typedef struct as_future_slot as_future_slot;

/* An internal callback gets the slot so it can find its owner (container_of). */
typedef void (*as_future_slot_fn)(as_future *done, as_future_slot *slot);

enum as_future_slot_kind {
	AS_FUTURE_SLOT_USER = 0,  /* as_future_on_done(): fn.user(f, udata) */
	AS_FUTURE_SLOT_INTERNAL   /* then, forwarding, all/any: fn.internal(f, slot) */
};

/* One callback waiting for a future. Slots are intrusive: the first user
 * callback lives inside the future, a then-chained future carries the slot
 * linking it to its parent, all/any carry one per input; only a second or
 * later as_future_on_done() allocates. */
struct as_future_slot {
	as_future_slot *next;
	uint8_t kind;
	bool heap;                 /* allocated: freed once its callback ran */
	union {
		as_future_cb user;
		as_future_slot_fn internal;
	} fn;
	void *udata;
};

/* ctl: the callbacks not yet run, as a stack (newest first) whose pointer
 * shares the word with three flags, so attaching, completing and running
 * each agree through one compare-and-swap instead of a lock. Slots are at
 * least 8-byte aligned, which leaves the low bits free. */
#define AS_FUTURE_CTL_CLAIMED ((uintptr_t)1)  /* a completion won; results being written */
#define AS_FUTURE_CTL_DONE ((uintptr_t)2)     /* results and state published */
#define AS_FUTURE_CTL_RUNNING ((uintptr_t)4)  /* a callback run is scheduled or under way */
#define AS_FUTURE_CTL_BITS ((uintptr_t)7)

struct as_future {
	atomic_uintptr_t ctl;      /* slot stack | AS_FUTURE_CTL_* (see above) */
	atomic_int state;          /* as_future_state; set once, after the results */
	atomic_int refs;
	as_loop *loop;             /* where callbacks run; NULL: see future.h */
	uint32_t magic;            /* live or released (see as_future_release) */

	/* From here to `first`, everything starts zero (as_future_create). */
	atomic_uint waiters;       /* threads blocked in as_future_wait*() */
	atomic_bool first_used;    /* slot first holds a callback not yet taken to run */
	bool exists;
	/* Results, written before state leaves PENDING and read after. */
	const as_result_kind *kind; /* what the result is; NULL: none */
	_Atomic(as_record *) rec;  /* atomic: as_future_take_record() may race a reader */
	void *value;               /* any other result (text, batch, ...) */
	void (*value_free)(void *);
	as_future *source;         /* chained: the step whose result this future shows (owned) */
	as_future_then_fn then_fn;
	long any_index;            /* as_future_any(): the winning input + 1, else 0 */

	as_future_slot first;      /* inline storage for the first as_future_on_done() */
	as_future_slot link;       /* then: our slot in the parent, then in the step's future */
	as_loop_task task;         /* runs the callbacks on the loop */

	as_error err;              /* FAILED: what went wrong (untouched otherwise) */
};

/* Queue slot on f; if f is already done, schedule the callbacks (never run
 * them inside this call when a loop is at hand). */
void as_future_attach(as_future *f, as_future_slot *slot);

#endif
