/**
 * @file value.h
 * @brief Bin and element values: nil, integer, double, string, bytes, bool,
 * list, map and GeoJSON.
 *
 * An as_value is a small struct passed by value. Scalars need no cleanup;
 * strings, bytes, GeoJSON, lists and maps own heap memory unless they were
 * made with a `_ref` constructor (then they borrow the caller's memory).
 * as_value_destroy() releases what a value owns. Functions documented as
 * "steals" take over the value: the caller must not destroy it afterwards.
 *
 * Memory exhaustion aborts the process (as glib does): a client that cannot
 * allocate a few bytes cannot report it usefully either.
 */
#ifndef AEROFUTURE_VALUE_H
#define AEROFUTURE_VALUE_H

#include <aerofuture/common.h>

AS_BEGIN_DECLS

/** Value types; the numbers are Aerospike's particle types. */
typedef enum as_value_type {
	AS_NIL = 0,
	AS_INTEGER = 1,
	AS_DOUBLE = 2,
	AS_STRING = 3,
	AS_BYTES = 4,
	AS_BOOL = 17,
	AS_MAP = 19,
	AS_LIST = 20,
	AS_GEOJSON = 23
} as_value_type;

/** An ordered sequence of values (see struct as_list). */
typedef struct as_list as_list;
/** A map of unique keys (see struct as_map). */
typedef struct as_map as_map;

/** A value. Read the fields directly; build with the constructors below. */
typedef struct as_value {
	uint8_t type;      /**< as_value_type */
	uint8_t borrowed;  /**< 1 when str/bytes point to memory the value does not own */
	uint32_t len;      /**< byte length of str (without the NUL) or bytes */
	union {
		int64_t i;       /**< AS_INTEGER */
		double d;        /**< AS_DOUBLE */
		bool b;          /**< AS_BOOL */
		char *str;       /**< AS_STRING, AS_GEOJSON: always NUL-terminated */
		uint8_t *bytes;  /**< AS_BYTES (may be NULL when len is 0) */
		as_list *list;   /**< AS_LIST, owned */
		as_map *map;     /**< AS_MAP, owned */
	} u;               /**< the payload, selected by type */
} as_value;

/** An ordered sequence of values. Fields are read-only for users. */
struct as_list {
	uint32_t size;      /**< number of items */
	uint32_t capacity;  /**< allocated items */
	as_value *items;    /**< the items, owned by the list */
};

/** One key/value pair of a map. */
typedef struct as_map_entry {
	as_value key;    /**< the key, owned by the map */
	as_value value;  /**< the value, owned by the map */
} as_map_entry;

/** Map order flags as Aerospike defines them (msgpack ext header on the wire). */
typedef enum as_map_order {
	AS_MAP_UNORDERED = 0,
	AS_MAP_KEY_ORDERED = 1,
	AS_MAP_KEY_VALUE_ORDERED = 3
} as_map_order;

/** A map of unique keys (compared with as_value_equal). Fields are read-only for users. */
struct as_map {
	uint32_t size;           /**< number of entries */
	uint32_t capacity;       /**< allocated entries */
	as_map_entry *entries;   /**< entries in insertion (or server) order, owned by the map */
	uint8_t order;           /**< as_map_order, as read from the server or set by as_map_set_order(); 0 for new maps */
};

/**
 * Make a nil value.
 * @return a nil value.
 */
AS_EXPORT as_value as_value_nil(void);
/**
 * Make an integer value.
 * @param v the integer.
 * @return an integer value.
 */
AS_EXPORT as_value as_value_int(int64_t v);
/**
 * Make a double value.
 * @param v the double.
 * @return a double value.
 */
AS_EXPORT as_value as_value_double(double v);
/**
 * Make a bool value.
 * @param v the bool.
 * @return a bool value (sent as particle type 17).
 */
AS_EXPORT as_value as_value_bool(bool v);
/**
 * Make a string value.
 * @param s NUL-terminated string (copied), or NULL.
 * @return a string value owning a copy of the NUL-terminated @p s (NULL gives "").
 */
AS_EXPORT as_value as_value_str(const char *s);
/**
 * Make a string value from a length-delimited string.
 * @param s the characters (copied); NULL gives "".
 * @param len number of bytes at @p s.
 * @return a string value owning a copy of @p len bytes of @p s (NUL added).
 */
AS_EXPORT as_value as_value_strn(const char *s, size_t len);
/**
 * Make a string value without copying.
 * @param s NUL-terminated string (borrowed); NULL gives "".
 * @return a string value that borrows @p s: keep @p s alive and unchanged while the value is used.
 */
AS_EXPORT as_value as_value_str_ref(const char *s);
/**
 * Make a bytes value.
 * @param p the bytes (copied); NULL gives an empty value.
 * @param len number of bytes at @p p.
 * @return a bytes value owning a copy of @p len bytes at @p p.
 */
AS_EXPORT as_value as_value_bytes(const uint8_t *p, size_t len);
/**
 * Make a bytes value without copying.
 * @param p the bytes (borrowed); NULL gives an empty value.
 * @param len number of bytes at @p p.
 * @return a bytes value that borrows @p p (see as_value_str_ref()).
 */
