/* Expression system calls: list and map (CDT), bit and HLL operations
 * evaluated inside an expression: [127, result type, system, payload, bin],
 * the payload being the same [op code, args...] (with a context
 * [0xff, [ctx...], [op...]]) as the operation of the same name. */
#include <stdlib.h>

#include <aerofuture/list_operations.h>
#include <aerofuture/map_operations.h>

#include "model/alloc.h"
#include "model/exp_internal.h"

#define CODE_CALL 127
#define SYS_CDT 0
#define SYS_BITS 1
#define SYS_HLL 2
#define SYS_MODIFY_LOCAL 0x40
#define CTX_MARKER 0xff

enum {
	LIST_APPEND = 1, LIST_INSERT = 3, LIST_SET = 9, LIST_CLEAR = 11, LIST_INCREMENT = 12, LIST_SORT = 13,
	LIST_GET_BY_RANK_RANGE = 26, LIST_GET_BY_VALUE_REL_RANK_RANGE = 27, LIST_REMOVE_BY_INDEX = 32,
	MAP_INCREMENT = 73, MAP_CLEAR = 75, MAP_GET_BY_INDEX = 98, MAP_GET_BY_KEY_INTERVAL = 103,
	MAP_GET_BY_INDEX_RANGE = 104,
	BIT_RESIZE = 0, BIT_SET = 3, BIT_LSCAN = 52, BIT_RSCAN = 53,
	HLL_ADD = 1, HLL_GET_UNION = 51, HLL_UNION_COUNT = 52, HLL_INTERSECT_COUNT = 53, HLL_SIMILARITY = 54, LIST_SIZE = 16, LIST_GET_BY_INDEX = 19, LIST_GET_BY_RANK = 21,
	LIST_GET_ALL_BY_VALUE = 22, LIST_GET_BY_INDEX_RANGE = 24, LIST_GET_BY_VALUE_INTERVAL = 25,
	LIST_REMOVE_ALL_BY_VALUE = 35,
	MAP_PUT = 67, MAP_REMOVE_BY_KEY = 76, MAP_SIZE = 96, MAP_GET_BY_KEY = 97, MAP_GET_ALL_BY_VALUE = 102,
	BIT_GET = 50, BIT_COUNT = 51, BIT_GET_INT = 54,
	HLL_COUNT = 50, HLL_DESCRIBE = 55
};

/* [code, args...], wrapped with the context when there is one */
static as_exp_node *payload(const char *fn, const as_cdt_ctx *ctx, int64_t code, as_exp_node *const *args, size_t n)
{
	as_exp_node **k = as_calloc(n + 1, sizeof *k), *op;
	size_t i;

	k[0] = as_exp_node_imm(code);
	for (i = 0; i < n; i++)
		k[i + 1] = args[i];
	op = as_exp_node_array(fn, AS_EXP_TYPE_AUTO, k, n + 1);
	free(k);
	if (op->kind != EXP_ERROR && ctx && as_cdt_ctx_size(ctx) > 0) {
		as_exp_node *w[3] = { as_exp_node_imm(CTX_MARKER), as_exp_node_ctx(ctx), op };

		op = as_exp_node_array(fn, AS_EXP_TYPE_AUTO, w, 3);
	}
	return op;
}

static as_exp_node *call(const char *fn, as_exp_type type, int system, as_exp_type bin_type, const as_cdt_ctx *ctx,
                         int64_t code, as_exp_node *const *args, size_t n, as_exp_node *bin)
{
	as_exp_node *k[5], *node;
	size_t i;

	if (!args && n) {
		as_exp_node_destroy(bin);
		return as_exp_node_error(fn, "argument list is NULL");
	}
	if ((unsigned)type > AS_EXP_TYPE_HLL && type != AS_EXP_TYPE_AUTO) {
		for (i = 0; i < n; i++)
			as_exp_node_destroy(args[i]);
		as_exp_node_destroy(bin);
		return as_exp_node_error(fn, "result type %d is not a value type", (int)type);
	}
	k[0] = as_exp_node_imm(CODE_CALL);
	k[1] = as_exp_node_imm(type == AS_EXP_TYPE_AUTO ? AS_EXP_TYPE_NIL : type);
	k[2] = as_exp_node_imm(system);
	k[3] = payload(fn, ctx, code, args, n);
	k[4] = bin;
	node = as_exp_node_array(fn, type, k, 5);
	if (node->kind == EXP_ERROR)
		return node;
	if (!as_exp_type_fits(node->u.arr.items[4]->type, bin_type))
		return as_exp_node_fail(node, fn, "the bin operand is %s, needs %s",
		                        as_exp_type_name(node->u.arr.items[4]->type), as_exp_type_name(bin_type));
	return node;
}

