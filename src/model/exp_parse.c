/* The text form of expressions (grammar in exp.h): a recursive-descent
 * parser into a small tree of its own, whose bins take their type from
 * what they are compared or combined with, then built with exp.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/exp_internal.h"

typedef enum pn_kind {
	PN_INT, PN_FLOAT, PN_STR, PN_BOOL, PN_NIL, PN_BIN, PN_META, PN_CMP, PN_ARITH, PN_AND, PN_OR, PN_NOT,
	PN_SIZE, PN_EXISTS
} pn_kind;

typedef struct pn {
	pn_kind kind;
	int op;           /* PN_CMP / PN_ARITH: the operator character(s); PN_META: table index */
	int64_t i;
	double d;
	char *text;       /* PN_STR, PN_BIN */
	struct pn *a, *b;
} pn;

typedef struct parser {
	const char *src;
	size_t pos;
	int depth;
	char msg[160];    /* the first error */
} parser;

/* Metadata functions: name, result type, whether it takes one integer. */
static const struct meta {
	const char *name;
	as_exp_type type;
	bool int_arg;
} METAS[] = {
	{ "ttl", AS_EXP_TYPE_INT, false },          { "void_time", AS_EXP_TYPE_INT, false },
	{ "last_update", AS_EXP_TYPE_INT, false },  { "since_update", AS_EXP_TYPE_INT, false },
	{ "set_name", AS_EXP_TYPE_STR, false },     { "key_exists", AS_EXP_TYPE_BOOL, false },
	{ "record_size", AS_EXP_TYPE_INT, false },  { "device_size", AS_EXP_TYPE_INT, false },
	{ "memory_size", AS_EXP_TYPE_INT, false },  { "is_tombstone", AS_EXP_TYPE_BOOL, false },
	{ "digest_modulo", AS_EXP_TYPE_INT, true },
};

enum { CMP_EQ = 1, CMP_NE, CMP_GT, CMP_GE, CMP_LT, CMP_LE };

static void pn_free(pn *n)
{
	if (!n)
		return;
	pn_free(n->a);
	pn_free(n->b);
	free(n->text);
	free(n);
}

static pn *pn_new(pn_kind kind)
{
	pn *n = as_calloc(1, sizeof *n);

	n->kind = kind;
	return n;
}

static void skip_space(parser *p)
{
	while (isspace((unsigned char)p->src[p->pos]))
		p->pos++;
}

/* Describe what stands at the current position, for messages. */
static void found(const parser *p, char *out, size_t cap)
{
	const char *s = p->src + p->pos;

	if (!*s)
		snprintf(out, cap, "the end");
	else
		snprintf(out, cap, "'%.10s'", s);
}

static pn *fail(parser *p, const char *expected)
{
	char what[24];

	if (!p->msg[0]) {
		found(p, what, sizeof what);
		snprintf(p->msg, sizeof p->msg, "as_exp_parse: at position %zu: expected %s, found %s", p->pos + 1,
		         expected, what);
	}
	return NULL;
}

static bool accept(parser *p, const char *tok)
{
	size_t n = strlen(tok);

	skip_space(p);
	if (strncmp(p->src + p->pos, tok, n) != 0)
		return false;
	/* a word must not run on into a longer name */
	if (isalpha((unsigned char)tok[0]) &&
	    (isalnum((unsigned char)p->src[p->pos + n]) || p->src[p->pos + n] == '_'))
		return false;
	p->pos += n;
	return true;
}

static bool ident(parser *p, char *out, size_t cap)
{
	size_t n = 0;

	skip_space(p);
	if (!isalpha((unsigned char)p->src[p->pos]) && p->src[p->pos] != '_')
		return false;
	while (isalnum((unsigned char)p->src[p->pos + n]) || p->src[p->pos + n] == '_' || p->src[p->pos + n] == '-') {
		if (n + 1 >= cap)
			return false;
		out[n] = p->src[p->pos + n];
		n++;
	}
	out[n] = '\0';
	p->pos += n;
	return true;
}

static pn *expr_or(parser *p);

