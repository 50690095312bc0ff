# tests/integration

# minispike over raw sockets (codec only, no client library)
check_PROGRAMS += tests/integration/test_minispike
TESTS += tests/integration/test_minispike
tests_integration_test_minispike_CFLAGS = $(TEST_CFLAGS)
tests_integration_test_minispike_LDADD = $(TEST_LIBS)
