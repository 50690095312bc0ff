/* The order the server gives collection elements (cdt_compare.c). */
#ifndef MINISPIKE_CDT_COMPARE_H
#define MINISPIKE_CDT_COMPARE_H

#include <aerofuture/value.h>

/* <0, 0, >0 as a sorts before, with or after b: type first (nil, false,
 * true, integer, string, list, map, bytes, double, GeoJSON), then value. */
int ms_cdt_cmp(const as_value *a, const as_value *b);

/* Sort the positions idx[0..n) by vals[idx[i]], stably. */
void ms_cdt_sort_idx(uint32_t *idx, uint32_t n, const as_value *const *vals);

#endif
