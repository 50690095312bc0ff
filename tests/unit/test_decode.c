/* Replies of the real server (shared/reference/messages/<case>.res.hex)
 * through reader -> frames -> as_msg_parse -> records, checked against what
 * the captures report, whole and split at every position. */
#include <check.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/record.h>

#include "codec/msg.h"
#include "codec/proto.h"
#include "codec/reader.h"
#include "common/check_main.h"
#include "common/reference.h"

/* citrusleaf-epoch seconds of the client clock during capture run 2 */
#define NOW_RUN2 533326743u

/* ---- a printable summary of a decoded reply ---- */

static void sappend(as_buffer *s, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	ck_assert(n >= 0 && (size_t)n < sizeof tmp);
	as_buffer_append(s, tmp, (size_t)n);
}

static void value_str(as_buffer *s, const as_value *v)
{
	uint32_t i;

	switch (v->type) {
	case AS_NIL: sappend(s, "nil"); break;
	case AS_INTEGER: sappend(s, "%" PRId64, v->u.i); break;
	case AS_DOUBLE: sappend(s, "%g", v->u.d); break;
	case AS_BOOL: sappend(s, v->u.b ? "true" : "false"); break;
	case AS_STRING: sappend(s, "\"%s\"", v->u.str); break;
	case AS_GEOJSON: sappend(s, "geo(%s)", v->u.str); break;
	case AS_BYTES:
		sappend(s, "0x");
		for (i = 0; i < v->len; i++)
			sappend(s, "%02x", v->u.bytes[i]);
		break;
	case AS_LIST:
		sappend(s, "[");
		for (i = 0; i < v->u.list->size; i++) {
			if (i)
				sappend(s, ", ");
			value_str(s, &v->u.list->items[i]);
		}
		sappend(s, "]");
		break;
	case AS_MAP:
		sappend(s, "{");
		for (i = 0; i < v->u.map->size; i++) {
			if (i)
				sappend(s, ", ");
			value_str(s, &v->u.map->entries[i].key);
			sappend(s, ": ");
			value_str(s, &v->u.map->entries[i].value);
		}
		sappend(s, "}");
		break;
	default: sappend(s, "?%u", v->type); break;
	}
}

static void record_str(as_buffer *s, const as_record *r)
{
	uint16_t i;

	sappend(s, "gen=%u ttl=%u", r->gen, r->ttl);
	if (r->key) {
		sappend(s, " key=%s/%s/", r->key->ns, r->key->set);
		value_str(s, &r->key->value);
		sappend(s, "/%02x%02x", r->key->digest[0], r->key->digest[1]);
	}
	sappend(s, " {");
	for (i = 0; i < r->n_bins; i++) {
		sappend(s, "%s%s: ", i ? ", " : "", r->bins[i].name);
		value_str(s, &r->bins[i].value);
	}
	sappend(s, "}");
}

/* Summarise one frame: every as_msg with its header and record, or the
 * info text. */
static void frame_str(as_buffer *s, const as_frame *f, uint32_t now)
{
	size_t off = 0;

	sappend(s, "frame type=%u len=%zu\n", f->type, f->len);
	if (f->type == AS_PROTO_TYPE_INFO) {
		as_buffer_append(s, f->body, f->len);
		sappend(s, "\n");
		return;
	}
	while (off < f->len) {
		as_msg_view m;
		as_record *r;
		as_error err;

		ck_assert_msg(as_msg_parse(f->body + off, f->len - off, &m, &err) == AEROSPIKE_OK, "%s",
		              err.message);
		ck_assert_msg(as_msg_to_record(&m, now, &r, &err) == AEROSPIKE_OK, "%s", err.message);
		sappend(s, "  msg rc=%u info3=%u idx=%u ", m.h.result_code, m.h.info3, m.h.transaction_ttl);
		record_str(s, r);
		sappend(s, "\n");
		as_record_destroy(r);
		off += m.total;
	}
}

