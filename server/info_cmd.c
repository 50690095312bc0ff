/* Info protocol (proto type 1), answered like the real server (info.txt):
 * one "<name>\t<value>\n" per requested name, in request order, the name
 * echoed exactly; a last name without '\n' is ignored; an empty body gives
 * the server's default set; unknown names get ERROR:4. Besides the names a
 * client needs to connect and tend, minispike answers its own control
 * commands (minispike-node-stop, minispike-node-start, minispike-fault,
 * minispike-nodes). Stopping and starting a node changes the cluster's
 * state only; the result tells the I/O side to open or close the sockets. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/info.h"
#include "codec/pack.h"
#include "codec/proto.h"
#include "minispike.h"

#define MS_ERR_UNRECOGNIZED "ERROR:4:unrecognized command"

/* Value of "key=" in a ';'-separated parameter list, copied NUL-terminated. */
static bool ms_param(const char *params, size_t plen, const char *key, char *val, size_t val_len)
{
	size_t klen = strlen(key);
	const char *p = params, *end = params + plen;

	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *stop = semi != NULL ? semi : end;

		if ((size_t)(stop - p) > klen && memcmp(p, key, klen) == 0 && p[klen] == '=') {
			size_t n = (size_t)(stop - p) - klen - 1;

			if (n >= val_len)
				n = val_len - 1;
			memcpy(val, p + klen + 1, n);
			val[n] = '\0';
			return true;
		}
		p = stop + 1;
	}
	return false;
}

typedef struct ms_info_ctx {
	ms_node *node;
	ms_server *s;
	const char *params;  /* after ':' or '/' */
	size_t plen;
	as_buffer *out;
	unsigned act;        /* MS_ACT_* for the I/O side */
} ms_info_ctx;

typedef bool (*ms_info_fn)(ms_info_ctx *x);

static bool info_node(ms_info_ctx *x) { as_buffer_printf(x->out, "%s", x->node->id); return true; }
static bool info_build(ms_info_ctx *x) { as_buffer_printf(x->out, MS_VERSION_BUILD); return true; }
static bool info_version(ms_info_ctx *x)
{
	as_buffer_printf(x->out, "Aerospike Community Edition build " MS_VERSION_BUILD);
	return true;
}
static bool info_edition(ms_info_ctx *x) { as_buffer_printf(x->out, "Aerospike Community Edition"); return true; }
static bool info_compat(ms_info_ctx *x) { as_buffer_printf(x->out, "15"); return true; }
static bool info_empty(ms_info_ctx *x) { return true; }
static bool info_ok(ms_info_ctx *x) { as_buffer_printf(x->out, "ok"); return true; }
static bool info_partitions(ms_info_ctx *x) { as_buffer_printf(x->out, "%d", AS_PARTITIONS); return true; }
static bool info_digests(ms_info_ctx *x) { as_buffer_printf(x->out, "RIPEMD160"); return true; }
static bool info_build_arch(ms_info_ctx *x) { as_buffer_printf(x->out, "x86_64"); return true; }
static bool info_build_os(ms_info_ctx *x) { as_buffer_printf(x->out, "minispike"); return true; }
static bool info_ee_only(ms_info_ctx *x) { as_buffer_printf(x->out, "ERROR:25:enterprise only"); return true; }

static bool info_features(ms_info_ctx *x)
{
	as_buffer_printf(x->out, "batch-any;batch-index;blob-bits;cdt-list;cdt-map;cluster-stable;float;"
	                 "peers;pipelining;pquery;pscans;replicas;replicas-all;replicas-master;"
	                 "truncate-namespace");
	return true;
}

static bool info_namespaces(ms_info_ctx *x)
{
	for (int i = 0; i < x->s->store.n_ns; i++)
		as_buffer_printf(x->out, "%s%s", i ? ";" : "", x->s->store.ns[i].name);
	return true;
}

