/* Expression constructors: metadata, bins, comparisons, logic, arithmetic,
 * variables and conditions. Codes from the server's expression language. */
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/binname.h"
#include "model/exp_internal.h"

enum {
	CODE_EQ = 1, CODE_NE = 2, CODE_GT = 3, CODE_GE = 4, CODE_LT = 5, CODE_LE = 6,
	CODE_REGEX = 7, CODE_GEO = 8,
	CODE_AND = 16, CODE_OR = 17, CODE_NOT = 18, CODE_EXCLUSIVE = 19,
	CODE_ADD = 20, CODE_SUB = 21, CODE_MUL = 22, CODE_DIV = 23, CODE_POW = 24, CODE_LOG = 25,
	CODE_MOD = 26, CODE_ABS = 27, CODE_FLOOR = 28, CODE_CEIL = 29, CODE_TO_INT = 30, CODE_TO_FLOAT = 31,
	CODE_INT_AND = 32, CODE_INT_OR = 33, CODE_INT_XOR = 34, CODE_INT_NOT = 35, CODE_INT_LSHIFT = 36,
	CODE_INT_RSHIFT = 37, CODE_INT_ARSHIFT = 38, CODE_INT_COUNT = 39, CODE_INT_LSCAN = 40, CODE_INT_RSCAN = 41,
	CODE_MIN = 50, CODE_MAX = 51,
	CODE_DIGEST_MODULO = 64, CODE_DEVICE_SIZE = 65, CODE_LAST_UPDATE = 66, CODE_SINCE_UPDATE = 67,
	CODE_VOID_TIME = 68, CODE_TTL = 69, CODE_SET_NAME = 70, CODE_KEY_EXIST = 71, CODE_IS_TOMBSTONE = 72,
	CODE_MEMORY_SIZE = 73, CODE_RECORD_SIZE = 74,
	CODE_KEY = 80, CODE_BIN = 81, CODE_BIN_TYPE = 82,
	CODE_COND = 123, CODE_VAR = 124, CODE_LET = 125
};

/* [code] alone */
static as_exp_node *op0(const char *fn, int code, as_exp_type type)
{
	as_exp_node *k = as_exp_node_imm(code);

	return as_exp_node_array(fn, type, &k, 1);
}

/* [code, a] / [code, a, b] */
static as_exp_node *op1(const char *fn, int code, as_exp_type type, as_exp_node *a)
{
	as_exp_node *k[2] = { as_exp_node_imm(code), a };

	return as_exp_node_array(fn, type, k, 2);
}

static as_exp_node *op2(const char *fn, int code, as_exp_type type, as_exp_node *a, as_exp_node *b)
{
	as_exp_node *k[3] = { as_exp_node_imm(code), a, b };

	return as_exp_node_array(fn, type, k, 3);
}

/* [code, items...]: the items must be at least @p min and each fit @p want
 * (AUTO: any, but all alike). The node takes the operands' type when
 * @p type is AUTO. */
static as_exp_node *opn(const char *fn, int code, as_exp_type type, as_exp_type want, bool numeric,
                        as_exp_node *const *items, size_t n, size_t min)
{
	as_exp_node *k[64], **kp = k, *node;
	as_exp_type seen = AS_EXP_TYPE_AUTO;
	size_t i;

	if (!items) {
		return as_exp_node_error(fn, "operand list is NULL");
	}
	if (n < min) {
		for (i = 0; i < n; i++)
			as_exp_node_destroy(items[i]);
		return as_exp_node_error(fn, "needs at least %zu operands, got %zu", min, n);
	}
	if (n + 1 > sizeof k / sizeof k[0])
		kp = as_calloc(n + 1, sizeof *kp);
	kp[0] = as_exp_node_imm(code);
	for (i = 0; i < n; i++)
		kp[i + 1] = items[i];
	node = as_exp_node_array(fn, type, kp, n + 1);
	if (kp != k)
		free(kp);
	if (node->kind == EXP_ERROR)
		return node;
	for (i = 0; i < n; i++) {
		as_exp_type t = node->u.arr.items[i + 1]->type;

		if (numeric && t != AS_EXP_TYPE_INT && t != AS_EXP_TYPE_FLOAT && t != AS_EXP_TYPE_AUTO)
			return as_exp_node_fail(node, fn, "operand %zu is %s, needs INT or FLOAT", i + 1, as_exp_type_name(t));
		if (!as_exp_type_fits(t, want))
			return as_exp_node_fail(node, fn, "operand %zu is %s, needs %s", i + 1, as_exp_type_name(t),
			                        as_exp_type_name(want));
		if (t != AS_EXP_TYPE_AUTO) {
			if (seen != AS_EXP_TYPE_AUTO && seen != t)
				return as_exp_node_fail(node, fn, "operand %zu is %s, the others %s", i + 1,
				                        as_exp_type_name(t), as_exp_type_name(seen));
			seen = t;
		}
	}
	if (type == AS_EXP_TYPE_AUTO)
		node->type = seen;
	return node;
}

