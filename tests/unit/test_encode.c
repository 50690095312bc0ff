/* Request encoders against the official client's captured requests
 * (shared/reference/messages/<case>.req.hex), byte for byte. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/list_operations.h>
#include <aerofuture/map_operations.h>
#include <aerofuture/operations.h>
#include <aerofuture/record.h>

#include "codec/encode.h"
#include "codec/proto.h"
#include "common/check_main.h"
#include "common/hex.h"
#include "common/reference.h"

/* ---- inputs as the captures describe them ---- */

static const char *const DIGEST_KEY1 = "ec91192d4b7f8ce35d5d78d34bca65cbaaaac960";
static const char *const DIGEST_KEY2 = "266fc5c994ab9d0aa1c367d99abce6d89e977083";
static const char *const DIGEST_KEY3 = "634e96f7ff5cd968533818dc227618e2e44427a5";
static const char *const DIGEST_NOKEY = "0df7fa69b944a8131f4e02027ab8fa32e50f5f47";
static const uint8_t KEY_BYTES[] = { 1, 2, 3, 4 };

/* Keys are built by hand with the captured digests, so these tests check
 * the encoding alone and not the digest function. */
static as_key key_make(const char *ns, const char *set, as_value v, const char *digest_hex)
{
	as_key k;

	memset(&k, 0, sizeof k);
	snprintf(k.ns, sizeof k.ns, "%s", ns);
	snprintf(k.set, sizeof k.set, "%s", set);
	k.value = v;
	ck_assert_int_eq(hex_decode(digest_hex, strlen(digest_hex), k.digest, sizeof k.digest), AS_DIGEST_SIZE);
	return k;
}

static as_key key_named(const char *name)
{
	if (strcmp(name, "key1") == 0)
		return key_make("test", "demo", as_value_str_ref("key1"), DIGEST_KEY1);
	if (strcmp(name, "key2") == 0)
		return key_make("test", "demo", as_value_str_ref("key2"), DIGEST_KEY2);
	if (strcmp(name, "key3") == 0)
		return key_make("test", "demo", as_value_str_ref("key3"), DIGEST_KEY3);
	if (strcmp(name, "nokey") == 0)
		return key_make("test", "demo", as_value_str_ref("nokey"), DIGEST_NOKEY);
	if (strcmp(name, "int42") == 0)
		return key_make("test", "", as_value_int(42), "7a7e97c9928be59ec21e441643031a7d48f2ccc6");
	if (strcmp(name, "bytes") == 0)
		return key_make("test", "demo", as_value_bytes_ref(KEY_BYTES, sizeof KEY_BYTES),
		                "216e9f99a89f58a22393169b56a89fbb60153e8f");
	ck_abort_msg("unknown key %s", name);
	return key_make("test", "", as_value_nil(), DIGEST_KEY1);
}

/* Defaults of the captured client: total timeout 1000 ms (none for scans),
 * socket timeout 30 s, retries as below; everything else zero. */
#define CAPTURED_BASE(total, retries) \
	{ .total_timeout = (total), .socket_timeout = 30000, .max_retries = (retries) }
static const as_policy_write WPOL = { .base = CAPTURED_BASE(1000, 0) };
static const as_policy_read RPOL = { .base = CAPTURED_BASE(1000, 2), .replica = AS_POLICY_REPLICA_SEQUENCE };
static const as_policy_operate OPOL = { .base = CAPTURED_BASE(1000, 0) };
static const as_policy_remove DPOL = { .base = CAPTURED_BASE(1000, 0) };
static const as_policy_batch BPOL = { .base = CAPTURED_BASE(1000, 2), .allow_inline = true };
static const as_policy_scan SPOL = { .base = CAPTURED_BASE(0, 5) };

/* ---- comparison ---- */

static ref_frames load_req(const char *name)
{
	char why[512];
	ref_frames f;

	ck_assert_msg(ref_load_message(name, "req", &f, why, sizeof why), "%s", why);
	return f;
}

