/* Expression operations: EXP_READ (7) and EXP_MODIFY (8), whose value is
 * the blob msgpack [expression, flags] (cdt/notes.txt section 7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/binname.h"
#include "model/exp_internal.h"
#include "model/operations_internal.h"

static bool exp_op(as_operations *ops, as_operator op, const char *name, const as_exp *exp, uint32_t flags,
                   uint32_t allowed, const char *fn)
{
	const uint8_t *wire;
	uint8_t *p;
	size_t len;
	char why[160];
	bool ok;

	if (!ops)
		return false;
	if (!exp || (flags & ~allowed)) {
		if (!exp)
			snprintf(why, sizeof why, "%s: expression is NULL", fn);
		else
			snprintf(why, sizeof why, "%s: unknown flags 0x%x", fn, (unsigned)(flags & ~allowed));
		as_invalid_note(&ops->invalid, why);
		return false;
	}
	wire = as_exp_wire(exp, &len);
	if (len > UINT32_MAX - 8) {
		snprintf(why, sizeof why, "%s: expression too large", fn);
		as_invalid_note(&ops->invalid, why);
		return false;
	}
	/* fixarray 2, the expression, flags as a positive fixint (< 32) */
	p = as_malloc(len + 2);
	p[0] = 0x92;
	memcpy(p + 1, wire, len);
	p[len + 1] = (uint8_t)flags;
	ok = as_operations_add_op(ops, op, name, as_value_bytes(p, len + 2));
	free(p);
	return ok;
}

bool as_operations_exp_read(as_operations *ops, const char *name, const as_exp *exp, uint32_t flags)
{
	return exp_op(ops, AS_OPERATOR_EXP_READ, name, exp, flags, AS_EXP_READ_EVAL_NO_FAIL, "as_operations_exp_read");
}

bool as_operations_exp_write(as_operations *ops, const char *bin, const as_exp *exp, uint32_t flags)
{
	return exp_op(ops, AS_OPERATOR_EXP_MODIFY, bin, exp, flags, 0x1f, "as_operations_exp_write");
}
