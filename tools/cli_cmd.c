/*
 * aerofuture-cli: the subcommands. Each checks its arguments before it
 * connects, so bad input never reaches the cluster, then waits on the
 * command's future and prints the result as JSON.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* --- helpers ------------------------------------------------------------ */

static int need_args(cli *c, int min, int max)
{
	if (c->n_pos < min)
		return cli_usage_error(c, "%s needs %s", cli_cmd_name(c->cmd), min == 1 ? "a KEY" : "more arguments");
	if (max >= 0 && c->n_pos > max)
		return cli_usage_error(c, "too many arguments for %s: '%s'", cli_cmd_name(c->cmd), c->pos[max]);
	return -1;
}

/* Parse KEY @p text. @return -1 on success, else an exit code. */
static int key_arg(cli *c, const char *text, cli_key *k)
{
	as_error err;
	if (cli_key_parse(c, c->ns, c->set, text, k, &err) != AEROSPIKE_OK)
		return cli_usage_error(c, "bad KEY: %s", err.message);
	return -1;
}

/* Parse KEY (the first argument) and connect: the prologue of every
 * single-key command. @return -1 on success (the caller frees *k), else an
 * exit code (nothing left to free). */
static int key_and_connect(cli *c, cli_key *k)
{
	int rc = key_arg(c, c->pos[0], k);
	if (rc >= 0)
		return rc;
	if ((rc = cli_connect(c)) != 0) {
		cli_key_free(k);
		return rc;
	}
	return -1;
}

/* Wait for @p f; on failure report it and return the exit code, else -1. */
static int wait_ok(as_future *f)
{
	as_error err;
	if (as_future_wait(f, &err) != AEROSPIKE_OK)
		return cli_fail(&err);
	return -1;
}

/* Print the record of an OK future and release the future. */
static int print_record_of(cli *c, as_future *f)
{
	int rc = wait_ok(f);
	if (rc < 0)
		rc = cli_print_json(c, as_record_to_json(as_future_record(f)), false);
	as_future_release(f);
	return rc;
}

/* --- put, get, exists, remove, touch ------------------------------------ */

int cli_cmd_put(cli *c)
{
	if (c->n_pos >= 1 && strcmp(c->pos[0], "-") == 0) {
		if (c->n_pos > 1)
			return cli_usage_error(c, "put - takes no other argument: '%s'", c->pos[1]);
		int rc = cli_connect(c);
		return rc ? rc : cli_bulk_put(c, stdin);
	}
	int rc = need_args(c, 2, 2);
	if (rc >= 0)
		return rc;
	if (c->concurrency >= 0)
		return cli_usage_error(c, "--concurrency applies to 'put -' only");
	json_t *bins = cli_parse_json_arg(c, "BINS", c->pos[1], &rc);
	if (!bins)
		return rc;
	as_error err;
	as_record *rec = NULL;
	as_status st = as_record_from_json(bins, &rec, &err);
	json_decref(bins);
	if (st != AEROSPIKE_OK)
		return cli_usage_error(c, "bad BINS: %s", err.message);
	cli_key k;
	if ((rc = key_and_connect(c, &k)) >= 0) {
		as_record_destroy(rec);
		return rc;
	}
	cli_record_options(c, rec);
	as_policy_write wp;
	cli_write_policy(c, &wp);
	as_future *f = as_put(c->client, &wp, &k.key, rec);
	as_record_destroy(rec);
	cli_key_free(&k);
	rc = wait_ok(f);
	as_future_release(f);
	return rc < 0 ? CLI_EXIT_OK : rc;
}

int cli_cmd_get(cli *c)
{
	int rc = need_args(c, 1, -1);
	if (rc >= 0)
		return rc;
	cli_key k;
	if ((rc = key_and_connect(c, &k)) >= 0)
		return rc;
	/* pos[1..] are bin names, and pos[] ends with a NULL (calloc'd argc slots). */
	as_future *f = c->n_pos > 1 ? as_select(c->client, NULL, &k.key, (const char *const *)c->pos + 1)
	                            : as_get(c->client, NULL, &k.key);
	cli_key_free(&k);
	return print_record_of(c, f);
}

