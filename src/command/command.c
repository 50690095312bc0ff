/* A command's life on its loop:
 *
 *   submit (any thread) --post--> QUEUED --start--> [wait for a slot] --> attempt:
 *   route -> pooled connection -> ON_CONN (request written with the batch flush)
 *   -> reply -> complete.  A failed or timed-out attempt retries (SLEEP or
 *   WAIT_MAP in between) while retries and the total deadline allow.
 *
 * The command's timer always guards its current state: the attempt's socket
 * timeout capped by the total deadline, or the pause before a retry. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "cluster/route.h"
#include "codec/proto.h"
#include "command/command.h"
#include "command/dispatch.h"
#include "command/pool.h"
#include "future/future_internal.h"
#include "model/alloc.h"
#include "model/recycle.h"

#define command_of(ptr, member) ((as_command *)(void *)((char *)(ptr) - offsetof(as_command, member)))

enum {
	CMD_QUEUED = 0,  /* posted to the loop or waiting for a process slot */
	CMD_WAIT_MAP,    /* waiting for a partition map */
	CMD_WAIT_CONN,   /* waiting for a connection: the node's pool is at its maximum */
	CMD_ON_CONN,     /* in a connection's FIFO */
	CMD_SLEEP,       /* pausing before a retry */
	CMD_DONE
};

static void command_attempt(as_command *cmd);
static void command_timeout(as_command *cmd);
static void command_send(as_command *cmd, as_conn *conn);
static void command_finish(as_command *cmd, const as_error *err);

/* Requests up to this size (every single-record command with a few bins)
 * use one command size, so freed commands can be reused, across threads:
 * commands are built on the submitting thread and freed on the loop. */
#define AS_COMMAND_SMALL 256

static as_recycler command_recycler = AS_RECYCLER_INIT(sizeof(as_command) + AS_COMMAND_SMALL, 256);
static _Thread_local as_recycle_cache command_cache;

as_command *as_command_new(as_dispatch *d, const uint8_t *req, size_t len)
{
	as_command *cmd;
	size_t cap = len <= AS_COMMAND_SMALL ? AS_COMMAND_SMALL : len;
	if (cap == AS_COMMAND_SMALL)
		cmd = as_recycle_get(&command_recycler, &command_cache);
	else
		cmd = as_malloc(sizeof(*cmd) + cap);
	memset(cmd, 0, offsetof(as_command, timer));
	cmd->disp = d;
	cmd->cap = cap;
	cmd->dl.queue = -1;
	memcpy(cmd->inline_buf, req, len);
	cmd->io.bytes = cmd->inline_buf;
	cmd->io.len = len;
	return cmd;
}

void as_command_free(as_command *cmd)
{
	if (cmd->node)
		as_node_release(cmd->node);
	if (cmd->target)
		as_node_release(cmd->target);
	if (cmd->future)
		as_future_release(cmd->future);
	if (cmd->cap == AS_COMMAND_SMALL)
		as_recycle_put(&command_recycler, &command_cache, cmd);
	else
		free(cmd);
}

void as_command_set_policy(as_command *cmd, const as_policy_base *p, bool is_write)
{
	cmd->is_write = is_write;
	cmd->socket_timeout_ms = p->socket_timeout;
	cmd->max_retries = p->max_retries;
	cmd->sleep_between_retries_ms = p->sleep_between_retries;
	cmd->total_timeout_ms = p->total_timeout;
	cmd->deadline_ns = p->total_timeout ? as_clock_ns() + (uint64_t)p->total_timeout * 1000000u : 0;
}

/* --- orphans ----------------------------------------------------------- */

/* What a timed-out command leaves in its connection's FIFO. The server
 * answers in order, so the late reply still comes: the orphan receives it
 * and drops it, and the connection lives on. Only when that reply is
 * overdue by the command's socket timeout is the connection given up. */
typedef struct command_orphan {
	as_conn_request io;
	as_dispatch *disp;
	as_conn *conn;
	uint8_t reply;               /* as_reply_kind: how much to drop */
	struct timeval patience;     /* how long the reply may still take */
	struct event timer;
} command_orphan;

