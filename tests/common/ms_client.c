/* A connected client of minispike for the tests: see ms_client.h. */
#include <check.h>

#include "common/ms_client.h"

as_client *ms_client_connect(uint16_t port, const as_client_config *base)
{
	as_client_config cfg;
	as_error err;

	if (base)
		cfg = *base;
	else
		as_client_config_init(&cfg);
	cfg.n_hosts = 0;
	ck_assert_int_eq(as_client_config_add_host(&cfg, "127.0.0.1", port, &err), AEROSPIKE_OK);
	as_client *c = as_client_new(&cfg, &err);
	ck_assert_msg(c != NULL, "as_client_new: %s", err.message);
	as_future *f = as_client_connect(c);
	ck_assert_msg(as_future_wait(f, &err) == AEROSPIKE_OK, "connect to port %u: %s", port, err.message);
	as_future_release(f);
	return c;
}

as_client *ms_client_start(ms_proc *p, int nodes, const char *extra, const as_client_config *base)
{
	ck_assert_msg(ms_start(p, nodes, extra), "minispike did not start (%d nodes, %s)", nodes,
	              extra ? extra : "no extra arguments");
	return ms_client_connect(p->ports[0], base);
}

void ms_client_stop(ms_proc *p, as_client *client)
{
	ck_assert_int_eq(as_client_destroy(client), AEROSPIKE_OK);
	ck_assert_int_eq(ms_stop(p), 0);
}

long ms_client_stat(as_client *c, const char *group, const char *name)
{
	json_t *st = as_client_stats_json(c);
	ck_assert_ptr_nonnull(st);
	long sum = 0;
	size_t i;
	json_t *node;
	json_array_foreach(json_object_get(st, "nodes"), i, node) {
		json_t *g = group ? json_object_get(node, group) : node;
		sum += (long)json_integer_value(json_object_get(g, name));
	}
	json_decref(st);
	return sum;
}
