/* Expression evaluation over the parsed tree (exp_parse.c). A value that
 * cannot be computed (a bin of another type, a missing bin, a division by
 * zero, a comparison across types) is 'unknown' and propagates: AND is
 * false if any operand is false, OR true if any is true, the rest stays
 * unknown. Comparisons across types are unknown (filt_type_mismatch). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <aerofuture/status.h>

#include "cdt_compare.h"
#include "exp.h"

#define UNK MS_EXP_UNKNOWN

static int eval_bool(const ms_exp *e, ms_exp_env *env, int *b)
{
	as_value v = as_value_nil();
	int rc = ms_exp_eval(e, env, &v);

	if (rc != AEROSPIKE_OK)
		return rc;
	if (v.type != AS_BOOL) {
		as_value_destroy(&v);
		return UNK;
	}
	*b = v.u.b;
	return AEROSPIKE_OK;
}

static bool is_num(const as_value *v)
{
	return v->type == AS_INTEGER || v->type == AS_DOUBLE;
}

static int eval_cmp(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	as_value a = as_value_nil(), b = as_value_nil();
	int rc, c = 0;
	bool r = false;

	if ((rc = ms_exp_eval(e->kid[0], env, &a)) == AEROSPIKE_OK)
		rc = ms_exp_eval(e->kid[1], env, &b);
	if (rc == AEROSPIKE_OK && (a.type != b.type || a.type == AS_NIL))
		rc = UNK;
	if (rc == AEROSPIKE_OK) {
		if (e->op == MS_XOP_EQ || e->op == MS_XOP_NE)
			c = as_value_equal(&a, &b) ? 0 : 1;
		else if (a.type == AS_DOUBLE)
			c = a.u.d < b.u.d ? -1 : a.u.d > b.u.d ? 1 : 0;
		else
			c = ms_cdt_cmp(&a, &b);
		switch (e->op) {
		case MS_XOP_EQ: r = c == 0; break;
		case MS_XOP_NE: r = c != 0; break;
		case MS_XOP_GT: r = c > 0; break;
		case MS_XOP_GE: r = c >= 0; break;
		case MS_XOP_LT: r = c < 0; break;
		default: r = c <= 0; break;
		}
		*out = as_value_bool(r);
	}
	as_value_destroy(&a);
	as_value_destroy(&b);
	return rc;
}

static int eval_regex(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	as_value s = as_value_nil();
	int rc = ms_exp_eval(e->kid[0], env, &s);

	if (rc == AEROSPIKE_OK && s.type != AS_STRING)
		rc = UNK;
	if (rc == AEROSPIKE_OK)
		*out = as_value_bool(regexec(e->re, s.u.str, 0, NULL, 0) == 0);
	as_value_destroy(&s);
	return rc;
}

static int eval_geo(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	as_value a = as_value_nil(), b = as_value_nil();
	int rc, r = 0;

	if ((rc = ms_exp_eval(e->kid[0], env, &a)) == AEROSPIKE_OK)
		rc = ms_exp_eval(e->kid[1], env, &b);
	if (rc == AEROSPIKE_OK && (a.type != AS_GEOJSON || b.type != AS_GEOJSON))
		rc = UNK;
	if (rc == AEROSPIKE_OK) {
		r = ms_exp_geo_relate(a.u.str, b.u.str);
		if (r < 0)
			rc = UNK;
		else
			*out = as_value_bool(r != 0);
	}
	as_value_destroy(&a);
	as_value_destroy(&b);
	return rc;
}

static int eval_logic(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	bool unknown = false;
	int count = 0;

	if (e->op == MS_XOP_NOT) {
		int b, rc = eval_bool(e->kid[0], env, &b);

		if (rc == AEROSPIKE_OK)
			*out = as_value_bool(!b);
		return rc;
	}
	for (uint32_t i = 0; i < e->n; i++) {
		int b, rc = eval_bool(e->kid[i], env, &b);

		if (rc == UNK) {
			unknown = true;
			continue;
		}
		if (rc != AEROSPIKE_OK)
			return rc;
		if (e->op == MS_XOP_AND && !b) {
			*out = as_value_bool(false);
			return AEROSPIKE_OK;
		}
		if (e->op == MS_XOP_OR && b) {
			*out = as_value_bool(true);
			return AEROSPIKE_OK;
		}
		count += b;
	}
	if (unknown)
		return UNK;
	if (e->op == MS_XOP_EXCLUSIVE)
		*out = as_value_bool(count == 1);
	else
		*out = as_value_bool(e->op == MS_XOP_AND);
	return AEROSPIKE_OK;
}

static int int_arith(int op, int64_t a, int64_t b, int64_t *r)
{
	uint64_t ua = (uint64_t)a, ub = (uint64_t)b;

	switch (op) {
	case MS_XOP_ADD: *r = (int64_t)(ua + ub); return AEROSPIKE_OK;
	case MS_XOP_SUB: *r = (int64_t)(ua - ub); return AEROSPIKE_OK;
	case MS_XOP_MUL: *r = (int64_t)(ua * ub); return AEROSPIKE_OK;
	case MS_XOP_DIV:
		if (b == 0 || (a == INT64_MIN && b == -1))
			return UNK;
		*r = a / b;
		return AEROSPIKE_OK;
	case MS_XOP_INT_AND: *r = a & b; return AEROSPIKE_OK;
	case MS_XOP_INT_OR: *r = a | b; return AEROSPIKE_OK;
	case MS_XOP_INT_XOR: *r = a ^ b; return AEROSPIKE_OK;
	case MS_XOP_MIN: *r = a < b ? a : b; return AEROSPIKE_OK;
	default: *r = a > b ? a : b; return AEROSPIKE_OK;
	}
}

static double dbl_arith(int op, double a, double b)
{
	switch (op) {
	case MS_XOP_ADD: return a + b;
	case MS_XOP_SUB: return a - b;
	case MS_XOP_MUL: return a * b;
	case MS_XOP_DIV: return a / b;
	case MS_XOP_MIN: return a < b ? a : b;
	default: return a > b ? a : b;
	}
}

/* Numbers are scalars: operands are evaluated one at a time, all INTEGER
 * or all DOUBLE (the int bit functions: INTEGER only). */
