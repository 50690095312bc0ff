/* One single-record command (record_cmd.c): the request's key, flags and
 * ops, whether they came as a message of their own or as a batch row. */
#ifndef MINISPIKE_RECORD_CMD_H
#define MINISPIKE_RECORD_CMD_H

#include <stdint.h>

#include "codec/buffer.h"
#include "codec/msg.h"
#include "minispike.h"

typedef struct ms_cmd {
	ms_ns *ns;
	const uint8_t *digest;
	const char *set;
	uint32_t set_len;
	const uint8_t *key;  /* KEY field data: particle byte + value, or NULL */
	uint32_t key_len;
	uint8_t info1, info2, info3;
	uint32_t gen;
	uint32_t ttl;
	const as_msg_view *ops;  /* ops of the request (view of a message or batch row) */
	const uint8_t *filter;   /* FILTER expression (field 43) or NULL */
	uint32_t filter_len;
} ms_cmd;

/* Append the reply as_msg (no proto header) for cmd to out. */
void ms_cmd_execute(ms_server *s, const ms_cmd *cmd, uint32_t transaction_ttl, as_buffer *out);

#endif
