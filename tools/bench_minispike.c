/* A private minispike: fork/exec, read the port it picked, stop it. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "bench_minispike.h"

/* How long minispike may take to print its startup line. */
#define START_TIMEOUT_MS 5000

static int executable(const char *path)
{
	return access(path, X_OK) == 0;
}

/* The directory holding this program, from /proc (Linux), or "" if unknown. */
static void self_dir(char *dir, size_t len)
{
	dir[0] = '\0';
	ssize_t n = readlink("/proc/self/exe", dir, len - 1);
	if (n <= 0)
		return;
	dir[n] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		dir[0] = '\0';
}

/* Fill out with the binary to run; a bare "minispike" means search PATH. */
static void find_binary(const char *path, char *out, size_t len)
{
	if (path) {
		snprintf(out, len, "%s", path);
		return;
	}
	char dir[PATH_MAX];
	self_dir(dir, sizeof(dir));
	if (dir[0]) {
		/* Build tree: tools/aerofuture-bench beside server/minispike
		 * (tools/.libs/ when libtool wraps the program). */
		snprintf(out, len, "%s/../server/minispike", dir);
		if (executable(out))
			return;
		snprintf(out, len, "%s/../../server/minispike", dir);
		if (strstr(dir, "/.libs") && executable(out))
			return;
		/* Installed: both in $(bindir). */
		snprintf(out, len, "%s/minispike", dir);
		if (executable(out))
			return;
	}
	snprintf(out, len, "minispike");
}

static void child_exec(const char *bin, int out_fd, pid_t parent)
{
#ifdef __linux__
	/* Do not outlive the bench even if it is killed outright. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(127);
#else
	(void)parent;
#endif
	if (dup2(out_fd, STDOUT_FILENO) < 0)
		_exit(127);
	close(out_fd);
	char *argv[] = { (char *)"minispike", (char *)"--port", (char *)"0", NULL };
	if (strchr(bin, '/'))
		execv(bin, argv);
	else
		execvp(bin, argv);
	fprintf(stderr, "aerofuture-bench: cannot run %s: %s\n", bin, strerror(errno));
	_exit(127);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read up to the first newline within the startup timeout. */
static int read_line(int fd, char *line, size_t len)
{
	size_t used = 0;
	long long deadline = now_ms() + START_TIMEOUT_MS;
	while (used + 1 < len) {
		long long left = deadline - now_ms();
		if (left <= 0)
			return -1;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		ssize_t n = read(fd, line + used, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		if (line[used] == '\n') {
			line[used] = '\0';
			return 0;
		}
		used++;
	}
	return -1;
}

/* "node 0 127.0.0.1:41233 BB9000000000001" -> addr, port. */
static int parse_line(const char *line, char *addr, size_t addrlen, uint16_t *port)
{
	char hostport[64];
	int index;
	if (sscanf(line, "node %d %63s", &index, hostport) != 2 || index != 0)
		return -1;
	char *colon = strrchr(hostport, ':');
	if (!colon)
		return -1;
	*colon = '\0';
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (*end || p <= 0 || p > 65535)
		return -1;
	if (strlen(hostport) >= addrlen)
		return -1;
	memcpy(addr, hostport, strlen(hostport) + 1);
	*port = (uint16_t)p;
	return 0;
}

int bench_minispike_start(bench_minispike *m, const char *path, char *err, size_t errlen)
{
	char bin[PATH_MAX + 32];
	find_binary(path, bin, sizeof(bin));
	int fds[2];
	if (pipe(fds) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child_exec(bin, fds[1], parent);
	}
	close(fds[1]);
	m->pid = pid;
	m->out_fd = fds[0];
	char line[256];
	if (read_line(fds[0], line, sizeof(line)) < 0 || parse_line(line, m->addr, sizeof(m->addr), &m->port) < 0) {
		snprintf(err, errlen, "%s did not start (no 'node 0 ADDR:PORT ID' line); give its path with --minispike "
		         "or a server with -h", bin);
		bench_minispike_stop(m);
		return -1;
	}
	return 0;
}

void bench_minispike_kill(const bench_minispike *m)
{
	if (m->pid > 0)
		kill(m->pid, SIGTERM);
}

void bench_minispike_stop(bench_minispike *m)
{
	if (m->pid > 0) {
		kill(m->pid, SIGTERM);
		/* Up to 2 s for a clean exit, then no more waiting. */
		int status;
		pid_t r = 0;
		for (int i = 0; i < 200 && (r = waitpid(m->pid, &status, WNOHANG)) == 0; i++) {
			struct timespec ts = { 0, 10 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
		if (r == 0) {
			kill(m->pid, SIGKILL);
			waitpid(m->pid, &status, 0);
		}
		m->pid = 0;
	}
	if (m->out_fd >= 0) {
		close(m->out_fd);
		m->out_fd = -1;
	}
}
