/* List and map operations end to end: the client against minispike, each
 * op's result and the bin afterwards compared as compact JSON (so values,
 * nesting and the order of ordered maps are all asserted), every return
 * type with and without INVERTED, contexts that create, and the error
 * codes the server answers. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <aerofuture/aerofuture.h>
#include "common/check_main.h"
#include "common/ms_client.h"

static ms_proc ms;
static as_client *client;
static as_key key;

static void setup(void)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
}

static void teardown(void)
{
	ms_client_stop(&ms, client);
}

/* Compact JSON of a value (a map prints as {"$map": ...} when its keys are not strings). */
static char *json_of(const as_value *v)
{
	json_t *j = as_value_to_json(v);
	ck_assert_ptr_nonnull(j);
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
	json_decref(j);
	return s;
}

/* Write bin "b" = @p json (or remove the record when NULL) under a fresh key. */
static void start(const char *name, const char *json)
{
	as_key_init_str(&key, "test", "cdt", name, NULL);
	as_future_release(as_remove(client, NULL, &key));
	if (!json)
		return;
	json_error_t jerr;
	json_t *j = json_loads(json, JSON_DECODE_ANY, &jerr);
	ck_assert_msg(j, "bad test JSON %s", json);
	as_value v;
	ck_assert_int_eq(as_value_from_json(j, &v, NULL), AEROSPIKE_OK);
	json_decref(j);
	as_record *r = as_record_new(1);
	ck_assert(as_record_set(r, "b", v));
	as_future *f = as_put(client, NULL, &key, r);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	as_future_release(f);
	as_record_destroy(r);
}

/* Run @p ops (destroyed) on key; expect @p status and, when OK, results
 * whose JSON array (one element per result bin, in order) is @p want. */
static void run(as_operations *ops, as_status status, const char *want)
{
	as_error err;
	as_future *f = as_operate(client, NULL, &key, ops);
	as_operations_destroy(ops);
	as_status got = as_future_wait(f, &err);
	ck_assert_msg(got == status, "expected %s, got %s: %s", as_status_str(status), as_status_str(got), err.message);
	if (got == AEROSPIKE_OK && want) {
		const as_record *r = as_future_record(f);
		json_t *arr = json_array();
		for (uint16_t i = 0; i < r->n_bins; i++)
			json_array_append_new(arr, as_value_to_json(&r->bins[i].value));
		char *s = json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(arr);
		ck_assert_msg(strcmp(s, want) == 0, "results %s, expected %s", s, want);
		free(s);
	}
	as_future_release(f);
}

/* The bin as stored now. */
static void bin_is(const char *want)
{
	as_future *f = as_get(client, NULL, &key);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	const as_value *v = as_record_get(as_future_record(f), "b");
	ck_assert_ptr_nonnull(v);
	char *s = json_of(v);
	ck_assert_msg(strcmp(s, want) == 0, "bin %s, expected %s", s, want);
	free(s);
	as_future_release(f);
}

static as_operations *ops1(void)
{
	return as_operations_new(2);
}

static as_list *ints(int n, ...)
{
	va_list ap;
	as_list *l = as_list_new((uint32_t)n);
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		as_list_append_int(l, va_arg(ap, int));
	va_end(ap);
	return l;
}

#define I(n) as_value_int(n)
#define S(s) as_value_str(s)

/* --- lists -------------------------------------------------------------- */

