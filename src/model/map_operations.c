/* Map operations: each is a payload [op code, args...] (cdt_op.c). The
 * op codes are Aerospike's map operation numbers. */
#include <aerofuture/map_operations.h>

#include "model/cdt_op.h"

void as_map_policy_init(as_map_policy *policy)
{
	policy->attributes = AS_MAP_UNORDERED;
	policy->flags = AS_MAP_WRITE_DEFAULT;
}

void as_map_policy_set_flags(as_map_policy *policy, as_map_order order, uint32_t flags)
{
	policy->attributes = order;
	policy->flags = flags;
}

void as_map_policy_set_all(as_map_policy *policy, as_map_order order, uint32_t flags, bool persist_index)
{
	policy->attributes = order | (persist_index ? AS_MAP_PERSIST_INDEX : 0);
	policy->flags = flags;
}

static uint32_t policy_attributes(const as_map_policy *policy)
{
	return policy ? policy->attributes : AS_MAP_UNORDERED;
}

/* Puts carry the attributes always and the write flags when there are
 * any (the server's default is create-or-update). */
static as_list *with_put_policy(as_list *payload, const as_map_policy *policy)
{
	as_list_append_int(payload, policy_attributes(policy));
	if (policy && policy->flags != AS_MAP_WRITE_DEFAULT)
		as_list_append_int(payload, policy->flags);
	return payload;
}

bool as_operations_map_create(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_map_order order)
{
	return as_cdt_op_add(ops, AS_OPERATOR_CDT_MODIFY, name, ctx, as_cdt_map_create_bits(order),
	                     as_cdt_payload(64, "i", (int64_t)order));
}

bool as_operations_map_set_policy(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                  const as_map_policy *policy)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(64, "i", (int64_t)policy_attributes(policy)));
}

bool as_operations_map_put(as_operations *ops, const char *name, const as_cdt_ctx *ctx, const as_map_policy *policy,
                           as_value key, as_value value)
{
	return as_cdt_modify(ops, name, ctx, with_put_policy(as_cdt_payload(67, "vv", key, value), policy));
}

bool as_operations_map_put_items(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                 const as_map_policy *policy, as_map *items)
{
	return as_cdt_modify(ops, name, ctx, with_put_policy(as_cdt_payload(68, "m", items), policy));
}

bool as_operations_map_increment(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                 const as_map_policy *policy, as_value key, as_value value)
{
	return as_cdt_modify(ops, name, ctx,
	                     as_cdt_payload(73, "vvi", key, value, (int64_t)policy_attributes(policy)));
}

bool as_operations_map_decrement(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                 const as_map_policy *policy, as_value key, as_value value)
{
	return as_cdt_modify(ops, name, ctx,
	                     as_cdt_payload(74, "vvi", key, value, (int64_t)policy_attributes(policy)));
}

bool as_operations_map_clear(as_operations *ops, const char *name, const as_cdt_ctx *ctx)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(75, ""));
}

bool as_operations_map_size(as_operations *ops, const char *name, const as_cdt_ctx *ctx)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(96, ""));
}

bool as_operations_map_get_by_key(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_value key,
                                  as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(97, "iv", (int64_t)return_type, key));
}

bool as_operations_map_get_by_key_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        as_value begin, as_value end, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(103, "ivo", (int64_t)return_type, begin, end));
}

bool as_operations_map_get_by_key_list(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       as_list *keys, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(107, "il", (int64_t)return_type, keys));
}

bool as_operations_map_get_by_key_rel_index_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                  as_value key, int64_t index, uint64_t count,
                                                  as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx,
	                   as_cdt_payload(109, "iviu", (int64_t)return_type, key, index, count));
}

bool as_operations_map_get_by_key_rel_index_range_to_end(as_operations *ops, const char *name,
                                                         const as_cdt_ctx *ctx, as_value key, int64_t index,
                                                         as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(109, "ivi", (int64_t)return_type, key, index));
}

bool as_operations_map_get_by_value(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                    as_value value, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(102, "iv", (int64_t)return_type, value));
}

bool as_operations_map_get_by_value_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                          as_value begin, as_value end, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(105, "ivo", (int64_t)return_type, begin, end));
}

bool as_operations_map_get_by_value_list(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                         as_list *values, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(108, "il", (int64_t)return_type, values));
}

