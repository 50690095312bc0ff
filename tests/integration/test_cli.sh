#!/bin/sh
# aerofuture-cli end to end against a fresh minispike: exit codes, stdout
# (exact JSON where the order is fixed) and stderr of every command.
# CLI_WRAPPER runs the tool under another program, e.g.
#   CLI_WRAPPER="$AS_BUILDDIR/libtool --mode=execute valgrind -q --error-exitcode=99"
set -u
top=${AS_BUILDDIR:-.}
srcdir=${srcdir:-.}

# Re-run this script under a minispike of its own.
if [ -z "${CLI_TEST_PORT:-}" ]; then
	exec "$srcdir/scripts/with-minispike.sh" "$top/server/minispike" \
		sh -c 'CLI_TEST_PORT=$MINISPIKE_PORT; export CLI_TEST_PORT; exec sh "$0"' "$0"
fi

cli="$top/tools/aerofuture-cli"
host="127.0.0.1:$CLI_TEST_PORT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "PASS: $1"; }
ko() {
	fail=$((fail + 1)); echo "FAIL: $1: $2"
	echo "  stdout: $(head -c 600 "$tmp/out")"; echo "  stderr: $(head -c 600 "$tmp/err")"
}

# run ARGS...: the tool against minispike; stdout, stderr and status kept.
run() {
	# shellcheck disable=SC2086
	${CLI_WRAPPER:-} "$cli" -h "$host" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
# run_in FILE ARGS...: the same with stdin from FILE.
run_in() {
	input=$1; shift
	# shellcheck disable=SC2086
	${CLI_WRAPPER:-} "$cli" -h "$host" "$@" >"$tmp/out" 2>"$tmp/err" <"$input"
	rc=$?
}

# expect NAME RC STDOUT ARGS...: exit status and exact stdout ("" for none).
expect() {
	name=$1 want_rc=$2 want_out=$3; shift 3
	run "$@"
	if [ "$rc" -ne "$want_rc" ]; then ko "$name" "exit $rc, expected $want_rc"; return; fi
	if [ "$(cat "$tmp/out")" != "$want_out" ]; then ko "$name" "expected stdout $want_out"; return; fi
	ok "$name"
}

# expect_err NAME RC STDERR_SUBSTRING ARGS...: exit status, nothing on stdout,
# and the substring on stderr.
expect_err() {
	name=$1 want_rc=$2 want_err=$3; shift 3
	run "$@"
	if [ "$rc" -ne "$want_rc" ]; then ko "$name" "exit $rc, expected $want_rc"; return; fi
	if [ -s "$tmp/out" ]; then ko "$name" "unexpected stdout"; return; fi
	if ! grep -qF -- "$want_err" "$tmp/err"; then ko "$name" "stderr lacks '$want_err'"; return; fi
	ok "$name"
}

# check_py NAME CODE: python3 CODE over stdout must exit 0 (after a run with status 0).
check_py() {
	name=$1 code=$2
	if [ "$rc" -ne 0 ]; then ko "$name" "exit $rc"; return; fi
	if ! python3 -c "$code" <"$tmp/out" >"$tmp/py" 2>&1; then ko "$name" "$(cat "$tmp/py")"; return; fi
	ok "$name"
}

nf=AEROSPIKE_ERR_RECORD_NOT_FOUND

# --- help and usage (no server needed, but must not crash) ---------------
run --help
if [ $rc -eq 0 ] && grep -q '^Usage: aerofuture-cli' "$tmp/out" &&
	[ "$(grep -cE '^  (put|get|exists|remove|touch|operate|batch|scan|info|nodes|stats|help) ' "$tmp/out")" -eq 12 ]; then
	ok "--help lists every command"
else ko "--help lists every command" "exit $rc"; fi
for c in put get exists remove touch operate batch scan info nodes stats; do
	run "$c" --help
	if [ $rc -eq 0 ] && grep -q "^Usage: aerofuture-cli \[OPTIONS\] $c" "$tmp/out"; then ok "$c --help"
	else ko "$c --help" "exit $rc"; fi
done
run help operate
if [ $rc -eq 0 ] && grep -q 'read_all' "$tmp/out"; then ok "help operate"; else ko "help operate" "exit $rc"; fi
run --version
if [ $rc -eq 0 ] && grep -q '^aerofuture-cli ' "$tmp/out"; then ok "--version"; else ko "--version" "exit $rc"; fi

expect_err "no command" 1 "usage: aerofuture-cli"
expect_err "unknown command" 1 "unknown command 'frob'" frob
expect_err "unknown option" 1 "unknown option '--frob'" get k --frob
expect_err "option of another command" 1 "get does not take option '--bins'" get k --bins a
expect_err "command option before command" 1 "belongs after its command" --ttl 5 put k '{}'
expect_err "option without value" 1 "needs a value" get k --timeout
expect_err "bad --timeout" 1 "bad --timeout" --timeout x get k
expect_err "bad --ttl" 1 "bad --ttl" put k '{"a":1}' --ttl soon
expect_err "bad --exists" 1 "bad --exists" put k '{"a":1}' --exists maybe
expect_err "bad JSON" 1 "BINS is not valid JSON" put k '{"a":'
expect_err "bins not an object" 1 "bad BINS" put k '[1]'
expect_err "bad bin name" 1 "bad BINS" put k '{"a_name_much_too_long": 1}'
expect_err "put without bins" 1 "usage: aerofuture-cli [OPTIONS] put" put k
expect_err "get without key" 1 "get needs a KEY" get
expect_err "exists extra argument" 1 "too many arguments" exists a b
expect_err "bad integer key" 1 "bad KEY" get i:12x
expect_err "bad --int-key key" 1 "bad KEY" --int-key get abc
expect_err "bad bytes key" 1 "bad KEY" get b:0
expect_err "bad digest key" 1 "bad KEY" get d:00ff
expect_err "bad OPS JSON" 1 "OPS is not valid JSON" operate k '[{'
expect_err "unknown op" 1 'unknown op "frob"' operate k '[{"op":"frob","bin":"a"}]'
expect_err "op without value" 1 "incr needs \"value\"" operate k '[{"op":"incr","bin":"a"}]'
expect_err "empty OPS" 1 "non-empty array" operate k '[]'
expect_err "batch --bins and --exists" 1 "exclude each other" batch k --bins a --exists
expect_err "scan positional" 1 "too many arguments" scan extra
expect_err "info without request" 1 "info needs" info
expect_err "put - with an argument" 1 "put - takes no other argument" put - '{"a":1}'
expect_err "--concurrency without -" 1 "applies to 'put -' only" put k '{"a":1}' --concurrency 4

# --- single records -------------------------------------------------------
expect "put" 0 "" put k1 '{"name":"Ann","n":1,"d":1.5,"ok":true,"l":[1,"x"],"m":{"a":{"b":2}}}'
expect "get" 0 '{"gen":1,"ttl":4294967295,"bins":{"name":"Ann","n":1,"d":1.5,"ok":true,"l":[1,"x"],"m":{"a":{"b":2}}}}' get k1
expect "get BIN..." 0 '{"gen":1,"ttl":4294967295,"bins":{"n":1,"name":"Ann"}}' get k1 n name
expect "get --pretty" 0 '{
  "gen": 1,
  "ttl": 4294967295,
  "bins": {
    "n": 1
  }
}' --pretty get k1 n
expect_err "get missing: exit 2" 2 "aerofuture-cli: $nf: " get nope
expect "exists" 0 true exists k1
expect "exists missing: false, exit 2" 2 false exists nope
expect_err "put --exists create on a record: exit 1" 1 "aerofuture-cli: AEROSPIKE_ERR_RECORD_EXISTS: " \
	put k1 '{"n":2}' --exists create
