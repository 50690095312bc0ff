/* Bit and HyperLogLog operations against the official client's captured
 * requests (shared/reference/cdt/bit_*.req.hex, hll_*.req.hex): every
 * frame of every step of every case, setup steps included, is built with
 * the public API and the request encoder and compared byte for byte. The
 * replies of a few cases are decoded to check that several results per
 * bin and HLL values come back. Bad arguments must fail with a message. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/bit_operations.h>
#include <aerofuture/hll_operations.h>
#include <aerofuture/operations.h>
#include <aerofuture/record.h>

#include "codec/encode.h"
#include "codec/msg.h"
#include "codec/proto.h"
#include "common/check_main.h"
#include "common/hex.h"
#include "common/reference.h"

/* The captures' keys: namespace test, set cap_cdt (digests from the .txt). */
static const char *const DIGEST_BIT1 = "81e31ebd0d17aaec93ec1ef954f8565f902df682";
static const char *const DIGEST_HLL1 = "cbb4be2158d5e34d368045f79ad626297f3ed463";

/* Node client defaults of the capture: total timeout 1000 ms. */
#define CAPTURED_BASE(total, retries) \
	{ .total_timeout = (total), .socket_timeout = 30000, .max_retries = (retries) }
static const as_policy_write WPOL = { .base = CAPTURED_BASE(1000, 0), .exists = AS_POLICY_EXISTS_CREATE_OR_REPLACE };
static const as_policy_read RPOL = { .base = CAPTURED_BASE(1000, 2), .replica = AS_POLICY_REPLICA_SEQUENCE };
static const as_policy_operate OPOL = { .base = CAPTURED_BASE(1000, 0) };
static const as_policy_remove DPOL = { .base = CAPTURED_BASE(1000, 0) };

/* Offset of info2 in a frame: proto header, header_sz, info1. */
#define INFO2_AT (AS_PROTO_HEADER_SIZE + 2)

static as_key key_make(const char *user_key, const char *digest_hex)
{
	as_key k;

	memset(&k, 0, sizeof k);
	snprintf(k.ns, sizeof k.ns, "%s", "test");
	snprintf(k.set, sizeof k.set, "%s", "cap_cdt");
	k.value = as_value_str_ref(user_key);
	ck_assert_int_eq(hex_decode(digest_hex, strlen(digest_hex), k.digest, sizeof k.digest), AS_DIGEST_SIZE);
	return k;
}

/* ---- one case: its captured frames, compared in wire order ---- */

typedef struct run {
	const char *name;
	ref_frames req;
	size_t next;   /* the next request frame to compare */
	as_key key;
} run;

static void run_start(run *r, const char *name, bool hll)
{
	char path[256], why[512];

	memset(r, 0, sizeof *r);
	r->name = name;
	snprintf(path, sizeof path, "cdt/%s.req.hex", name);
	ck_assert_msg(ref_load_frames(path, &r->req, why, sizeof why), "%s", why);
	r->key = hll ? key_make("hll1", DIGEST_HLL1) : key_make("bit1", DIGEST_BIT1);
}

static void run_end(run *r)
{
	ck_assert_msg(r->next == r->req.n, "%s: built %zu frames, the capture has %zu", r->name, r->next, r->req.n);
	ref_frames_free(&r->req);
}

/* Compare the frame in @p b with the next captured one. */
static void expect_next(run *r, const as_buffer *b)
{
	size_t i, idx = r->next++;

	ck_assert_msg(idx < r->req.n, "%s: only %zu request frames, built more", r->name, r->req.n);
	for (i = 0; i < b->len && i < r->req.len[idx]; i++)
		if (b->data[i] != r->req.data[idx][i])
			break;
	ck_assert_msg(i == b->len && b->len == r->req.len[idx],
	              "%s frame %zu: differs at byte %zu (ours %zu bytes, captured %zu; ours 0x%02x, captured 0x%02x)",
	              r->name, idx, i, b->len, r->req.len[idx], i < b->len ? b->data[i] : 0,
	              i < r->req.len[idx] ? r->req.data[idx][i] : 0);
}