/* Check that operand @p i of a built node fits @p want. */
static as_exp_node *want_at(as_exp_node *node, const char *fn, uint32_t i, as_exp_type want)
{
	as_exp_type t;

	if (node->kind == EXP_ERROR)
		return node;
	t = node->u.arr.items[i]->type;
	if (!as_exp_type_fits(t, want))
		return as_exp_node_fail(node, fn, "operand %u is %s, needs %s", i, as_exp_type_name(t),
		                        as_exp_type_name(want));
	return node;
}

/* ---- metadata ---- */

as_exp_node *as_exp_key(as_exp_type type)
{
	if (type != AS_EXP_TYPE_INT && type != AS_EXP_TYPE_STR && type != AS_EXP_TYPE_BLOB)
		return as_exp_node_error("as_exp_key", "key type %s is not INT, STR or BLOB", as_exp_type_name(type));
	return op1("as_exp_key", CODE_KEY, type, as_exp_node_imm(type));
}

as_exp_node *as_exp_key_exists(void) { return op0("as_exp_key_exists", CODE_KEY_EXIST, AS_EXP_TYPE_BOOL); }
as_exp_node *as_exp_set_name(void) { return op0("as_exp_set_name", CODE_SET_NAME, AS_EXP_TYPE_STR); }
as_exp_node *as_exp_ttl(void) { return op0("as_exp_ttl", CODE_TTL, AS_EXP_TYPE_INT); }
as_exp_node *as_exp_void_time(void) { return op0("as_exp_void_time", CODE_VOID_TIME, AS_EXP_TYPE_INT); }
as_exp_node *as_exp_last_update(void) { return op0("as_exp_last_update", CODE_LAST_UPDATE, AS_EXP_TYPE_INT); }
as_exp_node *as_exp_since_update(void) { return op0("as_exp_since_update", CODE_SINCE_UPDATE, AS_EXP_TYPE_INT); }
as_exp_node *as_exp_record_size(void) { return op0("as_exp_record_size", CODE_RECORD_SIZE, AS_EXP_TYPE_INT); }
as_exp_node *as_exp_device_size(void) { return op0("as_exp_device_size", CODE_DEVICE_SIZE, AS_EXP_TYPE_INT); }
as_exp_node *as_exp_memory_size(void) { return op0("as_exp_memory_size", CODE_MEMORY_SIZE, AS_EXP_TYPE_INT); }
as_exp_node *as_exp_is_tombstone(void) { return op0("as_exp_is_tombstone", CODE_IS_TOMBSTONE, AS_EXP_TYPE_BOOL); }

as_exp_node *as_exp_digest_modulo(int64_t mod)
{
	if (mod <= 0)
		return as_exp_node_error("as_exp_digest_modulo", "modulus %lld is not positive", (long long)mod);
	return op1("as_exp_digest_modulo", CODE_DIGEST_MODULO, AS_EXP_TYPE_INT, as_exp_node_imm(mod));
}

/* ---- bins ---- */

