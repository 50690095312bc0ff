/**
 * @file exp.h
 * @brief Expressions: server-side filters and computed bins.
 *
 * An expression is built as a tree of as_exp_node values, then compiled
 * by as_exp_compile() into an immutable, reference-counted as_exp that any
 * number of commands on any threads can share (as a policy's filter_exp,
 * or in as_operations_exp_read() / as_operations_exp_write()).
 *
 * Ownership: every constructor returns a new node owned by the caller, and
 * every node passed to a constructor is stolen, also when the constructor
 * fails. Constructors never return NULL: a bad argument (a NULL node or
 * name, operands of the wrong type, nesting deeper than AS_EXP_MAX_DEPTH)
 * gives an error node that carries the message up the tree, and
 * as_exp_compile() reports it. Only nodes not handed to a constructor or
 * to as_exp_compile() need as_exp_node_destroy().
 *
 * Names follow the official C client's macros (as_exp_cmp_eq, as_exp_bin_int,
 * ...); lists of operands are passed as an array and a count, and the
 * upper-case macros (AS_EXP_AND(a, b, c), ...) count them for you.
 */
#ifndef AEROFUTURE_EXP_H
#define AEROFUTURE_EXP_H

#include <aerofuture/common.h>
#include <aerofuture/error.h>
#include <aerofuture/value.h>
#include <aerofuture/cdt.h>
#include <aerofuture/operations.h>

AS_BEGIN_DECLS

/** Deepest nesting of nodes accepted by the builder. */
#define AS_EXP_MAX_DEPTH 64

/** Value types of expressions (the wire numbers). */
typedef enum as_exp_type {
	AS_EXP_TYPE_NIL = 0,
	AS_EXP_TYPE_BOOL = 1,
	AS_EXP_TYPE_INT = 2,
	AS_EXP_TYPE_STR = 3,
	AS_EXP_TYPE_LIST = 4,
	AS_EXP_TYPE_MAP = 5,
	AS_EXP_TYPE_BLOB = 6,
	AS_EXP_TYPE_FLOAT = 7,
	AS_EXP_TYPE_GEO = 8,
	AS_EXP_TYPE_HLL = 9,
	AS_EXP_TYPE_AUTO = 64  /**< not known when building (variables, cond); never sent */
} as_exp_type;

/** Flags of as_operations_exp_read(). */
typedef enum as_exp_read_flags {
	AS_EXP_READ_DEFAULT = 0,
	AS_EXP_READ_EVAL_NO_FAIL = 16  /**< an evaluation failure gives nil, not error 26 */
} as_exp_read_flags;

/** Flags of as_operations_exp_write() (OR them). */
typedef enum as_exp_write_flags {
	AS_EXP_WRITE_DEFAULT = 0,
	AS_EXP_WRITE_CREATE_ONLY = 1,     /**< fail (6) when the bin exists */
	AS_EXP_WRITE_UPDATE_ONLY = 2,     /**< fail (17) when the bin is missing */
	AS_EXP_WRITE_ALLOW_DELETE = 4,    /**< a nil result deletes the bin */
	AS_EXP_WRITE_POLICY_NO_FAIL = 8,  /**< CREATE_ONLY/UPDATE_ONLY refusals do nothing, not fail */
	AS_EXP_WRITE_EVAL_NO_FAIL = 16    /**< an evaluation failure does nothing, not fail */
} as_exp_write_flags;

/** Regex flags of as_exp_cmp_regex() (POSIX regcomp). */
typedef enum as_exp_regex_flags {
	AS_EXP_REGEX_NONE = 0,
	AS_EXP_REGEX_EXTENDED = 1,
	AS_EXP_REGEX_ICASE = 2,
	AS_EXP_REGEX_NOSUB = 4,
	AS_EXP_REGEX_NEWLINE = 8
} as_exp_regex_flags;

/** A node of an expression being built; opaque. */
typedef struct as_exp_node as_exp_node;
/** A compiled expression: immutable, reference counted, thread safe; opaque. */
typedef struct as_exp as_exp;

