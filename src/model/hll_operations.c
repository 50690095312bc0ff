/* HyperLogLog operations: each is a payload [op code, args...] sent under
 * op type 15 (read) or 16 (modify). The op codes are Aerospike's HLL
 * operation numbers. */
#include <aerofuture/hll_operations.h>

#include <stdarg.h>
#include <stdio.h>

#include "model/binname.h"
#include "model/cdt_op.h"

enum {
	HLL_INIT = 0,
	HLL_ADD = 1,
	HLL_UNION = 2,
	HLL_REFRESH_COUNT = 3,
	HLL_FOLD = 4,
	HLL_COUNT = 50,
	HLL_GET_UNION = 51,
	HLL_UNION_COUNT = 52,
	HLL_INTERSECT_COUNT = 53,
	HLL_SIMILARITY = 54,
	HLL_DESCRIBE = 55,
	HLL_MAY_CONTAIN = 56
};

/* The server's limits on a sketch's shape. */
#define HLL_INDEX_BITS_MIN 4
#define HLL_INDEX_BITS_MAX 16
#define HLL_MH_BITS_MIN 4
#define HLL_MH_BITS_MAX 51
#define HLL_BITS_TOTAL_MAX 64

void as_hll_policy_init(as_hll_policy *policy)
{
	if (!policy)
		return;
	policy->flags = AS_HLL_WRITE_DEFAULT;
}

void as_hll_policy_set_write_flags(as_hll_policy *policy, as_hll_write_flags flags)
{
	if (!policy)
		return;
	policy->flags = (uint64_t)flags;
}

/* Note why the op is refused; the list the op would have taken is
 * released, as every adder steals its list also on failure. */
static bool bad_arg(as_operations *ops, as_list *list, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool bad_arg(as_operations *ops, as_list *list, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	as_list_destroy(list);
	if (ops) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof why, fmt, ap);
		va_end(ap);
		as_invalid_note(&ops->invalid, why);
	}
	return false;
}

/* -1 leaves the count to the bin (or the server's default). */
static bool bits_ok(as_operations *ops, as_list *list, int index_bits, int mh_bits, bool index_required)
{
	if (!(index_bits == -1 && !index_required) &&
	    (index_bits < HLL_INDEX_BITS_MIN || index_bits > HLL_INDEX_BITS_MAX))
		return bad_arg(ops, list, "hll operation: index_bit_count %d is not %s%d..%d", index_bits,
		               index_required ? "" : "-1 or ", HLL_INDEX_BITS_MIN, HLL_INDEX_BITS_MAX);
	if (mh_bits != -1 && mh_bits != 0 && (mh_bits < HLL_MH_BITS_MIN || mh_bits > HLL_MH_BITS_MAX))
		return bad_arg(ops, list, "hll operation: mh_bit_count %d is not -1, 0 or %d..%d", mh_bits,
		               HLL_MH_BITS_MIN, HLL_MH_BITS_MAX);
	if (index_bits > 0 && mh_bits > 0 && index_bits + mh_bits > HLL_BITS_TOTAL_MAX)
		return bad_arg(ops, list, "hll operation: index_bit_count %d + mh_bit_count %d is over %d", index_bits,
		               mh_bits, HLL_BITS_TOTAL_MAX);
	return true;
}

static bool list_ok(as_operations *ops, const as_list *list)
{
	if (!list)
		return bad_arg(ops, NULL, "hll operation: list is NULL");
	return true;
}

/* The official client sends 0 when no policy is given. */
static int64_t policy_flags(const as_hll_policy *policy)
{
	return policy ? (int64_t)policy->flags : AS_HLL_WRITE_DEFAULT;
}

static bool hll_modify(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_list *payload)
{
	return as_cdt_op_add(ops, AS_OPERATOR_HLL_MODIFY, name, ctx, 0, payload);
}

