/* Model helpers shared with the codec layer. Private to the library. */
#ifndef AS_MODEL_VALUE_INTERNAL_H
#define AS_MODEL_VALUE_INTERNAL_H

#include <aerofuture/value.h>

/* Append an entry without looking for an equal key: for decoders whose input
 * (a server's map) already has unique keys, where as_map_put() would make
 * building an n-entry map cost O(n^2). Steals @p key and @p value. */
void as_map_append(as_map *map, as_value key, as_value value);

/* Abort unless @p len fits as_value.len (uint32_t). */
uint32_t as_value_len_checked(size_t len);

#endif
