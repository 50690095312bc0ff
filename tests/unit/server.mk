# tests/unit: minispike's request handler, driven without sockets
check_PROGRAMS += tests/unit/test_handler
TESTS += tests/unit/test_handler
tests_unit_test_handler_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_handler_LDADD = libminispike.la $(TEST_LIBS)

# tests/unit: minispike's collection (CDT) ops against the captures
check_PROGRAMS += tests/unit/test_ms_cdt
TESTS += tests/unit/test_ms_cdt
tests_unit_test_ms_cdt_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ms_cdt_LDADD = libminispike.la $(TEST_LIBS)

# tests/unit: the CDT engine on edge cases the captures do not cover
check_PROGRAMS += tests/unit/test_ms_cdt_eval
TESTS += tests/unit/test_ms_cdt_eval
tests_unit_test_ms_cdt_eval_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ms_cdt_eval_LDADD = libminispike.la $(TEST_LIBS)

# tests/unit: minispike's GeoJSON validation on write
check_PROGRAMS += tests/unit/test_ms_geojson
TESTS += tests/unit/test_ms_geojson
tests_unit_test_ms_geojson_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ms_geojson_LDADD = libminispike.la $(TEST_LIBS)

# tests/unit: minispike's HyperLogLog ops against the captures, and edge cases
check_PROGRAMS += tests/unit/test_ms_hll
TESTS += tests/unit/test_ms_hll
tests_unit_test_ms_hll_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ms_hll_LDADD = libminispike.la $(TEST_LIBS)

# tests/unit: minispike's bit operations against the captures, and edge cases
check_PROGRAMS += tests/unit/test_ms_bits
TESTS += tests/unit/test_ms_bits
tests_unit_test_ms_bits_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ms_bits_LDADD = libminispike.la $(TEST_LIBS)

# tests/unit: minispike's expressions (filters, exp ops) against the captures
check_PROGRAMS += tests/unit/test_ms_exp
TESTS += tests/unit/test_ms_exp
tests_unit_test_ms_exp_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ms_exp_LDADD = libminispike.la $(TEST_LIBS)

# tests/unit: the expression evaluator's edge cases, batch and scan filters
check_PROGRAMS += tests/unit/test_ms_exp_eval
TESTS += tests/unit/test_ms_exp_eval
tests_unit_test_ms_exp_eval_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ms_exp_eval_LDADD = libminispike.la $(TEST_LIBS)
