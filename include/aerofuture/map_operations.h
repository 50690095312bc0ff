/**
 * @file map_operations.h
 * @brief Map operations for as_operate(): change and read maps in bins in place.
 *
 * Names and argument order follow the official Aerospike C client: the
 * operation list, the bin, an optional context path (cdt.h), then the
 * operation's own arguments. Values, lists and maps passed in are stolen
 * (also on failure); contexts and policies are copied. Each adder returns
 * false on a bad bin name and marks the list invalid, so as_operate() fails
 * with AEROSPIKE_ERR_PARAM naming the problem.
 *
 * Indexes are positions in key order (negative from the end); ranks order
 * entries by value. The result of each operation is one entry under the
 * bin's name in the reply record, in request order (map operations always
 * ask the server for an entry per operation, nil when there is no value).
 */
#ifndef AEROFUTURE_MAP_OPERATIONS_H
#define AEROFUTURE_MAP_OPERATIONS_H

#include <aerofuture/cdt.h>
#include <aerofuture/common.h>
#include <aerofuture/operations.h>
#include <aerofuture/value.h>

AS_BEGIN_DECLS

/** Write flags of map operations (may be OR-ed). */
typedef enum as_map_write_flags {
	AS_MAP_WRITE_DEFAULT = 0,      /**< create or update */
	AS_MAP_WRITE_CREATE_ONLY = 1,  /**< fail with 24 when the key exists */
	AS_MAP_WRITE_UPDATE_ONLY = 2,  /**< fail with 23 when the key is missing */
	AS_MAP_WRITE_NO_FAIL = 4,      /**< on a violation, skip the entry and succeed */
	AS_MAP_WRITE_PARTIAL = 8       /**< with NO_FAIL: apply the entries that do not violate */
} as_map_write_flags;

/** Map attribute flag: keep the map's index on the server between commands. */
#define AS_MAP_PERSIST_INDEX 0x10

/** What a selecting map operation returns. */
typedef enum as_map_return_type {
	AS_MAP_RETURN_NONE = 0,            /**< nothing */
	AS_MAP_RETURN_INDEX = 1,           /**< index in key order */
	AS_MAP_RETURN_REVERSE_INDEX = 2,   /**< index counted from the end */
	AS_MAP_RETURN_RANK = 3,            /**< rank by value */
	AS_MAP_RETURN_REVERSE_RANK = 4,    /**< rank counted from the largest */
	AS_MAP_RETURN_COUNT = 5,           /**< number of entries selected */
	AS_MAP_RETURN_KEY = 6,             /**< the key (list of keys for several) */
	AS_MAP_RETURN_VALUE = 7,           /**< the value (list of values for several) */
	AS_MAP_RETURN_KEY_VALUE = 8,       /**< the entries, as a map */
	AS_MAP_RETURN_EXISTS = 13,         /**< true when anything was selected */
	AS_MAP_RETURN_UNORDERED_MAP = 16,  /**< the entries, as an unordered map */
	AS_MAP_RETURN_ORDERED_MAP = 17,    /**< the entries, as a key-ordered map */
	AS_MAP_RETURN_INVERTED = 0x10000   /**< OR-ed in: select everything else */
} as_map_return_type;

/** Order and write flags for the map operations that take a policy. */
typedef struct as_map_policy {
	uint32_t attributes;  /**< as_map_order, plus AS_MAP_PERSIST_INDEX */
	uint32_t flags;       /**< as_map_write_flags, OR-ed */
} as_map_policy;

/**
 * Set a policy to the defaults (unordered, create or update).
 * @param policy the policy.
 */
AS_EXPORT void as_map_policy_init(as_map_policy *policy);
/**
 * Set a policy's order and write flags.
 * @param policy the policy.
 * @param order the order of a map created by the operation.
 * @param flags as_map_write_flags, OR-ed.
 */
AS_EXPORT void as_map_policy_set_flags(as_map_policy *policy, as_map_order order, uint32_t flags);
/**
 * Set a policy's order, write flags and whether the server keeps the map's index.
 * @param policy the policy.
 * @param order the order of a map created by the operation.
 * @param flags as_map_write_flags, OR-ed.
 * @param persist_index keep the index of a top-level ordered map (faster reads, more memory).
 */
AS_EXPORT void as_map_policy_set_all(as_map_policy *policy, as_map_order order, uint32_t flags,
                                     bool persist_index);

/**
 * Create the map (at the end of @p ctx when given, or in the bin) with @p
 * order if it does not exist; an existing map only gets its order set.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to the map, or NULL for the bin itself (copied); its last
 *        step is created when missing.
 * @param order the map's order.
 * @return false on a bad bin name (the list is then invalid). The result: nothing.
 */
AS_EXPORT bool as_operations_map_create(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        as_map_order order);

