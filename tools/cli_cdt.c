/*
 * aerofuture-cli: the list, map, bit and HLL operations of operate.
 *
 * One table maps each op name (the C function's name without
 * "as_operations_") to an argument shape. A shape says which JSON members
 * the op reads and which adder signature it calls; the per-entry member
 * names (value or key, index or rank, values, keys, items or list) let one
 * shape serve ops whose C parameters are named differently.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* --- name tables -------------------------------------------------------- */

typedef struct name_val {
	const char *name;
	int val;
} name_val;

static const name_val list_orders[] = {{"unordered", AS_LIST_UNORDERED}, {"ordered", AS_LIST_ORDERED}, {NULL, 0}};
static const name_val map_orders[] = {{"unordered", AS_MAP_UNORDERED},
                                      {"key_ordered", AS_MAP_KEY_ORDERED},
                                      {"key_value_ordered", AS_MAP_KEY_VALUE_ORDERED},
                                      {NULL, 0}};
static const name_val list_write_flags[] = {{"default", AS_LIST_WRITE_DEFAULT},
                                            {"add_unique", AS_LIST_WRITE_ADD_UNIQUE},
                                            {"insert_bounded", AS_LIST_WRITE_INSERT_BOUNDED},
                                            {"no_fail", AS_LIST_WRITE_NO_FAIL},
                                            {"partial", AS_LIST_WRITE_PARTIAL},
                                            {NULL, 0}};
static const name_val list_sort_flags[] = {{"default", AS_LIST_SORT_DEFAULT},
                                           {"drop_duplicates", AS_LIST_SORT_DROP_DUPLICATES},
                                           {NULL, 0}};
static const name_val map_write_flags[] = {{"default", AS_MAP_WRITE_DEFAULT},
                                           {"create_only", AS_MAP_WRITE_CREATE_ONLY},
                                           {"update_only", AS_MAP_WRITE_UPDATE_ONLY},
                                           {"no_fail", AS_MAP_WRITE_NO_FAIL},
                                           {"partial", AS_MAP_WRITE_PARTIAL},
                                           {NULL, 0}};
static const name_val bit_write_flags[] = {{"default", AS_BIT_WRITE_DEFAULT},
                                           {"create_only", AS_BIT_WRITE_CREATE_ONLY},
                                           {"update_only", AS_BIT_WRITE_UPDATE_ONLY},
                                           {"no_fail", AS_BIT_WRITE_NO_FAIL},
                                           {"partial", AS_BIT_WRITE_PARTIAL},
                                           {NULL, 0}};
static const name_val bit_resize_flags[] = {{"default", AS_BIT_RESIZE_DEFAULT},
                                            {"from_front", AS_BIT_RESIZE_FROM_FRONT},
                                            {"grow_only", AS_BIT_RESIZE_GROW_ONLY},
                                            {"shrink_only", AS_BIT_RESIZE_SHRINK_ONLY},
                                            {NULL, 0}};
static const name_val bit_actions[] = {{"fail", AS_BIT_OVERFLOW_FAIL},
                                       {"saturate", AS_BIT_OVERFLOW_SATURATE},
                                       {"wrap", AS_BIT_OVERFLOW_WRAP},
                                       {NULL, 0}};
static const name_val hll_write_flags[] = {{"default", AS_HLL_WRITE_DEFAULT},
                                           {"create_only", AS_HLL_WRITE_CREATE_ONLY},
                                           {"update_only", AS_HLL_WRITE_UPDATE_ONLY},
                                           {"no_fail", AS_HLL_WRITE_NO_FAIL},
                                           {"allow_fold", AS_HLL_WRITE_ALLOW_FOLD},
                                           {NULL, 0}};
/* Return types; "map" marks those only map operations have. */
static const struct {
	const char *name;
	int val;
	bool map_only;
} return_types[] = {
	{"none", AS_MAP_RETURN_NONE, false},           {"index", AS_MAP_RETURN_INDEX, false},
	{"reverse_index", AS_MAP_RETURN_REVERSE_INDEX, false}, {"rank", AS_MAP_RETURN_RANK, false},
	{"reverse_rank", AS_MAP_RETURN_REVERSE_RANK, false},   {"count", AS_MAP_RETURN_COUNT, false},
	{"key", AS_MAP_RETURN_KEY, true},              {"value", AS_MAP_RETURN_VALUE, false},
	{"key_value", AS_MAP_RETURN_KEY_VALUE, true},  {"exists", AS_MAP_RETURN_EXISTS, false},
	{"unordered_map", AS_MAP_RETURN_UNORDERED_MAP, true},
	{"ordered_map", AS_MAP_RETURN_ORDERED_MAP, true},
};

/* --- shapes ------------------------------------------------------------- */

typedef enum shape {
	NONE,         /* (): clear, size, hll_get_count ... */
	L_ORDER_PAD,  /* list_create */
	L_ORDER,      /* list_set_order */
	L_SORT,       /* list_sort */
	L_P_V,        /* policy, value */
	L_P_L,        /* policy, items */
	L_P_I_V,      /* policy, index, value */
	L_P_I_L,      /* policy, index, items */
	L_I,          /* index */
	L_I_C,        /* index, count */
	L_I_R,        /* index|rank, return */
	L_I_C_R,      /* index|rank, count, return */
	L_V_R,        /* value, return */
	L_L_R,        /* values, return */
	L_V_V_R,      /* begin, end, return */
	L_V_I_C_R,    /* value, rank, count, return */
	L_V_I_R,      /* value, rank, return */
	M_ORDER,      /* map_create */
	M_P,          /* map_set_policy */
	M_P_V_V,      /* policy, key, value */
	M_P_M,        /* policy, items (a map) */
	M_I_R, M_I_C_R, M_V_R, M_L_R, M_V_V_R, M_V_I_C_R, M_V_I_R,  /* as L_*, map return types */
	B_RESIZE, B_INSERT, B_REMOVE, B_SET, B_NOT, B_SHIFT, B_MATH, B_SET_INT, B_GET, B_SCAN, B_GET_INT,
	H_INIT, H_INIT_MH, H_ADD, H_ADD_MH, H_P_L, H_FOLD, H_L
} shape;

typedef const as_cdt_ctx *CTX;
typedef as_operations *OPS;
typedef const char *BIN;
typedef as_list_return_type LRT;
typedef as_map_return_type MRT;

