/**
 * @file stats.h
 * @brief The client's own figures: the nodes it knows and its statistics.
 */
#ifndef AEROFUTURE_STATS_H
#define AEROFUTURE_STATS_H

#include <jansson.h>
#include <aerofuture/client.h>

AS_BEGIN_DECLS

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
 *  "closed", "closed_by_timeout"}, "io": {"requests", "writes", "replies",
 *  "reads"}, "commands", "errors", "timeouts", "retries", "late_replies"}...]}
 * with per-node figures summed over loops. "closed_by_timeout" counts
 * connections given up because the reply of a timed-out command did not
 * come within its socket timeout; "late_replies" counts commands that timed
 * out with their reply still owed (after one, the node's requests go one
 * per connection for a second, so a slow reply delays only itself); "io" counts requests queued and the
 * send() calls that carried them, reply frames and the recv() calls that
 * read them (requests / writes is how many commands shared a write). Blocks briefly while every loop
 * takes its snapshot.
 * @param c the client.
 * @return the object, or NULL when called on one of the client's loop threads
 *         (it would deadlock) or for a NULL client.
 */
AS_EXPORT json_t *as_client_stats_json(as_client *c);

AS_END_DECLS

#endif
