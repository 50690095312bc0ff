/**
 * @file list_operations.h
 * @brief List operations for as_operate(): change and read lists in bins in place.
 *
 * Names and argument order follow the official Aerospike C client: the
 * operation list, the bin, an optional context path (cdt.h), then the
 * operation's own arguments. Values, lists and maps passed in are stolen
 * (also on failure); contexts and policies are copied. Each adder returns
 * false on a bad bin name and marks the list invalid, so as_operate() fails
 * with AEROSPIKE_ERR_PARAM naming the problem.
 *
 * Indexes count from 0, negative ones from the end (-1 is the last
 * element); ranks order elements by value, 0 the smallest. The result of
 * each operation is one entry under the bin's name in the reply record, in
 * request order; operations documented to return nothing have no entry
 * unless the operate policy's respond_all_ops is set.
 */
#ifndef AEROFUTURE_LIST_OPERATIONS_H
#define AEROFUTURE_LIST_OPERATIONS_H

#include <aerofuture/cdt.h>
#include <aerofuture/common.h>
#include <aerofuture/operations.h>
#include <aerofuture/value.h>

AS_BEGIN_DECLS

/** Write flags of list operations (may be OR-ed). */
typedef enum as_list_write_flags {
	AS_LIST_WRITE_DEFAULT = 0,
	AS_LIST_WRITE_ADD_UNIQUE = 1,      /**< fail with 24 when the value is already there */
	AS_LIST_WRITE_INSERT_BOUNDED = 2,  /**< fail with 26 instead of padding beyond the end */
	AS_LIST_WRITE_NO_FAIL = 4,         /**< on a violation, skip the value and succeed */
	AS_LIST_WRITE_PARTIAL = 8          /**< with NO_FAIL: apply the items that do not violate */
} as_list_write_flags;

/** Flags of as_operations_list_sort(). */
typedef enum as_list_sort_flags {
	AS_LIST_SORT_DEFAULT = 0,
	AS_LIST_SORT_DROP_DUPLICATES = 2   /**< keep one of each value */
} as_list_sort_flags;

/** What a selecting list operation returns. */
typedef enum as_list_return_type {
	AS_LIST_RETURN_NONE = 0,           /**< nothing */
	AS_LIST_RETURN_INDEX = 1,          /**< index (list of indexes for several) */
	AS_LIST_RETURN_REVERSE_INDEX = 2,  /**< index counted from the end */
	AS_LIST_RETURN_RANK = 3,           /**< rank */
	AS_LIST_RETURN_REVERSE_RANK = 4,   /**< rank counted from the largest */
	AS_LIST_RETURN_COUNT = 5,          /**< number of elements selected */
	AS_LIST_RETURN_VALUE = 7,          /**< the value (list of values for several) */
	AS_LIST_RETURN_EXISTS = 13,        /**< true when anything was selected */
	AS_LIST_RETURN_INVERTED = 0x10000  /**< OR-ed in: select everything else */
} as_list_return_type;

/** Order and write flags for the list operations that take a policy. */
typedef struct as_list_policy {
	as_list_order order;  /**< order of a list the operation creates */
	int flags;            /**< as_list_write_flags, OR-ed */
} as_list_policy;

/**
 * Set a policy to the defaults (unordered, no flags).
 * @param policy the policy.
 */
AS_EXPORT void as_list_policy_init(as_list_policy *policy);
/**
 * Set a policy's order and write flags.
 * @param policy the policy.
 * @param order the order of a list created by the operation.
 * @param flags as_list_write_flags, OR-ed.
 */
AS_EXPORT void as_list_policy_set(as_list_policy *policy, as_list_order order, int flags);

/**
 * Create the list (at the end of @p ctx when given, or in the bin) with @p
 * order if it does not exist; an existing list only gets its order set.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to the list, or NULL for the bin itself (copied); its last
 *        step is created when missing.
 * @param order the list's order.
 * @param pad with a context ending in a list index: pad with nil up to it.
 * @return false on a bad bin name (the list is then invalid). The result: nothing.
 */
AS_EXPORT bool as_operations_list_create(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                         as_list_order order, bool pad);

/**
 * Set the list's order (an ordered list is sorted once).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param order the new order.
 * @return false on a bad bin name (the list is then invalid). The result: nothing.
 */
AS_EXPORT bool as_operations_list_set_order(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                            as_list_order order);

/**
 * Sort the list.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param flags AS_LIST_SORT_DEFAULT or AS_LIST_SORT_DROP_DUPLICATES.
 * @return false on a bad bin name (the list is then invalid). The result: nothing.
 */
AS_EXPORT bool as_operations_list_sort(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       as_list_sort_flags flags);

/**
 * Append @p value (into its place in an ordered list).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param policy write order and flags; NULL for the defaults.
 * @param value the value (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: the new size.
 */
