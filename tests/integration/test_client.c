/* The client end to end against minispike: every command and error code
 * through futures, chains, waits, the deadlock guard, threads, a 3-node
 * cluster with a node leaving and coming back, timeouts, backpressure and
 * close with commands in flight. */
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <aerofuture/aerofuture.h>
#include "common/check_main.h"
#include "common/ms_client.h"

static ms_proc ms;
static as_client *client;

/* Wait for f, check its status, release it. */
static void expect(as_future *f, as_status want)
{
	as_error err;
	as_status got = as_future_wait(f, &err);
	ck_assert_msg(got == want, "expected %s, got %s: %s", as_status_str(want), as_status_str(got), err.message);
	ck_assert(as_future_is_done(f));
	as_future_release(f);
}

static as_record *one_bin(const char *name, int64_t v)
{
	as_record *r = as_record_new(1);
	as_record_set_int(r, name, v);
	return r;
}

/* --- commands ---------------------------------------------------------- */

START_TEST(test_put_get_select_exists_remove)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	as_key k;
	as_key_init_str(&k, "test", "demo", "key1", NULL);
	as_record *r = as_record_new(4);
	as_record_set_int(r, "i", 7);
	as_record_set_str(r, "s", "hello");
	as_record_set_double(r, "d", 1.5);
	as_list *l = as_list_new(2);
	as_list_append_int(l, 1);
	as_list_append_str(l, "a");
	as_record_set_list(r, "l", l);
	expect(as_put(client, NULL, &k, r), AEROSPIKE_OK);
	as_record_destroy(r);

	as_future *f = as_get(client, NULL, &k);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	const as_record *got = as_future_record(f);
	ck_assert_ptr_nonnull(got);
	ck_assert_int_eq(got->n_bins, 4);
	ck_assert_int_eq(got->gen, 1);
	ck_assert_int_eq(as_record_get_int(got, "i", 0), 7);
	ck_assert_str_eq(as_record_get_str(got, "s"), "hello");
	ck_assert(as_record_get_double(got, "d", 0) == 1.5);
	const as_value *lv = as_record_get(got, "l");
	ck_assert_ptr_nonnull(lv);
	ck_assert_int_eq(lv->type, AS_LIST);
	ck_assert_int_eq(lv->u.list->size, 2);
	/* A decoded record (one block) can be taken, grown and changed. */
	as_record *own = as_future_take_record(f);
	ck_assert(as_record_set_str(own, "s", "replaced"));
	for (int i = 0; i < 20; i++) {
		char name[8];
		snprintf(name, sizeof(name), "n%d", i);
		ck_assert(as_record_set_int(own, name, i));
	}
	ck_assert_str_eq(as_record_get_str(own, "s"), "replaced");
	ck_assert_int_eq(as_record_get_int(own, "i", 0), 7);
	ck_assert_int_eq(own->n_bins, 24);
	as_record_destroy(own);
	as_future_release(f);

	const char *bins[] = { "s", NULL };
	f = as_select(client, NULL, &k, bins);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_future_record(f)->n_bins, 1);
	ck_assert_str_eq(as_record_get_str(as_future_record(f), "s"), "hello");
	as_future_release(f);

	f = as_exists(client, NULL, &k);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	ck_assert(as_future_exists(f));
	ck_assert_ptr_nonnull(as_future_record(f));
	ck_assert_int_eq(as_future_record(f)->gen, 1);
	ck_assert_int_eq(as_future_record(f)->n_bins, 0);
	as_future_release(f);

	expect(as_remove(client, NULL, &k), AEROSPIKE_OK);
	f = as_exists(client, NULL, &k);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	ck_assert(!as_future_exists(f));
	as_future_release(f);
	expect(as_get(client, NULL, &k), AEROSPIKE_ERR_RECORD_NOT_FOUND);
	expect(as_remove(client, NULL, &k), AEROSPIKE_ERR_RECORD_NOT_FOUND);
	ms_client_stop(&ms, client);
}
END_TEST

