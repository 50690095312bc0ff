/* Record streams: the replies of batch and scan (and of queries) are
 * frames of as_msg records closed by one marked LAST. This walks a frame
 * and leaves each record to the family. Private. */
#ifndef AS_COMMANDS_STREAM_H
#define AS_COMMANDS_STREAM_H

#include "codec/msg.h"
#include "command/command.h"

/* What a record callback tells the walker. */
typedef enum as_stream_step {
	AS_STREAM_NEXT = 0,  /* go on with the next message */
	AS_STREAM_END,       /* the stream is complete (nothing further is read) */
	AS_STREAM_FAIL       /* the command fails with err */
} as_stream_step;

/* One record message of the stream (not the LAST marker); now_cf is the
 * clock for ttls. */
typedef as_stream_step (*as_stream_record_fn)(as_command *cmd, const as_msg_view *m, uint32_t now_cf, as_error *err);

/* Walk one frame body as an as_command_frame_fn does: each record to fn,
 * until the LAST marker. A LAST marker carrying a result code other than 0
 * and end_ok (0 for none) fails the command with that code, the message
 * naming `what` ("batch", "scan") and the node. Returns 1 when the stream
 * ended, 0 when more frames follow, -1 with err set. */
int as_stream_walk(as_command *cmd, const uint8_t *body, size_t len, const char *what, as_status end_ok,
                   as_stream_record_fn fn, as_error *err);

/* Set err to code as a failure of the stream `what` on cmd's node. */
void as_stream_error(as_command *cmd, const char *what, as_status code, as_error *err);

#endif
