/* One client connection: read as much as the socket has straight into the
 * frame reader, have the request handler answer every complete frame into
 * the output buffer, then send it with one call. Pipelined requests are
 * answered in order. Faults (fault.c) are applied here, around the handler,
 * to AS_MSG frames only. When a request stops or starts nodes, the sockets
 * are made to follow before its reply goes out. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "codec/proto.h"
#include "codec/reply.h"
#include "net.h"

#define MS_READ_CHUNK 16384
#define MS_READS_PER_EVENT 16

static void ms_conn_on_read(evutil_socket_t fd, short what, void *arg);
static void ms_conn_on_write(evutil_socket_t fd, short what, void *arg);
static void ms_conn_on_timer(evutil_socket_t fd, short what, void *arg);

void ms_conn_accept(ms_node *n, int fd)
{
	ms_server *s = n->srv;
	ms_conn *c = calloc(1, sizeof(*c));
	int one = 1;

	if (c == NULL)
		abort();
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->node = n;
	c->fd = fd;
	as_reader_init(&c->in);
	as_buffer_init(&c->out);
	c->rev = event_new(s->base, fd, EV_READ | EV_PERSIST, ms_conn_on_read, c);
	c->wev = event_new(s->base, fd, EV_WRITE | EV_PERSIST, ms_conn_on_write, c);
	c->timer = evtimer_new(s->base, ms_conn_on_timer, c);
	event_add(c->rev, NULL);
	c->reading = true;
	c->next = n->conns;
	if (n->conns != NULL)
		n->conns->prev = c;
	n->conns = c;
	n->n_conns++;
	n->st.conns_opened++;
}

static void ms_conn_free(ms_conn *c)
{
	ms_node *n = c->node;

	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		n->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	n->n_conns--;
	n->st.conns_closed++;
	event_free(c->rev);
	event_free(c->wev);
	event_free(c->timer);
	close(c->fd);
	as_reader_free(&c->in);
	as_buffer_free(&c->out);
	free(c);
}

void ms_conn_close(ms_conn *c)
{
	if (c->in_cb)
		c->closing = true;
	else
		ms_conn_free(c);
}

static size_t ms_conn_pending(const ms_conn *c)
{
	return c->out.len - c->out_off;
}

/* Listen again on the ports of nodes that are up, and drop the connections
 * of nodes that are down, as if their process had died. */
static void ms_conn_sync_nodes(ms_server *s)
{
	for (int i = 0; i < s->n_nodes; i++) {
		ms_node *n = &s->nodes[i];
		ms_conn *c, *next;

		if (n->up && n->lfd < 0 && ms_node_listen(n, ms_conn_accept) != 0)
			ms_cluster_set_up(s, i, false);  /* the port was taken meanwhile */
		if (n->up)
			continue;
		ms_node_unlisten(n);
		for (c = n->conns; c != NULL; c = next) {
			next = c->next;
			/* the one that stopped its own node sends that reply first */
			if (!c->flush_then_close)
				ms_conn_close(c);
		}
	}
}

static void ms_conn_handle(ms_conn *c, const as_frame *f)
{
	unsigned act = ms_frame_handle(c->node, f, &c->out);

	if (act & MS_ACT_CLOSE)
		c->flush_then_close = true;
	if (act & MS_ACT_NODES)
		ms_conn_sync_nodes(c->node->srv);
}

/* An AS_MSG frame under a fault: the fault decides whether the handler
 * answers, and what becomes of its reply. */
static void ms_conn_fault(ms_conn *c, const as_frame *f)
{
	ms_node *n = c->node;
	ms_fault *fault = &n->fault;
	static const uint8_t garbage[32] = "\xde\xad\xbe\xef minispike garbage reply!!";
	struct timeval tv;
	size_t start;

	n->st.faults_applied++;
	switch (fault->mode) {
	case MS_FAULT_DELAY:
		ms_conn_handle(c, f);
		c->delayed = true;
		tv.tv_sec = fault->ms / 1000;
		tv.tv_usec = (suseconds_t)(fault->ms % 1000) * 1000;
		evtimer_add(c->timer, &tv);
		return;
	case MS_FAULT_TRUNCATE:
		/* a frame cut in half: the client must drop the connection */
		start = c->out.len;
		ms_conn_handle(c, f);
		c->out.len = start + (c->out.len - start) / 2;
		c->flush_then_close = true;
		return;
	default:
		break;
	}
	/* the other faults answer instead of the handler; the command still counts */
	n->st.commands++;
	switch (fault->mode) {
	case MS_FAULT_CLOSE:
		/* earlier replies still go out; this one never does */
		c->flush_then_close = true;
		break;
	case MS_FAULT_HANG:
		c->hung = true;
		break;
	case MS_FAULT_GARBAGE:
		as_buffer_append(&c->out, garbage, sizeof(garbage));
		break;
	case MS_FAULT_ERROR:
		as_reply_result_frame(&c->out, fault->code,
		                      ms_msg_is_stream(f->body, f->len) ? AS_INFO3_LAST : 0);
		if (--fault->count == 0)
			fault->mode = MS_FAULT_OFF;
		break;
	case MS_FAULT_OVERSIZE: {
		uint8_t hdr[AS_PROTO_HEADER_SIZE];

		as_proto_header_write(hdr, AS_PROTO_TYPE_MSG, (uint64_t)AS_PROTO_MAX_SIZE + 1);
		as_buffer_append(&c->out, hdr, sizeof(hdr));
		break;
	}
	default:
		break;
	}
}