static bool info_partition_gen(ms_info_ctx *x)
{
	as_buffer_printf(x->out, "%" PRIu64, x->s->partition_gen);
	return true;
}

static bool info_peers_gen(ms_info_ctx *x)
{
	as_buffer_printf(x->out, "%" PRIu64, x->s->peers_gen);
	return true;
}

static bool info_peers(ms_info_ctx *x) { ms_cluster_peers(x->s, x->node, x->out); return true; }

static bool info_peers_alt(ms_info_ctx *x)
{
	as_buffer_printf(x->out, "%" PRIu64 ",%u,[]", x->s->peers_gen, (unsigned)x->node->port);
	return true;
}

static bool info_service(ms_info_ctx *x) { ms_cluster_host(x->s, x->node->port, x->out); return true; }
static bool info_services(ms_info_ctx *x) { ms_cluster_services(x->s, x->node, x->out); return true; }

static bool info_cluster_name(ms_info_ctx *x) { as_buffer_printf(x->out, "%s", x->s->cluster_name); return true; }

static bool info_cluster_stable(ms_info_ctx *x)
{
	char v[32];

	if (ms_param(x->params, x->plen, "size", v, sizeof(v)) &&
	    strtol(v, NULL, 10) != ms_cluster_live_nodes(x->s)) {
		as_buffer_printf(x->out, "ERROR:7:cluster not specified size");
		return true;
	}
	if (ms_param(x->params, x->plen, "namespace", v, sizeof(v)) &&
	    ms_store_find_ns(&x->s->store, v, strlen(v)) == NULL) {
		as_buffer_printf(x->out, "ERROR:20:namespace not found");
		return true;
	}
	as_buffer_printf(x->out, "%012" PRIX64, ms_cluster_key(x->s));
	return true;
}

static bool info_rebalance_gen(ms_info_ctx *x)
{
	as_buffer_printf(x->out, "%" PRIu64, x->s->cluster_gen);
	return true;
}

/* replicas: <ns>:<regime>,<n>,<b64>  replicas-all: <ns>:<n>,<b64>  replicas-master: <ns>:<b64> */
static void ms_replicas(ms_info_ctx *x, int style)
{
	uint8_t map[AS_PARTITIONS / 8];
	char b64[700];

	ms_cluster_bitmap(x->s, x->node->index, map);
	as_partition_bitmap_b64(map, b64);
	for (int i = 0; i < x->s->store.n_ns; i++) {
		const char *name = x->s->store.ns[i].name;

		if (style == 0)
			as_buffer_printf(x->out, "%s%s:0,1,%s", i ? ";" : "", name, b64);
		else if (style == 1)
			as_buffer_printf(x->out, "%s%s:1,%s", i ? ";" : "", name, b64);
		else
			as_buffer_printf(x->out, "%s%s:%s", i ? ";" : "", name, b64);
	}
}

static bool info_replicas(ms_info_ctx *x) { ms_replicas(x, 0); return true; }
static bool info_replicas_all(ms_info_ctx *x) { ms_replicas(x, 1); return true; }
static bool info_replicas_master(ms_info_ctx *x) { ms_replicas(x, 2); return true; }

static uint64_t ms_objects(const ms_server *s)
{
	uint64_t n = 0;

	for (int i = 0; i < s->store.n_ns; i++)
		n += s->store.ns[i].objects;
	return n;
}