/* A CDT call on a list or a map: told apart by the op code (maps 64..127). */
static as_exp_type cdt_bin_type(int64_t code)
{
	return code >= 64 && code < 128 ? AS_EXP_TYPE_MAP : AS_EXP_TYPE_LIST;
}

as_exp_node *as_exp_cdt_read(as_exp_type type, const as_cdt_ctx *ctx, int64_t code, as_exp_node *const *args,
                             size_t n, as_exp_node *bin)
{
	/* with a context the bin may hold either kind at the top */
	as_exp_type bt = ctx && as_cdt_ctx_size(ctx) ? AS_EXP_TYPE_AUTO : cdt_bin_type(code);

	return call("as_exp_cdt_read", type, SYS_CDT, bt, ctx, code, args, n, bin);
}

as_exp_node *as_exp_cdt_modify(as_exp_type type, const as_cdt_ctx *ctx, int64_t code, as_exp_node *const *args,
                               size_t n, as_exp_node *bin)
{
	as_exp_type bt = ctx && as_cdt_ctx_size(ctx) ? AS_EXP_TYPE_AUTO : cdt_bin_type(code);

	return call("as_exp_cdt_modify", type, SYS_CDT | SYS_MODIFY_LOCAL, bt, ctx, code, args, n, bin);
}

as_exp_node *as_exp_bit_call(as_exp_type type, bool modify, int64_t code, as_exp_node *const *args, size_t n,
                             as_exp_node *bin)
{
	return call("as_exp_bit_call", type, SYS_BITS | (modify ? SYS_MODIFY_LOCAL : 0), AS_EXP_TYPE_BLOB, NULL, code,
	            args, n, bin);
}

as_exp_node *as_exp_hll_call(as_exp_type type, bool modify, int64_t code, as_exp_node *const *args, size_t n,
                             as_exp_node *bin)
{
	return call("as_exp_hll_call", type, SYS_HLL | (modify ? SYS_MODIFY_LOCAL : 0), AS_EXP_TYPE_HLL, NULL, code,
	            args, n, bin);
}

/* ---- result types ---- */

static bool rt_known(int rt)
{
	switch (rt & ~AS_LIST_RETURN_INVERTED) {
	case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 8: case 13: case 16: case 17:
		return true;
	default:
		return false;
	}
}

/* The type a selector of several elements gives for return type @p rt. */
static as_exp_type rt_multi(int rt)
{
	switch (rt & ~AS_LIST_RETURN_INVERTED) {
	case AS_LIST_RETURN_NONE:
		return AS_EXP_TYPE_NIL;
	case AS_LIST_RETURN_COUNT:
		return AS_EXP_TYPE_INT;
	case AS_LIST_RETURN_EXISTS:
		return AS_EXP_TYPE_BOOL;
	case AS_MAP_RETURN_KEY_VALUE:
	case AS_MAP_RETURN_UNORDERED_MAP:
	case AS_MAP_RETURN_ORDERED_MAP:
		return AS_EXP_TYPE_MAP;
	default:
		return AS_EXP_TYPE_LIST;
	}
}

/* ... and a selector of one element, whose value has type @p vt. */
static as_exp_type rt_single(int rt, as_exp_type vt)
{
	switch (rt & ~AS_LIST_RETURN_INVERTED) {
	case AS_LIST_RETURN_VALUE:
	case AS_MAP_RETURN_KEY:
		return vt;
	case AS_LIST_RETURN_INDEX:
	case AS_LIST_RETURN_REVERSE_INDEX:
	case AS_LIST_RETURN_RANK:
	case AS_LIST_RETURN_REVERSE_RANK:
		return AS_EXP_TYPE_INT;
	default:
		return rt_multi(rt);
	}
}

