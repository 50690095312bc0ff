/* minispike's expressions against the captures of a real Aerospike server
 * (reference/cdt): every filt_* and expop_* case is replayed step by step
 * through ms_frame_handle() on a fresh server and every reply frame must be
 * the captured one, except what depends on the instance: the generation
 * (counted from the case's first write), the record's void time in the
 * header, and the values of the time-based metadata reads (void time,
 * last update, since update) of expop_read_meta, which are checked for
 * plausibility instead. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/buffer.h"
#include "codec/proto.h"
#include "codec/reader.h"
#include "server/minispike.h"
#include "common/check_main.h"
#include "common/hex.h"
#include "common/reference.h"

#define MAX_CASES 128
/* The filter and expression-op cases README.txt lists (38 + 13). */
#define EXPECTED_CASES 51
#define GEN_AT (AS_PROTO_HEADER_SIZE + 6)
#define VOID_AT (AS_PROTO_HEADER_SIZE + 10)

static char *cases[MAX_CASES];
static int n_cases;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_exp_case(const char *name)
{
	size_t n = strlen(name);

	return (strncmp(name, "filt_", 5) == 0 || strncmp(name, "expop_", 6) == 0) && n > 8 &&
	       strcmp(name + n - 8, ".req.hex") == 0;
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
		if (is_exp_case(e->d_name))
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
	s->now_cf = as_now_cf();  /* metadata times are checked against the clock */
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

/* Time-based metadata values: blank them in both frames after checking
 * ours is plausible (nanoseconds after 2020, or ms since the update). */
static void blank_time_values(uint8_t *ours, uint8_t *captured, size_t len)
{
	size_t at = AS_PROTO_HEADER_SIZE + AS_MSG_HEADER_SIZE;
	uint16_t n_ops;

	if (len < at)
		return;
	n_ops = (uint16_t)(ours[AS_PROTO_HEADER_SIZE + 20] << 8 | ours[AS_PROTO_HEADER_SIZE + 21]);
	for (uint16_t i = 0; i < n_ops && at + 8 <= len; i++) {
		uint32_t sz = get_u32(ours + at);
		uint8_t nl = ours[at + 7];
		const char *name = (const char *)ours + at + 8;
		size_t val = at + 8 + nl, vlen = at + 4 + sz - val;

		if (at + 4 + sz > len)
			return;
		if ((nl == 2 && memcmp(name, "vt", 2) == 0) || (nl == 3 && memcmp(name, "lut", 3) == 0) ||
		    (nl == 2 && memcmp(name, "su", 2) == 0)) {
			uint64_t v = 0;

			ck_assert_uint_eq(vlen, 8);
			for (int k = 0; k < 8; k++)
				v = v << 8 | ours[val + k];
			if (name[0] == 's')
				ck_assert_uint_lt(v, 60000);
			else
				ck_assert_uint_gt(v, 1577836800ull * 1000000000ull);
			memset(ours + val, 0, vlen);
			memset(captured + val, 0, vlen);
		}
		at += 4 + sz;
	}
}

static void replay(const char *name)
{
	char path[256], why[256];
	ref_frames req, res;
	as_buffer out;
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
		ck_assert_msg(out.len == res.len[i], "%s step %zu: %zu reply bytes, captured %zu", name, i + 1,
		              out.len, res.len[i]);
		if (out.len >= VOID_AT + 4) {
			/* the captured void time counts from the capture's clock */
			memset(out.data + VOID_AT, 0, 4);
			memset(res.data[i] + VOID_AT, 0, 4);
		}
		blank_time_values(out.data, res.data[i], out.len);
		for (size_t k = 0; k < out.len; k++)
			ck_assert_msg(out.data[k] == res.data[i][k], "%s step %zu: reply byte %zu is %02x, captured %02x",
			              name, i + 1, k, out.data[k], res.data[i][k]);
	}
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

START_TEST(all_cases_found)
{
	ck_assert_msg(ref_dir() != NULL, "AS_REFERENCE_DIR is not set to the reference data");
	ck_assert_int_eq(n_cases, EXPECTED_CASES);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("ms_exp");
	TCase *tc = tcase_create("captures");

	find_cases();
	tcase_add_test(tc, all_cases_found);
	tcase_add_loop_test(tc, captured_case, 0, n_cases);
	suite_add_tcase(s, tc);
	return s;
}
