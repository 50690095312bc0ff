/* as_operations: adders, bad names, validation. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/operations.h>
#include <aerofuture/record.h>

#include "common/check_main.h"

START_TEST(test_adders)
{
	as_operations *ops = as_operations_new(0);
	ck_assert_uint_eq(ops->ttl, AS_TTL_CLIENT_DEFAULT);
	ck_assert_uint_eq(ops->gen, 0);
	ck_assert_ptr_null(ops->invalid);
	ck_assert(as_operations_add_incr(ops, "i", 5));
	ck_assert(as_operations_add_append_str(ops, "s", "!"));
	ck_assert(as_operations_add_prepend_str(ops, "s", ">"));
	ck_assert(as_operations_add_read(ops, "i"));
	ck_assert(as_operations_add_write(ops, "l", as_value_list(NULL)));
	ck_assert(as_operations_add_write_int(ops, "w", 100));
	ck_assert(as_operations_add_write_str(ops, "ws", "text"));
	ck_assert(as_operations_add_write_double(ops, "wd", 2.5));
	ck_assert(as_operations_add_incr_double(ops, "d", 0.5));
	ck_assert(as_operations_add_read_all(ops));
	ck_assert(as_operations_add_touch(ops));
	ck_assert(as_operations_add_delete(ops));
	ck_assert_uint_eq(ops->n_ops, 12);

	const as_op *o = ops->ops;
	ck_assert_int_eq(o[0].op, AS_OPERATOR_INCR);
	ck_assert_str_eq(o[0].bin, "i");
	ck_assert_int_eq(o[0].value.type, AS_INTEGER);
	ck_assert_int_eq(o[0].value.u.i, 5);
	ck_assert_int_eq(o[1].op, AS_OPERATOR_APPEND);
	ck_assert_str_eq(o[1].value.u.str, "!");
	ck_assert_int_eq(o[2].op, AS_OPERATOR_PREPEND);
	ck_assert_str_eq(o[2].value.u.str, ">");
	ck_assert_int_eq(o[3].op, AS_OPERATOR_READ);
	ck_assert_str_eq(o[3].bin, "i");
	ck_assert_int_eq(o[3].value.type, AS_NIL);
	ck_assert_int_eq(o[4].op, AS_OPERATOR_WRITE);
	ck_assert_int_eq(o[4].value.type, AS_LIST);
	ck_assert_int_eq(o[5].value.u.i, 100);
	ck_assert_str_eq(o[6].value.u.str, "text");
	ck_assert(o[7].value.u.d == 2.5);
	ck_assert_int_eq(o[8].op, AS_OPERATOR_INCR);
	ck_assert_int_eq(o[8].value.type, AS_DOUBLE);
	ck_assert_int_eq(o[9].op, AS_OPERATOR_READ);
	ck_assert_str_eq(o[9].bin, "");
	ck_assert_int_eq(o[10].op, AS_OPERATOR_TOUCH);
	ck_assert_str_eq(o[10].bin, "");
	ck_assert_int_eq(o[10].value.type, AS_NIL);
	ck_assert_int_eq(o[11].op, AS_OPERATOR_DELETE);
	ck_assert_str_eq(o[11].bin, "");
	ck_assert_int_eq(as_operations_validate(ops, NULL), AEROSPIKE_OK);
	as_operations_destroy(ops);
	as_operations_destroy(NULL);
}
END_TEST

START_TEST(test_empty_and_bad)
{
	as_error err;
	as_operations *ops = as_operations_new(4);
	ck_assert_int_eq(as_operations_validate(ops, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "no operations");
	ck_assert(as_operations_add_read(ops, "fifteen_chars_x"));
	ck_assert_int_eq(as_operations_validate(ops, &err), AEROSPIKE_OK);
	/* A stolen value is destroyed when the name is bad. */
	ck_assert(!as_operations_add_write(ops, "sixteen_chars_xx", as_value_str("freed")));
	ck_assert(!as_operations_add_read(ops, NULL));  /* not a read-all */
	ck_assert(!as_operations_add_incr(ops, "", 1));
	ck_assert_uint_eq(ops->n_ops, 1);
	ck_assert_str_eq(ops->invalid, "bin name 'sixteen_chars_xx' is 16 bytes, the limit is 15");
	ck_assert_int_eq(as_operations_validate(ops, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "bin name 'sixteen_chars_xx' is 16 bytes, the limit is 15");
	as_operations_destroy(ops);

	ops = as_operations_new(0);
	ck_assert(!as_operations_add_read(ops, NULL));
	ck_assert_str_eq(ops->invalid, "bin name is NULL");
	as_operations_destroy(ops);

	ck_assert_int_eq(as_operations_validate(NULL, &err), AEROSPIKE_ERR_PARAM);
	ck_assert(!as_operations_add_write(NULL, "x", as_value_str("freed")));
	ck_assert(!as_operations_add_touch(NULL));
}
END_TEST

START_TEST(test_full)
{
	as_operations *ops = as_operations_new(0);
	for (int i = 0; i < UINT16_MAX; i++)
		ck_assert(as_operations_add_touch(ops));
	ck_assert_uint_eq(ops->n_ops, UINT16_MAX);
	ck_assert(!as_operations_add_write_str(ops, "x", "freed"));
	ck_assert_uint_eq(ops->n_ops, UINT16_MAX);
	ck_assert_ptr_nonnull(ops->invalid);
	ck_assert_int_eq(as_operations_validate(ops, NULL), AEROSPIKE_ERR_PARAM);
	as_operations_destroy(ops);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("operations");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_adders);
	tcase_add_test(tc, test_empty_and_bad);
	tcase_add_test(tc, test_full);
	suite_add_tcase(s, tc);
	return s;
}
