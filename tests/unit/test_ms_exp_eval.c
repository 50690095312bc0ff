/* minispike's expression evaluator on what the captures do not cover:
 * arithmetic and bit functions, let/cond/exclusive, unknown values in
 * logic, GEO compare, collection calls, refusals (deep nesting, bad
 * msgpack, bad regex, unknown ops, unbound variables), and filters on
 * batch rows and scans through the request handler. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/operations.h>

#include "codec/buffer.h"
#include "codec/msg.h"
#include "codec/pack.h"
#include "codec/proto.h"
#include "codec/reader.h"
#include "server/minispike.h"
#include "server/exp.h"
#include "common/check_main.h"
#include "common/hex.h"

static ms_scratch sc;
static ms_work wk;
static uint8_t int_bin[8] = { 0, 0, 0, 0, 0, 0, 0, 10 };
static const uint8_t list_bin[] = { 0x93, 1, 2, 3 };

/* A working set with i = 10, s = "hello", l = [1, 2, 3]. */
static void setup(void)
{
	ms_wbin *b;

	memset(&sc, 0, sizeof(sc));
	ms_work_start(&wk, &sc, NULL);
	b = ms_work_slot(&wk, "i", 1);
	b->particle = AS_INTEGER;
	b->ptr = int_bin;
	b->len = 8;
	b = ms_work_slot(&wk, "s", 1);
	b->particle = AS_STRING;
	b->ptr = (const uint8_t *)"hello";
	b->len = 5;
	b = ms_work_slot(&wk, "l", 1);
	b->particle = AS_LIST;
	b->ptr = list_bin;
	b->len = sizeof(list_bin);
}

static void teardown(void)
{
	ms_scratch_free(&sc);
}

/* Parse and evaluate hex; the result code, the value in *out. */
static int eval_hex(const char *hex, as_value *out)
{
	uint8_t buf[512];
	long n = hex_decode(hex, strlen(hex), buf, sizeof(buf));
	ms_exp_env env;
	ms_exp *e;
	int rc;

	ck_assert_int_gt(n, 0);
	*out = as_value_nil();
	if ((rc = ms_exp_parse(buf, (size_t)n, &e, NULL)) != AEROSPIKE_OK)
		return rc;
	memset(&env, 0, sizeof(env));
	env.wk = &wk;
	rc = ms_exp_eval(e, &env, out);
	ms_exp_free(e);
	return rc;
}

static void expect_int(const char *hex, int64_t want)
{
	as_value v;

	ck_assert_int_eq(eval_hex(hex, &v), AEROSPIKE_OK);
	ck_assert_int_eq(v.type, AS_INTEGER);
	ck_assert_int_eq(v.u.i, want);
}

static void expect_bool(const char *hex, bool want)
{
	as_value v;

	ck_assert_int_eq(eval_hex(hex, &v), AEROSPIKE_OK);
	ck_assert_int_eq(v.type, AS_BOOL);
	ck_assert_int_eq(v.u.b, want);
}

static void expect_rc(const char *hex, int want)
{
	as_value v;

	ck_assert_int_eq(eval_hex(hex, &v), want);
	ck_assert_int_eq(v.type, AS_NIL);
}

START_TEST(arithmetic)
{
	as_value v;

	expect_int("931402" "03", 5);                 /* 2 + 3 */
	expect_int("94150a0302", 5);                  /* 10 - 3 - 2 */
	expect_int("9215" "05", -5);                  /* -(5) */
	expect_int("93171103", 5);                    /* 17 / 3 */
	expect_rc("93170700", MS_EXP_UNKNOWN);        /* division by zero */
	expect_rc("931a0700", MS_EXP_UNKNOWN);        /* modulo by zero */
	expect_rc("931401cb3ff0000000000000", MS_EXP_UNKNOWN);  /* int + float */
	expect_int("931a0703", 1);
	expect_int("9432030102", 1);                  /* min */
	expect_int("9433030102", 3);                  /* max */
	expect_int("921ecb400599999999999a", 2);      /* to_int(2.7) */
	expect_int("921bf9", 7);                      /* abs(-7) */
	ck_assert_int_eq(eval_hex("9316cb3ff8000000000000cb4000000000000000", &v), AEROSPIKE_OK);
	ck_assert_int_eq(v.type, AS_DOUBLE);
	ck_assert(v.u.d == 3.0);
	ck_assert_int_eq(eval_hex("9318cb4000000000000000cb4008000000000000", &v), AEROSPIKE_OK);
	ck_assert(v.u.d == 8.0);                      /* pow(2, 3) */
	ck_assert_int_eq(eval_hex("921f03", &v), AEROSPIKE_OK);
	ck_assert(v.type == AS_DOUBLE && v.u.d == 3.0);
	/* operands are not bounded but by the tree: 100 ones add up to 100 */
	{
		char hex[8 + 200 + 1];

		strcpy(hex, "dc006514");
		for (int i = 0; i < 100; i++)
			strcat(hex, "01");
		expect_int(hex, 100);
	}
	/* the int bin takes part */
	expect_int("93149351" "02a169" "01", 11);
}
END_TEST

