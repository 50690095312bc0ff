/* HyperLogLog / HyperMinHash values as the real server keeps them, and
 * the ops on them. Elements are hashed with MurmurHash3 x64-128 (seed 0)
 * over their msgpack encoding as the server normalizes it (shortest ints,
 * strings with their particle-type byte); the low bits of the first half
 * pick the register, the next minhash bits are the minhash part, and the
 * trailing zeros of the second half (plus one) are the HLL part. So values
 * made here and by a real server mix in unions byte for byte.
 *
 * Estimates follow the same published algorithms as the server (Ertl 2017,
 * algorithm 6, for counts; HyperMinHash, Yu & Weber 2017, for similarity
 * and intersections with minhash bits). They are computed in double
 * precision with the same steps, so results match to the last digit on the
 * same libm; another libm's pow/sqrt may move a similarity in its last
 * bits, and a count by one when the estimate sits on a .5 boundary. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hll.h"
#include <aerofuture/operations.h>

#include "codec/msgpack.h"
#include "codec/pack.h"
#include "codec/proto.h"

#define HDR 11            /* flags, index bits, minhash bits, cache */
#define HLL_BITS 6        /* bits of the HLL part of a register */
#define MIN_INDEX 4
#define MAX_INDEX 16
#define MIN_MINHASH 4
#define MAX_MINHASH (64 - HLL_BITS - 7)
#define MAX_COMBINED 64
#define UNSET 0xff
/* What one command's new sketches may take in the arena: a frame of small
 * ops must not make the server allocate without bound (the largest sketch
 * is 432 KiB; the record must fit max-record-size anyway). */
#define MS_HLL_ARENA_MAX ((size_t)128 << 20)

enum {
	OP_INIT = 0, OP_ADD = 1, OP_UNION = 2, OP_REFRESH = 3, OP_FOLD = 4,
	OP_COUNT = 50, OP_GET_UNION = 51, OP_UNION_COUNT = 52, OP_INTERSECT = 53,
	OP_SIMILARITY = 54, OP_DESCRIBE = 55, OP_MAY_CONTAIN = 56
};

enum { F_CREATE_ONLY = 1, F_UPDATE_ONLY = 2, F_NO_FAIL = 4, F_ALLOW_FOLD = 8 };

/* ---- MurmurHash3 x64-128, seed 0 ---- */

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static uint64_t le64(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = n; i > 0; i--)
		v = v << 8 | p[i - 1];
	return v;
}

