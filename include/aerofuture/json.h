/**
 * @file json.h
 * @brief Values and records to and from JSON (jansson).
 *
 * Mapping: nil <-> null, integer <-> integer, double <-> real, bool <-> true/false,
 * string <-> string, list <-> array, map with only string keys <-> object.
 * Types JSON lacks are tagged objects with a single "$"-prefixed member, so they
 * round-trip:
 *   - bytes:   {"$bytes": "<base64>"}
 *   - GeoJSON: {"$geojson": "<GeoJSON text>"}
 *   - a map with any non-string key: {"$map": [[key, value], ...]}
 *     (also used for a string-keyed map whose keys an object cannot hold:
 *     not UTF-8, containing NUL, or a single key starting with '$')
 *   - a double JSON cannot hold: {"$double": "nan" | "inf" | "-inf"}
 *   - a string that is not valid UTF-8: {"$rawstring": "<base64>"}
 * What does not round-trip: an object whose only member happens to be one of
 * those tags (it is read as the tagged type); a JSON integer beyond int64 range
 * (rejected); map key order of objects (jansson keeps insertion order, the
 * server may reorder ordered maps); real numbers that are whole (1.0) stay
 * doubles only if written as reals.
 *
 * Ownership: *_to_json return a new reference (json_decref it);
 * *_from_json never steal the json_t.
 */
#ifndef AEROFUTURE_JSON_H
#define AEROFUTURE_JSON_H

#include <jansson.h>
#include <aerofuture/common.h>
#include <aerofuture/error.h>
#include <aerofuture/record.h>
#include <aerofuture/value.h>

AS_BEGIN_DECLS

/**
 * Convert a value to JSON.
 * @param v the value (not modified).
 * @return a new JSON value for @p v, or NULL if @p v is NULL or is (or holds)
 *          GeoJSON whose text is not valid UTF-8, which no JSON document can carry.
 *          The record functions below return NULL in that case too, and for a
 *          bin name, namespace or set that is not valid UTF-8. */
AS_EXPORT json_t *as_value_to_json(const as_value *v);

/**
 * Convert @p json into @p out (which then owns its memory).
 * @param json the JSON value (not stolen).
 * @param out receives the value.
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK or AEROSPIKE_ERR_PARAM naming the offending element.
 */
AS_EXPORT as_status as_value_from_json(const json_t *json, as_value *out, as_error *err);

/**
 * Convert a record's bins to JSON.
 * @param rec the record (not modified).
 * @return a new JSON object {"bin": value, ...} of @p rec's bins; NULL if @p rec is NULL.
 */
AS_EXPORT json_t *as_record_bins_to_json(const as_record *rec);

/**
 * Convert a record, with its metadata, to JSON.
 * @param rec the record (not modified).
 * @return a new JSON object {"gen": n, "ttl": n, "bins": {...}} plus "key" when
 *         the record carries one (scan results); NULL if @p rec is NULL.
 */
AS_EXPORT json_t *as_record_to_json(const as_record *rec);

/**
 * Build a record from a JSON object of bins ({"name": value, ...}).
 * @param bins the JSON object (not stolen).
 * @param out receives a new record (free with as_record_destroy()) on success, NULL on failure.
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK or AEROSPIKE_ERR_PARAM (not an object, bad bin name, bad value).
 */
AS_EXPORT as_status as_record_from_json(const json_t *bins, as_record **out, as_error *err);

AS_END_DECLS

#endif