START_TEST(bit_functions)
{
	expect_int("93200c0a", 8);      /* 12 & 10 */
	expect_int("93210c0a", 14);
	expect_int("93220c0a", 6);
	expect_int("922300", -1);
	expect_int("93240104", 16);     /* 1 << 4 */
	expect_int("9325f83c", 15);     /* logical >> on -8 */
	expect_int("9326f801", -4);     /* arithmetic >> */
	expect_int("9227ccff", 8);      /* popcount */
	expect_int("932801c3", 63);     /* lscan for 1 in 1 */
	expect_int("932906c3", 62);     /* rscan for 1 in 6 (bits 61, 62) */
	expect_int("932800c3", -1);
}
END_TEST

START_TEST(control)
{
	/* let x = 5, y = x + 1 in y * x */
	expect_int("967da17805a179931492" "7ca17801" "9316927ca179927ca178", 30);
	/* let x = (let y = 2 in y + 1) in x * 10: the inner let reuses x's slot */
	expect_int("947da178947da17902931492" "7ca17901" "9316927ca1780a", 30);
	/* cond: false -> 1, true -> 2, else 3 */
	expect_int("967bc201c30203", 2);
	expect_int("947bc20103", 3);
	expect_bool("9313c3c2", true);
	expect_bool("9313c3c3", false);
}
END_TEST

START_TEST(unknown_in_logic)
{
	/* BIN<INT>("s") on a string bin is unknown */
	expect_bool("931093019351" "02a173" "01c2", false);   /* unknown AND false */
	expect_bool("931193019351" "02a173" "01c3", true);    /* unknown OR true */
	expect_rc("931093019351" "02a173" "01c3", MS_EXP_UNKNOWN);
	expect_rc("92129301935102a17301", MS_EXP_UNKNOWN);  /* NOT unknown */
	expect_rc("935102a17a", MS_EXP_UNKNOWN);             /* missing bin */
	expect_int("9252a17a", 0);                           /* bin_type of a missing bin */
	expect_int("9252a16c", 20);
}
END_TEST

START_TEST(regex)
{
	/* extended + icase: ^H(e|a)LLO$ on "hello" */
	expect_bool("940703ab5e4828657c61294c4c4f24935103a173", true);
	expect_bool("940701ab5e4828657c61294c4c4f24935103a173", false);
	expect_rc("940701a15b935103a173", AEROSPIKE_ERR_REQUEST_INVALID);   /* "[" */
	expect_rc("940720a15e935103a173", AEROSPIKE_ERR_REQUEST_INVALID);   /* flag 32 */
	expect_rc("940700a15e935102a169", MS_EXP_UNKNOWN);                  /* an int bin */
}
END_TEST

static char *geo_hex(const char *json)
{
	size_t n = strlen(json) + 1;
	char *h = malloc(n * 2 + 8), *p = h;

	p += sprintf(p, "d9%02x17", (unsigned)n);
	for (size_t i = 0; i < n - 1; i++)
		p += sprintf(p, "%02x", (unsigned char)json[i]);
	return h;
}

static void expect_geo(const char *a, const char *b, int want)
{
	char *ha = geo_hex(a), *hb = geo_hex(b), hex[1024];

	snprintf(hex, sizeof(hex), "9308%s%s", ha, hb);
	if (want < 0)
		expect_rc(hex, MS_EXP_UNKNOWN);
	else
		expect_bool(hex, want != 0);
	free(ha);
	free(hb);
}

