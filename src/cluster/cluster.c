/* Tending. Each round asks every node "node, peers-generation,
 * partition-generation"; a changed peers generation fetches peers-clear-std
 * (new nodes join), a changed partition generation fetches replicas. When
 * the round's requests have all answered, nodes that failed twice in a row
 * leave, and a changed picture becomes a new partition map for every loop.
 * Everything here runs on the tend loop; info requests are ordinary commands
 * aimed at a node. */
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "client/client_internal.h"
#include "cluster/cluster.h"
#include "codec/encode.h"
#include "codec/info.h"
#include "future/future_internal.h"
#include "model/alloc.h"

/* Consecutive failed tend requests after which a node is dropped. */
#define AS_NODE_MAX_FAILURES 2

typedef struct as_seed {
	struct sockaddr_storage addr;
	socklen_t len;
	char label[300];
} as_seed;

struct as_cluster {
	as_client *client;
	as_loop_ctx *ctx;
	as_seed *seeds;
	size_t n_seeds;
	as_node *nodes;          /* known nodes (list holds a reference) */
	as_node *seeding;        /* seed probes of the current round */
	uint64_t map_version;
	bool map_dirty;
	bool started;
	unsigned pending;        /* tend requests of this round still out */
	struct event tend_ev;
	struct event deadline_ev;
	as_future **waiters;     /* as_client_connect() futures not yet complete */
	size_t n_waiters;
	as_error last_error;
};

