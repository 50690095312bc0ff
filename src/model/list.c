/* as_list: a growable array of owned values. */
#include <aerofuture/value.h>

#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"

as_list *as_list_new(uint32_t capacity)
{
	as_list *list = as_calloc(1, sizeof *list);
	if (capacity) {
		list->items = as_reallocarray(NULL, capacity, sizeof *list->items);
		list->capacity = capacity;
	}
	return list;
}

void as_list_destroy(as_list *list)
{
	if (!list)
		return;
	for (uint32_t i = 0; i < list->size; i++)
		as_value_destroy(&list->items[i]);
	free(list->items);
	free(list);
}

void as_list_append(as_list *list, as_value v)
{
	if (!list) {
		/* Stolen either way: do not leak it. */
		as_value_destroy(&v);
		return;
	}
	if (list->size == list->capacity) {
		if (list->capacity == UINT32_MAX)
			as_fatal("list has too many items");
		uint32_t cap = list->capacity < 4 ? 4
		             : list->capacity > UINT32_MAX / 2 ? UINT32_MAX : list->capacity * 2;
		list->items = as_reallocarray(list->items, cap, sizeof *list->items);
		list->capacity = cap;
	}
	list->items[list->size++] = v;
}

void as_list_append_int(as_list *list, int64_t v)
{
	as_list_append(list, as_value_int(v));
}

void as_list_append_str(as_list *list, const char *s)
{
	as_list_append(list, as_value_str(s));
}

void as_list_append_double(as_list *list, double v)
{
	as_list_append(list, as_value_double(v));
}

const as_value *as_list_get(const as_list *list, uint32_t i)
{
	if (!list || i >= list->size)
		return NULL;
	return &list->items[i];
}
