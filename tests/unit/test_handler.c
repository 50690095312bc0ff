/* minispike's request handler without sockets: requests captured from a
 * real Aerospike server are handed to ms_frame_handle() and the reply bytes
 * must be the server's, to the byte; frames no server answers, malformed
 * headers and the control commands must give the replies and the results
 * (close the connection, nodes changed) that the I/O side acts on. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/proto.h"
#include "codec/reader.h"
#include "server/minispike.h"
#include "common/check_main.h"
#include "common/reference.h"

/* The capture clock of run 2 (scan_setup.txt: "proxy clock ... citrusleaf
 * 533326748.453"): with it key2's ttl of 300 gives the captured void time. */
#define CAPTURE_NOW_CF 533326748u

static ms_server *srv_new(int n_nodes)
{
	ms_server *s = calloc(1, sizeof(*s));

	ck_assert_ptr_nonnull(s);
	ms_server_init(s);
	ck_assert_ptr_nonnull(ms_store_add_ns(&s->store, "test"));
	ck_assert_ptr_nonnull(ms_store_add_ns(&s->store, "bar"));
	s->now_cf = CAPTURE_NOW_CF;
	s->start_time = CAPTURE_NOW_CF;
	ms_server_set_nodes(s, n_nodes, MS_DEFAULT_PORT);
	ms_cluster_rebalance(s);
	return s;
}

static void srv_free(ms_server *s)
{
	ms_server_destroy(s);
	free(s);
}

/* Hand one whole proto frame to node `node`; the reply is appended to out. */
static unsigned handle_frame(ms_server *s, int node, const uint8_t *frame, size_t len, as_buffer *out)
{
	as_reader r;
	as_frame f;
	as_error err;
	unsigned act;

	as_reader_init(&r);
	as_reader_feed(&r, frame, len);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 1);
	ck_assert_uint_eq(as_reader_pending(&r), 0);
	act = ms_frame_handle(&s->nodes[node], &f, out);
	as_reader_free(&r);
	return act;
}

/* A frame of the given type and body. */
static unsigned handle_body(ms_server *s, int node, uint8_t type, const void *body, size_t len,
                            as_buffer *out)
{
	as_buffer req;
	unsigned act;

	as_buffer_init(&req);
	as_proto_header_write(as_buffer_reserve(&req, AS_PROTO_HEADER_SIZE), type, len);
	req.len = AS_PROTO_HEADER_SIZE;
	as_buffer_append(&req, body, len);
	act = handle_frame(s, node, req.data, req.len, out);
	as_buffer_free(&req);
	return act;
}

/* The body of an info reply to `names`, NUL-terminated (static). */
static const char *info(ms_server *s, int node, const char *names, unsigned *act)
{
	static char text[8192];
	as_buffer out;

	as_buffer_init(&out);
	*act = handle_body(s, node, AS_PROTO_TYPE_INFO, names, strlen(names), &out);
	ck_assert_uint_ge(out.len, AS_PROTO_HEADER_SIZE);
	ck_assert_uint_eq(out.data[0], AS_PROTO_VERSION);
	ck_assert_uint_eq(out.data[1], AS_PROTO_TYPE_INFO);
	ck_assert_uint_eq(as_get_u64(out.data) & 0xffffffffffffULL, out.len - AS_PROTO_HEADER_SIZE);
	ck_assert_uint_lt(out.len - AS_PROTO_HEADER_SIZE, sizeof(text));
	memcpy(text, out.data + AS_PROTO_HEADER_SIZE, out.len - AS_PROTO_HEADER_SIZE);
	text[out.len - AS_PROTO_HEADER_SIZE] = '\0';
	as_buffer_free(&out);
	return text;
}

/* Replay captured case `name` on node 0: every request frame in turn, and
 * the replies together must be the captured response frames. */
