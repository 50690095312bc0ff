/* List operations: each is a payload [op code, args...] (cdt_op.c). The
 * op codes are Aerospike's list operation numbers. */
#include <aerofuture/list_operations.h>

#include "model/cdt_op.h"

void as_list_policy_init(as_list_policy *policy)
{
	policy->order = AS_LIST_UNORDERED;
	policy->flags = AS_LIST_WRITE_DEFAULT;
}

void as_list_policy_set(as_list_policy *policy, as_list_order order, int flags)
{
	policy->order = order;
	policy->flags = flags;
}

/* A policy adds its order (for ops that may create the list) and its
 * flags; without one the op goes out with neither, as the server's
 * defaults then apply. */
static as_list *with_policy(as_list *payload, const as_list_policy *policy, bool with_order)
{
	if (policy) {
		if (with_order)
			as_list_append_int(payload, policy->order);
		as_list_append_int(payload, policy->flags);
	}
	return payload;
}

bool as_operations_list_create(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_list_order order,
                               bool pad)
{
	return as_cdt_op_add(ops, AS_OPERATOR_CDT_MODIFY, name, ctx, as_cdt_list_create_bits(order, pad),
	                     as_cdt_payload(0, "i", (int64_t)order));
}

bool as_operations_list_append(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                               const as_list_policy *policy, as_value value)
{
	return as_cdt_modify(ops, name, ctx, with_policy(as_cdt_payload(1, "v", value), policy, true));
}

bool as_operations_list_append_items(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     const as_list_policy *policy, as_list *items)
{
	return as_cdt_modify(ops, name, ctx, with_policy(as_cdt_payload(2, "l", items), policy, true));
}

bool as_operations_list_insert(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                               const as_list_policy *policy, int64_t index, as_value value)
{
	return as_cdt_modify(ops, name, ctx, with_policy(as_cdt_payload(3, "iv", index, value), policy, false));
}

bool as_operations_list_insert_items(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     const as_list_policy *policy, int64_t index, as_list *items)
{
	return as_cdt_modify(ops, name, ctx, with_policy(as_cdt_payload(4, "il", index, items), policy, false));
}

bool as_operations_list_increment(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                  const as_list_policy *policy, int64_t index, as_value value)
{
	return as_cdt_modify(ops, name, ctx, with_policy(as_cdt_payload(12, "iv", index, value), policy, true));
}

bool as_operations_list_set(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                            const as_list_policy *policy, int64_t index, as_value value)
{
	return as_cdt_modify(ops, name, ctx, with_policy(as_cdt_payload(9, "iv", index, value), policy, false));
}
bool as_operations_list_set_order(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                  as_list_order order)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(0, "i", (int64_t)order));
}

bool as_operations_list_sort(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                             as_list_sort_flags flags)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(13, "i", (int64_t)flags));
}

bool as_operations_list_clear(as_operations *ops, const char *name, const as_cdt_ctx *ctx)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(11, ""));
}

bool as_operations_list_size(as_operations *ops, const char *name, const as_cdt_ctx *ctx)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(16, ""));
}

bool as_operations_list_pop(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int64_t index)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(5, "i", index));
}

bool as_operations_list_pop_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int64_t index,
                                  uint64_t count)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(6, "iu", index, count));
}

bool as_operations_list_pop_range_from(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       int64_t index)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(6, "i", index));
}

bool as_operations_list_remove(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int64_t index)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(7, "i", index));
}

bool as_operations_list_remove_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     int64_t index, uint64_t count)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(8, "iu", index, count));
}

bool as_operations_list_remove_range_from(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                          int64_t index)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(8, "i", index));
}

bool as_operations_list_trim(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int64_t index,
                             uint64_t count)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(10, "iu", index, count));
}

bool as_operations_list_get(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int64_t index)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(17, "i", index));
}

bool as_operations_list_get_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int64_t index,
                                  uint64_t count)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(18, "iu", index, count));
}