static void expect_ok(as_status rc, const as_error *err)
{
	ck_assert_msg(rc == AEROSPIKE_OK, "encoder failed: %d %s", rc, err->message);
}

static void step_put(run *r, as_record *rec)
{
	as_policy_write p = WPOL;
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_put(&b, &p, &r->key, rec, &err), &err);
	expect_next(r, &b);
	as_buffer_free(&b);
	as_record_destroy(rec);
}

static void step_put_bytes(run *r, const char *bin, const uint8_t *p, size_t n)
{
	as_record *rec = as_record_new(1);

	ck_assert(as_record_set_bytes(rec, bin, p, n));
	step_put(r, rec);
}

static void step_operate(run *r, as_operations *ops)
{
	as_policy_operate p = OPOL;
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_operate(&b, &p, &r->key, ops, &err), &err);
	expect_next(r, &b);
	as_buffer_free(&b);
	as_operations_destroy(ops);
}

static void step_remove(run *r)
{
	as_policy_remove p = DPOL;
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_remove(&b, &p, &r->key, &err), &err);
	expect_next(r, &b);
	as_buffer_free(&b);
}

static void step_get(run *r)
{
	as_policy_read p = RPOL;
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_get(&b, &p, &r->key, NULL, 0, &err), &err);
	expect_next(r, &b);
	as_buffer_free(&b);
}

static const uint8_t B01020304[] = { 1, 2, 3, 4 };
static const uint8_t FF[] = { 0xff }, F0[] = { 0xf0 }, FFFF[] = { 0xff, 0xff }, X0F0F[] = { 0x0f, 0x0f };

/* The bit cases: a setup put of b = 01020304, then one operate. */
static run bit_case(const char *name)
{
	run r;

	run_start(&r, name, false);
	step_put_bytes(&r, "b", B01020304, sizeof B01020304);
	return r;
}

/* Node's operations.read("b") after a bit op. */
static as_operations *then_read(as_operations *ops)
{
	ck_assert(as_operations_add_read(ops, "b"));
	return ops;
}

/* ---- bit cases ---- */

START_TEST(bit_modify_cases)
{
	as_operations *ops;
	run r;

	r = bit_case("bit_resize");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_resize(ops, "b", NULL, NULL, 6, AS_BIT_RESIZE_DEFAULT));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_resize_from_front_shrink");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_resize(ops, "b", NULL, NULL, 2,
	                                   (as_bit_resize_flags)(AS_BIT_RESIZE_FROM_FRONT | AS_BIT_RESIZE_SHRINK_ONLY)));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_insert");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_insert(ops, "b", NULL, NULL, 1, sizeof FF, FF));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_remove");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_remove(ops, "b", NULL, NULL, 1, 2));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_set");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_set(ops, "b", NULL, NULL, 4, 8, sizeof FF, FF));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_or");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_or(ops, "b", NULL, NULL, 8, 8, sizeof F0, F0));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_xor");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_xor(ops, "b", NULL, NULL, 0, 16, sizeof FFFF, FFFF));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_and");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_and(ops, "b", NULL, NULL, 16, 16, sizeof X0F0F, X0F0F));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_not");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_not(ops, "b", NULL, NULL, 0, 12));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_lshift");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_lshift(ops, "b", NULL, NULL, 0, 32, 4));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_rshift");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_rshift(ops, "b", NULL, NULL, 8, 16, 3));
	step_operate(&r, then_read(ops));
	run_end(&r);

	r = bit_case("bit_set_int");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_set_int(ops, "b", NULL, NULL, 8, 16, 0x1234));
	step_operate(&r, then_read(ops));
	run_end(&r);

	/* a policy of default flags is sent like no policy */
	as_bit_policy pol;
	as_bit_policy_init(&pol);
	r = bit_case("bit_subtract");
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_subtract(ops, "b", NULL, &pol, 16, 8, 1, false, AS_BIT_OVERFLOW_FAIL));
	step_operate(&r, then_read(ops));
	run_end(&r);

	/* a bit write on a string bin: the request is still well formed (the
	 * server answers 12) */
	run_start(&r, "bit_on_string_bin", false);
	as_record *rec = as_record_new(1);
	ck_assert(as_record_set_str(rec, "s", "hello"));
	step_put(&r, rec);
	ops = as_operations_new(1);
	ck_assert(as_operations_bit_set(ops, "s", NULL, NULL, 0, 8, sizeof FF, FF));
	step_operate(&r, ops);
	run_end(&r);
}
END_TEST

