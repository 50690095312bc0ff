/* Expression parsing: msgpack arrays [code, args...] into an ms_exp tree.
 * Bin names, variable names and the regex are msgpack str WITHOUT the
 * particle prefix, literals are Aerospike msgpack (strings with it), so
 * the walk reads the frame itself and hands only literals to the codec.
 * Every argument count and type is checked here: a malformed expression
 * is refused (4) before anything is evaluated, as the server does. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <aerofuture/status.h>

#include "codec/msgpack.h"
#include "exp.h"

typedef struct ps {
	const uint8_t *p, *end;
	int nodes;
	struct { const uint8_t *s; uint32_t len; int type; } scope[MS_EXP_MAX_VARS];
	int n_scope;
} ps;

#define BAD AEROSPIKE_ERR_REQUEST_INVALID

static bool rd_uint(ps *s, size_t n, uint64_t *v)
{
	if ((size_t)(s->end - s->p) < n)
		return false;
	*v = 0;
	for (size_t i = 0; i < n; i++)
		*v = *v << 8 | s->p[i];
	s->p += n;
	return true;
}

static bool rd_array(ps *s, uint32_t *n)
{
	uint64_t v;
	uint8_t c;

	if (s->p >= s->end)
		return false;
	c = *s->p;
	if ((c & 0xf0) == 0x90) {
		s->p++;
		*n = c & 0x0f;
		return true;
	}
	if (c != 0xdc && c != 0xdd)
		return false;
	s->p++;
	if (!rd_uint(s, c == 0xdc ? 2 : 4, &v))
		return false;
	*n = (uint32_t)v;
	return true;
}

static bool is_array(const ps *s)
{
	return s->p < s->end && ((*s->p & 0xf0) == 0x90 || *s->p == 0xdc || *s->p == 0xdd);
}

static bool rd_int(ps *s, int64_t *out)
{
	uint64_t v;
	uint8_t c;

	if (s->p >= s->end)
		return false;
	c = *s->p;
	if (c < 0x80 || c >= 0xe0) {
		s->p++;
		*out = (int8_t)c;
		if (c < 0x80)
			*out = c;
		return true;
	}
	if (c >= 0xcc && c <= 0xcf) {
		s->p++;
		if (!rd_uint(s, (size_t)1 << (c - 0xcc), &v))
			return false;
		if (c == 0xcf && v > INT64_MAX)
			return false;
		*out = (int64_t)v;
		return true;
	}
	if (c >= 0xd0 && c <= 0xd3) {
		size_t n = (size_t)1 << (c - 0xd0);

		s->p++;
		if (!rd_uint(s, n, &v))
			return false;
		if (n < 8 && (v >> (n * 8 - 1)) & 1)
			v |= ~(uint64_t)0 << (n * 8);
		*out = (int64_t)v;
		return true;
	}
	return false;
}

static bool rd_raw_str(ps *s, const uint8_t **str, uint32_t *len)
{
	uint64_t v;
	uint8_t c;

	if (s->p >= s->end)
		return false;
	c = *s->p;
	if ((c & 0xe0) == 0xa0) {
		s->p++;
		v = c & 0x1f;
	} else if (c >= 0xd9 && c <= 0xdb) {
		s->p++;
		if (!rd_uint(s, (size_t)1 << (c - 0xd9), &v))
			return false;
	} else {
		return false;
	}
	if ((uint64_t)(s->end - s->p) < v)
		return false;
	*str = s->p;
	*len = (uint32_t)v;
	s->p += v;
	return true;
}

/* A literal (any msgpack object but an array) through the codec. */
static bool rd_literal(ps *s, as_value *v)
{
	as_error err;
	size_t used;

	if (as_msgpack_unpack(s->p, (size_t)(s->end - s->p), v, &used, &err) != AEROSPIKE_OK)
		return false;
	s->p += used;
	return true;
}

static int lit_type(const as_value *v)
{
	switch (v->type) {
	case AS_NIL: return MS_XT_NIL;
	case AS_BOOL: return MS_XT_BOOL;
	case AS_INTEGER: return MS_XT_INT;
	case AS_DOUBLE: return MS_XT_FLOAT;
	case AS_STRING: return MS_XT_STR;
	case AS_BYTES: return MS_XT_BLOB;
	case AS_LIST: return MS_XT_LIST;
	case AS_MAP: return MS_XT_MAP;
	case AS_GEOJSON: return MS_XT_GEO;
	default: return MS_XT_AUTO;
	}
}

static ms_exp *node_new(ps *s)
{
	ms_exp *e;

	if (++s->nodes > MS_EXP_MAX_NODES)
		return NULL;
	e = calloc(1, sizeof(*e));
	if (e != NULL) {
		e->lit = as_value_nil();
		e->type = MS_XT_AUTO;
	}
	return e;
}