static as_exp_node *bin_name(const char *fn, const char *name)
{
	char why[AS_BIN_NAME_REASON_MAX];
	size_t len;

	if (!name)
		return as_exp_node_error(fn, "bin name is NULL");
	if (!as_bin_name_check(name, &len, why))
		return as_exp_node_error(fn, "%s", why);
	return as_exp_node_raw(fn, name);
}

as_exp_node *as_exp_bin(as_exp_type type, const char *name)
{
	if ((unsigned)type > AS_EXP_TYPE_HLL || type == AS_EXP_TYPE_NIL)
		return as_exp_node_error("as_exp_bin", "bin type %d is not a value type", (int)type);
	return op2("as_exp_bin", CODE_BIN, type, as_exp_node_imm(type), bin_name("as_exp_bin", name));
}

as_exp_node *as_exp_bin_int(const char *name) { return as_exp_bin(AS_EXP_TYPE_INT, name); }
as_exp_node *as_exp_bin_float(const char *name) { return as_exp_bin(AS_EXP_TYPE_FLOAT, name); }
as_exp_node *as_exp_bin_str(const char *name) { return as_exp_bin(AS_EXP_TYPE_STR, name); }
as_exp_node *as_exp_bin_bool(const char *name) { return as_exp_bin(AS_EXP_TYPE_BOOL, name); }
as_exp_node *as_exp_bin_blob(const char *name) { return as_exp_bin(AS_EXP_TYPE_BLOB, name); }
as_exp_node *as_exp_bin_list(const char *name) { return as_exp_bin(AS_EXP_TYPE_LIST, name); }
as_exp_node *as_exp_bin_map(const char *name) { return as_exp_bin(AS_EXP_TYPE_MAP, name); }
as_exp_node *as_exp_bin_geo(const char *name) { return as_exp_bin(AS_EXP_TYPE_GEO, name); }
as_exp_node *as_exp_bin_hll(const char *name) { return as_exp_bin(AS_EXP_TYPE_HLL, name); }

as_exp_node *as_exp_bin_type(const char *name)
{
	return op1("as_exp_bin_type", CODE_BIN_TYPE, AS_EXP_TYPE_INT, bin_name("as_exp_bin_type", name));
}

as_exp_node *as_exp_bin_exists(const char *name)
{
	/* the server has no own code for it: bin_type(name) != 0 */
	return as_exp_cmp_ne(as_exp_bin_type(name), as_exp_int(0));
}

/* ---- comparisons ---- */

static as_exp_node *cmp(const char *fn, int code, as_exp_node *l, as_exp_node *r)
{
	as_exp_node *n = op2(fn, code, AS_EXP_TYPE_BOOL, l, r);
	as_exp_type a, b;

	if (n->kind == EXP_ERROR)
		return n;
	a = n->u.arr.items[1]->type;
	b = n->u.arr.items[2]->type;
	if (a != AS_EXP_TYPE_AUTO && b != AS_EXP_TYPE_AUTO && a != b)
		return as_exp_node_fail(n, fn, "operands differ in type (%s vs %s)", as_exp_type_name(a),
		                        as_exp_type_name(b));
	return n;
}

as_exp_node *as_exp_cmp_eq(as_exp_node *l, as_exp_node *r) { return cmp("as_exp_cmp_eq", CODE_EQ, l, r); }
as_exp_node *as_exp_cmp_ne(as_exp_node *l, as_exp_node *r) { return cmp("as_exp_cmp_ne", CODE_NE, l, r); }
as_exp_node *as_exp_cmp_gt(as_exp_node *l, as_exp_node *r) { return cmp("as_exp_cmp_gt", CODE_GT, l, r); }
as_exp_node *as_exp_cmp_ge(as_exp_node *l, as_exp_node *r) { return cmp("as_exp_cmp_ge", CODE_GE, l, r); }
as_exp_node *as_exp_cmp_lt(as_exp_node *l, as_exp_node *r) { return cmp("as_exp_cmp_lt", CODE_LT, l, r); }
as_exp_node *as_exp_cmp_le(as_exp_node *l, as_exp_node *r) { return cmp("as_exp_cmp_le", CODE_LE, l, r); }

