/* Record store: per namespace an open hash table keyed by digest, plus an
 * intrusive list per partition so scans and sweeps walk one partition at a
 * time. The digest is already uniformly distributed, so its bytes are the hash. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"

#define MS_INITIAL_BUCKETS 1024

static size_t ms_digest_hash(const uint8_t *d)
{
	uint64_t h;

	/* bytes 0-1 pick the partition; use the next ones for buckets */
	memcpy(&h, d + 4, sizeof(h));
	return (size_t)h;
}

static void *ms_xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n, sz);

	if (p == NULL)
		abort();
	return p;
}

void ms_store_init(ms_store *st)
{
	memset(st, 0, sizeof(*st));
}

ms_ns *ms_store_add_ns(ms_store *st, const char *name)
{
	size_t len = strlen(name);
	ms_ns *ns;

	if (st->n_ns >= MS_MAX_NAMESPACES || len == 0 || len > AS_NAMESPACE_MAX_LEN)
		return NULL;
	if (ms_store_find_ns(st, name, len) != NULL)
		return NULL;
	ns = &st->ns[st->n_ns++];
	memset(ns, 0, sizeof(*ns));
	memcpy(ns->name, name, len);
	ns->table = ms_xcalloc(MS_INITIAL_BUCKETS, sizeof(*ns->table));
	ns->mask = MS_INITIAL_BUCKETS - 1;
	ns->sets = ms_xcalloc(1, sizeof(*ns->sets));
	ns->n_sets = 1;
	return ns;
}

ms_ns *ms_store_find_ns(ms_store *st, const char *name, size_t len)
{
	for (int i = 0; i < st->n_ns; i++) {
		if (strlen(st->ns[i].name) == len && memcmp(st->ns[i].name, name, len) == 0)
			return &st->ns[i];
	}
	return NULL;
}

void ms_store_free(ms_store *st)
{
	for (int i = 0; i < st->n_ns; i++) {
		ms_ns *ns = &st->ns[i];

		for (size_t b = 0; b <= ns->mask; b++) {
			ms_record *r = ns->table[b];

			while (r != NULL) {
				ms_record *next = r->hnext;

				free(r);
				r = next;
			}
		}
		free(ns->table);
		free(ns->sets);
	}
	st->n_ns = 0;
}

ms_record *ms_record_alloc(uint16_t n_bins, uint32_t key_len, size_t data_len)
{
	size_t head = sizeof(ms_record) + (size_t)n_bins * sizeof(ms_bin);
	ms_record *r = malloc(head + key_len + data_len);

	if (r == NULL)
		abort();
	memset(r, 0, head);
	r->n_bins = n_bins;
	r->key_len = key_len;
	r->key = (uint8_t *)r + head;
	r->mem = head + key_len + data_len;
	return r;
}

static void ms_ns_grow(ms_ns *ns)
{
	size_t nb = (ns->mask + 1) * 2;
	ms_record **t = ms_xcalloc(nb, sizeof(*t));

	for (size_t b = 0; b <= ns->mask; b++) {
		ms_record *r = ns->table[b];

		while (r != NULL) {
			ms_record *next = r->hnext;
			size_t i = ms_digest_hash(r->digest) & (nb - 1);

			r->hnext = t[i];
			t[i] = r;
			r = next;
		}
	}
	free(ns->table);
	ns->table = t;
	ns->mask = nb - 1;
}

static uint32_t ms_pid(const uint8_t *d)
{
	return ((uint32_t)d[0] | ((uint32_t)d[1] << 8)) & (AS_PARTITIONS - 1);
}

static void ms_ns_account(ms_ns *ns, const ms_record *r, int sign)
{
	ms_set *set = &ns->sets[r->set_id];

	if (sign > 0) {
		ns->objects++;
		ns->mem_used += r->mem;
		set->objects++;
		set->bytes += r->size;
		ns->part_count[ms_pid(r->digest)]++;
		if (r->void_time != 0)
			ns->expirable++;
	} else {
		ns->objects--;
		ns->mem_used -= r->mem;
		set->objects--;
		set->bytes -= r->size;
		ns->part_count[ms_pid(r->digest)]--;
		if (r->void_time != 0)
			ns->expirable--;
	}
}

