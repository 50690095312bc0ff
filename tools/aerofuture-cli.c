/*
 * aerofuture-cli: a JSON command-line client for Aerospike.
 *
 * This file parses the command line and dispatches to the subcommands
 * (cli_cmd.c). See cli_help.c or `aerofuture-cli --help` for the syntax.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

/* --- options ------------------------------------------------------------ */

typedef enum opt_id {
	O_HOST, O_NS, O_SET, O_TIMEOUT, O_SEND_KEY, O_INT_KEY, O_PRETTY, O_HELP, O_VERSION,
	O_TTL, O_EXISTS, O_GEN, O_DURABLE, O_RESPOND_ALL, O_BINS, O_EXISTS_ONLY, O_MAX, O_RPS,
	O_COUNT, O_NODE, O_JSON, O_CONCURRENCY
} opt_id;

#define CMD_BIT(id) (1u << (id))
#define ALL_CMDS 0xFFFFFFFFu

typedef struct opt_def {
	char short_name;   /* 0 when the option has only a long name */
	const char *name;
	bool has_arg;
	unsigned cmds;     /* subcommands accepting it; ALL_CMDS for global options */
	opt_id id;
} opt_def;

/* Two entries may share a name when they belong to different subcommands
 * (put --exists ACTION, batch --exists). */
static const opt_def opt_defs[] = {
	{'h', "host", true, ALL_CMDS, O_HOST},
	{'n', "namespace", true, ALL_CMDS, O_NS},
	{'s', "set", true, ALL_CMDS, O_SET},
	{0, "timeout", true, ALL_CMDS, O_TIMEOUT},
	{0, "send-key", false, ALL_CMDS, O_SEND_KEY},
	{0, "int-key", false, ALL_CMDS, O_INT_KEY},
	{0, "pretty", false, ALL_CMDS, O_PRETTY},
	{0, "help", false, ALL_CMDS, O_HELP},
	{0, "version", false, ALL_CMDS, O_VERSION},
	{0, "ttl", true, CMD_BIT(CLI_CMD_PUT) | CMD_BIT(CLI_CMD_TOUCH) | CMD_BIT(CLI_CMD_OPERATE), O_TTL},
	{0, "exists", true, CMD_BIT(CLI_CMD_PUT) | CMD_BIT(CLI_CMD_OPERATE), O_EXISTS},
	{0, "exists", false, CMD_BIT(CLI_CMD_BATCH), O_EXISTS_ONLY},
	{0, "gen", true, CMD_BIT(CLI_CMD_PUT) | CMD_BIT(CLI_CMD_REMOVE) | CMD_BIT(CLI_CMD_OPERATE), O_GEN},
	{0, "durable-delete", false, CMD_BIT(CLI_CMD_REMOVE) | CMD_BIT(CLI_CMD_OPERATE), O_DURABLE},
	{0, "respond-all-ops", false, CMD_BIT(CLI_CMD_OPERATE), O_RESPOND_ALL},
	{0, "bins", true, CMD_BIT(CLI_CMD_BATCH) | CMD_BIT(CLI_CMD_SCAN), O_BINS},
	{0, "max", true, CMD_BIT(CLI_CMD_SCAN), O_MAX},
	{0, "rps", true, CMD_BIT(CLI_CMD_SCAN), O_RPS},
	{0, "count", false, CMD_BIT(CLI_CMD_SCAN), O_COUNT},
	{0, "node", true, CMD_BIT(CLI_CMD_INFO), O_NODE},
	{0, "json", false, CMD_BIT(CLI_CMD_INFO), O_JSON},
	{0, "concurrency", true, CMD_BIT(CLI_CMD_PUT), O_CONCURRENCY},
};

#define N_OPT_DEFS (sizeof(opt_defs) / sizeof(opt_defs[0]))

/* The option called @p name (long) or @p short_name, as @p cmd accepts it. */
static const opt_def *opt_find(const char *name, size_t len, char short_name, cli_cmd_id cmd, bool *other_cmd)
{
	*other_cmd = false;
	for (size_t i = 0; i < N_OPT_DEFS; i++) {
		const opt_def *d = &opt_defs[i];
		bool match = name ? strlen(d->name) == len && strncmp(d->name, name, len) == 0
		                  : d->short_name != 0 && d->short_name == short_name;
		if (!match)
			continue;
		if (d->cmds == ALL_CMDS || (cmd != CLI_CMD_NONE && (d->cmds & CMD_BIT(cmd))))
			return d;
		*other_cmd = true;
	}
	return NULL;
}

