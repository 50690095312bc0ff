/* Callback-only get and put (see raw.h): the same path as as_get/as_put
 * minus the future, so the cost of the future layer can be measured. */
#include <stdlib.h>
#include <string.h>
#include "client/api_internal.h"
#include "client/raw.h"
#include "codec/encode.h"
#include "codec/msg.h"

static void raw_done(as_command *cmd, const uint8_t *body, size_t len, const as_error *e)
{
	as_raw_cb cb = (as_raw_cb)cmd->udata2;
	void *udata = cmd->udata;
	if (e) {
		cb(e, NULL, udata);
		return;
	}
	as_error err;
	const as_msg_view *m = cmd->reply;  /* parsed once by the command layer */
	as_record *rec = NULL;
	if (!m) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT, "reply was not parsed");
		cb(&err, NULL, udata);
	} else if (m->h.result_code) {
		as_error_set(&err, (as_status)m->h.result_code, "%s", as_status_str((as_status)m->h.result_code));
		cb(&err, NULL, udata);
	} else if (cmd->kind == AS_CMD_READ &&
	           as_msg_to_record(m, cmd->ctx->read_depth ? cmd->ctx->now_cf : as_now_cf(), &rec, &err) !=
	                   AEROSPIKE_OK) {
		cb(&err, NULL, udata);
	} else {
		cb(NULL, rec, udata);
	}
}

static as_status raw_submit(as_client *c, const as_key *key, const as_buffer *req, const as_policy_base *base,
                            bool is_write, bool record, as_raw_cb cb, void *udata)
{
	/* The callback rides in the command itself: no allocation beyond the
	 * command's, as on the future path. */
	as_loop_ctx *ctx = as_client_pick_loop(c);
	as_command *cmd = as_api_command(ctx, key, req, record ? AS_CMD_READ : AS_CMD_WRITE, base, is_write, false);
	cmd->done_fn = raw_done;
	cmd->udata = udata;
	cmd->udata2 = (void *)cb;
	as_command_submit(ctx, cmd);
	return AEROSPIKE_OK;
}

as_status as_raw_get(as_client *c, const as_policy_read *p, const as_key *key, as_raw_cb cb, void *udata,
                     as_error *err)
{
	if (!c || !key || !cb)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "client, key and callback are required");
	if (!p)
		p = &c->cfg.policies.read;
	as_buffer *b = as_api_scratch();
	if (as_encode_get(b, p, key, NULL, 0, err) != AEROSPIKE_OK)
		return AEROSPIKE_ERR_PARAM;
	return raw_submit(c, key, b, &p->base, false, true, cb, udata);
}

as_status as_raw_put(as_client *c, const as_policy_write *p, const as_key *key, const as_record *rec,
                     as_raw_cb cb, void *udata, as_error *err)
{
	if (!c || !key || !rec || !cb)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "client, key, record and callback are required");
	if (!p)
		p = &c->cfg.policies.write;
	as_buffer *b = as_api_scratch();
	if (as_encode_put(b, p, key, rec, err) != AEROSPIKE_OK)
		return AEROSPIKE_ERR_PARAM;
	return raw_submit(c, key, b, &p->base, true, false, cb, udata);
}
