/*
 * blocking: aerofuture used like a synchronous client. Every call returns a
 * future; waiting on it right away gives plain blocking code.
 *
 * Usage: blocking [-h HOST] [-p PORT]   (default 127.0.0.1:3000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <aerofuture/aerofuture.h>

/* Wait for f, release it, and report a failure. */
static int check(const char *what, as_future *f)
{
	as_error err;
	as_status st = as_future_wait(f, &err);
	if (st != AEROSPIKE_OK)
		fprintf(stderr, "%s failed: %s: %s\n", what, as_status_str(st), err.message);
	return st == AEROSPIKE_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1";
	int port = 3000, opt, rc = 0;
	while ((opt = getopt(argc, argv, "h:p:")) != -1) {
		if (opt == 'h')
			host = optarg;
		else if (opt == 'p')
			port = atoi(optarg);
		else {
			fprintf(stderr, "usage: %s [-h HOST] [-p PORT]\n", argv[0]);
			return 2;
		}
	}
	as_error err;
	as_client_config cfg;
	as_client_config_init(&cfg);
	as_client_config_add_host(&cfg, host, (uint16_t)port, NULL);
	as_client *client = as_client_new(&cfg, &err);
	if (!client) {
		fprintf(stderr, "%s: %s\n", as_status_str(err.code), err.message);
		return 1;
	}
	as_future *f = as_client_connect(client);
	rc |= check("connect", f);
	as_future_release(f);

	as_key key;
	as_key_init_int(&key, "test", "demo", 1, NULL);
	as_record *rec = as_record_new(2);
	as_record_set_int(rec, "count", 1);
	as_record_set_str(rec, "name", "blocking");
	f = as_put(client, NULL, &key, rec);
	as_record_destroy(rec);
	rc |= check("put", f);
	as_future_release(f);

	as_operations *ops = as_operations_new(2);
	as_operations_add_incr(ops, "count", 41);
	as_operations_add_read(ops, "count");
	f = as_operate(client, NULL, &key, ops);
	as_operations_destroy(ops);
	if (!check("operate", f))
		printf("count after +41: %lld\n", (long long)as_record_get_int(as_future_record(f), "count", -1));
	else
		rc = 1;
	as_future_release(f);

	f = as_exists(client, NULL, &key);
	if (!check("exists", f))
		printf("exists: %s\n", as_future_exists(f) ? "yes" : "no");
	else
		rc = 1;
	as_future_release(f);

	f = as_remove(client, NULL, &key);
	rc |= check("remove", f);
	as_future_release(f);

	f = as_get(client, NULL, &key);
	as_status st = as_future_wait(f, &err);
	printf("get after remove: %s\n", as_status_str(st));
	if (st != AEROSPIKE_ERR_RECORD_NOT_FOUND)
		rc = 1;
	as_future_release(f);

	as_client_destroy(client);
	return rc;
}
