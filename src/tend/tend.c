/* Tending. Each round asks every node "node, peers-generation,
 * partition-generation"; a changed peers generation fetches peers-clear-std
 * (new nodes join), a changed partition generation fetches replicas. When
 * the round's requests have all answered, nodes that failed twice in a row
 * leave, and a changed picture becomes a new partition map for every loop.
 * Everything here runs on the tend loop. */
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codec/encode.h"
#include "codec/info.h"
#include "future/future_internal.h"
#include "model/alloc.h"
#include "tend/tend.h"

/* Consecutive failed tend requests after which a node is dropped. */
#define AS_NODE_MAX_FAILURES 2

typedef struct as_seed {
	struct sockaddr_storage addr;
	socklen_t len;
} as_seed;

/* What tending knows of a node beyond the node itself. */
typedef struct tend_node {
	as_node *node;           /* retained */
	struct as_tend *tend;
	struct tend_node *next;
	uint32_t failures;       /* consecutive tend failures */
	uint64_t peers_gen;      /* UINT64_MAX = unknown */
	uint64_t partition_gen;  /* UINT64_MAX = unknown */
	bool tend_busy;          /* a tend request is outstanding */
	bool has_replicas;
	as_replicas replicas;
} tend_node;

struct as_tend {
	as_tend_config cfg;
	as_dispatch *ds;         /* every loop's dispatcher; tending runs on ds[0]'s */
	unsigned n_ds;
	as_dispatch *disp;
	as_seed *seeds;
	size_t n_seeds;
	tend_node *nodes;        /* known nodes */
	tend_node *seeding;      /* seed probes of the current round */
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

as_tend *as_tend_new(const as_tend_config *cfg, as_dispatch *ds, unsigned n, as_error *err)
{
	as_tend *t = as_calloc(1, sizeof(*t));
	t->cfg = *cfg;
	if (!t->cfg.interval_ms)
		t->cfg.interval_ms = 1000;
	t->ds = ds;
	t->n_ds = n;
	t->disp = &ds[0];
	t->seeds = as_calloc(cfg->n_seeds ? cfg->n_seeds : 1, sizeof(as_seed));
	for (size_t i = 0; i < cfg->n_seeds; i++) {
		as_seed *s = &t->seeds[t->n_seeds];
		uint16_t port = cfg->seeds[i].port ? cfg->seeds[i].port : 3000;
		if (!resolve(cfg->seeds[i].name, port, false, &s->addr, &s->len, err)) {
			free(t->seeds);
			free(t);
			return NULL;
		}
		t->n_seeds++;
	}
	return t;
}

static tend_node *tend_node_new(as_tend *t, const char *name, const struct sockaddr *addr, socklen_t len)
{
	tend_node *tn = as_calloc(1, sizeof(*tn));
	tn->node = as_node_new(name, addr, len, t->n_ds, sizeof(as_pool));
	tn->tend = t;
	tn->peers_gen = UINT64_MAX;
	tn->partition_gen = UINT64_MAX;
	return tn;
}

/* The node leaves: loops drop its connections, maps let go of it. */
static void tend_node_free(tend_node *tn)
{
	atomic_store(&tn->node->removed, true);
	as_node_release(tn->node);
	if (tn->has_replicas)
		as_replicas_free(&tn->replicas);
	free(tn);
}

/* --- requests ---------------------------------------------------------- */

static void tend_round_done(as_tend *t);

/* One request of the round ended: the last one ends the round. Called
 * last by each callback, so that a request failing synchronously while a
 * callback issues more cannot end the round under its feet. */
static void tend_request_done(as_tend *t)
{
	if (--t->pending == 0)
		tend_round_done(t);
}

/* What a tend request does with a good answer; a failed request counts
 * against the node instead (on_tend_reply). */
typedef struct tend_step {
	void (*apply)(as_tend *t, tend_node *tn, const uint8_t *body, size_t len);
} tend_step;

static void node_failed(as_tend *t, tend_node *tn, const as_error *err)
{
	tn->failures++;
	as_error_copy(&t->last_error, err);
}

static void on_tend_reply(as_command *cmd, const uint8_t *body, size_t len, const as_error *e)
{
	tend_node *tn = cmd->udata;
	const tend_step *step = cmd->udata2;
	as_tend *t = tn->tend;
	if (e)
		node_failed(t, tn, e);
	else
		step->apply(t, tn, body, len);
	tend_request_done(t);
}

static void tend_request(as_tend *t, tend_node *tn, const char *const *names, size_t n, const tend_step *step)
{
	as_buffer b;
	as_buffer_init(&b);
	as_error err;
	if (as_encode_info(&b, names, n, &err) != AEROSPIKE_OK) {
		as_buffer_free(&b);
		return;
	}
	as_command *cmd = as_command_new(t->disp, b.data, b.len);
	as_buffer_free(&b);
	as_policy_base pb = { .total_timeout = t->cfg.interval_ms > 1000 ? t->cfg.interval_ms : 1000 };
	as_command_set_policy(cmd, &pb, false);
	cmd->reply = AS_REPLY_INFO;
	cmd->target = as_node_retain(tn->node);
	cmd->done_fn = on_tend_reply;
	cmd->udata = tn;
	cmd->udata2 = (void *)step;
	t->pending++;
	as_command_submit(cmd);
}

static tend_node *tend_find(as_tend *t, const char *name)
{
	for (tend_node *tn = t->nodes; tn; tn = tn->next)
		if (strcmp(tn->node->name, name) == 0)
			return tn;
	return NULL;
}

static bool info_get(const uint8_t *body, size_t len, const char *name, as_info_pair *out, const as_node *node,
                     as_error *err)
{
	if (!as_info_find((const char *)body, len, name, out)) {
		as_error_set(err, AEROSPIKE_ERR_CLIENT, "node %s did not answer info '%s'", node->addr_str, name);
		return false;
	}
	return as_info_value_error(out->value, out->value_len, err) == AEROSPIKE_OK;
}

static bool info_u64(const uint8_t *body, size_t len, const char *name, uint64_t *out, const as_node *node,
                     as_error *err)
{
	as_info_pair v;
	return info_get(body, len, name, &v, node, err) &&
	       as_info_parse_u64(v.value, v.value_len, out, err) == AEROSPIKE_OK;
}

static void tend_apply_replicas(as_tend *t, tend_node *tn, const uint8_t *body, size_t len)
{
	as_error err;
	as_info_pair rep;
	uint64_t g;
	as_replicas r;
	if (!info_u64(body, len, "partition-generation", &g, tn->node, &err) ||
	    !info_get(body, len, "replicas", &rep, tn->node, &err) ||
	    as_info_parse_replicas(rep.value, rep.value_len, &r, &err) != AEROSPIKE_OK) {
		node_failed(t, tn, &err);
		return;
	}
	if (tn->has_replicas)
		as_replicas_free(&tn->replicas);
	tn->replicas = r;
	tn->has_replicas = true;
	tn->partition_gen = g;
	t->map_dirty = true;
}

static const tend_step step_replicas = { tend_apply_replicas };

static void tend_add_peer(as_tend *t, const as_peer *p)
{
	if (tend_find(t, p->node))
		return;
	for (size_t h = 0; h < p->n_hosts; h++) {
		struct sockaddr_storage ss;
		socklen_t sl;
		as_error err;
		if (!resolve(p->hosts[h].host, p->hosts[h].port, true, &ss, &sl, &err) &&
		    !resolve(p->hosts[h].host, p->hosts[h].port, false, &ss, &sl, &err))
			continue;
		tend_node *tn = tend_node_new(t, p->node, (struct sockaddr *)&ss, sl);
		tn->next = t->nodes;
		t->nodes = tn;
		return;
	}
}

static void tend_apply_peers(as_tend *t, tend_node *tn, const uint8_t *body, size_t len)
{
	as_error err;
	as_info_pair v;
	as_peers peers;
	if (!info_get(body, len, "peers-clear-std", &v, tn->node, &err) ||
	    as_info_parse_peers(v.value, v.value_len, &peers, &err) != AEROSPIKE_OK) {
		node_failed(t, tn, &err);
		return;
	}
	tn->peers_gen = peers.generation;
	for (size_t i = 0; i < peers.n; i++)
		tend_add_peer(t, &peers.peers[i]);
	as_peers_free(&peers);
}

static const tend_step step_peers = { tend_apply_peers };

/* A node that is not who it should be is dropped at the round's end. */
static void node_refused(as_tend *t, tend_node *tn, const as_error *err)
{
	tn->failures = AS_NODE_MAX_FAILURES;
	if (err)
		as_error_copy(&t->last_error, err);
}

/* The answer to "node, peers-generation, partition-generation[, cluster-name]":
 * check the node is who it should be, then fetch what changed. */
static void tend_check_status(as_tend *t, tend_node *tn, const uint8_t *body, size_t len)
{
	as_node *node = tn->node;
	as_error err;
	as_info_pair v;
	char name[AS_NODE_NAME_MAX + 1];
	if (!info_get(body, len, "node", &v, node, &err) || as_info_parse_node(v.value, v.value_len, name, &err)) {
		node_failed(t, tn, &err);
		return;
	}
	const char *want = t->cfg.cluster_name;
	if (want[0] && (!info_get(body, len, "cluster-name", &v, node, &err) || v.value_len != strlen(want) ||
	                memcmp(v.value, want, v.value_len) != 0)) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT, "node %s is not in cluster '%s'", node->addr_str, want);
		node_refused(t, tn, &err);
		return;
	}
	if (node->name[0] == '\0') {
		/* A seed: it becomes a node unless we know that node already. */
		if (tend_find(t, name)) {
			node_refused(t, tn, NULL);
			return;
		}
		snprintf(node->name, sizeof(node->name), "%s", name);
	} else if (strcmp(node->name, name) != 0) {
		as_error_set(&err, AEROSPIKE_ERR_CLIENT, "node at %s changed its name from %s to %s", node->addr_str,
		             node->name, name);
		node_refused(t, tn, &err);
		return;
	}
	tn->failures = 0;
	uint64_t g;
	if (info_u64(body, len, "peers-generation", &g, node, &err) && g != tn->peers_gen) {
		static const char *const names[] = { "peers-clear-std" };
		tend_request(t, tn, names, 1, &step_peers);
	}
	if (info_u64(body, len, "partition-generation", &g, node, &err) && g != tn->partition_gen) {
		static const char *const names[] = { "partition-generation", "replicas" };
		tend_request(t, tn, names, 2, &step_replicas);
	}
}

