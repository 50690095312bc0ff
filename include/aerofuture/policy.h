/**
 * @file policy.h
 * @brief Per-command policies and their defaults.
 *
 * Every command takes an optional policy; NULL means the client's default
 * (as_client_config.policies, itself initialised with the *_init functions
 * below). Policies are plain data copied by the command call. The *_init
 * functions return NULL when given NULL.
 */
#ifndef AEROFUTURE_POLICY_H
#define AEROFUTURE_POLICY_H

#include <aerofuture/common.h>
#include <aerofuture/error.h>

AS_BEGIN_DECLS

/** What a write does when the record exists or does not. */
typedef enum as_policy_exists {
	AS_POLICY_EXISTS_UPDATE = 0,          /**< create or update (default) */
	AS_POLICY_EXISTS_CREATE_ONLY,         /**< fail with RECORD_EXISTS (5) if it exists */
	AS_POLICY_EXISTS_UPDATE_ONLY,         /**< fail with RECORD_NOT_FOUND (2) if it does not */
	AS_POLICY_EXISTS_REPLACE_ONLY,        /**< replace all bins; fail with 2 if it does not exist */
	AS_POLICY_EXISTS_CREATE_OR_REPLACE    /**< create, or replace all bins */
} as_policy_exists;

/** Generation check of a write. */
typedef enum as_policy_gen {
	AS_POLICY_GEN_IGNORE = 0,  /**< no check (default) */
	AS_POLICY_GEN_EQ,          /**< record generation must equal the given one (else 3) */
	AS_POLICY_GEN_GT           /**< given generation must be greater than the record's (else 3) */
} as_policy_gen;

/** Whether the user key travels with the digest. */
typedef enum as_policy_key {
	AS_POLICY_KEY_DIGEST = 0,  /**< send only the digest (default) */
	AS_POLICY_KEY_SEND         /**< also send and store the user key */
} as_policy_key;

/** Which replica a read goes to on retries. */
typedef enum as_policy_replica {
	AS_POLICY_REPLICA_MASTER = 0,  /**< always the master */
	AS_POLICY_REPLICA_SEQUENCE     /**< master first, then the next replica on each retry (default) */
} as_policy_replica;

/** Timeouts and retries shared by all commands. */
typedef struct as_policy_base {
	/** Whole-command deadline in ms, retries included; 0 = none. Also sent to the
	 *  server as the transaction ttl. Default 1000. */
	uint32_t total_timeout;
	/** Deadline of one attempt in ms (0 = none); when it fires and retries
	 *  remain, the command is retried. Default 30000. */
	uint32_t socket_timeout;
	/** Retries after the first attempt. Default 2 for reads, 0 for writes. */
	uint32_t max_retries;
	/** Pause before a retry in ms. Default 0. */
	uint32_t sleep_between_retries;
	/** Filter expression (exp.h), borrowed: it must stay alive until the
	 *  command function returns (batch and scan take their own reference;
	 *  in the client's default policies, for the client's life). When it is
	 *  false for the record the command fails with AEROSPIKE_FILTERED_OUT
	 *  (per record in a batch). NULL = none. */
	const struct as_exp *filter_exp;
} as_policy_base;

/** get, select, exists. */
typedef struct as_policy_read {
	as_policy_base base;        /**< timeouts and retries */
	as_policy_key key;          /**< default DIGEST */
	as_policy_replica replica;  /**< default SEQUENCE */
} as_policy_read;

/** put. */
typedef struct as_policy_write {
	as_policy_base base;        /**< timeouts and retries */
	as_policy_key key;          /**< default DIGEST */
	as_policy_exists exists;    /**< default UPDATE */
	as_policy_gen gen;          /**< default IGNORE; the generation is the record's gen field */
	uint32_t ttl;               /**< used when the record says AS_TTL_CLIENT_DEFAULT; default 0 (namespace default) */
	bool durable_delete;        /**< leave a tombstone when a write deletes the record (Enterprise) */
} as_policy_write;

/** remove. */
typedef struct as_policy_remove {
	as_policy_base base;        /**< timeouts and retries */
	as_policy_key key;          /**< default DIGEST */
	as_policy_gen gen;          /**< default IGNORE */
	uint32_t generation;        /**< expected generation with gen != IGNORE */
	bool durable_delete;        /**< leave a tombstone (Enterprise) */
} as_policy_remove;