START_TEST(test_touch_and_operate)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	as_key k;
	as_key_init_int(&k, "test", "demo", 42, NULL);
	as_record *r = one_bin("i", 1);
	as_record_set_str(r, "s", "b");
	expect(as_put(client, NULL, &k, r), AEROSPIKE_OK);
	as_record_destroy(r);

	as_future *f = as_touch(client, NULL, &k, 100);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_future_record(f)->gen, 2);
	ck_assert(as_future_record(f)->ttl >= 99 && as_future_record(f)->ttl <= 100);
	as_future_release(f);

	as_operations *ops = as_operations_new(4);
	as_operations_add_incr(ops, "i", 5);
	as_operations_add_append_str(ops, "s", "!");
	as_operations_add_prepend_str(ops, "s", ">");
	as_operations_add_read(ops, "i");
	as_operations_add_read(ops, "s");
	f = as_operate(client, NULL, &k, ops);
	as_operations_destroy(ops);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_record_get_int(as_future_record(f), "i", 0), 6);
	ck_assert_str_eq(as_record_get_str(as_future_record(f), "s"), ">b!");
	ck_assert_int_eq(as_future_record(f)->gen, 3);
	as_record *taken = as_future_take_record(f);
	ck_assert_ptr_nonnull(taken);
	ck_assert_ptr_null(as_future_take_record(f));
	as_record_destroy(taken);
	as_future_release(f);

	/* A read-all among writes sees the writes before it. */
	ops = as_operations_new(2);
	as_operations_add_write_int(ops, "c", 3);
	as_operations_add_read_all(ops);
	f = as_operate(client, NULL, &k, ops);
	as_operations_destroy(ops);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_future_record(f)->n_bins, 3);
	ck_assert_int_eq(as_record_get_int(as_future_record(f), "c", 0), 3);
	ck_assert_str_eq(as_record_get_str(as_future_record(f), "s"), ">b!");
	as_future_release(f);

	as_key missing;
	as_key_init_str(&missing, "test", "demo", "nokey", NULL);
	expect(as_touch(client, NULL, &missing, 10), AEROSPIKE_ERR_RECORD_NOT_FOUND);
	ms_client_stop(&ms, client);
}
END_TEST

START_TEST(test_server_error_codes)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	as_key k;
	as_key_init_str(&k, "test", "demo", "codes", NULL);
	as_record *r = one_bin("s", 0);
	as_record_set_str(r, "s", "text");
	expect(as_put(client, NULL, &k, r), AEROSPIKE_OK);

	as_policy_write wp;
	as_policy_write_init(&wp);
	wp.exists = AS_POLICY_EXISTS_CREATE_ONLY;
	expect(as_put(client, &wp, &k, r), AEROSPIKE_ERR_RECORD_EXISTS);

	as_policy_write_init(&wp);
	wp.gen = AS_POLICY_GEN_EQ;
	r->gen = 99;
	expect(as_put(client, &wp, &k, r), AEROSPIKE_ERR_RECORD_GENERATION);
	r->gen = 1;
	expect(as_put(client, &wp, &k, r), AEROSPIKE_OK);

	as_key missing;
	as_key_init_str(&missing, "test", "demo", "nokey", NULL);
	as_policy_write_init(&wp);
	wp.exists = AS_POLICY_EXISTS_UPDATE_ONLY;
	expect(as_put(client, &wp, &missing, r), AEROSPIKE_ERR_RECORD_NOT_FOUND);
	as_record_destroy(r);

	as_operations *ops = as_operations_new(1);
	as_operations_add_incr(ops, "s", 1);
	expect(as_operate(client, NULL, &k, ops), AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE);
	as_operations_destroy(ops);

	/* Unknown namespace: refused from the partition map, nothing sent. */
	as_key other;
	as_key_init_str(&other, "nosuchns", "demo", "k", NULL);
	r = one_bin("i", 1);
	as_future *f = as_put(client, NULL, &other, r);
	as_error err;
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_NAMESPACE_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(err.message, "nosuchns"));
	as_future_release(f);

	/* Record over the server's limit. */
	size_t big = 2 * 1024 * 1024;
	uint8_t *blob = calloc(1, big);
	as_record_set_bytes(r, "b", blob, big);
	free(blob);
	expect(as_put(client, NULL, &k, r), AEROSPIKE_ERR_RECORD_TOO_BIG);
	as_record_destroy(r);
	ms_client_stop(&ms, client);
}
END_TEST

