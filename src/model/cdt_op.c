/* Collection operation payloads and their context wrapper. */
#include "model/cdt_op.h"

#include <stdarg.h>

#include "model/alloc.h"
#include "model/operations_internal.h"

/* The marker that opens a payload with a context: [0xff, [ctx], [op]]. */
#define CDT_CTX_MARKER 0xff

/* Create flags: list 0x40 unordered, 0x80 unordered with padding, 0xc0
 * ordered; map 0x40 unordered, 0x80 key-ordered, 0xc0 key/value-ordered. */
uint8_t as_cdt_list_create_bits(as_list_order order, bool pad)
{
	if (order == AS_LIST_ORDERED)
		return 0xc0;
	return pad ? 0x80 : 0x40;
}

uint8_t as_cdt_map_create_bits(as_map_order order)
{
	switch (order) {
	case AS_MAP_KEY_ORDERED:
		return 0x80;
	case AS_MAP_KEY_VALUE_ORDERED:
		return 0xc0;
	default:
		return 0x40;
	}
}

as_list *as_cdt_payload(int64_t code, const char *fmt, ...)
{
	as_list *payload = as_list_new(8);
	va_list ap;
	as_value v;

	as_list_append_int(payload, code);
	va_start(ap, fmt);
	for (const char *f = fmt; *f; f++) {
		switch (*f) {
		case 'i':
			as_list_append_int(payload, va_arg(ap, int64_t));
			break;
		case 'u': {
			/* values carry int64; no collection is that large anyway */
			uint64_t n = va_arg(ap, uint64_t);
			as_list_append_int(payload, n > INT64_MAX ? INT64_MAX : (int64_t)n);
			break;
		}
		case 'v':
			as_list_append(payload, va_arg(ap, as_value));
			break;
		case 'o':
			v = va_arg(ap, as_value);
			if (v.type == AS_NIL)
				as_value_destroy(&v);
			else
				as_list_append(payload, v);
			break;
		case 'l':
			as_list_append(payload, as_value_list(va_arg(ap, as_list *)));
			break;
		case 'm':
			as_list_append(payload, as_value_map(va_arg(ap, as_map *)));
			break;
		default:
			as_fatal("cdt payload: unknown argument kind");
		}
	}
	va_end(ap);
	return payload;
}

bool as_cdt_op_add(as_operations *ops, as_operator op, const char *name, const as_cdt_ctx *ctx, uint8_t create_bits,
                   as_list *payload)
{
	as_value steps, path;
	as_list *wrapped;

	if (as_cdt_ctx_size(ctx) == 0)
		return as_operations_add_op(ops, op, name, as_value_list(payload));
	steps = as_value_list(ctx->items); /* a view: the context keeps its list */
	path = as_value_copy(&steps);
	/* the last step's type, not its value: steps are (type, value) pairs */
	path.u.list->items[path.u.list->size - 2].u.i |= create_bits;
	wrapped = as_list_new(3);
	as_list_append_int(wrapped, CDT_CTX_MARKER);
	as_list_append(wrapped, path);
	as_list_append(wrapped, as_value_list(payload));
	return as_operations_add_op(ops, op, name, as_value_list(wrapped));
}
