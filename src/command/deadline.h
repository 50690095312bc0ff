/* Deadline queues. Most commands of a loop share a few timeout durations,
 * so instead of one libevent timer each they wait in FIFO queues, one per
 * duration, which keeps each queue ordered by expiry for free; one timer
 * per loop watches the queue heads. Entries are embedded in the objects
 * that wait (commands). Loop thread only. Private. */
#ifndef AS_COMMAND_DEADLINE_H
#define AS_COMMAND_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>
#include <event2/event.h>
#include <event2/event_struct.h>

#define AS_DEADLINE_QUEUES 4

/* One waiting object's place in a queue. */
typedef struct as_deadline {
	struct as_deadline *prev, *next;
	uint64_t expire_ns;     /* as_clock_ns() at which the wait ends */
	int8_t queue;           /* index of the queue it waits in, -1 when none */
} as_deadline;

typedef struct as_deadlines {
	struct {
		uint32_t ms;        /* the duration this queue holds; 0 = unused */
		as_deadline *head, *tail;
	} q[AS_DEADLINE_QUEUES];
	struct event ev;        /* fires at the earliest head's expiry */
	uint64_t when;          /* what ev is armed for, 0 = not armed */
} as_deadlines;

/* Set up on base; cb(arg) runs when the earliest entry is due. */
void as_deadlines_init(as_deadlines *dl, struct event_base *base, event_callback_fn cb, void *arg);
/* Stop the timer (the queues are left as they are). */
void as_deadlines_stop(as_deadlines *dl);

static inline void as_deadline_clear(as_deadline *e)
{
	e->prev = e->next = NULL;
	e->queue = -1;
}
static inline bool as_deadline_queued(const as_deadline *e)
{
	return e->queue >= 0;
}

/* Queue e until expire in the queue of duration ms; false when every queue
 * holds another duration (the caller then needs a timer of its own). now
 * is as_clock_ns() if the caller has it, else 0. */
bool as_deadline_insert(as_deadlines *dl, as_deadline *e, uint32_t ms, uint64_t expire, uint64_t now);
/* Take e out of its queue. */
void as_deadline_remove(as_deadlines *dl, as_deadline *e);
/* The timer fired: take every entry due (within 1 ms) out of its queue and
 * pass it to fn, then arm the timer for the earliest entry left. fn may
 * insert entries again. */
void as_deadlines_expire(as_deadlines *dl, void (*fn)(as_deadline *e));

#endif
