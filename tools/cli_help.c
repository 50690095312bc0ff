/*
 * aerofuture-cli: command names and the --help texts, which are the manual
 * (tools/aerofuture-cli.1 says the same in troff: keep them in step).
 */
#include <string.h>
#include "cli.h"

typedef struct cmd_doc {
	const char *name;
	const char *synopsis;
	const char *summary;
	const char *text;   /* the command's manual, after its synopsis */
} cmd_doc;

static const cmd_doc docs[CLI_CMD_COUNT] = {
	[CLI_CMD_PUT] = {"put", "put KEY BINS_JSON [--ttl N] [--exists ACTION] [--gen N]\n"
	                        "       put - [--concurrency N] [--ttl N] [--exists ACTION]",
	 "write bins to a record, or records from stdin",
	 "Write the bins of the JSON object BINS_JSON to the record KEY, e.g.\n"
	 "  aerofuture-cli put k1 '{\"name\": \"Ann\", \"n\": 1, \"tags\": [\"a\", \"b\"]}'\n"
	 "A null bin deletes that bin. Prints nothing.\n"
	 "\n"
	 "With KEY '-', read newline-delimited JSON from standard input, one record\n"
	 "per line, and write them with many puts in flight:\n"
	 "  {\"key\": \"k1\", \"bins\": {\"n\": 1}}\n"
	 "  {\"key\": 42, \"bins\": {\"n\": 2}, \"ttl\": 3600}\n"
	 "\"key\" is an integer, a string in KEY syntax, or a key object as scan\n"
	 "prints it ({\"ns\", \"set\", \"digest\", \"value\"}; its ns and set are used\n"
	 "unless -n or -s is given), so 'scan | put -' copies records (add\n"
	 "--send-key to store their user keys again). \"ttl\", optional, overrides\n"
	 "--ttl for that line; \"gen\" is ignored. Blank lines are skipped. A bad\n"
	 "line or a failed put is reported on stderr with its line number and the\n"
	 "others go on; the exit status is then 1. When stderr is a terminal, a\n"
	 "progress line shows the records done and the rate.\n"
	 "\n"
	 "Options:\n"
	 "  --ttl N            time to live in seconds; 0 or 'default': the namespace's\n"
	 "                     default; 'never': never expire; 'keep': leave the\n"
	 "                     record's expiry unchanged (updates only)\n"
	 "  --exists ACTION    any (default): create or update; create: fail with\n"
	 "                     AEROSPIKE_ERR_RECORD_EXISTS if it exists; update: fail\n"
	 "                     with not found (exit 2) unless it exists; replace: like\n"
	 "                     update, replacing every bin; create-or-replace:\n"
	 "                     create, or replace every bin\n"
	 "  --gen N            write only if the record's generation is N, else fail\n"
	 "                     with AEROSPIKE_ERR_RECORD_GENERATION\n"
	 "  --concurrency N    put -: puts in flight at once (default 256)\n"},
	[CLI_CMD_GET] = {"get", "get KEY [BIN...]", "read a record",
	 "Read all bins of KEY, or only the BINs named, and print one line:\n"
	 "  {\"gen\":1,\"ttl\":4294967295,\"bins\":{\"name\":\"Ann\",\"n\":1}}\n"
	 "ttl is in seconds; 4294967295 means the record never expires.\n"
	 "Exit status 2 when the record does not exist.\n"},
	[CLI_CMD_EXISTS] = {"exists", "exists KEY", "tell whether a record exists",
	 "Print true and exit 0 when KEY exists; print false and exit 2 when it\n"
	 "does not. Exit 1 (nothing on stdout) on any other error.\n"},
	[CLI_CMD_REMOVE] = {"remove", "remove KEY [--gen N] [--durable-delete]", "delete a record",
	 "Delete KEY. Prints nothing; exit status 2 when it did not exist.\n"
	 "\n"
	 "Options:\n"
	 "  --gen N            delete only if the record's generation is N\n"
	 "  --durable-delete   leave a tombstone (Enterprise servers)\n"},
	[CLI_CMD_TOUCH] = {"touch", "touch KEY [--ttl N]", "reset a record's time to live",
	 "Reset the time to live of KEY (to --ttl, see put, or to the namespace's\n"
	 "default) and bump its generation. Prints {\"gen\":..,\"ttl\":..,\"bins\":{}}.\n"
	 "Exit status 2 when the record does not exist.\n"},
	[CLI_CMD_OPERATE] = {"operate", "operate KEY OPS_JSON [--ttl N] [--exists ACTION] [--gen N]\n"
	                                "       [--respond-all-ops] [--durable-delete]",
	 "apply several operations atomically",
	 "Apply the operations of the JSON array OPS_JSON to KEY atomically and\n"
	 "print the record of the read results (as get does), e.g.\n"
	 "  aerofuture-cli operate k1 '[{\"op\":\"incr\",\"bin\":\"n\",\"value\":1},\n"
	 "                              {\"op\":\"read\",\"bin\":\"n\"}]'\n"
	 "  {\"gen\":2,\"ttl\":4294967295,\"bins\":{\"n\":2}}\n"
	 "Operations (\"op\" member):\n"
	 "  read      read \"bin\" (every bin when \"bin\" is left out)\n"
	 "  read_all  read every bin\n"
	 "  write     set \"bin\" to \"value\" (any JSON value; null deletes the bin)\n"
	 "  incr      add the number \"value\" to \"bin\" (alias: add)\n"
	 "  append    append the string \"value\" to \"bin\"\n"
	 "  prepend   prepend the string \"value\" to \"bin\"\n"
	 "  touch     reset the time to live (see --ttl)\n"
	 "  delete    delete the record\n"
	 "Collection operations: \"op\" is the C function's name without\n"
	 "as_operations_ (list_append, map_get_by_key_range, bit_count, hll_add,\n"
	 "...; every list_*, map_*, bit_* and hll_* adder), \"bin\" is required and\n"
	 "the other members are named after the C parameters:\n"
	 "  value, values, items, index, rank, count, key, keys, begin, end (a\n"
	 "  missing begin/end is nil: from the smallest / to the largest), list,\n"
	 "  byte_size, byte_offset, bit_offset, bit_size, shift, sign, action\n"
	 "  (fail|saturate|wrap), index_bit_count, mh_bit_count, order, pad, flags\n"
	 "  \"return\": none|index|reverse_index|rank|reverse_rank|count|value|exists\n"
	 "    (maps also key|key_value|unordered_map|ordered_map); \"inverted\": true\n"
	 "    selects everything else\n"
	 "  \"order\": unordered|ordered (lists), unordered|key_ordered|\n"
	 "    key_value_ordered (maps)\n"
	 "  \"flags\", \"policy\".\"flags\": a name, an array of names or a number:\n"
	 "    lists add_unique|insert_bounded|no_fail|partial, list_sort\n"
	 "    drop_duplicates, maps create_only|update_only|no_fail|partial, bits\n"
	 "    create_only|update_only|no_fail|partial, bit_resize from_front|\n"
	 "    grow_only|shrink_only, HLL create_only|update_only|no_fail|allow_fold\n"
	 "  \"policy\": {\"order\": O, \"flags\": F} (maps also \"persist_index\")\n"
	 "  bit \"value\" bytes: {\"$bytes\": BASE64} or an array of 0..255\n"
	 "  \"ctx\": the path to a nested list or map, outermost first, e.g.\n"
	 "    [{\"map_key\":\"a\"},{\"list_index\":0}]; steps list_index, list_rank,\n"
	 "    list_value, map_index, map_rank, map_key, map_value, and\n"
	 "    {\"list_index_create\":N,\"order\":O,\"pad\":true},\n"
	 "    {\"map_key_create\":K,\"order\":O} which create what is missing\n"
	 "  e.g. '[{\"op\":\"list_append\",\"bin\":\"l\",\"value\":3},\n"
	 "        {\"op\":\"list_get_by_value\",\"bin\":\"l\",\"value\":3,\"return\":\"index\"}]'\n"
	 "A bin with several results (several operations on it) prints as a JSON\n"
	 "array of them in operation order, e.g. {\"l\":[4,[3]]}.\n"
	 "Exit status 2 when the record does not exist and an operation needs it.\n"
	 "\n"
	 "Options:\n"
	 "  --ttl N, --exists ACTION, --gen N   as for put\n"
	 "  --respond-all-ops  one result per operation (write operations give null)\n"
	 "  --durable-delete   leave a tombstone when the record is deleted\n"},
	[CLI_CMD_BATCH] = {"batch", "batch KEY... [--bins BIN,...] [--exists]\n"
	                            "       batch - [--bins BIN,...] [--exists]",
	 "read many records in one request per node",
	 "Read the records of every KEY (with '-': one KEY per line of standard\n"
	 "input) and print one JSON array, in key order:\n"
	 "  [{\"key\":\"k1\",\"status\":\"AEROSPIKE_OK\",\"record\":{\"gen\":1,...}},\n"
	 "   {\"key\":\"k2\",\"status\":\"AEROSPIKE_ERR_RECORD_NOT_FOUND\",\"record\":null}]\n"
	 "\"key\" is the user key as JSON ({\"$digest\": HEX} for a d: key).\n"
	 "Exit status: 0 when every record was found, 2 when some were not found,\n"
	 "1 when some key failed otherwise (the status of the first on stderr).\n"
	 "\n"
	 "Options:\n"
	 "  --bins BIN,...     read only these bins\n"
	 "  --exists           read no bins: records carry only gen and ttl\n"},
	[CLI_CMD_SCAN] = {"scan", "scan [--bins BIN,...] [--max N] [--rps N] [--count]",
	 "print every record of the namespace or set",
	 "Scan the namespace (-n), or only the set given with -s, and print one\n"
	 "JSON object per record and line (NDJSON), in no particular order:\n"
	 "  {\"gen\":1,\"ttl\":4294967295,\"bins\":{...},\n"
	 "   \"key\":{\"ns\":\"test\",\"set\":\"s\",\"digest\":\"<40 hex>\",\"value\":\"k1\"}}\n"
	 "\"value\" is null unless the record was written with --send-key.\n"
	 "\n"
	 "Options:\n"
	 "  --bins BIN,...     read only these bins\n"
	 "  --max N            stop after N records (0: all)\n"
	 "  --rps N            at most N records per second per node (0: unlimited)\n"
	 "  --count            print only the number of records\n"},
	[CLI_CMD_INFO] = {"info", "info [--node NAME] [--json] REQUEST...",
	 "send info requests to a node",
	 "Send the info REQUESTs (e.g. namespaces, build, statistics,\n"
	 "namespace/test) to one node, the one named by --node or any, and print\n"
	 "the raw reply, one \"name<TAB>value\" line per request.\n"
	 "A reply of ERROR:<code>:<message> makes the command fail (exit 1).\n"
	 "\n"
	 "Options:\n"
	 "  --node NAME        the node to ask (names as 'nodes' prints them)\n"
	 "  --json             print {\"request\": \"value\", ...} instead\n"},
	[CLI_CMD_NODES] = {"nodes", "nodes", "list the nodes of the cluster",
	 "Print the names of the nodes the client knows, as a JSON array.\n"},
	[CLI_CMD_STATS] = {"stats", "stats", "print the client's statistics",
	 "Connect, then print the client's statistics as indented JSON: per event\n"
	 "loop (commands in process, queued) and per node (connections open, in use,\n"
	 "opened, closed; commands, errors, timeouts, retries).\n"},
	[CLI_CMD_HELP] = {"help", "help [COMMAND]", "print this text, or a command's manual",
	 "Print the general help, or the manual of COMMAND (as COMMAND --help does).\n"},
};