/* Compare b[from..) with captured frame idx of case name. */
static void expect_frame(const char *name, size_t idx, const as_buffer *b, size_t from)
{
	ref_frames f = load_req(name);
	size_t len = b->len - from, i;

	ck_assert_msg(idx < f.n, "%s: only %zu request frames", name, f.n);
	for (i = 0; i < len && i < f.len[idx]; i++)
		if (b->data[from + i] != f.data[idx][i])
			break;
	ck_assert_msg(i == len && len == f.len[idx],
	              "%s frame %zu: differs at byte %zu (ours %zu bytes, captured %zu; ours 0x%02x, captured 0x%02x)",
	              name, idx, i, len, f.len[idx], i < len ? b->data[from + i] : 0,
	              i < f.len[idx] ? f.data[idx][i] : 0);
	ref_frames_free(&f);
}

static void expect_ok(as_status rc, const as_error *err)
{
	ck_assert_msg(rc == AEROSPIKE_OK, "encoder failed: %d %s", rc, err->message);
}

static void put_case(const char *name, const char *key_name, as_policy_write p, as_record *rec)
{
	as_key k = key_named(key_name);
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_put(&b, &p, &k, rec, &err), &err);
	expect_frame(name, 0, &b, 0);
	as_buffer_free(&b);
	as_record_destroy(rec);
}

static as_record *rec_int(const char *bin, int64_t v)
{
	as_record *r = as_record_new(1);

	ck_assert(as_record_set_int(r, bin, v));
	return r;
}

/* ---- puts ---- */

START_TEST(put_basic)
{
	as_record *r = as_record_new(7);
	as_list *l = as_list_new(3);
	as_map *m = as_map_new(1);
	static const uint8_t blob[] = { 1, 2, 3, 4 };

	as_list_append_int(l, 1);
	as_list_append_str(l, "a");
	as_list_append_double(l, 2.5);
	as_map_put_str(m, "k", as_value_int(1));
	ck_assert(as_record_set_int(r, "i", 7));
	ck_assert(as_record_set_str(r, "s", "hello"));
	ck_assert(as_record_set_double(r, "d", 1.5));
	ck_assert(as_record_set_bytes(r, "b", blob, sizeof blob));
	ck_assert(as_record_set_list(r, "l", l));
	ck_assert(as_record_set_map(r, "m", m));
	ck_assert(as_record_set_bool(r, "bo", true));
	put_case("put_basic", "key1", WPOL, r);
}
END_TEST

START_TEST(put_policies)
{
	as_policy_write p;
	as_record *r;

	p = WPOL;
	p.exists = AS_POLICY_EXISTS_CREATE_ONLY;
	put_case("put_create_only_exists", "key1", p, rec_int("i", 8));

	p = WPOL;
	p.gen = AS_POLICY_GEN_EQ;
	r = rec_int("i", 9);
	r->gen = 99;
	put_case("put_gen_equal_wrong", "key1", p, r);

	p = WPOL;
	p.exists = AS_POLICY_EXISTS_UPDATE_ONLY;
	put_case("put_update_only_missing", "nokey", p, rec_int("i", 1));

	p = WPOL;
	p.exists = AS_POLICY_EXISTS_REPLACE_ONLY;
	r = as_record_new(1);
	ck_assert(as_record_set_str(r, "r", "replaced"));
	put_case("put_replace_only", "key1", p, r);

	p = WPOL;
	p.exists = AS_POLICY_EXISTS_CREATE_OR_REPLACE;
	put_case("put_create_or_replace", "key1", p, rec_int("c", 3));

	p = WPOL;
	p.gen = AS_POLICY_GEN_GT;
	r = rec_int("c", 4);
	r->gen = 1;
	put_case("put_gen_gt_lower", "key1", p, r);
	r = rec_int("c", 5);
	r->gen = 10;
	put_case("put_gen_gt_higher", "key1", p, r);
}
END_TEST

