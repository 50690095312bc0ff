/* JSON conversion: round trips of every value type and the rejections. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/json.h>

#include "common/check_main.h"

/* value -> JSON text -> JSON -> value must give an equal value. */
static void round_trip(const as_value *v, const char *expect_text)
{
	json_t *j = as_value_to_json(v);
	ck_assert_ptr_nonnull(j);
	char *text = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	ck_assert_ptr_nonnull(text);
	if (expect_text)
		ck_assert_str_eq(text, expect_text);
	json_error_t jerr;
	json_t *back = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	ck_assert_msg(back != NULL, "%s: %s", text, jerr.text);
	as_value out;
	as_error err;
	as_error_reset(&err);
	ck_assert_msg(as_value_from_json(back, &out, &err) == AEROSPIKE_OK, "%s: %s", text, err.message);
	ck_assert_msg(as_value_equal(v, &out), "round trip changed %s", text);
	ck_assert_int_eq(out.type, v->type);
	as_value_destroy(&out);
	json_decref(back);
	json_decref(j);
	free(text);
}

START_TEST(test_scalars)
{
	as_value v = as_value_nil();
	round_trip(&v, "null");
	v = as_value_int(-42);
	round_trip(&v, "-42");
	v = as_value_int(INT64_MAX);
	round_trip(&v, "9223372036854775807");
	v = as_value_int(INT64_MIN);
	round_trip(&v, "-9223372036854775808");
	v = as_value_double(1.5);
	round_trip(&v, "1.5");
	v = as_value_double(2.0);
	round_trip(&v, "2.0");
	v = as_value_bool(true);
	round_trip(&v, "true");
	v = as_value_bool(false);
	round_trip(&v, "false");
	v = as_value_double(NAN);
	round_trip(&v, "{\"$double\":\"nan\"}");
	v = as_value_double(-INFINITY);
	round_trip(&v, "{\"$double\":\"-inf\"}");
	v = as_value_double(INFINITY);
	round_trip(&v, "{\"$double\":\"inf\"}");
}
END_TEST

START_TEST(test_strings_bytes_geo)
{
	as_value v = as_value_str("h\xc3\xa9llo \"q\"");
	round_trip(&v, "\"h\xc3\xa9llo \\\"q\\\"\"");
	as_value_destroy(&v);
	v = as_value_strn("a\0b", 3);
	round_trip(&v, "\"a\\u0000b\"");
	as_value_destroy(&v);
	v = as_value_str("");
	round_trip(&v, "\"\"");
	as_value_destroy(&v);
	/* Not UTF-8: kept byte for byte. */
	v = as_value_strn("\xff\xfe", 2);
	round_trip(&v, "{\"$rawstring\":\"//4=\"}");
	as_value_destroy(&v);

	/* Padding: 0, 1, 2 and 3 bytes exercise every base64 tail. */
	v = as_value_bytes(NULL, 0);
	round_trip(&v, "{\"$bytes\":\"\"}");
	v = as_value_bytes((const uint8_t *)"a", 1);
	round_trip(&v, "{\"$bytes\":\"YQ==\"}");
	as_value_destroy(&v);
	v = as_value_bytes((const uint8_t *)"ab", 2);
	round_trip(&v, "{\"$bytes\":\"YWI=\"}");
	as_value_destroy(&v);
	v = as_value_bytes((const uint8_t *)"abc", 3);
	round_trip(&v, "{\"$bytes\":\"YWJj\"}");
	as_value_destroy(&v);
	uint8_t all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (uint8_t)i;
	v = as_value_bytes_ref(all, sizeof all);
	round_trip(&v, NULL);

	v = as_value_geojson("{\"type\":\"Point\",\"coordinates\":[-122.0,37.5]}");
	round_trip(&v, "{\"$geojson\":\"{\\\"type\\\":\\\"Point\\\",\\\"coordinates\\\":[-122.0,37.5]}\"}");
	as_value_destroy(&v);
}
END_TEST

