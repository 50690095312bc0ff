/* minispike's I/O side: listening sockets (node.c) and client connections
 * (conn.c) on the libevent loop. A connection reads frames, applies the
 * node's fault around the request handler (ms_frame_handle) and sends what
 * it answers; when the handler reports that nodes went up or down, the
 * connection makes the sockets follow. */
#ifndef MINISPIKE_NET_H
#define MINISPIKE_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <event2/event.h>

#include "codec/buffer.h"
#include "codec/reader.h"
#include "minispike.h"

/* A connection stops reading while this many reply bytes wait to be sent. */
#define MS_OUT_HIGH_WATER (4u * 1024u * 1024u)

/* Requests are read straight into `in`, every complete frame is answered
 * into `out`, and `out` goes to the socket with one send(). */
struct ms_conn {
	ms_node *node;
	evutil_socket_t fd;
	struct event *rev, *wev, *timer;
	as_reader in;
	as_buffer out;
	size_t out_off;
	ms_conn *prev, *next;
	bool in_cb;      /* inside a callback: defer the free */
	bool closing;    /* close once the callback returns */
	bool flush_then_close;
	bool delayed;    /* a delay fault holds the replies */
	bool hung;       /* a hang fault: read and drop everything */
	bool reading;    /* read event enabled */
};

/* node.c: listen on n's port (0: pick one, then n->port tells); accepted
 * sockets go to on_accept. Returns 0, or -1 with a message on stderr. */
int ms_node_listen(ms_node *n, ms_accept_fn on_accept);
/* Stop listening (nothing when not listening). */
void ms_node_unlisten(ms_node *n);

/* conn.c */
void ms_conn_accept(ms_node *n, int fd);
void ms_conn_close(ms_conn *c);

#endif