static const tend_step step_status = { tend_check_status };

static void tend_ask_status(as_tend *t, tend_node *tn)
{
	const char *names[4] = { "node", "peers-generation", "partition-generation" };
	size_t n = 3;
	if (t->cfg.cluster_name[0])
		names[n++] = "cluster-name";
	tend_request(t, tn, names, n, &step_status);
}

/* --- rounds ------------------------------------------------------------ */

/* Complete every connect future: OK (err NULL) or with err. */
static void tend_settle_waiters(as_tend *t, const as_error *err)
{
	for (size_t i = 0; i < t->n_waiters; i++) {
		if (err)
			as_future_complete_error(t->waiters[i], err);
		else
			as_future_complete_ok(t->waiters[i]);
		as_future_release(t->waiters[i]);
	}
	free(t->waiters);
	t->waiters = NULL;
	t->n_waiters = 0;
}

static void tend_publish(as_tend *t)
{
	size_t n = 0;
	for (tend_node *tn = t->nodes; tn; tn = tn->next)
		n++;
	as_map_claim *claims = as_calloc(n ? n : 1, sizeof(*claims));
	n = 0;
	for (tend_node *tn = t->nodes; tn; tn = tn->next)
		if (tn->node->name[0] && tn->has_replicas)
			claims[n++] = (as_map_claim){ tn->node, &tn->replicas, tn->failures == 0 };
	as_cluster_map *map = as_cluster_map_build(claims, n, ++t->map_version);
	free(claims);
	as_dispatch_publish(t->ds, t->n_ds, map);
	/* Connected once every node we know of has given its partitions, so the
	 * first commands find a complete map. */
	bool settled = true;
	for (tend_node *tn = t->nodes; tn; tn = tn->next)
		if (!tn->has_replicas && tn->failures == 0)
			settled = false;
	if (map->n_nodes > 0 && settled && t->n_waiters) {
		event_del(&t->deadline_ev);
		tend_settle_waiters(t, NULL);
	}
	as_cluster_map_release(map);
}

