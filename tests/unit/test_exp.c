/* Expressions against the official client's captured requests
 * (shared/reference/cdt/filt_*.req.hex, expop_*.req.hex): every frame of
 * every case, setup puts included, is built with exp.h and the request
 * encoder and compared byte for byte. Also: replies with code 27, builder
 * errors (wrong types, NULL, too deep) and reference counting. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/exp.h>
#include <aerofuture/list_operations.h>
#include <aerofuture/map_operations.h>
#include <aerofuture/operations.h>
#include <aerofuture/record.h>
#include <aerofuture/status.h>

#include "codec/encode.h"
#include "codec/msg.h"
#include "codec/proto.h"
#include "common/check_main.h"
#include "common/hex.h"
#include "common/reference.h"

static const char *const DIGEST_EXP1 = "2b69ceefac4b74575724b72969852cb56b5047c1";
static const char *const DIGEST_NONE = "c798fb9c190794c0d1382f53917652edbd251e4f";

/* Node client defaults of the captures: total timeout 1000 ms. */
#define CAPTURED_BASE(total, retries) \
	{ .total_timeout = (total), .socket_timeout = 30000, .max_retries = (retries) }
static const as_policy_write SETUP_WPOL = { .base = CAPTURED_BASE(1000, 0),
	                                    .exists = AS_POLICY_EXISTS_CREATE_OR_REPLACE,
	                                    .key = AS_POLICY_KEY_SEND };
static const as_policy_write WPOL = { .base = CAPTURED_BASE(1000, 0) };
static const as_policy_read RPOL = { .base = CAPTURED_BASE(1000, 2), .replica = AS_POLICY_REPLICA_SEQUENCE };
static const as_policy_operate OPOL = { .base = CAPTURED_BASE(1000, 0) };
static const as_policy_remove DPOL = { .base = CAPTURED_BASE(1000, 0) };

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

/* Compile, failing the test with the builder's message. */
static as_exp *X(as_exp_node *n)
{
	as_error err;
	as_exp *e;

	as_error_reset(&err);
	e = as_exp_compile(n, &err);
	ck_assert_msg(e != NULL, "compile failed: %s", err.message);
	return e;
}

/* ---- one case: its captured frames, compared in wire order ---- */

typedef struct run {
	const char *name;
	ref_frames req;
	size_t next;
	as_key key;
} run;

static void run_start(run *r, const char *name, bool missing_key)
{
	char path[256], why[512];

	memset(r, 0, sizeof *r);
	r->name = name;
	snprintf(path, sizeof path, "cdt/%s.req.hex", name);
	ck_assert_msg(ref_load_frames(path, &r->req, why, sizeof why), "%s", why);
	r->key = missing_key ? key_make("exp_none", DIGEST_NONE) : key_make("exp1", DIGEST_EXP1);
}

static void run_end(run *r)
{
	ck_assert_msg(r->next == r->req.n, "%s: built %zu frames, the capture has %zu", r->name, r->next, r->req.n);
	ref_frames_free(&r->req);
}

static bool same_frame(const run *r, size_t idx, const as_buffer *b, size_t *at)
{
	size_t i;

	for (i = 0; i < b->len && i < r->req.len[idx]; i++)
		if (b->data[i] != r->req.data[idx][i])
			break;
	*at = i;
	return i == b->len && b->len == r->req.len[idx];
}

static void expect_next(run *r, const as_buffer *b)
{
	size_t at, idx = r->next++;

	ck_assert_msg(idx < r->req.n, "%s: only %zu request frames, built more", r->name, r->req.n);
	ck_assert_msg(same_frame(r, idx, b, &at),
	              "%s frame %zu: differs at byte %zu (ours %zu bytes, captured %zu; ours 0x%02x, captured 0x%02x)",
	              r->name, idx, at, b->len, r->req.len[idx], at < b->len ? b->data[at] : 0,
	              at < r->req.len[idx] ? r->req.data[idx][at] : 0);
}

static void expect_ok(as_status rc, const as_error *err)
{
	ck_assert_msg(rc == AEROSPIKE_OK, "encoder failed: %d %s", rc, err->message);
}

/* The setup put of every case: i, s, l, m (a key-ordered map), ttl 1000. */
static void step_setup(run *r)
{
	as_policy_write p = SETUP_WPOL;
	as_record *rec = as_record_new(4);
	as_list *l = as_list_new(3);
	as_map *m = as_map_new(2);
	as_buffer b;
	as_error err;

	as_list_append_int(l, 1);
	as_list_append_int(l, 2);
	as_list_append_int(l, 3);
	as_map_put_str(m, "a", as_value_int(1));
	as_map_put_str(m, "b", as_value_int(2));
	m->order = AS_MAP_KEY_ORDERED;
	ck_assert(as_record_set_int(rec, "i", 10));
	ck_assert(as_record_set_str(rec, "s", "hello"));
	ck_assert(as_record_set_list(rec, "l", l));
	ck_assert(as_record_set_map(rec, "m", m));
	rec->ttl = 1000;
	as_buffer_init(&b);
	expect_ok(as_encode_put(&b, &p, &r->key, rec, &err), &err);
	expect_next(r, &b);
	as_buffer_free(&b);
	as_record_destroy(rec);
}

