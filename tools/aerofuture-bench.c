/*
 * aerofuture-bench: load an Aerospike cluster (or a private minispike) with
 * aerofuture commands and report throughput, latency percentiles and the
 * client's CPU time per command. See --help.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "bench_minispike.h"

#define NS_PER_S 1000000000ull
/* Give up when no command completes for this long (plus the command timeout). */
#define STALL_S 30

static const char usage_text[] =
	"Usage: aerofuture-bench [OPTIONS]\n"
	"Run single-record commands against an Aerospike cluster with aerofuture and\n"
	"report ops/s, latency percentiles and client CPU time per command. Without\n"
	"-h it starts a private minispike on a free loopback port and stops it at the end.\n"
	"\n"
	"Target:\n"
	"  -h, --host HOST[:PORT]  seed host (repeatable; PORT defaults to 3000)\n"
	"      --minispike PATH    minispike to start when no host is given (default:\n"
	"                          ../server/minispike next to this program, the same\n"
	"                          directory, then PATH)\n"
	"      --namespace NS      namespace (default test)\n"
	"      --set SET           set (default bench)\n"
	"\n"
	"Workload:\n"
	"  -w, --workload W        put | get | mixed[,READ_PCT] | operate | list | map\n"
	"                          (default get; mixed reads READ_PCT%, default 50;\n"
	"                          operate adds 1 to an integer bin and reads it back;\n"
	"                          list appends to a list bin and reads its size; map\n"
	"                          adds 1 under map key \"k\" and reads it back)\n"
	"  -c, --concurrency N     commands in flight (default 64)\n"
	"  -n, --ops N             stop after N commands\n"
	"  -d, --duration S        stop after S seconds (default 5 unless -n is given;\n"
	"                          with both, whichever comes first)\n"
	"      --keys N            key space: integer keys 0..N-1, chosen uniformly\n"
	"                          (default 100000)\n"
	"      --bins N            bins per record written (default 1)\n"
	"      --bin-size BYTES    size of each string bin (default 16)\n"
	"      --bin-type T        string | int (default string)\n"
	"      --no-fill           do not write every key before get and mixed runs\n"
	"      --timeout MS        total timeout of each command (default: the\n"
	"                          client's, 1000)\n"
	"      --seed N            seed of the key generator (default 1)\n"
	"      --large PCT:BYTES   get workload: PCT%% of the gets read one of 8 records\n"
	"                          of BYTES bytes (written before the run); their latency\n"
	"                          is reported apart, so the main figures show what the\n"
	"                          large replies do to the small gets beside them\n"
	"      --fault SPEC        before the run, send minispike-fault:SPEC to every\n"
	"                          node (minispike only; e.g. 'mode=delay;ms=300;pct=1')\n"
	"\n"
	"Client:\n"
	"      --threads T         submit from T application threads, each keeping its\n"
	"                          share of -c in flight and blocking on as_future_wait,\n"
	"                          instead of chaining the next command on the loop\n"
	"      --loops L           event-loop threads (default 1)\n"
	"      --pipeline D        commands one connection may carry (default: the library's, 8)\n"
	"      --max-conns N       connections per node per loop (default 100)\n"
	"      --raw               use the callback-only as_raw_get/as_raw_put instead\n"
	"                          of futures (get, put and mixed; not with --threads)\n"
	"      --reuse-keys        build each key (and its RIPEMD-160 digest) once before\n"
	"                          the run instead of once per command\n"
	"\n"
	"Output:\n"
	"      --json              print one JSON object with the results on stdout;\n"
	"                          the per-second lines go to stderr\n"
	"  -q, --quiet             no per-second lines\n"
	"      --help              this text\n"
	"      --version           print the version\n"
	"\n"
	"Every second: elapsed time, ops/s, errors and timeouts of that second. At the\n"
	"end: ops/s, latency p50/p90/p99/p99.9/max in microseconds, and the client's CPU\n"
	"time (user + system, all threads) per command. Get and mixed runs first write\n"
	"every key once; that pass is not measured.\n";

