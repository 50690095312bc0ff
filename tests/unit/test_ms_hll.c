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

/* ---- the engine on its own ---- */

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

static as_value S(const char *s)
{
	return as_value_str(s);
}

/* Integers from..to-1 as a list of elements to add. */
static as_value range(int64_t from, int64_t to)
{
	as_list *l = as_list_new((uint32_t)(to - from));

	for (int64_t i = from; i < to; i++)
		as_list_append_int(l, i);
	return as_value_list(l);
}

/* A copy of an HLL bin, as an argument. */
static as_value H(const as_value *bin)
{
	ck_assert_int_eq(bin->type, AS_BYTES);
	return as_value_bytes(bin->u.bytes, bin->len);
}

/* Apply payload (consumed) to *bin; the result goes to *res (the caller
 * destroys it). */
static int run(as_value *bin, as_value payload, bool modify, as_value *res)
{
	bool changed;
	int rc = ms_hll_eval(bin, &payload, modify, res, &changed);

	as_value_destroy(&payload);
	return rc;
}

/* Result code of payload on *bin, the result dropped. */
static int rc_of(as_value *bin, as_value payload, bool modify)
{
	as_value res;
	int rc = run(bin, payload, modify, &res);

	as_value_destroy(&res);
	return rc;
}

static int64_t int_of(as_value *bin, as_value payload, bool modify)
{
	as_value res;

	ck_assert_int_eq(run(bin, payload, modify, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.type, AS_INTEGER);
	return res.u.i;
}

static void assert_describe(as_value *bin, int64_t ib, int64_t mb)
{
	as_value res;

	ck_assert_int_eq(run(bin, L(1, I(55)), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.type, AS_LIST);
	ck_assert_uint_eq(res.u.list->size, 2);
	ck_assert_int_eq(res.u.list->items[0].u.i, ib);
	ck_assert_int_eq(res.u.list->items[1].u.i, mb);
	as_value_destroy(&res);
}

START_TEST(bit_counts)
{
	as_value bin = as_value_nil();

	/* index bits 4..16, minhash 0 or 4..51, together at most 64 */
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(3), I(-1), I(0)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(17), I(-1), I(0)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(3), I(0)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(52), I(0)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(16), I(49), I(0)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), S("8"), I(-1), I(0)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(bin.type, AS_NIL);
	/* creating needs index bits */
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(-1), I(-1), I(0)), true), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	ck_assert_int_eq(rc_of(&bin, L(2, I(1), L(1, S("a"))), true), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	/* the largest sketch: 16 index + 48 minhash bits, 54 bits a register */
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(16), I(48), I(0)), true), AEROSPIKE_OK);
	ck_assert_uint_eq(bin.len, 11 + (54u << 16) / 8);
	assert_describe(&bin, 16, 48);
	/* a re-init keeps what is not given */
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(10), I(-1), I(0)), true), AEROSPIKE_OK);
	assert_describe(&bin, 10, 48);
	ck_assert_int_eq(rc_of(&bin, L(1, I(0)), true), AEROSPIKE_OK);
	assert_describe(&bin, 10, 48);
	as_value_destroy(&bin);
}
END_TEST

