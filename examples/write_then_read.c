/*
 * write_then_read: write a record, then read it back, as one chain of futures.
 *
 *   connect --> put test/myset/mykey {mybin: "myvalue"} (50 ms timeout) --> get
 *
 * Each step runs on the client's event loop when the previous one succeeds;
 * main() only waits for the end of the chain. Exits non-zero if a step fails.
 *
 * Usage: write_then_read [-h HOST] [-p PORT]   (default 127.0.0.1:3000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <aerofuture/aerofuture.h>

typedef struct app {
	as_client *client;
	as_key key;
} app;

static as_future *write_record(as_future *connected, void *udata)
{
	app *a = udata;
	as_policy_write wp;
	as_policy_write_init(&wp);
	wp.base.total_timeout = 50;

	as_record *rec = as_record_new(1);
	as_record_set_str(rec, "mybin", "myvalue");
	printf("Write: namespace=%s set=%s key=%s bin=mybin value=myvalue\n", a->key.ns, a->key.set,
	       a->key.value.u.str);
	as_future *put = as_put(a->client, &wp, &a->key, rec);
	as_record_destroy(rec);  /* as_put encoded it already */
	return put;
}

static as_future *read_record(as_future *written, void *udata)
{
	app *a = udata;
	return as_get(a->client, NULL, &a->key);
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1";
	int port = 3000, opt;
	while ((opt = getopt(argc, argv, "h:p:")) != -1) {
		switch (opt) {
		case 'h': host = optarg; break;
		case 'p': port = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: %s [-h HOST] [-p PORT]\n", argv[0]);
			return 2;
		}
	}

	as_error err;
	as_client_config cfg;
	as_client_config_init(&cfg);
	if (as_client_config_add_host(&cfg, host, (uint16_t)port, &err) != AEROSPIKE_OK) {
		fprintf(stderr, "%s: %s\n", as_status_str(err.code), err.message);
		return 1;
	}
	app a;
	a.client = as_client_new(&cfg, &err);
	if (!a.client) {
		fprintf(stderr, "%s: %s\n", as_status_str(err.code), err.message);
		return 1;
	}
	as_key_init_str(&a.key, "test", "myset", "mykey", NULL);

	/* The whole program is one flat chain; a failure skips the later steps. */
	as_future *connected = as_client_connect(a.client);
	as_future *written = as_future_then_ok(connected, write_record, &a);
	as_future *read = as_future_then_ok(written, read_record, &a);

	int rc = 0;
	if (as_future_wait(read, &err) == AEROSPIKE_OK) {
		const as_record *rec = as_future_record(read);
		printf("Read: namespace=%s set=%s key=%s bin=mybin value=%s\n", a.key.ns, a.key.set, a.key.value.u.str,
		       as_record_get_str(rec, "mybin") ? as_record_get_str(rec, "mybin") : "(missing)");
	} else {
		fprintf(stderr, "write_then_read failed: %s: %s\n", as_status_str(err.code), err.message);
		rc = 1;
	}
	as_future_release(read);
	as_future_release(written);
	as_future_release(connected);
	as_client_destroy(a.client);
	return rc;
}
