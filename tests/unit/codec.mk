# tests/unit: codec (encoders, reader, as_msg decode, msgpack, info)
codec_test_programs = tests/unit/test_encode tests/unit/test_decode tests/unit/test_reader \
	tests/unit/test_msgpack tests/unit/test_info
check_PROGRAMS += $(codec_test_programs)
TESTS += $(codec_test_programs)

tests_unit_test_encode_SOURCES = tests/unit/test_encode.c tests/unit/reference.c tests/unit/reference.h
tests_unit_test_encode_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_encode_LDADD = $(TEST_LIBS)

tests_unit_test_decode_SOURCES = tests/unit/test_decode.c tests/unit/reference.c tests/unit/reference.h
tests_unit_test_decode_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_decode_LDADD = $(TEST_LIBS)

tests_unit_test_reader_SOURCES = tests/unit/test_reader.c
tests_unit_test_reader_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_reader_LDADD = $(TEST_LIBS)

tests_unit_test_msgpack_SOURCES = tests/unit/test_msgpack.c tests/unit/reference.c tests/unit/reference.h
tests_unit_test_msgpack_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_msgpack_LDADD = $(TEST_LIBS)

tests_unit_test_info_SOURCES = tests/unit/test_info.c tests/unit/reference.c tests/unit/reference.h
tests_unit_test_info_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_info_LDADD = $(TEST_LIBS)
