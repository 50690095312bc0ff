# client integration tests (Check) against minispike
client_test_programs = tests/integration/test_client tests/integration/test_multi \
	tests/integration/test_faults tests/integration/test_attach
check_PROGRAMS += $(client_test_programs)
TESTS += $(client_test_programs)
# minispike as a child process, talked to over raw info requests
MS_PROC_SOURCES = tests/integration/ms_proc.c tests/integration/ms_proc.h
tests_integration_test_client_SOURCES = tests/integration/test_client.c $(MS_PROC_SOURCES)
tests_integration_test_client_CFLAGS = $(TEST_CLIENT_CFLAGS)
tests_integration_test_client_LDADD = $(TEST_CLIENT_LIBS)
tests_integration_test_multi_SOURCES = tests/integration/test_multi.c $(MS_PROC_SOURCES)
tests_integration_test_multi_CFLAGS = $(TEST_CLIENT_CFLAGS)
tests_integration_test_multi_LDADD = $(TEST_CLIENT_LIBS)
tests_integration_test_faults_SOURCES = tests/integration/test_faults.c $(MS_PROC_SOURCES)
tests_integration_test_faults_CFLAGS = $(TEST_CLIENT_CFLAGS)
tests_integration_test_faults_LDADD = $(TEST_CLIENT_LIBS)
tests_integration_test_attach_SOURCES = tests/integration/test_attach.c $(MS_PROC_SOURCES)
tests_integration_test_attach_CFLAGS = $(TEST_CLIENT_CFLAGS)
tests_integration_test_attach_LDADD = $(TEST_CLIENT_LIBS)