/**
 * Set the map's order (and persisted index) from @p policy.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param policy map order and write flags; NULL for the defaults.
 * @return false on a bad bin name (the list is then invalid). The result: nothing.
 */
AS_EXPORT bool as_operations_map_set_policy(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                            const as_map_policy *policy);

/**
 * Put @p key = @p value (the policy's flags say whether the key may or must exist).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param policy map order and write flags; NULL for the defaults.
 * @param key the key (stolen).
 * @param value the value (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: the new size.
 */
AS_EXPORT bool as_operations_map_put(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     const as_map_policy *policy, as_value key, as_value value);

/**
 * Put every entry of @p items.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param policy map order and write flags; NULL for the defaults.
 * @param items the entries (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: the new size.
 */
AS_EXPORT bool as_operations_map_put_items(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                           const as_map_policy *policy, as_map *items);

/**
 * Add @p value to the number under @p key (created when missing).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param policy map order and write flags; NULL for the defaults.
 * @param key the key (stolen).
 * @param value the amount, an integer or a double (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: the new number.
 */
AS_EXPORT bool as_operations_map_increment(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                           const as_map_policy *policy, as_value key, as_value value);

/**
 * Subtract @p value from the number under @p key.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param policy map order and write flags; NULL for the defaults.
 * @param key the key (stolen).
 * @param value the amount, an integer or a double (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: the new number.
 */
AS_EXPORT bool as_operations_map_decrement(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                           const as_map_policy *policy, as_value key, as_value value);

/**
 * Remove every entry.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @return false on a bad bin name (the list is then invalid). The result: nothing.
 */
AS_EXPORT bool as_operations_map_clear(as_operations *ops, const char *name, const as_cdt_ctx *ctx);

/**
 * Count the entries.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @return false on a bad bin name (the list is then invalid). The result: the count.
 */
AS_EXPORT bool as_operations_map_size(as_operations *ops, const char *name, const as_cdt_ctx *ctx);