void ms_exp_free(ms_exp *e)
{
	if (e == NULL)
		return;
	for (uint32_t i = 0; i < e->n; i++)
		ms_exp_free(e->kid[i]);
	free(e->kid);
	if (e->re != NULL) {
		regfree(e->re);
		free(e->re);
	}
	as_value_destroy(&e->lit);
	free(e);
}

static int parse_node(ps *s, int depth, ms_exp **out);

static int add_kid(ps *s, ms_exp *e, int depth)
{
	ms_exp **k = realloc(e->kid, (e->n + 1) * sizeof(*k));
	int rc;

	if (k == NULL)
		return BAD;
	e->kid = k;
	e->kid[e->n] = NULL;
	rc = parse_node(s, depth + 1, &e->kid[e->n]);
	e->n++;  /* counted even on failure: ms_exp_free frees what was parsed */
	return rc;
}

static int add_kids(ps *s, ms_exp *e, uint32_t n, int depth)
{
	int rc = AEROSPIKE_OK;

	for (uint32_t i = 0; i < n && rc == AEROSPIKE_OK; i++)
		rc = add_kid(s, e, depth);
	return rc;
}

static bool kids_bool(const ms_exp *e)
{
	for (uint32_t i = 0; i < e->n; i++)
		if (e->kid[i]->type != MS_XT_BOOL && e->kid[i]->type != MS_XT_AUTO)
			return false;
	return true;
}

/* Map client regex flags (as_exp: 1 EXTENDED, 2 ICASE, 4 NOSUB, 8 NEWLINE)
 * onto this platform's regcomp flags. */
static int regex_flags(int64_t f, int *cflags)
{
	if (f < 0 || f > 15)
		return BAD;
	*cflags = 0;
	if (f & 1)
		*cflags |= REG_EXTENDED;
	if (f & 2)
		*cflags |= REG_ICASE;
	if (f & 4)
		*cflags |= REG_NOSUB;
	if (f & 8)
		*cflags |= REG_NEWLINE;
	return AEROSPIKE_OK;
}

static int parse_regex(ps *s, ms_exp *e, int depth)
{
	const uint8_t *str;
	uint32_t len;
	char *pat;
	int cflags, rc;

	if (!rd_int(s, &e->a) || regex_flags(e->a, &cflags) != AEROSPIKE_OK || !rd_raw_str(s, &str, &len) ||
	    memchr(str, 0, len) != NULL)
		return BAD;
	if ((pat = strndup((const char *)str, len)) == NULL || (e->re = calloc(1, sizeof(*e->re))) == NULL) {
		free(pat);
		return BAD;
	}
	rc = regcomp(e->re, pat, cflags | REG_NOSUB);
	free(pat);
	if (rc != 0) {
		free(e->re);
		e->re = NULL;
		return BAD;
	}
	return add_kid(s, e, depth);
}

static int parse_let(ps *s, ms_exp *e, uint32_t n, int depth)
{
	int base = s->n_scope, rc = AEROSPIKE_OK;

	if (n < 4 || n % 2 != 0)
		return BAD;
	e->a = base;
	for (uint32_t i = 0; i < (n - 2) / 2 && rc == AEROSPIKE_OK; i++) {
		const uint8_t *name;
		uint32_t len;

		if (s->n_scope >= MS_EXP_MAX_VARS || !rd_raw_str(s, &name, &len))
			return BAD;
		if ((rc = add_kid(s, e, depth)) != AEROSPIKE_OK)
			break;
		/* visible to the later definitions and the body */
		s->scope[s->n_scope].s = name;
		s->scope[s->n_scope].len = len;
		s->scope[s->n_scope].type = e->kid[e->n - 1]->type;
		s->n_scope++;
	}
	if (rc == AEROSPIKE_OK && (rc = add_kid(s, e, depth)) == AEROSPIKE_OK)
		e->type = e->kid[e->n - 1]->type;
	s->n_scope = base;
	return rc;
}

static int parse_var(ps *s, ms_exp *e)
{
	const uint8_t *name;
	uint32_t len;

	if (!rd_raw_str(s, &name, &len))
		return BAD;
	/* innermost binding wins */
	for (int i = s->n_scope - 1; i >= 0; i--)
		if (s->scope[i].len == len && memcmp(s->scope[i].s, name, len) == 0) {
			e->a = i;
			e->type = s->scope[i].type;
			return AEROSPIKE_OK;
		}
	return BAD;
}

/* [127, type, system, payload, bin]: a collection payload is [code,
 * args...] or [0xff, ctx, [code, args...]], whose arguments are
 * expressions themselves; bits and HLL payloads are kept unparsed. */
