/* The bit engine: one payload [code, args...] against one blob value,
 * with the real server's argument checks, policy flags and result codes
 * (reference/cdt/notes.txt section 5). Bit 0 is the high bit of byte 0.
 *
 * Every op is checked in the server's order: the arguments first (4),
 * then the bin (CREATE_ONLY 6, not a blob 12, UPDATE_ONLY or a missing
 * bin 17), then the range (4 for byte ops, 26 for bit ops and reads),
 * then the arithmetic (overflow 26). The blob is rebuilt in a new buffer,
 * so a failure leaves the bin as it was. The ops work a bit at a time:
 * a test server favours obviously right code over fast code. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"

/* The server's bound on offsets, sizes and blobs (its largest message). */
#define BIT_SIZE_MAX (128u * 1024 * 1024)

enum {
	BIT_RESIZE = 0, BIT_INSERT = 1, BIT_REMOVE = 2, BIT_SET = 3, BIT_OR = 4, BIT_XOR = 5, BIT_AND = 6,
	BIT_NOT = 7, BIT_LSHIFT = 8, BIT_RSHIFT = 9, BIT_ADD = 10, BIT_SUBTRACT = 11, BIT_SET_INT = 12,
	BIT_GET = 50, BIT_COUNT = 51, BIT_LSCAN = 52, BIT_RSCAN = 53, BIT_GET_INT = 54
};

/* policy flags (every modify op) */
#define PF_CREATE_ONLY 1u
#define PF_UPDATE_ONLY 2u
#define PF_NO_FAIL 4u
#define PF_PARTIAL 8u
/* resize flags */
#define RF_FROM_FRONT 1u
#define RF_GROW_ONLY 2u
#define RF_SHRINK_ONLY 4u
/* integer flags: signed, then the overflow action */
#define IF_SIGNED 1u
#define IF_SATURATE 2u
#define IF_WRAP 4u

/* How an op reads its arguments. */
typedef enum {
	SHAPE_RESIZE,  /* byte_size(0 ok)[, flags[, resize_flags]] */
	SHAPE_INSERT,  /* byte_offset, bytes[, flags] */
	SHAPE_REMOVE,  /* byte_offset, byte_size[, flags] */
	SHAPE_BYTES,   /* bit_offset, bit_size, bytes[, flags] */
	SHAPE_NOT,     /* bit_offset, bit_size[, flags] */
	SHAPE_SHIFT,   /* bit_offset, bit_size, shift[, flags] */
	SHAPE_MATH,    /* bit_offset, int_size, value[, flags[, int_flags]] */
	SHAPE_SETINT,  /* bit_offset, int_size, value[, flags] */
	SHAPE_RANGE,   /* bit_offset, bit_size */
	SHAPE_SCAN,    /* bit_offset, bit_size, bool */
	SHAPE_GETINT   /* bit_offset, int_size[, int_flags] */
} bit_shape;

typedef struct bit_def {
	int code;
	bit_shape shape;
	unsigned min_args, max_args;
	uint64_t flags_ok;  /* policy flags the op accepts */
} bit_def;