static bool resolve(const char *host, uint16_t port, bool numeric_only, struct sockaddr_storage *out, socklen_t *len,
                    as_error *err)
{
	struct addrinfo hints = { 0 }, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | (numeric_only ? AI_NUMERICHOST : 0);
	char portstr[8];
	snprintf(portstr, sizeof(portstr), "%u", port);
	int rc = getaddrinfo(host, portstr, &hints, &res);
	if (rc != 0 || !res) {
		as_error_set(err, AEROSPIKE_ERR_INVALID_HOST, "cannot resolve host '%s': %s", host, gai_strerror(rc));
		return false;
	}
	memcpy(out, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return true;
}

as_cluster *as_cluster_new(as_client *client, as_loop_ctx *tend_ctx, as_error *err)
{
	const as_client_config *cfg = &client->cfg;
	as_cluster *cl = as_calloc(1, sizeof(*cl));
	cl->client = client;
	cl->ctx = tend_ctx;
	cl->seeds = as_calloc(cfg->n_hosts ? cfg->n_hosts : 1, sizeof(as_seed));
	for (size_t i = 0; i < cfg->n_hosts; i++) {
		as_seed *s = &cl->seeds[cl->n_seeds];
		uint16_t port = cfg->hosts[i].port ? cfg->hosts[i].port : 3000;
		if (!resolve(cfg->hosts[i].name, port, false, &s->addr, &s->len, err)) {
			free(cl->seeds);
			free(cl);
			return NULL;
		}
		snprintf(s->label, sizeof(s->label), "%s:%u", cfg->hosts[i].name, port);
		cl->n_seeds++;
	}
	return cl;
}

/* --- requests ---------------------------------------------------------- */

static void cluster_round_done(as_cluster *cl);
static void cluster_settle_waiters(as_cluster *cl, const as_error *err);

static void cluster_request(as_cluster *cl, as_node *node, const char *const *names, size_t n,
                            as_command_done_fn fn)
{
	as_buffer b;
	as_buffer_init(&b);
	as_error err;
	if (as_encode_info(&b, names, n, &err) != AEROSPIKE_OK) {
		as_buffer_free(&b);
		return;
	}
	as_command *cmd = as_command_new(cl->ctx, b.data, b.len);
	as_buffer_free(&b);
	as_policy_base pb = { .total_timeout = cl->client->cfg.tend_interval_ms > 1000 ? cl->client->cfg.tend_interval_ms : 1000,
	                      .socket_timeout = 0, .max_retries = 0, .sleep_between_retries = 0 };
	as_command_set_policy(cmd, &pb, false);
	cmd->kind = AS_CMD_INFO;
	cmd->target = as_node_retain(node);
	cmd->done_fn = fn;
	cmd->udata = cl;
	cl->pending++;
	as_command_submit(cl->ctx, cmd);
}

static void node_failed(as_cluster *cl, as_node *node, const as_error *err)
{
	node->failures++;
	as_error_copy(&cl->last_error, err);
}

static as_node *cluster_find(as_cluster *cl, const char *name)
{
	for (as_node *n = cl->nodes; n; n = n->next)
		if (strcmp(n->name, name) == 0)
			return n;
	return NULL;
}

static bool info_get(const uint8_t *body, size_t len, const char *name, as_info_pair *out, as_node *node,
                     as_error *err)
{
	if (!as_info_find((const char *)body, len, name, out)) {
		as_error_set(err, AEROSPIKE_ERR_CLIENT, "node %s did not answer info '%s'", node->addr_str, name);
		return false;
	}
	return as_info_value_error(out->value, out->value_len, err) == AEROSPIKE_OK;
}

static void on_replicas(as_command *cmd, const uint8_t *body, size_t len, const as_error *e)
{
	as_cluster *cl = cmd->udata;
	as_node *node = cmd->target;
	as_error err;
	if (e) {
		node_failed(cl, node, e);
	} else {
		as_info_pair gen, rep;
		uint64_t g;
		as_replicas r;
		if (info_get(body, len, "partition-generation", &gen, node, &err) &&
		    as_info_parse_u64(gen.value, gen.value_len, &g, &err) == AEROSPIKE_OK &&
		    info_get(body, len, "replicas", &rep, node, &err) &&
		    as_info_parse_replicas(rep.value, rep.value_len, &r, &err) == AEROSPIKE_OK) {
			if (node->has_replicas)
				as_replicas_free(&node->replicas);
			node->replicas = r;
			node->has_replicas = true;
			node->partition_gen = g;
			cl->map_dirty = true;
		} else {
			node_failed(cl, node, &err);
		}
	}
	/* Last, so a request failing synchronously above cannot end the round
	 * under our feet. */
	if (--cl->pending == 0)
		cluster_round_done(cl);
}

static void cluster_add_peer(as_cluster *cl, const as_peer *p)
{
	if (cluster_find(cl, p->node))
		return;
	for (size_t h = 0; h < p->n_hosts; h++) {
		struct sockaddr_storage ss;
		socklen_t sl;
		as_error err;
		if (!resolve(p->hosts[h].host, p->hosts[h].port, true, &ss, &sl, &err) &&
		    !resolve(p->hosts[h].host, p->hosts[h].port, false, &ss, &sl, &err))
			continue;
		as_node *node = as_node_new(p->node, (struct sockaddr *)&ss, sl, cl->client->n_loops);
		node->next = cl->nodes;
		cl->nodes = node;
		return;
	}
}

static void on_peers(as_command *cmd, const uint8_t *body, size_t len, const as_error *e)
{
	as_cluster *cl = cmd->udata;
	as_node *node = cmd->target;
	as_error err;
	if (e) {
		node_failed(cl, node, e);
	} else {
		as_info_pair v;
		as_peers peers;
		if (info_get(body, len, "peers-clear-std", &v, node, &err) &&
		    as_info_parse_peers(v.value, v.value_len, &peers, &err) == AEROSPIKE_OK) {
			node->peers_gen = peers.generation;
			for (size_t i = 0; i < peers.n; i++)
				cluster_add_peer(cl, &peers.peers[i]);
			as_peers_free(&peers);
		} else {
			node_failed(cl, node, &err);
		}
	}
	/* Last, so a request failing synchronously above cannot end the round
	 * under our feet. */
	if (--cl->pending == 0)
		cluster_round_done(cl);
}

static void on_status(as_command *cmd, const uint8_t *body, size_t len, const as_error *e)
{
	as_cluster *cl = cmd->udata;
	as_node *node = cmd->target;
	as_error err;
	if (e) {
		node_failed(cl, node, e);
		goto out;
	}
	as_info_pair v;
	char name[AS_NODE_NAME_MAX + 1];
	if (!info_get(body, len, "node", &v, node, &err) || as_info_parse_node(v.value, v.value_len, name, &err)) {
		node_failed(cl, node, &err);
		goto out;
	}
	const char *want = cl->client->cfg.cluster_name;
	if (want[0]) {
		as_info_pair cn;
		if (!info_get(body, len, "cluster-name", &cn, node, &err) || cn.value_len != strlen(want) ||
		    memcmp(cn.value, want, cn.value_len) != 0) {
			as_error_set(&err, AEROSPIKE_ERR_CLIENT, "node %s is not in cluster '%s'", node->addr_str, want);
			node->failures = AS_NODE_MAX_FAILURES;
			as_error_copy(&cl->last_error, &err);
			goto out;
		}
	}
	if (node->name[0] == '\0') {
		/* A seed: it becomes a node unless we know that node already. */
		if (cluster_find(cl, name)) {
			node->failures = AS_NODE_MAX_FAILURES;
			goto out;
		}
		snprintf(node->name, sizeof(node->name), "%s", name);
	} else if (strcmp(node->name, name) != 0) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT, "node at %s changed its name from %s to %s", node->addr_str,
		             node->name, name);
		node->failures = AS_NODE_MAX_FAILURES;
		as_error_copy(&cl->last_error, &err);
		goto out;
	}
	node->failures = 0;
	uint64_t g;
	as_info_pair pg;
	if (info_get(body, len, "peers-generation", &pg, node, &err) &&
	    as_info_parse_u64(pg.value, pg.value_len, &g, &err) == AEROSPIKE_OK && g != node->peers_gen) {
		static const char *const names[] = { "peers-clear-std" };
		cluster_request(cl, node, names, 1, on_peers);
	}
	if (info_get(body, len, "partition-generation", &pg, node, &err) &&
	    as_info_parse_u64(pg.value, pg.value_len, &g, &err) == AEROSPIKE_OK && g != node->partition_gen) {
		static const char *const names[] = { "partition-generation", "replicas" };
		cluster_request(cl, node, names, 2, on_replicas);
	}