/* A read whose return type must be known: the args are freed on failure. */
static as_exp_node *rt_read(const char *fn, int rt, as_exp_type type, const as_cdt_ctx *ctx, int64_t code,
                            as_exp_node **args, size_t n, as_exp_node *bin)
{
	size_t i;

	if (!rt_known(rt)) {
		for (i = 0; i < n; i++)
			as_exp_node_destroy(args[i]);
		as_exp_node_destroy(bin);
		return as_exp_node_error(fn, "unknown return type %d", rt);
	}
	return as_exp_cdt_read(type, ctx, code, args, n, bin);
}

/* ---- lists ---- */

as_exp_node *as_exp_list_size(const as_cdt_ctx *ctx, as_exp_node *bin)
{
	return as_exp_cdt_read(AS_EXP_TYPE_INT, ctx, LIST_SIZE, NULL, 0, bin);
}

as_exp_node *as_exp_list_get_by_value(const as_cdt_ctx *ctx, int rt, as_exp_node *value, as_exp_node *bin)
{
	as_exp_node *a[2] = { as_exp_node_imm(rt), value };

	return rt_read("as_exp_list_get_by_value", rt, rt_multi(rt), ctx, LIST_GET_ALL_BY_VALUE, a, 2, bin);
}

as_exp_node *as_exp_list_get_by_value_range(const as_cdt_ctx *ctx, int rt, as_exp_node *begin, as_exp_node *end,
                                            as_exp_node *bin)
{
	as_exp_node *a[3] = { as_exp_node_imm(rt), begin, end };

	return rt_read("as_exp_list_get_by_value_range", rt, rt_multi(rt), ctx, LIST_GET_BY_VALUE_INTERVAL, a, 3,
	               bin);
}

as_exp_node *as_exp_list_get_by_index(const as_cdt_ctx *ctx, int rt, as_exp_type type, as_exp_node *index,
                                      as_exp_node *bin)
{
	as_exp_node *a[2] = { as_exp_node_imm(rt), index };

	return rt_read("as_exp_list_get_by_index", rt, rt_single(rt, type), ctx, LIST_GET_BY_INDEX, a, 2, bin);
}

as_exp_node *as_exp_list_get_by_rank(const as_cdt_ctx *ctx, int rt, as_exp_type type, as_exp_node *rank,
                                     as_exp_node *bin)
{
	as_exp_node *a[2] = { as_exp_node_imm(rt), rank };

	return rt_read("as_exp_list_get_by_rank", rt, rt_single(rt, type), ctx, LIST_GET_BY_RANK, a, 2, bin);
}

as_exp_node *as_exp_list_get_by_index_range(const as_cdt_ctx *ctx, int rt, as_exp_node *index, as_exp_node *count,
                                            as_exp_node *bin)
{
	as_exp_node *a[3] = { as_exp_node_imm(rt), index, count };

	/* no count: to the end of the list */
	return rt_read("as_exp_list_get_by_index_range", rt, rt_multi(rt), ctx, LIST_GET_BY_INDEX_RANGE, a,
	               count ? 3 : 2, bin);
}

as_exp_node *as_exp_list_append(const as_cdt_ctx *ctx, as_exp_node *value, as_exp_node *bin)
{
	return as_exp_cdt_modify(AS_EXP_TYPE_LIST, ctx, LIST_APPEND, &value, 1, bin);
}

as_exp_node *as_exp_list_clear(const as_cdt_ctx *ctx, as_exp_node *bin)
{
	return as_exp_cdt_modify(AS_EXP_TYPE_LIST, ctx, LIST_CLEAR, NULL, 0, bin);
}

as_exp_node *as_exp_list_remove_by_value(const as_cdt_ctx *ctx, as_exp_node *value, as_exp_node *bin)
{
	as_exp_node *a[2] = { as_exp_node_imm(AS_LIST_RETURN_NONE), value };

	return as_exp_cdt_modify(AS_EXP_TYPE_LIST, ctx, LIST_REMOVE_ALL_BY_VALUE, a, 2, bin);
}