START_TEST(test_lists_and_maps)
{
	as_map *sm = as_map_new(0);
	as_map_put_str(sm, "b", as_value_int(2));
	as_map_put_str(sm, "a", as_value_bytes((const uint8_t *)"\x00\xff", 2));
	as_value v = as_value_map(sm);
	round_trip(&v, "{\"b\":2,\"a\":{\"$bytes\":\"AP8=\"}}");
	as_value_destroy(&v);

	as_map *nm = as_map_new(0);
	as_map_put(nm, as_value_int(1), as_value_str("one"));
	as_map_put_str(nm, "two", as_value_double(2.5));
	as_map_put(nm, as_value_bytes((const uint8_t *)"k", 1), as_value_nil());
	v = as_value_map(nm);
	round_trip(&v, "{\"$map\":[[1,\"one\"],[\"two\",2.5],[{\"$bytes\":\"aw==\"},null]]}");
	as_value_destroy(&v);

	/* A one-member map whose key looks like a tag must not come back as that tag. */
	as_map *tm = as_map_new(0);
	as_map_put_str(tm, "$bytes", as_value_str("not base64!"));
	v = as_value_map(tm);
	round_trip(&v, "{\"$map\":[[\"$bytes\",\"not base64!\"]]}");
	as_value_destroy(&v);

	/* String keys an object cannot hold. */
	as_map *bad = as_map_new(0);
	as_map_put(bad, as_value_strn("\xff", 1), as_value_int(1));
	as_map_put(bad, as_value_strn("a\0b", 3), as_value_int(2));
	v = as_value_map(bad);
	round_trip(&v, "{\"$map\":[[{\"$rawstring\":\"/w==\"},1],[\"a\\u0000b\",2]]}");
	as_value_destroy(&v);

	/* Deep nesting of everything. */
	as_list *inner = as_list_new(0);
	as_list_append(inner, as_value_bool(false));
	as_list_append(inner, as_value_geojson("{\"type\":\"Point\",\"coordinates\":[0,0]}"));
	as_list_append(inner, as_value_list(NULL));
	as_list_append(inner, as_value_map(NULL));
	as_map *m = as_map_new(0);
	as_map_put_str(m, "inner", as_value_list(inner));
	as_map *km = as_map_new(0);
	as_map_put(km, as_value_double(1.5), as_value_int(3));
	as_map_put_str(m, "km", as_value_map(km));
	as_list *outer = as_list_new(0);
	as_list_append_int(outer, 1);
	as_list_append_str(outer, "s");
	as_list_append(outer, as_value_map(m));
	as_list_append(outer, as_value_nil());
	v = as_value_list(outer);
	round_trip(&v, "[1,\"s\",{\"inner\":[false,{\"$geojson\":\"{\\\"type\\\":\\\"Point\\\",\\\"coordinates\\\":[0,0]}\"},"
	               "[],{}],\"km\":{\"$map\":[[1.5,3]]}},null]");
	as_value_destroy(&v);
}
END_TEST

static void reject(const char *text, const char *message_part)
{
	json_error_t jerr;
	json_t *j = json_loads(text, JSON_DECODE_ANY, &jerr);
	ck_assert_msg(j != NULL, "%s: %s", text, jerr.text);
	as_value out = as_value_int(99);
	as_error err;
	as_error_reset(&err);
	ck_assert_msg(as_value_from_json(j, &out, &err) == AEROSPIKE_ERR_PARAM, "accepted %s", text);
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_PARAM);
	ck_assert_msg(strstr(err.message, message_part) != NULL, "%s: message '%s' lacks '%s'", text, err.message,
	              message_part);
	ck_assert_int_eq(out.type, AS_NIL);
	json_decref(j);
}

