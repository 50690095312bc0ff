/* Request encoders: each appends ONE complete proto frame (header included)
 * to a buffer, so a connection can send several commands with one write.
 * On failure the buffer is left as it was. Byte layouts follow the official
 * client exactly (protocol_notes.txt sections 2, 3, 7, 12). Private. */
#ifndef AS_CODEC_ENCODE_H
#define AS_CODEC_ENCODE_H

#include <stddef.h>
#include <stdint.h>
#include <aerofuture/error.h>
#include <aerofuture/key.h>
#include <aerofuture/operations.h>
#include <aerofuture/policy.h>
#include <aerofuture/record.h>
#include "codec/buffer.h"

/* Put every bin of rec (nil bins delete the bin). rec->gen is the expected
 * generation with p->gen; rec->ttl may be AS_TTL_CLIENT_DEFAULT (then p->ttl). */
as_status as_encode_put(as_buffer *b, const as_policy_write *p, const as_key *key,
                        const as_record *rec, as_error *err);

/* Read all bins (bins == NULL, n_bins == 0) or the named ones. */
as_status as_encode_get(as_buffer *b, const as_policy_read *p, const as_key *key,
                        const char *const *bins, size_t n_bins, as_error *err);

as_status as_encode_exists(as_buffer *b, const as_policy_read *p, const as_key *key, as_error *err);
as_status as_encode_remove(as_buffer *b, const as_policy_remove *p, const as_key *key, as_error *err);

/* Operate; sets RESPOND_ALL_OPS when the policy asks or map, bit or HLL ops are present,
 * READ|GET_ALL for a read-all op, DELETE semantics for a delete op. */
as_status as_encode_operate(as_buffer *b, const as_policy_operate *p, const as_key *key,
                            const as_operations *ops, as_error *err);

/* Touch = operate with one TOUCH op and record ttl = ttl. */
as_status as_encode_touch(as_buffer *b, const as_policy_operate *p, const as_key *key,
                          uint32_t ttl, as_error *err);

typedef enum as_batch_read_mode {
	AS_BATCH_READ_ALL = 0,  /* all bins */
	AS_BATCH_READ_BINS,     /* the named bins */
	AS_BATCH_READ_EXISTS    /* header only */
} as_batch_read_mode;

/* Batch-index request for n keys of ONE node. indexes[i] is the position of
 * keys[i] in the caller's key list (echoed by the server as transaction_ttl).
 * Rows after the first use REPEAT when namespace and set match the previous row. */
as_status as_encode_batch(as_buffer *b, const as_policy_batch *p, const as_key *const *keys,
                          const uint32_t *indexes, size_t n, as_batch_read_mode mode,
                          const char *const *bins, size_t n_bins, as_error *err);

/* Foreground partition scan of ns (and set, NULL or "" = whole namespace)
 * over the given partitions (PID_ARRAY, uint16 little-endian each). */
as_status as_encode_scan(as_buffer *b, const as_policy_scan *p, const char *ns, const char *set,
                         const uint16_t *pids, size_t n_pids, const char *const *bins,
                         size_t n_bins, bool no_bins, uint64_t trid, as_error *err);

/* Info request: each name followed by '\n'. Names must not contain '\n' or '\t'. */
as_status as_encode_info(as_buffer *b, const char *const *names, size_t n, as_error *err);

/* Append one value in the particle encoding (no length prefix): int and
 * double 8 bytes BE, string/bytes/geojson raw, bool 1 byte, list/map msgpack.
 * *particle receives the particle type. */
as_status as_value_to_particle(as_buffer *b, const as_value *v, uint8_t *particle, as_error *err);

#endif
