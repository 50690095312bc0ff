/**
 * @file hll_operations.h
 * @brief HyperLogLog operations for as_operate(): estimate the size of sets, unions and intersections.
 *
 * An HLL bin holds a sketch of a set: values added to it update
 * registers, from which the server estimates how many distinct values
 * went in, and how large the union or intersection with other sketches
 * is. With minhash bits the sketch also estimates similarity better.
 *
 * Names and argument order follow the official Aerospike C client: the
 * operation list, the bin, a context (which the server does not support
 * for HLL yet: pass NULL), a policy for the writing operations, then the
 * operation's own arguments. Lists passed in are stolen (also on
 * failure); contexts and policies are copied. Each adder returns false on
 * a bad argument (bad bin name, NULL list, a bit count out of range) and
 * marks the list invalid, so as_operate() fails with AEROSPIKE_ERR_PARAM
 * naming the problem.
 *
 * Bit counts: index bits 4..16, minhash bits 0 or 4..51, together at most
 * 64; -1 means "the bin's current count" (or the server's default when
 * the operation creates the bin). HLL values read from the server (a bin,
 * or as_operations_hll_get_union()) come back as AS_BYTES values; put
 * them in the lists of the union, intersection and similarity operations.
 */
#ifndef AEROFUTURE_HLL_OPERATIONS_H
#define AEROFUTURE_HLL_OPERATIONS_H

#include <aerofuture/cdt.h>
#include <aerofuture/common.h>
#include <aerofuture/operations.h>
#include <aerofuture/value.h>

AS_BEGIN_DECLS

/** Write flags of the HLL operations that change a bin (may be OR-ed). */
typedef enum as_hll_write_flags {
	AS_HLL_WRITE_DEFAULT = 0,      /**< create or update the bin */
	AS_HLL_WRITE_CREATE_ONLY = 1,  /**< fail with 6 when the bin exists */
	AS_HLL_WRITE_UPDATE_ONLY = 2,  /**< fail when the bin is missing */
	AS_HLL_WRITE_NO_FAIL = 4,      /**< on a refused write, leave the bin and succeed */
	AS_HLL_WRITE_ALLOW_FOLD = 8    /**< union: fold to the smallest index bits instead of failing */
} as_hll_write_flags;

/** Write flags for the HLL operations that change a bin. */
typedef struct as_hll_policy {
	uint64_t flags;  /**< as_hll_write_flags, OR-ed */
} as_hll_policy;

/**
 * Set a policy to the defaults (no flags).
 * @param policy the policy (caller's memory); NULL is ignored.
 */
AS_EXPORT void as_hll_policy_init(as_hll_policy *policy);
/**
 * Set a policy's write flags.
 * @param policy the policy (caller's memory); NULL is ignored.
 * @param flags as_hll_write_flags, OR-ed.
 */
AS_EXPORT void as_hll_policy_set_write_flags(as_hll_policy *policy, as_hll_write_flags flags);

/**
 * Create the HLL bin, or reset an existing one, without minhash bits.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param policy write flags (copied); NULL for the defaults.
 * @param index_bit_count index bits, 4..16.
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_hll_init(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                      const as_hll_policy *policy, int index_bit_count);

/**
 * Create the HLL bin, or reset an existing one, with minhash bits.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param policy write flags (copied); NULL for the defaults.
 * @param index_bit_count index bits, 4..16.
 * @param mh_bit_count minhash bits, 0 or 4..51 (-1: none).
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_hll_init_mh(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                         const as_hll_policy *policy, int index_bit_count, int mh_bit_count);

/**
 * Add the values of @p list; a missing bin is created with @p index_bit_count index bits.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param policy write flags (copied); NULL for the defaults.
 * @param list the values (stolen, also on failure).
 * @param index_bit_count index bits for a new bin, 4..16, or -1 when the bin must exist.
 * @return false on a bad argument (the list is then invalid). The result: an
 *         integer, how many values changed a register.
 */
AS_EXPORT bool as_operations_hll_add(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     const as_hll_policy *policy, as_list *list, int index_bit_count);

