/* as_cdt_ctx: a context path kept as the wire has it, (type, value) pairs. */
#include <aerofuture/cdt.h>

#include <stdlib.h>

#include "model/cdt_op.h"

/* Step types (Aerospike's CDT context item types). */
enum {
	CTX_LIST_INDEX = 0x10,
	CTX_LIST_RANK = 0x11,
	CTX_LIST_VALUE = 0x13,
	CTX_MAP_INDEX = 0x20,
	CTX_MAP_RANK = 0x21,
	CTX_MAP_KEY = 0x22,
	CTX_MAP_VALUE = 0x23
};

void as_cdt_ctx_init(as_cdt_ctx *ctx)
{
	ctx->items = NULL;
}

void as_cdt_ctx_destroy(as_cdt_ctx *ctx)
{
	if (!ctx)
		return;
	as_list_destroy(ctx->items);
	ctx->items = NULL;
}

uint32_t as_cdt_ctx_size(const as_cdt_ctx *ctx)
{
	return ctx && ctx->items ? ctx->items->size / 2 : 0;
}

/* Append one step; steals @p value. */
static void ctx_add(as_cdt_ctx *ctx, int type, as_value value)
{
	if (!ctx) {
		as_value_destroy(&value);
		return;
	}
	if (!ctx->items)
		ctx->items = as_list_new(4);
	as_list_append_int(ctx->items, type);
	as_list_append(ctx->items, value);
}

void as_cdt_ctx_add_list_index(as_cdt_ctx *ctx, int64_t index)
{
	ctx_add(ctx, CTX_LIST_INDEX, as_value_int(index));
}

void as_cdt_ctx_add_list_index_create(as_cdt_ctx *ctx, int64_t index, as_list_order order, bool pad)
{
	ctx_add(ctx, CTX_LIST_INDEX | as_cdt_list_create_bits(order, pad), as_value_int(index));
}

void as_cdt_ctx_add_list_rank(as_cdt_ctx *ctx, int64_t rank)
{
	ctx_add(ctx, CTX_LIST_RANK, as_value_int(rank));
}

void as_cdt_ctx_add_list_value(as_cdt_ctx *ctx, as_value value)
{
	ctx_add(ctx, CTX_LIST_VALUE, value);
}

void as_cdt_ctx_add_map_index(as_cdt_ctx *ctx, int64_t index)
{
	ctx_add(ctx, CTX_MAP_INDEX, as_value_int(index));
}

void as_cdt_ctx_add_map_rank(as_cdt_ctx *ctx, int64_t rank)
{
	ctx_add(ctx, CTX_MAP_RANK, as_value_int(rank));
}

void as_cdt_ctx_add_map_key(as_cdt_ctx *ctx, as_value key)
{
	ctx_add(ctx, CTX_MAP_KEY, key);
}

void as_cdt_ctx_add_map_key_create(as_cdt_ctx *ctx, as_value key, as_map_order order)
{
	ctx_add(ctx, CTX_MAP_KEY | as_cdt_map_create_bits(order), key);
}

void as_cdt_ctx_add_map_value(as_cdt_ctx *ctx, as_value value)
{
	ctx_add(ctx, CTX_MAP_VALUE, value);
}