/* ---- compiling and sharing ---- */

/**
 * Compile a tree into its wire form.
 * @param root the tree (stolen, also on failure).
 * @param err set on failure, with the first builder error found.
 * @return a new expression holding one reference, or NULL.
 */
AS_EXPORT as_exp *as_exp_compile(as_exp_node *root, as_error *err);
/**
 * Take another reference.
 * @param exp the expression; may be NULL.
 * @return @p exp.
 */
AS_EXPORT as_exp *as_exp_retain(as_exp *exp);
/**
 * Drop a reference; the last one frees the expression.
 * @param exp the expression; may be NULL.
 */
AS_EXPORT void as_exp_release(as_exp *exp);
/**
 * The wire bytes (msgpack) of a compiled expression.
 * @param exp the expression.
 * @param len receives the length.
 * @return bytes owned by @p exp.
 */
AS_EXPORT const uint8_t *as_exp_wire(const as_exp *exp, size_t *len);
/**
 * The result type of a compiled expression (AS_EXP_TYPE_AUTO when unknown).
 * @param exp the expression.
 * @return its type.
 */
AS_EXPORT as_exp_type as_exp_result_type(const as_exp *exp);
/**
 * Free a node that was not handed to a constructor or to as_exp_compile().
 * @param node the node; may be NULL.
 */
AS_EXPORT void as_exp_node_destroy(as_exp_node *node);

/* ---- literals ---- */

/** An integer. @param v the value. @return a new node. */
AS_EXPORT as_exp_node *as_exp_int(int64_t v);
/** A float. @param v the value. @return a new node. */
AS_EXPORT as_exp_node *as_exp_float(double v);
/** A boolean. @param v the value. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bool(bool v);
/** A string (copied). @param s the text. @return a new node. */
AS_EXPORT as_exp_node *as_exp_str(const char *s);
/** A blob (copied). @param p the bytes. @param len their number. @return a new node. */
AS_EXPORT as_exp_node *as_exp_blob(const uint8_t *p, size_t len);
/** A GeoJSON text (copied). @param geojson the text. @return a new node. */
AS_EXPORT as_exp_node *as_exp_geo(const char *geojson);
/** Nil. @return a new node. */
AS_EXPORT as_exp_node *as_exp_nil(void);
/** A list value. @param list the list (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_list_val(as_list *list);
/** A map value. @param map the map (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_map_val(as_map *map);

/* ---- record metadata ---- */

/** The stored user key. @param type AS_EXP_TYPE_INT, STR or BLOB. @return a new node. */
AS_EXPORT as_exp_node *as_exp_key(as_exp_type type);
/** True when the user key is stored. @return a new node (BOOL). */
AS_EXPORT as_exp_node *as_exp_key_exists(void);
/** The record's set name. @return a new node (STR). */
AS_EXPORT as_exp_node *as_exp_set_name(void);
/** Seconds to expiry. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_ttl(void);
/** Expiry time in ns since 1970. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_void_time(void);
/** Last update time in ns since 1970. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_last_update(void);
/** Milliseconds since the last update. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_since_update(void);
/** The digest modulo @p mod. @param mod the modulus (> 0). @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_digest_modulo(int64_t mod);
/** Record size in bytes. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_record_size(void);
/** Size on device (0 in memory). @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_device_size(void);
/** Size in memory. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_memory_size(void);
/** True for a tombstone. @return a new node (BOOL). */
AS_EXPORT as_exp_node *as_exp_is_tombstone(void);

/* ---- bins ---- */

/**
 * The value of bin @p name read as @p type (a bin of another type makes
 * comparisons false).
 * @param type the type expected.
 * @param name the bin name (copied; 1..15 bytes).
 * @return a new node.
 */
