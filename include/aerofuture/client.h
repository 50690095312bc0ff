/**
 * @file client.h
 * @brief The client: configuration, connection to a cluster, shutdown.
 *
 * One as_client talks to one Aerospike cluster. It runs n_loops event-loop
 * threads (or attaches to the application's event_base), tends the cluster
 * (node discovery, partition map) on a timer, and keeps per-node, per-loop
 * connection pools. All functions are thread-safe unless stated.
 */
#ifndef AEROFUTURE_CLIENT_H
#define AEROFUTURE_CLIENT_H

#include <aerofuture/common.h>
#include <aerofuture/error.h>
#include <aerofuture/future.h>
#include <aerofuture/host.h>
#include <aerofuture/policy.h>

AS_BEGIN_DECLS

struct event_base;
/** A client connected to one cluster (opaque). Create with as_client_new(). */
typedef struct as_client as_client;

/** Most seed hosts a configuration holds. */
#define AS_CONFIG_MAX_HOSTS 16

/** The default as_client_config.pipeline_depth. */
#define AS_PIPELINE_DEPTH_DEFAULT 8

/** Client settings. Initialise with as_client_config_init(), then change what you need. */
typedef struct as_client_config {
	as_host hosts[AS_CONFIG_MAX_HOSTS];  /**< seeds; add with as_client_config_add_host() */
	size_t n_hosts;                      /**< number of entries used in hosts */
	char cluster_name[64];          /**< when set, nodes of another cluster are refused; default "" */
	uint32_t n_loops;               /**< event-loop threads to start; default 1 */
	/** Use the application's event_base instead of starting threads (n_loops is
	 *  then ignored). Call as_client_new() on the thread that runs the base;
	 *  keep the base running until as_client_close() returns. The application
	 *  still owns the base: the client never frees it. Default NULL. */
	struct event_base *event_base;
	uint32_t min_conns_per_node;    /**< per node per loop, opened at connect; default 0 */
	uint32_t max_conns_per_node;    /**< per node per loop; default 100 */
	/** Commands one connection may carry at once (pipelining; the server answers
	 *  in order). 1 disables pipelining. A command that times out leaves its
	 *  connection open: its late reply is read and dropped. Only when that
	 *  reply is later than the command's socket timeout again is the
	 *  connection closed, and the commands behind it retried (reads) or
	 *  reported in doubt (writes). Requests for a node submitted in the same
	 *  loop turn share a connection (and one write) up to this depth; a
	 *  connection already waiting for replies is joined only when the node
	 *  has no free one. So the depth follows the load: 1 for a lone
	 *  command, deeper when many wait. Default AS_PIPELINE_DEPTH_DEFAULT. */
	uint32_t pipeline_depth;
	uint32_t conn_timeout_ms;       /**< connect timeout; default 1000 */
	uint32_t idle_timeout_ms;       /**< close pooled connections idle this long; default 55000 */
	uint32_t tend_interval_ms;      /**< cluster tend period; default 1000 */
	/** Commands a loop runs at once (0 = unlimited); more wait in the loop's
	 *  queue without holding a socket. Default 0. */
	uint32_t max_commands_in_process;
	/** Commands that may wait in that queue (0 = unlimited); beyond it commands
	 *  fail at once with AEROSPIKE_ERR_ASYNC_QUEUE_FULL. Default 0. */
	uint32_t max_commands_in_queue;
	as_policies policies;           /**< defaults used when a command gets a NULL policy */
} as_client_config;

/**
 * Set every field to its default (no hosts).
 * @param cfg the configuration to initialise.
 * @return @p cfg (NULL if @p cfg is NULL).
 */
AS_EXPORT as_client_config *as_client_config_init(as_client_config *cfg);

/**
 * Add a seed.
 * @param cfg the configuration to add to.
 * @param host address or name (copied). @param port 0 means 3000.
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK, or AEROSPIKE_ERR_PARAM (empty/overlong name, too many hosts).
 */
AS_EXPORT as_status as_client_config_add_host(as_client_config *cfg, const char *host, uint16_t port,
                                              as_error *err);

/**
 * Add seeds from "host[:port][,host[:port]...]" ("[v6addr]:port" for IPv6).
 * @param cfg the configuration to add to.
 * @param list the comma-separated seeds (copied); a missing port means 3000.
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK or AEROSPIKE_ERR_PARAM naming the bad entry.
 */
AS_EXPORT as_status as_client_config_add_hosts(as_client_config *cfg, const char *list, as_error *err);

/**
 * Create a client from a copy of @p cfg and start its loops. Nothing is
 * connected yet: call as_client_connect().
 * @param cfg the configuration (copied).
 * @param err optional; set on failure.
 * @return the client (free with as_client_destroy()), or NULL with @p err set
 *         (invalid configuration, loop start failure).
 */
AS_EXPORT as_client *as_client_new(const as_client_config *cfg, as_error *err);

/**
 * Connect: contact the seeds, discover the nodes and load the partition map.
 * Commands may be submitted before it completes; they wait for the map.
 * @param c the client.
 * @return a future (the caller owns one reference: as_future_release()), OK
 *         once at least one node and its partition map are known,
 *         FAILED (AEROSPIKE_ERR_CONNECTION, ...) if no seed could be used before
 *         the read policy's total timeout (or 1 s if that is 0).
 */
AS_EXPORT as_future *as_client_connect(as_client *c);

/**
 * Close the client: every pending future fails with AEROSPIKE_ERR_CLIENT_ABORT,
 * connections are closed, loops stopped and their memory freed. Futures the
 * caller still holds stay valid until released. The client object itself stays
 * (commands on it fail at once with AEROSPIKE_ERR_CLIENT_ABORT) until
 * as_client_destroy(). Closing twice is harmless.
 * With an application event_base (as_client_config.event_base), call it either
 * from another thread while the base is running, or from the base's thread
 * outside its callbacks (e.g. after event_base_dispatch() returned): then the
 * loop's share of the work runs inline.
 * @param c may be NULL.
 * @return AEROSPIKE_OK, or AEROSPIKE_ERR_CLIENT (nothing done) when called from
 *         a callback on one of the client's loops, where it would deadlock.
 */
AS_EXPORT as_status as_client_close(as_client *c);

/**
 * Close the client if needed (see as_client_close()) and free it. @p c must not
 * be used afterwards.
 * @param c may be NULL.
 * @return as for as_client_close(); on error nothing is freed.
 */
AS_EXPORT as_status as_client_destroy(as_client *c);

AS_END_DECLS

#endif
