/* Blocking TCP for the tests: see net.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/net.h"

/* Proto header: version, type, 48-bit big-endian body size. */
#define PROTO_VERSION 2
#define PROTO_TYPE_INFO 1
#define PROTO_HEADER_SIZE 8
#define PROTO_MAX_BODY (128u << 20)

static struct sockaddr_in loopback(uint16_t port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sa;
}

void net_set_timeout(int fd, int timeout_ms)
{
	struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

int net_connect(uint16_t port, int timeout_ms)
{
	struct sockaddr_in sa = loopback(port);
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	net_set_timeout(fd, timeout_ms);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Send (out) or receive all len bytes of b: the one loop behind both. */
static bool transfer_all(int fd, uint8_t *b, size_t len, bool out)
{
	while (len > 0) {
		ssize_t n = out ? send(fd, b, len, MSG_NOSIGNAL) : recv(fd, b, len, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		b += n;
		len -= (size_t)n;
	}
	return true;
}

bool net_send_all(int fd, const void *buf, size_t len)
{
	return transfer_all(fd, (uint8_t *)buf, len, true);  /* send() only reads it */
}

bool net_recv_exact(int fd, void *buf, size_t len)
{
	return transfer_all(fd, buf, len, false);
}

/* The body of the info reply arriving on fd, or NULL. */
static char *recv_info_body(int fd)
{
	uint8_t h[PROTO_HEADER_SIZE];
	uint64_t size = 0;
	char *body;

	if (!net_recv_exact(fd, h, sizeof(h)) || h[0] != PROTO_VERSION || h[1] != PROTO_TYPE_INFO)
		return NULL;
	for (int i = 0; i < 6; i++)
		size = (size << 8) | h[2 + i];
	if (size > PROTO_MAX_BODY)
		return NULL;
	body = malloc(size + 1);
	if (!body)
		abort();
	if (!net_recv_exact(fd, body, size)) {
		free(body);
		return NULL;
	}
	body[size] = '\0';
	return body;
}

char *net_info(uint16_t port, const char *request)
{
	uint8_t h[PROTO_HEADER_SIZE] = { PROTO_VERSION, PROTO_TYPE_INFO };
	size_t len = strlen(request);
	char *body = NULL;
	int fd = net_connect(port, 5000);

	if (fd < 0)
		return NULL;
	for (int i = 0; i < 6; i++)
		h[2 + i] = (uint8_t)((uint64_t)len >> (8 * (5 - i)));
	if (net_send_all(fd, h, sizeof(h)) && net_send_all(fd, request, len))
		body = recv_info_body(fd);
	close(fd);
	return body;
}

uint16_t net_free_port(void)
{
	struct sockaddr_in sa = loopback(0);
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *)&sa, &len);
	close(fd);
	return ntohs(sa.sin_port);
}