START_TEST(bit_math_cases)
{
	static const struct {
		const char *name;
		uint64_t value;
		bool sign;
		as_bit_overflow_action action;
	} cases[] = {
		{ "bit_add", 10, false, AS_BIT_OVERFLOW_FAIL },
		{ "bit_add_overflow_fail", 255, false, AS_BIT_OVERFLOW_FAIL },
		{ "bit_add_overflow_saturate", 255, false, AS_BIT_OVERFLOW_SATURATE },
		{ "bit_add_overflow_wrap_signed", 127, true, AS_BIT_OVERFLOW_WRAP },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		run r = bit_case(cases[i].name);
		as_operations *ops = as_operations_new(2);

		ck_assert(as_operations_bit_add(ops, "b", NULL, NULL, 24, 8, cases[i].value, cases[i].sign,
		                                cases[i].action));
		step_operate(&r, then_read(ops));
		run_end(&r);
	}
}
END_TEST

START_TEST(bit_read_cases)
{
	static const uint8_t FE02[] = { 0xfe, 0x02 };
	as_operations *ops;
	run r;

	r = bit_case("bit_get");
	ops = as_operations_new(1);
	ck_assert(as_operations_bit_get(ops, "b", NULL, 4, 16));
	step_operate(&r, ops);
	run_end(&r);

	r = bit_case("bit_get_out_of_range");
	ops = as_operations_new(1);
	ck_assert(as_operations_bit_get(ops, "b", NULL, 24, 16));
	step_operate(&r, ops);
	run_end(&r);

	r = bit_case("bit_get_int");
	ops = as_operations_new(1);
	ck_assert(as_operations_bit_get_int(ops, "b", NULL, 8, 16, false));
	step_operate(&r, ops);
	run_end(&r);

	run_start(&r, "bit_get_int_signed", false);
	step_put_bytes(&r, "b", FE02, sizeof FE02);
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_get_int(ops, "b", NULL, 0, 8, true));
	ck_assert(as_operations_bit_get_int(ops, "b", NULL, 0, 8, false));
	step_operate(&r, ops);
	run_end(&r);

	r = bit_case("bit_rscan");
	ops = as_operations_new(1);
	ck_assert(as_operations_bit_rscan(ops, "b", NULL, 0, 32, true));
	step_operate(&r, ops);
	run_end(&r);

	/* Node's lscan() sends RSCAN (cdt/notes.txt section 10): the capture
	 * holds what rscan builds; a real LSCAN is checked in bit_count_lscan. */
	r = bit_case("bit_lscan");
	ops = as_operations_new(1);
	ck_assert(as_operations_bit_rscan(ops, "b", NULL, 0, 32, true));
	step_operate(&r, ops);
	run_end(&r);

	/* the same Node bug in the last op */
	r = bit_case("bit_multi_read");
	ops = as_operations_new(3);
	ck_assert(as_operations_bit_get(ops, "b", NULL, 0, 8));
	ck_assert(as_operations_bit_get_int(ops, "b", NULL, 8, 8, false));
	ck_assert(as_operations_bit_rscan(ops, "b", NULL, 0, 32, true));
	step_operate(&r, ops);
	run_end(&r);
}
END_TEST

/* bit_count_lscan_raw step 2 was built by hand (no official client sent
 * it), without RESPOND_ALL_OPS. The same ops from the API give the same
 * frame except for that bit, which the client always sets for bit ops. */
