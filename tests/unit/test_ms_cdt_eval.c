/* minispike's CDT engine (ms_cdt_eval) on cases the captures do not cover:
 * negative indexes, ranges past either end, empty and absent collections,
 * the element order across types, ordered lists, inverted selections,
 * relative ranks, nested create, and payloads that are not CDT ops. */
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>

#include <aerofuture/status.h>
#include "server/cdt.h"
#include "server/cdt_compare.h"
#include "common/check_main.h"

static as_value L(int n, ...)
{
	as_list *l = as_list_new((uint32_t)n);
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		as_list_append(l, va_arg(ap, as_value));
	va_end(ap);
	return as_value_list(l);
}

static as_value I(int64_t i)
{
	return as_value_int(i);
}

static as_value S(const char *s)
{
	return as_value_str(s);
}

/* A list of n integers. */
static as_value ints(int n, const int64_t *v)
{
	as_list *l = as_list_new((uint32_t)n);

	for (int i = 0; i < n; i++)
		as_list_append_int(l, v[i]);
	return as_value_list(l);
}

/* A map of n "k<i>" -> values. */
static as_value kmap(int n, const char *const *k, const int64_t *v)
{
	as_map *m = as_map_new((uint32_t)n);

	for (int i = 0; i < n; i++)
		as_map_put(m, as_value_str(k[i]), as_value_int(v[i]));
	return as_value_map(m);
}

/* Apply payload (consumed) to *bin; the result goes to *res. */
static int run(as_value *bin, uint8_t *order, as_value payload, bool modify, as_value *res)
{
	bool changed;
	int rc = ms_cdt_eval(bin, order, &payload, modify, res, &changed);

	as_value_destroy(&payload);
	return rc;
}

static void assert_ints(const as_value *v, int n, const int64_t *want)
{
	ck_assert_int_eq(v->type, AS_LIST);
	ck_assert_uint_eq(v->u.list->size, (uint32_t)n);
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(v->u.list->items[i].type, AS_INTEGER);
		ck_assert_int_eq(v->u.list->items[i].u.i, want[i]);
	}
}

static const int64_t base5[] = { 10, 3, 7, 3, 1 };