static int parse_call(ps *s, ms_exp *e, int depth)
{
	uint32_t m;
	int64_t code;
	int rc;

	if (!rd_int(s, &e->a) || e->a < MS_XT_NIL || e->a > MS_XT_HLL || !rd_int(s, &e->b) ||
	    (e->b & ~(int64_t)MS_XCALL_MODIFY) > MS_XCALL_HLL || e->b < 0)
		return BAD;
	e->type = (int)e->a;
	if ((e->b & ~(int64_t)MS_XCALL_MODIFY) != MS_XCALL_CDT) {
		as_value skip = as_value_nil();

		if (!is_array(s) || !rd_literal(s, &skip))
			return BAD;
		as_value_destroy(&skip);
		return add_kid(s, e, depth);
	}
	if (!rd_array(s, &m) || m == 0 || !rd_int(s, &code))
		return BAD;
	if (code == 0xff) {
		if (m != 3 || !is_array(s) || !rd_literal(s, &e->lit) || e->lit.type != AS_LIST ||
		    !rd_array(s, &m) || m == 0 || !rd_int(s, &code))
			return BAD;
	}
	if (code < 0 || code > 0xfe)
		return BAD;
	e->c = code;
	/* the bin comes last on the wire but is kid 0: parse the args first */
	{
		ms_exp **args = NULL;
		uint32_t n_args = m - 1;
		const uint8_t *save;

		(void)save;
		e->kid = calloc(m, sizeof(*e->kid));
		if (e->kid == NULL)
			return BAD;
		args = e->kid + 1;
		e->n = 1;
		for (uint32_t i = 0; i < n_args; i++) {
			rc = parse_node(s, depth + 1, &args[i]);
			e->n++;
			if (rc != AEROSPIKE_OK)
				return rc;
		}
		return parse_node(s, depth + 1, &e->kid[0]);
	}
}

static int expect_n(uint32_t n, uint32_t want)
{
	return n == want ? AEROSPIKE_OK : BAD;
}