/* Feed the stream in pieces of the given sizes (0 = the rest) and describe it. */
static void stream_str(as_buffer *s, const uint8_t *p, size_t len, const size_t *cuts, size_t n_cuts,
                       uint32_t now)
{
	as_reader r;
	as_frame f;
	as_error err;
	size_t off = 0, c = 0;

	as_reader_init(&r);
	while (off < len) {
		size_t n = c < n_cuts && cuts[c] ? cuts[c] : len - off;
		int rc;

		if (n > len - off)
			n = len - off;
		/* alternate the two ways in, so both are covered */
		if (c % 2) {
			size_t avail;
			uint8_t *dst = as_reader_space(&r, n, &avail);

			ck_assert_uint_ge(avail, n);
			memcpy(dst, p + off, n);
			as_reader_commit(&r, n);
		} else {
			as_reader_feed(&r, p + off, n);
		}
		off += n;
		c++;
		while ((rc = as_reader_next(&r, &f, &err)) == 1)
			frame_str(s, &f, now);
		ck_assert_msg(rc == 0, "reader: %s", err.message);
	}
	ck_assert_uint_eq(as_reader_pending(&r), 0);
	as_reader_free(&r);
}

/* ---- loading ---- */

typedef struct stream {
	uint8_t *data;
	size_t len;
	size_t n_frames;
} stream;

static stream load_res(const char *name)
{
	char why[512];
	ref_frames f;
	stream st = { NULL, 0, 0 };
	as_buffer b;
	size_t i;

	ck_assert_msg(ref_load_message(name, "res", &f, why, sizeof why), "%s", why);
	as_buffer_init(&b);
	for (i = 0; i < f.n; i++)
		as_buffer_append(&b, f.data[i], f.len[i]);
	st.data = b.data;
	st.len = b.len;
	st.n_frames = f.n;
	ref_frames_free(&f);
	return st;
}

/* Decode the case's whole stream to text (NUL-terminated, caller frees). */
static char *describe(const char *name, uint32_t now)
{
	stream st = load_res(name);
	as_buffer s;

	as_buffer_init(&s);
	stream_str(&s, st.data, st.len, NULL, 0, now);
	as_buffer_append(&s, "", 1);
	free(st.data);
	return (char *)s.data;
}

static void expect_contains(const char *name, const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want) != NULL, "%s: expected '%s' in:\n%s", name, want, text);
}

/* ---- every captured reply decodes to the code result_codes.tsv names ---- */

START_TEST(result_codes)
{
	char why[512];
	char *tsv = ref_read_text("result_codes.tsv", NULL, why, sizeof why), *line, *save = NULL;
	int checked = 0;

	ck_assert_msg(tsv != NULL, "%s", why);
	for (line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[128], channel[32], idx[16] = "";
		int code;
		char *br;
		if (line[0] == '#' || sscanf(line, "%127[^\t]\t%31[^\t]\t%d", name, channel, &code) != 3)
			continue;
		if (strcmp(channel, "as_msg") != 0)
			continue;
		if ((br = strchr(name, '['))) {
			snprintf(idx, sizeof idx, "%s", br + 1);
			*br = '\0';
			idx[strcspn(idx, "]")] = '\0';
		}
		{
			char *text = describe(name, NOW_RUN2);
			char want[64];

			if (strcmp(idx, "end") == 0) {
				snprintf(want, sizeof want, "msg rc=%d info3=1 ", code);
			} else if (idx[0] && strncmp(name, "scan_setup", 10) != 0) {
				snprintf(want, sizeof want, "msg rc=%d info3=0 idx=%s ", code, idx);
			} else if (idx[0]) {
				/* scan_setup: one response frame per put */
				snprintf(want, sizeof want, "msg rc=%d ", code);
			} else {
				snprintf(want, sizeof want, "msg rc=%d ", code);
				/* a single-record reply is exactly one message */
				if (strncmp(name, "scan_", 5) != 0)
					ck_assert_msg(strstr(text, "msg rc=") &&
					              !strstr(strstr(text, "msg rc=") + 1, "msg rc="),
					              "%s: more than one message:\n%s", name, text);
			}
			expect_contains(name, text, want);
			free(text);
		}
		checked++;
	}
	free(tsv);
	ck_assert_int_ge(checked, 60);
}
END_TEST