static void step_get(run *r, as_exp *filter)
{
	as_policy_read p = RPOL;
	as_buffer b;
	as_error err;

	p.base.filter_exp = filter;
	as_buffer_init(&b);
	expect_ok(as_encode_get(&b, &p, &r->key, NULL, 0, &err), &err);
	expect_next(r, &b);
	as_buffer_free(&b);
	as_exp_release(filter);
}

static void step_exists(run *r, as_exp *filter)
{
	as_policy_read p = RPOL;
	as_buffer b;
	as_error err;

	p.base.filter_exp = filter;
	as_buffer_init(&b);
	expect_ok(as_encode_exists(&b, &p, &r->key, &err), &err);
	expect_next(r, &b);
	as_buffer_free(&b);
	as_exp_release(filter);
}

static void step_operate(run *r, as_operations *ops, as_exp *filter)
{
	as_policy_operate p = OPOL;
	as_buffer b;
	as_error err;

	p.base.filter_exp = filter;
	as_buffer_init(&b);
	expect_ok(as_encode_operate(&b, &p, &r->key, ops, &err), &err);
	expect_next(r, &b);
	as_buffer_free(&b);
	as_operations_destroy(ops);
	as_exp_release(filter);
}

/* A case of setup put + get with @p filter. */
static void get_case(const char *name, as_exp_node *filter)
{
	run r;

	run_start(&r, name, false);
	step_setup(&r);
	step_get(&r, X(filter));
	run_end(&r);
}

static as_exp_node *i_eq(int64_t v)
{
	return as_exp_cmp_eq(as_exp_bin_int("i"), as_exp_int(v));
}

/* ---- filters ---- */

START_TEST(filter_get_cases)
{
	get_case("filt_get_true", i_eq(10));
	get_case("filt_get_false", i_eq(11));
	get_case("filt_type_mismatch", as_exp_cmp_eq(as_exp_bin_int("s"), as_exp_int(1)));
	get_case("filt_float_compare", as_exp_cmp_gt(as_exp_bin_float("i"), as_exp_float(1.5)));
	get_case("filt_str_eq", as_exp_cmp_eq(as_exp_bin_str("s"), as_exp_str("hello")));
	get_case("filt_and_or_not",
	         AS_EXP_AND(as_exp_cmp_gt(as_exp_bin_int("i"), as_exp_int(5)),
	                    AS_EXP_OR(as_exp_not(as_exp_cmp_eq(as_exp_bin_str("s"), as_exp_str("x"))),
	                              as_exp_cmp_lt(as_exp_bin_int("i"), as_exp_int(0)))));
	get_case("filt_arith", as_exp_cmp_eq(AS_EXP_ADD(as_exp_bin_int("i"), as_exp_int(5)),
	                                     AS_EXP_MUL(as_exp_int(3), as_exp_int(5))));
	get_case("filt_bin_exists", AS_EXP_AND(as_exp_bin_exists("l"), as_exp_not(as_exp_bin_exists("nobin"))));
	get_case("filt_bin_type", as_exp_cmp_eq(as_exp_bin_type("l"), as_exp_int(20)));
	get_case("filt_cond", as_exp_cmp_eq(AS_EXP_COND(i_eq(10), as_exp_int(1), as_exp_int(2)), as_exp_int(1)));
	get_case("filt_let_var", AS_EXP_LET(as_exp_def("x", as_exp_bin_int("i")),
	                                    as_exp_cmp_eq(as_exp_var("x"), as_exp_int(10))));
	get_case("filt_regex", as_exp_cmp_regex(AS_EXP_REGEX_NONE, "^he.*o$", as_exp_bin_str("s")));
	get_case("filt_regex_icase_false", as_exp_cmp_regex(AS_EXP_REGEX_ICASE, "^HX", as_exp_bin_str("s")));
}
END_TEST

START_TEST(filter_meta_cases)
{
	get_case("filt_device_size", as_exp_cmp_eq(as_exp_device_size(), as_exp_int(0)));
	get_case("filt_digest_modulo", as_exp_cmp_eq(as_exp_digest_modulo(3), as_exp_int(1)));
	get_case("filt_is_tombstone", as_exp_not(as_exp_is_tombstone()));
	get_case("filt_key_exists", as_exp_key_exists());
	get_case("filt_key_str", as_exp_cmp_eq(as_exp_key(AS_EXP_TYPE_STR), as_exp_str("exp1")));
	get_case("filt_last_update", as_exp_cmp_gt(as_exp_last_update(), as_exp_int(1000000000)));
	get_case("filt_memory_size", as_exp_cmp_gt(as_exp_memory_size(), as_exp_int(0)));
	get_case("filt_record_size", as_exp_cmp_gt(as_exp_record_size(), as_exp_int(0)));
	get_case("filt_set_name", as_exp_cmp_eq(as_exp_set_name(), as_exp_str("cap_cdt")));
	get_case("filt_since_update", as_exp_cmp_lt(as_exp_since_update(), as_exp_int(60000)));
	get_case("filt_ttl", AS_EXP_AND(as_exp_cmp_gt(as_exp_ttl(), as_exp_int(900)),
	                                as_exp_cmp_le(as_exp_ttl(), as_exp_int(1000))));
	get_case("filt_void_time", as_exp_cmp_gt(as_exp_void_time(), as_exp_int(0)));
}
END_TEST

