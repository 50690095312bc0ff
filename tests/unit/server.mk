# tests/unit: minispike's request handler, driven without sockets
check_PROGRAMS += tests/unit/test_handler
TESTS += tests/unit/test_handler
tests_unit_test_handler_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_handler_LDADD = libminispike.la $(TEST_LIBS)