static void ms_conn_frame(ms_conn *c, const as_frame *f)
{
	if (c->hung)
		return;  /* a hung connection swallows everything */
	if (f->type == AS_PROTO_TYPE_MSG && ms_fault_hits(&c->node->fault))
		ms_conn_fault(c, f);
	else
		ms_conn_handle(c, f);
}

static void ms_conn_process(ms_conn *c)
{
	as_frame f;
	as_error err;

	while (!c->closing && !c->flush_then_close && !c->delayed &&
	       ms_conn_pending(c) < MS_OUT_HIGH_WATER) {
		int r = as_reader_next(&c->in, &f, &err);

		if (r == 0)
			break;
		if (r < 0) {
			/* bad version, type or size: the stream cannot be resynchronised */
			c->node->st.bad_requests++;
			c->flush_then_close = true;
			as_reader_reset(&c->in);
			break;
		}
		ms_conn_frame(c, &f);
	}
}

static void ms_conn_flush(ms_conn *c)
{
	bool want_read;

	if (c->closing)
		return;
	while (!c->delayed && ms_conn_pending(c) > 0) {
		ssize_t n = send(c->fd, c->out.data + c->out_off, ms_conn_pending(c), MSG_NOSIGNAL);

		if (n > 0) {
			c->out_off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		c->closing = true;
		return;
	}
	if (ms_conn_pending(c) == 0) {
		c->out.len = 0;
		c->out_off = 0;
		event_del(c->wev);
		if (c->flush_then_close) {
			c->closing = true;
			return;
		}
	} else if (!c->delayed) {
		event_add(c->wev, NULL);
	}
	/* stop reading while replies pile up, a fault holds them, or we are closing */
	want_read = !c->delayed && !c->flush_then_close && ms_conn_pending(c) < MS_OUT_HIGH_WATER;
	if (want_read && !c->reading) {
		event_add(c->rev, NULL);
		c->reading = true;
	} else if (!want_read && c->reading) {
		event_del(c->rev);
		c->reading = false;
	}
}

static void ms_conn_done(ms_conn *c)
{
	c->in_cb = false;
	if (c->closing)
		ms_conn_free(c);
}

static void ms_conn_on_read(evutil_socket_t fd, short what, void *arg)
{
	ms_conn *c = arg;
	ms_server *s = c->node->srv;
	bool eof = false;

	c->in_cb = true;
	s->now_cf = as_now_cf();
	for (int i = 0; i < MS_READS_PER_EVENT; i++) {
		size_t avail;
		uint8_t *p = as_reader_space(&c->in, MS_READ_CHUNK, &avail);
		ssize_t n = recv(fd, p, avail, 0);

		if (n > 0) {
			as_reader_commit(&c->in, (size_t)n);
			if ((size_t)n < avail)
				break;
			continue;
		}
		if (n == 0) {
			eof = true;
			break;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			c->closing = true;
		break;
	}
	ms_conn_process(c);
	/* peer done sending: the frames that came before EOF are still answered */
	if (eof)
		c->flush_then_close = true;
	ms_conn_flush(c);
	ms_conn_done(c);
}

static void ms_conn_on_write(evutil_socket_t fd, short what, void *arg)
{
	ms_conn *c = arg;

	c->in_cb = true;
	c->node->srv->now_cf = as_now_cf();
	ms_conn_flush(c);
	if (!c->closing && ms_conn_pending(c) == 0 && !c->flush_then_close) {
		ms_conn_process(c);
		ms_conn_flush(c);
	}
	ms_conn_done(c);
}

static void ms_conn_on_timer(evutil_socket_t fd, short what, void *arg)
{
	ms_conn *c = arg;

	c->in_cb = true;
	c->node->srv->now_cf = as_now_cf();
	c->delayed = false;
	ms_conn_flush(c);
	if (!c->closing && !c->flush_then_close) {
		ms_conn_process(c);
		ms_conn_flush(c);
	}
	ms_conn_done(c);
}