START_TEST(put_ttls)
{
	as_policy_write p = WPOL;
	as_record *r;

	r = rec_int("i", 1);
	r->ttl = 100;
	put_case("put_ttl100", "key2", p, r);
	r = rec_int("i", 2);
	r->ttl = AS_TTL_NEVER_EXPIRE;
	put_case("put_ttl_never_expire", "key2", p, r);
	r = rec_int("i", 2);
	r->ttl = AS_TTL_DONT_UPDATE;
	put_case("put_ttl_no_change", "key2", p, r);
	/* the client default resolves to the policy's ttl */
	p.ttl = 100;
	r = rec_int("i", 1);
	r->ttl = AS_TTL_CLIENT_DEFAULT;
	put_case("put_ttl100", "key2", p, r);
}
END_TEST

START_TEST(put_send_key)
{
	as_policy_write p = WPOL;
	as_record *r;

	p.key = AS_POLICY_KEY_SEND;
	r = as_record_new(2);
	ck_assert(as_record_set_int(r, "i", 3));
	ck_assert(as_record_set_str(r, "s", "three"));
	put_case("put_send_key", "key3", p, r);
	put_case("put_send_key_int_empty_set", "int42", p, rec_int("i", 42));
	put_case("put_send_key_bytes", "bytes", p, rec_int("i", 4));
}
END_TEST

START_TEST(put_nested_cdt)
{
	static const uint8_t ff00[] = { 0xff, 0x00 };
	as_record *r = as_record_new(1);
	as_list *l = as_list_new(16), *inner = as_list_new(1);
	as_map *m = as_map_new(2);

	as_list_append(l, as_value_bytes(ff00, 2));
	as_list_append(l, as_value_bool(true));
	as_list_append(l, as_value_bool(false));
	as_list_append(l, as_value_nil());
	as_list_append_int(l, -1);
	as_list_append_int(l, -33);
	as_list_append_int(l, 127);
	as_list_append_int(l, 200);
	as_list_append_int(l, 300);
	as_list_append_int(l, 70000);
	as_list_append_int(l, 1099511627776LL);
	as_list_append_int(l, -200);
	as_list_append_str(l, "a string longer than thirty-one bytes!");
	as_list_append(l, as_value_list(as_list_new(0)));
	as_list_append_int(inner, 2);
	as_map_put(m, as_value_int(1), as_value_str("x"));
	as_map_put(m, as_value_str("y"), as_value_list(inner));
	as_list_append(l, as_value_map(m));
	as_list_append_double(l, -0.25);
	ck_assert(as_record_set_list(r, "n", l));
	put_case("put_nested_cdt", "key2", WPOL, r);
}
END_TEST

START_TEST(put_bin_names)
{
	as_key k = key_named("key3");
	as_policy_write p = WPOL;
	as_record *r;
	as_buffer b;
	as_error err;
	as_status rc;

	put_case("put_bin_name_15_chars", "key3", WPOL, rec_int("abcdefghijklmno", 1));
	/* the official client sent a record whose only bin it had dropped */
	put_case("put_bin_name_too_long", "key3", WPOL, as_record_new(1));

	/* a 16-byte name never reaches the wire: the record is invalid */
	r = as_record_new(1);
	ck_assert(!as_record_set_int(r, "abcdefghijklmnop", 1));
	as_buffer_init(&b);
	rc = as_encode_put(&b, &p, &k, r, &err);
	ck_assert_int_eq(rc, AEROSPIKE_ERR_PARAM);
	ck_assert_uint_eq(b.len, 0);
	as_record_destroy(r);
	as_buffer_free(&b);
}
END_TEST

START_TEST(put_raw_namespace)
{
	/* hand-built by the capture with only the namespace changed */
	as_key k = key_make("nosuchns", "demo", as_value_str_ref("key1"), DIGEST_KEY1);
	as_policy_write p = WPOL;
	as_record *r = rec_int("i", 1);
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_put(&b, &p, &k, r, &err), &err);
	expect_frame("put_unknown_namespace_raw", 0, &b, 0);
	as_buffer_free(&b);
	as_record_destroy(r);
}
END_TEST

START_TEST(put_record_too_big)
{
	size_t n = 1048576;
	uint8_t *blob = malloc(n);
	as_record *r = as_record_new(1);

	ck_assert_ptr_nonnull(blob);
	memset(blob, 0xab, n);
	ck_assert(as_record_set_bytes(r, "blob", blob, n));
	free(blob);
	put_case("put_record_too_big", "key3", WPOL, r);
}
END_TEST