enum {
	OPT_MINISPIKE = 256, OPT_NAMESPACE, OPT_SET, OPT_KEYS, OPT_BINS, OPT_BIN_SIZE, OPT_BIN_TYPE,
	OPT_NO_FILL, OPT_TIMEOUT, OPT_SEED, OPT_THREADS, OPT_LOOPS, OPT_PIPELINE, OPT_MAX_CONNS,
	OPT_RAW, OPT_REUSE_KEYS, OPT_JSON, OPT_HELP, OPT_VERSION, OPT_LARGE, OPT_FAULT
};

static const struct option long_opts[] = {
	{ "host", required_argument, NULL, 'h' },
	{ "minispike", required_argument, NULL, OPT_MINISPIKE },
	{ "namespace", required_argument, NULL, OPT_NAMESPACE },
	{ "set", required_argument, NULL, OPT_SET },
	{ "workload", required_argument, NULL, 'w' },
	{ "concurrency", required_argument, NULL, 'c' },
	{ "ops", required_argument, NULL, 'n' },
	{ "duration", required_argument, NULL, 'd' },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "bins", required_argument, NULL, OPT_BINS },
	{ "bin-size", required_argument, NULL, OPT_BIN_SIZE },
	{ "bin-type", required_argument, NULL, OPT_BIN_TYPE },
	{ "no-fill", no_argument, NULL, OPT_NO_FILL },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "loops", required_argument, NULL, OPT_LOOPS },
	{ "pipeline", required_argument, NULL, OPT_PIPELINE },
	{ "max-conns", required_argument, NULL, OPT_MAX_CONNS },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "reuse-keys", no_argument, NULL, OPT_REUSE_KEYS },
	{ "large", required_argument, NULL, OPT_LARGE },
	{ "fault", required_argument, NULL, OPT_FAULT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* Process-wide so that the signal handler and atexit can reach them. */
static bench g_bench;
static bench_minispike g_ms = BENCH_MINISPIKE_INIT;
static volatile sig_atomic_t g_signals;

static void die_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "aerofuture-bench: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'aerofuture-bench --help'.\n");
	exit(2);
}

static uint64_t parse_u64(const char *arg, const char *name, uint64_t min, uint64_t max)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || v < min || v > max) {
		fprintf(stderr, "aerofuture-bench: %s must be an integer in %" PRIu64 "..%" PRIu64 ", not '%s'\n",
		        name, min, max, arg);
		fprintf(stderr, "Try 'aerofuture-bench --help'.\n");
		exit(2);
	}
	return v;
}

static void parse_workload(bench_opts *o, const char *arg)
{
	if (strcmp(arg, "get") == 0)
		o->workload = BENCH_GET;
	else if (strcmp(arg, "put") == 0)
		o->workload = BENCH_PUT;
	else if (strcmp(arg, "operate") == 0)
		o->workload = BENCH_OPERATE;
	else if (strcmp(arg, "list") == 0)
		o->workload = BENCH_LIST;
	else if (strcmp(arg, "map") == 0)
		o->workload = BENCH_MAP;
	else if (strcmp(arg, "mixed") == 0)
		o->workload = BENCH_MIXED;
	else if (strncmp(arg, "mixed,", 6) == 0) {
		o->workload = BENCH_MIXED;
		o->read_pct = (unsigned)parse_u64(arg + 6, "READ_PCT", 0, 100);
	} else
		die_usage("unknown workload '%s' (put, get, mixed[,READ_PCT], operate, list or map)", arg);
}

static void parse_duration(bench_opts *o, const char *arg)
{
	char *end;
	double d = strtod(arg, &end);
	if (end == arg || *end || !(d > 0) || d > 86400 * 365)
		die_usage("-d wants a positive number of seconds, not '%s'", arg);
	o->duration_s = d;
}

static void opts_defaults(bench_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->ns = "test";
	o->set = "bench";
	o->workload = BENCH_GET;
	o->read_pct = 50;
	o->in_flight = 64;
	o->keys = 100000;
	o->bins = 1;
	o->bin_size = 16;
	o->fill = true;
	o->seed = 1;
	o->loops = 1;
	o->pipeline = AS_PIPELINE_DEPTH_DEFAULT;
}

