/* The incremental frame reader: any split of the byte stream gives the same
 * frames; bad headers are refused before any body is awaited. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "codec/proto.h"
#include "codec/reader.h"
#include "common/check_main.h"

/* A stream of frames with bodies of the given sizes, body byte j of frame
 * i being (i * 31 + j) & 0xff. */
static as_buffer make_stream(const size_t *sizes, size_t n)
{
	as_buffer b;
	size_t i, j;

	as_buffer_init(&b);
	for (i = 0; i < n; i++) {
		uint8_t *p = as_buffer_reserve(&b, AS_PROTO_HEADER_SIZE + sizes[i]);

		as_proto_header_write(p, i % 2 ? AS_PROTO_TYPE_MSG : AS_PROTO_TYPE_INFO, sizes[i]);
		for (j = 0; j < sizes[i]; j++)
			p[AS_PROTO_HEADER_SIZE + j] = (uint8_t)(i * 31 + j);
		b.len += AS_PROTO_HEADER_SIZE + sizes[i];
	}
	return b;
}

static void check_frame(const as_frame *f, size_t i, size_t size)
{
	size_t j;

	ck_assert_uint_eq(f->type, i % 2 ? AS_PROTO_TYPE_MSG : AS_PROTO_TYPE_INFO);
	ck_assert_uint_eq(f->len, size);
	for (j = 0; j < size; j++)
		ck_assert_uint_eq(f->body[j], (uint8_t)(i * 31 + j));
}

static const size_t SIZES[] = { 22, 0, 1, 300, 5, 70000, 22, 7, 0, 4096 };
#define N_SIZES (sizeof SIZES / sizeof SIZES[0])

START_TEST(random_splits)
{
	as_buffer s = make_stream(SIZES, N_SIZES);
	unsigned seed = 12345u + (unsigned)_i;
	as_reader r;
	as_frame f;
	as_error err;
	size_t off = 0, got = 0;
	int rc;

	as_reader_init(&r);
	while (off < s.len) {
		/* chunk sizes from 1 byte up to a few frames */
		size_t max = _i % 3 == 0 ? 3 : _i % 3 == 1 ? 64 : 100000;
		size_t n = 1 + (size_t)rand_r(&seed) % max;

		if (n > s.len - off)
			n = s.len - off;
		if (rand_r(&seed) % 2) {
			as_reader_feed(&r, s.data + off, n);
		} else {
			size_t avail;
			uint8_t *dst = as_reader_space(&r, n, &avail);

			ck_assert_uint_ge(avail, n);
			memcpy(dst, s.data + off, n);
			as_reader_commit(&r, n);
		}
		off += n;
		while ((rc = as_reader_next(&r, &f, &err)) == 1) {
			ck_assert_uint_lt(got, N_SIZES);
			check_frame(&f, got, SIZES[got]);
			got++;
		}
		ck_assert_int_eq(rc, 0);
	}
	ck_assert_uint_eq(got, N_SIZES);
	ck_assert_uint_eq(as_reader_pending(&r), 0);
	as_reader_free(&r);
	as_buffer_free(&s);
}
END_TEST

START_TEST(whole_and_pending)
{
	as_buffer s = make_stream(SIZES, N_SIZES);
	as_reader r;
	as_frame f;
	as_error err;
	size_t i;

	as_reader_init(&r);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 0);
	/* all but the last byte: every frame but the last comes out */
	as_reader_feed(&r, s.data, s.len - 1);
	for (i = 0; i + 1 < N_SIZES; i++) {
		ck_assert_int_eq(as_reader_next(&r, &f, &err), 1);
		check_frame(&f, i, SIZES[i]);
	}
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 0);
	ck_assert_uint_eq(as_reader_pending(&r), AS_PROTO_HEADER_SIZE + SIZES[N_SIZES - 1] - 1);
	as_reader_feed(&r, s.data + s.len - 1, 1);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 1);
	check_frame(&f, N_SIZES - 1, SIZES[N_SIZES - 1]);
	ck_assert_uint_eq(as_reader_pending(&r), 0);
	/* reset forgets a partial frame */
	as_reader_feed(&r, s.data, 5);
	ck_assert_uint_eq(as_reader_pending(&r), 5);
	as_reader_reset(&r);
	ck_assert_uint_eq(as_reader_pending(&r), 0);
	as_reader_feed(&r, s.data, AS_PROTO_HEADER_SIZE + SIZES[0]);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 1);
	check_frame(&f, 0, SIZES[0]);
	as_reader_free(&r);
	as_buffer_free(&s);
}
END_TEST

static int next_of(const uint8_t hdr[8], as_error *err)
{
	as_reader r;
	as_frame f;
	int rc;

	as_reader_init(&r);
	as_reader_feed(&r, hdr, 8);
	rc = as_reader_next(&r, &f, err);
	as_reader_free(&r);
	return rc;
}