expect_err "put --exists update on no record: exit 2" 2 "$nf" put nope '{"n":2}' --exists update
expect_err "put --gen mismatch" 1 "AEROSPIKE_ERR_RECORD_GENERATION" put k1 '{"n":2}' --gen 7
expect "put --gen match" 0 "" put k1 '{"n":2}' --gen 1
expect "put --exists replace" 0 "" put k1 '{"n":3,"s":"b"}' --exists replace
expect "replace dropped other bins" 0 '{"gen":3,"ttl":4294967295,"bins":{"n":3,"s":"b"}}' get k1
expect "put with --ttl" 0 "" put kt '{"n":1}' --ttl 1000
run get kt
check_py "get shows ttl" 'import json,sys; r=json.load(sys.stdin); assert 990 <= r["ttl"] <= 1000, r'
run touch k1 --ttl 100
check_py "touch" 'import json,sys; r=json.load(sys.stdin); assert r["gen"]==4 and 95<=r["ttl"]<=100 and r["bins"]=={}, r'
expect_err "touch missing: exit 2" 2 "$nf" touch nope
expect "operate" 0 '{"gen":5,"ttl":4294967295,"bins":{"n":13,"s":"abc"}}' \
	operate k1 '[{"op":"incr","bin":"n","value":10},{"op":"read","bin":"n"},{"op":"append","bin":"s","value":"c"},{"op":"prepend","bin":"s","value":"a"},{"op":"read","bin":"s"}]'
