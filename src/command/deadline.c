/* Deadline queues (see deadline.h). */
#include "command/deadline.h"
#include "loop/loop.h"

void as_deadlines_init(as_deadlines *dl, struct event_base *base, event_callback_fn cb, void *arg)
{
	event_assign(&dl->ev, base, -1, 0, cb, arg);
	dl->when = 0;
}

void as_deadlines_stop(as_deadlines *dl)
{
	event_del(&dl->ev);
	dl->when = 0;
}

static void deadlines_arm(as_deadlines *dl, uint64_t when, uint64_t now)
{
	if (dl->when && dl->when <= when)
		return;
	if (!now)
		now = as_clock_ns();
	uint64_t us = when > now ? (when - now + 999) / 1000 : 0;
	struct timeval tv = { (time_t)(us / 1000000), (suseconds_t)(us % 1000000) };
	event_add(&dl->ev, &tv);
	dl->when = when;
}

bool as_deadline_insert(as_deadlines *dl, as_deadline *e, uint32_t ms, uint64_t expire, uint64_t now)
{
	int slot = -1;
	for (int i = 0; i < AS_DEADLINE_QUEUES; i++) {
		if (dl->q[i].ms == ms) {
			slot = i;
			break;
		}
		if (slot < 0 && !dl->q[i].head)
			slot = i;
	}
	if (slot < 0)
		return false;
	dl->q[slot].ms = ms;
	e->queue = (int8_t)slot;
	e->expire_ns = expire;
	e->next = NULL;
	e->prev = dl->q[slot].tail;
	if (dl->q[slot].tail)
		dl->q[slot].tail->next = e;
	else
		dl->q[slot].head = e;
	dl->q[slot].tail = e;
	if (dl->q[slot].head == e)
		deadlines_arm(dl, expire, now);
	return true;
}

void as_deadline_remove(as_deadlines *dl, as_deadline *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		dl->q[e->queue].head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		dl->q[e->queue].tail = e->prev;
	as_deadline_clear(e);
}

void as_deadlines_expire(as_deadlines *dl, void (*fn)(as_deadline *e))
{
	dl->when = 0;
	/* Slack: an entry due within 1 ms goes now rather than re-arming. */
	uint64_t now = as_clock_ns() + 1000000u;
	for (int i = 0; i < AS_DEADLINE_QUEUES; i++) {
		as_deadline *e;
		while ((e = dl->q[i].head) && e->expire_ns <= now) {
			as_deadline_remove(dl, e);
			fn(e);
		}
	}
	uint64_t next = 0;
	for (int i = 0; i < AS_DEADLINE_QUEUES; i++)
		if (dl->q[i].head && (!next || dl->q[i].head->expire_ns < next))
			next = dl->q[i].head->expire_ns;
	if (next)
		deadlines_arm(dl, next, as_clock_ns());
}