AS_EXPORT as_value as_value_bytes_ref(const uint8_t *p, size_t len);
/**
 * Make a GeoJSON value.
 * @param geojson NUL-terminated GeoJSON text (copied).
 * @return a GeoJSON value owning a copy of the JSON text @p geojson.
 */
AS_EXPORT as_value as_value_geojson(const char *geojson);
/**
 * Make a list value.
 * @param list the list (stolen), or NULL.
 * @return a list value; steals @p list (NULL gives an empty list).
 */
AS_EXPORT as_value as_value_list(as_list *list);
/**
 * Make a map value.
 * @param map the map (stolen), or NULL.
 * @return a map value; steals @p map (NULL gives an empty map).
 */
AS_EXPORT as_value as_value_map(as_map *map);

/**
 * Release what @p v owns and make it nil. Safe on nil, scalar and borrowed values.
 * @param v may be NULL.
 */
AS_EXPORT void as_value_destroy(as_value *v);

/**
 * Copy a value.
 * @param v the value to copy (not modified).
 * @return a deep copy of @p v that owns all its memory (borrowed data is copied).
 */
AS_EXPORT as_value as_value_copy(const as_value *v);

/**
 * Deep equality: same type and same contents (maps compare entries in order
 * of @p a, looked up by key in @p b). Doubles compare bitwise-equal or ==.
 * @param a first value.
 * @param b second value.
 * @return true when @p a and @p b are equal.
 */
AS_EXPORT bool as_value_equal(const as_value *a, const as_value *b);

/**
 * Name a value type.
 * @param type the type.
 * @return the type's name ("nil", "integer", ...), static.
 */
AS_EXPORT const char *as_value_type_str(as_value_type type);

/**
 * Create a list.
 * @param capacity items to allocate room for (the list grows as needed).
 * @return a new empty list with room for @p capacity items; free with as_list_destroy().
 */
AS_EXPORT as_list *as_list_new(uint32_t capacity);
/**
 * Destroy @p list and every item.
 * @param list may be NULL.
 */
AS_EXPORT void as_list_destroy(as_list *list);
/**
 * Append @p v to @p list; steals @p v.
 * @param list the list; NULL only destroys @p v.
 * @param v the value (stolen).
 */
AS_EXPORT void as_list_append(as_list *list, as_value v);
/**
 * Append an integer.
 * @param list the list.
 * @param v the integer.
 */
AS_EXPORT void as_list_append_int(as_list *list, int64_t v);
/**
 * Append a copy of the string @p s.
 * @param list the list.
 * @param s NUL-terminated string (copied).
 */
AS_EXPORT void as_list_append_str(as_list *list, const char *s);
/**
 * Append a double.
 * @param list the list.
 * @param v the double.
 */
AS_EXPORT void as_list_append_double(as_list *list, double v);
/**
 * Get an item.
 * @param list the list.
 * @param i the item's index.
 * @return item @p i (borrowed; valid until the list changes) or NULL when out of range.
 */
AS_EXPORT const as_value *as_list_get(const as_list *list, uint32_t i);

/**
 * Create a map.
 * @param capacity entries to allocate room for (the map grows as needed).
 * @return a new empty map with room for @p capacity entries; free with as_map_destroy().
 */
AS_EXPORT as_map *as_map_new(uint32_t capacity);
/**
 * Destroy @p map and every key and value.
 * @param map may be NULL.
 */
AS_EXPORT void as_map_destroy(as_map *map);
/**
 * Set @p key to @p value, replacing (and destroying) an equal key's entry; steals both.
 * @param map the map; NULL only destroys @p key and @p value.
 * @param key the key (stolen).
 * @param value the value (stolen).
 */
AS_EXPORT void as_map_put(as_map *map, as_value key, as_value value);
/**
 * Set string key @p key (copied) to @p value (stolen).
 * @param map the map.
 * @param key NUL-terminated key (copied); NULL stores nothing and destroys @p value.
 * @param value the value (stolen).
 */
AS_EXPORT void as_map_put_str(as_map *map, const char *key, as_value value);
/**
 * Look up a key.
 * @param map the map.
 * @param key the key to find (not modified).
 * @return the value of @p key (borrowed) or NULL.
 */
AS_EXPORT const as_value *as_map_get(const as_map *map, const as_value *key);
/**
 * Look up a string key.
 * @param map the map.
 * @param key NUL-terminated key.
 * @return the value of string key @p key (borrowed) or NULL.
 */
AS_EXPORT const as_value *as_map_get_str(const as_map *map, const char *key);
/**
 * Mark a map as ordered, as the Node and Java clients send their maps (the
 * server then stores it sorted and answers ordered reads without sorting).
 * The map goes on the wire with the order's ext header first; its entries
 * go in the order they were added, so add them in key order.
 * @param map the map.
 * @param order the order flags; AS_MAP_UNORDERED removes the mark.
 * @return false, leaving the map unchanged, when @p map is NULL or
 *         @p order is not one of the three as_map_order values.
 */
AS_EXPORT bool as_map_set_order(as_map *map, as_map_order order);

AS_END_DECLS

#endif