static void tend_round_done(as_tend *t)
{
	if (t->disp->closing)
		return;
	/* Seeds that turned into nodes join the list; failed probes go. */
	while (t->seeding) {
		tend_node *s = t->seeding;
		t->seeding = s->next;
		s->next = NULL;
		if (s->failures == 0 && s->node->name[0] && !tend_find(t, s->node->name)) {
			s->next = t->nodes;
			t->nodes = s;
			t->map_dirty = true;
		} else {
			tend_node_free(s);
		}
	}
	tend_node **pp = &t->nodes;
	while (*pp) {
		tend_node *tn = *pp;
		if (tn->failures >= AS_NODE_MAX_FAILURES) {
			*pp = tn->next;
			t->map_dirty = true;
			tend_node_free(tn);
			continue;
		}
		pp = &tn->next;
	}
	if (t->map_dirty) {
		t->map_dirty = false;
		tend_publish(t);
	}
	/* Nodes just learnt from peers have no partition map yet: ask them now
	 * rather than a whole tend interval later (once; then tend as usual). */
	bool asked = false;
	t->pending++;
	for (tend_node *tn = t->nodes; tn; tn = tn->next)
		if (tn->partition_gen == UINT64_MAX && !tn->tend_busy) {
			tn->tend_busy = true;
			asked = true;
			tend_ask_status(t, tn);
		}
	/* Requests that already failed synchronously end this extra round here. */
	if (--t->pending == 0 && asked)
		tend_round_done(t);
}

