/* Info protocol replies: line iteration, error values and the parsers
 * cluster tending needs. Every parser stays inside [value, value + len). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "codec/info.h"
#include "model/alloc.h"

bool as_info_next(const char **cursor, const char *end, as_info_pair *out)
{
	const char *line = *cursor, *nl, *tab;

	if (!line || line >= end)
		return false;
	nl = memchr(line, '\n', (size_t)(end - line));
	if (!nl)
		nl = end;
	tab = memchr(line, '\t', (size_t)(nl - line));
	out->name = line;
	if (tab) {
		out->name_len = (size_t)(tab - line);
		out->value = tab + 1;
		out->value_len = (size_t)(nl - tab - 1);
	} else {
		out->name_len = (size_t)(nl - line);
		out->value = nl;
		out->value_len = 0;
	}
	*cursor = nl < end ? nl + 1 : end;
	return true;
}

bool as_info_find(const char *body, size_t len, const char *name, as_info_pair *out)
{
	const char *cur = body, *end = body + len;
	size_t n = strlen(name);

	if (!body)
		return false;
	while (as_info_next(&cur, end, out))
		if (out->name_len == n && memcmp(out->name, name, n) == 0)
			return true;
	return false;
}

static bool has_prefix(const char *v, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(v, prefix, n) == 0 && (len == n || v[n] == ':');
}

as_status as_info_value_error(const char *value, size_t len, as_error *err)
{
	const char *p, *end = value + len;
	long code = AEROSPIKE_ERR_SERVER;
	size_t plen;

	/* servers answer "ERROR[:code][:message]"; older ones also "FAIL..." */
	if (has_prefix(value, len, "ERROR"))
		plen = 5;
	else if (has_prefix(value, len, "FAIL"))
		plen = 4;
	else
		return AEROSPIKE_OK;
	p = value + plen;
	if (p < end && *p == ':')
		p++;
	if (p < end && isdigit((unsigned char)*p)) {
		const char *d = p;
		long c = 0;

		while (d < end && isdigit((unsigned char)*d) && d - p < 6)
			c = c * 10 + (*d++ - '0');
		if (d == end || *d == ':') {
			code = c;
			p = d < end ? d + 1 : d;
		}
	} else if (p < end && *p == ':') {
		p++;  /* "ERROR::message": empty code */
	}
	if (code == 0)
		code = AEROSPIKE_ERR_SERVER;
	if (p < end)
		as_error_set(err, (as_status)code, "%.*s", (int)(end - p), p);
	else
		as_error_set(err, (as_status)code, "info error %ld", code);
	return (as_status)code;
}

static as_status malformed(as_error *err, const char *what, const char *v, size_t len)
{
	return as_error_set(err, AEROSPIKE_ERR_CLIENT, "malformed %s: '%.*s'", what,
	                    (int)(len > 64 ? 64 : len), v);
}

/* Decimal digits of [p, end) into *out; false on overflow or no digit. */
static bool parse_u64(const char *p, const char *end, uint64_t *out)
{
	uint64_t v = 0;

	if (p >= end)
		return false;
	for (; p < end; p++) {
		unsigned d;

		if (!isdigit((unsigned char)*p))
			return false;
		d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

as_status as_info_parse_u64(const char *value, size_t len, uint64_t *out, as_error *err)
{
	if (!value || !parse_u64(value, value + len, out))
		return malformed(err, "number", value ? value : "", value ? len : 0);
	return AEROSPIKE_OK;
}

as_status as_info_parse_build(const char *value, size_t len, as_version *out, as_error *err)
{
	int parts[4] = { 0, 0, 0, 0 };
	const char *p = value, *end = value + len;
	int n = 0;

	while (n < 4 && p < end && isdigit((unsigned char)*p)) {
		long v = 0;

		while (p < end && isdigit((unsigned char)*p)) {
			v = v * 10 + (*p++ - '0');
			if (v > 1000000)
				return malformed(err, "build", value, len);
		}
		parts[n++] = (int)v;
		if (p < end && *p == '.' && n < 4)
			p++;
		else
			break;
	}
	/* at least "major.minor"; anything after the numbers (e.g. "-rc1") is ignored */
	if (n < 2)
		return malformed(err, "build", value, len);
	out->major = parts[0];
	out->minor = parts[1];
	out->patch = parts[2];
	out->build = parts[3];
	return AEROSPIKE_OK;
}

as_status as_info_parse_node(const char *value, size_t len, char out[AS_NODE_NAME_MAX + 1],
                             as_error *err)
{
	size_t i;

	if (len == 0 || len > AS_NODE_NAME_MAX)
		return malformed(err, "node name", value, len);
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)value[i]))
			return malformed(err, "node name", value, len);
	memcpy(out, value, len);
	out[len] = '\0';
	return AEROSPIKE_OK;
}