AS_EXPORT as_exp_node *as_exp_bin(as_exp_type type, const char *name);
/** as_exp_bin(AS_EXP_TYPE_INT, name). @param name the bin. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bin_int(const char *name);
/** as_exp_bin(AS_EXP_TYPE_FLOAT, name). @param name the bin. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bin_float(const char *name);
/** as_exp_bin(AS_EXP_TYPE_STR, name). @param name the bin. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bin_str(const char *name);
/** as_exp_bin(AS_EXP_TYPE_BOOL, name). @param name the bin. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bin_bool(const char *name);
/** as_exp_bin(AS_EXP_TYPE_BLOB, name). @param name the bin. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bin_blob(const char *name);
/** as_exp_bin(AS_EXP_TYPE_LIST, name). @param name the bin. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bin_list(const char *name);
/** as_exp_bin(AS_EXP_TYPE_MAP, name). @param name the bin. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bin_map(const char *name);
/** as_exp_bin(AS_EXP_TYPE_GEO, name). @param name the bin. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bin_geo(const char *name);
/** as_exp_bin(AS_EXP_TYPE_HLL, name). @param name the bin. @return a new node. */
AS_EXPORT as_exp_node *as_exp_bin_hll(const char *name);
/** The particle type of a bin (0 when missing). @param name the bin. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_bin_type(const char *name);
/** True when the bin exists: bin_type(name) != 0. @param name the bin. @return a new node (BOOL). */
AS_EXPORT as_exp_node *as_exp_bin_exists(const char *name);

/* ---- comparisons (BOOL); both sides must have the same type ---- */

/** l == r. @param l stolen. @param r stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_cmp_eq(as_exp_node *l, as_exp_node *r);
/** l != r. @param l stolen. @param r stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_cmp_ne(as_exp_node *l, as_exp_node *r);
/** l > r. @param l stolen. @param r stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_cmp_gt(as_exp_node *l, as_exp_node *r);
/** l >= r. @param l stolen. @param r stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_cmp_ge(as_exp_node *l, as_exp_node *r);
/** l < r. @param l stolen. @param r stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_cmp_lt(as_exp_node *l, as_exp_node *r);
/** l <= r. @param l stolen. @param r stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_cmp_le(as_exp_node *l, as_exp_node *r);
/**
 * True when the string @p str matches @p regex.
 * @param flags as_exp_regex_flags OR-ed.
 * @param regex the POSIX regex (copied).
 * @param str a STR node (stolen).
 * @return a new node.
 */
AS_EXPORT as_exp_node *as_exp_cmp_regex(uint32_t flags, const char *regex, as_exp_node *str);
/** True when GEO @p l is within or contains GEO @p r. @param l stolen. @param r stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_cmp_geo(as_exp_node *l, as_exp_node *r);

/* ---- logic (BOOL operands) ---- */

/** All true. @param items n BOOL nodes (each stolen; n >= 2). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_and(as_exp_node *const *items, size_t n);
/** Any true. @param items n BOOL nodes (stolen; n >= 2). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_or(as_exp_node *const *items, size_t n);
/** Exactly one true. @param items n BOOL nodes (stolen; n >= 2). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_exclusive(as_exp_node *const *items, size_t n);
/** Negation. @param x a BOOL node (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_not(as_exp_node *x);

/* ---- arithmetic (INT or FLOAT, all operands alike) ---- */

