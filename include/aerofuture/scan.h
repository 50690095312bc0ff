/**
 * @file scan.h
 * @brief Scans of a namespace or set.
 *
 * A scan asks every node for the partitions it owns, in parallel. Records
 * stream to a callback on the client's event loop (one loop per scan, so the
 * callback is never called concurrently with itself).
 */
#ifndef AEROFUTURE_SCAN_H
#define AEROFUTURE_SCAN_H

#include <aerofuture/client.h>
#include <aerofuture/future.h>
#include <aerofuture/policy.h>
#include <aerofuture/record.h>

AS_BEGIN_DECLS

/**
 * Called on the loop thread for each record.
 * @param rec the record, with rec->key set (namespace, set, digest and, when the
 *        record was stored with its key, the user key). Borrowed for the call.
 * @param udata the pointer given to as_scan().
 * @return true to go on, false to stop the scan (the future then completes OK).
 */
typedef bool (*as_scan_record_fn)(const as_record *rec, void *udata);

/**
 * Scan namespace @p ns, or only set @p set (NULL or "" = the whole namespace).
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param ns the namespace (copied).
 * @param set the set (copied), or NULL or "" for the whole namespace.
 * @param bins NULL-terminated bin names to read (copied), or NULL for all bins.
 * @param fn called per record (see as_scan_record_fn).
 * @param udata passed to @p fn unchanged; must stay valid until the future completes.
 * @return a future that completes OK when every node has finished (or @p fn
 *         returned false), FAILED if a node failed (records already delivered
 *         stay delivered). Its result (as_future_scan_count()) is the number of
 *         records passed to @p fn.
 */
AS_EXPORT as_future *as_scan(as_client *c, const as_policy_scan *p, const char *ns, const char *set,
                             const char *const *bins, as_scan_record_fn fn, void *udata);

/** Records collected by as_scan_collect(); owned by the future. */
typedef struct as_record_list {
	size_t n;              /**< number of records */
	as_record **records;   /**< the records, each with its key */
} as_record_list;

/**
 * Scan like as_scan() and collect up to @p max_records records (0 = no limit)
 * into the future's result (as_future_records()).
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param ns the namespace (copied).
 * @param set the set (copied), or NULL or "" for the whole namespace.
 * @param bins NULL-terminated bin names to read (copied), or NULL for all bins.
 * @param max_records most records to collect; 0 = no limit.
 * @return a future whose result is read with as_future_records().
 */
AS_EXPORT as_future *as_scan_collect(as_client *c, const as_policy_scan *p, const char *ns, const char *set,
                                     const char *const *bins, size_t max_records);

/**
 * The records collected by as_scan_collect().
 * @param f the future.
 * @return the records of an OK as_scan_collect() future (borrowed), else NULL.
 */
AS_EXPORT const as_record_list *as_future_records(const as_future *f);

/**
 * The number of records a scan delivered.
 * @param f the future.
 * @return the number of records an OK as_scan() delivered, else 0.
 */
AS_EXPORT uint64_t as_future_scan_count(const as_future *f);

AS_END_DECLS

#endif