int cli_cmd_exists(cli *c)
{
	int rc = need_args(c, 1, 1);
	cli_key k;
	if (rc >= 0 || (rc = key_and_connect(c, &k)) >= 0)
		return rc;
	as_future *f = as_exists(c->client, NULL, &k.key);
	cli_key_free(&k);
	rc = wait_ok(f);
	if (rc < 0) {
		bool found = as_future_exists(f);
		rc = cli_print_json(c, json_boolean(found), false);
		if (rc == CLI_EXIT_OK && !found)
			rc = CLI_EXIT_NOT_FOUND;
	}
	as_future_release(f);
	return rc;
}

int cli_cmd_remove(cli *c)
{
	int rc = need_args(c, 1, 1);
	cli_key k;
	if (rc >= 0 || (rc = key_and_connect(c, &k)) >= 0)
		return rc;
	as_policy_remove p = c->cfg.policies.remove;
	if (c->gen >= 0) {
		p.gen = AS_POLICY_GEN_EQ;
		p.generation = (uint32_t)c->gen;
	}
	p.durable_delete = c->durable_delete;
	as_future *f = as_remove(c->client, &p, &k.key);
	cli_key_free(&k);
	rc = wait_ok(f);
	as_future_release(f);
	return rc < 0 ? CLI_EXIT_OK : rc;
}

int cli_cmd_touch(cli *c)
{
	int rc = need_args(c, 1, 1);
	cli_key k;
	if (rc >= 0 || (rc = key_and_connect(c, &k)) >= 0)
		return rc;
	uint32_t ttl = c->ttl >= 0 ? (uint32_t)c->ttl : AS_TTL_CLIENT_DEFAULT;
	as_future *f = as_touch(c->client, NULL, &k.key, ttl);
	cli_key_free(&k);
	return print_record_of(c, f);
}

/* --- operate ------------------------------------------------------------ */

/* One element of OPS_JSON: {"op": NAME, "bin": NAME, "value": JSON}. */
static as_status add_op(as_operations *ops, const json_t *o, size_t i, as_error *err)
{
	const char *op = NULL, *bin = NULL, *member;
	const json_t *value = NULL, *v;
	if (!json_is_object(o))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu] is not an object", i);
	const json_t *jop = json_object_get(o, "op");
	if (json_is_string(jop) && cli_cdt_known(json_string_value(jop)))
		return cli_cdt_add_op(ops, o, json_string_value(jop), i, err);
	json_object_foreach((json_t *)o, member, v) {
		if (strcmp(member, "op") == 0 && json_is_string(v))
			op = json_string_value(v);
		else if (strcmp(member, "bin") == 0 && json_is_string(v))
			bin = json_string_value(v);
		else if (strcmp(member, "value") == 0)
			value = v;
		else
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: unexpected member \"%s\"", i, member);
	}
	if (!op)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu] needs \"op\"", i);
	static const char *const known[] = {"read", "read_all", "write", "incr", "add", "append",
	                                    "prepend", "touch", "delete"};
	size_t k = 0;
	while (k < sizeof(known) / sizeof(known[0]) && strcmp(op, known[k]) != 0)
		k++;
	if (k == sizeof(known) / sizeof(known[0]))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: unknown op \"%s\"", i, op);
	bool needs_bin = strcmp(op, "read") != 0 && strcmp(op, "read_all") != 0 && strcmp(op, "touch") != 0 &&
	                 strcmp(op, "delete") != 0;
	bool needs_value = needs_bin;
	if (needs_bin && !bin)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s needs \"bin\"", i, op);
	if (needs_value != (value != NULL))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s %s \"value\"", i, op,
		                    needs_value ? "needs" : "takes no");
	if (!needs_bin && bin && strcmp(op, "read") != 0)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s takes no \"bin\"", i, op);

	if (strcmp(op, "read") == 0 && bin)
		as_operations_add_read(ops, bin);
	else if (strcmp(op, "read") == 0 || strcmp(op, "read_all") == 0)
		as_operations_add_read_all(ops);
	else if (strcmp(op, "touch") == 0)
		as_operations_add_touch(ops);
	else if (strcmp(op, "delete") == 0)
		as_operations_add_delete(ops);
	else if (strcmp(op, "write") == 0) {
		as_value val;
		as_error verr;  /* its own struct: err->message cannot format itself */
		if (as_value_from_json(value, &val, &verr) != AEROSPIKE_OK)
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu].value: %s", i, verr.message);
		as_operations_add_write(ops, bin, val);
	} else if (strcmp(op, "incr") == 0 || strcmp(op, "add") == 0) {
		if (json_is_integer(value))
			as_operations_add_incr(ops, bin, json_integer_value(value));
		else if (json_is_real(value))
			as_operations_add_incr_double(ops, bin, json_real_value(value));
		else
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s needs a number", i, op);
	} else { /* append, prepend */
		if (!json_is_string(value))
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "ops[%zu]: %s needs a string", i, op);
		if (op[0] == 'a')
			as_operations_add_append_str(ops, bin, json_string_value(value));
		else
			as_operations_add_prepend_str(ops, bin, json_string_value(value));
	}
	return as_operations_validate(ops, err);
}

