/* Setting up and tearing down minispike's state, for main.c, the fuzz
 * entry and the unit tests alike. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minispike.h"

void ms_server_init(ms_server *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->bind_addr, sizeof(s->bind_addr), "127.0.0.1");
	snprintf(s->cluster_name, sizeof(s->cluster_name), "minispike");
	s->max_record_size = 1048576;
	ms_store_init(&s->store);
}

void ms_server_set_nodes(ms_server *s, int n_nodes, uint16_t base_port)
{
	s->n_nodes = n_nodes;
	s->base_port = base_port;
	for (int i = 0; i < n_nodes; i++) {
		ms_node *n = &s->nodes[i];

		memset(n, 0, sizeof(*n));
		n->srv = s;
		n->index = i;
		n->lfd = -1;
		/* BB9 and the node number, as the startup lines document */
		snprintf(n->id, sizeof(n->id), "BB9%012X", (unsigned)(i + 1));
		n->port = base_port == 0 ? 0 : (uint16_t)(base_port + i);
		n->up = true;
	}
}

void ms_server_destroy(ms_server *s)
{
	ms_store_free(&s->store);
	ms_scratch_free(&s->scratch);
	free(s->scan_sort);
	s->scan_sort = NULL;
	s->scan_sort_cap = 0;
}
