/* minispike's bit operations: every bit_* case of reference/cdt replayed
 * step by step through ms_frame_handle() on a fresh server, each reply
 * frame byte for byte the captured one (generations counted from the
 * case's first write, as in test_ms_cdt.c); then the engine
 * (ms_bit_eval) on what the captures do not cover: negative and
 * out-of-range offsets, huge sizes, wrong argument types, policy flags,
 * empty and missing blobs, every overflow action. */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/proto.h"
#include "codec/reader.h"
#include "server/minispike.h"
#include "server/bits.h"
#include "common/check_main.h"
#include "common/hex.h"
#include "common/reference.h"

#define MAX_CASES 256
/* The bit cases of reference/cdt (notes.txt section 5). */
#define EXPECTED_CASES 26
/* Offset of the generation in a reply frame: proto header, then the
 * as_msg header's size, info1..3, unused and result code bytes. */
#define GEN_AT (AS_PROTO_HEADER_SIZE + 6)

static char *cases[MAX_CASES];
static int n_cases;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_bit_case(const char *name)
{
	size_t n = strlen(name);

	return strncmp(name, "bit_", 4) == 0 && n > 8 && strcmp(name + n - 8, ".req.hex") == 0;
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
		if (is_bit_case(e->d_name))
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

/* ---- the engine ---- */

#define MiB (1024 * 1024)

static as_value L(int n, ...)
{
	as_list *l = as_list_new((uint32_t)n);
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		as_list_append(l, va_arg(ap, as_value));
	va_end(ap);
	return as_value_list(l);
}

static as_value I(int64_t i)
{
	return as_value_int(i);
}

/* A blob from hex ("" is the empty blob). */
static as_value H(const char *hex)
{
	uint8_t buf[64];
	long n = hex_decode(hex, strlen(hex), buf, sizeof(buf));

	ck_assert_int_ge(n, 0);
	return as_value_bytes(buf, (size_t)n);
}

static void ck_blob(const as_value *v, const char *hex, int line)
{
	as_value want = H(hex);

	ck_assert_msg(v->type == AS_BYTES, "line %d: type %d, not a blob", line, v->type);
	ck_assert_msg(as_value_equal(v, &want), "line %d: blob differs from %s (len %u)", line, hex, v->len);
	as_value_destroy(&want);
}

/* Run payload (consumed) on *bin; *res gets the result. */
static int run(as_value *bin, as_value payload, bool modify, as_value *res, bool *changed)
{
	int rc = ms_bit_eval(bin, &payload, modify, res, changed);

	as_value_destroy(&payload);
	return rc;
}

/* Modify blob `start` with payload: result code rc and blob `end` after
 * (NULL: the bin stays absent). start NULL: the bin is absent. */
static void mod(const char *start, as_value payload, int rc, const char *end, int line)
{
	as_value bin = start ? H(start) : as_value_nil(), res;
	bool changed;
	int got = run(&bin, payload, true, &res, &changed);

	ck_assert_msg(got == rc, "line %d: result %d, expected %d", line, got, rc);
	ck_assert_msg(res.type == AS_NIL, "line %d: a modify op has no value", line);
	if (end == NULL) {
		ck_assert_msg(bin.type == AS_NIL, "line %d: bin created", line);
	} else {
		ck_blob(&bin, end, line);
		if (start == NULL || strcmp(start, end) != 0)
			ck_assert_msg(changed, "line %d: change not reported", line);
	}
	/* a refusal (or NO_FAIL) changes nothing; an op that ran may
	 * rewrite the blob with the same bytes (saturation at the bound) */
	if (got != AEROSPIKE_OK)
		ck_assert_msg(!changed, "line %d: reported a change that did not happen", line);
	as_value_destroy(&bin);
}

/* Read op on blob `start`: rc and, on success, the integer result. */
static void rd_int(const char *start, as_value payload, int rc, int64_t want, int line)
{
	as_value bin = H(start), res;
	bool changed;
	int got = run(&bin, payload, false, &res, &changed);

	ck_assert_msg(got == rc, "line %d: result %d, expected %d", line, got, rc);
	ck_assert_msg(!changed, "line %d: a read changed the bin", line);
	ck_blob(&bin, start, line);
	if (rc == AEROSPIKE_OK) {
		ck_assert_msg(res.type == AS_INTEGER, "line %d: result type %d", line, res.type);
		ck_assert_msg(res.u.i == want, "line %d: result %lld, expected %lld", line, (long long)res.u.i,
		              (long long)want);
	} else {
		ck_assert_msg(res.type == AS_NIL, "line %d: a failed read has a value", line);
	}
	as_value_destroy(&res);
	as_value_destroy(&bin);
}

static void rd_blob(const char *start, as_value payload, const char *want, int line)
{
	as_value bin = H(start), res;
	bool changed;

	ck_assert_int_eq(run(&bin, payload, false, &res, &changed), AEROSPIKE_OK);
	ck_blob(&res, want, line);
	as_value_destroy(&res);
	as_value_destroy(&bin);
}

#define MOD(s, p, rc, e) mod((s), (p), (rc), (e), __LINE__)
#define RDI(s, p, rc, w) rd_int((s), (p), (rc), (w), __LINE__)
#define RDB(s, p, w) rd_blob((s), (p), (w), __LINE__)
#define OK AEROSPIKE_OK
#define BAD AEROSPIKE_ERR_REQUEST_INVALID
#define NA AEROSPIKE_ERR_OP_NOT_APPLICABLE

START_TEST(negative_offsets)
{
	RDB("01020304", L(3, I(50), I(-8), I(8)), "04");
	RDB("01020304", L(3, I(50), I(-12), I(8)), "30");
	RDI("01020304", L(3, I(50), I(-33), I(8)), BAD, 0);  /* before the start */
	MOD("01020304", L(4, I(3), I(-4), I(4), H("a0")), OK, "0102030a");
	MOD("01020304", L(3, I(1), I(-1), H("ff")), OK, "010203ff04");
	MOD("01020304", L(3, I(2), I(-2), I(2)), OK, "0102");
	/* no blob to count back from */
	MOD(NULL, L(3, I(1), I(-1), H("ff")), BAD, NULL);
}
END_TEST

START_TEST(out_of_range)
{
	RDI("01020304", L(3, I(51), I(32), I(1)), NA, 0);
	RDI("01020304", L(3, I(51), I(31), I(2)), NA, 0);
	RDI("01020304", L(3, I(54), I(0), I(33)), NA, 0);
	RDI("01020304", L(3, I(54), I(0), I(65)), BAD, 0);  /* integers are 64 bits at most */
	MOD("01020304", L(5, I(3), I(32), I(8), H("ff"), I(0)), NA, "01020304");
	MOD("01020304", L(5, I(3), I(32), I(8), H("ff"), I(4)), OK, "01020304");    /* NO_FAIL */
	MOD("01020304", L(5, I(3), I(28), I(8), H("ff"), I(0)), NA, "01020304");
	MOD("01020304", L(5, I(3), I(28), I(8), H("ff"), I(8)), OK, "0102030f");    /* PARTIAL */
	MOD("01020304", L(4, I(7), I(24), I(16), I(8)), OK, "010203fb");
	MOD("01020304", L(5, I(8), I(28), I(8), I(1), I(8)), OK, "01020308");
	/* byte ops refuse with 4, not 26 */
	MOD("01020304", L(3, I(2), I(4), I(1)), BAD, "01020304");
	MOD("01020304", L(4, I(2), I(4), I(1), I(4)), OK, "01020304");
	MOD("01020304", L(3, I(2), I(3), I(2)), BAD, "01020304");
	MOD("01020304", L(4, I(2), I(3), I(2), I(8)), OK, "010203");
	/* integer ops have no PARTIAL: out of range is 26, the flag is 4 */
	MOD("01020304", L(5, I(10), I(28), I(8), I(1), I(0)), NA, "01020304");
	MOD("01020304", L(5, I(10), I(28), I(8), I(1), I(8)), BAD, "01020304");
	MOD("01020304", L(5, I(12), I(28), I(8), I(1), I(4)), OK, "01020304");
	/* insert past the end pads with zeros */
	MOD("0102", L(3, I(1), I(4), H("ff")), OK, "01020000ff");
}
END_TEST

START_TEST(huge_sizes)
{
	/* the server's bound is its largest message (128 MiB); nothing that
	 * size is allocated to refuse it */
	MOD("01", L(2, I(0), I(128 * MiB + 1)), BAD, "01");
	MOD("01", L(2, I(0), I(128 * MiB)), BAD, "01");
	MOD("01", L(3, I(1), I(128 * MiB - 1), H("ff")), BAD, "01");
	MOD("01", L(3, I(1), I(128 * MiB + 1), H("ff")), BAD, "01");
	MOD("01", L(3, I(2), I(0), I(128 * MiB + 1)), BAD, "01");
	MOD(NULL, L(2, I(0), I(128 * MiB)), BAD, NULL);
	RDI("01", L(3, I(51), I(0), I((int64_t)1 << 40)), BAD, 0);
	RDI("01", L(3, I(51), I(0), I(-1)), BAD, 0);
	RDI("01", L(3, I(51), I((int64_t)1 << 40), I(1)), BAD, 0);
	MOD("01", L(4, I(8), I(0), I(8), I((int64_t)128 * MiB * 8 + 1)), BAD, "01");
	MOD("01", L(4, I(8), I(0), I(8), I(-1)), BAD, "01");
	/* a shift of the whole range or more clears it */
	MOD("ff", L(4, I(8), I(0), I(8), I(8)), OK, "00");
	MOD("ff", L(4, I(9), I(0), I(8), I(100)), OK, "00");
}
END_TEST

START_TEST(wrong_argument_types)
{
	as_value bin = H("01020304"), res, p;
	bool changed;

	MOD("01020304", L(4, I(3), as_value_str("x"), I(8), H("ff")), BAD, "01020304");
	MOD("01020304", L(4, I(3), I(0), I(8), I(255)), BAD, "01020304");  /* bytes as an integer */
	MOD("01020304", L(4, I(3), I(0), I(8), H("")), BAD, "01020304");  /* empty bytes */
	MOD("01020304", L(4, I(3), I(0), I(16), H("ff")), BAD, "01020304");  /* fewer bits than named */
	MOD("01020304", L(4, I(3), I(0), as_value_double(8.0), H("ff")), BAD, "01020304");
	MOD("01020304", L(5, I(10), I(0), I(8), I(1), as_value_str("0")), BAD, "01020304");
	MOD("01020304", L(1, as_value_str("0")), BAD, "01020304");
	MOD("01020304", L(0), BAD, "01020304");
	MOD("01020304", I(0), BAD, "01020304");
	MOD("01020304", L(2, I(13), I(0)), BAD, "01020304");  /* no such modify op */
	MOD("01020304", L(3, I(50), I(0), I(8)), BAD, "01020304");  /* a read code as modify */
	RDI("01020304", L(2, I(0), I(2)), BAD, 0);  /* a modify code as read */
	RDI("01020304", L(4, I(52), I(0), I(8), I(1)), BAD, 0);  /* scan value is a bool */
	RDI("01020304", L(3, I(52), I(0), I(8)), BAD, 0);  /* too few */
	RDI("01020304", L(4, I(51), I(0), I(8), I(0)), BAD, 0);  /* too many */
	RDI("01020304", L(4, I(54), I(0), I(8), I(2)), BAD, 0);  /* unknown int flag */
	RDI("01020304", L(3, I(54), I(0), I(0)), BAD, 0);
	RDI("01020304", L(3, I(51), I(0), I(0)), BAD, 0);
	/* flags an op does not take, and contradictions */
	MOD("01020304", L(5, I(6), I(0), I(8), H("ff"), I(1)), BAD, "01020304");
	MOD("01020304", L(3, I(0), I(2), I(3)), BAD, "01020304");
	MOD("01020304", L(4, I(0), I(2), I(0), I(6)), BAD, "01020304");
	MOD("01020304", L(4, I(0), I(2), I(0), I(8)), BAD, "01020304");
	MOD("01020304", L(6, I(10), I(0), I(8), I(1), I(0), I(6)), BAD, "01020304");
	MOD("01020304", L(6, I(10), I(0), I(8), I(1), I(0), I(8)), BAD, "01020304");
	MOD("01020304", L(4, I(2), I(0), I(1), I(16)), BAD, "01020304");
	MOD("01020304", L(7, I(10), I(0), I(8), I(1), I(0), I(0), I(0)), BAD, "01020304");

	/* a bin that is not a blob: 12, after the payload was found sound */
	as_value_destroy(&bin);
	bin = as_value_int(7);
	p = L(3, I(50), I(0), I(8));
	ck_assert_int_eq(ms_bit_eval(&bin, &p, false, &res, &changed), AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE);
	as_value_destroy(&p);
	p = L(5, I(3), I(0), I(8), H("ff"), I(0));
	ck_assert_int_eq(ms_bit_eval(&bin, &p, true, &res, &changed), AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE);
	ck_assert(!changed && bin.type == AS_INTEGER && bin.u.i == 7);
	as_value_destroy(&p);
	p = L(2, I(3), I(0));
	ck_assert_int_eq(ms_bit_eval(&bin, &p, true, &res, &changed), AEROSPIKE_ERR_REQUEST_INVALID);
	as_value_destroy(&p);
}
END_TEST

START_TEST(empty_and_missing_blobs)
{
	as_value bin = as_value_nil(), res, p = L(3, I(50), I(0), I(8));
	bool changed = true;

	/* a read of a missing bin has no value and no error */
	ck_assert_int_eq(ms_bit_eval(&bin, &p, false, &res, &changed), AEROSPIKE_OK);
	ck_assert(res.type == AS_NIL && bin.type == AS_NIL && !changed);
	as_value_destroy(&p);

	RDI("", L(3, I(51), I(0), I(1)), NA, 0);
	RDI("", L(3, I(50), I(-1), I(1)), BAD, 0);
	MOD("", L(2, I(0), I(2)), OK, "0000");
	MOD("", L(3, I(1), I(0), H("ab")), OK, "ab");
	MOD("", L(4, I(3), I(0), I(8), H("ff")), NA, "");
	MOD("0102", L(2, I(0), I(0)), OK, "");
	/* only resize and insert create a blob */
	MOD(NULL, L(2, I(0), I(3)), OK, "000000");
	MOD(NULL, L(4, I(0), I(3), I(0), I(1)), OK, "000000");
	MOD(NULL, L(3, I(1), I(2), H("ff")), OK, "0000ff");
	MOD(NULL, L(2, I(0), I(0)), OK, NULL);
	MOD(NULL, L(4, I(3), I(0), I(8), H("ff")), AEROSPIKE_ERR_BIN_NOT_FOUND, NULL);
	MOD(NULL, L(5, I(3), I(0), I(8), H("ff"), I(4)), OK, NULL);
	MOD(NULL, L(3, I(0), I(3), I(2)), AEROSPIKE_ERR_BIN_NOT_FOUND, NULL);
	MOD(NULL, L(3, I(0), I(3), I(6)), OK, NULL);
	/* CREATE_ONLY on a bin that exists */
	MOD("01", L(3, I(0), I(3), I(1)), AEROSPIKE_ERR_BIN_EXISTS, "01");
	MOD("01", L(3, I(0), I(3), I(5)), OK, "01");
	MOD("01", L(3, I(0), I(3), I(2)), OK, "010000");  /* UPDATE_ONLY */
}
END_TEST

START_TEST(resize_flags)
{
	MOD("0102", L(4, I(0), I(4), I(0), I(1)), OK, "00000102");  /* from front */
	MOD("0102", L(4, I(0), I(1), I(0), I(0)), OK, "01");
	MOD("0102", L(4, I(0), I(1), I(0), I(2)), BAD, "0102");     /* grow only */
	MOD("0102", L(4, I(0), I(1), I(4), I(2)), OK, "0102");
	MOD("0102", L(4, I(0), I(3), I(0), I(2)), OK, "010200");
	MOD("0102", L(4, I(0), I(3), I(0), I(4)), BAD, "0102");     /* shrink only */
	MOD("0102", L(4, I(0), I(3), I(4), I(4)), OK, "0102");
	MOD("0102", L(4, I(0), I(2), I(0), I(4)), OK, "0102");      /* same size: nothing */
}
END_TEST

START_TEST(bitwise_and_shifts)
{
	MOD("0f0f", L(4, I(3), I(4), I(8), H("a5")), OK, "0a5f");
	MOD("0f0f", L(4, I(4), I(6), I(4), H("f0")), OK, "0fcf");
	MOD("0f0f", L(4, I(4), I(2), I(4), H("f0")), OK, "3f0f");
	MOD("0f0f", L(4, I(5), I(0), I(16), H("ffff")), OK, "f0f0");
	MOD("0f0f", L(4, I(6), I(0), I(12), H("5555")), OK, "050f");
	MOD("0f0f", L(3, I(7), I(4), I(8)), OK, "00ff");
	MOD("0f0f", L(4, I(8), I(4), I(8), I(2)), OK, "0c0f");
	MOD("0f0f", L(4, I(9), I(4), I(8), I(2)), OK, "03cf");
	MOD("8001", L(4, I(9), I(0), I(16), I(15)), OK, "0001");
	MOD("8001", L(4, I(8), I(0), I(16), I(15)), OK, "8000");
	/* a longer value uses only the bits named */
	MOD("0000", L(4, I(3), I(0), I(4), H("ffff")), OK, "f000");
}
END_TEST

START_TEST(scans_and_counts)
{
	RDI("00000000", L(4, I(52), I(0), I(32), as_value_bool(true)), OK, -1);
	RDI("ffffffff", L(4, I(53), I(0), I(32), as_value_bool(false)), OK, -1);
	RDI("01020304", L(4, I(52), I(8), I(24), as_value_bool(true)), OK, 6);
	RDI("01020304", L(4, I(53), I(0), I(16), as_value_bool(true)), OK, 14);
	RDI("01020304", L(4, I(52), I(0), I(8), as_value_bool(false)), OK, 0);
	RDI("fffe", L(4, I(52), I(0), I(16), as_value_bool(false)), OK, 15);
	RDI("ffff", L(3, I(51), I(3), I(10)), OK, 10);
	RDI("01020304", L(3, I(54), I(4), I(8)), OK, 0x10);
	RDI("ffffffffffffffff", L(4, I(54), I(0), I(64), I(1)), OK, -1);
	RDI("ffffffffffffffff", L(3, I(54), I(0), I(64)), OK, -1);  /* all 64 bits: the same bits */
	RDI("8000000000000000", L(4, I(54), I(0), I(64), I(1)), OK, INT64_MIN);
	RDI("f0", L(4, I(54), I(0), I(4), I(1)), OK, -1);
	RDI("70", L(4, I(54), I(0), I(4), I(1)), OK, 7);
	RDB("01020304", L(3, I(50), I(1), I(9)), "0200");
	RDB("ffff", L(3, I(50), I(3), I(3)), "e0");
}
END_TEST

START_TEST(integer_overflow)
{
	/* unsigned: fail, saturate, wrap */
	MOD("00", L(6, I(11), I(0), I(8), I(1), I(0), I(0)), NA, "00");
	MOD("00", L(6, I(11), I(0), I(8), I(1), I(4), I(0)), OK, "00");  /* NO_FAIL */
	MOD("00", L(6, I(11), I(0), I(8), I(1), I(0), I(2)), OK, "00");
	MOD("05", L(6, I(11), I(0), I(8), I(9), I(0), I(2)), OK, "00");
	MOD("00", L(6, I(11), I(0), I(8), I(1), I(0), I(4)), OK, "ff");
	MOD("f0", L(6, I(10), I(0), I(8), I(32), I(0), I(2)), OK, "ff");
	MOD("f0", L(6, I(10), I(0), I(8), I(32), I(0), I(4)), OK, "10");
	/* signed */
	MOD("7f", L(6, I(10), I(0), I(8), I(1), I(0), I(1)), NA, "7f");
	MOD("7f", L(6, I(10), I(0), I(8), I(1), I(0), I(3)), OK, "7f");
	MOD("80", L(6, I(10), I(0), I(8), I(-1), I(0), I(3)), OK, "80");
	MOD("80", L(6, I(10), I(0), I(8), I(-1), I(0), I(1)), NA, "80");
	MOD("80", L(6, I(11), I(0), I(8), I(1), I(0), I(3)), OK, "80");
	MOD("7f", L(6, I(11), I(0), I(8), I(-1), I(0), I(3)), OK, "7f");
	MOD("ff", L(6, I(10), I(0), I(8), I(1), I(0), I(1)), OK, "00");  /* -1 + 1 */
	MOD("7f", L(6, I(10), I(0), I(8), I(1), I(0), I(5)), OK, "80");
	/* a 4-bit field inside a byte keeps the bits around it */
	MOD("a5", L(6, I(10), I(2), I(4), I(3), I(0), I(0)), OK, "b1");
	MOD("ff", L(6, I(10), I(2), I(4), I(1), I(0), I(4)), OK, "c3");
	/* 64 bits: SET_INT then ADD at the edge */
	MOD("0000000000000000", L(4, I(12), I(0), I(64), I(-2)), OK, "fffffffffffffffe");
	MOD("fffffffffffffffe", L(6, I(10), I(0), I(64), I(1), I(0), I(0)), OK, "ffffffffffffffff");
	MOD("ffffffffffffffff", L(6, I(10), I(0), I(64), I(1), I(0), I(0)), NA, "ffffffffffffffff");
	MOD("7fffffffffffffff", L(6, I(10), I(0), I(64), I(1), I(0), I(3)), OK, "7fffffffffffffff");
	/* SET_INT keeps only the low bits of the value */
	MOD("0000", L(4, I(12), I(4), I(8), I(0x1ff)), OK, "0ff0");
}
END_TEST

/* ---- the request path, from captured frames with one field changed ---- */

/* Offsets in the captured bit requests (namespace "test", set "cap_cdt",
 * a digest, then the op) and in a reply frame. */
#define REQ_INFO2 (AS_PROTO_HEADER_SIZE + 2)
#define REQ_OP_PARTICLE 81
#define REQ_OP_NAME 84
#define RES_CODE (AS_PROTO_HEADER_SIZE + 5)
#define RES_N_OPS (AS_PROTO_HEADER_SIZE + 20)
#define RES_OP1_PARTICLE (AS_PROTO_HEADER_SIZE + 22 + 5)

static void load_case(const char *name, ref_frames *req)
{
	char path[256], why[256];

	snprintf(path, sizeof(path), "cdt/%s.req.hex", name);
	ck_assert_msg(ref_load_frames(path, req, why, sizeof(why)), "%s", why);
	ck_assert_uint_eq(req->n, 2);
}

/* Step 2 of `name` with byte `at` set to v (and at2 to v2 unless at2 is
 * 0), after step 1 unless skip_setup; returns the reply's result code,
 * *out the reply. */
static unsigned patched2(const char *name, bool skip_setup, size_t at, uint8_t v, size_t at2, uint8_t v2,
                         as_buffer *out)
{
	ms_server *s = srv_new();
	ref_frames req;

	load_case(name, &req);
	out->len = 0;
	if (!skip_setup)
		handle_frame(s, req.data[0], req.len[0], out);
	out->len = 0;
	ck_assert_uint_gt(req.len[1], at);
	req.data[1][at] = v;
	if (at2 != 0)
		req.data[1][at2] = v2;
	handle_frame(s, req.data[1], req.len[1], out);
	ref_frames_free(&req);
	srv_free(s);
	ck_assert_uint_ge(out->len, AS_PROTO_HEADER_SIZE + 22);
	return out->data[RES_CODE];
}

static unsigned patched(const char *name, bool skip_setup, size_t at, uint8_t v, as_buffer *out)
{
	return patched2(name, skip_setup, at, v, 0, 0, out);
}

START_TEST(request_edges)
{
	as_buffer out;
	ref_frames req;

	as_buffer_init(&out);
	load_case("bit_set", &req);
	ck_assert_uint_eq(req.data[1][REQ_OP_PARTICLE], 4);
	ck_assert_uint_eq(req.data[1][REQ_OP_NAME], 'b');
	ck_assert_uint_eq(req.data[1][REQ_INFO2], 0x81);
	ref_frames_free(&req);

	/* the payload must travel as a blob particle */
	ck_assert_uint_eq(patched("bit_set", false, REQ_OP_PARTICLE, 3, &out), AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE);
	/* a modify op in a command that does not write */
	ck_assert_uint_eq(patched("bit_set", false, REQ_INFO2, 0x80, &out), AEROSPIKE_ERR_REQUEST_INVALID);
	/* a modify of a missing bin (set cannot create one) */
	ck_assert_uint_eq(patched("bit_set", false, REQ_OP_NAME, 'c', &out), AEROSPIKE_ERR_BIN_NOT_FOUND);
	/* a read of a missing record */
	ck_assert_uint_eq(patched("bit_get", true, REQ_INFO2, 0x80, &out), AEROSPIKE_ERR_RECORD_NOT_FOUND);
	/* a read of a missing bin: a NULL entry under RESPOND_ALL_OPS ... */
	ck_assert_uint_eq(patched("bit_get", false, REQ_OP_NAME, 'c', &out), AEROSPIKE_OK);
	ck_assert_uint_eq(out.data[RES_N_OPS + 1], 1);
	ck_assert_uint_eq(out.data[RES_OP1_PARTICLE], 0);
	/* ... and nothing without it */
	ck_assert_uint_eq(patched2("bit_get", false, REQ_OP_NAME, 'c', REQ_INFO2, 0x00, &out), AEROSPIKE_OK);
	ck_assert_uint_eq(out.data[RES_N_OPS + 1], 0);
	ck_assert_uint_eq(patched("bit_get", false, REQ_INFO2, 0x00, &out), AEROSPIKE_OK);
	ck_assert_uint_eq(out.data[RES_N_OPS + 1], 1);
	ck_assert_uint_eq(out.data[RES_OP1_PARTICLE], AS_BYTES);
	/* a modify answers nothing without RESPOND_ALL_OPS: only the READ */
	ck_assert_uint_eq(patched("bit_insert", false, REQ_INFO2, 0x01, &out), AEROSPIKE_OK);
	ck_assert_uint_eq(out.data[RES_N_OPS + 1], 1);
	ck_assert_uint_eq(out.data[RES_OP1_PARTICLE], AS_BYTES);
	as_buffer_free(&out);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("ms_bits");
	TCase *tc = tcase_create("captures");
	TCase *te = tcase_create("engine");

	find_cases();
	tcase_add_test(tc, all_cases_found);
	tcase_add_loop_test(tc, captured_case, 0, n_cases);
	suite_add_tcase(s, tc);
	tcase_add_test(te, negative_offsets);
	tcase_add_test(te, out_of_range);
	tcase_add_test(te, huge_sizes);
	tcase_add_test(te, wrong_argument_types);
	tcase_add_test(te, empty_and_missing_blobs);
	tcase_add_test(te, resize_flags);
	tcase_add_test(te, bitwise_and_shifts);
	tcase_add_test(te, scans_and_counts);
	tcase_add_test(te, integer_overflow);
	tcase_add_test(te, request_edges);
	suite_add_tcase(s, te);
	return s;
}
