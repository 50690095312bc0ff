/* The working set of one command (see work.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codec/encode.h"
#include "codec/pack.h"
#include "work.h"

void ms_scratch_free(ms_scratch *sc)
{
	as_buffer_free(&sc->arena);
	free(sc->bins);
	sc->bins = NULL;
	sc->cap = 0;
}

static void ms_work_reserve(ms_work *wk, size_t n)
{
	ms_scratch *sc = wk->sc;
	size_t cap;
	ms_wbin *nw;

	if (n <= sc->cap)
		return;
	cap = sc->cap ? sc->cap : 64;
	while (cap < n)
		cap *= 2;
	nw = realloc(sc->bins, cap * sizeof(*nw));
	if (nw == NULL)
		abort();
	sc->bins = nw;
	sc->cap = cap;
	wk->w = nw;
}

void ms_work_start(ms_work *wk, ms_scratch *sc, const ms_record *r)
{
	wk->sc = sc;
	wk->w = sc->bins;
	wk->n = 0;
	sc->arena.len = 0;
	if (r == NULL)
		return;
	ms_work_reserve(wk, r->n_bins);
	for (uint16_t i = 0; i < r->n_bins; i++) {
		ms_wbin *b = &wk->w[i];
		const ms_bin *rb = &r->bins[i];

		memcpy(b->name, rb->name, sizeof(b->name));
		b->name_len = rb->name_len;
		b->particle = rb->particle;
		b->in_arena = 0;
		b->len = rb->len;
		b->ptr = rb->data;
	}
	wk->n = r->n_bins;
}

size_t ms_work_keep(ms_work *wk, const void *p, size_t len)
{
	size_t off = wk->sc->arena.len;

	as_buffer_append(&wk->sc->arena, p, len);
	return off;
}

ms_wbin *ms_work_find(ms_work *wk, const char *name, uint8_t name_len)
{
	for (size_t i = 0; i < wk->n; i++) {
		if (wk->w[i].name_len == name_len && memcmp(wk->w[i].name, name, name_len) == 0)
			return &wk->w[i];
	}
	return NULL;
}

ms_wbin *ms_work_slot(ms_work *wk, const char *name, uint8_t name_len)
{
	ms_wbin *b = ms_work_find(wk, name, name_len);

	if (b != NULL)
		return b;
	ms_work_reserve(wk, wk->n + 1);
	b = &wk->w[wk->n++];
	memset(b, 0, sizeof(*b));
	memcpy(b->name, name, name_len);
	b->name_len = name_len;
	return b;
}

void ms_work_del(ms_work *wk, ms_wbin *b)
{
	size_t i = (size_t)(b - wk->w);

	memmove(&wk->w[i], &wk->w[i + 1], (wk->n - i - 1) * sizeof(*b));
	wk->n--;
}

void ms_wbin_emit(const ms_work *wk, const ms_wbin *b, as_buffer *out)
{
	as_op_put(out, AS_OPERATOR_READ, b->particle, b->name, b->name_len, ms_wbin_data(wk, b), b->len);
}

void ms_op_result_emit(as_buffer *out, const as_msg_op *op, const as_value *v)
{
	size_t at = as_op_begin(out, op->op, op->name, op->name_len);
	size_t value_at = out->len;
	uint8_t particle = 0;
	as_error err;

	if (v->type != AS_NIL && as_value_to_particle(out, v, &particle, &err) != AEROSPIKE_OK) {
		out->len = value_at;
		particle = 0;
	}
	as_op_end(out, at, particle);
}
