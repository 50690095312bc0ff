/* Bit operations end to end: the client's encoders (bit_operations.h)
 * against minispike's engine, through as_operate and its future. The
 * reply has one entry per op (a modify op's is nil), so the record may
 * hold bin "b" more than once: the last one is the command's answer. */
#include <check.h>
#include <string.h>
#include <aerofuture/aerofuture.h>
#include "common/check_main.h"
#include "common/ms_client.h"

static ms_proc ms;
static as_client *client;
static as_key key;

static void put_blob(const uint8_t *p, size_t len)
{
	as_record *r = as_record_new(2);
	as_error err;
	as_future *f;

	as_record_set_bytes(r, "b", p, len);
	as_record_set_str(r, "s", "hello");
	f = as_put(client, NULL, &key, r);
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_OK);
	as_future_release(f);
	as_record_destroy(r);
}

/* Run ops (destroyed); the status, and the last bin "b" of the record
 * into *out (a copy; nil when absent or on failure). */
static as_status run(as_operations *ops, as_value *out)
{
	as_future *f = as_operate(client, NULL, &key, ops);
	const as_record *rec;
	as_error err;
	as_status rc = as_future_wait(f, &err);

	*out = as_value_nil();
	if (rc == AEROSPIKE_OK && (rec = as_future_record(f)) != NULL) {
		for (uint16_t i = rec->n_bins; i-- > 0;)
			if (strcmp(rec->bins[i].name, "b") == 0) {
				*out = as_value_copy(&rec->bins[i].value);
				break;
			}
	}
	as_future_release(f);
	as_operations_destroy(ops);
	return rc;
}

static void ck_bytes(const as_value *v, const uint8_t *want, size_t len)
{
	ck_assert_int_eq(v->type, AS_BYTES);
	ck_assert_uint_eq(v->len, len);
	ck_assert(memcmp(v->u.bytes, want, len) == 0);
}

START_TEST(modify_then_read)
{
	static const uint8_t start[] = { 0x01, 0x02, 0x03, 0x04 };
	static const uint8_t ff[] = { 0xff };
	as_operations *ops;
	as_value v;

	client = ms_client_start(&ms, 1, NULL, NULL);
	as_key_init_str(&key, "test", "bits", "k1", NULL);
	put_blob(start, sizeof(start));

	ops = as_operations_new(2);
	ck_assert(as_operations_bit_set(ops, "b", NULL, NULL, 4, 8, 1, ff));
	as_operations_add_read(ops, "b");
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_OK);
	ck_bytes(&v, (const uint8_t[]){ 0x0f, 0xf2, 0x03, 0x04 }, 4);
	as_value_destroy(&v);

	ops = as_operations_new(3);
	ck_assert(as_operations_bit_insert(ops, "b", NULL, NULL, 0, 1, ff));
	ck_assert(as_operations_bit_resize(ops, "b", NULL, NULL, 6, AS_BIT_RESIZE_DEFAULT));
	as_operations_add_read(ops, "b");
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_OK);
	ck_bytes(&v, (const uint8_t[]){ 0xff, 0x0f, 0xf2, 0x03, 0x04, 0x00 }, 6);
	as_value_destroy(&v);

	ops = as_operations_new(2);
	ck_assert(as_operations_bit_add(ops, "b", NULL, NULL, 40, 8, 200, false, AS_BIT_OVERFLOW_FAIL));
	ck_assert(as_operations_bit_get_int(ops, "b", NULL, 40, 8, true));
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_OK);
	ck_assert_int_eq(v.type, AS_INTEGER);
	ck_assert_int_eq(v.u.i, 200 - 256);

	ops = as_operations_new(1);
	ck_assert(as_operations_bit_count(ops, "b", NULL, 0, 48));
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_OK);
	ck_assert_int_eq(v.type, AS_INTEGER);
	ck_assert_int_eq(v.u.i, 8 + 4 + 5 + 2 + 1 + 3);  /* ff 0f f2 03 04 c8 */

	ops = as_operations_new(1);
	ck_assert(as_operations_bit_get(ops, "b", NULL, 4, 12));
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_OK);
	ck_bytes(&v, (const uint8_t[]){ 0xf0, 0xf0 }, 2);
	as_value_destroy(&v);
	ms_client_stop(&ms, client);
}
END_TEST

START_TEST(refusals_reach_the_future)
{
	static const uint8_t start[] = { 0xff };
	as_operations *ops;
	as_bit_policy pol;
	as_value v;

	client = ms_client_start(&ms, 1, NULL, NULL);
	as_key_init_str(&key, "test", "bits", "k2", NULL);
	put_blob(start, sizeof(start));

	ops = as_operations_new(1);
	ck_assert(as_operations_bit_add(ops, "b", NULL, NULL, 0, 8, 1, false, AS_BIT_OVERFLOW_FAIL));
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	ops = as_operations_new(1);
	ck_assert(as_operations_bit_get(ops, "b", NULL, 4, 8));
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	ops = as_operations_new(1);
	ck_assert(as_operations_bit_get(ops, "s", NULL, 0, 8));
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE);
	ops = as_operations_new(1);
	ck_assert(as_operations_bit_not(ops, "nobin", NULL, NULL, 0, 8));
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_ERR_BIN_NOT_FOUND);

	/* NO_FAIL: the refused op leaves the blob and the command succeeds */
	as_bit_policy_init(&pol);
	as_bit_policy_set_write_flags(&pol, AS_BIT_WRITE_NO_FAIL);
	ops = as_operations_new(2);
	ck_assert(as_operations_bit_add(ops, "b", NULL, &pol, 0, 8, 1, false, AS_BIT_OVERFLOW_FAIL));
	as_operations_add_read(ops, "b");
	ck_assert_int_eq(run(ops, &v), AEROSPIKE_OK);
	ck_bytes(&v, start, 1);
	as_value_destroy(&v);
	ms_client_stop(&ms, client);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("bits");
	TCase *tc = tcase_create("operate");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, modify_then_read);
	tcase_add_test(tc, refusals_reach_the_future);
	suite_add_tcase(s, tc);
	return s;
}