as_exp_node *as_exp_cmp_regex(uint32_t flags, const char *regex, as_exp_node *str)
{
	static const char fn[] = "as_exp_cmp_regex";
	as_exp_node *k[4];

	if (flags & ~(uint32_t)0xf) {
		as_exp_node_destroy(str);
		return as_exp_node_error(fn, "unknown regex flags 0x%x", (unsigned)flags);
	}
	k[0] = as_exp_node_imm(CODE_REGEX);
	k[1] = as_exp_node_imm(flags);
	k[2] = regex ? as_exp_node_raw(fn, regex) : as_exp_node_error(fn, "regex is NULL");
	k[3] = str;
	return want_at(as_exp_node_array(fn, AS_EXP_TYPE_BOOL, k, 4), fn, 3, AS_EXP_TYPE_STR);
}

as_exp_node *as_exp_cmp_geo(as_exp_node *l, as_exp_node *r)
{
	static const char fn[] = "as_exp_cmp_geo";

	return want_at(want_at(op2(fn, CODE_GEO, AS_EXP_TYPE_BOOL, l, r), fn, 1, AS_EXP_TYPE_GEO), fn, 2,
	               AS_EXP_TYPE_GEO);
}

/* ---- logic ---- */

as_exp_node *as_exp_and(as_exp_node *const *items, size_t n)
{
	return opn("as_exp_and", CODE_AND, AS_EXP_TYPE_BOOL, AS_EXP_TYPE_BOOL, false, items, n, 2);
}

as_exp_node *as_exp_or(as_exp_node *const *items, size_t n)
{
	return opn("as_exp_or", CODE_OR, AS_EXP_TYPE_BOOL, AS_EXP_TYPE_BOOL, false, items, n, 2);
}

as_exp_node *as_exp_exclusive(as_exp_node *const *items, size_t n)
{
	return opn("as_exp_exclusive", CODE_EXCLUSIVE, AS_EXP_TYPE_BOOL, AS_EXP_TYPE_BOOL, false, items, n, 2);
}

as_exp_node *as_exp_not(as_exp_node *x)
{
	return want_at(op1("as_exp_not", CODE_NOT, AS_EXP_TYPE_BOOL, x), "as_exp_not", 1, AS_EXP_TYPE_BOOL);
}

/* ---- arithmetic ---- */

