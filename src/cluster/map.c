/* Partition map snapshots (see map.h for the sharing rules). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cluster/map.h"
#include "model/alloc.h"

static as_ns_table *table_get(as_cluster_map *m, const char *ns)
{
	for (size_t i = 0; i < m->n_ns; i++)
		if (strcmp(m->tables[i]->ns, ns) == 0)
			return m->tables[i];
	as_ns_table *t = as_calloc(1, sizeof(*t));
	snprintf(t->ns, sizeof(t->ns), "%s", ns);
	m->tables = as_realloc(m->tables, (m->n_ns + 1) * sizeof(*m->tables));
	m->tables[m->n_ns++] = t;
	return t;
}

as_cluster_map *as_cluster_map_build(const as_map_claim *claims, size_t n, uint64_t version)
{
	as_cluster_map *m = as_calloc(1, sizeof(*m));
	atomic_init(&m->refs, 1);
	m->version = version;
	m->nodes = as_calloc(n ? n : 1, sizeof(*m->nodes));
	for (size_t i = 0; i < n; i++)
		if (!as_node_removed(claims[i].node))
			m->nodes[m->n_nodes++] = as_node_retain(claims[i].node);
	/* Healthy claims first; a failing node fills only what nobody else took. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			const as_map_claim *c = &claims[i];
			if (as_node_removed(c->node) || !c->replicas || (pass == 0) != c->healthy)
				continue;
			for (size_t k = 0; k < c->replicas->n; k++) {
				const as_replicas_ns *r = &c->replicas->ns[k];
				as_ns_table *t = table_get(m, r->ns);
				uint8_t nr = r->n_replicas > AS_MAX_REPLICAS ? AS_MAX_REPLICAS : r->n_replicas;
				if (nr > t->n_replicas)
					t->n_replicas = nr;
				for (uint8_t rep = 0; rep < nr; rep++)
					for (uint32_t p = 0; p < AS_PARTITIONS; p++)
						if ((r->maps[rep][p >> 3] & (0x80 >> (p & 7))) && (pass == 0 || !t->nodes[rep][p]))
							t->nodes[rep][p] = c->node;
			}
		}
	}
	return m;
}

as_cluster_map *as_cluster_map_retain(as_cluster_map *m)
{
	atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
	return m;
}

void as_cluster_map_release(as_cluster_map *m)
{
	if (!m || atomic_fetch_sub_explicit(&m->refs, 1, memory_order_acq_rel) != 1)
		return;
	for (size_t i = 0; i < m->n_ns; i++)
		free(m->tables[i]);
	free(m->tables);
	for (size_t i = 0; i < m->n_nodes; i++)
		as_node_release(m->nodes[i]);
	free(m->nodes);
	free(m);
}

const as_ns_table *as_cluster_map_ns(const as_cluster_map *m, const char *ns)
{
	for (size_t i = 0; m && i < m->n_ns; i++)
		if (strcmp(m->tables[i]->ns, ns) == 0)
			return m->tables[i];
	return NULL;
}

as_node *as_cluster_map_node(const as_cluster_map *m, const char *name)
{
	for (size_t i = 0; m && i < m->n_nodes; i++)
		if (strcmp(m->nodes[i]->name, name) == 0)
			return m->nodes[i];
	return NULL;
}