START_TEST(test_list_writes)
{
	as_operations *o;
	as_list_policy lp;

	start("lw", NULL);
	o = ops1();
	as_operations_list_append(o, "b", NULL, NULL, I(3));
	as_operations_list_append_items(o, "b", NULL, NULL, ints(2, 1, 2));
	run(o, AEROSPIKE_OK, "[1,3]");
	bin_is("[3,1,2]");
	o = ops1();
	as_operations_list_insert(o, "b", NULL, NULL, 1, I(9));
	as_operations_list_insert_items(o, "b", NULL, NULL, 0, ints(2, 7, 8));
	run(o, AEROSPIKE_OK, "[4,6]");
	bin_is("[7,8,3,9,1,2]");
	o = ops1();
	as_operations_list_set(o, "b", NULL, NULL, -1, I(20));
	as_operations_list_increment(o, "b", NULL, NULL, 0, I(5));
	run(o, AEROSPIKE_OK, "[12]");
	/* no amount: nil on the wire, 1 on the server */
	o = ops1();
	as_operations_list_increment(o, "b", NULL, NULL, 0, as_value_nil());
	run(o, AEROSPIKE_OK, "[13]");
	bin_is("[13,8,3,9,1,20]");
	o = ops1();
	as_operations_list_sort(o, "b", NULL, AS_LIST_SORT_DEFAULT);
	as_operations_list_size(o, "b", NULL);
	run(o, AEROSPIKE_OK, "[6]");
	bin_is("[1,3,8,9,13,20]");
	o = ops1();
	as_operations_list_pop(o, "b", NULL, 0);
	as_operations_list_pop_range(o, "b", NULL, 0, 2);
	run(o, AEROSPIKE_OK, "[1,[3,8]]");
	o = ops1();
	as_operations_list_remove(o, "b", NULL, -1);
	as_operations_list_get(o, "b", NULL, 0);
	run(o, AEROSPIKE_OK, "[1,9]");
	bin_is("[9,13]");
	o = ops1();
	as_operations_list_append_items(o, "b", NULL, NULL, ints(4, 1, 2, 3, 4));
	as_operations_list_trim(o, "b", NULL, 1, 3);
	run(o, AEROSPIKE_OK, "[6,3]");
	bin_is("[13,1,2]");
	o = ops1();
	as_operations_list_get_range(o, "b", NULL, 1, 5);
	as_operations_list_get_range_from(o, "b", NULL, -1);
	as_operations_list_remove_range(o, "b", NULL, 0, 1);
	as_operations_list_pop_range_from(o, "b", NULL, 1);
	as_operations_list_remove_range_from(o, "b", NULL, 0);
	run(o, AEROSPIKE_OK, "[[1,2],[2],1,[2],1]");
	bin_is("[]");
	/* ordered list: values go to their place; set_order sorts once */
	as_list_policy_set(&lp, AS_LIST_ORDERED, AS_LIST_WRITE_DEFAULT);
	start("lo", NULL);
	o = ops1();
	as_operations_list_append_items(o, "b", NULL, &lp, ints(3, 5, 1, 3));
	as_operations_list_append(o, "b", NULL, &lp, I(2));
	run(o, AEROSPIKE_OK, "[3,4]");
	bin_is("[1,2,3,5]");
	start("ls", "[3,1,2,1]");
	o = ops1();
	as_operations_list_sort(o, "b", NULL, AS_LIST_SORT_DROP_DUPLICATES);
	run(o, AEROSPIKE_OK, NULL);
	bin_is("[1,2,3]");
	o = ops1();
	as_operations_list_set_order(o, "b", NULL, AS_LIST_UNORDERED);
	as_operations_list_append(o, "b", NULL, NULL, I(0));
	run(o, AEROSPIKE_OK, NULL);
	bin_is("[1,2,3,0]");
	o = ops1();
	as_operations_list_clear(o, "b", NULL);
	as_operations_list_size(o, "b", NULL);
	run(o, AEROSPIKE_OK, "[0]");
	/* list_create makes an ordered list that later plain appends keep sorted */
	o = ops1();
	as_operations_list_create(o, "c", NULL, AS_LIST_ORDERED, false);
	as_operations_list_append(o, "c", NULL, NULL, I(3));
	as_operations_list_append(o, "c", NULL, NULL, I(1));
	as_operations_list_get_range_from(o, "c", NULL, 0);
	run(o, AEROSPIKE_OK, "[1,2,[1,3]]");
}
END_TEST

