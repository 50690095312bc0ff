/* A node's listening socket. Accepted sockets go to the function the
 * listener was opened with, so listening knows nothing of connections.
 * Whether a node should listen is the cluster state's business
 * (ms_node.up); conn.c makes the sockets follow it. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net.h"

static void ms_node_on_accept(evutil_socket_t fd, short what, void *arg)
{
	ms_node *n = arg;

	/* bounded, so one node cannot starve the others */
	for (int i = 0; i < 64; i++) {
		evutil_socket_t cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (cfd < 0)
			break;
		n->on_accept(n, cfd);
	}
}

int ms_node_listen(ms_node *n, ms_accept_fn on_accept)
{
	ms_server *s = n->srv;
	struct sockaddr_storage ss;
	socklen_t sl;
	int one = 1;
	evutil_socket_t fd;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, s->bind_addr, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(n->port);
		sl = sizeof(*sin);
	} else if (inet_pton(AF_INET6, s->bind_addr, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(n->port);
		sl = sizeof(*sin6);
	} else {
		fprintf(stderr, "minispike: --bind %s: not an IPv4 or IPv6 address\n", s->bind_addr);
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("minispike: socket");
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, 1024) != 0) {
		fprintf(stderr, "minispike: node %d: cannot listen on %s port %u: %s\n", n->index,
		        s->bind_addr, (unsigned)n->port, strerror(errno));
		close(fd);
		return -1;
	}
	if (n->port == 0) {
		sl = sizeof(ss);
		getsockname(fd, (struct sockaddr *)&ss, &sl);
		n->port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port :
		                                          ((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	n->lfd = fd;
	n->on_accept = on_accept;
	n->accept_ev = event_new(s->base, fd, EV_READ | EV_PERSIST, ms_node_on_accept, n);
	event_add(n->accept_ev, NULL);
	return 0;
}

void ms_node_unlisten(ms_node *n)
{
	if (n->lfd < 0)
		return;
	event_free(n->accept_ev);
	n->accept_ev = NULL;
	close(n->lfd);
	n->lfd = -1;
}
