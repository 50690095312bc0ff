/* aerofuture-bench: options, shared run state and per-thread statistics. */
#ifndef BENCH_H
#define BENCH_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <aerofuture/aerofuture.h>

#include "bench_hist.h"

typedef enum bench_workload {
	BENCH_PUT,
	BENCH_GET,
	BENCH_MIXED,
	BENCH_OPERATE,
	BENCH_LIST,     /* operate: list_append + list_size */
	BENCH_MAP       /* operate: map_increment + map_get_by_key */
} bench_workload;

#define BENCH_MAX_HOSTS 16
/* --large: how many large records the large gets spread over. */
#define BENCH_LARGE_KEYS 8

typedef struct bench_opts {
	const char *hosts[BENCH_MAX_HOSTS];
	unsigned n_hosts;
	const char *minispike;      /* binary to start when no host is given */
	const char *ns, *set;
	bench_workload workload;
	unsigned read_pct;          /* mixed: share of gets, 0..100 */
	unsigned in_flight;
	uint64_t ops;               /* 0: run for duration_s */
	double duration_s;
	uint64_t keys;
	unsigned bins;
	unsigned bin_size;
	bool bin_int;
	bool fill;
	uint32_t timeout_ms;        /* 0: client default */
	uint64_t seed;
	unsigned threads;           /* 0: chain on the loops */
	unsigned loops;
	unsigned pipeline;
	unsigned max_conns;
	bool raw;
	bool reuse_keys;             /* build every key (and its digest) once, up front */
	unsigned large_pct;          /* --large: share of gets (0..100) that read a large record */
	unsigned large_size;         /* --large: its size in bytes */
	const char *fault;           /* --fault: minispike-fault spec sent to every node before the run */
	bool json;
	bool quiet;
} bench_opts;

/* Status codes span -13..210; one counter each, the last for anything else. */
#define BENCH_STATUS_BIAS 16
#define BENCH_STATUS_SLOTS 240

/* Counters of one thread (a loop thread or a submitting thread). Only the
 * owner writes; the per-second report reads the atomics without locking. */
typedef struct bench_stats {
	struct bench_stats *next;
	atomic_uint_fast64_t ops;
	atomic_uint_fast64_t errors;
	atomic_uint_fast64_t timeouts;
	uint64_t status[BENCH_STATUS_SLOTS];
	bench_hist hist;             /* every command but the large gets */
	bench_hist large_hist;       /* --large: the gets of large records */
} bench_stats;

/* One chain of commands: the next starts from the previous one's callback. */
typedef struct bench_slot {
	struct bench *b;
	uint64_t t0;                /* submit time, ns */
	uint64_t rng;               /* xorshift64 state */
	bool large;                 /* the command in flight is a large get */
	char pad[39];               /* a cache line per slot: slots live on different loops */
} bench_slot;

/* A measured phase or the fill pass. */
typedef struct bench {
	const bench_opts *o;
	as_client *client;
	as_record *rec;             /* what puts write (read-only once built) */
	as_operations *ops;         /* what operate runs */
	as_key *key_cache;          /* --reuse-keys: one key per key number */
	as_key large_keys[BENCH_LARGE_KEYS]; /* --large: the records large gets read */
	bool filling;               /* sequential keys, puts only */
	uint64_t target;            /* commands to issue; UINT64_MAX when timed */
	atomic_uint_fast64_t issued;
	atomic_bool stop;           /* stop issuing (deadline or signal) */
	atomic_uint active;         /* chains or threads still running */
	uint64_t end_ns;            /* when the last one finished */
	pthread_mutex_t lock;
	pthread_cond_t cond;        /* signalled when active reaches 0 */
	bool done;
	bench_stats *stats;         /* every thread's counters (under lock) */
	bench_slot *slots;
	unsigned n_slots;
	pthread_t *threads;
	void *thread_args;
	unsigned n_threads;
} bench;

/* bench_run.c */
uint64_t bench_now_ns(void);
void bench_stats_reset(bench *b);
/* Start the phase's chains (or threads) from the calling thread. */
void bench_launch(bench *b);
/* Join the submitting threads, if any, once done. */
void bench_join(bench *b);
/* --large: write the large records (before the run, unmeasured). */
void bench_write_large(bench *b);

/* bench_client_stats.c: the client's own figures over the measured run. */
typedef struct bench_client_stats {
	uint64_t opened, closed, closed_by_timeout;   /* connections */
	uint64_t requests, writes, replies, reads;    /* I/O calls of the client's connections */
} bench_client_stats;
/* The client's per-node figures summed over nodes. */
void bench_client_stats_take(as_client *c, bench_client_stats *out);
/* after - before, field by field. */
void bench_client_stats_diff(const bench_client_stats *after, const bench_client_stats *before,
                             bench_client_stats *out);
/* --fault: send minispike-fault:<spec> to every node; exits on a refusal. */
void bench_fault_apply(as_client *c, const char *spec);

#endif
