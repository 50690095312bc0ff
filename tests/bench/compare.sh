#!/bin/sh
# aerofuture next to its peer, the official Aerospike Node.js client (npm
# aerospike): get and put at 1 and 64 commands in flight against one
# minispike, aerofuture-bench and node_bench.js in turn, printed side by side.
#   usage (from the build directory):
#     sh SRCDIR/tests/bench/compare.sh [-d SECONDS] [-h HOST:PORT]
# Without -h a fresh minispike is started on a free loopback port. AS_BUILDDIR
# may point at the build directory (default: .). Needs node and npm; the
# client is installed into the build tree on first use.
set -u
top=${AS_BUILDDIR:-.}
here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
secs=5
host=""
while [ $# -gt 0 ]; do
	case $1 in
	-d) secs=$2; shift 2 ;;
	-h) host=$2; shift 2 ;;
	*) echo "usage: compare.sh [-d SECONDS] [-h HOST:PORT]" >&2; exit 2 ;;
	esac
done

bench=$top/tools/aerofuture-bench
[ -x "$bench" ] || { echo "compare.sh: $bench not built (make tools/aerofuture-bench)" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "compare.sh: node not found" >&2; exit 1; }
"$srcdir/tests/conformance/install-client.sh" "$top" >&2 || exit 1
NODE_PATH=$(cd "$top" && pwd)/tests/conformance/node_modules
export NODE_PATH

if [ -z "$host" ]; then
	# Run again with a private minispike that lives as long as the comparison.
	# shellcheck disable=SC2016 # expanded by the inner shell
	exec "$srcdir/scripts/with-minispike.sh" "$top/server/minispike" \
		sh -c 'exec sh "$0" -d "$1" -h "127.0.0.1:$MINISPIKE_PORT"' "$0" "$secs"
fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT INT TERM
for w in get put; do
	for c in 1 64; do
		echo "running $w, $c in flight, $secs s each" >&2
		"$bench" -h "$host" -w $w -c $c -d "$secs" --json -q >>"$results" || exit 1
		node "$here/node_bench.js" -h "$host" -w $w -c $c -d "$secs" >>"$results" || exit 1
	done
done

# Pair the lines up (aerofuture first, then node, per workload and level) and
# print the ratios: throughput aerofuture/node (higher is better for
# aerofuture), latency aerofuture/node (lower is better for aerofuture).
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse)
const f = (x, w) => String(x).padStart(w)
const r = (a, b) => b ? (a / b).toFixed(2) + "x" : "-"
console.log("host " + process.argv[2] + ", " + lines[1].client + " vs aerofuture-bench (" + lines[0].api + ")")
console.log(f("workload", 8) + f("in flight", 10) + " |" + f("aerofuture ops/s", 17) + f("p50 us", 9) + f("p99 us", 9) +
  " |" + f("node ops/s", 11) + f("p50 us", 9) + f("p99 us", 9) + " |" + f("ops/s ratio", 12) + f("p50 ratio", 10) + f("p99 ratio", 10))
for (let i = 0; i + 1 < lines.length; i += 2) {
  const a = lines[i]; const n = lines[i + 1]
  console.log(f(a.workload, 8) + f(a.in_flight, 10) + " |" + f(a.ops_per_sec.toFixed(0), 17) +
    f(a.latency_us.p50.toFixed(0), 9) + f(a.latency_us.p99.toFixed(0), 9) + " |" +
    f(n.ops_per_sec.toFixed(0), 11) + f(n.latency_us.p50.toFixed(0), 9) + f(n.latency_us.p99.toFixed(0), 9) + " |" +
    f(r(a.ops_per_sec, n.ops_per_sec), 12) + f(r(a.latency_us.p50, n.latency_us.p50), 10) +
    f(r(a.latency_us.p99, n.latency_us.p99), 10))
  const errs = a.errors_total + a.timeouts + n.errors_total + n.timeouts
  if (errs) console.log("   ^ errors/timeouts: aerofuture " + (a.errors_total + a.timeouts) + ", node " + (n.errors_total + n.timeouts))
}
' "$results" "$host"
echo
echo "raw results (JSON, one line per run):"
cat "$results"