static const bit_def defs[] = {
	{ BIT_RESIZE, SHAPE_RESIZE, 1, 3, PF_CREATE_ONLY | PF_UPDATE_ONLY | PF_NO_FAIL },
	{ BIT_INSERT, SHAPE_INSERT, 2, 3, PF_CREATE_ONLY | PF_UPDATE_ONLY | PF_NO_FAIL },
	{ BIT_REMOVE, SHAPE_REMOVE, 2, 3, PF_UPDATE_ONLY | PF_NO_FAIL | PF_PARTIAL },
	{ BIT_SET, SHAPE_BYTES, 3, 4, PF_UPDATE_ONLY | PF_NO_FAIL | PF_PARTIAL },
	{ BIT_OR, SHAPE_BYTES, 3, 4, PF_UPDATE_ONLY | PF_NO_FAIL | PF_PARTIAL },
	{ BIT_XOR, SHAPE_BYTES, 3, 4, PF_UPDATE_ONLY | PF_NO_FAIL | PF_PARTIAL },
	{ BIT_AND, SHAPE_BYTES, 3, 4, PF_UPDATE_ONLY | PF_NO_FAIL | PF_PARTIAL },
	{ BIT_NOT, SHAPE_NOT, 2, 3, PF_UPDATE_ONLY | PF_NO_FAIL | PF_PARTIAL },
	{ BIT_LSHIFT, SHAPE_SHIFT, 3, 4, PF_UPDATE_ONLY | PF_NO_FAIL | PF_PARTIAL },
	{ BIT_RSHIFT, SHAPE_SHIFT, 3, 4, PF_UPDATE_ONLY | PF_NO_FAIL | PF_PARTIAL },
	{ BIT_ADD, SHAPE_MATH, 3, 5, PF_UPDATE_ONLY | PF_NO_FAIL },
	{ BIT_SUBTRACT, SHAPE_MATH, 3, 5, PF_UPDATE_ONLY | PF_NO_FAIL },
	{ BIT_SET_INT, SHAPE_SETINT, 3, 4, PF_UPDATE_ONLY | PF_NO_FAIL },
	{ BIT_GET, SHAPE_RANGE, 2, 2, 0 },
	{ BIT_COUNT, SHAPE_RANGE, 2, 2, 0 },
	{ BIT_LSCAN, SHAPE_SCAN, 3, 3, 0 },
	{ BIT_RSCAN, SHAPE_SCAN, 3, 3, 0 },
	{ BIT_GET_INT, SHAPE_GETINT, 2, 3, 0 },
};

/* One op's decoded arguments. offset is in bits (byte ops: times 8) and
 * may be negative (from the end) until resolved against the blob. */
typedef struct bit_args {
	const bit_def *def;
	int64_t offset;
	uint64_t size;      /* bits (byte ops: times 8) */
	uint64_t value;     /* shift, integer or scan bit */
	const uint8_t *buf; /* bytes argument */
	uint64_t buf_bits;
	uint64_t flags, sub;
} bit_args;

static const bit_def *find_def(int64_t code, bool modify)
{
	for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]); i++)
		if (defs[i].code == code)
			return (defs[i].code < BIT_GET) == modify ? &defs[i] : NULL;
	return NULL;
}

/* Integer arguments: the server reads unsigned ones as the bits of a
 * signed 64-bit integer, so a negative size is simply too large. */
static bool arg_int(const as_value *v, int64_t *out)
{
	if (v->type != AS_INTEGER)
		return false;
	*out = v->u.i;
	return true;
}

static bool arg_uint(const as_value *v, uint64_t *out)
{
	int64_t i;

	if (!arg_int(v, &i))
		return false;
	*out = (uint64_t)i;
	return true;
}

static bool arg_offset(const as_value *v, bool bytes, int64_t *out)
{
	int64_t i;
	uint64_t mag;

	if (!arg_int(v, &i))
		return false;
	mag = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
	if (mag > (bytes ? BIT_SIZE_MAX : (uint64_t)BIT_SIZE_MAX * 8))
		return false;
	*out = bytes ? i * 8 : i;
	return true;
}

/* A size: 1..limit (0 allowed for resize only). */
static bool arg_size(const as_value *v, bool allow_zero, uint64_t limit, uint64_t *out)
{
	if (!arg_uint(v, out))
		return false;
	return (*out != 0 || allow_zero) && *out <= limit;
}

/* Bytes: a blob (or a string, which the server reads the same way), not
 * empty, with at least the bits the op names. */
static bool arg_bytes(const as_value *v, bit_args *a)
{
	if ((v->type != AS_BYTES && v->type != AS_STRING) || v->len == 0)
		return false;
	a->buf = v->type == AS_BYTES ? v->u.bytes : (const uint8_t *)v->u.str;
	a->buf_bits = (uint64_t)v->len * 8;
	if (a->size == 0)
		a->size = a->buf_bits;
	return a->buf_bits >= a->size;
}

static bool arg_flags(const as_value *v, bit_args *a)
{
	if (!arg_uint(v, &a->flags) || (a->flags & ~a->def->flags_ok) != 0)
		return false;
	return (a->flags & (PF_CREATE_ONLY | PF_UPDATE_ONLY)) != (PF_CREATE_ONLY | PF_UPDATE_ONLY);
}

