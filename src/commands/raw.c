/* Callback-only get and put (see raw.h): the same path as as_get/as_put
 * minus the future, so the cost of the future layer can be measured. */
#include <string.h>
#include "codec/encode.h"
#include "commands/raw.h"
#include "commands/submit.h"

static as_status raw_reply(as_command *cmd, const as_msg_view *m, uint32_t now_cf, as_error *err)
{
	as_raw_cb cb = (as_raw_cb)cmd->udata2;
	as_record *rec = NULL;
	if (m->h.result_code)
		return as_error_set(err, (as_status)m->h.result_code, "%s", as_status_str((as_status)m->h.result_code));
	if (!cmd->is_write && as_msg_to_record(m, now_cf, &rec, err) != AEROSPIKE_OK)
		return err->code;
	/* Done here: the failure path (done_fn) is not called on success. */
	cb(NULL, rec, cmd->udata);
	return AEROSPIKE_OK;
}

static void raw_failed(as_command *cmd, const uint8_t *body, size_t len, const as_error *err)
{
	((as_raw_cb)cmd->udata2)(err, NULL, cmd->udata);
}

static as_status raw_submit(as_client *c, const as_key *key, const as_buffer *req, const as_policy_base *base,
                            bool is_write, as_raw_cb cb, void *udata)
{
	/* The callback rides in the command itself: no allocation beyond the
	 * command's, as on the future path. */
	as_command *cmd = as_submit_command(as_client_dispatch(c), req, AS_REPLY_MSG, base, is_write);
	cmd->partition_id = as_key_partition_id(key);
	memcpy(cmd->ns, key->ns, sizeof(cmd->ns));
	cmd->msg_fn = raw_reply;
	cmd->done_fn = raw_failed;
	cmd->udata = udata;
	cmd->udata2 = (void *)cb;
	as_command_submit(cmd);
	return AEROSPIKE_OK;
}

as_status as_raw_get(as_client *c, const as_policy_read *p, const as_key *key, as_raw_cb cb, void *udata,
                     as_error *err)
{
	if (!c || !key || !cb)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "client, key and callback are required");
	if (!p)
		p = &as_client_policies(c)->read;
	as_buffer *b = as_submit_scratch();
	if (as_encode_get(b, p, key, NULL, 0, err) != AEROSPIKE_OK)
		return AEROSPIKE_ERR_PARAM;
	return raw_submit(c, key, b, &p->base, false, cb, udata);
}

as_status as_raw_put(as_client *c, const as_policy_write *p, const as_key *key, const as_record *rec,
                     as_raw_cb cb, void *udata, as_error *err)
{
	if (!c || !key || !rec || !cb)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "client, key, record and callback are required");
	if (!p)
		p = &as_client_policies(c)->write;
	as_buffer *b = as_submit_scratch();
	if (as_encode_put(b, p, key, rec, err) != AEROSPIKE_OK)
		return AEROSPIKE_ERR_PARAM;
	return raw_submit(c, key, b, &p->base, true, cb, udata);
}