out:
	/* Last, so a request failing synchronously above cannot end the round
	 * under our feet. */
	if (--cl->pending == 0)
		cluster_round_done(cl);
}

static void cluster_ask_status(as_cluster *cl, as_node *node)
{
	const char *names[4] = { "node", "peers-generation", "partition-generation" };
	size_t n = 3;
	if (cl->client->cfg.cluster_name[0])
		names[n++] = "cluster-name";
	cluster_request(cl, node, names, n, on_status);
}

/* --- rounds ------------------------------------------------------------ */

/* Complete every connect future: OK (err NULL) or with err. */
static void cluster_settle_waiters(as_cluster *cl, const as_error *err)
{
	for (size_t i = 0; i < cl->n_waiters; i++) {
		if (err)
			as_future_complete_error(cl->waiters[i], err);
		else
			as_future_complete_ok(cl->waiters[i]);
		as_future_release(cl->waiters[i]);
	}
	free(cl->waiters);
	cl->waiters = NULL;
	cl->n_waiters = 0;
}

typedef struct map_swap {
	as_loop_task task;
	as_loop_ctx *ctx;
	as_cluster_map *map;
} map_swap;

static void map_swap_run(as_loop_task *task)
{
	map_swap *s = (map_swap *)task;
	as_loop_ctx_set_map(s->ctx, s->map);
	free(s);
}

static void cluster_publish(as_cluster *cl)
{
	size_t n = 0;
	for (as_node *node = cl->nodes; node; node = node->next)
		n++;
	as_node **arr = as_calloc(n ? n : 1, sizeof(*arr));
	n = 0;
	for (as_node *node = cl->nodes; node; node = node->next)
		if (node->name[0] && node->has_replicas)
			arr[n++] = node;
	as_cluster_map *map = as_cluster_map_build(arr, n, ++cl->map_version);
	free(arr);
	as_client *c = cl->client;
	for (unsigned i = 0; i < c->n_loops; i++) {
		as_loop_ctx *ctx = &c->loops[i];
		if (ctx == cl->ctx) {
			as_loop_ctx_set_map(ctx, as_cluster_map_retain(map));
			continue;
		}
		map_swap *s = as_malloc(sizeof(*s));
		s->ctx = ctx;
		s->map = as_cluster_map_retain(map);
		as_loop_post(ctx->loop, &s->task, map_swap_run);
	}
	/* Connected once every node we know of has given its partitions, so the
	 * first commands find a complete map. */
	bool settled = true;
	for (as_node *node = cl->nodes; node; node = node->next)
		if (!node->has_replicas && node->failures == 0)
			settled = false;
	if (map->n_nodes > 0 && settled && cl->n_waiters) {
		event_del(&cl->deadline_ev);
		cluster_settle_waiters(cl, NULL);
	}
	as_cluster_map_release(map);
}