expect "operate write" 0 '{"gen":6,"ttl":4294967295,"bins":{}}' \
	operate k1 '[{"op":"write","bin":"w","value":[1,{"$bytes":"AQI="}]}]'
expect "operate read_all" 0 '{"gen":6,"ttl":4294967295,"bins":{"n":13,"s":"abc","w":[1,{"$bytes":"AQI="}]}}' \
	operate k1 '[{"op":"read_all"}]'
expect "operate read without bin" 0 '{"gen":6,"ttl":4294967295,"bins":{"n":13,"s":"abc","w":[1,{"$bytes":"AQI="}]}}' \
	operate k1 '[{"op":"read"}]'
expect "operate --respond-all-ops" 0 '{"gen":7,"ttl":4294967295,"bins":{"n":[null,14]}}' \
	operate k1 '[{"op":"incr","bin":"n","value":1},{"op":"read","bin":"n"}]' --respond-all-ops
expect "operate --gen mismatch" 1 "" operate k1 '[{"op":"touch"}]' --gen 1
expect "operate incr double" 0 '{"gen":1,"ttl":4294967295,"bins":{"f":2.5}}' \
	operate kf '[{"op":"incr","bin":"f","value":2.5},{"op":"read","bin":"f"}]'
expect_err "operate wrong type" 1 "AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE" \
	operate k1 '[{"op":"incr","bin":"s","value":1}]'
expect_err "operate --exists update on no record: exit 2" 2 "$nf" \
	operate nope '[{"op":"write","bin":"a","value":1}]' --exists update
run operate kf '[{"op":"delete"}]'
check_py "operate delete" 'import json,sys; r=json.load(sys.stdin); assert r["bins"]=={}, r'
expect "deleted by operate" 2 false exists kf

# --- key syntax -----------------------------------------------------------
expect "integer key i:" 0 "" put i:42 '{"v":"int"}'
expect "--int-key reads the same record" 0 '{"gen":1,"ttl":4294967295,"bins":{"v":"int"}}' --int-key get 42
expect "string '42' is another record" 2 false exists 42
expect "negative integer key" 0 "" --int-key put -7 '{"v":-7}'
expect "negative integer key read" 0 '{"gen":1,"ttl":4294967295,"bins":{"v":-7}}' get i:-7
expect "bytes key b:" 0 "" put b:00ff10 '{"v":"bytes"}'
expect "bytes key read" 0 '{"gen":1,"ttl":4294967295,"bins":{"v":"bytes"}}' get b:00FF10
expect "s: prefix" 0 "" put s:i:1 '{"v":"s"}'
expect "s: key is the string after the prefix" 0 true exists -- s:i:1
expect "set -s" 0 "" -s other put k1 '{"v":"other set"}'
expect "set -s read" 0 '{"gen":1,"ttl":4294967295,"bins":{"v":"other set"}}' -s other get k1
run -s other --send-key scan
digest=$(sed -n 's/.*"digest":"\([0-9a-f]*\)".*/\1/p' "$tmp/out")
expect "digest key d:" 0 '{"gen":1,"ttl":4294967295,"bins":{"v":"other set"}}' -s other get "d:$digest"
expect_err "unknown namespace" 1 "AEROSPIKE_ERR_NAMESPACE_NOT_FOUND" -n nosuch get k1