/** Sum. @param items n nodes (stolen). @param n count (>= 1). @return a new node. */
AS_EXPORT as_exp_node *as_exp_add(as_exp_node *const *items, size_t n);
/** First minus the others. @param items n nodes (stolen). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_sub(as_exp_node *const *items, size_t n);
/** Product. @param items n nodes (stolen). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_mul(as_exp_node *const *items, size_t n);
/** First divided by the others. @param items n nodes (stolen). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_div(as_exp_node *const *items, size_t n);
/** Smallest. @param items n nodes (stolen). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_min(as_exp_node *const *items, size_t n);
/** Largest. @param items n nodes (stolen). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_max(as_exp_node *const *items, size_t n);
/** base ** exp (FLOAT). @param base stolen. @param exp stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_pow(as_exp_node *base, as_exp_node *exp);
/** log_base(num) (FLOAT). @param num stolen. @param base stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_log(as_exp_node *num, as_exp_node *base);
/** a mod b (INT). @param a stolen. @param b stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_mod(as_exp_node *a, as_exp_node *b);
/** |x|. @param x stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_abs(as_exp_node *x);
/** Round down (FLOAT). @param x stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_floor(as_exp_node *x);
/** Round up (FLOAT). @param x stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_ceil(as_exp_node *x);
/** FLOAT to INT. @param x stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_to_int(as_exp_node *x);
/** INT to FLOAT. @param x stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_to_float(as_exp_node *x);
/** Bitwise and of INTs. @param items n nodes (stolen). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_and(as_exp_node *const *items, size_t n);
/** Bitwise or of INTs. @param items n nodes (stolen). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_or(as_exp_node *const *items, size_t n);
/** Bitwise xor of INTs. @param items n nodes (stolen). @param n count. @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_xor(as_exp_node *const *items, size_t n);
/** Bitwise not. @param x INT (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_not(as_exp_node *x);
/** x << by. @param x INT (stolen). @param by INT (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_lshift(as_exp_node *x, as_exp_node *by);
/** Logical x >> by. @param x INT (stolen). @param by INT (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_rshift(as_exp_node *x, as_exp_node *by);
/** Arithmetic x >> by. @param x INT (stolen). @param by INT (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_arshift(as_exp_node *x, as_exp_node *by);
/** Number of bits set. @param x INT (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_count(as_exp_node *x);
/** Index of the first bit equal to @p search from the left. @param x INT (stolen). @param search BOOL (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_lscan(as_exp_node *x, as_exp_node *search);
/** Index of the first bit equal to @p search from the right. @param x INT (stolen). @param search BOOL (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_int_rscan(as_exp_node *x, as_exp_node *search);

/* ---- variables and conditions ---- */

/** A definition for as_exp_let(). @param name the variable (copied). @param value stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_def(const char *name, as_exp_node *value);
/** A variable defined by an enclosing let. @param name the variable. @return a new node (type AUTO). */
AS_EXPORT as_exp_node *as_exp_var(const char *name);
/**
 * Definitions, then a body that may use them.
 * @param items as_exp_def() nodes then the body (all stolen).
 * @param n count (>= 2).
 * @return a new node of the body's type.
 */
AS_EXPORT as_exp_node *as_exp_let(as_exp_node *const *items, size_t n);
/**
 * The value after the first true condition, or the default.
 * @param items cond1, value1, cond2, value2, ..., default (stolen; odd n >= 3).
 * @param n count.
 * @return a new node.
 */
AS_EXPORT as_exp_node *as_exp_cond(as_exp_node *const *items, size_t n);

/* ---- collections, bits, HLL (system calls) ---- */

/**
 * A collection read: [op code, args...] on the list or map @p bin.
 * @param type the result type.
 * @param ctx the context path (copied; NULL for the bin itself).
 * @param code the list or map op code (as in list_operations.h/map_operations.h).
 * @param args n argument nodes (stolen), immediate numbers via as_exp_int().
 * @param n count.
 * @param bin the collection (stolen).
 * @return a new node.
 */
AS_EXPORT as_exp_node *as_exp_cdt_read(as_exp_type type, const as_cdt_ctx *ctx, int64_t code,
                                       as_exp_node *const *args, size_t n, as_exp_node *bin);