/* ---- peers ---- */

typedef struct cursor {
	const char *p;
	const char *end;
} cursor;

static bool eat(cursor *c, char ch)
{
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return true;
	}
	return false;
}

static const char *scan_until(cursor *c, const char *stops)
{
	const char *start = c->p;

	while (c->p < c->end && !strchr(stops, *c->p))
		c->p++;
	return start;
}

static bool parse_port(const char *p, const char *end, uint16_t *out)
{
	uint64_t v;

	if (end - p > 5 || !parse_u64(p, end, &v) || v == 0 || v > 65535)
		return false;
	*out = (uint16_t)v;
	return true;
}

/* host[:port] | [ipv6][:port] | ipv6 without brackets (no port) */
static bool parse_host(cursor *c, uint16_t default_port, as_host_port *out)
{
	const char *h, *h_end, *colon;

	out->port = default_port;
	if (eat(c, '[')) {
		h = scan_until(c, "]");
		h_end = c->p;
		if (!eat(c, ']'))
			return false;
	} else {
		h = scan_until(c, ",]");
		h_end = c->p;
		colon = memchr(h, ':', (size_t)(h_end - h));
		/* exactly one colon separates a port; more make a bare IPv6 */
		if (colon && !memchr(colon + 1, ':', (size_t)(h_end - colon - 1))) {
			if (!parse_port(colon + 1, h_end, &out->port))
				return false;
			h_end = colon;
		}
		goto copy;
	}
	if (eat(c, ':')) {
		const char *port = scan_until(c, ",]");

		if (!parse_port(port, c->p, &out->port))
			return false;
	}
copy:
	if (h_end == h || (size_t)(h_end - h) >= sizeof out->host)
		return false;
	memcpy(out->host, h, (size_t)(h_end - h));
	out->host[h_end - h] = '\0';
	return true;
}

static bool parse_peer(cursor *c, uint16_t default_port, as_peer *peer)
{
	const char *s;
	size_t n;

	memset(peer, 0, sizeof *peer);
	if (!eat(c, '['))
		return false;
	s = scan_until(c, ",]");
	n = (size_t)(c->p - s);
	if (n == 0 || n > AS_NODE_NAME_MAX || !eat(c, ','))
		return false;
	memcpy(peer->node, s, n);
	s = scan_until(c, ",]");
	n = (size_t)(c->p - s);
	if (n >= sizeof peer->tls_name || !eat(c, ','))
		return false;
	memcpy(peer->tls_name, s, n);
	if (!eat(c, '['))
		return false;
	if (!eat(c, ']')) {
		do {
			as_host_port hp;

			if (!parse_host(c, default_port, &hp))
				return false;
			peer->hosts = as_reallocarray(peer->hosts, peer->n_hosts + 1, sizeof hp);
			peer->hosts[peer->n_hosts++] = hp;
		} while (eat(c, ','));
		if (!eat(c, ']'))
			return false;
	}
	return eat(c, ']');
}

as_status as_info_parse_peers(const char *value, size_t len, as_peers *out, as_error *err)
{
	cursor c = { value, value + len };
	const char *s;
	uint64_t port;

	memset(out, 0, sizeof *out);
	if (!value)
		return malformed(err, "peers", "", 0);
	s = scan_until(&c, ",");
	if (!parse_u64(s, c.p, &out->generation) || !eat(&c, ','))
		goto bad;
	s = scan_until(&c, ",");
	if (!parse_u64(s, c.p, &port) || port == 0 || port > 65535 || !eat(&c, ','))
		goto bad;
	out->default_port = (uint16_t)port;
	if (!eat(&c, '['))
		goto bad;
	if (!eat(&c, ']')) {
		do {
			as_peer peer;

			if (!parse_peer(&c, out->default_port, &peer)) {
				free(peer.hosts);
				goto bad;
			}
			out->peers = as_reallocarray(out->peers, out->n + 1, sizeof peer);
			out->peers[out->n++] = peer;
		} while (eat(&c, ','));
		if (!eat(&c, ']'))
			goto bad;
	}
	if (c.p != c.end)
		goto bad;
	return AEROSPIKE_OK;
bad:
	as_peers_free(out);
	return malformed(err, "peers", value, len);
}