START_TEST(bit_count_lscan)
{
	as_policy_operate p = OPOL;
	as_operations *ops = as_operations_new(3);
	as_buffer b;
	as_error err;
	run r = bit_case("bit_count_lscan_raw");

	ck_assert(as_operations_bit_count(ops, "b", NULL, 4, 16));
	ck_assert(as_operations_bit_count(ops, "b", NULL, 0, 32));
	ck_assert(as_operations_bit_lscan(ops, "b", NULL, 0, 32, true));
	as_buffer_init(&b);
	expect_ok(as_encode_operate(&b, &p, &r.key, ops, &err), &err);
	ck_assert_uint_gt(b.len, INFO2_AT);
	ck_assert_uint_eq(b.data[INFO2_AT], AS_INFO2_RESPOND_ALL_OPS);
	b.data[INFO2_AT] = 0;
	expect_next(&r, &b);
	as_buffer_free(&b);
	as_operations_destroy(ops);
	run_end(&r);
}
END_TEST

/* ---- HLL cases ---- */

static as_list *strs(const char *a, const char *b, const char *c)
{
	as_list *l = as_list_new(3);

	as_list_append_str(l, a);
	if (b)
		as_list_append_str(l, b);
	if (c)
		as_list_append_str(l, c);
	return l;
}

/* Setup of most HLL cases: a remove, then h and h2 built by one operate. */
static run hll_case(const char *name)
{
	as_operations *ops = as_operations_new(4);
	run r;

	run_start(&r, name, true);
	step_remove(&r);
	ck_assert(as_operations_hll_init(ops, "h", NULL, NULL, 8));
	ck_assert(as_operations_hll_add(ops, "h", NULL, NULL, strs("a", "b", "c"), -1));
	ck_assert(as_operations_hll_init(ops, "h2", NULL, NULL, 8));
	ck_assert(as_operations_hll_update(ops, "h2", NULL, NULL, strs("c", "d", NULL)));
	step_operate(&r, ops);
	return r;
}

/* The setup of the others: a put of i = 1. */
static run hll_case_int(const char *name)
{
	as_record *rec = as_record_new(1);
	run r;

	run_start(&r, name, true);
	ck_assert(as_record_set_int(rec, "i", 1));
	step_put(&r, rec);
	return r;
}

/* Decode a reply frame into a record. */
static as_record *reply_record(const uint8_t *frame, size_t len)
{
	as_msg_view m;
	as_record *rec = NULL;
	as_error err;

	ck_assert_uint_gt(len, AS_PROTO_HEADER_SIZE);
	ck_assert_int_eq(as_msg_parse(frame + AS_PROTO_HEADER_SIZE, len - AS_PROTO_HEADER_SIZE, &m, &err), AEROSPIKE_OK);
	ck_assert_int_eq(as_msg_to_record(&m, 0, &rec, &err), AEROSPIKE_OK);
	return rec;
}

static ref_frames load_res(const char *name)
{
	char path[256], why[512];
	ref_frames f;

	snprintf(path, sizeof path, "cdt/%s.res.hex", name);
	ck_assert_msg(ref_load_frames(path, &f, why, sizeof why), "%s", why);
	return f;
}

/* The value of bin h2 as the case's get step returned it (the reply
 * decoder's output, as an application would pass it on). */
static as_list *h2_value(const char *name)
{
	ref_frames f = load_res(name);
	as_list *out = NULL;

	for (size_t i = 0; i < f.n && !out; i++) {
		as_record *rec = reply_record(f.data[i], f.len[i]);
		const as_value *v = as_record_get(rec, "h2");

		/* the setup operate's reply names h2 too, with nil and an integer */
		if (v && v->type == AS_BYTES) {
			out = as_list_new(1);
			as_list_append(out, as_value_copy(v));
		}
		as_record_destroy(rec);
	}
	ref_frames_free(&f);
	ck_assert_msg(out != NULL, "%s: no reply holds bin h2", name);
	return out;
}

/* The union cases: setup, a get of the record, then (as the driver did)
 * another get and the operate. */
static void hll_union_case(const char *name, bool (*add)(as_operations *, const char *, const as_cdt_ctx *,
                                                         as_list *))
{
	as_operations *ops = as_operations_new(1);
	run r = hll_case(name);

	step_get(&r);
	step_get(&r);
	ck_assert(add(ops, "h", NULL, h2_value(name)));
	step_operate(&r, ops);
	run_end(&r);
}

