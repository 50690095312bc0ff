/* List, map and context operations against the official client's captured
 * requests (shared/reference/cdt/list_*, map_*, ctx_*): every frame of every
 * step of every case, setup steps included, is built with the public API
 * and the request encoder and compared byte for byte. Then every captured
 * reply is decoded and compared with what the official client handed to
 * its application (all.json "client_result"). */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/cdt.h>
#include <aerofuture/json.h>
#include <aerofuture/list_operations.h>
#include <aerofuture/map_operations.h>
#include <aerofuture/operations.h>
#include <aerofuture/record.h>

#include "codec/encode.h"
#include "codec/msg.h"
#include "codec/msgpack.h"
#include "codec/proto.h"
#include "common/check_main.h"
#include "common/hex.h"
#include "common/reference.h"

/* The captures' keys: namespace test, set cap_cdt (digests from the .txt). */
static const struct {
	const char *user_key, *digest;
} KEYS[] = {
	{ "list1", "0b22197d5aaf2c6a2c96bf0cfe64c115196350c7" },
	{ "list_new", "53d8bbd515ed6f78a8cfe4dbfa74b7e0f49692a8" },
	{ "list_none", "c52346f413f626112cb29273be95635c05971097" },
	{ "map1", "a3b3cd4fe1e5113c4667634beed5cc3c80a420ad" },
	{ "ctx1", "2755af26c0b1f4205328cd334bdd1a531c515ee6" },
};

/* Node client defaults of the capture: total timeout 1000 ms. */
#define CAPTURED_BASE(total, retries) \
	{ .total_timeout = (total), .socket_timeout = 30000, .max_retries = (retries) }
static const as_policy_write WPOL = { .base = CAPTURED_BASE(1000, 0), .exists = AS_POLICY_EXISTS_CREATE_OR_REPLACE };
static const as_policy_read RPOL = { .base = CAPTURED_BASE(1000, 2), .replica = AS_POLICY_REPLICA_SEQUENCE };
static const as_policy_operate OPOL = { .base = CAPTURED_BASE(1000, 0) };
static const as_policy_remove DPOL = { .base = CAPTURED_BASE(1000, 0) };