/** operate and touch. */
typedef struct as_policy_operate {
	as_policy_base base;        /**< timeouts and retries */
	as_policy_key key;          /**< default DIGEST */
	as_policy_exists exists;    /**< default UPDATE */
	as_policy_gen gen;          /**< the generation is as_operations.gen */
	uint32_t ttl;               /**< used when the operations say AS_TTL_CLIENT_DEFAULT */
	as_policy_replica replica;  /**< default SEQUENCE */
	bool durable_delete;        /**< leave a tombstone when a write deletes the record (Enterprise) */
	bool respond_all_ops;       /**< one result per operation (write ops give nil) */
} as_policy_operate;

/** batch reads. */
typedef struct as_policy_batch {
	as_policy_base base;        /**< defaults as for reads */
	bool allow_inline;          /**< let the server answer in its service thread; default true */
} as_policy_batch;

/** scans. */
typedef struct as_policy_scan {
	as_policy_base base;        /**< default total_timeout 0 (none), socket_timeout 30000, max_retries 0 */
	uint64_t max_records;       /**< 0 = all */
	uint32_t records_per_second;/**< 0 = unlimited */
} as_policy_scan;

/** info requests. */
typedef struct as_policy_info {
	uint32_t timeout;           /**< ms; default 1000 */
} as_policy_info;

/**
 * Initialise with defaults.
 * @param p the policy to initialise.
 * @return @p p.
 */
AS_EXPORT as_policy_read *as_policy_read_init(as_policy_read *p);
/**
 * Initialise with defaults.
 * @param p the policy to initialise.
 * @return @p p.
 */
AS_EXPORT as_policy_write *as_policy_write_init(as_policy_write *p);
/**
 * Initialise with defaults.
 * @param p the policy to initialise.
 * @return @p p.
 */
AS_EXPORT as_policy_remove *as_policy_remove_init(as_policy_remove *p);
/**
 * Initialise with defaults.
 * @param p the policy to initialise.
 * @return @p p.
 */
AS_EXPORT as_policy_operate *as_policy_operate_init(as_policy_operate *p);
/**
 * Initialise with defaults.
 * @param p the policy to initialise.
 * @return @p p.
 */
AS_EXPORT as_policy_batch *as_policy_batch_init(as_policy_batch *p);
/**
 * Initialise with defaults.
 * @param p the policy to initialise.
 * @return @p p.
 */
AS_EXPORT as_policy_scan *as_policy_scan_init(as_policy_scan *p);
/**
 * Initialise with defaults.
 * @param p the policy to initialise.
 * @return @p p.
 */
AS_EXPORT as_policy_info *as_policy_info_init(as_policy_info *p);

/** The default policy of every command, kept in as_client_config. */
typedef struct as_policies {
	as_policy_read read;        /**< get, select, exists */
	as_policy_write write;      /**< put */
	as_policy_remove remove;    /**< remove */
	as_policy_operate operate;  /**< operate and touch */
	as_policy_batch batch;      /**< batch reads */
	as_policy_scan scan;        /**< scans */
	as_policy_info info;        /**< info requests */
} as_policies;

/**
 * Initialise every member with its defaults.
 * @param p the policies to initialise.
 * @return @p p.
 */
AS_EXPORT as_policies *as_policies_init(as_policies *p);

/**
 * Check enum members and combinations (e.g. an unknown exists action).
 * Combinations rejected: exists CREATE_ONLY with a generation check (a record
 * that does not exist has no generation), and max_retries > 0 with
 * sleep_between_retries >= total_timeout (no retry could ever run).
 * @param p the policy to check.
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK or AEROSPIKE_ERR_PARAM naming the field.
 */
AS_EXPORT as_status as_policy_write_validate(const as_policy_write *p, as_error *err);
/** @copydoc as_policy_write_validate */
AS_EXPORT as_status as_policy_read_validate(const as_policy_read *p, as_error *err);
/** @copydoc as_policy_write_validate */
AS_EXPORT as_status as_policy_remove_validate(const as_policy_remove *p, as_error *err);
/** @copydoc as_policy_write_validate */
AS_EXPORT as_status as_policy_operate_validate(const as_policy_operate *p, as_error *err);

AS_END_DECLS

#endif