# --- batch ----------------------------------------------------------------
expect "batch with a missing key: exit 2" 2 \
	'[{"key":"k1","status":"AEROSPIKE_OK","record":{"gen":7,"ttl":4294967295,"bins":{"n":14,"s":"abc","w":[1,{"$bytes":"AQI="}]}}},{"key":"nope","status":"AEROSPIKE_ERR_RECORD_NOT_FOUND","record":null},{"key":42,"status":"AEROSPIKE_OK","record":{"gen":1,"ttl":4294967295,"bins":{"v":"int"}}}]' \
	batch k1 nope i:42
expect "batch --bins" 0 \
	'[{"key":"k1","status":"AEROSPIKE_OK","record":{"gen":7,"ttl":4294967295,"bins":{"n":14}}},{"key":{"$bytes":"AP8Q"},"status":"AEROSPIKE_OK","record":{"gen":1,"ttl":4294967295,"bins":{}}}]' \
	batch k1 b:00ff10 --bins n
expect "batch --exists" 2 \
	'[{"key":"nope","status":"AEROSPIKE_ERR_RECORD_NOT_FOUND","record":null},{"key":"k1","status":"AEROSPIKE_OK","record":{"gen":7,"ttl":4294967295,"bins":{}}}]' \
	batch nope k1 --exists
printf 'k1\n\ni:42\n' >"$tmp/keys"
run_in "$tmp/keys" batch - --exists
check_py "batch - reads KEYs from stdin" 'import json,sys; a=json.load(sys.stdin); assert [r["status"] for r in a]==["AEROSPIKE_OK"]*2 and a[1]["key"]==42, a'

# --- bulk put, scan -------------------------------------------------------
python3 -c '
import json
for i in range(3000):
    print(json.dumps({"key": "u%d" % i if i % 2 else i, "bins": {"i": i, "s": "x" * (i % 7)}}))