static void replay(ms_server *s, const char *name)
{
	char path[256], why[256];
	ref_frames req, res;
	as_buffer out, want;

	snprintf(path, sizeof(path), "messages/%s.req.hex", name);
	ck_assert_msg(ref_load_frames(path, &req, why, sizeof(why)), "%s", why);
	snprintf(path, sizeof(path), "messages/%s.res.hex", name);
	ck_assert_msg(ref_load_frames(path, &res, why, sizeof(why)), "%s", why);
	ck_assert_msg(req.n > 0 && res.n > 0, "%s: no frames", name);
	as_buffer_init(&out);
	as_buffer_init(&want);
	for (size_t i = 0; i < req.n; i++)
		ck_assert_msg(handle_frame(s, 0, req.data[i], req.len[i], &out) == 0,
		              "%s: the handler asked the I/O side for something", name);
	for (size_t i = 0; i < res.n; i++)
		as_buffer_append(&want, res.data[i], res.len[i]);
	ck_assert_msg(out.len == want.len, "%s: %zu reply bytes, captured %zu", name, out.len, want.len);
	for (size_t i = 0; i < want.len; i++)
		ck_assert_msg(out.data[i] == want.data[i], "%s: reply byte %zu is %02x, captured %02x", name,
		              i, out.data[i], want.data[i]);
	as_buffer_free(&out);
	as_buffer_free(&want);
	ref_frames_free(&req);
	ref_frames_free(&res);
}

/* One AS_MSG reply frame holding one header-only message: its header. */
static as_msg_header only_header(const as_buffer *out)
{
	as_msg_view m;
	as_error err;

	ck_assert_uint_eq(out->len, AS_PROTO_HEADER_SIZE + AS_MSG_HEADER_SIZE);
	ck_assert_uint_eq(out->data[1], AS_PROTO_TYPE_MSG);
	ck_assert_uint_eq(as_get_u64(out->data) & 0xffffffffffffULL, AS_MSG_HEADER_SIZE);
	ck_assert_int_eq(as_msg_parse(out->data + AS_PROTO_HEADER_SIZE, AS_MSG_HEADER_SIZE, &m, &err),
	                 AEROSPIKE_OK);
	return m.h;
}

/* Captured cases replayed in order on a fresh server, and the counters of
 * the node that answered them. */
static const struct captured {
	const char *cases[5];
	ms_node_stats st;
} captured[] = {
	{ { "info_namespaces" }, { .info_requests = 1 } },
	/* a read, then three puts, one with a ttl: the void time is the captured one */
	{ { "get_missing", "scan_setup" }, { .commands = 4, .reads = 1, .writes = 3 } },
	{ { "scan_setup", "batch_get_bins", "batch_exists" }, { .commands = 5, .writes = 3, .batches = 2 } },
	{ { "scan_setup", "scan_set", "scan_set_bins", "scan_set_max_records_1" },
	  { .commands = 6, .writes = 3, .scans = 3 } },
};

START_TEST(captured_replies)
{
	const struct captured *c = &captured[_i];
	ms_server *s = srv_new(1);
	const ms_node_stats *st = &s->nodes[0].st;

	ck_assert_msg(ref_dir() != NULL, "AS_REFERENCE_DIR is not set or not readable");
	for (size_t i = 0; i < sizeof(c->cases) / sizeof(c->cases[0]) && c->cases[i] != NULL; i++)
		replay(s, c->cases[i]);
	ck_assert_uint_eq(st->info_requests, c->st.info_requests);
	ck_assert_uint_eq(st->commands, c->st.commands);
	ck_assert_uint_eq(st->reads, c->st.reads);
	ck_assert_uint_eq(st->writes, c->st.writes);
	ck_assert_uint_eq(st->batches, c->st.batches);
	ck_assert_uint_eq(st->scans, c->st.scans);
	ck_assert_uint_eq(st->bad_requests, 0);
	srv_free(s);
}
END_TEST

START_TEST(info_names)
{
	ms_server *s = srv_new(1);
	unsigned act;
	const char *t = info(s, 0, "build\nnosuchcommand\nstatistics\nnode", &act);
	const char *stats;

	ck_assert_uint_eq(act, 0);
	/* in request order; a last name without '\n' is ignored */
	ck_assert_int_eq(strncmp(t, "build\t" MS_VERSION_BUILD "\n", 7 + strlen(MS_VERSION_BUILD)), 0);
	ck_assert_ptr_nonnull(strstr(t, "\nnosuchcommand\tERROR:4:unrecognized command\nstatistics\t"));
	ck_assert_ptr_null(strstr(t, "\nnode\t"));
	/* a value longer than a first formatting pass holds, whole */
	stats = strstr(t, "statistics\t") + strlen("statistics\t");
	ck_assert_uint_gt(strlen(stats), 256);
	ck_assert_int_eq(strncmp(stats, "cluster_size=1;cluster_key=", 27), 0);
	ck_assert_ptr_nonnull(strstr(stats, ";info_complete=1;commands_received=0;"));
	ck_assert_str_eq(stats + strlen(stats) - strlen(";fault_mode=off\n"), ";fault_mode=off\n");
	srv_free(s);
}
END_TEST