/** A collection modify, giving the new collection; arguments as as_exp_cdt_read(). @param type LIST or MAP. @param ctx copied. @param code op code. @param args stolen. @param n count. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_cdt_modify(as_exp_type type, const as_cdt_ctx *ctx, int64_t code,
                                         as_exp_node *const *args, size_t n, as_exp_node *bin);
/** A bit read or modify (bit_operations.h codes; modify when @p modify). @param type result type. @param modify whether it modifies. @param code op code. @param args stolen. @param n count. @param bin BLOB (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_bit_call(as_exp_type type, bool modify, int64_t code, as_exp_node *const *args,
                                       size_t n, as_exp_node *bin);
/** An HLL read or modify (hll_operations.h codes). @param type result type. @param modify whether it modifies. @param code op code. @param args stolen. @param n count. @param bin HLL (stolen). @return a new node. */
AS_EXPORT as_exp_node *as_exp_hll_call(as_exp_type type, bool modify, int64_t code, as_exp_node *const *args,
                                       size_t n, as_exp_node *bin);

/** Number of elements of a list. @param ctx copied or NULL. @param bin stolen. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_list_size(const as_cdt_ctx *ctx, as_exp_node *bin);
/** Elements equal to @p value. @param ctx copied or NULL. @param rt as_list_return_type. @param value stolen. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_list_get_by_value(const as_cdt_ctx *ctx, int rt, as_exp_node *value, as_exp_node *bin);
/** Elements in [begin, end). @param ctx copied or NULL. @param rt return type. @param begin stolen (nil: from the start). @param end stolen (nil: to the end). @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_list_get_by_value_range(const as_cdt_ctx *ctx, int rt, as_exp_node *begin,
                                                      as_exp_node *end, as_exp_node *bin);
/** The element at @p index. @param ctx copied or NULL. @param rt return type. @param type value type for VALUE. @param index stolen. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_list_get_by_index(const as_cdt_ctx *ctx, int rt, as_exp_type type, as_exp_node *index,
                                                as_exp_node *bin);
/** The element of rank @p rank. @param ctx copied or NULL. @param rt return type. @param type value type for VALUE. @param rank stolen. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_list_get_by_rank(const as_cdt_ctx *ctx, int rt, as_exp_type type, as_exp_node *rank,
                                               as_exp_node *bin);
/** @p count elements from @p index (NULL count: to the end). @param ctx copied or NULL. @param rt return type. @param index stolen. @param count stolen or NULL. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_list_get_by_index_range(const as_cdt_ctx *ctx, int rt, as_exp_node *index,
                                                      as_exp_node *count, as_exp_node *bin);
/** The list with @p value appended. @param ctx copied or NULL. @param value stolen. @param bin stolen. @return a new node (LIST). */
AS_EXPORT as_exp_node *as_exp_list_append(const as_cdt_ctx *ctx, as_exp_node *value, as_exp_node *bin);
/** The list emptied. @param ctx copied or NULL. @param bin stolen. @return a new node (LIST). */
AS_EXPORT as_exp_node *as_exp_list_clear(const as_cdt_ctx *ctx, as_exp_node *bin);
/** The list without the elements equal to @p value. @param ctx copied or NULL. @param value stolen. @param bin stolen. @return a new node (LIST). */
AS_EXPORT as_exp_node *as_exp_list_remove_by_value(const as_cdt_ctx *ctx, as_exp_node *value, as_exp_node *bin);
/** Number of entries of a map. @param ctx copied or NULL. @param bin stolen. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_map_size(const as_cdt_ctx *ctx, as_exp_node *bin);
/** The entry of @p key. @param ctx copied or NULL. @param rt as_map_return_type. @param type value type for VALUE/KEY. @param key stolen. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_map_get_by_key(const as_cdt_ctx *ctx, int rt, as_exp_type type, as_exp_node *key,
                                             as_exp_node *bin);
/** Entries whose value equals @p value. @param ctx copied or NULL. @param rt return type. @param value stolen. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_map_get_by_value(const as_cdt_ctx *ctx, int rt, as_exp_node *value, as_exp_node *bin);
/** The map with @p key set to @p value (unordered, default flags). @param ctx copied or NULL. @param key stolen. @param value stolen. @param bin stolen. @return a new node (MAP). */
AS_EXPORT as_exp_node *as_exp_map_put(const as_cdt_ctx *ctx, as_exp_node *key, as_exp_node *value, as_exp_node *bin);
/** The map without @p key. @param ctx copied or NULL. @param key stolen. @param bin stolen. @return a new node (MAP). */
AS_EXPORT as_exp_node *as_exp_map_remove_by_key(const as_cdt_ctx *ctx, as_exp_node *key, as_exp_node *bin);
/** Bits [offset, offset+size) of a blob. @param offset stolen. @param size stolen. @param bin stolen. @return a new node (BLOB). */
AS_EXPORT as_exp_node *as_exp_bit_get(as_exp_node *offset, as_exp_node *size, as_exp_node *bin);
/** Number of bits set in [offset, offset+size). @param offset stolen. @param size stolen. @param bin stolen. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_bit_count(as_exp_node *offset, as_exp_node *size, as_exp_node *bin);
/** The integer in bits [offset, offset+size). @param offset stolen. @param size stolen. @param is_signed sign-extend. @param bin stolen. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_bit_get_int(as_exp_node *offset, as_exp_node *size, bool is_signed, as_exp_node *bin);
/** Estimated number of distinct values. @param bin HLL (stolen). @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_hll_get_count(as_exp_node *bin);
/** [index_bits, minhash_bits]. @param bin HLL (stolen). @return a new node (LIST). */
AS_EXPORT as_exp_node *as_exp_hll_describe(as_exp_node *bin);