static as_key key_make(const char *user_key)
{
	as_key k;
	size_t i;

	for (i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
		if (strcmp(KEYS[i].user_key, user_key) == 0)
			break;
	ck_assert_msg(i < sizeof KEYS / sizeof KEYS[0], "no digest for key %s", user_key);
	memset(&k, 0, sizeof k);
	snprintf(k.ns, sizeof k.ns, "%s", "test");
	snprintf(k.set, sizeof k.set, "%s", "cap_cdt");
	k.value = as_value_str_ref(KEYS[i].user_key);
	ck_assert_int_eq(hex_decode(KEYS[i].digest, strlen(KEYS[i].digest), k.digest, sizeof k.digest),
	                 AS_DIGEST_SIZE);
	return k;
}

/* ---- one case: its captured frames, compared in wire order ---- */

typedef struct run {
	const char *name;
	ref_frames req;
	size_t next;   /* the next request frame to compare */
	as_key key;
} run;

static run run_start(const char *name, const char *user_key)
{
	char path[256], why[512];
	run r;

	memset(&r, 0, sizeof r);
	r.name = name;
	snprintf(path, sizeof path, "cdt/%s.req.hex", name);
	ck_assert_msg(ref_load_frames(path, &r.req, why, sizeof why), "%s", why);
	r.key = key_make(user_key);
	return r;
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

/* ---- values as the Node client wrote them ---- */

static as_list *ints(int n, ...)
{
	as_list *l = as_list_new((uint32_t)n);
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		as_list_append_int(l, va_arg(ap, int));
	va_end(ap);
	return l;
}

static as_list *strs(int n, ...)
{
	as_list *l = as_list_new((uint32_t)n);
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		as_list_append_str(l, va_arg(ap, const char *));
	va_end(ap);
	return l;
}

/* Node writes every JS object as a KEY_ORDERED map, keys sorted: pass
 * the pairs in key order ("a", value, "b", value, ...). */
static as_map *kmap(int n, ...)
{
	as_map *m = as_map_new((uint32_t)n);
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *k = va_arg(ap, const char *);
		as_value v = va_arg(ap, as_value);
		as_map_put_str(m, k, v);
	}
	va_end(ap);
	ck_assert(as_map_set_order(m, AS_MAP_KEY_ORDERED));
	return m;
}

#define I(x) as_value_int(x)
#define S(x) as_value_str(x)
#define L(x) as_value_list(x)
#define M(x) as_value_map(x)

static void put_bin(run *r, const char *bin, as_value v)
{
	as_record *rec = as_record_new(1);

	ck_assert(as_record_set(rec, bin, v));
	step_put(r, rec);
}

/* The list cases' setup: l = [10, 3, 7, 3, 1]. */
static run list_case(const char *name)
{
	run r = run_start(name, "list1");

	put_bin(&r, "l", L(ints(5, 10, 3, 7, 3, 1)));
	return r;
}

/* The map cases' setup: m = {a: 1, b: 2, c: 3}. */
static run map_case(const char *name)
{
	run r = run_start(name, "map1");

	put_bin(&r, "m", M(kmap(3, "a", I(1), "b", I(2), "c", I(3))));
	return r;
}

static as_operations *then_read(as_operations *ops, const char *bin)
{
	ck_assert(as_operations_add_read(ops, bin));
	return ops;
}

/* One operate of one op built by @p add, then the run's end. */
#define ONE_OP(r, add)                              \
	do {                                            \
		as_operations *ops_ = as_operations_new(1); \
		ck_assert(add);                             \
		step_operate(&(r), ops_);                   \
		run_end(&(r));                              \
	} while (0)
/* The same, followed by a read of @p bin. */
#define OP_READ(r, add, bin)                        \
	do {                                            \
		as_operations *ops_ = as_operations_new(2); \
		ck_assert(add);                             \
		step_operate(&(r), then_read(ops_, bin));   \
		run_end(&(r));                              \
	} while (0)

/* ---- list cases ---- */

START_TEST(list_modify_cases)
{
	as_list_policy pol;
	as_operations *ops;
	run r;

	r = list_case("list_append");
	ONE_OP(r, as_operations_list_append(ops_, "l", NULL, NULL, I(11)));
	r = list_case("list_append_items");
	ONE_OP(r, as_operations_list_append_items(ops_, "l", NULL, NULL, ints(2, 20, 21)));
	r = list_case("list_insert");
	ONE_OP(r, as_operations_list_insert(ops_, "l", NULL, NULL, 1, I(99)));
	r = list_case("list_insert_items");
	ONE_OP(r, as_operations_list_insert_items(ops_, "l", NULL, NULL, 0, ints(2, 8, 9)));
	r = list_case("list_insert_unbounded_pads_nil");
	OP_READ(r, as_operations_list_insert(ops_, "l", NULL, NULL, 7, I(5)), "l");
	r = list_case("list_set");
	OP_READ(r, as_operations_list_set(ops_, "l", NULL, NULL, 2, I(70)), "l");
	r = list_case("list_set_oob");
	OP_READ(r, as_operations_list_set(ops_, "l", NULL, NULL, 7, I(1)), "l");
	r = list_case("list_increment");
	ONE_OP(r, as_operations_list_increment(ops_, "l", NULL, NULL, 1, I(5)));
	r = list_case("list_pop");
	OP_READ(r, as_operations_list_pop(ops_, "l", NULL, -1), "l");
	r = list_case("list_trim");
	OP_READ(r, as_operations_list_trim(ops_, "l", NULL, 1, 2), "l");
	r = list_case("list_clear");
	OP_READ(r, as_operations_list_clear(ops_, "l", NULL), "l");
	r = list_case("list_sort");
	OP_READ(r, as_operations_list_sort(ops_, "l", NULL, AS_LIST_SORT_DROP_DUPLICATES), "l");

	/* write flags go last; append also sends the policy's order */
	as_list_policy_init(&pol);
	as_list_policy_set(&pol, AS_LIST_UNORDERED, AS_LIST_WRITE_ADD_UNIQUE);
	r = list_case("list_add_unique_dup");
	ONE_OP(r, as_operations_list_append(ops_, "l", NULL, &pol, I(3)));
	as_list_policy_set(&pol, AS_LIST_UNORDERED, AS_LIST_WRITE_ADD_UNIQUE | AS_LIST_WRITE_NO_FAIL);
	r = list_case("list_add_unique_no_fail");
	OP_READ(r, as_operations_list_append(ops_, "l", NULL, &pol, I(3)), "l");
	r = list_case("list_append_items_unique_no_partial");
	OP_READ(r, as_operations_list_append_items(ops_, "l", NULL, &pol, ints(2, 3, 50)), "l");
	as_list_policy_set(&pol, AS_LIST_UNORDERED,
	                   AS_LIST_WRITE_ADD_UNIQUE | AS_LIST_WRITE_NO_FAIL | AS_LIST_WRITE_PARTIAL);
	r = list_case("list_append_items_unique_partial");
	OP_READ(r, as_operations_list_append_items(ops_, "l", NULL, &pol, ints(2, 3, 50)), "l");
	/* insert carries the flags but no order */
	as_list_policy_set(&pol, AS_LIST_UNORDERED, AS_LIST_WRITE_INSERT_BOUNDED);
	r = list_case("list_insert_bounded_oob");
	ONE_OP(r, as_operations_list_insert(ops_, "l", NULL, &pol, 10, I(5)));

	/* order changes and ordered creation */
	r = list_case("list_set_order_then_append");
	ops = as_operations_new(3);
	ck_assert(as_operations_list_set_order(ops, "l", NULL, AS_LIST_ORDERED));
	ck_assert(as_operations_list_append(ops, "l", NULL, NULL, I(4)));
	step_operate(&r, then_read(ops, "l"));
	step_get(&r);
	run_end(&r);

	r = run_start("list_create_ordered", "list1");
	put_bin(&r, "i", I(1));
	ops = as_operations_new(3);
	ck_assert(as_operations_list_create(ops, "l2", NULL, AS_LIST_ORDERED, false));
	ck_assert(as_operations_list_append_items(ops, "l2", NULL, NULL, ints(3, 5, 2, 9)));
	step_operate(&r, then_read(ops, "l2"));
	run_end(&r);

	r = run_start("list_append_with_order_policy", "list1");
	put_bin(&r, "i", I(1));
	as_list_policy_set(&pol, AS_LIST_ORDERED, AS_LIST_WRITE_DEFAULT);
	ops = as_operations_new(3);
	ck_assert(as_operations_list_append(ops, "l3", NULL, &pol, I(5)));
	ck_assert(as_operations_list_append(ops, "l3", NULL, &pol, I(2)));
	step_operate(&r, then_read(ops, "l3"));
	run_end(&r);
}
END_TEST

START_TEST(list_read_cases)
{
	as_operations *ops;
	run r;

	r = list_case("list_size");
	ONE_OP(r, as_operations_list_size(ops_, "l", NULL));
	r = list_case("list_get_oob");
	ONE_OP(r, as_operations_list_get(ops_, "l", NULL, 10));
	r = list_case("list_get_by_index");
	ONE_OP(r, as_operations_list_get_by_index(ops_, "l", NULL, 0, AS_LIST_RETURN_VALUE));
	r = list_case("list_get_by_index_oob");
	ONE_OP(r, as_operations_list_get_by_index(ops_, "l", NULL, 10, AS_LIST_RETURN_VALUE));
	r = list_case("list_get_by_index_range");
	ONE_OP(r, as_operations_list_get_by_index_range(ops_, "l", NULL, 1, 2, AS_LIST_RETURN_VALUE));
	r = list_case("list_get_by_index_range_to_end");
	ONE_OP(r, as_operations_list_get_by_index_range_to_end(ops_, "l", NULL, -2, AS_LIST_RETURN_VALUE));
	r = list_case("list_get_by_rank");
	ONE_OP(r, as_operations_list_get_by_rank(ops_, "l", NULL, 0, AS_LIST_RETURN_VALUE));
	r = list_case("list_get_by_value_index");
	ONE_OP(r, as_operations_list_get_by_value(ops_, "l", NULL, I(3), AS_LIST_RETURN_INDEX));
	r = list_case("list_get_by_value_list");
	ONE_OP(r, as_operations_list_get_by_value_list(ops_, "l", NULL, ints(3, 3, 10, 99), AS_LIST_RETURN_VALUE));
	r = list_case("list_get_by_value_range_count");
	ONE_OP(r, as_operations_list_get_by_value_range(ops_, "l", NULL, I(3), I(8), AS_LIST_RETURN_COUNT));
	r = list_case("list_get_by_value_rel_rank_range");
	ONE_OP(r, as_operations_list_get_by_value_rel_rank_range(ops_, "l", NULL, I(5), 0, 2, AS_LIST_RETURN_VALUE));
	r = list_case("list_remove_by_index");
	OP_READ(r, as_operations_list_remove_by_index(ops_, "l", NULL, 0, AS_LIST_RETURN_VALUE), "l");
	r = list_case("list_remove_by_value");
	OP_READ(r, as_operations_list_remove_by_value(ops_, "l", NULL, I(3), AS_LIST_RETURN_COUNT), "l");
	r = list_case("list_remove_by_rank_range");
	OP_READ(r, as_operations_list_remove_by_rank_range(ops_, "l", NULL, 0, 2, AS_LIST_RETURN_VALUE), "l");

	/* return types */
	r = list_case("list_rt_count");
	ONE_OP(r, as_operations_list_get_by_value(ops_, "l", NULL, I(3), AS_LIST_RETURN_COUNT));
	r = list_case("list_rt_reverse_index");
	ONE_OP(r, as_operations_list_get_by_value(ops_, "l", NULL, I(3), AS_LIST_RETURN_REVERSE_INDEX));
	r = list_case("list_rt_rank");
	ONE_OP(r, as_operations_list_get_by_index_range(ops_, "l", NULL, 0, 3, AS_LIST_RETURN_RANK));
	r = list_case("list_rt_reverse_rank");
	ONE_OP(r, as_operations_list_get_by_index(ops_, "l", NULL, 0, AS_LIST_RETURN_REVERSE_RANK));
	r = list_case("list_rt_none");
	ONE_OP(r, as_operations_list_remove_by_value(ops_, "l", NULL, I(3), AS_LIST_RETURN_NONE));
	r = list_case("list_rt_inverted");
	ONE_OP(r, as_operations_list_get_by_value(ops_, "l", NULL, I(3),
	                                          (as_list_return_type)(AS_LIST_RETURN_VALUE | AS_LIST_RETURN_INVERTED)));
	r = list_case("list_rt_exists");
	ops = as_operations_new(2);
	ck_assert(as_operations_list_get_by_value(ops, "l", NULL, I(7), AS_LIST_RETURN_EXISTS));
	ck_assert(as_operations_list_get_by_value(ops, "l", NULL, I(8), AS_LIST_RETURN_EXISTS));
	step_operate(&r, ops);
	run_end(&r);
}
END_TEST

/* Wrong bins and missing records: the requests are still well formed
 * (the server answers 12, 0 with no entries, or 2). */
START_TEST(list_error_cases)
{
	as_operations *ops;
	run r;

	r = run_start("list_op_on_string_bin", "list1");
	put_bin(&r, "s", S("hello"));
	ONE_OP(r, as_operations_list_append(ops_, "s", NULL, NULL, I(1)));
	r = run_start("list_read_on_string_bin", "list1");
	put_bin(&r, "s", S("hello"));
	ONE_OP(r, as_operations_list_size(ops_, "s", NULL));
	r = run_start("list_op_on_missing_bin", "list1");
	put_bin(&r, "s", S("hello"));
	ops = as_operations_new(2);
	ck_assert(as_operations_list_size(ops, "nobin", NULL));
	ck_assert(as_operations_list_get_by_index(ops, "nobin", NULL, 0, AS_LIST_RETURN_VALUE));
	step_operate(&r, ops);
	run_end(&r);
	r = run_start("list_append_missing_record", "list_new");
	step_remove(&r);
	ONE_OP(r, as_operations_list_append(ops_, "l", NULL, NULL, I(1)));
	r = run_start("list_read_missing_record", "list_none");
	ONE_OP(r, as_operations_list_size(ops_, "l", NULL));
}
END_TEST

/* ---- map cases ---- */

START_TEST(map_modify_cases)
{
	as_map_policy pol;
	as_operations *ops;
	run r;

	/* put always carries the map attributes, 0 when no policy is given */
	r = map_case("map_put_default");
	ONE_OP(r, as_operations_map_put(ops_, "m", NULL, NULL, S("d"), I(4)));
	r = map_case("map_put_items");
	ONE_OP(r, as_operations_map_put_items(ops_, "m", NULL, NULL, kmap(2, "x", I(10), "y", I(20))));
	r = map_case("map_increment");
	ONE_OP(r, as_operations_map_increment(ops_, "m", NULL, NULL, S("a"), I(5)));
	r = map_case("map_increment_missing_key");
	ONE_OP(r, as_operations_map_increment(ops_, "m", NULL, NULL, S("new"), as_value_double(2.5)));
	r = map_case("map_decrement");
	ONE_OP(r, as_operations_map_decrement(ops_, "m", NULL, NULL, S("b"), I(1)));
	r = map_case("map_clear");
	ops = as_operations_new(2);
	ck_assert(as_operations_map_clear(ops, "m", NULL));
	ck_assert(as_operations_map_size(ops, "m", NULL));
	step_operate(&r, ops);
	run_end(&r);

	/* write flags follow the attributes */
	as_map_policy_init(&pol);
	as_map_policy_set_flags(&pol, AS_MAP_UNORDERED, AS_MAP_WRITE_CREATE_ONLY);
	r = map_case("map_put_create_only_exists");
	ONE_OP(r, as_operations_map_put(ops_, "m", NULL, &pol, S("a"), I(9)));
	as_map_policy_set_flags(&pol, AS_MAP_UNORDERED, AS_MAP_WRITE_UPDATE_ONLY);
	r = map_case("map_put_update_only_missing");
	ONE_OP(r, as_operations_map_put(ops_, "m", NULL, &pol, S("zz"), I(9)));
	as_map_policy_set_flags(&pol, AS_MAP_UNORDERED, AS_MAP_WRITE_CREATE_ONLY | AS_MAP_WRITE_NO_FAIL);
	r = map_case("map_put_create_only_no_fail");
	ops = as_operations_new(2);
	ck_assert(as_operations_map_put(ops, "m", NULL, &pol, S("a"), I(9)));
	ck_assert(as_operations_map_get_by_key(ops, "m", NULL, S("a"), AS_MAP_RETURN_VALUE));
	step_operate(&r, ops);
	run_end(&r);

	/* orders: by policy on put, by set_policy and by create */
	as_map_policy_set_flags(&pol, AS_MAP_KEY_ORDERED, AS_MAP_WRITE_DEFAULT);
	r = map_case("map_set_policy");
	OP_READ(r, as_operations_map_set_policy(ops_, "m", NULL, &pol), "m");

	r = run_start("map_put_key_ordered", "map1");
	put_bin(&r, "i", I(1));
	ops = as_operations_new(3);
	ck_assert(as_operations_map_put(ops, "mk", NULL, &pol, S("b"), I(2)));
	ck_assert(as_operations_map_put(ops, "mk", NULL, &pol, S("a"), I(1)));
	step_operate(&r, then_read(ops, "mk"));
	run_end(&r);

	as_map_policy_set_flags(&pol, AS_MAP_KEY_VALUE_ORDERED, AS_MAP_WRITE_DEFAULT);
	r = run_start("map_put_kv_ordered", "map1");
	put_bin(&r, "i", I(1));
	ops = as_operations_new(2);
	ck_assert(as_operations_map_put(ops, "mkv", NULL, &pol, S("x"), I(2)));
	ck_assert(as_operations_map_put(ops, "mkv", NULL, &pol, S("w"), I(1)));
	step_operate(&r, ops);
	step_get(&r);
	run_end(&r);

	r = run_start("map_create_key_ordered", "map1");
	put_bin(&r, "i", I(1));
	ops = as_operations_new(2);
	ck_assert(as_operations_map_create(ops, "mc", NULL, AS_MAP_KEY_ORDERED));
	ck_assert(as_operations_map_put_items(ops, "mc", NULL, NULL, kmap(2, "y", I(2), "z", I(1))));
	step_operate(&r, ops);
	step_get(&r);
	run_end(&r);

	/* an unordered bin made by put_items, read five ways */
	r = run_start("map_unordered_new_bin", "map1");
	put_bin(&r, "i", I(1));
	ops = as_operations_new(5);
	ck_assert(as_operations_map_put_items(ops, "mu", NULL, NULL, kmap(3, "a", I(1), "b", I(2), "c", I(3))));
	ck_assert(as_operations_add_read(ops, "mu"));
	ck_assert(as_operations_map_get_by_key_range(ops, "mu", NULL, S("a"), S("c"), AS_MAP_RETURN_UNORDERED_MAP));
	ck_assert(as_operations_map_get_by_key_range(ops, "mu", NULL, S("a"), S("c"), AS_MAP_RETURN_ORDERED_MAP));
	ck_assert(as_operations_map_get_by_index(ops, "mu", NULL, 0, AS_MAP_RETURN_KEY_VALUE));
	step_operate(&r, ops);
	run_end(&r);

	/* a map op on a list bin: well formed, the server answers 12 */
	r = run_start("map_op_on_list_bin", "map1");
	put_bin(&r, "l", L(ints(2, 1, 2)));
	ONE_OP(r, as_operations_map_put(ops_, "l", NULL, NULL, S("a"), I(1)));
}
END_TEST

START_TEST(map_read_cases)
{
	as_operations *ops;
	run r;

	r = map_case("map_size");
	ONE_OP(r, as_operations_map_size(ops_, "m", NULL));
	r = map_case("map_get_by_key");
	ONE_OP(r, as_operations_map_get_by_key(ops_, "m", NULL, S("b"), AS_MAP_RETURN_VALUE));
	r = map_case("map_get_by_key_missing");
	ONE_OP(r, as_operations_map_get_by_key(ops_, "m", NULL, S("zz"), AS_MAP_RETURN_VALUE));
	r = map_case("map_get_by_key_list");
	ONE_OP(r, as_operations_map_get_by_key_list(ops_, "m", NULL, strs(3, "a", "c", "zz"), AS_MAP_RETURN_KEY_VALUE));
	r = map_case("map_get_by_key_range");
	ONE_OP(r, as_operations_map_get_by_key_range(ops_, "m", NULL, S("a"), S("c"), AS_MAP_RETURN_KEY));
	r = map_case("map_get_by_index");
	ONE_OP(r, as_operations_map_get_by_index(ops_, "m", NULL, -1, AS_MAP_RETURN_KEY_VALUE));
	r = map_case("map_get_by_rank_range");
	ONE_OP(r, as_operations_map_get_by_rank_range(ops_, "m", NULL, 0, 2, AS_MAP_RETURN_VALUE));
	r = map_case("map_get_by_value");
	ONE_OP(r, as_operations_map_get_by_value(ops_, "m", NULL, I(2), AS_MAP_RETURN_KEY));
	r = map_case("map_remove_by_key");
	OP_READ(r, as_operations_map_remove_by_key(ops_, "m", NULL, S("a"), AS_MAP_RETURN_VALUE), "m");
	r = map_case("map_remove_by_key_list");
	ONE_OP(r, as_operations_map_remove_by_key_list(ops_, "m", NULL, strs(3, "a", "b", "zz"), AS_MAP_RETURN_COUNT));
	r = map_case("map_remove_by_value_range");
	ONE_OP(r, as_operations_map_remove_by_value_range(ops_, "m", NULL, I(2), I(10), AS_MAP_RETURN_KEY));

	/* return types */
	r = map_case("map_rt_count");
	ONE_OP(r, as_operations_map_get_by_key_range(ops_, "m", NULL, S("a"), S("c"), AS_MAP_RETURN_COUNT));
	r = map_case("map_rt_key_value_range");
	ONE_OP(r, as_operations_map_get_by_key_range(ops_, "m", NULL, S("a"), S("c"), AS_MAP_RETURN_KEY_VALUE));
	r = map_case("map_rt_unordered_map");
	ONE_OP(r, as_operations_map_get_by_key_range(ops_, "m", NULL, S("a"), S("c"), AS_MAP_RETURN_UNORDERED_MAP));
	r = map_case("map_rt_ordered_map");
	ONE_OP(r, as_operations_map_get_by_key_range(ops_, "m", NULL, S("a"), S("c"), AS_MAP_RETURN_ORDERED_MAP));
	r = map_case("map_rt_exists");
	ONE_OP(r, as_operations_map_get_by_key(ops_, "m", NULL, S("a"), AS_MAP_RETURN_EXISTS));
	r = map_case("map_rt_inverted");
	ONE_OP(r, as_operations_map_get_by_key(ops_, "m", NULL, S("a"),
	                                       (as_map_return_type)(AS_MAP_RETURN_KEY_VALUE | AS_MAP_RETURN_INVERTED)));
	r = map_case("map_rt_inverted_key_list");
	ONE_OP(r, as_operations_map_get_by_key_list(ops_, "m", NULL, strs(1, "a"),
	                                            (as_map_return_type)(AS_MAP_RETURN_KEY_VALUE | AS_MAP_RETURN_INVERTED)));
	r = map_case("map_rt_index_rank");
	ops = as_operations_new(3);
	ck_assert(as_operations_map_get_by_key(ops, "m", NULL, S("c"), AS_MAP_RETURN_INDEX));
	ck_assert(as_operations_map_get_by_key(ops, "m", NULL, S("c"), AS_MAP_RETURN_RANK));
	ck_assert(as_operations_map_get_by_key(ops, "m", NULL, S("c"), AS_MAP_RETURN_REVERSE_INDEX));
	step_operate(&r, ops);
	run_end(&r);
}
END_TEST

/* ---- context cases ---- */

START_TEST(ctx_cases)
{
	as_operations *ops;
	as_cdt_ctx ctx, ctx2;
	as_list *inner;
	run r;

	r = run_start("ctx_map_in_list", "ctx1");
	inner = as_list_new(2);
	as_list_append(inner, M(kmap(1, "a", I(1))));
	as_list_append(inner, M(kmap(1, "b", I(2))));
	put_bin(&r, "l", L(inner));
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_list_index(&ctx, 0);
	OP_READ(r, as_operations_map_put(ops_, "l", &ctx, NULL, S("c"), I(3)), "l");
	as_cdt_ctx_destroy(&ctx);

	r = run_start("ctx_list_in_map", "ctx1");
	put_bin(&r, "m", M(kmap(1, "a", L(ints(2, 1, 2)))));
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_key(&ctx, S("a"));
	OP_READ(r, as_operations_list_append(ops_, "m", &ctx, NULL, I(3)), "m");
	as_cdt_ctx_destroy(&ctx);

	/* two steps: map key, then list index */
	r = run_start("ctx_two_levels", "ctx1");
	inner = as_list_new(1);
	as_list_append(inner, M(kmap(1, "x", I(1))));
	put_bin(&r, "m", M(kmap(1, "a", L(inner))));
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_key(&ctx, S("a"));
	as_cdt_ctx_add_list_index(&ctx, 0);
	ck_assert_uint_eq(as_cdt_ctx_size(&ctx), 2);
	OP_READ(r, as_operations_map_put(ops_, "m", &ctx, NULL, S("y"), I(2)), "m");
	as_cdt_ctx_destroy(&ctx);

	/* reads through a context; one context serves two ops */
	r = run_start("ctx_read_nested", "ctx1");
	inner = as_list_new(2);
	as_list_append(inner, L(ints(2, 5, 6)));
	as_list_append_int(inner, 7);
	put_bin(&r, "m", M(kmap(1, "a", L(inner))));
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_key(&ctx, S("a"));
	as_cdt_ctx_init(&ctx2);
	as_cdt_ctx_add_map_key(&ctx2, S("a"));
	as_cdt_ctx_add_list_index(&ctx2, 0);
	ops = as_operations_new(2);
	ck_assert(as_operations_list_get_by_index(ops, "m", &ctx2, 1, AS_LIST_RETURN_VALUE));
	ck_assert(as_operations_list_size(ops, "m", &ctx));
	as_cdt_ctx_destroy(&ctx);
	as_cdt_ctx_destroy(&ctx2);
	step_operate(&r, ops);
	run_end(&r);

	/* create variants: 0x80 flags in the step type */
	r = run_start("ctx_map_key_create", "ctx1");
	put_bin(&r, "m", M(kmap(1, "a", I(1))));
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_key_create(&ctx, S("new"), AS_MAP_KEY_ORDERED);
	OP_READ(r, as_operations_list_append(ops_, "m", &ctx, NULL, I(1)), "m");
	as_cdt_ctx_destroy(&ctx);

	r = run_start("ctx_map_key_create_missing_bin", "ctx1");
	put_bin(&r, "i", I(1));
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_key_create(&ctx, S("a"), AS_MAP_KEY_ORDERED);
	OP_READ(r, as_operations_map_put(ops_, "m", &ctx, NULL, S("k"), S("v")), "m");
	as_cdt_ctx_destroy(&ctx);

	r = run_start("ctx_list_index_create", "ctx1");
	inner = as_list_new(1);
	as_list_append(inner, L(ints(1, 1)));
	put_bin(&r, "l", L(inner));
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_list_index_create(&ctx, 3, AS_LIST_UNORDERED, true);
	OP_READ(r, as_operations_list_append(ops_, "l", &ctx, NULL, I(5)), "l");
	as_cdt_ctx_destroy(&ctx);

	r = run_start("ctx_missing_path", "ctx1");
	put_bin(&r, "m", M(kmap(1, "a", I(1))));
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_key(&ctx, S("nokey"));
	ONE_OP(r, as_operations_map_put(ops_, "m", &ctx, NULL, S("k"), I(1)));
	as_cdt_ctx_destroy(&ctx);
}
END_TEST

/* Every list_*, map_* and ctx_* capture is one of the cases above. */
static const char *const KNOWN[] = {
	"list_append", "list_append_items", "list_insert", "list_insert_items", "list_set", "list_increment",
	"list_get_by_index", "list_get_by_index_range", "list_get_by_index_range_to_end", "list_get_by_rank",
	"list_get_by_value_index", "list_get_by_value_range_count", "list_get_by_value_list",
	"list_get_by_value_rel_rank_range", "list_remove_by_index", "list_remove_by_value",
	"list_remove_by_rank_range", "list_pop", "list_trim", "list_clear", "list_size", "list_sort",
	"list_set_order_then_append", "list_create_ordered", "list_append_with_order_policy", "list_rt_count",
	"list_rt_reverse_index", "list_rt_rank", "list_rt_reverse_rank", "list_rt_exists", "list_rt_none",
	"list_rt_inverted", "list_add_unique_dup", "list_add_unique_no_fail", "list_append_items_unique_partial",
	"list_append_items_unique_no_partial", "list_insert_bounded_oob", "list_insert_unbounded_pads_nil",
	"list_get_oob", "list_get_by_index_oob", "list_set_oob", "list_op_on_string_bin", "list_read_on_string_bin",
	"list_op_on_missing_bin", "list_append_missing_record", "list_read_missing_record",
	"map_put_default", "map_put_key_ordered", "map_put_kv_ordered", "map_set_policy", "map_create_key_ordered",
	"map_put_items", "map_put_create_only_exists", "map_put_update_only_missing", "map_put_create_only_no_fail",
	"map_increment", "map_decrement", "map_increment_missing_key", "map_get_by_key", "map_get_by_key_missing",
	"map_get_by_key_list", "map_get_by_key_range", "map_get_by_index", "map_get_by_rank_range",
	"map_get_by_value", "map_remove_by_key", "map_remove_by_key_list", "map_remove_by_value_range", "map_size",
	"map_clear", "map_rt_count", "map_rt_key_value_range", "map_rt_unordered_map", "map_rt_ordered_map",
	"map_rt_index_rank", "map_rt_exists", "map_rt_inverted", "map_rt_inverted_key_list", "map_unordered_new_bin",
	"map_op_on_list_bin",
	"ctx_map_in_list", "ctx_list_in_map", "ctx_two_levels", "ctx_read_nested", "ctx_map_key_create",
	"ctx_map_key_create_missing_bin", "ctx_list_index_create", "ctx_missing_path",
};
#define N_KNOWN (sizeof KNOWN / sizeof KNOWN[0])

static bool is_cdt_case(const char *name)
{
	return strncmp(name, "list_", 5) == 0 || strncmp(name, "map_", 4) == 0 || strncmp(name, "ctx_", 4) == 0;
}

static bool is_known(const char *name, size_t len)
{
	for (size_t i = 0; i < N_KNOWN; i++)
		if (strlen(KNOWN[i]) == len && strncmp(KNOWN[i], name, len) == 0)
			return true;
	return false;
}

START_TEST(all_cases_covered)
{
	const char *suffix = ".req.hex";
	char path[1024];
	size_t found = 0;
	struct dirent *e;
	DIR *d;

	ck_assert_msg(ref_dir() != NULL, "AS_REFERENCE_DIR is not set or not a directory");
	snprintf(path, sizeof path, "%s/cdt", ref_dir());
	d = opendir(path);
	ck_assert_msg(d != NULL, "cannot open %s", path);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (!is_cdt_case(e->d_name))
			continue;
		if (len <= strlen(suffix) || strcmp(e->d_name + len - strlen(suffix), suffix) != 0)
			continue;
		ck_assert_msg(is_known(e->d_name, len - strlen(suffix)), "capture %s has no test here", e->d_name);
		found++;
	}
	closedir(d);
	/* 46 list, 34 map and 8 context cases (cdt/README.txt) */
	ck_assert_uint_eq(found, 88);
	ck_assert_uint_eq(N_KNOWN, 88);
}
END_TEST