/* get-config and status, which tools ask for first, with the real
 * server's errors for a missing or unknown context or namespace. */
START_TEST(info_get_config_status)
{
	ms_server *s = srv_new(1);
	unsigned act;
	const char *t;

	ck_assert_str_eq(info(s, 0, "status\n", &act), "status\tok\n");
	t = info(s, 0, "get-config\n", &act);
	ck_assert_int_eq(strncmp(t, "get-config\tadvertise-ipv6=false;", strlen("get-config\tadvertise-ipv6=false;")), 0);
	ck_assert_ptr_nonnull(strstr(t, ";proto-fd-max=15000;"));
	ck_assert_ptr_nonnull(strstr(t, ";service.port="));  /* network too */
	ck_assert_ptr_null(strstr(t, "default-ttl"));       /* not the namespaces */
	t = info(s, 0, "get-config:context=service\n", &act);
	ck_assert_ptr_nonnull(strstr(t, ";cluster-name=minispike;"));
	ck_assert_ptr_null(strstr(t, "service.port"));
	t = info(s, 0, "get-config:context=namespace;id=test\n", &act);
	ck_assert_ptr_nonnull(strstr(t, "\tallow-ttl-without-nsup=true;default-ttl=0;"));
	t = info(s, 0, "get-config:context=namespace;namespace=test\n", &act);
	ck_assert_ptr_nonnull(strstr(t, "\tallow-ttl-without-nsup=true;default-ttl=0;"));
	ck_assert_str_eq(info(s, 0, "get-config:context=namespace;id=nope\n", &act),
	                 "get-config:context=namespace;id=nope\tERROR:20:namespace not found on node\n");
	ck_assert_str_eq(info(s, 0, "get-config:context=namespace\n", &act),
	                 "get-config:context=namespace\tERROR:20:missing 'namespace'\n");
	ck_assert_str_eq(info(s, 0, "get-config:context=bogus\n", &act),
	                 "get-config:context=bogus\tERROR:4:invalid context\n");
	ck_assert_str_eq(info(s, 0, "get-config:id=test\n", &act), "get-config:id=test\tERROR:4:missing 'context'\n");
	ck_assert_str_eq(info(s, 0, "get-config:context=security\n", &act), "get-config:context=security\t\n");
	srv_free(s);
}
END_TEST

START_TEST(unknown_frame_type)
{
	ms_server *s = srv_new(1);
	static const uint8_t body[22] = { 22 };
	as_buffer out;

	as_buffer_init(&out);
	/* compressed AS_MSG: valid for the reader, not served */
	ck_assert_uint_eq(handle_body(s, 0, AS_PROTO_TYPE_COMPRESSED, body, sizeof(body), &out),
	                  MS_ACT_CLOSE);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_uint_eq(s->nodes[0].st.bad_requests, 1);
	ck_assert_uint_eq(s->nodes[0].st.commands, 0);
	as_buffer_free(&out);
	srv_free(s);
}
END_TEST

START_TEST(admin_frame)
{
	ms_server *s = srv_new(1);
	static const uint8_t login[16] = { 0, 0, 20 };
	as_buffer out;

	as_buffer_init(&out);
	ck_assert_uint_eq(handle_body(s, 0, AS_PROTO_TYPE_ADMIN, login, sizeof(login), &out), 0);
	/* proto header, then the 16-byte admin header with 52 SECURITY_NOT_ENABLED */
	ck_assert_uint_eq(out.len, AS_PROTO_HEADER_SIZE + 16);
	ck_assert_uint_eq(out.data[1], AS_PROTO_TYPE_ADMIN);
	ck_assert_uint_eq(as_get_u64(out.data) & 0xffffffffffffULL, 16);
	ck_assert_uint_eq(out.data[AS_PROTO_HEADER_SIZE + 1], AEROSPIKE_SECURITY_NOT_ENABLED);
	as_buffer_free(&out);
	srv_free(s);
}
END_TEST