AS_EXPORT bool as_operations_list_append(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                         const as_list_policy *policy, as_value value);

/**
 * Append every value of @p items.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param policy write order and flags; NULL for the defaults.
 * @param items the values (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: the new size.
 */
AS_EXPORT bool as_operations_list_append_items(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                               const as_list_policy *policy, as_list *items);

/**
 * Insert @p value before index @p index (unordered lists only).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param policy write order and flags; NULL for the defaults.
 * @param index index of the first element; negative counts from the end.
 * @param value the value (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: the new size.
 */
AS_EXPORT bool as_operations_list_insert(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                         const as_list_policy *policy, int64_t index, as_value value);

/**
 * Insert the values of @p items at @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param policy write order and flags; NULL for the defaults.
 * @param index index of the first element; negative counts from the end.
 * @param items the values (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: the new size.
 */
AS_EXPORT bool as_operations_list_insert_items(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                               const as_list_policy *policy, int64_t index, as_list *items);

/**
 * Add @p value to the number at @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param policy write order and flags; NULL for the defaults.
 * @param index index of the first element; negative counts from the end.
 * @param value the amount, an integer or a double; nil adds 1 (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: the new number.
 */
AS_EXPORT bool as_operations_list_increment(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                            const as_list_policy *policy, int64_t index, as_value value);

/**
 * Replace the element at @p index (beyond the end pads with nil unless the policy bounds inserts).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param policy write order and flags; NULL for the defaults.
 * @param index index of the first element; negative counts from the end.
 * @param value the value (stolen).
 * @return false on a bad bin name (the list is then invalid). The result: nothing.
 */
AS_EXPORT bool as_operations_list_set(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                      const as_list_policy *policy, int64_t index, as_value value);

/**
 * Remove every element.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @return false on a bad bin name (the list is then invalid). The result: nothing.
 */
AS_EXPORT bool as_operations_list_clear(as_operations *ops, const char *name, const as_cdt_ctx *ctx);

/**
 * Count the elements.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @return false on a bad bin name (the list is then invalid). The result: the count.
 */
AS_EXPORT bool as_operations_list_size(as_operations *ops, const char *name, const as_cdt_ctx *ctx);

/**
 * Remove the element at @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @return false on a bad bin name (the list is then invalid). The result: the element.
 */
AS_EXPORT bool as_operations_list_pop(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                      int64_t index);

/**
 * Remove @p count elements from @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param count number of elements.
 * @return false on a bad bin name (the list is then invalid). The result: a list of the elements.
 */
AS_EXPORT bool as_operations_list_pop_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                            int64_t index, uint64_t count);

/**
 * Remove every element from @p index to the end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @return false on a bad bin name (the list is then invalid). The result: a list of the elements.
 */
AS_EXPORT bool as_operations_list_pop_range_from(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                 int64_t index);

/**
 * Remove the element at @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @return false on a bad bin name (the list is then invalid). The result: the number removed (0 or 1).
 */
AS_EXPORT bool as_operations_list_remove(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                         int64_t index);

/**
 * Remove @p count elements from @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param count number of elements.
 * @return false on a bad bin name (the list is then invalid). The result: the number removed.
 */
AS_EXPORT bool as_operations_list_remove_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                               int64_t index, uint64_t count);

/**
 * Remove every element from @p index to the end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @return false on a bad bin name (the list is then invalid). The result: the number removed.
 */
AS_EXPORT bool as_operations_list_remove_range_from(as_operations *ops, const char *name,
                                                    const as_cdt_ctx *ctx, int64_t index);

/**
 * Keep only the @p count elements from @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param count number of elements.
 * @return false on a bad bin name (the list is then invalid). The result: the number removed.
 */
AS_EXPORT bool as_operations_list_trim(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       int64_t index, uint64_t count);

/**
 * Read the element at @p index (26 beyond the end).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @return false on a bad bin name (the list is then invalid). The result: the element.
 */
AS_EXPORT bool as_operations_list_get(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                      int64_t index);

/**
 * Read @p count elements from @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param count number of elements.
 * @return false on a bad bin name (the list is then invalid). The result: a list.
 */
AS_EXPORT bool as_operations_list_get_range(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                            int64_t index, uint64_t count);

/**
 * Read every element from @p index to the end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @return false on a bad bin name (the list is then invalid). The result: a list.
 */
AS_EXPORT bool as_operations_list_get_range_from(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                 int64_t index);