/* ---- values ---- */

static void expect_case(const char *name, uint32_t now, const char *const *wants, size_t n)
{
	char *text = describe(name, now);
	size_t i;

	for (i = 0; i < n; i++)
		expect_contains(name, text, wants[i]);
	free(text);
}

#define EXPECT(name, now, ...) \
	do { \
		static const char *const w_[] = { __VA_ARGS__ }; \
		expect_case(name, now, w_, sizeof w_ / sizeof w_[0]); \
	} while (0)

START_TEST(single_records)
{
	EXPECT("put_basic", 0, "msg rc=0 info3=0 idx=0 gen=1 ttl=4294967295 {}");
	EXPECT("put_create_only_exists", 0, "msg rc=5 info3=0 idx=0 gen=1 ");
	EXPECT("put_gen_equal_wrong", 0, "msg rc=3 info3=0 idx=0 gen=1 ");
	EXPECT("put_gen_gt_lower", 0, "msg rc=3 info3=0 idx=0 gen=3 ");
	EXPECT("put_gen_gt_higher", 0, "msg rc=0 info3=0 idx=0 gen=4 ");
	EXPECT("get_missing", 0, "msg rc=2 info3=0 idx=0 gen=0 ttl=4294967295 {}");
	EXPECT("remove_durable", 0, "msg rc=25 info3=0 idx=0 gen=0 ");
	EXPECT("get_all", 0,
	       "msg rc=0 info3=0 idx=0 gen=1 ttl=4294967295 {i: 7, s: \"hello\", d: 1.5, b: 0x01020304, "
	       "l: [1, \"a\", 2.5], m: {\"k\": 1}, bo: true}\n");
	EXPECT("get_bins", 0, "gen=1 ttl=4294967295 {i: 7, s: \"hello\"}\n");
	EXPECT("get_nested_cdt", 0,
	       "gen=2 ttl=4294967295 {n: [0xff00, true, false, nil, -1, -33, 127, 200, 300, 70000, "
	       "1099511627776, -200, \"a string longer than thirty-one bytes!\", [], "
	       "{1: \"x\", \"y\": [2]}, -0.25]}\n");
	EXPECT("get_all_after_operate", 0,
	       "gen=6 ttl=4294967295 {i: 17, s: \">>hello!!\", d: 1.5, b: 0x01020304, "
	       "l: [1, \"a\", 2.5, 3], m: {\"k\": 1, \"k2\": 2}, bo: true, w: 100}\n");
	EXPECT("get_int_key_empty_set", 0, "gen=1 ttl=4294967295 {i: 42}\n");
	/* no KEY field comes back on a single-record get */
	EXPECT("get_stored_key_record", 0, "gen=1 ttl=4294967295 {i: 3, s: \"three\"}\n");
	EXPECT("exists_found", 0, "msg rc=0 info3=0 idx=0 gen=1 ttl=4294967295 {}\n");
	EXPECT("touch", 0, "msg rc=0 info3=0 idx=0 gen=2 ttl=4294967295 {}\n");
	EXPECT("operate_multi", 0, "gen=3 ttl=4294967295 {i: 12, s: \">hello!\"}\n");
	/* repeated bin names are all kept, write ops echo as nil */
	EXPECT("operate_multi_respond_all_ops", 0,
	       "gen=4 ttl=4294967295 {i: nil, s: nil, s: nil, i: 17, s: \">>hello!!\"}\n");
	EXPECT("operate_write_read_same_bin", 0, "gen=5 ttl=4294967295 {w: 100}\n");
	EXPECT("operate_cdt", 0, "gen=6 ttl=4294967295 {l: 4, m: 2, l: 4, m: 1}\n");
	EXPECT("operate_add_on_string", 0, "msg rc=12 info3=0 idx=0 gen=1 ");
}
END_TEST

