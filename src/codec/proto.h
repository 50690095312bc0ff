/* Wire constants and the two fixed headers: the 8-byte proto header and the
 * 22-byte as_msg header. Numbers verified against shared/reference captures
 * (see protocol_notes.txt sections 1-3). Private to the library. */
#ifndef AS_CODEC_PROTO_H
#define AS_CODEC_PROTO_H

#include <stdint.h>
#include <aerofuture/error.h>

#define AS_PROTO_VERSION 2
#define AS_PROTO_HEADER_SIZE 8
#define AS_MSG_HEADER_SIZE 22

enum as_proto_type {
	AS_PROTO_TYPE_INFO = 1,
	AS_PROTO_TYPE_ADMIN = 2,
	AS_PROTO_TYPE_MSG = 3,
	AS_PROTO_TYPE_COMPRESSED = 4
};

enum as_field_type {
	AS_FIELD_NAMESPACE = 0,
	AS_FIELD_SET = 1,
	AS_FIELD_KEY = 2,
	AS_FIELD_DIGEST = 4,
	AS_FIELD_TRID = 7,
	AS_FIELD_SOCKET_TIMEOUT = 9,
	AS_FIELD_RECS_PER_SEC = 10,
	AS_FIELD_PID_ARRAY = 11,
	AS_FIELD_DIGEST_ARRAY = 12,
	AS_FIELD_MAX_RECORDS = 13,
	AS_FIELD_BATCH_INDEX = 41,
	AS_FIELD_FILTER_EXP = 43
};

/* Particle type of an HLL bin; the client hands it out as AS_BYTES. */
#define AS_PARTICLE_HLL 18

/* info1 */
#define AS_INFO1_READ 0x01
#define AS_INFO1_GET_ALL 0x02
#define AS_INFO1_BATCH 0x08
#define AS_INFO1_NOBINDATA 0x20
/* info2 */
#define AS_INFO2_WRITE 0x01
#define AS_INFO2_DELETE 0x02
#define AS_INFO2_GENERATION 0x04
#define AS_INFO2_GENERATION_GT 0x08
#define AS_INFO2_DURABLE_DELETE 0x10
#define AS_INFO2_CREATE_ONLY 0x20
#define AS_INFO2_RESPOND_ALL_OPS 0x80
/* info3 */
#define AS_INFO3_LAST 0x01
#define AS_INFO3_COMMIT_MASTER 0x02
#define AS_INFO3_PARTITION_DONE 0x04
#define AS_INFO3_UPDATE_ONLY 0x08
#define AS_INFO3_CREATE_OR_REPLACE 0x10
#define AS_INFO3_REPLACE_ONLY 0x20

/* batch-index field (41) flags and row flags (protocol_notes.txt section 7) */
#define AS_BATCH_FLAG_ALLOW_INLINE 0x01
#define AS_BATCH_FLAG_RESPOND_ALL_KEYS 0x04
#define AS_BATCH_FLAG_REPORT_ERROR_REC 0x08
#define AS_BATCH_ROW_REPEAT 0x01
#define AS_BATCH_ROW_INFO2_INFO3 0x02
#define AS_BATCH_ROW_TTL 0x08

/* Seconds between the unix epoch and the server's (2010-01-01T00:00:00Z). */
#define AS_CITRUSLEAF_EPOCH 1262304000u

typedef struct as_msg_header {
	uint8_t info1, info2, info3, info4;
	uint8_t result_code;
	uint32_t generation;
	uint32_t record_ttl;
	uint32_t transaction_ttl;
	uint16_t n_fields;
	uint16_t n_ops;
} as_msg_header;

/* Write the 8-byte proto header. */
void as_proto_header_write(uint8_t out[AS_PROTO_HEADER_SIZE], uint8_t type, uint64_t body_size);

/* Read and check a proto header: version 2, type 1..4, body size <= 128 MiB.
 * Returns AEROSPIKE_OK or AEROSPIKE_ERR_CLIENT with a message. */
as_status as_proto_header_read(const uint8_t in[AS_PROTO_HEADER_SIZE], uint8_t *type,
                               uint64_t *body_size, as_error *err);

/* Write / read the 22-byte as_msg header (read does not validate header_sz). */
void as_msg_header_write(uint8_t out[AS_MSG_HEADER_SIZE], const as_msg_header *h);
void as_msg_header_read(const uint8_t in[AS_MSG_HEADER_SIZE], as_msg_header *h);

/* Convert a server void time (seconds since the citrusleaf epoch, 0 = never)
 * to the client's ttl: seconds left (at least 1), AS_TTL_NEVER_EXPIRE for 0. */
uint32_t as_void_time_to_ttl(uint32_t void_time, uint32_t now_cf);

/* Current time in citrusleaf-epoch seconds. */
uint32_t as_now_cf(void);

#endif