/**
 * Select the element at @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_index(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                               int64_t index, as_list_return_type return_type);

/**
 * Select @p count elements from @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_index_range(as_operations *ops, const char *name,
                                                     const as_cdt_ctx *ctx, int64_t index, uint64_t count,
                                                     as_list_return_type return_type);

/**
 * Select the elements from @p index to the end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_index_range_to_end(as_operations *ops, const char *name,
                                                            const as_cdt_ctx *ctx, int64_t index,
                                                            as_list_return_type return_type);

/**
 * Select the element of rank @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_rank(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                              int64_t rank, as_list_return_type return_type);

/**
 * Select @p count elements from rank @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_rank_range(as_operations *ops, const char *name,
                                                    const as_cdt_ctx *ctx, int64_t rank, uint64_t count,
                                                    as_list_return_type return_type);

/**
 * Select the elements from rank @p rank to the largest.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_rank_range_to_end(as_operations *ops, const char *name,
                                                           const as_cdt_ctx *ctx, int64_t rank,
                                                           as_list_return_type return_type);

/**
 * Select every element equal to @p value.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param value the value (stolen).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_value(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                               as_value value, as_list_return_type return_type);

/**
 * Select every element equal to one of @p values.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param values the values (stolen).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_value_list(as_operations *ops, const char *name,
                                                    const as_cdt_ctx *ctx, as_list *values,
                                                    as_list_return_type return_type);

/**
 * Select the elements with @p begin <= value < @p end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param begin lowest value, included; nil for no lower bound (stolen).
 * @param end upper bound, excluded; nil for no upper bound (stolen).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_value_range(as_operations *ops, const char *name,
                                                     const as_cdt_ctx *ctx, as_value begin, as_value end,
                                                     as_list_return_type return_type);

/**
 * Select @p count elements from the rank of @p value plus @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param value the reference value (stolen).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_value_rel_rank_range(as_operations *ops, const char *name,
                                                              const as_cdt_ctx *ctx, as_value value,
                                                              int64_t rank, uint64_t count,
                                                              as_list_return_type return_type);

/**
 * Select the elements from the rank of @p value plus @p rank to the largest.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param value the reference value (stolen).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_get_by_value_rel_rank_range_to_end(as_operations *ops, const char *name,
                                                                     const as_cdt_ctx *ctx, as_value value,
                                                                     int64_t rank,
                                                                     as_list_return_type return_type);

/**
 * Remove the element at @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_index(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                  int64_t index, as_list_return_type return_type);

/**
 * Remove @p count elements from @p index.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_index_range(as_operations *ops, const char *name,
                                                        const as_cdt_ctx *ctx, int64_t index, uint64_t count,
                                                        as_list_return_type return_type);

/**
 * Remove the elements from @p index to the end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param index index of the first element; negative counts from the end.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_index_range_to_end(as_operations *ops, const char *name,
                                                               const as_cdt_ctx *ctx, int64_t index,
                                                               as_list_return_type return_type);

/**
 * Remove the element of rank @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_rank(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                 int64_t rank, as_list_return_type return_type);

/**
 * Remove @p count elements from rank @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_rank_range(as_operations *ops, const char *name,
                                                       const as_cdt_ctx *ctx, int64_t rank, uint64_t count,
                                                       as_list_return_type return_type);

/**
 * Remove the elements from rank @p rank to the largest.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_rank_range_to_end(as_operations *ops, const char *name,
                                                              const as_cdt_ctx *ctx, int64_t rank,
                                                              as_list_return_type return_type);

/**
 * Remove every element equal to @p value.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param value the value (stolen).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_value(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                  as_value value, as_list_return_type return_type);

/**
 * Remove every element equal to one of @p values.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param values the values (stolen).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_value_list(as_operations *ops, const char *name,
                                                       const as_cdt_ctx *ctx, as_list *values,
                                                       as_list_return_type return_type);

/**
 * Remove the elements with @p begin <= value < @p end.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param begin lowest value, included; nil for no lower bound (stolen).
 * @param end upper bound, excluded; nil for no upper bound (stolen).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_value_range(as_operations *ops, const char *name,
                                                        const as_cdt_ctx *ctx, as_value begin, as_value end,
                                                        as_list_return_type return_type);

/**
 * Remove @p count elements from the rank of @p value plus @p rank.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param value the reference value (stolen).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param count number of elements.
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_value_rel_rank_range(as_operations *ops, const char *name,
                                                                 const as_cdt_ctx *ctx, as_value value,
                                                                 int64_t rank, uint64_t count,
                                                                 as_list_return_type return_type);

/**
 * Remove the elements from the rank of @p value plus @p rank to the largest.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested list, or NULL for the bin itself (copied).
 * @param value the reference value (stolen).
 * @param rank rank (0 is the smallest value; negative counts from the largest).
 * @param return_type what to return, optionally OR-ed with AS_LIST_RETURN_INVERTED.
 * @return false on a bad bin name (the list is then invalid). The result: by @p return_type.
 */
AS_EXPORT bool as_operations_list_remove_by_value_rel_rank_range_to_end(as_operations *ops, const char *name,
                                                                        const as_cdt_ctx *ctx, as_value value,
                                                                        int64_t rank,
                                                                        as_list_return_type return_type);

AS_END_DECLS

#endif
