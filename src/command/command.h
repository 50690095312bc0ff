/* One command's life on a loop: route, take a connection, write, read,
 * time out, retry, complete. A command is one allocation holding its
 * encoded request, its loop task and its timer. Private. */
#ifndef AS_COMMAND_H
#define AS_COMMAND_H

#include <event2/event.h>
#include <event2/event_struct.h>
#include <aerofuture/client.h>
#include "codec/buffer.h"
#include "codec/msg.h"
#include "codec/reader.h"
#include "loop/loop.h"

struct as_loop_ctx;
struct as_node;
struct as_conn;
typedef struct as_command as_command;

/* How the reply becomes a result. */
typedef enum as_command_kind {
	AS_CMD_WRITE = 0,  /* header only: status */
	AS_CMD_READ,       /* record (get, select, operate, touch) */
	AS_CMD_EXISTS,     /* bool (+ record header) */
	AS_CMD_INFO,       /* proto type 1 text */
	AS_CMD_MULTI       /* several as_msgs up to a LAST one (batch, scan) */
} as_command_kind;

/* Internal completion, used instead of a future by tend, batch and scan.
 * frame is the reply body on success (NULL on error); err says what failed. */
typedef void (*as_command_done_fn)(as_command *cmd, const uint8_t *body, size_t len, const as_error *err);

/* For AS_CMD_MULTI: called with each reply frame; return 1 when the last
 * frame was seen, 0 for more, or -1 with err set to fail the command. */
typedef int (*as_command_frame_fn)(as_command *cmd, const uint8_t *body, size_t len, as_error *err);

struct as_command {
	as_loop_task task;           /* posting to the loop; must stay first-ish for container_of */
	as_command *next;            /* loop wait list / connection in-flight FIFO */
	as_command *active_prev, *active_next; /* loop's active list */
	struct as_loop_ctx *ctx;
	as_future *future;           /* completed with the result, or NULL with done_fn */
	as_command_done_fn done_fn;
	as_command_frame_fn frame_fn;
	void *udata;
	void *udata2;
	const as_msg_view *reply;    /* the parsed reply while done_fn runs (single-record kinds) */
	struct as_node *node;        /* current attempt's node (retained), NULL when not routed */
	struct as_node *target;      /* fixed node (info, batch, scan), retained; NULL = route by key */
	struct as_conn *conn;        /* connection carrying the current attempt */
	as_command *dq_prev, *dq_next; /* the loop's deadline queue the command waits in */
	uint64_t expire_ns;          /* when the current wait ends (deadline queue) */
	int8_t dq;                   /* index of that queue, -1 when in none */
	uint64_t deadline_ns;        /* total deadline (0 = none) */
	uint32_t socket_timeout_ms;
	uint32_t total_timeout_ms;
	uint32_t max_retries;
	uint32_t sleep_between_retries_ms;
	uint32_t attempt;            /* 0 for the first */
	uint32_t partition_id;
	uint8_t kind;                /* as_command_kind */
	bool is_write;
	bool replica_sequence;       /* reads move along the replica list on retries */
	bool sent;                   /* bytes of the current attempt reached the socket */
	bool ever_sent;              /* some attempt's bytes reached the socket (in-doubt) */
	bool timer_armed;
	uint8_t state;               /* where the command is, see command.c */
	char ns[AS_NAMESPACE_MAX_LEN + 1];
	size_t len;                  /* request bytes */
	size_t cap;                  /* room in inline_buf */
	uint8_t *req;                /* points into inline_buf or a heap buffer */
	/* Not cleared on allocation: set up by event_assign() when first armed. */
	struct event timer;          /* attempt deadline or retry pause, when no deadline queue fits */
	uint8_t inline_buf[];        /* request bytes follow the struct */
};

/* Allocate a command carrying a copy of the request bytes (one allocation).
 * On ctx's own thread small commands come from ctx's cache of freed ones. */
as_command *as_command_new(struct as_loop_ctx *ctx, const uint8_t *req, size_t len);
void as_command_free(as_command *cmd);

/* Set deadline/timeouts/retries from a policy. */
void as_command_set_policy(as_command *cmd, const as_policy_base *p, bool is_write);

/* Submit from any thread: the command goes to ctx's loop and starts there.
 * Honors the backpressure limits. Takes ownership of cmd. */
void as_command_submit(struct as_loop_ctx *ctx, as_command *cmd);

/* Loop side: a reply frame for cmd, the head of its connection's FIFO. The
 * command takes itself off the connection when its reply is complete. */
void as_command_on_reply(as_command *cmd, const uint8_t *body, size_t len, uint8_t type);
/* The connection carrying cmd failed (err) or was closed under it. */
void as_command_on_conn_error(as_command *cmd, const as_error *err);
/* A command waiting for a connection gets one (pool hand-off) ... */
void as_command_on_conn_ready(as_command *cmd, struct as_conn *conn);
/* ... or may open one, a connection of its node having closed. */
void as_command_on_conn_slot(as_command *cmd);
/* Fail with err without retrying (client close). */
void as_command_abort(as_command *cmd, const as_error *err);
/* Retry commands that were waiting for a partition map (called on map change). */
void as_command_resume_waiting(struct as_loop_ctx *ctx);

/* Time out every command of ctx's deadline queues whose time has come, and
 * re-arm the queues' timer (the loop's deadline event calls it). */
void as_command_deadlines_fire(struct as_loop_ctx *ctx);

#endif
