/* Info replies and the tend parsers, on the server's captured answers
 * (shared/reference/info.txt) and on hand-written peers strings. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/info.h"
#include "common/check_main.h"
#include "common/reference.h"

/* The unescaped response body of the info.txt block labelled label. */
static char *info_body(const char *label, size_t *len)
{
	char why[512], head[256];
	char *text = ref_read_text("info.txt", NULL, why, sizeof why), *blk, *body, *out, *o;
	const char *p;

	ck_assert_msg(text != NULL, "%s", why);
	snprintf(head, sizeof head, "\n=== %s\n", label);
	blk = strstr(text, head);
	ck_assert_msg(blk != NULL, "info.txt has no block '%s'", label);
	body = strstr(blk + 1, "\nresponse_body: ");
	ck_assert_ptr_nonnull(body);
	body += strlen("\nresponse_body: ");
	out = o = malloc(strlen(body) + 1);
	for (p = body; *p && *p != '\n'; p++) {
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		p++;
		if (*p == 't')
			*o++ = '\t';
		else if (*p == 'n')
			*o++ = '\n';
		else if (*p == '\\')
			*o++ = '\\';
		else if (*p == 'x') {
			unsigned c;

			ck_assert_int_eq(sscanf(p + 1, "%2x", &c), 1);
			*o++ = (char)c;
			p += 2;
		} else {
			ck_abort_msg("bad escape in info.txt");
		}
	}
	*o = '\0';
	*len = (size_t)(o - out);
	free(text);
	return out;
}

/* Value of name inside the block's reply. */
static char *info_value(const char *label, const char *name, size_t *len)
{
	size_t blen;
	char *body = info_body(label, &blen), *v;
	as_info_pair pair;

	ck_assert_msg(as_info_find(body, blen, name, &pair), "%s: no value for %s", label, name);
	v = malloc(pair.value_len + 1);
	memcpy(v, pair.value, pair.value_len);
	v[pair.value_len] = '\0';
	*len = pair.value_len;
	free(body);
	return v;
}

START_TEST(iterate)
{
	size_t len;
	char *body = info_body("MULTI with an unknown name in the middle: node+nosuchcommand+build", &len);
	const char *cur = body;
	as_info_pair p;
	as_error err;

	ck_assert(as_info_next(&cur, body + len, &p));
	ck_assert_uint_eq(p.name_len, 4);
	ck_assert(memcmp(p.name, "node", 4) == 0);
	ck_assert_uint_eq(p.value_len, 15);
	ck_assert(as_info_next(&cur, body + len, &p));
	ck_assert(memcmp(p.name, "nosuchcommand", 13) == 0);
	ck_assert_int_eq(as_info_value_error(p.value, p.value_len, &err), AEROSPIKE_ERR_REQUEST_INVALID);
	ck_assert_str_eq(err.message, "unrecognized command");
	ck_assert(as_info_next(&cur, body + len, &p));
	ck_assert(memcmp(p.value, "8.1.2.0", 7) == 0 && p.value_len == 7);
	ck_assert(!as_info_next(&cur, body + len, &p));
	free(body);

	/* a line without TAB, and a last line without LF */
	{
		static const char odd[] = "name-only\nk\tv";
		const char *c = odd;

		ck_assert(as_info_next(&c, odd + sizeof odd - 1, &p));
		ck_assert_uint_eq(p.name_len, 9);
		ck_assert_uint_eq(p.value_len, 0);
		ck_assert(as_info_next(&c, odd + sizeof odd - 1, &p));
		ck_assert_uint_eq(p.value_len, 1);
		ck_assert(*p.value == 'v');
		ck_assert(!as_info_next(&c, odd + sizeof odd - 1, &p));
	}
	/* duplicates: find gives the first; absent names are not found */
	body = info_body("DUPLICATE: 'node\\nnode\\n'", &len);
	ck_assert(as_info_find(body, len, "node", &p));
	ck_assert(!as_info_find(body, len, "nod", &p));
	ck_assert(!as_info_find(body, len, "build", &p));
	free(body);
}
END_TEST