START_TEST(scan_setup_puts)
{
	as_policy_write p = WPOL;
	as_key k1 = key_named("key1"), k2 = key_named("key2"), k3 = key_named("key3");
	as_record *r1 = as_record_new(2), *r2 = as_record_new(2), *r3 = as_record_new(2);
	as_buffer b;
	as_error err;
	size_t at2, at3;

	as_record_set_int(r1, "i", 1);
	as_record_set_str(r1, "s", "one");
	as_record_set_int(r2, "i", 2);
	as_record_set_str(r2, "s", "two");
	r2->ttl = 300;
	as_record_set_int(r3, "i", 3);
	as_record_set_str(r3, "s", "three");
	/* three frames appended to one buffer, as a pipelined write would */
	as_buffer_init(&b);
	expect_ok(as_encode_put(&b, &p, &k1, r1, &err), &err);
	at2 = b.len;
	expect_ok(as_encode_put(&b, &p, &k2, r2, &err), &err);
	at3 = b.len;
	p.key = AS_POLICY_KEY_SEND;
	expect_ok(as_encode_put(&b, &p, &k3, r3, &err), &err);
	{
		as_buffer one = { b.data, at2, at2 };
		as_buffer two = { b.data, at3, at3 };

		expect_frame("scan_setup", 0, &one, 0);
		expect_frame("scan_setup", 1, &two, at2);
	}
	expect_frame("scan_setup", 2, &b, at3);
	as_buffer_free(&b);
	as_record_destroy(r1);
	as_record_destroy(r2);
	as_record_destroy(r3);
}
END_TEST

/* ---- reads ---- */

static void get_case(const char *name, const char *key_name, const char *const *bins, size_t n)
{
	as_policy_read p = RPOL;
	as_key k = key_named(key_name);
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_get(&b, &p, &k, bins, n, &err), &err);
	expect_frame(name, 0, &b, 0);
	as_buffer_free(&b);
}

START_TEST(gets)
{
	static const char *const is[] = { "i", "s" };
	static const char *const nb[] = { "n" };

	get_case("get_all", "key1", NULL, 0);
	get_case("get_all_after_operate", "key1", NULL, 0);
	get_case("get_after_create_or_replace", "key1", NULL, 0);
	get_case("get_after_gen_gt", "key1", NULL, 0);
	get_case("get_after_remove_durable", "key1", NULL, 0);
	get_case("get_after_replace_only", "key1", NULL, 0);
	get_case("get_after_touch_ttl", "key2", NULL, 0);
	get_case("get_after_ttl_no_change", "key2", NULL, 0);
	get_case("get_ttl100", "key2", NULL, 0);
	get_case("get_stored_key_record", "key3", NULL, 0);
	get_case("get_missing", "nokey", NULL, 0);
	get_case("get_int_key_empty_set", "int42", NULL, 0);
	get_case("get_bins", "key1", is, 2);
	get_case("get_nested_cdt", "key2", nb, 1);
}
END_TEST

START_TEST(exists)
{
	as_policy_read p = RPOL;
	as_key k1 = key_named("key1"), kn = key_named("nokey");
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_exists(&b, &p, &k1, &err), &err);
	expect_frame("exists_found", 0, &b, 0);
	b.len = 0;
	expect_ok(as_encode_exists(&b, &p, &kn, &err), &err);
	expect_frame("exists_missing", 0, &b, 0);
	as_buffer_free(&b);
}
END_TEST

/* ---- remove ---- */

START_TEST(removes)
{
	as_policy_remove p = DPOL;
	as_key k1 = key_named("key1"), k2 = key_named("key2"), kn = key_named("nokey");
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_remove(&b, &p, &k2, &err), &err);
	expect_frame("remove_found", 0, &b, 0);
	b.len = 0;
	expect_ok(as_encode_remove(&b, &p, &kn, &err), &err);
	expect_frame("remove_missing", 0, &b, 0);
	b.len = 0;
	p.durable_delete = true;
	expect_ok(as_encode_remove(&b, &p, &k1, &err), &err);
	expect_frame("remove_durable", 0, &b, 0);
	as_buffer_free(&b);
}
END_TEST

