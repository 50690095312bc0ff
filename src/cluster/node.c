/* Node objects: shared by loops, freed by the last reference. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cluster/node.h"
#include "model/alloc.h"

as_node *as_node_new(const char *name, const struct sockaddr *addr, socklen_t len, unsigned n_loops,
                     size_t loop_state_size)
{
	as_node *n = as_calloc(1, sizeof(*n));
	atomic_init(&n->refs, 1);
	snprintf(n->name, sizeof(n->name), "%s", name);
	memcpy(&n->addr, addr, len);
	n->addr_len = len;
	as_sockaddr_str(addr, n->addr_str, sizeof(n->addr_str));
	n->n_loops = n_loops;
	n->loop_state_size = loop_state_size;
	n->loop_state = as_calloc(n_loops ? n_loops : 1, loop_state_size ? loop_state_size : 1);
	return n;
}

as_node *as_node_retain(as_node *n)
{
	atomic_fetch_add_explicit(&n->refs, 1, memory_order_relaxed);
	return n;
}

void as_node_release(as_node *n)
{
	if (!n || atomic_fetch_sub_explicit(&n->refs, 1, memory_order_acq_rel) != 1)
		return;
	free(n->loop_state);
	free(n);
}

void as_sockaddr_str(const struct sockaddr *sa, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
		port = ntohs(in->sin_port);
		snprintf(buf, len, "%s:%u", host, port);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
		port = ntohs(in6->sin6_port);
		snprintf(buf, len, "[%s]:%u", host, port);
	} else {
		snprintf(buf, len, "?");
	}
}
