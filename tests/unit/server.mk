# tests/unit: minispike's request handler, driven without sockets
check_PROGRAMS += tests/unit/test_handler
TESTS += tests/unit/test_handler

tests_unit_test_handler_SOURCES = tests/unit/test_handler.c tests/unit/reference.c tests/unit/reference.h
# server headers by their folder ("server/minispike.h")
tests_unit_test_handler_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)
tests_unit_test_handler_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_handler_LDADD = libminispike.la $(TEST_LIBS)