START_TEST(geo_compare)
{
	const char *sq = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}";

	expect_geo("{\"type\":\"Point\",\"coordinates\":[0.5,0.5]}", sq, 1);
	expect_geo("{\"type\":\"Point\",\"coordinates\":[1.5,0.5]}", sq, 0);
	expect_geo(sq, "{\"type\":\"Point\",\"coordinates\":[0.5,0.5]}", 1);
	/* 1 km circle: a point 0.005 degrees (~556 m) away is inside, 0.02 not */
	expect_geo("{\"type\":\"Point\",\"coordinates\":[0.005,0]}",
	           "{\"type\":\"AeroCircle\",\"coordinates\":[[0,0],1000]}", 1);
	expect_geo("{\"type\":\"Point\",\"coordinates\":[0.02,0]}",
	           "{\"type\":\"AeroCircle\",\"coordinates\":[[0,0],1000]}", 0);
	expect_geo(sq, sq, -1);  /* region against region: not decided */
}
END_TEST

START_TEST(collection_calls)
{
	/* size(append(l, 9)) = 4; the bin itself is not written */
	expect_int("957f02009110957f0440920109935104a16c", 4);
	expect_int("957f020091109351" "04a16c", 3);
	/* get_by_index(VALUE, 1) */
	expect_int("957f0200931307019351" "04a16c", 2);
	/* out of range: the call fails, the expression is unknown */
	expect_rc("957f0200931307099351" "04a16c", MS_EXP_UNKNOWN);
	/* a collection call on an int bin */
	expect_rc("957f020091109351" "02a169", MS_EXP_UNKNOWN);
	/* bit and HLL calls are refused until their engines are wired */
	expect_rc("957f0201933300089351" "06a162", AEROSPIKE_ERR_REQUEST_INVALID);
}
END_TEST

START_TEST(refused)
{
	char hex[512];
	size_t n = 0;

	expect_rc("930193", AEROSPIKE_ERR_REQUEST_INVALID);     /* truncated */
	expect_rc("9163", AEROSPIKE_ERR_REQUEST_INVALID);       /* unknown op 99 */
	expect_rc("920101", AEROSPIKE_ERR_REQUEST_INVALID);     /* EQ with one operand */
	expect_rc("91" "40", AEROSPIKE_ERR_REQUEST_INVALID);    /* digest_modulo without modulus */
	expect_rc("9240" "00", AEROSPIKE_ERR_REQUEST_INVALID);  /* modulus 0 */
	expect_rc("927ca17a", AEROSPIKE_ERR_REQUEST_INVALID);   /* unbound variable */
	expect_rc("9213c3", AEROSPIKE_ERR_REQUEST_INVALID);     /* exclusive of one */
	expect_rc("921201", AEROSPIKE_ERR_REQUEST_INVALID);     /* NOT of an int */
	expect_rc("90", AEROSPIKE_ERR_REQUEST_INVALID);
	expect_rc("c1", AEROSPIKE_ERR_REQUEST_INVALID);
	/* nesting beyond the bound: NOT(NOT(...(true))) 100 deep */
	for (int i = 0; i < 100; i++)
		n += (size_t)sprintf(hex + n, "9212");
	sprintf(hex + n, "c3");
	expect_rc(hex, AEROSPIKE_ERR_REQUEST_INVALID);
	/* 20 deep is fine */
	n = 0;
	for (int i = 0; i < 20; i++)
		n += (size_t)sprintf(hex + n, "9212");
	sprintf(hex + n, "c3");
	expect_bool(hex, true);
}
END_TEST

START_TEST(filter_checks)
{
	uint8_t buf[16];
	long n = hex_decode("93140203", 8, buf, sizeof(buf));

	ck_assert_int_eq(ms_exp_filter_check(buf, (size_t)n), AEROSPIKE_ERR_REQUEST_INVALID);
	n = hex_decode("9301010100", 10, buf, sizeof(buf));  /* trailing byte */
	ck_assert_int_eq(ms_exp_filter_check(buf, (size_t)n), AEROSPIKE_ERR_REQUEST_INVALID);
	n = hex_decode("93010101", 8, buf, sizeof(buf));
	ck_assert_int_eq(ms_exp_filter_check(buf, (size_t)n), AEROSPIKE_OK);
	ck_assert_int_eq(ms_exp_filter(buf, (size_t)n, &wk, NULL, NULL, 0), AEROSPIKE_OK);
	n = hex_decode("93010102", 8, buf, sizeof(buf));
	ck_assert_int_eq(ms_exp_filter(buf, (size_t)n, &wk, NULL, NULL, 0), AEROSPIKE_FILTERED_OUT);
	n = hex_decode("93170100", 8, buf, sizeof(buf));        /* not boolean */
	ck_assert_int_eq(ms_exp_filter(buf, (size_t)n, &wk, NULL, NULL, 0), AEROSPIKE_ERR_REQUEST_INVALID);
}
END_TEST

