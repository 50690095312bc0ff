# client integration tests (Check) against minispike
check_PROGRAMS += tests/integration/test_client
TESTS += tests/integration/test_client
tests_integration_test_client_SOURCES = tests/integration/test_client.c \
	tests/integration/ms_proc.c tests/integration/ms_proc.h
tests_integration_test_client_CFLAGS = $(TEST_CFLAGS) -UAS_BUILDING_LIBRARY
tests_integration_test_client_LDADD = libaerofuture.la $(CHECK_LIBS) $(DEP_LIBS)