START_TEST(test_bad_input)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	as_error err;
	as_key k;
	as_key_init_str(&k, "test", "demo", "x", NULL);
	as_record *r = one_bin("i", 1);

	as_future *f = as_put(NULL, NULL, &k, r);
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "client"));
	as_future_release(f);

	f = as_put(client, NULL, NULL, r);
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "key"));
	as_future_release(f);

	expect(as_put(client, NULL, &k, NULL), AEROSPIKE_ERR_PARAM);

	as_key bad;
	ck_assert_int_eq(as_key_init_str(&bad, "a-namespace-name-that-is-far-too-long", "demo", "x", &err),
	                 AEROSPIKE_ERR_PARAM);
	expect(as_get(client, NULL, &bad), AEROSPIKE_ERR_PARAM);

	as_record *r2 = as_record_new(1);
	ck_assert(!as_record_set_int(r2, "sixteen-bytes-xx", 1));
	f = as_put(client, NULL, &k, r2);
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_PARAM);
	ck_assert_ptr_nonnull(strstr(err.message, "sixteen-bytes-xx"));
	as_future_release(f);
	as_record_destroy(r2);

	as_policy_write wp;
	as_policy_write_init(&wp);
	wp.exists = (as_policy_exists)42;
	expect(as_put(client, &wp, &k, r), AEROSPIKE_ERR_PARAM);

	as_operations *ops = as_operations_new(1);
	expect(as_operate(client, NULL, &k, ops), AEROSPIKE_ERR_PARAM);
	as_operations_destroy(ops);

	const char *none[] = { NULL };
	expect(as_select(client, NULL, &k, none), AEROSPIKE_ERR_PARAM);
	const char *toolong[] = { "sixteen-bytes-xx", NULL };
	expect(as_select(client, NULL, &k, toolong), AEROSPIKE_ERR_PARAM);
	as_record_destroy(r);
	ms_client_stop(&ms, client);
}
END_TEST

/* --- chains ------------------------------------------------------------ */

typedef struct chain_ctx {
	as_key key;
	int steps;
	atomic_int wait_rc;
} chain_ctx;

static as_future *step_put(as_future *prev, void *udata)
{
	chain_ctx *c = udata;
	c->steps++;
	as_record *r = one_bin("n", 10);
	as_future *f = as_put(client, NULL, &c->key, r);
	as_record_destroy(r);
	return f;
}

static as_future *step_incr(as_future *prev, void *udata)
{
	chain_ctx *c = udata;
	c->steps++;
	as_operations *ops = as_operations_new(2);
	as_operations_add_incr(ops, "n", 5);
	as_operations_add_read(ops, "n");
	as_future *f = as_operate(client, NULL, &c->key, ops);
	as_operations_destroy(ops);
	return f;
}

static as_future *step_fail(as_future *prev, void *udata)
{
	chain_ctx *c = udata;
	c->steps++;
	as_policy_write wp;
	as_policy_write_init(&wp);
	wp.exists = AS_POLICY_EXISTS_CREATE_ONLY;
	as_record *r = one_bin("n", 1);
	as_future *f = as_put(client, &wp, &c->key, r);
	as_record_destroy(r);
	return f;
}

static as_future *step_recover(as_future *prev, void *udata)
{
	chain_ctx *c = udata;
	c->steps++;
	if (as_future_status(prev) == AEROSPIKE_ERR_RECORD_EXISTS)
		return as_get(client, NULL, &c->key);
	return as_future_new_error(AEROSPIKE_ERR_CLIENT, "expected RECORD_EXISTS, got %d", as_future_status(prev));
}

static as_future *step_wait_inside(as_future *prev, void *udata)
{
	chain_ctx *c = udata;
	as_error err;
	/* Must fail at once, not deadlock. */
	atomic_store(&c->wait_rc, as_future_wait(prev, &err));
	return NULL;
}