/* One adder per shape; the table entry's member says which applies. */
typedef union adder {
	bool (*none)(OPS, BIN, CTX);
	bool (*l_order_pad)(OPS, BIN, CTX, as_list_order, bool);
	bool (*l_order)(OPS, BIN, CTX, as_list_order);
	bool (*l_sort)(OPS, BIN, CTX, as_list_sort_flags);
	bool (*l_p_v)(OPS, BIN, CTX, const as_list_policy *, as_value);
	bool (*l_p_l)(OPS, BIN, CTX, const as_list_policy *, as_list *);
	bool (*l_p_i_v)(OPS, BIN, CTX, const as_list_policy *, int64_t, as_value);
	bool (*l_p_i_l)(OPS, BIN, CTX, const as_list_policy *, int64_t, as_list *);
	bool (*l_i)(OPS, BIN, CTX, int64_t);
	bool (*l_i_c)(OPS, BIN, CTX, int64_t, uint64_t);
	bool (*l_i_r)(OPS, BIN, CTX, int64_t, LRT);
	bool (*l_i_c_r)(OPS, BIN, CTX, int64_t, uint64_t, LRT);
	bool (*l_v_r)(OPS, BIN, CTX, as_value, LRT);
	bool (*l_l_r)(OPS, BIN, CTX, as_list *, LRT);
	bool (*l_v_v_r)(OPS, BIN, CTX, as_value, as_value, LRT);
	bool (*l_v_i_c_r)(OPS, BIN, CTX, as_value, int64_t, uint64_t, LRT);
	bool (*l_v_i_r)(OPS, BIN, CTX, as_value, int64_t, LRT);
	bool (*m_order)(OPS, BIN, CTX, as_map_order);
	bool (*m_p)(OPS, BIN, CTX, const as_map_policy *);
	bool (*m_p_v_v)(OPS, BIN, CTX, const as_map_policy *, as_value, as_value);
	bool (*m_p_m)(OPS, BIN, CTX, const as_map_policy *, as_map *);
	bool (*m_i_r)(OPS, BIN, CTX, int64_t, MRT);
	bool (*m_i_c_r)(OPS, BIN, CTX, int64_t, uint64_t, MRT);
	bool (*m_v_r)(OPS, BIN, CTX, as_value, MRT);
	bool (*m_l_r)(OPS, BIN, CTX, as_list *, MRT);
	bool (*m_v_v_r)(OPS, BIN, CTX, as_value, as_value, MRT);
	bool (*m_v_i_c_r)(OPS, BIN, CTX, as_value, int64_t, uint64_t, MRT);
	bool (*m_v_i_r)(OPS, BIN, CTX, as_value, int64_t, MRT);
	bool (*b_resize)(OPS, BIN, CTX, const as_bit_policy *, uint32_t, as_bit_resize_flags);
	bool (*b_insert)(OPS, BIN, CTX, const as_bit_policy *, int, uint32_t, const uint8_t *);
	bool (*b_remove)(OPS, BIN, CTX, const as_bit_policy *, int, uint32_t);
	bool (*b_set)(OPS, BIN, CTX, const as_bit_policy *, int, uint32_t, uint32_t, const uint8_t *);
	bool (*b_not)(OPS, BIN, CTX, const as_bit_policy *, int, uint32_t);
	bool (*b_shift)(OPS, BIN, CTX, const as_bit_policy *, int, uint32_t, uint32_t);
	bool (*b_math)(OPS, BIN, CTX, const as_bit_policy *, int, uint32_t, uint64_t, bool, as_bit_overflow_action);
	bool (*b_set_int)(OPS, BIN, CTX, const as_bit_policy *, int, uint32_t, int64_t);
	bool (*b_get)(OPS, BIN, CTX, int, uint32_t);
	bool (*b_scan)(OPS, BIN, CTX, int, uint32_t, bool);
	bool (*h_init)(OPS, BIN, CTX, const as_hll_policy *, int);
	bool (*h_init_mh)(OPS, BIN, CTX, const as_hll_policy *, int, int);
	bool (*h_add)(OPS, BIN, CTX, const as_hll_policy *, as_list *, int);
	bool (*h_add_mh)(OPS, BIN, CTX, const as_hll_policy *, as_list *, int, int);
	bool (*h_p_l)(OPS, BIN, CTX, const as_hll_policy *, as_list *);
	bool (*h_fold)(OPS, BIN, CTX, int);
	bool (*h_l)(OPS, BIN, CTX, as_list *);
} adder;

typedef struct op_entry {
	const char *name;
	shape shape;
	adder add;
	const char *v;  /* the value member: "value" or "key" */
	const char *i;  /* the integer member: "index" or "rank" */
	const char *l;  /* the list member: "values", "keys", "items" or "list" */
} op_entry;

#define AS_OP(n) as_operations_##n
#define E(n, s, u) {#n, s, {.u = AS_OP(n)}, "value", "index", "values"}
#define EV(n, s, u, v, i, l) {#n, s, {.u = AS_OP(n)}, v, i, l}

