/**
 * @file record.h
 * @brief Records: named bins plus generation and time-to-live.
 *
 * A record owns its bins and their values. The setters copy names and
 * scalar/string arguments; those taking an as_value, as_list or as_map steal it.
 * A setter given a bad bin name (empty or longer than 15 bytes) returns false
 * AND marks the record invalid, so a later as_put() of it fails with
 * AEROSPIKE_ERR_PARAM naming the bin instead of silently writing less than asked.
 */
#ifndef AEROFUTURE_RECORD_H
#define AEROFUTURE_RECORD_H

#include <aerofuture/common.h>
#include <aerofuture/error.h>
#include <aerofuture/key.h>
#include <aerofuture/value.h>

AS_BEGIN_DECLS

/** Time-to-live special values (for as_record.ttl and as_operations.ttl on writes). */
#define AS_TTL_NAMESPACE_DEFAULT 0u            /**< use the namespace's default-ttl */
#define AS_TTL_NEVER_EXPIRE ((uint32_t)-1)     /**< never expire (also what reads report for such records) */
#define AS_TTL_DONT_UPDATE ((uint32_t)-2)      /**< keep the record's current expiry */
#define AS_TTL_CLIENT_DEFAULT ((uint32_t)-3)   /**< use the write policy's ttl */

/** Most bins one record may hold in this client. */
#define AS_RECORD_MAX_BINS 32767

/** A named value. */
typedef struct as_bin {
	char name[AS_BIN_NAME_MAX_LEN + 1];  /**< NUL-terminated, 1..15 bytes */
	as_value value;                      /**< owned by the record */
} as_bin;

/** A record. Read the fields directly; change bins with the setters. */
typedef struct as_record {
	uint32_t gen;         /**< generation (read: current; write: expected with a generation policy) */
	/** Write: seconds to live or an AS_TTL_* value. Read: seconds left, or
	 *  AS_TTL_NEVER_EXPIRE for a record that never expires. */
	uint32_t ttl;
	uint16_t n_bins;      /**< number of bins */
	uint16_t capacity;    /**< allocated bins */
	as_bin *bins;         /**< the bins, in server (write) order */
	as_key *key;          /**< set on scan results (owned by the record), NULL otherwise */
	char *invalid;        /**< NULL, or why a setter failed (owned; see file comment) */
} as_record;

/**
 * Create a record.
 * @param capacity bins to allocate room for.
 * @return a new empty record with room for @p capacity bins (grows as needed); free with as_record_destroy().
 */
AS_EXPORT as_record *as_record_new(uint16_t capacity);

/**
 * Destroy @p rec, its bins and key. Only records the library made
 * (as_record_new(), a read's result) may be destroyed, once each: as for
 * free(), a second call is undefined; the library reports it on stderr and
 * ignores it when it can tell.
 * @param rec may be NULL.
 */
AS_EXPORT void as_record_destroy(as_record *rec);

/**
 * Set bin @p name to @p value, replacing an existing bin of that name. Steals @p value
 * (also on failure, when it is destroyed).
 * @param rec the record.
 * @param name bin name, 1..15 bytes (copied).
 * @param value the value (stolen).
 * @return false if @p name is NULL, empty or longer than 15 bytes, or the record is full
 *         (the record is then marked invalid).
 */
AS_EXPORT bool as_record_set(as_record *rec, const char *name, as_value value);
/**
 * Set an integer bin.
 * @param rec the record.
 * @param name bin name, 1..15 bytes (copied).
 * @param v the value.
 * @return as for as_record_set().
 */
AS_EXPORT bool as_record_set_int(as_record *rec, const char *name, int64_t v);
/**
 * Set a double bin.
 * @param rec the record.
 * @param name bin name, 1..15 bytes (copied).
 * @param v the value.
 * @return as for as_record_set().
 */
AS_EXPORT bool as_record_set_double(as_record *rec, const char *name, double v);
/**
 * Set a bool bin.
 * @param rec the record.
 * @param name bin name, 1..15 bytes (copied).
 * @param v the value.
 * @return as for as_record_set().
 */