START_TEST(errors)
{
	static const struct {
		const char *label, *name;
		as_status code;
		const char *msg;
	} cases[] = {
		{ "cluster-stable:size=2", "cluster-stable:size=2", 7, "cluster not specified size" },
		{ "nosuchcommand", "nosuchcommand", 4, "unrecognized command" },
		{ "rack-ids", "rack-ids", 25, "enterprise only" },
		{ "node", "node", AEROSPIKE_OK, NULL },
	};
	as_error err;
	size_t i, len;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *v = info_value(cases[i].label, cases[i].name, &len);

		as_error_reset(&err);
		ck_assert_int_eq(as_info_value_error(v, len, &err), cases[i].code);
		if (cases[i].msg) {
			ck_assert_int_eq(err.code, cases[i].code);
			ck_assert_str_eq(err.message, cases[i].msg);
		}
		free(v);
	}
	ck_assert_int_eq(as_info_value_error("ERROR", 5, &err), AEROSPIKE_ERR_SERVER);
	ck_assert_int_eq(as_info_value_error("ERROR::oops", 11, &err), AEROSPIKE_ERR_SERVER);
	ck_assert_str_eq(err.message, "oops");
	ck_assert_int_eq(as_info_value_error("ERROR:bad thing", 15, &err), AEROSPIKE_ERR_SERVER);
	ck_assert_str_eq(err.message, "bad thing");
	ck_assert_int_eq(as_info_value_error("ERROR:21", 8, &err), AEROSPIKE_ERR_BIN_NAME);
	ck_assert_int_eq(as_info_value_error("FAIL:5:x", 8, &err), AEROSPIKE_ERR_RECORD_EXISTS);
	ck_assert_int_eq(as_info_value_error("ERRORS", 6, &err), AEROSPIKE_OK);
	ck_assert_int_eq(as_info_value_error("ok", 2, &err), AEROSPIKE_OK);
	/* only len bytes are looked at */
	ck_assert_int_eq(as_info_value_error("ERROR:4:x", 3, &err), AEROSPIKE_OK);
}
END_TEST