START_TEST(filter_cdt_cases)
{
	get_case("filt_list_size", as_exp_cmp_eq(as_exp_list_size(NULL, as_exp_bin_list("l")), as_exp_int(3)));
	get_case("filt_list_get_by_value",
	         as_exp_cmp_eq(as_exp_list_get_by_value(NULL, AS_LIST_RETURN_COUNT, as_exp_int(2), as_exp_bin_list("l")),
	                       as_exp_int(1)));
	get_case("filt_map_get_by_key",
	         as_exp_cmp_eq(as_exp_map_get_by_key(NULL, AS_MAP_RETURN_VALUE, AS_EXP_TYPE_INT, as_exp_str("a"),
	                                             as_exp_bin_map("m")),
	                       as_exp_int(1)));
}
END_TEST

/* The Node client's broken encodings cannot be built (the builder always
 * sends the modulus and code 72); the setup frame still matches and ours
 * differs from the broken one. */
static const uint8_t *capture_filter(const uint8_t *f, size_t len, size_t *n);

static void node_bug_case(const char *name, as_exp_node *filter, const char *ours_hex)
{
	const uint8_t *theirs, *ours;
	size_t n_theirs, n_ours;
	uint8_t want[64];
	long want_n;
	as_exp *e = X(filter);
	run r;

	run_start(&r, name, false);
	step_setup(&r);
	theirs = capture_filter(r.req.data[1], r.req.len[1], &n_theirs);
	ours = as_exp_wire(e, &n_ours);
	want_n = hex_decode(ours_hex, strlen(ours_hex), want, sizeof want);
	ck_assert_int_gt(want_n, 0);
	ck_assert_msg(n_ours == (size_t)want_n && memcmp(ours, want, n_ours) == 0, "%s: not the correct form", name);
	ck_assert_msg(n_theirs != n_ours || memcmp(ours, theirs, n_ours) != 0, "%s: built the broken form", name);
	as_exp_release(e);
	r.next = r.req.n;
	run_end(&r);
}

START_TEST(filter_node_bug_cases)
{
	/* theirs: [4, [64], 0] and [18, [18]] */
	node_bug_case("filt_digest_modulo_node_bug", as_exp_cmp_ge(as_exp_digest_modulo(3), as_exp_int(0)),
	              "930492400300");
	node_bug_case("filt_is_tombstone_node_bug", as_exp_not(as_exp_is_tombstone()), "92129148");
}
END_TEST

/* The field data of the FILTER field of a captured frame. */
static const uint8_t *capture_filter(const uint8_t *f, size_t len, size_t *n)
{
	as_msg_view m;
	as_error err;
	size_t off = 0;
	uint16_t i;

	ck_assert_int_eq(as_msg_parse(f + AS_PROTO_HEADER_SIZE, len - AS_PROTO_HEADER_SIZE, &m, &err), AEROSPIKE_OK);
	for (i = 0; i < m.h.n_fields; i++) {
		const uint8_t *p = m.fields + off;
		uint32_t sz = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];

		if (p[4] == 43) {
			*n = sz - 1;
			return p + 5;
		}
		off += 4 + sz;
	}
	ck_abort_msg("no FILTER field");
	return NULL;
}