/* --large PCT:BYTES */
static void parse_large(bench_opts *o, const char *arg)
{
	const char *colon = strchr(arg, ':');
	if (!colon)
		die_usage("--large wants PCT:BYTES, e.g. 1:1048576 (got '%s')", arg);
	char pct[16];
	size_t n = (size_t)(colon - arg);
	if (n == 0 || n >= sizeof(pct))
		die_usage("--large wants PCT:BYTES, e.g. 1:1048576 (got '%s')", arg);
	memcpy(pct, arg, n);
	pct[n] = '\0';
	o->large_pct = (unsigned)parse_u64(pct, "--large PCT", 1, 100);
	o->large_size = (unsigned)parse_u64(colon + 1, "--large BYTES", 1, 8u << 20);
}

static void opts_check(bench_opts *o)
{
	if (o->ops == 0 && o->duration_s == 0)
		o->duration_s = 5;
	if (o->raw && o->threads)
		die_usage("--raw runs on the loop; it cannot be combined with --threads");
	if (o->raw && o->workload >= BENCH_OPERATE)
		die_usage("--raw supports get, put and mixed only");
	if (o->large_pct && o->workload != BENCH_GET)
		die_usage("--large goes with -w get");
	if (o->threads > o->in_flight)
		die_usage("--threads %u exceeds -c %u: each thread needs a command in flight", o->threads,
		          o->in_flight);
	/* A bad namespace or set would fail every command; say so once. */
	as_key probe;
	as_error err;
	if (as_key_init_int(&probe, o->ns, o->set, 0, &err) != AEROSPIKE_OK)
		die_usage("%s", err.message);
}

