/* The one routing decision (see route.h). */
#include <string.h>
#include "cluster/route.h"
#include "loop/loop.h"

static const as_ns_table *route_table(const as_cluster_map *map, const char *ns, as_route_cache *cache)
{
	if (!cache)
		return as_cluster_map_ns(map, ns);
	/* Both names are zero-padded arrays of the same size (see as_route):
	 * one fixed-size compare. */
	if (cache->map == map && memcmp(cache->ns, ns, sizeof(cache->ns)) == 0)
		return cache->table;
	cache->map = map;
	cache->table = as_cluster_map_ns(map, ns);
	memcpy(cache->ns, ns, sizeof(cache->ns));
	return cache->table;
}

static as_node *route_node(const as_cluster_map *map, const char *name, as_error *err)
{
	if (!name || !name[0])
		return map->nodes[(unsigned)as_clock_ns() % map->n_nodes];
	as_node *node = as_cluster_map_node(map, name);
	if (!node)
		as_error_set(err, AEROSPIKE_ERR_INVALID_NODE, "node '%s' is not in the cluster", name);
	return node;
}

as_node *as_route_find_slow(const as_cluster_map *map, const as_route *r, as_route_cache *cache, bool *wait,
                            as_error *err)
{
	*wait = false;
	if (!map || map->n_nodes == 0) {
		*wait = true;
		as_error_set(err, AEROSPIKE_ERR_INVALID_NODE, "no nodes known: the cluster's partition map is empty");
		return NULL;
	}
	if (!r->ns)
		return route_node(map, r->node_name, err);
	const as_ns_table *t = route_table(map, r->ns, cache);
	if (!t) {
		as_error_set(err, AEROSPIKE_ERR_NAMESPACE_NOT_FOUND,
		             "namespace '%s' is not in the cluster's partition map", r->ns);
		return NULL;
	}
	as_node *node = t->nodes[as_route_replica(t, r)][r->partition_id];
	if (!node)
		node = t->nodes[0][r->partition_id];
	if (!node) {
		/* Between owners (a node left, or the map is still being filled
		 * in): a later map will tell. */
		*wait = true;
		as_error_set(err, AEROSPIKE_ERR_INVALID_NODE, "no node serves partition %u of namespace '%s'",
		             r->partition_id, r->ns);
	}
	return node;
}
