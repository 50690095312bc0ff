# client integration tests (Check) against minispike
check_PROGRAMS += tests/integration/test_client
TESTS += tests/integration/test_client
tests_integration_test_client_SOURCES = tests/integration/test_client.c \
	tests/integration/ms_proc.c tests/integration/ms_proc.h
tests_integration_test_client_CFLAGS = $(TEST_CFLAGS) -UAS_BUILDING_LIBRARY
tests_integration_test_client_LDADD = libaerofuture.la $(CHECK_LIBS) $(DEP_LIBS)

check_PROGRAMS += tests/integration/test_multi
TESTS += tests/integration/test_multi
tests_integration_test_multi_SOURCES = tests/integration/test_multi.c \
	tests/integration/ms_proc.c tests/integration/ms_proc.h
tests_integration_test_multi_CFLAGS = $(TEST_CFLAGS) -UAS_BUILDING_LIBRARY
tests_integration_test_multi_LDADD = libaerofuture.la $(CHECK_LIBS) $(DEP_LIBS)

check_PROGRAMS += tests/integration/test_faults
TESTS += tests/integration/test_faults
tests_integration_test_faults_SOURCES = tests/integration/test_faults.c \
	tests/integration/ms_proc.c tests/integration/ms_proc.h
tests_integration_test_faults_CFLAGS = $(TEST_CFLAGS) -UAS_BUILDING_LIBRARY
tests_integration_test_faults_LDADD = libaerofuture.la $(CHECK_LIBS) $(DEP_LIBS)

check_PROGRAMS += tests/integration/test_attach
TESTS += tests/integration/test_attach
tests_integration_test_attach_SOURCES = tests/integration/test_attach.c \
	tests/integration/ms_proc.c tests/integration/ms_proc.h
tests_integration_test_attach_CFLAGS = $(TEST_CFLAGS) -UAS_BUILDING_LIBRARY
tests_integration_test_attach_LDADD = libaerofuture.la $(CHECK_LIBS) $(DEP_LIBS)
