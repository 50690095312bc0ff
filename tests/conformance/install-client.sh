#!/bin/sh
# Install the official Aerospike Node.js client (npm package aerospike, the
# version pinned in package.json next to this script) into
# BUILDDIR/tests/conformance/node_modules, unless it is there already.
#   usage: install-client.sh BUILDDIR
# Then run node with NODE_PATH=BUILDDIR/tests/conformance/node_modules.
set -u
here=$(cd "$(dirname "$0")" && pwd)
moddir=$1/tests/conformance
version=$(node -p "require('$here/package.json').dependencies.aerospike") || exit 1

installed() {
	[ "$(node -p "require('$moddir/node_modules/aerospike/package.json').version" 2>/dev/null)" = "$version" ]
}

if ! installed; then
	echo "installing aerospike@$version into $moddir"
	mkdir -p "$moddir" || exit 1
	# The npm tarball carries prebuilt addons for Linux/macOS/Windows and
	# node 20/22/24/25. --ignore-scripts skips the install script, whose
	# fallback compiles the C client fetched from GitHub; only the npm
	# registry is contacted.
	if ! npm install --prefix "$moddir" --no-save --no-package-lock \
		--ignore-scripts --no-audit --no-fund --loglevel=error \
		"aerospike@$version"; then
		echo "npm install aerospike@$version failed (is the npm registry reachable?)" >&2
		exit 1
	fi
	# Keep only this platform's addons (saves about 120 MB).
	(cd "$moddir/node_modules/aerospike" && node scripts/prebuiltBinding.js >/dev/null) || true
	installed || { echo "aerospike@$version did not install" >&2; exit 1; }
fi
if ! NODE_PATH=$moddir/node_modules node -e "require('aerospike')"; then
	echo "the aerospike addon does not load on node $(node -v)" \
		"(ABI $(node -p process.versions.modules)); prebuilt: node 20, 22, 24, 25" >&2
	exit 1
fi