START_TEST(test_chains)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	chain_ctx c = { .steps = 0 };
	as_key_init_str(&c.key, "test", "demo", "chain", NULL);

	/* exists -> put -> incr: the chained future carries the last step's record. */
	as_future *first = as_exists(client, NULL, &c.key);
	as_future *a = as_future_then_ok(first, step_put, &c);
	as_future *b = as_future_then_ok(a, step_incr, &c);
	ck_assert_int_eq(as_future_wait(b, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_record_get_int(as_future_record(b), "n", 0), 15);
	ck_assert_int_eq(c.steps, 2);

	/* A failure in the middle skips then_ok steps and reaches the end... */
	as_future *x = as_future_then_ok(b, step_fail, &c);
	as_future *y = as_future_then_ok(x, step_incr, &c);
	as_future *z = as_future_then_ok(y, step_incr, &c);
	as_error err;
	ck_assert_int_eq(as_future_wait(z, &err), AEROSPIKE_ERR_RECORD_EXISTS);
	ck_assert_int_eq(c.steps, 3);
	/* ...and a plain then can recover from it. */
	as_future *w = as_future_then(x, step_recover, &c);
	ck_assert_int_eq(as_future_wait(w, &err), AEROSPIKE_OK);
	ck_assert_int_eq(as_record_get_int(as_future_record(w), "n", 0), 15);

	/* The deadlock guard. */
	atomic_store(&c.wait_rc, 12345);
	as_future *g = as_future_then(w, step_wait_inside, &c);
	ck_assert_int_eq(as_future_wait(g, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(atomic_load(&c.wait_rc), AEROSPIKE_ERR_CLIENT);

	as_future *all[] = { first, a, b, x, y, z, w, g };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		as_future_release(all[i]);
	ms_client_stop(&ms, client);
}
END_TEST

START_TEST(test_wait_for_then_success)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	char reply[256];
	ck_assert(ms_info(ms.ports[0], "minispike-fault:node=0;mode=delay;ms=400\n", reply, sizeof(reply)));
	as_key k;
	as_key_init_str(&k, "test", "demo", "slow", NULL);
	as_record *r = one_bin("i", 1);
	as_future *f = as_put(client, NULL, &k, r);
	as_record_destroy(r);
	as_error err;
	ck_assert_int_eq(as_future_wait_for(f, 50, &err), AEROSPIKE_ERR_TIMEOUT);
	ck_assert(!as_future_is_done(f));
	ck_assert_int_eq(as_future_wait_for(f, 5000, &err), AEROSPIKE_OK);
	ck_assert(as_future_is_done(f));
	as_future_release(f);
	ck_assert(ms_info(ms.ports[0], "minispike-fault:node=0;mode=off\n", reply, sizeof(reply)));
	ms_client_stop(&ms, client);
}
END_TEST

START_TEST(test_timeouts_and_in_doubt)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	char reply[256];
	as_key k;
	as_key_init_str(&k, "test", "demo", "hang", NULL);
	ck_assert(ms_info(ms.ports[0], "minispike-fault:node=0;mode=hang\n", reply, sizeof(reply)));

	as_policy_read rp;
	as_policy_read_init(&rp);
	rp.base.total_timeout = 300;
	rp.base.socket_timeout = 100;
	rp.base.max_retries = 2;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	as_future *f = as_get(client, &rp, &k);
	as_error err;
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_TIMEOUT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms_elapsed = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	ck_assert_msg(ms_elapsed >= 250 && ms_elapsed < 1500, "timed out after %.0f ms", ms_elapsed);
	ck_assert(!err.in_doubt);
	as_future_release(f);

	as_policy_write wp;
	as_policy_write_init(&wp);
	wp.base.total_timeout = 200;
	as_record *r = one_bin("i", 1);
	f = as_put(client, &wp, &k, r);
	as_record_destroy(r);
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_TIMEOUT);
	ck_assert_msg(err.in_doubt, "a sent write that timed out must be in doubt");
	as_future_release(f);

	ck_assert(ms_info(ms.ports[0], "minispike-fault:node=0;mode=off\n", reply, sizeof(reply)));
	/* Service is back: a fresh connection works. */
	r = one_bin("i", 2);
	expect(as_put(client, NULL, &k, r), AEROSPIKE_OK);
	as_record_destroy(r);
	ms_client_stop(&ms, client);
}
END_TEST

/* --- threads ----------------------------------------------------------- */

#define THREADS 4
#define PER_THREAD 10000

static void *thread_main(void *arg)
{
	long id = (long)arg;
	long failures = 0;
	for (int i = 0; i < PER_THREAD; i++) {
		as_key k;
		as_key_init_int(&k, "test", "threads", id * PER_THREAD + i, NULL);
		as_record *r = one_bin("v", i);
		as_future *put = as_put(client, NULL, &k, r);
		as_record_destroy(r);
		if (i % 2) {
			/* half of them: wait on the put, then a get */
			failures += as_future_wait(put, NULL) != AEROSPIKE_OK;
			as_future *get = as_get(client, NULL, &k);
			failures += as_future_wait(get, NULL) != AEROSPIKE_OK ||
			            as_record_get_int(as_future_record(get), "v", -1) != i;
			as_future_release(get);
		} else {
			failures += as_future_wait(put, NULL) != AEROSPIKE_OK;
		}
		as_future_release(put);
	}
	return (void *)failures;
}

