#!/bin/sh
# aerofuture-bench end to end: short runs against the minispike it starts
# itself, checking that the --json summary is complete and consistent.
set -u
top=${AS_BUILDDIR:-.}
bench=$top/tools/aerofuture-bench
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
[ -x "$bench" ] || { echo "FAIL: $bench not built"; exit 1; }
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# check NAME OPS EXPECTED_THREADS [bench options...]
check() {
	name=$1; ops=$2; threads=$3; shift 3
	if ! "$bench" --json -q -n "$ops" "$@" >"$out"; then
		echo "FAIL: $name: aerofuture-bench $* exited non-zero"; fail=1; return
	fi
	if python3 - "$out" "$ops" "$threads" <<'PY'
import json, sys
path, ops, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
text = open(path).read()
r = json.loads(text)  # stdout must be exactly one JSON object
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)
for k in ("workload", "in_flight", "threads", "loops", "ops", "ops_per_sec", "errors",
          "timeouts", "latency_us", "cpu_us_per_op", "duration_s"):
    need(k in r, "missing field " + k)
if not problems:
    lat = r["latency_us"]
    for k in ("p50", "p90", "p99", "p999", "max"):
        need(k in lat, "missing latency_us." + k)
    need(r["ops"] == ops, "ops %r != %d" % (r["ops"], ops))
    need(isinstance(r["errors"], dict) and sum(r["errors"].values()) == 0, "errors %r" % r["errors"])
    need(r["timeouts"] == 0, "timeouts %r" % r["timeouts"])
    need(r["threads"] == threads, "threads %r != %d" % (r["threads"], threads))
    need(r["ops_per_sec"] > 0, "ops_per_sec %r" % r["ops_per_sec"])
    need(r["duration_s"] > 0, "duration_s %r" % r["duration_s"])
    need(r["cpu_us_per_op"] > 0, "cpu_us_per_op %r" % r["cpu_us_per_op"])
    if not [p for p in problems if p.startswith("missing")]:
        need(0 < lat["p50"] <= lat["p90"] <= lat["p99"] <= lat["p999"] <= lat["max"],
             "latency not ordered: %r" % lat)
        # ops/s and duration must agree
        need(abs(r["ops_per_sec"] * r["duration_s"] - r["ops"]) <= 0.02 * r["ops"] + 1,
             "ops_per_sec * duration_s != ops")
for p in problems:
    print("  " + p)
if problems:
    print("  output: " + text.strip())
sys.exit(1 if problems else 0)
PY
	then
		echo "PASS: $name"
	else
		echo "FAIL: $name"; fail=1
	fi
}

check "get" 2000 0 -w get --keys 1000
check "put" 2000 0 -w put
check "get --threads 2" 2000 2 -w get --keys 1000 --threads 2
check "mixed --raw" 2000 0 -w mixed,80 --keys 1000 --raw
check "operate, 2 loops, pipeline 4" 2000 0 -w operate --loops 2 --pipeline 4
check "list (list_append + list_size)" 2000 0 -w list --keys 100
check "map (map_increment + map_get_by_key), 2 threads" 2000 2 -w map --keys 100 --threads 2
for w in list map; do
	if "$bench" --json -q -n 200 -w $w --keys 10 >"$out" &&
		python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(r["workload"] != sys.argv[2] or r["errors_total"] != 0)' "$out" $w
	then echo "PASS: -w $w named in the summary"; else echo "FAIL: -w $w summary"; cat "$out"; fail=1; fi
done
"$bench" -w list --raw -n 1 >/dev/null 2>"$out"
rc=$?
if [ $rc -eq 2 ] && grep -q "raw supports" "$out"; then echo "PASS: -w list --raw refused"
else echo "FAIL: -w list --raw exited $rc"; fail=1; fi

# --large reports the large gets apart; --fault reaches minispike (a delay
# well inside the timeout costs no connection); the client's own figures.
if "$bench" --json -q -n 2000 -w get --keys 500 --large 5:200000 --fault 'mode=delay;ms=20;pct=10' \
	--timeout 2000 >"$out" && python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
problems = []
if r.get("large", {}).get("gets", 0) <= 0 or r["large"]["bytes"] != 200000:
    problems.append("large: %r" % r.get("large"))
c, io = r.get("connections", {}), r.get("io", {})
if c.get("closed_by_timeout") != 0 or c.get("closed") != 0:
    problems.append("connections: %r" % c)
if not io.get("commands_per_write", 0) >= 1 or not io.get("replies_per_read", 0) >= 1:
    problems.append("io: %r" % io)
if r["ops"] != 2000 or r["timeouts"] != 0:
    problems.append("ops %r timeouts %r" % (r["ops"], r["timeouts"]))
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
PY
then echo "PASS: --large and --fault"; else echo "FAIL: --large and --fault"; cat "$out"; fail=1; fi
"$bench" --large 5 -n 1 >/dev/null 2>"$out"
rc=$?
if [ $rc -eq 2 ] && grep -q "PCT:BYTES" "$out"; then echo "PASS: bad --large refused"
else echo "FAIL: bad --large exited $rc"; fail=1; fi

# Usage errors are refused with status 2, before anything starts.
"$bench" -w nosuch >/dev/null 2>&1
rc=$?
if [ $rc -eq 2 ]; then echo "PASS: bad workload refused"; else echo "FAIL: bad workload exited $rc"; fail=1; fi
"$bench" --namespace a-namespace-name-that-is-far-too-long -n 1 >/dev/null 2>"$out"
rc=$?
if [ $rc -eq 2 ] && grep -q "namespace 'a-namespace-name-that-is-far-too-long' is 37 bytes" "$out"; then
	echo "PASS: bad namespace refused"
else echo "FAIL: bad namespace exited $rc"; fail=1; fi
exit $fail
