/* Foreground scan = partition query (protocol_notes.txt section 12): the
 * partitions of PID_ARRAY / DIGEST_ARRAY (all when neither is sent) that
 * this node owns, each in digest order so a resume digest is meaningful;
 * partitions owned elsewhere get a PARTITION_DONE with 11 UNAVAILABLE so the
 * client retries them on their owner. Records stream in frames of about
 * MS_FRAME_TARGET bytes, then a LAST frame. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codec/pack.h"
#include "codec/proto.h"
#include "codec/reply.h"
#include "exp.h"
#include "minispike.h"

typedef struct ms_scan {
	ms_server *s;
	ms_ns *ns;
	int set_id;           /* -1: whole namespace */
	bool no_bins;
	const as_msg_view *m; /* READ ops select bins */
	uint64_t max_records; /* 0 = no limit */
	uint64_t sent;
	as_buffer *out;
	size_t frame;
	ms_exp *filter;        /* FILTER expression (field 43), parsed once, or NULL */
} ms_scan;

/* Records the filter leaves out are not sent (nor counted). */
static bool ms_scan_passes(ms_scan *sc, const ms_record *r)
{
	ms_work fw;

	if (sc->filter == NULL)
		return true;
	ms_work_start(&fw, &sc->s->scratch, r);
	return ms_exp_filter_eval(sc->filter, &fw, r, sc->ns, sc->s->now_cf) == AEROSPIKE_OK;
}

static int ms_digest_cmp(const void *a, const void *b)
{
	const ms_record *ra = *(const ms_record *const *)a, *rb = *(const ms_record *const *)b;

	return memcmp(ra->digest, rb->digest, AS_DIGEST_SIZE);
}

static void ms_scan_record(ms_scan *sc, const ms_record *r)
{
	as_buffer *out = sc->out;
	size_t at = as_msg_begin(out);
	uint16_t n_fields = 2, n_ops = 0;
	const ms_set *set = &sc->ns->sets[r->set_id];
	as_msg_header h;

	as_field_put(out, AS_FIELD_NAMESPACE, sc->ns->name, (uint32_t)strlen(sc->ns->name));
	as_field_put(out, AS_FIELD_DIGEST, r->digest, AS_DIGEST_SIZE);
	if (r->set_id != 0) {
		as_field_put(out, AS_FIELD_SET, set->name, (uint32_t)strlen(set->name));
		n_fields++;
	}
	if (r->key_particle != 0) {
		/* the stored user key: particle type, then the value */
		size_t key_at = as_field_begin(out, AS_FIELD_KEY);

		as_buffer_append(out, &r->key_particle, 1);
		as_buffer_append(out, r->key, r->key_len);
		as_field_end(out, key_at);
		n_fields++;
	}
	if (!sc->no_bins) {
		if (sc->m->h.n_ops == 0) {
			for (uint16_t i = 0; i < r->n_bins; i++, n_ops++)
				as_op_put(out, 1, r->bins[i].particle, r->bins[i].name, r->bins[i].name_len,
				          r->bins[i].data, r->bins[i].len);
		} else {
			const uint8_t *cur = NULL;
			as_msg_op op;

			while (as_msg_next_op(sc->m, &cur, &op)) {
				for (uint16_t i = 0; i < r->n_bins; i++) {
					const ms_bin *b = &r->bins[i];

					if (b->name_len == op.name_len && memcmp(b->name, op.name, op.name_len) == 0) {
						as_op_put(out, 1, b->particle, b->name, b->name_len, b->data, b->len);
						n_ops++;
						break;
					}
				}
			}
		}
	}
	memset(&h, 0, sizeof(h));
	h.generation = r->gen;
	h.record_ttl = r->void_time;
	h.n_fields = n_fields;
	h.n_ops = n_ops;
	as_msg_end(out, at, &h);
	sc->sent++;
	sc->frame = as_reply_stream_split(out, sc->frame, MS_FRAME_TARGET);
}

/* Scan one partition, after digest `after` when given. */
static void ms_scan_partition(ms_scan *sc, uint32_t pid, const uint8_t *after)
{
	ms_server *s = sc->s;
	size_t n = 0;
	uint32_t now = s->now_cf;

	if (sc->max_records != 0 && sc->sent >= sc->max_records)
		return;
	for (ms_record *r = sc->ns->parts[pid]; r != NULL; r = r->pnext) {
		if (ms_record_expired(r, now))
			continue;
		if (sc->set_id >= 0 && r->set_id != sc->set_id)
			continue;
		if (after != NULL && memcmp(r->digest, after, AS_DIGEST_SIZE) <= 0)
			continue;
		if (!ms_scan_passes(sc, r))
			continue;
		if (n == s->scan_sort_cap) {
			size_t cap = s->scan_sort_cap ? s->scan_sort_cap * 2 : 256;
			ms_record **a = realloc(s->scan_sort, cap * sizeof(*a));

			if (a == NULL)
				abort();
			s->scan_sort = a;
			s->scan_sort_cap = cap;
		}
		s->scan_sort[n++] = r;
	}
	if (n > 1)
		qsort(s->scan_sort, n, sizeof(*s->scan_sort), ms_digest_cmp);
	for (size_t i = 0; i < n; i++) {
		if (sc->max_records != 0 && sc->sent >= sc->max_records)
			return;
		ms_scan_record(sc, s->scan_sort[i]);
	}
}

