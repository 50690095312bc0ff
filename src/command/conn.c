/* Connections: non-blocking connect, one persistent read event, writes
 * coalesced per flush, replies handed to the owner in FIFO order. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "codec/proto.h"
#include "command/conn.h"
#include "loop/loop.h"
#include "model/alloc.h"

/* Read size per call: big enough that one read takes many pipelined replies. */
#define AS_CONN_READ_CHUNK (64 * 1024)

static void conn_on_read(evutil_socket_t fd, short what, void *arg);
static void conn_on_write(evutil_socket_t fd, short what, void *arg);

static void conn_on_flush_body(evutil_socket_t fd, short what, void *arg)
{
	as_conn_flush_all(arg);
}
AS_LOOP_CALLBACK(conn_on_flush, conn_on_flush_body)

void as_conn_loop_init(as_conn_loop *cl, struct event_base *base, const as_conn_events *events)
{
	cl->base = base;
	cl->events = events;
	event_assign(&cl->flush_ev, base, -1, 0, conn_on_flush, cl);
}

uint32_t as_conn_loop_now_cf(const as_conn_loop *cl)
{
	return cl->read_depth ? cl->now_cf : as_now_cf();
}

/* The one place a connection is freed: once it is closed and neither the
 * dirty list nor its read callback holds it. Each of them calls this when
 * it lets go. */
static void conn_release(as_conn *conn)
{
	if (conn->fd >= 0 || conn->dirty || conn->in_read)
		return;
	as_buffer_free(&conn->out);
	as_reader_free(&conn->in);
	as_node_release(conn->node);
	free(conn);
}

as_conn *as_conn_open(as_conn_loop *cl, as_node *node, as_conn_stats *stats, as_error *err)
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
	conn->loop = cl;
	conn->node = as_node_retain(node);
	conn->stats = stats;
	conn->fd = fd;
	conn->connecting = connecting;
	as_buffer_init(&conn->out);
	as_reader_init(&conn->in);
	event_assign(&conn->rev, cl->base, fd, EV_READ | EV_PERSIST, conn_on_read, conn);
	event_assign(&conn->wev, cl->base, fd, EV_WRITE | EV_PERSIST, conn_on_write, conn);
	/* The read event stays registered for the connection's life, so an idle
	 * pooled connection also notices the server closing it. */
	event_add(&conn->rev, NULL);
	if (connecting) {
		event_add(&conn->wev, NULL);
		conn->write_armed = true;
	}
	conn->next = cl->all;
	if (cl->all)
		cl->all->prev = conn;
	cl->all = conn;
	return conn;
}

static void conn_mark_dirty(as_conn *conn)
{
	as_conn_loop *cl = conn->loop;
	conn->dirty = true;
	conn->next_dirty = cl->dirty;
	/* One flush per round of callbacks: everything queued until then leaves
	 * in one write per connection. Inside a read callback the flush comes at
	 * its end, without an event activation. */
	if (!cl->dirty && !cl->read_depth)
		event_active(&cl->flush_ev, EV_TIMEOUT, 1);
	cl->dirty = conn;
}

void as_conn_push(as_conn *conn, as_conn_request *req)
{
	/* A lone request is sent from its own bytes (no copy); a second one
	 * before the flush gathers both in the output buffer. */
	if (conn->out.len == 0 && !conn->lone) {
		conn->lone = req;
	} else {
		if (conn->lone) {
			as_buffer_append(&conn->out, conn->lone->bytes, conn->lone->len);
			conn->lone = NULL;
		}
		as_buffer_append(&conn->out, req->bytes, req->len);
	}
	req->next = NULL;
	req->conn = conn;
	if (conn->tail)
		conn->tail->next = req;
	else
		conn->head = req;
	conn->tail = req;
	conn->n_inflight++;
	conn->stats->requests++;
	if (!conn->dirty)
		conn_mark_dirty(conn);
}

as_conn_request *as_conn_pop(as_conn *conn)
{
	as_conn_request *req = conn->head;
	if (!req)
		return NULL;
	conn->head = req->next;
	if (!conn->head)
		conn->tail = NULL;
	if (conn->lone == req)
		conn->lone = NULL;
	req->next = NULL;
	req->conn = NULL;
	conn->n_inflight--;
	return req;
}

static void conn_fail_errno(as_conn *conn, const char *what, int e)
{
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_CONNECTION, "%s node %s failed: %s", what, conn->node->addr_str,
	             e ? strerror(e) : "connection closed by server");
	as_conn_close(conn, &err);
}

static void conn_write_disarm(as_conn *conn)
{
	if (conn->write_armed) {
		event_del(&conn->wev);
		conn->write_armed = false;
	}
}

