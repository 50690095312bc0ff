/* msgpack in Aerospike's dialect (protocol_notes.txt section 5): strings are
 * str-family with a leading particle byte 03, bytes are str-family with 04,
 * GeoJSON with 17; integers take their smallest encoding; ordered maps carry
 * an ext header (fixext1/ext8 with the order flags) as the first pair, which
 * the decoder reads and reports in as_map.order. Private. */
#ifndef AS_CODEC_MSGPACK_H
#define AS_CODEC_MSGPACK_H

#include <stddef.h>
#include <stdint.h>
#include <aerofuture/error.h>
#include <aerofuture/value.h>
#include "codec/buffer.h"

/* Deepest list/map nesting accepted from the network. */
#define AS_MSGPACK_MAX_DEPTH 64

as_status as_msgpack_pack(as_buffer *b, const as_value *v, as_error *err);

/* Decode one msgpack object from p[0..len); *used receives the bytes it took.
 * *out owns its memory. Truncated or malformed input, or nesting deeper than
 * AS_MSGPACK_MAX_DEPTH, gives AEROSPIKE_ERR_CLIENT. */
as_status as_msgpack_unpack(const uint8_t *p, size_t len, as_value *out, size_t *used, as_error *err);

#endif
