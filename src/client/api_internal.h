/* Shared by the command front ends (api.c, batch.c, scan.c, info.c, raw.c). Private. */
#ifndef AS_CLIENT_API_INTERNAL_H
#define AS_CLIENT_API_INTERNAL_H

#include <aerofuture/client.h>
#include "client/client_internal.h"
#include "codec/buffer.h"
#include "command/command.h"

/* The calling thread's encoding buffer, emptied (never freed by the caller). */
as_buffer *as_api_scratch(void);

/* Check a NULL-terminated list of bin names (NULL = none) and copy it into
 * one block (pointers then names; free() it), *out NULL when empty.
 * Returns AEROSPIKE_OK or AEROSPIKE_ERR_PARAM naming the bad name. */
as_status as_api_bins_copy(const char *const *bins, char ***out, size_t *n_out, as_error *err);

/* An already-failed future, bound to one of c's loops when c is given. */
as_future *as_api_fail(as_client *c, const as_error *err);

/* A command carrying req, with policy timeouts; routed by key when key is
 * given (else set cmd->target). Not yet submitted. */
as_command *as_api_command(as_loop_ctx *ctx, const as_key *key, const as_buffer *req, as_command_kind kind,
                           const as_policy_base *base, bool is_write, bool replica_sequence);

#endif
