/**
 * @file key.h
 * @brief Record keys: namespace, optional set, user key, digest.
 *
 * The digest (RIPEMD-160 of set name, key type and key bytes; the namespace is
 * not hashed) is computed once, when the key is initialised. An as_key is a
 * plain struct, usually on the stack; commands copy what they need before
 * they return, so a key may go out of scope as soon as the command call
 * returns.
 */
#ifndef AEROFUTURE_KEY_H
#define AEROFUTURE_KEY_H

#include <aerofuture/common.h>
#include <aerofuture/error.h>
#include <aerofuture/value.h>

AS_BEGIN_DECLS

/** A record's key. */
typedef struct as_key {
	char ns[AS_NAMESPACE_MAX_LEN + 1];  /**< namespace, 1..31 bytes */
	char set[AS_SET_MAX_LEN + 1];       /**< set, "" for none */
	/** User key: AS_INTEGER, AS_STRING or AS_BYTES; AS_NIL for a digest-only key.
	 *  String and bytes keys borrow the caller's memory unless the key came
	 *  from the library (e.g. a scan record), which then owns it. */
	as_value value;
	uint8_t digest[AS_DIGEST_SIZE];     /**< RIPEMD-160 digest */
} as_key;

/**
 * Initialise @p key with an integer user key.
 * @param key the key to initialise.
 * @param ns namespace, 1..31 bytes. @param set set name, NULL or "" for none, at most 63 bytes.
 * @param v the user key.
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK, or AEROSPIKE_ERR_PARAM with a message naming the bad argument
 *         (the key is then unusable and commands given it fail with that error).
 */
AS_EXPORT as_status as_key_init_int(as_key *key, const char *ns, const char *set, int64_t v, as_error *err);

/**
 * Initialise @p key with a string user key. @p s is borrowed, not copied: it
 * must stay valid while the key is used (commands copy it when they are called).
 * @param key the key to initialise.
 * @param ns namespace, 1..31 bytes. @param set set name, NULL or "" for none, at most 63 bytes.
 * @param s the user key, NUL-terminated (borrowed).
 * @param err optional; set on failure.
 * @return as for as_key_init_int().
 */
AS_EXPORT as_status as_key_init_str(as_key *key, const char *ns, const char *set, const char *s, as_error *err);

/**
 * Initialise @p key with a bytes user key of @p len bytes (borrowed, like as_key_init_str()).
 * @param key the key to initialise.
 * @param ns namespace, 1..31 bytes. @param set set name, NULL or "" for none, at most 63 bytes.
 * @param bytes the user key (borrowed).
 * @param len number of bytes at @p bytes.
 * @param err optional; set on failure.
 * @return as for as_key_init_int().
 */
AS_EXPORT as_status as_key_init_bytes(as_key *key, const char *ns, const char *set,
                                      const uint8_t *bytes, size_t len, as_error *err);

/**
 * Initialise @p key from a digest alone (no user key is known or sent).
 * @param key the key to initialise.
 * @param ns namespace, 1..31 bytes. @param set set name, NULL or "" for none, at most 63 bytes.
 * @param digest the digest (copied).
 * @param err optional; set on failure.
 * @return as for as_key_init_int().
 */
AS_EXPORT as_status as_key_init_digest(as_key *key, const char *ns, const char *set,
                                       const uint8_t digest[AS_DIGEST_SIZE], as_error *err);

/** Release memory the key owns (only keys made by the library own any). @param key may be NULL. */
AS_EXPORT void as_key_destroy(as_key *key);

/**
 * The partition a key belongs to.
 * @param key an initialised key (NULL gives 0).
 * @return the partition (0..4095) of @p key: first two digest bytes, little-endian, & 0x0FFF.
 */
AS_EXPORT uint32_t as_key_partition_id(const as_key *key);

/**
 * Check that @p key was initialised successfully (namespace and set lengths, user key type).
 * @param key the key; NULL fails.
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK or AEROSPIKE_ERR_PARAM with a message.
 */
AS_EXPORT as_status as_key_validate(const as_key *key, as_error *err);

/**
 * Compute a digest the way the server's clients do.
 * @param set NUL-terminated set name ("" or NULL for none).
 * @param type AS_INTEGER, AS_STRING or AS_BYTES.
 * @param bytes key bytes (an integer as 8 bytes big-endian). @param out receives 20 bytes.
 * @param len number of bytes at @p bytes (8 for AS_INTEGER).
 * @param err optional; set on failure.
 * @return AEROSPIKE_OK or AEROSPIKE_ERR_PARAM for an unsupported type (or a wrong
 *         integer length, NULL bytes or NULL @p out); AEROSPIKE_ERR_CLIENT when
 *         RIPEMD-160 is not available from libcrypto.
 */
AS_EXPORT as_status as_digest_compute(const char *set, as_value_type type, const uint8_t *bytes,
                                      size_t len, uint8_t out[AS_DIGEST_SIZE], as_error *err);

AS_END_DECLS

#endif
