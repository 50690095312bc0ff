/**
 * @file info.h
 * @brief Info requests (the server's text protocol).
 *
 * The client's own figures (node names, statistics) are in stats.h.
 */
#ifndef AEROFUTURE_INFO_H
#define AEROFUTURE_INFO_H

#include <aerofuture/client.h>
#include <aerofuture/future.h>
#include <aerofuture/policy.h>
#include <aerofuture/stats.h>

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

AS_END_DECLS

#endif