START_TEST(filter_non_bool_refused)
{
	as_policy_read p = RPOL;
	const uint8_t *want, *ours;
	size_t want_n, ours_n;
	as_buffer b;
	as_error err;
	run r;

	/* the expression itself is what the capture carries ... */
	run_start(&r, "filt_non_bool", false);
	step_setup(&r);
	p.base.filter_exp = X(as_exp_bin_int("i"));
	want = capture_filter(r.req.data[1], r.req.len[1], &want_n);
	ours = as_exp_wire(p.base.filter_exp, &ours_n);
	ck_assert_uint_eq(ours_n, want_n);
	ck_assert(memcmp(ours, want, want_n) == 0);
	/* ... but as a filter the encoder refuses it before the server would (4) */
	as_buffer_init(&b);
	ck_assert_int_eq(as_encode_get(&b, &p, &r.key, NULL, 0, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_msg(strstr(err.message, "not a boolean") != NULL, "message: %s", err.message);
	ck_assert_uint_eq(b.len, 0);
	as_buffer_free(&b);
	as_exp_release((as_exp *)p.base.filter_exp);
	r.next = r.req.n;
	run_end(&r);
}
END_TEST

START_TEST(filter_other_commands)
{
	as_policy_write wp = WPOL;
	as_policy_remove dp = DPOL;
	as_operations *ops;
	as_record *rec;
	as_buffer b;
	as_error err;
	run r;

	run_start(&r, "filt_exists_true", false);
	step_setup(&r);
	step_exists(&r, X(i_eq(10)));
	run_end(&r);

	run_start(&r, "filt_exists_false", false);
	step_setup(&r);
	step_exists(&r, X(i_eq(11)));
	run_end(&r);

	run_start(&r, "filt_missing_record", true);
	step_get(&r, X(i_eq(10)));
	run_end(&r);

	for (int pass = 0; pass < 2; pass++) {
		run_start(&r, pass ? "filt_put_false" : "filt_put_true", false);
		step_setup(&r);
		rec = as_record_new(1);
		ck_assert(as_record_set_int(rec, "i", 99));
		wp.base.filter_exp = X(i_eq(pass ? 11 : 10));
		as_buffer_init(&b);
		expect_ok(as_encode_put(&b, &wp, &r.key, rec, &err), &err);
		expect_next(&r, &b);
		as_buffer_free(&b);
		as_record_destroy(rec);
		as_exp_release((as_exp *)wp.base.filter_exp);
		if (pass) {
			as_policy_read rp = RPOL;

			as_buffer_init(&b);
			expect_ok(as_encode_get(&b, &rp, &r.key, NULL, 0, &err), &err);
			expect_next(&r, &b);
			as_buffer_free(&b);
		}
		run_end(&r);
	}

	run_start(&r, "filt_remove_false", false);
	step_setup(&r);
	dp.base.filter_exp = X(i_eq(11));
	as_buffer_init(&b);
	expect_ok(as_encode_remove(&b, &dp, &r.key, &err), &err);
	expect_next(&r, &b);
	as_buffer_free(&b);
	as_exp_release((as_exp *)dp.base.filter_exp);
	run_end(&r);

	run_start(&r, "filt_operate_false", false);
	step_setup(&r);
	ops = as_operations_new(2);
	ck_assert(as_operations_add_incr(ops, "i", 1));
	ck_assert(as_operations_add_read(ops, "i"));
	step_operate(&r, ops, X(i_eq(11)));
	run_end(&r);
}
END_TEST

/* Batch and scan carry the filter as a top-level field too (one filter for
 * the whole command); a non-boolean one is refused. */
START_TEST(filter_batch_and_scan)
{
	as_policy_batch bp = { .base = CAPTURED_BASE(1000, 2), .allow_inline = true };
	as_policy_scan sp = { .base = CAPTURED_BASE(0, 0) };
	as_key k1 = key_make("exp1", DIGEST_EXP1), k2 = key_make("exp_none", DIGEST_NONE);
	const as_key *keys[2] = { &k1, &k2 };
	uint16_t pids[2] = { 1, 2 };
	as_exp *f = X(i_eq(10)), *bad = X(as_exp_bin_int("i"));
	const uint8_t *got, *want;
	size_t n_got, n_want;
	as_buffer b;
	as_error err;

	want = as_exp_wire(f, &n_want);
	bp.base.filter_exp = f;
	as_buffer_init(&b);
	expect_ok(as_encode_batch(&b, &bp, keys, NULL, 2, AS_BATCH_READ_ALL, NULL, 0, &err), &err);
	got = capture_filter(b.data, b.len, &n_got);
	ck_assert_uint_eq(n_got, n_want);
	ck_assert(memcmp(got, want, n_want) == 0);
	as_buffer_free(&b);

	sp.base.filter_exp = f;
	as_buffer_init(&b);
	expect_ok(as_encode_scan(&b, &sp, "test", "cap_cdt", pids, 2, NULL, 0, false, 7, &err), &err);
	got = capture_filter(b.data, b.len, &n_got);
	ck_assert_uint_eq(n_got, n_want);
	ck_assert(memcmp(got, want, n_want) == 0);
	as_buffer_free(&b);

	bp.base.filter_exp = bad;
	as_buffer_init(&b);
	ck_assert_int_eq(as_encode_batch(&b, &bp, keys, NULL, 2, AS_BATCH_READ_ALL, NULL, 0, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "not a boolean"));
	as_buffer_free(&b);
	sp.base.filter_exp = bad;
	as_buffer_init(&b);
	ck_assert_int_eq(as_encode_scan(&b, &sp, "test", NULL, pids, 2, NULL, 0, false, 7, &err), AEROSPIKE_ERR_PARAM);
	as_buffer_free(&b);
	as_exp_release(f);
	as_exp_release(bad);
}
END_TEST

/* ---- expression operations ---- */

static void read_case(const char *name, const char *bin, as_exp_node *e, uint32_t flags)
{
	as_operations *ops = as_operations_new(1);
	as_exp *x = X(e);
	run r;

	run_start(&r, name, false);
	step_setup(&r);
	ck_assert(as_operations_exp_read(ops, bin, x, flags));
	as_exp_release(x);
	step_operate(&r, ops, NULL);
	run_end(&r);
}

static void write_case(const char *name, const char *bin, as_exp_node *e, uint32_t flags, const char *then_read)
{
	as_operations *ops = as_operations_new(2);
	as_exp *x = X(e);
	run r;

	run_start(&r, name, false);
	step_setup(&r);
	ck_assert(as_operations_exp_write(ops, bin, x, flags));
	as_exp_release(x);
	if (then_read)
		ck_assert(as_operations_add_read(ops, then_read));
	step_operate(&r, ops, NULL);
	run_end(&r);
}

START_TEST(expop_cases)
{
	as_operations *ops;
	as_exp *a, *c;
	run r;

	read_case("expop_read", "r", AS_EXP_ADD(as_exp_bin_int("i"), as_exp_int(1)), AS_EXP_READ_DEFAULT);
	read_case("expop_read_eval_fail", "r", AS_EXP_ADD(as_exp_bin_int("s"), as_exp_int(1)), AS_EXP_READ_DEFAULT);
	read_case("expop_read_eval_no_fail", "r", AS_EXP_ADD(as_exp_bin_int("s"), as_exp_int(1)),
	          AS_EXP_READ_EVAL_NO_FAIL);
	write_case("expop_write", "w", AS_EXP_MUL(as_exp_bin_int("i"), as_exp_int(2)), AS_EXP_WRITE_DEFAULT, "w");
	write_case("expop_write_allow_delete", "s", as_exp_nil(), AS_EXP_WRITE_ALLOW_DELETE, NULL);
	write_case("expop_write_create_only_exists", "i", as_exp_int(5), AS_EXP_WRITE_CREATE_ONLY, NULL);
	write_case("expop_write_create_only_policy_no_fail", "i", as_exp_int(5),
	           AS_EXP_WRITE_CREATE_ONLY | AS_EXP_WRITE_POLICY_NO_FAIL, "i");
	write_case("expop_write_eval_no_fail", "w", as_exp_bin_int("nobin"), AS_EXP_WRITE_EVAL_NO_FAIL, "i");
	write_case("expop_write_fail", "w", as_exp_bin_int("nobin"), AS_EXP_WRITE_DEFAULT, NULL);
	write_case("expop_write_nil_no_allow_delete", "s", as_exp_nil(), AS_EXP_WRITE_DEFAULT, NULL);
	write_case("expop_write_update_only_missing", "nobin", as_exp_int(5), AS_EXP_WRITE_UPDATE_ONLY, NULL);

	/* two expression reads and a plain read; one compiled expression
	 * may serve several operations */
	run_start(&r, "expop_read_two", false);
	step_setup(&r);
	ops = as_operations_new(3);
	a = X(AS_EXP_MUL(as_exp_bin_int("i"), as_exp_int(3)));
	c = X(as_exp_list_size(NULL, as_exp_bin_list("l")));
	ck_assert(as_operations_exp_read(ops, "r1", a, 0));
	ck_assert(as_operations_exp_read(ops, "r2", c, 0));
	ck_assert(as_operations_add_read(ops, "s"));
	as_exp_release(a);
	as_exp_release(c);
	step_operate(&r, ops, NULL);
	run_end(&r);
}
END_TEST

START_TEST(expop_read_meta_case)
{
	static const char *const names[] = { "dm3", "rsz", "dsz", "msz", "ttl", "vt", "lut",
		                             "su", "setn", "kex", "tomb", "key", "btl" };
	as_exp_node *nodes[13];
	as_operations *ops = as_operations_new(13);
	size_t i;
	run r;

	nodes[0] = as_exp_digest_modulo(3);
	nodes[1] = as_exp_record_size();
	nodes[2] = as_exp_device_size();
	nodes[3] = as_exp_memory_size();
	nodes[4] = as_exp_ttl();
	nodes[5] = as_exp_void_time();
	nodes[6] = as_exp_last_update();
	nodes[7] = as_exp_since_update();
	nodes[8] = as_exp_set_name();
	nodes[9] = as_exp_key_exists();
	nodes[10] = as_exp_is_tombstone();
	nodes[11] = as_exp_key(AS_EXP_TYPE_STR);
	nodes[12] = as_exp_bin_type("l");
	for (i = 0; i < 13; i++) {
		as_exp *x = X(nodes[i]);

		ck_assert(as_operations_exp_read(ops, names[i], x, AS_EXP_READ_DEFAULT));
		as_exp_release(x);
	}
	run_start(&r, "expop_read_meta", false);
	step_setup(&r);
	step_operate(&r, ops, NULL);
	run_end(&r);
}
END_TEST

/* ---- replies: code 27 ---- */

START_TEST(filtered_out_replies)
{
	static const char *const cases[] = { "filt_get_false", "filt_exists_false", "filt_put_false",
		                             "filt_remove_false", "filt_operate_false", "filt_type_mismatch" };
	char path[256], why[512];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ref_frames res;
		as_msg_view m;
		as_error err;

		snprintf(path, sizeof path, "cdt/%s.res.hex", cases[i]);
		ck_assert_msg(ref_load_frames(path, &res, why, sizeof why), "%s", why);
		/* the second exchange answers the filtered command */
		ck_assert_uint_ge(res.n, 2);
		ck_assert_int_eq(as_msg_parse(res.data[1] + AS_PROTO_HEADER_SIZE, res.len[1] - AS_PROTO_HEADER_SIZE, &m,
		                              &err),
		                 AEROSPIKE_OK);
		ck_assert_msg((as_status)m.h.result_code == AEROSPIKE_FILTERED_OUT, "%s: result %u", cases[i],
		              (unsigned)m.h.result_code);
		ck_assert_uint_eq(m.h.n_ops, 0);
		ref_frames_free(&res);
	}
	ck_assert_ptr_nonnull(strstr(as_status_str(AEROSPIKE_FILTERED_OUT), "FILTERED_OUT"));
}
END_TEST

/* ---- builder errors ---- */

static void expect_error(as_exp_node *n, const char *fragment)
{
	as_error err;
	as_exp *e;

	as_error_reset(&err);
	e = as_exp_compile(n, &err);
	ck_assert_msg(e == NULL, "compiled, expected an error with '%s'", fragment);
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_PARAM);
	ck_assert_msg(strstr(err.message, fragment) != NULL, "message '%s' lacks '%s'", err.message, fragment);
}

