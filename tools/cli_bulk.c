/*
 * aerofuture-cli put - : records from newline-delimited JSON, one per line,
 *   {"key": KEY, "bins": {...}[, "ttl": N][, "gen": N]}
 * KEY is an integer, a string in KEY syntax, or a key object as scan prints
 * it, so that scan output can be put back. "gen" is accepted and ignored
 * (scan prints it).
 *
 * Up to --concurrency puts are in flight: a ring of futures, waited on
 * oldest first when full, and joined with as_future_all() at the end.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

#define BULK_DEFAULT_CONCURRENCY 256
#define BULK_MAX_REPORTED 100  /* error lines shown before going quiet */

typedef struct bulk_slot {
	as_future *f;
	unsigned long line;
} bulk_slot;

typedef struct bulk {
	cli *c;
	as_policy_write wp;
	bulk_slot *ring;
	size_t window, head, used;
	unsigned long done, failed, reported;
	bool tty;
	double start, last_progress;
} bulk;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(bulk *b, bool final)
{
	double t = now_s();
	if (!b->tty || (!final && t - b->last_progress < 0.1))
		return;
	b->last_progress = t;
	double elapsed = t - b->start;
	fprintf(stderr, "\r%lu records, %.0f/s", b->done, elapsed > 0 ? (double)b->done / elapsed : 0.0);
	if (final)
		fputc('\n', stderr);
}

static void line_failed(bulk *b, unsigned long line, const char *status, const char *msg)
{
	b->failed++;
	b->done++;
	if (b->reported++ < BULK_MAX_REPORTED) {
		if (b->tty)
			fputc('\r', stderr);
		fprintf(stderr, "%s: line %lu: %s%s%s\n", CLI_NAME, line, status ? status : "", status ? ": " : "", msg);
	} else if (b->reported == BULK_MAX_REPORTED + 1) {
		fprintf(stderr, "%s: further errors not shown\n", CLI_NAME);
	}
}

/* Wait for the oldest put in flight and count its outcome. */
static void settle_oldest(bulk *b)
{
	bulk_slot *s = &b->ring[b->head];
	as_error err;
	if (as_future_wait(s->f, &err) == AEROSPIKE_OK)
		b->done++;
	else
		line_failed(b, s->line, as_status_str(err.code), err.message);
	as_future_release(s->f);
	s->f = NULL;
	b->head = (b->head + 1) % b->window;
	b->used--;
}

/* The members of one line; @return AEROSPIKE_OK or PARAM with why. */
static as_status parse_line(bulk *b, const json_t *j, cli_key *k, as_record **rec, as_error *err)
{
	const json_t *key = NULL, *bins = NULL, *ttl = NULL, *v;
	const char *member;
	if (!json_is_object(j))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "not a JSON object");
	json_object_foreach((json_t *)j, member, v) {
		if (strcmp(member, "key") == 0)
			key = v;
		else if (strcmp(member, "bins") == 0)
			bins = v;
		else if (strcmp(member, "ttl") == 0)
			ttl = v;
		else if (strcmp(member, "gen") != 0)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "unexpected member \"%s\"", member);
	}
	if (!key || !bins)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "needs \"key\" and \"bins\"");
	if (ttl && (!json_is_integer(ttl) || json_integer_value(ttl) < 0 ||
	            json_integer_value(ttl) > (json_int_t)UINT32_MAX))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "\"ttl\" must be an integer 0..4294967295");
	if (cli_key_from_json(b->c, key, k, err) != AEROSPIKE_OK)
		return err->code;
	if (as_record_from_json(bins, rec, err) != AEROSPIKE_OK) {
		cli_key_free(k);
		return err->code;
	}
	cli_record_options(b->c, *rec);
	if (ttl)
		(*rec)->ttl = (uint32_t)json_integer_value(ttl);
	return AEROSPIKE_OK;
}

/* Start the put of one line; a bad line is counted as failed. */
static void put_line(bulk *b, const char *text, unsigned long line)
{
	json_error_t jerr;
	as_error err;
	json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	if (!j) {
		char msg[AS_ERROR_MESSAGE_MAX];
		snprintf(msg, sizeof(msg), "bad JSON: %s (column %d)", jerr.text, jerr.column);
		line_failed(b, line, NULL, msg);
		return;
	}
	cli_key k;
	as_record *rec = NULL;
	if (parse_line(b, j, &k, &rec, &err) != AEROSPIKE_OK) {
		json_decref(j);
		line_failed(b, line, NULL, err.message);
		return;
	}
	if (b->used == b->window)
		settle_oldest(b);
	bulk_slot *s = &b->ring[(b->head + b->used) % b->window];
	/* The key may borrow strings of j: free both only after the call. */
	s->f = as_put(b->c->client, &b->wp, &k.key, rec);
	s->line = line;
	b->used++;
	as_record_destroy(rec);
	cli_key_free(&k);
	json_decref(j);
}

/* Join what is still in flight, then count each outcome in line order. */
static void drain(bulk *b)
{
	as_future **fs = malloc((b->used + 1) * sizeof(as_future *));
	for (size_t i = 0; i < b->used; i++)
		fs[i] = b->ring[(b->head + i) % b->window].f;
	as_future *all = as_future_all(fs, b->used);
	as_future_wait(all, NULL);
	as_future_release(all);
	free(fs);
	while (b->used)
		settle_oldest(b);
}

int cli_bulk_put(cli *c, FILE *in)
{
	bulk b;
	memset(&b, 0, sizeof(b));
	b.c = c;
	cli_write_policy(c, &b.wp);
	b.window = c->concurrency > 0 ? (size_t)c->concurrency : BULK_DEFAULT_CONCURRENCY;
	b.ring = calloc(b.window, sizeof(bulk_slot));
	b.tty = isatty(STDERR_FILENO);
	b.start = b.last_progress = now_s();

	char *text = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long line = 0;
	while ((len = getline(&text, &cap, in)) >= 0) {
		line++;
		while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			text[--len] = '\0';
		if (strspn(text, " \t") == (size_t)len)
			continue;  /* blank line */
		put_line(&b, text, line);
		progress(&b, false);
	}
	int read_errno = ferror(in) ? errno : 0;
	free(text);
	drain(&b);
	progress(&b, true);
	free(b.ring);
	if (read_errno)
		return cli_fail_msg("cannot read standard input: %s", strerror(read_errno));
	if (b.failed)
		return cli_fail_msg("%lu of %lu records failed", b.failed, b.done);
	return CLI_EXIT_OK;
}
