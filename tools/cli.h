/*
 * aerofuture-cli: shared declarations of the command-line tool's files.
 *
 *   aerofuture-cli.c  option parsing and dispatch (main)
 *   cli_cmd.c         the single-record, batch, scan, info and stats commands
 *   cli_bulk.c        put - : newline-delimited JSON records from stdin
 *   cli_cdt.c         operate's list, map, bit and HLL operations
 *   cli_key.c         KEY syntax (s:, i:, b:, d: prefixes)
 *   cli_util.c        what they all share: errors, JSON output, connecting,
 *                     policies from the options, small parsers
 *   cli_help.c        --help texts
 *
 * Each file uses only those listed after it.
 */
#ifndef AEROFUTURE_CLI_H
#define AEROFUTURE_CLI_H

#include <stdio.h>
#include <aerofuture/aerofuture.h>

#define CLI_NAME "aerofuture-cli"

/* Exit codes. */
#define CLI_EXIT_OK 0
#define CLI_EXIT_ERROR 1
#define CLI_EXIT_NOT_FOUND 2

/* Subcommands. */
typedef enum cli_cmd_id {
	CLI_CMD_NONE = 0,
	CLI_CMD_PUT,
	CLI_CMD_GET,
	CLI_CMD_EXISTS,
	CLI_CMD_REMOVE,
	CLI_CMD_TOUCH,
	CLI_CMD_OPERATE,
	CLI_CMD_BATCH,
	CLI_CMD_SCAN,
	CLI_CMD_INFO,
	CLI_CMD_NODES,
	CLI_CMD_STATS,
	CLI_CMD_HELP,
	CLI_CMD_COUNT
} cli_cmd_id;

/* Everything the command line said, plus the client once connected. */
typedef struct cli {
	cli_cmd_id cmd;
	as_client_config cfg;
	bool host_given;
	const char *ns;
	const char *set;
	bool ns_given;            /* -n or -s on the command line */
	bool set_given;
	long long timeout;        /* -1: library defaults */
	bool send_key;
	bool int_key;
	bool pretty;

	/* command options; -1 or NULL when not given */
	long long ttl;            /* an AS_TTL_* value or seconds */
	int exists;               /* as_policy_exists */
	long long gen;
	bool durable_delete;
	bool respond_all_ops;
	const char *bins;         /* comma-separated bin names */
	bool exists_only;         /* batch --exists */
	long long max;            /* scan --max */
	long long rps;            /* scan --rps */
	bool count_only;          /* scan --count */
	const char *node;         /* info --node */
	bool json;                /* info --json */
	long long concurrency;    /* put - */

	char **pos;               /* positional arguments after the subcommand */
	int n_pos;
	as_client *client;
} cli;

/* A parsed KEY: the as_key borrows bytes (b: keys), freed with cli_key_free(). */
typedef struct cli_key {
	as_key key;
	uint8_t *bytes;
} cli_key;

/* cli_util.c */
int cli_usage_error(const cli *c, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
int cli_fail(const as_error *err);
int cli_fail_msg(const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 1, 2)))
#endif
	;
int cli_connect(cli *c);
int cli_print_json(const cli *c, json_t *j, bool pretty);
void cli_policies(const cli *c, as_policies *p);
void cli_write_policy(const cli *c, as_policy_write *wp);
void cli_record_options(const cli *c, as_record *rec);
bool cli_parse_ll(const char *s, long long min, long long max, long long *out);
bool cli_parse_ttl(const char *s, long long *out);
bool cli_parse_exists(const char *s, int *out);
char **cli_split_bins(const char *list);
json_t *cli_parse_json_arg(const cli *c, const char *what, const char *text, int *rc);

/* cli_key.c. On success *out may hold memory: free it with cli_key_free();
 * on failure it holds none. */
as_status cli_key_parse(const cli *c, const char *ns, const char *set, const char *text, cli_key *out,
                        as_error *err);
as_status cli_key_from_json(const cli *c, const json_t *j, cli_key *out, as_error *err);
void cli_key_free(cli_key *k);
json_t *cli_key_to_json(const as_key *key);

/* cli_cmd.c */
int cli_cmd_put(cli *c);
int cli_cmd_get(cli *c);
int cli_cmd_exists(cli *c);
int cli_cmd_remove(cli *c);
int cli_cmd_touch(cli *c);
int cli_cmd_operate(cli *c);
int cli_cmd_batch(cli *c);
int cli_cmd_scan(cli *c);
int cli_cmd_info(cli *c);
int cli_cmd_nodes(cli *c);
int cli_cmd_stats(cli *c);

/* cli_bulk.c */
int cli_bulk_put(cli *c, FILE *in);

/* cli_cdt.c */
bool cli_cdt_known(const char *op);
/* Add the collection op @p op described by JSON object @p o (element @p i). */
as_status cli_cdt_add_op(as_operations *ops, const json_t *o, const char *op, size_t i, as_error *err);
/* Like as_record_to_json(), but a bin with several results (several ops on
 * it) becomes an array of them, in op order. */
json_t *cli_operate_to_json(const as_record *rec);

/* cli_help.c */
const char *cli_cmd_name(cli_cmd_id id);
cli_cmd_id cli_cmd_lookup(const char *name);
void cli_help(FILE *out, cli_cmd_id id);
const char *cli_cmd_synopsis(cli_cmd_id id);

#endif