/* ---- replies: what the client makes of every captured answer ---- */

static as_record *reply_record_hex(const char *hex, uint8_t *result_code)
{
	as_record *rec = NULL;
	as_msg_view m;
	as_error err;
	size_t len;
	uint8_t *frame = hex_decode_alloc(hex, strlen(hex), &len);

	ck_assert_ptr_nonnull(frame);
	ck_assert_uint_gt(len, AS_PROTO_HEADER_SIZE);
	ck_assert_int_eq(as_msg_parse(frame + AS_PROTO_HEADER_SIZE, len - AS_PROTO_HEADER_SIZE, &m, &err), AEROSPIKE_OK);
	*result_code = m.h.result_code;
	if (m.h.result_code == 0)
		ck_assert_int_eq(as_msg_to_record(&m, 0, &rec, &err), AEROSPIKE_OK);
	free(frame);
	return rec;
}

/* The official client turns a KEY_VALUE map result into a flat list
 * [k1, v1, k2, v2, ...] (map_get_by_key_list); ours stays the map the
 * server sent. Compare through that flattening when the shapes differ. */
static json_t *flatten_pairs(const as_value *v)
{
	json_t *a = json_array();

	for (uint32_t i = 0; i < v->u.map->size; i++) {
		json_array_append_new(a, as_value_to_json(&v->u.map->entries[i].key));
		json_array_append_new(a, as_value_to_json(&v->u.map->entries[i].value));
	}
	return a;
}