/* ---- operate / touch ---- */

static void operate_case(const char *name, const char *key_name, as_policy_operate p, as_operations *ops)
{
	as_key k = key_named(key_name);
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_operate(&b, &p, &k, ops, &err), &err);
	expect_frame(name, 0, &b, 0);
	as_buffer_free(&b);
	as_operations_destroy(ops);
}

static as_operations *multi_ops(void)
{
	as_operations *ops = as_operations_new(5);

	ck_assert(as_operations_add_incr(ops, "i", 5));
	ck_assert(as_operations_add_append_str(ops, "s", "!"));
	ck_assert(as_operations_add_prepend_str(ops, "s", ">"));
	ck_assert(as_operations_add_read(ops, "i"));
	ck_assert(as_operations_add_read(ops, "s"));
	return ops;
}

START_TEST(operates)
{
	as_policy_operate p = OPOL;
	as_operations *ops;

	operate_case("operate_multi", "key1", p, multi_ops());
	p.respond_all_ops = true;
	operate_case("operate_multi_respond_all_ops", "key1", p, multi_ops());
	p.respond_all_ops = false;

	ops = as_operations_new(2);
	ck_assert(as_operations_add_write_int(ops, "w", 100));
	ck_assert(as_operations_add_read(ops, "w"));
	operate_case("operate_write_read_same_bin", "key1", p, ops);

	ops = as_operations_new(1);
	ck_assert(as_operations_add_read(ops, "i"));
	operate_case("operate_read_missing", "nokey", p, ops);

	ops = as_operations_new(1);
	ck_assert(as_operations_add_incr(ops, "s", 1));
	operate_case("operate_add_on_string", "key1", p, ops);
}
END_TEST

START_TEST(operate_cdt)
{
	as_operations *ops = as_operations_new(4);

	ck_assert(as_operations_list_append(ops, "l", NULL, NULL, as_value_int(3)));
	ck_assert(as_operations_map_put(ops, "m", NULL, NULL, as_value_str("k2"), as_value_int(2)));
	ck_assert(as_operations_list_size(ops, "l", NULL));
	ck_assert(as_operations_map_get_by_key(ops, "m", NULL, as_value_str("k"), AS_MAP_RETURN_VALUE));
	/* RESPOND_ALL_OPS comes from the map ops, not from the policy */
	operate_case("operate_cdt", "key1", OPOL, ops);
}
END_TEST

START_TEST(touches)
{
	as_policy_operate p = OPOL;
	as_key k1 = key_named("key1"), k2 = key_named("key2"), kn = key_named("nokey");
	as_operations *ops;
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_touch(&b, &p, &k1, AS_TTL_CLIENT_DEFAULT, &err), &err);
	expect_frame("touch", 0, &b, 0);
	b.len = 0;
	expect_ok(as_encode_touch(&b, &p, &kn, 0, &err), &err);
	expect_frame("touch_missing", 0, &b, 0);
	b.len = 0;
	expect_ok(as_encode_touch(&b, &p, &k2, 200, &err), &err);
	expect_frame("touch_ttl", 0, &b, 0);
	as_buffer_free(&b);

	/* the same through operate with a touch op */
	ops = as_operations_new(1);
	ck_assert(as_operations_add_touch(ops));
	ops->ttl = 200;
	operate_case("touch_ttl", "key2", p, ops);
	ops = as_operations_new(1);
	ck_assert(as_operations_add_touch(ops));
	operate_case("touch", "key1", p, ops);
}
END_TEST

/* ---- batch ---- */

static void batch_case(const char *name, const char *const *key_names, size_t n,
                       as_batch_read_mode mode, const char *const *bins, size_t n_bins)
{
	as_policy_batch p = BPOL;
	as_key keys[4];
	const as_key *kp[4];
	uint32_t idx[4];
	as_buffer b;
	as_error err;
	size_t i;

	for (i = 0; i < n; i++) {
		keys[i] = key_named(key_names[i]);
		kp[i] = &keys[i];
		idx[i] = (uint32_t)i;
	}
	as_buffer_init(&b);
	expect_ok(as_encode_batch(&b, &p, kp, idx, n, mode, bins, n_bins, &err), &err);
	expect_frame(name, 0, &b, 0);
	as_buffer_free(&b);
}