START_TEST(void_times)
{
	/* absolute void times become seconds left at the client's clock */
	EXPECT("put_ttl100", 533326743u, "msg rc=0 info3=0 idx=0 gen=1 ttl=100 {}");
	EXPECT("get_ttl100", 533326743u, "gen=1 ttl=100 {i: 1}");
	EXPECT("touch_ttl", 533326745u, "gen=2 ttl=200 {}");
	EXPECT("get_after_touch_ttl", 533326745u, "gen=2 ttl=200 {i: 1}");
	EXPECT("put_ttl_no_change", 533326747u, "gen=3 ttl=198 {}");
	EXPECT("get_after_ttl_no_change", 533326747u, "gen=3 ttl=198 {i: 2}");
	/* past the void time: still at least 1 */
	EXPECT("get_ttl100", 533326743u + 1000, "gen=1 ttl=1 {i: 1}");
	ck_assert_uint_eq(as_void_time_to_ttl(0, 5), AS_TTL_NEVER_EXPIRE);
	ck_assert_uint_eq(as_void_time_to_ttl(10, 10), 1);
	ck_assert_uint_eq(as_void_time_to_ttl(11, 10), 1);
	ck_assert_uint_eq(as_void_time_to_ttl(12, 10), 2);
	/* the clock helper is in the citrusleaf epoch (after the captures were made) */
	ck_assert_uint_gt(as_now_cf(), 500000000u);
}
END_TEST

START_TEST(batches)
{
	EXPECT("batch_get", 0,
	       "frame type=3 len=",
	       "msg rc=0 info3=0 idx=0 gen=6 ttl=4294967295 {i: 17, s: \">>hello!!\", d: 1.5, b: 0x01020304, "
	       "l: [1, \"a\", 2.5, 3], m: {\"k\": 1, \"k2\": 2}, bo: true, w: 100}\n",
	       "msg rc=2 info3=0 idx=1 gen=0 ttl=4294967295 {}\n",
	       "msg rc=0 info3=0 idx=2 gen=1 ttl=4294967295 {i: 3, s: \"three\"}\n",
	       "frame type=3 len=22\n  msg rc=0 info3=1 idx=0 gen=0 ttl=4294967295 {}\n");
	EXPECT("batch_get_bins", 0,
	       "msg rc=0 info3=0 idx=0 gen=1 ttl=4294967295 {i: 1}\n",
	       "msg rc=0 info3=0 idx=1 gen=1 ttl=4294967295 {i: 3}\n",
	       "frame type=3 len=22\n  msg rc=0 info3=1 ");
	EXPECT("batch_exists", 0,
	       "msg rc=0 info3=0 idx=0 gen=1 ttl=4294967295 {}\n",
	       "msg rc=2 info3=0 idx=1 gen=0 ttl=4294967295 {}\n",
	       "frame type=3 len=22\n  msg rc=0 info3=1 ");
}
END_TEST

START_TEST(scans)
{
	/* scan records carry namespace, set, digest and a stored key */
	EXPECT("scan_set", 533326748u,
	       "msg rc=0 info3=0 idx=0 gen=1 ttl=4294967295 key=test/demo/nil/ec91 {i: 1, s: \"one\"}\n",
	       "msg rc=0 info3=0 idx=0 gen=1 ttl=4294967295 key=test/demo/\"key3\"/634e {i: 3, s: \"three\"}\n",
	       "msg rc=0 info3=0 idx=0 gen=1 ttl=300 key=test/demo/nil/266f {i: 2, s: \"two\"}\n",
	       "frame type=3 len=22\n  msg rc=0 info3=1 ");
	EXPECT("scan_set_bins", 533326748u,
	       "key=test/demo/nil/ec91 {i: 1}\n", "key=test/demo/\"key3\"/634e {i: 3}\n",
	       "key=test/demo/nil/266f {i: 2}\n", "frame type=3 len=22\n  msg rc=0 info3=1 ");
	EXPECT("scan_set_max_records_1", 533326748u,
	       "key=test/demo/nil/ec91 {i: 1, s: \"one\"}\n", "frame type=3 len=22\n  msg rc=0 info3=1 ");
}
END_TEST