static void parse_opts(bench_opts *o, int argc, char **argv)
{
	opts_defaults(o);
	int c;
	while ((c = getopt_long(argc, argv, "h:w:c:n:d:q", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			if (o->n_hosts == BENCH_MAX_HOSTS)
				die_usage("at most %d -h options", BENCH_MAX_HOSTS);
			o->hosts[o->n_hosts++] = optarg;
			break;
		case OPT_MINISPIKE: o->minispike = optarg; break;
		case OPT_NAMESPACE: o->ns = optarg; break;
		case OPT_SET: o->set = optarg; break;
		case 'w': parse_workload(o, optarg); break;
		case 'c': o->in_flight = (unsigned)parse_u64(optarg, "-c", 1, 1000000); break;
		case 'n': o->ops = parse_u64(optarg, "-n", 1, UINT64_MAX / 2); break;
		case 'd': parse_duration(o, optarg); break;
		case OPT_KEYS: o->keys = parse_u64(optarg, "--keys", 1, UINT32_MAX); break;
		case OPT_BINS: o->bins = (unsigned)parse_u64(optarg, "--bins", 1, 1000); break;
		case OPT_BIN_SIZE: o->bin_size = (unsigned)parse_u64(optarg, "--bin-size", 0, 1 << 20); break;
		case OPT_BIN_TYPE:
			if (strcmp(optarg, "int") == 0 || strcmp(optarg, "integer") == 0)
				o->bin_int = true;
			else if (strcmp(optarg, "string") == 0 || strcmp(optarg, "str") == 0)
				o->bin_int = false;
			else
				die_usage("--bin-type is string or int, not '%s'", optarg);
			break;
		case OPT_NO_FILL: o->fill = false; break;
		case OPT_TIMEOUT: o->timeout_ms = (uint32_t)parse_u64(optarg, "--timeout", 1, UINT32_MAX); break;
		case OPT_SEED: o->seed = parse_u64(optarg, "--seed", 0, UINT64_MAX); break;
		case OPT_THREADS: o->threads = (unsigned)parse_u64(optarg, "--threads", 1, 1024); break;
		case OPT_LOOPS: o->loops = (unsigned)parse_u64(optarg, "--loops", 1, 256); break;
		case OPT_PIPELINE: o->pipeline = (unsigned)parse_u64(optarg, "--pipeline", 1, 100000); break;
		case OPT_MAX_CONNS: o->max_conns = (unsigned)parse_u64(optarg, "--max-conns", 1, 100000); break;
		case OPT_RAW: o->raw = true; break;
		case OPT_REUSE_KEYS: o->reuse_keys = true; break;
		case OPT_LARGE: parse_large(o, optarg); break;
		case OPT_FAULT: o->fault = optarg; break;
		case OPT_JSON: o->json = true; break;
		case 'q': o->quiet = true; break;
		case OPT_HELP: fputs(usage_text, stdout); exit(0);
		case OPT_VERSION: printf("aerofuture-bench (aerofuture %s)\n", PACKAGE_VERSION); exit(0);
		default: fprintf(stderr, "Try 'aerofuture-bench --help'.\n"); exit(2);
		}
	}
	if (optind < argc)
		die_usage("unexpected argument '%s'", argv[optind]);
	opts_check(o);
}

/* --- signals and cleanup ---------------------------------------------------- */

/* First signal: stop issuing and report what was measured. Second: leave now. */
static void on_signal(int sig)
{
	(void)sig;
	if (++g_signals > 1) {
		bench_minispike_kill(&g_ms);
		_exit(130);
	}
	atomic_store(&g_bench.stop, true);
}

static void cleanup(void)
{
	bench_minispike_stop(&g_ms);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	atexit(cleanup);
}

static void fail(const char *what, const as_error *err)
{
	fprintf(stderr, "aerofuture-bench: %s: %s: %s\n", what, as_status_str(err->code), err->message);
	exit(1);
}

/* --- client and data -------------------------------------------------------- */

static as_client *client_open(const bench_opts *o)
{
	as_error err;
	as_client_config cfg;
	as_client_config_init(&cfg);
	for (unsigned i = 0; i < o->n_hosts; i++)
		if (as_client_config_add_hosts(&cfg, o->hosts[i], &err) != AEROSPIKE_OK)
			fail("-h", &err);
	if (o->n_hosts == 0 && as_client_config_add_host(&cfg, g_ms.addr, g_ms.port, &err) != AEROSPIKE_OK)
		fail("minispike address", &err);
	cfg.n_loops = o->loops;
	cfg.pipeline_depth = o->pipeline;
	if (o->max_conns)
		cfg.max_conns_per_node = o->max_conns;
	if (o->timeout_ms) {
		cfg.policies.read.base.total_timeout = o->timeout_ms;
		cfg.policies.write.base.total_timeout = o->timeout_ms;
		cfg.policies.operate.base.total_timeout = o->timeout_ms;
	}
	as_client *c = as_client_new(&cfg, &err);
	if (!c)
		fail("client", &err);
	as_future *f = as_client_connect(c);
	if (as_future_wait(f, &err) != AEROSPIKE_OK)
		fail("connect", &err);
	as_future_release(f);
	return c;
}

/* The record every put writes: bins b0..bN-1, strings of --bin-size or integers. */
static as_record *record_build(const bench_opts *o)
{
	as_record *rec = as_record_new((uint16_t)o->bins);
	char *s = malloc(o->bin_size + 1);
	if (!rec || !s) {
		fprintf(stderr, "aerofuture-bench: out of memory\n");
		exit(1);
	}
	for (unsigned i = 0; i < o->bin_size; i++)
		s[i] = (char)('a' + i % 26);
	s[o->bin_size] = '\0';
	for (unsigned i = 0; i < o->bins; i++) {
		char name[AS_BIN_NAME_MAX_LEN + 1];
		snprintf(name, sizeof(name), "b%u", i);
		if (o->bin_int)
			as_record_set_int(rec, name, (int64_t)i);
		else
			as_record_set_str(rec, name, s);
	}
	free(s);
	return rec;
}

/* What -w operate, list and map run: one write and one read of a bin.
 * One shared list serves every command, so the map key is fixed. */
static as_operations *operations_build(bench_workload w)
{
	as_operations *ops = as_operations_new(2);
	switch (w) {
	case BENCH_LIST:
		as_operations_list_append(ops, "list", NULL, NULL, as_value_int(1));
		as_operations_list_size(ops, "list", NULL);
		break;
	case BENCH_MAP:
		as_operations_map_increment(ops, "map", NULL, NULL, as_value_str("k"), as_value_int(1));
		as_operations_map_get_by_key(ops, "map", NULL, as_value_str("k"), AS_MAP_RETURN_VALUE);
		break;
	default:
		as_operations_add_incr(ops, "count", 1);
		as_operations_add_read(ops, "count");
	}
	return ops;
}

/* --- running a phase -------------------------------------------------------- */

typedef struct totals {
	uint64_t ops, errors, timeouts;
} totals;

static totals totals_now(bench *b)
{
	totals t = { 0, 0, 0 };
	pthread_mutex_lock(&b->lock);
	for (bench_stats *s = b->stats; s; s = s->next) {
		t.ops += atomic_load_explicit(&s->ops, memory_order_relaxed);
		t.errors += atomic_load_explicit(&s->errors, memory_order_relaxed);
		t.timeouts += atomic_load_explicit(&s->timeouts, memory_order_relaxed);
	}
	pthread_mutex_unlock(&b->lock);
	return t;
}

static void timespec_at(struct timespec *ts, uint64_t ns)
{
	ts->tv_sec = (time_t)(ns / NS_PER_S);
	ts->tv_nsec = (long)(ns % NS_PER_S);
}

typedef struct ticker {
	FILE *out;              /* NULL: no per-second lines */
	uint64_t start, next, deadline, last_progress;
	totals prev;
} ticker;

/* Once a second: print that second's figures and watch for a stall. */
static void tick(bench *b, ticker *t, uint64_t now)
{
	totals cur = totals_now(b);
	if (t->out) {
		double secs = (double)(now - t->start) / NS_PER_S;
		fprintf(t->out, "%7.1fs %10.0f ops/s  errors %" PRIu64 "  timeouts %" PRIu64 "\n", secs,
		        (double)(cur.ops - t->prev.ops), cur.errors - t->prev.errors, cur.timeouts - t->prev.timeouts);
		fflush(t->out);
	}
	if (cur.ops != t->prev.ops)
		t->last_progress = now;
	uint64_t stall = (STALL_S + b->o->timeout_ms / 1000 + 1) * NS_PER_S;
	if (now - t->last_progress > stall) {
		fprintf(stderr, "aerofuture-bench: no command completed for %d s; giving up\n", STALL_S);
		exit(1);
	}
	t->prev = cur;
	while (t->next <= now)
		t->next += NS_PER_S;
}

/* Block until every chain or thread of the phase has finished. */
static void wait_phase(bench *b, uint64_t start, double duration_s, FILE *progress)
{
	ticker t = { progress, start, start + NS_PER_S, UINT64_MAX, start, { 0, 0, 0 } };
	if (duration_s > 0)
		t.deadline = start + (uint64_t)(duration_s * NS_PER_S);
	pthread_mutex_lock(&b->lock);
	while (!b->done) {
		uint64_t wake = t.next < t.deadline ? t.next : t.deadline;
		struct timespec ts;
		timespec_at(&ts, wake);
		pthread_cond_timedwait(&b->cond, &b->lock, &ts);
		if (b->done)
			break;
		pthread_mutex_unlock(&b->lock);
		uint64_t now = bench_now_ns();
		if (now >= t.deadline) {
			atomic_store(&b->stop, true);
			t.deadline = UINT64_MAX;
		}
		if (now >= t.next)
			tick(b, &t, now);
		pthread_mutex_lock(&b->lock);
	}
	pthread_mutex_unlock(&b->lock);
	bench_join(b);
}

static void bench_init(bench *b, const bench_opts *o)
{
	b->o = o;
	pthread_mutex_init(&b->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&b->cond, &ca);
	pthread_condattr_destroy(&ca);
}

static void bench_free(bench *b)
{
	while (b->stats) {
		bench_stats *s = b->stats;
		b->stats = s->next;
		free(s);
	}
	free(b->slots);
	free(b->key_cache);
	as_record_destroy(b->rec);
	as_operations_destroy(b->ops);
	pthread_cond_destroy(&b->cond);
	pthread_mutex_destroy(&b->lock);
}

/* Write every key once, unmeasured, so that gets find their records. */
static void fill(bench *b, FILE *progress)
{
	const bench_opts *o = b->o;
	if (progress)
		fprintf(progress, "writing %" PRIu64 " keys before the run\n", o->keys);
	b->filling = true;
	b->target = o->keys;
	b->n_slots = o->in_flight < o->keys ? o->in_flight : (unsigned)o->keys;
	b->n_threads = 0;
	uint64_t start = bench_now_ns();
	bench_launch(b);
	wait_phase(b, start, 0, NULL);
	totals t = totals_now(b);
	if (t.errors || t.timeouts)
		fprintf(stderr, "aerofuture-bench: warning: %" PRIu64 " of %" PRIu64 " fill writes failed\n",
		        t.errors + t.timeouts, o->keys);
	b->filling = false;
	bench_stats_reset(b);
}

/* --- results ---------------------------------------------------------------- */

typedef struct result {
	totals t;
	bench_hist hist;
	bench_hist large_hist;      /* --large gets */
	bench_client_stats client;  /* the client's own figures over the run */
	uint64_t status[BENCH_STATUS_SLOTS];
	double duration_s;
	double cpu_user_us, cpu_sys_us;
	uint64_t submitted;         /* commands started; every one must have completed */
} result;

static void result_merge(bench *b, result *r)
{
	for (bench_stats *s = b->stats; s; s = s->next) {
		r->t.ops += atomic_load(&s->ops);
		r->t.errors += atomic_load(&s->errors);
		r->t.timeouts += atomic_load(&s->timeouts);
		bench_hist_merge(&r->hist, &s->hist);
		bench_hist_merge(&r->large_hist, &s->large_hist);
		for (unsigned i = 0; i < BENCH_STATUS_SLOTS; i++)
			r->status[i] += s->status[i];
	}
}

/* CPU time of the whole process so far, user and system, in us. */
static void cpu_now(double *user, double *sys)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	*user = (double)ru.ru_utime.tv_sec * 1e6 + (double)ru.ru_utime.tv_usec;
	*sys = (double)ru.ru_stime.tv_sec * 1e6 + (double)ru.ru_stime.tv_usec;
}