START_TEST(bad_payloads_and_types)
{
	as_value bin = as_value_int(1), res;

	/* not an HLL bin */
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(-1), I(0)), true), AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE);
	ck_assert_int_eq(rc_of(&bin, L(1, I(50)), false), AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE);
	ck_assert_int_eq(bin.u.i, 1);
	bin = as_value_nil();
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(-1), I(0)), true), AEROSPIKE_OK);
	ck_assert_int_eq(rc_of(&bin, I(0), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(0), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(1, S("x")), true), AEROSPIKE_ERR_REQUEST_INVALID);
	/* read codes are not modify codes and back; unknown codes */
	ck_assert_int_eq(rc_of(&bin, L(1, I(50)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(1, I(3)), false), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(1, I(5)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(1, I(57)), false), AEROSPIKE_ERR_REQUEST_INVALID);
	/* argument counts */
	ck_assert_int_eq(rc_of(&bin, L(2, I(50), I(1)), false), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(1, I(1)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	/* elements: a non-empty list of scalars */
	ck_assert_int_eq(rc_of(&bin, L(2, I(1), L(0)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(2, I(1), L(1, L(1, I(1)))), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(2, I(1), S("a")), true), AEROSPIKE_ERR_REQUEST_INVALID);
	/* flags: add takes no UPDATE_ONLY; CREATE_ONLY with UPDATE_ONLY; unknown bits */
	ck_assert_int_eq(rc_of(&bin, L(5, I(1), L(1, S("a")), I(-1), I(-1), I(2)), true),
	                 AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(-1), I(3)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(-1), I(16)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(-1), I(-1)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	/* HLL arguments must be whole, valid sketches */
	ck_assert_int_eq(rc_of(&bin, L(2, I(52), as_value_bytes((const uint8_t *)"\0\10\0", 3)), false),
	                 AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(2, I(52), I(7)), false), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(2, I(52), L(0)), false), AEROSPIKE_ERR_REQUEST_INVALID);
	/* a single sketch need not be in a list */
	ck_assert_int_eq(run(&bin, L(2, I(52), H(&bin)), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.u.i, 0);
	/* a stored value of the wrong size is corrupt, never read past */
	bin.len--;
	ck_assert_int_eq(rc_of(&bin, L(1, I(50)), false), AEROSPIKE_ERR_SERVER);
	bin.len++;
	as_value_destroy(&bin);
}
END_TEST

START_TEST(write_flags)
{
	as_value bin = as_value_nil(), res;
	bool changed;
	as_value p;

	/* UPDATE_ONLY on an absent bin: 17, or nothing with NO_FAIL */
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(-1), I(2)), true), AEROSPIKE_ERR_BIN_NOT_FOUND);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(-1), I(6)), true), AEROSPIKE_OK);
	ck_assert_int_eq(bin.type, AS_NIL);
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(-1), I(1)), true), AEROSPIKE_OK);
	ck_assert_int_eq(int_of(&bin, L(2, I(1), L(3, S("a"), S("b"), S("a"))), true), 2);
	/* CREATE_ONLY on an existing bin: 6, or the bin untouched with NO_FAIL */
	ck_assert_int_eq(rc_of(&bin, L(4, I(0), I(8), I(-1), I(1)), true), AEROSPIKE_ERR_BIN_EXISTS);
	p = L(4, I(0), I(8), I(-1), I(5));
	ck_assert_int_eq(ms_hll_eval(&bin, &p, true, &res, &changed), AEROSPIKE_OK);
	as_value_destroy(&p);
	ck_assert(!changed);
	ck_assert_int_eq(int_of(&bin, L(1, I(50)), false), 2);
	ck_assert_int_eq(rc_of(&bin, L(5, I(1), L(1, S("z")), I(8), I(-1), I(1)), true), AEROSPIKE_ERR_BIN_EXISTS);
	/* adding what is there changes no register */
	ck_assert_int_eq(int_of(&bin, L(2, I(1), L(1, S("b"))), true), 0);
	/* refresh and count agree; refresh of an absent bin is 17 */
	ck_assert_int_eq(int_of(&bin, L(1, I(3)), true), 2);
	ck_assert_int_eq(int_of(&bin, L(1, I(50)), false), 2);
	as_value_destroy(&bin);
	bin = as_value_nil();
	ck_assert_int_eq(rc_of(&bin, L(1, I(3)), true), AEROSPIKE_ERR_BIN_NOT_FOUND);
	/* a read of an absent bin has no value */
	ck_assert_int_eq(run(&bin, L(1, I(50)), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.type, AS_NIL);
}
END_TEST

