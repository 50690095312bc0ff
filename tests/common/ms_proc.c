/* Test helper: see ms_proc.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common/ms_proc.h"

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

uint16_t ms_free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(sa);
	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *)&sa, &len);
	close(fd);
	return ntohs(sa.sin_port);
}

static bool write_all(int fd, const void *buf, size_t len)
{
	const char *b = buf;
	while (len) {
		ssize_t n = write(fd, b, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		b += n;
		len -= (size_t)n;
	}
	return true;
}

static bool read_all(int fd, void *buf, size_t len)
{
	char *b = buf;
	while (len) {
		ssize_t n = read(fd, b, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		b += n;
		len -= (size_t)n;
	}
	return true;
}

bool ms_info(uint16_t port, const char *request, char *out, size_t out_len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct timeval tv = { 5, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return false;
	}
	size_t len = strlen(request);
	uint8_t hdr[8] = { 2, 1 };
	for (int i = 0; i < 6; i++)
		hdr[2 + i] = (uint8_t)((uint64_t)len >> (8 * (5 - i)));
	bool ok = write_all(fd, hdr, 8) && write_all(fd, request, len) && read_all(fd, hdr, 8);
	if (ok) {
		uint64_t size = 0;
		for (int i = 0; i < 6; i++)
			size = (size << 8) | hdr[2 + i];
		char *body = malloc(size + 1);
		ok = read_all(fd, body, size);
		if (ok) {
			body[size] = '\0';
			snprintf(out, out_len, "%s", body);
		}
		free(body);
	}
	close(fd);
	return ok;
}

long long ms_stat(uint16_t port, const char *name)
{
	static char buf[1 << 16];
	if (!ms_info(port, "statistics\n", buf, sizeof(buf)))
		return -1;
	size_t nlen = strlen(name);
	for (char *p = buf; (p = strstr(p, name)) != NULL; p += nlen) {
		bool start = p == buf || p[-1] == ';' || p[-1] == '\t';
		if (start && p[nlen] == '=')
			return atoll(p + nlen + 1);
	}
	return -1;
}
