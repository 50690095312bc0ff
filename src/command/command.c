/* A command's life on its loop:
 *
 *   submit (any thread) --post--> QUEUED --start--> [WAIT_SLOT] --> attempt:
 *   route -> pool connection -> ON_CONN (request written with the batch flush)
 *   -> reply -> complete.  A failed or timed-out attempt retries (SLEEP or
 *   WAIT_MAP in between) while retries and the total deadline allow.
 *
 * The command's timer always guards its current state: the attempt's socket
 * timeout capped by the total deadline, or the pause before a retry. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "client/client_internal.h"
#include "cluster/map.h"
#include "codec/msg.h"
#include "codec/proto.h"
#include "command/command.h"
#include "command/conn.h"
#include "command/pool.h"
#include "future/future_internal.h"
#include "model/alloc.h"
#include "model/recycle.h"

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

as_command *as_command_new(as_loop_ctx *ctx, const uint8_t *req, size_t len)
{
	as_command *cmd;
	size_t cap = len <= AS_COMMAND_SMALL ? AS_COMMAND_SMALL : len;
	if (cap == AS_COMMAND_SMALL)
		cmd = as_recycle_get(&command_recycler, &command_cache);
	else
		cmd = as_malloc(sizeof(*cmd) + cap);
	memset(cmd, 0, offsetof(as_command, timer));
	cmd->cap = cap;
	cmd->dq = -1;
	cmd->req = cmd->inline_buf;
	memcpy(cmd->req, req, len);
	cmd->len = len;
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

/* --- timer ------------------------------------------------------------- */

static void command_on_timer(evutil_socket_t fd, short what, void *arg);

static void timer_arm(as_command *cmd, uint64_t ms)
{
	struct timeval tv = { (time_t)(ms / 1000), (suseconds_t)((ms % 1000) * 1000) };
	if (!cmd->timer_armed) {
		event_assign(&cmd->timer, as_loop_base(cmd->ctx->loop), -1, 0, command_on_timer, cmd);
		cmd->timer_armed = true;
	}
	event_add(&cmd->timer, &tv);
}

static void dq_unlink(as_command *cmd)
{
	as_deadline_queue *q = &cmd->ctx->dq[cmd->dq];
	if (cmd->dq_prev)
		cmd->dq_prev->dq_next = cmd->dq_next;
	else
		q->head = cmd->dq_next;
	if (cmd->dq_next)
		cmd->dq_next->dq_prev = cmd->dq_prev;
	else
		q->tail = cmd->dq_prev;
	cmd->dq_prev = cmd->dq_next = NULL;
	cmd->dq = -1;
}

static void timer_disarm(as_command *cmd)
{
	if (cmd->dq >= 0)
		dq_unlink(cmd);
	if (cmd->timer_armed) {
		event_del(&cmd->timer);
		cmd->timer_armed = false;
	}
}

static void dq_arm(as_loop_ctx *ctx, uint64_t when, uint64_t now)
{
	if (ctx->dq_when && ctx->dq_when <= when)
		return;
	if (!now)
		now = as_clock_ns();
	uint64_t us = when > now ? (when - now + 999) / 1000 : 0;
	struct timeval tv = { (time_t)(us / 1000000), (suseconds_t)(us % 1000000) };
	event_add(&ctx->dq_ev, &tv);
	ctx->dq_when = when;
}

/* Wait in the queue of duration ms until expire; false if no queue is free
 * for that duration (the caller then uses the command's own timer). */