START_TEST(folding)
{
	as_value bin = as_value_nil(), small = as_value_nil(), mh = as_value_nil(), res;

	ck_assert_int_eq(rc_of(&bin, L(4, I(4), I(8)), true), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_int_eq(rc_of(&bin, L(2, I(4), I(8)), true), AEROSPIKE_ERR_BIN_NOT_FOUND);
	ck_assert_int_eq(int_of(&bin, L(3, I(1), range(0, 100), I(12)), true) > 90, 1);
	/* fold only down, and never with minhash bits */
	ck_assert_int_eq(rc_of(&bin, L(2, I(4), I(13)), true), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	ck_assert_int_eq(rc_of(&bin, L(2, I(4), I(12)), true), AEROSPIKE_OK);
	ck_assert_int_eq(rc_of(&bin, L(2, I(4), I(8)), true), AEROSPIKE_OK);
	assert_describe(&bin, 8, 0);
	ck_assert_uint_eq(bin.len, 11 + 6 * 256 / 8);
	{
		int64_t c = int_of(&bin, L(1, I(50)), false);

		/* 100 values in 256 registers: the estimate stays near */
		ck_assert_int_ge(c, 85);
		ck_assert_int_le(c, 115);
	}
	ck_assert_int_eq(rc_of(&mh, L(4, I(0), I(8), I(8), I(0)), true), AEROSPIKE_OK);
	ck_assert_int_eq(rc_of(&mh, L(2, I(4), I(6)), true), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	/* a union into a bin with more index bits needs ALLOW_FOLD */
	ck_assert_int_eq(rc_of(&small, L(4, I(0), I(6), I(-1), I(0)), true), AEROSPIKE_OK);
	ck_assert_int_eq(rc_of(&bin, L(3, I(2), L(1, H(&small)), I(0)), true), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	ck_assert_int_eq(rc_of(&bin, L(3, I(2), L(1, H(&small)), I(8)), true), AEROSPIKE_OK);
	assert_describe(&bin, 6, 0);
	/* the other way round the bin keeps its bits */
	ck_assert_int_eq(rc_of(&small, L(3, I(2), L(1, H(&mh)), I(0)), true), AEROSPIKE_OK);
	assert_describe(&small, 6, 0);
	/* a bin with minhash bits refuses a union that would drop them */
	ck_assert_int_eq(rc_of(&mh, L(3, I(2), L(1, H(&small)), I(0)), true), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	/* get_union folds to the fewest bits and drops unequal minhash */
	ck_assert_int_eq(run(&mh, L(2, I(51), L(1, H(&bin))), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.type, AS_BYTES);
	ck_assert_uint_eq(res.len, 11 + 6 * 64 / 8);
	ck_assert_int_eq(res.u.bytes[1], 6);
	ck_assert_int_eq(res.u.bytes[2], 0);
	as_value_destroy(&res);
	as_value_destroy(&bin);
	as_value_destroy(&small);
	as_value_destroy(&mh);
}
END_TEST

START_TEST(empty_sketches)
{
	as_value a = as_value_nil(), b = as_value_nil(), res;

	ck_assert_int_eq(rc_of(&a, L(4, I(0), I(10), I(20), I(0)), true), AEROSPIKE_OK);
	ck_assert_int_eq(rc_of(&b, L(4, I(0), I(10), I(20), I(0)), true), AEROSPIKE_OK);
	ck_assert_int_eq(int_of(&a, L(1, I(50)), false), 0);
	ck_assert_int_eq(int_of(&a, L(1, I(3)), true), 0);
	ck_assert_int_eq(int_of(&a, L(2, I(52), L(1, H(&b))), false), 0);
	ck_assert_int_eq(int_of(&a, L(2, I(53), L(1, H(&b))), false), 0);
	/* the similarity of two empty sets is undefined, of empty and not 0 */
	ck_assert_int_eq(run(&a, L(2, I(54), L(1, H(&b))), false, &res), AEROSPIKE_OK);
	ck_assert_int_eq(res.type, AS_DOUBLE);
	ck_assert(isnan(res.u.d));
	ck_assert_int_eq(int_of(&b, L(2, I(1), L(1, S("x"))), true), 1);
	ck_assert_int_eq(run(&a, L(2, I(54), L(1, H(&b))), false, &res), AEROSPIKE_OK);
	ck_assert(res.u.d == 0.0);
	/* may_contain: what went in, yes */
	ck_assert_int_eq(int_of(&b, L(2, I(56), L(1, S("x"))), false), 1);
	ck_assert_int_eq(int_of(&a, L(2, I(56), L(1, S("x"))), false), 0);
	as_value_destroy(&a);
	as_value_destroy(&b);
}
END_TEST

/* The add counts are values that raised a register: fewer than went in
 * once registers are shared. Estimates on sets large enough to mean something: the sketch error of
 * 1 << 12 registers is about 1.6 %, so 5 % bounds hold with margin. */
START_TEST(minhash_estimates)
{
	as_value a = as_value_nil(), b = as_value_nil(), c = as_value_nil(), res;
	int64_t n;

	ck_assert_int_eq(int_of(&a, L(4, I(1), range(0, 2000), I(12), I(16)), true) > 1500, 1);
	ck_assert_int_eq(int_of(&b, L(4, I(1), range(1000, 3000), I(12), I(16)), true) > 1500, 1);
	ck_assert_int_eq(int_of(&c, L(4, I(1), range(1500, 2500), I(12), I(16)), true) > 750, 1);
	n = int_of(&a, L(1, I(50)), false);
	ck_assert_int_ge(n, 1900);
	ck_assert_int_le(n, 2100);
	n = int_of(&a, L(2, I(52), L(1, H(&b))), false);
	ck_assert_int_ge(n, 2850);
	ck_assert_int_le(n, 3150);
	n = int_of(&a, L(2, I(53), L(1, H(&b))), false);
	ck_assert_int_ge(n, 900);
	ck_assert_int_le(n, 1100);
	ck_assert_int_eq(run(&a, L(2, I(54), L(1, H(&b))), false, &res), AEROSPIKE_OK);
	ck_assert_double_ge(res.u.d, 0.30);
	ck_assert_double_le(res.u.d, 0.37);
	/* three sketches: a, b and c share 1500..2000 */
	n = int_of(&a, L(2, I(53), L(2, H(&b), H(&c))), false);
	ck_assert_int_ge(n, 400);
	ck_assert_int_le(n, 600);
	as_value_destroy(&a);
	as_value_destroy(&b);
	as_value_destroy(&c);
}
END_TEST

/* Without minhash bits more than two sketches cannot be intersected. */
START_TEST(intersect_rules)
{
	as_value a = as_value_nil(), b = as_value_nil(), c = as_value_nil(), m = as_value_nil();
	int64_t n;

	ck_assert_int_eq(int_of(&a, L(3, I(1), range(0, 600), I(10)), true) > 400, 1);
	ck_assert_int_eq(int_of(&b, L(3, I(1), range(300, 900), I(10)), true) > 400, 1);
	ck_assert_int_eq(int_of(&c, L(3, I(1), range(0, 900), I(10)), true) > 600, 1);
	ck_assert_int_eq(rc_of(&m, L(4, I(0), I(10), I(8), I(0)), true), AEROSPIKE_OK);
	ck_assert_int_eq(rc_of(&a, L(2, I(53), L(3, H(&b), H(&c), H(&c))), false), AEROSPIKE_ERR_REQUEST_INVALID);
	/* two arguments plus the bin are allowed: inclusion-exclusion */
	n = int_of(&a, L(2, I(53), L(2, H(&b), H(&c))), false);
	ck_assert_int_ge(n, 200);
	ck_assert_int_le(n, 400);
	n = int_of(&a, L(2, I(53), L(1, H(&b))), false);
	ck_assert_int_ge(n, 240);
	ck_assert_int_le(n, 360);
	/* three with minhash bits, but the bin has none */
	ck_assert_int_eq(rc_of(&a, L(2, I(54), L(3, H(&m), H(&m), H(&m))), false), AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	as_value_destroy(&a);
	as_value_destroy(&b);
	as_value_destroy(&c);
	as_value_destroy(&m);
}
END_TEST

/* Frame `i` of a captured request file (the caller frees the set). */
static const uint8_t *req_frame(const char *name, size_t i, ref_frames *f, size_t *len)
{
	char path[256], why[256];

	snprintf(path, sizeof(path), "cdt/%s.req.hex", name);
	ck_assert_msg(ref_load_frames(path, f, why, sizeof(why)), "%s", why);
	ck_assert_uint_gt(f->n, i);
	*len = f->len[i];
	return f->data[i];
}

/* Through the handler, on cases the captures do not show: an HLL read of a
 * bin the record lacks, an HLL write in a read-only command, and plain
 * writes that do not apply to an HLL bin. */
START_TEST(handler_paths)
{
	ms_server *s = srv_new();
	ref_frames put, add, count;
	as_buffer out;
	const uint8_t *f;
	uint8_t *m;
	size_t len;

	as_buffer_init(&out);
	/* the record "hll1" with only the integer bin i */
	f = req_frame("hll_add_non_hll_bin", 0, &put, &len);
	handle_frame(s, f, len, &out);
	ck_assert_int_eq(out.data[RC_AT], 0);
	/* count of bin h: no such bin, so a NULL entry (RESPOND_ALL_OPS is set) */
	out.len = 0;
	f = req_frame("hll_get_count", 2, &count, &len);
	handle_frame(s, f, len, &out);
	ck_assert_int_eq(out.data[RC_AT], 0);
	ck_assert_int_eq(out.data[AS_PROTO_HEADER_SIZE + 21], 1);
	ck_assert_int_eq(out.data[AS_PROTO_HEADER_SIZE + 22 + 4], 15);
	ck_assert_int_eq(out.data[AS_PROTO_HEADER_SIZE + 22 + 5], 0);
	/* the add ops in a command without WRITE are refused */
	f = req_frame("hll_add", 1, &add, &len);
	m = malloc(len);
	memcpy(m, f, len);
	m[AS_PROTO_HEADER_SIZE + 1] = 0x01;  /* info1 READ */
	m[AS_PROTO_HEADER_SIZE + 2] = 0x80;  /* info2 RESPOND_ALL_OPS only */
	out.len = 0;
	handle_frame(s, m, len, &out);
	ck_assert_int_eq(out.data[RC_AT], AEROSPIKE_ERR_REQUEST_INVALID);
	/* as sent, they create bin h; then a count answers 4 */
	out.len = 0;
	handle_frame(s, f, len, &out);
	ck_assert_int_eq(out.data[RC_AT], 0);
	out.len = 0;
	handle_frame(s, count.data[2], count.len[2], &out);
	ck_assert_int_eq(out.data[RC_AT], 0);
	ck_assert_int_eq(out.data[AS_PROTO_HEADER_SIZE + 22 + 5], AS_INTEGER);
	ck_assert_int_eq(out.data[out.len - 1], 4);
	free(m);
	as_buffer_free(&out);
	ref_frames_free(&put);
	ref_frames_free(&add);
	ref_frames_free(&count);
	srv_free(s);
}
END_TEST

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
	tcase_add_test(tc, handler_paths);
	tcase_add_loop_test(tc, captured_case, 0, n_cases);
	suite_add_tcase(s, tc);
	tc = tcase_create("engine");
	tcase_add_test(tc, bit_counts);
	tcase_add_test(tc, bad_payloads_and_types);
	tcase_add_test(tc, write_flags);
	tcase_add_test(tc, folding);
	tcase_add_test(tc, empty_sketches);
	tcase_add_test(tc, minhash_estimates);
	tcase_add_test(tc, intersect_rules);
	suite_add_tcase(s, tc);
	return s;
}
