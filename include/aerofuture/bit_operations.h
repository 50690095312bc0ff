/**
 * @file bit_operations.h
 * @brief Bit operations for as_operate(): read and change blob (bytes) bins bit by bit.
 *
 * Names and argument order follow the official Aerospike C client: the
 * operation list, the bin, an optional context path (cdt.h) to a blob
 * nested in a list or map, a policy for the writing operations, then the
 * operation's own arguments. Byte arguments are copied; contexts and
 * policies are copied. Each adder returns false on a bad argument (a bad
 * bin name, a NULL value with a non-zero size, a size that does not fit
 * in 31 bits, as a negative number passed for a size becomes) and marks
 * the list invalid, so as_operate() fails with AEROSPIKE_ERR_PARAM naming
 * the problem.
 *
 * Offsets count from the start of the blob, negative ones from its end;
 * bit 0 is the most significant bit of byte 0. Writing operations answer
 * with an empty (nil) entry under the bin's name; reading ones with a
 * value, one entry per operation in request order.
 */
#ifndef AEROFUTURE_BIT_OPERATIONS_H
#define AEROFUTURE_BIT_OPERATIONS_H

#include <aerofuture/cdt.h>
#include <aerofuture/common.h>
#include <aerofuture/operations.h>

AS_BEGIN_DECLS

/** Write flags of the bit operations that change a bin (may be OR-ed). */
typedef enum as_bit_write_flags {
	AS_BIT_WRITE_DEFAULT = 0,      /**< create or update the bin */
	AS_BIT_WRITE_CREATE_ONLY = 1,  /**< fail when the bin exists */
	AS_BIT_WRITE_UPDATE_ONLY = 2,  /**< fail when the bin is missing */
	AS_BIT_WRITE_NO_FAIL = 4,      /**< on a refused write, leave the bin and succeed */
	AS_BIT_WRITE_PARTIAL = 8       /**< apply what fits instead of failing past the end */
} as_bit_write_flags;

/** Flags of as_operations_bit_resize() (may be OR-ed). */
typedef enum as_bit_resize_flags {
	AS_BIT_RESIZE_DEFAULT = 0,
	AS_BIT_RESIZE_FROM_FRONT = 1,   /**< add or remove bytes at the start, not the end */
	AS_BIT_RESIZE_GROW_ONLY = 2,    /**< fail rather than shrink */
	AS_BIT_RESIZE_SHRINK_ONLY = 4   /**< fail rather than grow */
} as_bit_resize_flags;

/** What add and subtract do when the result does not fit in the bits. */
typedef enum as_bit_overflow_action {
	AS_BIT_OVERFLOW_FAIL = 0,      /**< fail the command with 26 */
	AS_BIT_OVERFLOW_SATURATE = 2,  /**< stop at the largest / smallest value */
	AS_BIT_OVERFLOW_WRAP = 4       /**< wrap around */
} as_bit_overflow_action;

/** Write flags for the bit operations that change a bin. */
typedef struct as_bit_policy {
	uint64_t flags;  /**< as_bit_write_flags, OR-ed */
} as_bit_policy;

/**
 * Set a policy to the defaults (no flags).
 * @param policy the policy (caller's memory); NULL is ignored.
 */
AS_EXPORT void as_bit_policy_init(as_bit_policy *policy);
/**
 * Set a policy's write flags.
 * @param policy the policy (caller's memory); NULL is ignored.
 * @param flags as_bit_write_flags, OR-ed.
 */
AS_EXPORT void as_bit_policy_set_write_flags(as_bit_policy *policy, as_bit_write_flags flags);

