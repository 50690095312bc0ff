# client integration tests (Check) against minispike
client_test_programs = tests/integration/test_client tests/integration/test_multi \
	tests/integration/test_faults tests/integration/test_attach
check_PROGRAMS += $(client_test_programs)
TESTS += $(client_test_programs)
tests_integration_test_client_CFLAGS = $(TEST_CLIENT_CFLAGS)
tests_integration_test_client_LDADD = $(TEST_CLIENT_LIBS)
tests_integration_test_multi_CFLAGS = $(TEST_CLIENT_CFLAGS)
tests_integration_test_multi_LDADD = $(TEST_CLIENT_LIBS)
tests_integration_test_faults_CFLAGS = $(TEST_CLIENT_CFLAGS)
tests_integration_test_faults_LDADD = $(TEST_CLIENT_LIBS)
tests_integration_test_attach_CFLAGS = $(TEST_CLIENT_CFLAGS)
tests_integration_test_attach_LDADD = $(TEST_CLIENT_LIBS)
# list and map operations end to end (values, order, return types, contexts, errors)
check_PROGRAMS += tests/integration/test_cdt
TESTS += tests/integration/test_cdt
tests_integration_test_cdt_CFLAGS = $(TEST_CLIENT_CFLAGS) $(JANSSON_CFLAGS)
tests_integration_test_cdt_LDADD = $(TEST_CLIENT_LIBS) $(JANSSON_LIBS)

# bit operations end to end against minispike
check_PROGRAMS += tests/integration/test_bits
TESTS += tests/integration/test_bits
tests_integration_test_bits_CFLAGS = $(TEST_CLIENT_CFLAGS)
tests_integration_test_bits_LDADD = $(TEST_CLIENT_LIBS)