START_TEST(bad_headers)
{
	uint8_t h[8];
	as_error err;
	uint8_t type;
	uint64_t size;

	/* larger than 128 MiB */
	as_proto_header_write(h, AS_PROTO_TYPE_MSG, (uint64_t)AS_PROTO_MAX_SIZE + 1);
	ck_assert_int_eq(next_of(h, &err), -1);
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_CLIENT);
	as_proto_header_write(h, AS_PROTO_TYPE_MSG, 0xffffffffffffULL);
	ck_assert_int_eq(next_of(h, &err), -1);
	/* exactly the limit is a valid header (needs more bytes) */
	ck_assert_int_eq(as_proto_header_read(h, &type, &size, &err), AEROSPIKE_ERR_CLIENT);
	as_proto_header_write(h, AS_PROTO_TYPE_MSG, AS_PROTO_MAX_SIZE);
	ck_assert_int_eq(as_proto_header_read(h, &type, &size, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(size, AS_PROTO_MAX_SIZE);
	ck_assert_uint_eq(type, AS_PROTO_TYPE_MSG);
	/* bad version */
	as_proto_header_write(h, AS_PROTO_TYPE_MSG, 22);
	h[0] = 3;
	ck_assert_int_eq(next_of(h, &err), -1);
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_CLIENT);
	/* bad types */
	as_proto_header_write(h, 0, 22);
	ck_assert_int_eq(next_of(h, &err), -1);
	as_proto_header_write(h, 5, 22);
	ck_assert_int_eq(next_of(h, &err), -1);
	/* all four types are accepted */
	for (type = AS_PROTO_TYPE_INFO; type <= AS_PROTO_TYPE_COMPRESSED; type++) {
		as_proto_header_write(h, type, 22);
		ck_assert_int_eq(next_of(h, &err), 0);
	}
}
END_TEST

START_TEST(bad_header_after_good_frame)
{
	size_t sizes[1] = { 3 };
	as_buffer s = make_stream(sizes, 1);
	uint8_t bad[8];
	as_reader r;
	as_frame f;
	as_error err;

	as_proto_header_write(bad, AS_PROTO_TYPE_MSG, 1);
	bad[0] = 9;
	as_reader_init(&r);
	as_reader_feed(&r, s.data, s.len);
	as_reader_feed(&r, bad, sizeof bad);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 1);
	check_frame(&f, 0, 3);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), -1);
	/* the stream stays broken */
	ck_assert_int_eq(as_reader_next(&r, &f, &err), -1);
	as_reader_free(&r);
	as_buffer_free(&s);
}
END_TEST

START_TEST(huge_header_reserves_little)
{
	/* a header alone announcing 100 MiB must not make the reader reserve it */
	uint8_t h[AS_PROTO_HEADER_SIZE];
	as_reader r;
	as_frame f;
	as_error err;
	size_t avail;

	as_proto_header_write(h, AS_PROTO_TYPE_MSG, 100u << 20);
	as_reader_init(&r);
	as_reader_feed(&r, h, sizeof h);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 0);
	ck_assert_uint_le(r.buf.cap, 2u << 20);
	as_reader_space(&r, 1, &avail);
	ck_assert_uint_le(avail, 2u << 20);
	as_reader_free(&r);
}
END_TEST

START_TEST(large_frame_room)
{
	/* after a header announcing a big body, one space() call can take it */
	size_t sizes[1] = { 1u << 20 };
	as_buffer s = make_stream(sizes, 1);
	as_reader r;
	as_frame f;
	as_error err;
	size_t avail;
	uint8_t *dst;

	as_reader_init(&r);
	as_reader_feed(&r, s.data, AS_PROTO_HEADER_SIZE);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 0);
	dst = as_reader_space(&r, 1, &avail);
	ck_assert_uint_ge(avail, sizes[0]);
	memcpy(dst, s.data + AS_PROTO_HEADER_SIZE, sizes[0]);
	as_reader_commit(&r, sizes[0]);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 1);
	check_frame(&f, 0, sizes[0]);
	as_reader_free(&r);
	as_buffer_free(&s);
}
END_TEST

START_TEST(buffer_basics)
{
	as_buffer b;

	as_buffer_init(&b);
	as_buffer_append(&b, "hello", 5);
	as_buffer_append(&b, " world", 6);
	ck_assert_uint_eq(b.len, 11);
	ck_assert_uint_ge(b.cap, 11);
	as_buffer_consume(&b, 6);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_mem_eq(b.data, "world", 5);
	as_buffer_consume(&b, 99);
	ck_assert_uint_eq(b.len, 0);
	as_buffer_free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.cap, 0);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("reader");
	TCase *tc = tcase_create("reader");

	tcase_add_loop_test(tc, random_splits, 0, 30);
	tcase_add_test(tc, whole_and_pending);
	tcase_add_test(tc, bad_headers);
	tcase_add_test(tc, bad_header_after_good_frame);
	tcase_add_test(tc, large_frame_room);
	tcase_add_test(tc, huge_header_reserves_little);
	tcase_add_test(tc, buffer_basics);
	suite_add_tcase(s, tc);
	return s;
}
