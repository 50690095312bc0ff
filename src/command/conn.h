/* A connection to a node, owned by one loop. Its read event stays
 * registered for the connection's whole life (no epoll_ctl per command);
 * requests are appended to an output buffer and written with one call per
 * flush; replies are read in large chunks and split into frames by the
 * codec's reader. Requests in flight form a FIFO: the server answers in
 * order. A connection knows requests, not commands: it tells its owner of
 * replies and of its end through the loop's as_conn_events, as libevent's
 * bufferevents tell their user. Loop thread only. Private. */
#ifndef AS_COMMAND_CONN_H
#define AS_COMMAND_CONN_H

#include <stdbool.h>
#include <event2/event.h>
#include <event2/event_struct.h>
#include "cluster/node.h"
#include "codec/buffer.h"
#include "codec/reader.h"

typedef struct as_conn as_conn;

/* Bytes to send and the place of their sender in a FIFO; embedded in the
 * sender (a command). bytes must stay valid until the request leaves the
 * connection (as_conn_pop(), as_conn_abandon() or the close event). */
typedef struct as_conn_request {
	struct as_conn_request *next;  /* a connection's in-flight FIFO, or a pool's wait queue */
	as_conn *conn;                 /* the connection carrying it, NULL when none */
	const uint8_t *bytes;
	size_t len;
	bool sent;                     /* some of the connection's bytes left after it was queued */
	bool orphan;                   /* the owner's mark: a stand-in whose sender gave up */
} as_conn_request;

/* I/O counters a connection adds to (its owner's, per node and loop):
 * how well requests share writes and replies share reads. */
typedef struct as_conn_stats {
	uint64_t requests, writes;   /* requests queued; send() calls that wrote */
	uint64_t replies, reads;     /* reply frames delivered; recv() calls that read */
} as_conn_stats;

/* What connections tell their owner. */
typedef struct as_conn_events {
	/* A reply frame for req, the oldest request in flight. The owner takes
	 * req off (as_conn_pop()) once its reply is complete. */
	void (*on_frame)(as_conn *conn, as_conn_request *req, const as_frame *frame);
	/* conn closed; in_flight lists the requests it carried, oldest first,
	 * already detached (each ->conn is NULL). err says why. */
	void (*on_close)(as_conn *conn, as_conn_request *in_flight, const as_error *err);
} as_conn_events;

/* The connections of one loop. */
typedef struct as_conn_loop {
	struct event_base *base;
	const as_conn_events *events;
	as_conn *all;                /* every open connection */
	as_conn *dirty;              /* connections with bytes to write at the next flush */
	struct event flush_ev;       /* flushes them after the current callbacks */
	unsigned read_depth;         /* inside a read callback: flush at its end instead */
	uint32_t now_cf;             /* wall clock (server epoch s) read once per read callback */
	bool closing;                /* the loop is closing: idle connections close */
} as_conn_loop;

struct as_conn {
	as_conn *prev, *next;            /* the loop's list of connections */
	as_conn *prev_idle, *next_idle;  /* a pool's idle list */
	as_conn *next_dirty;             /* the loop's dirty list */
	as_conn_loop *loop;
	as_node *node;                   /* retained */
	as_conn_stats *stats;            /* the owner's counters (never NULL) */
	int fd;                          /* -1 once closed */
	bool connecting;
	bool dirty;                      /* on the dirty list: the list holds it */
	bool write_armed;
	bool idle;                       /* on a pool's idle list */
	bool in_read;                    /* inside its read callback: the callback holds it */
	struct event rev, wev;
	as_buffer out;
	as_reader in;
	as_conn_request *head, *tail;    /* in flight, oldest first */
	as_conn_request *lone;           /* the one request to send, straight from its bytes */
	uint32_t n_inflight;
	uint64_t last_used_ms;
};

/* Set up a loop's connections on base, reporting to events. */
void as_conn_loop_init(as_conn_loop *cl, struct event_base *base, const as_conn_events *events);

/* The wall clock (citrusleaf seconds) for a reply's ttl: one reading per
 * read callback, shared by the replies it delivers. */
uint32_t as_conn_loop_now_cf(const as_conn_loop *cl);

/* Open a non-blocking connection to node (connect in progress), counting
 * its I/O in stats (which must outlive it). NULL + err on failure. */
as_conn *as_conn_open(as_conn_loop *cl, as_node *node, as_conn_stats *stats, as_error *err);

/* Queue req's bytes on conn (in-flight FIFO); they leave with the next flush. */
void as_conn_push(as_conn *conn, as_conn_request *req);

/* Take the oldest request off the FIFO (its reply is complete). */
as_conn_request *as_conn_pop(as_conn *conn);

/* Write out every dirty connection of cl. A failed write closes its
 * connection. */
void as_conn_flush_all(as_conn_loop *cl);

/* Close: requests in flight go to the owner's on_close with err (NULL: a
 * plain "connection closed"). Closing twice is harmless. */
void as_conn_close(as_conn *conn, const as_error *err);

/* req gives up its place but its reply will still come: stand_in takes
 * req's place in the FIFO, to receive that reply. Returns false when req's
 * bytes had not left yet: they never will, req is simply gone and
 * stand_in is not used. */
bool as_conn_hand_over(as_conn *conn, as_conn_request *req, as_conn_request *stand_in);

/* req gives up its place (its command was aborted): later
 * replies can no longer be matched, so the connection closes and the other
 * requests go to on_close with err. */
void as_conn_abandon(as_conn *conn, as_conn_request *req, const as_error *err);

#endif
