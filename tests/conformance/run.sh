#!/bin/sh
# minispike against the official Aerospike Node.js client (npm package
# aerospike, pinned in package.json), on one node and on three nodes.
# The client is installed into the build tree on first use and reused after.
# Exit 77 (skip) only when node or npm is missing.
set -u
top=${AS_BUILDDIR:-.}
srcdir=${srcdir:-.}
here=$srcdir/tests/conformance

for tool in node npm; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "SKIP: $tool not found (install nodejs and npm to run the conformance tests)"
		exit 77
	fi
done

if ! "$here/install-client.sh" "$top"; then
	echo "FAIL: the aerospike Node.js client is not usable"
	exit 1
fi
NODE_PATH=$top/tests/conformance/node_modules
export NODE_PATH

# Bound each run even if a test hangs past node:test's own timeouts.
limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout 90"

fail=0
for nodes in 1 3; do
	echo "==== minispike with $nodes node(s)"
	# shellcheck disable=SC2086
	if $limit "$srcdir/scripts/with-minispike.sh" "$top/server/minispike" --nodes $nodes -- \
		node --test --test-concurrency=1 --test-reporter=spec "$here/conformance.js" "$here/replay.js"; then
		echo "PASS: conformance with $nodes node(s)"
	else
		echo "FAIL: conformance with $nodes node(s)"
		fail=1
	fi
done
exit $fail
