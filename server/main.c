/* minispike: command line, startup line, signals, teardown. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/proto.h"
#include "net.h"

static const char ms_usage[] =
"NAME\n"
"    minispike - in-memory Aerospike-protocol test server of aerofuture\n"
"\n"
"SYNOPSIS\n"
"    minispike [--port P] [--nodes N] [--namespace NAME]... [--cluster-name C]\n"
"              [--bind ADDR] [--max-record-size BYTES] [--namespace-memory BYTES]\n"
"              [--default-ttl SECONDS] [--fault SPEC]...\n"
"\n"
"DESCRIPTION\n"
"    minispike speaks the Aerospike wire protocol (info, single-record commands,\n"
"    operate, batch-index reads and writes, partition scans) over an in-memory\n"
"    store, so aerofuture's tests, examples and benchmarks - and the official\n"
"    Aerospike clients - can run without a real server. It is single-threaded.\n"
"    With --nodes N it runs N nodes in one process on N ports sharing one store;\n"
"    the 4096 partitions are split between the nodes that are up (replication\n"
"    factor 1), and peers/replicas answers are consistent across nodes.\n"
"\n"
"OPTIONS\n"
"    -p, --port P           port of node 0; node i listens on P+i (default 3000).\n"
"                           0 picks a free port for every node.\n"
"    -n, --nodes N          number of nodes, 1..64 (default 1).\n"
"    -N, --namespace NAME   a namespace; repeat for more (default: test and bar).\n"
"    -c, --cluster-name C   value of the cluster-name info command (default minispike).\n"
"    -b, --bind ADDR        IPv4 or IPv6 address to listen on (default 127.0.0.1).\n"
"                           service and peers answers advertise only this address.\n"
"    --max-record-size B    largest record in bytes (default 1048576); bigger\n"
"                           writes fail with 13 RECORD_TOO_BIG.\n"
"    --namespace-memory B   memory limit of each namespace in bytes (suffix K, M or\n"
"                           G allowed; default 0 = unlimited); writes beyond it\n"
"                           fail with 8 SERVER_FULL.\n"
"    --default-ttl S        namespace default-ttl in seconds (default 0 = never expire).\n"
"    --fault SPEC           inject a fault, SPEC as for minispike-fault below, e.g.\n"
"                           'mode=delay;ms=50' (all nodes) or 'node=1;mode=close'.\n"
"    -h, --help             this text.   -V, --version   print the version.\n"
"\n"
"STARTUP LINES\n"
"    Once every node listens, minispike prints one line per node on stdout and\n"
"    flushes it before serving:\n"
"        node <index> <address>:<port> <node id>\n"
"    e.g. 'node 0 127.0.0.1:41233 BB9000000000001'. Node ids are BB9 followed by\n"
"    the node number (index + 1) in 12 hex digits. IPv6 addresses are printed\n"
"    in brackets: 'node 0 [::1]:3000 BB9000000000001'.\n"
"\n"
"INFO COMMANDS\n"
"    Standard: node build version edition features compatibility-id namespaces\n"
"    partition-generation peers-generation peers-clear-std peers-clear-alt\n"
"    service service-clear-std services services-alumni user-agent-set:value=..\n"
"    replicas replicas-all replicas-master cluster-name cluster-stable[:size=N]\n"
"    rebalance-generation partitions statistics namespace/<ns> sets[/<ns>[/<set>]]\n"
"    truncate-namespace:namespace=<ns> truncate:namespace=<ns>[;set=<set>]\n"
"    udf-list sindex-list digests. Unknown names answer ERROR:4:unrecognized command.\n"
"    Control (minispike only):\n"
"    minispike-node-stop:id=<i>    close node i's listening socket and connections\n"
"                                  and move its partitions to the live nodes.\n"
"    minispike-node-start:id=<i>   listen on node i's port again and rebalance.\n"
"    minispike-nodes               <i>,<node id>,<addr:port>,<up|down>;...\n"
"    minispike-fault:[node=<i>;]mode=<m>[;ms=<n>][;code=<c>][;count=<k>][;pct=<p>]\n"
"        modes: delay (hold each reply ms milliseconds), close (close the\n"
"        connection instead of replying), garbage (reply with junk bytes),\n"
"        hang (never reply on that connection again), error (answer the next\n"
"        count commands, default 1, with result code c, default 1), truncate\n"
"        (send half of the reply frame, then close), oversize (reply with a\n"
"        header announcing more than 128 MiB), off.\n"
"        pct=<p> (1..100, default 100): only p% of commands, evenly spaced.\n"
"        Without node= the fault applies to every node. Faults apply to AS_MSG\n"
"        commands only, never to info requests, so clients can still tend the\n"
"        node and turn the fault off.\n"
"    Membership changes (stop/start) bump peers-generation, partition-generation\n"
"    and the cluster key.\n"
"\n"
"STATISTICS\n"
"    'statistics' of a node includes commands_received (AS_MSG frames it got),\n"
"    non_owner_commands (keys of single-record and batch commands for partitions\n"
"    it does not own: a real server would proxy them; minispike serves them),\n"
"    client_read, client_write, client_delete, batch_index_initiate, scans,\n"
"    info_complete, demarshal_error, faults_applied, fault_mode,\n"
"    client_connections, cluster_size, cluster_key, cluster_generation.\n"
"\n"
"BEHAVIOUR\n"
"    Result codes, generations, void times (seconds since 2010-01-01, 0 = never)\n"
"    and reply layouts follow Aerospike Community Edition 8.1: durable deletes\n"
"    answer 25, a bin name of 16+ bytes 21, a write without ops 4, an unknown\n"
"    namespace 20. Records expire at their void time. Supported CDT operations:\n"
"    list append and size, map put and get_by_key; others answer 26.\n"
"    Compressed frames and security (admin) commands are not supported.\n"
"\n"
"SIGNALS\n"
"    SIGTERM and SIGINT stop the server cleanly.\n";

static int ms_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || s[0] == '-')
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end != '\0')
		return -1;
	*out = v;
	return 0;
}

static void ms_on_signal(evutil_socket_t sig, short what, void *arg)
{
	event_base_loopbreak(arg);
}

static void ms_on_sweep(evutil_socket_t fd, short what, void *arg)
{
	ms_server *s = arg;

	/* incremental expiry: 256 partitions per second per namespace */
	s->now_cf = as_now_cf();
	for (int i = 0; i < s->store.n_ns; i++)
		ms_ns_sweep(&s->store.ns[i], s->now_cf, s->sweep_pid, 256);
	s->sweep_pid = (s->sweep_pid + 256) & (AS_PARTITIONS - 1);
}

