#!/bin/sh
# Run a command with a fresh minispike on free ports; its seed port is in
# $MINISPIKE_PORT (first node) and every node's port in $MINISPIKE_PORTS.
#   usage: with-minispike.sh MINISPIKE_BINARY [minispike args --] command args...
# Exit status is the command's; minispike is stopped either way.
set -u
bin=$1; shift
args=""
case " $* " in
*" -- "*)
	while [ "$1" != "--" ]; do args="$args $1"; shift; done
	shift ;;
esac
out=$(mktemp)
# shellcheck disable=SC2086
"$bin" --port 0 $args >"$out" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$out"' EXIT INT TERM
i=0
while ! grep -q '127\.0\.0\.1:[0-9]' "$out" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "minispike did not start:" >&2
		cat "$out" >&2
		exit 1
	fi
	sleep 0.05
done
MINISPIKE_PORTS=$(sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$out" | tr '\n' ' ')
MINISPIKE_PORT=${MINISPIKE_PORTS%% *}
export MINISPIKE_PORT MINISPIKE_PORTS
"$@"