static void tend_round(as_tend *t)
{
	if (t->pending)
		return;  /* the previous round is still waiting for answers */
	/* Hold the round open while issuing: a request can fail synchronously. */
	t->pending++;
	if (!t->nodes) {
		for (size_t i = 0; i < t->n_seeds; i++) {
			tend_node *s = tend_node_new(t, "", (struct sockaddr *)&t->seeds[i].addr, t->seeds[i].len);
			s->next = t->seeding;
			t->seeding = s;
		}
		for (tend_node *s = t->seeding; s; s = s->next)
			tend_ask_status(t, s);
	} else {
		for (tend_node *tn = t->nodes; tn; tn = tn->next)
			tend_ask_status(t, tn);
	}
	tend_request_done(t);
}

static void on_tend_timer_body(evutil_socket_t fd, short what, void *arg)
{
	tend_round(arg);
}
AS_LOOP_CALLBACK(on_tend_timer, on_tend_timer_body)

static void on_connect_deadline_body(evutil_socket_t fd, short what, void *arg)
{
	as_tend *t = arg;
	if (t->last_error.code == AEROSPIKE_OK)
		as_error_set(&t->last_error, AEROSPIKE_ERR_TIMEOUT, "no answer from the seeds");
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_CONNECTION, "could not connect to the cluster: %s", t->last_error.message);
	tend_settle_waiters(t, &err);
}
AS_LOOP_CALLBACK(on_connect_deadline, on_connect_deadline_body)

void as_tend_connect(as_tend *t, as_future *connected, uint32_t timeout_ms)
{
	if (t->disp->map && t->disp->map->n_nodes) {
		as_future_complete_ok(connected);
		as_future_release(connected);
		return;
	}
	t->waiters = as_realloc(t->waiters, (t->n_waiters + 1) * sizeof(*t->waiters));
	t->waiters[t->n_waiters++] = connected;
	struct event_base *base = as_loop_base(t->disp->loop);
	if (!t->started) {
		t->started = true;
		uint32_t ms = t->cfg.interval_ms;
		struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
		event_assign(&t->tend_ev, base, -1, EV_PERSIST, on_tend_timer, t);
		event_add(&t->tend_ev, &tv);
		event_assign(&t->deadline_ev, base, -1, 0, on_connect_deadline, t);
	}
	if (t->n_waiters == 1) {
		struct timeval dl = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
		event_add(&t->deadline_ev, &dl);
		tend_round(t);
	}
}

void as_tend_shutdown(as_tend *t)
{
	if (t->started) {
		event_del(&t->tend_ev);
		event_del(&t->deadline_ev);
	}
	as_error err;
	as_error_set(&err, AEROSPIKE_ERR_CLIENT_ABORT, "client closed while connecting");
	tend_settle_waiters(t, &err);
}

void as_tend_free(as_tend *t)
{
	if (!t)
		return;
	while (t->nodes) {
		tend_node *tn = t->nodes;
		t->nodes = tn->next;
		tend_node_free(tn);
	}
	while (t->seeding) {
		tend_node *tn = t->seeding;
		t->seeding = tn->next;
		tend_node_free(tn);
	}
	free(t->seeds);
	free(t);
}
