/* One command's life on a loop: route, take a pooled connection, write,
 * read, time out, retry, complete. A command is one allocation holding its
 * encoded request, its loop task, its place in the loop's queues and its
 * timer. How a reply becomes a result is the family's business (the
 * callbacks below, set by src/commands). Private. */
#ifndef AS_COMMAND_H
#define AS_COMMAND_H

#include <event2/event.h>
#include <event2/event_struct.h>
#include <aerofuture/future.h>
#include <aerofuture/policy.h>
#include "cluster/node.h"
#include "codec/msg.h"
#include "command/conn.h"
#include "command/deadline.h"
#include "loop/loop.h"

struct as_dispatch;
typedef struct as_command as_command;

/* The shape of the reply. */
typedef enum as_reply_kind {
	AS_REPLY_MSG = 0,  /* one as_msg (single-record commands): msg_fn decodes it */
	AS_REPLY_INFO,     /* one info frame (proto type 1): done_fn gets its text */
	AS_REPLY_STREAM    /* as_msg frames up to a LAST one (batch, scan): frame_fn, then done_fn */
} as_reply_kind;

/* AS_REPLY_MSG: decode the parsed reply into the command's result (complete
 * cmd->future, or report to the caller); now_cf is the clock for ttls.
 * Returns AEROSPIKE_OK, or an error (err set) that fails the command. */
typedef as_status (*as_command_msg_fn)(as_command *cmd, const as_msg_view *m, uint32_t now_cf, as_error *err);

/* AS_REPLY_STREAM: one reply frame; return 1 when the last frame was seen,
 * 0 for more, or -1 with err set to fail the command. */
typedef int (*as_command_frame_fn)(as_command *cmd, const uint8_t *body, size_t len, as_error *err);

/* The end of a command without a future: body is the info text
 * (AS_REPLY_INFO) or the last frame (AS_REPLY_STREAM) on success, NULL with
 * err on failure. Called exactly once. With a future, failures complete it
 * instead. */
typedef void (*as_command_done_fn)(as_command *cmd, const uint8_t *body, size_t len, const as_error *err);

struct as_command {
	as_loop_task task;           /* posting to the loop (the command is found from it by cast: keep first) */
	as_command *next;            /* the loop's wait lists */
	as_command *active_prev, *active_next; /* the loop's active list */
	struct as_dispatch *disp;    /* the loop it runs on */
	as_future *future;           /* completed with the result, or NULL with done_fn */
	as_command_msg_fn msg_fn;
	as_command_frame_fn frame_fn;
	as_command_done_fn done_fn;
	void *udata;
	void *udata2;
	as_node *node;               /* current attempt's node (retained), NULL when not routed */
	as_node *target;             /* fixed node (info, batch, scan), retained; NULL = route by partition */
	as_conn_request io;          /* the request bytes and the connection carrying them */
	as_deadline dl;              /* place in the loop's deadline queues */
	uint64_t deadline_ns;        /* total deadline (0 = none) */
	uint32_t socket_timeout_ms;
	uint32_t total_timeout_ms;
	uint32_t max_retries;
	uint32_t sleep_between_retries_ms;
	uint32_t attempt;            /* 0 for the first */
	uint32_t partition_id;
	uint8_t reply;               /* as_reply_kind */
	uint8_t replica;             /* as_policy_replica */
	bool is_write;
	bool ever_sent;              /* some attempt's bytes reached the socket (in-doubt) */
	bool timer_armed;
	uint8_t state;               /* where the command is, see command.c */
	char ns[AS_NAMESPACE_MAX_LEN + 1];
	size_t cap;                  /* room in inline_buf */
	/* Not cleared on allocation: set up by event_assign() when first armed. */
	struct event timer;          /* attempt deadline or retry pause, when no deadline queue fits */
	uint8_t inline_buf[];        /* request bytes follow the struct */
};

/* A command for d carrying a copy of the request bytes (one allocation).
 * On d's own thread small commands come from a cache of freed ones. */
as_command *as_command_new(struct as_dispatch *d, const uint8_t *req, size_t len);
void as_command_free(as_command *cmd);

/* Timeouts and retries from a policy. */
void as_command_set_policy(as_command *cmd, const as_policy_base *p, bool is_write);

/* Submit from any thread: the command goes to its loop and starts there.
 * Honors the backpressure limits. Takes ownership of cmd. */
void as_command_submit(as_command *cmd);

/* What connections tell the command layer (their owner). */
extern const as_conn_events as_command_conn_events;

/* Loop side, called by the dispatcher: time out every command whose wait is
 * over (the deadline timer fired); retry the commands waiting for a
 * partition map (a new one came); fail every command of d, waiting or
 * running, with err without retrying (the loop closes). */
void as_command_expire(struct as_dispatch *d);
void as_command_resume_waiting(struct as_dispatch *d);
void as_command_abort_all(struct as_dispatch *d, const as_error *err);

#endif