static const char *status_name(unsigned i)
{
	return i == BENCH_STATUS_SLOTS - 1 ? "AEROSPIKE_ERR_UNKNOWN"
	                                   : as_status_str((as_status)((int)i - BENCH_STATUS_BIAS));
}

static double q_us(const bench_hist *h, double q)
{
	return (double)bench_hist_quantile(h, q) / 1000.0;
}

static double per_op(const result *r, double us)
{
	return r->t.ops ? us / (double)r->t.ops : 0;
}

static void workload_name(const bench_opts *o, char *buf, size_t len)
{
	static const char *names[] = { "put", "get", "mixed", "operate", "list", "map" };
	if (o->workload == BENCH_MIXED)
		snprintf(buf, len, "mixed,%u", o->read_pct);
	else
		snprintf(buf, len, "%s", names[o->workload]);
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0;
}

static void print_json(const bench_opts *o, const result *r)
{
	char w[32];
	workload_name(o, w, sizeof(w));
	double per_s = r->duration_s > 0 ? (double)r->t.ops / r->duration_s : 0;
	printf("{\"workload\": \"%s\", \"api\": \"%s\", \"in_flight\": %u, \"threads\": %u, \"loops\": %u, "
	       "\"pipeline\": %u, \"keys\": %" PRIu64 ", \"bins\": %u, \"bin_size\": %u, \"bin_type\": \"%s\", ",
	       w, o->raw ? "raw" : "futures", o->in_flight, o->threads, o->loops, o->pipeline, o->keys, o->bins,
	       o->bin_size, o->bin_int ? "int" : "string");
	printf("\"ops\": %" PRIu64 ", \"ops_per_sec\": %.1f, \"errors\": {", r->t.ops, per_s);
	const char *sep = "";
	for (unsigned i = 0; i < BENCH_STATUS_SLOTS; i++) {
		if (!r->status[i])
			continue;
		printf("%s\"%s\": %" PRIu64, sep, status_name(i), r->status[i]);
		sep = ", ";
	}
	printf("}, \"errors_total\": %" PRIu64 ", \"timeouts\": %" PRIu64 ", ", r->t.errors, r->t.timeouts);
	/* Futures that never completed would show here (the run waits for all). */
	printf("\"submitted\": %" PRIu64 ", \"pending_at_end\": %" PRIu64 ", ", r->submitted,
	       r->submitted > r->t.ops ? r->submitted - r->t.ops : 0);
	printf("\"latency_us\": {\"p50\": %.1f, \"p90\": %.1f, \"p99\": %.1f, \"p999\": %.1f, \"max\": %.1f}, ",
	       q_us(&r->hist, 0.5), q_us(&r->hist, 0.9), q_us(&r->hist, 0.99), q_us(&r->hist, 0.999),
	       (double)r->hist.max / 1000.0);
	if (o->large_pct)
		printf("\"large\": {\"pct\": %u, \"bytes\": %u, \"gets\": %" PRIu64 ", \"p50\": %.1f, \"p99\": %.1f}, ",
		       o->large_pct, o->large_size, r->large_hist.count, q_us(&r->large_hist, 0.5),
		       q_us(&r->large_hist, 0.99));
	const bench_client_stats *c = &r->client;
	printf("\"connections\": {\"opened\": %" PRIu64 ", \"closed\": %" PRIu64 ", \"closed_by_timeout\": %" PRIu64
	       ", \"closed_per_1000\": %.3f}, ", c->opened, c->closed, c->closed_by_timeout,
	       ratio(c->closed * 1000, r->t.ops));
	printf("\"io\": {\"commands_per_write\": %.2f, \"replies_per_read\": %.2f, \"calls_per_command\": %.3f}, ",
	       ratio(c->requests, c->writes), ratio(c->replies, c->reads), ratio(c->writes + c->reads, r->t.ops));
	printf("\"cpu_us_per_op\": %.2f, \"cpu_user_us_per_op\": %.2f, \"cpu_sys_us_per_op\": %.2f, "
	       "\"duration_s\": %.6f}\n", per_op(r, r->cpu_user_us + r->cpu_sys_us), per_op(r, r->cpu_user_us),
	       per_op(r, r->cpu_sys_us), r->duration_s);
}

