/* A connection to a node, owned by one loop. Its read event stays
 * registered for the connection's whole life (no epoll_ctl per command);
 * requests are appended to an output buffer and written with one call per
 * flush; replies are read in large chunks and split into frames by the
 * codec's reader. Commands in flight form a FIFO: the server answers in
 * order. Private. */
#ifndef AS_COMMAND_CONN_H
#define AS_COMMAND_CONN_H

#include <event2/event.h>
#include <event2/event_struct.h>
#include "codec/buffer.h"
#include "codec/reader.h"
#include "command/command.h"

struct as_loop_ctx;
struct as_node;

typedef struct as_conn {
	struct as_conn *prev, *next;     /* the loop's list of connections */
	struct as_conn *prev_idle, *next_idle; /* pool idle list (n_inflight == 0) */
	struct as_conn *next_dirty;      /* loop's list of conns with bytes to write */
	struct as_loop_ctx *ctx;
	struct as_node *node;            /* retained */
	int fd;
	bool connecting;
	bool dirty;
	bool write_armed;
	bool idle;
	bool in_read;                    /* inside the read callback: close defers the free */
	struct event rev, wev;
	as_buffer out;
	as_reader in;
	as_command *head, *tail;         /* in flight, oldest first */
	as_command *lone;                /* the one request to send, straight from its command */
	uint32_t n_inflight;
	uint64_t last_used_ms;
} as_conn;

/* Open a non-blocking connection to node on ctx's loop (connect in progress). NULL + err on failure. */
as_conn *as_conn_open(struct as_loop_ctx *ctx, struct as_node *node, as_error *err);

/* Queue cmd's request on conn (in-flight FIFO) and mark the conn for the next flush. */
void as_conn_push(as_conn *conn, as_command *cmd);

/* Write out everything queued; errors fail the conn. */
void as_conn_flush(as_conn *conn);

/* Close: every in-flight command gets err through as_command_on_conn_error().
 * err NULL = a plain "connection closed" error. */
void as_conn_close(as_conn *conn, const as_error *err);

/* Remove cmd from conn's FIFO (it timed out): the conn is closed, since later
 * replies can no longer be matched; the other commands get err. */
void as_conn_abandon(as_conn *conn, as_command *cmd, const as_error *err);

/* Take the oldest in-flight command off the FIFO (its reply is complete). */
as_command *as_conn_pop(as_conn *conn);

/* Free a closed connection's memory (close leaves it to the flush when the
 * connection is still on the loop's dirty list). */
void as_conn_free(as_conn *conn);

#endif