START_TEST(builder_errors)
{
	as_exp_node *deep;
	int i;

	expect_error(NULL, "NULL");
	expect_error(as_exp_cmp_eq(as_exp_bin_int("i"), as_exp_str("x")), "as_exp_cmp_eq: operands differ in type (INT vs STR)");
	expect_error(as_exp_cmp_eq(NULL, as_exp_int(1)), "as_exp_cmp_eq: operand 2 is NULL");
	expect_error(AS_EXP_AND(as_exp_bin_int("i"), as_exp_bool(true)), "as_exp_and: operand 1 is INT, needs BOOL");
	expect_error(AS_EXP_AND(as_exp_bool(true)), "needs at least 2 operands");
	expect_error(as_exp_not(as_exp_int(1)), "as_exp_not");
	expect_error(AS_EXP_ADD(as_exp_int(1), as_exp_float(2.0)), "as_exp_add: operand 2 is FLOAT, the others INT");
	expect_error(AS_EXP_ADD(as_exp_str("a")), "needs INT or FLOAT");
	expect_error(as_exp_bin_int(NULL), "bin name is NULL");
	expect_error(as_exp_bin_int("a_name_much_too_long"), "15");
	expect_error(as_exp_str(NULL), "as_exp_str: string is NULL");
	expect_error(as_exp_cmp_regex(0, NULL, as_exp_bin_str("s")), "regex is NULL");
	expect_error(as_exp_cmp_regex(0, "x", as_exp_bin_int("s")), "needs STR");
	expect_error(as_exp_cmp_regex(0x100, "x", as_exp_bin_str("s")), "unknown regex flags");
	expect_error(as_exp_digest_modulo(0), "not positive");
	expect_error(as_exp_key(AS_EXP_TYPE_LIST), "as_exp_key");
	expect_error(as_exp_def("x", as_exp_int(1)), "only valid inside as_exp_let");
	expect_error(AS_EXP_LET(as_exp_int(1), as_exp_int(2)), "operand 1 is not an as_exp_def()");
	expect_error(AS_EXP_COND(as_exp_int(1), as_exp_int(1), as_exp_int(2)), "condition 1 is INT, needs BOOL");
	expect_error(AS_EXP_COND(as_exp_bool(true), as_exp_int(1)), "odd count");
	expect_error(as_exp_list_size(NULL, as_exp_bin_map("m")), "needs LIST");
	expect_error(as_exp_bit_lscan(as_exp_int(0), as_exp_int(8), as_exp_int(1), as_exp_bin_blob("b")), "needs BOOL");
	expect_error(as_exp_bit_resize(as_exp_int(4), 8, as_exp_bin_blob("b")), "unknown resize flags");
	expect_error(as_exp_hll_get_count(as_exp_bin_blob("b")), "the bin operand is BLOB, needs HLL");
	expect_error(as_exp_list_get_by_value(NULL, 99, as_exp_int(1), as_exp_bin_list("l")), "unknown return type 99");
	/* an error deep inside reaches the top unchanged */
	expect_error(AS_EXP_AND(as_exp_bool(true), as_exp_not(as_exp_cmp_eq(as_exp_int(1), as_exp_str("a")))),
	             "as_exp_cmp_eq: operands differ");

	deep = as_exp_bin_int("i");
	for (i = 0; i < AS_EXP_MAX_DEPTH + 5; i++)
		deep = as_exp_abs(deep);
	expect_error(deep, "nested deeper than 64");

	/* operations refuse a NULL expression and unknown flags */
	{
		as_operations *ops = as_operations_new(2);
		as_exp *x = X(as_exp_int(1));

		ck_assert(!as_operations_exp_read(ops, "r", NULL, 0));
		ck_assert(!as_operations_exp_write(ops, "w", x, 0x20));
		ck_assert_ptr_nonnull(ops->invalid);
		ck_assert_ptr_nonnull(strstr(ops->invalid, "expression is NULL"));
		as_exp_release(x);
		as_operations_destroy(ops);
	}
}
END_TEST

