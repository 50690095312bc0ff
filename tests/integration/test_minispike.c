/* minispike over raw TCP: every request is built with the codec's encoders
 * (or by hand for requests no client would send) and every reply is read
 * with the codec's reader and parser. The server runs as a child process
 * on free ports (common/ms_proc.c). */
#include <check.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "codec/encode.h"
#include "codec/info.h"
#include "codec/msg.h"
#include "codec/proto.h"
#include "codec/reader.h"
#include "common/check_main.h"
#include "common/ms_proc.h"
#include "common/net.h"
#include "common/reference.h"

/* ---------------------------------------------------------------- helpers */

typedef struct tconn {
	int fd;
	as_reader r;
	uint8_t *body;  /* last frame (copy) */
	size_t len;
	uint8_t type;
} tconn;

static bool tc_open(tconn *c, uint16_t port)
{
	memset(c, 0, sizeof(*c));
	as_reader_init(&c->r);
	c->fd = net_connect(port, 5000);
	return c->fd >= 0;
}

static void tc_close(tconn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	as_reader_free(&c->r);
	free(c->body);
	c->body = NULL;
}

/* 1: a frame (c->body/len/type); 0: EOF; -1: timeout/error; -2: bad header */
static int tc_recv(tconn *c)
{
	as_frame f;
	as_error err;

	for (;;) {
		int r = as_reader_next(&c->r, &f, &err);
		size_t avail;
		uint8_t *p;
		ssize_t n;

		if (r < 0)
			return -2;
		if (r == 1) {
			free(c->body);
			c->body = malloc(f.len ? f.len : 1);
			memcpy(c->body, f.body, f.len);
			c->len = f.len;
			c->type = f.type;
			return 1;
		}
		p = as_reader_space(&c->r, 65536, &avail);
		n = recv(c->fd, p, avail, 0);
		if (n == 0)
			return 0;
		if (n < 0)
			return errno == EINTR ? -1 : -1;
		as_reader_commit(&c->r, (size_t)n);
	}
}

static void tc_buf(tconn *c, as_buffer *b)
{
	ck_assert(net_send_all(c->fd, b->data, b->len));
	b->len = 0;
}

/* Send a request, read one AS_MSG frame, parse its first as_msg. */
static as_msg_view tc_cmd(tconn *c, as_buffer *req)
{
	as_msg_view v;
	as_error err;

	tc_buf(c, req);
	ck_assert_int_eq(tc_recv(c), 1);
	ck_assert_int_eq(c->type, AS_PROTO_TYPE_MSG);
	ck_assert_int_eq(as_msg_parse(c->body, c->len, &v, &err), AEROSPIKE_OK);
	return v;
}

/* Info request on an open connection; returns a static NUL-terminated copy of the body. */
static const char *tc_info(tconn *c, const char *request)
{
	static char *out;
	uint8_t h[8];
	size_t len = strlen(request);

	as_proto_header_write(h, AS_PROTO_TYPE_INFO, len);
	ck_assert(net_send_all(c->fd, h, 8));
	ck_assert(net_send_all(c->fd, request, len));
	ck_assert_int_eq(tc_recv(c), 1);
	ck_assert_int_eq(c->type, AS_PROTO_TYPE_INFO);
	free(out);
	out = malloc(c->len + 1);
	memcpy(out, c->body, c->len);
	out[c->len] = '\0';
	return out;
}

/* One info request on a connection of its own; returns a static
 * NUL-terminated copy of the body. */
static const char *port_info(uint16_t port, const char *request)
{
	static char *out;

	free(out);
	out = net_info(port, request);
	ck_assert_msg(out != NULL, "info request '%s' to port %u failed", request, port);
	return out;
}

static as_key key_str(const char *set, const char *k)
{
	as_key key;
	as_error err;

	ck_assert_int_eq(as_key_init_str(&key, "test", set, k, &err), AEROSPIKE_OK);
	return key;
}

