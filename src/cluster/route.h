/* Routing: which node a command goes to. One function decides it for
 * every family: a partition of a namespace (single-record commands, each
 * key of a batch, each partition of a scan) goes to the node the replica
 * policy picks from the partition map; a command for a node (info) goes to
 * that node by name, or to any node. Private. */
#ifndef AS_CLUSTER_ROUTE_H
#define AS_CLUSTER_ROUTE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <aerofuture/error.h>
#include <aerofuture/policy.h>
#include "cluster/map.h"

/* Where to go. With ns set (an array of AS_NAMESPACE_MAX_LEN + 1 bytes,
 * zero-padded, as in as_key): partition partition_id of namespace ns, on the
 * replica that replica and attempt pick (master, or for SEQUENCE the next
 * replica on each retry). With ns NULL: the node named node_name, or any
 * node when node_name is NULL or "". */
typedef struct as_route {
	const char *ns;
	uint32_t partition_id;
	as_policy_replica replica;
	uint32_t attempt;
	const char *node_name;
} as_route;

/* Commands of one loop mostly name one namespace: the loop remembers its
 * table for the current map. Zero it to start; one per loop (not shared). */
typedef struct as_route_cache {
	const as_cluster_map *map;
	char ns[AS_NAMESPACE_MAX_LEN + 1];
	const as_ns_table *table;
} as_route_cache;

/* Which replica position r asks for in table t. */
static inline unsigned as_route_replica(const as_ns_table *t, const as_route *r)
{
	unsigned n = t->n_replicas ? t->n_replicas : 1;
	return r->replica == AS_POLICY_REPLICA_SEQUENCE ? r->attempt % n : 0;
}

as_node *as_route_find_slow(const as_cluster_map *map, const as_route *r, as_route_cache *cache, bool *wait,
                            as_error *err);

/* The node for r in map (borrowed from the map: retain it to keep it), or
 * NULL with err set. *wait tells a NULL that may resolve with a later map
 * (no map yet, or the partition is between owners) from one that will not
 * (unknown namespace or node). cache may be NULL. Inline for the common
 * case, a partition of the namespace the loop routed last; the rest is
 * decided out of line, by the same rules. */
static inline as_node *as_route_find(const as_cluster_map *map, const as_route *r, as_route_cache *cache, bool *wait,
                                     as_error *err)
{
	if (cache && cache->table && cache->map == map && r->ns && memcmp(cache->ns, r->ns, sizeof(cache->ns)) == 0) {
		as_node *node = cache->table->nodes[as_route_replica(cache->table, r)][r->partition_id];
		if (node) {
			*wait = false;
			return node;
		}
	}
	return as_route_find_slow(map, r, cache, wait, err);
}

#endif
