/* as_value, as_list, as_map. Run under valgrind/ASan: destruction of nested
 * and borrowed values is checked by the absence of leaks and bad frees. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/value.h>

#include "common/check_main.h"

START_TEST(test_scalars)
{
	as_value v = as_value_nil();
	ck_assert_int_eq(v.type, AS_NIL);
	v = as_value_int(-42);
	ck_assert_int_eq(v.type, AS_INTEGER);
	ck_assert_int_eq(v.u.i, -42);
	v = as_value_int(INT64_MIN);
	ck_assert(v.u.i == INT64_MIN);
	v = as_value_double(1.5);
	ck_assert_int_eq(v.type, AS_DOUBLE);
	ck_assert(v.u.d == 1.5);
	v = as_value_bool(true);
	ck_assert_int_eq(v.type, AS_BOOL);
	ck_assert(v.u.b);
	as_value_destroy(&v);
	ck_assert_int_eq(v.type, AS_NIL);
	as_value_destroy(NULL);
	ck_assert_str_eq(as_value_type_str(AS_INTEGER), "integer");
	ck_assert_str_eq(as_value_type_str(AS_GEOJSON), "geojson");
	ck_assert_str_eq(as_value_type_str(AS_MAP), "map");
	ck_assert_str_eq(as_value_type_str((as_value_type)99), "unknown");
}
END_TEST

START_TEST(test_strings_and_bytes)
{
	char src[] = "hello";
	as_value s = as_value_str(src);
	ck_assert_int_eq(s.type, AS_STRING);
	ck_assert_int_eq(s.borrowed, 0);
	ck_assert_uint_eq(s.len, 5);
	ck_assert_ptr_ne(s.u.str, src);
	ck_assert_str_eq(s.u.str, "hello");

	as_value n = as_value_str(NULL);
	ck_assert_str_eq(n.u.str, "");
	ck_assert_uint_eq(n.len, 0);

	as_value sn = as_value_strn("ab\0cd", 5);
	ck_assert_uint_eq(sn.len, 5);
	ck_assert_int_eq(sn.u.str[5], '\0');
	ck_assert_mem_eq(sn.u.str, "ab\0cd", 5);

	as_value r = as_value_str_ref(src);
	ck_assert_int_eq(r.borrowed, 1);
	ck_assert_ptr_eq(r.u.str, src);
	ck_assert(as_value_equal(&s, &r));
	/* Destroying a borrowed value must not free the caller's memory. */
	as_value_destroy(&r);
	ck_assert_int_eq(r.type, AS_NIL);
	ck_assert_str_eq(src, "hello");

	uint8_t raw[] = {0, 1, 2, 0xff};
	as_value b = as_value_bytes(raw, sizeof raw);
	ck_assert_int_eq(b.type, AS_BYTES);
	ck_assert_ptr_ne(b.u.bytes, raw);
	ck_assert_mem_eq(b.u.bytes, raw, 4);
	as_value br = as_value_bytes_ref(raw, sizeof raw);
	ck_assert_ptr_eq(br.u.bytes, raw);
	ck_assert(as_value_equal(&b, &br));
	as_value e = as_value_bytes(NULL, 0);
	ck_assert_uint_eq(e.len, 0);
	as_value e2 = as_value_bytes_ref(NULL, 0);
	ck_assert(as_value_equal(&e, &e2));
	ck_assert(!as_value_equal(&e, &b));

	as_value g = as_value_geojson("{\"type\":\"Point\",\"coordinates\":[1,2]}");
	ck_assert_int_eq(g.type, AS_GEOJSON);
	as_value gs = as_value_str("{\"type\":\"Point\",\"coordinates\":[1,2]}");
	ck_assert(!as_value_equal(&g, &gs));  /* same text, different type */

	as_value c = as_value_copy(&br);
	ck_assert_int_eq(c.borrowed, 0);
	ck_assert_ptr_ne(c.u.bytes, raw);
	ck_assert(as_value_equal(&c, &b));

	as_value_destroy(&s);
	as_value_destroy(&n);
	as_value_destroy(&sn);
	as_value_destroy(&b);
	as_value_destroy(&br);
	as_value_destroy(&e);
	as_value_destroy(&g);
	as_value_destroy(&gs);
	as_value_destroy(&c);
	ck_assert_int_eq(raw[3], 0xff);
}
END_TEST