const char *cli_cmd_name(cli_cmd_id id)
{
	return id > CLI_CMD_NONE && id < CLI_CMD_COUNT ? docs[id].name : "";
}

const char *cli_cmd_synopsis(cli_cmd_id id)
{
	return id > CLI_CMD_NONE && id < CLI_CMD_COUNT ? docs[id].synopsis : "COMMAND [ARGS...]";
}

cli_cmd_id cli_cmd_lookup(const char *name)
{
	for (int i = CLI_CMD_NONE + 1; i < CLI_CMD_COUNT; i++)
		if (strcmp(docs[i].name, name) == 0)
			return (cli_cmd_id)i;
	return CLI_CMD_NONE;
}

static const char global_text[] =
	"Options (anywhere on the line; the command's own options after it):\n"
	"  -h, --host HOST[:PORT]  seed node; repeat it or give a comma-separated\n"
	"                          list; [ADDR]:PORT for IPv6 (default 127.0.0.1:3000).\n"
	"                          Note: -h is --host, not help.\n"
	"  -n, --namespace NS      namespace (default test)\n"
	"  -s, --set SET           set (default: none)\n"
	"  --timeout MS            whole-command deadline in milliseconds, retries\n"
	"                          included; 0 for none (default 1000, scan: none)\n"
	"  --send-key              send the user key with commands; writes store it\n"
	"  --int-key               read KEYs without a prefix as integers\n"
	"  --pretty                indent JSON output\n"
	"  --help                  this text; after a command, its manual\n"
	"  --version               print the version\n"
	"  --                      end of options (for a KEY starting with '-')\n";