/** The list with @p value inserted at @p index. @param ctx copied or NULL. @param index stolen. @param value stolen. @param bin stolen. @return a new node (LIST). */
AS_EXPORT as_exp_node *as_exp_list_insert(const as_cdt_ctx *ctx, as_exp_node *index, as_exp_node *value, as_exp_node *bin);
/** The list with the element at @p index replaced. @param ctx copied or NULL. @param index stolen. @param value stolen. @param bin stolen. @return a new node (LIST). */
AS_EXPORT as_exp_node *as_exp_list_set(const as_cdt_ctx *ctx, as_exp_node *index, as_exp_node *value, as_exp_node *bin);
/** The list with @p value added to the element at @p index. @param ctx copied or NULL. @param index stolen. @param value stolen. @param bin stolen. @return a new node (LIST). */
AS_EXPORT as_exp_node *as_exp_list_increment(const as_cdt_ctx *ctx, as_exp_node *index, as_exp_node *value,
                                             as_exp_node *bin);
/** The list sorted. @param ctx copied or NULL. @param flags as_list_sort_flags. @param bin stolen. @return a new node (LIST). */
AS_EXPORT as_exp_node *as_exp_list_sort(const as_cdt_ctx *ctx, int flags, as_exp_node *bin);
/** The list without the element at @p index. @param ctx copied or NULL. @param index stolen. @param bin stolen. @return a new node (LIST). */
AS_EXPORT as_exp_node *as_exp_list_remove_by_index(const as_cdt_ctx *ctx, as_exp_node *index, as_exp_node *bin);
/** @p count elements from rank @p rank (NULL count: to the largest). @param ctx copied or NULL. @param rt return type. @param rank stolen. @param count stolen or NULL. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_list_get_by_rank_range(const as_cdt_ctx *ctx, int rt, as_exp_node *rank,
                                                     as_exp_node *count, as_exp_node *bin);
/** @p count elements from rank @p rank relative to @p value (NULL count: all). @param ctx copied or NULL. @param rt return type. @param value stolen. @param rank stolen. @param count stolen or NULL. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_list_get_by_value_rel_rank_range(const as_cdt_ctx *ctx, int rt, as_exp_node *value,
                                                               as_exp_node *rank, as_exp_node *count,
                                                               as_exp_node *bin);
/** The map with @p delta added to the value of @p key. @param ctx copied or NULL. @param key stolen. @param delta stolen. @param bin stolen. @return a new node (MAP). */
AS_EXPORT as_exp_node *as_exp_map_increment(const as_cdt_ctx *ctx, as_exp_node *key, as_exp_node *delta,
                                            as_exp_node *bin);
