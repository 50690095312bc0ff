/* Walking a CDT context to the nested element an op applies to (cdt_ctx.c). */
#ifndef MINISPIKE_CDT_CTX_H
#define MINISPIKE_CDT_CTX_H

#include <stdbool.h>
#include <stdint.h>
#include <aerofuture/value.h>

/* Context item types (the create flags are or-ed in: 0xc0). */
enum {
	MS_CTX_LIST_INDEX = 0x10,
	MS_CTX_LIST_RANK = 0x11,
	MS_CTX_LIST_VALUE = 0x13,
	MS_CTX_MAP_INDEX = 0x20,
	MS_CTX_MAP_RANK = 0x21,
	MS_CTX_MAP_KEY = 0x22,
	MS_CTX_MAP_VALUE = 0x23,
	MS_CTX_CREATE_MASK = 0xc0
};

/* Follow ctx ([type, value, ...]) from *top (whose list order is *top_order)
 * to the target element. With create (a modify op), absent containers and
 * elements the items flag for creation are made, the last one a list when
 * list_op, else a map. *target is NULL when a read finds no top value.
 * Returns 0, 26 for a path that does not exist or 4 for a malformed ctx. */
int ms_cdt_ctx_resolve(as_value *top, uint8_t *top_order, const as_list *ctx, bool create, bool list_op,
                       as_value **target);

#endif