static as_operations *ops_from_json(const json_t *arr, as_error *err)
{
	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "OPS must be a non-empty array of operations");
		return NULL;
	}
	if (json_array_size(arr) > UINT16_MAX) {
		as_error_set(err, AEROSPIKE_ERR_PARAM, "too many operations");
		return NULL;
	}
	as_operations *ops = as_operations_new((uint16_t)json_array_size(arr));
	size_t i;
	const json_t *o;
	json_array_foreach(arr, i, o) {
		if (add_op(ops, o, i, err) != AEROSPIKE_OK) {
			as_operations_destroy(ops);
			return NULL;
		}
	}
	return ops;
}

int cli_cmd_operate(cli *c)
{
	int rc = need_args(c, 2, 2);
	if (rc >= 0)
		return rc;
	json_t *j = cli_parse_json_arg(c, "OPS", c->pos[1], &rc);
	if (!j)
		return rc;
	as_error err;
	as_operations *ops = ops_from_json(j, &err);
	json_decref(j);
	if (!ops)
		return cli_usage_error(c, "bad OPS: %s", err.message);
	cli_key k;
	if ((rc = key_and_connect(c, &k)) >= 0) {
		as_operations_destroy(ops);
		return rc;
	}
	as_policy_operate p = c->cfg.policies.operate;
	if (c->exists >= 0)
		p.exists = (as_policy_exists)c->exists;
	if (c->gen >= 0) {
		p.gen = AS_POLICY_GEN_EQ;
		ops->gen = (uint32_t)c->gen;
	}
	if (c->ttl >= 0)
		ops->ttl = (uint32_t)c->ttl;
	p.durable_delete = c->durable_delete;
	p.respond_all_ops = c->respond_all_ops;
	as_future *f = as_operate(c->client, &p, &k.key, ops);
	as_operations_destroy(ops);
	cli_key_free(&k);
	rc = wait_ok(f);
	if (rc < 0)
		rc = cli_print_json(c, cli_operate_to_json(as_future_record(f)), false);
	as_future_release(f);
	return rc;
}

/* --- batch -------------------------------------------------------------- */

/* KEYs from stdin, one per line; the lines stay alive in *store. */
static int read_key_lines(cli *c, char ***store, int *n)
{
	size_t cap = 0, len = 0;
	char *line = NULL;
	ssize_t got;
	*store = NULL;
	*n = 0;
	while ((got = getline(&line, &len, stdin)) >= 0) {
		if (got > 0 && line[got - 1] == '\n')
			line[--got] = '\0';
		if (got == 0)
			continue;
		if ((size_t)*n == cap) {
			cap = cap ? 2 * cap : 64;
			*store = realloc(*store, cap * sizeof(char *));
		}
		(*store)[(*n)++] = line;
		line = NULL;
		len = 0;
	}
	free(line);
	if (ferror(stdin))
		return cli_fail_msg("cannot read standard input: %s", strerror(errno));
	return -1;
}

