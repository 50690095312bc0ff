# tests/unit: futures and loops. The sources are compiled into the tests so
# they do not depend on the rest of libaerofuture.
check_PROGRAMS += tests/unit/test_future tests/unit/test_loop
TESTS += tests/unit/test_future tests/unit/test_loop

tests_unit_test_future_SOURCES = tests/unit/test_future.c $(af_future_sources) $(af_loop_sources)
tests_unit_test_future_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_future_LDADD = $(TEST_LIBS)

tests_unit_test_loop_SOURCES = tests/unit/test_loop.c $(af_loop_sources)
tests_unit_test_loop_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_loop_LDADD = $(TEST_LIBS)
