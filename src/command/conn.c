/* Connections: non-blocking connect, one persistent read event, writes
 * coalesced per flush, replies matched to the in-flight FIFO. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "client/client_internal.h"
#include "cluster/node.h"
#include "codec/proto.h"
#include "command/conn.h"
#include "command/pool.h"
#include "model/alloc.h"

/* Read size per call: big enough that one read takes many pipelined replies. */
#define AS_CONN_READ_CHUNK (64 * 1024)

static void conn_on_read(evutil_socket_t fd, short what, void *arg);
static void conn_on_write(evutil_socket_t fd, short what, void *arg);

as_conn *as_conn_open(as_loop_ctx *ctx, as_node *node, as_error *err)
{
	int fd = socket(node->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		as_error_set(err, AEROSPIKE_ERR_CONNECTION, "socket() for node %s failed: %s", node->addr_str,
		             strerror(errno));
		return NULL;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	bool connecting = false;
	if (connect(fd, (const struct sockaddr *)&node->addr, node->addr_len) < 0) {
		if (errno != EINPROGRESS) {
			as_error_set(err, AEROSPIKE_ERR_CONNECTION, "connect to node %s failed: %s", node->addr_str,
			             strerror(errno));
			close(fd);
			return NULL;
		}
		connecting = true;
	}
	as_conn *conn = as_calloc(1, sizeof(*conn));
	conn->ctx = ctx;
	conn->node = as_node_retain(node);
	conn->fd = fd;
	conn->connecting = connecting;
	as_buffer_init(&conn->out);
	as_reader_init(&conn->in);
	struct event_base *base = as_loop_base(ctx->loop);
	event_assign(&conn->rev, base, fd, EV_READ | EV_PERSIST, conn_on_read, conn);
	event_assign(&conn->wev, base, fd, EV_WRITE | EV_PERSIST, conn_on_write, conn);
	/* The read event stays registered for the connection's life, so an idle
	 * pooled connection also notices the server closing it. */
	event_add(&conn->rev, NULL);
	if (connecting) {
		event_add(&conn->wev, NULL);
		conn->write_armed = true;
	}
	conn->next = ctx->conns;
	if (ctx->conns)
		ctx->conns->prev = conn;
	ctx->conns = conn;
	as_pool *pool = &node->pools[ctx->index];
	pool->open++;
	pool->opened++;
	return conn;
}

void as_conn_push(as_conn *conn, as_command *cmd)
{
	/* A lone request is sent from the command itself (no copy); a second
	 * one before the flush gathers both in the output buffer. */
	if (conn->out.len == 0 && !conn->lone) {
		conn->lone = cmd;
	} else {
		if (conn->lone) {
			as_buffer_append(&conn->out, conn->lone->req, conn->lone->len);
			conn->lone = NULL;
		}
		as_buffer_append(&conn->out, cmd->req, cmd->len);
	}
	cmd->next = NULL;
	cmd->conn = conn;
	if (conn->tail)
		conn->tail->next = cmd;
	else
		conn->head = cmd;
	conn->tail = cmd;
	conn->n_inflight++;
	if (!conn->dirty)
		as_loop_ctx_mark_dirty(conn->ctx, conn);
}

static void conn_fail_errno(as_conn *conn, const char *what, int e)
{
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_CONNECTION, "%s node %s failed: %s", what, conn->node->addr_str,
	             e ? strerror(e) : "connection closed by server");
	as_conn_close(conn, &err);
}

void as_conn_flush(as_conn *conn)
{
	conn->dirty = false;
	if (conn->connecting)
		return;
	if (conn->lone) {
		as_command *cmd = conn->lone;
		conn->lone = NULL;
		ssize_t n;
		do
			n = send(conn->fd, cmd->req, cmd->len, MSG_NOSIGNAL);
		while (n < 0 && errno == EINTR);
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
			conn_fail_errno(conn, "write to", errno);
			return;
		}
		if (n > 0)
			cmd->sent = true;
		if ((size_t)(n > 0 ? n : 0) == cmd->len) {
			if (conn->write_armed) {
				event_del(&conn->wev);
				conn->write_armed = false;
			}
			return;
		}
		/* Partial: the rest waits in the buffer for writability. */
		size_t done = n > 0 ? (size_t)n : 0;
		as_buffer_append(&conn->out, cmd->req + done, cmd->len - done);
	}
	if (conn->out.len == 0)
		return;
	while (conn->out.len) {
		ssize_t n = send(conn->fd, conn->out.data, conn->out.len, MSG_NOSIGNAL);
		if (n > 0) {
			as_buffer_consume(&conn->out, (size_t)n);
			/* Conservative for in-doubt: once bytes left, every queued
			 * command may have reached the server. */
			for (as_command *c = conn->head; c; c = c->next)
				c->sent = true;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (!conn->write_armed) {
				event_add(&conn->wev, NULL);
				conn->write_armed = true;
			}
			return;
		}
		conn_fail_errno(conn, "write to", errno);
		return;
	}
	if (conn->write_armed) {
		event_del(&conn->wev);
		conn->write_armed = false;
	}
}