/**
 * Add the values of @p list; a missing bin is created with the bit counts given.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param policy write flags (copied); NULL for the defaults.
 * @param list the values (stolen, also on failure).
 * @param index_bit_count index bits for a new bin, 4..16, or -1.
 * @param mh_bit_count minhash bits for a new bin, 0 or 4..51, or -1.
 * @return false on a bad argument (the list is then invalid). The result: an
 *         integer, how many values changed a register.
 */
AS_EXPORT bool as_operations_hll_add_mh(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        const as_hll_policy *policy, as_list *list, int index_bit_count,
                                        int mh_bit_count);

/**
 * Add the values of @p list to an existing HLL bin (as_operations_hll_add_mh() with -1, -1).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param policy write flags (copied); NULL for the defaults.
 * @param list the values (stolen, also on failure).
 * @return false on a bad argument (the list is then invalid). The result: an
 *         integer, how many values changed a register.
 */
AS_EXPORT bool as_operations_hll_update(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        const as_hll_policy *policy, as_list *list);

/**
 * Make the bin the union of itself and the HLL values in @p list.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param policy write flags (copied); NULL for the defaults.
 * @param list HLL values (AS_BYTES, as read from the server; stolen, also on failure).
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_hll_set_union(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                           const as_hll_policy *policy, as_list *list);

/**
 * Recompute and store the bin's cached count.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @return false on a bad argument (the list is then invalid). The result: an integer, the count.
 */
AS_EXPORT bool as_operations_hll_refresh_count(as_operations *ops, const char *name, const as_cdt_ctx *ctx);

/**
 * Reduce the bin's index bits to @p index_bit_count (bins without minhash bits only).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param index_bit_count the new index bits, 4..16.
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_hll_fold(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                      int index_bit_count);

/**
 * Estimate how many distinct values the bin holds.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @return false on a bad argument (the list is then invalid). The result: an integer.
 */
AS_EXPORT bool as_operations_hll_get_count(as_operations *ops, const char *name, const as_cdt_ctx *ctx);

/**
 * Read the union of the bin and the HLL values in @p list, leaving the bin as it is.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param list HLL values (stolen, also on failure).
 * @return false on a bad argument (the list is then invalid). The result: an HLL value (AS_BYTES).
 */
AS_EXPORT bool as_operations_hll_get_union(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                           as_list *list);

/**
 * Estimate the size of the union of the bin and the HLL values in @p list.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param list HLL values (stolen, also on failure).
 * @return false on a bad argument (the list is then invalid). The result: an integer.
 */
AS_EXPORT bool as_operations_hll_get_union_count(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                 as_list *list);

/**
 * Estimate the size of the intersection of the bin and the HLL values in @p list.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param list HLL values (stolen, also on failure).
 * @return false on a bad argument (the list is then invalid). The result: an integer.
 */
AS_EXPORT bool as_operations_hll_get_intersect_count(as_operations *ops, const char *name,
                                                     const as_cdt_ctx *ctx, as_list *list);

/**
 * Estimate the similarity (intersection over union) of the bin and the HLL values in @p list.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param list HLL values (stolen, also on failure).
 * @return false on a bad argument (the list is then invalid). The result: a double, 0..1.
 */
AS_EXPORT bool as_operations_hll_get_similarity(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                                as_list *list);

/**
 * Read the bin's bit counts.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @return false on a bad argument (the list is then invalid). The result: a
 *         list [index_bit_count, mh_bit_count].
 */
AS_EXPORT bool as_operations_hll_describe(as_operations *ops, const char *name, const as_cdt_ctx *ctx);

/**
 * Ask whether the bin may contain every value of @p list (an HLL cannot
 * say for sure that a value is in it, only that one is not).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx NULL (copied when given).
 * @param list the values (stolen, also on failure).
 * @return false on a bad argument (the list is then invalid). The result: an
 *         integer, 1 when all may be in the set, 0 when one is surely not.
 */
AS_EXPORT bool as_operations_hll_may_contain(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                             as_list *list);

AS_END_DECLS

#endif