static bool info_statistics(ms_info_ctx *x)
{
	const ms_server *s = x->s;
	const ms_node *n = x->node;

	as_buffer_printf(x->out,
	                 "cluster_size=%d;cluster_key=%012" PRIX64 ";cluster_generation=%" PRIu64
	                 ";cluster_principal=%s;cluster_integrity=true;cluster_is_member=true"
	                 ";uptime=%u;objects=%" PRIu64 ";client_connections=%u"
	                 ";client_connections_opened=%" PRIu64 ";client_connections_closed=%" PRIu64
	                 ";info_complete=%" PRIu64 ";commands_received=%" PRIu64
	                 ";non_owner_commands=%" PRIu64 ";client_read=%" PRIu64 ";client_write=%" PRIu64
	                 ";client_delete=%" PRIu64 ";batch_index_initiate=%" PRIu64 ";scans=%" PRIu64
	                 ";demarshal_error=%" PRIu64 ";faults_applied=%" PRIu64 ";fault_mode=%s",
	                 ms_cluster_live_nodes(s), ms_cluster_key(s), s->cluster_gen, s->nodes[0].id,
	                 s->now_cf - s->start_time, ms_objects(s), n->n_conns, n->st.conns_opened,
	                 n->st.conns_closed, n->st.info_requests, n->st.commands, n->st.non_owner,
	                 n->st.reads, n->st.writes, n->st.deletes, n->st.batches, n->st.scans,
	                 n->st.bad_requests, n->st.faults_applied, ms_fault_mode_name(n->fault.mode));
	return true;
}

static ms_ns *ms_info_ns(ms_info_ctx *x, const char *params, size_t plen)
{
	const char *slash = memchr(params, '/', plen);

	return ms_store_find_ns(&x->s->store, params, slash != NULL ? (size_t)(slash - params) : plen);
}

static bool info_namespace(ms_info_ctx *x)
{
	ms_ns *ns = ms_info_ns(x, x->params, x->plen);

	if (ns == NULL) {
		as_buffer_printf(x->out, "ERROR::namespace not found");
		return true;
	}
	as_buffer_printf(x->out,
	                 "ns_cluster_size=%d;effective_replication_factor=1;objects=%" PRIu64
	                 ";tombstones=0;master_objects=%" PRIu64 ";prole_objects=0;unavailable_partitions=0"
	                 ";stop_writes=%s;current_time=%u;expired_objects=%" PRIu64 ";evicted_objects=0"
	                 ";data_used_bytes=%" PRIu64 ";data_total_bytes=%" PRIu64
	                 ";allow-ttl-without-nsup=true;default-ttl=%u;max-record-size=%" PRIu64
	                 ";nsup-period=1;replication-factor=1;storage-engine=memory;strong-consistency=false",
	                 ms_cluster_live_nodes(x->s), ns->objects, ns->objects,
	                 ns->mem_limit != 0 && ns->mem_used >= ns->mem_limit ? "true" : "false",
	                 x->s->now_cf, ns->expired, ns->mem_used, ns->mem_limit, ns->default_ttl,
	                 x->s->max_record_size);
	return true;
}

static void ms_sets_of(ms_info_ctx *x, const ms_ns *ns, int only)
{
	for (uint16_t i = 1; i < ns->n_sets; i++) {
		const ms_set *set = &ns->sets[i];

		if (only >= 0 && i != only)
			continue;
		as_buffer_printf(x->out,
		                 "ns=%s:set=%s:objects=%" PRIu64 ":tombstones=0:data_used_bytes=%" PRIu64
		                 ":truncate_lut=0:sindexes=0:index_populating=false:truncating=false"
		                 ":default-read-touch-ttl-pct=0:default-ttl=0:disable-eviction=false"
		                 ":enable-index=false:stop-writes-count=0:stop-writes-size=0;",
		                 ns->name, set->name, set->objects, set->bytes);
	}
}

static bool info_sets(ms_info_ctx *x)
{
	ms_store *st = &x->s->store;

	if (x->plen == 0) {
		for (int i = 0; i < st->n_ns; i++)
			ms_sets_of(x, &st->ns[i], -1);
		return true;
	}
	ms_ns *ns = ms_info_ns(x, x->params, x->plen);
	if (ns == NULL) {
		as_buffer_printf(x->out, "ERROR::namespace not found");
		return true;
	}
	const char *slash = memchr(x->params, '/', x->plen);
	int only = -1;
	if (slash != NULL) {
		size_t sl = x->plen - (size_t)(slash + 1 - x->params);

		only = ms_ns_set_id(ns, slash + 1, sl, false);
		if (only <= 0)
			return true;
	}
	ms_sets_of(x, ns, only);
	return true;
}