static void conn_on_write_body(evutil_socket_t fd, short what, void *arg)
{
	as_conn *conn = arg;
	if (conn->connecting) {
		int e = 0;
		socklen_t len = sizeof(e);
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len);
		if (e) {
			conn_fail_errno(conn, "connect to", e);
			return;
		}
		conn->connecting = false;
	}
	as_conn_flush(conn);
}
AS_LOOP_CALLBACK(conn_on_write, conn_on_write_body)

/* Close a connection with nothing in flight if its node left the cluster or
 * the loop is closing. */
static void conn_settle(as_conn *conn)
{
	if (conn->n_inflight)
		return;
	if (conn->ctx->closing || atomic_load_explicit(&conn->node->removed, memory_order_relaxed))
		as_conn_close(conn, NULL);
}

static void conn_on_read_body(evutil_socket_t fd, short what, void *arg)
{
	as_conn *conn = arg;
	size_t avail;
	uint8_t *space = as_reader_space(&conn->in, AS_CONN_READ_CHUNK, &avail);
	ssize_t n = recv(fd, space, avail, 0);
	if (n <= 0) {
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return;
		conn_fail_errno(conn, "read from", n < 0 ? errno : 0);
		return;
	}
	as_reader_commit(&conn->in, (size_t)n);
	/* Completing commands runs user callbacks, which may close this
	 * connection; in_read keeps its memory alive until we are done here. */
	conn->in_read = true;
	as_frame frame;
	as_error err;
	int rc = 0;
	while (conn->fd >= 0 && (rc = as_reader_next(&conn->in, &frame, &err)) == 1) {
		as_command *cmd = conn->head;
		if (!cmd) {
			as_error_set(&err, AEROSPIKE_ERR_CLIENT, "node %s sent a reply nobody asked for",
			             conn->node->addr_str);
			as_conn_close(conn, &err);
			break;
		}
		as_command_on_reply(cmd, frame.body, frame.len, frame.type);
	}
	if (conn->fd >= 0 && rc < 0)
		as_conn_close(conn, &err);
	conn->in_read = false;
	if (conn->fd < 0) {
		if (!conn->dirty)
			as_conn_free(conn);
		return;
	}
	conn_settle(conn);
}
static void conn_on_read(evutil_socket_t fd, short what, void *arg)
{
	as_loop_ctx *ctx = ((as_conn *)arg)->ctx;  /* the conn may be gone after the body */
	as_loop_depth++;
	/* Replies read together share one clock read for their ttl. */
	if (ctx->read_depth++ == 0)
		ctx->now_cf = as_now_cf();
	conn_on_read_body(fd, what, arg);
	/* Commands the completions chained leave now, together. */
	if (--ctx->read_depth == 0 && ctx->dirty)
		as_loop_ctx_flush(ctx);
	as_loop_depth--;
}

as_command *as_conn_pop(as_conn *conn)
{
	as_command *cmd = conn->head;
	if (!cmd)
		return NULL;
	conn->head = cmd->next;
	if (!conn->head)
		conn->tail = NULL;
	if (conn->lone == cmd)
		conn->lone = NULL;
	cmd->next = NULL;
	cmd->conn = NULL;
	conn->n_inflight--;
	if (conn->n_inflight == 0) {
		/* Back in the pool before the command completes, so a callback that
		 * submits the next command can reuse this warm connection. */
		as_pool_release_busy(conn->ctx, conn);
		as_pool_put(conn->ctx, conn);
	}
	return cmd;
}

void as_conn_close(as_conn *conn, const as_error *err)
{
	as_loop_ctx *ctx = conn->ctx;
	if (conn->fd < 0)
		return;
	event_del(&conn->rev);
	event_del(&conn->wev);
	close(conn->fd);
	conn->fd = -1;
	as_pool_forget(ctx, conn);
	if (conn->prev)
		conn->prev->next = conn->next;
	else
		ctx->conns = conn->next;
	if (conn->next)
		conn->next->prev = conn->prev;
	/* Commands in flight learn of the failure; they may retry elsewhere,
	 * which can open new connections, so detach them all first. */
	conn->lone = NULL;
	as_command *list = conn->head;
	conn->head = conn->tail = NULL;
	conn->n_inflight = 0;
	as_error closed;
	if (!err) {
		as_error_set(&closed, AEROSPIKE_ERR_CONNECTION, "connection to node %s closed", conn->node->addr_str);
		err = &closed;
	}
	while (list) {
		as_command *cmd = list;
		list = cmd->next;
		cmd->next = NULL;
		cmd->conn = NULL;
		as_command_on_conn_error(cmd, err);
	}
	/* Still linked in the loop's dirty list, or being read: whoever holds it
	 * frees it when done. */
	if (!conn->dirty && !conn->in_read)
		as_conn_free(conn);
}

void as_conn_free(as_conn *conn)
{
	as_buffer_free(&conn->out);
	as_reader_free(&conn->in);
	as_node_release(conn->node);
	free(conn);
}

void as_conn_abandon(as_conn *conn, as_command *cmd, const as_error *err)
{
	/* Unlink cmd first so it is not told twice. */
	as_command **pp = &conn->head;
	as_command *prev = NULL;
	while (*pp && *pp != cmd) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	if (*pp) {
		*pp = cmd->next;
		if (conn->tail == cmd)
			conn->tail = prev;
		conn->n_inflight--;
	}
	cmd->next = NULL;
	cmd->conn = NULL;
	as_conn_close(conn, err);
}
