# tests/unit: model layer (keys and digests, values, records, operations,
# policies, status strings and errors, JSON, the block recycler)
model_test_programs = tests/unit/test_key tests/unit/test_value tests/unit/test_record \
	tests/unit/test_operations tests/unit/test_policy tests/unit/test_status tests/unit/test_json \
	tests/unit/test_recycle
check_PROGRAMS += $(model_test_programs)
TESTS += $(model_test_programs)
tests_unit_test_key_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_key_LDADD = $(TEST_LIBS)
tests_unit_test_value_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_value_LDADD = $(TEST_LIBS)
tests_unit_test_record_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_record_LDADD = $(TEST_LIBS)
tests_unit_test_operations_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_operations_LDADD = $(TEST_LIBS)
tests_unit_test_policy_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_policy_LDADD = $(TEST_LIBS)
tests_unit_test_status_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_status_LDADD = $(TEST_LIBS)
tests_unit_test_json_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_json_LDADD = $(TEST_LIBS)
tests_unit_test_recycle_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_recycle_LDADD = $(TEST_LIBS)

# The exported-symbol check covers the whole shared library.
TESTS += tests/unit/test_symbols.sh
EXTRA_DIST += tests/unit/test_symbols.sh

# Every public function fed bad input (NULLs, empty and overlong names,
# unknown enum values, NULL futures, a client on a closed port or closed):
# each must fail with a clear error, not crash or hang. Links the whole
# client library, as the commands are part of the surface.
check_PROGRAMS += tests/unit/test_bad_input
TESTS += tests/unit/test_bad_input
tests_unit_test_bad_input_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_bad_input_LDADD = $(TEST_INTERNAL_LIBS)
