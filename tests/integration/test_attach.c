/* The client on the application's own event_base: commands chained and
 * completed while the application dispatches, other threads submitting and
 * waiting meanwhile, the deadlock guards, and close after dispatch. */
#include <check.h>
#include <event2/event.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include <aerofuture/aerofuture.h>
#include "common/check_main.h"
#include "common/ms_proc.h"

static ms_proc ms;
static as_client *client;
static struct event_base *base;
static as_key key;
static atomic_int worker_rc = -100;
static as_status close_in_callback = AEROSPIKE_OK;

static as_future *do_put(as_future *connected, void *udata)
{
	as_record *r = as_record_new(1);
	as_record_set_str(r, "b", "attached");
	as_future *f = as_put(client, NULL, &key, r);
	as_record_destroy(r);
	return f;
}

static as_future *do_get(as_future *written, void *udata)
{
	return as_get(client, NULL, &key);
}

static atomic_bool worker_done;

static void *worker(void *arg)
{
	/* An ordinary thread may wait while the application's thread dispatches. */
	as_future *f = as_exists(client, NULL, &key);
	atomic_store(&worker_rc, as_future_wait(f, NULL));
	as_future_release(f);
	atomic_store(&worker_done, true);
	return NULL;
}

static void finished(as_future *f, void *udata)
{
	/* Inside a callback the client cannot be closed: it would free what runs. */
	close_in_callback = as_client_close(client);
	event_base_loopbreak(base);
}

START_TEST(test_application_base)
{
	ck_assert(ms_start(&ms, 1, NULL));
	base = event_base_new();
	as_client_config cfg;
	as_client_config_init(&cfg);
	cfg.event_base = base;
	as_client_config_add_host(&cfg, "127.0.0.1", ms.ports[0], NULL);
	as_error err;
	client = as_client_new(&cfg, &err);
	ck_assert_ptr_nonnull(client);
	as_key_init_str(&key, "test", "attach", "k", NULL);

	as_future *connected = as_client_connect(client);
	/* This thread runs the base: waiting here would deadlock. */
	ck_assert_int_eq(as_future_wait(connected, &err), AEROSPIKE_ERR_CLIENT);
	ck_assert_ptr_nonnull(strstr(err.message, "deadlock"));

	as_future *put = as_future_then_ok(connected, do_put, NULL);
	as_future *get = as_future_then_ok(put, do_get, NULL);
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	as_future_on_done(get, finished, NULL);
	ck_assert_int_eq(event_base_dispatch(base), 0);
	/* The worker's command needs the base too: run it until the worker is done. */
	for (int i = 0; i < 10000 && !atomic_load(&worker_done); i++) {
		event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK);
		usleep(1000);
	}
	pthread_join(t, NULL);

	ck_assert_int_eq(close_in_callback, AEROSPIKE_ERR_CLIENT);
	ck_assert_int_eq(as_future_get_state(get), AS_FUTURE_OK);
	ck_assert_str_eq(as_record_get_str(as_future_record(get), "b"), "attached");
	ck_assert_int_eq(atomic_load(&worker_rc), AEROSPIKE_OK);

	/* Between dispatches the base's thread may close: the loop's share runs inline. */
	as_key other;
	as_key_init_str(&other, "test", "attach", "pending", NULL);
	as_future *pending = as_get(client, NULL, &other);
	ck_assert_int_eq(as_client_destroy(client), AEROSPIKE_OK);
	ck_assert(as_future_is_done(pending));
	ck_assert_int_eq(as_future_status(pending), AEROSPIKE_ERR_CLIENT_ABORT);
	as_future_release(pending);
	as_future_release(get);
	as_future_release(put);
	as_future_release(connected);
	event_base_free(base);
	ck_assert_int_eq(ms_stop(&ms), 0);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("attach");
	TCase *tc = tcase_create("attach");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_application_base);
	suite_add_tcase(s, tc);
	return s;
}