START_TEST(hll_cases)
{
	as_hll_policy pol;
	as_operations *ops;
	run r;

	r = hll_case_int("hll_init");
	ops = as_operations_new(2);
	ck_assert(as_operations_hll_init(ops, "h", NULL, NULL, 10));
	ck_assert(as_operations_hll_init_mh(ops, "hm", NULL, NULL, 10, 4));
	step_operate(&r, ops);
	run_end(&r);

	r = hll_case_int("hll_add");
	ops = as_operations_new(2);
	ck_assert(as_operations_hll_add(ops, "h", NULL, NULL, strs("a", "b", "c"), 8));
	ck_assert(as_operations_hll_add(ops, "h", NULL, NULL, strs("c", "d", NULL), -1));
	step_operate(&r, ops);
	run_end(&r);

	r = hll_case_int("hll_add_non_hll_bin");
	ops = as_operations_new(1);
	ck_assert(as_operations_hll_add(ops, "i", NULL, NULL, strs("a", NULL, NULL), 8));
	step_operate(&r, ops);
	run_end(&r);

	r = hll_case("hll_get_count");
	ops = as_operations_new(1);
	ck_assert(as_operations_hll_get_count(ops, "h", NULL));
	step_operate(&r, ops);
	run_end(&r);

	r = hll_case("hll_read_bin");
	step_get(&r);
	run_end(&r);

	r = hll_case("hll_describe");
	ops = as_operations_new(1);
	ck_assert(as_operations_hll_describe(ops, "h", NULL));
	step_operate(&r, ops);
	run_end(&r);

	r = hll_case("hll_refresh_count");
	ops = as_operations_new(1);
	ck_assert(as_operations_hll_refresh_count(ops, "h", NULL));
	step_operate(&r, ops);
	run_end(&r);

	r = hll_case("hll_fold");
	ops = as_operations_new(2);
	ck_assert(as_operations_hll_fold(ops, "h", NULL, 6));
	ck_assert(as_operations_hll_describe(ops, "h", NULL));
	step_operate(&r, ops);
	run_end(&r);

	r = hll_case("hll_init_create_only_exists");
	as_hll_policy_init(&pol);
	as_hll_policy_set_write_flags(&pol, AS_HLL_WRITE_CREATE_ONLY);
	ops = as_operations_new(1);
	ck_assert(as_operations_hll_init(ops, "h", NULL, &pol, 8));
	step_operate(&r, ops);
	run_end(&r);

	/* set_union then get_count, after the two gets */
	r = hll_case("hll_union");
	step_get(&r);
	step_get(&r);
	ops = as_operations_new(2);
	ck_assert(as_operations_hll_set_union(ops, "h", NULL, NULL, h2_value("hll_union")));
	ck_assert(as_operations_hll_get_count(ops, "h", NULL));
	step_operate(&r, ops);
	run_end(&r);

	hll_union_case("hll_get_union", as_operations_hll_get_union);
	hll_union_case("hll_get_union_count", as_operations_hll_get_union_count);
	hll_union_case("hll_get_intersect_count", as_operations_hll_get_intersect_count);
	hll_union_case("hll_get_similarity", as_operations_hll_get_similarity);
}
END_TEST