static void orphan_on_timer(evutil_socket_t fd, short what, void *arg);

static void orphan_free(command_orphan *o)
{
	event_del(&o->timer);
	free(o);
}

/* A reply has left conn: with nothing in flight it goes back to its pool,
 * or straight to the oldest command waiting for one. */
static void command_conn_settle(as_dispatch *d, as_conn *conn)
{
	if (conn->n_inflight || conn->fd < 0)
		return;
	as_conn_request *waiter = as_pool_put(as_pool_of(conn->node, d->index), conn);
	if (waiter)
		command_send(command_of(waiter, io), conn);
}

/* cmd gives up its place on its connection, which keeps what is needed to
 * drop the reply. */
static void command_orphan_leave(as_command *cmd)
{
	as_conn *conn = cmd->io.conn;
	as_dispatch *d = cmd->disp;
	uint32_t patience = cmd->socket_timeout_ms ? cmd->socket_timeout_ms : cmd->total_timeout_ms;
	command_orphan *o = as_calloc(1, sizeof(*o));
	if (!as_conn_hand_over(conn, &cmd->io, &o->io)) {
		free(o);
		command_conn_settle(d, conn);
		return;
	}
	o->io.orphan = true;
	as_pool_note_late(as_pool_of(conn->node, d->index));
	o->disp = d;
	o->conn = conn;
	o->reply = cmd->reply;
	event_assign(&o->timer, as_loop_base(d->loop), -1, 0, orphan_on_timer, o);
	o->patience.tv_sec = (time_t)(patience / 1000);
	o->patience.tv_usec = (suseconds_t)((patience % 1000) * 1000);
	if (patience)
		event_add(&o->timer, &o->patience);
}

/* The orphan's reply did not come in time: the connection is stuck. */
static void orphan_on_timer_body(evutil_socket_t fd, short what, void *arg)
{
	command_orphan *o = arg;
	as_conn *conn = o->conn;
	as_pool *pool = as_pool_of(conn->node, o->disp->index);
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_CONNECTION,
	             "connection to node %s closed: no reply for a timed-out command ahead on it", conn->node->addr_str);
	pool->closed_timeout++;
	as_conn_close(conn, &err);   /* frees o, through command_on_close */
}
AS_LOOP_CALLBACK(orphan_on_timer, orphan_on_timer_body)

/* Whether f ends the reply the orphan waits for. -1: the stream cannot be
 * followed any more. */
static int orphan_reply_ends(const command_orphan *o, const as_frame *f)
{
	if (o->reply != AS_REPLY_STREAM)
		return 1;
	if (f->type != AS_PROTO_TYPE_MSG)
		return -1;
	size_t off = 0;
	as_error err;
	while (off < f->len) {
		as_msg_view m;
		if (as_msg_parse(f->body + off, f->len - off, &m, &err) != AEROSPIKE_OK)
			return -1;
		if (m.h.info3 & AS_INFO3_LAST)
			return 1;
		off += m.total;
	}
	return 0;
}

static void orphan_on_frame(as_conn *conn, command_orphan *o, const as_frame *f)
{
	int ends = orphan_reply_ends(o, f);
	if (ends < 0) {
		as_error err;
		as_error_set(&err, AEROSPIKE_ERR_CLIENT, "node %s: a late reply could not be followed",
		             conn->node->addr_str);
		as_conn_close(conn, &err);
		return;
	}
	if (!ends) {
		/* A stream is alive while frames come: patience counts from the last. */
		if (evtimer_pending(&o->timer, NULL))
			evtimer_add(&o->timer, &o->patience);
		return;
	}
	as_conn_pop(conn);
	as_dispatch *d = o->disp;
	orphan_free(o);
	command_conn_settle(d, conn);
}

/* --- timer ------------------------------------------------------------- */

static void command_on_timer(evutil_socket_t fd, short what, void *arg);