static void free_lines(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* [{"key", "status", "record"}...] in key order; *rc gets the exit code. */
static json_t *batch_to_json(const as_batch_result *res, const cli_key *keys, int *rc)
{
	json_t *arr = json_array();
	size_t failed = 0;
	as_status first = AEROSPIKE_OK;
	*rc = CLI_EXIT_OK;
	for (size_t i = 0; i < res->n; i++) {
		const as_batch_record *br = &res->records[i];
		json_t *rec = br->record ? as_record_to_json(br->record) : json_null();
		if (!rec) {
			json_decref(arr);
			return NULL;
		}
		json_array_append_new(arr, json_pack("{s:o, s:s, s:o}", "key", cli_key_to_json(&keys[i].key),
		                                     "status", as_status_str(br->status), "record", rec));
		if (br->status == AEROSPIKE_ERR_RECORD_NOT_FOUND && *rc == CLI_EXIT_OK)
			*rc = CLI_EXIT_NOT_FOUND;
		else if (br->status != AEROSPIKE_OK && br->status != AEROSPIKE_ERR_RECORD_NOT_FOUND) {
			if (!failed++)
				first = br->status;
			*rc = CLI_EXIT_ERROR;
		}
	}
	if (failed)
		fprintf(stderr, "%s: %s: %zu of %zu keys failed\n", CLI_NAME, as_status_str(first), failed, res->n);
	return arr;
}

static int batch_run(cli *c, cli_key *keys, int n)
{
	as_future *f;
	/* The library wants a plain as_key array. */
	as_key *plain = malloc((size_t)n * sizeof(as_key));
	for (int i = 0; i < n; i++)
		plain[i] = keys[i].key;
	char **bins = c->bins ? cli_split_bins(c->bins) : NULL;
	if (c->exists_only)
		f = as_batch_exists(c->client, NULL, plain, (size_t)n);
	else if (bins)
		f = as_batch_select(c->client, NULL, plain, (size_t)n, (const char *const *)bins);
	else
		f = as_batch_get(c->client, NULL, plain, (size_t)n);
	free(plain);
	free(bins);
	int rc = wait_ok(f);
	if (rc < 0) {
		int batch_rc;
		json_t *arr = batch_to_json(as_future_batch(f), keys, &batch_rc);
		rc = cli_print_json(c, arr, false);
		if (rc == CLI_EXIT_OK)
			rc = batch_rc;
	}
	as_future_release(f);
	return rc;
}

int cli_cmd_batch(cli *c)
{
	int rc = need_args(c, 1, -1);
	if (rc >= 0)
		return rc;
	if (c->bins && c->exists_only)
		return cli_usage_error(c, "--bins and --exists exclude each other");
	if (c->bins) {
		char **bins = cli_split_bins(c->bins);
		if (!bins)
			return cli_usage_error(c, "bad --bins '%s': empty bin name", c->bins);
		free(bins);
	}
	char **texts = c->pos, **lines = NULL;
	int n = c->n_pos;
	if (n == 1 && strcmp(c->pos[0], "-") == 0) {
		if ((rc = read_key_lines(c, &lines, &n)) >= 0)
			return rc;
		if (n == 0) {
			free_lines(lines, 0);
			return cli_usage_error(c, "no KEY on standard input");
		}
		texts = lines;
	}
	cli_key *keys = calloc((size_t)n, sizeof(cli_key));
	int parsed = 0;
	for (; parsed < n && rc < 0; parsed++)
		rc = key_arg(c, texts[parsed], &keys[parsed]);
	if (rc < 0 && (rc = cli_connect(c)) == 0)
		rc = batch_run(c, keys, n);
	for (int i = 0; i < parsed; i++)
		cli_key_free(&keys[i]);
	free(keys);
	free_lines(lines, lines ? n : 0);
	return rc;
}

/* --- scan --------------------------------------------------------------- */

typedef struct scan_state {
	const cli *c;
	uint64_t seen;
	uint64_t limit;     /* 0 = no limit */
	bool unprintable;   /* a record JSON cannot carry */
	bool write_failed;
} scan_state;

/* Runs on the loop thread; the main thread only waits meanwhile. */
static bool scan_record(const as_record *rec, void *udata)
{
	scan_state *s = udata;
	if (s->limit && s->seen >= s->limit)
		return false;
	s->seen++;
	if (!s->c->count_only) {
		json_t *j = as_record_to_json(rec);
		if (!j) {
			s->unprintable = true;
		} else {
			int rc = json_dumpf(j, stdout, JSON_COMPACT | JSON_ENCODE_ANY);
			json_decref(j);
			if (rc != 0 || fputc('\n', stdout) == EOF) {
				s->write_failed = true;
				return false;
			}
		}
	}
	return !(s->limit && s->seen >= s->limit);
}

int cli_cmd_scan(cli *c)
{
	int rc = need_args(c, 0, 0);
	if (rc >= 0)
		return rc;
	char **bins = NULL;
	if (c->bins && !(bins = cli_split_bins(c->bins)))
		return cli_usage_error(c, "bad --bins '%s': empty bin name", c->bins);
	if ((rc = cli_connect(c)) != 0) {
		free(bins);
		return rc;
	}
	scan_state s = {c, 0, c->max > 0 ? (uint64_t)c->max : 0, false, false};
	as_policy_scan p = c->cfg.policies.scan;
	p.max_records = s.limit;
	if (c->rps >= 0)
		p.records_per_second = (uint32_t)c->rps;
	as_future *f = as_scan(c->client, &p, c->ns, c->set, (const char *const *)bins, scan_record, &s);
	free(bins);
	rc = wait_ok(f);
	as_future_release(f);
	if (rc >= 0)
		return rc;
	if (s.write_failed)
		return cli_fail_msg("cannot write to standard output: %s", strerror(errno));
	if (c->count_only)
		printf("%llu\n", (unsigned long long)s.seen);
	if (s.unprintable)
		return cli_fail_msg("some records could not be written as JSON (GeoJSON that is not UTF-8)");
	return CLI_EXIT_OK;
}

/* --- info, nodes, stats ------------------------------------------------- */

/* "name\tvalue\n"... as {"name": "value", ...}. */
static json_t *info_to_json(const char *reply)
{
	json_t *obj = json_object();
	const char *line = reply;
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *tab = memchr(line, '\t', len);
		size_t name_len = tab ? (size_t)(tab - line) : len;
		char *name = strndup(line, name_len);
		json_t *value = tab ? json_stringn(tab + 1, len - name_len - 1) : json_string("");
		if (len)
			json_object_set_new(obj, name, value ? value : json_null());
		else
			json_decref(value);
		free(name);
		line += len + (end != NULL);
	}
	return obj;
}