/* Every bit_* and hll_* capture is one of the cases above. */
START_TEST(all_cases_covered)
{
	static const char *const known[] = {
		"bit_resize", "bit_resize_from_front_shrink", "bit_insert", "bit_remove", "bit_set", "bit_or",
		"bit_xor", "bit_and", "bit_not", "bit_lshift", "bit_rshift", "bit_add", "bit_add_overflow_fail",
		"bit_add_overflow_saturate", "bit_add_overflow_wrap_signed", "bit_subtract", "bit_set_int",
		"bit_get", "bit_lscan", "bit_rscan", "bit_get_int", "bit_get_int_signed", "bit_get_out_of_range",
		"bit_count_lscan_raw", "bit_on_string_bin", "bit_multi_read",
		"hll_init", "hll_add", "hll_get_count", "hll_read_bin", "hll_union", "hll_get_union_count",
		"hll_get_union", "hll_get_intersect_count", "hll_get_similarity", "hll_describe",
		"hll_refresh_count", "hll_fold", "hll_init_create_only_exists", "hll_add_non_hll_bin",
	};
	const size_t n_known = sizeof known / sizeof known[0];
	char path[1024];
	size_t found = 0;
	struct dirent *e;
	DIR *d;

	ck_assert_msg(ref_dir() != NULL, "AS_REFERENCE_DIR is not set or not a directory");
	snprintf(path, sizeof path, "%s/cdt", ref_dir());
	d = opendir(path);
	ck_assert_msg(d != NULL, "cannot open %s", path);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name), i;
		const char *suffix = ".req.hex";

		if (strncmp(e->d_name, "bit_", 4) != 0 && strncmp(e->d_name, "hll_", 4) != 0)
			continue;
		if (len <= strlen(suffix) || strcmp(e->d_name + len - strlen(suffix), suffix) != 0)
			continue;
		for (i = 0; i < n_known; i++)
			if (strlen(known[i]) == len - strlen(suffix) && strncmp(known[i], e->d_name, len - strlen(suffix)) == 0)
				break;
		ck_assert_msg(i < n_known, "capture %s has no test here", e->d_name);
		found++;
	}
	closedir(d);
	/* 26 bit and 14 HLL cases (cdt/README.txt) */
	ck_assert_uint_eq(found, 40);
	ck_assert_uint_eq(n_known, 40);
}
END_TEST

/* ---- replies: several results per bin, HLL values, doubles, lists ---- */

static as_record *reply_of(const char *name, size_t idx)
{
	ref_frames f = load_res(name);
	as_record *rec;

	ck_assert_uint_lt(idx, f.n);
	rec = reply_record(f.data[idx], f.len[idx]);
	ref_frames_free(&f);
	return rec;
}

START_TEST(replies)
{
	/* three results for bin b, in request order: the server's 2, 5, 7 */
	as_record *rec = reply_of("bit_count_lscan_raw", 1);
	ck_assert_uint_eq(rec->n_bins, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_str_eq(rec->bins[i].name, "b");
		ck_assert_int_eq(rec->bins[i].value.type, AS_INTEGER);
	}
	ck_assert_int_eq(rec->bins[0].value.u.i, 2);
	ck_assert_int_eq(rec->bins[1].value.u.i, 5);
	ck_assert_int_eq(rec->bins[2].value.u.i, 7);
	as_record_destroy(rec);

	/* a bit modify answers nil under RESPOND_ALL_OPS, then the read */
	rec = reply_of("bit_resize", 1);
	ck_assert_uint_eq(rec->n_bins, 2);
	ck_assert_int_eq(rec->bins[0].value.type, AS_NIL);
	ck_assert_int_eq(rec->bins[1].value.type, AS_BYTES);
	ck_assert_uint_eq(rec->bins[1].value.len, 6);
	as_record_destroy(rec);

	/* signed and unsigned reads of fe: -2 and 254 */
	rec = reply_of("bit_get_int_signed", 1);
	ck_assert_uint_eq(rec->n_bins, 2);
	ck_assert_int_eq(rec->bins[0].value.u.i, -2);
	ck_assert_int_eq(rec->bins[1].value.u.i, 254);
	as_record_destroy(rec);

	/* HLL bins (particle 18) come back as 203 bytes starting 00 08 */
	rec = reply_of("hll_read_bin", 2);
	const as_value *h = as_record_get(rec, "h");
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(h->type, AS_BYTES);
	ck_assert_uint_eq(h->len, 203);
	ck_assert_uint_eq(h->u.bytes[0], 0);
	ck_assert_uint_eq(h->u.bytes[1], 8);
	as_record_destroy(rec);

	/* get_union answers an HLL value too */
	rec = reply_of("hll_get_union", 4);
	ck_assert_uint_eq(rec->n_bins, 1);
	ck_assert_int_eq(rec->bins[0].value.type, AS_BYTES);
	ck_assert_uint_eq(rec->bins[0].value.len, 203);
	as_record_destroy(rec);

	/* similarity is a double, describe a list [8, 0] */
	rec = reply_of("hll_get_similarity", 4);
	ck_assert_int_eq(rec->bins[0].value.type, AS_DOUBLE);
	ck_assert_double_eq_tol(rec->bins[0].value.u.d, 0.25, 1e-9);
	as_record_destroy(rec);
	rec = reply_of("hll_describe", 2);
	ck_assert_int_eq(rec->bins[0].value.type, AS_LIST);
	ck_assert_uint_eq(rec->bins[0].value.u.list->size, 2);
	ck_assert_int_eq(as_list_get(rec->bins[0].value.u.list, 0)->u.i, 8);
	ck_assert_int_eq(as_list_get(rec->bins[0].value.u.list, 1)->u.i, 0);
	as_record_destroy(rec);
}
END_TEST

