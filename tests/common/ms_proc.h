/* Test helper: run minispike as a child process on free ports, and talk to
 * it with raw info requests (faults, node stop/start, statistics). */
#ifndef MS_PROC_H
#define MS_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "server/limits.h"

typedef struct ms_proc {
	pid_t pid;
	int n_nodes;
	uint16_t ports[MS_MAX_NODES];
} ms_proc;

/* Start "minispike --port 0 --nodes N extra..." (extra may be NULL; N from 1
 * to MS_MAX_NODES, as minispike accepts); false on failure. */
bool ms_start(ms_proc *p, int nodes, const char *extra);
/* SIGKILL and reap: a server dying without warning. */
void ms_kill(ms_proc *p);
/* A TCP port on 127.0.0.1 that was free a moment ago. */
uint16_t ms_free_port(void);
/* SIGTERM and reap; returns the exit status (0 = clean). */
int ms_stop(ms_proc *p);
/* Send one info request to port; copies the reply body (NUL-terminated)
 * into out. false on connection failure. */
bool ms_info(uint16_t port, const char *request, char *out, size_t out_len);
/* Value of "name=<n>" inside the statistics of the node on port; -1 if absent. */
long long ms_stat(uint16_t port, const char *name);

#endif