/* The arguments of a->def from items[1..n]; false: malformed (4). */
static bool parse_args(const as_value *items, unsigned n, bit_args *a)
{
	const as_value *x = items + 1;
	const uint64_t bits_max = (uint64_t)BIT_SIZE_MAX * 8;

	if (n < a->def->min_args || n > a->def->max_args)
		return false;
	switch (a->def->shape) {
	case SHAPE_RESIZE:
		a->offset = 0;
		if (!arg_size(&x[0], true, BIT_SIZE_MAX, &a->size))
			return false;
		a->size *= 8;
		if (n > 1 && !arg_flags(&x[1], a))
			return false;
		if (n > 2) {
			if (!arg_uint(&x[2], &a->sub) || (a->sub & ~(uint64_t)(RF_FROM_FRONT | RF_GROW_ONLY | RF_SHRINK_ONLY)))
				return false;
			if ((a->sub & RF_GROW_ONLY) && (a->sub & RF_SHRINK_ONLY))
				return false;
		}
		return true;
	case SHAPE_INSERT:
		return arg_offset(&x[0], true, &a->offset) && arg_bytes(&x[1], a) && (n < 3 || arg_flags(&x[2], a));
	case SHAPE_REMOVE:
		if (!arg_offset(&x[0], true, &a->offset) || !arg_size(&x[1], false, BIT_SIZE_MAX, &a->size))
			return false;
		a->size *= 8;
		return n < 3 || arg_flags(&x[2], a);
	case SHAPE_BYTES:
		return arg_offset(&x[0], false, &a->offset) && arg_size(&x[1], false, bits_max, &a->size) &&
		       arg_bytes(&x[2], a) && (n < 4 || arg_flags(&x[3], a));
	case SHAPE_NOT:
		return arg_offset(&x[0], false, &a->offset) && arg_size(&x[1], false, bits_max, &a->size) &&
		       (n < 3 || arg_flags(&x[2], a));
	case SHAPE_SHIFT:
		return arg_offset(&x[0], false, &a->offset) && arg_size(&x[1], false, bits_max, &a->size) &&
		       arg_uint(&x[2], &a->value) && a->value <= bits_max && (n < 4 || arg_flags(&x[3], a));
	case SHAPE_MATH:
		if (!arg_offset(&x[0], false, &a->offset) || !arg_size(&x[1], false, 64, &a->size) ||
		    !arg_uint(&x[2], &a->value) || (n > 3 && !arg_flags(&x[3], a)))
			return false;
		if (n > 4) {
			if (!arg_uint(&x[4], &a->sub) || (a->sub & ~(uint64_t)(IF_SIGNED | IF_SATURATE | IF_WRAP)))
				return false;
			if ((a->sub & IF_SATURATE) && (a->sub & IF_WRAP))
				return false;
		}
		return true;
	case SHAPE_SETINT:
		return arg_offset(&x[0], false, &a->offset) && arg_size(&x[1], false, 64, &a->size) &&
		       arg_uint(&x[2], &a->value) && (n < 4 || arg_flags(&x[3], a));
	case SHAPE_RANGE:
		return arg_offset(&x[0], false, &a->offset) && arg_size(&x[1], false, bits_max, &a->size);
	case SHAPE_SCAN:
		if (!arg_offset(&x[0], false, &a->offset) || !arg_size(&x[1], false, bits_max, &a->size) ||
		    x[2].type != AS_BOOL)
			return false;
		a->value = x[2].u.b ? 1 : 0;
		return true;
	case SHAPE_GETINT:
		if (!arg_offset(&x[0], false, &a->offset) || !arg_size(&x[1], false, 64, &a->size))
			return false;
		return n < 3 || (arg_uint(&x[2], &a->sub) && (a->sub & ~(uint64_t)IF_SIGNED) == 0);
	}
	return false;
}

static int bit_at(const uint8_t *p, uint64_t i)
{
	return (p[i >> 3] >> (7 - (i & 7))) & 1;
}