/* --- batch and scan through the handler --- */

static ms_server *srv_new(void)
{
	ms_server *s = calloc(1, sizeof(*s));

	ck_assert_ptr_nonnull(s);
	ms_server_init(s);
	ck_assert_ptr_nonnull(ms_store_add_ns(&s->store, "test"));
	ms_server_set_nodes(s, 1, MS_DEFAULT_PORT);
	ms_cluster_rebalance(s);
	return s;
}

static void handle(ms_server *s, as_buffer *req, as_buffer *out)
{
	as_reader r;
	as_frame f;
	as_error err;

	out->len = 0;
	as_reader_init(&r);
	as_reader_feed(&r, req->data, req->len);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 1);
	ck_assert_uint_eq(ms_frame_handle(&s->nodes[0], &f, out), 0);
	as_reader_free(&r);
}

static void digest_of(int k, uint8_t d[AS_DIGEST_SIZE])
{
	memset(d, 0, AS_DIGEST_SIZE);
	d[0] = (uint8_t)k;
	d[19] = 0x5a;
}

/* put {i: v} at digest k */
static void put_int(ms_server *s, int k, int64_t v)
{
	as_buffer req, out;
	as_msg_header h;
	uint8_t d[AS_DIGEST_SIZE], val[8];
	size_t f, m;

	as_buffer_init(&req);
	as_buffer_init(&out);
	digest_of(k, d);
	as_put_u64(val, (uint64_t)v);
	f = as_proto_begin(&req);
	m = as_msg_begin(&req);
	as_field_put(&req, AS_FIELD_NAMESPACE, "test", 4);
	as_field_put(&req, AS_FIELD_DIGEST, d, AS_DIGEST_SIZE);
	as_op_put(&req, AS_OPERATOR_WRITE, AS_INTEGER, "i", 1, val, 8);
	memset(&h, 0, sizeof(h));
	h.info2 = AS_INFO2_WRITE;
	h.n_fields = 2;
	h.n_ops = 1;
	as_msg_end(&req, m, &h);
	as_proto_end(&req, f, AS_PROTO_TYPE_MSG);
	handle(s, &req, &out);
	ck_assert_uint_eq(out.data[AS_PROTO_HEADER_SIZE + 5], 0);
	as_buffer_free(&req);
	as_buffer_free(&out);
}

/* filter: i == 2 */
static const uint8_t filt_i2[] = { 0x93, 0x01, 0x93, 0x51, 0x02, 0xa1, 0x69, 0x02 };