START_TEST(test_threads)
{
	as_client_config cfg;
	as_client_config_init(&cfg);
	cfg.n_loops = 2;
	client = ms_client_start(&ms, 1, NULL, &cfg);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, thread_main, (void *)i);
	long failures = 0;
	for (int i = 0; i < THREADS; i++) {
		void *res;
		pthread_join(t[i], &res);
		failures += (long)res;
	}
	ck_assert_int_eq(failures, 0);
	ms_client_stop(&ms, client);
}
END_TEST

/* --- cluster ----------------------------------------------------------- */

static int run_puts(int from, int n)
{
	int failed = 0;
	as_future **fs = calloc((size_t)n, sizeof(*fs));
	for (int i = 0; i < n; i++) {
		as_key k;
		as_key_init_int(&k, "test", "cluster", from + i, NULL);
		as_record *r = one_bin("v", i);
		fs[i] = as_put(client, NULL, &k, r);
		as_record_destroy(r);
	}
	for (int i = 0; i < n; i++) {
		failed += as_future_wait(fs[i], NULL) != AEROSPIKE_OK;
		as_future_release(fs[i]);
	}
	free(fs);
	return failed;
}

START_TEST(test_cluster_routing_and_node_loss)
{
	client = ms_client_start(&ms, 3, NULL, NULL);
	/* The client learns all three nodes through peers. */
	for (int tries = 0; tries < 50; tries++) {
		ck_assert_int_eq(run_puts(0, 30), 0);
		int used = 0;
		for (int i = 0; i < 3; i++)
			used += ms_stat(ms.ports[i], "commands_received") > 0;
		if (used == 3)
			break;
		usleep(100000);
	}
	for (int i = 0; i < 3; i++)
		ck_assert_msg(ms_stat(ms.ports[i], "commands_received") > 0, "node %d got no commands", i);
	ck_assert_int_eq(run_puts(0, 3000), 0);
	ck_assert_int_eq(ms_stat_sum(&ms, "non_owner_commands"), 0);

	/* Node 2 goes away: after the next tends every command succeeds again,
	 * and once the map has settled none goes to a node that does not own it. */
	char reply[512];
	ck_assert(ms_info(ms.ports[0], "minispike-node-stop:id=2\n", reply, sizeof(reply)));
	int failed = 1;
	for (int tries = 0; tries < 50 && failed; tries++) {
		failed = run_puts(10000, 300);
		if (failed)
			usleep(100000);
	}
	ck_assert_int_eq(failed, 0);
	usleep(1500000);  /* a tend interval and a half */
	long long misrouted = ms_stat_sum(&ms, "non_owner_commands");
	ck_assert_int_eq(run_puts(20000, 2000), 0);
	ck_assert_int_eq(ms_stat_sum(&ms, "non_owner_commands"), misrouted);

	/* It comes back and takes its partitions again. */
	long long before = -1;
	ck_assert(ms_info(ms.ports[0], "minispike-node-start:id=2\n", reply, sizeof(reply)));
	for (int tries = 0; tries < 50; tries++) {
		before = ms_stat(ms.ports[2], "commands_received");
		ck_assert_int_eq(run_puts(30000, 300), 0);
		if (ms_stat(ms.ports[2], "commands_received") > before && before >= 0)
			break;
		usleep(100000);
	}
	usleep(1500000);
	misrouted = ms_stat_sum(&ms, "non_owner_commands");
	before = ms_stat(ms.ports[2], "commands_received");
	ck_assert_int_eq(run_puts(40000, 2000), 0);
	ck_assert_int_eq(ms_stat_sum(&ms, "non_owner_commands"), misrouted);
	ck_assert(ms_stat(ms.ports[2], "commands_received") > before);
	ms_client_stop(&ms, client);
}
END_TEST

/* --- backpressure and close -------------------------------------------- */

