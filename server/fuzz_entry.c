/* Test-only entry: answers request frames from memory through the same
 * handlers a connection uses (ms_info_handle, ms_msg_handle), so a fuzzer
 * can reach minispike's request parsing without sockets. Mirrors conn.c's
 * frame loop; faults are left out because they only delay or drop replies. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/proto.h"
#include "codec/reply.h"
#include "fuzz_entry.h"
#include "minispike.h"

struct ms_fuzz {
	ms_server *s;
	ms_conn c;
	int n_nodes;
	uint32_t now_cf;
	bool have_owner;
	int16_t owner[AS_PARTITIONS];  /* the first rebalance, copied on reset */
};

static void ms_fuzz_noop(evutil_socket_t fd, short what, void *arg)
{
}

/* A server as main.c sets one up, but on f's existing allocations. */
static void ms_fuzz_setup(ms_fuzz *f)
{
	ms_server *s = f->s;
	struct event_base *base = s->base;

	memset(s, 0, sizeof(*s));
	memset(&f->c, 0, sizeof(f->c));
	s->base = base;
	/* not an address: a node-start command fails before opening a socket */
	snprintf(s->bind_addr, sizeof(s->bind_addr), "fuzz");
	snprintf(s->cluster_name, sizeof(s->cluster_name), "minispike");
	s->max_record_size = 1048576;
	ms_store_init(&s->store);
	ms_store_add_ns(&s->store, "test");
	ms_store_add_ns(&s->store, "bar");
	s->now_cf = f->now_cf;
	s->start_time = f->now_cf;
	s->n_nodes = f->n_nodes;
	s->base_port = MS_DEFAULT_PORT;
	for (int i = 0; i < f->n_nodes; i++) {
		ms_node *n = &s->nodes[i];

		n->srv = s;
		n->index = i;
		n->lfd = -1;
		snprintf(n->id, sizeof(n->id), "BB9%012X", (unsigned)(i + 1));
		n->port = (uint16_t)(MS_DEFAULT_PORT + i);
		/* a never-added event, so that a node-stop command can free it */
		n->accept_ev = event_new(s->base, -1, 0, ms_fuzz_noop, NULL);
		n->up = true;
	}
	/* the partition walk is the costly part of a reset: do it once */
	if (!f->have_owner) {
		ms_cluster_rebalance(s);
		memcpy(f->owner, s->owner, sizeof(f->owner));
		f->have_owner = true;
	}
	memcpy(s->owner, f->owner, sizeof(s->owner));

	f->c.node = &s->nodes[0];
	f->c.fd = -1;
	as_reader_init(&f->c.in);
	as_buffer_init(&f->c.out);
	/* linked like an accepted connection: node-stop then marks it, never frees it */
	s->nodes[0].conns = &f->c;
	s->nodes[0].n_conns = 1;
}

static void ms_fuzz_teardown(ms_fuzz *f)
{
	ms_server *s = f->s;

	for (int i = 0; i < s->n_nodes; i++) {
		if (s->nodes[i].accept_ev != NULL)
			event_free(s->nodes[i].accept_ev);
	}
	as_reader_free(&f->c.in);
	as_buffer_free(&f->c.out);
	ms_store_free(&s->store);
	ms_scratch_free(&s->scratch);
	free(s->scan_sort);
}

ms_fuzz *ms_fuzz_new(int n_nodes, uint32_t now_cf)
{
	ms_fuzz *f = calloc(1, sizeof(*f));

	if (f == NULL || n_nodes < 1 || n_nodes > MS_MAX_NODES)
		abort();
	f->s = calloc(1, sizeof(*f->s));
	if (f->s == NULL)
		abort();
	f->s->base = event_base_new();
	if (f->s->base == NULL)
		abort();
	f->n_nodes = n_nodes;
	f->now_cf = now_cf;
	ms_fuzz_setup(f);
	return f;
}

void ms_fuzz_reset(ms_fuzz *f)
{
	ms_fuzz_teardown(f);
	ms_fuzz_setup(f);
}

void ms_fuzz_free(ms_fuzz *f)
{
	ms_fuzz_teardown(f);
	event_base_free(f->s->base);
	free(f->s);
	free(f);
}

static bool ms_fuzz_frame(ms_fuzz *f, const as_frame *fr, as_buffer *out)
{
	ms_conn *c = &f->c;

	switch (fr->type) {
	case AS_PROTO_TYPE_INFO:
		ms_info_handle(c, fr->body, fr->len, out);
		break;
	case AS_PROTO_TYPE_MSG:
		c->node->st.commands++;
		ms_msg_handle(c, fr->body, fr->len, out);
		break;
	case AS_PROTO_TYPE_ADMIN:
		/* as conn.c: no security */
		as_reply_admin(out, AEROSPIKE_SECURITY_NOT_ENABLED);
		break;
	default:
		return false;
	}
	return !c->closing && !c->flush_then_close;
}

bool ms_fuzz_feed(ms_fuzz *f, const uint8_t *p, size_t n, as_buffer *out)
{
	as_frame fr;
	as_error err;
	int r;

	as_reader_feed(&f->c.in, p, n);
	while ((r = as_reader_next(&f->c.in, &fr, &err)) == 1) {
		if (!ms_fuzz_frame(f, &fr, out))
			return false;
	}
	return r == 0;
}