static void murmur3_128(const uint8_t *p, size_t len, uint64_t *o1, uint64_t *o2)
{
	const uint64_t c1 = 0x87c37b91114253d5ULL, c2 = 0x4cf5ad432745937fULL;
	uint64_t h1 = 0, h2 = 0, k1, k2;
	size_t nblocks = len / 16, tail;

	for (size_t i = 0; i < nblocks; i++) {
		k1 = le64(p + i * 16, 8);
		k2 = le64(p + i * 16 + 8, 8);
		k1 *= c1; k1 = rotl(k1, 31); k1 *= c2; h1 ^= k1;
		h1 = rotl(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
		k2 *= c2; k2 = rotl(k2, 33); k2 *= c1; h2 ^= k2;
		h2 = rotl(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
	}
	p += nblocks * 16;
	tail = len & 15;
	if (tail > 8) {
		k2 = le64(p + 8, tail - 8);
		k2 *= c2; k2 = rotl(k2, 33); k2 *= c1; h2 ^= k2;
	}
	if (tail > 0) {
		k1 = le64(p, tail > 8 ? 8 : tail);
		k1 *= c1; k1 = rotl(k1, 31); k1 *= c2; h1 ^= k1;
	}
	h1 ^= (uint64_t)len;
	h2 ^= (uint64_t)len;
	h1 += h2;
	h2 += h1;
	h1 = fmix(h1);
	h2 = fmix(h2);
	h1 += h2;
	h2 += h1;
	*o1 = h1;
	*o2 = h2;
}

/* ---- the value ---- */

static uint32_t regs_sz(unsigned ib, unsigned mb)
{
	return (uint32_t)((((uint64_t)HLL_BITS + mb) << ib) + 7) / 8;
}

static uint32_t hll_sz(unsigned ib, unsigned mb)
{
	return HDR + regs_sz(ib, mb);
}

static bool index_ok(uint64_t ib)
{
	return ib >= MIN_INDEX && ib <= MAX_INDEX;
}

static bool minhash_ok(uint64_t mb)
{
	return mb == 0 || (mb >= MIN_MINHASH && mb <= MAX_MINHASH);
}

static bool combined_ok(uint64_t ib, uint64_t mb)
{
	return index_ok(ib) && minhash_ok(mb) && ib + mb <= MAX_COMBINED;
}

static bool hll_valid(const uint8_t *h, size_t len)
{
	return len >= HDR && h[0] == 0 && combined_ok(h[1], h[2]) && len == hll_sz(h[1], h[2]);
}

static uint64_t cache_get(const uint8_t *h)
{
	return le64(h + 3, 8);
}

static void cache_set(uint8_t *h, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		h[3 + i] = (uint8_t)(v >> (8 * i));
}

static void hll_init(uint8_t *h, unsigned ib, unsigned mb)
{
	memset(h, 0, hll_sz(ib, mb));
	h[1] = (uint8_t)ib;
	h[2] = (uint8_t)mb;
}

/* Registers are 6 + minhash bits each, one after another, most
 * significant bit first. */
static uint64_t reg_get(const uint8_t *h, uint32_t r)
{
	unsigned n = HLL_BITS + h[2];
	uint64_t bit = (uint64_t)n * r, v = 0;
	const uint8_t *regs = h + HDR;

	for (unsigned i = 0; i < n; i++, bit++)
		v = v << 1 | ((regs[bit >> 3] >> (7 - (bit & 7))) & 1);
	return v;
}

static void reg_set(uint8_t *h, uint32_t r, uint64_t v)
{
	unsigned n = HLL_BITS + h[2];
	uint64_t bit = (uint64_t)n * r;
	uint8_t *regs = h + HDR;

	for (unsigned i = 0; i < n; i++, bit++) {
		uint8_t m = (uint8_t)(0x80 >> (bit & 7));

		if ((v >> (n - 1 - i)) & 1)
			regs[bit >> 3] |= m;
		else
			regs[bit >> 3] &= (uint8_t)~m;
	}
}

static unsigned reg_hll(const uint8_t *h, uint64_t v)
{
	return (unsigned)(v >> h[2]);
}

static uint32_t n_regs(const uint8_t *h)
{
	return (uint32_t)1 << h[1];
}

static void hll_hash(const uint8_t *h, const uint8_t *e, size_t len, uint32_t *reg, uint64_t *val)
{
	uint64_t a, b, mh;
	unsigned tz = 64, n = HLL_BITS + h[2];

	murmur3_128(e, len, &a, &b);
	*reg = (uint32_t)(a & (n_regs(h) - 1));
	mh = (a >> h[1]) & (((uint64_t)1 << h[2]) - 1);
	if (b != 0)
		for (tz = 0; !((b >> tz) & 1); tz++)
			;
	/* a register keeps only its low 6 + minhash bits, as the server's does */
	*val = (((uint64_t)(tz + 1) << h[2]) | mh) & (n >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1));
}

static bool hll_add(uint8_t *h, const uint8_t *e, size_t len)
{
	uint32_t r;
	uint64_t v;

	hll_hash(h, e, len, &r, &v);
	if (reg_get(h, r) >= v)
		return false;
	reg_set(h, r, v);
	cache_set(h, 0);
	return true;
}

/* ---- estimates ---- */

static double est_tau(double x)
{
	double y = 1.0, z, zp;

	if (x == 0.0 || x == 1.0)
		return 0.0;
	z = 1 - x;
	do {
		x = sqrt(x);
		zp = z;
		y *= 0.5;
		z -= pow(1 - x, 2) * y;
	} while (zp != z);
	return z / 3;
}

static double est_sigma(double x)
{
	double y = 1, z = x, zp;

	if (x == 1.0)
		return INFINITY;
	do {
		x *= x;
		zp = z;
		z += x * y;
		y += y;
	} while (zp != z);
	return z;
}

static double est_alpha(unsigned ib)
{
	switch (ib) {
	case 4: return 0.673;
	case 5: return 0.697;
	case 6: return 0.709;
	default: return 0.7213 / (1.0 + 1.079 / (1 << ib));
	}
}

static uint64_t hll_count(const uint8_t *h)
{
	uint32_t m = n_regs(h), c[(1 << HLL_BITS) + 1] = { 0 };
	double z;

	if (cache_get(h) != 0)
		return cache_get(h);
	for (uint32_t r = 0; r < m; r++)
		c[reg_hll(h, reg_get(h, r)) & ((1 << HLL_BITS) - 1)]++;
	z = m * est_tau(c[1 << HLL_BITS] / (double)m);
	for (unsigned k = 1 << HLL_BITS; k > 0; k--)
		z = 0.5 * (z + c[k]);
	z += m * est_sigma(c[0] / (double)m);
	return (uint64_t)llroundl(est_alpha(h[1]) * m * m / z);
}

/* The bit counts a union of hs can have: the fewest index bits, and
 * minhash bits only when all agree. */
static void template_of(const uint8_t **hs, size_t n, unsigned *ib, unsigned *mb)
{
	*ib = hs[0][1];
	*mb = hs[0][2];
	for (size_t i = 1; i < n; i++) {
		if (*ib > hs[i][1])
			*ib = hs[i][1];
		if (*mb != 0 && *mb != hs[i][2])
			*mb = 0;
	}
}

/* Merge from into to (to has no more index bits than from). */
static void hll_merge(uint8_t *to, const uint8_t *from)
{
	uint32_t mask = n_regs(to) - 1, m = n_regs(from);

	for (uint32_t r = 0; r < m; r++) {
		uint64_t v1 = reg_get(from, r);

		if (to[2] == 0)
			v1 = reg_hll(from, v1);
		if (reg_get(to, r & mask) < v1)
			reg_set(to, r & mask, v1);
	}
	cache_set(to, 0);
}

static uint8_t *union_new(const uint8_t **hs, size_t n, uint32_t *len)
{
	unsigned ib, mb;
	uint8_t *u;

	template_of(hs, n, &ib, &mb);
	*len = hll_sz(ib, mb);
	if ((u = malloc(*len)) == NULL)
		return NULL;
	hll_init(u, ib, mb);
	for (size_t i = 0; i < n; i++)
		hll_merge(u, hs[i]);
	return u;
}

static int64_t union_count(const uint8_t **hs, size_t n)
{
	uint32_t len;
	uint8_t *u = union_new(hs, n, &len);
	uint64_t c;

	if (u == NULL)
		return -1;
	c = hll_count(u);
	free(u);
	return (int64_t)c;
}

static bool has_data(const uint8_t *h)
{
	/* the server looks at the first 1 << index_bits register bytes */
	uint32_t n = n_regs(h);

	for (uint32_t i = 0; i < n; i++)
		if (h[HDR + i] != 0)
			return true;
	return false;
}

static uint32_t used_regs(const uint8_t *h)
{
	uint32_t n = 0, m = n_regs(h);

	for (uint32_t r = 0; r < m; r++)
		n += reg_get(h, r) != 0;
	return n;
}

static double collisions(unsigned ib, unsigned mb, uint64_t c0, uint64_t c1)
{
	double cp = 0.0, m = (double)((uint32_t)1 << ib);
	unsigned buckets = 1 << HLL_BITS;

	for (int i = 1; (unsigned)i <= buckets; i++) {
		double b1 = (unsigned)i != buckets ? pow(2, -i) : 0.0, b2 = pow(2, -i + 1);
		double px, py;

		b1 /= m;
		b2 /= m;
		px = pow(1 - b1, (double)c0) - pow(1 - b2, (double)c0);
		py = pow(1 - b1, (double)c1) - pow(1 - b2, (double)c1);
		cp += px * py;
	}
	return cp * m / pow(2, mb);
}

static int64_t intersect_count(const uint8_t **hs, size_t n);

/* Without minhash bits: inclusion-exclusion over the counts. */
static double hll_similarity(const uint8_t **hs, size_t n)
{
	return (double)intersect_count(hs, n) / (double)union_count(hs, n);
}

static double similarity(const uint8_t **hs, size_t n)
{
	unsigned ib, mb;
	bool some_data = false, some_empty = false;
	uint32_t n_union, n_inter, mask, len;
	uint8_t *agg;
	double ec = 0.0, res;

	template_of(hs, n, &ib, &mb);
	if (mb == 0)
		return hll_similarity(hs, n);
	for (size_t i = 0; i < n; i++) {
		if (has_data(hs[i]))
			some_data = true;
		else
			some_empty = true;
	}
	if (some_empty)
		return some_data ? 0.0 : NAN;
	if ((agg = union_new(hs, n, &len)) == NULL)
		return NAN;
	n_union = used_regs(agg);
	hll_init(agg, ib, mb);
	hll_merge(agg, hs[0]);
	mask = n_regs(agg) - 1;
	for (size_t i = 1; i < n; i++) {
		uint32_t m = n_regs(hs[i]);

		for (uint32_t r = 0; r < m; r++) {
			uint64_t v0 = reg_get(agg, r & mask), v1 = reg_get(hs[i], r);

			reg_set(agg, r & mask, v0 == v1 ? v0 : 0);
		}
	}
	n_inter = used_regs(agg);
	free(agg);
	if (n == 2)
		ec = collisions(ib, mb, hll_count(hs[0]), hll_count(hs[1]));
	res = (n_inter - ec) / (double)n_union;
	return res < 0.0 ? 0.0 : res;
}

static int64_t intersect_count(const uint8_t **hs, size_t n)
{
	unsigned ib, mb;
	uint64_t cu, sum = 0;

	template_of(hs, n, &ib, &mb);
	if (mb != 0) {
		double j = similarity(hs, n);

		if (isnan(j))
			return 0;
		return (int64_t)llround((double)union_count(hs, n) * j);
	}
	cu = (uint64_t)union_count(hs, n);
	for (size_t i = 0; i < n; i++) {
		uint64_t c = hll_count(hs[i]);

		if (sum + c < sum) {
			sum = UINT64_MAX;
			break;
		}
		sum += c;
	}
	if (n == 2)
		return sum > cu ? (int64_t)(sum - cu) : 0;
	{
		/* three sketches (parsing allows no more without minhash bits) */
		const uint8_t *ac[2] = { hs[0], hs[2] };
		uint64_t pairs = (uint64_t)intersect_count(hs, 2) + (uint64_t)intersect_count(hs + 1, 2) +
		                 (uint64_t)intersect_count(ac, 2);
		int64_t r = (int64_t)cu - ((int64_t)sum - (int64_t)pairs);

		return r < 0 ? 0 : r;
	}
}

/* ---- parsing ---- */

typedef enum { A_END, A_INDEX, A_MINHASH, A_FLAGS, A_ELEMENTS, A_HLLS, A_HLLS_INTERSECT } arg_kind;

typedef struct op_def {
	int code;
	uint32_t min_args, max_args;
	uint64_t flags_ok;
	arg_kind args[4];
} op_def;

static const op_def modify_ops[] = {
	{ OP_INIT, 0, 3, F_CREATE_ONLY | F_UPDATE_ONLY | F_NO_FAIL, { A_INDEX, A_MINHASH, A_FLAGS } },
	{ OP_ADD, 1, 4, F_CREATE_ONLY | F_NO_FAIL, { A_ELEMENTS, A_INDEX, A_MINHASH, A_FLAGS } },
	{ OP_UNION, 1, 2, F_CREATE_ONLY | F_UPDATE_ONLY | F_ALLOW_FOLD | F_NO_FAIL, { A_HLLS, A_FLAGS } },
	{ OP_REFRESH, 0, 0, 0, { A_END } },
	{ OP_FOLD, 1, 1, 0, { A_INDEX } },
};

static const op_def read_ops[] = {
	{ OP_COUNT, 0, 0, 0, { A_END } },
	{ OP_GET_UNION, 1, 1, 0, { A_HLLS } },
	{ OP_UNION_COUNT, 1, 1, 0, { A_HLLS } },
	{ OP_INTERSECT, 1, 1, 0, { A_HLLS_INTERSECT } },
	{ OP_SIMILARITY, 1, 1, 0, { A_HLLS_INTERSECT } },
	{ OP_DESCRIBE, 0, 0, 0, { A_END } },
	{ OP_MAY_CONTAIN, 1, 1, 0, { A_ELEMENTS } },
};

typedef struct hll_op {
	const op_def *def;
	unsigned ib, mb;       /* UNSET when not given (-1) */
	uint64_t flags;
	as_buffer elems;       /* the elements' msgpack, back to back */
	size_t *elem_end;      /* end offset of each element in elems */
	size_t n_elems;
	const uint8_t **hs;    /* the HLL arguments, with room for the bin's */
	size_t n_hs;
} hll_op;

static void op_free(hll_op *o)
{
	as_buffer_free(&o->elems);
	free(o->elem_end);
	free(o->hs);
}

static int parse_elements(hll_op *o, const as_value *v)
{
	as_error err;

	if (v->type != AS_LIST || v->u.list->size == 0)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	o->n_elems = v->u.list->size;
	if ((o->elem_end = calloc(o->n_elems, sizeof(*o->elem_end))) == NULL)
		return AEROSPIKE_ERR_SERVER;
	for (size_t i = 0; i < o->n_elems; i++) {
		const as_value *e = &v->u.list->items[i];

		if (e->type == AS_LIST || e->type == AS_MAP)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		/* re-encoding gives the normalized form the server hashes */
		if (as_msgpack_pack(&o->elems, e, &err) != AEROSPIKE_OK)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		o->elem_end[i] = o->elems.len;
	}
	return AEROSPIKE_OK;
}

/* One HLL argument. A msgpack str carries it without its particle-type
 * byte; a msgpack bin keeps the byte (4 BLOB or 18 HLL), which a valid
 * value's first byte (flags, 0) tells apart. */
static int hll_arg(const as_value *v, const uint8_t **out)
{
	const uint8_t *p;
	size_t len;

	if (v->type != AS_BYTES)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	p = v->u.bytes;
	len = v->len;
	if (len > 0 && (p[0] == AS_BYTES || p[0] == AS_PARTICLE_HLL)) {
		p++;
		len--;
	}
	if (len < HDR || p[0] != 0 || !index_ok(p[1]) || !minhash_ok(p[2]) || len != hll_sz(p[1], p[2]))
		return AEROSPIKE_ERR_REQUEST_INVALID;
	*out = p;
	return AEROSPIKE_OK;
}

static int parse_hlls(hll_op *o, const as_value *v, bool intersect)
{
	const as_value *items = v;
	size_t n = 1;
	int rc;

	if (v->type == AS_LIST) {
		if (v->u.list->size == 0)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		items = v->u.list->items;
		n = v->u.list->size;
	}
	if ((o->hs = calloc(n + 1, sizeof(*o->hs))) == NULL)
		return AEROSPIKE_ERR_SERVER;
	for (size_t i = 0; i < n; i++)
		if ((rc = hll_arg(&items[i], &o->hs[i])) != AEROSPIKE_OK)
			return rc;
	o->n_hs = n;
	if (intersect && n > 2) {
		/* more than two need matching, non-zero minhash bits */
		for (size_t i = 1; i < n; i++)
			if (o->hs[i][2] != o->hs[0][2])
				return AEROSPIKE_ERR_REQUEST_INVALID;
		if (o->hs[0][2] == 0)
			return AEROSPIKE_ERR_REQUEST_INVALID;
	}
	return AEROSPIKE_OK;
}

static int parse_int(const as_value *v, int64_t *out)
{
	if (v->type != AS_INTEGER)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	*out = v->u.i;
	return AEROSPIKE_OK;
}

static int parse_arg(hll_op *o, arg_kind k, const as_value *v)
{
	int64_t i;

	switch (k) {
	case A_INDEX:
		if (parse_int(v, &i) != AEROSPIKE_OK || (i != -1 && !index_ok((uint64_t)i)))
			return AEROSPIKE_ERR_REQUEST_INVALID;
		o->ib = i == -1 ? UNSET : (unsigned)i;
		return AEROSPIKE_OK;
	case A_MINHASH:
		if (parse_int(v, &i) != AEROSPIKE_OK)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		if (i == -1) {
			o->mb = UNSET;
			return AEROSPIKE_OK;
		}
		if (!minhash_ok((uint64_t)i) || (o->ib != UNSET && !combined_ok(o->ib, (uint64_t)i)))
			return AEROSPIKE_ERR_REQUEST_INVALID;
		o->mb = (unsigned)i;
		return AEROSPIKE_OK;
	case A_FLAGS:
		if (parse_int(v, &i) != AEROSPIKE_OK || i < 0 || ((uint64_t)i & ~o->def->flags_ok) != 0 ||
		    ((i & F_CREATE_ONLY) && (i & F_UPDATE_ONLY)))
			return AEROSPIKE_ERR_REQUEST_INVALID;
		o->flags = (uint64_t)i;
		return AEROSPIKE_OK;
	case A_ELEMENTS:
		return parse_elements(o, v);
	case A_HLLS:
	case A_HLLS_INTERSECT:
		return parse_hlls(o, v, k == A_HLLS_INTERSECT);
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
}

static int parse_op(hll_op *o, const as_value *payload, bool modify)
{
	const op_def *defs = modify ? modify_ops : read_ops;
	size_t n_defs = modify ? sizeof(modify_ops) / sizeof(modify_ops[0]) : sizeof(read_ops) / sizeof(read_ops[0]);
	const as_list *l;
	uint32_t n_args;
	int rc;

	memset(o, 0, sizeof(*o));
	as_buffer_init(&o->elems);
	o->ib = o->mb = UNSET;
	if (payload->type != AS_LIST || payload->u.list->size == 0 || payload->u.list->items[0].type != AS_INTEGER)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	l = payload->u.list;
	for (size_t i = 0; i < n_defs; i++)
		if (defs[i].code == l->items[0].u.i)
			o->def = &defs[i];
	if (o->def == NULL)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	n_args = l->size - 1;
	if (n_args < o->def->min_args || n_args > o->def->max_args)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	for (uint32_t i = 0; i < n_args; i++)
		if ((rc = parse_arg(o, o->def->args[i], &l->items[i + 1])) != AEROSPIKE_OK)
			return rc;
	return AEROSPIKE_OK;
}

/* ---- ops ---- */

static as_value bytes_take(uint8_t *p, uint32_t len)
{
	as_value v = as_value_bytes(p, len);

	free(p);
	return v;
}

/* The bit counts a modify op leaves, or the code refusing it. */
static int modify_prepare(hll_op *o, const uint8_t *old)
{
	switch (o->def->code) {
	case OP_INIT:
		if (old == NULL) {
			if (o->ib == UNSET)
				return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
			if (o->mb == UNSET)
				o->mb = 0;
			return AEROSPIKE_OK;
		}
		if (o->ib == UNSET)
			o->ib = old[1];
		if (o->mb == UNSET)
			o->mb = old[2];
		return combined_ok(o->ib, o->mb) ? AEROSPIKE_OK : AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	case OP_ADD:
		if (old == NULL) {
			if (o->ib == UNSET)
				return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
			if (o->mb == UNSET)
				o->mb = 0;
		} else {
			o->ib = old[1];
			o->mb = old[2];
		}
		return AEROSPIKE_OK;
	case OP_UNION: {
		unsigned ib, mb;

		template_of(o->hs, o->n_hs, &ib, &mb);
		if (old != NULL && !(o->flags & F_ALLOW_FOLD)) {
			/* without ALLOW_FOLD the bin keeps its bit counts */
			if (old[1] > ib || (old[2] != 0 && old[2] != mb))
				return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		}
		return AEROSPIKE_OK;
	}
	case OP_REFRESH:
		return old == NULL ? AEROSPIKE_ERR_BIN_NOT_FOUND : AEROSPIKE_OK;
	case OP_FOLD:
		if (old == NULL)
			return AEROSPIKE_ERR_BIN_NOT_FOUND;
		if (old[2] > 0 || old[1] < o->ib)
			return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
		return AEROSPIKE_OK;
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
}

static int modify_exec(hll_op *o, const uint8_t *old, uint32_t old_len, uint8_t **out, uint32_t *out_len,
                       as_value *result)
{
	uint8_t *h = NULL;
	uint32_t len = 0;

	switch (o->def->code) {
	case OP_INIT:
	case OP_ADD:
		len = hll_sz(o->ib, o->mb);
		if ((h = malloc(len)) == NULL)
			return AEROSPIKE_ERR_SERVER;
		if (o->def->code == OP_ADD && old != NULL) {
			memcpy(h, old, len);
		} else {
			hll_init(h, o->ib, o->mb);
		}
		if (o->def->code == OP_ADD) {
			int64_t n = 0;

			for (size_t i = 0; i < o->n_elems; i++) {
				size_t from = i == 0 ? 0 : o->elem_end[i - 1];

				n += hll_add(h, o->elems.data + from, o->elem_end[i] - from);
			}
			*result = as_value_int(n);
		}
		break;
	case OP_UNION:
		if (old != NULL)
			o->hs[o->n_hs++] = old;
		if ((h = union_new(o->hs, o->n_hs, &len)) == NULL)
			return AEROSPIKE_ERR_SERVER;
		break;
	case OP_REFRESH:
		len = old_len;
		if ((h = malloc(len)) == NULL)
			return AEROSPIKE_ERR_SERVER;
		memcpy(h, old, len);
		cache_set(h, 0);
		cache_set(h, hll_count(h));
		*result = as_value_int((int64_t)cache_get(h));
		break;
	case OP_FOLD:
		if (o->ib == old[1]) {
			/* same size: the value stays, cache and all */
			len = old_len;
			if ((h = malloc(len)) == NULL)
				return AEROSPIKE_ERR_SERVER;
			memcpy(h, old, len);
			break;
		}
		len = hll_sz(o->ib, 0);
		if ((h = malloc(len)) == NULL)
			return AEROSPIKE_ERR_SERVER;
		hll_init(h, o->ib, 0);
		hll_merge(h, old);
		break;
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
	*out = h;
	*out_len = len;
	return AEROSPIKE_OK;
}

static int read_exec(hll_op *o, const uint8_t *h, as_value *result)
{
	uint8_t *u;
	uint32_t len;

	if (o->def->code == OP_INTERSECT || o->def->code == OP_SIMILARITY) {
		/* more than two sketches need the bin's minhash bits to match */
		if (o->n_hs > 2 && (h[2] == 0 || h[2] != o->hs[0][2]))
			return AEROSPIKE_ERR_OP_NOT_APPLICABLE;
	}
	if (o->hs != NULL)
		o->hs[o->n_hs++] = h;
	switch (o->def->code) {
	case OP_COUNT:
		*result = as_value_int((int64_t)hll_count(h));
		return AEROSPIKE_OK;
	case OP_GET_UNION:
		if ((u = union_new(o->hs, o->n_hs, &len)) == NULL)
			return AEROSPIKE_ERR_SERVER;
		*result = bytes_take(u, len);
		return AEROSPIKE_OK;
	case OP_UNION_COUNT:
		*result = as_value_int(union_count(o->hs, o->n_hs));
		return AEROSPIKE_OK;
	case OP_INTERSECT:
		*result = as_value_int(intersect_count(o->hs, o->n_hs));
		return AEROSPIKE_OK;
	case OP_SIMILARITY:
		*result = as_value_double(similarity(o->hs, o->n_hs));
		return AEROSPIKE_OK;
	case OP_DESCRIBE: {
		as_list *l = as_list_new(2);

		as_list_append_int(l, h[1]);
		as_list_append_int(l, h[2]);
		*result = as_value_list(l);
		return AEROSPIKE_OK;
	}
	case OP_MAY_CONTAIN: {
		int64_t all = 1;

		for (size_t i = 0; i < o->n_elems && all; i++) {
			size_t from = i == 0 ? 0 : o->elem_end[i - 1];
			uint32_t r;
			uint64_t v;

			hll_hash(h, o->elems.data + from, o->elem_end[i] - from, &r, &v);
			all = v <= reg_get(h, r);
		}
		*result = as_value_int(all);
		return AEROSPIKE_OK;
	}
	default:
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
}

int ms_hll_eval(as_value *bin, const as_value *payload, bool modify, as_value *result, bool *changed)
{
	const uint8_t *old = NULL;
	uint32_t old_len = 0, len;
	uint8_t *h;
	hll_op o;
	int rc;

	*result = as_value_nil();
	*changed = false;
	if (bin->type == AS_BYTES) {
		old = bin->u.bytes;
		old_len = bin->len;
		/* a stored value the server would call corrupt */
		if (!hll_valid(old, old_len))
			return AEROSPIKE_ERR_SERVER;
	} else if (bin->type != AS_NIL) {
		return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
	}
	if ((rc = parse_op(&o, payload, modify)) != AEROSPIKE_OK)
		goto done;
	if (!modify) {
		/* a read of an absent bin has no value */
		if (old != NULL)
			rc = read_exec(&o, old, result);
		goto done;
	}
	if (old != NULL && (o.flags & F_CREATE_ONLY)) {
		rc = (o.flags & F_NO_FAIL) ? AEROSPIKE_OK : AEROSPIKE_ERR_BIN_EXISTS;
		goto done;
	}
	if (old == NULL && (o.flags & F_UPDATE_ONLY)) {
		rc = (o.flags & F_NO_FAIL) ? AEROSPIKE_OK : AEROSPIKE_ERR_BIN_NOT_FOUND;
		goto done;
	}
	if ((rc = modify_prepare(&o, old)) != AEROSPIKE_OK)
		goto done;
	if ((rc = modify_exec(&o, old, old_len, &h, &len, result)) != AEROSPIKE_OK)
		goto done;
	as_value_destroy(bin);
	*bin = bytes_take(h, len);
	*changed = true;
done:
	if (rc != AEROSPIKE_OK) {
		as_value_destroy(result);
		*result = as_value_nil();
	}
	op_free(&o);
	return rc;
}

/* ---- on a command's working set ---- */

int ms_hll_apply(ms_work *wk, const as_msg_op *op, bool respond_all, as_buffer *out, bool *emitted,
                 bool *changed)
{
	as_value payload = as_value_nil(), bin = as_value_nil(), result = as_value_nil();
	bool modify = op->op == AS_OPERATOR_HLL_MODIFY;
	ms_wbin *b;
	size_t used;
	as_error err;
	int rc;

	*emitted = false;
	*changed = false;
	if (op->name_len == 0)
		return AEROSPIKE_ERR_BIN_NAME;
	if ((b = ms_work_find(wk, op->name, op->name_len)) != NULL) {
		if (b->particle != AS_PARTICLE_HLL)
			return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
		/* borrowed: the engine replaces, never frees, the stored bytes */
		bin = as_value_bytes_ref(ms_wbin_data(wk, b), b->len);
	}
	if (as_msgpack_unpack(op->value, op->value_len, &payload, &used, &err) != AEROSPIKE_OK ||
	    used != op->value_len) {
		as_value_destroy(&payload);
		return AEROSPIKE_ERR_REQUEST_INVALID;
	}
	rc = ms_hll_eval(&bin, &payload, modify, &result, changed);
	if (rc == AEROSPIKE_OK && *changed) {
		b = ms_work_slot(wk, op->name, op->name_len);
		if (b->in_arena && b->len == bin.len) {
			/* the same sketch again: rewrite it where it is, so a run of
			 * ops on one bin does not pile up copies in the arena */
			memcpy(wk->sc->arena.data + b->off, bin.u.bytes, bin.len);
		} else if (wk->sc->arena.len + bin.len > MS_HLL_ARENA_MAX) {
			rc = AEROSPIKE_ERR_RECORD_TOO_BIG;
		} else {
			b->off = ms_work_keep(wk, bin.u.bytes, bin.len);
			b->in_arena = 1;
			b->len = bin.len;
		}
		b->particle = AS_PARTICLE_HLL;
	}
	if (rc == AEROSPIKE_OK && (result.type != AS_NIL || respond_all)) {
		if (result.type == AS_BYTES)
			/* a union comes back as an HLL value, particle 18 */
			as_op_put(out, op->op, AS_PARTICLE_HLL, op->name, op->name_len, result.u.bytes, result.len);
		else
			ms_op_result_emit(out, op, &result);
		*emitted = true;
	}
	as_value_destroy(&result);
	as_value_destroy(&bin);
	as_value_destroy(&payload);
	return rc;
}