START_TEST(test_queue_full)
{
	as_client_config cfg;
	as_client_config_init(&cfg);
	cfg.max_commands_in_process = 4;
	cfg.max_commands_in_queue = 16;
	client = ms_client_start(&ms, 1, NULL, &cfg);
	char reply[256];
	ck_assert(ms_info(ms.ports[0], "minispike-fault:node=0;mode=delay;ms=200\n", reply, sizeof(reply)));
	enum { N = 2000 };
	static as_future *fs[N];
	as_key k;
	as_key_init_str(&k, "test", "demo", "bp", NULL);
	for (int i = 0; i < N; i++)
		fs[i] = as_get(client, NULL, &k);
	int full = 0, other = 0;
	for (int i = 0; i < N; i++) {
		as_status st = as_future_wait(fs[i], NULL);
		if (st == AEROSPIKE_ERR_ASYNC_QUEUE_FULL)
			full++;
		else if (st != AEROSPIKE_ERR_RECORD_NOT_FOUND && st != AEROSPIKE_ERR_TIMEOUT)
			other++;
		as_future_release(fs[i]);
	}
	ck_assert_msg(full > N / 2, "only %d of %d commands were refused", full, N);
	ck_assert_int_eq(other, 0);
	ck_assert(ms_info(ms.ports[0], "minispike-fault:node=0;mode=off\n", reply, sizeof(reply)));
	ms_client_stop(&ms, client);
}
END_TEST

static atomic_int callbacks_run;

static void count_cb(as_future *f, void *udata)
{
	atomic_fetch_add(&callbacks_run, 1);
}

START_TEST(test_close_with_commands_in_flight)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	char reply[256];
	ck_assert(ms_info(ms.ports[0], "minispike-fault:node=0;mode=delay;ms=300\n", reply, sizeof(reply)));
	enum { N = 1000 };
	static as_future *fs[N];
	atomic_store(&callbacks_run, 0);
	for (int i = 0; i < N; i++) {
		as_key k;
		as_key_init_int(&k, "test", "close", i, NULL);
		as_record *r = one_bin("v", i);
		fs[i] = as_put(client, NULL, &k, r);
		as_record_destroy(r);
		as_future_on_done(fs[i], count_cb, NULL);
	}
	usleep(50000);
	ck_assert_int_eq(as_client_close(client), AEROSPIKE_OK);
	int aborted = 0;
	for (int i = 0; i < N; i++) {
		ck_assert_msg(as_future_is_done(fs[i]), "future %d still pending after close", i);
		aborted += as_future_status(fs[i]) == AEROSPIKE_ERR_CLIENT_ABORT;
		as_future_release(fs[i]);
	}
	ck_assert_int_gt(aborted, 0);
	ck_assert_int_eq(atomic_load(&callbacks_run), N);
	/* A closed client refuses new work without touching freed memory. */
	as_key k;
	as_key_init_int(&k, "test", "close", 1, NULL);
	as_future *late = as_get(client, NULL, &k);
	as_error err;
	ck_assert_int_eq(as_future_wait(late, &err), AEROSPIKE_ERR_CLIENT_ABORT);
	as_future_release(late);
	late = as_client_connect(client);
	ck_assert_int_eq(as_future_wait(late, &err), AEROSPIKE_ERR_CLIENT_ABORT);
	as_future_release(late);
	ck_assert_ptr_null(as_client_stats_json(client));
	ck_assert_int_eq(as_client_close(client), AEROSPIKE_OK);
	ck_assert_int_eq(as_client_destroy(client), AEROSPIKE_OK);
	client = NULL;
	ck_assert_int_eq(ms_stop(&ms), 0);
}
END_TEST

START_TEST(test_connect_failure)
{
	as_client_config cfg;
	as_client_config_init(&cfg);
	as_client_config_add_host(&cfg, "127.0.0.1", 1, NULL);
	as_error err;
	as_client *c = as_client_new(&cfg, &err);
	ck_assert_ptr_nonnull(c);
	as_future *f = as_client_connect(c);
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_CONNECTION);
	ck_assert_ptr_nonnull(strstr(err.message, "127.0.0.1"));
	as_future_release(f);
	ck_assert_int_eq(as_client_destroy(c), AEROSPIKE_OK);

	as_client_config_init(&cfg);
	ck_assert_ptr_null(as_client_new(&cfg, &err));
	ck_assert_int_eq(err.code, AEROSPIKE_ERR_PARAM);
}
END_TEST

