/* as_status_str and as_error. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/error.h>
#include <aerofuture/status.h>

#include "common/check_main.h"

START_TEST(test_status_names)
{
	ck_assert_str_eq(as_status_str(AEROSPIKE_OK), "AEROSPIKE_OK");
	ck_assert_str_eq(as_status_str(AEROSPIKE_ERR_RECORD_NOT_FOUND), "AEROSPIKE_ERR_RECORD_NOT_FOUND");
	ck_assert_str_eq(as_status_str(AEROSPIKE_ERR_PARAM), "AEROSPIKE_ERR_PARAM");
	ck_assert_str_eq(as_status_str(AEROSPIKE_ERR_BATCH_QUEUES_FULL), "AEROSPIKE_ERR_BATCH_QUEUES_FULL");
	ck_assert_str_eq(as_status_str(AEROSPIKE_ERR_GEO_INVALID_GEOJSON), "AEROSPIKE_ERR_GEO_INVALID_GEOJSON");
	ck_assert_str_eq(as_status_str(AEROSPIKE_ERR_QUERY_ABORTED), "AEROSPIKE_ERR_QUERY_ABORTED");
	ck_assert_str_eq(as_status_str(AEROSPIKE_ERR_BIN_NAME), "AEROSPIKE_ERR_BIN_NAME");
	ck_assert_str_eq(as_status_str(AEROSPIKE_ERR_TIMEOUT), "AEROSPIKE_ERR_TIMEOUT");
	ck_assert_str_eq(as_status_str((as_status)-100), "AEROSPIKE_ERR_UNKNOWN");
	ck_assert_str_eq(as_status_str((as_status)29), "AEROSPIKE_ERR_UNKNOWN");
	ck_assert_str_eq(as_status_str((as_status)1000), "AEROSPIKE_ERR_UNKNOWN");

	/* Every code from -13 to 210 that has a name gets a distinct one starting with AEROSPIKE_. */
	int named = 0;
	for (int c = -20; c <= 300; c++) {
		const char *s = as_status_str((as_status)c);
		ck_assert_ptr_nonnull(s);
		ck_assert_msg(strncmp(s, "AEROSPIKE_", 10) == 0, "code %d: %s", c, s);
		if (strcmp(s, "AEROSPIKE_ERR_UNKNOWN") != 0) {
			named++;
			for (int d = -20; d < c; d++)
				ck_assert_msg(strcmp(s, as_status_str((as_status)d)) != 0, "codes %d and %d share %s", d, c, s);
		}
	}
	ck_assert_int_eq(named, 52);  /* every member of as_status */
}
END_TEST

START_TEST(test_error)
{
	as_error err;
	memset(&err, 0x55, sizeof err);
	as_error_reset(&err);
	ck_assert_int_eq(err.code, AEROSPIKE_OK);
	ck_assert_str_eq(err.message, "");
	ck_assert(!err.in_doubt);
	as_error_reset(NULL);

	err.in_doubt = true;
	ck_assert_int_eq(as_error_set(&err, AEROSPIKE_ERR_PARAM, "bin '%s' is %d bytes", "x", 3), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "bin 'x' is 3 bytes");
	ck_assert(!err.in_doubt);
	ck_assert_int_eq(as_error_set(NULL, AEROSPIKE_ERR_TIMEOUT, "x"), AEROSPIKE_ERR_TIMEOUT);

	/* Truncated, still terminated. */
	char big[1000];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	as_error_set(&err, AEROSPIKE_ERR_CLIENT, "%s", big);
	ck_assert_uint_eq(strlen(err.message), AS_ERROR_MESSAGE_MAX - 1);

	as_error copy;
	as_error_reset(&copy);
	err.in_doubt = true;
	as_error_copy(&copy, &err);
	ck_assert_int_eq(copy.code, AEROSPIKE_ERR_CLIENT);
	ck_assert(copy.in_doubt);
	ck_assert_str_eq(copy.message, err.message);
	as_error_copy(NULL, &err);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("status");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_status_names);
	tcase_add_test(tc, test_error);
	suite_add_tcase(s, tc);
	return s;
}