/* ---- maps ---- */

as_exp_node *as_exp_map_size(const as_cdt_ctx *ctx, as_exp_node *bin)
{
	return as_exp_cdt_read(AS_EXP_TYPE_INT, ctx, MAP_SIZE, NULL, 0, bin);
}

as_exp_node *as_exp_map_get_by_key(const as_cdt_ctx *ctx, int rt, as_exp_type type, as_exp_node *key,
                                   as_exp_node *bin)
{
	as_exp_node *a[2] = { as_exp_node_imm(rt), key };

	return rt_read("as_exp_map_get_by_key", rt, rt_single(rt, type), ctx, MAP_GET_BY_KEY, a, 2, bin);
}

as_exp_node *as_exp_map_get_by_value(const as_cdt_ctx *ctx, int rt, as_exp_node *value, as_exp_node *bin)
{
	as_exp_node *a[2] = { as_exp_node_imm(rt), value };

	return rt_read("as_exp_map_get_by_value", rt, rt_multi(rt), ctx, MAP_GET_ALL_BY_VALUE, a, 2, bin);
}

as_exp_node *as_exp_map_put(const as_cdt_ctx *ctx, as_exp_node *key, as_exp_node *value, as_exp_node *bin)
{
	/* map attributes always sent, 0 = unordered (map_put_default capture) */
	as_exp_node *a[3] = { key, value, as_exp_node_imm(0) };

	return as_exp_cdt_modify(AS_EXP_TYPE_MAP, ctx, MAP_PUT, a, 3, bin);
}

as_exp_node *as_exp_map_remove_by_key(const as_cdt_ctx *ctx, as_exp_node *key, as_exp_node *bin)
{
	as_exp_node *a[2] = { as_exp_node_imm(AS_MAP_RETURN_NONE), key };

	return as_exp_cdt_modify(AS_EXP_TYPE_MAP, ctx, MAP_REMOVE_BY_KEY, a, 2, bin);
}

/* ---- bits and HLL ---- */

as_exp_node *as_exp_bit_get(as_exp_node *offset, as_exp_node *size, as_exp_node *bin)
{
	as_exp_node *a[2] = { offset, size };

	return as_exp_bit_call(AS_EXP_TYPE_BLOB, false, BIT_GET, a, 2, bin);
}

as_exp_node *as_exp_bit_count(as_exp_node *offset, as_exp_node *size, as_exp_node *bin)
{
	as_exp_node *a[2] = { offset, size };

	return as_exp_bit_call(AS_EXP_TYPE_INT, false, BIT_COUNT, a, 2, bin);
}

as_exp_node *as_exp_bit_get_int(as_exp_node *offset, as_exp_node *size, bool is_signed, as_exp_node *bin)
{
	as_exp_node *a[3] = { offset, size, as_exp_node_imm(1) };

	if (!is_signed)
		as_exp_node_destroy(a[2]);
	return as_exp_bit_call(AS_EXP_TYPE_INT, false, BIT_GET_INT, a, is_signed ? 3 : 2, bin);
}

as_exp_node *as_exp_hll_get_count(as_exp_node *bin)
{
	return as_exp_hll_call(AS_EXP_TYPE_INT, false, HLL_COUNT, NULL, 0, bin);
}

as_exp_node *as_exp_hll_describe(as_exp_node *bin)
{
	return as_exp_hll_call(AS_EXP_TYPE_LIST, false, HLL_DESCRIBE, NULL, 0, bin);
}

/* ---- more lists and maps ---- */

as_exp_node *as_exp_list_insert(const as_cdt_ctx *ctx, as_exp_node *index, as_exp_node *value, as_exp_node *bin)
{
	as_exp_node *a[2] = { index, value };

	return as_exp_cdt_modify(AS_EXP_TYPE_LIST, ctx, LIST_INSERT, a, 2, bin);
}

as_exp_node *as_exp_list_set(const as_cdt_ctx *ctx, as_exp_node *index, as_exp_node *value, as_exp_node *bin)
{
	as_exp_node *a[2] = { index, value };

	return as_exp_cdt_modify(AS_EXP_TYPE_LIST, ctx, LIST_SET, a, 2, bin);
}

