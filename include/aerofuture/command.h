/**
 * @file command.h
 * @brief Single-record commands. Each returns a future; none blocks.
 *
 * Common rules:
 * - The result is never NULL. Invalid arguments (NULL client or key, a key
 *   whose init failed, an invalid record or operation list, an unknown policy
 *   value) give an already-failed future with AEROSPIKE_ERR_PARAM and a message
 *   naming the problem; nothing is sent.
 * - Policy NULL means the client's default for the command.
 * - Arguments are encoded before the call returns: key, record, operations,
 *   bin names and policy may be freed or reused right after.
 * - The caller owns one reference to the returned future.
 */
#ifndef AEROFUTURE_COMMAND_H
#define AEROFUTURE_COMMAND_H

#include <aerofuture/client.h>
#include <aerofuture/future.h>
#include <aerofuture/key.h>
#include <aerofuture/operations.h>
#include <aerofuture/policy.h>
#include <aerofuture/record.h>

AS_BEGIN_DECLS

/**
 * Write @p rec's bins to @p key (a nil bin deletes that bin).
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param key the record's key (copied before the call returns).
 * @param rec the bins to write, and gen and ttl (encoded before the call returns).
 * @return a future: OK without a result, or FAILED (e.g. 5 RECORD_EXISTS with
 *         create-only, 3 RECORD_GENERATION, 13 RECORD_TOO_BIG).
 */
AS_EXPORT as_future *as_put(as_client *c, const as_policy_write *p, const as_key *key, const as_record *rec);

/**
 * Read every bin.
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param key the record's key (copied before the call returns).
 * @return a future whose result is the record (as_future_record()); FAILED with 2 if absent.
 */
AS_EXPORT as_future *as_get(as_client *c, const as_policy_read *p, const as_key *key);

/**
 * Read the bins named in @p bins, a NULL-terminated array of 1..15-byte names.
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param key the record's key (copied before the call returns).
 * @param bins the bin names (copied before the call returns).
 * @return as for as_get().
 */
AS_EXPORT as_future *as_select(as_client *c, const as_policy_read *p, const as_key *key, const char *const *bins);

/**
 * Check that the record exists without reading bins.
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param key the record's key (copied before the call returns).
 * @return a future that is OK with as_future_exists() true or false (a missing
 *         record is not an error here); its record (generation and ttl only)
 *         is available with as_future_record() when it exists.
 */
AS_EXPORT as_future *as_exists(as_client *c, const as_policy_read *p, const as_key *key);

/**
 * Delete the record.
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param key the record's key (copied before the call returns).
 * @return a future: OK, or FAILED with 2 if it did not exist.
 */
AS_EXPORT as_future *as_remove(as_client *c, const as_policy_remove *p, const as_key *key);

/**
 * Reset the record's time-to-live to @p ttl (AS_TTL_* values allowed) and bump its generation.
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param key the record's key (copied before the call returns).
 * @param ttl seconds to live or an AS_TTL_* value.
 * @return a future: OK with the record's new generation and ttl (as_future_record()), or 2 if absent.
 */
AS_EXPORT as_future *as_touch(as_client *c, const as_policy_operate *p, const as_key *key, uint32_t ttl);

/**
 * Apply @p ops atomically.
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param key the record's key (copied before the call returns).
 * @param ops the operations (encoded before the call returns).
 * @return a future whose record holds the read results (one bin per read op,
 *         in order; with respond_all_ops one per op).
 */
AS_EXPORT as_future *as_operate(as_client *c, const as_policy_operate *p, const as_key *key,
                                const as_operations *ops);

AS_END_DECLS

#endif