START_TEST(infos)
{
	EXPECT("info_namespaces", 0, "frame type=1 len=", "namespaces\ttest;bar\n");
	EXPECT("info_multi", 0, "nosuchcommand\tERROR:4:unrecognized command\n", "build\t8.1.2.0\n");
	EXPECT("connect", 0, "peers-clear-std\t0,3000,[]\n", "build\t8.1.2.0\n", "replicas\ttest:0,1,////");
	EXPECT("tend", 0, "peers-generation\t");
}
END_TEST

/* ---- splitting ---- */

static const char *const ALL_CASES[] = {
	"batch_exists", "batch_get", "batch_get_bins", "connect", "exists_found", "exists_missing",
	"get_after_create_or_replace", "get_after_gen_gt", "get_after_remove_durable",
	"get_after_replace_only", "get_after_touch_ttl", "get_after_ttl_no_change", "get_all",
	"get_all_after_operate", "get_bins", "get_int_key_empty_set", "get_missing", "get_nested_cdt",
	"get_stored_key_record", "get_ttl100", "info_multi", "info_namespaces", "operate_add_on_string",
	"operate_cdt", "operate_multi", "operate_multi_respond_all_ops", "operate_read_missing",
	"operate_write_read_same_bin", "put_basic", "put_bin_name_15_chars", "put_bin_name_too_long",
	"put_bin_name_too_long_raw", "put_create_only_exists", "put_create_or_replace",
	"put_gen_equal_wrong", "put_gen_gt_higher", "put_gen_gt_lower", "put_nested_cdt",
	"put_record_too_big", "put_replace_only", "put_send_key", "put_send_key_bytes",
	"put_send_key_int_empty_set", "put_ttl100", "put_ttl_never_expire", "put_ttl_no_change",
	"put_unknown_namespace_raw", "put_update_only_missing", "remove_durable", "remove_found",
	"remove_missing", "scan_set", "scan_set_bins", "scan_set_max_records_1", "scan_setup", "tend",
	"touch", "touch_missing", "touch_ttl",
};

START_TEST(split_everywhere)
{
	const char *name = ALL_CASES[_i];
	stream st = load_res(name);
	as_buffer whole, part;
	size_t cut, ones_n;
	size_t *ones;

	ck_assert_uint_ge(st.n_frames, 1);
	as_buffer_init(&whole);
	stream_str(&whole, st.data, st.len, NULL, 0, NOW_RUN2);
	ck_assert_uint_gt(whole.len, 0);

	/* one byte at a time */
	ones_n = st.len;
	ones = malloc(ones_n * sizeof *ones);
	ck_assert_ptr_nonnull(ones);
	for (cut = 0; cut < ones_n; cut++)
		ones[cut] = 1;
	as_buffer_init(&part);
	stream_str(&part, st.data, st.len, ones, ones_n, NOW_RUN2);
	ck_assert_msg(part.len == whole.len && memcmp(part.data, whole.data, whole.len) == 0,
	              "%s: byte-by-byte decode differs", name);
	free(ones);

	/* every two-way split */
	for (cut = 1; cut < st.len; cut++) {
		size_t cuts[2] = { cut, 0 };

		part.len = 0;
		stream_str(&part, st.data, st.len, cuts, 2, NOW_RUN2);
		ck_assert_msg(part.len == whole.len && memcmp(part.data, whole.data, whole.len) == 0,
		              "%s: split at %zu differs", name, cut);
	}
	as_buffer_free(&part);
	as_buffer_free(&whole);
	free(st.data);
}
END_TEST

/* ---- malformed messages ---- */

