/* The shared submit path (see submit.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "commands/submit.h"
#include "future/future_internal.h"
#include "model/alloc.h"

/* Encoding scratch buffer, one per thread, so the hot path does not allocate. */
static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;
/* The thread's buffer, found through a plain thread-local pointer; the key
 * exists only so the buffer is freed when the thread exits. */
static _Thread_local as_buffer *tls_buf;

static void tls_free(void *p)
{
	as_buffer *b = p;
	as_buffer_free(b);
	free(b);
	tls_buf = NULL;  /* a later call on this exiting thread starts afresh */
}

static void tls_init(void)
{
	pthread_key_create(&tls_key, tls_free);
}

as_buffer *as_submit_scratch(void)
{
	as_buffer *b = tls_buf;
	if (!b) {
		pthread_once(&tls_once, tls_init);
		b = as_malloc(sizeof(*b));
		as_buffer_init(b);
		pthread_setspecific(tls_key, b);
		tls_buf = b;
	}
	b->len = 0;
	return b;
}

as_future *as_submit_fail(as_client *c, const as_error *err)
{
	if (!c || as_client_is_closed(c))
		return as_future_new_failed(err);
	as_future *f = as_future_create(as_client_dispatch(c)->loop);
	as_future_complete_error(f, err);
	return f;
}

as_future *as_submit_check_client(as_client *c)
{
	as_error err;
	if (!c) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "client is NULL");
		return as_submit_fail(NULL, &err);
	}
	if (as_client_is_closed(c)) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client is closed");
		return as_submit_fail(NULL, &err);
	}
	return NULL;
}

as_status as_submit_bins_copy(const char *const *bins, char ***out, size_t *n_out, as_error *err)
{
	size_t n = 0, bytes = 0;
	*out = NULL;
	*n_out = 0;
	for (; bins && bins[n]; n++) {
		size_t l = strlen(bins[n]);
		if (l == 0 || l > AS_BIN_NAME_MAX_LEN)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "bin name '%s' must be 1 to %d bytes", bins[n],
			                    AS_BIN_NAME_MAX_LEN);
		bytes += l + 1;
	}
	if (n == 0)
		return AEROSPIKE_OK;
	char **copy = as_malloc((n + 1) * sizeof(char *) + bytes);
	char *dst = (char *)(copy + n + 1);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(bins[i]) + 1;
		memcpy(dst, bins[i], l);
		copy[i] = dst;
		dst += l;
	}
	copy[n] = NULL;
	*out = copy;
	*n_out = n;
	return AEROSPIKE_OK;
}

as_command *as_submit_command(as_dispatch *d, const as_buffer *req, as_reply_kind reply, const as_policy_base *base,
                              bool is_write)
{
	as_command *cmd = as_command_new(d, req->data, req->len);
	as_command_set_policy(cmd, base, is_write);
	cmd->reply = (uint8_t)reply;
	return cmd;
}

void as_submit_on_loop(as_dispatch *d, as_loop_task *task, as_loop_fn fn)
{
	if (as_loop_on_thread(d->loop))
		fn(task);
	else
		as_loop_post(d->loop, task, fn);
}
