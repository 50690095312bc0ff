/* The request handler: one frame in, its reply out, no I/O. The only
 * switch on the frame type: info requests, AS_MSG commands, and admin
 * (security) requests, which a server without security refuses. A type it
 * cannot answer (compressed frames) gets no reply and costs the
 * connection, as a bad proto header does. */
#include "config.h"

#include "codec/proto.h"
#include "codec/reply.h"
#include "minispike.h"

unsigned ms_frame_handle(ms_node *n, const as_frame *f, as_buffer *out)
{
	switch (f->type) {
	case AS_PROTO_TYPE_INFO:
		return ms_info_handle(n, f->body, f->len, out);
	case AS_PROTO_TYPE_MSG:
		n->st.commands++;
		ms_msg_handle(n, f->body, f->len, out);
		return 0;
	case AS_PROTO_TYPE_ADMIN:
		as_reply_admin(out, AEROSPIKE_SECURITY_NOT_ENABLED);
		return 0;
	default:
		n->st.bad_requests++;
		return MS_ACT_CLOSE;
	}
}