bool as_operations_map_get_by_value_rel_rank_range(as_operations *ops, const char *name,
                                                   const as_cdt_ctx *ctx, as_value value, int64_t rank,
                                                   uint64_t count, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx,
	                   as_cdt_payload(110, "iviu", (int64_t)return_type, value, rank, count));
}

bool as_operations_map_get_by_value_rel_rank_range_to_end(as_operations *ops, const char *name,
                                                          const as_cdt_ctx *ctx, as_value value, int64_t rank,
                                                          as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(110, "ivi", (int64_t)return_type, value, rank));
}

bool as_operations_map_get_by_index(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                    int64_t index, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(98, "ii", (int64_t)return_type, index));
}

bool as_operations_map_get_by_index_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                          int64_t index, uint64_t count, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(104, "iiu", (int64_t)return_type, index, count));
}

bool as_operations_map_get_by_index_range_to_end(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                 int64_t index, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(104, "ii", (int64_t)return_type, index));
}

bool as_operations_map_get_by_rank(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int64_t rank,
                                   as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(100, "ii", (int64_t)return_type, rank));
}

bool as_operations_map_get_by_rank_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                         int64_t rank, uint64_t count, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(106, "iiu", (int64_t)return_type, rank, count));
}

bool as_operations_map_get_by_rank_range_to_end(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                int64_t rank, as_map_return_type return_type)
{
	return as_cdt_read(ops, name, ctx, as_cdt_payload(106, "ii", (int64_t)return_type, rank));
}

bool as_operations_map_remove_by_key(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     as_value key, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(76, "iv", (int64_t)return_type, key));
}

bool as_operations_map_remove_by_key_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                           as_value begin, as_value end, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(84, "ivo", (int64_t)return_type, begin, end));
}

bool as_operations_map_remove_by_key_list(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                          as_list *keys, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(81, "il", (int64_t)return_type, keys));
}

bool as_operations_map_remove_by_key_rel_index_range(as_operations *ops, const char *name,
                                                     const as_cdt_ctx *ctx, as_value key, int64_t index,
                                                     uint64_t count, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx,
	                   as_cdt_payload(88, "iviu", (int64_t)return_type, key, index, count));
}

bool as_operations_map_remove_by_key_rel_index_range_to_end(as_operations *ops, const char *name,
                                                            const as_cdt_ctx *ctx, as_value key,
                                                            int64_t index, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(88, "ivi", (int64_t)return_type, key, index));
}

bool as_operations_map_remove_by_value(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       as_value value, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(82, "iv", (int64_t)return_type, value));
}

bool as_operations_map_remove_by_value_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                             as_value begin, as_value end, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(86, "ivo", (int64_t)return_type, begin, end));
}

bool as_operations_map_remove_by_value_list(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                            as_list *values, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(83, "il", (int64_t)return_type, values));
}

bool as_operations_map_remove_by_value_rel_rank_range(as_operations *ops, const char *name,
                                                      const as_cdt_ctx *ctx, as_value value, int64_t rank,
                                                      uint64_t count, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx,
	                   as_cdt_payload(89, "iviu", (int64_t)return_type, value, rank, count));
}

bool as_operations_map_remove_by_value_rel_rank_range_to_end(as_operations *ops, const char *name,
                                                             const as_cdt_ctx *ctx, as_value value,
                                                             int64_t rank, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(89, "ivi", (int64_t)return_type, value, rank));
}

bool as_operations_map_remove_by_index(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       int64_t index, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(77, "ii", (int64_t)return_type, index));
}

bool as_operations_map_remove_by_index_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                             int64_t index, uint64_t count, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(85, "iiu", (int64_t)return_type, index, count));
}

bool as_operations_map_remove_by_index_range_to_end(as_operations *ops, const char *name,
                                                    const as_cdt_ctx *ctx, int64_t index,
                                                    as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(85, "ii", (int64_t)return_type, index));
}

bool as_operations_map_remove_by_rank(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                      int64_t rank, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(79, "ii", (int64_t)return_type, rank));
}

bool as_operations_map_remove_by_rank_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                            int64_t rank, uint64_t count, as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(87, "iiu", (int64_t)return_type, rank, count));
}

bool as_operations_map_remove_by_rank_range_to_end(as_operations *ops, const char *name,
                                                   const as_cdt_ctx *ctx, int64_t rank,
                                                   as_map_return_type return_type)
{
	return as_cdt_modify(ops, name, ctx, as_cdt_payload(87, "ii", (int64_t)return_type, rank));
}

