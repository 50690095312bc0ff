/* Partition ownership of the in-process cluster and the text of the
 * cluster-facing info values (peers, services, replicas).
 *
 * Partition p belongs to node p % N while that node is up; partitions of a
 * node that is down go round-robin to the live ones. So stopping a node
 * moves only its own partitions, and starting it again moves them back.
 * Replication factor 1: each partition has exactly one owner, and every
 * node answers `replicas` from the same table, so the nodes agree. A node
 * goes up or down here, in the state; the I/O side opens or closes its
 * sockets to match. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "minispike.h"

int ms_cluster_live_nodes(const ms_server *s)
{
	int n = 0;

	for (int i = 0; i < s->n_nodes; i++)
		n += s->nodes[i].up ? 1 : 0;
	return n;
}

void ms_cluster_rebalance(ms_server *s)
{
	int live[MS_MAX_NODES];
	int n_live = 0;

	for (int i = 0; i < s->n_nodes; i++) {
		if (s->nodes[i].up)
			live[n_live++] = i;
	}
	for (uint32_t p = 0; p < AS_PARTITIONS; p++) {
		int home = (int)(p % (uint32_t)s->n_nodes);

		if (s->nodes[home].up)
			s->owner[p] = (int16_t)home;
		else if (n_live > 0)
			s->owner[p] = (int16_t)live[p % (uint32_t)n_live];
		else
			s->owner[p] = -1;
	}
}

void ms_cluster_set_up(ms_server *s, int i, bool up)
{
	s->nodes[i].up = up;
	/* clients notice through these and fetch the new map */
	s->peers_gen++;
	s->partition_gen++;
	s->cluster_gen++;
	ms_cluster_rebalance(s);
}

void ms_cluster_bitmap(const ms_server *s, int node, uint8_t map[AS_PARTITIONS / 8])
{
	memset(map, 0, AS_PARTITIONS / 8);
	for (uint32_t p = 0; p < AS_PARTITIONS; p++) {
		if (s->owner[p] == node)
			map[p >> 3] |= (uint8_t)(0x80 >> (p & 7));
	}
}

uint64_t ms_cluster_key(const ms_server *s)
{
	/* changes with membership and every rebalance, like the server's */
	uint64_t k = 0xC30E8109ull ^ (s->cluster_gen * 0x9E3779B97F4A7C15ull);

	for (int i = 0; i < s->n_nodes; i++) {
		if (s->nodes[i].up)
			k ^= (uint64_t)(i + 1) * 0xBF58476D1CE4E5B9ull;
	}
	return k & 0xFFFFFFFFFFFFull;
}

void ms_cluster_host(const ms_server *s, uint16_t port, as_buffer *out)
{
	/* advertise exactly the address we are bound to, never another interface */
	if (strchr(s->bind_addr, ':') != NULL)
		as_buffer_printf(out, "[%s]:%u", s->bind_addr, (unsigned)port);
	else
		as_buffer_printf(out, "%s:%u", s->bind_addr, (unsigned)port);
}

void ms_cluster_peers(const ms_server *s, const ms_node *self, as_buffer *out)
{
	bool first = true;

	as_buffer_printf(out, "%llu,%u,[", (unsigned long long)s->peers_gen, (unsigned)self->port);
	for (int i = 0; i < s->n_nodes; i++) {
		const ms_node *n = &s->nodes[i];

		if (!n->up || n == self)
			continue;
		as_buffer_printf(out, "%s[%s,,[", first ? "" : ",", n->id);
		ms_cluster_host(s, n->port, out);
		as_buffer_printf(out, "]]");
		first = false;
	}
	as_buffer_printf(out, "]");
}

void ms_cluster_services(const ms_server *s, const ms_node *self, as_buffer *out)
{
	bool first = true;

	for (int i = 0; i < s->n_nodes; i++) {
		const ms_node *n = &s->nodes[i];

		if (!n->up || n == self)
			continue;
		if (!first)
			as_buffer_printf(out, ";");
		ms_cluster_host(s, n->port, out);
		first = false;
	}
}
