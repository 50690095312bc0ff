/**
 * @file status.h
 * @brief Result codes. Server codes are the server's own numbers; client-side
 * codes are negative, with the same values as the official clients so a code
 * can be looked up in Aerospike's documentation.
 */
#ifndef AEROFUTURE_STATUS_H
#define AEROFUTURE_STATUS_H

#include <aerofuture/common.h>

AS_BEGIN_DECLS

/** A command's outcome. 0 is success. */
typedef enum as_status {
	/* client side */
	AEROSPIKE_ERR_BATCH_QUEUES_FULL = -13,   /**< no room for a batch's sub-commands */
	AEROSPIKE_ERR_BATCH_MAX_REQUESTS = -12,  /**< too many keys in a batch */
	AEROSPIKE_ERR_ASYNC_QUEUE_FULL = -11,    /**< max_commands_in_queue reached */
	AEROSPIKE_ERR_CONNECTION = -10,          /**< connect, read or write failed; connection closed */
	AEROSPIKE_ERR_TLS_ERROR = -9,
	AEROSPIKE_ERR_INVALID_NODE = -8,         /**< no node serves the key's partition, or unknown node */
	AEROSPIKE_ERR_NO_MORE_CONNECTIONS = -7,  /**< node connection pool at its maximum */
	AEROSPIKE_ERR_ASYNC_CONNECTION = -6,
	AEROSPIKE_ERR_CLIENT_ABORT = -5,         /**< client closed or command cancelled */
	AEROSPIKE_ERR_INVALID_HOST = -4,         /**< a seed host could not be parsed or resolved */
	AEROSPIKE_NO_MORE_RECORDS = -3,
	AEROSPIKE_ERR_PARAM = -2,                /**< invalid argument; the message names it */
	AEROSPIKE_ERR_CLIENT = -1,               /**< other client-side failure (protocol, memory) */
	/* server side */
	AEROSPIKE_OK = 0,
	AEROSPIKE_ERR_SERVER = 1,
	AEROSPIKE_ERR_RECORD_NOT_FOUND = 2,
	AEROSPIKE_ERR_RECORD_GENERATION = 3,
	AEROSPIKE_ERR_REQUEST_INVALID = 4,
	AEROSPIKE_ERR_RECORD_EXISTS = 5,
	AEROSPIKE_ERR_BIN_EXISTS = 6,
	AEROSPIKE_ERR_CLUSTER_CHANGE = 7,
	AEROSPIKE_ERR_SERVER_FULL = 8,
	AEROSPIKE_ERR_TIMEOUT = 9,
	AEROSPIKE_ERR_ALWAYS_FORBIDDEN = 10,
	AEROSPIKE_ERR_CLUSTER = 11,
	AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE = 12,
	AEROSPIKE_ERR_RECORD_TOO_BIG = 13,
	AEROSPIKE_ERR_RECORD_BUSY = 14,
	AEROSPIKE_ERR_SCAN_ABORTED = 15,
	AEROSPIKE_ERR_UNSUPPORTED_FEATURE = 16,
	AEROSPIKE_ERR_BIN_NOT_FOUND = 17,
	AEROSPIKE_ERR_DEVICE_OVERLOAD = 18,
	AEROSPIKE_ERR_RECORD_KEY_MISMATCH = 19,
	AEROSPIKE_ERR_NAMESPACE_NOT_FOUND = 20,
	AEROSPIKE_ERR_BIN_NAME = 21,
	AEROSPIKE_ERR_FAIL_FORBIDDEN = 22,
	AEROSPIKE_ERR_FAIL_ELEMENT_NOT_FOUND = 23,
	AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS = 24,
	AEROSPIKE_ERR_ENTERPRISE_ONLY = 25,
	AEROSPIKE_ERR_OP_NOT_APPLICABLE = 26,
	AEROSPIKE_FILTERED_OUT = 27,
	AEROSPIKE_LOST_CONFLICT = 28,
	AEROSPIKE_QUERY_END = 50,
	AEROSPIKE_SECURITY_NOT_SUPPORTED = 51,
	AEROSPIKE_SECURITY_NOT_ENABLED = 52,
	AEROSPIKE_ERR_UDF = 100,
	AEROSPIKE_ERR_BATCH_DISABLED = 150,
	AEROSPIKE_ERR_BATCH_MAX_REQUESTS_EXCEEDED = 151,
	AEROSPIKE_ERR_BATCH_QUEUES_FULL_SERVER = 152,
	AEROSPIKE_ERR_GEO_INVALID_GEOJSON = 160,
	AEROSPIKE_ERR_INDEX_NOT_FOUND = 201,
	AEROSPIKE_ERR_QUERY_ABORTED = 210
} as_status;

/**
 * The symbolic name of a status, e.g. "AEROSPIKE_ERR_RECORD_NOT_FOUND".
 * @param status any value, known or not.
 * @return a static string (never NULL; "AEROSPIKE_ERR_UNKNOWN" for unknown codes);
 *         the caller does not free it.
 */
AS_EXPORT const char *as_status_str(as_status status);

AS_END_DECLS

#endif