/* One selector per call shape, against [3,1,2,1,5]. */
START_TEST(test_list_selectors)
{
	as_operations *o;
	start("lsel", "[3,1,2,1,5]");
	o = ops1();
	as_operations_list_get_by_index(o, "b", NULL, 1, AS_LIST_RETURN_VALUE);
	as_operations_list_get_by_index_range(o, "b", NULL, 1, 2, AS_LIST_RETURN_VALUE);
	as_operations_list_get_by_index_range_to_end(o, "b", NULL, 3, AS_LIST_RETURN_VALUE);
	as_operations_list_get_by_rank(o, "b", NULL, -1, AS_LIST_RETURN_VALUE);
	as_operations_list_get_by_rank_range(o, "b", NULL, 0, 2, AS_LIST_RETURN_INDEX);
	as_operations_list_get_by_rank_range_to_end(o, "b", NULL, 3, AS_LIST_RETURN_VALUE);
	as_operations_list_get_by_value(o, "b", NULL, I(1), AS_LIST_RETURN_INDEX);
	as_operations_list_get_by_value_list(o, "b", NULL, ints(2, 5, 3), AS_LIST_RETURN_VALUE);
	as_operations_list_get_by_value_range(o, "b", NULL, I(2), I(4), AS_LIST_RETURN_VALUE);
	as_operations_list_get_by_value_rel_rank_range(o, "b", NULL, I(2), 1, 1, AS_LIST_RETURN_VALUE);
	as_operations_list_get_by_value_rel_rank_range_to_end(o, "b", NULL, I(2), 0, AS_LIST_RETURN_VALUE);
	/* rank-selected values come in rank order (reference list_get_by_value_rel_rank_range) */
	run(o, AEROSPIKE_OK, "[1,[1,2],[1,5],5,[1,3],[3,5],[1,3],[3,5],[3,2],[3],[2,3,5]]");
	bin_is("[3,1,2,1,5]");

	o = ops1();
	as_operations_list_remove_by_index(o, "b", NULL, 0, AS_LIST_RETURN_VALUE);
	as_operations_list_remove_by_rank(o, "b", NULL, -1, AS_LIST_RETURN_VALUE);
	as_operations_list_remove_by_value(o, "b", NULL, I(1), AS_LIST_RETURN_COUNT);
	run(o, AEROSPIKE_OK, "[3,5,2]");
	bin_is("[2]");
	start("lsel", "[3,1,2,1,5,4]");
	o = ops1();
	as_operations_list_remove_by_index_range(o, "b", NULL, 0, 1, AS_LIST_RETURN_COUNT);
	as_operations_list_remove_by_index_range_to_end(o, "b", NULL, 4, AS_LIST_RETURN_VALUE);
	as_operations_list_remove_by_rank_range(o, "b", NULL, 0, 1, AS_LIST_RETURN_INDEX);
	as_operations_list_remove_by_value_list(o, "b", NULL, ints(1, 5), AS_LIST_RETURN_VALUE);
	as_operations_list_remove_by_value_range(o, "b", NULL, as_value_nil(), I(2), AS_LIST_RETURN_VALUE);
	run(o, AEROSPIKE_OK, "[1,[4],[0],[5],[1]]");
	bin_is("[2]");
	start("lsel", "[1,2,3,4,5]");
	o = ops1();
	as_operations_list_remove_by_rank_range_to_end(o, "b", NULL, 3, AS_LIST_RETURN_COUNT);
	as_operations_list_remove_by_value_rel_rank_range(o, "b", NULL, I(1), 1, 1, AS_LIST_RETURN_VALUE);
	as_operations_list_remove_by_value_rel_rank_range_to_end(o, "b", NULL, I(3), 0, AS_LIST_RETURN_VALUE);
	run(o, AEROSPIKE_OK, "[2,[2],[3]]");
	bin_is("[1]");
}
END_TEST