START_TEST(batches)
{
	static const char *const get_keys[] = { "key1", "nokey", "key3" };
	static const char *const bins_keys[] = { "key1", "key3" };
	static const char *const exists_keys[] = { "key1", "nokey" };
	static const char *const bins[] = { "i" };

	batch_case("batch_get", get_keys, 3, AS_BATCH_READ_ALL, NULL, 0);
	batch_case("batch_get_bins", bins_keys, 2, AS_BATCH_READ_BINS, bins, 1);
	batch_case("batch_exists", exists_keys, 2, AS_BATCH_READ_EXISTS, NULL, 0);
}
END_TEST

START_TEST(batch_mixed_sets)
{
	/* a row whose set differs from the previous one is written in full */
	as_policy_batch p = BPOL;
	as_key a = key_named("key1"), c = key_named("int42"), d = key_named("key3");
	const as_key *kp[3] = { &a, &c, &d };
	uint32_t idx[3] = { 7, 8, 9 };
	as_buffer b;
	as_error err;
	size_t full = 4 + 20 + 1 + 11 + 9 + 9;   /* row with ns "test", set "demo" */
	size_t empty_set = 4 + 20 + 1 + 11 + 9 + 5;

	as_buffer_init(&b);
	expect_ok(as_encode_batch(&b, &p, kp, idx, 3, AS_BATCH_READ_ALL, NULL, 0, &err), &err);
	ck_assert_uint_eq(b.len, 8 + 22 + 5 + 5 + full + empty_set + full);
	ck_assert_uint_eq(as_get_u32(b.data + 40), 7);
	ck_assert_uint_eq(b.data[40 + 24], AS_BATCH_ROW_INFO2_INFO3 | AS_BATCH_ROW_TTL);
	ck_assert_uint_eq(as_get_u32(b.data + 40 + full), 8);
	ck_assert_uint_eq(b.data[40 + full + 24], AS_BATCH_ROW_INFO2_INFO3 | AS_BATCH_ROW_TTL);
	as_buffer_free(&b);
}
END_TEST

/* ---- scan ---- */

static void scan_case(const char *name, as_policy_scan p, const char *const *bins, size_t n_bins)
{
	ref_frames f = load_req(name);
	uint16_t pids[AS_PARTITIONS];
	as_buffer b;
	as_error err;
	uint64_t trid;
	size_t i;

	/* TRID is random per request: take it from the capture (field 4 at 62) */
	ck_assert_uint_ge(f.len[0], 70);
	ck_assert_uint_eq(f.data[0][61], AS_FIELD_TRID);
	trid = as_get_u64(f.data[0] + 62);
	ref_frames_free(&f);
	for (i = 0; i < AS_PARTITIONS; i++)
		pids[i] = (uint16_t)i;
	as_buffer_init(&b);
	expect_ok(as_encode_scan(&b, &p, "test", "demo", pids, AS_PARTITIONS, bins, n_bins, false, trid,
	                         &err), &err);
	expect_frame(name, 0, &b, 0);
	as_buffer_free(&b);
}

START_TEST(scans)
{
	static const char *const bins[] = { "i" };
	as_policy_scan p = SPOL;

	scan_case("scan_set", p, NULL, 0);
	scan_case("scan_set_bins", p, bins, 1);
	p.max_records = 1;
	scan_case("scan_set_max_records_1", p, NULL, 0);
}
END_TEST