/* ---- other wire forms, checked against the documented layout ---- */

static void expect_wire(as_exp_node *n, const char *hex)
{
	uint8_t want[256];
	char compact[600];
	size_t want_n, n_ours, j = 0;
	as_exp *e = X(n);
	const uint8_t *ours = as_exp_wire(e, &n_ours);
	char got[600];
	size_t i;

	/* the expected hex is spaced into its msgpack items */
	for (i = 0; hex[i] && j + 1 < sizeof compact; i++)
		if (hex[i] != ' ')
			compact[j++] = hex[i];
	compact[j] = '\0';
	want_n = (size_t)hex_decode(compact, j, want, sizeof want);
	for (i = 0; i < n_ours && 2 * i + 2 < sizeof got; i++)
		snprintf(got + 2 * i, 3, "%02x", ours[i]);
	ck_assert_msg(n_ours == want_n && memcmp(ours, want, want_n) == 0, "wire %s, expected %s", got, hex);
	as_exp_release(e);
}

START_TEST(other_wire_forms)
{
	as_cdt_ctx ctx;
	as_list *l = as_list_new(2);

	/* a list literal is quoted: [126, [1, 2]] */
	as_list_append_int(l, 1);
	as_list_append_int(l, 2);
	expect_wire(as_exp_cmp_eq(as_exp_bin_list("l"), as_exp_list_val(l)), "93019351 04a16c 92 7e 920102");
	/* with a context: [0xff, [0x10, 0], [16]] as the call's payload */
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_list_index(&ctx, 0);
	expect_wire(as_exp_list_size(&ctx, as_exp_bin_list("l")), "957f0200 93ccff921000 9110 935104a16c");
	as_cdt_ctx_destroy(&ctx);
	/* modify-local flag 0x40 on a CDT modify: list append [1, 5] */
	expect_wire(as_exp_list_append(NULL, as_exp_int(5), as_exp_bin_list("l")), "957f0440920105935104a16c");
	/* bits (system 1): count [51, 0, 8]; HLL (system 2): count [50] */
	expect_wire(as_exp_bit_count(as_exp_int(0), as_exp_int(8), as_exp_bin_blob("b")), "957f0201 93330008 935106a162");
	expect_wire(as_exp_hll_get_count(as_exp_bin_hll("h")), "957f0202 9132 935109a168");
	/* exclusive 19, int ops, min/max, pow, to_float, negative ints */
	expect_wire(AS_EXP_EXCLUSIVE(as_exp_bool(true), as_exp_bool(false)), "9313c3c2");
	expect_wire(as_exp_int_lshift(as_exp_int(1), as_exp_int(-3)), "932401fd");
	expect_wire(AS_EXP_MAX(as_exp_int(-200), as_exp_int(300)), "9333d1ff38cd012c");
	expect_wire(as_exp_to_float(as_exp_int(1)), "921f01");
	expect_wire(as_exp_cmp_geo(as_exp_bin_geo("g"), as_exp_geo("{}")), "9308935108a167a3177b7d");
	/* more system calls: payloads as the operations of the same name */
	expect_wire(as_exp_list_insert(NULL, as_exp_int(1), as_exp_str("a"), as_exp_bin_list("l")),
	            "957f0440 9303 01 a20361 935104a16c");
	expect_wire(as_exp_list_get_by_rank_range(NULL, AS_LIST_RETURN_VALUE, as_exp_int(-1), NULL,
	                                          as_exp_bin_list("l")),
	            "957f0400 931a07ff 935104a16c");
	expect_wire(as_exp_map_increment(NULL, as_exp_str("a"), as_exp_int(2), as_exp_bin_map("m")),
	            "957f0540 94 49 a20361 02 00 935105a16d");
	expect_wire(as_exp_bit_set(as_exp_int(0), as_exp_int(8), as_exp_blob((const uint8_t *)"\xff", 1),
	                           as_exp_bin_blob("b")),
	            "957f0641 95 03 00 08 a204ff 00 935106a162");
	expect_wire(as_exp_bit_lscan(as_exp_int(0), as_exp_int(8), as_exp_bool(true), as_exp_bin_blob("b")),
	            "957f0201 94 34 00 08 c3 935106a162");
	expect_wire(as_exp_hll_get_similarity(as_exp_list_val(as_list_new(0)), as_exp_bin_hll("h")),
	            "957f0702 92 36 927e90 935109a168");
	expect_wire(as_exp_hll_add(as_exp_list_val(as_list_new(0)), 8, -1, as_exp_bin_hll("h")),
	            "957f0942 95 01 927e90 08 ff 00 935109a168");
}
END_TEST

