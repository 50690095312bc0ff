/* as_record: bins in insertion order, plus generation, ttl and an optional key. */
#include <aerofuture/record.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/binname.h"
#include "model/record_internal.h"
#include "model/recycle.h"

/* Every record follows a small header saying where its memory came from.
 * Records decoded from replies are recycled blocks of two sizes: the loop
 * decodes them, and they are often freed on an application thread, which
 * plain malloc handles slowly (see recycle.h). The rest come from the heap. */
typedef struct record_head {
	_Alignas(max_align_t) uint32_t cls;  /* RECORD_HEAP or a block class */
	uint32_t unused;
	/* Past the recycler's link (the first word), so that it survives the
	 * record's destruction and a second as_record_destroy() is caught. */
	uint64_t magic;
} record_head;

_Static_assert(sizeof(record_head) % _Alignof(max_align_t) == 0, "records stay aligned");

#define RECORD_HEAP 0u
#define RECORD_CLASSES 2
#define RECORD_MAGIC_LIVE 0xA5EC0D0A11FE0001ull
#define RECORD_MAGIC_DEAD 0xA5EC0D0DEAD00001ull

static as_recycler record_recyclers[RECORD_CLASSES] = {
	AS_RECYCLER_INIT(256, 256),
	AS_RECYCLER_INIT(1024, 64),
};
static _Thread_local as_recycle_cache record_caches[RECORD_CLASSES];

static inline record_head *record_head_of(as_record *rec)
{
	return (record_head *)(void *)rec - 1;
}

as_record *as_record_new(uint16_t capacity)
{
	record_head *h = as_calloc(1, sizeof *h + sizeof(as_record));
	h->cls = RECORD_HEAP;
	h->magic = RECORD_MAGIC_LIVE;
	as_record *rec = (as_record *)(void *)(h + 1);
	rec->ttl = AS_TTL_CLIENT_DEFAULT;
	if (capacity > AS_RECORD_MAX_BINS)
		capacity = AS_RECORD_MAX_BINS;
	if (capacity) {
		rec->bins = as_reallocarray(NULL, capacity, sizeof *rec->bins);
		rec->capacity = capacity;
	}
	return rec;
}

as_record *as_record_new_block(uint16_t n, size_t arena_len, uint8_t **arena)
{
	size_t head = sizeof(as_record) + (size_t)n * sizeof(as_bin);
	size_t total = sizeof(record_head) + head + arena_len;
	record_head *h;
	uint32_t cls = RECORD_HEAP;
	/* Without reuse (AddressSanitizer) the exact size, so overruns show. */
	for (uint32_t i = 0; AS_RECYCLE_REUSE && i < RECORD_CLASSES; i++) {
		if (total <= record_recyclers[i].size) {
			cls = i + 1;
			break;
		}
	}
	if (cls == RECORD_HEAP)
		h = as_malloc(total);
	else
		h = as_recycle_get(&record_recyclers[cls - 1], &record_caches[cls - 1]);
	h->cls = cls;
	h->magic = RECORD_MAGIC_LIVE;
	as_record *rec = (as_record *)(void *)(h + 1);
	memset(rec, 0, sizeof *rec);
	rec->ttl = AS_TTL_CLIENT_DEFAULT;
	rec->bins = (as_bin *)(void *)(rec + 1);
	rec->capacity = n;
	*arena = (uint8_t *)rec + head;
	return rec;
}

void as_record_destroy(as_record *rec)
{
	if (!rec)
		return;
	record_head *h = record_head_of(rec);
	if (h->magic != RECORD_MAGIC_LIVE || h->cls > RECORD_CLASSES) {
		/* Recycled memory would be handed out twice: say so, leave it. */
		fprintf(stderr, "aerofuture: as_record_destroy(%p): not a live record (destroyed already, "
		        "or not made by the library); ignored\n", (void *)rec);
		return;
	}
	h->magic = RECORD_MAGIC_DEAD;
	for (uint16_t i = 0; i < rec->n_bins; i++)
		as_value_destroy(&rec->bins[i].value);
	if (!as_record_bins_inline(rec))
		free(rec->bins);
	if (rec->key) {
		as_key_destroy(rec->key);
		free(rec->key);
	}
	free(rec->invalid);
	if (h->cls == RECORD_HEAP)
		free(h);
	else
		as_recycle_put(&record_recyclers[h->cls - 1], &record_caches[h->cls - 1], h);
}

/* @p len is strlen(name) <= 15, so comparing len + 1 bytes (the NUL
 * included) never reads past a bin's name array and needs no strcmp. */