/* Every list return type, plain and inverted, on the same selection. */
START_TEST(test_list_return_types)
{
	static const struct {
		as_list_return_type rt;
		const char *plain, *inverted;
	} cases[] = {
		/* NONE: no result bin at all (reference list_rt_none) */
		{AS_LIST_RETURN_NONE, "[]", "[]"},
		{AS_LIST_RETURN_INDEX, "[[1,2]]", "[[0,3,4]]"},
		{AS_LIST_RETURN_REVERSE_INDEX, "[[3,2]]", "[[4,1,0]]"},
		{AS_LIST_RETURN_RANK, "[[0,3]]", "[[2,1,4]]"},
		{AS_LIST_RETURN_REVERSE_RANK, "[[4,1]]", "[[2,3,0]]"},
		{AS_LIST_RETURN_COUNT, "[2]", "[3]"},
		{AS_LIST_RETURN_VALUE, "[[10,40]]", "[[30,20,50]]"},
		{AS_LIST_RETURN_EXISTS, "[true]", "[true]"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (int inv = 0; inv < 2; inv++) {
			start("lrt", "[30,10,40,20,50]");
			as_operations *o = ops1();
			as_operations_list_get_by_index_range(o, "b", NULL, 1, 2,
			                                      cases[i].rt | (inv ? AS_LIST_RETURN_INVERTED : 0));
			run(o, AEROSPIKE_OK, inv ? cases[i].inverted : cases[i].plain);
			/* the remove twin returns the same and leaves the rest */
			o = ops1();
			as_operations_list_remove_by_index_range(o, "b", NULL, 1, 2,
			                                         cases[i].rt | (inv ? AS_LIST_RETURN_INVERTED : 0));
			run(o, AEROSPIKE_OK, inv ? cases[i].inverted : cases[i].plain);
			bin_is(inv ? "[10,40]" : "[30,20,50]");
		}
}
END_TEST

START_TEST(test_list_errors)
{
	as_operations *o;
	as_list_policy lp;
	start("le", "[1,2]");
	as_list_policy_set(&lp, AS_LIST_UNORDERED, AS_LIST_WRITE_ADD_UNIQUE);
	o = ops1();
	as_operations_list_append(o, "b", NULL, &lp, I(2));
	run(o, AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS, NULL);
	as_list_policy_set(&lp, AS_LIST_UNORDERED, AS_LIST_WRITE_ADD_UNIQUE | AS_LIST_WRITE_NO_FAIL);
	o = ops1();
	as_operations_list_append(o, "b", NULL, &lp, I(2));
	run(o, AEROSPIKE_OK, "[2]");
	as_list_policy_set(&lp, AS_LIST_UNORDERED, AS_LIST_WRITE_INSERT_BOUNDED);
	o = ops1();
	as_operations_list_insert(o, "b", NULL, &lp, 5, I(9));
	run(o, AEROSPIKE_ERR_OP_NOT_APPLICABLE, NULL);
	bin_is("[1,2]");
	o = ops1();
	as_operations_map_size(o, "b", NULL);
	run(o, AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE, NULL);
	/* a context into an element that is no list */
	as_cdt_ctx ctx;
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_list_index(&ctx, 0);
	o = ops1();
	as_operations_list_append(o, "b", &ctx, NULL, I(1));
	run(o, AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE, NULL);
	as_cdt_ctx_destroy(&ctx);
	o = ops1();
	as_operations_list_increment(o, "b", NULL, NULL, 0, S("x"));
	run(o, AEROSPIKE_ERR_REQUEST_INVALID, NULL);
	bin_is("[1,2]");
}
END_TEST

/* --- maps --------------------------------------------------------------- */

START_TEST(test_map_writes_and_order)
{
	as_operations *o;
	as_map_policy mp;
	start("mw", NULL);
	as_map_policy_set_flags(&mp, AS_MAP_KEY_ORDERED, AS_MAP_WRITE_DEFAULT);
	as_map *items = as_map_new(3);
	as_map_put_str(items, "c", I(3));
	as_map_put_str(items, "a", I(1));
	o = ops1();
	as_operations_map_put(o, "b", NULL, &mp, S("b"), I(2));
	as_operations_map_put_items(o, "b", NULL, &mp, items);
	as_operations_map_increment(o, "b", NULL, &mp, S("a"), I(10));
	as_operations_map_decrement(o, "b", NULL, &mp, S("c"), I(1));
	as_operations_map_size(o, "b", NULL);
	run(o, AEROSPIKE_OK, "[1,3,11,2,3]");
	bin_is("{\"a\":11,\"b\":2,\"c\":2}");
	/* no amount: 1 */
	o = ops1();
	as_operations_map_increment(o, "b", NULL, NULL, S("z"), as_value_nil());
	run(o, AEROSPIKE_OK, "[1]");
	bin_is("{\"a\":11,\"b\":2,\"c\":2,\"z\":1}");
	/* back to unordered: entries stay, later puts append */
	as_map_policy_set_flags(&mp, AS_MAP_UNORDERED, AS_MAP_WRITE_DEFAULT);
	o = ops1();
	as_operations_map_set_policy(o, "b", NULL, &mp);
	as_operations_map_put(o, "b", NULL, NULL, S("0"), I(0));
	run(o, AEROSPIKE_OK, NULL);
	o = ops1();
	as_operations_map_get_by_index(o, "b", NULL, 0, AS_MAP_RETURN_KEY);
	run(o, AEROSPIKE_OK, "[\"0\"]");
	o = ops1();
	as_operations_map_create(o, "c", NULL, AS_MAP_KEY_ORDERED);
	as_operations_map_put(o, "c", NULL, NULL, S("y"), I(1));
	as_operations_map_put(o, "c", NULL, NULL, S("x"), I(2));
	as_operations_map_get_by_rank_range_to_end(o, "c", NULL, 0, AS_MAP_RETURN_KEY_VALUE);
	/* map ops answer one result per op: map_create gives nil */
	run(o, AEROSPIKE_OK, "[null,1,2,{\"x\":2,\"y\":1}]");
	o = ops1();
	as_operations_map_clear(o, "c", NULL);
	as_operations_map_size(o, "c", NULL);
	run(o, AEROSPIKE_OK, "[null,0]");
}
END_TEST

START_TEST(test_map_selectors)
{
	as_operations *o;
	const char *m = "{\"a\":3,\"b\":1,\"c\":2,\"d\":1}";
	start("msel", m);
	o = ops1();
	as_operations_map_get_by_key(o, "b", NULL, S("c"), AS_MAP_RETURN_VALUE);
	as_operations_map_get_by_key_range(o, "b", NULL, S("b"), S("d"), AS_MAP_RETURN_KEY);
	as_list *keys = as_list_new(2);
	as_list_append_str(keys, "d");
	as_list_append_str(keys, "a");
	/* in the map's key order, not the list's */
	as_operations_map_get_by_key_list(o, "b", NULL, keys, AS_MAP_RETURN_VALUE);
	as_operations_map_get_by_key_rel_index_range(o, "b", NULL, S("b"), 1, 2, AS_MAP_RETURN_KEY);
	as_operations_map_get_by_key_rel_index_range_to_end(o, "b", NULL, S("c"), 0, AS_MAP_RETURN_KEY);
	as_operations_map_get_by_value(o, "b", NULL, I(1), AS_MAP_RETURN_KEY);
	as_operations_map_get_by_value_range(o, "b", NULL, I(2), as_value_nil(), AS_MAP_RETURN_COUNT);
	as_operations_map_get_by_value_list(o, "b", NULL, ints(2, 3, 9), AS_MAP_RETURN_KEY);
	as_operations_map_get_by_value_rel_rank_range(o, "b", NULL, I(2), 0, 1, AS_MAP_RETURN_KEY);
	as_operations_map_get_by_value_rel_rank_range_to_end(o, "b", NULL, I(2), 1, AS_MAP_RETURN_KEY);
	as_operations_map_get_by_index(o, "b", NULL, -1, AS_MAP_RETURN_KEY);
	as_operations_map_get_by_index_range(o, "b", NULL, 1, 2, AS_MAP_RETURN_KEY);
	as_operations_map_get_by_index_range_to_end(o, "b", NULL, 2, AS_MAP_RETURN_KEY);
	as_operations_map_get_by_rank(o, "b", NULL, -1, AS_MAP_RETURN_KEY);
	as_operations_map_get_by_rank_range(o, "b", NULL, 0, 2, AS_MAP_RETURN_VALUE);
	as_operations_map_get_by_rank_range_to_end(o, "b", NULL, 2, AS_MAP_RETURN_COUNT);
	run(o, AEROSPIKE_OK,
	    "[2,[\"b\",\"c\"],[3,1],[\"c\",\"d\"],[\"c\",\"d\"],[\"b\",\"d\"],2,[\"a\"],[\"c\"],[\"a\"],"
	    "\"d\",[\"b\",\"c\"],[\"c\",\"d\"],\"a\",[1,1],2]");
	bin_is(m);

	o = ops1();
	as_operations_map_remove_by_key(o, "b", NULL, S("a"), AS_MAP_RETURN_VALUE);
	as_operations_map_remove_by_value(o, "b", NULL, I(2), AS_MAP_RETURN_KEY);
	/* by value: always a list, several entries may match */
	run(o, AEROSPIKE_OK, "[3,[\"c\"]]");
	bin_is("{\"b\":1,\"d\":1}");
	start("msel", m);
	keys = as_list_new(1);
	as_list_append_str(keys, "a");
	o = ops1();
	as_operations_map_remove_by_key_list(o, "b", NULL, keys, AS_MAP_RETURN_COUNT);
	as_operations_map_remove_by_key_range(o, "b", NULL, S("d"), as_value_nil(), AS_MAP_RETURN_KEY);
	as_operations_map_remove_by_value_list(o, "b", NULL, ints(1, 2), AS_MAP_RETURN_KEY);
	run(o, AEROSPIKE_OK, "[1,[\"d\"],[\"c\"]]");
	bin_is("{\"b\":1}");
	start("msel", m);
	o = ops1();
	as_operations_map_remove_by_value_range(o, "b", NULL, I(3), I(4), AS_MAP_RETURN_KEY);
	as_operations_map_remove_by_key_rel_index_range(o, "b", NULL, S("b"), 0, 1, AS_MAP_RETURN_KEY);
	as_operations_map_remove_by_key_rel_index_range_to_end(o, "b", NULL, S("d"), 0, AS_MAP_RETURN_KEY);
	run(o, AEROSPIKE_OK, "[[\"a\"],[\"b\"],[\"d\"]]");
	bin_is("{\"c\":2}");
	start("msel", m);
	o = ops1();
	as_operations_map_remove_by_index(o, "b", NULL, 0, AS_MAP_RETURN_KEY);
	as_operations_map_remove_by_index_range(o, "b", NULL, 0, 1, AS_MAP_RETURN_KEY);
	as_operations_map_remove_by_rank(o, "b", NULL, -1, AS_MAP_RETURN_KEY);
	run(o, AEROSPIKE_OK, "[\"a\",[\"b\"],\"c\"]");
	bin_is("{\"d\":1}");
	start("msel", m);
	o = ops1();
	as_operations_map_remove_by_index_range_to_end(o, "b", NULL, 3, AS_MAP_RETURN_KEY);
	as_operations_map_remove_by_rank_range(o, "b", NULL, 0, 1, AS_MAP_RETURN_COUNT);
	as_operations_map_remove_by_rank_range_to_end(o, "b", NULL, 1, AS_MAP_RETURN_KEY);
	as_operations_map_remove_by_value_rel_rank_range(o, "b", NULL, I(1), 0, 1, AS_MAP_RETURN_KEY);
	run(o, AEROSPIKE_OK, "[[\"d\"],1,[\"a\"],[\"c\"]]");
	bin_is("{}");
	start("msel", m);
	o = ops1();
	as_operations_map_remove_by_value_rel_rank_range_to_end(o, "b", NULL, I(2), 0, AS_MAP_RETURN_KEY);
	/* selected by rank: in rank order, as for lists */
	run(o, AEROSPIKE_OK, "[[\"c\",\"a\"]]");
	bin_is("{\"b\":1,\"d\":1}");
}
END_TEST

START_TEST(test_map_return_types)
{
	static const struct {
		as_map_return_type rt;
		const char *plain, *inverted;
	} cases[] = {
		/* map ops answer one result per op, so NONE gives nil */
		{AS_MAP_RETURN_NONE, "[null]", "[null]"},
		{AS_MAP_RETURN_INDEX, "[[1,2]]", "[[0,3]]"},
		{AS_MAP_RETURN_REVERSE_INDEX, "[[2,1]]", "[[3,0]]"},
		{AS_MAP_RETURN_RANK, "[[0,1]]", "[[3,2]]"},
		{AS_MAP_RETURN_REVERSE_RANK, "[[3,2]]", "[[0,1]]"},
		{AS_MAP_RETURN_COUNT, "[2]", "[2]"},
		{AS_MAP_RETURN_KEY, "[[\"b\",\"c\"]]", "[[\"a\",\"d\"]]"},
		{AS_MAP_RETURN_VALUE, "[[1,2]]", "[[4,3]]"},
		{AS_MAP_RETURN_KEY_VALUE, "[{\"b\":1,\"c\":2}]", "[{\"a\":4,\"d\":3}]"},
		{AS_MAP_RETURN_EXISTS, "[true]", "[true]"},
		{AS_MAP_RETURN_UNORDERED_MAP, "[{\"b\":1,\"c\":2}]", "[{\"a\":4,\"d\":3}]"},
		{AS_MAP_RETURN_ORDERED_MAP, "[{\"b\":1,\"c\":2}]", "[{\"a\":4,\"d\":3}]"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (int inv = 0; inv < 2; inv++) {
			as_map_return_type rt = cases[i].rt | (inv ? AS_MAP_RETURN_INVERTED : 0);
			start("mrt", "{\"a\":4,\"b\":1,\"c\":2,\"d\":3}");
			as_operations *o = ops1();
			as_operations_map_get_by_key_range(o, "b", NULL, S("b"), S("d"), rt);
			run(o, AEROSPIKE_OK, inv ? cases[i].inverted : cases[i].plain);
			o = ops1();
			as_operations_map_remove_by_key_range(o, "b", NULL, S("b"), S("d"), rt);
			run(o, AEROSPIKE_OK, inv ? cases[i].inverted : cases[i].plain);
			bin_is(inv ? "{\"b\":1,\"c\":2}" : "{\"a\":4,\"d\":3}");
		}
}
END_TEST

START_TEST(test_map_errors)
{
	as_operations *o;
	as_map_policy mp;
	start("me", "{\"a\":1}");
	as_map_policy_set_flags(&mp, AS_MAP_UNORDERED, AS_MAP_WRITE_CREATE_ONLY);
	o = ops1();
	as_operations_map_put(o, "b", NULL, &mp, S("a"), I(2));
	run(o, AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS, NULL);
	as_map_policy_set_flags(&mp, AS_MAP_UNORDERED, AS_MAP_WRITE_UPDATE_ONLY);
	o = ops1();
	as_operations_map_put(o, "b", NULL, &mp, S("z"), I(2));
	run(o, AEROSPIKE_ERR_FAIL_ELEMENT_NOT_FOUND, NULL);
	as_map_policy_set_flags(&mp, AS_MAP_UNORDERED, AS_MAP_WRITE_UPDATE_ONLY | AS_MAP_WRITE_NO_FAIL);
	o = ops1();
	as_operations_map_put(o, "b", NULL, &mp, S("z"), I(2));
	run(o, AEROSPIKE_OK, "[1]");
	bin_is("{\"a\":1}");
	o = ops1();
	as_operations_list_size(o, "b", NULL);
	run(o, AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE, NULL);
	o = ops1();
	as_operations_map_increment(o, "b", NULL, NULL, S("a"), S("x"));
	run(o, AEROSPIKE_ERR_REQUEST_INVALID, NULL);
	as_cdt_ctx ctx;
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_key(&ctx, S("missing"));
	o = ops1();
	as_operations_map_put(o, "b", &ctx, NULL, S("k"), I(1));
	run(o, AEROSPIKE_ERR_OP_NOT_APPLICABLE, NULL);
	as_cdt_ctx_destroy(&ctx);
	bin_is("{\"a\":1}");
}
END_TEST

/* --- contexts ----------------------------------------------------------- */

START_TEST(test_ctx_create)
{
	as_operations *o;
	as_cdt_ctx ctx;

	/* a missing bin: the whole path is made; the create order is that of
	 * the map the step indexes (here the bin), as on the real server */
	start("cc", NULL);
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_key_create(&ctx, S("x"), AS_MAP_KEY_ORDERED);
	o = ops1();
	as_operations_map_put(o, "b", &ctx, NULL, S("z"), I(1));
	as_operations_map_put(o, "b", &ctx, NULL, S("a"), I(2));
	as_operations_map_put(o, "b", NULL, NULL, S("m"), I(0));
	run(o, AEROSPIKE_OK, "[1,2,2]");
	as_cdt_ctx_destroy(&ctx);
	bin_is("{\"m\":0,\"x\":{\"z\":1,\"a\":2}}");

	/* two levels: list in a map in the bin's map */
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_key(&ctx, S("x"));
	as_cdt_ctx_add_map_key_create(&ctx, S("y"), AS_MAP_UNORDERED);
	o = ops1();
	as_operations_list_append(o, "b", &ctx, NULL, I(7));
	run(o, AEROSPIKE_OK, "[1]");
	as_cdt_ctx_destroy(&ctx);
	bin_is("{\"m\":0,\"x\":{\"z\":1,\"a\":2,\"y\":[7]}}");

	/* a list padded up to the index */
	start("cl", "[[1]]");
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_list_index_create(&ctx, 3, AS_LIST_UNORDERED, true);
	o = ops1();
	as_operations_list_append(o, "b", &ctx, NULL, I(5));
	run(o, AEROSPIKE_OK, "[1]");
	as_cdt_ctx_destroy(&ctx);
	bin_is("[[1],null,null,[5]]");
	/* without pad, beyond the end: 26 */
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_list_index_create(&ctx, 9, AS_LIST_UNORDERED, false);
	o = ops1();
	as_operations_list_append(o, "b", &ctx, NULL, I(5));
	run(o, AEROSPIKE_ERR_OP_NOT_APPLICABLE, NULL);
	as_cdt_ctx_destroy(&ctx);
	/* read-only steps by rank and value */
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_list_rank(&ctx, -1);
	o = ops1();
	as_operations_list_get_by_index(o, "b", &ctx, 0, AS_LIST_RETURN_VALUE);
	run(o, AEROSPIKE_OK, "[5]");
	as_cdt_ctx_destroy(&ctx);
	as_list *one = as_list_new(1);
	as_list_append_int(one, 1);
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_list_value(&ctx, as_value_list(one));
	o = ops1();
	as_operations_list_size(o, "b", &ctx);
	run(o, AEROSPIKE_OK, "[1]");
	as_cdt_ctx_destroy(&ctx);

	start("cm", "{\"a\":{\"k\":1},\"b\":{\"k\":2}}");
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_index(&ctx, 1);
	o = ops1();
	as_operations_map_get_by_key(o, "b", &ctx, S("k"), AS_MAP_RETURN_VALUE);
	run(o, AEROSPIKE_OK, "[2]");
	as_cdt_ctx_destroy(&ctx);
	as_cdt_ctx_init(&ctx);
	as_cdt_ctx_add_map_rank(&ctx, 0);
	o = ops1();
	as_operations_map_get_by_key(o, "b", &ctx, S("k"), AS_MAP_RETURN_VALUE);
	run(o, AEROSPIKE_OK, "[1]");
	as_cdt_ctx_destroy(&ctx);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("cdt");
	TCase *tc = tcase_create("lists and maps");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_list_writes);
	tcase_add_test(tc, test_list_selectors);
	tcase_add_test(tc, test_list_return_types);
	tcase_add_test(tc, test_list_errors);
	tcase_add_test(tc, test_map_writes_and_order);
	tcase_add_test(tc, test_map_selectors);
	tcase_add_test(tc, test_map_return_types);
	tcase_add_test(tc, test_map_errors);
	tcase_add_test(tc, test_ctx_create);
	suite_add_tcase(s, tc);
	return s;
}