int cli_cmd_info(cli *c)
{
	int rc = need_args(c, 1, -1);
	if (rc >= 0)
		return rc;
	size_t len = 1;
	for (int i = 0; i < c->n_pos; i++)
		len += strlen(c->pos[i]) + 1;
	char *request = malloc(len);
	request[0] = '\0';
	for (int i = 0; i < c->n_pos; i++) {
		if (!c->pos[i][0] || strpbrk(c->pos[i], "\t\n")) {
			free(request);
			return cli_usage_error(c, "bad REQUEST '%s': empty, or with a tab or newline", c->pos[i]);
		}
		strcat(strcat(request, c->pos[i]), "\n");
	}
	if ((rc = cli_connect(c)) != 0) {
		free(request);
		return rc;
	}
	as_future *f = as_info(c->client, NULL, c->node, request);
	free(request);
	rc = wait_ok(f);
	if (rc < 0) {
		const char *reply = as_future_str(f);
		if (!reply)
			reply = "";
		if (c->json) {
			rc = cli_print_json(c, info_to_json(reply), false);
		} else {
			size_t n = strlen(reply);
			fputs(reply, stdout);
			if (n && reply[n - 1] != '\n')
				fputc('\n', stdout);
			rc = CLI_EXIT_OK;
		}
	}
	as_future_release(f);
	return rc;
}

int cli_cmd_nodes(cli *c)
{
	int rc = need_args(c, 0, 0);
	if (rc >= 0 || (rc = cli_connect(c)) != 0)
		return rc;
	char **names = NULL;
	size_t n = as_client_node_names(c->client, &names);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(names[i]));
	free(names);
	return cli_print_json(c, arr, false);
}

int cli_cmd_stats(cli *c)
{
	int rc = need_args(c, 0, 0);
	if (rc >= 0 || (rc = cli_connect(c)) != 0)
		return rc;
	json_t *stats = as_client_stats_json(c->client);
	if (!stats)
		return cli_fail_msg("statistics are not available");
	return cli_print_json(c, stats, true);
}