/* Unlink from hash chain and partition list without freeing. */
static void ms_ns_unlink(ms_ns *ns, ms_record *rec)
{
	ms_record **pp = &ns->table[ms_digest_hash(rec->digest) & ns->mask];

	while (*pp != NULL && *pp != rec)
		pp = &(*pp)->hnext;
	if (*pp == rec)
		*pp = rec->hnext;
	if (rec->pprev != NULL)
		rec->pprev->pnext = rec->pnext;
	else
		ns->parts[ms_pid(rec->digest)] = rec->pnext;
	if (rec->pnext != NULL)
		rec->pnext->pprev = rec->pprev;
	ms_ns_account(ns, rec, -1);
}

static void ms_ns_link(ms_ns *ns, ms_record *rec)
{
	size_t i = ms_digest_hash(rec->digest) & ns->mask;
	uint32_t pid = ms_pid(rec->digest);

	rec->hnext = ns->table[i];
	ns->table[i] = rec;
	rec->pprev = NULL;
	rec->pnext = ns->parts[pid];
	if (rec->pnext != NULL)
		rec->pnext->pprev = rec;
	ns->parts[pid] = rec;
	ms_ns_account(ns, rec, 1);
}

ms_record *ms_ns_get(ms_ns *ns, const uint8_t *digest, uint32_t now_cf)
{
	ms_record *r = ns->table[ms_digest_hash(digest) & ns->mask];

	while (r != NULL && memcmp(r->digest, digest, AS_DIGEST_SIZE) != 0)
		r = r->hnext;
	if (r != NULL && ms_record_expired(r, now_cf)) {
		ns->expired++;
		ms_ns_remove(ns, r);
		return NULL;
	}
	return r;
}

void ms_ns_put(ms_ns *ns, ms_record *old, ms_record *rec)
{
	if (old != NULL) {
		ms_ns_unlink(ns, old);
		free(old);
	}
	ms_ns_link(ns, rec);
	if (ns->objects > (uint64_t)ns->mask + 1)
		ms_ns_grow(ns);
}

void ms_ns_remove(ms_ns *ns, ms_record *rec)
{
	ms_ns_unlink(ns, rec);
	free(rec);
}

int ms_ns_set_id(ms_ns *ns, const char *name, size_t len, bool create)
{
	ms_set *sets;

	if (len == 0)
		return 0;
	if (len > AS_SET_MAX_LEN)
		return -1;
	for (uint16_t i = 1; i < ns->n_sets; i++) {
		if (strlen(ns->sets[i].name) == len && memcmp(ns->sets[i].name, name, len) == 0)
			return i;
	}
	if (!create || ns->n_sets > MS_MAX_SETS)
		return -1;
	sets = realloc(ns->sets, ((size_t)ns->n_sets + 1) * sizeof(*sets));
	if (sets == NULL)
		abort();
	ns->sets = sets;
	memset(&sets[ns->n_sets], 0, sizeof(*sets));
	memcpy(sets[ns->n_sets].name, name, len);
	return ns->n_sets++;
}

uint64_t ms_ns_truncate(ms_ns *ns, int set_id)
{
	uint64_t n = 0;

	for (uint32_t pid = 0; pid < AS_PARTITIONS; pid++) {
		ms_record *r = ns->parts[pid];

		while (r != NULL) {
			ms_record *next = r->pnext;

			if (set_id < 0 || r->set_id == set_id) {
				ms_ns_remove(ns, r);
				n++;
			}
			r = next;
		}
	}
	return n;
}

void ms_ns_sweep(ms_ns *ns, uint32_t now_cf, uint32_t first, uint32_t n)
{
	if (ns->expirable == 0)
		return;
	for (uint32_t i = 0; i < n; i++) {
		ms_record *r = ns->parts[(first + i) & (AS_PARTITIONS - 1)];

		while (r != NULL) {
			ms_record *next = r->pnext;

			if (ms_record_expired(r, now_cf)) {
				ns->expired++;
				ms_ns_remove(ns, r);
			}
			r = next;
		}
	}
}
