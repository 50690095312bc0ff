/* The list and map operations of the CDT engine, applied to one decoded
 * collection (cdt_list.c, cdt_map.c), and the argument helpers they share
 * (cdt_args.c). Private to the engine; the entry point is cdt.h. */
#ifndef MINISPIKE_CDT_OPS_H
#define MINISPIKE_CDT_OPS_H

#include <stdbool.h>
#include <stdint.h>
#include <aerofuture/value.h>

/* The furthest past its end a list is padded with nil (insert, set,
 * increment, context create): beyond it the op is not applicable, so one
 * request cannot make the server allocate without bound. */
#define MS_CDT_MAX_PAD 100000

/* The op being applied: code and arguments as sent, [code, args...]. */
typedef struct ms_cdt_op {
	int64_t code;
	const as_value *a;  /* a[0] is the first argument after the code */
	uint32_t n;         /* number of arguments */
	bool modify;        /* sent as CDT_MODIFY */
} ms_cdt_op;

/* Apply op to *v (nil: absent; a list or map is created when the op
 * writes). *order is the list's order flag (0 unordered, 1 ordered).
 * *res gets the result (nil: no value), *changed whether *v changed.
 * Returns a result code; on failure *v is unchanged. */
int ms_cdt_list_op(as_value *v, uint8_t *order, const ms_cdt_op *op, as_value *res, bool *changed);
int ms_cdt_map_op(as_value *v, const ms_cdt_op *op, as_value *res, bool *changed);

/* Is the op code a list code (0..63) or a map code (64..127)? */
static inline bool ms_cdt_is_list_code(int64_t code)
{
	return code >= 0 && code < 64;
}

/* Argument k as an integer: dflt when absent; false when present and not
 * an integer. */
bool ms_cdt_arg_int(const ms_cdt_op *op, uint32_t k, int64_t dflt, int64_t *out);
/* Argument k, or NULL when absent. */
const as_value *ms_cdt_arg(const ms_cdt_op *op, uint32_t k);

#endif