/* The official client keeps only the last result per bin name. */
static void expect_bins(const char *name, int step, const as_record *rec, json_t *want)
{
	const char *bin;
	json_t *w;

	ck_assert_msg(json_is_object(want), "%s step %d: no bins object", name, step);
	/* every bin we decoded is one the client reported, and the other way round */
	for (uint16_t i = 0; i < rec->n_bins; i++)
		ck_assert_msg(json_object_get(want, rec->bins[i].name) != NULL, "%s step %d: extra bin %s", name, step,
		              rec->bins[i].name);
	json_object_foreach(want, bin, w) {
		const as_value *v = as_record_get_last(rec, bin);
		json_t *got;

		ck_assert_msg(v != NULL, "%s step %d: bin %s missing", name, step, bin);
		got = v->type == AS_MAP && json_is_array(w) ? flatten_pairs(v) : as_value_to_json(v);
		if (!json_equal(got, w)) {
			char *a = json_dumps(got, JSON_ENCODE_ANY), *b = json_dumps(w, JSON_ENCODE_ANY);
			ck_abort_msg("%s step %d bin %s: decoded %s, the client saw %s", name, step, bin, a, b);
		}
		json_decref(got);
	}
}

static json_t *load_all(void)
{
	char why[512];
	json_error_t jerr;
	char *text = ref_read_text("cdt/all.json", NULL, why, sizeof why);
	json_t *all;

	ck_assert_msg(text != NULL, "%s", why);
	all = json_loads(text, 0, &jerr);
	free(text);
	ck_assert_msg(all != NULL, "all.json: %s", jerr.text);
	return all;
}