START_TEST(test_equal)
{
	as_value a = as_value_int(1), b = as_value_int(1), c = as_value_int(2), d = as_value_double(1.0);
	ck_assert(as_value_equal(&a, &b));
	ck_assert(!as_value_equal(&a, &c));
	ck_assert(!as_value_equal(&a, &d));  /* 1 and 1.0 have different types */
	ck_assert(!as_value_equal(&a, NULL));
	as_value n1 = as_value_double(NAN), n2 = as_value_double(NAN);
	ck_assert(as_value_equal(&n1, &n2));
	as_value z = as_value_double(0.0), mz = as_value_double(-0.0);
	ck_assert(as_value_equal(&z, &mz));
	as_value t = as_value_bool(true), f = as_value_bool(false);
	ck_assert(!as_value_equal(&t, &f));
	as_value nil1 = as_value_nil(), nil2 = as_value_nil();
	ck_assert(as_value_equal(&nil1, &nil2));
	as_value s1 = as_value_str("ab"), s2 = as_value_str("abc");
	ck_assert(!as_value_equal(&s1, &s2));
	as_value_destroy(&s1);
	as_value_destroy(&s2);
}
END_TEST

static as_value make_nested(void)
{
	/* [1, "two", 3.5, [true, nil, b"\x01\x02"], {"k": [4], 5: "five"}] */
	as_list *inner = as_list_new(0);
	as_list_append(inner, as_value_bool(true));
	as_list_append(inner, as_value_nil());
	as_list_append(inner, as_value_bytes((const uint8_t *)"\x01\x02", 2));
	as_list *l4 = as_list_new(1);
	as_list_append_int(l4, 4);
	as_map *m = as_map_new(0);
	as_map_put_str(m, "k", as_value_list(l4));
	as_map_put(m, as_value_int(5), as_value_str("five"));
	as_list *outer = as_list_new(2);  /* grows past its capacity */
	as_list_append_int(outer, 1);
	as_list_append_str(outer, "two");
	as_list_append_double(outer, 3.5);
	as_list_append(outer, as_value_list(inner));
	as_list_append(outer, as_value_map(m));
	return as_value_list(outer);
}

START_TEST(test_list)
{
	as_value v = make_nested();
	const as_list *l = v.u.list;
	ck_assert_uint_eq(l->size, 5);
	ck_assert_uint_ge(l->capacity, 5);
	ck_assert_int_eq(as_list_get(l, 0)->u.i, 1);
	ck_assert_str_eq(as_list_get(l, 1)->u.str, "two");
	ck_assert(as_list_get(l, 2)->u.d == 3.5);
	ck_assert_int_eq(as_list_get(l, 3)->type, AS_LIST);
	ck_assert_uint_eq(as_list_get(l, 3)->u.list->size, 3);
	ck_assert_ptr_null(as_list_get(l, 5));
	ck_assert_ptr_null(as_list_get(NULL, 0));

	as_value c = as_value_copy(&v);
	ck_assert_ptr_ne(c.u.list, v.u.list);
	ck_assert(as_value_equal(&c, &v));
	/* Deep: changing the copy's nested map leaves the original alone. */
	as_map *cm = c.u.list->items[4].u.map;
	as_map_put_str(cm, "k", as_value_int(0));
	ck_assert(!as_value_equal(&c, &v));
	const as_value *orig_k = as_map_get_str(v.u.list->items[4].u.map, "k");
	ck_assert_int_eq(orig_k->type, AS_LIST);

	as_list *shorter = as_list_new(0);
	as_list_append_int(shorter, 1);
	as_value sv = as_value_list(shorter);
	ck_assert(!as_value_equal(&sv, &v));

	as_value empty = as_value_list(NULL);
	ck_assert_int_eq(empty.type, AS_LIST);
	ck_assert_ptr_nonnull(empty.u.list);
	ck_assert_uint_eq(empty.u.list->size, 0);

	as_value_destroy(&v);
	as_value_destroy(&c);
	as_value_destroy(&sv);
	as_value_destroy(&empty);
	as_list_destroy(NULL);
}
END_TEST

