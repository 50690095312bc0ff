/*
 * aerofuture-cli: KEY syntax.
 *
 * KEY is a string unless it starts with a type prefix:
 *   s:TEXT   string TEXT (to write a string that itself starts with a prefix)
 *   i:N      integer N (64-bit signed)
 *   b:HEX    bytes, an even number of hex digits
 *   d:HEX    a digest alone, 40 hex digits (no user key is known or sent)
 * With --int-key an unprefixed KEY must be an integer.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (char)tolower((unsigned char)ch);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Decode @p hex into a new buffer; *len receives its size. NULL if not hex. */
static uint8_t *hex_decode(const char *hex, size_t *len)
{
	size_t n = strlen(hex);
	if (n % 2)
		return NULL;
	uint8_t *out = malloc(n / 2 + 1);
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			free(out);
			return NULL;
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return out;
}

static as_status key_int(const char *ns, const char *set, const char *text, as_key *key, as_error *err)
{
	long long v;
	if (!cli_parse_ll(text, INT64_MIN, INT64_MAX, &v))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "key '%s' is not a 64-bit integer", text);
	return as_key_init_int(key, ns, set, v, err);
}

static as_status key_parse(const cli *c, const char *ns, const char *set, const char *text, cli_key *out,
                          as_error *err)
{
	out->bytes = NULL;
	bool prefixed = strlen(text) >= 2 && text[1] == ':' && strchr("sibd", text[0]);
	if (!prefixed)
		return c->int_key ? key_int(ns, set, text, &out->key, err)
		                  : as_key_init_str(&out->key, ns, set, text, err);
	const char *rest = text + 2;
	size_t len = 0;
	switch (text[0]) {
	case 's':
		return as_key_init_str(&out->key, ns, set, rest, err);
	case 'i':
		return key_int(ns, set, rest, &out->key, err);
	case 'b':
		out->bytes = hex_decode(rest, &len);
		if (!out->bytes)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "key '%s': b: needs hex digits in pairs", text);
		return as_key_init_bytes(&out->key, ns, set, out->bytes, len, err);
	default: {
		uint8_t *d = hex_decode(rest, &len);
		as_status st = d && len == AS_DIGEST_SIZE
		                   ? as_key_init_digest(&out->key, ns, set, d, err)
		                   : as_error_set(err, AEROSPIKE_ERR_PARAM, "key '%s': d: needs 40 hex digits", text);
		free(d);
		return st;
	}
	}
}

/* A key object as scan prints it: {"ns", "set", "digest", "value"}. */
static as_status key_from_object(const cli *c, const json_t *j, cli_key *out, as_error *err)
{
	const json_t *ns = json_object_get(j, "ns"), *set = json_object_get(j, "set");
	const json_t *value = json_object_get(j, "value"), *digest = json_object_get(j, "digest");
	const char *ns_s = json_is_string(ns) && !c->ns_given ? json_string_value(ns) : c->ns;
	const char *set_s = json_is_string(set) && !c->set_given ? json_string_value(set) : c->set;
	out->bytes = NULL;
	if (json_is_integer(value))
		return as_key_init_int(&out->key, ns_s, set_s, json_integer_value(value), err);
	if (json_is_string(value))
		return as_key_init_str(&out->key, ns_s, set_s, json_string_value(value), err);
	if (value && !json_is_null(value)) {
		as_value v;
		if (as_value_from_json(value, &v, err) != AEROSPIKE_OK)
			return err->code;
		if (v.type != AS_BYTES) {
			as_value_destroy(&v);
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "key value must be a string, integer or $bytes");
		}
		out->bytes = v.u.bytes;  /* the key borrows it; cli_key_free() frees it */
		return as_key_init_bytes(&out->key, ns_s, set_s, out->bytes, v.len, err);
	}
	if (!json_is_string(digest) || json_string_length(digest) != 2 * AS_DIGEST_SIZE)
		return as_error_set(err, AEROSPIKE_ERR_PARAM,
		                    "key object needs a \"value\" or a \"digest\" of 40 hex digits");
	char text[2 + 2 * AS_DIGEST_SIZE + 1];
	snprintf(text, sizeof(text), "d:%s", json_string_value(digest));
	return key_parse(c, ns_s, set_s, text, out, err);
}

/* A key given in JSON: an integer, a string in KEY syntax, or a key object. */
static as_status key_from_json(const cli *c, const json_t *j, cli_key *out, as_error *err)
{
	out->bytes = NULL;
	if (json_is_integer(j))
		return as_key_init_int(&out->key, c->ns, c->set, json_integer_value(j), err);
	if (json_is_string(j))
		return key_parse(c, c->ns, c->set, json_string_value(j), out, err);
	if (json_is_object(j))
		return key_from_object(c, j, out, err);
	return as_error_set(err, AEROSPIKE_ERR_PARAM, "\"key\" must be a string, an integer or a key object");
}

/* The public entry points own the failure path: a key that failed holds no
 * memory (a $bytes or b: buffer may have been decoded before the key was
 * refused, e.g. for an overlong namespace). */
as_status cli_key_parse(const cli *c, const char *ns, const char *set, const char *text, cli_key *out,
                        as_error *err)
{
	as_status st = key_parse(c, ns, set, text, out, err);
	if (st != AEROSPIKE_OK)
		cli_key_free(out);
	return st;
}

as_status cli_key_from_json(const cli *c, const json_t *j, cli_key *out, as_error *err)
{
	as_status st = key_from_json(c, j, out, err);
	if (st != AEROSPIKE_OK)
		cli_key_free(out);
	return st;
}

void cli_key_free(cli_key *k)
{
	free(k->bytes);
	k->bytes = NULL;
}

/* The user key as JSON, or {"$digest": HEX} for a digest-only key. */
json_t *cli_key_to_json(const as_key *key)
{
	if (key->value.type != AS_NIL)
		return as_value_to_json(&key->value);
	char hex[2 * AS_DIGEST_SIZE + 1];
	for (int i = 0; i < AS_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", key->digest[i]);
	return json_pack("{ss}", "$digest", hex);
}