as_exp_node *as_exp_list_increment(const as_cdt_ctx *ctx, as_exp_node *index, as_exp_node *value, as_exp_node *bin)
{
	as_exp_node *a[2] = { index, value };

	return as_exp_cdt_modify(AS_EXP_TYPE_LIST, ctx, LIST_INCREMENT, a, 2, bin);
}

as_exp_node *as_exp_list_sort(const as_cdt_ctx *ctx, int flags, as_exp_node *bin)
{
	as_exp_node *a = as_exp_node_imm(flags);

	return as_exp_cdt_modify(AS_EXP_TYPE_LIST, ctx, LIST_SORT, &a, 1, bin);
}

as_exp_node *as_exp_list_remove_by_index(const as_cdt_ctx *ctx, as_exp_node *index, as_exp_node *bin)
{
	as_exp_node *a[2] = { as_exp_node_imm(AS_LIST_RETURN_NONE), index };

	return as_exp_cdt_modify(AS_EXP_TYPE_LIST, ctx, LIST_REMOVE_BY_INDEX, a, 2, bin);
}

as_exp_node *as_exp_list_get_by_rank_range(const as_cdt_ctx *ctx, int rt, as_exp_node *rank, as_exp_node *count,
                                           as_exp_node *bin)
{
	as_exp_node *a[3] = { as_exp_node_imm(rt), rank, count };

	return rt_read("as_exp_list_get_by_rank_range", rt, rt_multi(rt), ctx, LIST_GET_BY_RANK_RANGE, a,
	               count ? 3 : 2, bin);
}

as_exp_node *as_exp_list_get_by_value_rel_rank_range(const as_cdt_ctx *ctx, int rt, as_exp_node *value,
                                                     as_exp_node *rank, as_exp_node *count, as_exp_node *bin)
{
	as_exp_node *a[4] = { as_exp_node_imm(rt), value, rank, count };

	return rt_read("as_exp_list_get_by_value_rel_rank_range", rt, rt_multi(rt), ctx,
	               LIST_GET_BY_VALUE_REL_RANK_RANGE, a, count ? 4 : 3, bin);
}

as_exp_node *as_exp_map_increment(const as_cdt_ctx *ctx, as_exp_node *key, as_exp_node *delta, as_exp_node *bin)
{
	as_exp_node *a[3] = { key, delta, as_exp_node_imm(0) };

	return as_exp_cdt_modify(AS_EXP_TYPE_MAP, ctx, MAP_INCREMENT, a, 3, bin);
}

as_exp_node *as_exp_map_clear(const as_cdt_ctx *ctx, as_exp_node *bin)
{
	return as_exp_cdt_modify(AS_EXP_TYPE_MAP, ctx, MAP_CLEAR, NULL, 0, bin);
}

as_exp_node *as_exp_map_get_by_index(const as_cdt_ctx *ctx, int rt, as_exp_type type, as_exp_node *index,
                                     as_exp_node *bin)
{
	as_exp_node *a[2] = { as_exp_node_imm(rt), index };

	return rt_read("as_exp_map_get_by_index", rt, rt_single(rt, type), ctx, MAP_GET_BY_INDEX, a, 2, bin);
}

as_exp_node *as_exp_map_get_by_key_range(const as_cdt_ctx *ctx, int rt, as_exp_node *begin, as_exp_node *end,
                                         as_exp_node *bin)
{
	as_exp_node *a[3] = { as_exp_node_imm(rt), begin, end };

	return rt_read("as_exp_map_get_by_key_range", rt, rt_multi(rt), ctx, MAP_GET_BY_KEY_INTERVAL, a, 3, bin);
}

as_exp_node *as_exp_map_get_by_index_range(const as_cdt_ctx *ctx, int rt, as_exp_node *index, as_exp_node *count,
                                           as_exp_node *bin)
{
	as_exp_node *a[3] = { as_exp_node_imm(rt), index, count };

	return rt_read("as_exp_map_get_by_index_range", rt, rt_multi(rt), ctx, MAP_GET_BY_INDEX_RANGE, a,
	               count ? 3 : 2, bin);
}

