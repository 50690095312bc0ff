/* Routing of one AS_MSG frame: batch (field 41), scan (no digest) or a
 * single-record command. Parsing is done by the codec (as_msg_parse), which
 * bounds-checks every field and op, so nothing below reads past the frame. */
#include "config.h"

#include <string.h>

#include "codec/pack.h"
#include "codec/proto.h"
#include "codec/reply.h"
#include "minispike.h"
#include "record_cmd.h"

bool ms_msg_is_stream(const uint8_t *body, size_t len)
{
	as_msg_view m;
	as_msg_field f;
	as_error err;

	if (as_msg_parse(body, len, &m, &err) != AEROSPIKE_OK)
		return false;
	return (m.h.info1 & AS_INFO1_BATCH) || !as_msg_find_field(&m, AS_FIELD_DIGEST, &f);
}

void ms_msg_handle(ms_node *node, const uint8_t *body, size_t len, as_buffer *out)
{
	ms_server *s = node->srv;
	as_msg_view m;
	as_msg_field ns_f, set_f, key_f, dig_f;
	as_error err;
	ms_cmd cmd;
	ms_ns *ns;
	size_t f;
	bool has_set, has_key;

	if (as_msg_parse(body, len, &m, &err) != AEROSPIKE_OK) {
		node->st.bad_requests++;
		as_reply_result_frame(out, AEROSPIKE_ERR_REQUEST_INVALID, 0);
		return;
	}
	if (m.h.info1 & AS_INFO1_BATCH) {
		node->st.batches++;
		ms_batch_handle(node, &m, out);
		return;
	}
	if (!as_msg_find_field(&m, AS_FIELD_NAMESPACE, &ns_f)) {
		as_reply_result_frame(out, AEROSPIKE_ERR_REQUEST_INVALID, 0);
		return;
	}
	ns = ms_store_find_ns(&s->store, (const char *)ns_f.data, ns_f.len);
	if (ns == NULL) {
		as_reply_result_frame(out, AEROSPIKE_ERR_NAMESPACE_NOT_FOUND, 0);
		return;
	}
	if (!as_msg_find_field(&m, AS_FIELD_DIGEST, &dig_f)) {
		if (m.h.info2 & AS_INFO2_WRITE) {
			/* background scans / queries are not implemented */
			as_reply_result_frame(out, AEROSPIKE_ERR_UNSUPPORTED_FEATURE, AS_INFO3_LAST);
			return;
		}
		node->st.scans++;
		ms_scan_handle(node, &m, ns, out);
		return;
	}
	has_set = as_msg_find_field(&m, AS_FIELD_SET, &set_f);
	has_key = as_msg_find_field(&m, AS_FIELD_KEY, &key_f);
	if (dig_f.len != AS_DIGEST_SIZE || (has_set && set_f.len > AS_SET_MAX_LEN) ||
	    (has_key && key_f.len < 1)) {
		as_reply_result_frame(out, AEROSPIKE_ERR_REQUEST_INVALID, 0);
		return;
	}
	if (s->owner[ms_partition_id(dig_f.data)] != node->index)
		node->st.non_owner++;

	memset(&cmd, 0, sizeof(cmd));
	cmd.ns = ns;
	cmd.digest = dig_f.data;
	cmd.set = has_set ? (const char *)set_f.data : "";
	cmd.set_len = has_set ? set_f.len : 0;
	cmd.key = has_key ? key_f.data : NULL;
	cmd.key_len = has_key ? key_f.len : 0;
	cmd.info1 = m.h.info1;
	cmd.info2 = m.h.info2;
	cmd.info3 = m.h.info3;
	cmd.gen = m.h.generation;
	cmd.ttl = m.h.record_ttl;
	cmd.ops = &m;
	{
		as_msg_field flt;

		if (as_msg_find_field(&m, AS_FIELD_FILTER_EXP, &flt)) {
			cmd.filter = flt.data;
			cmd.filter_len = flt.len;
		}
	}
	if (m.h.info2 & AS_INFO2_DELETE)
		node->st.deletes++;
	else if (m.h.info2 & AS_INFO2_WRITE)
		node->st.writes++;
	else
		node->st.reads++;

	f = as_proto_begin(out);
	ms_cmd_execute(s, &cmd, 0, out);
	as_proto_end(out, f, AS_PROTO_TYPE_MSG);
}
