/* CALL: collection (CDT) operations inside an expression, through the same
 * engine as the CDT ops (ms_cdt_eval). The op's arguments are expressions
 * evaluated first; the payload is rebuilt from their values. A read call
 * returns the op's result, a modify call the changed collection (the bin
 * itself is not written). Bit and HLL calls answer 4 until their engines
 * are wired here (ms_exp_call_blob). */
#include "config.h"

#include <aerofuture/status.h>

#include "cdt.h"
#include "exp.h"

/* The one place bit (system 1) and HLL (system 2) calls go. */
static int ms_exp_call_blob(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	(void)e;
	(void)env;
	(void)out;
	return AEROSPIKE_ERR_REQUEST_INVALID;  /* not yet: bit and HLL expressions */
}

int ms_exp_call(const ms_exp *e, ms_exp_env *env, as_value *out)
{
	as_value bin = as_value_nil(), result = as_value_nil(), payload;
	as_list *ops;
	uint8_t order = 0;
	bool changed = false, modify = (e->b & MS_XCALL_MODIFY) != 0;
	int rc;

	if ((e->b & ~(int64_t)MS_XCALL_MODIFY) != MS_XCALL_CDT)
		return ms_exp_call_blob(e, env, out);
	if ((rc = ms_exp_eval(e->kid[0], env, &bin)) != AEROSPIKE_OK)
		return rc;
	if (bin.type != AS_LIST && bin.type != AS_MAP) {
		as_value_destroy(&bin);
		return MS_EXP_UNKNOWN;
	}
	ops = as_list_new(e->n);
	as_list_append_int(ops, e->c);
	for (uint32_t i = 1; i < e->n && rc == AEROSPIKE_OK; i++) {
		as_value a = as_value_nil();

		if ((rc = ms_exp_eval(e->kid[i], env, &a)) == AEROSPIKE_OK)
			as_list_append(ops, a);
	}
	if (e->lit.type == AS_LIST) {
		as_list *outer = as_list_new(3);

		as_list_append_int(outer, 0xff);
		as_list_append(outer, as_value_copy(&e->lit));
		as_list_append(outer, as_value_list(ops));
		payload = as_value_list(outer);
	} else {
		payload = as_value_list(ops);
	}
	if (rc == AEROSPIKE_OK) {
		/* a failing collection op makes the expression fail, not the request */
		if (ms_cdt_eval(&bin, &order, &payload, modify, &result, &changed) != AEROSPIKE_OK)
			rc = MS_EXP_UNKNOWN;
	}
	if (rc == AEROSPIKE_OK) {
		if (modify) {
			*out = bin;
			bin = as_value_nil();
		} else {
			*out = result;
			result = as_value_nil();
		}
	}
	as_value_destroy(&payload);
	as_value_destroy(&result);
	as_value_destroy(&bin);
	return rc;
}