void ms_scan_handle(ms_node *node, const as_msg_view *m, ms_ns *ns, as_buffer *out)
{
	ms_server *s = node->srv;
	as_msg_field f, pids, digs;
	bool has_pids, has_digs;
	ms_scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.s = s;
	sc.ns = ns;
	sc.m = m;
	sc.out = out;
	sc.set_id = -1;
	sc.no_bins = (m->h.info1 & AS_INFO1_NOBINDATA) != 0;
	if (as_msg_find_field(m, AS_FIELD_SET, &f) && f.len > 0) {
		sc.set_id = ms_ns_set_id(ns, (const char *)f.data, f.len, false);
		if (sc.set_id < 0) {
			/* unknown set: nothing to return */
			as_reply_result_frame(out, AEROSPIKE_OK, AS_INFO3_LAST);
			return;
		}
	}
	if (as_msg_find_field(m, AS_FIELD_MAX_RECORDS, &f)) {
		if (f.len != 8) {
			as_reply_result_frame(out, AEROSPIKE_ERR_REQUEST_INVALID, AS_INFO3_LAST);
			return;
		}
		sc.max_records = as_get_u64(f.data);
	}
	has_pids = as_msg_find_field(m, AS_FIELD_PID_ARRAY, &pids);
	has_digs = as_msg_find_field(m, AS_FIELD_DIGEST_ARRAY, &digs);
	if ((has_pids && pids.len % 2 != 0) || (has_digs && digs.len % AS_DIGEST_SIZE != 0)) {
		as_reply_result_frame(out, AEROSPIKE_ERR_REQUEST_INVALID, AS_INFO3_LAST);
		return;
	}
	for (uint32_t i = 0; has_pids && i < pids.len / 2; i++) {
		/* the only little-endian integers of the protocol */
		uint32_t pid = (uint32_t)pids.data[2 * i] | ((uint32_t)pids.data[2 * i + 1] << 8);

		if (pid >= AS_PARTITIONS) {
			as_reply_result_frame(out, AEROSPIKE_ERR_REQUEST_INVALID, AS_INFO3_LAST);
			return;
		}
	}
	/* last of the checks: nothing returns early once it is parsed */
	if (as_msg_find_field(m, AS_FIELD_FILTER_EXP, &f)) {
		if (ms_exp_filter_check(f.data, f.len) != AEROSPIKE_OK ||
		    ms_exp_parse(f.data, f.len, &sc.filter, NULL) != AEROSPIKE_OK) {
			as_reply_result_frame(out, AEROSPIKE_ERR_REQUEST_INVALID, AS_INFO3_LAST);
			return;
		}
	}

	sc.frame = as_proto_begin(out);
	if (!has_pids && !has_digs) {
		for (uint32_t pid = 0; pid < AS_PARTITIONS; pid++) {
			if (s->owner[pid] == node->index)
				ms_scan_partition(&sc, pid, NULL);
		}
	}
	for (uint32_t i = 0; has_pids && i < pids.len / 2; i++) {
		uint32_t pid = (uint32_t)pids.data[2 * i] | ((uint32_t)pids.data[2 * i + 1] << 8);

		if (s->owner[pid] != node->index)
			as_reply_partition_done(out, pid, AEROSPIKE_ERR_CLUSTER);
		else
			ms_scan_partition(&sc, pid, NULL);
	}
	for (uint32_t i = 0; has_digs && i < digs.len / AS_DIGEST_SIZE; i++) {
		const uint8_t *d = digs.data + (size_t)i * AS_DIGEST_SIZE;
		uint32_t pid = ms_partition_id(d);

		if (s->owner[pid] != node->index)
			as_reply_partition_done(out, pid, AEROSPIKE_ERR_CLUSTER);
		else
			ms_scan_partition(&sc, pid, d);
	}
	as_reply_stream_close(out, sc.frame);
	as_reply_result_frame(out, AEROSPIKE_OK, AS_INFO3_LAST);
	ms_exp_free(sc.filter);
}