/* Write what conn holds; what the socket does not take waits for writability. */
static void conn_flush(as_conn *conn)
{
	if (conn->connecting)
		return;
	if (conn->lone) {
		as_conn_request *req = conn->lone;
		conn->lone = NULL;
		ssize_t n;
		do
			n = send(conn->fd, req->bytes, req->len, MSG_NOSIGNAL);
		while (n < 0 && errno == EINTR);
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
			conn_fail_errno(conn, "write to", errno);
			return;
		}
		if (n > 0) {
			req->sent = true;
			conn->stats->writes++;
		}
		if ((size_t)(n > 0 ? n : 0) == req->len) {
			conn_write_disarm(conn);
			return;
		}
		/* Partial: the rest waits in the buffer. */
		size_t done = n > 0 ? (size_t)n : 0;
		as_buffer_append(&conn->out, req->bytes + done, req->len - done);
	}
	while (conn->out.len) {
		ssize_t n = send(conn->fd, conn->out.data, conn->out.len, MSG_NOSIGNAL);
		if (n > 0) {
			conn->stats->writes++;
			as_buffer_consume(&conn->out, (size_t)n);
			/* Conservative for in-doubt: once bytes left, every queued
			 * request may have reached the server. */
			for (as_conn_request *r = conn->head; r; r = r->next)
				r->sent = true;
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
	conn_write_disarm(conn);
}

void as_conn_flush_all(as_conn_loop *cl)
{
	as_conn *list = cl->dirty;
	cl->dirty = NULL;
	while (list) {
		as_conn *conn = list;
		list = conn->next_dirty;
		conn->next_dirty = NULL;
		/* Still held by the list while it writes: a failed write closes it. */
		if (conn->fd >= 0)
			conn_flush(conn);
		conn->dirty = false;
		conn_release(conn);
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
	conn_flush(conn);
}
AS_LOOP_CALLBACK(conn_on_write, conn_on_write_body)

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
	conn->stats->reads++;
	/* Delivering replies runs user callbacks, which may close this
	 * connection; in_read keeps its memory until we are done here. */
	conn->in_read = true;
	const as_conn_events *events = conn->loop->events;
	as_frame frame;
	as_error err;
	int rc = 0;
	while (conn->fd >= 0 && (rc = as_reader_next(&conn->in, &frame, &err)) == 1) {
		if (!conn->head) {
			as_error_set(&err, AEROSPIKE_ERR_CLIENT, "node %s sent a reply nobody asked for",
			             conn->node->addr_str);
			as_conn_close(conn, &err);
			break;
		}
		conn->stats->replies++;
		events->on_frame(conn, conn->head, &frame);
	}
	if (conn->fd >= 0 && rc < 0)
		as_conn_close(conn, &err);
	/* Nothing in flight on a node that left, or on a closing loop: close. */
	if (conn->fd >= 0 && !conn->n_inflight && (conn->loop->closing || as_node_removed(conn->node)))
		as_conn_close(conn, NULL);
	conn->in_read = false;
	conn_release(conn);
}

static void conn_on_read(evutil_socket_t fd, short what, void *arg)
{
	as_conn_loop *cl = ((as_conn *)arg)->loop;  /* the conn may be gone after the body */
	as_loop_depth++;
	/* Replies read together share one clock read for their ttl. */
	if (cl->read_depth++ == 0)
		cl->now_cf = as_now_cf();
	conn_on_read_body(fd, what, arg);
	/* Requests the completions chained leave now, together. */
	if (--cl->read_depth == 0 && cl->dirty)
		as_conn_flush_all(cl);
	as_loop_depth--;
}

void as_conn_close(as_conn *conn, const as_error *err)
{
	as_conn_loop *cl = conn->loop;
	if (conn->fd < 0)
		return;
	event_del(&conn->rev);
	event_del(&conn->wev);
	close(conn->fd);
	conn->fd = -1;
	if (conn->prev)
		conn->prev->next = conn->next;
	else
		cl->all = conn->next;
	if (conn->next)
		conn->next->prev = conn->prev;
	conn->prev = conn->next = NULL;
	/* The owner may retry the requests elsewhere, which can open new
	 * connections: detach them all first. */
	conn->lone = NULL;
	as_conn_request *list = conn->head;
	conn->head = conn->tail = NULL;
	conn->n_inflight = 0;
	for (as_conn_request *r = list; r; r = r->next)
		r->conn = NULL;
	as_error closed;
	if (!err) {
		as_error_set(&closed, AEROSPIKE_ERR_CONNECTION, "connection to node %s closed", conn->node->addr_str);
		err = &closed;
	}
	cl->events->on_close(conn, list, err);
	conn_release(conn);
}

bool as_conn_hand_over(as_conn *conn, as_conn_request *req, as_conn_request *stand_in)
{
	as_conn_request **pp = &conn->head, *prev = NULL;
	while (*pp && *pp != req) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	if (!*pp)
		return false;
	req->conn = NULL;
	if (conn->lone == req) {
		/* Not written: it leaves without a trace. */
		conn->lone = NULL;
		*pp = req->next;
		if (conn->tail == req)
			conn->tail = prev;
		conn->n_inflight--;
		req->next = NULL;
		return false;
	}
	stand_in->next = req->next;
	stand_in->conn = conn;
	stand_in->bytes = NULL;
	stand_in->len = 0;
	stand_in->sent = req->sent;
	*pp = stand_in;
	if (conn->tail == req)
		conn->tail = stand_in;
	req->next = NULL;
	return true;
}

void as_conn_abandon(as_conn *conn, as_conn_request *req, const as_error *err)
{
	/* Unlink req first so that it is not told twice. */
	as_conn_request **pp = &conn->head, *prev = NULL;
	while (*pp && *pp != req) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	if (*pp) {
		*pp = req->next;
		if (conn->tail == req)
			conn->tail = prev;
		if (conn->lone == req)
			conn->lone = NULL;
		conn->n_inflight--;
	}
	req->next = NULL;
	req->conn = NULL;
	as_conn_close(conn, err);
}
