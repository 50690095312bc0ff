/* as_operations: an ordered list of operations on one record. */
#include <aerofuture/operations.h>
#include <aerofuture/record.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/binname.h"
#include "model/operations_internal.h"

/* n_ops travels as a u16 in the message header. */
#define OPS_MAX UINT16_MAX

as_operations *as_operations_new(uint16_t capacity)
{
	as_operations *ops = as_calloc(1, sizeof *ops);
	ops->ttl = AS_TTL_CLIENT_DEFAULT;
	if (capacity) {
		ops->ops = as_reallocarray(NULL, capacity, sizeof *ops->ops);
		ops->capacity = capacity;
	}
	return ops;
}

void as_operations_destroy(as_operations *ops)
{
	if (!ops)
		return;
	for (uint16_t i = 0; i < ops->n_ops; i++)
		as_value_destroy(&ops->ops[i].value);
	free(ops->ops);
	free(ops->invalid);
	free(ops);
}

/* Append one operation; @p name NULL means "no bin" (read all, touch, delete).
 * Steals @p value, destroying it on failure. */
static bool ops_add(as_operations *ops, as_operator op, const char *name, as_value value)
{
	if (!ops) {
		as_value_destroy(&value);
		return false;
	}
	char why[AS_BIN_NAME_REASON_MAX];
	size_t len = 0;
	if (name && !as_bin_name_check(name, &len, why)) {
		as_invalid_note(&ops->invalid, why);
		as_value_destroy(&value);
		return false;
	}
	if (ops->n_ops == OPS_MAX) {
		snprintf(why, sizeof why, "too many operations: the limit is %d", OPS_MAX);
		as_invalid_note(&ops->invalid, why);
		as_value_destroy(&value);
		return false;
	}
	if (ops->n_ops == ops->capacity) {
		uint32_t cap = ops->capacity < 4 ? 4 : (uint32_t)ops->capacity * 2;
		if (cap > OPS_MAX)
			cap = OPS_MAX;
		ops->ops = as_reallocarray(ops->ops, cap, sizeof *ops->ops);
		ops->capacity = (uint16_t)cap;
	}
	as_op *o = &ops->ops[ops->n_ops++];
	memset(o, 0, sizeof *o);
	o->op = op;
	if (len)
		memcpy(o->bin, name, len + 1);
	o->value = value;
	return true;
}

bool as_operations_add_read_all(as_operations *ops)
{
	return ops_add(ops, AS_OPERATOR_READ, NULL, as_value_nil());
}

/* Like ops_add() for operations on one bin: a NULL name is an error here,
 * not "no bin" (it must not turn a read into a read-all). */
static bool ops_add_named(as_operations *ops, as_operator op, const char *name, as_value value)
{
	if (!name) {
		if (ops)
			as_invalid_note(&ops->invalid, "bin name is NULL");
		as_value_destroy(&value);
		return false;
	}
	return ops_add(ops, op, name, value);
}

bool as_operations_add_op(as_operations *ops, as_operator op, const char *name, as_value value)
{
	return ops_add_named(ops, op, name, value);
}

bool as_operations_add_read(as_operations *ops, const char *name)
{
	return ops_add_named(ops, AS_OPERATOR_READ, name, as_value_nil());
}

bool as_operations_add_write(as_operations *ops, const char *name, as_value value)
{
	return ops_add_named(ops, AS_OPERATOR_WRITE, name, value);
}

bool as_operations_add_write_int(as_operations *ops, const char *name, int64_t v)
{
	return ops_add_named(ops, AS_OPERATOR_WRITE, name, as_value_int(v));
}

bool as_operations_add_write_str(as_operations *ops, const char *name, const char *s)
{
	return ops_add_named(ops, AS_OPERATOR_WRITE, name, as_value_str(s));
}

bool as_operations_add_write_double(as_operations *ops, const char *name, double v)
{
	return ops_add_named(ops, AS_OPERATOR_WRITE, name, as_value_double(v));
}

bool as_operations_add_incr(as_operations *ops, const char *name, int64_t delta)
{
	return ops_add_named(ops, AS_OPERATOR_INCR, name, as_value_int(delta));
}

bool as_operations_add_incr_double(as_operations *ops, const char *name, double delta)
{
	return ops_add_named(ops, AS_OPERATOR_INCR, name, as_value_double(delta));
}

bool as_operations_add_append_str(as_operations *ops, const char *name, const char *s)
{
	return ops_add_named(ops, AS_OPERATOR_APPEND, name, as_value_str(s));
}

bool as_operations_add_prepend_str(as_operations *ops, const char *name, const char *s)
{
	return ops_add_named(ops, AS_OPERATOR_PREPEND, name, as_value_str(s));
}

bool as_operations_add_touch(as_operations *ops)
{
	return ops_add(ops, AS_OPERATOR_TOUCH, NULL, as_value_nil());
}

bool as_operations_add_delete(as_operations *ops)
{
	return ops_add(ops, AS_OPERATOR_DELETE, NULL, as_value_nil());
}

as_status as_operations_validate(const as_operations *ops, as_error *err)
{
	if (!ops)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "operations is NULL");
	if (ops->invalid)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s", ops->invalid);
	if (ops->n_ops == 0)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "no operations");
	return AEROSPIKE_OK;
}