enum {
	OPT_MAX_RECORD_SIZE = 256,
	OPT_NS_MEMORY,
	OPT_DEFAULT_TTL,
	OPT_FAULT
};

/* Close every socket and event, then free the state. */
static void ms_shutdown(ms_server *s)
{
	for (int i = 0; i < s->n_nodes; i++) {
		ms_node *n = &s->nodes[i];

		while (n->conns != NULL)
			ms_conn_close(n->conns);
		ms_node_unlisten(n);
	}
	if (s->sig_term != NULL)
		event_free(s->sig_term);
	if (s->sig_int != NULL)
		event_free(s->sig_int);
	if (s->sweep_ev != NULL)
		event_free(s->sweep_ev);
	ms_server_destroy(s);
	if (s->base != NULL)
		event_base_free(s->base);
	free(s);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "nodes", required_argument, NULL, 'n' },
		{ "namespace", required_argument, NULL, 'N' },
		{ "cluster-name", required_argument, NULL, 'c' },
		{ "bind", required_argument, NULL, 'b' },
		{ "max-record-size", required_argument, NULL, OPT_MAX_RECORD_SIZE },
		{ "namespace-memory", required_argument, NULL, OPT_NS_MEMORY },
		{ "default-ttl", required_argument, NULL, OPT_DEFAULT_TTL },
		{ "fault", required_argument, NULL, OPT_FAULT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *namespaces[MS_MAX_NAMESPACES];
	const char *faults[16];
	int n_namespaces = 0, n_faults = 0;
	uint64_t port = MS_DEFAULT_PORT, nodes = 1, ns_memory = 0, default_ttl = 0;
	ms_server *s = calloc(1, sizeof(*s));
	struct timeval sweep = { 1, 0 };
	as_buffer line;
	int opt, rc = 1;

	if (s == NULL)
		return 1;
	ms_server_init(s);

	while ((opt = getopt_long(argc, argv, "p:n:N:c:b:hV", opts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (ms_parse_size(optarg, &port) != 0 || port > 65535) {
				fprintf(stderr, "minispike: bad --port '%s'\n", optarg);
				goto out;
			}
			break;
		case 'n':
			if (ms_parse_size(optarg, &nodes) != 0 || nodes < 1 || nodes > MS_MAX_NODES) {
				fprintf(stderr, "minispike: --nodes must be 1..%d\n", MS_MAX_NODES);
				goto out;
			}
			break;
		case 'N':
			if (n_namespaces == MS_MAX_NAMESPACES || strlen(optarg) == 0 ||
			    strlen(optarg) > AS_NAMESPACE_MAX_LEN) {
				fprintf(stderr, "minispike: bad or too many --namespace '%s'\n", optarg);
				goto out;
			}
			namespaces[n_namespaces++] = optarg;
			break;
		case 'c':
			snprintf(s->cluster_name, sizeof(s->cluster_name), "%s", optarg);
			break;
		case 'b':
			snprintf(s->bind_addr, sizeof(s->bind_addr), "%s", optarg);
			break;
		case OPT_MAX_RECORD_SIZE:
			if (ms_parse_size(optarg, &s->max_record_size) != 0 || s->max_record_size == 0) {
				fprintf(stderr, "minispike: bad --max-record-size '%s'\n", optarg);
				goto out;
			}
			break;
		case OPT_NS_MEMORY:
			if (ms_parse_size(optarg, &ns_memory) != 0) {
				fprintf(stderr, "minispike: bad --namespace-memory '%s'\n", optarg);
				goto out;
			}
			break;
		case OPT_DEFAULT_TTL:
			if (ms_parse_size(optarg, &default_ttl) != 0 || default_ttl > 0xFFFFFFF0u) {
				fprintf(stderr, "minispike: bad --default-ttl '%s'\n", optarg);
				goto out;
			}
			break;
		case OPT_FAULT:
			if (n_faults == 16) {
				fprintf(stderr, "minispike: too many --fault\n");
				goto out;
			}
			faults[n_faults++] = optarg;
			break;
		case 'h':
			fputs(ms_usage, stdout);
			rc = 0;
			goto out;
		case 'V':
			printf("minispike (aerofuture %s), protocol of Aerospike %s\n", PACKAGE_VERSION,
			       MS_VERSION_BUILD);
			rc = 0;
			goto out;
		default:
			fprintf(stderr, "Try 'minispike --help'.\n");
			rc = 2;
			goto out;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "minispike: unexpected argument '%s'\n", argv[optind]);
		rc = 2;
		goto out;
	}
	if (port != 0 && port + nodes - 1 > 65535) {
		fprintf(stderr, "minispike: ports %llu..%llu out of range\n", (unsigned long long)port,
		        (unsigned long long)(port + nodes - 1));
		goto out;
	}
	if (n_namespaces == 0) {
		namespaces[n_namespaces++] = "test";
		namespaces[n_namespaces++] = "bar";
	}
	for (int i = 0; i < n_namespaces; i++) {
		ms_ns *ns = ms_store_add_ns(&s->store, namespaces[i]);

		if (ns == NULL) {
			fprintf(stderr, "minispike: duplicate namespace '%s'\n", namespaces[i]);
			goto out;
		}
		ns->mem_limit = ns_memory;
		ns->default_ttl = (uint32_t)default_ttl;
	}

	signal(SIGPIPE, SIG_IGN);
	s->base = event_base_new();
	if (s->base == NULL) {
		fprintf(stderr, "minispike: event_base_new failed\n");
		goto out;
	}
	s->now_cf = as_now_cf();
	s->start_time = s->now_cf;
	ms_server_set_nodes(s, (int)nodes, (uint16_t)port);
	for (int i = 0; i < s->n_nodes; i++) {
		if (ms_node_listen(&s->nodes[i], ms_conn_accept) != 0)
			goto out;
	}
	ms_cluster_rebalance(s);
	for (int i = 0; i < n_faults; i++) {
		char err[128];

		if (ms_fault_apply_spec(s, faults[i], strlen(faults[i]), err, sizeof(err)) != 0) {
			fprintf(stderr, "minispike: --fault '%s': %s\n", faults[i], err);
			goto out;
		}
	}

	s->sig_term = evsignal_new(s->base, SIGTERM, ms_on_signal, s->base);
	s->sig_int = evsignal_new(s->base, SIGINT, ms_on_signal, s->base);
	s->sweep_ev = event_new(s->base, -1, EV_PERSIST, ms_on_sweep, s);
	event_add(s->sig_term, NULL);
	event_add(s->sig_int, NULL);
	event_add(s->sweep_ev, &sweep);

	as_buffer_init(&line);
	for (int i = 0; i < s->n_nodes; i++) {
		line.len = 0;
		as_buffer_printf(&line, "node %d ", i);
		ms_cluster_host(s, s->nodes[i].port, &line);
		as_buffer_printf(&line, " %s\n", s->nodes[i].id);
		fwrite(line.data, 1, line.len, stdout);
	}
	as_buffer_free(&line);
	fflush(stdout);

	event_base_dispatch(s->base);
	rc = 0;
out:
	ms_shutdown(s);
	libevent_global_shutdown();
	return rc;
}