START_TEST(bad_msg_header)
{
	ms_server *s = srv_new(1);
	uint8_t body[AS_MSG_HEADER_SIZE] = { 21 };  /* header_sz must be 22 */
	as_msg_header h;
	as_buffer out;

	as_buffer_init(&out);
	ck_assert_uint_eq(handle_body(s, 0, AS_PROTO_TYPE_MSG, body, sizeof(body), &out), 0);
	h = only_header(&out);
	ck_assert_uint_eq(h.result_code, AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_uint_eq(h.info3, 0);
	ck_assert_uint_eq(h.n_ops, 0);
	/* a header announcing a field that is not there */
	out.len = 0;
	body[0] = AS_MSG_HEADER_SIZE;
	as_put_u16(body + 18, 1);
	ck_assert_uint_eq(handle_body(s, 0, AS_PROTO_TYPE_MSG, body, sizeof(body), &out), 0);
	ck_assert_uint_eq(only_header(&out).result_code, AEROSPIKE_ERR_REQUEST_INVALID);
	/* shorter than a header */
	out.len = 0;
	ck_assert_uint_eq(handle_body(s, 0, AS_PROTO_TYPE_MSG, body, 10, &out), 0);
	ck_assert_uint_eq(only_header(&out).result_code, AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_uint_eq(s->nodes[0].st.bad_requests, 3);
	ck_assert_uint_eq(s->nodes[0].st.commands, 3);
	as_buffer_free(&out);
	srv_free(s);
}
END_TEST

/* What an error fault must end with LAST: the requests answered by a stream. */
static bool captured_is_stream(const char *name)
{
	char path[256], why[256];
	ref_frames req;
	bool stream;

	snprintf(path, sizeof(path), "messages/%s.req.hex", name);
	ck_assert_msg(ref_load_frames(path, &req, why, sizeof(why)), "%s", why);
	ck_assert_uint_gt(req.n, 0);
	stream = ms_msg_is_stream(req.data[0] + AS_PROTO_HEADER_SIZE, req.len[0] - AS_PROTO_HEADER_SIZE);
	ref_frames_free(&req);
	return stream;
}

START_TEST(stream_requests)
{
	static const uint8_t bad[AS_MSG_HEADER_SIZE] = { 21 };

	ck_assert_msg(ref_dir() != NULL, "AS_REFERENCE_DIR is not set or not readable");
	ck_assert(captured_is_stream("batch_get"));
	ck_assert(captured_is_stream("scan_set"));
	ck_assert(!captured_is_stream("get_missing"));
	ck_assert(!captured_is_stream("put_basic"));
	ck_assert(!ms_msg_is_stream(bad, sizeof(bad)));
}
END_TEST

static int owned_by(const ms_server *s, int node)
{
	int n = 0;

	for (int p = 0; p < AS_PARTITIONS; p++)
		n += s->owner[p] == node;
	return n;
}

START_TEST(control_node_stop_start)
{
	ms_server *s = srv_new(3);
	uint64_t gen = s->partition_gen;
	unsigned act;

	ck_assert_int_eq(owned_by(s, 1), 1365);
	/* node 1 stopped through node 0: the sockets must follow, this
	 * connection stays */
	ck_assert_str_eq(info(s, 0, "minispike-node-stop:id=1\n", &act), "minispike-node-stop:id=1\tok\n");
	ck_assert_uint_eq(act, MS_ACT_NODES);
	ck_assert(!s->nodes[1].up);
	ck_assert_uint_eq(s->partition_gen, gen + 1);
	ck_assert_int_eq(owned_by(s, 1), 0);
	ck_assert_int_eq(owned_by(s, 0) + owned_by(s, 2), AS_PARTITIONS);
	ck_assert_str_eq(info(s, 2, "minispike-nodes\n", &act),
	                 "minispike-nodes\t0,BB9000000000001,127.0.0.1:3000,up;"
	                 "1,BB9000000000002,127.0.0.1:3001,down;2,BB9000000000003,127.0.0.1:3002,up\n");
	ck_assert_uint_eq(act, 0);
	ck_assert_str_eq(info(s, 0, "peers-clear-std\n", &act),
	                 "peers-clear-std\t1,3000,[[BB9000000000003,,[127.0.0.1:3002]]]\n");
	/* a second stop changes nothing */
	ck_assert_str_eq(info(s, 2, "minispike-node-stop:id=1\n", &act), "minispike-node-stop:id=1\tok\n");
	ck_assert_uint_eq(act, 0);
	ck_assert_uint_eq(s->partition_gen, gen + 1);
	/* started again: its own partitions come back */
	ck_assert_str_eq(info(s, 2, "minispike-node-start:id=1\n", &act), "minispike-node-start:id=1\tok\n");
	ck_assert_uint_eq(act, MS_ACT_NODES);
	ck_assert(s->nodes[1].up);
	ck_assert_int_eq(owned_by(s, 1), 1365);
	ck_assert_uint_eq(s->partition_gen, gen + 2);
	/* a node stopped through itself: the reply goes out, then the connection closes */
	ck_assert_str_eq(info(s, 2, "minispike-node-stop:id=2\nnode\n", &act),
	                 "minispike-node-stop:id=2\tok\nnode\tBB9000000000003\n");
	ck_assert_uint_eq(act, MS_ACT_NODES | MS_ACT_CLOSE);
	ck_assert(!s->nodes[2].up);
	srv_free(s);
}
END_TEST

START_TEST(control_bad_requests)
{
	ms_server *s = srv_new(2);
	unsigned act;

	ck_assert_str_eq(info(s, 0, "minispike-node-stop:id=2\n", &act),
	                 "minispike-node-stop:id=2\tERROR:4:bad node id\n");
	ck_assert_uint_eq(act, 0);
	ck_assert_str_eq(info(s, 0, "minispike-node-start:id=x\n", &act),
	                 "minispike-node-start:id=x\tERROR:4:bad node id\n");
	ck_assert_uint_eq(act, 0);
	ck_assert_str_eq(info(s, 0, "minispike-fault:node=1;mode=error;code=14\n", &act),
	                 "minispike-fault:node=1;mode=error;code=14\tok\n");
	ck_assert_uint_eq(act, 0);
	/* the handler records a fault, the connection applies it */
	ck_assert_int_eq(s->nodes[1].fault.mode, MS_FAULT_ERROR);
	ck_assert_uint_eq(s->nodes[1].fault.code, 14);
	ck_assert_int_eq(s->nodes[0].fault.mode, MS_FAULT_OFF);
	ck_assert(s->nodes[0].up && s->nodes[1].up);
	srv_free(s);
}
END_TEST

/* pct= hits that share of commands, evenly spaced; 0 is refused. */
START_TEST(control_fault_share)
{
	ms_server *s = srv_new(1);
	unsigned act;
	int hits = 0, run = 0, longest_gap = 0;

	ck_assert_str_eq(info(s, 0, "minispike-fault:mode=delay;ms=5;pct=0\n", &act),
	                 "minispike-fault:mode=delay;ms=5;pct=0\tERROR:4:bad pct (1..100)\n");
	ck_assert(!ms_fault_hits(&s->nodes[0].fault));   /* still off */
	ck_assert_str_eq(info(s, 0, "minispike-fault:mode=delay;ms=5;pct=25\n", &act),
	                 "minispike-fault:mode=delay;ms=5;pct=25\tok\n");
	for (int i = 0; i < 400; i++) {
		if (ms_fault_hits(&s->nodes[0].fault)) {
			hits++;
			run = 0;
		} else if (++run > longest_gap) {
			longest_gap = run;
		}
	}
	ck_assert_int_eq(hits, 100);
	ck_assert_int_eq(longest_gap, 3);
	srv_free(s);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("handler");
	TCase *tc = tcase_create("handler");

	tcase_add_loop_test(tc, captured_replies, 0, sizeof(captured) / sizeof(captured[0]));
	tcase_add_test(tc, info_names);
	tcase_add_test(tc, info_get_config_status);
	tcase_add_test(tc, unknown_frame_type);
	tcase_add_test(tc, admin_frame);
	tcase_add_test(tc, bad_msg_header);
	tcase_add_test(tc, stream_requests);
	tcase_add_test(tc, control_node_stop_start);
	tcase_add_test(tc, control_bad_requests);
	tcase_add_test(tc, control_fault_share);
	suite_add_tcase(s, tc);
	return s;
}