/**
 * Make the blob @p byte_size bytes long: new bytes are zero.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param byte_size the new size in bytes (below 2^31).
 * @param flags as_bit_resize_flags, OR-ed; other bits are refused.
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_resize(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        const as_bit_policy *policy, uint32_t byte_size,
                                        as_bit_resize_flags flags);

/**
 * Insert bytes before byte @p byte_offset.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param byte_offset where to insert, in bytes.
 * @param value_byte_size number of bytes in @p value.
 * @param value the bytes (copied); may be NULL only when the size is 0.
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_insert(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        const as_bit_policy *policy, int byte_offset, uint32_t value_byte_size,
                                        const uint8_t *value);

/**
 * Remove @p byte_size bytes from byte @p byte_offset on.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param byte_offset the first byte removed.
 * @param byte_size how many bytes (below 2^31).
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_remove(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        const as_bit_policy *policy, int byte_offset, uint32_t byte_size);

/**
 * Overwrite @p bit_size bits from @p bit_offset on with the leading bits of @p value.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param bit_offset the first bit written.
 * @param bit_size how many bits (below 2^31).
 * @param value_byte_size number of bytes in @p value.
 * @param value the bits (copied); may be NULL only when the size is 0.
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_set(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     const as_bit_policy *policy, int bit_offset, uint32_t bit_size,
                                     uint32_t value_byte_size, const uint8_t *value);

/**
 * OR @p bit_size bits from @p bit_offset on with the leading bits of @p value.
 * Arguments as for as_operations_bit_set().
 * @param ops the list.
 * @param name bin name (copied).
 * @param ctx context path or NULL (copied).
 * @param policy write flags or NULL (copied).
 * @param bit_offset the first bit.
 * @param bit_size how many bits.
 * @param value_byte_size number of bytes in @p value.
 * @param value the bits (copied).
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_or(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                    const as_bit_policy *policy, int bit_offset, uint32_t bit_size,
                                    uint32_t value_byte_size, const uint8_t *value);

/**
 * XOR @p bit_size bits from @p bit_offset on with the leading bits of @p value.
 * @param ops the list.
 * @param name bin name (copied).
 * @param ctx context path or NULL (copied).
 * @param policy write flags or NULL (copied).
 * @param bit_offset the first bit.
 * @param bit_size how many bits.
 * @param value_byte_size number of bytes in @p value.
 * @param value the bits (copied).
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_xor(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     const as_bit_policy *policy, int bit_offset, uint32_t bit_size,
                                     uint32_t value_byte_size, const uint8_t *value);

/**
 * AND @p bit_size bits from @p bit_offset on with the leading bits of @p value.
 * @param ops the list.
 * @param name bin name (copied).
 * @param ctx context path or NULL (copied).
 * @param policy write flags or NULL (copied).
 * @param bit_offset the first bit.
 * @param bit_size how many bits.
 * @param value_byte_size number of bytes in @p value.
 * @param value the bits (copied).
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_and(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     const as_bit_policy *policy, int bit_offset, uint32_t bit_size,
                                     uint32_t value_byte_size, const uint8_t *value);

/**
 * Invert @p bit_size bits from @p bit_offset on.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param bit_offset the first bit.
 * @param bit_size how many bits (below 2^31).
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_not(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     const as_bit_policy *policy, int bit_offset, uint32_t bit_size);

/**
 * Shift @p bit_size bits from @p bit_offset on left by @p shift; zeros come in.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param bit_offset the first bit of the range.
 * @param bit_size how many bits the range has (below 2^31).
 * @param shift by how many bits (below 2^31).
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_lshift(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        const as_bit_policy *policy, int bit_offset, uint32_t bit_size,
                                        uint32_t shift);

/**
 * Shift @p bit_size bits from @p bit_offset on right by @p shift; zeros come in.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param bit_offset the first bit of the range.
 * @param bit_size how many bits the range has (below 2^31).
 * @param shift by how many bits (below 2^31).
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_rshift(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                        const as_bit_policy *policy, int bit_offset, uint32_t bit_size,
                                        uint32_t shift);

/**
 * Add @p value to the integer held in @p bit_size bits (1..64) from @p bit_offset on.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param bit_offset the integer's first (most significant) bit.
 * @param bit_size the integer's width, 1..64 bits.
 * @param value the amount; sent as its 64 bits.
 * @param sign true when the bits hold a signed (two's complement) integer.
 * @param action what to do when the sum does not fit.
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_add(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                     const as_bit_policy *policy, int bit_offset, uint32_t bit_size,
                                     uint64_t value, bool sign, as_bit_overflow_action action);

/**
 * Subtract @p value from the integer held in @p bit_size bits (1..64) from @p bit_offset on.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param bit_offset the integer's first (most significant) bit.
 * @param bit_size the integer's width, 1..64 bits.
 * @param value the amount; sent as its 64 bits.
 * @param sign true when the bits hold a signed (two's complement) integer.
 * @param action what to do when the difference does not fit.
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_subtract(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                          const as_bit_policy *policy, int bit_offset, uint32_t bit_size,
                                          uint64_t value, bool sign, as_bit_overflow_action action);

/**
 * Store @p value in @p bit_size bits (1..64) from @p bit_offset on (its low bits, most significant first).
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param policy write flags (copied); NULL for the defaults.
 * @param bit_offset the first bit written.
 * @param bit_size how many bits, 1..64.
 * @param value the integer.
 * @return false on a bad argument (the list is then invalid). The result: nil.
 */
