/* Test helper: run minispike as a child process on free ports, and talk to
 * it with raw info requests (faults, node stop/start, statistics). Free
 * ports and the socket loops themselves are in net.h. */
#ifndef MS_PROC_H
#define MS_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "server/ms_limits.h"

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
/* SIGTERM and reap; returns the exit status (0 = clean). */
int ms_stop(ms_proc *p);
/* Send one info request to port (net_info); copies the reply body
 * (NUL-terminated, cut to fit) into out. false on connection failure. */
bool ms_info(uint16_t port, const char *request, char *out, size_t out_len);
/* Value of "name=<n>" inside the statistics of the node on port; -1 if absent. */
long long ms_stat(uint16_t port, const char *name);
/* The sum of that statistic over the nodes of p (a node without it counts 0). */
long long ms_stat_sum(const ms_proc *p, const char *name);
/* The same inside a statistics reply already read: stats holds
 * "name=<n>" items separated by ';' (after a tab, or at its start). */
long long ms_stat_value(const char *stats, const char *name);

#endif
