/* The 8-byte proto header, the 22-byte as_msg header and void-time math. */
#include <time.h>

#include <aerofuture/common.h>
#include <aerofuture/record.h>

#include "codec/buffer.h"
#include "codec/proto.h"

void as_proto_header_write(uint8_t out[AS_PROTO_HEADER_SIZE], uint8_t type, uint64_t body_size)
{
	/* version, type, then a 48-bit big-endian size */
	as_put_u64(out, body_size);
	out[0] = AS_PROTO_VERSION;
	out[1] = type;
}

as_status as_proto_header_read(const uint8_t in[AS_PROTO_HEADER_SIZE], uint8_t *type,
                               uint64_t *body_size, as_error *err)
{
	uint64_t size = as_get_u64(in) & 0xffffffffffffULL;

	if (in[0] != AS_PROTO_VERSION)
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "bad proto version %u (expected %u)",
		                    (unsigned)in[0], (unsigned)AS_PROTO_VERSION);
	if (in[1] < AS_PROTO_TYPE_INFO || in[1] > AS_PROTO_TYPE_COMPRESSED)
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "bad proto type %u", (unsigned)in[1]);
	if (size > AS_PROTO_MAX_SIZE)
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "proto size %llu exceeds %u bytes",
		                    (unsigned long long)size, (unsigned)AS_PROTO_MAX_SIZE);
	*type = in[1];
	*body_size = size;
	return AEROSPIKE_OK;
}

void as_msg_header_write(uint8_t out[AS_MSG_HEADER_SIZE], const as_msg_header *h)
{
	out[0] = AS_MSG_HEADER_SIZE;
	out[1] = h->info1;
	out[2] = h->info2;
	out[3] = h->info3;
	out[4] = h->info4;
	out[5] = h->result_code;
	as_put_u32(out + 6, h->generation);
	as_put_u32(out + 10, h->record_ttl);
	as_put_u32(out + 14, h->transaction_ttl);
	as_put_u16(out + 18, h->n_fields);
	as_put_u16(out + 20, h->n_ops);
}

void as_msg_header_read(const uint8_t in[AS_MSG_HEADER_SIZE], as_msg_header *h)
{
	h->info1 = in[1];
	h->info2 = in[2];
	h->info3 = in[3];
	h->info4 = in[4];
	h->result_code = in[5];
	h->generation = as_get_u32(in + 6);
	h->record_ttl = as_get_u32(in + 10);
	h->transaction_ttl = as_get_u32(in + 14);
	h->n_fields = as_get_u16(in + 18);
	h->n_ops = as_get_u16(in + 20);
}

uint32_t as_void_time_to_ttl(uint32_t void_time, uint32_t now_cf)
{
	if (void_time == 0)
		return AS_TTL_NEVER_EXPIRE;
	/* A record past its void time has not been expired yet: report 1 s
	 * rather than 0 (which would read as "namespace default"). */
	if (void_time <= now_cf)
		return 1;
	return void_time - now_cf;
}

uint32_t as_now_cf(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec < (time_t)AS_CITRUSLEAF_EPOCH)
		return 0;
	return (uint32_t)((uint64_t)ts.tv_sec - AS_CITRUSLEAF_EPOCH);
}
