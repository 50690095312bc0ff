# tests/unit: futures and loops, linked with the library's internal archive
# (static: only the objects they use are pulled in).
check_PROGRAMS += tests/unit/test_future tests/unit/test_loop
TESTS += tests/unit/test_future tests/unit/test_loop

tests_unit_test_future_SOURCES = tests/unit/test_future.c
tests_unit_test_future_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_future_LDADD = libafclient.la $(TEST_LIBS)

tests_unit_test_loop_SOURCES = tests/unit/test_loop.c
tests_unit_test_loop_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_loop_LDADD = libafclient.la $(TEST_LIBS)