bool as_operations_list_get_range_from(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       int64_t index)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(18, "i", index));
}

bool as_operations_list_get_by_index(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     int64_t index, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(19, "ii", (int64_t)return_type, index));
}

bool as_operations_list_get_by_index_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                           int64_t index, uint64_t count, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(24, "iiu", (int64_t)return_type, index, count));
}

bool as_operations_list_get_by_index_range_to_end(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                  int64_t index, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(24, "ii", (int64_t)return_type, index));
}

bool as_operations_list_get_by_rank(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int64_t rank,
                                    as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(21, "ii", (int64_t)return_type, rank));
}

bool as_operations_list_get_by_rank_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                          int64_t rank, uint64_t count, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(26, "iiu", (int64_t)return_type, rank, count));
}

bool as_operations_list_get_by_rank_range_to_end(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                 int64_t rank, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(26, "ii", (int64_t)return_type, rank));
}

bool as_operations_list_get_by_value(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     as_value value, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(22, "iv", (int64_t)return_type, value));
}

bool as_operations_list_get_by_value_list(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                          as_list *values, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(23, "il", (int64_t)return_type, values));
}

bool as_operations_list_get_by_value_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                           as_value begin, as_value end, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(25, "ivo", (int64_t)return_type, begin, end));
}

bool as_operations_list_get_by_value_rel_rank_range(as_operations *ops, const char *name,
                                                    const as_cdt_ctx *ctx, as_value value, int64_t rank,
                                                    uint64_t count, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx,
	                   as_cdt_payload(27, "iviu", (int64_t)return_type, value, rank, count));
}

bool as_operations_list_get_by_value_rel_rank_range_to_end(as_operations *ops, const char *name,
                                                           const as_cdt_ctx *ctx, as_value value,
                                                           int64_t rank, as_list_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(27, "ivi", (int64_t)return_type, value, rank));
}

bool as_operations_list_remove_by_index(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        int64_t index, as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(32, "ii", (int64_t)return_type, index));
}

bool as_operations_list_remove_by_index_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                              int64_t index, uint64_t count, as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(37, "iiu", (int64_t)return_type, index, count));
}

bool as_operations_list_remove_by_index_range_to_end(as_operations *ops, const char *name,
                                                     const as_cdt_ctx *ctx, int64_t index,
                                                     as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(37, "ii", (int64_t)return_type, index));
}

bool as_operations_list_remove_by_rank(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       int64_t rank, as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(34, "ii", (int64_t)return_type, rank));
}

bool as_operations_list_remove_by_rank_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                             int64_t rank, uint64_t count, as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(39, "iiu", (int64_t)return_type, rank, count));
}

bool as_operations_list_remove_by_rank_range_to_end(as_operations *ops, const char *name,
                                                    const as_cdt_ctx *ctx, int64_t rank,
                                                    as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(39, "ii", (int64_t)return_type, rank));
}

bool as_operations_list_remove_by_value(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        as_value value, as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(35, "iv", (int64_t)return_type, value));
}

bool as_operations_list_remove_by_value_list(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                             as_list *values, as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(36, "il", (int64_t)return_type, values));
}

bool as_operations_list_remove_by_value_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                              as_value begin, as_value end, as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(38, "ivo", (int64_t)return_type, begin, end));
}

bool as_operations_list_remove_by_value_rel_rank_range(as_operations *ops, const char *name,
                                                       const as_cdt_ctx *ctx, as_value value, int64_t rank,
                                                       uint64_t count, as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx,
	                   as_cdt_payload(40, "iviu", (int64_t)return_type, value, rank, count));
}

bool as_operations_list_remove_by_value_rel_rank_range_to_end(as_operations *ops, const char *name,
                                                              const as_cdt_ctx *ctx, as_value value,
                                                              int64_t rank, as_list_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(40, "ivi", (int64_t)return_type, value, rank));
}

