/* Shared by the fuzz targets: a failed FUZZ_CHECK aborts, which both
 * libFuzzer and the regression runner report as a crash. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}