static void print_text(const bench_opts *o, const result *r)
{
	char w[32];
	workload_name(o, w, sizeof(w));
	printf("workload %s, %u in flight, %s, %u loop%s, pipeline %u\n", w, o->in_flight,
	       o->threads ? "threads blocking on futures" : o->raw ? "raw callbacks" : "chained futures",
	       o->loops, o->loops == 1 ? "" : "s", o->pipeline);
	if (o->threads)
		printf("threads %u\n", o->threads);
	printf("ops %" PRIu64 " in %.3f s: %.0f ops/s\n", r->t.ops, r->duration_s,
	       r->duration_s > 0 ? (double)r->t.ops / r->duration_s : 0);
	printf("errors %" PRIu64 ", timeouts %" PRIu64 "\n", r->t.errors, r->t.timeouts);
	for (unsigned i = 0; i < BENCH_STATUS_SLOTS; i++)
		if (r->status[i])
			printf("  %s: %" PRIu64 "\n", status_name(i), r->status[i]);
	printf("latency us: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f\n", q_us(&r->hist, 0.5),
	       q_us(&r->hist, 0.9), q_us(&r->hist, 0.99), q_us(&r->hist, 0.999), (double)r->hist.max / 1000.0);
	if (o->large_pct)
		printf("large gets (%u%%, %u bytes): %" PRIu64 ", latency us p50 %.1f  p99 %.1f\n", o->large_pct,
		       o->large_size, r->large_hist.count, q_us(&r->large_hist, 0.5), q_us(&r->large_hist, 0.99));
	printf("client cpu: %.2f us/op (user %.2f, system %.2f)\n", per_op(r, r->cpu_user_us + r->cpu_sys_us),
	       per_op(r, r->cpu_user_us), per_op(r, r->cpu_sys_us));
	const bench_client_stats *c = &r->client;
	/* The client's own send() and recv() calls: what batching saves. */
	printf("client i/o: %.2f commands per write, %.2f replies per read, %.3f send/recv calls per command\n",
	       ratio(c->requests, c->writes), ratio(c->replies, c->reads), ratio(c->writes + c->reads, r->t.ops));
	printf("connections: opened %" PRIu64 ", closed %" PRIu64 " (%" PRIu64 " after a timeout), %.3f closed per 1,000 commands\n",
	       c->opened, c->closed, c->closed_by_timeout, ratio(c->closed * 1000, r->t.ops));
}

