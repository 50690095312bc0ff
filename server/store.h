/* minispike's record store: namespaces of records keyed by digest, with
 * sets, stored user keys, expiry and memory accounting. */
#ifndef MINISPIKE_STORE_H
#define MINISPIKE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <aerofuture/common.h>

#define MS_MAX_NAMESPACES 16
#define MS_MAX_SETS 1023

/* A stored bin. name and data live in the record's own allocation. */
typedef struct ms_bin {
	char name[AS_BIN_NAME_MAX_LEN + 1];
	uint8_t name_len;
	uint8_t particle;
	uint32_t len;
	uint8_t *data;
} ms_bin;

/* One record = one allocation: this header, n_bins ms_bin, the stored key,
 * then the bin values. */
typedef struct ms_record {
	struct ms_record *hnext;              /* hash chain */
	struct ms_record *pprev, *pnext;      /* partition list */
	uint8_t digest[AS_DIGEST_SIZE];
	uint32_t gen;
	uint32_t void_time;                   /* citrusleaf seconds, 0 = never */
	uint16_t set_id;                      /* 0 = no set */
	uint16_t n_bins;
	uint8_t key_particle;                 /* 0 = no stored key */
	uint32_t key_len;
	uint8_t *key;
	size_t mem;                           /* bytes accounted to the namespace */
	size_t size;                          /* size checked against max-record-size */
	uint64_t last_update_ms;              /* ms since 1970, 0 = unknown */
	ms_bin bins[];
} ms_record;

typedef struct ms_set {
	char name[AS_SET_MAX_LEN + 1];
	uint64_t objects;
	uint64_t bytes;
} ms_set;

typedef struct ms_ns {
	char name[AS_NAMESPACE_MAX_LEN + 1];
	ms_record **table;
	size_t mask;
	uint64_t objects;
	ms_record *parts[AS_PARTITIONS];
	uint32_t part_count[AS_PARTITIONS];
	ms_set *sets;          /* sets[0] is the empty set name */
	uint16_t n_sets;
	uint64_t mem_used;
	uint64_t mem_limit;    /* 0 = unlimited */
	uint32_t default_ttl;  /* seconds, 0 = never expire */
	uint64_t expired;
	uint64_t expirable;    /* records with a void time */
} ms_ns;

typedef struct ms_store {
	ms_ns ns[MS_MAX_NAMESPACES];
	int n_ns;
} ms_store;

void ms_store_init(ms_store *st);
/* Add a namespace; returns it, or NULL when full or the name is bad. */
ms_ns *ms_store_add_ns(ms_store *st, const char *name);
ms_ns *ms_store_find_ns(ms_store *st, const char *name, size_t len);
void ms_store_free(ms_store *st);

/* Live record of digest, or NULL. A record whose void time has passed is
 * removed here (lazy expiry). */
ms_record *ms_ns_get(ms_ns *ns, const uint8_t *digest, uint32_t now_cf);
/* Allocate a record with room for n_bins bins, key_len key bytes and
 * data_len value bytes (bins[i].data must be pointed into it by the caller:
 * ms_record_data() gives the start of the value area). */
ms_record *ms_record_alloc(uint16_t n_bins, uint32_t key_len, size_t data_len);
static inline uint8_t *ms_record_data(ms_record *r) { return r->key + r->key_len; }
/* Insert rec, replacing old (NULL when new). Frees old. */
void ms_ns_put(ms_ns *ns, ms_record *old, ms_record *rec);
/* Unlink and free rec. */
void ms_ns_remove(ms_ns *ns, ms_record *rec);
/* Set id of a set name (created when create is true; 0 for ""), -1 if unknown/full. */
int ms_ns_set_id(ms_ns *ns, const char *name, size_t len, bool create);
/* Remove every record (set_id < 0) or those of one set. Returns the count. */
uint64_t ms_ns_truncate(ms_ns *ns, int set_id);
/* Remove expired records of partitions [first, first + n). */
void ms_ns_sweep(ms_ns *ns, uint32_t now_cf, uint32_t first, uint32_t n);
static inline bool ms_record_expired(const ms_record *r, uint32_t now_cf)
{
	return r->void_time != 0 && r->void_time <= now_cf;
}

#endif
