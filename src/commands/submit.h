/* What every command family shares on its way to a loop: the encoding
 * scratch buffer, failed futures, bin-name lists, and building a command
 * and running work on a loop. A family file (kv.c, batch.c, scan.c,
 * info.c, ...) validates its arguments, encodes with the codec, builds
 * commands here and decodes their replies into its future. Private. */
#ifndef AS_COMMANDS_SUBMIT_H
#define AS_COMMANDS_SUBMIT_H

#include <aerofuture/client.h>
#include "client/client.h"
#include "codec/buffer.h"
#include "command/command.h"
#include "command/dispatch.h"

/* The calling thread's encoding buffer, emptied (never freed by the caller). */
as_buffer *as_submit_scratch(void);

/* An already-failed future, bound to one of c's loops when c is given and
 * open (so callbacks chained on it run there like on any command's). */
as_future *as_submit_fail(as_client *c, const as_error *err);

/* The failed future for a NULL or closed client, or NULL when c may take
 * commands. */
as_future *as_submit_check_client(as_client *c);

/* Check a NULL-terminated list of bin names (NULL = none) and copy it into
 * one block (pointers then names; free() it), *out NULL when empty.
 * Returns AEROSPIKE_OK or AEROSPIKE_ERR_PARAM naming the bad name. */
as_status as_submit_bins_copy(const char *const *bins, char ***out, size_t *n_out, as_error *err);

/* A command for d carrying req, with the policy's timeouts and the reply
 * shape; not yet submitted (the caller sets its route or target, its
 * callbacks or future, then as_command_submit()). */
as_command *as_submit_command(as_dispatch *d, const as_buffer *req, as_reply_kind reply, const as_policy_base *base,
                              bool is_write);

/* Run fn(task) on d's loop: at once when called there, else posted. */
void as_submit_on_loop(as_dispatch *d, as_loop_task *task, as_loop_fn fn);

#endif
