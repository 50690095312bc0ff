/* The per-loop dispatcher's events, map updates and close (see dispatch.h). */
#include <stdlib.h>
#include "command/dispatch.h"
#include "model/alloc.h"

static void dispatch_on_deadline_body(evutil_socket_t fd, short what, void *arg)
{
	as_command_expire(arg);
}
AS_LOOP_CALLBACK(dispatch_on_deadline, dispatch_on_deadline_body)

static void dispatch_on_reap_body(evutil_socket_t fd, short what, void *arg)
{
	as_dispatch *d = arg;
	as_pool_reap(&d->conns, d->index, &d->limits.pool, as_clock_coarse_ms());
}
AS_LOOP_CALLBACK(dispatch_on_reap, dispatch_on_reap_body)

static as_dispatch *dispatch_of(as_loop_task *task, size_t offset)
{
	return (as_dispatch *)(void *)((char *)task - offset);
}

static void dispatch_init_run(as_loop_task *task)
{
	as_dispatch *d = dispatch_of(task, offsetof(as_dispatch, init_task));
	struct event_base *base = as_loop_base(d->loop);
	as_conn_loop_init(&d->conns, base, &as_command_conn_events);
	as_deadlines_init(&d->deadlines, base, dispatch_on_deadline, d);
	event_assign(&d->reap_ev, base, -1, EV_PERSIST, dispatch_on_reap, d);
	struct timeval tv = { 1, 0 };
	event_add(&d->reap_ev, &tv);
}

void as_dispatch_init(as_dispatch *d, as_loop *loop, unsigned index, const as_dispatch_limits *limits)
{
	d->loop = loop;
	d->index = index;
	d->limits = *limits;
	atomic_init(&d->closed, false);
	atomic_init(&d->queued, 0);
	as_loop_post(loop, &d->init_task, dispatch_init_run);
}

static void dispatch_set_map(as_dispatch *d, as_cluster_map *map)
{
	if (d->closing) {
		as_cluster_map_release(map);
		return;
	}
	as_cluster_map *old = d->map;
	d->map = map;
	d->route.map = NULL;  /* the old map's address may be reused */
	if (old)
		as_cluster_map_release(old);
	/* Drop idle connections of nodes that left; busy ones close when done. */
	as_pool_reap(&d->conns, d->index, &d->limits.pool, as_clock_coarse_ms());
	as_pool_fill_min(d->map, d->index, &d->conns, &d->limits.pool);
	as_command_resume_waiting(d);
}

typedef struct map_post {
	as_loop_task task;
	as_dispatch *d;
	as_cluster_map *map;
} map_post;

static void map_post_run(as_loop_task *task)
{
	map_post *p = (map_post *)task;
	dispatch_set_map(p->d, p->map);
	free(p);
}

void as_dispatch_publish(as_dispatch *ds, unsigned n, as_cluster_map *map)
{
	for (unsigned i = 0; i < n; i++) {
		as_dispatch *d = &ds[i];
		if (as_loop_on_thread(d->loop)) {
			dispatch_set_map(d, as_cluster_map_retain(map));
			continue;
		}
		map_post *p = as_malloc(sizeof(*p));
		p->d = d;
		p->map = as_cluster_map_retain(map);
		as_loop_post(d->loop, &p->task, map_post_run);
	}
}

static void dispatch_close_run(as_loop_task *task)
{
	as_dispatch *d = dispatch_of(task, offsetof(as_dispatch, close_task));
	d->closing = true;
	d->conns.closing = true;
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client closed");
	as_command_abort_all(d, &err);
	while (d->conns.all)
		as_conn_close(d->conns.all, &err);
	as_conn_flush_all(&d->conns);  /* lets go of connections closed while dirty */
	event_del(&d->conns.flush_ev);
	event_del(&d->reap_ev);
	as_deadlines_stop(&d->deadlines);
	if (d->map) {
		as_cluster_map_release(d->map);
		d->map = NULL;
	}
}

void as_dispatch_close(as_dispatch *d)
{
	atomic_store_explicit(&d->closed, true, memory_order_release);
	as_loop_post(d->loop, &d->close_task, dispatch_close_run);
}