START_TEST(exp_refcount)
{
	as_exp *e = X(i_eq(10));

	ck_assert_ptr_eq(as_exp_retain(e), e);
	as_exp_release(e);
	ck_assert_int_eq(as_exp_result_type(e), AS_EXP_TYPE_BOOL);
	as_exp_release(e);
	as_exp_release(NULL);
	ck_assert_ptr_null(as_exp_retain(NULL));
	as_exp_node_destroy(as_exp_bin_int("x"));
	as_exp_node_destroy(NULL);
}
END_TEST

/* ---- text form ---- */

static void expect_same(const char *text, as_exp_node *built)
{
	as_error err;
	as_exp *a, *b = X(built);
	const uint8_t *pa, *pb;
	size_t na, nb;

	as_error_reset(&err);
	a = as_exp_parse(text, &err);
	ck_assert_msg(a != NULL, "'%s': %s", text, err.message);
	pa = as_exp_wire(a, &na);
	pb = as_exp_wire(b, &nb);
	ck_assert_msg(na == nb && memcmp(pa, pb, na) == 0, "'%s' parses to other bytes than the builder's", text);
	as_exp_release(a);
	as_exp_release(b);
}

static void expect_parse_error(const char *text, const char *fragment)
{
	as_error err;

	as_error_reset(&err);
	ck_assert_msg(as_exp_parse(text, &err) == NULL, "'%s' parsed", text);
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_PARAM);
	ck_assert_msg(strstr(err.message, fragment) != NULL, "'%s': message '%s' lacks '%s'", text, err.message,
	              fragment);
}