START_TEST(batch_rows_filtered)
{
	ms_server *s = srv_new();
	as_buffer req, out;
	as_msg_header h;
	as_msg_view v;
	as_error err;
	size_t f, m, bf, at;
	uint8_t d[AS_DIGEST_SIZE], rc[3] = { 0xff, 0xff, 0xff };

	for (int k = 1; k <= 3; k++)
		put_int(s, k, k);
	as_buffer_init(&req);
	as_buffer_init(&out);
	f = as_proto_begin(&req);
	m = as_msg_begin(&req);
	as_field_put(&req, AS_FIELD_FILTER_EXP, filt_i2, sizeof(filt_i2));
	bf = as_field_begin(&req, AS_FIELD_BATCH_INDEX);
	{
		uint8_t head[5] = { 0, 0, 0, 3, 0 };

		as_buffer_append(&req, head, 5);
	}
	for (int k = 1; k <= 3; k++) {
		uint8_t row[4 + AS_DIGEST_SIZE + 1 + 1 + 4];
		uint8_t *p = row;

		as_put_u32(p, (uint32_t)(k - 1));
		digest_of(k, p + 4);
		p[24] = 0;              /* row flags */
		p[25] = AS_INFO1_READ | AS_INFO1_GET_ALL;
		as_put_u16(p + 26, 1);  /* n_fields */
		as_put_u16(p + 28, 0);
		as_buffer_append(&req, row, sizeof(row));
		as_field_put(&req, AS_FIELD_NAMESPACE, "test", 4);
	}
	as_field_end(&req, bf);
	memset(&h, 0, sizeof(h));
	h.info1 = AS_INFO1_READ | AS_INFO1_BATCH;
	h.n_fields = 2;
	as_msg_end(&req, m, &h);
	as_proto_end(&req, f, AS_PROTO_TYPE_MSG);
	handle(s, &req, &out);
	/* one record message per row (transaction_ttl = row index), then the last */
	at = AS_PROTO_HEADER_SIZE;
	while (at < out.len && as_msg_parse(out.data + at, out.len - at, &v, &err) == AEROSPIKE_OK) {
		if (v.h.info3 & AS_INFO3_LAST)
			break;
		ck_assert_uint_lt(v.h.transaction_ttl, 3);
		rc[v.h.transaction_ttl] = v.h.result_code;
		at += v.total;
	}
	ck_assert_uint_eq(rc[0], AEROSPIKE_FILTERED_OUT);
	ck_assert_uint_eq(rc[1], AEROSPIKE_OK);
	ck_assert_uint_eq(rc[2], AEROSPIKE_FILTERED_OUT);
	(void)d;
	as_buffer_free(&req);
	as_buffer_free(&out);
	ms_server_destroy(s);
	free(s);
}
END_TEST

/* Count the record messages of a scan reply; *last_rc gets the last frame's code. */
static int scan_count(ms_server *s, const uint8_t *filter, size_t filter_len, int *last_rc)
{
	as_buffer req, out;
	as_msg_header h;
	size_t f, m, at = 0;
	int n = 0;

	as_buffer_init(&req);
	as_buffer_init(&out);
	f = as_proto_begin(&req);
	m = as_msg_begin(&req);
	as_field_put(&req, AS_FIELD_NAMESPACE, "test", 4);
	as_field_put(&req, AS_FIELD_FILTER_EXP, filter, (uint32_t)filter_len);
	memset(&h, 0, sizeof(h));
	h.info1 = AS_INFO1_READ | AS_INFO1_GET_ALL;
	h.n_fields = 2;
	as_msg_end(&req, m, &h);
	as_proto_end(&req, f, AS_PROTO_TYPE_MSG);
	handle(s, &req, &out);
	*last_rc = -1;
	while (at + AS_PROTO_HEADER_SIZE <= out.len) {
		uint64_t body = (uint64_t)out.data[at + 2] << 40 | (uint64_t)out.data[at + 3] << 32 |
		                (uint64_t)as_get_u32(out.data + at + 4);
		size_t p = at + AS_PROTO_HEADER_SIZE, end = p + body;
		as_msg_view v;
		as_error err;

		while (p < end && as_msg_parse(out.data + p, end - p, &v, &err) == AEROSPIKE_OK) {
			if (v.h.info3 & AS_INFO3_LAST)
				*last_rc = v.h.result_code;
			else
				n++;
			p += v.total;
		}
		at = end;
	}
	as_buffer_free(&req);
	as_buffer_free(&out);
	return n;
}

START_TEST(scan_filtered)
{
	static const uint8_t ge2[] = { 0x93, 0x04, 0x93, 0x51, 0x02, 0xa1, 0x69, 0x02 };
	static const uint8_t bad[] = { 0x93, 0x14, 0x01, 0x02 };
	ms_server *s = srv_new();
	int last;

	for (int k = 1; k <= 4; k++)
		put_int(s, k, k);
	ck_assert_int_eq(scan_count(s, ge2, sizeof(ge2), &last), 3);
	ck_assert_int_eq(last, AEROSPIKE_OK);
	ck_assert_int_eq(scan_count(s, filt_i2, sizeof(filt_i2), &last), 1);
	ck_assert_int_eq(scan_count(s, bad, sizeof(bad), &last), 0);
	ck_assert_int_eq(last, AEROSPIKE_ERR_REQUEST_INVALID);
	ms_server_destroy(s);
	free(s);
}
END_TEST

/* operate on digest k with one expression op; returns the result code and
 * the first op's integer value in *iv (or -1). */
