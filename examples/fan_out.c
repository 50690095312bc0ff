/*
 * fan_out: 1,000 puts in flight at once, joined with as_future_all().
 *
 * Usage: fan_out [-h HOST] [-p PORT] [-n COUNT]   (default 127.0.0.1:3000, 1000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <aerofuture/aerofuture.h>

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1";
	int port = 3000, n = 1000, opt;
	while ((opt = getopt(argc, argv, "h:p:n:")) != -1) {
		if (opt == 'h')
			host = optarg;
		else if (opt == 'p')
			port = atoi(optarg);
		else if (opt == 'n')
			n = atoi(optarg);
		else {
			fprintf(stderr, "usage: %s [-h HOST] [-p PORT] [-n COUNT]\n", argv[0]);
			return 2;
		}
	}
	if (n <= 0) {
		fprintf(stderr, "COUNT must be positive\n");
		return 2;
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
	as_future *connected = as_client_connect(client);
	if (as_future_wait(connected, &err) != AEROSPIKE_OK) {
		fprintf(stderr, "connect: %s: %s\n", as_status_str(err.code), err.message);
		as_future_release(connected);
		as_client_destroy(client);
		return 1;
	}
	as_future_release(connected);

	as_future **puts = malloc(sizeof(*puts) * (size_t)n);
	as_record *rec = as_record_new(1);
	for (int i = 0; i < n; i++) {
		as_key key;
		as_key_init_int(&key, "test", "fanout", i, NULL);
		as_record_set_int(rec, "i", i);
		puts[i] = as_put(client, NULL, &key, rec);
	}
	as_record_destroy(rec);

	as_future *all = as_future_all(puts, (size_t)n);
	as_status st = as_future_wait(all, &err);
	int failed = 0;
	for (int i = 0; i < n; i++) {
		failed += as_future_status(puts[i]) != AEROSPIKE_OK;
		as_future_release(puts[i]);
	}
	free(puts);
	as_future_release(all);
	printf("%d puts: %d ok, %d failed%s%s\n", n, n - failed, failed, st ? " -- first error: " : "",
	       st ? err.message : "");
	as_client_destroy(client);
	return st == AEROSPIKE_OK ? 0 : 1;
}