static void cli_init(cli *c)
{
	memset(c, 0, sizeof(*c));
	as_client_config_init(&c->cfg);
	c->ns = "test";
	c->set = "";
	c->timeout = -1;
	c->ttl = -1;
	c->exists = -1;
	c->gen = -1;
	c->max = -1;
	c->rps = -1;
	c->concurrency = -1;
}

/* Store option @p d's effect. @return -1 to go on, else an exit code. */
static int opt_apply(cli *c, const opt_def *d, const char *spelled, const char *arg)
{
	as_error err;
	switch (d->id) {
	case O_HOST:
		if (as_client_config_add_hosts(&c->cfg, arg, &err) != AEROSPIKE_OK)
			return cli_usage_error(c, "bad %s '%s': %s", spelled, arg, err.message);
		c->host_given = true;
		break;
	case O_NS:
		if (!*arg || strlen(arg) > AS_NAMESPACE_MAX_LEN)
			return cli_usage_error(c, "bad %s '%s': 1 to %d bytes", spelled, arg, AS_NAMESPACE_MAX_LEN);
		c->ns = arg;
		c->ns_given = true;
		break;
	case O_SET:
		if (strlen(arg) > AS_SET_MAX_LEN)
			return cli_usage_error(c, "bad %s '%s': at most %d bytes", spelled, arg, AS_SET_MAX_LEN);
		c->set = arg;
		c->set_given = true;
		break;
	case O_TIMEOUT:
		if (!cli_parse_ll(arg, 0, UINT32_MAX, &c->timeout))
			return cli_usage_error(c, "bad %s '%s': milliseconds expected", spelled, arg);
		break;
	case O_SEND_KEY: c->send_key = true; break;
	case O_INT_KEY: c->int_key = true; break;
	case O_PRETTY: c->pretty = true; break;
	case O_HELP:
		cli_help(stdout, c->cmd);
		return CLI_EXIT_OK;
	case O_VERSION:
		printf("%s %s\n", CLI_NAME, PACKAGE_VERSION);
		return CLI_EXIT_OK;
	case O_TTL:
		if (!cli_parse_ttl(arg, &c->ttl))
			return cli_usage_error(c, "bad %s '%s': seconds, 'never' or 'keep' expected", spelled, arg);
		break;
	case O_EXISTS:
		if (!cli_parse_exists(arg, &c->exists))
			return cli_usage_error(c, "bad %s '%s': any, create, update, replace or create-or-replace expected",
			                       spelled, arg);
		break;
	case O_GEN:
		if (!cli_parse_ll(arg, 0, UINT32_MAX, &c->gen))
			return cli_usage_error(c, "bad %s '%s': a generation number expected", spelled, arg);
		break;
	case O_DURABLE: c->durable_delete = true; break;
	case O_RESPOND_ALL: c->respond_all_ops = true; break;
	case O_BINS:
		if (!*arg)
			return cli_usage_error(c, "%s needs at least one bin name", spelled);
		c->bins = arg;
		break;
	case O_EXISTS_ONLY: c->exists_only = true; break;
	case O_MAX:
		if (!cli_parse_ll(arg, 0, INT64_MAX, &c->max))
			return cli_usage_error(c, "bad %s '%s': a record count expected", spelled, arg);
		break;
	case O_RPS:
		if (!cli_parse_ll(arg, 0, UINT32_MAX, &c->rps))
			return cli_usage_error(c, "bad %s '%s': records per second expected", spelled, arg);
		break;
	case O_COUNT: c->count_only = true; break;
	case O_NODE: c->node = arg; break;
	case O_JSON: c->json = true; break;
	case O_CONCURRENCY:
		if (!cli_parse_ll(arg, 1, 100000, &c->concurrency))
			return cli_usage_error(c, "bad %s '%s': 1 to 100000 expected", spelled, arg);
		break;
	}
	return -1;
}