static bool info_truncate(ms_info_ctx *x)
{
	char nsname[64], set[80];
	ms_ns *ns;
	int set_id = -1;

	if (!ms_param(x->params, x->plen, "namespace", nsname, sizeof(nsname)) ||
	    (ns = ms_store_find_ns(&x->s->store, nsname, strlen(nsname))) == NULL) {
		as_buffer_printf(x->out, "ERROR:4:namespace not found");
		return true;
	}
	if (ms_param(x->params, x->plen, "set", set, sizeof(set)) && set[0] != '\0') {
		set_id = ms_ns_set_id(ns, set, strlen(set), false);
		if (set_id <= 0) {
			as_buffer_printf(x->out, "ok");
			return true;
		}
	}
	ms_ns_truncate(ns, set_id);
	as_buffer_printf(x->out, "ok");
	return true;
}

static int ms_param_node(ms_info_ctx *x, const char *key)
{
	char v[16];
	char *end;
	long i;

	if (!ms_param(x->params, x->plen, key, v, sizeof(v)))
		return -1;
	i = strtol(v, &end, 10);
	if (end == v || *end != '\0' || i < 0 || i >= x->s->n_nodes)
		return -1;
	return (int)i;
}

static bool info_node_stop(ms_info_ctx *x)
{
	int i = ms_param_node(x, "id");

	if (i < 0) {
		as_buffer_printf(x->out, "ERROR:4:bad node id");
		return true;
	}
	if (x->s->nodes[i].up) {
		ms_cluster_set_up(x->s, i, false);
		x->act |= MS_ACT_NODES;
		/* a node stopped through itself still sends this reply, then hangs up */
		if (i == x->node->index)
			x->act |= MS_ACT_CLOSE;
	}
	as_buffer_printf(x->out, "ok");
	return true;
}

static bool info_node_start(ms_info_ctx *x)
{
	int i = ms_param_node(x, "id");

	if (i < 0) {
		as_buffer_printf(x->out, "ERROR:4:bad node id");
		return true;
	}
	if (!x->s->nodes[i].up) {
		ms_cluster_set_up(x->s, i, true);
		x->act |= MS_ACT_NODES;
	}
	as_buffer_printf(x->out, "ok");
	return true;
}

static bool info_fault(ms_info_ctx *x)
{
	char err[128];

	if (ms_fault_apply_spec(x->s, x->params, x->plen, err, sizeof(err)) != 0)
		as_buffer_printf(x->out, "ERROR:4:%s", err);
	else
		as_buffer_printf(x->out, "ok");
	return true;
}

/* "<index>,<node id>,<host:port>,<up|down>;..." */
static bool info_nodes(ms_info_ctx *x)
{
	for (int i = 0; i < x->s->n_nodes; i++) {
		const ms_node *n = &x->s->nodes[i];

		as_buffer_printf(x->out, "%s%d,%s,", i ? ";" : "", i, n->id);
		ms_cluster_host(x->s, n->port, x->out);
		as_buffer_printf(x->out, ",%s", n->up ? "up" : "down");
	}
	return true;
}

/* get-config: without parameters the service and network contexts (the
 * real server adds security, empty without it); with context=service,
 * network, security or namespace (id= or namespace=). The errors and their
 * codes are the server's. Tools ask for this before anything else. */
