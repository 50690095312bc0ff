#!/bin/sh
# Soak: aerofuture-bench mixed load against a 3-node minispike for DURATION
# seconds (default 600) with a fault injected every INTERVAL seconds
# (default 20), rotating over nodes and kinds (slow replies, closed
# connections, garbage, half frames, hung connections, error codes, a node
# stopped and restarted). Prints ops, errors by code, the bench's RSS at
# start and end, and the futures still pending at the end, which must be 0.
#
#   usage: sh tests/bench/soak.sh [BUILDDIR] [DURATION] [INTERVAL]
set -u
build=${1:-.}
duration=${2:-600}
interval=${3:-20}
ms="$build/server/minispike"
bench="$build/tools/aerofuture-bench"
[ -x "$ms" ] && [ -x "$bench" ] || { echo "soak: build minispike and aerofuture-bench in $build first" >&2; exit 2; }
work=$(mktemp -d)
cleanup() {
	[ -n "${bpid:-}" ] && kill "$bpid" 2>/dev/null
	[ -n "${mpid:-}" ] && kill "$mpid" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$ms" --port 0 --nodes 3 >"$work/ms.out" 2>"$work/ms.err" &
mpid=$!
i=0
while [ "$(grep -c '127\.0\.0\.1:' "$work/ms.out" 2>/dev/null)" -lt 3 ]; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "soak: minispike did not start" >&2; cat "$work/ms.err" >&2; exit 1; }
	sleep 0.05
done
ports=$(sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$work/ms.out" | tr '\n' ' ')
seed=${ports%% *}

info() {  # info PORT REQUEST: one info request, reply on stdout
	python3 - "$1" "$2" <<'PY'
import socket, struct, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
body = (sys.argv[2] + "\n").encode()
s.sendall(bytes([2, 1]) + len(body).to_bytes(6, "big") + body)
h = b""
while len(h) < 8:
    h += s.recv(8 - len(h))
n = int.from_bytes(h[2:8], "big")
data = b""
while len(data) < n:
    data += s.recv(n - len(data))
print(data.decode(errors="replace").strip())
PY
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

"$bench" -h "127.0.0.1:$seed" -w mixed,80 -c 64 -d "$duration" --keys 20000 --json -q \
	>"$work/bench.json" 2>"$work/bench.err" &
bpid=$!
sleep 5
rss_start=$(rss_kib $bpid)
echo "soak: ${duration}s, fault every ${interval}s, seed 127.0.0.1:$seed, bench RSS at 5 s: ${rss_start} KiB"

set -- "mode=delay;ms=300" "mode=close" "mode=garbage" "mode=truncate" "mode=hang" \
	"mode=error;code=14;count=200" "stop"
n_kinds=$#
elapsed=5
k=0
stopped=""
while [ $((elapsed + interval)) -lt "$duration" ] && kill -0 $bpid 2>/dev/null; do
	sleep "$interval"
	elapsed=$((elapsed + interval))
	# undo the previous fault, then inject the next on the next node
	if [ -n "$stopped" ]; then
		info "$seed" "minispike-node-start:id=$stopped" >/dev/null
		stopped=""
	fi
	info "$seed" "minispike-fault:mode=off" >/dev/null
	node=$((k % 3))
	idx=$((k % n_kinds + 1))
	eval "kind=\${$idx}"
	if [ "$kind" = stop ]; then
		# never the seed's node, so the seed stays usable for control requests
		node=$((1 + k % 2))
		echo "soak: ${elapsed}s: stop node $node"
		info "$seed" "minispike-node-stop:id=$node" >/dev/null
		stopped=$node
	else
		echo "soak: ${elapsed}s: node $node $kind"
		info "$seed" "minispike-fault:node=$node;$kind" >/dev/null
	fi
	k=$((k + 1))
done
[ -n "$stopped" ] && info "$seed" "minispike-node-start:id=$stopped" >/dev/null
info "$seed" "minispike-fault:mode=off" >/dev/null
rss_end=$(rss_kib $bpid)
wait $bpid
rc=$?
bpid=""
if [ $rc -ne 0 ]; then
	echo "soak: FAIL: aerofuture-bench exited $rc"; cat "$work/bench.err"; exit 1
fi
python3 - "$work/bench.json" "$rss_start" "${rss_end:-0}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("soak: ops %d (%.0f/s), errors %d %s, timeouts %d" % (r["ops"], r["ops_per_sec"], r["errors_total"],
      json.dumps(r["errors"]), r["timeouts"]))
print("soak: bench RSS %s KiB at start, %s KiB at end" % (sys.argv[2], sys.argv[3]))
print("soak: futures submitted %d, still pending at the end %d" % (r["submitted"], r["pending_at_end"]))
sys.exit(0 if r["pending_at_end"] == 0 and r["ops"] > 0 else 1)
PY