static const op_entry op_table[] = {
	/* lists */
	E(list_create, L_ORDER_PAD, l_order_pad),
	E(list_set_order, L_ORDER, l_order),
	E(list_sort, L_SORT, l_sort),
	E(list_append, L_P_V, l_p_v),
	EV(list_append_items, L_P_L, l_p_l, "value", "index", "items"),
	E(list_insert, L_P_I_V, l_p_i_v),
	EV(list_insert_items, L_P_I_L, l_p_i_l, "value", "index", "items"),
	E(list_increment, L_P_I_V, l_p_i_v),
	E(list_set, L_P_I_V, l_p_i_v),
	E(list_clear, NONE, none),
	E(list_size, NONE, none),
	E(list_pop, L_I, l_i),
	E(list_pop_range, L_I_C, l_i_c),
	E(list_pop_range_from, L_I, l_i),
	E(list_remove, L_I, l_i),
	E(list_remove_range, L_I_C, l_i_c),
	E(list_remove_range_from, L_I, l_i),
	E(list_trim, L_I_C, l_i_c),
	E(list_get, L_I, l_i),
	E(list_get_range, L_I_C, l_i_c),
	E(list_get_range_from, L_I, l_i),
	E(list_get_by_index, L_I_R, l_i_r),
	E(list_get_by_index_range, L_I_C_R, l_i_c_r),
	E(list_get_by_index_range_to_end, L_I_R, l_i_r),
	EV(list_get_by_rank, L_I_R, l_i_r, "value", "rank", "values"),
	EV(list_get_by_rank_range, L_I_C_R, l_i_c_r, "value", "rank", "values"),
	EV(list_get_by_rank_range_to_end, L_I_R, l_i_r, "value", "rank", "values"),
	E(list_get_by_value, L_V_R, l_v_r),
	E(list_get_by_value_list, L_L_R, l_l_r),
	E(list_get_by_value_range, L_V_V_R, l_v_v_r),
	EV(list_get_by_value_rel_rank_range, L_V_I_C_R, l_v_i_c_r, "value", "rank", "values"),
	EV(list_get_by_value_rel_rank_range_to_end, L_V_I_R, l_v_i_r, "value", "rank", "values"),
	E(list_remove_by_index, L_I_R, l_i_r),
	E(list_remove_by_index_range, L_I_C_R, l_i_c_r),
	E(list_remove_by_index_range_to_end, L_I_R, l_i_r),
	EV(list_remove_by_rank, L_I_R, l_i_r, "value", "rank", "values"),
	EV(list_remove_by_rank_range, L_I_C_R, l_i_c_r, "value", "rank", "values"),
	EV(list_remove_by_rank_range_to_end, L_I_R, l_i_r, "value", "rank", "values"),
	E(list_remove_by_value, L_V_R, l_v_r),
	E(list_remove_by_value_list, L_L_R, l_l_r),
	E(list_remove_by_value_range, L_V_V_R, l_v_v_r),
	EV(list_remove_by_value_rel_rank_range, L_V_I_C_R, l_v_i_c_r, "value", "rank", "values"),
	EV(list_remove_by_value_rel_rank_range_to_end, L_V_I_R, l_v_i_r, "value", "rank", "values"),
	/* maps */
	E(map_create, M_ORDER, m_order),
	E(map_set_policy, M_P, m_p),
	E(map_put, M_P_V_V, m_p_v_v),
	EV(map_put_items, M_P_M, m_p_m, "value", "index", "items"),
	E(map_increment, M_P_V_V, m_p_v_v),
	E(map_decrement, M_P_V_V, m_p_v_v),
	E(map_clear, NONE, none),
	E(map_size, NONE, none),
	EV(map_get_by_key, M_V_R, m_v_r, "key", "index", "keys"),
	E(map_get_by_key_range, M_V_V_R, m_v_v_r),
	EV(map_get_by_key_list, M_L_R, m_l_r, "key", "index", "keys"),
	EV(map_get_by_key_rel_index_range, M_V_I_C_R, m_v_i_c_r, "key", "index", "keys"),
	EV(map_get_by_key_rel_index_range_to_end, M_V_I_R, m_v_i_r, "key", "index", "keys"),
	E(map_get_by_value, M_V_R, m_v_r),
	E(map_get_by_value_range, M_V_V_R, m_v_v_r),
	E(map_get_by_value_list, M_L_R, m_l_r),
	EV(map_get_by_value_rel_rank_range, M_V_I_C_R, m_v_i_c_r, "value", "rank", "values"),
	EV(map_get_by_value_rel_rank_range_to_end, M_V_I_R, m_v_i_r, "value", "rank", "values"),
	E(map_get_by_index, M_I_R, m_i_r),
	E(map_get_by_index_range, M_I_C_R, m_i_c_r),
	E(map_get_by_index_range_to_end, M_I_R, m_i_r),
	EV(map_get_by_rank, M_I_R, m_i_r, "value", "rank", "values"),
	EV(map_get_by_rank_range, M_I_C_R, m_i_c_r, "value", "rank", "values"),
	EV(map_get_by_rank_range_to_end, M_I_R, m_i_r, "value", "rank", "values"),
	EV(map_remove_by_key, M_V_R, m_v_r, "key", "index", "keys"),
	E(map_remove_by_key_range, M_V_V_R, m_v_v_r),
	EV(map_remove_by_key_list, M_L_R, m_l_r, "key", "index", "keys"),
	EV(map_remove_by_key_rel_index_range, M_V_I_C_R, m_v_i_c_r, "key", "index", "keys"),
	EV(map_remove_by_key_rel_index_range_to_end, M_V_I_R, m_v_i_r, "key", "index", "keys"),
	E(map_remove_by_value, M_V_R, m_v_r),
	E(map_remove_by_value_range, M_V_V_R, m_v_v_r),
	E(map_remove_by_value_list, M_L_R, m_l_r),
	EV(map_remove_by_value_rel_rank_range, M_V_I_C_R, m_v_i_c_r, "value", "rank", "values"),
	EV(map_remove_by_value_rel_rank_range_to_end, M_V_I_R, m_v_i_r, "value", "rank", "values"),
	E(map_remove_by_index, M_I_R, m_i_r),
	E(map_remove_by_index_range, M_I_C_R, m_i_c_r),
	E(map_remove_by_index_range_to_end, M_I_R, m_i_r),
	EV(map_remove_by_rank, M_I_R, m_i_r, "value", "rank", "values"),
	EV(map_remove_by_rank_range, M_I_C_R, m_i_c_r, "value", "rank", "values"),
	EV(map_remove_by_rank_range_to_end, M_I_R, m_i_r, "value", "rank", "values"),
	/* bits */
	E(bit_resize, B_RESIZE, b_resize),
	E(bit_insert, B_INSERT, b_insert),
	E(bit_remove, B_REMOVE, b_remove),
	E(bit_set, B_SET, b_set),
	E(bit_or, B_SET, b_set),
	E(bit_xor, B_SET, b_set),
	E(bit_and, B_SET, b_set),
	E(bit_not, B_NOT, b_not),
	E(bit_lshift, B_SHIFT, b_shift),
	E(bit_rshift, B_SHIFT, b_shift),
	E(bit_add, B_MATH, b_math),
	E(bit_subtract, B_MATH, b_math),
	E(bit_set_int, B_SET_INT, b_set_int),
	E(bit_get, B_GET, b_get),
	E(bit_count, B_GET, b_get),
	E(bit_lscan, B_SCAN, b_scan),
	E(bit_rscan, B_SCAN, b_scan),
	E(bit_get_int, B_GET_INT, b_scan),
	/* HyperLogLog */
	E(hll_init, H_INIT, h_init),
	E(hll_init_mh, H_INIT_MH, h_init_mh),
	EV(hll_add, H_ADD, h_add, "value", "index", "list"),
	EV(hll_add_mh, H_ADD_MH, h_add_mh, "value", "index", "list"),
	EV(hll_update, H_P_L, h_p_l, "value", "index", "list"),
	EV(hll_set_union, H_P_L, h_p_l, "value", "index", "list"),
	E(hll_refresh_count, NONE, none),
	E(hll_fold, H_FOLD, h_fold),
	E(hll_get_count, NONE, none),
	EV(hll_get_union, H_L, h_l, "value", "index", "list"),
	EV(hll_get_union_count, H_L, h_l, "value", "index", "list"),
	EV(hll_get_intersect_count, H_L, h_l, "value", "index", "list"),
	EV(hll_get_similarity, H_L, h_l, "value", "index", "list"),
	E(hll_describe, NONE, none),
	EV(hll_may_contain, H_L, h_l, "value", "index", "list"),
};