START_TEST(test_map)
{
	as_map *m = as_map_new(0);
	as_map_put_str(m, "a", as_value_int(1));
	as_map_put_str(m, "b", as_value_str("x"));
	as_map_put(m, as_value_int(7), as_value_double(2.5));
	ck_assert_uint_eq(m->size, 3);
	/* Replacing an equal key keeps the entry's place and destroys the old key and value. */
	as_map_put(m, as_value_str("b"), as_value_list(NULL));
	ck_assert_uint_eq(m->size, 3);
	ck_assert_str_eq(m->entries[1].key.u.str, "b");
	ck_assert_int_eq(m->entries[1].value.type, AS_LIST);
	ck_assert_int_eq(as_map_get_str(m, "a")->u.i, 1);
	as_value k7 = as_value_int(7), k8 = as_value_int(8);
	ck_assert(as_map_get(m, &k7)->u.d == 2.5);
	ck_assert_ptr_null(as_map_get(m, &k8));
	ck_assert_ptr_null(as_map_get_str(m, "zz"));
	ck_assert_ptr_null(as_map_get_str(m, NULL));
	/* A borrowed key works too. */
	as_map_put(m, as_value_str_ref("c"), as_value_int(3));
	ck_assert_int_eq(as_map_get_str(m, "c")->u.i, 3);

	as_value v = as_value_map(m);
	/* Equality ignores order. */
	as_map *m2 = as_map_new(4);
	as_map_put_str(m2, "c", as_value_int(3));
	as_map_put(m2, as_value_int(7), as_value_double(2.5));
	as_map_put_str(m2, "b", as_value_list(NULL));
	as_map_put_str(m2, "a", as_value_int(1));
	as_value v2 = as_value_map(m2);
	ck_assert(as_value_equal(&v, &v2));
	ck_assert(as_value_equal(&v2, &v));
	as_map_put_str(m2, "a", as_value_int(2));
	ck_assert(!as_value_equal(&v, &v2));

	as_value c = as_value_copy(&v);
	ck_assert(as_value_equal(&c, &v));
	ck_assert_int_eq(c.u.map->entries[3].key.borrowed, 0);
	ck_assert_int_eq(c.u.map->order, m->order);

	as_value_destroy(&v);
	as_value_destroy(&v2);
	as_value_destroy(&c);
	as_map_destroy(NULL);
	as_value e = as_value_map(NULL);
	ck_assert_uint_eq(e.u.map->size, 0);
	as_value_destroy(&e);
}
END_TEST

START_TEST(test_many_items)
{
	as_list *l = as_list_new(0);
	for (int i = 0; i < 10000; i++)
		as_list_append_int(l, i);
	ck_assert_uint_eq(l->size, 10000);
	ck_assert_int_eq(as_list_get(l, 9999)->u.i, 9999);
	as_map *m = as_map_new(0);
	for (int i = 0; i < 300; i++)
		as_map_put(m, as_value_int(i % 100), as_value_int(i));
	ck_assert_uint_eq(m->size, 100);
	as_value k = as_value_int(5);
	ck_assert_int_eq(as_map_get(m, &k)->u.i, 205);
	as_list_destroy(l);
	as_map_destroy(m);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("value");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_scalars);
	tcase_add_test(tc, test_strings_and_bytes);
	tcase_add_test(tc, test_equal);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_map);
	tcase_add_test(tc, test_many_items);
	suite_add_tcase(s, tc);
	return s;
}