static void ms_config_service(ms_info_ctx *x)
{
	as_buffer_printf(x->out,
	                 "advertise-ipv6=false;auto-pin=none;batch-index-threads=2;batch-max-buffers-per-queue=255"
	                 ";batch-max-requests=5000;batch-max-unused-buffers=256;cluster-name=%s"
	                 ";disable-udf-execution=false;enable-benchmarks-fabric=false;enable-health-check=false"
	                 ";enable-hist-info=false;enforce-best-practices=false;info-max-ms=10000;info-threads=16"
	                 ";log-local-time=false;log-millis=false;microsecond-histograms=false;migrate-fill-delay=0"
	                 ";migrate-max-num-incoming=4;migrate-threads=1;min-cluster-size=1;node-id=%s"
	                 ";proto-fd-idle-ms=0;proto-fd-max=15000;query-max-done=100;query-threads-limit=128"
	                 ";service-threads=1;sindex-builder-threads=4;ticker-interval=10;transaction-max-ms=1000"
	                 ";transaction-retry-ms=1002",
	                 x->s->cluster_name[0] != '\0' ? x->s->cluster_name : "null", x->node->id);
}

static void ms_config_network(ms_info_ctx *x)
{
	as_buffer_printf(x->out,
	                 "service.access-port=0;service.address=127.0.0.1;service.alternate-access-port=0"
	                 ";service.port=%u;heartbeat.mode=mesh;heartbeat.interval=150;heartbeat.timeout=10"
	                 ";fabric.port=0;info.port=0",
	                 x->node->port);
}

static void ms_config_namespace(ms_info_ctx *x, const ms_ns *ns)
{
	as_buffer_printf(x->out,
	                 "allow-ttl-without-nsup=true;default-ttl=%u;max-record-size=%" PRIu64
	                 ";nsup-period=1;replication-factor=1;storage-engine=memory;storage-engine.data-size=%" PRIu64
	                 ";strong-consistency=false",
	                 ns->default_ttl, x->s->max_record_size, ns->mem_limit);
}

static bool info_get_config(ms_info_ctx *x)
{
	char context[32], name[128];
	ms_ns *ns;

	if (x->plen == 0) {
		ms_config_service(x);
		as_buffer_printf(x->out, ";");
		ms_config_network(x);
		return true;
	}
	if (!ms_param(x->params, x->plen, "context", context, sizeof(context))) {
		as_buffer_printf(x->out, "ERROR:4:missing 'context'");
		return true;
	}
	if (strcmp(context, "service") == 0) {
		ms_config_service(x);
	} else if (strcmp(context, "network") == 0) {
		ms_config_network(x);
	} else if (strcmp(context, "security") == 0 || strcmp(context, "xdr") == 0) {
		/* empty without security or XDR configured */
	} else if (strcmp(context, "namespace") == 0) {
		if (!ms_param(x->params, x->plen, "namespace", name, sizeof(name)) &&
		    !ms_param(x->params, x->plen, "id", name, sizeof(name))) {
			as_buffer_printf(x->out, "ERROR:20:missing 'namespace'");
			return true;
		}
		if ((ns = ms_store_find_ns(&x->s->store, name, strlen(name))) == NULL) {
			as_buffer_printf(x->out, "ERROR:20:namespace not found on node");
			return true;
		}
		ms_config_namespace(x, ns);
	} else {
		as_buffer_printf(x->out, "ERROR:4:invalid context");
	}
	return true;
}

typedef struct ms_info_entry {
	const char *name;
	char sep;  /* 0: no parameters, ':' or '/' */
	ms_info_fn fn;
} ms_info_entry;