/* --- member readers ----------------------------------------------------- */

/* The op being parsed: readers record each member they consult, so any
 * other member is reported as unexpected afterwards. */
typedef struct parse {
	const json_t *o;
	const char *op;
	size_t i;
	as_error *err;
	const char *used[16];
	int n_used;
} parse;

#define FAIL(p, ...) (as_error_set((p)->err, AEROSPIKE_ERR_PARAM, __VA_ARGS__), false)

static const json_t *member(parse *p, const char *m)
{
	if (p->n_used < (int)(sizeof(p->used) / sizeof(p->used[0])))
		p->used[p->n_used++] = m;
	return json_object_get(p->o, m);
}

static bool missing(parse *p, const char *m)
{
	return FAIL(p, "ops[%zu]: %s needs \"%s\"", p->i, p->op, m);
}

static bool get_int(parse *p, const char *m, bool required, int64_t def, int64_t min, int64_t max, int64_t *out)
{
	const json_t *j = member(p, m);
	if (!j) {
		*out = def;
		return !required || missing(p, m);
	}
	if (!json_is_integer(j))
		return FAIL(p, "ops[%zu]: %s: \"%s\" must be an integer", p->i, p->op, m);
	json_int_t v = json_integer_value(j);
	if (v < min || v > max)
		return FAIL(p, "ops[%zu]: %s: \"%s\" %lld is out of range %lld..%lld", p->i, p->op, m, (long long)v,
		            (long long)min, (long long)max);
	*out = v;
	return true;
}

static bool get_bool(parse *p, const char *m, bool def, bool *out)
{
	const json_t *j = member(p, m);
	if (!j) {
		*out = def;
		return true;
	}
	if (!json_is_boolean(j))
		return FAIL(p, "ops[%zu]: %s: \"%s\" must be true or false", p->i, p->op, m);
	*out = json_is_true(j);
	return true;
}

/* Any value; nil when absent and not required. */
static bool get_value(parse *p, const char *m, bool required, as_value *out)
{
	const json_t *j = member(p, m);
	*out = as_value_nil();
	if (!j)
		return !required || missing(p, m);
	as_error verr;
	if (as_value_from_json(j, out, &verr) != AEROSPIKE_OK)
		return FAIL(p, "ops[%zu]: %s: \"%s\": %s", p->i, p->op, m, verr.message);
	return true;
}

static bool get_list(parse *p, const char *m, as_list **out)
{
	as_value v;
	*out = NULL;
	if (!get_value(p, m, true, &v))
		return false;
	if (v.type != AS_LIST) {
		as_value_destroy(&v);
		return FAIL(p, "ops[%zu]: %s: \"%s\" must be an array", p->i, p->op, m);
	}
	*out = v.u.list;
	return true;
}

static bool get_map(parse *p, const char *m, as_map **out)
{
	as_value v;
	*out = NULL;
	if (!get_value(p, m, true, &v))
		return false;
	if (v.type != AS_MAP) {
		as_value_destroy(&v);
		return FAIL(p, "ops[%zu]: %s: \"%s\" must be an object or {\"$map\": [...]}", p->i, p->op, m);
	}
	*out = v.u.map;
	return true;
}

/* Bytes: {"$bytes": BASE64} or an array of integers 0..255. */
static bool get_bytes(parse *p, const char *m, as_value *out)
{
	const json_t *j = member(p, m);
	*out = as_value_nil();
	if (!j)
		return missing(p, m);
	if (json_is_array(j)) {
		size_t n = json_array_size(j), k;
		const json_t *e;
		uint8_t *b = malloc(n ? n : 1);
		json_array_foreach(j, k, e) {
			if (!json_is_integer(e) || json_integer_value(e) < 0 || json_integer_value(e) > 255) {
				free(b);
				return FAIL(p, "ops[%zu]: %s: \"%s\"[%zu] is not a byte (0..255)", p->i, p->op, m, k);
			}
			b[k] = (uint8_t)json_integer_value(e);
		}
		*out = as_value_bytes(b, n);
		free(b);
		return true;
	}
	as_error verr;
	if (as_value_from_json(j, out, &verr) != AEROSPIKE_OK || out->type != AS_BYTES) {
		as_value_destroy(out);
		return FAIL(p, "ops[%zu]: %s: \"%s\" must be {\"$bytes\": BASE64} or an array of bytes", p->i, p->op, m);
	}
	return true;
}

static bool lookup_name(parse *p, const char *m, const name_val *t, const char *s, int *out)
{
	for (; t->name; t++)
		if (strcmp(t->name, s) == 0) {
			*out = t->val;
			return true;
		}
	return FAIL(p, "ops[%zu]: %s: unknown \"%s\" \"%s\"", p->i, p->op, m, s);
}

/* One name of @p t (e.g. an order). */
static bool get_name(parse *p, const json_t *j, const char *m, const name_val *t, int def, int *out)
{
	if (!j) {
		*out = def;
		return true;
	}
	if (!json_is_string(j))
		return FAIL(p, "ops[%zu]: %s: \"%s\" must be a string", p->i, p->op, m);
	return lookup_name(p, m, t, json_string_value(j), out);
}

