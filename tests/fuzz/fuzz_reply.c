/* Response decoder: a byte stream from a server goes through the frame
 * reader, then every as_msg of every AS_MSG frame (single replies, and the
 * batch and scan frames that hold many) through as_msg_parse and
 * as_msg_to_record, as the command layer does; records are then turned into
 * JSON as the command-line tool does. Info frames have their lines walked. */
#include "config.h"

#include <string.h>
#include <jansson.h>

#include <aerofuture/json.h>
#include <aerofuture/record.h>
#include "codec/info.h"
#include "codec/msg.h"
#include "codec/proto.h"
#include "codec/reader.h"
#include "fuzz.h"

/* A fixed clock keeps void-time conversion reproducible. */
#define FUZZ_NOW_CF 500000000u

static void decode_msgs(const uint8_t *body, size_t len)
{
	size_t off = 0;

	while (off < len) {
		as_msg_view m;
		as_msg_field f;
		as_record *rec = NULL;
		as_error err;
		json_t *j;

		if (as_msg_parse(body + off, len - off, &m, &err) != AEROSPIKE_OK)
			return;
		FUZZ_CHECK(m.total >= AS_MSG_HEADER_SIZE && m.total <= len - off);
		as_msg_find_field(&m, AS_FIELD_BATCH_INDEX, &f);
		if (as_msg_to_record(&m, FUZZ_NOW_CF, &rec, &err) == AEROSPIKE_OK) {
			FUZZ_CHECK(rec != NULL && rec->n_bins <= m.h.n_ops);
			j = as_record_to_json(rec);
			if (j != NULL) {
				char *s = json_dumps(j, JSON_COMPACT);

				free(s);
				json_decref(j);
			}
			as_record_destroy(rec);
		} else {
			FUZZ_CHECK(rec == NULL && err.code != AEROSPIKE_OK);
		}
		off += m.total;
	}
}

static void decode_info(const uint8_t *body, size_t len)
{
	const char *cur = (const char *)body, *end = cur + len;
	as_info_pair pair;
	as_error err;

	while (as_info_next(&cur, end, &pair)) {
		FUZZ_CHECK(pair.value + pair.value_len <= end);
		as_info_value_error(pair.value, pair.value_len, &err);
	}
}

static void drain(as_reader *r)
{
	as_frame fr;
	as_error err;
	int rc;

	while ((rc = as_reader_next(r, &fr, &err)) == 1) {
		if (fr.type == AS_PROTO_TYPE_MSG)
			decode_msgs(fr.body, fr.len);
		else if (fr.type == AS_PROTO_TYPE_INFO)
			decode_info(fr.body, fr.len);
	}
	if (rc < 0)
		as_reader_reset(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_reader r;
	size_t split = size / 3, avail;
	uint8_t *p;

	/* Two pieces, the second written in place as a read() would, so frames
	 * cut at every offset are tried. */
	as_reader_init(&r);
	as_reader_feed(&r, data, split);
	drain(&r);
	p = as_reader_space(&r, size - split, &avail);
	FUZZ_CHECK(avail >= size - split);
	if (size > split)
		memcpy(p, data + split, size - split);
	as_reader_commit(&r, size - split);
	drain(&r);
	as_reader_free(&r);
	return 0;
}