static void timer_arm(as_command *cmd, uint64_t ms)
{
	struct timeval tv = { (time_t)(ms / 1000), (suseconds_t)((ms % 1000) * 1000) };
	if (!cmd->timer_armed) {
		event_assign(&cmd->timer, as_loop_base(cmd->disp->loop), -1, 0, command_on_timer, cmd);
		cmd->timer_armed = true;
	}
	event_add(&cmd->timer, &tv);
}

static void timer_disarm(as_command *cmd)
{
	if (as_deadline_queued(&cmd->dl))
		as_deadline_remove(&cmd->disp->deadlines, &cmd->dl);
	if (cmd->timer_armed) {
		event_del(&cmd->timer);
		cmd->timer_armed = false;
	}
}

/* ms left before the total deadline; UINT64_MAX without one; 0 when past. */
static uint64_t total_left_ms(const as_command *cmd)
{
	if (!cmd->deadline_ns)
		return UINT64_MAX;
	uint64_t now = as_clock_ns();
	return now >= cmd->deadline_ns ? 0 : (cmd->deadline_ns - now + 999999) / 1000000;
}

/* Guard an attempt: socket timeout capped by what is left of the total.
 * Commands whose wait has a nominal duration (the socket timeout, or the
 * whole total timeout on a first attempt) share that duration's deadline
 * queue: no libevent call per command. */
static void timer_arm_attempt(as_command *cmd)
{
	as_deadlines *dl = &cmd->disp->deadlines;
	timer_disarm(cmd);
	/* The common case, a first attempt bounded by the total timeout, expires
	 * at the deadline: no clock read needed. */
	if (cmd->attempt == 0 && cmd->deadline_ns &&
	    (!cmd->socket_timeout_ms || cmd->socket_timeout_ms >= cmd->total_timeout_ms) &&
	    as_deadline_insert(dl, &cmd->dl, cmd->total_timeout_ms, cmd->deadline_ns, 0))
		return;
	uint64_t now = as_clock_ns();
	uint64_t sock = cmd->socket_timeout_ms ? now + (uint64_t)cmd->socket_timeout_ms * 1000000u : UINT64_MAX;
	uint64_t total = cmd->deadline_ns ? cmd->deadline_ns : UINT64_MAX;
	uint64_t expire = sock < total ? sock : total;
	if (expire == UINT64_MAX)
		return;
	uint32_t nominal = 0;
	if (sock <= total)
		nominal = cmd->socket_timeout_ms;
	else if (cmd->attempt == 0)
		nominal = cmd->total_timeout_ms;
	if (nominal && as_deadline_insert(dl, &cmd->dl, nominal, expire, now))
		return;
	uint64_t ms = expire > now ? (expire - now + 999999) / 1000000 : 0;
	timer_arm(cmd, ms);
}

static void command_on_deadline(as_deadline *e)
{
	command_timeout(command_of(e, dl));
}

void as_command_expire(as_dispatch *d)
{
	as_deadlines_expire(&d->deadlines, command_on_deadline);
}

/* --- lists ------------------------------------------------------------- */

static void list_push(as_command **head, as_command **tail, as_command *cmd)
{
	cmd->next = NULL;
	if (*tail)
		(*tail)->next = cmd;
	else
		*head = cmd;
	*tail = cmd;
}

static as_command *list_pop(as_command **head, as_command **tail)
{
	as_command *cmd = *head;
	if (cmd) {
		*head = cmd->next;
		if (!*head)
			*tail = NULL;
		cmd->next = NULL;
	}
	return cmd;
}

static void list_remove(as_command **head, as_command **tail, as_command *cmd)
{
	as_command *prev = NULL;
	for (as_command *c = *head; c; prev = c, c = c->next) {
		if (c != cmd)
			continue;
		if (prev)
			prev->next = c->next;
		else
			*head = c->next;
		if (*tail == c)
			*tail = prev;
		c->next = NULL;
		return;
	}
}

static void active_add(as_dispatch *d, as_command *cmd)
{
	cmd->active_prev = NULL;
	cmd->active_next = d->active;
	if (d->active)
		d->active->active_prev = cmd;
	d->active = cmd;
}