/* Flags: a name, an array of names (OR-ed) or a number. */
static bool get_flags(parse *p, const json_t *j, const char *m, const name_val *t, int *out)
{
	*out = 0;
	if (!j)
		return true;
	if (json_is_integer(j)) {
		if (json_integer_value(j) < 0 || json_integer_value(j) > 0xffff)
			return FAIL(p, "ops[%zu]: %s: \"%s\" is out of range", p->i, p->op, m);
		*out = (int)json_integer_value(j);
		return true;
	}
	if (json_is_string(j))
		return lookup_name(p, m, t, json_string_value(j), out);
	if (!json_is_array(j))
		return FAIL(p, "ops[%zu]: %s: \"%s\" must be a name, an array of names or a number", p->i, p->op, m);
	size_t k;
	const json_t *e;
	json_array_foreach(j, k, e) {
		int f;
		if (!json_is_string(e))
			return FAIL(p, "ops[%zu]: %s: \"%s\"[%zu] must be a string", p->i, p->op, m, k);
		if (!lookup_name(p, m, t, json_string_value(e), &f))
			return false;
		*out |= f;
	}
	return true;
}

/* "return" (required) plus "inverted". */
static bool get_return(parse *p, bool is_map, int *out)
{
	const json_t *j = member(p, "return");
	bool inv;
	if (!get_bool(p, "inverted", false, &inv))
		return false;
	if (!j)
		return missing(p, "return");
	if (!json_is_string(j))
		return FAIL(p, "ops[%zu]: %s: \"return\" must be a string", p->i, p->op);
	const char *s = json_string_value(j);
	for (size_t k = 0; k < sizeof(return_types) / sizeof(return_types[0]); k++)
		if (strcmp(return_types[k].name, s) == 0 && (is_map || !return_types[k].map_only)) {
			*out = return_types[k].val | (inv ? AS_MAP_RETURN_INVERTED : 0);
			return true;
		}
	return FAIL(p, "ops[%zu]: %s: unknown \"return\" \"%s\"", p->i, p->op, s);
}

/* "policy": an object whose members are checked here. */
static bool policy_object(parse *p, const json_t **j, const char *const *allowed)
{
	*j = member(p, "policy");
	if (!*j)
		return true;
	if (!json_is_object(*j))
		return FAIL(p, "ops[%zu]: %s: \"policy\" must be an object", p->i, p->op);
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)*j, k, v) {
		const char *const *a = allowed;
		while (*a && strcmp(*a, k) != 0)
			a++;
		if (!*a)
			return FAIL(p, "ops[%zu]: %s: unexpected \"policy\" member \"%s\"", p->i, p->op, k);
	}
	return true;
}

static bool get_list_policy(parse *p, as_list_policy *pol)
{
	static const char *const allowed[] = {"order", "flags", NULL};
	const json_t *j;
	int order, flags;
	as_list_policy_init(pol);
	if (!policy_object(p, &j, allowed))
		return false;
	if (!j)
		return true;
	if (!get_name(p, json_object_get(j, "order"), "policy.order", list_orders, AS_LIST_UNORDERED, &order) ||
	    !get_flags(p, json_object_get(j, "flags"), "policy.flags", list_write_flags, &flags))
		return false;
	as_list_policy_set(pol, (as_list_order)order, flags);
	return true;
}

static bool get_map_policy(parse *p, as_map_policy *pol)
{
	static const char *const allowed[] = {"order", "flags", "persist_index", NULL};
	const json_t *j;
	int order, flags;
	as_map_policy_init(pol);
	if (!policy_object(p, &j, allowed))
		return false;
	if (!j)
		return true;
	const json_t *pi = json_object_get(j, "persist_index");
	if (pi && !json_is_boolean(pi))
		return FAIL(p, "ops[%zu]: %s: \"policy.persist_index\" must be true or false", p->i, p->op);
	if (!get_name(p, json_object_get(j, "order"), "policy.order", map_orders, AS_MAP_UNORDERED, &order) ||
	    !get_flags(p, json_object_get(j, "flags"), "policy.flags", map_write_flags, &flags))
		return false;
	as_map_policy_set_all(pol, (as_map_order)order, (uint32_t)flags, json_is_true(pi));
	return true;
}

/* Bit and HLL policies carry write flags only. */
static bool get_flag_policy(parse *p, const name_val *t, int *flags)
{
	static const char *const allowed[] = {"flags", NULL};
	const json_t *j;
	*flags = 0;
	if (!policy_object(p, &j, allowed))
		return false;
	return !j || get_flags(p, json_object_get(j, "flags"), "policy.flags", t, flags);
}

/* --- context ------------------------------------------------------------ */

/* "ctx": [{"map_key": K}, {"list_index": N}, {"list_index_create": N,
 * "order": O, "pad": B}, {"map_key_create": K, "order": O}, ...]. */
