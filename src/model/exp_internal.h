/* Expression nodes: the tree the builder makes and as_exp_compile() packs.
 * Every node is either an array [item, ...] (an operation), an immediate
 * integer, a raw string (bin, variable and regex text: msgpack str without
 * the particle byte), a literal value (Aerospike msgpack, lists quoted), a
 * context path, or an error that travels up to as_exp_compile(). Private. */
#ifndef AS_MODEL_EXP_INTERNAL_H
#define AS_MODEL_EXP_INTERNAL_H

#include <aerofuture/exp.h>

typedef enum exp_kind {
	EXP_ARRAY,
	EXP_INT,
	EXP_RAW,
	EXP_VALUE,
	EXP_CTX,
	EXP_ERROR
} exp_kind;

struct as_exp_node {
	exp_kind kind;
	as_exp_type type;   /* the value type the node yields */
	uint32_t depth;     /* 1 for a leaf */
	bool is_def;        /* made by as_exp_def(): only valid inside a let */
	union {
		int64_t i;
		char *text;     /* EXP_RAW, EXP_ERROR */
		as_value v;     /* EXP_VALUE, EXP_CTX */
		struct {
			as_exp_node **items;
			uint32_t n;
		} arr;
	} u;
};

/* An error node whose message is "fn: ...". */
as_exp_node *as_exp_node_error(const char *fn, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* An array node of @p type over @p kids (all stolen). A NULL kid, an error
 * kid, a stray definition or too deep a nesting gives an error node. */
as_exp_node *as_exp_node_array(const char *fn, as_exp_type type, as_exp_node *const *kids, size_t n);

/* An immediate integer / a raw string (NULL text gives an error node). */
as_exp_node *as_exp_node_imm(int64_t v);
as_exp_node *as_exp_node_raw(const char *fn, const char *text);

/* A context path (copied) as it goes on the wire. */
as_exp_node *as_exp_node_ctx(const as_cdt_ctx *ctx);

/* Whether a node of type @p have can stand where @p want is needed. */
static inline bool as_exp_type_fits(as_exp_type have, as_exp_type want)
{
	return have == want || have == AS_EXP_TYPE_AUTO || want == AS_EXP_TYPE_AUTO;
}

/* The name of a type for messages. */
const char *as_exp_type_name(as_exp_type t);

/* Free @p n and return an error node: for type checks after building. */
as_exp_node *as_exp_node_fail(as_exp_node *n, const char *fn, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;

#endif