static int eval_variadic(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	bool ints = e->op >= MS_XOP_INT_AND && e->op <= MS_XOP_INT_XOR;
	as_value acc = as_value_nil();
	int rc = ms_exp_eval(e->kid[0], env, &acc);

	if (rc != AEROSPIKE_OK)
		return rc;
	if (!is_num(&acc) || (ints && acc.type != AS_INTEGER)) {
		as_value_destroy(&acc);
		return UNK;
	}
	if (e->n == 1 && e->op == MS_XOP_SUB)
		rc = acc.type == AS_INTEGER ? int_arith(MS_XOP_SUB, 0, acc.u.i, &acc.u.i) : (acc.u.d = -acc.u.d, 0);
	else if (e->n == 1 && e->op == MS_XOP_DIV)
		rc = acc.type == AS_INTEGER ? int_arith(MS_XOP_DIV, 1, acc.u.i, &acc.u.i) : (acc.u.d = 1.0 / acc.u.d, 0);
	for (uint32_t i = 1; i < e->n && rc == AEROSPIKE_OK; i++) {
		as_value v = as_value_nil();

		if ((rc = ms_exp_eval(e->kid[i], env, &v)) != AEROSPIKE_OK)
			break;
		if (v.type != acc.type)
			rc = UNK;
		else if (acc.type == AS_INTEGER)
			rc = int_arith(e->op, acc.u.i, v.u.i, &acc.u.i);
		else
			acc.u.d = dbl_arith(e->op, acc.u.d, v.u.d);
		as_value_destroy(&v);
	}
	if (rc == AEROSPIKE_OK)
		*out = acc;
	return rc;
}

static int scan_bits(uint64_t v, bool search, bool from_left)
{
	if (!search)
		v = ~v;
	if (v == 0)
		return -1;
	/* bit 0 is the most significant: the order the server counts */
	if (from_left)
		return __builtin_clzll(v);
	return 63 - __builtin_ctzll(v);
}

static int eval_binary(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	as_value a = as_value_nil(), b = as_value_nil();
	int rc = ms_exp_eval(e->kid[0], env, &a);

	if (rc == AEROSPIKE_OK)
		rc = ms_exp_eval(e->kid[1], env, &b);
	if (rc != AEROSPIKE_OK)
		goto done;
	rc = UNK;
	switch (e->op) {
	case MS_XOP_POW:
	case MS_XOP_LOG:
		if (a.type == AS_DOUBLE && b.type == AS_DOUBLE) {
			double r = e->op == MS_XOP_POW ? pow(a.u.d, b.u.d) : log(a.u.d) / log(b.u.d);

			*out = as_value_double(r);
			rc = AEROSPIKE_OK;
		}
		break;
	case MS_XOP_MOD:
		if (a.type == AS_INTEGER && b.type == AS_INTEGER && b.u.i != 0 && !(a.u.i == INT64_MIN && b.u.i == -1)) {
			*out = as_value_int(a.u.i % b.u.i);
			rc = AEROSPIKE_OK;
		}
		break;
	case MS_XOP_INT_LSCAN:
	case MS_XOP_INT_RSCAN:
		if (a.type == AS_INTEGER && b.type == AS_BOOL) {
			*out = as_value_int(scan_bits((uint64_t)a.u.i, b.u.b, e->op == MS_XOP_INT_LSCAN));
			rc = AEROSPIKE_OK;
		}
		break;
	default:  /* shifts: the count taken modulo 64 as the CPU does */
		if (a.type == AS_INTEGER && b.type == AS_INTEGER) {
			unsigned sh = (unsigned)(b.u.i & 63);
			uint64_t u = (uint64_t)a.u.i;

			if (e->op == MS_XOP_INT_LSHIFT)
				u <<= sh;
			else if (e->op == MS_XOP_INT_RSHIFT)
				u >>= sh;
			else
				u = a.u.i < 0 ? ~(~u >> sh) : u >> sh;
			*out = as_value_int((int64_t)u);
			rc = AEROSPIKE_OK;
		}
		break;
	}
done:
	as_value_destroy(&a);
	as_value_destroy(&b);
	return rc;
}

