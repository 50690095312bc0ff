/* Batch, scan, info and statistics end to end against minispike (one node
 * and three), including a faulted node and a scan stopped early. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <aerofuture/aerofuture.h>
#include "common/check_main.h"
#include "common/ms_client.h"

static ms_proc ms;
static as_client *client;

static void put_n(const char *set, int n)
{
	as_future **fs = calloc((size_t)n, sizeof(*fs));
	for (int i = 0; i < n; i++) {
		as_key k;
		as_key_init_int(&k, "test", set, i, NULL);
		as_record *r = as_record_new(2);
		as_record_set_int(r, "i", i);
		as_record_set_str(r, "s", "x");
		fs[i] = as_put(client, NULL, &k, r);
		as_record_destroy(r);
	}
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(as_future_wait(fs[i], NULL), AEROSPIKE_OK);
		as_future_release(fs[i]);
	}
	free(fs);
}

START_TEST(test_batch_across_nodes)
{
	client = ms_client_start(&ms, 3, NULL, NULL);
	put_n("b", 200);
	enum { N = 301 };
	as_key keys[N];
	for (int i = 0; i < N; i++)  /* 0..299, then a key that does not exist, in mixed order */
		as_key_init_int(&keys[i], "test", "b", i == N - 1 ? 100000 : (i * 7) % 300, NULL);
	as_future *f = as_batch_get(client, NULL, keys, N);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	const as_batch_result *r = as_future_batch(f);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->n, N);
	for (int i = 0; i < N; i++) {
		int64_t want = (i * 7) % 300;
		const as_batch_record *br = &r->records[i];
		ck_assert_mem_eq(br->key.digest, keys[i].digest, AS_DIGEST_SIZE);
		if (i == N - 1 || want >= 200) {
			ck_assert_int_eq(br->status, AEROSPIKE_ERR_RECORD_NOT_FOUND);
			ck_assert_ptr_null(br->record);
		} else {
			ck_assert_int_eq(br->status, AEROSPIKE_OK);
			ck_assert_int_eq(as_record_get_int(br->record, "i", -1), want);
			ck_assert_int_eq(br->record->n_bins, 2);
		}
	}
	as_future_release(f);

	const char *bins[] = { "i", NULL };
	f = as_batch_select(client, NULL, keys, 10, bins);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(as_future_batch(f)->records[i].record->n_bins, 1);
	as_future_release(f);

	f = as_batch_exists(client, NULL, keys, N);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	int found = 0;
	for (int i = 0; i < N; i++)
		found += as_future_batch(f)->records[i].status == AEROSPIKE_OK;
	ck_assert_int_eq(found, 200);  /* i -> 7i mod 300 is a bijection: 200 of the keys exist */
	as_future_release(f);

	/* One node faulted: its keys carry an error, the others are fine. */
	char reply[256];
	ck_assert(ms_info(ms.ports[1], "minispike-fault:node=1;mode=hang\n", reply, sizeof(reply)));
	as_policy_batch bp;
	as_policy_batch_init(&bp);
	bp.base.total_timeout = 300;
	bp.base.max_retries = 0;
	f = as_batch_get(client, &bp, keys, N);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	r = as_future_batch(f);
	int ok = 0, timeouts = 0, missing = 0;
	for (int i = 0; i < N; i++) {
		ok += r->records[i].status == AEROSPIKE_OK;
		timeouts += r->records[i].status == AEROSPIKE_ERR_TIMEOUT;
		missing += r->records[i].status == AEROSPIKE_ERR_RECORD_NOT_FOUND;
	}
	ck_assert_int_gt(timeouts, 0);
	ck_assert_int_gt(ok, 0);
	ck_assert_int_eq(ok + timeouts + missing, N);
	as_future_release(f);
	ck_assert(ms_info(ms.ports[1], "minispike-fault:node=1;mode=off\n", reply, sizeof(reply)));

	/* Bad input. */
	f = as_batch_get(client, NULL, NULL, 3);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_ERR_PARAM);
	as_future_release(f);
	ms_client_stop(&ms, client);
}
END_TEST

typedef struct scan_count {
	int seen;
	int stop_after;
} scan_count;