static const char keys_text[] =
	"KEY: a string, unless it starts with a type prefix:\n"
	"  s:TEXT   the string TEXT (for strings that start with a prefix)\n"
	"  i:N      the 64-bit integer N (or any KEY without a prefix with --int-key)\n"
	"  b:HEX    bytes, as pairs of hex digits, e.g. b:00ff10\n"
	"  d:HEX    a digest alone, 40 hex digits (as scan prints it)\n";

static const char values_text[] =
	"Values in JSON: null, integers, reals, booleans, strings, arrays (lists)\n"
	"and objects (maps with string keys). Tagged objects carry the rest:\n"
	"  {\"$bytes\": \"<base64>\"}, {\"$geojson\": \"<GeoJSON>\"},\n"
	"  {\"$map\": [[key, value], ...]} (maps with other keys),\n"
	"  {\"$double\": \"nan\"|\"inf\"|\"-inf\"}, {\"$rawstring\": \"<base64>\"}.\n"
	"1.0 is a double, 1 an integer.\n";

static const char exit_text[] =
	"Exit status:\n"
	"  0  success\n"
	"  2  record not found (get, exists, remove, touch, operate, put with\n"
	"     --exists update/replace; batch: some key not found)\n"
	"  1  any other error: \"" CLI_NAME ": STATUS_NAME: message\" on stderr,\n"
	"     e.g. " CLI_NAME ": AEROSPIKE_ERR_RECORD_EXISTS: ...; also bad\n"
	"     usage (unknown command or option, bad JSON): a usage message\n";