static int eval_unary(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	as_value a = as_value_nil();
	int rc = ms_exp_eval(e->kid[0], env, &a);

	if (rc != AEROSPIKE_OK)
		return rc;
	rc = UNK;
	switch (e->op) {
	case MS_XOP_ABS:
		if (a.type == AS_INTEGER && a.u.i != INT64_MIN) {
			*out = as_value_int(a.u.i < 0 ? -a.u.i : a.u.i);
			rc = AEROSPIKE_OK;
		} else if (a.type == AS_DOUBLE) {
			*out = as_value_double(fabs(a.u.d));
			rc = AEROSPIKE_OK;
		}
		break;
	case MS_XOP_FLOOR:
	case MS_XOP_CEIL:
		if (a.type == AS_DOUBLE) {
			*out = as_value_double(e->op == MS_XOP_FLOOR ? floor(a.u.d) : ceil(a.u.d));
			rc = AEROSPIKE_OK;
		}
		break;
	case MS_XOP_TO_INT:
		/* only values an int64 holds */
		if (a.type == AS_DOUBLE && a.u.d >= -9223372036854775808.0 && a.u.d < 9223372036854775808.0) {
			*out = as_value_int((int64_t)a.u.d);
			rc = AEROSPIKE_OK;
		}
		break;
	case MS_XOP_TO_FLOAT:
		if (a.type == AS_INTEGER) {
			*out = as_value_double((double)a.u.i);
			rc = AEROSPIKE_OK;
		}
		break;
	case MS_XOP_INT_NOT:
		if (a.type == AS_INTEGER) {
			*out = as_value_int(~a.u.i);
			rc = AEROSPIKE_OK;
		}
		break;
	default:  /* INT_COUNT */
		if (a.type == AS_INTEGER) {
			*out = as_value_int(__builtin_popcountll((uint64_t)a.u.i));
			rc = AEROSPIKE_OK;
		}
		break;
	}
	as_value_destroy(&a);
	return rc;
}

static int eval_cond(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	for (uint32_t i = 0; i + 1 < e->n; i += 2) {
		int b, rc = eval_bool(e->kid[i], env, &b);

		if (rc != AEROSPIKE_OK)
			return rc;
		if (b)
			return ms_exp_eval(e->kid[i + 1], env, out);
	}
	return ms_exp_eval(e->kid[e->n - 1], env, out);
}

static int eval_let(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	uint32_t defs = e->n - 1, i;
	int rc = AEROSPIKE_OK;

	for (i = 0; i < defs && rc == AEROSPIKE_OK; i++) {
		as_value v;

		/* into a local first: a let inside the definition uses this
		 * slot for its own variables while it runs */
		rc = ms_exp_eval(e->kid[i], env, &v);
		env->vars[e->a + i] = v;
	}
	if (rc == AEROSPIKE_OK)
		rc = ms_exp_eval(e->kid[defs], env, out);
	while (i-- > 0)
		as_value_destroy(&env->vars[e->a + i]);
	return rc;
}

static int exp_particle(int type)
{
	static const int map[] = { AS_NIL, AS_BOOL, AS_INTEGER, AS_STRING, AS_LIST, AS_MAP, AS_BYTES, AS_DOUBLE,
	                           AS_GEOJSON, 18 };

	return type >= 0 && type <= MS_XT_HLL ? map[type] : -1;
}

static int eval_bin(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	ms_wbin *b = ms_work_find(env->wk, (const char *)e->str, (uint8_t)e->str_len);

	if (e->op == MS_XOP_BIN_TYPE) {
		*out = as_value_int(b != NULL ? b->particle : 0);
		return AEROSPIKE_OK;
	}
	if (b == NULL || b->particle != exp_particle((int)e->a))
		return UNK;
	return ms_exp_bin_value(env->wk, b, out) ? AEROSPIKE_OK : UNK;
}