static bool dq_insert(as_command *cmd, uint32_t ms, uint64_t expire, uint64_t now)
{
	as_loop_ctx *ctx = cmd->ctx;
	as_deadline_queue *q = NULL;
	for (int i = 0; i < AS_DEADLINE_QUEUES; i++) {
		if (ctx->dq[i].ms == ms) {
			q = &ctx->dq[i];
			break;
		}
		if (!q && !ctx->dq[i].head)
			q = &ctx->dq[i];
	}
	if (!q)
		return false;
	q->ms = ms;
	cmd->dq = (int8_t)(q - ctx->dq);
	cmd->expire_ns = expire;
	cmd->dq_next = NULL;
	cmd->dq_prev = q->tail;
	if (q->tail)
		q->tail->dq_next = cmd;
	else
		q->head = cmd;
	q->tail = cmd;
	if (q->head == cmd)
		dq_arm(ctx, expire, now);
	return true;
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
 * whole total timeout on a first attempt) share that duration's FIFO queue:
 * no libevent call per command. */
static void timer_arm_attempt(as_command *cmd)
{
	timer_disarm(cmd);
	/* The common case, a first attempt bounded by the total timeout, expires
	 * at the deadline: no clock read needed. */
	if (cmd->attempt == 0 && cmd->deadline_ns &&
	    (!cmd->socket_timeout_ms || cmd->socket_timeout_ms >= cmd->total_timeout_ms) &&
	    dq_insert(cmd, cmd->total_timeout_ms, cmd->deadline_ns, 0))
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
	if (nominal && dq_insert(cmd, nominal, expire, now))
		return;
	uint64_t ms = expire > now ? (expire - now + 999999) / 1000000 : 0;
	timer_arm(cmd, ms);
}