static const ms_info_entry ms_info_table[] = {
	{ "node", 0, info_node },
	{ "build", 0, info_build },
	{ "version", 0, info_version },
	{ "edition", 0, info_edition },
	{ "features", 0, info_features },
	{ "compatibility-id", 0, info_compat },
	{ "build_ee_sha", 0, info_empty },
	{ "build_sha", 0, info_empty },
	{ "build_arch", 0, info_build_arch },
	{ "build_time", 0, info_empty },
	{ "build_os", 0, info_build_os },
	{ "namespaces", 0, info_namespaces },
	{ "partition-generation", 0, info_partition_gen },
	{ "peers-generation", 0, info_peers_gen },
	{ "peers-clear-std", 0, info_peers },
	{ "peers-clear-alt", 0, info_peers_alt },
	{ "peers-tls-std", 0, info_ee_only },
	{ "peers-tls-alt", 0, info_ee_only },
	{ "rack-ids", 0, info_ee_only },
	{ "service", 0, info_service },
	{ "service-clear-std", 0, info_service },
	{ "service-clear-alt", 0, info_empty },
	{ "services", 0, info_services },
	{ "services-alumni", 0, info_services },
	{ "services-alternate", 0, info_empty },
	{ "user-agent-set", ':', info_ok },
	{ "replicas", 0, info_replicas },
	{ "replicas-all", 0, info_replicas_all },
	{ "replicas-master", 0, info_replicas_master },
	{ "cluster-name", 0, info_cluster_name },
	{ "cluster-stable", ':', info_cluster_stable },
	{ "rebalance-generation", 0, info_rebalance_gen },
	{ "partitions", 0, info_partitions },
	{ "digests", 0, info_digests },
	{ "statistics", 0, info_statistics },
	{ "namespace", '/', info_namespace },
	{ "sets", '/', info_sets },
	{ "truncate-namespace", ':', info_truncate },
	{ "truncate", ':', info_truncate },
	{ "udf-list", 0, info_empty },
	{ "sindex-list", ':', info_empty },
	{ "get-config", ':', info_get_config },
	{ "status", 0, info_ok },
	{ "minispike-node-stop", ':', info_node_stop },
	{ "minispike-node-start", ':', info_node_start },
	{ "minispike-fault", ':', info_fault },
	{ "minispike-nodes", 0, info_nodes },
};

static void ms_info_one(ms_info_ctx *x, const char *name, size_t len)
{
	size_t key_len = len;
	char sep = 0;

	for (size_t i = 0; i < len; i++) {
		if (name[i] == ':' || name[i] == '/') {
			key_len = i;
			sep = name[i];
			break;
		}
	}
	as_buffer_append(x->out, name, len);
	as_buffer_append(x->out, "\t", 1);
	for (size_t i = 0; i < sizeof(ms_info_table) / sizeof(ms_info_table[0]); i++) {
		const ms_info_entry *e = &ms_info_table[i];

		if (strlen(e->name) != key_len || memcmp(e->name, name, key_len) != 0)
			continue;
		if (sep != 0 && sep != e->sep)
			break;
		/* "sets" and "cluster-stable" also come without parameters */
		x->params = sep != 0 ? name + key_len + 1 : "";
		x->plen = sep != 0 ? len - key_len - 1 : 0;
		if (e->sep == '/' && sep == 0 && e->fn != info_sets)
			break;
		if (e->fn(x)) {
			as_buffer_append(x->out, "\n", 1);
			return;
		}
		break;
	}
	as_buffer_printf(x->out, MS_ERR_UNRECOGNIZED "\n");
}

static const char *const ms_info_defaults[] = {
	"features", "node", "compatibility-id", "edition", "build_ee_sha", "build_sha", "build_arch",
	"build_time", "build_os", "build", "version", "statistics", "services-alumni", "services",
	"partition-generation"
};

unsigned ms_info_handle(ms_node *n, const uint8_t *body, size_t len, as_buffer *out)
{
	ms_info_ctx x;
	size_t frame = as_proto_begin(out);
	const char *p = (const char *)body, *end = p + len;

	x.node = n;
	x.s = n->srv;
	x.out = out;
	x.act = 0;
	n->st.info_requests++;
	if (len == 0) {
		for (size_t i = 0; i < sizeof(ms_info_defaults) / sizeof(ms_info_defaults[0]); i++)
			ms_info_one(&x, ms_info_defaults[i], strlen(ms_info_defaults[i]));
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL)
			break;  /* a name without '\n' is ignored, as the server does */
		ms_info_one(&x, p, (size_t)(nl - p));
		p = nl + 1;
	}
	as_proto_end(out, frame, AS_PROTO_TYPE_INFO);
	return x.act;
}
