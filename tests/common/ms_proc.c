/* Test helper: see ms_proc.h. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/ms_proc.h"
#include "common/net.h"

static const char *minispike_path(void)
{
	static char path[4096];
	const char *dir = getenv("AS_BUILDDIR");
	snprintf(path, sizeof(path), "%s/server/minispike", dir ? dir : ".");
	return path;
}

bool ms_start(ms_proc *p, int nodes, const char *extra)
{
	memset(p, 0, sizeof(*p));
	if (nodes < 1 || nodes > MS_MAX_NODES)
		return false;
	int fds[2];
	if (pipe(fds) != 0)
		return false;
	char nodes_str[16];
	snprintf(nodes_str, sizeof(nodes_str), "%d", nodes);
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		/* A test that dies (Check forks one process per test) takes its
		 * server with it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		char *argv[32];
		int argc = 0;
		argv[argc++] = (char *)minispike_path();
		argv[argc++] = "--port";
		argv[argc++] = "0";
		argv[argc++] = "--nodes";
		argv[argc++] = nodes_str;
		char *copy = extra ? strdup(extra) : NULL;
		for (char *tok = copy ? strtok(copy, " ") : NULL; tok && argc < 30; tok = strtok(NULL, " "))
			argv[argc++] = tok;
		argv[argc] = NULL;
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	FILE *in = fdopen(fds[0], "r");
	char line[512];
	while (p->n_nodes < nodes && fgets(line, sizeof(line), in)) {
		char *at = strstr(line, "127.0.0.1:");
		if (at)
			p->ports[p->n_nodes++] = (uint16_t)atoi(at + strlen("127.0.0.1:"));
	}
	/* Keep the pipe's read end open in a detached way: closing it could give
	 * minispike SIGPIPE on later prints. */
	p->pid = pid;
	if (p->n_nodes < nodes) {
		ms_stop(p);
		return false;
	}
	return true;
}

int ms_stop(ms_proc *p)
{
	if (p->pid <= 0)
		return -1;
	kill(p->pid, SIGTERM);
	int status = 0;
	waitpid(p->pid, &status, 0);
	p->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ms_kill(ms_proc *p)
{
	if (p->pid <= 0)
		return;
	kill(p->pid, SIGKILL);
	waitpid(p->pid, NULL, 0);
	p->pid = 0;
}

bool ms_info(uint16_t port, const char *request, char *out, size_t out_len)
{
	char *body = net_info(port, request);

	if (!body)
		return false;
	snprintf(out, out_len, "%s", body);
	free(body);
	return true;
}

long long ms_stat_value(const char *stats, const char *name)
{
	size_t nlen = strlen(name);
	for (const char *p = stats; (p = strstr(p, name)) != NULL; p += nlen) {
		bool start = p == stats || p[-1] == ';' || p[-1] == '\t';
		if (start && p[nlen] == '=')
			return atoll(p + nlen + 1);
	}
	return -1;
}

long long ms_stat(uint16_t port, const char *name)
{
	char *stats = net_info(port, "statistics\n");
	long long v = stats ? ms_stat_value(stats, name) : -1;

	free(stats);
	return v;
}

long long ms_stat_sum(const ms_proc *p, const char *name)
{
	long long total = 0;

	for (int i = 0; i < p->n_nodes; i++) {
		long long v = ms_stat(p->ports[i], name);

		if (v > 0)
			total += v;
	}
	return total;
}