START_TEST(parse_round_trip)
{
	expect_same("$.age > 30 and $.tags.size() > 2",
	            AS_EXP_AND(as_exp_cmp_gt(as_exp_bin_int("age"), as_exp_int(30)),
	                       as_exp_cmp_gt(as_exp_list_size(NULL, as_exp_bin_list("tags")), as_exp_int(2))));
	/* the captures' filters in text */
	expect_same("$.i == 10", i_eq(10));
	expect_same("$.s == \"hello\"", as_exp_cmp_eq(as_exp_bin_str("s"), as_exp_str("hello")));
	expect_same("$.i > 5 and (not ($.s == 'x') or $.i < 0)",
	            AS_EXP_AND(as_exp_cmp_gt(as_exp_bin_int("i"), as_exp_int(5)),
	                       AS_EXP_OR(as_exp_not(as_exp_cmp_eq(as_exp_bin_str("s"), as_exp_str("x"))),
	                                 as_exp_cmp_lt(as_exp_bin_int("i"), as_exp_int(0)))));
	expect_same("$.i + 5 == 3 * 5", as_exp_cmp_eq(AS_EXP_ADD(as_exp_bin_int("i"), as_exp_int(5)),
	                                              AS_EXP_MUL(as_exp_int(3), as_exp_int(5))));
	expect_same("$.i > 1.5", as_exp_cmp_gt(as_exp_bin_float("i"), as_exp_float(1.5)));
	expect_same("ttl() > 900 && ttl() <= 1000", AS_EXP_AND(as_exp_cmp_gt(as_exp_ttl(), as_exp_int(900)),
	                                                      as_exp_cmp_le(as_exp_ttl(), as_exp_int(1000))));
	expect_same("digest_modulo(3) == 1", as_exp_cmp_eq(as_exp_digest_modulo(3), as_exp_int(1)));
	expect_same("!is_tombstone()", as_exp_not(as_exp_is_tombstone()));
	expect_same("key_exists()", as_exp_key_exists());
	expect_same("set_name() != 'cap_cdt'", as_exp_cmp_ne(as_exp_set_name(), as_exp_str("cap_cdt")));
	expect_same("$.l.exists() and not $.nobin.exists()",
	            AS_EXP_AND(as_exp_bin_exists("l"), as_exp_not(as_exp_bin_exists("nobin"))));
	expect_same("$.a - -3 >= 7 % 4", as_exp_cmp_ge(AS_EXP_SUB(as_exp_bin_int("a"), as_exp_int(-3)),
	                                             as_exp_mod(as_exp_int(7), as_exp_int(4))));
	expect_same("$.flag", as_exp_bin_bool("flag"));
	expect_same("$.a -1 < 0", as_exp_cmp_lt(AS_EXP_SUB(as_exp_bin_int("a"), as_exp_int(1)), as_exp_int(0)));
}
END_TEST

START_TEST(parse_errors)
{
	expect_parse_error(NULL, "text is NULL");
	expect_parse_error("", "at position 1: expected a value");
	expect_parse_error("$.age >", "at position 8: expected a value, '$.bin', a function or '(', found the end");
	expect_parse_error("$.age > 30 30", "at position 12: expected an operator or the end, found '30'");
	expect_parse_error("($.a == 1", "expected ')'");
	expect_parse_error("$.", "at position 3: expected a bin name after '$.'");
	expect_parse_error("$.s == \"abc", "at position 8: expected a closing quote");
	expect_parse_error("$.a.len() > 1", "expected a method (size, exists)");
	expect_parse_error("ttl > 1", "'(' after the function name");
	expect_parse_error("digest_modulo(x) == 1", "at position 15: expected a number");
	expect_parse_error("digest_modulo(1.5) == 1", "an integer argument");
	expect_parse_error("$.a == $.b", "cannot tell the type of bin 'a'");
	expect_parse_error("$.a == 'x' and 3", "as_exp_and: operand 2 is INT, needs BOOL");
	expect_parse_error("99999999999999999999 > 1", "expected a number");
	expect_parse_error("$.averyveryverylongbinname > 1", "bin name");
	{
		char deep[200];
		int i;

		for (i = 0; i < 80; i++)
			deep[i] = '(';
		snprintf(deep + 80, sizeof deep - 80, "1");
		expect_parse_error(deep, "less nesting");
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("exp");
	TCase *tc = tcase_create("exp");

	tcase_add_test(tc, filter_get_cases);
	tcase_add_test(tc, filter_meta_cases);
	tcase_add_test(tc, filter_cdt_cases);
	tcase_add_test(tc, filter_node_bug_cases);
	tcase_add_test(tc, filter_non_bool_refused);
	tcase_add_test(tc, filter_other_commands);
	tcase_add_test(tc, filter_batch_and_scan);
	tcase_add_test(tc, expop_cases);
	tcase_add_test(tc, expop_read_meta_case);
	tcase_add_test(tc, filtered_out_replies);
	tcase_add_test(tc, builder_errors);
	tcase_add_test(tc, other_wire_forms);
	tcase_add_test(tc, exp_refcount);
	tcase_add_test(tc, parse_round_trip);
	tcase_add_test(tc, parse_errors);
	suite_add_tcase(s, tc);
	return s;
}