START_TEST(malformed)
{
	stream st = load_res("get_all");
	const uint8_t *body = st.data + AS_PROTO_HEADER_SIZE;
	size_t len = st.len - AS_PROTO_HEADER_SIZE, cut;
	as_msg_view m;
	as_error err;
	uint8_t *copy;

	ck_assert_int_eq(as_msg_parse(body, len, &m, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(m.total, len);
	/* every truncation is caught */
	for (cut = 0; cut < len; cut++) {
		copy = malloc(cut ? cut : 1);
		memcpy(copy, body, cut);
		ck_assert_msg(as_msg_parse(copy, cut, &m, &err) == AEROSPIKE_ERR_CLIENT, "cut %zu", cut);
		free(copy);
	}
	copy = malloc(len);
	/* wrong header size */
	memcpy(copy, body, len);
	copy[0] = 23;
	ck_assert_int_eq(as_msg_parse(copy, len, &m, &err), AEROSPIKE_ERR_CLIENT);
	/* op size smaller than its fixed part */
	memcpy(copy, body, len);
	as_put_u32(copy + 22, 3);
	ck_assert_int_eq(as_msg_parse(copy, len, &m, &err), AEROSPIKE_ERR_CLIENT);
	/* name longer than the op */
	memcpy(copy, body, len);
	copy[22 + 7] = 200;
	ck_assert_int_eq(as_msg_parse(copy, len, &m, &err), AEROSPIKE_ERR_CLIENT);
	/* huge op size */
	memcpy(copy, body, len);
	as_put_u32(copy + 22, 0xfffffff0u);
	ck_assert_int_eq(as_msg_parse(copy, len, &m, &err), AEROSPIKE_ERR_CLIENT);
	/* a field count the body does not hold */
	memcpy(copy, body, len);
	as_put_u16(copy + 18, 1);
	as_put_u32(copy + 22, 0);
	ck_assert_int_eq(as_msg_parse(copy, len, &m, &err), AEROSPIKE_ERR_CLIENT);
	/* an integer particle of the wrong size parses but does not convert */
	memcpy(copy, body, len);
	ck_assert_uint_eq(copy[22 + 5], AS_INTEGER);
	copy[22 + 5] = AS_BOOL;
	ck_assert_int_eq(as_msg_parse(copy, len, &m, &err), AEROSPIKE_OK);
	{
		as_record *r = (as_record *)1;

		ck_assert_int_eq(as_msg_to_record(&m, 0, &r, &err), AEROSPIKE_ERR_CLIENT);
		ck_assert_ptr_null(r);
	}
	free(copy);
	free(st.data);
}
END_TEST

START_TEST(particles)
{
	static const uint8_t geo[] = { 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, '{', '}' };
	static const uint8_t geo_bad[] = { 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8, '{', '}' };
	static const uint8_t list[] = { 0x92, 0x01, 0x02 };
	as_value v;
	as_error err;

	ck_assert_int_eq(as_particle_to_value(AS_GEOJSON, geo, sizeof geo, &v, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(v.type, AS_GEOJSON);
	ck_assert_str_eq(v.u.str, "{}");
	as_value_destroy(&v);
	ck_assert_int_eq(as_particle_to_value(AS_GEOJSON, geo_bad, sizeof geo_bad, &v, &err),
	                 AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_particle_to_value(AS_GEOJSON, geo, 2, &v, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_particle_to_value(99, geo, sizeof geo, &v, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_str_eq(err.message, "unsupported particle type 99");
	/* a list particle must be one whole list */
	ck_assert_int_eq(as_particle_to_value(AS_LIST, list, 3, &v, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(v.u.list->size, 2);
	as_value_destroy(&v);
	ck_assert_int_eq(as_particle_to_value(AS_LIST, list, 2, &v, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_particle_to_value(AS_MAP, list, 3, &v, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_particle_to_value(AS_DOUBLE, list, 3, &v, &err), AEROSPIKE_ERR_CLIENT);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("reference");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, result_codes);
	tcase_add_test(tc, single_records);
	tcase_add_test(tc, void_times);
	tcase_add_test(tc, batches);
	tcase_add_test(tc, scans);
	tcase_add_test(tc, infos);
	tcase_add_test(tc, malformed);
	tcase_add_test(tc, particles);
	suite_add_tcase(s, tc);

	tc = tcase_create("split");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, split_everywhere, 0, (int)(sizeof ALL_CASES / sizeof ALL_CASES[0]));
	suite_add_tcase(s, tc);
	return s;
}