static pn *number(parser *p)
{
	const char *s = p->src + p->pos;
	char *end;
	size_t n = 0;
	bool is_float = false;
	pn *node;

	if (*s == '-')
		n++;
	while (isdigit((unsigned char)s[n]) || s[n] == '.' || s[n] == 'e' || s[n] == 'E' ||
	       ((s[n] == '-' || s[n] == '+') && n > 0 && (s[n - 1] == 'e' || s[n - 1] == 'E'))) {
		if (!isdigit((unsigned char)s[n]))
			is_float = true;
		n++;
	}
	errno = 0;
	if (is_float) {
		node = pn_new(PN_FLOAT);
		node->d = strtod(s, &end);
	} else {
		node = pn_new(PN_INT);
		node->i = strtoll(s, &end, 10);
	}
	if (end != s + n || errno == ERANGE || n == 0 || (n == 1 && *s == '-')) {
		pn_free(node);
		return fail(p, "a number");
	}
	p->pos += n;
	return node;
}

static pn *string(parser *p)
{
	char quote = p->src[p->pos];
	size_t start = ++p->pos, len = 0;
	pn *node = pn_new(PN_STR);

	node->text = as_malloc(strlen(p->src + start) + 1);
	while (p->src[p->pos] && p->src[p->pos] != quote) {
		if (p->src[p->pos] == '\\' && p->src[p->pos + 1])
			p->pos++;
		node->text[len++] = p->src[p->pos++];
	}
	node->text[len] = '\0';
	if (!p->src[p->pos]) {
		p->pos = start - 1;
		pn_free(node);
		return fail(p, "a closing quote for this string");
	}
	p->pos++;
	return node;
}

/* '$.' bin, then methods: .size() (a list), .exists() */
static pn *bin(parser *p)
{
	char name[32];
	pn *node;

	if (!ident(p, name, sizeof name))
		return fail(p, "a bin name after '$.'");
	if (strlen(name) > 15)
		return fail(p, "a bin name of at most 15 bytes");
	node = pn_new(PN_BIN);
	node->text = as_strdup(name);
	while (accept(p, ".")) {
		char method[16];
		pn *m;

		if (!ident(p, method, sizeof method) || (strcmp(method, "size") != 0 && strcmp(method, "exists") != 0)) {
			pn_free(node);
			return fail(p, "a method (size, exists)");
		}
		if (!accept(p, "(") || !accept(p, ")")) {
			pn_free(node);
			return fail(p, "'()' after the method name");
		}
		if (node->kind != PN_BIN) {
			pn_free(node);
			return fail(p, "no method after size() or exists()");
		}
		m = pn_new(method[0] == 's' ? PN_SIZE : PN_EXISTS);
		m->a = node;
		node = m;
	}
	return node;
}

static pn *primary(parser *p)
{
	char name[24];
	size_t at;
	size_t i;

	skip_space(p);
	if (++p->depth > AS_EXP_MAX_DEPTH)
		return fail(p, "less nesting");
	if (accept(p, "(")) {
		pn *n = expr_or(p);

		if (n && !accept(p, ")")) {
			pn_free(n);
			return fail(p, "')'");
		}
		p->depth--;
		return n;
	}
	if (accept(p, "$.")) {
		p->depth--;
		return bin(p);
	}
	p->depth--;
	if (p->src[p->pos] == '"' || p->src[p->pos] == '\'')
		return string(p);
	if (isdigit((unsigned char)p->src[p->pos]) || p->src[p->pos] == '-')
		return number(p);
	at = p->pos;
	if (accept(p, "true") || accept(p, "false")) {
		pn *n = pn_new(PN_BOOL);

		n->i = p->src[at] == 't';
		return n;
	}
	if (accept(p, "nil"))
		return pn_new(PN_NIL);
	if (ident(p, name, sizeof name)) {
		for (i = 0; i < sizeof METAS / sizeof METAS[0]; i++) {
			pn *n;

			if (strcmp(name, METAS[i].name) != 0)
				continue;
			if (!accept(p, "("))
				return fail(p, "'(' after the function name");
			n = pn_new(PN_META);
			n->op = (int)i;
			if (METAS[i].int_arg) {
				skip_space(p);
				if (!(n->a = number(p)) || n->a->kind != PN_INT) {
					pn_free(n);
					return fail(p, "an integer argument");
				}
			}
			if (!accept(p, ")")) {
				pn_free(n);
				return fail(p, "')'");
			}
			return n;
		}
		p->pos = at;
	}
	return fail(p, "a value, '$.bin', a function or '('");
}