static bool hll_read(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_list *payload)
{
	return as_cdt_op_add(ops, AS_OPERATOR_HLL_READ, name, ctx, 0, payload);
}

bool as_operations_hll_init_mh(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                               const as_hll_policy *policy, int index_bit_count, int mh_bit_count)
{
	if (!bits_ok(ops, NULL, index_bit_count, mh_bit_count, true))
		return false;
	return hll_modify(ops, name, ctx,
	                  as_cdt_payload(HLL_INIT, "iii", (int64_t)index_bit_count, (int64_t)mh_bit_count,
	                                 policy_flags(policy)));
}

bool as_operations_hll_init(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                            const as_hll_policy *policy, int index_bit_count)
{
	return as_operations_hll_init_mh(ops, name, ctx, policy, index_bit_count, -1);
}

bool as_operations_hll_add_mh(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                              const as_hll_policy *policy, as_list *list, int index_bit_count, int mh_bit_count)
{
	if (!list_ok(ops, list) || !bits_ok(ops, list, index_bit_count, mh_bit_count, false))
		return false;
	return hll_modify(ops, name, ctx,
	                  as_cdt_payload(HLL_ADD, "liii", list, (int64_t)index_bit_count, (int64_t)mh_bit_count,
	                                 policy_flags(policy)));
}

bool as_operations_hll_add(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                           const as_hll_policy *policy, as_list *list, int index_bit_count)
{
	return as_operations_hll_add_mh(ops, name, ctx, policy, list, index_bit_count, -1);
}

bool as_operations_hll_update(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                              const as_hll_policy *policy, as_list *list)
{
	return as_operations_hll_add_mh(ops, name, ctx, policy, list, -1, -1);
}

bool as_operations_hll_set_union(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                 const as_hll_policy *policy, as_list *list)
{
	if (!list_ok(ops, list))
		return false;
	return hll_modify(ops, name, ctx, as_cdt_payload(HLL_UNION, "li", list, policy_flags(policy)));
}

bool as_operations_hll_refresh_count(as_operations *ops, const char *name, const as_cdt_ctx *ctx)
{
	return hll_modify(ops, name, ctx, as_cdt_payload(HLL_REFRESH_COUNT, ""));
}

bool as_operations_hll_fold(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int index_bit_count)
{
	if (!bits_ok(ops, NULL, index_bit_count, -1, true))
		return false;
	return hll_modify(ops, name, ctx, as_cdt_payload(HLL_FOLD, "i", (int64_t)index_bit_count));
}

/* The reads that compare the bin with a list of HLL values (or values). */
static bool hll_read_list(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int code, as_list *list)
{
	if (!list_ok(ops, list))
		return false;
	return hll_read(ops, name, ctx, as_cdt_payload(code, "l", list));
}

bool as_operations_hll_get_count(as_operations *ops, const char *name, const as_cdt_ctx *ctx)
{
	return hll_read(ops, name, ctx, as_cdt_payload(HLL_COUNT, ""));
}

bool as_operations_hll_get_union(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_list *list)
{
	return hll_read_list(ops, name, ctx, HLL_GET_UNION, list);
}

bool as_operations_hll_get_union_count(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       as_list *list)
{
	return hll_read_list(ops, name, ctx, HLL_UNION_COUNT, list);
}

bool as_operations_hll_get_intersect_count(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                           as_list *list)
{
	return hll_read_list(ops, name, ctx, HLL_INTERSECT_COUNT, list);
}

bool as_operations_hll_get_similarity(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                      as_list *list)
{
	return hll_read_list(ops, name, ctx, HLL_SIMILARITY, list);
}

bool as_operations_hll_describe(as_operations *ops, const char *name, const as_cdt_ctx *ctx)
{
	return hll_read(ops, name, ctx, as_cdt_payload(HLL_DESCRIBE, ""));
}

bool as_operations_hll_may_contain(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_list *list)
{
	return hll_read_list(ops, name, ctx, HLL_MAY_CONTAIN, list);
}
