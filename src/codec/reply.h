/* Reply writers: what a server answers, built from the same pieces
 * (pack.h) as the client's requests and read back by msg.h and info.h. A
 * reply is one or more proto frames; an AS_MSG frame holds one as_msg per
 * record or result, and a batch or a scan streams several frames ending in
 * one whose message carries info3 LAST (protocol_notes.txt sections 6, 7,
 * 12). Record messages are written with as_msg_begin / as_op_put /
 * as_msg_end directly. Private. */
#ifndef AS_CODEC_REPLY_H
#define AS_CODEC_REPLY_H

#include <stddef.h>
#include <stdint.h>

#include "codec/buffer.h"

/* An as_msg of only a header: a result code with the record's generation
 * and void time. A batch row carries its index in transaction_ttl; info3
 * LAST ends a stream. */
void as_reply_header(as_buffer *b, uint8_t result, uint32_t gen, uint32_t void_time,
                     uint32_t transaction_ttl, uint8_t info3);

/* A whole AS_MSG frame holding one header-only message: the answer to a
 * request that failed as a whole, or the LAST frame of a stream. */
void as_reply_result_frame(as_buffer *b, uint8_t result, uint8_t info3);

/* A scan's word on a partition it cannot serve: PARTITION_DONE with the
 * result, the partition id carried in the generation. */
void as_reply_partition_done(as_buffer *b, uint32_t pid, uint8_t result);

/* A stream frame opened with as_proto_begin at `at`. split closes it and
 * opens the next once it holds more than target bytes, and returns the
 * offset of the frame now open; close ends it, taking back a frame that
 * nothing was written into. */
size_t as_reply_stream_split(as_buffer *b, size_t at, size_t target);
void as_reply_stream_close(as_buffer *b, size_t at);

/* An admin (proto type 2) reply of only a result code, e.g. 52
 * SECURITY_NOT_ENABLED from a server without security. */
void as_reply_admin(as_buffer *b, uint8_t result);

#endif