static bool get_ctx(parse *p, as_cdt_ctx *ctx, bool *given)
{
	const json_t *j = member(p, "ctx");
	*given = j != NULL;
	if (!j)
		return true;
	if (!json_is_array(j))
		return FAIL(p, "ops[%zu]: %s: \"ctx\" must be an array of steps", p->i, p->op);
	size_t k;
	const json_t *s;
	json_array_foreach(j, k, s) {
		const char *step = NULL, *name;
		const json_t *arg = NULL, *order = NULL, *pad = NULL, *v;
		if (!json_is_object(s))
			return FAIL(p, "ops[%zu]: %s: ctx[%zu] must be an object", p->i, p->op, k);
		json_object_foreach((json_t *)s, name, v) {
			if (strcmp(name, "order") == 0)
				order = v;
			else if (strcmp(name, "pad") == 0)
				pad = v;
			else if (step)
				return FAIL(p, "ops[%zu]: %s: ctx[%zu] has two steps (\"%s\", \"%s\")", p->i, p->op, k, step,
				            name);
			else {
				step = name;
				arg = v;
			}
		}
		if (!step)
			return FAIL(p, "ops[%zu]: %s: ctx[%zu] names no step", p->i, p->op, k);
		bool list_create = strcmp(step, "list_index_create") == 0;
		bool map_create = strcmp(step, "map_key_create") == 0;
		if ((order && !list_create && !map_create) || (pad && !list_create))
			return FAIL(p, "ops[%zu]: %s: ctx[%zu]: %s takes no \"%s\"", p->i, p->op, k, step,
			            pad && !list_create ? "pad" : "order");
		bool by_int = strcmp(step, "list_index") == 0 || strcmp(step, "list_rank") == 0 ||
		              strcmp(step, "map_index") == 0 || strcmp(step, "map_rank") == 0 || list_create;
		bool by_value = strcmp(step, "list_value") == 0 || strcmp(step, "map_key") == 0 ||
		                strcmp(step, "map_value") == 0 || map_create;
		if (!by_int && !by_value)
			return FAIL(p, "ops[%zu]: %s: ctx[%zu]: unknown step \"%s\"", p->i, p->op, k, step);
		if (by_int && !json_is_integer(arg))
			return FAIL(p, "ops[%zu]: %s: ctx[%zu]: \"%s\" must be an integer", p->i, p->op, k, step);
		int o = 0;
		if (order && !json_is_string(order))
			return FAIL(p, "ops[%zu]: %s: ctx[%zu]: \"order\" must be a string", p->i, p->op, k);
		if (order && !lookup_name(p, "order", list_create ? list_orders : map_orders, json_string_value(order), &o))
			return false;
		if (pad && !json_is_boolean(pad))
			return FAIL(p, "ops[%zu]: %s: ctx[%zu]: \"pad\" must be true or false", p->i, p->op, k);
		if (by_int) {
			int64_t n = json_integer_value(arg);
			if (list_create)
				as_cdt_ctx_add_list_index_create(ctx, n, (as_list_order)o, json_is_true(pad));
			else if (strcmp(step, "list_index") == 0)
				as_cdt_ctx_add_list_index(ctx, n);
			else if (strcmp(step, "list_rank") == 0)
				as_cdt_ctx_add_list_rank(ctx, n);
			else if (strcmp(step, "map_index") == 0)
				as_cdt_ctx_add_map_index(ctx, n);
			else
				as_cdt_ctx_add_map_rank(ctx, n);
			continue;
		}
		as_value val;
		as_error verr;
		if (as_value_from_json(arg, &val, &verr) != AEROSPIKE_OK)
			return FAIL(p, "ops[%zu]: %s: ctx[%zu].%s: %s", p->i, p->op, k, step, verr.message);
		if (map_create)
			as_cdt_ctx_add_map_key_create(ctx, val, (as_map_order)o);
		else if (strcmp(step, "map_key") == 0)
			as_cdt_ctx_add_map_key(ctx, val);
		else if (strcmp(step, "map_value") == 0)
			as_cdt_ctx_add_map_value(ctx, val);
		else
			as_cdt_ctx_add_list_value(ctx, val);
	}
	return true;
}

/* --- dispatch ----------------------------------------------------------- */

/* What an op's members became; whatever is still here afterwards is freed. */
typedef struct args {
	as_value v1, v2;
	as_list *list;
	as_map *map;
	as_value bytes;
} args;

static void args_free(args *a)
{
	as_value_destroy(&a->v1);
	as_value_destroy(&a->v2);
	as_value_destroy(&a->bytes);
	if (a->list)
		as_list_destroy(a->list);
	if (a->map)
		as_map_destroy(a->map);
}

/* Hand the owned value over to a stealing adder. */
static as_value take(as_value *v)
{
	as_value t = *v;
	*v = as_value_nil();
	return t;
}

static void *take_ptr(void *pp)
{
	void **p = pp;
	void *t = *p;
	*p = NULL;
	return t;
}

#define I64 INT64_MIN, INT64_MAX
#define U32 0, UINT32_MAX
#define INT_RANGE INT32_MIN, INT32_MAX

