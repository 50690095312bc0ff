# tests/unit: futures and loops, linked with the library's internal archive
# (static: only the objects they use are pulled in).
future_test_programs = tests/unit/test_future tests/unit/test_loop
check_PROGRAMS += $(future_test_programs)
TESTS += $(future_test_programs)
tests_unit_test_future_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_future_LDADD = $(TEST_INTERNAL_LIBS)
tests_unit_test_loop_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_loop_LDADD = $(TEST_INTERNAL_LIBS)