static pn *binary(pn_kind kind, int op, pn *a, pn *b)
{
	pn *n = pn_new(kind);

	n->op = op;
	n->a = a;
	n->b = b;
	return n;
}

static pn *product(parser *p)
{
	pn *l = primary(p), *r;
	int op;

	while (l) {
		if (accept(p, "*"))
			op = '*';
		else if (accept(p, "/"))
			op = '/';
		else if (accept(p, "%"))
			op = '%';
		else
			break;
		if (!(r = primary(p))) {
			pn_free(l);
			return NULL;
		}
		l = binary(PN_ARITH, op, l, r);
	}
	return l;
}

static pn *sum(parser *p)
{
	pn *l = product(p), *r;
	int op;

	while (l) {
		/* after an operand a '-' always subtracts: "$.a -1" is $.a - 1 */
		if (accept(p, "+"))
			op = '+';
		else if (accept(p, "-"))
			op = '-';
		else
			break;
		if (!(r = product(p))) {
			pn_free(l);
			return NULL;
		}
		l = binary(PN_ARITH, op, l, r);
	}
	return l;
}

static pn *comparison(parser *p)
{
	static const struct { const char *tok; int op; } OPS[] = {
		{ "==", CMP_EQ }, { "!=", CMP_NE }, { ">=", CMP_GE }, { "<=", CMP_LE }, { ">", CMP_GT }, { "<", CMP_LT },
	};
	pn *l = sum(p), *r;
	size_t i;

	if (!l)
		return NULL;
	for (i = 0; i < sizeof OPS / sizeof OPS[0]; i++) {
		if (!accept(p, OPS[i].tok))
			continue;
		if (!(r = sum(p))) {
			pn_free(l);
			return NULL;
		}
		return binary(PN_CMP, OPS[i].op, l, r);
	}
	return l;
}

static pn *negation(parser *p)
{
	if (accept(p, "not") || accept(p, "!")) {
		pn *x, *n;

		if (++p->depth > AS_EXP_MAX_DEPTH)
			return fail(p, "less nesting");
		x = negation(p);
		p->depth--;
		if (!x)
			return NULL;
		n = pn_new(PN_NOT);
		n->a = x;
		return n;
	}
	return comparison(p);
}

static pn *conjunction(parser *p)
{
	pn *l = negation(p), *r;

	while (l && (accept(p, "and") || accept(p, "&&"))) {
		if (!(r = negation(p))) {
			pn_free(l);
			return NULL;
		}
		l = binary(PN_AND, 0, l, r);
	}
	return l;
}

static pn *expr_or(parser *p)
{
	pn *l = conjunction(p), *r;

	while (l && (accept(p, "or") || accept(p, "||"))) {
		if (!(r = conjunction(p))) {
			pn_free(l);
			return NULL;
		}
		l = binary(PN_OR, 0, l, r);
	}
	return l;
}

/* ---- building ---- */

static as_exp_type pn_type(const pn *n)
{
	switch (n->kind) {
	case PN_INT: case PN_SIZE: return AS_EXP_TYPE_INT;
	case PN_FLOAT: return AS_EXP_TYPE_FLOAT;
	case PN_STR: return AS_EXP_TYPE_STR;
	case PN_BOOL: case PN_CMP: case PN_AND: case PN_OR: case PN_NOT: case PN_EXISTS: return AS_EXP_TYPE_BOOL;
	case PN_NIL: return AS_EXP_TYPE_NIL;
	case PN_META: return METAS[n->op].type;
	case PN_ARITH: {
		as_exp_type t = pn_type(n->a);

		return t != AS_EXP_TYPE_AUTO ? t : pn_type(n->b);
	}
	default:
		return AS_EXP_TYPE_AUTO;
	}
}

