/* Reply writers for a server: header-only results, stream frames, admin
 * results. */
#include <string.h>

#include "codec/pack.h"
#include "codec/proto.h"
#include "codec/reply.h"

/* The admin protocol's header: 16 bytes, the result code in the second. */
#define AS_ADMIN_HEADER_SIZE 16

void as_reply_header(as_buffer *b, uint8_t result, uint32_t gen, uint32_t void_time,
                     uint32_t transaction_ttl, uint8_t info3)
{
	as_msg_header h = { .info3 = info3, .result_code = result, .generation = gen,
	                    .record_ttl = void_time, .transaction_ttl = transaction_ttl };

	as_msg_end(b, as_msg_begin(b), &h);
}

void as_reply_result_frame(as_buffer *b, uint8_t result, uint8_t info3)
{
	size_t at = as_proto_begin(b);

	as_reply_header(b, result, 0, 0, 0, info3);
	as_proto_end(b, at, AS_PROTO_TYPE_MSG);
}

void as_reply_partition_done(as_buffer *b, uint32_t pid, uint8_t result)
{
	as_reply_header(b, result, pid, 0, 0, AS_INFO3_PARTITION_DONE);
}

size_t as_reply_stream_split(as_buffer *b, size_t at, size_t target)
{
	if (b->len - at <= target)
		return at;
	as_proto_end(b, at, AS_PROTO_TYPE_MSG);
	return as_proto_begin(b);
}

void as_reply_stream_close(as_buffer *b, size_t at)
{
	if (b->len == at + AS_PROTO_HEADER_SIZE)
		b->len = at;
	else
		as_proto_end(b, at, AS_PROTO_TYPE_MSG);
}

void as_reply_admin(as_buffer *b, uint8_t result)
{
	size_t at = as_proto_begin(b);
	uint8_t *p = as_buffer_reserve(b, AS_ADMIN_HEADER_SIZE);

	memset(p, 0, AS_ADMIN_HEADER_SIZE);
	p[1] = result;
	b->len += AS_ADMIN_HEADER_SIZE;
	as_proto_end(b, at, AS_PROTO_TYPE_ADMIN);
}
