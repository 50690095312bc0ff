/* as_record: bins, replacement, bad names, validation. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/record.h>
#include <unistd.h>

#include "common/check_main.h"
#include "common/stderr_capture.h"
#include "model/record_internal.h"
#include "model/recycle.h"

START_TEST(test_set_get)
{
	as_record *rec = as_record_new(0);
	ck_assert_uint_eq(rec->ttl, AS_TTL_CLIENT_DEFAULT);
	ck_assert_uint_eq(rec->gen, 0);
	ck_assert_ptr_null(rec->key);
	ck_assert_ptr_null(rec->invalid);
	ck_assert(as_record_set_int(rec, "i", 7));
	ck_assert(as_record_set_str(rec, "s", "hello"));
	ck_assert(as_record_set_double(rec, "d", 1.5));
	ck_assert(as_record_set_bytes(rec, "b", (const uint8_t *)"\x01\x02\x03\x04", 4));
	ck_assert(as_record_set_bool(rec, "bo", true));
	as_list *l = as_list_new(0);
	as_list_append_int(l, 1);
	ck_assert(as_record_set_list(rec, "l", l));
	as_map *m = as_map_new(0);
	as_map_put_str(m, "k", as_value_int(1));
	ck_assert(as_record_set_map(rec, "m", m));
	ck_assert(as_record_set_nil(rec, "gone"));
	ck_assert(as_record_set(rec, "g", as_value_geojson("{\"type\":\"Point\",\"coordinates\":[0,0]}")));
	ck_assert_uint_eq(rec->n_bins, 9);
	ck_assert_uint_ge(rec->capacity, 9);

	/* Insertion order is kept. */
	const char *order[] = {"i", "s", "d", "b", "bo", "l", "m", "gone", "g"};
	for (int i = 0; i < 9; i++)
		ck_assert_str_eq(rec->bins[i].name, order[i]);

	ck_assert_int_eq(as_record_get_int(rec, "i", -1), 7);
	ck_assert_int_eq(as_record_get_int(rec, "s", -1), -1);
	ck_assert_int_eq(as_record_get_int(rec, "nope", -2), -2);
	ck_assert(as_record_get_double(rec, "d", 0) == 1.5);
	ck_assert(as_record_get_double(rec, "i", 9.5) == 9.5);
	ck_assert_str_eq(as_record_get_str(rec, "s"), "hello");
	ck_assert_ptr_null(as_record_get_str(rec, "i"));
	ck_assert_ptr_null(as_record_get_str(rec, "g"));
	ck_assert_int_eq(as_record_get(rec, "bo")->type, AS_BOOL);
	ck_assert_int_eq(as_record_get(rec, "gone")->type, AS_NIL);
	ck_assert_int_eq(as_record_get(rec, "l")->u.list->size, 1);
	ck_assert_ptr_null(as_record_get(rec, "x"));
	ck_assert_ptr_null(as_record_get(rec, NULL));
	ck_assert_ptr_null(as_record_get(NULL, "i"));
	ck_assert_int_eq(as_record_validate(rec, NULL), AEROSPIKE_OK);
	as_record_destroy(rec);
	as_record_destroy(NULL);
}
END_TEST

START_TEST(test_replace)
{
	as_record *rec = as_record_new(1);
	ck_assert(as_record_set_str(rec, "a", "first"));
	ck_assert(as_record_set_int(rec, "b", 2));
	ck_assert(as_record_set_list(rec, "a", NULL));
	ck_assert_uint_eq(rec->n_bins, 2);
	ck_assert_str_eq(rec->bins[0].name, "a");
	ck_assert_int_eq(rec->bins[0].value.type, AS_LIST);
	ck_assert(as_record_set_str(rec, "a", "third"));
	ck_assert_str_eq(as_record_get_str(rec, "a"), "third");
	ck_assert_uint_eq(rec->n_bins, 2);
	as_record_destroy(rec);
}
END_TEST