void as_command_deadlines_fire(as_loop_ctx *ctx)
{
	ctx->dq_when = 0;
	/* Slack: a command due within 1 ms goes now rather than re-arming. */
	uint64_t now = as_clock_ns() + 1000000u;
	for (int i = 0; i < AS_DEADLINE_QUEUES; i++) {
		as_deadline_queue *q = &ctx->dq[i];
		while (q->head && q->head->expire_ns <= now) {
			as_command *cmd = q->head;
			dq_unlink(cmd);
			command_timeout(cmd);
		}
	}
	uint64_t next = 0;
	for (int i = 0; i < AS_DEADLINE_QUEUES; i++)
		if (ctx->dq[i].head && (!next || ctx->dq[i].head->expire_ns < next))
			next = ctx->dq[i].head->expire_ns;
	if (next)
		dq_arm(ctx, next, as_clock_ns());
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

static void active_add(as_loop_ctx *ctx, as_command *cmd)
{
	cmd->active_prev = NULL;
	cmd->active_next = ctx->active;
	if (ctx->active)
		ctx->active->active_prev = cmd;
	ctx->active = cmd;
}

static void active_remove(as_loop_ctx *ctx, as_command *cmd)
{
	if (cmd->active_prev)
		cmd->active_prev->active_next = cmd->active_next;
	else if (ctx->active == cmd)
		ctx->active = cmd->active_next;
	if (cmd->active_next)
		cmd->active_next->active_prev = cmd->active_prev;
	cmd->active_prev = cmd->active_next = NULL;
}

/* --- start ------------------------------------------------------------- */

static void command_fail_now(as_command *cmd, as_status code, const char *msg)
{
	as_error err;
	as_error_set(&err, code, "%s", msg);
	if (cmd->future)
		as_future_complete_error(cmd->future, &err);
	else if (cmd->done_fn)
		cmd->done_fn(cmd, NULL, 0, &err);
	as_command_free(cmd);
}

static void command_start(as_command *cmd)
{
	as_loop_ctx *ctx = cmd->ctx;
	if (ctx->closing) {
		atomic_fetch_sub_explicit(&ctx->queued, 1, memory_order_relaxed);
		command_fail_now(cmd, AEROSPIKE_ERR_CLIENT_ABORT, "client closed");
		return;
	}
	uint32_t max = ctx->client->cfg.max_commands_in_process;
	if (max && ctx->in_process >= max) {
		/* Wait without holding a socket; still counted as queued. */
		list_push(&ctx->wait_head, &ctx->wait_tail, cmd);
		return;
	}
	atomic_fetch_sub_explicit(&ctx->queued, 1, memory_order_relaxed);
	if (cmd->deadline_ns && total_left_ms(cmd) == 0) {
		ctx->in_process++;
		active_add(ctx, cmd);
		as_error err;
		as_error_set(&err, AEROSPIKE_ERR_TIMEOUT, "command timed out before it could start (total_timeout)");
		command_finish(cmd, &err);
		return;
	}
	ctx->in_process++;
	active_add(ctx, cmd);
	command_attempt(cmd);
}

static void command_start_task(as_loop_task *task)
{
	command_start((as_command *)task);
}

void as_command_submit(as_loop_ctx *ctx, as_command *cmd)
{
	cmd->ctx = ctx;
	if (atomic_load_explicit(&ctx->client->closed, memory_order_acquire)) {
		command_fail_now(cmd, AEROSPIKE_ERR_CLIENT_ABORT, "client is closed");
		return;
	}
	uint32_t limit = ctx->client->cfg.max_commands_in_queue;
	unsigned q = atomic_fetch_add_explicit(&ctx->queued, 1, memory_order_relaxed);
	if (limit && q >= limit) {
		atomic_fetch_sub_explicit(&ctx->queued, 1, memory_order_relaxed);
		char msg[128];
		snprintf(msg, sizeof(msg), "loop %u has %u commands queued (max_commands_in_queue %u)", ctx->index, q,
		         limit);
		command_fail_now(cmd, AEROSPIKE_ERR_ASYNC_QUEUE_FULL, msg);
		return;
	}
	if (as_loop_on_thread(ctx->loop)) {
		/* Already on the loop (a chained step): start now, saving the post. */
		command_start(cmd);
		return;
	}
	as_loop_post(ctx->loop, &cmd->task, command_start_task);
}

/* --- attempts ---------------------------------------------------------- */

static as_node *command_route(as_command *cmd, as_error *err, bool *wait)
{
	*wait = false;
	if (cmd->target) {
		if (atomic_load_explicit(&cmd->target->removed, memory_order_relaxed)) {
			as_error_set(err, AEROSPIKE_ERR_INVALID_NODE, "node %s left the cluster", cmd->target->name);
			return NULL;
		}
		return cmd->target;
	}
	const as_cluster_map *map = cmd->ctx->map;
	if (!map || map->n_nodes == 0) {
		*wait = true;
		return NULL;
	}
	/* Commands of a loop mostly name one namespace: remember its table for
	 * this map (both names are zero-padded, so a fixed-size compare works). */
	as_loop_ctx *ctx = cmd->ctx;
	const as_ns_table *t;
	if (ctx->ns_map == map && memcmp(ctx->ns_name, cmd->ns, sizeof(cmd->ns)) == 0) {
		t = ctx->ns_table;
	} else {
		t = as_cluster_map_ns(map, cmd->ns);
		ctx->ns_map = map;
		ctx->ns_table = t;
		memcpy(ctx->ns_name, cmd->ns, sizeof(ctx->ns_name));
	}
	if (!t) {
		as_error_set(err, AEROSPIKE_ERR_NAMESPACE_NOT_FOUND, "namespace '%s' is not in the cluster's partition map",
		             cmd->ns);
		return NULL;
	}
	unsigned n = t->n_replicas ? t->n_replicas : 1;
	unsigned r = cmd->replica_sequence ? cmd->attempt % n : 0;
	as_node *node = t->nodes[r][cmd->partition_id];
	if (!node)
		node = t->nodes[0][cmd->partition_id];
	if (!node) {
		/* The partition is between owners (a node left, or the map is still
		 * being filled in): wait for the next map, within the timeout. */
		as_error_set(err, AEROSPIKE_ERR_INVALID_NODE, "no node serves partition %u of namespace '%s'",
		             cmd->partition_id, cmd->ns);
		*wait = true;
		return NULL;
	}
	return node;
}

/* An attempt failed: retry if allowed, else finish with err. */
static void command_retry_or_fail(as_command *cmd, const as_error *err, bool retryable)
{
	as_loop_ctx *ctx = cmd->ctx;
	if (cmd->node) {
		as_pool *pool = &cmd->node->pools[ctx->index];
		pool->errors += err->code != AEROSPIKE_ERR_TIMEOUT;
		pool->timeouts += err->code == AEROSPIKE_ERR_TIMEOUT;
		as_node_release(cmd->node);
		cmd->node = NULL;
	}
	if (retryable && !ctx->closing && cmd->attempt < cmd->max_retries && total_left_ms(cmd) > 0) {
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
	if (ctx->closing)
		as_error_set(&final, AEROSPIKE_ERR_CLIENT_ABORT, "client closed");
	else
		as_error_copy(&final, err);
	if (cmd->is_write && cmd->ever_sent)
		final.in_doubt = true;
	command_finish(cmd, &final);
}

static void command_send(as_command *cmd, as_conn *conn)
{
	as_pool *pool = &cmd->node->pools[cmd->ctx->index];
	pool->commands++;
	if (cmd->attempt)
		pool->retries++;
	cmd->state = CMD_ON_CONN;
	cmd->sent = false;
	as_conn_push(conn, cmd);
}

static void command_attempt(as_command *cmd)
{
	as_loop_ctx *ctx = cmd->ctx;
	as_error err;
	bool wait;
	as_node *node = command_route(cmd, &err, &wait);
	if (!node) {
		if (wait) {
			cmd->state = CMD_WAIT_MAP;
			list_push(&ctx->nomap_head, &ctx->nomap_tail, cmd);
			timer_arm_attempt(cmd);
			return;
		}
		/* An unknown namespace will not appear by retrying. */
		command_retry_or_fail(cmd, &err, err.code != AEROSPIKE_ERR_NAMESPACE_NOT_FOUND);
		return;
	}
	cmd->node = as_node_retain(node);
	as_conn *conn = as_pool_get(ctx, node, &err);
	if (!conn) {
		if (err.code == AEROSPIKE_ERR_NO_MORE_CONNECTIONS) {
			/* Wait for a connection rather than fail: the attempt's timer
			 * bounds the wait. */
			cmd->state = CMD_WAIT_CONN;
			as_pool_wait(ctx, node, cmd);
			timer_arm_attempt(cmd);
			return;
		}
		command_retry_or_fail(cmd, &err, true);
		return;
	}
	command_send(cmd, conn);
	timer_arm_attempt(cmd);
}

void as_command_on_conn_ready(as_command *cmd, as_conn *conn)
{
	command_send(cmd, conn);
}

void as_command_on_conn_slot(as_command *cmd)
{
	as_error err;
	as_conn *conn = as_pool_get(cmd->ctx, cmd->node, &err);
	if (!conn) {
		if (err.code == AEROSPIKE_ERR_NO_MORE_CONNECTIONS) {
			as_pool_wait(cmd->ctx, cmd->node, cmd);
			return;
		}
		timer_disarm(cmd);
		command_retry_or_fail(cmd, &err, true);
		return;
	}
	command_send(cmd, conn);
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
	as_loop_ctx *ctx = cmd->ctx;
	switch (cmd->state) {
	case CMD_SLEEP:
		command_attempt(cmd);
		return;
	case CMD_WAIT_MAP: {
		list_remove(&ctx->nomap_head, &ctx->nomap_tail, cmd);
		as_error err;
		if (cmd->ctx->map && cmd->ctx->map->n_nodes)
			as_error_set(&err, AEROSPIKE_ERR_INVALID_NODE,
			             "no node serves partition %u of namespace '%s' (waited for a new partition map until the timeout)",
			             cmd->partition_id, cmd->ns);
		else
			as_error_set(&err, AEROSPIKE_ERR_TIMEOUT, "timed out waiting for the cluster's partition map");
		command_retry_or_fail(cmd, &err, false);
		return;
	}
	case CMD_WAIT_CONN: {
		as_pool_unwait(ctx, cmd->node, cmd);
		as_error err;
		as_error_set(&err, AEROSPIKE_ERR_TIMEOUT,
		             "timed out waiting for a free connection to node %s (max_conns_per_node %u)",
		             cmd->node->addr_str, ctx->client->cfg.max_conns_per_node);
		command_retry_or_fail(cmd, &err, true);
		return;
	}
	case CMD_ON_CONN: {
		as_error err;
		bool total = total_left_ms(cmd) == 0;
		as_error_set(&err, AEROSPIKE_ERR_TIMEOUT, "%s timeout after %u ms on node %s (attempt %u)",
		             total ? "total" : "socket",
		             total ? cmd->total_timeout_ms : cmd->socket_timeout_ms, cmd->node ? cmd->node->addr_str : "?",
		             cmd->attempt + 1);
		if (cmd->sent)
			cmd->ever_sent = true;
		/* The late reply could not be matched any more: the connection goes,
		 * and the commands queued behind this one on it are retried. */
		as_error victims;
		as_error_set(&victims, AEROSPIKE_ERR_CONNECTION,
		             "connection to node %s closed: a command ahead on it timed out",
		             cmd->node ? cmd->node->addr_str : "?");
		if (cmd->conn)
			as_conn_abandon(cmd->conn, cmd, &victims);
		command_retry_or_fail(cmd, &err, true);
		return;
	}
	default:
		return;
	}
}

void as_command_on_conn_error(as_command *cmd, const as_error *err)
{
	timer_disarm(cmd);
	if (cmd->sent)
		cmd->ever_sent = true;
	command_retry_or_fail(cmd, err, true);
}

void as_command_abort(as_command *cmd, const as_error *err)
{
	as_loop_ctx *ctx = cmd->ctx;
	switch (cmd->state) {
	case CMD_WAIT_MAP:
		list_remove(&ctx->nomap_head, &ctx->nomap_tail, cmd);
		break;
	case CMD_WAIT_CONN:
		as_pool_unwait(ctx, cmd->node, cmd);
		break;
	case CMD_ON_CONN:
		if (cmd->conn) {
			as_error e;
			as_error_copy(&e, err);
			as_conn_abandon(cmd->conn, cmd, &e);
		}
		break;
	default:
		break;
	}
	if (cmd->sent)
		cmd->ever_sent = true;
	as_error final;
	as_error_copy(&final, err);
	if (cmd->is_write && cmd->ever_sent)
		final.in_doubt = true;
	command_finish(cmd, &final);
}

void as_command_resume_waiting(as_loop_ctx *ctx)
{
	as_command *list = ctx->nomap_head;
	ctx->nomap_head = ctx->nomap_tail = NULL;
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
	as_loop_ctx *ctx = cmd->ctx;
	timer_disarm(cmd);
	cmd->state = CMD_DONE;
	active_remove(ctx, cmd);
	ctx->in_process--;
	if (err) {
		if (cmd->future)
			as_future_complete_error(cmd->future, err);
		else if (cmd->done_fn)
			cmd->done_fn(cmd, NULL, 0, err);
	}
	as_command_free(cmd);
	/* A slot is free: start the oldest waiting command. */
	if (ctx->wait_head && !ctx->closing) {
		as_command *next = list_pop(&ctx->wait_head, &ctx->wait_tail);
		command_start(next);
	}
}

/* The wall clock for a reply's ttl: the read callback's reading when inside one. */
static uint32_t ctx_now_cf(const as_loop_ctx *ctx)
{
	return ctx->read_depth ? ctx->now_cf : as_now_cf();
}

static void reply_error(as_command *cmd, as_error *err, uint8_t code)
{
	as_error_set(err, (as_status)code, "%s (node %s)", as_status_str((as_status)code),
	             cmd->node ? cmd->node->addr_str : "?");
}

void as_command_on_reply(as_command *cmd, const uint8_t *body, size_t len, uint8_t type)
{
	as_conn *conn = cmd->conn;
	as_error err;
	as_msg_view m;

	if (cmd->kind == AS_CMD_MULTI) {
		if (type != AS_PROTO_TYPE_MSG) {
			as_error_set(&err, AEROSPIKE_ERR_CLIENT, "unexpected proto type %u in a multi-record reply", type);
			as_conn_abandon(conn, cmd, NULL);
			command_retry_or_fail(cmd, &err, false);
			return;
		}
		int rc = cmd->frame_fn(cmd, body, len, &err);
		if (rc == 0) {
			/* More frames follow; the socket timeout counts from the last one. */
			timer_arm_attempt(cmd);
			return;
		}
		as_conn_pop(conn);
		if (rc < 0) {
			/* The rest of this reply stream is lost to us: drop the connection. */
			as_conn_close(conn, NULL);
			command_finish(cmd, &err);
			return;
		}
		if (cmd->done_fn)
			cmd->done_fn(cmd, body, len, NULL);
		command_finish(cmd, NULL);
		return;
	}

	as_conn_pop(conn);
	if (cmd->kind == AS_CMD_INFO) {
		if (type != AS_PROTO_TYPE_INFO) {
			as_error_set(&err, AEROSPIKE_ERR_CLIENT, "expected an info reply, got proto type %u", type);
			as_conn_close(conn, &err);
			command_finish(cmd, &err);
			return;
		}
		/* Info commands are internal: as_info() completes its future in done_fn. */
		if (cmd->done_fn)
			cmd->done_fn(cmd, body, len, NULL);
		command_finish(cmd, NULL);
		return;
	}

	if (type != AS_PROTO_TYPE_MSG || as_msg_parse(body, len, &m, &err) != AEROSPIKE_OK) {
		if (type != AS_PROTO_TYPE_MSG)
			as_error_set(&err, AEROSPIKE_ERR_CLIENT, "unsupported proto type %u in reply", type);
		as_conn_close(conn, &err);
		command_finish(cmd, &err);
		return;
	}
	if (!cmd->future) {
		/* Internal callers decode the reply themselves, from this parse. */
		cmd->reply = &m;
		if (cmd->done_fn)
			cmd->done_fn(cmd, body, len, NULL);
		cmd->reply = NULL;
		command_finish(cmd, NULL);
		return;
	}
	uint8_t rc = m.h.result_code;
	switch (cmd->kind) {
	case AS_CMD_WRITE:
		if (rc) {
			reply_error(cmd, &err, rc);
			command_finish(cmd, &err);
			return;
		}
		as_future_complete_ok(cmd->future);
		break;
	case AS_CMD_EXISTS:
		if (rc && rc != AEROSPIKE_ERR_RECORD_NOT_FOUND) {
			reply_error(cmd, &err, rc);
			command_finish(cmd, &err);
			return;
		}
		if (rc) {
			as_future_complete_exists(cmd->future, false, NULL);
			break;
		}
		/* Found: the header's generation and ttl, as command.h promises. */
		{
			as_record *meta = NULL;
			if (as_msg_to_record(&m, ctx_now_cf(cmd->ctx), &meta, &err) != AEROSPIKE_OK) {
				command_finish(cmd, &err);
				return;
			}
			as_future_complete_exists(cmd->future, true, meta);
		}
		break;
	case AS_CMD_READ:
	default: {
		if (rc) {
			reply_error(cmd, &err, rc);
			command_finish(cmd, &err);
			return;
		}
		as_record *rec = NULL;
		if (as_msg_to_record(&m, ctx_now_cf(cmd->ctx), &rec, &err) != AEROSPIKE_OK) {
			command_finish(cmd, &err);
			return;
		}
		as_future_complete_record(cmd->future, rec);
		break;
	}
	}
	command_finish(cmd, NULL);
}