START_TEST(replies_match_client)
{
	json_t *all = load_all(), *cases = json_object_get(all, "cases"), *c;
	size_t i, compared = 0, errors = 0, n_cases = 0;

	ck_assert(json_is_array(cases));
	json_array_foreach(cases, i, c) {
		const char *name = json_string_value(json_object_get(c, "case"));
		json_t *exs = json_object_get(c, "exchanges"), *ex;
		size_t j;

		if (!name || !is_cdt_case(name))
			continue;
		n_cases++;
		json_array_foreach(exs, j, ex) {
			json_t *res = json_object_get(ex, "response_hex"), *codes = json_object_get(ex, "result_codes");
			const char *cr = json_string_value(json_object_get(ex, "client_result"));
			int step = (int)json_integer_value(json_object_get(ex, "step"));
			json_t *client, *bins;
			json_error_t jerr;
			as_record *rec;
			uint8_t rc;

			ck_assert_msg(json_array_size(res) == 1 && json_array_size(codes) == 1, "%s step %d: frames", name,
			              step);
			rec = reply_record_hex(json_string_value(json_array_get(res, 0)), &rc);
			ck_assert_int_eq(rc, json_integer_value(json_array_get(codes, 0)));
			ck_assert_ptr_nonnull(cr);
			if (rc != 0) {
				/* the client's error names the same code (the setup
				 * remove's not-found is reported, not raised) */
				char code[32], removed[32];

				snprintf(code, sizeof code, "code=%u ", rc);
				snprintf(removed, sizeof removed, "{\"removeError\": %u}", rc);
				ck_assert_msg((strncmp(cr, "error ", 6) == 0 && strstr(cr, code)) || strstr(cr, removed),
				              "%s step %d: %s", name, step, cr);
				errors++;
				continue;
			}
			ck_assert_msg(strncmp(cr, "ok ", 3) == 0, "%s step %d: %s", name, step, cr);
			client = json_loads(cr + 3, JSON_DECODE_ANY, &jerr);
			ck_assert_msg(client != NULL, "%s step %d: %s", name, step, jerr.text);
			bins = json_object_get(client, "bins");
			if (bins) {
				expect_bins(name, step, rec, bins);
				ck_assert_int_eq(rec->gen, json_integer_value(json_object_get(client, "gen")));
				compared++;
			}
			json_decref(client);
			as_record_destroy(rec);
		}
	}
	json_decref(all);
	ck_assert_uint_eq(n_cases, N_KNOWN);
	/* 79 answers with bins, 13 errors (result_codes.tsv) */
	ck_assert_uint_eq(compared, 79);
	ck_assert_uint_eq(errors, 13);
}
END_TEST