static as_bin *record_find(const as_record *rec, const char *name, size_t len)
{
	for (uint16_t i = 0; i < rec->n_bins; i++)
		if (memcmp(rec->bins[i].name, name, len + 1) == 0)
			return &rec->bins[i];
	return NULL;
}

bool as_record_set(as_record *rec, const char *name, as_value value)
{
	if (!rec) {
		as_value_destroy(&value);
		return false;
	}
	char why[AS_BIN_NAME_REASON_MAX];
	size_t len;
	if (!as_bin_name_check(name, &len, why)) {
		as_invalid_note(&rec->invalid, why);
		as_value_destroy(&value);
		return false;
	}
	as_bin *bin = record_find(rec, name, len);
	if (bin) {
		as_value_destroy(&bin->value);
		bin->value = value;
		return true;
	}
	if (rec->n_bins >= AS_RECORD_MAX_BINS) {
		snprintf(why, sizeof why, "bin '%s' does not fit: a record holds at most %d bins",
		         name, AS_RECORD_MAX_BINS);
		as_invalid_note(&rec->invalid, why);
		as_value_destroy(&value);
		return false;
	}
	if (rec->n_bins == rec->capacity) {
		uint32_t cap = rec->capacity < 4 ? 4 : (uint32_t)rec->capacity * 2;
		if (cap > AS_RECORD_MAX_BINS)
			cap = AS_RECORD_MAX_BINS;
		if (as_record_bins_inline(rec)) {
			/* Bins decoded into the record's own block move out to grow. */
			as_bin *bins = as_reallocarray(NULL, cap, sizeof *rec->bins);
			memcpy(bins, rec->bins, rec->n_bins * sizeof *rec->bins);
			rec->bins = bins;
		} else {
			rec->bins = as_reallocarray(rec->bins, cap, sizeof *rec->bins);
		}
		rec->capacity = (uint16_t)cap;
	}
	bin = &rec->bins[rec->n_bins++];
	memcpy(bin->name, name, len + 1);
	bin->value = value;
	return true;
}

bool as_record_set_int(as_record *rec, const char *name, int64_t v)
{
	return as_record_set(rec, name, as_value_int(v));
}

bool as_record_set_double(as_record *rec, const char *name, double v)
{
	return as_record_set(rec, name, as_value_double(v));
}

bool as_record_set_bool(as_record *rec, const char *name, bool v)
{
	return as_record_set(rec, name, as_value_bool(v));
}

bool as_record_set_str(as_record *rec, const char *name, const char *s)
{
	return as_record_set(rec, name, as_value_str(s));
}

bool as_record_set_bytes(as_record *rec, const char *name, const uint8_t *p, size_t len)
{
	if (!p && len) {
		/* Writing an empty value instead would lose data silently. */
		if (rec) {
			char why[AS_BIN_NAME_REASON_MAX];
			snprintf(why, sizeof why, "bin '%.*s': bytes are NULL with length %zu",
			         AS_BIN_NAME_MAX_LEN + 1, name ? name : "(null)", len);
			as_invalid_note(&rec->invalid, why);
		}
		return false;
	}
	return as_record_set(rec, name, as_value_bytes(p, len));
}

bool as_record_set_list(as_record *rec, const char *name, as_list *list)
{
	return as_record_set(rec, name, as_value_list(list));
}

bool as_record_set_map(as_record *rec, const char *name, as_map *map)
{
	return as_record_set(rec, name, as_value_map(map));
}

bool as_record_set_nil(as_record *rec, const char *name)
{
	return as_record_set(rec, name, as_value_nil());
}

const as_value *as_record_get(const as_record *rec, const char *name)
{
	if (!rec || !name)
		return NULL;
	size_t len = strlen(name);
	if (len > AS_BIN_NAME_MAX_LEN)
		return NULL;
	as_bin *bin = record_find(rec, name, len);
	return bin ? &bin->value : NULL;
}

int64_t as_record_get_int(const as_record *rec, const char *name, int64_t fallback)
{
	const as_value *v = as_record_get(rec, name);
	return v && v->type == AS_INTEGER ? v->u.i : fallback;
}

double as_record_get_double(const as_record *rec, const char *name, double fallback)
{
	const as_value *v = as_record_get(rec, name);
	return v && v->type == AS_DOUBLE ? v->u.d : fallback;
}

const char *as_record_get_str(const as_record *rec, const char *name)
{
	const as_value *v = as_record_get(rec, name);
	return v && v->type == AS_STRING ? v->u.str : NULL;
}

as_status as_record_validate(const as_record *rec, as_error *err)
{
	if (!rec)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "record is NULL");
	if (rec->invalid)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "%s", rec->invalid);
	return AEROSPIKE_OK;
}