static int parse_op(ps *s, ms_exp *e, int64_t code, uint32_t n, int depth)
{
	int rc;

	e->op = (int)code;
	switch (code) {
	case MS_XOP_EQ: case MS_XOP_NE: case MS_XOP_GT: case MS_XOP_GE: case MS_XOP_LT: case MS_XOP_LE:
	case MS_XOP_GEO:
		e->type = MS_XT_BOOL;
		return n != 3 ? BAD : add_kids(s, e, 2, depth);
	case MS_XOP_REGEX:
		e->type = MS_XT_BOOL;
		return n != 4 ? BAD : parse_regex(s, e, depth);
	case MS_XOP_AND: case MS_XOP_OR: case MS_XOP_NOT: case MS_XOP_EXCLUSIVE:
		e->type = MS_XT_BOOL;
		if (n < 2 || (code == MS_XOP_NOT && n != 2) || (code == MS_XOP_EXCLUSIVE && n < 3))
			return BAD;
		if ((rc = add_kids(s, e, n - 1, depth)) != AEROSPIKE_OK)
			return rc;
		return kids_bool(e) ? AEROSPIKE_OK : BAD;
	case MS_XOP_ADD: case MS_XOP_SUB: case MS_XOP_MUL: case MS_XOP_DIV:
	case MS_XOP_INT_AND: case MS_XOP_INT_OR: case MS_XOP_INT_XOR: case MS_XOP_MIN: case MS_XOP_MAX:
		if (n < 2)
			return BAD;
		if ((rc = add_kids(s, e, n - 1, depth)) != AEROSPIKE_OK)
			return rc;
		e->type = code >= MS_XOP_INT_AND && code <= MS_XOP_INT_XOR ? MS_XT_INT : e->kid[0]->type;
		return AEROSPIKE_OK;
	case MS_XOP_POW: case MS_XOP_LOG: case MS_XOP_MOD:
	case MS_XOP_INT_LSHIFT: case MS_XOP_INT_RSHIFT: case MS_XOP_INT_ARSHIFT:
	case MS_XOP_INT_LSCAN: case MS_XOP_INT_RSCAN:
		if ((rc = expect_n(n, 3)) != AEROSPIKE_OK || (rc = add_kids(s, e, 2, depth)) != AEROSPIKE_OK)
			return rc;
		e->type = code == MS_XOP_POW || code == MS_XOP_LOG ? MS_XT_FLOAT :
		          code == MS_XOP_MOD ? e->kid[0]->type : MS_XT_INT;
		return AEROSPIKE_OK;
	case MS_XOP_ABS: case MS_XOP_FLOOR: case MS_XOP_CEIL: case MS_XOP_TO_INT: case MS_XOP_TO_FLOAT:
	case MS_XOP_INT_NOT: case MS_XOP_INT_COUNT:
		if ((rc = expect_n(n, 2)) != AEROSPIKE_OK || (rc = add_kid(s, e, depth)) != AEROSPIKE_OK)
			return rc;
		e->type = code == MS_XOP_TO_FLOAT || code == MS_XOP_FLOOR || code == MS_XOP_CEIL ? MS_XT_FLOAT :
		          code == MS_XOP_ABS ? e->kid[0]->type : MS_XT_INT;
		return AEROSPIKE_OK;
	case MS_XOP_DIGEST_MODULO:
		e->type = MS_XT_INT;
		return n == 2 && rd_int(s, &e->a) && e->a > 0 ? AEROSPIKE_OK : BAD;
	case MS_XOP_DEVICE_SIZE: case MS_XOP_LAST_UPDATE: case MS_XOP_SINCE_UPDATE: case MS_XOP_VOID_TIME:
	case MS_XOP_TTL: case MS_XOP_MEMORY_SIZE: case MS_XOP_RECORD_SIZE:
		e->type = MS_XT_INT;
		return expect_n(n, 1);
	case MS_XOP_SET_NAME:
		e->type = MS_XT_STR;
		return expect_n(n, 1);
	case MS_XOP_KEY_EXIST: case MS_XOP_IS_TOMBSTONE:
		e->type = MS_XT_BOOL;
		return expect_n(n, 1);
	case MS_XOP_KEY:
		if (n != 2 || !rd_int(s, &e->a) || (e->a != MS_XT_INT && e->a != MS_XT_STR && e->a != MS_XT_BLOB))
			return BAD;
		e->type = (int)e->a;
		return AEROSPIKE_OK;
	case MS_XOP_BIN:
		if (n != 3 || !rd_int(s, &e->a) || e->a < MS_XT_NIL || e->a > MS_XT_HLL ||
		    !rd_raw_str(s, &e->str, &e->str_len) || e->str_len == 0 || e->str_len > AS_BIN_NAME_MAX_LEN)
			return BAD;
		e->type = (int)e->a;
		return AEROSPIKE_OK;
	case MS_XOP_BIN_TYPE:
		e->type = MS_XT_INT;
		return n == 2 && rd_raw_str(s, &e->str, &e->str_len) && e->str_len > 0 &&
		       e->str_len <= AS_BIN_NAME_MAX_LEN ? AEROSPIKE_OK : BAD;
	case MS_XOP_COND:
		if (n < 4 || (n - 1) % 2 != 1)
			return BAD;
		if ((rc = add_kids(s, e, n - 1, depth)) != AEROSPIKE_OK)
			return rc;
		for (uint32_t i = 0; i + 1 < e->n; i += 2)
			if (e->kid[i]->type != MS_XT_BOOL && e->kid[i]->type != MS_XT_AUTO)
				return BAD;
		e->type = e->kid[1]->type;
		return AEROSPIKE_OK;
	case MS_XOP_VAR:
		return n == 2 ? parse_var(s, e) : BAD;
	case MS_XOP_LET:
		return parse_let(s, e, n, depth);
	case MS_XOP_QUOTE:
		e->op = MS_XOP_LIT;
		if (n != 2 || !rd_literal(s, &e->lit))
			return BAD;
		e->type = lit_type(&e->lit);
		return AEROSPIKE_OK;
	case MS_XOP_CALL:
		return n == 5 ? parse_call(s, e, depth) : BAD;
	default:
		return BAD;
	}
}

static int parse_node(ps *s, int depth, ms_exp **out)
{
	ms_exp *e;
	uint32_t n;
	int64_t code;
	int rc;

	*out = NULL;
	if (depth > MS_EXP_MAX_DEPTH || s->p >= s->end || (e = node_new(s)) == NULL)
		return BAD;
	*out = e;
	if (!is_array(s)) {
		e->op = MS_XOP_LIT;
		if (!rd_literal(s, &e->lit))
			return BAD;
		e->type = lit_type(&e->lit);
		return AEROSPIKE_OK;
	}
	if (!rd_array(s, &n) || n == 0 || !rd_int(s, &code))
		return BAD;
	rc = parse_op(s, e, code, n, depth);
	return rc;
}

int ms_exp_parse(const uint8_t *p, size_t len, ms_exp **out, size_t *used)
{
	ps s;
	int rc;

	memset(&s, 0, sizeof(s));
	s.p = p;
	s.end = p + len;
	rc = parse_node(&s, 0, out);
	if (rc != AEROSPIKE_OK) {
		ms_exp_free(*out);
		*out = NULL;
		return rc;
	}
	if (used != NULL)
		*used = (size_t)(s.p - p);
	else if (s.p != s.end) {
		ms_exp_free(*out);
		*out = NULL;
		return BAD;
	}
	return AEROSPIKE_OK;
}
