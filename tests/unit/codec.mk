# tests/unit: codec (encoders, reader, as_msg decode, msgpack, info)
codec_test_programs = tests/unit/test_encode tests/unit/test_decode tests/unit/test_reader \
	tests/unit/test_msgpack tests/unit/test_info tests/unit/test_bit_requests
check_PROGRAMS += $(codec_test_programs)
TESTS += $(codec_test_programs)
tests_unit_test_encode_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_encode_LDADD = $(TEST_LIBS)
tests_unit_test_decode_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_decode_LDADD = $(TEST_LIBS)
tests_unit_test_reader_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_reader_LDADD = $(TEST_LIBS)
tests_unit_test_msgpack_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_msgpack_LDADD = $(TEST_LIBS)
tests_unit_test_info_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_info_LDADD = $(TEST_LIBS)
tests_unit_test_bit_requests_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_bit_requests_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/unit/test_cdt_requests
TESTS += tests/unit/test_cdt_requests
tests_unit_test_cdt_requests_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_cdt_requests_LDADD = $(TEST_LIBS)