/* ---- several results per bin, orders, and the values of every flag ---- */

static as_record *reply_of(const char *name, size_t idx)
{
	char path[256], why[512];
	as_record *rec;
	ref_frames f;
	uint8_t rc = 0xff;
	char *hex;

	snprintf(path, sizeof path, "cdt/%s.res.hex", name);
	ck_assert_msg(ref_load_frames(path, &f, why, sizeof why), "%s", why);
	ck_assert_uint_lt(idx, f.n);
	hex = malloc(2 * f.len[idx] + 1);
	for (size_t i = 0; i < f.len[idx]; i++)
		sprintf(hex + 2 * i, "%02x", f.data[idx][i]);
	rec = reply_record_hex(hex, &rc);
	free(hex);
	ref_frames_free(&f);
	ck_assert_uint_eq(rc, 0);
	return rec;
}

static void expect_keys(const as_value *v, uint8_t order, const char *k1, int64_t v1, const char *k2, int64_t v2)
{
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->type, AS_MAP);
	ck_assert_uint_eq(v->u.map->order, order);
	ck_assert_uint_eq(v->u.map->size, 2);
	ck_assert_str_eq(v->u.map->entries[0].key.u.str, k1);
	ck_assert_int_eq(v->u.map->entries[0].value.u.i, v1);
	ck_assert_str_eq(v->u.map->entries[1].key.u.str, k2);
	ck_assert_int_eq(v->u.map->entries[1].value.u.i, v2);
}

