/* Adding an operation of any operator, for the collection, bit and
 * expression builders. Private. */
#ifndef AS_MODEL_OPERATIONS_INTERNAL_H
#define AS_MODEL_OPERATIONS_INTERNAL_H

#include <aerofuture/operations.h>

/* Append op @p op on bin @p name with @p value (stolen, also on failure).
 * A NULL or bad name marks the list invalid and returns false. */
bool as_operations_add_op(as_operations *ops, as_operator op, const char *name, as_value value);

#endif