static void help_main(FILE *out)
{
	fprintf(out, "Usage: %s [OPTIONS] COMMAND [ARGS...] [COMMAND OPTIONS]\n\n", CLI_NAME);
	fputs("A JSON command-line client for Aerospike, built on aerofuture.\n"
	      "Bins are given and printed as JSON.\n\nCommands:\n", out);
	for (int i = CLI_CMD_NONE + 1; i < CLI_CMD_COUNT; i++)
		fprintf(out, "  %-9s %s\n", docs[i].name, docs[i].summary);
	fputc('\n', out);
	fputs(global_text, out);
	fputc('\n', out);
	fputs(keys_text, out);
	fputc('\n', out);
	fputs(values_text, out);
	fputc('\n', out);
	fputs(exit_text, out);
	fprintf(out, "\nExamples:\n"
	             "  %s put k1 '{\"n\": 1}' --ttl 3600\n"
	             "  %s -h 10.0.0.5:3000 -s users get k1\n"
	             "  %s operate k1 '[{\"op\":\"incr\",\"bin\":\"n\",\"value\":1},{\"op\":\"read\",\"bin\":\"n\"}]'\n"
	             "  %s scan -s users | %s -n backup put -\n"
	             "\nRun '%s COMMAND --help' for a command's manual.\n",
	        CLI_NAME, CLI_NAME, CLI_NAME, CLI_NAME, CLI_NAME, CLI_NAME);
}

void cli_help(FILE *out, cli_cmd_id id)
{
	if (id <= CLI_CMD_NONE || id >= CLI_CMD_COUNT) {
		help_main(out);
		return;
	}
	fprintf(out, "Usage: %s [OPTIONS] %s\n\n%s\n", CLI_NAME, docs[id].synopsis, docs[id].text);
	if (id != CLI_CMD_HELP && id != CLI_CMD_NODES && id != CLI_CMD_STATS && id != CLI_CMD_INFO)
		fprintf(out, "%s\n", keys_text);
	fprintf(out, "Global options (-h, -n, -s, --timeout, ...): see '%s --help'.\n", CLI_NAME);
}
