/* Records decoded from a reply are one allocation: the as_record, then its
 * bins, then the bytes of its string and blob values (which those values
 * borrow). Private to the library. */
#ifndef AS_MODEL_RECORD_INTERNAL_H
#define AS_MODEL_RECORD_INTERNAL_H

#include <stdbool.h>
#include <aerofuture/record.h>

/* True when rec's bins live in the record's own block (never freed alone). */
static inline bool as_record_bins_inline(const as_record *rec)
{
	return rec->bins == (const as_bin *)(const void *)(rec + 1);
}

/* A record with room for n bins and arena_len bytes of value data in one
 * block; *arena receives the start of the data area. Fields as for
 * as_record_new(); free with as_record_destroy(). */
as_record *as_record_new_block(uint16_t n, size_t arena_len, uint8_t **arena);

#endif