START_TEST(replies_several_per_bin)
{
	const as_value *v;
	as_record *rec;

	/* two EXISTS reads of l: true, then false */
	rec = reply_of("list_rt_exists", 1);
	ck_assert_uint_eq(as_record_count(rec, "l"), 2);
	ck_assert_int_eq(as_record_get_nth(rec, "l", 0)->type, AS_BOOL);
	ck_assert(as_record_get_nth(rec, "l", 0)->u.b);
	ck_assert(!as_record_get_nth(rec, "l", 1)->u.b);
	ck_assert_ptr_null(as_record_get_nth(rec, "l", 2));
	ck_assert_ptr_eq(as_record_get_last(rec, "l"), as_record_get_nth(rec, "l", 1));
	ck_assert_ptr_eq(as_record_get(rec, "l"), as_record_get_nth(rec, "l", 0));
	ck_assert_uint_eq(as_record_count(rec, "other"), 0);
	ck_assert_ptr_null(as_record_get_last(rec, "other"));
	as_record_destroy(rec);

	/* INDEX, RANK, REVERSE_INDEX of key c in {a:1, b:2, c:3} */
	rec = reply_of("map_rt_index_rank", 1);
	ck_assert_uint_eq(as_record_count(rec, "m"), 3);
	ck_assert_int_eq(as_record_get_nth(rec, "m", 0)->u.i, 2);
	ck_assert_int_eq(as_record_get_nth(rec, "m", 1)->u.i, 2);
	ck_assert_int_eq(as_record_get_nth(rec, "m", 2)->u.i, 0);
	as_record_destroy(rec);

	/* the removed element, then the list without it */
	rec = reply_of("list_remove_by_index", 1);
	ck_assert_uint_eq(as_record_count(rec, "l"), 2);
	ck_assert_int_eq(as_record_get_nth(rec, "l", 0)->u.i, 10);
	v = as_record_get_last(rec, "l");
	ck_assert_int_eq(v->type, AS_LIST);
	ck_assert_uint_eq(v->u.list->size, 4);
	as_record_destroy(rec);

	/* five entries for one bin: size, plain read (unordered, no ext),
	 * UNORDERED_MAP, ORDERED_MAP (KEY_ORDERED), KEY_VALUE of index 0 */
	rec = reply_of("map_unordered_new_bin", 1);
	ck_assert_uint_eq(as_record_count(rec, "mu"), 5);
	ck_assert_int_eq(as_record_get_nth(rec, "mu", 0)->u.i, 3);
	v = as_record_get_nth(rec, "mu", 1);
	ck_assert_int_eq(v->type, AS_MAP);
	ck_assert_uint_eq(v->u.map->order, AS_MAP_UNORDERED);
	ck_assert_uint_eq(v->u.map->size, 3);
	expect_keys(as_record_get_nth(rec, "mu", 2), AS_MAP_UNORDERED, "a", 1, "b", 2);
	expect_keys(as_record_get_nth(rec, "mu", 3), AS_MAP_KEY_ORDERED, "a", 1, "b", 2);
	v = as_record_get_nth(rec, "mu", 4);
	ck_assert_int_eq(v->type, AS_MAP);
	ck_assert_uint_eq(v->u.map->size, 1);
	as_record_destroy(rec);
}
END_TEST