static void active_remove(as_dispatch *d, as_command *cmd)
{
	if (cmd->active_prev)
		cmd->active_prev->active_next = cmd->active_next;
	else if (d->active == cmd)
		d->active = cmd->active_next;
	if (cmd->active_next)
		cmd->active_next->active_prev = cmd->active_prev;
	cmd->active_prev = cmd->active_next = NULL;
}

/* --- start ------------------------------------------------------------- */

/* Tell the command's owner err and free it (a command that never started). */
static void command_fail_now(as_command *cmd, const as_error *err)
{
	if (cmd->future)
		as_future_complete_error(cmd->future, err);
	else if (cmd->done_fn)
		cmd->done_fn(cmd, NULL, 0, err);
	as_command_free(cmd);
}

static void command_start(as_command *cmd)
{
	as_dispatch *d = cmd->disp;
	if (d->closing) {
		atomic_fetch_sub_explicit(&d->queued, 1, memory_order_relaxed);
		as_error err;
		as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client closed");
		command_fail_now(cmd, &err);
		return;
	}
	uint32_t max = d->limits.max_commands_in_process;
	if (max && d->in_process >= max) {
		/* Wait without holding a socket; still counted as queued. */
		list_push(&d->wait_head, &d->wait_tail, cmd);
		return;
	}
	atomic_fetch_sub_explicit(&d->queued, 1, memory_order_relaxed);
	d->in_process++;
	active_add(d, cmd);
	if (cmd->deadline_ns && total_left_ms(cmd) == 0) {
		as_error err;
		as_error_set(&err, AEROSPIKE_ERR_TIMEOUT, "command timed out before it could start (total_timeout)");
		command_finish(cmd, &err);
		return;
	}
	command_attempt(cmd);
}

static void command_start_task(as_loop_task *task)
{
	command_start((as_command *)task);
}

void as_command_submit(as_command *cmd)
{
	as_dispatch *d = cmd->disp;
	as_error err;
	if (atomic_load_explicit(&d->closed, memory_order_acquire)) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client is closed");
		command_fail_now(cmd, &err);
		return;
	}
	uint32_t limit = d->limits.max_commands_in_queue;
	unsigned q = atomic_fetch_add_explicit(&d->queued, 1, memory_order_relaxed);
	if (limit && q >= limit) {
		atomic_fetch_sub_explicit(&d->queued, 1, memory_order_relaxed);
		as_error_set(&err, AEROSPIKE_ERR_ASYNC_QUEUE_FULL,
		             "loop %u has %u commands queued (max_commands_in_queue %u)", d->index, q, limit);
		command_fail_now(cmd, &err);
		return;
	}
	if (as_loop_on_thread(d->loop)) {
		/* Already on the loop (a chained step): start now, saving the post. */
		command_start(cmd);
		return;
	}
	as_loop_post(d->loop, &cmd->task, command_start_task);
}

/* --- attempts ---------------------------------------------------------- */

static as_node *command_route(as_command *cmd, as_error *err, bool *wait)
{
	if (cmd->target) {
		*wait = false;
		if (as_node_removed(cmd->target)) {
			as_error_set(err, AEROSPIKE_ERR_INVALID_NODE, "node %s left the cluster", cmd->target->name);
			return NULL;
		}
		return cmd->target;
	}
	as_dispatch *d = cmd->disp;
	as_route r = { .ns = cmd->ns, .partition_id = cmd->partition_id, .replica = (as_policy_replica)cmd->replica,
	               .attempt = cmd->attempt };
	return as_route_find(d->map, &r, &d->route, wait, err);
}

static as_pool *command_pool(const as_command *cmd)
{
	return as_pool_of(cmd->node, cmd->disp->index);
}

