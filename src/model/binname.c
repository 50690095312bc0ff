/* Bin-name checks shared by records and operations. */
#include "model/binname.h"

#include <stdio.h>
#include <string.h>

#include <aerofuture/common.h>

#include "model/alloc.h"

/* Longest part of a bad name quoted in a reason, so the length is never cut off. */
#define BIN_QUOTE_MAX 64

bool as_bin_name_check(const char *name, size_t *len, char why[AS_BIN_NAME_REASON_MAX])
{
	if (!name) {
		snprintf(why, AS_BIN_NAME_REASON_MAX, "bin name is NULL");
		return false;
	}
	size_t n = strlen(name);
	if (len)
		*len = n;
	if (n == 0) {
		snprintf(why, AS_BIN_NAME_REASON_MAX, "bin name is empty");
		return false;
	}
	if (n > AS_BIN_NAME_MAX_LEN) {
		snprintf(why, AS_BIN_NAME_REASON_MAX, "bin name '%.*s%s' is %zu bytes, the limit is %d",
		         BIN_QUOTE_MAX, name, n > BIN_QUOTE_MAX ? "..." : "", n, AS_BIN_NAME_MAX_LEN);
		return false;
	}
	return true;
}

void as_invalid_note(char **slot, const char *why)
{
	/* The first error is the one the user needs to fix; later ones often follow from it. */
	if (!*slot)
		*slot = as_strdup(why);
}
