#!/bin/sh
# Throughput of minispike for get and put at 1 and 64 connections, with
# pipelined raw requests from ministress. Usage (from the build directory):
#   sh tests/bench/minispike_bench.sh [seconds] [depth per connection, default 64]
# AS_BUILDDIR may point at the build directory (default: .).
set -e
dir=${AS_BUILDDIR:-.}
secs=${1:-3}
depth=${2:-64}
out=$(mktemp)
"$dir/server/minispike" --port 0 >"$out" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$out"' EXIT INT TERM
i=0
while [ ! -s "$out" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
port=$(sed -n 's/^node 0 [^ ]*:\([0-9]*\) .*/\1/p' "$out")
[ -n "$port" ] || { echo "minispike did not start" >&2; exit 1; }
for op in put get; do
	for conns in 1 64; do
		# depth requests in flight per connection; then one per connection,
		# which is how a non-pipelining client drives a server
		"$dir/tests/bench/ministress" -p "$port" -o $op -c $conns -d "$depth" -t "$secs"
		[ "$conns" -gt 1 ] && "$dir/tests/bench/ministress" -p "$port" -o $op -c $conns -d 1 -t "$secs"
	done
done