START_TEST(test_value_rejections)
{
	reject("{\"$bytes\": 5}", "value: $bytes needs a base64 string, not an integer");
	reject("{\"$bytes\": \"YQ\"}", "$bytes value is not valid base64");
	reject("{\"$bytes\": \"YQ=a\"}", "not valid base64");
	reject("{\"$bytes\": \" YWJj\"}", "not valid base64");
	reject("{\"$bytes\": \"Y===\"}", "not valid base64");
	reject("[1, [2, {\"$bytes\": \"!!!!\"}]]", "value[1][1]: $bytes value is not valid base64");
	reject("{\"a\": {\"b\": [{\"$geojson\": 1}]}}", "value.a.b[0]: $geojson needs a string");
	reject("{\"$map\": {}}", "$map needs an array of [key, value] pairs");
	reject("{\"$map\": [[1]]}", "$map entry 0 is not a [key, value] pair");
	reject("{\"$map\": [[[1], 2]]}", "$map entry 0 has a list key");
	reject("{\"$double\": \"huge\"}", "$double needs");
	ck_assert_int_eq(as_value_from_json(NULL, &(as_value){0}, NULL), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_value_from_json(json_null(), NULL, NULL), AEROSPIKE_ERR_PARAM);

	/* An object with a tag and another member is an ordinary map. */
	json_t *j = json_loads("{\"$bytes\": \"x\", \"y\": 1}", 0, NULL);
	as_value out;
	ck_assert_int_eq(as_value_from_json(j, &out, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(out.type, AS_MAP);
	ck_assert_uint_eq(out.u.map->size, 2);
	as_value_destroy(&out);
	json_decref(j);
}
END_TEST

START_TEST(test_record)
{
	as_record *rec = as_record_new(0);
	rec->gen = 3;
	rec->ttl = 100;
	as_record_set_int(rec, "i", 7);
	as_record_set_str(rec, "s", "hello");
	as_record_set_bytes(rec, "b", (const uint8_t *)"\x01\x02\x03\x04", 4);
	json_t *j = as_record_to_json(rec);
	char *text = json_dumps(j, JSON_COMPACT);
	ck_assert_str_eq(text, "{\"gen\":3,\"ttl\":100,\"bins\":{\"i\":7,\"s\":\"hello\",\"b\":{\"$bytes\":\"AQIDBA==\"}}}");
	free(text);

	/* Bins back into a record. */
	as_record *back = NULL;
	as_error err;
	ck_assert_int_eq(as_record_from_json(json_object_get(j, "bins"), &back, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(back->n_bins, 3);
	for (uint16_t i = 0; i < 3; i++) {
		ck_assert_str_eq(back->bins[i].name, rec->bins[i].name);
		ck_assert(as_value_equal(&back->bins[i].value, &rec->bins[i].value));
	}
	ck_assert_uint_eq(back->ttl, AS_TTL_CLIENT_DEFAULT);
	as_record_destroy(back);
	json_decref(j);

	json_t *bins = as_record_bins_to_json(rec);
	ck_assert_int_eq(json_object_size(bins), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(bins, "i")), 7);
	json_decref(bins);

	/* With a key (scan results). */
	rec->key = malloc(sizeof *rec->key);
	ck_assert_int_eq(as_key_init_str(rec->key, "test", "myset", "hello world", NULL), AEROSPIKE_OK);
	j = as_record_to_json(rec);
	json_t *key = json_object_get(j, "key");
	ck_assert_ptr_nonnull(key);
	ck_assert_str_eq(json_string_value(json_object_get(key, "ns")), "test");
	ck_assert_str_eq(json_string_value(json_object_get(key, "set")), "myset");
	ck_assert_str_eq(json_string_value(json_object_get(key, "digest")), "cc2c7d2930b7c4a25536c1c39fcc094231fbc188");
	ck_assert_str_eq(json_string_value(json_object_get(key, "value")), "hello world");
	json_decref(j);
	as_record_destroy(rec);
	ck_assert_ptr_null(as_record_to_json(NULL));
	ck_assert_ptr_null(as_record_bins_to_json(NULL));

	/* GeoJSON that is not UTF-8 cannot be written, also when nested: NULL, not a silent drop. */
	as_list *l = as_list_new(0);
	as_list_append_int(l, 1);
	as_value g = as_value_geojson("{\"x\":\"\xff\"}");
	ck_assert_ptr_null(as_value_to_json(&g));
	as_list_append(l, g);
	rec = as_record_new(0);
	ck_assert(as_record_set_list(rec, "l", l));
	ck_assert_ptr_null(as_record_bins_to_json(rec));
	ck_assert_ptr_null(as_record_to_json(rec));
	as_record_destroy(rec);
	ck_assert_ptr_null(as_value_to_json(NULL));
}
END_TEST

static void reject_record(const char *text, const char *message)
{
	json_t *j = json_loads(text, JSON_DECODE_ANY, NULL);
	ck_assert_ptr_nonnull(j);
	as_record *rec = (as_record *)1;
	as_error err;
	as_error_reset(&err);
	ck_assert_int_eq(as_record_from_json(j, &rec, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_null(rec);
	ck_assert_msg(strstr(err.message, message) != NULL, "'%s' lacks '%s'", err.message, message);
	json_decref(j);
}

START_TEST(test_record_rejections)
{
	reject_record("[1, 2]", "record JSON must be an object of bins, not an array");
	reject_record("\"x\"", "not a string");
	reject_record("{\"ok\": 1, \"averyveryverylongname\": 2}",
	              "bin name 'averyveryverylongname' is 21 bytes, the limit is 15");
	reject_record("{\"\": 1}", "bin name is empty");
	reject_record("{\"ok\": 1, \"m\": {\"$bytes\": 1}}", "bin 'm': $bytes needs a base64 string");
	reject_record("{\"l\": [0, {\"$map\": 3}]}", "bin 'l'[1]: $map needs an array");
	as_record *rec;
	ck_assert_int_eq(as_record_from_json(NULL, &rec, NULL), AEROSPIKE_ERR_PARAM);
	json_t *empty = json_object();
	ck_assert_int_eq(as_record_from_json(empty, NULL, NULL), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_record_from_json(empty, &rec, NULL), AEROSPIKE_OK);
	ck_assert_uint_eq(rec->n_bins, 0);
	as_record_destroy(rec);
	json_decref(empty);
}
END_TEST

/* A bin name from the wire need not be UTF-8, which a JSON object key must
 * be: the conversion fails rather than leave the bin out. */
START_TEST(test_record_unrepresentable_name)
{
	as_record *rec = as_record_new(2);
	ck_assert(as_record_set_int(rec, "ok", 1));
	ck_assert(as_record_set_int(rec, "b\xff", 2));
	ck_assert_ptr_null(as_record_bins_to_json(rec));
	ck_assert_ptr_null(as_record_to_json(rec));
	as_record_destroy(rec);

	/* The same for the namespace of a scan result's key. */
	rec = as_record_new(1);
	ck_assert(as_record_set_int(rec, "ok", 1));
	rec->key = calloc(1, sizeof *rec->key);
	ck_assert_int_eq(as_key_init_int(rec->key, "te\xffst", "demo", 1, NULL), AEROSPIKE_OK);
	ck_assert_ptr_null(as_record_to_json(rec));
	as_record_destroy(rec);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_scalars);
	tcase_add_test(tc, test_strings_bytes_geo);
	tcase_add_test(tc, test_lists_and_maps);
	tcase_add_test(tc, test_value_rejections);
	tcase_add_test(tc, test_record);
	tcase_add_test(tc, test_record_rejections);
	tcase_add_test(tc, test_record_unrepresentable_name);
	suite_add_tcase(s, tc);
	return s;
}