/* ---- more bits and HLL ---- */

static as_exp_node *bit_scan(int64_t code, as_exp_node *offset, as_exp_node *size, as_exp_node *value,
                             as_exp_node *bin)
{
	as_exp_node *a[3] = { offset, size, value }, *n;

	n = as_exp_bit_call(AS_EXP_TYPE_INT, false, code, a, 3, bin);
	if (n->kind != EXP_ERROR) {
		/* payload [code, offset, size, value]: the value must be a BOOL */
		as_exp_node *pl = n->u.arr.items[3];

		if (!as_exp_type_fits(pl->u.arr.items[3]->type, AS_EXP_TYPE_BOOL))
			return as_exp_node_fail(n, code == BIT_LSCAN ? "as_exp_bit_lscan" : "as_exp_bit_rscan",
			                        "the value to look for is %s, needs BOOL",
			                        as_exp_type_name(pl->u.arr.items[3]->type));
	}
	return n;
}

as_exp_node *as_exp_bit_lscan(as_exp_node *offset, as_exp_node *size, as_exp_node *value, as_exp_node *bin)
{
	return bit_scan(BIT_LSCAN, offset, size, value, bin);
}

as_exp_node *as_exp_bit_rscan(as_exp_node *offset, as_exp_node *size, as_exp_node *value, as_exp_node *bin)
{
	return bit_scan(BIT_RSCAN, offset, size, value, bin);
}

as_exp_node *as_exp_bit_set(as_exp_node *offset, as_exp_node *size, as_exp_node *value, as_exp_node *bin)
{
	/* the bit policy flags last, default 0 */
	as_exp_node *a[4] = { offset, size, value, as_exp_node_imm(0) };

	return as_exp_bit_call(AS_EXP_TYPE_BLOB, true, BIT_SET, a, 4, bin);
}

as_exp_node *as_exp_bit_resize(as_exp_node *byte_size, int resize_flags, as_exp_node *bin)
{
	as_exp_node *a[3] = { byte_size, as_exp_node_imm(0), as_exp_node_imm(resize_flags) };

	if (resize_flags & ~7) {
		as_exp_node_destroy(a[0]);
		as_exp_node_destroy(a[1]);
		as_exp_node_destroy(a[2]);
		as_exp_node_destroy(bin);
		return as_exp_node_error("as_exp_bit_resize", "unknown resize flags 0x%x", (unsigned)resize_flags);
	}
	return as_exp_bit_call(AS_EXP_TYPE_BLOB, true, BIT_RESIZE, a, 3, bin);
}

as_exp_node *as_exp_hll_add(as_exp_node *list, int index_bits, int minhash_bits, as_exp_node *bin)
{
	as_exp_node *a[4] = { list, as_exp_node_imm(index_bits), as_exp_node_imm(minhash_bits), as_exp_node_imm(0) };

	return as_exp_hll_call(AS_EXP_TYPE_HLL, true, HLL_ADD, a, 4, bin);
}

static as_exp_node *hll_list_read(as_exp_type type, int64_t code, as_exp_node *list, as_exp_node *bin)
{
	return as_exp_hll_call(type, false, code, &list, 1, bin);
}

as_exp_node *as_exp_hll_get_union(as_exp_node *list, as_exp_node *bin)
{
	return hll_list_read(AS_EXP_TYPE_HLL, HLL_GET_UNION, list, bin);
}

as_exp_node *as_exp_hll_get_union_count(as_exp_node *list, as_exp_node *bin)
{
	return hll_list_read(AS_EXP_TYPE_INT, HLL_UNION_COUNT, list, bin);
}

as_exp_node *as_exp_hll_get_intersect_count(as_exp_node *list, as_exp_node *bin)
{
	return hll_list_read(AS_EXP_TYPE_INT, HLL_INTERSECT_COUNT, list, bin);
}

as_exp_node *as_exp_hll_get_similarity(as_exp_node *list, as_exp_node *bin)
{
	return hll_list_read(AS_EXP_TYPE_FLOAT, HLL_SIMILARITY, list, bin);
}
