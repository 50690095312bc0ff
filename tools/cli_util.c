/*
 * aerofuture-cli: what every subcommand shares: errors and usage messages,
 * JSON output, connecting, the policies the command line sets, and the
 * small argument parsers.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* --- errors and output ------------------------------------------------- */

/* "aerofuture-cli: <message>" on standard error. */
static void cli_vsay(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", CLI_NAME);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_usage_error(const cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vsay(fmt, ap);
	va_end(ap);
	cli_cmd_id id = c ? c->cmd : CLI_CMD_NONE;
	if (id != CLI_CMD_NONE && id != CLI_CMD_HELP) {
		fprintf(stderr, "usage: %s [OPTIONS] %s\n", CLI_NAME, cli_cmd_synopsis(id));
		fprintf(stderr, "Try '%s %s --help'.\n", CLI_NAME, cli_cmd_name(id));
	} else {
		fprintf(stderr, "usage: %s [OPTIONS] COMMAND [ARGS...]\n", CLI_NAME);
		fprintf(stderr, "Try '%s --help'.\n", CLI_NAME);
	}
	return CLI_EXIT_ERROR;
}

int cli_fail(const as_error *err)
{
	fprintf(stderr, "%s: %s: %s\n", CLI_NAME, as_status_str(err->code), err->message);
	return err->code == AEROSPIKE_ERR_RECORD_NOT_FOUND ? CLI_EXIT_NOT_FOUND : CLI_EXIT_ERROR;
}

int cli_fail_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vsay(fmt, ap);
	va_end(ap);
	return CLI_EXIT_ERROR;
}

/* Print @p j (stolen) on one line, or indented. */
int cli_print_json(const cli *c, json_t *j, bool pretty)
{
	if (!j)
		return cli_fail_msg("a value cannot be written as JSON (GeoJSON that is not UTF-8)");
	size_t flags = JSON_ENCODE_ANY | (pretty || c->pretty ? JSON_INDENT(2) : JSON_COMPACT);
	int rc = json_dumpf(j, stdout, flags);
	json_decref(j);
	if (rc != 0 || fputc('\n', stdout) == EOF)
		return cli_fail_msg("cannot write to standard output: %s", strerror(errno));
	return CLI_EXIT_OK;
}

/* The command-line settings as default policies of the client. */
void cli_policies(const cli *c, as_policies *p)
{
	as_policy_key key = c->send_key ? AS_POLICY_KEY_SEND : AS_POLICY_KEY_DIGEST;
	p->read.key = p->write.key = p->remove.key = p->operate.key = key;
	if (c->timeout < 0)
		return;
	uint32_t t = (uint32_t)c->timeout;
	p->read.base.total_timeout = p->write.base.total_timeout = t;
	p->remove.base.total_timeout = p->operate.base.total_timeout = t;
	p->batch.base.total_timeout = p->scan.base.total_timeout = t;
	p->info.timeout = t;
	/* One attempt must not outlast the whole command. */
	as_policy_base *bases[] = {&p->read.base, &p->write.base, &p->remove.base,
	                           &p->operate.base, &p->batch.base, &p->scan.base};
	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++)
		if (t && bases[i]->socket_timeout > t)
			bases[i]->socket_timeout = t;
}

/* Create the client and wait until it knows the cluster. */
int cli_connect(cli *c)
{
	as_error err;
	if (!c->host_given && as_client_config_add_host(&c->cfg, "127.0.0.1", 3000, &err) != AEROSPIKE_OK)
		return cli_fail(&err);
	c->client = as_client_new(&c->cfg, &err);
	if (!c->client)
		return cli_fail(&err);
	as_future *f = as_client_connect(c->client);
	as_status st = as_future_wait(f, &err);
	as_future_release(f);
	if (st != AEROSPIKE_OK)
		return cli_fail(&err);
	return CLI_EXIT_OK;
}

/* --- policies ---------------------------------------------------------- */

void cli_write_policy(const cli *c, as_policy_write *wp)
{
	*wp = c->cfg.policies.write;
	if (c->exists >= 0)
		wp->exists = (as_policy_exists)c->exists;
	if (c->gen >= 0)
		wp->gen = AS_POLICY_GEN_EQ;
}

/* Apply --ttl and --gen to a record about to be written. */
void cli_record_options(const cli *c, as_record *rec)
{
	if (c->ttl >= 0)
		rec->ttl = (uint32_t)c->ttl;
	if (c->gen >= 0)
		rec->gen = (uint32_t)c->gen;
}

/* --- argument parsers -------------------------------------------------- */

bool cli_parse_ll(const char *s, long long min, long long max, long long *out)
{
	if (!s || !*s || isspace((unsigned char)*s))
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* TTL words: never (never expire), keep (leave the expiry alone), default
 * (namespace default, same as 0). */
bool cli_parse_ttl(const char *s, long long *out)
{
	if (strcmp(s, "never") == 0)
		*out = AS_TTL_NEVER_EXPIRE;
	else if (strcmp(s, "keep") == 0)
		*out = AS_TTL_DONT_UPDATE;
	else if (strcmp(s, "default") == 0)
		*out = AS_TTL_NAMESPACE_DEFAULT;
	else
		return cli_parse_ll(s, 0, (long long)AS_TTL_CLIENT_DEFAULT - 1, out);
	return true;
}

bool cli_parse_exists(const char *s, int *out)
{
	static const struct {
		const char *name;
		as_policy_exists value;
	} names[] = {
		{"any", AS_POLICY_EXISTS_UPDATE},
		{"create", AS_POLICY_EXISTS_CREATE_ONLY},
		{"update", AS_POLICY_EXISTS_UPDATE_ONLY},
		{"replace", AS_POLICY_EXISTS_REPLACE_ONLY},
		{"create-or-replace", AS_POLICY_EXISTS_CREATE_OR_REPLACE},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i].name) == 0) {
			*out = (int)names[i].value;
			return true;
		}
	}
	return false;
}

/* Split "a,b,c" into a NULL-terminated array (one block: free() it). NULL if
 * a name is empty. */
char **cli_split_bins(const char *list)
{
	size_t n = 1, len = strlen(list);
	for (const char *p = list; *p; p++)
		n += *p == ',';
	char **names = malloc((n + 1) * sizeof(char *) + len + 1);
	char *copy = (char *)(names + n + 1);
	memcpy(copy, list, len + 1);
	size_t i = 0;
	for (char *tok = copy, *comma; tok; tok = comma ? comma + 1 : NULL) {
		comma = strchr(tok, ',');
		if (comma)
			*comma = '\0';
		if (!*tok) {
			free(names);
			return NULL;
		}
		names[i++] = tok;
	}
	names[i] = NULL;
	return names;
}

/* Parse a JSON command-line argument; on failure *rc is the exit code. */
json_t *cli_parse_json_arg(const cli *c, const char *what, const char *text, int *rc)
{
	json_error_t jerr;
	json_t *j = json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		*rc = cli_usage_error(c, "%s is not valid JSON: %s (column %d)", what, jerr.text, jerr.column);
	return j;
}