/* A connection count of the first node in the client's statistics. */
static json_int_t first_node_connections(const char *name)
{
	json_t *st = as_client_stats_json(client);
	json_t *conns = json_object_get(json_array_get(json_object_get(st, "nodes"), 0), "connections");
	json_int_t v = json_integer_value(json_object_get(conns, name));
	json_decref(st);
	return v;
}

START_TEST(test_min_conns_and_reaping)
{
	as_client_config cfg;
	as_client_config_init(&cfg);
	cfg.min_conns_per_node = 3;
	cfg.idle_timeout_ms = 500;
	/* One command per connection: the burst below must open more. */
	cfg.pipeline_depth = 1;
	client = ms_client_start(&ms, 1, NULL, &cfg);
	usleep(200000);
	ck_assert_int_eq(first_node_connections("open"), 3);

	/* A burst opens more; idle ones beyond the minimum are reaped later. */
	enum { N = 50 };
	as_future *fs[N];
	as_key k;
	as_key_init_str(&k, "test", "demo", "reap", NULL);
	for (int i = 0; i < N; i++)
		fs[i] = as_exists(client, NULL, &k);
	for (int i = 0; i < N; i++) {
		ck_assert_int_eq(as_future_wait(fs[i], NULL), AEROSPIKE_OK);
		as_future_release(fs[i]);
	}
	json_int_t opened = first_node_connections("opened");
	ck_assert_int_gt(opened, 3);
	usleep(2500000);
	ck_assert_int_eq(first_node_connections("open"), 3);
	ck_assert_int_eq(first_node_connections("closed"), opened - 3);
	ms_client_stop(&ms, client);
}
END_TEST

/* --- result kinds ------------------------------------------------------ */

/* What each accessor answers for one future. */
typedef struct kind_row {
	const char *what;
	as_future *f;
	bool record, exists, str, value, batch, records;
	uint64_t scan_count;
} kind_row;

static bool count_record(const as_record *rec, void *udata)
{
	(void)rec;
	(void)udata;
	return true;
}

static as_future *step_value(as_future *prev, void *udata)
{
	(void)prev;
	return as_future_new_value(udata, NULL);
}

/* Every accessor on a future of every kind: each answers for its own kind
 * only (NULL, false or 0 for the others), through chains too. */
START_TEST(test_accessors_answer_for_their_kind)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	as_key k;
	as_key_init_str(&k, "test", "kinds", "k", NULL);
	as_record *r = one_bin("n", 3);
	expect(as_put(client, NULL, &k, r), AEROSPIKE_OK);
	static int payload;
	as_future *before = as_get(client, NULL, &k);

	kind_row rows[] = {
		{ .what = "put", .f = as_put(client, NULL, &k, r) },
		{ .what = "get", .f = as_get(client, NULL, &k), .record = true },
		{ .what = "exists", .f = as_exists(client, NULL, &k), .record = true, .exists = true },
		{ .what = "info", .f = as_info(client, NULL, NULL, "build"), .str = true },
		{ .what = "batch", .f = as_batch_get(client, NULL, &k, 1), .batch = true },
		{ .what = "scan", .f = as_scan(client, NULL, "test", "kinds", NULL, count_record, NULL), .scan_count = 1 },
		{ .what = "scan_collect", .f = as_scan_collect(client, NULL, "test", "kinds", NULL, 0), .records = true },
		{ .what = "new_value", .f = as_future_new_value(&payload, NULL), .value = true },
		{ .what = "new_ok", .f = as_future_new_ok() },
		{ .what = "then_value", .f = as_future_then(before, step_value, &payload), .value = true },
		{ .what = "failed", .f = as_future_new_error(AEROSPIKE_ERR_PARAM, "no") },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		kind_row *w = &rows[i];
		as_status st = as_future_wait(w->f, NULL);
		bool ok = st == AEROSPIKE_OK;
		ck_assert_msg(ok == (strcmp(w->what, "failed") != 0), "%s: status %s", w->what, as_status_str(st));
		ck_assert_msg((as_future_record(w->f) != NULL) == w->record, "%s: as_future_record", w->what);
		ck_assert_msg(as_future_exists(w->f) == w->exists, "%s: as_future_exists", w->what);
		ck_assert_msg((as_future_str(w->f) != NULL) == w->str, "%s: as_future_str", w->what);
		ck_assert_msg((as_future_value(w->f) == &payload) == w->value, "%s: as_future_value", w->what);
		ck_assert_msg(w->value || as_future_value(w->f) == NULL, "%s: as_future_value", w->what);
		ck_assert_msg((as_future_batch(w->f) != NULL) == w->batch, "%s: as_future_batch", w->what);
		ck_assert_msg((as_future_records(w->f) != NULL) == w->records, "%s: as_future_records", w->what);
		ck_assert_msg(as_future_scan_count(w->f) == w->scan_count, "%s: as_future_scan_count", w->what);
		as_record *taken = as_future_take_record(w->f);
		ck_assert_msg((taken != NULL) == w->record, "%s: as_future_take_record", w->what);
		as_record_destroy(taken);
		/* Taken once: the future no longer holds it. */
		ck_assert_ptr_null(as_future_record(w->f));
		ck_assert_ptr_null(as_future_take_record(w->f));
	}
	as_record_destroy(r);
	ck_assert_int_eq(as_future_records(rows[6].f)->n, 1);
	ck_assert_int_eq(as_future_batch(rows[4].f)->records[0].status, AEROSPIKE_OK);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		as_future_release(rows[i].f);
	as_future_release(before);
	ms_client_stop(&ms, client);
}
END_TEST

