/* Test-only entry: answers request frames from memory through the request
 * handler (ms_frame_handle), so a fuzzer reaches minispike's request
 * parsing without sockets. Faults are left out: they belong to the
 * connection and only delay, cut or drop replies. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codec/reader.h"
#include "fuzz_entry.h"
#include "minispike.h"

struct ms_fuzz {
	ms_server s;
	as_reader in;
	int n_nodes;
	uint32_t now_cf;
	bool have_owner;
	int16_t owner[AS_PARTITIONS];  /* the first rebalance, copied on reset */
};

/* A server as main.c sets one up, minus the sockets. */
static void ms_fuzz_setup(ms_fuzz *f)
{
	ms_server *s = &f->s;

	ms_server_init(s);
	ms_store_add_ns(&s->store, "test");
	ms_store_add_ns(&s->store, "bar");
	s->now_cf = f->now_cf;
	s->start_time = f->now_cf;
	ms_server_set_nodes(s, f->n_nodes, MS_DEFAULT_PORT);
	/* the partition walk is the costly part of a reset: do it once */
	if (!f->have_owner) {
		ms_cluster_rebalance(s);
		memcpy(f->owner, s->owner, sizeof(f->owner));
		f->have_owner = true;
	}
	memcpy(s->owner, f->owner, sizeof(s->owner));
	as_reader_init(&f->in);
}

static void ms_fuzz_teardown(ms_fuzz *f)
{
	as_reader_free(&f->in);
	ms_server_destroy(&f->s);
}

ms_fuzz *ms_fuzz_new(int n_nodes, uint32_t now_cf)
{
	ms_fuzz *f = calloc(1, sizeof(*f));

	if (f == NULL || n_nodes < 1 || n_nodes > MS_MAX_NODES)
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
	free(f);
}

bool ms_fuzz_feed(ms_fuzz *f, const uint8_t *p, size_t n, as_buffer *out)
{
	as_frame fr;
	as_error err;
	int r;

	as_reader_feed(&f->in, p, n);
	while ((r = as_reader_next(&f->in, &fr, &err)) == 1) {
		/* nodes going up or down need no sockets here: the state is all */
		if (ms_frame_handle(&f->s.nodes[0], &fr, out) & MS_ACT_CLOSE)
			return false;
	}
	return r == 0;
}
