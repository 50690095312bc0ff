/* Parsing of as_msg bodies (proto type 3) into zero-copy views, and
 * conversion of their ops into records. Every length and count read from the
 * network is checked against the buffer before use. Private to the library. */
#ifndef AS_CODEC_MSG_H
#define AS_CODEC_MSG_H

#include <stddef.h>
#include <stdint.h>
#include <aerofuture/error.h>
#include <aerofuture/key.h>
#include <aerofuture/record.h>
#include "codec/proto.h"

typedef struct as_msg_field {
	uint8_t type;
	const uint8_t *data;
	uint32_t len;  /* data bytes (wire size minus the type byte) */
} as_msg_field;

typedef struct as_msg_op {
	uint8_t op;
	uint8_t particle;
	const char *name;  /* not NUL-terminated */
	uint8_t name_len;
	const uint8_t *value;
	uint32_t value_len;
} as_msg_op;

/* One validated as_msg: header plus the byte ranges of its fields and ops. */
typedef struct as_msg_view {
	as_msg_header h;
	const uint8_t *fields;  /* n_fields fields, already bounds-checked */
	size_t fields_len;
	const uint8_t *ops;     /* n_ops ops, already bounds-checked */
	size_t ops_len;
	size_t total;           /* bytes this message occupies (header + fields + ops) */
} as_msg_view;

/* Parse the as_msg starting at p (len bytes available; a batch or scan frame
 * holds several back to back: advance by out->total). Checks header_sz == 22,
 * every field and op length, and that nothing runs past p + len.
 * Returns AEROSPIKE_OK or AEROSPIKE_ERR_CLIENT ("malformed ..."). */
as_status as_msg_parse(const uint8_t *p, size_t len, as_msg_view *out, as_error *err);

/* The same checks and view for n_fields fields then n_ops ops that stand
 * without a header before them, as in a batch row: out->h gets the counts
 * (the rest of it is left alone), out->total the bytes they occupy. */
as_status as_msg_parse_parts(const uint8_t *p, size_t len, uint16_t n_fields, uint16_t n_ops,
                             as_msg_view *out, as_error *err);

/* Iterate a view's fields / ops. *cursor starts at view->fields / view->ops
 * (NULL works too: it is initialised from the view). Return false at the end. */
bool as_msg_next_field(const as_msg_view *m, const uint8_t **cursor, as_msg_field *out);
bool as_msg_next_op(const as_msg_view *m, const uint8_t **cursor, as_msg_op *out);

/* Find the first field of a type. */
bool as_msg_find_field(const as_msg_view *m, uint8_t type, as_msg_field *out);

/* Decode a particle (wire value of a bin or KEY field) into a new value that
 * owns its memory. Unknown particle types give AEROSPIKE_ERR_CLIENT. */
as_status as_particle_to_value(uint8_t particle, const uint8_t *p, uint32_t len, as_value *out,
                               as_error *err);

/* Build a record from a reply: generation, ttl (void time converted with
 * now_cf), one bin per op (a bin name repeated in the reply, as operate gives,
 * keeps every occurrence), and when the message has NAMESPACE + DIGEST fields
 * (scan records) an owned as_key in rec->key. *out is a new record. */
as_status as_msg_to_record(const as_msg_view *m, uint32_t now_cf, as_record **out, as_error *err);

#endif