/* An attempt failed: retry if allowed, else finish with err. */
static void command_retry_or_fail(as_command *cmd, const as_error *err, bool retryable)
{
	as_dispatch *d = cmd->disp;
	if (cmd->node) {
		as_pool *pool = command_pool(cmd);
		pool->errors += err->code != AEROSPIKE_ERR_TIMEOUT;
		pool->timeouts += err->code == AEROSPIKE_ERR_TIMEOUT;
		as_node_release(cmd->node);
		cmd->node = NULL;
	}
	if (retryable && !d->closing && cmd->attempt < cmd->max_retries && total_left_ms(cmd) > 0) {
		cmd->attempt++;   /* command_send() counts the retry */
		if (cmd->sleep_between_retries_ms) {
			cmd->state = CMD_SLEEP;
			uint64_t ms = cmd->sleep_between_retries_ms;
			uint64_t left = total_left_ms(cmd);
			timer_arm(cmd, ms < left ? ms : left);
			return;
		}
		command_attempt(cmd);
		return;
	}
	as_error final;
	if (d->closing)
		as_error_set(&final, AEROSPIKE_ERR_CLIENT_ABORT, "client closed");
	else
		as_error_copy(&final, err);
	if (cmd->is_write && cmd->ever_sent)
		final.in_doubt = true;
	command_finish(cmd, &final);
}

static void command_send(as_command *cmd, as_conn *conn)
{
	as_pool *pool = command_pool(cmd);
	pool->commands++;
	if (cmd->attempt)
		pool->retries++;
	cmd->state = CMD_ON_CONN;
	cmd->io.sent = false;
	as_conn_push(conn, &cmd->io);
}

/* Ask cmd's node's pool for a connection: send on it, or wait for one
 * (the attempt's timer bounds the wait). False with err when neither. */
static bool command_take_conn(as_command *cmd, as_error *err)
{
	as_dispatch *d = cmd->disp;
	as_pool *pool = command_pool(cmd);
	as_conn *conn = as_pool_get(pool, &d->conns, cmd->node, &d->limits.pool, err);
	if (conn) {
		command_send(cmd, conn);
		return true;
	}
	if (err->code != AEROSPIKE_ERR_NO_MORE_CONNECTIONS)
		return false;
	cmd->state = CMD_WAIT_CONN;
	as_pool_wait(pool, &cmd->io);
	return true;
}

static void command_attempt(as_command *cmd)
{
	as_dispatch *d = cmd->disp;
	as_error err;
	bool wait;
	as_node *node = command_route(cmd, &err, &wait);
	if (!node) {
		if (wait) {
			cmd->state = CMD_WAIT_MAP;
			list_push(&d->nomap_head, &d->nomap_tail, cmd);
			timer_arm_attempt(cmd);
			return;
		}
		/* An unknown namespace will not appear by retrying. */
		command_retry_or_fail(cmd, &err, err.code != AEROSPIKE_ERR_NAMESPACE_NOT_FOUND);
		return;
	}
	cmd->node = as_node_retain(node);
	if (!command_take_conn(cmd, &err)) {
		command_retry_or_fail(cmd, &err, true);
		return;
	}
	timer_arm_attempt(cmd);
}

static void command_on_timer_body(evutil_socket_t fd, short what, void *arg)
{
	as_command *cmd = arg;
	cmd->timer_armed = false;
	command_timeout(cmd);
}

AS_LOOP_CALLBACK(command_on_timer, command_on_timer_body)