/* Handle the option at argv[*i]. @return -1 to go on, else an exit code. */
static int parse_option(cli *c, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *arg = NULL, *name;
	size_t len;
	bool other_cmd;
	const opt_def *d;
	if (a[1] == '-') {
		name = a + 2;
		const char *eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		if (eq)
			arg = eq + 1;
		d = opt_find(name, len, 0, c->cmd, &other_cmd);
	} else {
		name = NULL;
		len = 0;
		if (a[2])
			arg = a + 2;
		d = opt_find(NULL, 0, a[1], c->cmd, &other_cmd);
	}
	if (!d) {
		if (other_cmd && c->cmd == CLI_CMD_NONE)
			return cli_usage_error(c, "option '%s' belongs after its command", a);
		if (other_cmd)
			return cli_usage_error(c, "%s does not take option '%s'", cli_cmd_name(c->cmd), a);
		return cli_usage_error(c, "unknown option '%s'", a);
	}
	char spelled[64];
	if (name)
		snprintf(spelled, sizeof(spelled), "--%s", d->name);
	else
		snprintf(spelled, sizeof(spelled), "-%c", d->short_name);
	if (d->has_arg && !arg) {
		if (*i + 1 >= argc)
			return cli_usage_error(c, "option %s needs a value", spelled);
		arg = argv[++*i];
	} else if (!d->has_arg && arg) {
		return cli_usage_error(c, "option %s takes no value", spelled);
	}
	return opt_apply(c, d, spelled, arg);
}

/* An argument that is an option, not a value: "-x", "--xx"; but not "-" (stdin)
 * nor "-12" (a negative number). */
static bool is_option(const char *a)
{
	return a[0] == '-' && a[1] != '\0' && !(a[1] >= '0' && a[1] <= '9');
}

/* Fill @p c from the command line. @return -1 to go on, else an exit code. */
static int parse_args(cli *c, int argc, char **argv)
{
	c->pos = calloc((size_t)argc, sizeof(char *));
	bool only_pos = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!only_pos && strcmp(a, "--") == 0) {
			only_pos = true;
			continue;
		}
		if (!only_pos && is_option(a)) {
			int rc = parse_option(c, argc, argv, &i);
			if (rc >= 0)
				return rc;
			continue;
		}
		if (c->cmd == CLI_CMD_NONE) {
			c->cmd = cli_cmd_lookup(a);
			if (c->cmd == CLI_CMD_NONE)
				return cli_usage_error(c, "unknown command '%s'", a);
			continue;
		}
		c->pos[c->n_pos++] = argv[i];
	}
	if (c->cmd == CLI_CMD_NONE)
		return cli_usage_error(c, "no command given");
	return -1;
}

/* --- main ------------------------------------------------------------- */

typedef int (*cmd_fn)(cli *c);

static int run_help(cli *c)
{
	if (c->n_pos > 1)
		return cli_usage_error(c, "help takes at most one command name");
	cli_cmd_id id = CLI_CMD_NONE;
	if (c->n_pos == 1 && (id = cli_cmd_lookup(c->pos[0])) == CLI_CMD_NONE)
		return cli_usage_error(c, "unknown command '%s'", c->pos[0]);
	cli_help(stdout, id);
	return CLI_EXIT_OK;
}

static const cmd_fn cmd_fns[CLI_CMD_COUNT] = {
	[CLI_CMD_PUT] = cli_cmd_put,
	[CLI_CMD_GET] = cli_cmd_get,
	[CLI_CMD_EXISTS] = cli_cmd_exists,
	[CLI_CMD_REMOVE] = cli_cmd_remove,
	[CLI_CMD_TOUCH] = cli_cmd_touch,
	[CLI_CMD_OPERATE] = cli_cmd_operate,
	[CLI_CMD_BATCH] = cli_cmd_batch,
	[CLI_CMD_SCAN] = cli_cmd_scan,
	[CLI_CMD_INFO] = cli_cmd_info,
	[CLI_CMD_NODES] = cli_cmd_nodes,
	[CLI_CMD_STATS] = cli_cmd_stats,
	[CLI_CMD_HELP] = run_help,
};

int main(int argc, char **argv)
{
	cli c;
	cli_init(&c);
	int rc = parse_args(&c, argc, argv);
	if (rc < 0) {
		cli_policies(&c, &c.cfg.policies);
		rc = cmd_fns[c.cmd](&c);
	}
	if (c.client)
		as_client_destroy(c.client);
	free(c.pos);
	if (fflush(stdout) == EOF && rc == CLI_EXIT_OK)
		rc = cli_fail_msg("cannot write to standard output: %s", strerror(errno));
	return rc;
}