/** The map emptied. @param ctx copied or NULL. @param bin stolen. @return a new node (MAP). */
AS_EXPORT as_exp_node *as_exp_map_clear(const as_cdt_ctx *ctx, as_exp_node *bin);
/** The entry at @p index in key order. @param ctx copied or NULL. @param rt return type. @param type value type for VALUE/KEY. @param index stolen. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_map_get_by_index(const as_cdt_ctx *ctx, int rt, as_exp_type type, as_exp_node *index,
                                               as_exp_node *bin);
/** Entries with keys in [begin, end). @param ctx copied or NULL. @param rt return type. @param begin stolen (nil: from the first). @param end stolen (nil: to the last). @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_map_get_by_key_range(const as_cdt_ctx *ctx, int rt, as_exp_node *begin,
                                                   as_exp_node *end, as_exp_node *bin);
/** @p count entries from @p index (NULL count: to the end). @param ctx copied or NULL. @param rt return type. @param index stolen. @param count stolen or NULL. @param bin stolen. @return a new node. */
AS_EXPORT as_exp_node *as_exp_map_get_by_index_range(const as_cdt_ctx *ctx, int rt, as_exp_node *index,
                                                     as_exp_node *count, as_exp_node *bin);
/** Position of the first bit equal to @p value, from the left. @param offset stolen. @param size stolen. @param value BOOL (stolen). @param bin stolen. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_bit_lscan(as_exp_node *offset, as_exp_node *size, as_exp_node *value, as_exp_node *bin);
/** Position of the first bit equal to @p value, from the right. @param offset stolen. @param size stolen. @param value BOOL (stolen). @param bin stolen. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_bit_rscan(as_exp_node *offset, as_exp_node *size, as_exp_node *value, as_exp_node *bin);
/** The blob with bits [offset, offset+size) set from @p value. @param offset stolen. @param size stolen. @param value BLOB (stolen). @param bin stolen. @return a new node (BLOB). */
AS_EXPORT as_exp_node *as_exp_bit_set(as_exp_node *offset, as_exp_node *size, as_exp_node *value, as_exp_node *bin);
/** The blob resized to @p byte_size. @param byte_size stolen. @param resize_flags as_bit_resize_flags. @param bin stolen. @return a new node (BLOB). */
AS_EXPORT as_exp_node *as_exp_bit_resize(as_exp_node *byte_size, int resize_flags, as_exp_node *bin);
/** The HLL with the values of @p list added. @param list LIST (stolen). @param index_bits -1 for the bin's. @param minhash_bits -1 for the bin's. @param bin stolen. @return a new node (HLL). */
AS_EXPORT as_exp_node *as_exp_hll_add(as_exp_node *list, int index_bits, int minhash_bits, as_exp_node *bin);
/** The union of the bin with the HLLs of @p list. @param list LIST of HLL (stolen). @param bin stolen. @return a new node (HLL). */
AS_EXPORT as_exp_node *as_exp_hll_get_union(as_exp_node *list, as_exp_node *bin);
/** Estimated size of that union. @param list stolen. @param bin stolen. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_hll_get_union_count(as_exp_node *list, as_exp_node *bin);
/** Estimated size of the intersection. @param list stolen. @param bin stolen. @return a new node (INT). */
AS_EXPORT as_exp_node *as_exp_hll_get_intersect_count(as_exp_node *list, as_exp_node *bin);
/** Estimated similarity. @param list stolen. @param bin stolen. @return a new node (FLOAT). */
AS_EXPORT as_exp_node *as_exp_hll_get_similarity(as_exp_node *list, as_exp_node *bin);

/* ---- operations ---- */

/**
 * Evaluate @p exp and return its value under @p name.
 * @param ops the list.
 * @param name the result's name (copied).
 * @param exp the expression (its bytes are copied; the caller keeps its reference).
 * @param flags as_exp_read_flags.
 * @return false (and the list marked invalid) on a bad argument.
 */