static void bit_put(uint8_t *p, uint64_t i, int v)
{
	uint8_t m = (uint8_t)(0x80 >> (i & 7));

	if (v)
		p[i >> 3] |= m;
	else
		p[i >> 3] &= (uint8_t)~m;
}

static uint64_t int_mask(uint64_t n_bits)
{
	return n_bits >= 64 ? UINT64_MAX : ((uint64_t)1 << n_bits) - 1;
}

/* x, n_bits wide, as a signed number. */
static int64_t sign_extend(uint64_t x, uint64_t n_bits)
{
	uint64_t m = int_mask(n_bits);

	x &= m;
	if (n_bits < 64 && (x >> (n_bits - 1)) & 1)
		x |= ~m;
	return (int64_t)x;
}

static uint64_t load_int(const uint8_t *p, uint64_t off, uint64_t n_bits)
{
	uint64_t v = 0;

	for (uint64_t i = 0; i < n_bits; i++)
		v = v << 1 | (uint64_t)bit_at(p, off + i);
	return v;
}

static void store_int(uint8_t *p, uint64_t off, uint64_t n_bits, uint64_t v)
{
	for (uint64_t i = 0; i < n_bits; i++)
		bit_put(p, off + i, (int)((v >> (n_bits - 1 - i)) & 1));
}

/* The server's signed overflow test: operands of one sign whose result
 * has the other (a result of exactly 0 is not caught, as there). */
static bool signed_ok(uint64_t n_bits, bool saturate, uint64_t load, uint64_t value, uint64_t *result)
{
	int64_t sl = sign_extend(load, n_bits), sv = sign_extend(value, n_bits), sr = sign_extend(*result, n_bits);
	uint64_t m = int_mask(n_bits);

	if (sl < 0 && sv < 0 && sr > 0) {
		if (!saturate)
			return false;
		*result = (uint64_t)1 << (n_bits - 1);  /* most negative */
	} else if (sl > 0 && sv > 0 && sr < 0) {
		if (!saturate)
			return false;
		*result = m >> 1;  /* most positive */
	}
	return true;
}

/* ADD / SUBTRACT / SET_INT on the n_bits at off of p; false: overflow. */
static bool apply_math(int code, uint8_t *p, uint64_t off, const bit_args *a)
{
	uint64_t m = int_mask(a->size), value = a->value & m, load, result;
	bool is_signed = a->sub & IF_SIGNED, wrap = a->sub & IF_WRAP, saturate = a->sub & IF_SATURATE;

	if (code == BIT_SET_INT) {
		store_int(p, off, a->size, value);
		return true;
	}
	load = load_int(p, off, a->size);
	if (code == BIT_ADD) {
		result = (load + value) & m;
		if (!wrap) {
			if (is_signed) {
				if (!signed_ok(a->size, saturate, load, value, &result))
					return false;
			} else if (result < load) {
				if (!saturate)
					return false;
				result = m;
			}
		}
	} else {
		result = (load - value) & m;
		if (!wrap) {
			if (is_signed) {
				if (!signed_ok(a->size, saturate, load, (uint64_t)0 - value, &result))
					return false;
			} else if (result > load) {
				if (!saturate)
					return false;
				result = 0;
			}
		}
	}
	store_int(p, off, a->size, result);
	return true;
}

/* The bits [off, off + size) of p changed in place by a->def. */
static bool apply_range(uint8_t *p, uint64_t off, uint64_t size, const bit_args *a)
{
	int code = a->def->code;

	switch (code) {
	case BIT_SET: case BIT_OR: case BIT_XOR: case BIT_AND:
		for (uint64_t i = 0; i < size; i++) {
			int s = bit_at(a->buf, i), d = bit_at(p, off + i);

			bit_put(p, off + i, code == BIT_SET ? s : code == BIT_OR ? (d | s) : code == BIT_XOR ? (d ^ s) : (d & s));
		}
		return true;
	case BIT_NOT:
		for (uint64_t i = 0; i < size; i++)
			bit_put(p, off + i, !bit_at(p, off + i));
		return true;
	case BIT_LSHIFT:
		for (uint64_t i = 0; i < size; i++)
			bit_put(p, off + i, a->value < size - i ? bit_at(p, off + i + a->value) : 0);
		return true;
	case BIT_RSHIFT:
		for (uint64_t i = size; i-- > 0;)
			bit_put(p, off + i, i >= a->value ? bit_at(p, off + i - a->value) : 0);
		return true;
	default:
		return apply_math(code, p, off, a);
	}
}

