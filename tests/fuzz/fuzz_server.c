/* minispike's request handling: the input is what a client sends on one
 * connection (any number of proto frames). Each frame is answered by the
 * server's own handlers on a fresh server, so a sequence of frames can write
 * and then read, batch or scan. Every reply must itself be well formed: proto
 * frames whose AS_MSG bodies hold only valid as_msgs. */
#include "config.h"

#include <stdlib.h>

#include "codec/msg.h"
#include "codec/proto.h"
#include "codec/reader.h"
#include "fuzz.h"
#include "fuzz_entry.h"

#define FUZZ_NOW_CF 500000000u

static void check_replies(const as_buffer *out)
{
	as_reader r;
	as_frame fr;
	as_error err;
	int rc;

	as_reader_init(&r);
	as_reader_feed(&r, out->data, out->len);
	while ((rc = as_reader_next(&r, &fr, &err)) == 1) {
		size_t off = 0;

		if (fr.type != AS_PROTO_TYPE_MSG)
			continue;
		FUZZ_CHECK(fr.len >= AS_MSG_HEADER_SIZE);
		while (off < fr.len) {
			as_msg_view m;

			FUZZ_CHECK(as_msg_parse(fr.body + off, fr.len - off, &m, &err) == AEROSPIKE_OK);
			off += m.total;
		}
	}
	/* the replies are whole frames, nothing left over */
	FUZZ_CHECK(rc == 0 && as_reader_pending(&r) == 0);
	as_reader_free(&r);
}

/* One server for the process, reset before every input: each input starts
 * from the same state, without the cost of a new server each time. */
static ms_fuzz *fuzz_server;

static void free_server(void)
{
	ms_fuzz_free(fuzz_server);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_buffer out;

	if (fuzz_server == NULL) {
		fuzz_server = ms_fuzz_new(3, FUZZ_NOW_CF);
		atexit(free_server);
	} else {
		ms_fuzz_reset(fuzz_server);
	}
	as_buffer_init(&out);
	ms_fuzz_feed(fuzz_server, data, size, &out);
	check_replies(&out);
	as_buffer_free(&out);
	return 0;
}