static int exp_operate(ms_server *s, int k, uint8_t info2, uint8_t op, const char *bin, const char *value_hex,
                       int64_t *iv)
{
	as_buffer req, out;
	as_msg_header h;
	as_msg_view v;
	as_msg_op o;
	as_error err;
	const uint8_t *cur = NULL;
	uint8_t d[AS_DIGEST_SIZE], val[64];
	long n = hex_decode(value_hex, strlen(value_hex), val, sizeof(val));
	size_t f, m;
	int rc;

	ck_assert_int_gt(n, 0);
	as_buffer_init(&req);
	as_buffer_init(&out);
	digest_of(k, d);
	f = as_proto_begin(&req);
	m = as_msg_begin(&req);
	as_field_put(&req, AS_FIELD_NAMESPACE, "test", 4);
	as_field_put(&req, AS_FIELD_DIGEST, d, AS_DIGEST_SIZE);
	as_op_put(&req, op, AS_BYTES, bin, (uint8_t)strlen(bin), val, (uint32_t)n);
	memset(&h, 0, sizeof(h));
	h.info1 = AS_INFO1_READ;
	h.info2 = info2 | AS_INFO2_RESPOND_ALL_OPS;
	h.n_fields = 2;
	h.n_ops = 1;
	as_msg_end(&req, m, &h);
	as_proto_end(&req, f, AS_PROTO_TYPE_MSG);
	handle(s, &req, &out);
	ck_assert_int_eq(as_msg_parse(out.data + AS_PROTO_HEADER_SIZE, out.len - AS_PROTO_HEADER_SIZE, &v, &err),
	                 AEROSPIKE_OK);
	rc = v.h.result_code;
	*iv = -1;
	if (as_msg_next_op(&v, &cur, &o) && o.particle == AS_INTEGER && o.value_len == 8)
		*iv = (int64_t)as_get_u64(o.value);
	as_buffer_free(&req);
	as_buffer_free(&out);
	return rc;
}

START_TEST(exp_ops)
{
	ms_server *s = srv_new();
	int64_t iv;

	put_int(s, 1, 10);
	/* j = i + 5, then read j back through an expression */
	ck_assert_int_eq(exp_operate(s, 1, AS_INFO2_WRITE, 8, "j", "92931493510" "2a1690500", &iv), AEROSPIKE_OK);
	ck_assert_int_eq(exp_operate(s, 1, 0, 7, "r", "929351" "02a16a00", &iv), AEROSPIKE_OK);
	ck_assert_int_eq(iv, 15);
	/* a write op in a read command */
	ck_assert_int_eq(exp_operate(s, 1, 0, 8, "j", "920100", &iv), AEROSPIKE_ERR_REQUEST_INVALID);
	/* division by zero: 26, or a nil entry with EVAL_NO_FAIL (16) */
	ck_assert_int_eq(exp_operate(s, 1, 0, 7, "r", "9293170100" "00", &iv), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	ck_assert_int_eq(exp_operate(s, 1, 0, 7, "r", "9293170100" "10", &iv), AEROSPIKE_OK);
	ck_assert_int_eq(iv, -1);
	/* malformed op values */
	ck_assert_int_eq(exp_operate(s, 1, 0, 7, "r", "93010203", &iv), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(exp_operate(s, 1, 0, 7, "r", "920140", &iv), AEROSPIKE_ERR_REQUEST_INVALID);
	/* j is still 15: the failed ops wrote nothing */
	ck_assert_int_eq(exp_operate(s, 1, 0, 7, "r", "929351" "02a16a00", &iv), AEROSPIKE_OK);
	ck_assert_int_eq(iv, 15);
	ms_server_destroy(s);
	free(s);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("ms_exp_eval");
	TCase *tc = tcase_create("evaluator");
	TCase *th = tcase_create("handler");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, arithmetic);
	tcase_add_test(tc, bit_functions);
	tcase_add_test(tc, control);
	tcase_add_test(tc, unknown_in_logic);
	tcase_add_test(tc, regex);
	tcase_add_test(tc, geo_compare);
	tcase_add_test(tc, collection_calls);
	tcase_add_test(tc, refused);
	tcase_add_test(tc, filter_checks);
	suite_add_tcase(s, tc);
	tcase_add_test(th, batch_rows_filtered);
	tcase_add_test(th, scan_filtered);
	tcase_add_test(th, exp_ops);
	suite_add_tcase(s, th);
	return s;
}