/* memcpy that accepts an empty (maybe NULL) source. */
static void copy(uint8_t *to, const uint8_t *from, uint64_t n)
{
	if (n != 0)
		memcpy(to, from, (size_t)n);
}

static as_value blob_take(uint8_t *p, size_t len)
{
	as_value v = as_value_nil();

	v.type = AS_BYTES;
	v.len = (uint32_t)len;
	v.u.bytes = p;
	return v;
}

/* A read op on the blob (old, old_len); the range was checked. */
static void read_op(const uint8_t *old, uint64_t off, const bit_args *a, as_value *result)
{
	int64_t found = -1;
	uint64_t n = 0;

	switch (a->def->code) {
	case BIT_GET: {
		size_t len = (size_t)((a->size + 7) / 8);
		uint8_t *p = calloc(len, 1);

		if (p == NULL)
			return;
		for (uint64_t i = 0; i < a->size; i++)
			bit_put(p, i, bit_at(old, off + i));
		*result = blob_take(p, len);
		return;
	}
	case BIT_COUNT:
		for (uint64_t i = 0; i < a->size; i++)
			n += (uint64_t)bit_at(old, off + i);
		*result = as_value_int((int64_t)n);
		return;
	case BIT_LSCAN:
		for (uint64_t i = 0; i < a->size && found < 0; i++)
			if ((uint64_t)bit_at(old, off + i) == a->value)
				found = (int64_t)i;
		*result = as_value_int(found);
		return;
	case BIT_RSCAN:
		for (uint64_t i = a->size; i-- > 0 && found < 0;)
			if ((uint64_t)bit_at(old, off + i) == a->value)
				found = (int64_t)i;
		*result = as_value_int(found);
		return;
	default: {
		uint64_t v = load_int(old, off, a->size);

		*result = as_value_int((a->sub & IF_SIGNED) ? sign_extend(v, a->size) : (int64_t)v);
		return;
	}
	}
}

/* A refusal that NO_FAIL turns into success without a change. */
static int refuse(const bit_args *a, int rc)
{
	return (a->flags & PF_NO_FAIL) ? AEROSPIKE_OK : rc;
}

/* New blob for resize / insert / remove; *out NULL: nothing to do. */
static int resize_like(const uint8_t *old, uint64_t old_len, uint64_t off, const bit_args *a, uint8_t **out,
                       uint64_t *out_len)
{
	uint64_t at = off / 8, n = a->size / 8, len;
	uint8_t *p;

	*out = NULL;
	switch (a->def->code) {
	case BIT_RESIZE:
		if (n == old_len)
			return AEROSPIKE_OK;
		if (n < old_len && (a->sub & RF_GROW_ONLY))
			return refuse(a, AEROSPIKE_ERR_REQUEST_INVALID);
		if (n > old_len && (a->sub & RF_SHRINK_ONLY))
			return refuse(a, AEROSPIKE_ERR_REQUEST_INVALID);
		len = n;
		break;
	case BIT_INSERT:
		len = (at > old_len ? at : old_len) + n;
		break;
	default: /* REMOVE */
		if (at >= old_len)
			return refuse(a, AEROSPIKE_ERR_REQUEST_INVALID);
		if (at + n > old_len) {
			if (!(a->flags & PF_PARTIAL))
				return refuse(a, AEROSPIKE_ERR_REQUEST_INVALID);
			n = old_len - at;
		}
		len = old_len - n;
		break;
	}
	if (len >= BIT_SIZE_MAX)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	if ((p = calloc(len ? len : 1, 1)) == NULL)
		return AEROSPIKE_ERR_RECORD_TOO_BIG;
	switch (a->def->code) {
	case BIT_RESIZE:
		if (a->sub & RF_FROM_FRONT) {
			/* grow: zeros in front; shrink: the front bytes go */
			if (len > old_len)
				copy(p + (len - old_len), old, old_len);
			else
				copy(p, old + (old_len - len), len);
		} else {
			copy(p, old, len < old_len ? len : old_len);
		}
		break;
	case BIT_INSERT:
		if (at >= old_len) {
			copy(p, old, old_len);
			copy(p + at, a->buf, n);
		} else {
			copy(p, old, at);
			copy(p + at, a->buf, n);
			copy(p + at + n, old + at, old_len - at);
		}
		break;
	default:
		copy(p, old, at);
		copy(p + at, old + at + n, old_len - at - n);
		break;
	}
	*out = p;
	*out_len = len;
	return AEROSPIKE_OK;
}

