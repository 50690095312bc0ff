/**
 * @file info.h
 * @brief Info requests (the server's text protocol) and client statistics.
 */
#ifndef AEROFUTURE_INFO_H
#define AEROFUTURE_INFO_H

#include <jansson.h>
#include <aerofuture/client.h>
#include <aerofuture/future.h>
#include <aerofuture/policy.h>

AS_BEGIN_DECLS

/**
 * Send an info request to one node.
 * @param c the client.
 * @param p the policy (copied), or NULL for the client's default.
 * @param node node name (as in the server's "node" answer; copied), or NULL for any node.
 * @param request (copied) one or more names separated by '\n' (a trailing '\n' is added
 *        when missing), e.g. "namespaces" or "build\nedition".
 * @return a future whose result (as_future_str()) is the raw reply,
 *         "name\tvalue\n" per name. FAILED with the server's code when a value
 *         is "ERROR:<code>:<message>"; AEROSPIKE_ERR_INVALID_NODE for an unknown
 *         node; AEROSPIKE_ERR_PARAM for an empty request or one with a TAB.
 */
AS_EXPORT as_future *as_info(as_client *c, const as_policy_info *p, const char *node, const char *request);

/**
 * The names of the nodes in the client's current partition map.
 * @param c the client.
 * @param names receives a NULL-terminated array of strings; free it with free()
 *        (one block: the strings live inside it). NULL: nothing is done.
 * @return the number of nodes (0 if @p names is NULL).
 */
AS_EXPORT size_t as_client_node_names(as_client *c, char ***names);

/**
 * Statistics, as a new JSON object (json_decref() it):
 * {"loops": [{"index", "in_process", "queued"}...],
 *  "nodes": [{"name", "address", "connections": {"open", "in_use", "opened",
 *  "closed"}, "commands", "errors", "timeouts", "retries"}...]}
 * with per-node figures summed over loops. Blocks briefly while every loop
 * takes its snapshot.
 * @param c the client.
 * @return the object, or NULL when called on one of the client's loop threads
 *         (it would deadlock) or for a NULL client.
 */
AS_EXPORT json_t *as_client_stats_json(as_client *c);

AS_END_DECLS

#endif