START_TEST(scan_options)
{
	as_policy_scan p = SPOL;
	uint16_t pids[2] = { 3, 0x1a0b };
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	p.records_per_second = 5;
	expect_ok(as_encode_scan(&b, &p, "test", NULL, pids, 1, NULL, 0, true, 1, &err), &err);
	/* no SET field; RECS_PER_SEC before SOCKET_TIMEOUT */
	ck_assert_uint_eq(b.data[8 + 1], AS_INFO1_READ | AS_INFO1_NOBINDATA);
	ck_assert_uint_eq(as_get_u16(b.data + 8 + 18), 5);
	ck_assert_uint_eq(b.data[30 + 9 + 4], AS_FIELD_RECS_PER_SEC);
	ck_assert_uint_eq(as_get_u32(b.data + 30 + 9 + 5), 5);
	ck_assert_uint_eq(b.data[30 + 9 + 9 + 4], AS_FIELD_SOCKET_TIMEOUT);
	/* a partition id outside 0..4095 is refused */
	b.len = 0;
	ck_assert_int_eq(as_encode_scan(&b, &p, "test", NULL, pids + 1, 1, NULL, 0, false, 1, &err),
	                 AEROSPIKE_ERR_PARAM);
	ck_assert_uint_eq(b.len, 0);
	as_buffer_free(&b);
}
END_TEST

/* ---- info ---- */

static void info_case(const char *name, size_t idx, const char *const *names, size_t n)
{
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	expect_ok(as_encode_info(&b, names, n, &err), &err);
	expect_frame(name, idx, &b, 0);
	as_buffer_free(&b);
}