AS_EXPORT bool as_operations_bit_set_int(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                         const as_bit_policy *policy, int bit_offset, uint32_t bit_size,
                                         int64_t value);

/**
 * Read @p bit_size bits from @p bit_offset on.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param bit_offset the first bit read.
 * @param bit_size how many bits (below 2^31).
 * @return false on a bad argument (the list is then invalid). The result: a blob
 *         of the bits, left aligned, the last byte padded with zeros.
 */
AS_EXPORT bool as_operations_bit_get(as_operations *ops, const char *name, const as_cdt_ctx *ctx, int bit_offset,
                                     uint32_t bit_size);

/**
 * Count the bits set among @p bit_size bits from @p bit_offset on.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param bit_offset the first bit counted.
 * @param bit_size how many bits (below 2^31).
 * @return false on a bad argument (the list is then invalid). The result: an integer.
 */
AS_EXPORT bool as_operations_bit_count(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       int bit_offset, uint32_t bit_size);

/**
 * Find the first bit equal to @p value, scanning from the left.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param bit_offset the first bit of the range scanned.
 * @param bit_size how many bits (below 2^31).
 * @param value the bit looked for.
 * @return false on a bad argument (the list is then invalid). The result: an
 *         integer, the position relative to @p bit_offset, or -1 when none.
 */
AS_EXPORT bool as_operations_bit_lscan(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       int bit_offset, uint32_t bit_size, bool value);

/**
 * Find the last bit equal to @p value, scanning from the right.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param bit_offset the first bit of the range scanned.
 * @param bit_size how many bits (below 2^31).
 * @param value the bit looked for.
 * @return false on a bad argument (the list is then invalid). The result: an
 *         integer, the position relative to @p bit_offset, or -1 when none.
 */
AS_EXPORT bool as_operations_bit_rscan(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                       int bit_offset, uint32_t bit_size, bool value);

/**
 * Read the integer held in @p bit_size bits (1..64) from @p bit_offset on.
 * @param ops the list.
 * @param name bin name, 1..15 bytes (copied).
 * @param ctx path to a nested blob, or NULL for the bin itself (copied).
 * @param bit_offset the integer's first (most significant) bit.
 * @param bit_size the integer's width, 1..64 bits.
 * @param sign true to read the bits as a signed (two's complement) integer.
 * @return false on a bad argument (the list is then invalid). The result: an integer.
 */
AS_EXPORT bool as_operations_bit_get_int(as_operations *ops, const char *name, const as_cdt_ctx *ctx,
                                         int bit_offset, uint32_t bit_size, bool sign);

AS_END_DECLS

#endif
