/* as_map: unique keys in insertion order. Lookups are linear: the maps of
 * bins are small, and keeping server order matters more than asymptotics. */
#include <aerofuture/value.h>

#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/value_internal.h"

as_map *as_map_new(uint32_t capacity)
{
	as_map *map = as_calloc(1, sizeof *map);
	if (capacity) {
		map->entries = as_reallocarray(NULL, capacity, sizeof *map->entries);
		map->capacity = capacity;
	}
	return map;
}

void as_map_destroy(as_map *map)
{
	if (!map)
		return;
	for (uint32_t i = 0; i < map->size; i++) {
		as_value_destroy(&map->entries[i].key);
		as_value_destroy(&map->entries[i].value);
	}
	free(map->entries);
	free(map);
}

static as_map_entry *map_find(const as_map *map, const as_value *key)
{
	for (uint32_t i = 0; map && i < map->size; i++)
		if (as_value_equal(&map->entries[i].key, key))
			return &map->entries[i];
	return NULL;
}

void as_map_append(as_map *map, as_value key, as_value value)
{
	if (map->size == map->capacity) {
		if (map->capacity == UINT32_MAX)
			as_fatal("map has too many entries");
		uint32_t cap = map->capacity < 4 ? 4
		             : map->capacity > UINT32_MAX / 2 ? UINT32_MAX : map->capacity * 2;
		map->entries = as_reallocarray(map->entries, cap, sizeof *map->entries);
		map->capacity = cap;
	}
	map->entries[map->size].key = key;
	map->entries[map->size].value = value;
	map->size++;
}

void as_map_put(as_map *map, as_value key, as_value value)
{
	if (!map) {
		/* Both are stolen either way: do not leak them. */
		as_value_destroy(&key);
		as_value_destroy(&value);
		return;
	}
	as_map_entry *e = map_find(map, &key);
	if (e) {
		/* Replace in place so the entry keeps its position. */
		as_value_destroy(&e->key);
		as_value_destroy(&e->value);
		e->key = key;
		e->value = value;
		return;
	}
	as_map_append(map, key, value);
}

void as_map_put_str(as_map *map, const char *key, as_value value)
{
	/* Like as_map_get_str(): NULL is no key at all, not "". */
	if (!key) {
		as_value_destroy(&value);
		return;
	}
	as_map_put(map, as_value_str(key), value);
}

const as_value *as_map_get(const as_map *map, const as_value *key)
{
	as_map_entry *e = key ? map_find(map, key) : NULL;
	return e ? &e->value : NULL;
}

const as_value *as_map_get_str(const as_map *map, const char *key)
{
	if (!key)
		return NULL;
	as_value k = as_value_str_ref(key);
	return as_map_get(map, &k);
}

bool as_map_set_order(as_map *map, as_map_order order)
{
	/* any other ext type would reach the server as an order no bin has */
	if (!map || (order != AS_MAP_UNORDERED && order != AS_MAP_KEY_ORDERED && order != AS_MAP_KEY_VALUE_ORDERED))
		return false;
	map->order = (uint8_t)order;
	return true;
}