AS_EXPORT bool as_record_set_bool(as_record *rec, const char *name, bool v);
/**
 * Set a string bin to a copy of @p s.
 * @param rec the record.
 * @param name bin name, 1..15 bytes (copied).
 * @param s NUL-terminated string (copied).
 * @return as for as_record_set().
 */
AS_EXPORT bool as_record_set_str(as_record *rec, const char *name, const char *s);
/**
 * Set a bytes bin to a copy of @p p.
 * @param rec the record.
 * @param name bin name, 1..15 bytes (copied).
 * @param p the bytes (copied); NULL with @p len > 0 fails like a bad name.
 * @param len number of bytes at @p p.
 * @return as for as_record_set().
 */
AS_EXPORT bool as_record_set_bytes(as_record *rec, const char *name, const uint8_t *p, size_t len);
/**
 * Set a list bin; steals @p list.
 * @param rec the record.
 * @param name bin name, 1..15 bytes (copied).
 * @param list the list (stolen).
 * @return as for as_record_set().
 */
AS_EXPORT bool as_record_set_list(as_record *rec, const char *name, as_list *list);
/**
 * Set a map bin; steals @p map.
 * @param rec the record.
 * @param name bin name, 1..15 bytes (copied).
 * @param map the map (stolen).
 * @return as for as_record_set().
 */
AS_EXPORT bool as_record_set_map(as_record *rec, const char *name, as_map *map);
/**
 * Set a bin to nil: in a put this deletes the bin on the server.
 * @param rec the record.
 * @param name bin name, 1..15 bytes (copied).
 * @return as for as_record_set().
 */
AS_EXPORT bool as_record_set_nil(as_record *rec, const char *name);

/**
 * Look up a bin.
 * @param rec the record.
 * @param name the bin name.
 * @return bin @p name's value (borrowed, valid until the record changes) or NULL.
 */
AS_EXPORT const as_value *as_record_get(const as_record *rec, const char *name);

/**
 * Number of results under bin @p name. An operate reply holds one entry
 * per operation that produced a value, in request order, so several
 * operations on one bin (a list size and a get, three map reads) give
 * several bins of the same name; as_record_get() returns the first.
 * @param rec the record; NULL counts as empty.
 * @param name the bin name.
 * @return how many bins are named @p name.
 */
AS_EXPORT uint16_t as_record_count(const as_record *rec, const char *name);
/**
 * The @p n th result (from 0, in request order) under bin @p name.
 * @param rec the record.
 * @param name the bin name.
 * @param n which result.
 * @return the value (borrowed, valid until the record changes), or NULL
 *         when @p name has fewer than n + 1 results.
 */
AS_EXPORT const as_value *as_record_get_nth(const as_record *rec, const char *name, uint16_t n);
/**
 * The last result under bin @p name: for an operate whose last operation
 * on the bin is a read, the bin's value after the others.
 * @param rec the record.
 * @param name the bin name.
 * @return the value (borrowed, valid until the record changes) or NULL.
 */
AS_EXPORT const as_value *as_record_get_last(const as_record *rec, const char *name);
/**
 * Read an integer bin.
 * @param rec the record.
 * @param name the bin name.
 * @param fallback returned when the bin is absent or not an integer.
 * @return integer bin @p name, or @p fallback if absent or not an integer.
 */
AS_EXPORT int64_t as_record_get_int(const as_record *rec, const char *name, int64_t fallback);
/**
 * Read a double bin.
 * @param rec the record.
 * @param name the bin name.
 * @param fallback returned when the bin is absent or not a double.
 * @return double bin @p name, or @p fallback if absent or not a double.
 */
AS_EXPORT double as_record_get_double(const as_record *rec, const char *name, double fallback);
/**
 * Read a string bin.
 * @param rec the record.
 * @param name the bin name.
 * @return string bin @p name (borrowed) or NULL if absent or not a string.
 */
AS_EXPORT const char *as_record_get_str(const as_record *rec, const char *name);

/**
 * Check that every setter succeeded.
 * @param rec the record; NULL fails.
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK, or AEROSPIKE_ERR_PARAM with the reason a setter failed.
 */
AS_EXPORT as_status as_record_validate(const as_record *rec, as_error *err);

AS_END_DECLS

#endif