START_TEST(test_bad_names)
{
	as_record *rec = as_record_new(0);
	ck_assert(as_record_set_int(rec, "fifteen_chars_x", 1));  /* 15 bytes: the maximum */
	ck_assert_ptr_null(rec->invalid);
	ck_assert_int_eq(as_record_validate(rec, NULL), AEROSPIKE_OK);

	/* The stolen value is destroyed on failure (valgrind would see a leak). */
	as_list *l = as_list_new(0);
	as_list_append_str(l, "leak me not");
	ck_assert(!as_record_set_list(rec, "averyveryverylongname", l));
	ck_assert_uint_eq(rec->n_bins, 1);
	ck_assert_str_eq(rec->invalid, "bin name 'averyveryverylongname' is 21 bytes, the limit is 15");
	ck_assert(!as_record_set_str(rec, "sixteen_chars_xx", "v"));  /* 16 bytes */
	ck_assert(!as_record_set_int(rec, "", 1));
	ck_assert(!as_record_set_int(rec, NULL, 1));
	ck_assert(!as_record_set(NULL, "x", as_value_str("freed")));
	ck_assert_uint_eq(rec->n_bins, 1);
	/* The first error wins. */
	ck_assert_str_eq(rec->invalid, "bin name 'averyveryverylongname' is 21 bytes, the limit is 15");

	as_error err;
	as_error_reset(&err);
	ck_assert_int_eq(as_record_validate(rec, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "bin name 'averyveryverylongname' is 21 bytes, the limit is 15");
	ck_assert_int_eq(as_record_validate(NULL, &err), AEROSPIKE_ERR_PARAM);
	as_record_destroy(rec);

	rec = as_record_new(0);
	ck_assert(!as_record_set_str(rec, "sixteen_chars_xx", "v"));
	ck_assert_str_eq(rec->invalid, "bin name 'sixteen_chars_xx' is 16 bytes, the limit is 15");
	as_record_destroy(rec);

	rec = as_record_new(0);
	ck_assert(!as_record_set_int(rec, "", 1));
	ck_assert_str_eq(rec->invalid, "bin name is empty");
	as_record_destroy(rec);

	rec = as_record_new(0);
	ck_assert(!as_record_set_nil(rec, NULL));
	ck_assert_str_eq(rec->invalid, "bin name is NULL");
	as_record_destroy(rec);
}
END_TEST

START_TEST(test_full_record_and_key)
{
	/* Filling 32,767 bins through the setter costs a quadratic number of
	 * name compares; fill most of them directly and the last ones through it. */
	as_record *rec = as_record_new(AS_RECORD_MAX_BINS);
	ck_assert_uint_eq(rec->capacity, AS_RECORD_MAX_BINS);
	char name[16];
	for (int i = 0; i < AS_RECORD_MAX_BINS - 10; i++) {
		snprintf(rec->bins[i].name, sizeof rec->bins[i].name, "b%d", i);
		rec->bins[i].value = as_value_int(i);
		rec->n_bins++;
	}
	for (int i = AS_RECORD_MAX_BINS - 10; i < AS_RECORD_MAX_BINS; i++) {
		snprintf(name, sizeof name, "b%d", i);
		ck_assert(as_record_set_int(rec, name, i));
	}
	ck_assert_uint_eq(rec->n_bins, AS_RECORD_MAX_BINS);
	ck_assert_int_eq(as_record_get_int(rec, "b32766", -1), 32766);
	ck_assert(as_record_set_int(rec, "b7", -7));  /* replacing still works when full */
	ck_assert(!as_record_set_str(rec, "onemore", "x"));
	ck_assert_ptr_nonnull(rec->invalid);
	ck_assert_ptr_nonnull(strstr(rec->invalid, "onemore"));
	ck_assert_int_eq(as_record_validate(rec, NULL), AEROSPIKE_ERR_PARAM);

	/* A record owns its key (scan results): destroy frees it and its value. */
	rec->key = malloc(sizeof *rec->key);
	ck_assert_int_eq(as_key_init_int(rec->key, "test", "demo", 1, NULL), AEROSPIKE_OK);
	rec->key->value = as_value_str("owned by the library");
	as_record_destroy(rec);
}
END_TEST

/* Decoded records are recycled blocks: a second destroy must not hand the
 * same block out twice. (Under AddressSanitizer nothing is recycled, and
 * ASan itself reports the second destroy.) */
#if AS_RECYCLE_REUSE
START_TEST(test_destroy_twice_reported)
{
	uint8_t *arena;
	as_record *rec = as_record_new_block(1, 16, &arena);
	as_record_destroy(rec);

	stderr_capture cap;
	stderr_capture_begin(&cap);
	as_record_destroy(rec);   /* one too many */
	char buf[512];
	stderr_capture_end(&cap, buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "not a live record"));

	as_record *a = as_record_new_block(1, 16, &arena);
	as_record *b = as_record_new_block(1, 16, &arena);
	ck_assert_ptr_ne(a, b);
	as_record_destroy(a);
	as_record_destroy(b);
}
END_TEST
#endif

Suite *test_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_set_get);
	tcase_add_test(tc, test_replace);
	tcase_add_test(tc, test_bad_names);
	tcase_add_test(tc, test_full_record_and_key);
#if AS_RECYCLE_REUSE
	tcase_add_test(tc, test_destroy_twice_reported);
#endif
	suite_add_tcase(s, tc);
	return s;
}