static as_exp_node *build(const pn *n, as_exp_type hint)
{
	as_exp_node *k[2];
	as_exp_type t;

	switch (n->kind) {
	case PN_INT: return as_exp_int(n->i);
	case PN_FLOAT: return as_exp_float(n->d);
	case PN_STR: return as_exp_str(n->text);
	case PN_BOOL: return as_exp_bool(n->i != 0);
	case PN_NIL: return as_exp_nil();
	case PN_BIN:
		if (hint == AS_EXP_TYPE_AUTO || hint == AS_EXP_TYPE_NIL)
			return as_exp_node_error("as_exp_parse", "cannot tell the type of bin '%s': compare or combine it with a value",
			                         n->text);
		return as_exp_bin(hint, n->text);
	case PN_SIZE: return as_exp_list_size(NULL, as_exp_bin_list(n->a->text));
	case PN_EXISTS: return as_exp_bin_exists(n->a->text);
	case PN_META: {
		const struct meta *m = &METAS[n->op];

		if (m->int_arg)
			return as_exp_digest_modulo(n->a->i);
		switch (n->op) {
		case 0: return as_exp_ttl();
		case 1: return as_exp_void_time();
		case 2: return as_exp_last_update();
		case 3: return as_exp_since_update();
		case 4: return as_exp_set_name();
		case 5: return as_exp_key_exists();
		case 6: return as_exp_record_size();
		case 7: return as_exp_device_size();
		case 8: return as_exp_memory_size();
		default: return as_exp_is_tombstone();
		}
	}
	case PN_NOT: return as_exp_not(build(n->a, AS_EXP_TYPE_BOOL));
	case PN_AND:
	case PN_OR:
		k[0] = build(n->a, AS_EXP_TYPE_BOOL);
		k[1] = build(n->b, AS_EXP_TYPE_BOOL);
		return n->kind == PN_AND ? as_exp_and(k, 2) : as_exp_or(k, 2);
	case PN_CMP:
	case PN_ARITH:
		/* a bin takes the type of the other side, or of the context */
		t = pn_type(n->a);
		if (t == AS_EXP_TYPE_AUTO)
			t = pn_type(n->b);
		if (t == AS_EXP_TYPE_AUTO && n->kind == PN_ARITH)
			t = hint;
		k[0] = build(n->a, t);
		k[1] = build(n->b, t);
		if (n->kind == PN_ARITH) {
			switch (n->op) {
			case '+': return as_exp_add(k, 2);
			case '-': return as_exp_sub(k, 2);
			case '*': return as_exp_mul(k, 2);
			case '/': return as_exp_div(k, 2);
			default: return as_exp_mod(k[0], k[1]);
			}
		}
		switch (n->op) {
		case CMP_EQ: return as_exp_cmp_eq(k[0], k[1]);
		case CMP_NE: return as_exp_cmp_ne(k[0], k[1]);
		case CMP_GT: return as_exp_cmp_gt(k[0], k[1]);
		case CMP_GE: return as_exp_cmp_ge(k[0], k[1]);
		case CMP_LT: return as_exp_cmp_lt(k[0], k[1]);
		default: return as_exp_cmp_le(k[0], k[1]);
		}
	}
	return as_exp_node_error("as_exp_parse", "internal: unknown node");
}

as_exp *as_exp_parse(const char *text, as_error *err)
{
	parser p;
	pn *tree;
	as_exp *e;

	if (!text) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "as_exp_parse: text is NULL");
		return NULL;
	}
	memset(&p, 0, sizeof p);
	p.src = text;
	tree = expr_or(&p);
	if (tree) {
		skip_space(&p);
		if (p.src[p.pos]) {
			pn_free(tree);
			tree = fail(&p, "an operator or the end");
		}
	}
	if (!tree) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "%s", p.msg);
		return NULL;
	}
	e = as_exp_compile(build(tree, AS_EXP_TYPE_BOOL), err);
	pn_free(tree);
	return e;
}
