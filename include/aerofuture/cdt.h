/**
 * @file cdt.h
 * @brief Context paths into nested lists and maps (collection data types).
 *
 * A context names the collection inside a bin that a list or map operation
 * applies to: "the map at index 0 of the list", then "the list under key
 * 'a' of that map", and so on, outermost first. The create variants make
 * the element when it is missing, with the order given.
 *
 * An as_cdt_ctx lives where the caller puts it (usually the stack): start
 * it with as_cdt_ctx_init() and release it with as_cdt_ctx_destroy(). It
 * owns the values added to it. Operations copy the context when they are
 * added, so one context can serve several operations and be destroyed
 * right after the last as_operations_list_* / as_operations_map_* call.
 */
#ifndef AEROFUTURE_CDT_H
#define AEROFUTURE_CDT_H

#include <aerofuture/common.h>
#include <aerofuture/value.h>

AS_BEGIN_DECLS

/** Order of a list. */
typedef enum as_list_order {
	AS_LIST_UNORDERED = 0,  /**< insertion order (the default) */
	AS_LIST_ORDERED = 1     /**< kept sorted by value */
} as_list_order;

/** A path of context steps; fields are private. */
typedef struct as_cdt_ctx {
	as_list *items;  /**< the steps as the wire carries them: type, value, type, value...; owned */
} as_cdt_ctx;

/**
 * Start an empty context.
 * @param ctx the context (caller's memory).
 */
AS_EXPORT void as_cdt_ctx_init(as_cdt_ctx *ctx);
/**
 * Release the values a context holds; it is empty afterwards.
 * @param ctx the context; may be NULL.
 */
AS_EXPORT void as_cdt_ctx_destroy(as_cdt_ctx *ctx);
/**
 * Number of steps in @p ctx.
 * @param ctx the context; NULL counts as empty.
 * @return the number of steps.
 */
AS_EXPORT uint32_t as_cdt_ctx_size(const as_cdt_ctx *ctx);

/**
 * Step into the list element at @p index (negative counts from the end).
 * @param ctx the context.
 * @param index the element's index.
 */
AS_EXPORT void as_cdt_ctx_add_list_index(as_cdt_ctx *ctx, int64_t index);
/**
 * Step into the list element at @p index, creating it when missing.
 * @param ctx the context.
 * @param index the element's index.
 * @param order the order of the list created.
 * @param pad for an unordered list: pad with nil up to @p index when it
 *        is beyond the end (without it the server fails with 26).
 */
AS_EXPORT void as_cdt_ctx_add_list_index_create(as_cdt_ctx *ctx, int64_t index, as_list_order order, bool pad);
/**
 * Step into the list element of rank @p rank (by value; negative from the largest).
 * @param ctx the context.
 * @param rank the element's rank.
 */
AS_EXPORT void as_cdt_ctx_add_list_rank(as_cdt_ctx *ctx, int64_t rank);
/**
 * Step into the first list element equal to @p value.
 * @param ctx the context.
 * @param value the value to look for (stolen).
 */
AS_EXPORT void as_cdt_ctx_add_list_value(as_cdt_ctx *ctx, as_value value);
/**
 * Step into the map entry at @p index (in key order).
 * @param ctx the context.
 * @param index the entry's index.
 */
AS_EXPORT void as_cdt_ctx_add_map_index(as_cdt_ctx *ctx, int64_t index);
/**
 * Step into the map entry of rank @p rank (by value).
 * @param ctx the context.
 * @param rank the entry's rank.
 */
AS_EXPORT void as_cdt_ctx_add_map_rank(as_cdt_ctx *ctx, int64_t rank);
/**
 * Step into the map entry under @p key.
 * @param ctx the context.
 * @param key the key (stolen).
 */
AS_EXPORT void as_cdt_ctx_add_map_key(as_cdt_ctx *ctx, as_value key);
/**
 * Step into the map entry under @p key, creating an empty map there when missing.
 * @param ctx the context.
 * @param key the key (stolen).
 * @param order the order of the map created.
 */
AS_EXPORT void as_cdt_ctx_add_map_key_create(as_cdt_ctx *ctx, as_value key, as_map_order order);
/**
 * Step into the first map entry whose value equals @p value.
 * @param ctx the context.
 * @param value the value to look for (stolen).
 */
AS_EXPORT void as_cdt_ctx_add_map_value(as_cdt_ctx *ctx, as_value value);

AS_END_DECLS

#endif