static void cluster_round_done(as_cluster *cl)
{
	if (cl->ctx->closing)
		return;
	/* Seeds that turned into nodes join the list; failed probes go. */
	while (cl->seeding) {
		as_node *s = cl->seeding;
		cl->seeding = s->next;
		s->next = NULL;
		if (s->failures == 0 && s->name[0] && !cluster_find(cl, s->name)) {
			s->next = cl->nodes;
			cl->nodes = s;
			cl->map_dirty = true;
		} else {
			atomic_store(&s->removed, true);
			as_node_release(s);
		}
	}
	as_node **pp = &cl->nodes;
	while (*pp) {
		as_node *node = *pp;
		if (node->failures >= AS_NODE_MAX_FAILURES) {
			*pp = node->next;
			atomic_store(&node->removed, true);
			cl->map_dirty = true;
			as_node_release(node);
			continue;
		}
		pp = &node->next;
	}
	if (cl->map_dirty) {
		cl->map_dirty = false;
		cluster_publish(cl);
	}
	/* Nodes just learnt from peers have no partition map yet: ask them now
	 * rather than a whole tend interval later (once; then tend as usual). */
	bool asked = false;
	cl->pending++;
	for (as_node *node = cl->nodes; node; node = node->next)
		if (node->partition_gen == UINT64_MAX && !node->tend_busy) {
			node->tend_busy = true;
			asked = true;
			cluster_ask_status(cl, node);
		}
	/* Requests that already failed synchronously end this extra round here. */
	if (--cl->pending == 0 && asked)
		cluster_round_done(cl);
}

static void cluster_round(as_cluster *cl)
{
	if (cl->pending)
		return;  /* the previous round is still waiting for answers */
	/* Hold the round open while issuing: a request can fail synchronously. */
	cl->pending++;
	if (!cl->nodes) {
		for (size_t i = 0; i < cl->n_seeds; i++) {
			as_node *s = as_node_new("", (struct sockaddr *)&cl->seeds[i].addr, cl->seeds[i].len,
			                         cl->client->n_loops);
			s->next = cl->seeding;
			cl->seeding = s;
		}
		for (as_node *s = cl->seeding; s; s = s->next)
			cluster_ask_status(cl, s);
	} else {
		for (as_node *node = cl->nodes; node; node = node->next)
			cluster_ask_status(cl, node);
	}
	if (--cl->pending == 0)
		cluster_round_done(cl);
}

static void on_tend_timer_body(evutil_socket_t fd, short what, void *arg)
{
	cluster_round(arg);
}
AS_LOOP_CALLBACK(on_tend_timer, on_tend_timer_body)

static void on_connect_deadline_body(evutil_socket_t fd, short what, void *arg)
{
	as_cluster *cl = arg;
	if (cl->last_error.code == AEROSPIKE_OK)
		as_error_set(&cl->last_error, AEROSPIKE_ERR_TIMEOUT, "no answer from the seeds");
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_CONNECTION, "could not connect to the cluster: %s", cl->last_error.message);
	cluster_settle_waiters(cl, &err);
}
AS_LOOP_CALLBACK(on_connect_deadline, on_connect_deadline_body)

void as_cluster_connect(as_cluster *cl, as_future *connected, uint32_t timeout_ms)
{
	if (cl->ctx->map && cl->ctx->map->n_nodes) {
		as_future_complete_ok(connected);
		as_future_release(connected);
		return;
	}
	cl->waiters = as_realloc(cl->waiters, (cl->n_waiters + 1) * sizeof(*cl->waiters));
	cl->waiters[cl->n_waiters++] = connected;
	struct event_base *base = as_loop_base(cl->ctx->loop);
	if (!cl->started) {
		cl->started = true;
		uint32_t ms = cl->client->cfg.tend_interval_ms ? cl->client->cfg.tend_interval_ms : 1000;
		struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
		event_assign(&cl->tend_ev, base, -1, EV_PERSIST, on_tend_timer, cl);
		event_add(&cl->tend_ev, &tv);
		event_assign(&cl->deadline_ev, base, -1, 0, on_connect_deadline, cl);
	}
	if (cl->n_waiters == 1) {
		struct timeval dl = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
		event_add(&cl->deadline_ev, &dl);
		cluster_round(cl);
	}
}

void as_cluster_shutdown(as_cluster *cl)
{
	if (cl->started) {
		event_del(&cl->tend_ev);
		event_del(&cl->deadline_ev);
	}
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client closed while connecting");
	cluster_settle_waiters(cl, &err);
}

void as_cluster_free(as_cluster *cl)
{
	if (!cl)
		return;
	while (cl->nodes) {
		as_node *n = cl->nodes;
		cl->nodes = n->next;
		as_node_release(n);
	}
	while (cl->seeding) {
		as_node *n = cl->seeding;
		cl->seeding = n->next;
		as_node_release(n);
	}
	free(cl->seeds);
	free(cl);
}