START_TEST(replies_ordered)
{
	as_buffer b;
	as_error err;
	const as_value *v;
	as_record *rec;

	/* a KEY_VALUE_ORDERED bin read back: w before x, order 3 */
	rec = reply_of("map_put_kv_ordered", 2);
	expect_keys(as_record_get(rec, "mkv"), AS_MAP_KEY_VALUE_ORDERED, "w", 1, "x", 2);
	as_record_destroy(rec);
	/* a KEY_ORDERED bin made by create + put_items {z: 1, y: 2} */
	rec = reply_of("map_create_key_ordered", 2);
	expect_keys(as_record_get(rec, "mc"), AS_MAP_KEY_ORDERED, "y", 2, "z", 1);
	as_record_destroy(rec);
	/* KEY_VALUE results carry the server's 0x08 mark: the pairs stay in
	 * its order, the map is not ordered, and packing it sends no ext */
	rec = reply_of("map_get_by_key_list", 1);
	v = as_record_get(rec, "m");
	expect_keys(v, AS_MAP_UNORDERED, "a", 1, "c", 3);
	as_buffer_init(&b);
	ck_assert_int_eq(as_msgpack_pack(&b, v, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(b.len, 9);
	ck_assert_uint_eq(b.data[0], 0x82);
	as_buffer_free(&b);
	as_record_destroy(rec);
	/* an ordered list: the ext header is not an element */
	rec = reply_of("list_set_order_then_append", 2);
	v = as_record_get(rec, "l");
	ck_assert_int_eq(v->type, AS_LIST);
	ck_assert_uint_eq(v->u.list->size, 6);
	ck_assert_int_eq(v->u.list->items[0].u.i, 1);
	ck_assert_int_eq(v->u.list->items[5].u.i, 10);
	as_record_destroy(rec);
}
END_TEST

/* The numbers of the official C client's as_list_operations.h,
 * as_map_operations.h, as_cdt_order.h (and the captures). */
START_TEST(flag_values)
{
	ck_assert_int_eq(AS_LIST_UNORDERED, 0);
	ck_assert_int_eq(AS_LIST_ORDERED, 1);
	ck_assert_int_eq(AS_MAP_UNORDERED, 0);
	ck_assert_int_eq(AS_MAP_KEY_ORDERED, 1);
	ck_assert_int_eq(AS_MAP_KEY_VALUE_ORDERED, 3);

	ck_assert_int_eq(AS_LIST_SORT_DEFAULT, 0);
	ck_assert_int_eq(AS_LIST_SORT_DROP_DUPLICATES, 2);
	ck_assert_int_eq(AS_LIST_WRITE_DEFAULT, 0);
	ck_assert_int_eq(AS_LIST_WRITE_ADD_UNIQUE, 1);
	ck_assert_int_eq(AS_LIST_WRITE_INSERT_BOUNDED, 2);
	ck_assert_int_eq(AS_LIST_WRITE_NO_FAIL, 4);
	ck_assert_int_eq(AS_LIST_WRITE_PARTIAL, 8);
	ck_assert_int_eq(AS_LIST_RETURN_NONE, 0);
	ck_assert_int_eq(AS_LIST_RETURN_INDEX, 1);
	ck_assert_int_eq(AS_LIST_RETURN_REVERSE_INDEX, 2);
	ck_assert_int_eq(AS_LIST_RETURN_RANK, 3);
	ck_assert_int_eq(AS_LIST_RETURN_REVERSE_RANK, 4);
	ck_assert_int_eq(AS_LIST_RETURN_COUNT, 5);
	ck_assert_int_eq(AS_LIST_RETURN_VALUE, 7);
	ck_assert_int_eq(AS_LIST_RETURN_EXISTS, 13);
	ck_assert_int_eq(AS_LIST_RETURN_INVERTED, 0x10000);

	ck_assert_int_eq(AS_MAP_WRITE_DEFAULT, 0);
	ck_assert_int_eq(AS_MAP_WRITE_CREATE_ONLY, 1);
	ck_assert_int_eq(AS_MAP_WRITE_UPDATE_ONLY, 2);
	ck_assert_int_eq(AS_MAP_WRITE_NO_FAIL, 4);
	ck_assert_int_eq(AS_MAP_WRITE_PARTIAL, 8);
	ck_assert_int_eq(AS_MAP_RETURN_NONE, 0);
	ck_assert_int_eq(AS_MAP_RETURN_INDEX, 1);
	ck_assert_int_eq(AS_MAP_RETURN_REVERSE_INDEX, 2);
	ck_assert_int_eq(AS_MAP_RETURN_RANK, 3);
	ck_assert_int_eq(AS_MAP_RETURN_REVERSE_RANK, 4);
	ck_assert_int_eq(AS_MAP_RETURN_COUNT, 5);
	ck_assert_int_eq(AS_MAP_RETURN_KEY, 6);
	ck_assert_int_eq(AS_MAP_RETURN_VALUE, 7);
	ck_assert_int_eq(AS_MAP_RETURN_KEY_VALUE, 8);
	ck_assert_int_eq(AS_MAP_RETURN_EXISTS, 13);
	ck_assert_int_eq(AS_MAP_RETURN_UNORDERED_MAP, 16);
	ck_assert_int_eq(AS_MAP_RETURN_ORDERED_MAP, 17);
	ck_assert_int_eq(AS_MAP_RETURN_INVERTED, 0x10000);
}
END_TEST

START_TEST(map_order_setter)
{
	as_map *m = as_map_new(1);

	ck_assert(as_map_set_order(m, AS_MAP_KEY_VALUE_ORDERED));
	ck_assert_uint_eq(m->order, AS_MAP_KEY_VALUE_ORDERED);
	/* 2 and the server's 8 are no storage order: refused, map unchanged */
	ck_assert(!as_map_set_order(m, (as_map_order)2));
	ck_assert(!as_map_set_order(m, (as_map_order)8));
	ck_assert_uint_eq(m->order, AS_MAP_KEY_VALUE_ORDERED);
	ck_assert(as_map_set_order(m, AS_MAP_UNORDERED));
	ck_assert_uint_eq(m->order, AS_MAP_UNORDERED);
	ck_assert(!as_map_set_order(NULL, AS_MAP_KEY_ORDERED));
	as_map_destroy(m);
}
END_TEST

/* The context step types are private: read them off the wire. A list
 * size through one step with value 1 packs as 93 cc ff 92 <type> 01 91 10. */
static void expect_ctx_type(const as_cdt_ctx *ctx, unsigned type)
{
	as_policy_operate p = OPOL;
	as_key k = key_make("ctx1");
	as_operations *ops = as_operations_new(1);
	uint8_t want[9] = { 0x93, 0xcc, 0xff, 0x92 };
	size_t n = 4;
	as_buffer b;
	as_error err;

	if (type >= 0x80)
		want[n++] = 0xcc;
	want[n++] = (uint8_t)type;
	want[n++] = 0x01;
	want[n++] = 0x91;
	want[n++] = 0x10;
	ck_assert(as_operations_list_size(ops, "l", ctx));
	as_buffer_init(&b);
	expect_ok(as_encode_operate(&b, &p, &k, ops, &err), &err);
	ck_assert_uint_ge(b.len, n);
	ck_assert_msg(memcmp(b.data + b.len - n, want, n) == 0, "context type 0x%02x not on the wire", type);
	as_buffer_free(&b);
	as_operations_destroy(ops);
}

START_TEST(ctx_type_values)
{
	static const struct {
		int kind;
		unsigned type;
		as_list_order lorder;
		as_map_order morder;
		bool pad;
	} steps[] = {
#define PLAIN(kind, type) { kind, type, AS_LIST_UNORDERED, AS_MAP_UNORDERED, false }
		PLAIN(0, 0x10), PLAIN(1, 0x11), PLAIN(2, 0x13), PLAIN(3, 0x20), PLAIN(4, 0x21), PLAIN(5, 0x22),
		PLAIN(6, 0x23),
		/* create flags 0x40 unordered, 0x80 unordered + pad, 0xc0 ordered */
		{ 7, 0x50, AS_LIST_UNORDERED, AS_MAP_UNORDERED, false },
		{ 7, 0x90, AS_LIST_UNORDERED, AS_MAP_UNORDERED, true },
		{ 7, 0xd0, AS_LIST_ORDERED, AS_MAP_UNORDERED, false },
		{ 7, 0xd0, AS_LIST_ORDERED, AS_MAP_UNORDERED, true },
		{ 8, 0x62, AS_LIST_UNORDERED, AS_MAP_UNORDERED, false },
		{ 8, 0xa2, AS_LIST_UNORDERED, AS_MAP_KEY_ORDERED, false },
		{ 8, 0xe2, AS_LIST_UNORDERED, AS_MAP_KEY_VALUE_ORDERED, false },
#undef PLAIN
	};

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		as_cdt_ctx ctx;

		as_cdt_ctx_init(&ctx);
		switch (steps[i].kind) {
		case 0: as_cdt_ctx_add_list_index(&ctx, 1); break;
		case 1: as_cdt_ctx_add_list_rank(&ctx, 1); break;
		case 2: as_cdt_ctx_add_list_value(&ctx, I(1)); break;
		case 3: as_cdt_ctx_add_map_index(&ctx, 1); break;
		case 4: as_cdt_ctx_add_map_rank(&ctx, 1); break;
		case 5: as_cdt_ctx_add_map_key(&ctx, I(1)); break;
		case 6: as_cdt_ctx_add_map_value(&ctx, I(1)); break;
		case 7: as_cdt_ctx_add_list_index_create(&ctx, 1, steps[i].lorder, steps[i].pad); break;
		default: as_cdt_ctx_add_map_key_create(&ctx, I(1), steps[i].morder); break;
		}
		expect_ctx_type(&ctx, steps[i].type);
		as_cdt_ctx_destroy(&ctx);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("cdt_requests");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, list_modify_cases);
	tcase_add_test(tc, list_read_cases);
	tcase_add_test(tc, list_error_cases);
	tcase_add_test(tc, map_modify_cases);
	tcase_add_test(tc, map_read_cases);
	tcase_add_test(tc, ctx_cases);
	tcase_add_test(tc, all_cases_covered);
	tcase_add_test(tc, replies_match_client);
	tcase_add_test(tc, replies_several_per_bin);
	tcase_add_test(tc, replies_ordered);
	tcase_add_test(tc, flag_values);
	tcase_add_test(tc, map_order_setter);
	tcase_add_test(tc, ctx_type_values);
	suite_add_tcase(s, tc);
	return s;
}
