/* A server node: its name and address, a reference count (maps and running
 * commands hold references; nodes are shared by all loops), and one
 * connection pool per loop, touched only by that loop's thread. Private. */
#ifndef AS_CLUSTER_NODE_H
#define AS_CLUSTER_NODE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include "codec/info.h"

struct as_conn;
struct as_command;

/* Per-loop pool and counters of one node (loop-local: no atomics). */
typedef struct as_pool {
	struct as_conn *idle;      /* idle connections (no command in flight), most recently used first */
	struct as_conn *fill;      /* conn that took a command in the current flush batch */
	struct as_command *wait_head, *wait_tail; /* commands waiting for a connection (pool at max) */
	uint32_t open;             /* connections open or opening */
	uint32_t in_use;           /* connections with commands in flight */
	uint64_t opened, closed;   /* totals */
	uint64_t commands, errors, timeouts, retries;
} as_pool;

typedef struct as_node {
	atomic_uint refs;
	char name[AS_NODE_NAME_MAX + 1];
	char addr_str[64];         /* "host:port" for messages */
	struct sockaddr_storage addr;
	socklen_t addr_len;
	unsigned n_loops;
	as_pool *pools;            /* n_loops pools */
	atomic_bool removed;       /* set by tend when the node leaves; loops then drop its connections */
	/* tend state, touched only by the tend loop */
	uint32_t failures;         /* consecutive tend failures */
	uint64_t peers_gen;        /* UINT64_MAX = unknown */
	uint64_t partition_gen;    /* UINT64_MAX = unknown */
	bool tend_busy;            /* a tend request is outstanding */
	struct as_replicas replicas;
	bool has_replicas;
	struct as_node *next;      /* cluster's node list */
} as_node;

as_node *as_node_new(const char *name, const struct sockaddr *addr, socklen_t len, unsigned n_loops);
as_node *as_node_retain(as_node *n);
void as_node_release(as_node *n);

/* "host:port" of a sockaddr into buf. */
void as_sockaddr_str(const struct sockaddr *sa, char *buf, size_t len);

#endif
