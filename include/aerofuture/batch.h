/**
 * @file batch.h
 * @brief Batch reads: many keys in one future.
 *
 * Keys are grouped by the node that owns them and each group goes to its node
 * as one batch-index request, all groups in parallel. The future completes
 * once every group has answered (or failed); it is OK even when some keys are
 * missing or their node failed: each key has its own status.
 */
#ifndef AEROFUTURE_BATCH_H
#define AEROFUTURE_BATCH_H

#include <aerofuture/client.h>
#include <aerofuture/future.h>
#include <aerofuture/key.h>
#include <aerofuture/policy.h>
#include <aerofuture/record.h>

AS_BEGIN_DECLS

/** Most keys one batch call accepts. */
#define AS_BATCH_MAX_KEYS 100000

/** One key's outcome. */
typedef struct as_batch_record {
	/** The key: namespace, set and digest copied from the caller's key (the user
	 *  key value is not kept: its type is AS_NIL). */
	as_key key;
	/** AEROSPIKE_OK, AEROSPIKE_ERR_RECORD_NOT_FOUND, or the error of this key's
	 *  node (timeout, connection, ...). */
	as_status status;
	/** The record when status is OK (owned by the result; for batch exists it has
	 *  generation and ttl only), else NULL. */
	as_record *record;
	/** true if the key's node failed after the request may have been processed. */
	bool in_doubt;
} as_batch_record;

/** All keys' outcomes, in the caller's key order. Owned by the future. */
typedef struct as_batch_result {
	size_t n;                   /**< number of keys */
	as_batch_record *records;   /**< n outcomes */
} as_batch_result;

/**
 * Read all bins of @p n keys.
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param keys array of @p n keys (copied before the call returns).
 * @param n number of keys, at most AS_BATCH_MAX_KEYS.
 * @return a future (the caller owns one reference: as_future_release()) whose
 *         result is read with as_future_batch(); FAILED only for invalid
 *         arguments (AEROSPIKE_ERR_PARAM) or a closed client.
 */
AS_EXPORT as_future *as_batch_get(as_client *c, const as_policy_batch *p, const as_key *keys, size_t n);

/**
 * Read the bins named in the NULL-terminated @p bins of @p n keys.
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param keys array of @p n keys (copied before the call returns).
 * @param n number of keys, at most AS_BATCH_MAX_KEYS.
 * @param bins NULL-terminated bin names (copied before the call returns).
 * @return as for as_batch_get().
 */
AS_EXPORT as_future *as_batch_select(as_client *c, const as_policy_batch *p, const as_key *keys, size_t n,
                                     const char *const *bins);

/**
 * Check which of @p n keys exist (no bin data).
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param keys array of @p n keys (copied before the call returns).
 * @param n number of keys, at most AS_BATCH_MAX_KEYS.
 * @return as for as_batch_get().
 */
AS_EXPORT as_future *as_batch_exists(as_client *c, const as_policy_batch *p, const as_key *keys, size_t n);

/**
 * The result of a batch future.
 * @param f the future.
 * @return the outcome of an OK batch future (borrowed; lives as long as @p f), else NULL.
 */
AS_EXPORT const as_batch_result *as_future_batch(const as_future *f);

AS_END_DECLS

#endif