/**
 * Select the entry under @p key.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param key the key (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_key(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                            as_value key, as_map_return_type return_type);

/**
 * Select the entries with @p begin <= key < @p end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param begin lowest key, included; nil for no lower bound (stolen).
 * @param end upper bound, excluded; nil for no upper bound (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_key_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                  as_value begin, as_value end,
                                                  as_map_return_type return_type);

/**
 * Select the entries under @p keys.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param keys the keys (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_key_list(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                 as_list *keys, as_map_return_type return_type);

/**
 * Select @p count entries from the index of @p key plus @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param key the key (stolen).
 * @param index offset from the index of @p key.
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_key_rel_index_range(as_operations *ops, const char *name,
                                                            const as_cdt_ctx *ctx, as_value key,
                                                            int64_t index, uint64_t count,
                                                            as_map_return_type return_type);

/**
 * Select the entries from the index of @p key plus @p index to the end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param key the key (stolen).
 * @param index offset from the index of @p key.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_key_rel_index_range_to_end(as_operations *ops, const char *name,
                                                                   const as_cdt_ctx *ctx, as_value key,
                                                                   int64_t index,
                                                                   as_map_return_type return_type);

/**
 * Select every entry whose value equals @p value.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param value the value (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_value(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                              as_value value, as_map_return_type return_type);

/**
 * Select the entries with @p begin <= value < @p end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param begin lowest value, included; nil for no lower bound (stolen).
 * @param end upper bound, excluded; nil for no upper bound (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_value_range(as_operations *ops, const char *name,
                                                    const as_cdt_ctx *ctx, as_value begin, as_value end,
                                                    as_map_return_type return_type);

/**
 * Select the entries whose value is one of @p values.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param values the values (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_value_list(as_operations *ops, const char *name,
                                                   const as_cdt_ctx *ctx, as_list *values,
                                                   as_map_return_type return_type);

/**
 * Select @p count entries from the rank of @p value plus @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param value the reference value (stolen).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_value_rel_rank_range(as_operations *ops, const char *name,
                                                             const as_cdt_ctx *ctx, as_value value,
                                                             int64_t rank, uint64_t count,
                                                             as_map_return_type return_type);

/**
 * Select the entries from the rank of @p value plus @p rank to the largest.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param value the reference value (stolen).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_value_rel_rank_range_to_end(as_operations *ops, const char *name,
                                                                    const as_cdt_ctx *ctx, as_value value,
                                                                    int64_t rank,
                                                                    as_map_return_type return_type);

/**
 * Select the entry at @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param index index in key order; negative counts from the end.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_index(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                              int64_t index, as_map_return_type return_type);

/**
 * Select @p count entries from @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param index index in key order; negative counts from the end.
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_index_range(as_operations *ops, const char *name,
                                                    const as_cdt_ctx *ctx, int64_t index, uint64_t count,
                                                    as_map_return_type return_type);

/**
 * Select the entries from @p index to the end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param index index in key order; negative counts from the end.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_index_range_to_end(as_operations *ops, const char *name,
                                                           const as_cdt_ctx *ctx, int64_t index,
                                                           as_map_return_type return_type);

/**
 * Select the entry of rank @p rank (by value).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_rank(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                             int64_t rank, as_map_return_type return_type);

/**
 * Select @p count entries from rank @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_rank_range(as_operations *ops, const char *name,
                                                   const as_cdt_ctx *ctx, int64_t rank, uint64_t count,
                                                   as_map_return_type return_type);

/**
 * Select the entries from rank @p rank to the largest.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_get_by_rank_range_to_end(as_operations *ops, const char *name,
                                                          const as_cdt_ctx *ctx, int64_t rank,
                                                          as_map_return_type return_type);

/**
 * Remove the entry under @p key.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param key the key (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_key(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                               as_value key, as_map_return_type return_type);

/**
 * Remove the entries with @p begin <= key < @p end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param begin lowest key, included; nil for no lower bound (stolen).
 * @param end upper bound, excluded; nil for no upper bound (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_key_range(as_operations *ops, const char *name,
                                                     const as_cdt_ctx *ctx, as_value begin, as_value end,
                                                     as_map_return_type return_type);

/**
 * Remove the entries under @p keys.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param keys the keys (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_key_list(as_operations *ops, const char *name,
                                                    const as_cdt_ctx *ctx, as_list *keys,
                                                    as_map_return_type return_type);

/**
 * Remove @p count entries from the index of @p key plus @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param key the key (stolen).
 * @param index offset from the index of @p key.
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_key_rel_index_range(as_operations *ops, const char *name,
                                                               const as_cdt_ctx *ctx, as_value key,
                                                               int64_t index, uint64_t count,
                                                               as_map_return_type return_type);

/**
 * Remove the entries from the index of @p key plus @p index to the end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param key the key (stolen).
 * @param index offset from the index of @p key.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_key_rel_index_range_to_end(as_operations *ops, const char *name,
                                                                      const as_cdt_ctx *ctx, as_value key,
                                                                      int64_t index,
                                                                      as_map_return_type return_type);

/**
 * Remove every entry whose value equals @p value.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param value the value (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_value(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                 as_value value, as_map_return_type return_type);

/**
 * Remove the entries with @p begin <= value < @p end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param begin lowest value, included; nil for no lower bound (stolen).
 * @param end upper bound, excluded; nil for no upper bound (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_value_range(as_operations *ops, const char *name,
                                                       const as_cdt_ctx *ctx, as_value begin, as_value end,
                                                       as_map_return_type return_type);

/**
 * Remove the entries whose value is one of @p values.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param values the values (stolen).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_value_list(as_operations *ops, const char *name,
                                                      const as_cdt_ctx *ctx, as_list *values,
                                                      as_map_return_type return_type);

/**
 * Remove @p count entries from the rank of @p value plus @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param value the reference value (stolen).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_value_rel_rank_range(as_operations *ops, const char *name,
                                                                const as_cdt_ctx *ctx, as_value value,
                                                                int64_t rank, uint64_t count,
                                                                as_map_return_type return_type);

/**
 * Remove the entries from the rank of @p value plus @p rank to the largest.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param value the reference value (stolen).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_value_rel_rank_range_to_end(as_operations *ops, const char *name,
                                                                       const as_cdt_ctx *ctx, as_value value,
                                                                       int64_t rank,
                                                                       as_map_return_type return_type);

/**
 * Remove the entry at @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param index index in key order; negative counts from the end.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_index(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                 int64_t index, as_map_return_type return_type);

/**
 * Remove @p count entries from @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param index index in key order; negative counts from the end.
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_index_range(as_operations *ops, const char *name,
                                                       const as_cdt_ctx *ctx, int64_t index, uint64_t count,
                                                       as_map_return_type return_type);

/**
 * Remove the entries from @p index to the end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param index index in key order; negative counts from the end.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_index_range_to_end(as_operations *ops, const char *name,
                                                              const as_cdt_ctx *ctx, int64_t index,
                                                              as_map_return_type return_type);

/**
 * Remove the entry of rank @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_rank(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                int64_t rank, as_map_return_type return_type);

/**
 * Remove @p count entries from rank @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_rank_range(as_operations *ops, const char *name,
                                                      const as_cdt_ctx *ctx, int64_t rank, uint64_t count,
                                                      as_map_return_type return_type);

/**
 * Remove the entries from rank @p rank to the largest.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested map, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_MAP_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_map_remove_by_rank_range_to_end(as_operations *ops, const char *name,
                                                             const as_cdt_ctx *ctx, int64_t rank,
                                                             as_map_return_type return_type);

AS_END_DECLS

#endif
