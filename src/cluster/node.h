/* A server node: its name and address, a reference count (partition maps,
 * connections and running commands hold references; nodes are shared by
 * all loops), and per-loop state that the layers above keep for it (the
 * command layer's connection pools). Private. */
#ifndef AS_CLUSTER_NODE_H
#define AS_CLUSTER_NODE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include "codec/info.h"   /* AS_NODE_NAME_MAX */

typedef struct as_node {
	atomic_uint refs;
	char name[AS_NODE_NAME_MAX + 1];  /* "" while a seed has not said who it is */
	char addr_str[64];         /* "host:port" for messages */
	struct sockaddr_storage addr;
	socklen_t addr_len;
	atomic_bool removed;       /* set by tend when the node leaves; loops then drop its connections */
	/* n_loops blocks of loop_state_size bytes, zeroed, block i touched only
	 * by loop i's thread; freed with the node. */
	unsigned n_loops;
	size_t loop_state_size;
	void *loop_state;
} as_node;

/* A node holding one reference, with n_loops zeroed blocks of
 * loop_state_size bytes of per-loop state. */
as_node *as_node_new(const char *name, const struct sockaddr *addr, socklen_t len, unsigned n_loops,
                     size_t loop_state_size);
as_node *as_node_retain(as_node *n);
/* Drop a reference; the last frees the node. NULL is ignored. */
void as_node_release(as_node *n);

/* Per-loop state block of loop i. */
static inline void *as_node_loop_state(const as_node *n, unsigned i)
{
	return (char *)n->loop_state + (size_t)i * n->loop_state_size;
}

static inline bool as_node_removed(const as_node *n)
{
	return atomic_load_explicit(&((as_node *)n)->removed, memory_order_relaxed);
}

/* "host:port" of a sockaddr into buf. */
void as_sockaddr_str(const struct sockaddr *sa, char *buf, size_t len);

#endif
