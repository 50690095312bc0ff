/* Walking the frames of a record stream (stream.h). */
#include "commands/stream.h"
#include "codec/proto.h"

void as_stream_error(as_command *cmd, const char *what, as_status code, as_error *err)
{
	as_error_set(err, code, "%s failed on node %s: %s", what, cmd->node ? cmd->node->addr_str : "?",
	             as_status_str(code));
}

int as_stream_walk(as_command *cmd, const uint8_t *body, size_t len, const char *what, as_status end_ok,
                   as_stream_record_fn fn, as_error *err)
{
	uint32_t now = as_now_cf();
	size_t off = 0;
	while (off < len) {
		as_msg_view m;
		if (as_msg_parse(body + off, len - off, &m, err) != AEROSPIKE_OK)
			return -1;
		off += m.total;
		if (m.h.info3 & AS_INFO3_LAST) {
			as_status code = (as_status)m.h.result_code;
			if (code != AEROSPIKE_OK && code != end_ok) {
				as_stream_error(cmd, what, code, err);
				return -1;
			}
			return 1;
		}
		switch (fn(cmd, &m, now, err)) {
		case AS_STREAM_NEXT:
			break;
		case AS_STREAM_END:
			return 1;
		case AS_STREAM_FAIL:
			return -1;
		}
	}
	return 0;
}
