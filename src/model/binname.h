/* Bin-name checks shared by records and operations. Private. */
#ifndef AS_MODEL_BINNAME_H
#define AS_MODEL_BINNAME_H

#include <stdbool.h>
#include <stddef.h>

/* Size of the buffer as_bin_name_check() writes a reason into. */
#define AS_BIN_NAME_REASON_MAX 128

/* @return true when @p name is a usable bin name (1..15 bytes); otherwise
 * false with @p why set to e.g. "bin name 'x...' is 21 bytes, the limit is 15".
 * @p len receives the name's length when it is not NULL. */
bool as_bin_name_check(const char *name, size_t *len, char why[AS_BIN_NAME_REASON_MAX]);

/* Record the first failure of a setter/adder: *slot keeps the first reason. */
void as_invalid_note(char **slot, const char *why);

#endif