/* ---- a context wraps a bit op like a collection op ---- */

START_TEST(bit_with_context)
{
	as_operations *ops = as_operations_new(1);
	as_cdt_ctx ctx;
	const as_list *v, *path, *op;

	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_list_index(&ctx, 0);
	ck_assert(as_operations_bit_get(ops, "l", &ctx, 0, 8));
	as_cdt_ctx_destroy(&ctx);  /* the op keeps its own copy */
	ck_assert_uint_eq(ops->n_ops, 1);
	ck_assert_int_eq(ops->ops[0].op, AS_OPERATOR_BIT_READ);
	ck_assert_int_eq(ops->ops[0].value.type, AS_LIST);
	v = ops->ops[0].value.u.list;
	ck_assert_uint_eq(v->size, 3);
	ck_assert_int_eq(as_list_get(v, 0)->u.i, 0xff);
	path = as_list_get(v, 1)->u.list;
	ck_assert_uint_eq(path->size, 2);
	ck_assert_int_eq(as_list_get(path, 0)->u.i, 0x10);  /* LIST_INDEX */
	ck_assert_int_eq(as_list_get(path, 1)->u.i, 0);
	op = as_list_get(v, 2)->u.list;
	ck_assert_uint_eq(op->size, 3);
	ck_assert_int_eq(as_list_get(op, 0)->u.i, 50);
	as_operations_destroy(ops);
}
END_TEST

/* ---- bad arguments ---- */