/* The current wait (attempt, retry pause, queue) is over. */
static void command_timeout(as_command *cmd)
{
	as_dispatch *d = cmd->disp;
	as_error err;
	switch (cmd->state) {
	case CMD_SLEEP:
		command_attempt(cmd);
		return;
	case CMD_WAIT_MAP:
		list_remove(&d->nomap_head, &d->nomap_tail, cmd);
		if (d->map && d->map->n_nodes)
			as_error_set(&err, AEROSPIKE_ERR_INVALID_NODE,
			             "no node serves partition %u of namespace '%s' (waited for a new partition map until the timeout)",
			             cmd->partition_id, cmd->ns);
		else
			as_error_set(&err, AEROSPIKE_ERR_TIMEOUT, "timed out waiting for the cluster's partition map");
		command_retry_or_fail(cmd, &err, false);
		return;
	case CMD_WAIT_CONN:
		as_pool_unwait(command_pool(cmd), &cmd->io);
		as_error_set(&err, AEROSPIKE_ERR_TIMEOUT,
		             "timed out waiting for a free connection to node %s (max_conns_per_node %u)",
		             cmd->node->addr_str, d->limits.pool.max_conns);
		command_retry_or_fail(cmd, &err, true);
		return;
	case CMD_ON_CONN: {
		bool total = total_left_ms(cmd) == 0;
		as_error_set(&err, AEROSPIKE_ERR_TIMEOUT, "%s timeout after %u ms on node %s (attempt %u)",
		             total ? "total" : "socket",
		             total ? cmd->total_timeout_ms : cmd->socket_timeout_ms, cmd->node ? cmd->node->addr_str : "?",
		             cmd->attempt + 1);
		if (cmd->io.sent)
			cmd->ever_sent = true;
		if (cmd->io.conn)
			command_orphan_leave(cmd);
		command_retry_or_fail(cmd, &err, true);
		return;
	}
	default:
		return;
	}
}

static void command_abort(as_command *cmd, const as_error *err)
{
	as_dispatch *d = cmd->disp;
	switch (cmd->state) {
	case CMD_WAIT_MAP:
		list_remove(&d->nomap_head, &d->nomap_tail, cmd);
		break;
	case CMD_WAIT_CONN:
		as_pool_unwait(command_pool(cmd), &cmd->io);
		break;
	case CMD_ON_CONN:
		if (cmd->io.conn)
			as_conn_abandon(cmd->io.conn, &cmd->io, err);
		break;
	default:
		break;
	}
	if (cmd->io.sent)
		cmd->ever_sent = true;
	as_error final;
	as_error_copy(&final, err);
	if (cmd->is_write && cmd->ever_sent)
		final.in_doubt = true;
	command_finish(cmd, &final);
}

void as_command_abort_all(as_dispatch *d, const as_error *err)
{
	as_command *cmd;
	while ((cmd = list_pop(&d->wait_head, &d->wait_tail))) {
		atomic_fetch_sub_explicit(&d->queued, 1, memory_order_relaxed);
		command_fail_now(cmd, err);
	}
	while (d->active)
		command_abort(d->active, err);
}

void as_command_resume_waiting(as_dispatch *d)
{
	as_command *list = d->nomap_head;
	d->nomap_head = d->nomap_tail = NULL;
	while (list) {
		as_command *cmd = list;
		list = cmd->next;
		cmd->next = NULL;
		command_attempt(cmd);
	}
}

/* --- completion -------------------------------------------------------- */

static void command_finish(as_command *cmd, const as_error *err)
{
	as_dispatch *d = cmd->disp;
	timer_disarm(cmd);
	cmd->state = CMD_DONE;
	active_remove(d, cmd);
	d->in_process--;
	if (err) {
		if (cmd->future)
			as_future_complete_error(cmd->future, err);
		else if (cmd->done_fn)
			cmd->done_fn(cmd, NULL, 0, err);
	}
	as_command_free(cmd);
	/* A slot is free: start the oldest waiting command. */
	if (d->wait_head && !d->closing)
		command_start(list_pop(&d->wait_head, &d->wait_tail));
}

/* cmd's reply is complete: it leaves its connection. A connection left with
 * nothing in flight goes back to its pool before cmd completes, so that a
 * callback submitting the next command finds it warm, or straight to the
 * oldest command waiting for one. */
static void command_leave_conn(as_command *cmd, as_conn *conn)
{
	as_conn_pop(conn);
	command_conn_settle(cmd->disp, conn);
}

/* cmd stops reading its stream at frame f. */
static void command_stream_abandon(as_command *cmd, as_conn *conn, const as_frame *f)
{
	command_orphan probe = { .reply = AS_REPLY_STREAM };
	int ends = orphan_reply_ends(&probe, f);
	if (ends > 0) {
		command_leave_conn(cmd, conn);
	} else if (ends == 0) {
		command_orphan_leave(cmd);
	} else {
		as_conn_abandon(conn, &cmd->io, NULL);
	}
}