/* --- pipelining ----------------------------------------------------------- */

enum { FAN = 16 };

typedef struct fan_ctx {
	as_key key;
	as_future *gets[FAN];
} fan_ctx;

/* On the loop: FAN gets in one turn. */
static as_future *step_fan_out(as_future *prev, void *udata)
{
	fan_ctx *c = udata;
	(void)prev;
	for (int i = 0; i < FAN; i++)
		c->gets[i] = as_get(client, NULL, &c->key);
	return as_future_all(c->gets, FAN);
}

/* Commands submitted in one loop turn leave together: by default up to
 * AS_PIPELINE_DEPTH_DEFAULT of them share a connection and one write. */
START_TEST(test_one_turn_shares_writes)
{
	client = ms_client_start(&ms, 1, NULL, NULL);
	fan_ctx c;
	as_key_init_str(&c.key, "test", "fan", "k", NULL);
	as_record *r = one_bin("n", 1);
	expect(as_put(client, NULL, &c.key, r), AEROSPIKE_OK);
	long req0 = ms_client_stat(client, "io", "requests"), wr0 = ms_client_stat(client, "io", "writes");

	/* The step runs on the loop, after the put's reply. */
	as_future *put = as_put(client, NULL, &c.key, r);
	as_future *all = as_future_then(put, step_fan_out, &c);
	ck_assert_int_eq(as_future_wait(all, NULL), AEROSPIKE_OK);
	as_future_release(put);
	as_record_destroy(r);
	for (int i = 0; i < FAN; i++) {
		ck_assert_int_eq(as_record_get_int(as_future_record(c.gets[i]), "n", 0), 1);
		as_future_release(c.gets[i]);
	}
	as_future_release(all);
	long requests = ms_client_stat(client, "io", "requests") - req0, writes = ms_client_stat(client, "io", "writes") - wr0;
	/* The put and FAN / 8 writes, and room for a tend request or two. */
	ck_assert_int_ge(requests, FAN + 1);
	ck_assert_msg(writes <= FAN / AS_PIPELINE_DEPTH_DEFAULT + 3, "%ld requests took %ld writes", requests, writes);
	ms_client_stop(&ms, client);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("client");
	TCase *tc = tcase_create("commands");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_put_get_select_exists_remove);
	tcase_add_test(tc, test_touch_and_operate);
	tcase_add_test(tc, test_server_error_codes);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_chains);
	tcase_add_test(tc, test_accessors_answer_for_their_kind);
	tcase_add_test(tc, test_one_turn_shares_writes);
	tcase_add_test(tc, test_wait_for_then_success);
	tcase_add_test(tc, test_timeouts_and_in_doubt);
	tcase_add_test(tc, test_connect_failure);
	tcase_add_test(tc, test_min_conns_and_reaping);
	suite_add_tcase(s, tc);
	TCase *load = tcase_create("load");
	tcase_set_timeout(load, 180);
	tcase_add_test(load, test_threads);
	tcase_add_test(load, test_cluster_routing_and_node_loss);
	tcase_add_test(load, test_queue_full);
	tcase_add_test(load, test_close_with_commands_in_flight);
	suite_add_tcase(s, load);
	return s;
}