' >"$tmp/bulk.ndjson"
run_in "$tmp/bulk.ndjson" -s bulk put - --concurrency 64
if [ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then ok "put - (3000 lines)"; else ko "put - (3000 lines)" "exit $rc"; fi
expect "scan --count after put -" 0 3000 -s bulk scan --count
run -s bulk scan
check_py "scan prints one record per line" '
import sys, json
recs = [json.loads(l) for l in sys.stdin]
assert len(recs) == 3000, len(recs)
assert sorted(r["bins"]["i"] for r in recs) == list(range(3000))
assert all(r["key"]["set"] == "bulk" and len(r["key"]["digest"]) == 40 for r in recs)
assert all(r["bins"]["s"] == "x" * (r["bins"]["i"] % 7) for r in recs)'
run -s bulk scan --max 10
check_py "scan --max" 'import sys; n=sum(1 for _ in sys.stdin); assert n == 10, n'
run -s bulk scan --bins s --max 5
check_py "scan --bins" 'import sys,json; assert all(list(json.loads(l)["bins"]) == ["s"] for l in sys.stdin)'
expect "get a bulk record" 0 '{"gen":1,"ttl":4294967295,"bins":{"i":7,"s":""}}' -s bulk get u7
expect "get a bulk record (integer key)" 0 '{"gen":1,"ttl":4294967295,"bins":{"i":8,"s":"x"}}' -s bulk get i:8

printf '%s\n' '{"key":"a","bins":{"x":1}}' 'not json' '{"key":"b"}' '' \
	'{"key":"c","bins":{"x":2},"ttl":500}' '{"key":"d","bins":{"x":3},"extra":1}' \
	'{"key":{"ns":"a-namespace-name-that-is-far-too-long","value":{"$bytes":"AAEC"}},"bins":{"x":4}}' \
	>"$tmp/bad.ndjson"
# Line 7's key is refused after its bytes were decoded (leak-checked under ASan).
run_in "$tmp/bad.ndjson" -s mixed put -
if [ $rc -eq 1 ] && grep -q '^aerofuture-cli: line 2: bad JSON' "$tmp/err" && grep -q '^aerofuture-cli: line 3: ' "$tmp/err" &&
	grep -q '^aerofuture-cli: line 6: unexpected member "extra"' "$tmp/err" &&
	grep -q '^aerofuture-cli: line 7: .*namespace' "$tmp/err" &&
	grep -q '4 of 6 records failed' "$tmp/err"; then
	ok "put - reports bad lines, exit 1"
else ko "put - reports bad lines, exit 1" "exit $rc"; fi
expect "put - wrote the good lines" 0 2 -s mixed scan --count
printf '%s\n' '{"key":"k1","bins":{"n":1}}' >"$tmp/one.ndjson"
run_in "$tmp/one.ndjson" put - --exists create
if [ $rc -eq 1 ] && grep -q 'line 1: AEROSPIKE_ERR_RECORD_EXISTS' "$tmp/err"; then ok "put - server error names the line"
else ko "put - server error names the line" "exit $rc"; fi

# scan | put - copies a set, to another namespace with -n.
run -s bulk --send-key scan --max 100
cp "$tmp/out" "$tmp/copy.ndjson"
run_in "$tmp/copy.ndjson" -n bar put -
if [ $rc -eq 0 ]; then ok "scan | put -n bar -"; else ko "scan | put -n bar -" "exit $rc"; fi
expect "copy landed in bar, same set" 0 100 -n bar -s bulk scan --count

# --- remove ---------------------------------------------------------------
expect "remove" 0 "" remove k1
expect_err "remove again: exit 2" 2 "$nf" remove k1
expect_err "remove --gen mismatch" 1 "AEROSPIKE_ERR_RECORD_GENERATION" remove i:42 --gen 9
expect "remove --gen match" 0 "" remove i:42 --gen 1

# --- info, nodes, stats ---------------------------------------------------
expect "info" 0 "namespaces	test;bar" info namespaces
expect "info --json, two requests" 0 '{"namespaces":"test;bar","cluster-name":"minispike"}' \
	info --json namespaces cluster-name
run nodes
check_py "nodes" 'import json,sys; a=json.load(sys.stdin); assert len(a)==1 and isinstance(a[0], str), a'
node=$(sed 's/^\["\(.*\)"\]$/\1/' "$tmp/out")
expect "info --node" 0 "namespaces	test;bar" info --node "$node" namespaces
expect_err "info --node unknown" 1 "AEROSPIKE_ERR_INVALID_NODE" info --node NOSUCHNODE namespaces
run stats
check_py "stats" 'import json,sys; s=json.load(sys.stdin); assert len(s["loops"])>=1 and len(s["nodes"])==1 and "connections" in s["nodes"][0], s'

# --- operate: list, map, bit and HLL operations ------------------------------
expect "list ops, several results per bin" 0 '{"gen":1,"ttl":4294967295,"bins":{"l":[1,4,4,[3,3],[1,2]]}}' \
	operate cl '[{"op":"list_append","bin":"l","value":3},{"op":"list_append_items","bin":"l","items":[1,2,3]},{"op":"list_size","bin":"l"},{"op":"list_get_by_rank_range_to_end","bin":"l","rank":2,"return":"value"},{"op":"list_get_by_value","bin":"l","value":3,"return":"index","inverted":true}]'
expect "list single result" 0 '{"gen":2,"ttl":4294967295,"bins":{"l":[[2],[3,1]]}}' \
	operate cl '[{"op":"list_remove_by_value_range","bin":"l","begin":2,"end":3,"return":"value"},{"op":"list_get_range","bin":"l","index":0,"count":2}]'
expect "list sort + return count" 0 '{"gen":3,"ttl":4294967295,"bins":{"l":1}}' \
	operate cl '[{"op":"list_sort","bin":"l","flags":["drop_duplicates"]},{"op":"list_get_by_value_list","bin":"l","values":[1,9],"return":"count"}]'
expect_err "list add_unique: 24" 1 "AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS" \
	operate cl '[{"op":"list_append","bin":"l","value":1,"policy":{"flags":"add_unique"}}]'
expect "list ctx create" 0 '{"gen":1,"ttl":4294967295,"bins":{"l":[1,2,[5,2]]}}' \
	operate cc '[{"op":"list_append","bin":"l","ctx":[{"list_index_create":0,"order":"unordered"}],"value":5},{"op":"list_append","bin":"l","ctx":[{"list_index":0}],"value":2},{"op":"list_get","bin":"l","index":0}]'
expect "map ops, ordered map" 0 '{"gen":1,"ttl":4294967295,"bins":{"m":[3,{"a":1,"b":2},"c",2]}}' \
	operate cm '[{"op":"map_put_items","bin":"m","items":{"c":3,"a":1,"b":2},"policy":{"order":"key_ordered"}},{"op":"map_get_by_key_range","bin":"m","begin":"a","end":"c","return":"key_value"},{"op":"map_get_by_rank","bin":"m","rank":-1,"return":"key"},{"op":"map_get_by_index","bin":"m","index":1,"return":"value"}]'
expect "map increment, remove inverted" 0 '{"gen":2,"ttl":4294967295,"bins":{"m":[13,{"a":1,"b":2}]}}' \
	operate cm '[{"op":"map_increment","bin":"m","key":"c","value":10},{"op":"map_remove_by_key_list","bin":"m","keys":["c"],"return":"key_value","inverted":true}]'
# The create order is that of the map the step indexes (here the bin), as on the real server.
expect "map ctx key_create" 0 '{"gen":1,"ttl":4294967295,"bins":{"n":[1,2,2,{"b":0,"x":{"z":1,"a":2}}]}}' \
	operate cn '[{"op":"map_put","bin":"n","ctx":[{"map_key_create":"x","order":"key_ordered"}],"key":"z","value":1},{"op":"map_put","bin":"n","ctx":[{"map_key":"x"}],"key":"a","value":2},{"op":"map_put","bin":"n","key":"b","value":0},{"op":"read","bin":"n"}]'
expect_err "map create_only: 24" 1 "AEROSPIKE_ERR_FAIL_ELEMENT_EXISTS" \
	operate cm '[{"op":"map_put","bin":"m","key":"c","value":1,"policy":{"flags":"create_only"}}]'
expect_err "map op on a list bin: 12" 1 "AEROSPIKE_ERR_BIN_INCOMPATIBLE_TYPE" \
	operate cl '[{"op":"map_size","bin":"l"}]'
expect_err "cdt unknown op" 1 'unknown op "list_frob"' operate cl '[{"op":"list_frob","bin":"l"}]'
expect_err "cdt missing member" 1 'list_append needs "value"' operate cl '[{"op":"list_append","bin":"l"}]'
expect_err "cdt missing bin" 1 'map_size needs "bin"' operate cl '[{"op":"map_size"}]'
expect_err "cdt wrong type" 1 'list_get_by_index: "index" must be an integer' \
	operate cl '[{"op":"list_get_by_index","bin":"l","index":"1","return":"value"}]'
expect_err "cdt missing return" 1 'list_get_by_index needs "return"' \
	operate cl '[{"op":"list_get_by_index","bin":"l","index":1}]'
expect_err "cdt map-only return on a list" 1 'list_get_by_index: unknown "return" "key_value"' \
	operate cl '[{"op":"list_get_by_index","bin":"l","index":1,"return":"key_value"}]'
expect_err "cdt unexpected member" 1 'list_size: unexpected member "value"' \
	operate cl '[{"op":"list_size","bin":"l","value":1}]'
expect_err "cdt bad ctx step" 1 'ctx[1]: unknown step "list_key"' \
	operate cl '[{"op":"list_size","bin":"l","ctx":[{"list_index":0},{"list_key":1}]}]'
expect_err "cdt bad policy flag" 1 'unknown "policy.flags" "nope"' \
	operate cl '[{"op":"list_append","bin":"l","value":1,"policy":{"flags":["nope"]}}]'
expect_err "cdt bad order" 1 'unknown "order" "sorted"' operate cl '[{"op":"list_set_order","bin":"l","order":"sorted"}]'
expect_err "bit missing member" 1 'bit_count needs "bit_size"' operate cb '[{"op":"bit_count","bin":"b","bit_offset":0}]'
expect_err "bit bad bytes" 1 'bit_set: "value"[1] is not a byte' \
	operate cb '[{"op":"bit_set","bin":"b","bit_offset":0,"bit_size":16,"value":[1,256]}]'
expect_err "bit bad action" 1 'unknown "action" "clip"' \
	operate cb '[{"op":"bit_add","bin":"b","bit_offset":0,"bit_size":8,"value":1,"action":"clip"}]'
expect_err "bit bad resize flag" 1 'unknown "flags" "sideways"' \
	operate cb '[{"op":"bit_resize","bin":"b","byte_size":4,"flags":"sideways"}]'
expect_err "hll list not an array" 1 'hll_add: "list" must be an array' operate ch '[{"op":"hll_add","bin":"h","list":"x"}]'
expect_err "hll bit count refused" 1 'ops[0]: hll_init: ' operate ch '[{"op":"hll_init","bin":"h","index_bit_count":99}]'
expect_err "hll missing member" 1 'hll_fold needs "index_bit_count"' operate ch '[{"op":"hll_fold","bin":"h"}]'
# HLL against minispike: three distinct values, then create_only on the bin (6).
expect "hll add, count, describe" 0 '{"gen":1,"ttl":4294967295,"bins":{"h":[3,3,[8,0]]}}' \
	operate chl '[{"op":"hll_add","bin":"h","list":["a","b","c","a"],"index_bit_count":8},{"op":"hll_get_count","bin":"h"},{"op":"hll_describe","bin":"h"}]'
expect_err "hll_init create_only on an HLL bin" 1 "AEROSPIKE_ERR_BIN_EXISTS" \
	operate chl '[{"op":"hll_init","bin":"h","index_bit_count":8,"policy":{"flags":"create_only"}}]'
# Well-formed bit and HLL ops get past parsing to the server (whatever it answers).
for ops in '[{"op":"bit_resize","bin":"b","byte_size":2,"policy":{"flags":["create_only"]}},{"op":"bit_set","bin":"b","bit_offset":0,"bit_size":8,"value":{"$bytes":"/w=="}},{"op":"bit_count","bin":"b","bit_offset":0,"bit_size":16},{"op":"bit_get_int","bin":"b","bit_offset":0,"bit_size":8,"sign":true},{"op":"bit_lscan","bin":"b","bit_offset":0,"bit_size":16,"value":true}]' \
	'[{"op":"hll_add","bin":"h","list":["a","b"],"index_bit_count":8},{"op":"hll_get_count","bin":"h"},{"op":"hll_describe","bin":"h"}]'; do
	run operate cbh "$ops"
	if grep -q 'bad OPS\|usage:' "$tmp/err"; then ko "bit/HLL ops parse: $ops" "refused"; else ok "bit/HLL ops parse"; fi
done
# Every list, map, bit and HLL adder of the public headers is an op name.
unknown=""
for n in $(grep -ohE 'as_operations_(list|map|bit|hll)_[a-z_]+\(' "$srcdir"/include/aerofuture/*_operations.h |
	sed 's/as_operations_//; s/(//' | sort -u); do
	run operate sweep "[{\"op\":\"$n\",\"bin\":\"x\"}]"
	if [ $rc -gt 2 ] || grep -q 'unknown op' "$tmp/err"; then unknown="$unknown $n"; fi
done
if [ -z "$unknown" ]; then ok "every collection adder is an op"; else ko "every collection adder is an op" "$unknown"; fi
run help operate
if grep -q 'map_get_by_key_range' "$tmp/out" && grep -q 'list_index_create' "$tmp/out"; then ok "help operate: collection ops"
else ko "help operate: collection ops" "not documented"; fi

# --- connection errors ----------------------------------------------------
run_closed() {
	# shellcheck disable=SC2086
	${CLI_WRAPPER:-} "$cli" -h "$1" --timeout 300 get k1 >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
run_closed 127.0.0.1:1
if [ $rc -eq 1 ] && grep -q '^aerofuture-cli: AEROSPIKE_ERR_[A-Z_]*: ' "$tmp/err"; then ok "closed port: exit 1 with status"
else ko "closed port: exit 1 with status" "exit $rc"; fi
run_closed nosuchhost.invalid
if [ $rc -eq 1 ] && grep -q '^aerofuture-cli: AEROSPIKE_ERR_[A-Z_]*: ' "$tmp/err"; then ok "unknown host: exit 1 with status"
else ko "unknown host: exit 1 with status" "exit $rc"; fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
