/* Building collection (list and map) operations: the msgpack-ready
 * payload [op code, args...], wrapped as [0xff, [ctx...], payload] when a
 * context path is given. Private. */
#ifndef AS_MODEL_CDT_OP_H
#define AS_MODEL_CDT_OP_H

#include <aerofuture/cdt.h>
#include <aerofuture/operations.h>

/* Flags OR-ed into a context step's type to create the element when missing. */
uint8_t as_cdt_list_create_bits(as_list_order order, bool pad);
uint8_t as_cdt_map_create_bits(as_map_order order);

/* [code, args...]; one letter of @p fmt per argument: 'i' int64_t, 'u'
 * uint64_t, 'v' as_value, 'o' as_value left out when nil (an open range
 * end), 'l' as_list * and 'm' as_map * (both sent as values). Values,
 * lists and maps are stolen. */
as_list *as_cdt_payload(int64_t code, const char *fmt, ...);

/* Append the op: payload (stolen, also on failure) under @p ctx (copied;
 * NULL or empty for the bin itself), with @p create_bits OR-ed into the
 * type of the context's last step. */
bool as_cdt_op_add(as_operations *ops, as_operator op, const char *name, const as_cdt_ctx *ctx, uint8_t create_bits,
                   as_list *payload);

static inline bool as_cdt_read(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_list *payload)
{
	return as_cdt_op_add(ops, AS_OPERATOR_CDT_READ, name, ctx, 0, payload);
}

static inline bool as_cdt_modify(as_operations *ops, const char *name, const as_cdt_ctx *ctx, as_list *payload)
{
	return as_cdt_op_add(ops, AS_OPERATOR_CDT_MODIFY, name, ctx, 0, payload);
}

#endif