/* The measured run: launch, wait, collect. */
static void measure(bench *b, FILE *progress, result *r)
{
	const bench_opts *o = b->o;
	b->target = o->ops ? o->ops : UINT64_MAX;
	b->n_slots = o->in_flight;
	b->n_threads = o->threads;
	double user0, sys0;
	bench_client_stats cs0, cs1;
	bench_client_stats_take(b->client, &cs0);
	cpu_now(&user0, &sys0);
	uint64_t start = bench_now_ns();
	bench_launch(b);
	wait_phase(b, start, o->duration_s, o->quiet ? NULL : progress);
	cpu_now(&r->cpu_user_us, &r->cpu_sys_us);
	r->cpu_user_us -= user0;
	r->cpu_sys_us -= sys0;
	r->duration_s = (double)(b->end_ns - start) / NS_PER_S;
	bench_client_stats_take(b->client, &cs1);
	bench_client_stats_diff(&cs1, &cs0, &r->client);
	uint64_t issued = atomic_load(&b->issued);
	r->submitted = issued < b->target ? issued : b->target;
	result_merge(b, r);
}

int main(int argc, char **argv)
{
	static bench_opts o;
	static result r;
	parse_opts(&o, argc, argv);
	install_signals();
	FILE *progress = o.json ? stderr : stdout;
	if (o.n_hosts == 0) {
		char err[512];
		if (bench_minispike_start(&g_ms, o.minispike, err, sizeof(err)) < 0) {
			fprintf(stderr, "aerofuture-bench: %s\n", err);
			return 1;
		}
	}
	bench *b = &g_bench;
	bench_init(b, &o);
	b->client = client_open(&o);
	b->rec = record_build(&o);
	if (o.workload >= BENCH_OPERATE)
		b->ops = operations_build(o.workload);
	if (o.reuse_keys) {
		b->key_cache = calloc(o.keys, sizeof(as_key));
		if (!b->key_cache) {
			fprintf(stderr, "aerofuture-bench: no memory for %" PRIu64 " keys\n", o.keys);
			return 1;
		}
		for (uint64_t k = 0; k < o.keys; k++)
			as_key_init_int(&b->key_cache[k], o.ns, o.set, (int64_t)k, NULL);
	}
	if (o.fill && (o.workload == BENCH_GET || o.workload == BENCH_MIXED) && !g_signals)
		fill(b, o.quiet ? NULL : progress);
	if (o.large_pct)
		bench_write_large(b);
	if (o.fault)
		bench_fault_apply(b->client, o.fault);
	measure(b, progress, &r);
	as_client_destroy(b->client);
	b->client = NULL;
	if (o.json)
		print_json(&o, &r);
	else
		print_text(&o, &r);
	/* Every command started must have completed, and only once. */
	if (r.t.ops != r.submitted) {
		fprintf(stderr, "aerofuture-bench: %" PRIu64 " commands submitted but %" PRIu64 " completions\n",
		        r.submitted, r.t.ops);
		bench_free(b);
		bench_minispike_stop(&g_ms);
		return 1;
	}
	bench_free(b);
	bench_minispike_stop(&g_ms);
	return g_signals ? 130 : 0;
}
