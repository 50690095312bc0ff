/* as_key: namespace, set, user key and its digest, computed once at init. */
#include <aerofuture/key.h>

#include <string.h>

#include "model/digest_internal.h"


/* Longest part of a bad name quoted in an error message, so the length that
 * follows it is never cut off by message truncation. */
#define KEY_QUOTE_MAX 48

static const char *key_ellipsis(size_t len)
{
	return len > KEY_QUOTE_MAX ? "..." : "";
}

/* Check and copy namespace and set; on failure leave the key with an empty
 * namespace, which as_key_validate() rejects. */
static as_status key_init_names(as_key *key, const char *ns, const char *set, size_t *set_len_out,
                                as_error *err)
{
	memset(key, 0, sizeof *key);
	key->value = as_value_nil();
	if (!ns)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "namespace is NULL");
	size_t ns_len = strlen(ns);
	if (ns_len == 0)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "namespace is empty");
	if (ns_len > AS_NAMESPACE_MAX_LEN)
		return as_error_set(err, AEROSPIKE_ERR_PARAM,
		                    "namespace '%.*s%s' is %zu bytes, the limit is %d",
		                    KEY_QUOTE_MAX, ns, key_ellipsis(ns_len), ns_len, AS_NAMESPACE_MAX_LEN);
	size_t set_len = set ? strlen(set) : 0;
	if (set_len > AS_SET_MAX_LEN)
		return as_error_set(err, AEROSPIKE_ERR_PARAM,
		                    "set '%.*s%s' is %zu bytes, the limit is %d",
		                    KEY_QUOTE_MAX, set, key_ellipsis(set_len), set_len, AS_SET_MAX_LEN);
	memcpy(key->ns, ns, ns_len + 1);
	if (set_len)
		memcpy(key->set, set, set_len + 1);
	*set_len_out = set_len;
	return AEROSPIKE_OK;
}

/* The parts are checked and set_len known: hash directly. */
static as_status key_finish(as_key *key, as_value value, const uint8_t *bytes, size_t len, size_t set_len,
                            as_error *err)
{
	if (!as_digest_ripemd((const uint8_t *)key->set, set_len, value.type, bytes, len, key->digest)) {
		memset(key, 0, sizeof *key);
		return as_error_set(err, AEROSPIKE_ERR_CLIENT, "RIPEMD-160 is not available from libcrypto");
	}
	key->value = value;
	return AEROSPIKE_OK;
}

as_status as_key_init_int(as_key *key, const char *ns, const char *set, int64_t v, as_error *err)
{
	if (!key)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "key is NULL");
	size_t set_len;
	as_status rc = key_init_names(key, ns, set, &set_len, err);
	if (rc != AEROSPIKE_OK)
		return rc;
	uint8_t be[8];
	for (int i = 0; i < 8; i++)
		be[i] = (uint8_t)((uint64_t)v >> (56 - 8 * i));  /* compilers make this one bswap */
	return key_finish(key, as_value_int(v), be, sizeof be, set_len, err);
}

as_status as_key_init_str(as_key *key, const char *ns, const char *set, const char *s, as_error *err)
{
	if (!key)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "key is NULL");
	size_t set_len;
	as_status rc = key_init_names(key, ns, set, &set_len, err);
	if (rc != AEROSPIKE_OK)
		return rc;
	if (!s) {
		memset(key, 0, sizeof *key);
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "string key is NULL");
	}
	as_value v = as_value_str_ref(s);
	return key_finish(key, v, (const uint8_t *)v.u.str, v.len, set_len, err);
}

as_status as_key_init_bytes(as_key *key, const char *ns, const char *set,
                            const uint8_t *bytes, size_t len, as_error *err)
{
	if (!key)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "key is NULL");
	size_t set_len;
	as_status rc = key_init_names(key, ns, set, &set_len, err);
	if (rc != AEROSPIKE_OK)
		return rc;
	if (!bytes && len) {
		memset(key, 0, sizeof *key);
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "bytes key is NULL with length %zu", len);
	}
	if (len > UINT32_MAX) {
		memset(key, 0, sizeof *key);
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "bytes key is %zu bytes, too long", len);
	}
	return key_finish(key, as_value_bytes_ref(bytes, len), bytes, len, set_len, err);
}

as_status as_key_init_digest(as_key *key, const char *ns, const char *set,
                             const uint8_t digest[AS_DIGEST_SIZE], as_error *err)
{
	if (!key)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "key is NULL");
	size_t set_len;
	as_status rc = key_init_names(key, ns, set, &set_len, err);
	(void)set_len;
	if (rc != AEROSPIKE_OK)
		return rc;
	if (!digest) {
		memset(key, 0, sizeof *key);
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "digest is NULL");
	}
	memcpy(key->digest, digest, AS_DIGEST_SIZE);
	return AEROSPIKE_OK;
}

void as_key_destroy(as_key *key)
{
	if (key)
		as_value_destroy(&key->value);
}

uint32_t as_key_partition_id(const as_key *key)
{
	if (!key)
		return 0;
	return ((uint32_t)key->digest[0] | ((uint32_t)key->digest[1] << 8)) & (AS_PARTITIONS - 1);
}

as_status as_key_validate(const as_key *key, as_error *err)
{
	if (!key)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "key is NULL");
	/* memchr: the struct may be garbage, so never read past the arrays. */
	const char *ns_end = memchr(key->ns, '\0', sizeof key->ns);
	if (!ns_end || ns_end == key->ns)
		return as_error_set(err, AEROSPIKE_ERR_PARAM,
		                    "key has no valid namespace (its initialisation failed)");
	if (!memchr(key->set, '\0', sizeof key->set))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "key's set name is not terminated");
	switch (key->value.type) {
	case AS_NIL:
	case AS_INTEGER:
		break;
	case AS_STRING:
	case AS_BYTES:
		if (!key->value.u.bytes && key->value.len)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "key's %s value is NULL",
			                    as_value_type_str((as_value_type)key->value.type));
		break;
	default:
		return as_error_set(err, AEROSPIKE_ERR_PARAM,
		                    "a key must be an integer, string or bytes, not %s",
		                    as_value_type_str((as_value_type)key->value.type));
	}
	return AEROSPIKE_OK;
}
