/* Selecting elements of a list or map by index, rank, value or key, and
 * answering a selection in the requested return type (cdt_select.c).
 * List and map ops share it: a map is seen in key order, so its index is
 * the position of its key among the sorted keys. */
#ifndef MINISPIKE_CDT_SELECT_H
#define MINISPIKE_CDT_SELECT_H

#include <stdbool.h>
#include <stdint.h>
#include <aerofuture/value.h>

/* Return types (first argument of GET_BY_* / REMOVE_BY_*). */
enum {
	MS_RT_NONE = 0,
	MS_RT_INDEX = 1,
	MS_RT_REVERSE_INDEX = 2,
	MS_RT_RANK = 3,
	MS_RT_REVERSE_RANK = 4,
	MS_RT_COUNT = 5,
	MS_RT_KEY = 6,
	MS_RT_VALUE = 7,
	MS_RT_KEY_VALUE = 8,
	MS_RT_EXISTS = 13,
	MS_RT_UNORDERED_MAP = 16,
	MS_RT_ORDERED_MAP = 17,
	MS_RT_INVERTED = 0x10000
};

/* A collection as the selectors see it, in index order. */
typedef struct ms_cdt_view {
	uint32_t n;
	const as_value **keys;  /* maps: keys; lists: NULL */
	const as_value **vals;
	uint32_t *pos;          /* maps: entry position of each index */
	uint32_t *by_rank;      /* indexes sorted by value */
	uint32_t *rank;         /* rank of each index */
} ms_cdt_view;

/* Selected indexes in result order. */
typedef struct ms_cdt_sel {
	uint32_t n;
	uint32_t *idx;
	bool multi;    /* answers as a list (a range), not one element */
} ms_cdt_sel;

void ms_cdt_view_list(ms_cdt_view *vw, const as_list *l);
void ms_cdt_view_map(ms_cdt_view *vw, const as_map *m);
void ms_cdt_view_free(ms_cdt_view *vw);
void ms_cdt_sel_free(ms_cdt_sel *s);

/* Each returns a result code; 26 when one element is asked for and absent. */
int ms_cdt_sel_index(const ms_cdt_view *vw, int64_t index, bool has_count, int64_t count, bool multi,
                     ms_cdt_sel *s);
int ms_cdt_sel_rank(const ms_cdt_view *vw, int64_t rank, bool has_count, int64_t count, bool multi,
                    ms_cdt_sel *s);
/* Elements whose value (by_key: key) equals v / lies in [begin, end) (end
 * NULL or nil: no upper bound) / equals one of the items of list. */
void ms_cdt_sel_equal(const ms_cdt_view *vw, const as_value *v, bool by_key, ms_cdt_sel *s);
void ms_cdt_sel_interval(const ms_cdt_view *vw, const as_value *begin, const as_value *end, bool by_key,
                         ms_cdt_sel *s);
int ms_cdt_sel_list(const ms_cdt_view *vw, const as_value *list, bool by_key, ms_cdt_sel *s);
/* The elements from offset `rel` after where v would sort (by value, or by
 * key for the key-relative map selectors). */
void ms_cdt_sel_relative(const ms_cdt_view *vw, const as_value *v, int64_t rel, bool has_count,
                         int64_t count, bool by_key, ms_cdt_sel *s);

/* Replace s by the elements it does not hold, in index order. */
void ms_cdt_sel_invert(const ms_cdt_view *vw, ms_cdt_sel *s);
/* Mark the selected indexes in keep[] (false = selected). */
void ms_cdt_sel_mark(const ms_cdt_view *vw, const ms_cdt_sel *s, bool *keep);

/* The answer to selection s in return type rt (INVERTED already applied). */
int ms_cdt_sel_result(const ms_cdt_view *vw, const ms_cdt_sel *s, int64_t rt, as_value *out);

#endif