static void put_i_s(tconn *c, const as_key *k, int64_t i, const char *s, uint32_t ttl)
{
	as_policy_write wp;
	as_buffer b;
	as_error err;
	as_record *rec = as_record_new(2);

	as_policy_write_init(&wp);
	as_buffer_init(&b);
	as_record_set_int(rec, "i", i);
	as_record_set_str(rec, "s", s);
	rec->ttl = ttl;
	ck_assert_int_eq(as_encode_put(&b, &wp, k, rec, &err), AEROSPIKE_OK);
	as_msg_view v = tc_cmd(c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	as_record_destroy(rec);
	as_buffer_free(&b);
}

static as_record *get_rec(tconn *c, const as_key *k, int *rc)
{
	as_policy_read rp;
	as_buffer b;
	as_error err;
	as_record *rec = NULL;

	as_policy_read_init(&rp);
	as_buffer_init(&b);
	ck_assert_int_eq(as_encode_get(&b, &rp, k, NULL, 0, &err), AEROSPIKE_OK);
	as_msg_view v = tc_cmd(c, &b);
	*rc = v.h.result_code;
	if (v.h.result_code == 0)
		ck_assert_int_eq(as_msg_to_record(&v, as_now_cf(), &rec, &err), AEROSPIKE_OK);
	as_buffer_free(&b);
	return rec;
}

/* Hand-built as_msg (for requests the encoders refuse to make). */
typedef struct rawreq {
	as_buffer b;
	as_msg_header h;
} rawreq;

static void raw_begin(rawreq *q, uint8_t i1, uint8_t i2, uint8_t i3, uint32_t gen, uint32_t ttl)
{
	as_buffer_init(&q->b);
	memset(&q->h, 0, sizeof(q->h));
	q->h.info1 = i1;
	q->h.info2 = i2;
	q->h.info3 = i3;
	q->h.generation = gen;
	q->h.record_ttl = ttl;
	q->h.transaction_ttl = 1000;
	as_buffer_reserve(&q->b, 30);
	memset(q->b.data, 0, 30);
	q->b.len = 30;
}

static void raw_field(rawreq *q, uint8_t type, const void *data, uint32_t len)
{
	uint8_t h[5];

	as_put_u32(h, len + 1);
	h[4] = type;
	as_buffer_append(&q->b, h, 5);
	as_buffer_append(&q->b, data, len);
	q->h.n_fields++;
}

static void raw_op(rawreq *q, uint8_t op, uint8_t particle, const char *name, const void *v, uint32_t len)
{
	uint8_t h[8];
	size_t nl = strlen(name);

	as_put_u32(h, (uint32_t)(4 + nl + len));
	h[4] = op;
	h[5] = particle;
	h[6] = 0;
	h[7] = (uint8_t)nl;
	as_buffer_append(&q->b, h, 8);
	as_buffer_append(&q->b, name, nl);
	as_buffer_append(&q->b, v, len);
	q->h.n_ops++;
}

static void raw_key(rawreq *q, const char *ns, const as_key *k)
{
	raw_field(q, AS_FIELD_NAMESPACE, ns, (uint32_t)strlen(ns));
	raw_field(q, AS_FIELD_SET, k->set, (uint32_t)strlen(k->set));
	raw_field(q, AS_FIELD_DIGEST, k->digest, 20);
}

static void raw_end(rawreq *q)
{
	as_proto_header_write(q->b.data, AS_PROTO_TYPE_MSG, q->b.len - 8);
	as_msg_header_write(q->b.data + 8, &q->h);
	q->b.data[8] = AS_MSG_HEADER_SIZE;
}

/* The one bin of a hand-built write (name NULL: a write without bins). */
typedef struct raw_bin {
	uint8_t particle;
	const char *name;
	const void *value;
	uint32_t len;
} raw_bin;

/* A hand-built write of one bin to ns; returns the reply's header. */
static as_msg_header raw_write(tconn *c, const char *ns, const as_key *k, uint32_t ttl, raw_bin bin)
{
	rawreq q;

	raw_begin(&q, 0, AS_INFO2_WRITE, 0, 0, ttl);
	raw_key(&q, ns, k);
	if (bin.name)
		raw_op(&q, AS_OPERATOR_WRITE, bin.particle, bin.name, bin.value, bin.len);
	raw_end(&q);
	as_msg_view v = tc_cmd(c, &q.b);
	as_buffer_free(&q.b);
	return v.h;
}

/* Value of name in an info reply body, copied to a static buffer. */
static const char *info_value(const char *body, const char *name)
{
	static char v[8192];
	as_info_pair pr;

	if (!as_info_find(body, strlen(body), name, &pr))
		return NULL;
	snprintf(v, sizeof(v), "%.*s", (int)pr.value_len, pr.value);
	return v;
}

#define SERVER(P, N, EXTRA) ms_proc P; ck_assert_msg(ms_start(&P, N, EXTRA), "minispike did not start")
#define SERVER_END(P) ck_assert_int_eq(ms_stop(&P), 0)

/* ---------------------------------------------------------------- records */

START_TEST(test_put_get_exists_remove)
{
	SERVER(p, 1, NULL);
	tconn c;
	as_key k = key_str("demo", "key1"), missing = key_str("demo", "nokey");
	as_policy_write wp;
	as_policy_read rp;
	as_policy_remove dp;
	as_buffer b;
	as_error err;
	int rc;
	as_record *rec = as_record_new(8);
	as_list *l = as_list_new(3);
	as_map *m = as_map_new(1);

	ck_assert(tc_open(&c, p.ports[0]));
	as_buffer_init(&b);
	as_policy_write_init(&wp);
	as_policy_read_init(&rp);
	as_policy_remove_init(&dp);
	as_record_set_int(rec, "i", 7);
	as_record_set_str(rec, "s", "hello");
	as_record_set_double(rec, "d", 1.5);
	as_record_set_bytes(rec, "b", (const uint8_t *)"\x01\x02\x03\x04", 4);
	as_list_append_int(l, 1);
	as_list_append_str(l, "a");
	as_list_append_double(l, 2.5);
	as_record_set_list(rec, "l", l);
	as_map_put_str(m, "k", as_value_int(1));
	as_record_set_map(rec, "m", m);
	as_record_set_bool(rec, "bo", true);
	ck_assert_int_eq(as_encode_put(&b, &wp, &k, rec, &err), AEROSPIKE_OK);
	as_msg_view v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_uint_eq(v.h.generation, 1);
	ck_assert_uint_eq(v.h.record_ttl, 0);
	ck_assert_uint_eq(v.h.n_ops, 0);
	ck_assert_uint_eq(v.h.n_fields, 0);

	as_record *got = get_rec(&c, &k, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(got->gen, 1);
	ck_assert_uint_eq(got->n_bins, 7);
	for (uint16_t i = 0; i < 7; i++) {
		/* written order */
		ck_assert_str_eq(got->bins[i].name, rec->bins[i].name);
		ck_assert(as_value_equal(&got->bins[i].value, &rec->bins[i].value));
	}
	as_record_destroy(got);

	/* selected bins */
	const char *bins[] = { "s", "i", "nope" };
	ck_assert_int_eq(as_encode_get(&b, &rp, &k, bins, 3, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_uint_eq(v.h.n_ops, 2);
	ck_assert_int_eq(as_msg_to_record(&v, as_now_cf(), &got, &err), AEROSPIKE_OK);
	ck_assert_str_eq(as_record_get_str(got, "s"), "hello");
	ck_assert_int_eq(as_record_get_int(got, "i", 0), 7);
	as_record_destroy(got);

	/* exists */
	ck_assert_int_eq(as_encode_exists(&b, &rp, &k, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_uint_eq(v.h.generation, 1);
	ck_assert_uint_eq(v.h.n_ops, 0);
	ck_assert_int_eq(as_encode_exists(&b, &rp, &missing, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 2);
	ck_assert_uint_eq(v.h.generation, 0);

	/* missing get */
	got = get_rec(&c, &missing, &rc);
	ck_assert_int_eq(rc, 2);

	/* touch -> gen 2; touch missing -> 2 */
	as_policy_operate op;
	as_policy_operate_init(&op);
	ck_assert_int_eq(as_encode_touch(&b, &op, &k, 0, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_uint_eq(v.h.generation, 2);
	ck_assert_int_eq(as_encode_touch(&b, &op, &missing, 0, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 2);

	/* remove, remove again, durable delete (CE: 25) */
	dp.durable_delete = true;
	ck_assert_int_eq(as_encode_remove(&b, &dp, &k, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 25);
	dp.durable_delete = false;
	ck_assert_int_eq(as_encode_remove(&b, &dp, &k, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_uint_eq(v.h.generation, 0);
	ck_assert_int_eq(as_encode_remove(&b, &dp, &k, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 2);
	got = get_rec(&c, &k, &rc);
	ck_assert_int_eq(rc, 2);

	as_record_destroy(rec);
	as_buffer_free(&b);
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

static int put_policy(tconn *c, const as_key *k, as_policy_exists ex, as_policy_gen g, uint32_t gen,
                      const char *bin, int64_t val, uint32_t *gen_out)
{
	as_policy_write wp;
	as_buffer b;
	as_error err;
	as_record *rec = as_record_new(1);

	as_policy_write_init(&wp);
	wp.exists = ex;
	wp.gen = g;
	rec->gen = gen;
	as_record_set_int(rec, bin, val);
	as_buffer_init(&b);
	ck_assert_int_eq(as_encode_put(&b, &wp, k, rec, &err), AEROSPIKE_OK);
	as_msg_view v = tc_cmd(c, &b);
	if (gen_out)
		*gen_out = v.h.generation;
	as_record_destroy(rec);
	as_buffer_free(&b);
	return v.h.result_code;
}

START_TEST(test_write_policies)
{
	SERVER(p, 1, NULL);
	tconn c;
	as_key k = key_str("demo", "key1"), k2 = key_str("demo", "key2");
	uint32_t gen;
	int rc;

	ck_assert(tc_open(&c, p.ports[0]));
	put_i_s(&c, &k, 7, "hello", 0);
	ck_assert_int_eq(put_policy(&c, &k, AS_POLICY_EXISTS_CREATE_ONLY, 0, 0, "x", 1, &gen), 5);
	ck_assert_uint_eq(gen, 1);
	ck_assert_int_eq(put_policy(&c, &k2, AS_POLICY_EXISTS_UPDATE_ONLY, 0, 0, "x", 1, &gen), 2);
	ck_assert_uint_eq(gen, 0);
	ck_assert_int_eq(put_policy(&c, &k2, AS_POLICY_EXISTS_REPLACE_ONLY, 0, 0, "x", 1, &gen), 2);
	ck_assert_int_eq(put_policy(&c, &k, AS_POLICY_EXISTS_UPDATE_ONLY, 0, 0, "u", 1, &gen), 0);
	ck_assert_uint_eq(gen, 2);
	ck_assert_int_eq(put_policy(&c, &k, AS_POLICY_EXISTS_REPLACE_ONLY, 0, 0, "r", 2, &gen), 0);
	ck_assert_uint_eq(gen, 3);
	as_record *got = get_rec(&c, &k, &rc);
	ck_assert_uint_eq(got->n_bins, 1);
	ck_assert_int_eq(as_record_get_int(got, "r", 0), 2);
	as_record_destroy(got);
	ck_assert_int_eq(put_policy(&c, &k, AS_POLICY_EXISTS_CREATE_OR_REPLACE, 0, 0, "c", 3, &gen), 0);
	ck_assert_uint_eq(gen, 4);
	got = get_rec(&c, &k, &rc);
	ck_assert_uint_eq(got->n_bins, 1);
	ck_assert_int_eq(as_record_get_int(got, "c", 0), 3);
	as_record_destroy(got);
	/* generation EQ / GT: failures carry the current generation */
	ck_assert_int_eq(put_policy(&c, &k, 0, AS_POLICY_GEN_EQ, 99, "c", 4, &gen), 3);
	ck_assert_uint_eq(gen, 4);
	ck_assert_int_eq(put_policy(&c, &k, 0, AS_POLICY_GEN_EQ, 4, "c", 4, &gen), 0);
	ck_assert_uint_eq(gen, 5);
	ck_assert_int_eq(put_policy(&c, &k, 0, AS_POLICY_GEN_GT, 5, "c", 5, &gen), 3);
	ck_assert_uint_eq(gen, 5);
	ck_assert_int_eq(put_policy(&c, &k, 0, AS_POLICY_GEN_GT, 10, "c", 5, &gen), 0);
	ck_assert_uint_eq(gen, 6);
	/* create-only on a new record */
	ck_assert_int_eq(put_policy(&c, &k2, AS_POLICY_EXISTS_CREATE_ONLY, 0, 0, "x", 1, &gen), 0);
	ck_assert_uint_eq(gen, 1);
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

START_TEST(test_operate)
{
	SERVER(p, 1, NULL);
	tconn c;
	as_key k = key_str("demo", "op");
	as_policy_operate op;
	as_buffer b;
	as_error err;
	as_record *got;
	int rc;

	ck_assert(tc_open(&c, p.ports[0]));
	as_buffer_init(&b);
	as_policy_operate_init(&op);
	put_i_s(&c, &k, 7, "hello", 0);

	/* reads see earlier writes; only reads answer */
	as_operations *ops = as_operations_new(8);
	as_operations_add_incr(ops, "i", 5);
	as_operations_add_append_str(ops, "s", "!");
	as_operations_add_prepend_str(ops, "s", ">");
	as_operations_add_incr_double(ops, "d", 1.25);
	as_operations_add_incr_double(ops, "d", 1.0);
	as_operations_add_read(ops, "i");
	as_operations_add_read(ops, "s");
	as_operations_add_read(ops, "d");
	ck_assert_int_eq(as_encode_operate(&b, &op, &k, ops, &err), AEROSPIKE_OK);
	as_msg_view v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_uint_eq(v.h.generation, 2);
	ck_assert_uint_eq(v.h.n_ops, 3);
	ck_assert_int_eq(as_msg_to_record(&v, as_now_cf(), &got, &err), AEROSPIKE_OK);
	ck_assert_int_eq(as_record_get_int(got, "i", 0), 12);
	ck_assert_str_eq(as_record_get_str(got, "s"), ">hello!");
	ck_assert(as_record_get_double(got, "d", 0) == 2.25);
	as_record_destroy(got);
	as_operations_destroy(ops);

	/* respond_all_ops: one result per op, writes echoed without value */
	op.respond_all_ops = true;
	ops = as_operations_new(4);
	as_operations_add_write_int(ops, "w", 100);
	as_operations_add_read(ops, "w");
	as_operations_add_touch(ops);
	ck_assert_int_eq(as_encode_operate(&b, &op, &k, ops, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_uint_eq(v.h.n_ops, 3);
	{
		const uint8_t *cur = NULL;
		as_msg_op o;

		ck_assert(as_msg_next_op(&v, &cur, &o));
		ck_assert_int_eq(o.op, 2);
		ck_assert_int_eq(o.particle, 0);
		ck_assert_uint_eq(o.value_len, 0);
		ck_assert(as_msg_next_op(&v, &cur, &o));
		ck_assert_int_eq(o.op, 1);
		ck_assert_int_eq(o.particle, AS_INTEGER);
		ck_assert(as_msg_next_op(&v, &cur, &o));
		ck_assert_int_eq(o.op, 11);
	}
	as_operations_destroy(ops);
	op.respond_all_ops = false;

	/* add on a string: 12 with the current generation, record untouched */
	ops = as_operations_new(2);
	as_operations_add_write_int(ops, "i", 999);
	as_operations_add_incr(ops, "s", 1);
	ck_assert_int_eq(as_encode_operate(&b, &op, &k, ops, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 12);
	ck_assert_uint_eq(v.h.generation, 3);
	as_operations_destroy(ops);
	got = get_rec(&c, &k, &rc);
	ck_assert_int_eq(as_record_get_int(got, "i", 0), 12);
	ck_assert_uint_eq(got->gen, 3);
	as_record_destroy(got);

	/* nil write deletes a bin; the last bin gone deletes the record */
	as_record *rec = as_record_new(2);
	as_policy_write wp;
	as_policy_write_init(&wp);
	as_record_set_nil(rec, "i");
	as_record_set_nil(rec, "d");
	as_record_set_nil(rec, "w");
	ck_assert_int_eq(as_encode_put(&b, &wp, &k, rec, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	as_record_destroy(rec);
	got = get_rec(&c, &k, &rc);
	ck_assert_uint_eq(got->n_bins, 1);
	ck_assert_str_eq(as_record_get_str(got, "s"), ">hello!");
	as_record_destroy(got);
	rec = as_record_new(1);
	as_record_set_nil(rec, "s");
	ck_assert_int_eq(as_encode_put(&b, &wp, &k, rec, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	as_record_destroy(rec);
	got = get_rec(&c, &k, &rc);
	ck_assert_int_eq(rc, 2);

	/* operate delete, then reads see nothing; read-only operate on missing -> 2 */
	put_i_s(&c, &k, 1, "x", 0);
	ops = as_operations_new(2);
	as_operations_add_delete(ops);
	ck_assert_int_eq(as_encode_operate(&b, &op, &k, ops, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	as_operations_destroy(ops);
	ops = as_operations_new(1);
	as_operations_add_read(ops, "i");
	ck_assert_int_eq(as_encode_operate(&b, &op, &k, ops, &err), AEROSPIKE_OK);
	v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 2);
	as_operations_destroy(ops);

	as_buffer_free(&b);
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

START_TEST(test_cdt)
{
	SERVER(p, 1, NULL);
	tconn c;
	as_key k = key_str("demo", "cdt");
	rawreq q;
	uint8_t append[] = { 0x92, 0x01, 0x03 };
	uint8_t mput[] = { 0x94, 0x43, 0xa3, 0x03, 'k', '2', 0x02, 0x00 };
	uint8_t lsize[] = { 0x91, 0x10 };
	uint8_t mget[] = { 0x93, 0x61, 0x07, 0xa2, 0x03, 'k' };
	uint8_t unsupported[] = { 0x91, 0x1e };

	ck_assert(tc_open(&c, p.ports[0]));
	raw_begin(&q, AS_INFO1_READ, AS_INFO2_WRITE | AS_INFO2_RESPOND_ALL_OPS, 0, 0, 0);
	raw_key(&q, "test", &k);
	raw_op(&q, 4, AS_BYTES, "l", append, sizeof(append));
	raw_op(&q, 4, AS_BYTES, "l", append, sizeof(append));
	raw_op(&q, 4, AS_BYTES, "m", mput, sizeof(mput));
	raw_op(&q, 3, AS_BYTES, "l", lsize, sizeof(lsize));
	raw_op(&q, 3, AS_BYTES, "m", mget, sizeof(mget));
	raw_end(&q);
	as_msg_view v = tc_cmd(&c, &q.b);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_uint_eq(v.h.n_ops, 5);
	{
		const uint8_t *cur = NULL;
		as_msg_op o;
		int64_t want[] = { 1, 2, 1, 2 };

		for (int i = 0; i < 4; i++) {
			ck_assert(as_msg_next_op(&v, &cur, &o));
			ck_assert_int_eq(o.particle, AS_INTEGER);
			ck_assert_int_eq((int64_t)as_get_u64(o.value), want[i]);
		}
		ck_assert(as_msg_next_op(&v, &cur, &o));
		ck_assert_int_eq(o.particle, AS_NIL);  /* key "k" absent */
	}
	as_buffer_free(&q.b);
	raw_begin(&q, 0, AS_INFO2_WRITE | AS_INFO2_RESPOND_ALL_OPS, 0, 0, 0);
	raw_key(&q, "test", &k);
	raw_op(&q, 4, AS_BYTES, "l", unsupported, sizeof(unsupported));
	raw_end(&q);
	v = tc_cmd(&c, &q.b);
	/* 30 is no list op code: a malformed request, as on the server */
	ck_assert_int_eq(v.h.result_code, 4);
	as_buffer_free(&q.b);
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

START_TEST(test_limits)
{
	SERVER(p, 1, "--max-record-size 2000 --namespace-memory 64K --namespace other");
	tconn c;
	as_key k = key_str("s", "big");
	as_key kb = key_str("s", "bar");
	static uint8_t blob[4000];
	int64_t one = 0;

	ck_assert(tc_open(&c, p.ports[0]));
	/* --namespace replaces the defaults */
	ck_assert_str_eq(tc_info(&c, "namespaces\n"), "namespaces\tother\n");

	/* record too big */
	as_msg_header h = raw_write(&c, "other", &k, 0, (raw_bin){ AS_BYTES, "b", blob, 1990 });
	ck_assert_int_eq(h.result_code, 13);
	ck_assert_uint_eq(h.generation, 0);
	h = raw_write(&c, "other", &k, 0, (raw_bin){ AS_BYTES, "b", blob, 1000 });
	ck_assert_int_eq(h.result_code, 0);

	/* unknown namespace */
	h = raw_write(&c, "test", &kb, 0, (raw_bin){ AS_INTEGER, "i", &one, 8 });
	ck_assert_int_eq(h.result_code, 20);

	/* bin names: 15 ok, 16 -> 21; write with no ops -> 4 */
	h = raw_write(&c, "other", &kb, 0, (raw_bin){ AS_INTEGER, "abcdefghijklmno", &one, 8 });
	ck_assert_int_eq(h.result_code, 0);
	h = raw_write(&c, "other", &kb, 0, (raw_bin){ AS_INTEGER, "abcdefghijklmnop", &one, 8 });
	ck_assert_int_eq(h.result_code, 21);
	ck_assert_uint_eq(h.generation, 0);
	h = raw_write(&c, "other", &kb, 0, (raw_bin){ 0, NULL, NULL, 0 });
	ck_assert_int_eq(h.result_code, 4);

	/* namespace memory: 64 KiB fills up -> 8 */
	int rc = 0;
	for (int i = 0; i < 200 && rc == 0; i++) {
		char name[32];
		as_key ki;

		snprintf(name, sizeof(name), "fill%d", i);
		ck_assert_int_eq(as_key_init_str(&ki, "other", "s", name, NULL), AEROSPIKE_OK);
		rc = raw_write(&c, "other", &ki, 0, (raw_bin){ AS_BYTES, "b", blob, 1000 }).result_code;
	}
	ck_assert_int_eq(rc, 8);
	/* truncate frees it again */
	ck_assert_str_eq(tc_info(&c, "truncate-namespace:namespace=other\n"),
	                 "truncate-namespace:namespace=other\tok\n");
	h = raw_write(&c, "other", &k, 0, (raw_bin){ AS_BYTES, "b", blob, 1000 });
	ck_assert_int_eq(h.result_code, 0);
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

START_TEST(test_ttl)
{
	SERVER(p, 1, NULL);
	tconn c;
	as_key k = key_str("demo", "t1"), k2 = key_str("demo", "t2");
	as_policy_operate op;
	as_buffer b;
	as_error err;
	int rc;
	uint32_t now = as_now_cf();

	ck_assert(tc_open(&c, p.ports[0]));
	as_buffer_init(&b);
	as_policy_operate_init(&op);
	/* void times in write replies */
	put_i_s(&c, &k, 1, "a", 1);
	put_i_s(&c, &k2, 1, "a", 100);
	as_record *got = get_rec(&c, &k2, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert(got->ttl >= 98 && got->ttl <= 101);
	as_record_destroy(got);
	/* -2 keeps the void time, generation still increments */
	int64_t one = 0;
	as_msg_header h = raw_write(&c, "test", &k2, AS_TTL_DONT_UPDATE, (raw_bin){ AS_INTEGER, "i", &one, 8 });
	ck_assert_int_eq(h.result_code, 0);
	ck_assert_uint_eq(h.generation, 2);
	ck_assert(h.record_ttl >= now + 99 && h.record_ttl <= now + 101);
	/* touch with ttl 200 replaces the void time */
	ck_assert_int_eq(as_encode_touch(&b, &op, &k2, 200, &err), AEROSPIKE_OK);
	as_msg_view v = tc_cmd(&c, &b);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_uint_eq(v.h.generation, 3);
	ck_assert(v.h.record_ttl >= now + 199 && v.h.record_ttl <= now + 202);
	/* -1: never expires, void time 0 */
	h = raw_write(&c, "test", &k2, AS_TTL_NEVER_EXPIRE, (raw_bin){ AS_INTEGER, "i", &one, 8 });
	ck_assert_uint_eq(h.record_ttl, 0);

	/* expiry */
	usleep(2100 * 1000);
	got = get_rec(&c, &k, &rc);
	ck_assert_int_eq(rc, 2);
	got = get_rec(&c, &k2, &rc);
	ck_assert_int_eq(rc, 0);
	as_record_destroy(got);
	as_buffer_free(&b);
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

START_TEST(test_pipeline)
{
	SERVER(p, 1, NULL);
	tconn c;
	as_policy_read rp;
	as_buffer b;
	as_error err;
	as_key keys[100];
	char names[100][16];

	ck_assert(tc_open(&c, p.ports[0]));
	as_buffer_init(&b);
	as_policy_read_init(&rp);
	for (int i = 0; i < 100; i++) {
		snprintf(names[i], sizeof(names[i]), "p%d", i);
		keys[i] = key_str("demo", names[i]);
		put_i_s(&c, &keys[i], i, "x", 0);
	}
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(as_encode_get(&b, &rp, &keys[i], NULL, 0, &err), AEROSPIKE_OK);
	tc_buf(&c, &b);
	for (int i = 0; i < 100; i++) {
		as_msg_view v;
		as_record *rec;

		ck_assert_int_eq(tc_recv(&c), 1);
		ck_assert_int_eq(as_msg_parse(c.body, c.len, &v, &err), AEROSPIKE_OK);
		ck_assert_int_eq(as_msg_to_record(&v, 0, &rec, &err), AEROSPIKE_OK);
		ck_assert_int_eq(as_record_get_int(rec, "i", -1), i);
		as_record_destroy(rec);
	}
	as_buffer_free(&b);
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

/* ---------------------------------------------------------------- batch and scan */

/* Frame bodies that read_stream() keeps alive for the views it returns. */
static uint8_t *kept[8192];
static int n_kept;

static void streams_free(void)
{
	while (n_kept > 0)
		free(kept[--n_kept]);
}

/* Read frames until a LAST message; counts records; returns the number of frames. */
static int read_stream(tconn *c, as_msg_view *msgs, int max, int *n_msgs, uint8_t *last_rc)
{
	int frames = 0;
	as_error err;

	*n_msgs = 0;
	for (;;) {
		ck_assert_int_eq(tc_recv(c), 1);
		frames++;
		size_t off = 0;
		/* keep the body: views point into it */
		uint8_t *body = c->body;
		c->body = NULL;
		ck_assert_int_lt(n_kept, 8192);
		kept[n_kept++] = body;
		while (off < c->len) {
			as_msg_view v;

			ck_assert_int_eq(as_msg_parse(body + off, c->len - off, &v, &err), AEROSPIKE_OK);
			off += v.total;
			if (v.h.info3 & AS_INFO3_LAST) {
				*last_rc = v.h.result_code;
				ck_assert_uint_eq(off, c->len);  /* LAST comes in its own frame */
				return frames;
			}
			if (*n_msgs < max)
				msgs[*n_msgs] = v;
			(*n_msgs)++;
		}
	}
}

START_TEST(test_batch)
{
	SERVER(p, 1, NULL);
	tconn c;
	as_key k1 = key_str("demo", "key1"), k2 = key_str("demo", "nokey"), k3 = key_str("demo", "key3");
	const as_key *keys[] = { &k1, &k2, &k3 };
	uint32_t idx[] = { 0, 1, 2 };
	as_policy_batch bp;
	as_buffer b;
	as_error err;
	as_msg_view msgs[8];
	int n;
	uint8_t last;

	ck_assert(tc_open(&c, p.ports[0]));
	as_buffer_init(&b);
	as_policy_batch_init(&bp);
	put_i_s(&c, &k1, 1, "one", 0);
	put_i_s(&c, &k3, 3, "three", 0);

	ck_assert_int_eq(as_encode_batch(&b, &bp, keys, idx, 3, AS_BATCH_READ_ALL, NULL, 0, &err), AEROSPIKE_OK);
	tc_buf(&c, &b);
	ck_assert_int_eq(read_stream(&c, msgs, 8, &n, &last), 2);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(last, 0);
	ck_assert_uint_eq(msgs[0].h.transaction_ttl, 0);
	ck_assert_int_eq(msgs[0].h.result_code, 0);
	ck_assert_uint_eq(msgs[0].h.n_ops, 2);
	ck_assert_uint_eq(msgs[0].h.n_fields, 0);
	ck_assert_uint_eq(msgs[1].h.transaction_ttl, 1);
	ck_assert_int_eq(msgs[1].h.result_code, 2);
	ck_assert_uint_eq(msgs[1].h.generation, 0);
	ck_assert_uint_eq(msgs[2].h.transaction_ttl, 2);
	ck_assert_uint_eq(msgs[2].h.n_ops, 2);

	const char *bins[] = { "i" };
	ck_assert_int_eq(as_encode_batch(&b, &bp, keys, idx, 3, AS_BATCH_READ_BINS, bins, 1, &err), AEROSPIKE_OK);
	tc_buf(&c, &b);
	read_stream(&c, msgs, 8, &n, &last);
	ck_assert_int_eq(n, 3);
	ck_assert_uint_eq(msgs[0].h.n_ops, 1);
	ck_assert_uint_eq(msgs[2].h.n_ops, 1);

	ck_assert_int_eq(as_encode_batch(&b, &bp, keys, idx, 3, AS_BATCH_READ_EXISTS, NULL, 0, &err), AEROSPIKE_OK);
	tc_buf(&c, &b);
	read_stream(&c, msgs, 8, &n, &last);
	ck_assert_int_eq(n, 3);
	ck_assert_uint_eq(msgs[0].h.n_ops, 0);
	ck_assert_uint_eq(msgs[0].h.generation, 1);
	ck_assert_int_eq(msgs[1].h.result_code, 2);

	/* a big batch comes in several bounded frames */
	enum { N = 2000 };
	as_key *many = malloc(N * sizeof(*many));
	char (*names)[16] = malloc(N * sizeof(*names));
	const as_key **mp = malloc(N * sizeof(*mp));
	uint32_t *mi = malloc(N * sizeof(*mi));
	static uint8_t blob[1000];
	as_policy_write wp;
	as_policy_write_init(&wp);
	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "b%d", i);
		ck_assert_int_eq(as_key_init_str(&many[i], "test", "big", names[i], NULL), AEROSPIKE_OK);
		mp[i] = &many[i];
		mi[i] = (uint32_t)i;
		as_record *rec = as_record_new(1);
		as_record_set_bytes(rec, "b", blob, sizeof(blob));
		ck_assert_int_eq(as_encode_put(&b, &wp, &many[i], rec, &err), AEROSPIKE_OK);
		as_record_destroy(rec);
	}
	tc_buf(&c, &b);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(tc_recv(&c), 1);
	ck_assert_int_eq(as_encode_batch(&b, &bp, mp, mi, N, AS_BATCH_READ_ALL, NULL, 0, &err), AEROSPIKE_OK);
	tc_buf(&c, &b);
	ck_assert_int_ge(read_stream(&c, msgs, 8, &n, &last), 10);
	ck_assert_int_eq(n, N);
	free(many);
	free(names);
	free(mp);
	free(mi);
	as_buffer_free(&b);
	tc_close(&c);
	streams_free();
	SERVER_END(p);
}
END_TEST

START_TEST(test_scan)
{
	SERVER(p, 1, NULL);
	tconn c;
	as_policy_scan sp;
	as_policy_write wp;
	as_buffer b;
	as_error err;
	static as_msg_view msgs[4096];
	int n;
	uint8_t last;
	uint16_t pids[AS_PARTITIONS];

	ck_assert(tc_open(&c, p.ports[0]));
	as_buffer_init(&b);
	as_policy_scan_init(&sp);
	as_policy_write_init(&wp);
	for (int i = 0; i < AS_PARTITIONS; i++)
		pids[i] = (uint16_t)i;
	for (int i = 0; i < 60; i++) {
		char name[16];
		as_key k;

		snprintf(name, sizeof(name), "k%d", i);
		as_key_init_str(&k, "test", i < 50 ? "s1" : "s2", name, NULL);
		if (i == 0) {
			as_record *rec = as_record_new(2);

			wp.key = AS_POLICY_KEY_SEND;
			as_record_set_int(rec, "i", i);
			as_record_set_str(rec, "s", "x");
			ck_assert_int_eq(as_encode_put(&b, &wp, &k, rec, &err), AEROSPIKE_OK);
			tc_cmd(&c, &b);
			as_record_destroy(rec);
			wp.key = AS_POLICY_KEY_DIGEST;
		} else {
			put_i_s(&c, &k, i, "x", 0);
		}
	}
	/* set s1, all partitions */
	ck_assert_int_eq(as_encode_scan(&b, &sp, "test", "s1", pids, AS_PARTITIONS, NULL, 0, false, 1, &err),
	                 AEROSPIKE_OK);
	tc_buf(&c, &b);
	read_stream(&c, msgs, 4096, &n, &last);
	ck_assert_int_eq(n, 50);
	ck_assert_int_eq(last, 0);
	int with_key = 0;
	uint32_t prev_pid = 0;
	for (int i = 0; i < n; i++) {
		as_msg_field f;
		as_record *rec;

		ck_assert(as_msg_find_field(&msgs[i], AS_FIELD_NAMESPACE, &f));
		ck_assert(as_msg_find_field(&msgs[i], AS_FIELD_SET, &f));
		ck_assert_int_eq(f.len, 2);
		ck_assert(as_msg_find_field(&msgs[i], AS_FIELD_DIGEST, &f));
		uint32_t pid = ((uint32_t)f.data[0] | ((uint32_t)f.data[1] << 8)) & 0xFFF;
		ck_assert_uint_ge(pid, prev_pid);  /* partition order */
		prev_pid = pid;
		if (as_msg_find_field(&msgs[i], AS_FIELD_KEY, &f))
			with_key++;
		ck_assert_uint_eq(msgs[i].h.n_ops, 2);
		ck_assert_int_eq(as_msg_to_record(&msgs[i], 0, &rec, &err), AEROSPIKE_OK);
		ck_assert_ptr_nonnull(rec->key);
		as_record_destroy(rec);
	}
	ck_assert_int_eq(with_key, 1);

	/* bin selection, max records, whole namespace, no bins */
	const char *bins[] = { "i" };
	ck_assert_int_eq(as_encode_scan(&b, &sp, "test", "s1", pids, AS_PARTITIONS, bins, 1, false, 2, &err),
	                 AEROSPIKE_OK);
	tc_buf(&c, &b);
	read_stream(&c, msgs, 4096, &n, &last);
	ck_assert_int_eq(n, 50);
	ck_assert_uint_eq(msgs[0].h.n_ops, 1);
	sp.max_records = 5;
	ck_assert_int_eq(as_encode_scan(&b, &sp, "test", "s1", pids, AS_PARTITIONS, NULL, 0, false, 3, &err),
	                 AEROSPIKE_OK);
	tc_buf(&c, &b);
	read_stream(&c, msgs, 4096, &n, &last);
	ck_assert_int_eq(n, 5);
	sp.max_records = 0;
	ck_assert_int_eq(as_encode_scan(&b, &sp, "test", NULL, pids, AS_PARTITIONS, NULL, 0, true, 4, &err),
	                 AEROSPIKE_OK);
	tc_buf(&c, &b);
	read_stream(&c, msgs, 4096, &n, &last);
	ck_assert_int_eq(n, 60);
	ck_assert_uint_eq(msgs[0].h.n_ops, 0);
	/* a subset of partitions */
	ck_assert_int_eq(as_encode_scan(&b, &sp, "test", NULL, pids, 2048, NULL, 0, false, 5, &err),
	                 AEROSPIKE_OK);
	tc_buf(&c, &b);
	read_stream(&c, msgs, 4096, &n, &last);
	ck_assert_int_lt(n, 60);
	for (int i = 0; i < n; i++) {
		as_msg_field f;

		ck_assert(as_msg_find_field(&msgs[i], AS_FIELD_DIGEST, &f));
		ck_assert_uint_lt(((uint32_t)f.data[0] | ((uint32_t)f.data[1] << 8)) & 0xFFF, 2048);
	}
	/* unknown set: just LAST */
	ck_assert_int_eq(as_encode_scan(&b, &sp, "test", "nosuchset", pids, AS_PARTITIONS, NULL, 0, false, 6, &err),
	                 AEROSPIKE_OK);
	tc_buf(&c, &b);
	ck_assert_int_eq(read_stream(&c, msgs, 4096, &n, &last), 1);
	ck_assert_int_eq(n, 0);
	as_buffer_free(&b);
	tc_close(&c);
	streams_free();
	SERVER_END(p);
}
END_TEST

/* ---------------------------------------------------------------- info */

START_TEST(test_info)
{
	SERVER(p, 1, "--cluster-name anchors");
	tconn c;
	char want[256];
	uint8_t ones[AS_PARTITION_BITMAP_SIZE];
	char b64[700];
	const char *r;

	ck_assert(tc_open(&c, p.ports[0]));
	ck_assert_str_eq(tc_info(&c, "node\n"), "node\tBB9000000000001\n");
	ck_assert_str_eq(tc_info(&c, "build\n"), "build\t8.1.2.0\n");
	ck_assert_str_eq(tc_info(&c, "namespaces\n"), "namespaces\ttest;bar\n");
	ck_assert_str_eq(tc_info(&c, "partitions\n"), "partitions\t4096\n");
	ck_assert_str_eq(tc_info(&c, "edition\n"), "edition\tAerospike Community Edition\n");
	ck_assert_str_eq(tc_info(&c, "cluster-name\n"), "cluster-name\tanchors\n");
	ck_assert_str_eq(tc_info(&c, "partition-generation\n"), "partition-generation\t0\n");
	ck_assert_str_eq(tc_info(&c, "peers-generation\n"), "peers-generation\t0\n");
	snprintf(want, sizeof(want), "peers-clear-std\t0,%u,[]\n", p.ports[0]);
	ck_assert_str_eq(tc_info(&c, "peers-clear-std\n"), want);
	snprintf(want, sizeof(want), "service-clear-std\t127.0.0.1:%u\n", p.ports[0]);
	ck_assert_str_eq(tc_info(&c, "service-clear-std\n"), want);
	ck_assert_str_eq(tc_info(&c, "services\n"), "services\t\n");
	ck_assert_str_eq(tc_info(&c, "user-agent-set:value=MSxjLTcuNS4wLG5vdC1zZXQ=\n"),
	                 "user-agent-set:value=MSxjLTcuNS4wLG5vdC1zZXQ=\tok\n");
	ck_assert_str_eq(tc_info(&c, "nosuchcommand\n"), "nosuchcommand\tERROR:4:unrecognized command\n");
	ck_assert_str_eq(tc_info(&c, "bins/test\n"), "bins/test\tERROR:4:unrecognized command\n");
	ck_assert_str_eq(tc_info(&c, "node\nnosuchcommand\nbuild\n"),
	                 "node\tBB9000000000001\nnosuchcommand\tERROR:4:unrecognized command\nbuild\t8.1.2.0\n");
	ck_assert_str_eq(tc_info(&c, "node"), "");
	ck_assert_str_eq(tc_info(&c, "node\nbuild"), "node\tBB9000000000001\n");
	ck_assert_str_eq(tc_info(&c, "node\nnode\n"), "node\tBB9000000000001\nnode\tBB9000000000001\n");
	ck_assert_str_eq(tc_info(&c, "\n"), "\tERROR:4:unrecognized command\n");
	ck_assert_str_eq(tc_info(&c, "cluster-stable:size=2\n"),
	                 "cluster-stable:size=2\tERROR:7:cluster not specified size\n");
	r = tc_info(&c, "cluster-stable:size=1\n");
	ck_assert_uint_eq(strlen(r), strlen("cluster-stable:size=1\t") + 12 + 1);

	/* empty body: the server's default set, in its order */
	r = tc_info(&c, "");
	{
		const char *names[] = { "features", "node", "compatibility-id", "edition", "build_ee_sha",
		                        "build_sha", "build_arch", "build_time", "build_os", "build",
		                        "version", "statistics", "services-alumni", "services",
		                        "partition-generation" };
		const char *cur = r, *end = r + strlen(r);
		as_info_pair pr;

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			ck_assert(as_info_next(&cur, end, &pr));
			ck_assert_uint_eq(pr.name_len, strlen(names[i]));
			ck_assert(memcmp(pr.name, names[i], pr.name_len) == 0);
		}
		ck_assert(!as_info_next(&cur, end, &pr));
	}

	/* replicas: a single node owns everything (the real server's bytes) */
	memset(ones, 0xFF, sizeof(ones));
	as_partition_bitmap_b64(ones, b64);
	r = tc_info(&c, "replicas\n");
	{
		char *exp = malloc(4096);

		snprintf(exp, 4096, "replicas\ttest:0,1,%s;bar:0,1,%s\n", b64, b64);
		ck_assert_str_eq(r, exp);
		r = tc_info(&c, "replicas-all\n");
		snprintf(exp, 4096, "replicas-all\ttest:1,%s;bar:1,%s\n", b64, b64);
		ck_assert_str_eq(r, exp);
		r = tc_info(&c, "replicas-master\n");
		snprintf(exp, 4096, "replicas-master\ttest:%s;bar:%s\n", b64, b64);
		ck_assert_str_eq(r, exp);
		free(exp);
	}
	r = tc_info(&c, "namespace/test\n");
	ck_assert_ptr_nonnull(strstr(r, "objects=0;"));
	ck_assert_ptr_nonnull(strstr(r, "max-record-size=1048576"));
	r = tc_info(&c, "statistics\n");
	ck_assert_int_eq(ms_stat_value(r, "non_owner_commands"), 0);
	ck_assert_int_eq(ms_stat_value(r, "commands_received"), 0);
	as_key k = key_str("demo", "x");
	put_i_s(&c, &k, 1, "a", 0);
	r = tc_info(&c, "sets/test\n");
	ck_assert_ptr_nonnull(strstr(r, "ns=test:set=demo:objects=1:"));
	r = tc_info(&c, "statistics\n");
	ck_assert_int_eq(ms_stat_value(r, "commands_received"), 1);
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

/* ---------------------------------------------------------------- cluster */

static void replicas_of(uint16_t port, uint8_t map[AS_PARTITION_BITMAP_SIZE])
{
	const char *r = port_info(port, "replicas\n");
	const char *v = info_value(r, "replicas");
	as_replicas reps;
	as_error err;

	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(as_info_parse_replicas(v, strlen(v), &reps, &err), AEROSPIKE_OK);
	ck_assert_uint_eq(reps.n, 2);
	ck_assert_str_eq(reps.ns[0].ns, "test");
	ck_assert_int_eq(memcmp(reps.ns[0].maps[0], reps.ns[1].maps[0], AS_PARTITION_BITMAP_SIZE), 0);
	memcpy(map, reps.ns[0].maps[0], AS_PARTITION_BITMAP_SIZE);
	as_replicas_free(&reps);
}

static int owner_of(uint8_t maps[][AS_PARTITION_BITMAP_SIZE], int n, uint32_t pid)
{
	int owner = -1;

	for (int i = 0; i < n; i++) {
		if (maps[i][pid >> 3] & (0x80 >> (pid & 7))) {
			ck_assert_int_eq(owner, -1);  /* disjoint */
			owner = i;
		}
	}
	return owner;
}

static void check_peers(const ms_proc *p, int self, const bool *up)
{
	const char *v = info_value(port_info(p->ports[self], "peers-clear-std\n"), "peers-clear-std");
	as_peers peers;
	as_error err;
	size_t expect = 0;

	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(as_info_parse_peers(v, strlen(v), &peers, &err), AEROSPIKE_OK);
	for (int i = 0; i < p->n_nodes; i++) {
		if (i == self || !up[i])
			continue;
		expect++;
		bool found = false;
		char id[32];

		snprintf(id, sizeof(id), "BB9%012X", (unsigned)(i + 1));
		for (size_t j = 0; j < peers.n; j++) {
			if (strcmp(peers.peers[j].node, id) == 0) {
				ck_assert_uint_eq(peers.peers[j].n_hosts, 1);
				ck_assert_str_eq(peers.peers[j].hosts[0].host, "127.0.0.1");
				ck_assert_uint_eq(peers.peers[j].hosts[0].port, p->ports[i]);
				found = true;
			}
		}
		ck_assert(found);
	}
	ck_assert_uint_eq(peers.n, expect);
	as_peers_free(&peers);
}

START_TEST(test_cluster)
{
	SERVER(p, 3, NULL);
	uint8_t maps[3][AS_PARTITION_BITMAP_SIZE];
	bool up[3] = { true, true, true };
	tconn c;
	as_key k = key_str("demo", "cluster-key");
	uint32_t pid = as_key_partition_id(&k);
	int owner, other;
	long long before;

	ck_assert_int_eq(p.n_nodes, 3);
	for (int i = 0; i < 3; i++) {
		char want[64];

		snprintf(want, sizeof(want), "node\tBB9%012X\n", (unsigned)(i + 1));
		ck_assert_str_eq(port_info(p.ports[i], "node\n"), want);
		replicas_of(p.ports[i], maps[i]);
		check_peers(&p, i, up);
	}
	for (uint32_t q = 0; q < AS_PARTITIONS; q++)
		ck_assert_int_ge(owner_of(maps, 3, q), 0);  /* covered and disjoint */

	/* non-owner counter */
	owner = owner_of(maps, 3, pid);
	other = (owner + 1) % 3;
	ck_assert_int_eq(ms_stat(p.ports[owner], "non_owner_commands"), 0);
	ck_assert(tc_open(&c, p.ports[owner]));
	put_i_s(&c, &k, 1, "a", 0);
	tc_close(&c);
	ck_assert_int_eq(ms_stat(p.ports[owner], "non_owner_commands"), 0);
	before = ms_stat(p.ports[other], "non_owner_commands");
	ck_assert(tc_open(&c, p.ports[other]));
	int rc;
	as_record *rec = get_rec(&c, &k, &rc);
	ck_assert_int_eq(rc, 0);  /* served anyway: one shared store */
	as_record_destroy(rec);
	tc_close(&c);
	ck_assert_int_eq(ms_stat(p.ports[other], "non_owner_commands"), before + 1);

	/* stop node 1 from node 0 */
	ck_assert_str_eq(port_info(p.ports[0], "minispike-node-stop:id=1\n"), "minispike-node-stop:id=1\tok\n");
	up[1] = false;
	ck_assert(!tc_open(&c, p.ports[1]));
	tc_close(&c);
	ck_assert_str_eq(port_info(p.ports[0], "peers-generation\n"), "peers-generation\t1\n");
	ck_assert_str_eq(port_info(p.ports[2], "partition-generation\n"), "partition-generation\t1\n");
	check_peers(&p, 0, up);
	check_peers(&p, 2, up);
	replicas_of(p.ports[0], maps[0]);
	replicas_of(p.ports[2], maps[2]);
	memset(maps[1], 0, AS_PARTITION_BITMAP_SIZE);
	for (uint32_t q = 0; q < AS_PARTITIONS; q++) {
		int o = owner_of(maps, 3, q);

		ck_assert(o == 0 || o == 2);
	}
	{
		char view2[512];

		snprintf(view2, sizeof(view2), "%s", port_info(p.ports[2], "minispike-nodes\n"));
		ck_assert_str_eq(view2, port_info(p.ports[0], "minispike-nodes\n"));
		ck_assert_ptr_nonnull(strstr(view2, ",BB9000000000002,"));
		ck_assert_ptr_nonnull(strstr(view2, ",down;"));
	}

	/* start it again: same port, ownership back, generations bumped */
	ck_assert_str_eq(port_info(p.ports[2], "minispike-node-start:id=1\n"), "minispike-node-start:id=1\tok\n");
	up[1] = true;
	ck_assert(tc_open(&c, p.ports[1]));
	tc_close(&c);
	ck_assert_str_eq(port_info(p.ports[1], "peers-generation\n"), "peers-generation\t2\n");
	for (int i = 0; i < 3; i++) {
		replicas_of(p.ports[i], maps[i]);
		check_peers(&p, i, up);
	}
	for (uint32_t q = 0; q < AS_PARTITIONS; q++)
		ck_assert_int_eq(owner_of(maps, 3, q), (int)(q % 3));

	/* scans of a partition owned elsewhere: PARTITION_DONE 11 */
	{
		as_policy_scan sp;
		as_buffer b;
		as_error err;
		uint16_t one_pid = (uint16_t)pid;
		static as_msg_view msgs[16];
		int n;
		uint8_t last;

		as_policy_scan_init(&sp);
		as_buffer_init(&b);
		ck_assert(tc_open(&c, p.ports[other]));
		ck_assert_int_eq(as_encode_scan(&b, &sp, "test", NULL, &one_pid, 1, NULL, 0, false, 7, &err),
		                 AEROSPIKE_OK);
		tc_buf(&c, &b);
		read_stream(&c, msgs, 16, &n, &last);
		ck_assert_int_eq(n, 1);
		ck_assert_int_eq(msgs[0].h.info3, AS_INFO3_PARTITION_DONE);
		ck_assert_int_eq(msgs[0].h.result_code, 11);
		ck_assert_uint_eq(msgs[0].h.generation, pid);
		tc_close(&c);
		as_buffer_free(&b);
	}
	streams_free();
	SERVER_END(p);
}
END_TEST

/* ---------------------------------------------------------------- faults */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void send_get(tconn *c, const as_key *k)
{
	as_policy_read rp;
	as_buffer b;
	as_error err;

	as_policy_read_init(&rp);
	as_buffer_init(&b);
	ck_assert_int_eq(as_encode_get(&b, &rp, k, NULL, 0, &err), AEROSPIKE_OK);
	tc_buf(c, &b);
	as_buffer_free(&b);
}

START_TEST(test_faults)
{
	SERVER(p, 2, "--fault node=1;mode=error;code=14;count=1");
	tconn c;
	as_key k = key_str("demo", "f");
	as_error err;
	as_msg_view v;
	double t0;

	/* the --fault flag: node 1 answers its first command with 14 */
	ck_assert(tc_open(&c, p.ports[1]));
	send_get(&c, &k);
	ck_assert_int_eq(tc_recv(&c), 1);
	ck_assert_int_eq(as_msg_parse(c.body, c.len, &v, &err), AEROSPIKE_OK);
	ck_assert_int_eq(v.h.result_code, 14);
	send_get(&c, &k);
	ck_assert_int_eq(tc_recv(&c), 1);
	ck_assert_int_eq(as_msg_parse(c.body, c.len, &v, &err), AEROSPIKE_OK);
	ck_assert_int_eq(v.h.result_code, 2);
	tc_close(&c);

	ck_assert(tc_open(&c, p.ports[0]));
	put_i_s(&c, &k, 1, "a", 0);
	/* delay */
	ck_assert_str_eq(tc_info(&c, "minispike-fault:node=0;mode=delay;ms=300\n"),
	                 "minispike-fault:node=0;mode=delay;ms=300\tok\n");
	t0 = now_ms();
	send_get(&c, &k);
	ck_assert_int_eq(tc_recv(&c), 1);
	ck_assert_double_ge(now_ms() - t0, 280);
	/* info is never delayed */
	t0 = now_ms();
	tc_info(&c, "node\n");
	ck_assert_double_lt(now_ms() - t0, 200);
	/* error with count */
	tc_info(&c, "minispike-fault:node=0;mode=error;code=9;count=2\n");
	for (int i = 0; i < 3; i++) {
		send_get(&c, &k);
		ck_assert_int_eq(tc_recv(&c), 1);
		ck_assert_int_eq(as_msg_parse(c.body, c.len, &v, &err), AEROSPIKE_OK);
		ck_assert_int_eq(v.h.result_code, i < 2 ? 9 : 0);
	}
	ck_assert_int_ge(ms_stat(p.ports[0], "faults_applied"), 3);
	/* garbage */
	tc_info(&c, "minispike-fault:node=0;mode=garbage\n");
	send_get(&c, &k);
	ck_assert_int_eq(tc_recv(&c), -2);
	tc_close(&c);
	ck_assert_str_eq(port_info(p.ports[0], "minispike-fault:mode=off\n"), "minispike-fault:mode=off\tok\n");
	/* close */
	port_info(p.ports[0], "minispike-fault:node=0;mode=close\n");
	ck_assert(tc_open(&c, p.ports[0]));
	send_get(&c, &k);
	ck_assert_int_eq(tc_recv(&c), 0);
	tc_close(&c);
	/* hang: no reply, other connections and node 1 unaffected */
	port_info(p.ports[0], "minispike-fault:node=0;mode=hang\n");
	ck_assert(tc_open(&c, p.ports[0]));
	net_set_timeout(c.fd, 400);
	send_get(&c, &k);
	ck_assert_int_eq(tc_recv(&c), -1);
	tc_close(&c);
	ck_assert_ptr_nonnull(strstr(port_info(p.ports[0], "statistics\n"), "fault_mode=hang"));
	/* off */
	port_info(p.ports[1], "minispike-fault:node=0;mode=off\n");
	ck_assert(tc_open(&c, p.ports[0]));
	send_get(&c, &k);
	ck_assert_int_eq(tc_recv(&c), 1);
	ck_assert_int_eq(as_msg_parse(c.body, c.len, &v, &err), AEROSPIKE_OK);
	ck_assert_int_eq(v.h.result_code, 0);
	ck_assert_str_eq(tc_info(&c, "minispike-fault:mode=bogus\n"),
	                 "minispike-fault:mode=bogus\tERROR:4:unknown mode 'bogus'\n");
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

/* ---------------------------------------------------------------- hostile clients */

static void assert_alive(uint16_t port)
{
	ck_assert_str_eq(port_info(port, "build\n"), "build\t8.1.2.0\n");
}

START_TEST(test_hostile)
{
	SERVER(p, 1, NULL);
	tconn c;
	uint8_t buf[4096];
	as_msg_view v;
	as_error err;
	unsigned seed = 12345;

	/* bad version: closed */
	ck_assert(tc_open(&c, p.ports[0]));
	memcpy(buf, "\x07\x03\x00\x00\x00\x00\x00\x04" "abcd", 12);
	net_send_all(c.fd, buf, 12);
	ck_assert_int_eq(tc_recv(&c), 0);
	tc_close(&c);
	/* size > 128 MiB: closed */
	ck_assert(tc_open(&c, p.ports[0]));
	as_proto_header_write(buf, AS_PROTO_TYPE_MSG, 0);
	buf[2] = 0x10;  /* 2^44 */
	net_send_all(c.fd, buf, 8);
	ck_assert_int_eq(tc_recv(&c), 0);
	tc_close(&c);
	/* malformed as_msg: 4, connection stays usable */
	ck_assert(tc_open(&c, p.ports[0]));
	as_proto_header_write(buf, AS_PROTO_TYPE_MSG, 22);
	memset(buf + 8, 0, 22);
	buf[8] = 22;
	buf[8 + 18] = 0xFF;  /* n_fields 65535 but no data */
	net_send_all(c.fd, buf, 30);
	ck_assert_int_eq(tc_recv(&c), 1);
	ck_assert_int_eq(as_msg_parse(c.body, c.len, &v, &err), AEROSPIKE_OK);
	ck_assert_int_eq(v.h.result_code, 4);
	as_proto_header_write(buf, AS_PROTO_TYPE_MSG, 5);
	net_send_all(c.fd, buf, 13);
	ck_assert_int_eq(tc_recv(&c), 1);
	ck_assert_int_eq(as_msg_parse(c.body, c.len, &v, &err), AEROSPIKE_OK);
	ck_assert_int_eq(v.h.result_code, 4);
	ck_assert_str_eq(tc_info(&c, "build\n"), "build\t8.1.2.0\n");
	tc_close(&c);
	/* random bodies behind valid headers, and a truncated frame at EOF */
	for (int round = 0; round < 300; round++) {
		size_t len = (size_t)(rand_r(&seed) % 200);
		uint8_t type = (uint8_t)(1 + rand_r(&seed) % 3);

		ck_assert(tc_open(&c, p.ports[0]));
		as_proto_header_write(buf, type, len);
		for (size_t i = 0; i < len; i++)
			buf[8 + i] = (uint8_t)rand_r(&seed);
		if (type == AS_PROTO_TYPE_MSG && len >= 22 && (round & 1)) {
			buf[8] = 22;  /* plausible header, random counts and fields */
			buf[8 + 1] = (uint8_t)(round & 0x0b);
		}
		net_send_all(c.fd, buf, 8 + len);
		if (round % 10 == 0)
			net_send_all(c.fd, buf, 5);
		shutdown(c.fd, SHUT_WR);
		net_set_timeout(c.fd, 2000);
		while (tc_recv(&c) == 1)
			;
		tc_close(&c);
	}
	/* batch rows that run past the field, a scan with odd PID_ARRAY */
	{
		rawreq q;
		uint8_t rows[] = { 0, 0, 0, 200, 0x0d, 0, 0, 0, 0 };
		uint8_t pids[3] = { 1, 2, 3 };
		int nmsg;
		uint8_t last;
		static as_msg_view msgs[4];

		ck_assert(tc_open(&c, p.ports[0]));
		raw_begin(&q, AS_INFO1_BATCH, 0, 0, 0, 0);
		raw_field(&q, AS_FIELD_BATCH_INDEX, rows, sizeof(rows));
		raw_end(&q);
		tc_buf(&c, &q.b);
		read_stream(&c, msgs, 4, &nmsg, &last);
		ck_assert_int_eq(last, 4);
		as_buffer_free(&q.b);
		raw_begin(&q, AS_INFO1_READ, 0, AS_INFO3_PARTITION_DONE, 0, 0);
		raw_field(&q, AS_FIELD_NAMESPACE, "test", 4);
		raw_field(&q, AS_FIELD_PID_ARRAY, pids, 3);
		raw_end(&q);
		tc_buf(&c, &q.b);
		read_stream(&c, msgs, 4, &nmsg, &last);
		ck_assert_int_eq(last, 4);
		as_buffer_free(&q.b);
		tc_close(&c);
	}
	/* a client that sends a lot and never reads does not block others */
	ck_assert(tc_open(&c, p.ports[0]));
	{
		as_key k = key_str("demo", "flood");
		as_policy_read rp;
		as_buffer b;

		as_policy_read_init(&rp);
		as_buffer_init(&b);
		for (int i = 0; i < 20000; i++)
			as_encode_get(&b, &rp, &k, NULL, 0, &err);
		struct pollfd pfd = { c.fd, POLLOUT, 0 };
		size_t off = 0;
		int fl = MSG_DONTWAIT | MSG_NOSIGNAL;
		while (off < b.len && poll(&pfd, 1, 300) > 0) {
			ssize_t n = send(c.fd, b.data + off, b.len - off, fl);
			if (n <= 0)
				break;
			off += (size_t)n;
		}
		as_buffer_free(&b);
	}
	assert_alive(p.ports[0]);
	tc_close(&c);
	assert_alive(p.ports[0]);
	streams_free();
	SERVER_END(p);
}
END_TEST

/* ---------------------------------------------------------------- replay of the captures */

/* Capture order: run-1 cases as listed in index.tsv, then run 2 by the
 * client clock in each case's .txt. */
static const char *const replay_cases[] = {
	"connect", "tend", "put_basic", "put_create_only_exists", "put_gen_equal_wrong",
	"put_ttl_never_expire", "put_send_key", "put_nested_cdt", "get_nested_cdt",
	"put_send_key_int_empty_set", "get_int_key_empty_set", "put_send_key_bytes", "get_all", "get_bins",
	"get_missing", "exists_found", "exists_missing", "get_stored_key_record", "touch", "touch_missing",
	"operate_multi", "operate_multi_respond_all_ops", "operate_write_read_same_bin", "operate_cdt",
	"operate_read_missing", "get_all_after_operate", "batch_get", "remove_found", "remove_missing",
	"info_namespaces", "info_multi",
	"@truncate",
	"put_ttl100", "get_ttl100", "touch_ttl", "get_after_touch_ttl", "put_ttl_no_change",
	"get_after_ttl_no_change",
	"@key1",  /* "written just before, not part of the case" */
	"operate_add_on_string", "put_unknown_namespace", "put_bin_name_too_long", "operate_bin_name_too_long",
	"put_bin_name_15_chars", "put_record_too_big", "put_update_only_missing",
	"@key1",
	"put_replace_only", "get_after_replace_only", "put_create_or_replace", "get_after_create_or_replace",
	"put_gen_gt_lower", "put_gen_gt_higher", "get_after_gen_gt", "remove_durable",
	"get_after_remove_durable",
	"@truncate",  /* "all other records of the set had been removed" */
	"scan_setup", "scan_set", "scan_set_bins", "scan_set_max_records_1", "batch_get_bins", "batch_exists",
	"put_unknown_namespace_raw", "put_bin_name_too_long_raw"
};

/* Compare two AS_MSG frame bodies message by message: everything equal
 * except the void time, compared as zero / non-zero. */
static void compare_msg_frames(const char *name, const uint8_t *exp, size_t exp_len, const uint8_t *got,
                               size_t got_len)
{
	size_t eo = 0, go = 0;
	as_error err;

	while (eo < exp_len) {
		as_msg_view e, g;

		ck_assert_msg(go < got_len, "%s: fewer messages than captured", name);
		ck_assert_int_eq(as_msg_parse(exp + eo, exp_len - eo, &e, &err), AEROSPIKE_OK);
		ck_assert_msg(as_msg_parse(got + go, got_len - go, &g, &err) == AEROSPIKE_OK, "%s: bad reply", name);
		ck_assert_msg(e.h.result_code == g.h.result_code, "%s: result %d, captured %d", name,
		              g.h.result_code, e.h.result_code);
		ck_assert_msg(e.h.generation == g.h.generation, "%s: generation %u, captured %u", name,
		              g.h.generation, e.h.generation);
		ck_assert_msg((e.h.record_ttl == 0) == (g.h.record_ttl == 0), "%s: void time %u, captured %u",
		              name, g.h.record_ttl, e.h.record_ttl);
		ck_assert_msg(e.h.info1 == g.h.info1 && e.h.info2 == g.h.info2 && e.h.info3 == g.h.info3 &&
		              e.h.transaction_ttl == g.h.transaction_ttl && e.h.n_fields == g.h.n_fields &&
		              e.h.n_ops == g.h.n_ops, "%s: header differs", name);
		ck_assert_msg(e.total == g.total &&
		              memcmp(exp + eo + AS_MSG_HEADER_SIZE, got + go + AS_MSG_HEADER_SIZE,
		                     e.total - AS_MSG_HEADER_SIZE) == 0, "%s: fields/ops differ", name);
		eo += e.total;
		go += g.total;
	}
	ck_assert_msg(go == got_len, "%s: more messages than captured", name);
}

static void compare_info(const char *name, const uint8_t *exp, size_t exp_len, const uint8_t *got,
                         size_t got_len)
{
	const char *ec = (const char *)exp, *ee = ec + exp_len;
	const char *gc = (const char *)got, *ge = gc + got_len;
	as_info_pair e, g;

	while (as_info_next(&ec, ee, &e)) {
		ck_assert_msg(as_info_next(&gc, ge, &g), "%s: missing info line", name);
		ck_assert_msg(e.name_len == g.name_len && memcmp(e.name, g.name, e.name_len) == 0,
		              "%s: info names differ", name);
		/* node ids and the peers' default port are instance-specific */
		if ((e.name_len == 4 && memcmp(e.name, "node", 4) == 0) ||
		    (e.name_len == 15 && memcmp(e.name, "peers-clear-std", 15) == 0))
			continue;
		ck_assert_msg(e.value_len == g.value_len && memcmp(e.value, g.value, e.value_len) == 0,
		              "%s: value of %.*s differs: %.*s", name, (int)e.name_len, e.name,
		              (int)g.value_len, g.value);
	}
	ck_assert_msg(!as_info_next(&gc, ge, &g), "%s: extra info lines", name);
}

START_TEST(test_replay)
{
	ck_assert_msg(ref_dir() != NULL, "AS_REFERENCE_DIR is not set or not readable");
	SERVER(p, 1, "--cluster-name anchors");
	tconn c;
	int compared = 0;

	ck_assert(tc_open(&c, p.ports[0]));
	for (size_t i = 0; i < sizeof(replay_cases) / sizeof(replay_cases[0]); i++) {
		const char *name = replay_cases[i];
		char why[256];
		ref_frames req, res;

		if (strcmp(name, "@truncate") == 0) {
			tc_info(&c, "truncate-namespace:namespace=test\n");
			continue;
		}
		if (strcmp(name, "@key1") == 0) {
			as_key k = key_str("demo", "key1");
			as_policy_remove dp;
			as_buffer b;
			as_error err;

			as_policy_remove_init(&dp);
			as_buffer_init(&b);
			ck_assert_int_eq(as_encode_remove(&b, &dp, &k, &err), AEROSPIKE_OK);
			tc_cmd(&c, &b);
			as_buffer_free(&b);
			put_i_s(&c, &k, 7, "hello", 0);
			continue;
		}
		ck_assert_msg(ref_load_message(name, "req", &req, why, sizeof(why)), "%s", why);
		ck_assert_msg(ref_load_message(name, "res", &res, why, sizeof(why)), "%s", why);
		for (size_t f = 0; f < req.n; f++)
			ck_assert(net_send_all(c.fd, req.data[f], req.len[f]));
		for (size_t f = 0; f < res.n; f++) {
			const uint8_t *e = res.data[f] + AS_PROTO_HEADER_SIZE;
			size_t elen = res.len[f] - AS_PROTO_HEADER_SIZE;

			ck_assert_msg(tc_recv(&c) == 1, "%s: no reply", name);
			ck_assert_msg(c.type == res.data[f][1], "%s: frame type", name);
			if (c.type == AS_PROTO_TYPE_INFO)
				compare_info(name, e, elen, c.body, c.len);
			else
				compare_msg_frames(name, e, elen, c.body, c.len);
			compared++;
		}
		ref_frames_free(&req);
		ref_frames_free(&res);
	}
	ck_assert_int_ge(compared, 60);
	tc_close(&c);
	SERVER_END(p);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("minispike");
	TCase *t = tcase_create("core");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, test_put_get_exists_remove);
	tcase_add_test(t, test_write_policies);
	tcase_add_test(t, test_operate);
	tcase_add_test(t, test_cdt);
	tcase_add_test(t, test_limits);
	tcase_add_test(t, test_ttl);
	tcase_add_test(t, test_pipeline);
	tcase_add_test(t, test_batch);
	tcase_add_test(t, test_scan);
	tcase_add_test(t, test_info);
	tcase_add_test(t, test_cluster);
	tcase_add_test(t, test_faults);
	tcase_add_test(t, test_hostile);
	tcase_add_test(t, test_replay);
	suite_add_tcase(s, t);
	return s;
}
