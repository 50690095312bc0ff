/*
 * leaderboard: a game's scores kept in one map bin, changed in place.
 *
 *   connect --> remove the board --> add points for each play, one operate
 *   --> read the top 3 (map entries by rank, highest first)
 *
 * The server does the arithmetic and the ranking; the client sends one
 * small operation per step instead of reading and rewriting the whole map.
 * Exits non-zero if a step fails.
 *
 * Usage: leaderboard [-h HOST] [-p PORT]   (default 127.0.0.1:3000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <aerofuture/aerofuture.h>

typedef struct app {
	as_client *client;
	as_key key;
} app;

static const struct play {
	const char *player;
	int64_t points;
} plays[] = {{"alice", 30}, {"bob", 50}, {"carol", 40}, {"alice", 40}, {"dave", 10}, {"carol", 50}};

static as_future *clear_board(as_future *connected, void *udata)
{
	app *a = udata;
	return as_remove(a->client, NULL, &a->key);
}

/* Every play is one map increment; a missing player starts at 0. A board
 * that was not there to remove is fine; any other failure ends the chain. */
static as_future *add_plays(as_future *removed, void *udata)
{
	app *a = udata;
	as_status rc = as_future_status(removed);

	if (rc != AEROSPIKE_OK && rc != AEROSPIKE_ERR_RECORD_NOT_FOUND)
		return as_future_new_failed(as_future_error(removed));
	size_t n = sizeof(plays) / sizeof(plays[0]);
	as_operations *ops = as_operations_new((uint16_t)n);

	for (size_t i = 0; i < n; i++)
		as_operations_map_increment(ops, "scores", NULL, NULL, as_value_str(plays[i].player),
		                            as_value_int(plays[i].points));
	as_future *f = as_operate(a->client, NULL, &a->key, ops);
	as_operations_destroy(ops);  /* as_operate encoded it already */
	return f;
}

/* The three highest ranks are -3..-1. */
static as_future *read_top(as_future *written, void *udata)
{
	app *a = udata;
	as_operations *ops = as_operations_new(1);

	as_operations_map_get_by_rank_range(ops, "scores", NULL, -3, 3, AS_MAP_RETURN_KEY_VALUE);
	as_future *f = as_operate(a->client, NULL, &a->key, ops);
	as_operations_destroy(ops);
	return f;
}

typedef struct entry {
	const char *player;
	int64_t score;
} entry;

static int by_score_desc(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	return (a->score < b->score) - (a->score > b->score);
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
	as_key_init_str(&a.key, "test", "games", "board1", NULL);

	as_future *connected = as_client_connect(a.client);
	/* as_future_then: add_plays also runs when the remove failed. */
	as_future *removed = as_future_then_ok(connected, clear_board, &a);
	as_future *written = as_future_then(removed, add_plays, &a);
	as_future *top = as_future_then_ok(written, read_top, &a);

	int rc = 0;
	if (as_future_wait(top, &err) == AEROSPIKE_OK) {
		const as_value *v = as_record_get(as_future_record(top), "scores");
		entry best[3];
		size_t n = 0;

		/* The entries come back as a map; rank them here, highest first. */
		if (v != NULL && v->type == AS_MAP)
			for (uint32_t i = 0; i < v->u.map->size && n < 3; i++, n++) {
				best[n].player = v->u.map->entries[i].key.u.str;
				best[n].score = v->u.map->entries[i].value.u.i;
			}
		qsort(best, n, sizeof(best[0]), by_score_desc);
		printf("top %zu:", n);
		for (size_t i = 0; i < n; i++)
			printf(" %s=%lld", best[i].player, (long long)best[i].score);
		printf("\n");
	} else {
		fprintf(stderr, "leaderboard failed: %s: %s\n", as_status_str(err.code), err.message);
		rc = 1;
	}
	as_future_release(top);
	as_future_release(written);
	as_future_release(removed);
	as_future_release(connected);
	as_client_destroy(a.client);
	return rc;
}