START_TEST(numbers)
{
	as_version ver;
	char node[AS_NODE_NAME_MAX + 1];
	uint64_t u = 7;
	as_error err;
	size_t len;
	char *v;

	v = info_value("partition-generation", "partition-generation", &len);
	ck_assert_int_eq(as_info_parse_u64(v, len, &u, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(u, 0);
	free(v);
	ck_assert_int_eq(as_info_parse_u64("18446744073709551615", 20, &u, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(u, UINT64_MAX);
	ck_assert_int_eq(as_info_parse_u64("18446744073709551616", 20, &u, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_u64("", 0, &u, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_u64("12a", 3, &u, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_u64("-1", 2, &u, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_u64("123", 2, &u, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(u, 12);

	v = info_value("build", "build", &len);
	ck_assert_int_eq(as_info_parse_build(v, len, &ver, &err), AEROSPIKE_OK);
	ck_assert_int_eq(ver.major, 8);
	ck_assert_int_eq(ver.minor, 1);
	ck_assert_int_eq(ver.patch, 2);
	ck_assert_int_eq(ver.build, 0);
	free(v);
	ck_assert_int_eq(as_info_parse_build("7.2.0.11-rc1", 12, &ver, &err), AEROSPIKE_OK);
	ck_assert_int_eq(ver.build, 11);
	ck_assert_int_eq(as_info_parse_build("6.4", 3, &ver, &err), AEROSPIKE_OK);
	ck_assert_int_eq(ver.major, 6);
	ck_assert_int_eq(ver.patch, 0);
	ck_assert_int_eq(as_info_parse_build("8", 1, &ver, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_build("", 0, &ver, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_build("abc", 3, &ver, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_build("99999999999.1", 13, &ver, &err), AEROSPIKE_ERR_CLIENT);

	v = info_value("node", "node", &len);
	ck_assert_int_eq(as_info_parse_node(v, len, node, &err), AEROSPIKE_OK);
	ck_assert_str_eq(node, "BB901000000FC02");
	free(v);
	ck_assert_int_eq(as_info_parse_node("", 0, node, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_node("BB9 01", 6, node, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_node("0123456789abcdef0123456789abcdef0", 33, node, &err),
	                 AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_node("0123456789abcdef0123456789abcdef", 32, node, &err),
	                 AEROSPIKE_OK);
}
END_TEST

static void all_ones(const uint8_t *map)
{
	size_t i;

	for (i = 0; i < AS_PARTITION_BITMAP_SIZE; i++)
		ck_assert_uint_eq(map[i], 0xff);
}

START_TEST(replicas)
{
	as_replicas r;
	as_error err;
	size_t len;
	char *v = info_value("replicas", "replicas", &len), b64[700];
	const char *first_map;

	ck_assert_int_eq(as_info_parse_replicas(v, len, &r, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_str_eq(r.ns[0].ns, "test");
	ck_assert_str_eq(r.ns[1].ns, "bar");
	ck_assert_uint_eq(r.ns[0].regime, 0);
	ck_assert_uint_eq(r.ns[0].n_replicas, 1);
	all_ones(r.ns[0].maps[0]);
	all_ones(r.ns[1].maps[0]);
	/* encoding the bitmap gives the server's text back */
	ck_assert_uint_eq(as_partition_bitmap_b64(r.ns[0].maps[0], b64), 684);
	first_map = strstr(v, ",1,") + 3;
	ck_assert(strncmp(first_map, b64, 684) == 0);
	ck_assert_uint_eq(strlen(b64), 684);
	as_replicas_free(&r);
	ck_assert_uint_eq(r.n, 0);
	free(v);

	v = info_value("replicas-all", "replicas-all", &len);
	ck_assert_int_eq(as_info_parse_replicas(v, len, &r, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_uint_eq(r.ns[1].n_replicas, 1);
	all_ones(r.ns[1].maps[0]);
	as_replicas_free(&r);
	free(v);

	/* replicas-master ("<ns>:<b64>") is not one of the accepted forms */
	v = info_value("replicas-master", "replicas-master", &len);
	ck_assert_int_eq(as_info_parse_replicas(v, len, &r, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_uint_eq(r.n, 0);
	free(v);
}
END_TEST

/* A replicas value for one namespace with maps built from patterns. */
static char *replicas_text(const char *prefix, const uint8_t *pattern, size_t n_maps, const char *suffix)
{
	char *out = malloc(strlen(prefix) + n_maps * 686 + strlen(suffix) + 1);
	uint8_t map[AS_PARTITION_BITMAP_SIZE];
	size_t i;

	strcpy(out, prefix);
	for (i = 0; i < n_maps; i++) {
		memset(map, pattern[i], sizeof map);
		if (i)
			strcat(out, ",");
		as_partition_bitmap_b64(map, out + strlen(out));
	}
	strcat(out, suffix);
	return out;
}

START_TEST(replicas_built)
{
	static const uint8_t pats[] = { 0x80, 0x01, 0x5a };
	as_replicas r;
	as_error err;
	char *t;

	t = replicas_text("ns1:2,3,", pats, 3, ";ns2:1,");
	/* the last entry has n=1 but no map: malformed */
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t), &r, &err), AEROSPIKE_ERR_CLIENT);
	free(t);
	t = replicas_text("ns1:2,3,", pats, 3, "");
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t), &r, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.ns[0].regime, 2);
	ck_assert_uint_eq(r.ns[0].n_replicas, 3);
	/* bit i is map[i >> 3] & (0x80 >> (i & 7)): partition 0 on replica 0 */
	ck_assert(r.ns[0].maps[0][0] & 0x80);
	ck_assert(!(r.ns[0].maps[0][0] & 0x40));
	ck_assert_uint_eq(r.ns[0].maps[1][511], 0x01);
	ck_assert_uint_eq(r.ns[0].maps[2][100], 0x5a);
	as_replicas_free(&r);
	free(t);
	/* count and maps disagree */
	t = replicas_text("ns1:0,2,", pats, 1, "");
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t), &r, &err), AEROSPIKE_ERR_CLIENT);
	free(t);
	/* a map one character short, a bad character, double padding */
	t = replicas_text("ns1:0,1,", pats, 1, "");
	t[strlen(t) - 2] = '\0';
	strcat(t, "=");
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t), &r, &err), AEROSPIKE_ERR_CLIENT);
	free(t);
	t = replicas_text("ns1:0,1,", pats, 1, "");
	t[20] = '*';
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t), &r, &err), AEROSPIKE_ERR_CLIENT);
	free(t);
	t = replicas_text("ns1:0,1,", pats, 1, "");
	t[strlen(t) - 2] = '=';
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t), &r, &err), AEROSPIKE_ERR_CLIENT);
	free(t);
	/* a map followed by more text in the same token */
	t = replicas_text("ns1:0,1,", pats, 1, "AAAA");
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t), &r, &err), AEROSPIKE_ERR_CLIENT);
	free(t);
	/* namespace problems */
	t = replicas_text(":0,1,", pats, 1, "");
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t), &r, &err), AEROSPIKE_ERR_CLIENT);
	free(t);
	t = replicas_text("abcdefghijklmnopqrstuvwxyz0123456:0,1,", pats, 1, "");
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t), &r, &err), AEROSPIKE_ERR_CLIENT);
	free(t);
	ck_assert_int_eq(as_info_parse_replicas("test", 4, &r, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_info_parse_replicas("test:0,1", 8, &r, &err), AEROSPIKE_ERR_CLIENT);
	/* empty value: no namespaces */
	ck_assert_int_eq(as_info_parse_replicas("", 0, &r, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(r.n, 0);
	as_replicas_free(&r);
	/* len bounds the parse: a valid value cut short is refused */
	t = replicas_text("ns1:0,1,", pats, 1, "");
	ck_assert_int_eq(as_info_parse_replicas(t, strlen(t) - 1, &r, &err), AEROSPIKE_ERR_CLIENT);
	free(t);
}
END_TEST

static void peers_ok(const char *text, as_peers *out)
{
	as_error err;

	ck_assert_msg(as_info_parse_peers(text, strlen(text), out, &err) == AEROSPIKE_OK, "%s: %s", text,
	              err.message);
}

START_TEST(peers)
{
	as_peers p;
	as_error err;
	size_t len;
	char *v = info_value("peers-clear-std", "peers-clear-std", &len);

	ck_assert_int_eq(as_info_parse_peers(v, len, &p, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(p.generation, 0);
	ck_assert_uint_eq(p.default_port, 3000);
	ck_assert_uint_eq(p.n, 0);
	as_peers_free(&p);
	free(v);

	peers_ok("12,3000,[[BB9020011AC4202,,[172.17.0.2]],"
	         "[BB9030011AC4202,tls1.example,[172.17.0.3:3100,[2001:db8::1]:3200,[fe80::1]]],"
	         "[BB9040011AC4202,,[host.example.com:4000,::1]]]",
	         &p);
	ck_assert_uint_eq(p.generation, 12);
	ck_assert_uint_eq(p.n, 3);
	ck_assert_str_eq(p.peers[0].node, "BB9020011AC4202");
	ck_assert_str_eq(p.peers[0].tls_name, "");
	ck_assert_uint_eq(p.peers[0].n_hosts, 1);
	ck_assert_str_eq(p.peers[0].hosts[0].host, "172.17.0.2");
	ck_assert_uint_eq(p.peers[0].hosts[0].port, 3000);
	ck_assert_str_eq(p.peers[1].tls_name, "tls1.example");
	ck_assert_uint_eq(p.peers[1].n_hosts, 3);
	ck_assert_str_eq(p.peers[1].hosts[0].host, "172.17.0.3");
	ck_assert_uint_eq(p.peers[1].hosts[0].port, 3100);
	ck_assert_str_eq(p.peers[1].hosts[1].host, "2001:db8::1");
	ck_assert_uint_eq(p.peers[1].hosts[1].port, 3200);
	ck_assert_str_eq(p.peers[1].hosts[2].host, "fe80::1");
	ck_assert_uint_eq(p.peers[1].hosts[2].port, 3000);
	ck_assert_str_eq(p.peers[2].hosts[0].host, "host.example.com");
	ck_assert_uint_eq(p.peers[2].hosts[0].port, 4000);
	ck_assert_str_eq(p.peers[2].hosts[1].host, "::1");
	ck_assert_uint_eq(p.peers[2].hosts[1].port, 3000);
	as_peers_free(&p);
	ck_assert_uint_eq(p.n, 0);
	ck_assert_ptr_null(p.peers);

	/* a peer without addresses is kept (it has none to offer yet) */
	peers_ok("5,3001,[[A1,,[]]]", &p);
	ck_assert_uint_eq(p.n, 1);
	ck_assert_uint_eq(p.peers[0].n_hosts, 0);
	as_peers_free(&p);
}
END_TEST

START_TEST(peers_malformed)
{
	static const char *const bad[] = {
		"", "0", "0,3000", "0,3000,", "0,3000,[", "0,3000,[]x", "x,3000,[]", "0,0,[]",
		"0,70000,[]", "0,3000,[[A,,[h]]", "0,3000,[[,,[h]]]", "0,3000,[[A,,[h:0]]]",
		"0,3000,[[A,,[h:99999]]]", "0,3000,[[A,,[h:]]]", "0,3000,[[A,,[[::1]x]]]",
		"0,3000,[[A,,[[::1]]]", "0,3000,[[A,[h]]]", "0,3000,[[A,,[,]]]", "0,3000,[[A,,[h,]]]",
		"0,3000,[[0123456789abcdef0123456789abcdef0,,[h]]]", "0,3000,[[A,,[h]],]",
		"0,3000,[[A,,[h]][B,,[h]]]", "0,3000,[[A,,[[]]]]",
	};
	as_peers p;
	as_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(as_info_parse_peers(bad[i], strlen(bad[i]), &p, &err) == AEROSPIKE_ERR_CLIENT,
		              "accepted '%s'", bad[i]);
		ck_assert_uint_eq(p.n, 0);
		ck_assert_ptr_null(p.peers);
	}
	/* the parse stays within len */
	ck_assert_int_eq(as_info_parse_peers("0,3000,[]", 8, &p, &err), AEROSPIKE_ERR_CLIENT);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("info");
	TCase *tc = tcase_create("info");

	tcase_add_test(tc, iterate);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, replicas);
	tcase_add_test(tc, replicas_built);
	tcase_add_test(tc, peers);
	tcase_add_test(tc, peers_malformed);
	suite_add_tcase(s, tc);
	return s;
}