int ms_exp_eval(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	int rc;

	*out = as_value_nil();
	switch (e->op) {
	case MS_XOP_LIT:
		*out = as_value_copy(&e->lit);
		return AEROSPIKE_OK;
	case MS_XOP_EQ: case MS_XOP_NE: case MS_XOP_GT: case MS_XOP_GE: case MS_XOP_LT: case MS_XOP_LE:
		rc = eval_cmp(e, env, out);
		break;
	case MS_XOP_REGEX:
		rc = eval_regex(e, env, out);
		break;
	case MS_XOP_GEO:
		rc = eval_geo(e, env, out);
		break;
	case MS_XOP_AND: case MS_XOP_OR: case MS_XOP_NOT: case MS_XOP_EXCLUSIVE:
		rc = eval_logic(e, env, out);
		break;
	case MS_XOP_ADD: case MS_XOP_SUB: case MS_XOP_MUL: case MS_XOP_DIV:
	case MS_XOP_INT_AND: case MS_XOP_INT_OR: case MS_XOP_INT_XOR: case MS_XOP_MIN: case MS_XOP_MAX:
		rc = eval_variadic(e, env, out);
		break;
	case MS_XOP_POW: case MS_XOP_LOG: case MS_XOP_MOD:
	case MS_XOP_INT_LSHIFT: case MS_XOP_INT_RSHIFT: case MS_XOP_INT_ARSHIFT:
	case MS_XOP_INT_LSCAN: case MS_XOP_INT_RSCAN:
		rc = eval_binary(e, env, out);
		break;
	case MS_XOP_ABS: case MS_XOP_FLOOR: case MS_XOP_CEIL: case MS_XOP_TO_INT: case MS_XOP_TO_FLOAT:
	case MS_XOP_INT_NOT: case MS_XOP_INT_COUNT:
		rc = eval_unary(e, env, out);
		break;
	case MS_XOP_BIN: case MS_XOP_BIN_TYPE:
		rc = eval_bin(e, env, out);
		break;
	case MS_XOP_COND:
		rc = eval_cond(e, env, out);
		break;
	case MS_XOP_VAR:
		*out = as_value_copy(&env->vars[e->a]);
		return AEROSPIKE_OK;
	case MS_XOP_LET:
		rc = eval_let(e, env, out);
		break;
	case MS_XOP_CALL:
		rc = ms_exp_call(e, env, out);
		break;
	default:
		rc = ms_exp_meta(e, env, out);
		break;
	}
	if (rc != AEROSPIKE_OK) {
		as_value_destroy(out);
		*out = as_value_nil();
	}
	return rc;
}

int ms_exp_filter_check(const uint8_t *p, size_t len)
{
	ms_exp *e;
	int rc = ms_exp_parse(p, len, &e, NULL);

	if (rc != AEROSPIKE_OK)
		return rc;
	/* the server refuses a filter that cannot be boolean (filt_non_bool) */
	rc = e->type == MS_XT_BOOL || e->type == MS_XT_AUTO ? AEROSPIKE_OK : AEROSPIKE_ERR_REQUEST_INVALID;
	ms_exp_free(e);
	return rc;
}

int ms_exp_filter_eval(const ms_exp *e, ms_work *wk, const ms_record *rec, const ms_ns *ns, uint32_t now_cf)
{
	ms_exp_env env;
	as_value v = as_value_nil();
	int rc;

	if (e->type != MS_XT_BOOL && e->type != MS_XT_AUTO)
		return AEROSPIKE_ERR_REQUEST_INVALID;
	memset(&env, 0, sizeof(env));
	env.wk = wk;
	env.rec = rec;
	env.ns = ns;
	env.now_cf = now_cf;
	rc = ms_exp_eval(e, &env, &v);
	if (rc == UNK || (rc == AEROSPIKE_OK && (v.type != AS_BOOL || !v.u.b)))
		rc = AEROSPIKE_FILTERED_OUT;
	as_value_destroy(&v);
	return rc;
}

int ms_exp_filter(const uint8_t *p, size_t len, ms_work *wk, const ms_record *rec, const ms_ns *ns,
                  uint32_t now_cf)
{
	ms_exp *e;
	int rc = ms_exp_parse(p, len, &e, NULL);

	if (rc != AEROSPIKE_OK)
		return rc;
	rc = ms_exp_filter_eval(e, wk, rec, ns, now_cf);
	ms_exp_free(e);
	return rc;
}