START_TEST(infos)
{
	static const char *const c1[] = { "node", "partition-generation", "build" };
	static const char *const c2[] = { "user-agent-set:value=MSxjLTcuNS4wLG5vdC1zZXQ=" };
	static const char *const c3[] = { "peers-clear-std" };
	static const char *const c4[] = { "partition-generation", "replicas" };
	static const char *const tend[] = { "node", "peers-generation", "partition-generation" };
	static const char *const ns[] = { "namespaces" };
	static const char *const multi[] = { "node", "build", "nosuchcommand" };
	static const char *const bad[] = { "node\nbuild" };
	as_buffer b;
	as_error err;

	info_case("connect", 0, c1, 3);
	info_case("connect", 1, c2, 1);
	info_case("connect", 2, c3, 1);
	info_case("connect", 3, c4, 2);
	info_case("tend", 0, tend, 3);
	info_case("info_namespaces", 0, ns, 1);
	info_case("info_multi", 0, multi, 3);
	as_buffer_init(&b);
	ck_assert_int_eq(as_encode_info(&b, bad, 1, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_uint_eq(b.len, 0);
	as_buffer_free(&b);
}
END_TEST

/* ---- particles and failure paths ---- */

START_TEST(particles)
{
	as_value v;
	as_buffer b;
	as_error err;
	uint8_t particle = 99;
	static const uint8_t geo[] = { 0, 0, 0, '{', '}' };

	as_buffer_init(&b);
	v = as_value_geojson("{}");
	expect_ok(as_value_to_particle(&b, &v, &particle, &err), &err);
	ck_assert_uint_eq(particle, AS_GEOJSON);
	ck_assert_uint_eq(b.len, sizeof geo);
	ck_assert_mem_eq(b.data, geo, sizeof geo);
	as_value_destroy(&v);

	b.len = 0;
	v = as_value_bool(false);
	expect_ok(as_value_to_particle(&b, &v, &particle, &err), &err);
	ck_assert_uint_eq(particle, AS_BOOL);
	ck_assert_uint_eq(b.len, 1);
	ck_assert_uint_eq(b.data[0], 0);

	b.len = 0;
	v = as_value_int(-2);
	expect_ok(as_value_to_particle(&b, &v, &particle, &err), &err);
	ck_assert_uint_eq(particle, AS_INTEGER);
	ck_assert_uint_eq(as_get_u64(b.data), UINT64_MAX - 1);

	b.len = 0;
	v = as_value_nil();
	v.type = 42;
	ck_assert_int_eq(as_value_to_particle(&b, &v, &particle, &err), AEROSPIKE_ERR_PARAM);
	as_buffer_free(&b);
}
END_TEST

START_TEST(failures_leave_buffer)
{
	as_policy_write p = WPOL;
	as_policy_operate op = OPOL;
	as_key k = key_named("key1"), bad = k;
	as_record *r = as_record_new(2);
	as_operations *ops = as_operations_new(1);
	as_buffer b;
	as_error err;
	as_value odd = as_value_nil();

	as_buffer_init(&b);
	as_buffer_append(&b, "xyz", 3);
	/* second bin has an unencodable value: the first was already written */
	as_record_set_int(r, "a", 1);
	odd.type = 42;
	as_record_set(r, "b", odd);
	ck_assert_int_eq(as_encode_put(&b, &p, &k, r, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_uint_eq(b.len, 3);
	/* send_key with a digest-only key */
	as_record_destroy(r);
	r = rec_int("a", 1);
	p.key = AS_POLICY_KEY_SEND;
	bad.value = as_value_nil();
	ck_assert_int_eq(as_encode_put(&b, &p, &bad, r, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_uint_eq(b.len, 3);
	/* empty namespace */
	bad = k;
	bad.ns[0] = '\0';
	p.key = AS_POLICY_KEY_DIGEST;
	ck_assert_int_eq(as_encode_put(&b, &p, &bad, r, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_uint_eq(b.len, 3);
	/* no operations */
	ck_assert_int_eq(as_encode_operate(&b, &op, &k, ops, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_uint_eq(b.len, 3);
	ck_assert_mem_eq(b.data, "xyz", 3);
	as_record_destroy(r);
	as_operations_destroy(ops);
	as_buffer_free(&b);
}
END_TEST

START_TEST(operate_read_all_and_delete)
{
	as_policy_operate p = OPOL;
	as_key k = key_named("key1");
	as_operations *ops = as_operations_new(3);
	as_buffer b;
	as_error err;

	ck_assert(as_operations_add_delete(ops));
	ck_assert(as_operations_add_write_int(ops, "x", 1));
	ck_assert(as_operations_add_read_all(ops));
	as_buffer_init(&b);
	expect_ok(as_encode_operate(&b, &p, &k, ops, &err), &err);
	/* read-all is GET_ALL plus a READ op without a name, at its place in the
	 * list; delete is op 14 with an empty name */
	ck_assert_uint_eq(b.data[9], AS_INFO1_READ | AS_INFO1_GET_ALL);
	ck_assert_uint_eq(b.data[10], AS_INFO2_WRITE);
	ck_assert_uint_eq(as_get_u16(b.data + 28), 3);
	ck_assert_uint_eq(as_get_u32(b.data + 73), 4);
	ck_assert_uint_eq(b.data[77], AS_OPERATOR_DELETE);
	ck_assert_uint_eq(b.data[80], 0);
	ck_assert_uint_eq(b.data[85], AS_OPERATOR_WRITE);
	ck_assert_uint_eq(as_get_u32(b.data + 98), 4);
	ck_assert_uint_eq(b.data[102], AS_OPERATOR_READ);
	ck_assert_uint_eq(b.data[105], 0);
	ck_assert_uint_eq(b.len, 73 + 8 + 8 + 1 + 8 + 8);
	as_buffer_free(&b);
	as_operations_destroy(ops);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("encode");
	TCase *tc = tcase_create("reference");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, put_basic);
	tcase_add_test(tc, put_policies);
	tcase_add_test(tc, put_ttls);
	tcase_add_test(tc, put_send_key);
	tcase_add_test(tc, put_nested_cdt);
	tcase_add_test(tc, put_bin_names);
	tcase_add_test(tc, put_raw_namespace);
	tcase_add_test(tc, put_record_too_big);
	tcase_add_test(tc, scan_setup_puts);
	tcase_add_test(tc, gets);
	tcase_add_test(tc, exists);
	tcase_add_test(tc, removes);
	tcase_add_test(tc, operates);
	tcase_add_test(tc, operate_cdt);
	tcase_add_test(tc, touches);
	tcase_add_test(tc, batches);
	tcase_add_test(tc, scans);
	tcase_add_test(tc, infos);
	suite_add_tcase(s, tc);

	tc = tcase_create("local");
	tcase_add_test(tc, batch_mixed_sets);
	tcase_add_test(tc, scan_options);
	tcase_add_test(tc, particles);
	tcase_add_test(tc, failures_leave_buffer);
	tcase_add_test(tc, operate_read_all_and_delete);
	suite_add_tcase(s, tc);
	return s;
}