static void command_on_stream(as_command *cmd, as_conn *conn, const as_frame *f)
{
	as_error err;
	if (f->type != AS_PROTO_TYPE_MSG) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT, "unexpected proto type %u in a multi-record reply", f->type);
		as_conn_abandon(conn, &cmd->io, NULL);
		command_retry_or_fail(cmd, &err, false);
		return;
	}
	int rc = cmd->frame_fn(cmd, f->body, f->len, &err);
	if (rc == 0) {
		/* More frames follow; the socket timeout counts from the last one. */
		timer_arm_attempt(cmd);
		return;
	}
	if (rc < 0) {
		/* The command is over (failed, or its caller stopped it) but its
		 * stream may go on: an orphan drops the rest, as after a timeout. */
		command_stream_abandon(cmd, conn, f);
		command_finish(cmd, &err);
		return;
	}
	command_leave_conn(cmd, conn);
	if (cmd->done_fn)
		cmd->done_fn(cmd, f->body, f->len, NULL);
	command_finish(cmd, NULL);
}

static void command_on_frame(as_conn *conn, as_conn_request *req, const as_frame *f)
{
	if (req->orphan) {
		orphan_on_frame(conn, (command_orphan *)(void *)req, f);
		return;
	}
	as_command *cmd = command_of(req, io);
	as_error err;
	if (cmd->reply == AS_REPLY_STREAM) {
		command_on_stream(cmd, conn, f);
		return;
	}
	command_leave_conn(cmd, conn);
	if (cmd->reply == AS_REPLY_INFO) {
		if (f->type != AS_PROTO_TYPE_INFO) {
			as_error_set(&err, AEROSPIKE_ERR_CLIENT, "expected an info reply, got proto type %u", f->type);
			as_conn_close(conn, &err);
			command_finish(cmd, &err);
			return;
		}
		if (cmd->done_fn)
			cmd->done_fn(cmd, f->body, f->len, NULL);
		command_finish(cmd, NULL);
		return;
	}
	as_msg_view m;
	if (f->type != AS_PROTO_TYPE_MSG || as_msg_parse(f->body, f->len, &m, &err) != AEROSPIKE_OK) {
		if (f->type != AS_PROTO_TYPE_MSG)
			as_error_set(&err, AEROSPIKE_ERR_CLIENT, "unsupported proto type %u in reply", f->type);
		as_conn_close(conn, &err);
		command_finish(cmd, &err);
		return;
	}
	if (cmd->msg_fn(cmd, &m, as_conn_loop_now_cf(conn->loop), &err) != AEROSPIKE_OK) {
		command_finish(cmd, &err);
		return;
	}
	command_finish(cmd, NULL);
}

/* conn closed with the commands of in_flight on it. */
static void command_on_close(as_conn *conn, as_conn_request *in_flight, const as_error *err)
{
	as_dispatch *d = (as_dispatch *)(void *)((char *)conn->loop - offsetof(as_dispatch, conns));
	as_conn_request *waiter = as_pool_forget(as_pool_of(conn->node, d->index), conn);
	if (waiter) {
		/* A slot opened below the maximum: the oldest waiting command may
		 * open a connection in it. */
		as_command *cmd = command_of(waiter, io);
		as_error e;
		if (d->closing)
			as_pool_wait(command_pool(cmd), waiter);
		else if (!command_take_conn(cmd, &e)) {
			timer_disarm(cmd);
			command_retry_or_fail(cmd, &e, true);
		}
	}
	while (in_flight) {
		as_conn_request *req = in_flight;
		in_flight = in_flight->next;
		if (req->orphan) {
			orphan_free((command_orphan *)(void *)req);
			continue;
		}
		as_command *cmd = command_of(req, io);
		cmd->io.next = NULL;
		timer_disarm(cmd);
		if (cmd->io.sent)
			cmd->ever_sent = true;
		command_retry_or_fail(cmd, err, true);
	}
}

const as_conn_events as_command_conn_events = { command_on_frame, command_on_close };
