/* Reading the arguments of a CDT op: missing trailing arguments take
 * their defaults, as the clients omit them. */
#include "config.h"

#include "cdt_ops.h"

const as_value *ms_cdt_arg(const ms_cdt_op *op, uint32_t k)
{
	return k < op->n ? &op->a[k] : NULL;
}

bool ms_cdt_arg_int(const ms_cdt_op *op, uint32_t k, int64_t dflt, int64_t *out)
{
	const as_value *v = ms_cdt_arg(op, k);

	if (v == NULL) {
		*out = dflt;
		return true;
	}
	if (v->type != AS_INTEGER)
		return false;
	*out = v->u.i;
	return true;
}
