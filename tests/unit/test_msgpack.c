/* msgpack in Aerospike's dialect: exact encodings, round trips, limits and
 * malformed input. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "codec/msgpack.h"
#include "common/check_main.h"
#include "common/hex.h"

static as_buffer pack(const as_value *v)
{
	as_buffer b;
	as_error err;

	as_buffer_init(&b);
	ck_assert_msg(as_msgpack_pack(&b, v, &err) == AEROSPIKE_OK, "%s", err.message);
	return b;
}

static void expect_hex(const as_buffer *b, const char *hex)
{
	size_t n;
	uint8_t *want = hex_decode_alloc(hex, strlen(hex), &n);

	ck_assert_ptr_nonnull(want);
	ck_assert_msg(b->len == n && memcmp(b->data, want, n) == 0, "packed bytes differ from %s", hex);
	free(want);
}

/* v (which this destroys) packs to exactly the bytes of hex. */
static void expect_packs(as_value v, const char *hex)
{
	as_buffer b = pack(&v);

	expect_hex(&b, hex);
	as_buffer_free(&b);
	as_value_destroy(&v);
}

/* Unpack, compare with v, and check that every shorter prefix fails. */
static void round_trip(const as_value *v)
{
	as_buffer b = pack(v);
	as_value out;
	as_error err;
	size_t used = 0, cut;

	ck_assert_msg(as_msgpack_unpack(b.data, b.len, &out, &used, &err) == AEROSPIKE_OK, "%s",
	              err.message);
	ck_assert_uint_eq(used, b.len);
	ck_assert_msg(as_value_equal(v, &out), "round trip changed a %s", as_value_type_str(v->type));
	as_value_destroy(&out);
	for (cut = 0; cut < b.len; cut++) {
		uint8_t *p = malloc(cut ? cut : 1);

		memcpy(p, b.data, cut);
		ck_assert_msg(as_msgpack_unpack(p, cut, &out, &used, &err) == AEROSPIKE_ERR_CLIENT,
		              "prefix of %zu of %zu bytes accepted", cut, b.len);
		ck_assert_uint_eq(out.type, AS_NIL);
		free(p);
	}
	as_buffer_free(&b);
}

static const struct {
	int64_t v;
	size_t len;
} INTS[] = {
	{ 0, 1 }, { 1, 1 }, { 127, 1 }, { 128, 2 }, { 255, 2 }, { 256, 3 }, { 65535, 3 }, { 65536, 5 },
	{ 4294967295LL, 5 }, { 4294967296LL, 9 }, { INT64_MAX, 9 }, { -1, 1 }, { -32, 1 }, { -33, 2 },
	{ -128, 2 }, { -129, 3 }, { -32768, 3 }, { -32769, 5 }, { INT32_MIN, 5 },
	{ (int64_t)INT32_MIN - 1, 9 }, { INT64_MIN, 9 },
};

START_TEST(integers)
{
	as_value v = as_value_int(INTS[_i].v);
	as_buffer b = pack(&v);

	ck_assert_msg(b.len == INTS[_i].len, "%lld packed in %zu bytes, want %zu", (long long)INTS[_i].v,
	              b.len, INTS[_i].len);
	as_buffer_free(&b);
	round_trip(&v);
}
END_TEST

START_TEST(documented_encodings)
{
	/* protocol_notes.txt section 5 */
	static const struct {
		int64_t v;
		const char *hex;
	} ints[] = {
		{ -33, "d0df" }, { 200, "ccc8" }, { 300, "cd012c" }, { 70000, "ce00011170" },
		{ 1099511627776LL, "cf0000010000000000" }, { -200, "d1ff38" }, { 5, "05" }, { -1, "ff" },
	};
	static const uint8_t ff00[] = { 0xff, 0x00 };
	size_t i;

	for (i = 0; i < sizeof ints / sizeof ints[0]; i++)
		expect_packs(as_value_int(ints[i].v), ints[i].hex);
	expect_packs(as_value_str("a"), "a20361");
	expect_packs(as_value_bytes(ff00, 2), "a304ff00");
	expect_packs(as_value_double(2.5), "cb4004000000000000");
	expect_packs(as_value_bool(true), "c3");
	expect_packs(as_value_bool(false), "c2");
	expect_packs(as_value_nil(), "c0");
	expect_packs(as_value_geojson("{}"), "a3177b7d");
}
END_TEST

