/* Batch-index reads (and writes) of field 41 (protocol_notes.txt section 7):
 * rows of index + digest + row flags; a REPEAT row reuses the previous row's
 * namespace, set and ops. Each key is answered by an as_msg whose
 * transaction_ttl is the key's index, in frames of bounded size, followed by
 * a separate LAST frame. */
#include "config.h"

#include <string.h>

#include "codec/pack.h"
#include "codec/proto.h"
#include "codec/reply.h"
#include "minispike.h"
#include "record_cmd.h"

/* row flags beyond those in proto.h */
#define MS_BATCH_ROW_GEN 0x04
#define MS_BATCH_ROW_INFO4 0x10

/* The rows answered so far stay; the stream ends with the error. */
static void ms_batch_end(as_buffer *out, size_t frame, uint8_t rc)
{
	as_reply_stream_close(out, frame);
	as_reply_result_frame(out, rc, AS_INFO3_LAST);
}

void ms_batch_handle(ms_node *node, const as_msg_view *m, as_buffer *out)
{
	ms_server *s = node->srv;
	as_msg_field bf, flt;
	const uint8_t *p, *end;
	const uint8_t *filter = NULL;  /* the batch's filter (field 43), for every row */
	uint32_t filter_len = 0;
	uint32_t count;
	ms_cmd cmd;
	as_msg_view row;
	as_error err;
	int row_rc = AEROSPIKE_OK;
	bool have_prev = false;
	size_t frame;

	if (!as_msg_find_field(m, AS_FIELD_BATCH_INDEX, &bf) || bf.len < 5) {
		as_reply_result_frame(out, AEROSPIKE_ERR_REQUEST_INVALID, AS_INFO3_LAST);
		return;
	}
	if (as_msg_find_field(m, AS_FIELD_FILTER_EXP, &flt)) {
		filter = flt.data;
		filter_len = flt.len;
	}
	p = bf.data;
	end = bf.data + bf.len;
	count = as_get_u32(p);
	p += 5;  /* count + batch flags (all keys are always answered) */
	memset(&cmd, 0, sizeof(cmd));
	memset(&row, 0, sizeof(row));
	frame = as_proto_begin(out);

	for (uint32_t i = 0; i < count; i++) {
		uint32_t index;
		const uint8_t *digest;
		uint8_t rf;

		if (end - p < 25) {
			ms_batch_end(out, frame, AEROSPIKE_ERR_REQUEST_INVALID);
			return;
		}
		index = as_get_u32(p);
		digest = p + 4;
		rf = p[24];
		p += 25;
		if (rf & AS_BATCH_ROW_REPEAT) {
			if (!have_prev) {
				ms_batch_end(out, frame, AEROSPIKE_ERR_REQUEST_INVALID);
				return;
			}
			cmd.key = NULL;
			cmd.key_len = 0;
		} else {
			as_msg_field f;
			uint16_t n_fields, n_ops;
			size_t need = 1 + ((rf & AS_BATCH_ROW_INFO2_INFO3) ? 2 : 0) +
			              ((rf & MS_BATCH_ROW_INFO4) ? 1 : 0) + ((rf & MS_BATCH_ROW_GEN) ? 2 : 0) +
			              ((rf & AS_BATCH_ROW_TTL) ? 4 : 0) + 4;

			if ((size_t)(end - p) < need) {
				ms_batch_end(out, frame, AEROSPIKE_ERR_REQUEST_INVALID);
				return;
			}
			memset(&cmd, 0, sizeof(cmd));
			cmd.info1 = *p++;
			if (rf & AS_BATCH_ROW_INFO2_INFO3) {
				cmd.info2 = *p++;
				cmd.info3 = *p++;
			}
			if (rf & MS_BATCH_ROW_INFO4)
				p++;
			if (rf & MS_BATCH_ROW_GEN) {
				cmd.gen = as_get_u16(p);
				p += 2;
			}
			if (rf & AS_BATCH_ROW_TTL) {
				cmd.ttl = as_get_u32(p);
				p += 4;
			}
			n_fields = as_get_u16(p);
			n_ops = as_get_u16(p + 2);
			p += 4;
			if (as_msg_parse_parts(p, (size_t)(end - p), n_fields, n_ops, &row, &err) != AEROSPIKE_OK) {
				ms_batch_end(out, frame, AEROSPIKE_ERR_REQUEST_INVALID);
				return;
			}
			p += row.total;
			cmd.ops = &row;
			row_rc = AEROSPIKE_OK;
			if (!as_msg_find_field(&row, AS_FIELD_NAMESPACE, &f)) {
				row_rc = AEROSPIKE_ERR_REQUEST_INVALID;
			} else if ((cmd.ns = ms_store_find_ns(&s->store, (const char *)f.data, f.len)) == NULL) {
				row_rc = AEROSPIKE_ERR_NAMESPACE_NOT_FOUND;
			}
			if (as_msg_find_field(&row, AS_FIELD_SET, &f)) {
				cmd.set = (const char *)f.data;
				cmd.set_len = f.len;
				if (f.len > AS_SET_MAX_LEN)
					row_rc = AEROSPIKE_ERR_REQUEST_INVALID;
			} else {
				cmd.set = "";
				cmd.set_len = 0;
			}
			if (as_msg_find_field(&row, AS_FIELD_KEY, &f) && f.len >= 1) {
				cmd.key = f.data;
				cmd.key_len = f.len;
			}
			/* a row's own filter replaces the batch's */
			cmd.filter = filter;
			cmd.filter_len = filter_len;
			if (as_msg_find_field(&row, AS_FIELD_FILTER_EXP, &f)) {
				cmd.filter = f.data;
				cmd.filter_len = f.len;
			}
			have_prev = true;
		}
		cmd.digest = digest;
		if (s->owner[ms_partition_id(digest)] != node->index)
			node->st.non_owner++;
		if (row_rc != AEROSPIKE_OK)
			as_reply_header(out, (uint8_t)row_rc, 0, 0, index, 0);
		else
			ms_cmd_execute(s, &cmd, index, out);
		frame = as_reply_stream_split(out, frame, MS_FRAME_TARGET);
	}
	ms_batch_end(out, frame, AEROSPIKE_OK);
}
