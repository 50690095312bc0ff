/* Starting and stopping a private minispike for aerofuture-bench when no
 * host is given. */
#ifndef BENCH_MINISPIKE_H
#define BENCH_MINISPIKE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Initialise with BENCH_MINISPIKE_INIT. */
typedef struct bench_minispike {
	pid_t pid;       /* 0 when not running */
	int out_fd;      /* its stdout (-1: none), kept open so a late write cannot SIGPIPE it */
	char addr[64];   /* address of node 0 as printed, e.g. 127.0.0.1 */
	uint16_t port;
} bench_minispike;

#define BENCH_MINISPIKE_INIT { 0, -1, "", 0 }

/* Start `PATH --port 0` and read its first line ("node 0 ADDR:PORT ID").
 * path may be NULL: then minispike is looked for next to this program
 * (../server/minispike in a build tree, or the same directory once
 * installed), then in PATH. Returns 0, or -1 with a message in err. */
int bench_minispike_start(bench_minispike *m, const char *path, char *err, size_t errlen);

/* SIGTERM, then reap it (SIGKILL if it lingers). Safe to call twice. */
void bench_minispike_stop(bench_minispike *m);

/* For a signal handler: send SIGTERM only (async-signal-safe). */
void bench_minispike_kill(const bench_minispike *m);

#endif