START_TEST(nested_capture)
{
	/* the list of put_nested_cdt / get_nested_cdt unpacks and packs back
	 * to the same bytes */
	static const char *hex =
		"dc0010a304ff00c3c2c0ffd0df7fccc8cd012cce00011170cf0000010000000000d1ff38d92703612073747269"
		"6e67206c6f6e676572207468616e207468697274792d6f6e6520627974657321908201a20378a203799102cb"
		"bfd0000000000000";
	size_t n, used;
	uint8_t *bytes = hex_decode_alloc(hex, strlen(hex), &n);
	as_value v;
	as_error err;
	as_buffer b;

	ck_assert_int_eq(as_msgpack_unpack(bytes, n, &v, &used, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(used, n);
	ck_assert_uint_eq(v.type, AS_LIST);
	ck_assert_uint_eq(v.u.list->size, 16);
	ck_assert_uint_eq(v.u.list->items[0].type, AS_BYTES);
	ck_assert_uint_eq(v.u.list->items[3].type, AS_NIL);
	ck_assert_int_eq(v.u.list->items[10].u.i, 1099511627776LL);
	ck_assert_str_eq(v.u.list->items[12].u.str, "a string longer than thirty-one bytes!");
	ck_assert_uint_eq(v.u.list->items[14].type, AS_MAP);
	ck_assert(v.u.list->items[15].u.d == -0.25);
	b = pack(&v);
	expect_hex(&b, hex);
	as_buffer_free(&b);
	as_value_destroy(&v);
	free(bytes);
}
END_TEST

static char *filled(size_t n)
{
	char *s = malloc(n + 1);

	memset(s, 'x', n);
	s[n] = '\0';
	return s;
}

START_TEST(scalars_round_trip)
{
	/* str header boundaries: payload = 1 particle byte + text */
	static const size_t lens[] = { 0, 1, 30, 31, 254, 255, 65534, 65535, 70000 };
	static const uint8_t bytes[] = { 0, 1, 2, 0xff };
	size_t i;
	as_value v;

	v = as_value_nil();
	round_trip(&v);
	v = as_value_bool(true);
	round_trip(&v);
	v = as_value_bool(false);
	round_trip(&v);
	v = as_value_double(-0.25);
	round_trip(&v);
	v = as_value_double(1e300);
	round_trip(&v);
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		char *s = filled(lens[i]);

		v = as_value_str(s);
		if (lens[i] <= 300)
			round_trip(&v);
		else {
			as_buffer b = pack(&v);
			as_value out;
			size_t used;
			as_error err;

			ck_assert_int_eq(as_msgpack_unpack(b.data, b.len, &out, &used, &err), AEROSPIKE_OK);
			ck_assert(as_value_equal(&v, &out));
			as_value_destroy(&out);
			ck_assert_int_eq(as_msgpack_unpack(b.data, b.len - 1, &out, &used, &err),
			                 AEROSPIKE_ERR_CLIENT);
			as_buffer_free(&b);
		}
		as_value_destroy(&v);
		free(s);
	}
	v = as_value_bytes(bytes, sizeof bytes);
	round_trip(&v);
	as_value_destroy(&v);
	v = as_value_bytes(NULL, 0);
	round_trip(&v);
	as_value_destroy(&v);
	v = as_value_geojson("{\"type\":\"Point\",\"coordinates\":[1,2]}");
	round_trip(&v);
	as_value_destroy(&v);
}
END_TEST

START_TEST(containers_round_trip)
{
	as_list *l = as_list_new(0), *inner = as_list_new(0);
	as_map *m = as_map_new(0), *big = as_map_new(0);
	as_value v;
	int i;

	for (i = 0; i < 20; i++)
		as_list_append_int(inner, i * 1000);
	as_map_put_str(m, "k", as_value_int(1));
	as_map_put(m, as_value_int(7), as_value_list(inner));
	as_map_put(m, as_value_bool(true), as_value_nil());
	for (i = 0; i < 17; i++)
		as_map_put(big, as_value_int(i), as_value_double(i / 2.0));
	as_list_append(l, as_value_map(m));
	as_list_append(l, as_value_map(big));
	as_list_append(l, as_value_list(as_list_new(0)));
	as_list_append(l, as_value_map(as_map_new(0)));
	as_list_append_str(l, "");
	v = as_value_list(l);
	round_trip(&v);
	as_value_destroy(&v);
}
END_TEST

static as_value nest(int depth)
{
	as_value v = as_value_list(as_list_new(1));
	as_list *cur = v.u.list;
	int i;

	for (i = 1; i < depth; i++) {
		as_list *next = as_list_new(1);

		as_list_append(cur, as_value_list(next));
		cur = next;
	}
	return v;
}

START_TEST(depth_limit)
{
	uint8_t buf[AS_MSGPACK_MAX_DEPTH + 2];
	as_value v, out;
	as_buffer b;
	as_error err;
	size_t used;

	/* AS_MSGPACK_MAX_DEPTH nested lists are fine, one more is refused */
	memset(buf, 0x91, sizeof buf);
	buf[AS_MSGPACK_MAX_DEPTH - 1] = 0x90;
	ck_assert_int_eq(as_msgpack_unpack(buf, AS_MSGPACK_MAX_DEPTH, &out, &used, &err), AEROSPIKE_OK);
	as_value_destroy(&out);
	memset(buf, 0x91, sizeof buf);
	buf[AS_MSGPACK_MAX_DEPTH] = 0x90;
	ck_assert_int_eq(as_msgpack_unpack(buf, AS_MSGPACK_MAX_DEPTH + 1, &out, &used, &err),
	                 AEROSPIKE_ERR_CLIENT);
	ck_assert_uint_eq(out.type, AS_NIL);
	/* maps count too */
	memset(buf, 0x81, sizeof buf);
	ck_assert_int_eq(as_msgpack_unpack(buf, sizeof buf, &out, &used, &err), AEROSPIKE_ERR_CLIENT);

	v = nest(AS_MSGPACK_MAX_DEPTH);
	b = pack(&v);
	ck_assert_uint_eq(b.len, AS_MSGPACK_MAX_DEPTH);
	as_buffer_free(&b);
	as_value_destroy(&v);
	v = nest(AS_MSGPACK_MAX_DEPTH + 1);
	as_buffer_init(&b);
	as_buffer_append(&b, "x", 1);
	ck_assert_int_eq(as_msgpack_pack(&b, &v, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_uint_eq(b.len, 1);
	as_buffer_free(&b);
	as_value_destroy(&v);
}
END_TEST

static as_value unpack_hex(const char *hex, as_status want)
{
	size_t n, used = 0;
	uint8_t *p = hex_decode_alloc(hex, strlen(hex), &n);
	as_value v;
	as_error err;

	ck_assert_ptr_nonnull(p);
	ck_assert_msg(as_msgpack_unpack(p, n, &v, &used, &err) == want, "%s: unexpected status", hex);
	if (want == AEROSPIKE_OK)
		ck_assert_uint_eq(used, n);
	free(p);
	return v;
}

START_TEST(ext_headers)
{
	as_value v;
	as_map *m;
	as_buffer b;

	/* ordered map header as the official client writes it: ext8 of size 0 */
	v = unpack_hex("82c70001c0a2036b01", AEROSPIKE_OK);
	ck_assert_uint_eq(v.type, AS_MAP);
	ck_assert_uint_eq(v.u.map->order, AS_MAP_KEY_ORDERED);
	ck_assert_uint_eq(v.u.map->size, 1);
	ck_assert_str_eq(v.u.map->entries[0].key.u.str, "k");
	b = pack(&v);
	expect_hex(&b, "82c70001c0a2036b01");
	as_buffer_free(&b);
	as_value_destroy(&v);
	/* fixext1 with key-value order */
	v = unpack_hex("82d40300c0a2036b01", AEROSPIKE_OK);
	ck_assert_uint_eq(v.u.map->order, AS_MAP_KEY_VALUE_ORDERED);
	ck_assert_uint_eq(v.u.map->size, 1);
	as_value_destroy(&v);
	/* a header alone is an empty ordered map */
	v = unpack_hex("81c70001c0", AEROSPIKE_OK);
	ck_assert_uint_eq(v.u.map->order, 1);
	ck_assert_uint_eq(v.u.map->size, 0);
	as_value_destroy(&v);
	/* ordered list: the ext element is not data */
	v = unpack_hex("92c7000105", AEROSPIKE_OK);
	ck_assert_uint_eq(v.type, AS_LIST);
	ck_assert_uint_eq(v.u.list->size, 1);
	ck_assert_int_eq(v.u.list->items[0].u.i, 5);
	as_value_destroy(&v);
	/* plain maps have no header and order 0 */
	m = as_map_new(1);
	as_map_put_str(m, "k", as_value_int(1));
	v = as_value_map(m);
	b = pack(&v);
	expect_hex(&b, "81a2036b01");
	as_buffer_free(&b);
	as_value_destroy(&v);
	/* truncated headers */
	v = unpack_hex("82c700", AEROSPIKE_ERR_CLIENT);
	v = unpack_hex("82d403", AEROSPIKE_ERR_CLIENT);
	v = unpack_hex("82c70001", AEROSPIKE_ERR_CLIENT);
	/* an ext anywhere else is not a value */
	v = unpack_hex("c70001", AEROSPIKE_ERR_CLIENT);
	v = unpack_hex("9201c70001", AEROSPIKE_ERR_CLIENT);
}
END_TEST

START_TEST(foreign_encodings)
{
	as_value v;

	/* bin family is bytes without a particle byte */
	v = unpack_hex("c402ff00", AEROSPIKE_OK);
	ck_assert_uint_eq(v.type, AS_BYTES);
	ck_assert_uint_eq(v.len, 2);
	ck_assert_uint_eq(v.u.bytes[0], 0xff);
	as_value_destroy(&v);
	v = unpack_hex("c5000100", AEROSPIKE_OK);
	ck_assert_uint_eq(v.len, 1);
	as_value_destroy(&v);
	/* float32 */
	v = unpack_hex("ca3fc00000", AEROSPIKE_OK);
	ck_assert_uint_eq(v.type, AS_DOUBLE);
	ck_assert(v.u.d == 1.5);
	/* an empty str is "" */
	v = unpack_hex("a0", AEROSPIKE_OK);
	ck_assert_uint_eq(v.type, AS_STRING);
	ck_assert_str_eq(v.u.str, "");
	as_value_destroy(&v);
	/* another language's blob tag is still bytes */
	v = unpack_hex("a30701ff", AEROSPIKE_OK);
	ck_assert_uint_eq(v.type, AS_BYTES);
	ck_assert_uint_eq(v.len, 2);
	as_value_destroy(&v);
	/* str16/str32 and array32/map16 headers */
	v = unpack_hex("da00020378", AEROSPIKE_OK);
	ck_assert_str_eq(v.u.str, "x");
	as_value_destroy(&v);
	v = unpack_hex("db000000020378", AEROSPIKE_OK);
	ck_assert_str_eq(v.u.str, "x");
	as_value_destroy(&v);
	v = unpack_hex("dd0000000101", AEROSPIKE_OK);
	ck_assert_uint_eq(v.u.list->size, 1);
	as_value_destroy(&v);
	v = unpack_hex("de00010102", AEROSPIKE_OK);
	ck_assert_uint_eq(v.u.map->size, 1);
	as_value_destroy(&v);
	/* signed widths */
	v = unpack_hex("d2ffffffff", AEROSPIKE_OK);
	ck_assert_int_eq(v.u.i, -1);
	v = unpack_hex("d3fffffffffffffffe", AEROSPIKE_OK);
	ck_assert_int_eq(v.u.i, -2);
}
END_TEST

START_TEST(malformed)
{
	as_value v;

	v = unpack_hex("", AEROSPIKE_ERR_CLIENT);
	v = unpack_hex("c1", AEROSPIKE_ERR_CLIENT);
	/* counts larger than the input are refused before allocating */
	v = unpack_hex("ddffffffff", AEROSPIKE_ERR_CLIENT);
	v = unpack_hex("dfffffffff", AEROSPIKE_ERR_CLIENT);
	v = unpack_hex("dbffffffff03", AEROSPIKE_ERR_CLIENT);
	v = unpack_hex("c6ffffffff00", AEROSPIKE_ERR_CLIENT);
	/* a map missing its last value */
	v = unpack_hex("82010203", AEROSPIKE_ERR_CLIENT);
	/* the failing element of a list frees what was built */
	v = unpack_hex("93a20361a20362c1", AEROSPIKE_ERR_CLIENT);
	v = unpack_hex("82a20361a20362a20363c1", AEROSPIKE_ERR_CLIENT);
	ck_assert_uint_eq(v.type, AS_NIL);
}
END_TEST

START_TEST(used_stops_at_object_end)
{
	static const uint8_t two[] = { 0x05, 0x06 };
	as_value v;
	as_error err;
	size_t used = 0;

	ck_assert_int_eq(as_msgpack_unpack(two, 2, &v, &used, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(used, 1);
	ck_assert_int_eq(v.u.i, 5);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("msgpack");
	TCase *tc = tcase_create("msgpack");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, integers, 0, (int)(sizeof INTS / sizeof INTS[0]));
	tcase_add_test(tc, documented_encodings);
	tcase_add_test(tc, nested_capture);
	tcase_add_test(tc, scalars_round_trip);
	tcase_add_test(tc, containers_round_trip);
	tcase_add_test(tc, depth_limit);
	tcase_add_test(tc, ext_headers);
	tcase_add_test(tc, foreign_encodings);
	tcase_add_test(tc, malformed);
	tcase_add_test(tc, used_stops_at_object_end);
	suite_add_tcase(s, tc);
	return s;
}