/* The adder failed and left a reason naming @p what; the encoder refuses the list. */
static void expect_invalid(as_operations *ops, bool added, const char *what)
{
	as_policy_operate p = OPOL;
	as_key k = key_make("bit1", DIGEST_BIT1);
	as_buffer b;
	as_error err;

	ck_assert_msg(!added, "an adder accepted a bad argument (%s)", what);
	ck_assert_int_eq(ops->n_ops, 0);
	ck_assert_int_eq(as_operations_validate(ops, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_msg(strstr(err.message, what) != NULL, "message '%s' does not name '%s'", err.message, what);
	as_buffer_init(&b);
	ck_assert_int_eq(as_encode_operate(&b, &p, &k, ops, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_uint_eq(b.len, 0);
	as_buffer_free(&b);
	as_operations_destroy(ops);
}

START_TEST(bad_arguments)
{
	as_operations *ops;

	/* NULL policies to set up: nothing happens */
	as_bit_policy_init(NULL);
	as_bit_policy_set_write_flags(NULL, AS_BIT_WRITE_NO_FAIL);
	as_hll_policy_init(NULL);
	as_hll_policy_set_write_flags(NULL, AS_HLL_WRITE_NO_FAIL);

	/* NULL operation lists: false, no crash, stolen lists released */
	ck_assert(!as_operations_bit_resize(NULL, "b", NULL, NULL, 6, AS_BIT_RESIZE_DEFAULT));
	ck_assert(!as_operations_bit_set(NULL, "b", NULL, NULL, 0, 8, sizeof FF, FF));
	ck_assert(!as_operations_bit_get(NULL, "b", NULL, 0, 8));
	ck_assert(!as_operations_bit_get_int(NULL, "b", NULL, 0, 0, false));
	ck_assert(!as_operations_hll_add(NULL, "h", NULL, NULL, strs("a", NULL, NULL), 8));
	ck_assert(!as_operations_hll_get_union(NULL, "h", NULL, strs("a", NULL, NULL)));
	ck_assert(!as_operations_hll_init(NULL, "h", NULL, NULL, 2));
	ck_assert(!as_operations_hll_describe(NULL, "h", NULL));

	/* bin names: NULL, empty, too long */
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_get(ops, NULL, NULL, 0, 8), "bin name");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_count(ops, "", NULL, 0, 8), "bin name");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_add(ops, "sixteen_bytes_xx", NULL, NULL, strs("a", NULL, NULL), 8),
	               "bin name");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_get_count(ops, "", NULL), "bin name");

	/* sizes that are negative numbers passed as unsigned */
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_resize(ops, "b", NULL, NULL, (uint32_t)-1, AS_BIT_RESIZE_DEFAULT),
	               "byte_size");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_remove(ops, "b", NULL, NULL, 0, (uint32_t)-2), "byte_size");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_get(ops, "b", NULL, 0, (uint32_t)-8), "bit_size");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_lshift(ops, "b", NULL, NULL, 0, 8, (uint32_t)-1), "shift");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_insert(ops, "b", NULL, NULL, 0, (uint32_t)-1, FF), "value_byte_size");

	/* integer widths are 1..64 bits */
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_get_int(ops, "b", NULL, 0, 0, false), "bit_size");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_add(ops, "b", NULL, NULL, 0, 65, 1, false, AS_BIT_OVERFLOW_FAIL),
	               "bit_size");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_set_int(ops, "b", NULL, NULL, 0, 65, 1), "bit_size");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_subtract(ops, "b", NULL, NULL, 0, 8, 1, false, (as_bit_overflow_action)3),
	               "overflow action");

	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_resize(ops, "b", NULL, NULL, 1, (as_bit_resize_flags)8), "resize flags");

	/* NULL bytes with a size */
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_bit_xor(ops, "b", NULL, NULL, 0, 8, 1, NULL), "value");

	/* HLL bit counts and lists */
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_init(ops, "h", NULL, NULL, 3), "index_bit_count");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_init(ops, "h", NULL, NULL, 17), "index_bit_count");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_init(ops, "h", NULL, NULL, -1), "index_bit_count");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_init_mh(ops, "h", NULL, NULL, 8, 52), "mh_bit_count");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_init_mh(ops, "h", NULL, NULL, 16, 49), "over 64");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_add_mh(ops, "h", NULL, NULL, strs("a", NULL, NULL), -2, -1),
	               "index_bit_count");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_fold(ops, "h", NULL, -1), "index_bit_count");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_add(ops, "h", NULL, NULL, NULL, 8), "list is NULL");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_set_union(ops, "h", NULL, NULL, NULL), "list is NULL");
	ops = as_operations_new(1);
	expect_invalid(ops, as_operations_hll_may_contain(ops, "h", NULL, NULL), "list is NULL");

	/* the limits themselves are accepted */
	ops = as_operations_new(6);
	ck_assert(as_operations_bit_get_int(ops, "b", NULL, -64, 64, true));
	ck_assert(as_operations_bit_set(ops, "b", NULL, NULL, 0, 0, 0, NULL));
	ck_assert(as_operations_hll_init(ops, "h", NULL, NULL, 4));
	ck_assert(as_operations_hll_init_mh(ops, "h", NULL, NULL, 16, 48));
	ck_assert(as_operations_hll_init_mh(ops, "h", NULL, NULL, 8, 0));
	ck_assert(as_operations_hll_may_contain(ops, "h", NULL, strs("a", NULL, NULL)));
	ck_assert_int_eq(as_operations_validate(ops, NULL), AEROSPIKE_OK);
	as_operations_destroy(ops);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("bit_requests");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, bit_modify_cases);
	tcase_add_test(tc, bit_math_cases);
	tcase_add_test(tc, bit_read_cases);
	tcase_add_test(tc, bit_count_lscan);
	tcase_add_test(tc, hll_cases);
	tcase_add_test(tc, all_cases_covered);
	tcase_add_test(tc, replies);
	tcase_add_test(tc, bit_with_context);
	tcase_add_test(tc, bad_arguments);
	suite_add_tcase(s, tc);
	return s;
}