static bool count_record(const as_record *rec, void *udata)
{
	scan_count *sc = udata;
	ck_assert_ptr_nonnull(rec->key);
	ck_assert_str_eq(rec->key->ns, "test");
	sc->seen++;
	return sc->stop_after == 0 || sc->seen < sc->stop_after;
}

START_TEST(test_scan)
{
	client = ms_client_start(&ms, 3, NULL, NULL);
	put_n("s1", 500);
	put_n("s2", 50);
	scan_count sc = { 0, 0 };
	as_future *f = as_scan(client, NULL, "test", "s1", NULL, count_record, &sc);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(sc.seen, 500);
	ck_assert_int_eq(as_future_scan_count(f), 500);
	as_future_release(f);

	/* Early stop: the rest of each node's stream is read and dropped, and
	 * the connections stay open for the next commands. */
	long closed = ms_client_stat(client, "connections", "closed");
	sc = (scan_count){ 0, 10 };
	f = as_scan(client, NULL, "test", "s1", NULL, count_record, &sc);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(sc.seen, 10);
	as_future_release(f);
	usleep(200000);
	ck_assert_int_eq(ms_client_stat(client, "connections", "closed"), closed);

	const char *bins[] = { "s", NULL };
	f = as_scan_collect(client, NULL, "test", "s2", bins, 0);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	const as_record_list *l = as_future_records(f);
	ck_assert_int_eq(l->n, 50);
	for (size_t i = 0; i < l->n; i++) {
		ck_assert_int_eq(l->records[i]->n_bins, 1);
		ck_assert_str_eq(as_record_get_str(l->records[i], "s"), "x");
	}
	as_future_release(f);

	f = as_scan_collect(client, NULL, "test", "s1", NULL, 7);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_OK);
	ck_assert_int_eq(as_future_records(f)->n, 7);
	as_future_release(f);

	f = as_scan_collect(client, NULL, "nosuchns", NULL, NULL, 0);
	ck_assert_int_eq(as_future_wait(f, NULL), AEROSPIKE_ERR_NAMESPACE_NOT_FOUND);
	as_future_release(f);
	ms_client_stop(&ms, client);
}
END_TEST

START_TEST(test_info_and_stats)
{
	client = ms_client_start(&ms, 3, NULL, NULL);
	as_future *f = as_info(client, NULL, NULL, "namespaces");
	as_error err;
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_OK);
	ck_assert_ptr_nonnull(strstr(as_future_str(f), "namespaces\ttest;bar"));
	as_future_release(f);

	char **names = NULL;
	size_t n = as_client_node_names(client, &names);
	ck_assert_int_eq(n, 3);
	f = as_info(client, NULL, names[1], "node");
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_OK);
	char want[64];
	snprintf(want, sizeof(want), "node\t%s\n", names[1]);
	ck_assert_str_eq(as_future_str(f), want);
	as_future_release(f);
	free(names);

	f = as_info(client, NULL, "NOSUCHNODE", "node");
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_INVALID_NODE);
	as_future_release(f);
	f = as_info(client, NULL, NULL, "nosuchcommand");
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_REQUEST_INVALID);
	as_future_release(f);
	f = as_info(client, NULL, NULL, "");
	ck_assert_int_eq(as_future_wait(f, &err), AEROSPIKE_ERR_PARAM);
	as_future_release(f);

	put_n("st", 100);
	json_t *stats = as_client_stats_json(client);
	ck_assert_ptr_nonnull(stats);
	json_t *nodes = json_object_get(stats, "nodes");
	ck_assert_int_eq(json_array_size(nodes), 3);
	json_int_t commands = 0;
	size_t i;
	json_t *node;
	json_array_foreach(nodes, i, node)
		commands += json_integer_value(json_object_get(node, "commands"));
	ck_assert_int_ge(commands, 100);
	ck_assert_int_eq(json_array_size(json_object_get(stats, "loops")), 1);
	json_decref(stats);
	ms_client_stop(&ms, client);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("multi");
	TCase *tc = tcase_create("multi");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_batch_across_nodes);
	tcase_add_test(tc, test_scan);
	tcase_add_test(tc, test_info_and_stats);
	suite_add_tcase(s, tc);
	return s;
}