START_TEST(negative_indexes)
{
	as_value bin = ints(5, base5), res;
	uint8_t order = 0;

	/* get_by_index(-1, VALUE) is the last item */
	ck_assert_int_eq(run(&bin, &order, L(3, I(19), I(7), I(-1)), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 1);
	/* -5 is the first, -6 is outside */
	ck_assert_int_eq(run(&bin, &order, L(3, I(19), I(1), I(-5)), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 0);
	ck_assert_int_eq(run(&bin, &order, L(3, I(19), I(7), I(-6)), false, &res), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	/* index range (-2, to end) -> the last two values */
	ck_assert_int_eq(run(&bin, &order, L(3, I(24), I(7), I(-2)), false, &res), AEROSPIKE_OK);
	assert_ints(&res, 2, (const int64_t[]){ 3, 1 });
	as_value_destroy(&res);
	/* pop(-1) takes the last item away */
	ck_assert_int_eq(run(&bin, &order, L(2, I(5), I(-1)), true, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 1);
	assert_ints(&bin, 4, base5);
	as_value_destroy(&bin);
}
END_TEST

START_TEST(ranges_past_the_ends)
{
	as_value bin = ints(5, base5), res;
	uint8_t order = 0;

	/* a range from before the front loses what lies before it: (-7, 3) = index 0 only */
	ck_assert_int_eq(run(&bin, &order, L(4, I(24), I(7), I(-7), I(3)), false, &res), AEROSPIKE_OK);
	assert_ints(&res, 1, (const int64_t[]){ 10 });
	as_value_destroy(&res);
	/* past the end is cut there; starting past the end selects nothing */
	ck_assert_int_eq(run(&bin, &order, L(4, I(24), I(7), I(3), I(100)), false, &res), AEROSPIKE_OK);
	assert_ints(&res, 2, (const int64_t[]){ 3, 1 });
	as_value_destroy(&res);
	ck_assert_int_eq(run(&bin, &order, L(4, I(24), I(5), I(9), I(2)), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 0);
	/* a negative count is malformed */
	ck_assert_int_eq(run(&bin, &order, L(4, I(24), I(5), I(0), I(-1)), false, &res), AEROSPIKE_ERR_REQUEST_INVALID);
	/* rank range past the end: the top two ranks, in index order */
	ck_assert_int_eq(run(&bin, &order, L(4, I(26), I(7), I(3), I(9)), false, &res), AEROSPIKE_OK);
	assert_ints(&res, 2, (const int64_t[]){ 10, 7 });
	as_value_destroy(&res);
	as_value_destroy(&bin);
}
END_TEST

START_TEST(empty_and_absent)
{
	as_value bin = as_value_nil(), res;
	uint8_t order = 0;

	/* reads of an absent list give no value; a remove leaves it absent */
	ck_assert_int_eq(run(&bin, &order, L(1, I(16)), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.type, AS_NIL);
	ck_assert_int_eq(run(&bin, &order, L(3, I(32), I(7), I(0)), true, &res), AEROSPIKE_OK);
	ck_assert_int_eq(bin.type, AS_NIL);
	/* an empty list: single index not applicable, ranges empty, size 0 */
	bin = L(0);
	ck_assert_int_eq(run(&bin, &order, L(3, I(19), I(7), I(0)), false, &res), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	ck_assert_int_eq(run(&bin, &order, L(3, I(24), I(7), I(0)), false, &res), AEROSPIKE_OK);
	assert_ints(&res, 0, NULL);
	as_value_destroy(&res);
	ck_assert_int_eq(run(&bin, &order, L(3, I(25), I(5), as_value_nil()), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 0);
	as_value_destroy(&bin);
	/* an empty map: get_by_key gives nothing, clear keeps it a map */
	bin = as_value_map(as_map_new(1));
	ck_assert_int_eq(run(&bin, &order, L(3, I(97), I(7), S("a")), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.type, AS_NIL);
	ck_assert_int_eq(run(&bin, &order, L(1, I(75)), true, &res), AEROSPIKE_OK);
	ck_assert_int_eq(bin.type, AS_MAP);
	ck_assert_uint_eq(bin.u.map->size, 0);
	as_value_destroy(&bin);
}
END_TEST

START_TEST(type_order)
{
	/* nil < false < true < integer < string < list < map < bytes < double */
	as_value v[9];

	v[0] = as_value_nil();
	v[1] = as_value_bool(false);
	v[2] = as_value_bool(true);
	v[3] = I(99);
	v[4] = S("a");
	v[5] = L(1, I(1));
	v[6] = as_value_map(as_map_new(1));
	v[7] = as_value_bytes((const uint8_t *)"\x00", 1);
	v[8] = as_value_double(-5.0);
	for (int i = 0; i < 9; i++)
		for (int j = 0; j < 9; j++) {
			int c = ms_cdt_cmp(&v[i], &v[j]);

			ck_assert_msg(i < j ? c < 0 : i > j ? c > 0 : c == 0, "%d vs %d gives %d", i, j, c);
		}
	for (int i = 0; i < 9; i++)
		as_value_destroy(&v[i]);
}
END_TEST

START_TEST(ordered_list)
{
	as_value bin = as_value_nil(), res;
	uint8_t order = 0;

	/* append with order ORDERED creates an ordered list that stays sorted */
	ck_assert_int_eq(run(&bin, &order, L(4, I(1), I(5), I(1), I(0)), true, &res), AEROSPIKE_OK);
	ck_assert_int_eq(order, 1);
	ck_assert_int_eq(run(&bin, &order, L(2, I(2), L(3, I(9), I(-1), I(5))), true, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 4);
	assert_ints(&bin, 4, (const int64_t[]){ -1, 5, 5, 9 });
	/* placing at an index does not apply to an ordered list */
	ck_assert_int_eq(run(&bin, &order, L(3, I(3), I(0), I(4)), true, &res), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	ck_assert_int_eq(run(&bin, &order, L(3, I(9), I(0), I(4)), true, &res), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	/* sort with DROP_DUPLICATES */
	order = 0;
	ck_assert_int_eq(run(&bin, &order, L(2, I(13), I(2)), true, &res), AEROSPIKE_OK);
	assert_ints(&bin, 3, (const int64_t[]){ -1, 5, 9 });
	as_value_destroy(&bin);
}
END_TEST

START_TEST(inverted_and_relative)
{
	as_value bin = ints(5, base5), res;
	uint8_t order = 0;

	/* remove everything but the value 3 */
	ck_assert_int_eq(run(&bin, &order, L(3, I(35), I(0x10005), I(3)), true, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 3);
	assert_ints(&bin, 2, (const int64_t[]){ 3, 3 });
	as_value_destroy(&bin);
	/* relative rank -1 from 7 in [10,3,7,3,1]: ranks of 3(second), 7, 10, in rank order */
	bin = ints(5, base5);
	ck_assert_int_eq(run(&bin, &order, L(4, I(27), I(7), I(7), I(-1)), false, &res), AEROSPIKE_OK);
	assert_ints(&res, 3, (const int64_t[]){ 3, 7, 10 });
	as_value_destroy(&res);
	/* INVERTED on one element is not applicable */
	ck_assert_int_eq(run(&bin, &order, L(3, I(19), I(0x10007), I(0)), false, &res), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	as_value_destroy(&bin);
}
END_TEST

START_TEST(map_selectors)
{
	static const char *const k[] = { "c", "a", "b" };
	static const int64_t v[] = { 1, 3, 2 };
	as_value bin = kmap(3, k, v), res;
	uint8_t order = 0;

	/* index is key order even in an unordered map: index 0 is "a" */
	ck_assert_int_eq(run(&bin, &order, L(3, I(98), I(6), I(0)), false, &res), AEROSPIKE_OK);
	ck_assert_str_eq(res.u.str, "a");
	as_value_destroy(&res);
	/* key "b" relative index 1, to the end: "c" */
	ck_assert_int_eq(run(&bin, &order, L(4, I(109), I(7), S("b"), I(1)), false, &res), AEROSPIKE_OK);
	assert_ints(&res, 1, (const int64_t[]){ 1 });
	as_value_destroy(&res);
	/* remove by key list, REVERSE_INDEX of what went */
	ck_assert_int_eq(run(&bin, &order, L(3, I(81), I(2), L(2, S("a"), S("zz"))), true, &res), AEROSPIKE_OK);
	assert_ints(&res, 1, (const int64_t[]){ 2 });
	as_value_destroy(&res);
	ck_assert_uint_eq(bin.u.map->size, 2);
	/* update-only on a missing key fails, with NO_FAIL it does nothing */
	ck_assert_int_eq(run(&bin, &order, L(5, I(67), S("q"), I(1), I(0), I(2)), true, &res),
	                 AEROSPIKE_ERR_FAIL_ELEMENT_NOT_FOUND);
	ck_assert_int_eq(run(&bin, &order, L(5, I(67), S("q"), I(1), I(0), I(6)), true, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 2);
	/* a list op on a map is the wrong type */
	ck_assert_int_eq(run(&bin, &order, L(1, I(16)), false, &res), AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE);
	as_value_destroy(&bin);
}
END_TEST

START_TEST(nested_create)
{
	as_value bin = as_value_nil(), res;
	uint8_t order = 0;

	/* [255, [0x22|0x40, "a", 0x10|0x80, 2], [1, 7]]: an absent bin becomes
	 * {"a": [nil, nil, [7]]} */
	ck_assert_int_eq(run(&bin, &order, L(3, I(255), L(4, I(0x62), S("a"), I(0x90), I(2)), L(2, I(1), I(7))), true,
	                     &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 1);
	ck_assert_int_eq(bin.type, AS_MAP);
	{
		const as_value *a = &bin.u.map->entries[0].value;

		ck_assert_int_eq(a->type, AS_LIST);
		ck_assert_uint_eq(a->u.list->size, 3);
		ck_assert_int_eq(a->u.list->items[0].type, AS_NIL);
		assert_ints(&a->u.list->items[2], 1, (const int64_t[]){ 7 });
	}
	/* the same path without create on a read: 26 for the missing key */
	ck_assert_int_eq(run(&bin, &order, L(3, I(255), L(2, I(0x22), S("b")), L(1, I(16))), false, &res),
	                 AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	/* a bounded list (0x40) is not padded past its end */
	ck_assert_int_eq(run(&bin, &order, L(3, I(255), L(4, I(0x22), S("a"), I(0x50), I(9)), L(2, I(1), I(7))), true,
	                     &res), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	as_value_destroy(&bin);
}
END_TEST

START_TEST(malformed_payloads)
{
	as_value bin = ints(5, base5), res;
	uint8_t order = 0;

	ck_assert_int_eq(run(&bin, &order, I(1), true, &res), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(run(&bin, &order, L(0), true, &res), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(run(&bin, &order, L(1, S("x")), true, &res), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(run(&bin, &order, L(1, I(200)), true, &res), AEROSPIKE_ERR_REQUEST_INVALID);
	/* a ctx of odd length, a ctx that is not a list */
	ck_assert_int_eq(run(&bin, &order, L(3, I(255), L(1, I(0x10)), L(1, I(16))), false, &res),
	                 AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(run(&bin, &order, L(3, I(255), I(3), L(1, I(16))), false, &res), AEROSPIKE_ERR_REQUEST_INVALID);
	/* a write code sent as a read; an argument of the wrong type */
	ck_assert_int_eq(run(&bin, &order, L(2, I(1), I(5)), false, &res), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(run(&bin, &order, L(3, I(19), S("x"), I(0)), false, &res), AEROSPIKE_ERR_REQUEST_INVALID);
	/* padding is bounded: an insert far past the end is refused */
	ck_assert_int_eq(run(&bin, &order, L(3, I(3), I(1000000000), I(1)), true, &res), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	assert_ints(&bin, 5, base5);
	as_value_destroy(&bin);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("ms_cdt_eval");
	TCase *tc = tcase_create("edges");

	tcase_add_test(tc, negative_indexes);
	tcase_add_test(tc, ranges_past_the_ends);
	tcase_add_test(tc, empty_and_absent);
	tcase_add_test(tc, type_order);
	tcase_add_test(tc, ordered_list);
	tcase_add_test(tc, inverted_and_relative);
	tcase_add_test(tc, map_selectors);
	tcase_add_test(tc, nested_create);
	tcase_add_test(tc, malformed_payloads);
	suite_add_tcase(s, tc);
	return s;
}
