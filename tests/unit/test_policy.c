/* Policy defaults and validation. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/policy.h>

#include "common/check_main.h"

static void check_base(const as_policy_base *b, uint32_t total, uint32_t socket, uint32_t retries)
{
	ck_assert_uint_eq(b->total_timeout, total);
	ck_assert_uint_eq(b->socket_timeout, socket);
	ck_assert_uint_eq(b->max_retries, retries);
	ck_assert_uint_eq(b->sleep_between_retries, 0);
}

START_TEST(test_defaults)
{
	as_policies p;
	memset(&p, 0xa5, sizeof p);  /* init must set every field */
	ck_assert_ptr_eq(as_policies_init(&p), &p);
	check_base(&p.read.base, 1000, 30000, 2);
	ck_assert_int_eq(p.read.key, AS_POLICY_KEY_DIGEST);
	ck_assert_int_eq(p.read.replica, AS_POLICY_REPLICA_SEQUENCE);
	check_base(&p.write.base, 1000, 30000, 0);
	ck_assert_int_eq(p.write.key, AS_POLICY_KEY_DIGEST);
	ck_assert_int_eq(p.write.exists, AS_POLICY_EXISTS_UPDATE);
	ck_assert_int_eq(p.write.gen, AS_POLICY_GEN_IGNORE);
	ck_assert_uint_eq(p.write.ttl, 0);
	ck_assert(!p.write.durable_delete);
	check_base(&p.remove.base, 1000, 30000, 0);
	ck_assert_int_eq(p.remove.gen, AS_POLICY_GEN_IGNORE);
	ck_assert_uint_eq(p.remove.generation, 0);
	ck_assert(!p.remove.durable_delete);
	check_base(&p.operate.base, 1000, 30000, 0);
	ck_assert_int_eq(p.operate.exists, AS_POLICY_EXISTS_UPDATE);
	ck_assert_int_eq(p.operate.replica, AS_POLICY_REPLICA_SEQUENCE);
	ck_assert_uint_eq(p.operate.ttl, 0);
	ck_assert(!p.operate.respond_all_ops);
	ck_assert(!p.operate.durable_delete);
	check_base(&p.batch.base, 1000, 30000, 2);
	ck_assert(p.batch.allow_inline);
	check_base(&p.scan.base, 0, 30000, 0);
	ck_assert_uint_eq(p.scan.max_records, 0);
	ck_assert_uint_eq(p.scan.records_per_second, 0);
	ck_assert_uint_eq(p.info.timeout, 1000);

	ck_assert_int_eq(as_policy_read_validate(&p.read, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_policy_write_validate(&p.write, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_policy_remove_validate(&p.remove, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_policy_operate_validate(&p.operate, NULL), AEROSPIKE_OK);

	as_policy_read r;
	ck_assert_ptr_eq(as_policy_read_init(&r), &r);
	as_policy_info i;
	ck_assert_ptr_eq(as_policy_info_init(&i), &i);
}
END_TEST

START_TEST(test_validate_enums)
{
	as_error err;
	as_policy_write w;
	as_policy_write_init(&w);
	w.exists = (as_policy_exists)9;
	ck_assert_int_eq(as_policy_write_validate(&w, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "write policy: exists action 9 is not an as_policy_exists value");
	w.exists = AS_POLICY_EXISTS_CREATE_OR_REPLACE;
	ck_assert_int_eq(as_policy_write_validate(&w, &err), AEROSPIKE_OK);
	w.gen = (as_policy_gen)3;
	ck_assert_int_eq(as_policy_write_validate(&w, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "write policy: gen 3 is not an as_policy_gen value");
	w.gen = AS_POLICY_GEN_GT;
	w.key = (as_policy_key)-1;
	ck_assert_int_eq(as_policy_write_validate(&w, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "write policy: key -1 is not an as_policy_key value");

	as_policy_read r;
	as_policy_read_init(&r);
	r.replica = (as_policy_replica)2;
	ck_assert_int_eq(as_policy_read_validate(&r, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "read policy: replica 2 is not an as_policy_replica value");
	r.replica = AS_POLICY_REPLICA_MASTER;
	r.key = AS_POLICY_KEY_SEND;
	ck_assert_int_eq(as_policy_read_validate(&r, &err), AEROSPIKE_OK);

	as_policy_remove rm;
	as_policy_remove_init(&rm);
	rm.gen = (as_policy_gen)7;
	ck_assert_int_eq(as_policy_remove_validate(&rm, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "remove policy: gen 7 is not an as_policy_gen value");
	rm.gen = AS_POLICY_GEN_EQ;
	ck_assert_int_eq(as_policy_remove_validate(&rm, &err), AEROSPIKE_OK);

	as_policy_operate o;
	as_policy_operate_init(&o);
	o.exists = (as_policy_exists)5;
	ck_assert_int_eq(as_policy_operate_validate(&o, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "operate policy: exists action 5 is not an as_policy_exists value");
	o.exists = AS_POLICY_EXISTS_UPDATE_ONLY;
	o.replica = (as_policy_replica)4;
	ck_assert_int_eq(as_policy_operate_validate(&o, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "operate policy: replica 4 is not an as_policy_replica value");

	ck_assert_int_eq(as_policy_write_validate(NULL, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_str_eq(err.message, "write policy is NULL");
	ck_assert_int_eq(as_policy_read_validate(NULL, NULL), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_policy_remove_validate(NULL, NULL), AEROSPIKE_ERR_PARAM);
	ck_assert_int_eq(as_policy_operate_validate(NULL, NULL), AEROSPIKE_ERR_PARAM);
}
END_TEST

START_TEST(test_validate_combinations)
{
	as_error err;
	as_policy_write w;
	as_policy_write_init(&w);
	w.exists = AS_POLICY_EXISTS_CREATE_ONLY;
	w.gen = AS_POLICY_GEN_EQ;
	ck_assert_int_eq(as_policy_write_validate(&w, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "CREATE_ONLY"));
	w.gen = AS_POLICY_GEN_IGNORE;
	ck_assert_int_eq(as_policy_write_validate(&w, &err), AEROSPIKE_OK);

	as_policy_operate o;
	as_policy_operate_init(&o);
	o.exists = AS_POLICY_EXISTS_CREATE_ONLY;
	o.gen = AS_POLICY_GEN_GT;
	ck_assert_int_eq(as_policy_operate_validate(&o, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "operate policy"));

	/* Retries that could never run. */
	as_policy_read r;
	as_policy_read_init(&r);
	r.base.sleep_between_retries = 1000;
	ck_assert_int_eq(as_policy_read_validate(&r, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "sleep_between_retries 1000 ms"));
	r.base.sleep_between_retries = 999;
	ck_assert_int_eq(as_policy_read_validate(&r, &err), AEROSPIKE_OK);
	r.base.sleep_between_retries = 5000;
	r.base.max_retries = 0;  /* no retries: the pause is irrelevant */
	ck_assert_int_eq(as_policy_read_validate(&r, &err), AEROSPIKE_OK);
	r.base.max_retries = 2;
	r.base.total_timeout = 0;  /* no deadline */
	ck_assert_int_eq(as_policy_read_validate(&r, &err), AEROSPIKE_OK);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_validate_enums);
	tcase_add_test(tc, test_validate_combinations);
	suite_add_tcase(s, tc);
	return s;
}
