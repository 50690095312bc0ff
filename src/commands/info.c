/* Info requests: routed on a loop (by node name, or to any node) and sent
 * as one info frame; any ERROR value in the reply fails the future. */
#include <stdlib.h>
#include <string.h>
#include <aerofuture/info.h>
#include "cluster/route.h"
#include "codec/encode.h"
#include "codec/info.h"
#include "commands/submit.h"
#include "future/future_internal.h"
#include "model/alloc.h"

typedef struct info_state {
	as_loop_task task;
	as_dispatch *disp;
	as_future *future;
	as_policy_info policy;
	char node[AS_NODE_NAME_MAX + 1];  /* "" = any */
	size_t n_names;
	char *names[];                    /* strings live after the array */
} info_state;

static void info_done(as_command *cmd, const uint8_t *body, size_t len, const as_error *err)
{
	as_future *f = cmd->udata;
	if (err) {
		as_future_complete_error(f, err);
	} else {
		/* Like the official clients: any ERROR value fails the request. */
		const char *cur = (const char *)body, *end = cur + len;
		as_info_pair pair;
		as_error e;
		while (as_info_next(&cur, end, &pair)) {
			if (as_info_value_error(pair.value, pair.value_len, &e) != AEROSPIKE_OK) {
				as_error named;
				as_error_set(&named, e.code, "info '%.*s': %s", (int)pair.name_len, pair.name, e.message);
				as_future_complete_error(f, &named);
				as_future_release(f);
				return;
			}
		}
		as_future_complete_str(f, as_strndup((const char *)body, len));
	}
	as_future_release(f);
}

static void info_start(as_loop_task *task)
{
	info_state *st = (info_state *)task;
	as_dispatch *d = st->disp;
	as_error err;
	as_node *node = NULL;
	bool wait;
	as_route r = { .node_name = st->node };
	if (d->closing)
		as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client closed");
	else if (!d->map || d->map->n_nodes == 0)
		as_error_set(&err, AEROSPIKE_ERR_INVALID_NODE, "no nodes known: connect first");
	else
		node = as_route_find(d->map, &r, NULL, &wait, &err);
	as_buffer *b = as_submit_scratch();
	if (node && as_encode_info(b, (const char *const *)st->names, st->n_names, &err) != AEROSPIKE_OK)
		node = NULL;
	if (!node) {
		as_future_complete_error(st->future, &err);
		as_future_release(st->future);
		free(st);
		return;
	}
	as_policy_base pb = { .total_timeout = st->policy.timeout, .socket_timeout = 0, .max_retries = 0 };
	as_command *cmd = as_submit_command(d, b, AS_REPLY_INFO, &pb, false);
	cmd->target = as_node_retain(node);
	cmd->done_fn = info_done;
	cmd->udata = st->future;  /* info_done releases it */
	free(st);
	as_command_submit(cmd);
}

as_future *as_info(as_client *c, const as_policy_info *p, const char *node, const char *request)
{
	as_error err;
	as_future *f = as_submit_check_client(c);
	if (f)
		return f;
	if (!request || !request[0] || strcmp(request, "\n") == 0) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "info request is empty");
		return as_submit_fail(c, &err);
	}
	if (strchr(request, '\t')) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "info request contains a TAB");
		return as_submit_fail(c, &err);
	}
	if (node && strlen(node) > AS_NODE_NAME_MAX) {
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "node name '%s' is too long", node);
		return as_submit_fail(c, &err);
	}
	size_t len = strlen(request), n = 1;
	for (size_t i = 0; i + 1 < len; i++)
		n += request[i] == '\n';
	info_state *st = as_calloc(1, sizeof(*st) + n * sizeof(char *) + len + 1);
	char *text = (char *)(st->names + n);
	memcpy(text, request, len + 1);
	if (len && text[len - 1] == '\n')
		text[len - 1] = '\0';
	for (char *s = text; s; ) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		if (*s)
			st->names[st->n_names++] = s;
		s = nl ? nl + 1 : NULL;
	}
	if (st->n_names == 0) {
		free(st);
		as_error_set(&err, AEROSPIKE_ERR_PARAM, "info request has no names");
		return as_submit_fail(c, &err);
	}
	st->disp = as_client_dispatch(c);
	st->policy = p ? *p : as_client_policies(c)->info;
	if (node)
		snprintf(st->node, sizeof(st->node), "%s", node);
	f = as_future_create_refs(st->disp->loop, 2);   /* caller's and st's */
	st->future = f;
	as_submit_on_loop(st->disp, &st->task, info_start);
	return f;
}

