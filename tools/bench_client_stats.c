/* aerofuture-bench: what the client itself reports about the run (its
 * statistics JSON), and faults asked of minispike through info. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static uint64_t field(json_t *obj, const char *group, const char *name)
{
	json_t *g = group ? json_object_get(obj, group) : obj;
	return (uint64_t)json_integer_value(json_object_get(g, name));
}

void bench_client_stats_take(as_client *c, bench_client_stats *out)
{
	memset(out, 0, sizeof(*out));
	json_t *st = as_client_stats_json(c);
	if (!st)
		return;
	size_t i;
	json_t *n;
	json_array_foreach(json_object_get(st, "nodes"), i, n) {
		out->opened += field(n, "connections", "opened");
		out->closed += field(n, "connections", "closed");
		out->closed_by_timeout += field(n, "connections", "closed_by_timeout");
		out->requests += field(n, "io", "requests");
		out->writes += field(n, "io", "writes");
		out->replies += field(n, "io", "replies");
		out->reads += field(n, "io", "reads");
	}
	json_decref(st);
}

void bench_client_stats_diff(const bench_client_stats *after, const bench_client_stats *before,
                             bench_client_stats *out)
{
	out->opened = after->opened - before->opened;
	out->closed = after->closed - before->closed;
	out->closed_by_timeout = after->closed_by_timeout - before->closed_by_timeout;
	out->requests = after->requests - before->requests;
	out->writes = after->writes - before->writes;
	out->replies = after->replies - before->replies;
	out->reads = after->reads - before->reads;
}

void bench_fault_apply(as_client *c, const char *spec)
{
	char **names = NULL;
	size_t n = as_client_node_names(c, &names);
	char req[512];
	snprintf(req, sizeof(req), "minispike-fault:%s", spec);
	for (size_t i = 0; i < n; i++) {
		as_error err;
		as_future *f = as_info(c, NULL, names[i], req);
		const char *reply = as_future_wait(f, &err) == AEROSPIKE_OK ? as_future_str(f) : NULL;
		if (!reply || !strstr(reply, "\tok")) {
			fprintf(stderr, "aerofuture-bench: --fault '%s' refused by node %s: %s\n", spec, names[i],
			        reply ? reply : err.message);
			exit(1);
		}
		as_future_release(f);
	}
	free(names);
}