int ms_bit_eval(as_value *bin, const as_value *payload, bool modify, as_value *result, bool *changed)
{
	const as_value *items;
	bit_args a;
	int64_t code;
	const uint8_t *old = NULL;
	uint64_t old_len = 0, off, size;
	uint8_t *p = NULL;
	uint64_t len = 0;
	int rc;

	*result = as_value_nil();
	*changed = false;
	if (!modify && bin->type == AS_NIL)
		return AEROSPIKE_OK;  /* a read of a missing bin has no value */
	if (payload->type != AS_LIST || payload->u.list->size == 0)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	items = payload->u.list->items;
	memset(&a, 0, sizeof(a));
	if (!arg_int(&items[0], &code) || (a.def = find_def(code, modify)) == NULL ||
	    !parse_args(items, payload->u.list->size - 1, &a))
		return AEROSPIKE_ERR_REQUEST_INVALID;

	if (bin->type != AS_NIL) {
		if (a.flags & PF_CREATE_ONLY)
			return refuse(&a, AEROSPIKE_ERR_BIN_EXISTS);
		if (bin->type != AS_BYTES)
			return AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE;
		old = bin->u.bytes;
		old_len = bin->len;
	} else if ((code != BIT_INSERT && code != BIT_RESIZE) || (a.flags & PF_UPDATE_ONLY)) {
		return refuse(&a, AEROSPIKE_ERR_BIN_NOT_FOUND);
	}

	/* a negative offset counts from the end of the blob */
	if (a.offset < 0) {
		if (bin->type == AS_NIL || (uint64_t)0 - (uint64_t)a.offset > old_len * 8)
			return AEROSPIKE_ERR_REQUEST_INVALID;
		a.offset += (int64_t)(old_len * 8);
	}
	off = (uint64_t)a.offset;
	size = a.size;

	if (code == BIT_RESIZE || code == BIT_INSERT || code == BIT_REMOVE) {
		if ((rc = resize_like(old, old_len, off, &a, &p, &len)) != AEROSPIKE_OK || p == NULL)
			return rc;
		as_value_destroy(bin);
		*bin = blob_take(p, (size_t)len);
		*changed = true;
		return AEROSPIKE_OK;
	}

	/* the range must lie in the blob; bit ops with PARTIAL clip it */
	if (off >= old_len * 8)
		return refuse(&a, AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	if (off + size > old_len * 8) {
		if (!(a.flags & PF_PARTIAL))
			return refuse(&a, AEROSPIKE_ERR_OP_NOT_APPLICABLE);
		size = old_len * 8 - off;
	}
	if (!modify) {
		read_op(old, off, &a, result);
		return result->type == AS_NIL ? AEROSPIKE_ERR_RECORD_TOO_BIG : AEROSPIKE_OK;
	}
	if ((p = malloc((size_t)old_len)) == NULL)
		return AEROSPIKE_ERR_RECORD_TOO_BIG;
	copy(p, old, old_len);
	if (!apply_range(p, off, size, &a)) {
		free(p);
		return refuse(&a, AEROSPIKE_ERR_OP_NOT_APPLICABLE);
	}
	as_value_destroy(bin);
	*bin = blob_take(p, (size_t)old_len);
	*changed = true;
	return AEROSPIKE_OK;
}