void as_peers_free(as_peers *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		free(p->peers[i].hosts);
	free(p->peers);
	memset(p, 0, sizeof *p);
}

/* ---- replicas ---- */

/* 4096 bits = 512 bytes = 684 base64 characters ending in one '='. */
#define BITMAP_B64_LEN 684

static bool decode_bitmap(const char *s, size_t n, uint8_t out[AS_PARTITION_BITMAP_SIZE])
{
	uint8_t tmp[BITMAP_B64_LEN / 4 * 3];

	/* EVP_DecodeBlock counts padding bytes in its result: check the
	 * shape first so that exactly 512 bytes are meant. */
	if (n != BITMAP_B64_LEN || s[n - 1] != '=' || s[n - 2] == '=')
		return false;
	if (EVP_DecodeBlock(tmp, (const unsigned char *)s, (int)n) != (int)sizeof tmp)
		return false;
	memcpy(out, tmp, AS_PARTITION_BITMAP_SIZE);
	return true;
}

static bool is_small_number(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 10)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* One "<ns>:<regime>,<n>,<b64>..." or "<ns>:<n>,<b64>..." entry. */
static bool parse_replicas_ns(const char *s, const char *end, as_replicas_ns *out)
{
	const char *colon = memchr(s, ':', (size_t)(end - s));
	const char *tok[2 + 256];
	size_t tok_len[2 + 256];
	size_t n_tok = 0, first, i;
	uint64_t a = 0, nrep = 0;
	cursor c;

	memset(out, 0, sizeof *out);
	if (!colon || colon == s || (size_t)(colon - s) > AS_NAMESPACE_MAX_LEN)
		return false;
	memcpy(out->ns, s, (size_t)(colon - s));
	c.p = colon + 1;
	c.end = end;
	do {
		if (n_tok == sizeof tok / sizeof tok[0])
			return false;
		tok[n_tok] = scan_until(&c, ",");
		tok_len[n_tok] = (size_t)(c.p - tok[n_tok]);
		n_tok++;
	} while (eat(&c, ','));
	if (n_tok < 2 || !is_small_number(tok[0], tok_len[0]))
		return false;
	parse_u64(tok[0], tok[0] + tok_len[0], &a);
	if (is_small_number(tok[1], tok_len[1])) {
		out->regime = (uint32_t)(a > UINT32_MAX ? UINT32_MAX : a);
		parse_u64(tok[1], tok[1] + tok_len[1], &nrep);
		first = 2;
	} else {
		nrep = a;
		first = 1;
	}
	if (nrep > 255 || n_tok - first != nrep || (first == 2 && a > UINT32_MAX))
		return false;
	out->n_replicas = (uint8_t)nrep;
	out->maps = as_calloc(nrep ? nrep : 1, AS_PARTITION_BITMAP_SIZE);
	for (i = 0; i < nrep; i++)
		if (!decode_bitmap(tok[first + i], tok_len[first + i], out->maps[i]))
			return false;
	return true;
}

as_status as_info_parse_replicas(const char *value, size_t len, as_replicas *out, as_error *err)
{
	cursor c = { value, value + len };

	memset(out, 0, sizeof *out);
	if (!value)
		return malformed(err, "replicas", "", 0);
	while (c.p < c.end) {
		const char *s = scan_until(&c, ";");
		as_replicas_ns ns;
		bool ok = parse_replicas_ns(s, c.p, &ns);

		/* keep even a failed entry so that as_replicas_free releases it */
		out->ns = as_reallocarray(out->ns, out->n + 1, sizeof ns);
		out->ns[out->n++] = ns;
		if (!ok) {
			as_replicas_free(out);
			return malformed(err, "replicas", value, len);
		}
		eat(&c, ';');
	}
	return AEROSPIKE_OK;
}

void as_replicas_free(as_replicas *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		free(r->ns[i].maps);
	free(r->ns);
	memset(r, 0, sizeof *r);
}

size_t as_partition_bitmap_b64(const uint8_t map[AS_PARTITION_BITMAP_SIZE], char *out)
{
	return (size_t)EVP_EncodeBlock((unsigned char *)out, map, AS_PARTITION_BITMAP_SIZE);
}