AS_EXPORT bool as_operations_exp_read(as_operations *ops, const char *name, const as_exp *exp, uint32_t flags);
/**
 * Evaluate @p exp and write it to bin @p bin.
 * @param ops the list.
 * @param bin the target bin (copied).
 * @param exp the expression (its bytes are copied; the caller keeps its reference).
 * @param flags as_exp_write_flags OR-ed.
 * @return false (and the list marked invalid) on a bad argument.
 */
AS_EXPORT bool as_operations_exp_write(as_operations *ops, const char *bin, const as_exp *exp, uint32_t flags);

/* ---- text form ---- */

/**
 * Compile the text form of a boolean expression, e.g.
 * `$.age > 30 and $.tags.size() > 2`.
 *
 * Grammar (lowest precedence first; words are case-sensitive):
 * @code
 * expr    := and { ("or" | "||") and }
 * and     := not { ("and" | "&&") not }
 * not     := ("not" | "!") not | cmp
 * cmp     := sum [ ("==" | "!=" | ">" | ">=" | "<" | "<=") sum ]
 * sum     := product { ("+" | "-") product }
 * product := primary { ("*" | "/" | "%") primary }
 * primary := INT | FLOAT | STRING | "true" | "false" | "nil" | "(" expr ")"
 *          | "$." BIN [ ".size()" | ".exists()" ]
 *          | META "(" ")" | "digest_modulo(" INT ")"
 * META    := ttl | void_time | last_update | since_update | set_name | key_exists
 *          | record_size | device_size | memory_size | is_tombstone
 * INT     := ["-"] digits          FLOAT := ["-"] digits "." digits [exponent]
 * STRING  := '"' ... '"' | "'" ... "'"  (backslash escapes the next character)
 * BIN     := letter or '_', then letters, digits, '_' or '-' (at most 15 bytes)
 * @endcode
 * A bin takes the type of what it is compared or combined with (`$.age > 30`
 * reads an INT bin, `$.name == "x"` a STR bin, `$.tags.size()` a LIST bin);
 * a bin standing alone where a condition is expected is a BOOL bin.
 * @param text the expression (NUL-terminated).
 * @param err on failure AEROSPIKE_ERR_PARAM with a message naming the
 *        1-based position and what was expected there.
 * @return a new compiled expression holding one reference, or NULL.
 */
AS_EXPORT as_exp *as_exp_parse(const char *text, as_error *err);

/** Count the nodes of an array literal. */
#define AS_EXP_COUNT_(...) (sizeof((as_exp_node *[]){ __VA_ARGS__ }) / sizeof(as_exp_node *))
/** as_exp_and() over the listed nodes. */
#define AS_EXP_AND(...) as_exp_and((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_or() over the listed nodes. */
#define AS_EXP_OR(...) as_exp_or((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_exclusive() over the listed nodes. */
#define AS_EXP_EXCLUSIVE(...) as_exp_exclusive((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_add() over the listed nodes. */
#define AS_EXP_ADD(...) as_exp_add((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_sub() over the listed nodes. */
#define AS_EXP_SUB(...) as_exp_sub((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_mul() over the listed nodes. */
#define AS_EXP_MUL(...) as_exp_mul((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_div() over the listed nodes. */
#define AS_EXP_DIV(...) as_exp_div((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_min() over the listed nodes. */
#define AS_EXP_MIN(...) as_exp_min((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_max() over the listed nodes. */
#define AS_EXP_MAX(...) as_exp_max((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_let() over the listed definitions and body. */
#define AS_EXP_LET(...) as_exp_let((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))
/** as_exp_cond() over the listed conditions, values and default. */
#define AS_EXP_COND(...) as_exp_cond((as_exp_node *[]){ __VA_ARGS__ }, AS_EXP_COUNT_(__VA_ARGS__))

AS_END_DECLS

#endif