static bool call(parse *p, const op_entry *e, as_operations *ops, const char *bin, const as_cdt_ctx *ctx, args *a)
{
	int64_t i1 = 0, i2 = 0, i3 = 0;
	int rt = 0, n1 = 0;
	bool b1 = false;
	as_list_policy lp;
	as_map_policy mp;
	as_bit_policy bp;
	as_hll_policy hp;
	as_bit_policy_init(&bp);
	as_hll_policy_init(&hp);
	bool lst = e->shape >= L_ORDER_PAD && e->shape <= L_V_I_R;
	bool bits = e->shape >= B_RESIZE && e->shape <= B_SET_INT;
	bool hll_w = e->shape >= H_INIT && e->shape <= H_P_L;
	if (bits && e->shape != B_GET && e->shape != B_SCAN && e->shape != B_GET_INT) {
		if (!get_flag_policy(p, bit_write_flags, &n1))
			return false;
		bp.flags = (uint64_t)n1;
	}
	if (hll_w) {
		if (!get_flag_policy(p, hll_write_flags, &n1))
			return false;
		hp.flags = (uint64_t)n1;
	}
	/* bit offsets and sizes are shared by most bit shapes */
	if (e->shape >= B_SET && e->shape <= B_GET_INT &&
	    (!get_int(p, "bit_offset", true, 0, INT_RANGE, &i1) || !get_int(p, "bit_size", true, 0, U32, &i2)))
		return false;

	switch (e->shape) {
	case NONE:
		return e->add.none(ops, bin, ctx);
	case L_ORDER_PAD:
	case L_ORDER: {
		int o;
		if (!get_name(p, member(p, "order"), "order", list_orders, -1, &o))
			return false;
		if (o < 0)
			return missing(p, "order");
		if (e->shape == L_ORDER)
			return e->add.l_order(ops, bin, ctx, (as_list_order)o);
		return get_bool(p, "pad", false, &b1) && e->add.l_order_pad(ops, bin, ctx, (as_list_order)o, b1);
	}
	case L_SORT:
		return get_flags(p, member(p, "flags"), "flags", list_sort_flags, &n1) &&
		       e->add.l_sort(ops, bin, ctx, (as_list_sort_flags)n1);
	case L_P_V:
		return get_list_policy(p, &lp) && get_value(p, e->v, true, &a->v1) &&
		       e->add.l_p_v(ops, bin, ctx, &lp, take(&a->v1));
	case L_P_L:
		return get_list_policy(p, &lp) && get_list(p, e->l, &a->list) &&
		       e->add.l_p_l(ops, bin, ctx, &lp, take_ptr(&a->list));
	case L_P_I_V:
		/* list_increment: the amount may be left out (the server adds 1) */
		return get_list_policy(p, &lp) && get_int(p, e->i, true, 0, I64, &i1) &&
		       get_value(p, e->v, strcmp(e->name, "list_increment") != 0, &a->v1) &&
		       e->add.l_p_i_v(ops, bin, ctx, &lp, i1, take(&a->v1));
	case L_P_I_L:
		return get_list_policy(p, &lp) && get_int(p, e->i, true, 0, I64, &i1) && get_list(p, e->l, &a->list) &&
		       e->add.l_p_i_l(ops, bin, ctx, &lp, i1, take_ptr(&a->list));
	case L_I:
		return get_int(p, e->i, true, 0, I64, &i1) && e->add.l_i(ops, bin, ctx, i1);
	case L_I_C:
		return get_int(p, e->i, true, 0, I64, &i1) && get_int(p, "count", true, 0, 0, INT64_MAX, &i2) &&
		       e->add.l_i_c(ops, bin, ctx, i1, (uint64_t)i2);
	case L_I_R:
	case M_I_R:
		if (!get_int(p, e->i, true, 0, I64, &i1) || !get_return(p, !lst, &rt))
			return false;
		return lst ? e->add.l_i_r(ops, bin, ctx, i1, (LRT)rt) : e->add.m_i_r(ops, bin, ctx, i1, (MRT)rt);
	case L_I_C_R:
	case M_I_C_R:
		if (!get_int(p, e->i, true, 0, I64, &i1) || !get_int(p, "count", true, 0, 0, INT64_MAX, &i2) ||
		    !get_return(p, !lst, &rt))
			return false;
		return lst ? e->add.l_i_c_r(ops, bin, ctx, i1, (uint64_t)i2, (LRT)rt)
		           : e->add.m_i_c_r(ops, bin, ctx, i1, (uint64_t)i2, (MRT)rt);
	case L_V_R:
	case M_V_R:
		if (!get_value(p, e->v, true, &a->v1) || !get_return(p, !lst, &rt))
			return false;
		return lst ? e->add.l_v_r(ops, bin, ctx, take(&a->v1), (LRT)rt)
		           : e->add.m_v_r(ops, bin, ctx, take(&a->v1), (MRT)rt);
	case L_L_R:
	case M_L_R:
		if (!get_list(p, e->l, &a->list) || !get_return(p, !lst, &rt))
			return false;
		return lst ? e->add.l_l_r(ops, bin, ctx, take_ptr(&a->list), (LRT)rt)
		           : e->add.m_l_r(ops, bin, ctx, take_ptr(&a->list), (MRT)rt);
	case L_V_V_R:
	case M_V_V_R:
		/* a missing end means "to the largest", as nil does in C */
		if (!get_value(p, "begin", false, &a->v1) || !get_value(p, "end", false, &a->v2) ||
		    !get_return(p, !lst, &rt))
			return false;
		if (!json_object_get(p->o, "begin") && !json_object_get(p->o, "end"))
			return missing(p, "begin");
		return lst ? e->add.l_v_v_r(ops, bin, ctx, take(&a->v1), take(&a->v2), (LRT)rt)
		           : e->add.m_v_v_r(ops, bin, ctx, take(&a->v1), take(&a->v2), (MRT)rt);
	case L_V_I_C_R:
	case M_V_I_C_R:
		if (!get_value(p, e->v, true, &a->v1) || !get_int(p, e->i, true, 0, I64, &i1) ||
		    !get_int(p, "count", true, 0, 0, INT64_MAX, &i2) || !get_return(p, !lst, &rt))
			return false;
		return lst ? e->add.l_v_i_c_r(ops, bin, ctx, take(&a->v1), i1, (uint64_t)i2, (LRT)rt)
		           : e->add.m_v_i_c_r(ops, bin, ctx, take(&a->v1), i1, (uint64_t)i2, (MRT)rt);
	case L_V_I_R:
	case M_V_I_R:
		if (!get_value(p, e->v, true, &a->v1) || !get_int(p, e->i, true, 0, I64, &i1) ||
		    !get_return(p, !lst, &rt))
			return false;
		return lst ? e->add.l_v_i_r(ops, bin, ctx, take(&a->v1), i1, (LRT)rt)
		           : e->add.m_v_i_r(ops, bin, ctx, take(&a->v1), i1, (MRT)rt);
	case M_ORDER: {
		int o;
		if (!get_name(p, member(p, "order"), "order", map_orders, -1, &o))
			return false;
		return o < 0 ? missing(p, "order") : e->add.m_order(ops, bin, ctx, (as_map_order)o);
	}
	case M_P:
		if (!member(p, "policy"))
			return missing(p, "policy");
		return get_map_policy(p, &mp) && e->add.m_p(ops, bin, ctx, &mp);
	case M_P_V_V:
		/* map_increment / map_decrement: the amount may be left out (1) */
		return get_map_policy(p, &mp) && get_value(p, "key", true, &a->v1) &&
		       get_value(p, "value", strcmp(e->name, "map_put") == 0, &a->v2) &&
		       e->add.m_p_v_v(ops, bin, ctx, &mp, take(&a->v1), take(&a->v2));
	case M_P_M:
		return get_map_policy(p, &mp) && get_map(p, e->l, &a->map) &&
		       e->add.m_p_m(ops, bin, ctx, &mp, take_ptr(&a->map));
	case B_RESIZE:
		return get_int(p, "byte_size", true, 0, U32, &i1) &&
		       get_flags(p, member(p, "flags"), "flags", bit_resize_flags, &n1) &&
		       e->add.b_resize(ops, bin, ctx, &bp, (uint32_t)i1, (as_bit_resize_flags)n1);
	case B_INSERT:
		return get_int(p, "byte_offset", true, 0, INT_RANGE, &i1) && get_bytes(p, "value", &a->bytes) &&
		       e->add.b_insert(ops, bin, ctx, &bp, (int)i1, (uint32_t)a->bytes.len, a->bytes.u.bytes);
	case B_REMOVE:
		return get_int(p, "byte_offset", true, 0, INT_RANGE, &i1) && get_int(p, "byte_size", true, 0, U32, &i2) &&
		       e->add.b_remove(ops, bin, ctx, &bp, (int)i1, (uint32_t)i2);
	case B_SET:
		return get_bytes(p, "value", &a->bytes) &&
		       e->add.b_set(ops, bin, ctx, &bp, (int)i1, (uint32_t)i2, (uint32_t)a->bytes.len, a->bytes.u.bytes);
	case B_NOT:
		return e->add.b_not(ops, bin, ctx, &bp, (int)i1, (uint32_t)i2);
	case B_SHIFT:
		return get_int(p, "shift", true, 0, U32, &i3) &&
		       e->add.b_shift(ops, bin, ctx, &bp, (int)i1, (uint32_t)i2, (uint32_t)i3);
	case B_MATH: {
		int act;
		if (!get_int(p, "value", true, 0, 0, INT64_MAX, &i3) || !get_bool(p, "sign", false, &b1) ||
		    !get_name(p, member(p, "action"), "action", bit_actions, AS_BIT_OVERFLOW_FAIL, &act))
			return false;
		return e->add.b_math(ops, bin, ctx, &bp, (int)i1, (uint32_t)i2, (uint64_t)i3, b1,
		                     (as_bit_overflow_action)act);
	}
	case B_SET_INT:
		return get_int(p, "value", true, 0, I64, &i3) &&
		       e->add.b_set_int(ops, bin, ctx, &bp, (int)i1, (uint32_t)i2, i3);
	case B_GET:
		return e->add.b_get(ops, bin, ctx, (int)i1, (uint32_t)i2);
	case B_SCAN:
		return get_bool(p, "value", false, &b1) && (member(p, "value") || missing(p, "value")) &&
		       e->add.b_scan(ops, bin, ctx, (int)i1, (uint32_t)i2, b1);
	case B_GET_INT:
		return get_bool(p, "sign", false, &b1) && e->add.b_scan(ops, bin, ctx, (int)i1, (uint32_t)i2, b1);
	case H_INIT:
		return get_int(p, "index_bit_count", true, 0, INT_RANGE, &i1) &&
		       e->add.h_init(ops, bin, ctx, &hp, (int)i1);
	case H_INIT_MH:
		return get_int(p, "index_bit_count", true, 0, INT_RANGE, &i1) &&
		       get_int(p, "mh_bit_count", true, 0, INT_RANGE, &i2) &&
		       e->add.h_init_mh(ops, bin, ctx, &hp, (int)i1, (int)i2);
	case H_ADD:
		return get_list(p, e->l, &a->list) && get_int(p, "index_bit_count", false, -1, INT_RANGE, &i1) &&
		       e->add.h_add(ops, bin, ctx, &hp, take_ptr(&a->list), (int)i1);
	case H_ADD_MH:
		return get_list(p, e->l, &a->list) && get_int(p, "index_bit_count", false, -1, INT_RANGE, &i1) &&
		       get_int(p, "mh_bit_count", false, -1, INT_RANGE, &i2) &&
		       e->add.h_add_mh(ops, bin, ctx, &hp, take_ptr(&a->list), (int)i1, (int)i2);
	case H_P_L:
		return get_list(p, e->l, &a->list) && e->add.h_p_l(ops, bin, ctx, &hp, take_ptr(&a->list));
	case H_FOLD:
		return get_int(p, "index_bit_count", true, 0, INT_RANGE, &i1) && e->add.h_fold(ops, bin, ctx, (int)i1);
	case H_L:
		return get_list(p, e->l, &a->list) && e->add.h_l(ops, bin, ctx, take_ptr(&a->list));
	}
	return FAIL(p, "ops[%zu]: %s: unhandled shape", p->i, p->op);
}