#define NUMERIC_N(fname, code) \
	as_exp_node *fname(as_exp_node *const *items, size_t n) \
	{ \
		return opn(#fname, code, AS_EXP_TYPE_AUTO, AS_EXP_TYPE_AUTO, true, items, n, 1); \
	}
NUMERIC_N(as_exp_add, CODE_ADD)
NUMERIC_N(as_exp_sub, CODE_SUB)
NUMERIC_N(as_exp_mul, CODE_MUL)
NUMERIC_N(as_exp_div, CODE_DIV)
NUMERIC_N(as_exp_min, CODE_MIN)
NUMERIC_N(as_exp_max, CODE_MAX)

#define INT_N(fname, code) \
	as_exp_node *fname(as_exp_node *const *items, size_t n) \
	{ \
		return opn(#fname, code, AS_EXP_TYPE_INT, AS_EXP_TYPE_INT, false, items, n, 1); \
	}
INT_N(as_exp_int_and, CODE_INT_AND)
INT_N(as_exp_int_or, CODE_INT_OR)
INT_N(as_exp_int_xor, CODE_INT_XOR)

/* Fixed-arity operators: operands of @p want, result @p type (AUTO: the operands'). */
static as_exp_node *fixed(const char *fn, int code, as_exp_type type, as_exp_type want, bool numeric,
                          as_exp_node *a, as_exp_node *b)
{
	as_exp_node *items[2] = { a, b };

	return opn(fn, code, type, want, numeric, items, b ? 2 : 1, b ? 2 : 1);
}

as_exp_node *as_exp_pow(as_exp_node *b, as_exp_node *e)
{
	return fixed("as_exp_pow", CODE_POW, AS_EXP_TYPE_FLOAT, AS_EXP_TYPE_FLOAT, false, b, e);
}

as_exp_node *as_exp_log(as_exp_node *num, as_exp_node *base)
{
	return fixed("as_exp_log", CODE_LOG, AS_EXP_TYPE_FLOAT, AS_EXP_TYPE_FLOAT, false, num, base);
}

as_exp_node *as_exp_mod(as_exp_node *a, as_exp_node *b)
{
	return fixed("as_exp_mod", CODE_MOD, AS_EXP_TYPE_INT, AS_EXP_TYPE_INT, false, a, b);
}

as_exp_node *as_exp_abs(as_exp_node *x)
{
	if (!x)
		return as_exp_node_error("as_exp_abs", "operand 1 is NULL");
	return fixed("as_exp_abs", CODE_ABS, AS_EXP_TYPE_AUTO, AS_EXP_TYPE_AUTO, true, x, NULL);
}

#define UNARY(fname, code, type, want) \
	as_exp_node *fname(as_exp_node *x) \
	{ \
		if (!x) \
			return as_exp_node_error(#fname, "operand 1 is NULL"); \
		return fixed(#fname, code, type, want, false, x, NULL); \
	}
UNARY(as_exp_floor, CODE_FLOOR, AS_EXP_TYPE_FLOAT, AS_EXP_TYPE_FLOAT)
UNARY(as_exp_ceil, CODE_CEIL, AS_EXP_TYPE_FLOAT, AS_EXP_TYPE_FLOAT)
UNARY(as_exp_to_int, CODE_TO_INT, AS_EXP_TYPE_INT, AS_EXP_TYPE_FLOAT)
UNARY(as_exp_to_float, CODE_TO_FLOAT, AS_EXP_TYPE_FLOAT, AS_EXP_TYPE_INT)
UNARY(as_exp_int_not, CODE_INT_NOT, AS_EXP_TYPE_INT, AS_EXP_TYPE_INT)
UNARY(as_exp_int_count, CODE_INT_COUNT, AS_EXP_TYPE_INT, AS_EXP_TYPE_INT)

#define BINARY_INT(fname, code) \
	as_exp_node *fname(as_exp_node *x, as_exp_node *by) \
	{ \
		if (!x || !by) { \
			as_exp_node_destroy(x); \
			as_exp_node_destroy(by); \
			return as_exp_node_error(#fname, "operand %d is NULL", x ? 2 : 1); \
		} \
		return fixed(#fname, code, AS_EXP_TYPE_INT, AS_EXP_TYPE_INT, false, x, by); \
	}
BINARY_INT(as_exp_int_lshift, CODE_INT_LSHIFT)
BINARY_INT(as_exp_int_rshift, CODE_INT_RSHIFT)
BINARY_INT(as_exp_int_arshift, CODE_INT_ARSHIFT)

static as_exp_node *scan(const char *fn, int code, as_exp_node *x, as_exp_node *search)
{
	as_exp_node *n = op2(fn, code, AS_EXP_TYPE_INT, x, search);

	return want_at(want_at(n, fn, 1, AS_EXP_TYPE_INT), fn, 2, AS_EXP_TYPE_BOOL);
}

as_exp_node *as_exp_int_lscan(as_exp_node *x, as_exp_node *s) { return scan("as_exp_int_lscan", CODE_INT_LSCAN, x, s); }
as_exp_node *as_exp_int_rscan(as_exp_node *x, as_exp_node *s) { return scan("as_exp_int_rscan", CODE_INT_RSCAN, x, s); }

/* ---- variables and conditions ---- */

as_exp_node *as_exp_def(const char *name, as_exp_node *value)
{
	static const char fn[] = "as_exp_def";
	as_exp_node *k[2], *n;

	k[0] = name && *name ? as_exp_node_raw(fn, name) : as_exp_node_error(fn, "variable name is NULL or empty");
	k[1] = value;
	n = as_exp_node_array(fn, AS_EXP_TYPE_AUTO, k, 2);
	if (n->kind != EXP_ERROR)
		n->is_def = true;
	return n;
}

as_exp_node *as_exp_var(const char *name)
{
	static const char fn[] = "as_exp_var";

	if (!name || !*name)
		return as_exp_node_error(fn, "variable name is NULL or empty");
	return op1(fn, CODE_VAR, AS_EXP_TYPE_AUTO, as_exp_node_raw(fn, name));
}

as_exp_node *as_exp_let(as_exp_node *const *items, size_t n)
{
	static const char fn[] = "as_exp_let";
	as_exp_node **k, *node, *body;
	size_t i, j = 0, bad = 0;

	if (!items)
		return as_exp_node_error(fn, "operand list is NULL");
	if (n < 2) {
		for (i = 0; i < n; i++)
			as_exp_node_destroy(items[i]);
		return as_exp_node_error(fn, "needs at least one definition and a body");
	}
	for (i = 0; i + 1 < n && !bad; i++)
		if (items[i] && items[i]->kind != EXP_ERROR && !items[i]->is_def)
			bad = i + 1;
	if (bad) {
		for (i = 0; i < n; i++)
			as_exp_node_destroy(items[i]);
		return as_exp_node_error(fn, "operand %zu is not an as_exp_def()", bad);
	}
	body = items[n - 1];
	if (body && body->is_def) {
		for (i = 0; i < n; i++)
			as_exp_node_destroy(items[i]);
		return as_exp_node_error(fn, "the last operand (the body) is a definition");
	}
	for (i = 0; i + 1 < n; i++)
		if (!items[i] || items[i]->kind == EXP_ERROR)
			return as_exp_node_array(fn, AS_EXP_TYPE_AUTO, items, n); /* reports it */
	/* [125, name1, value1, ..., body]: the definitions are spliced in */
	k = as_calloc(2 * n, sizeof *k);
	k[j++] = as_exp_node_imm(CODE_LET);
	for (i = 0; i + 1 < n; i++) {
		as_exp_node *d = items[i];

		k[j++] = d->u.arr.items[0];
		k[j++] = d->u.arr.items[1];
		free(d->u.arr.items);
		free(d);
	}
	k[j++] = body;
	node = as_exp_node_array(fn, AS_EXP_TYPE_AUTO, k, j);
	free(k);
	if (node->kind != EXP_ERROR)
		node->type = node->u.arr.items[j - 1]->type;
	return node;
}

as_exp_node *as_exp_cond(as_exp_node *const *items, size_t n)
{
	static const char fn[] = "as_exp_cond";
	as_exp_node *node;
	as_exp_type seen = AS_EXP_TYPE_AUTO;
	size_t i;

	if (!items)
		return as_exp_node_error(fn, "operand list is NULL");
	if (n < 3 || n % 2 == 0) {
		for (i = 0; i < n; i++)
			as_exp_node_destroy(items[i]);
		return as_exp_node_error(fn, "needs condition/value pairs and a default (odd count >= 3), got %zu", n);
	}
	{
		as_exp_node **k = as_calloc(n + 1, sizeof *k);

		k[0] = as_exp_node_imm(CODE_COND);
		for (i = 0; i < n; i++)
			k[i + 1] = items[i];
		node = as_exp_node_array(fn, AS_EXP_TYPE_AUTO, k, n + 1);
		free(k);
	}
	if (node->kind == EXP_ERROR)
		return node;
	for (i = 0; i < n; i++) {
		as_exp_type t = node->u.arr.items[i + 1]->type;
		bool is_cond = i % 2 == 0 && i + 1 < n;

		if (is_cond) {
			if (!as_exp_type_fits(t, AS_EXP_TYPE_BOOL))
				return as_exp_node_fail(node, fn, "condition %zu is %s, needs BOOL", i / 2 + 1,
				                        as_exp_type_name(t));
		} else if (t != AS_EXP_TYPE_AUTO && t != AS_EXP_TYPE_NIL) {
			if (seen != AS_EXP_TYPE_AUTO && seen != t)
				return as_exp_node_fail(node, fn, "operand %zu is %s, the other values %s", i + 1,
				                        as_exp_type_name(t), as_exp_type_name(seen));
			seen = t;
		}
	}
	node->type = seen;
	return node;
}
