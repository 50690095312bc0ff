/* An immutable snapshot of the partition map: for each namespace, for each
 * replica position, the node of each of the 4096 partitions. Tend builds a
 * new one when partition generations change and hands it to every loop;
 * each loop reads its own pointer without locks, and the last loop to let go
 * of an old map frees it. Private. */
#ifndef AS_CLUSTER_MAP_H
#define AS_CLUSTER_MAP_H

#include <stdatomic.h>
#include <stdint.h>
#include <aerofuture/common.h>
#include "cluster/node.h"
#include "codec/info.h"

#define AS_MAX_REPLICAS 4

typedef struct as_ns_table {
	char ns[AS_NAMESPACE_MAX_LEN + 1];
	uint8_t n_replicas;
	as_node *nodes[AS_MAX_REPLICAS][AS_PARTITIONS];  /* borrowed from the map's node list */
} as_ns_table;

typedef struct as_cluster_map {
	atomic_uint refs;
	uint64_t version;
	size_t n_nodes;
	as_node **nodes;        /* every active node, retained by the map */
	size_t n_ns;
	as_ns_table **tables;
} as_cluster_map;

/* What one node says it holds: its `replicas` answer, and whether the node
 * is healthy (answering its tend requests). */
typedef struct as_map_claim {
	as_node *node;
	const as_replicas *replicas;
	bool healthy;
} as_map_claim;

/* Build a map from the claims of nodes not removed; where two nodes claim a
 * partition, a healthy node wins over a failing one (whose partitions are
 * being taken over). Returns a map holding one reference. */
as_cluster_map *as_cluster_map_build(const as_map_claim *claims, size_t n, uint64_t version);
as_cluster_map *as_cluster_map_retain(as_cluster_map *m);
void as_cluster_map_release(as_cluster_map *m);

/* Namespace table, or NULL. */
const as_ns_table *as_cluster_map_ns(const as_cluster_map *m, const char *ns);
/* Node by name, or NULL. */
as_node *as_cluster_map_node(const as_cluster_map *m, const char *name);

#endif