bool cli_cdt_known(const char *op)
{
	for (size_t k = 0; k < sizeof(op_table) / sizeof(op_table[0]); k++)
		if (strcmp(op_table[k].name, op) == 0)
			return true;
	return false;
}

as_status cli_cdt_add_op(as_operations *ops, const json_t *o, const char *op, size_t i, as_error *err)
{
	const op_entry *e = NULL;
	for (size_t k = 0; k < sizeof(op_table) / sizeof(op_table[0]) && !e; k++)
		if (strcmp(op_table[k].name, op) == 0)
			e = &op_table[k];
	if (!e)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: unknown op \"%s\"", i, op);
	parse p = {.o = o, .op = op, .i = i, .err = err};
	as_error_reset(err);
	const json_t *jb = member(&p, "bin");
	member(&p, "op");
	if (!jb)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s needs \"bin\"", i, op);
	if (!json_is_string(jb))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s: \"bin\" must be a string", i, op);
	as_cdt_ctx ctx;
	as_cdt_ctx_init(&ctx);
	args a = {.v1 = as_value_nil(), .v2 = as_value_nil(), .bytes = as_value_nil()};
	bool has_ctx;
	bool ok = get_ctx(&p, &ctx, &has_ctx);
	if (ok) {
		ok = call(&p, e, ops, json_string_value(jb), has_ctx ? &ctx : NULL, &a);
		/* an adder refusing its arguments has marked the list invalid */
		if (!ok && err->code == AEROSPIKE_OK) {
			as_error verr;
			if (as_operations_validate(ops, &verr) != AEROSPIKE_OK)
				as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s: %s", i, op, verr.message);
		}
	}
	args_free(&a);
	as_cdt_ctx_destroy(&ctx);
	if (!ok)
		return err->code != AEROSPIKE_OK ? err->code
		                                 : as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s refused", i, op);
	const char *name;
	const json_t *v;
	json_object_foreach((json_t *)o, name, v) {
		int k = 0;
		while (k < p.n_used && strcmp(p.used[k], name) != 0)
			k++;
		if (k == p.n_used)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s: unexpected member \"%s\"", i, op, name);
	}
	return as_operations_validate(ops, err);
}

json_t *cli_operate_to_json(const as_record *rec)
{
	if (!rec)
		return NULL;
	json_t *bins = json_object(), *seen = json_object();
	for (uint16_t k = 0; k < rec->n_bins; k++) {
		const char *name = rec->bins[k].name;
		json_t *v = as_value_to_json(&rec->bins[k].value);
		if (!v) {
			json_decref(bins);
			json_decref(seen);
			return NULL;
		}
		json_t *prev = json_object_get(bins, name);
		if (!prev) {
			json_object_set_new(bins, name, v);
			continue;
		}
		if (!json_object_get(seen, name)) {  /* the second result of this bin */
			json_t *arr = json_array();
			json_array_append(arr, prev);
			json_object_set_new(bins, name, arr);
			json_object_set_new(seen, name, json_true());
			prev = arr;
		}
		json_array_append_new(prev, v);
	}
	json_decref(seen);
	json_t *obj = json_object();
	json_object_set_new(obj, "gen", json_integer(rec->gen));
	json_object_set_new(obj, "ttl", json_integer(rec->ttl));
	json_object_set_new(obj, "bins", bins);
	return obj;
}
