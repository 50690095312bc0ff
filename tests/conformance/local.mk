# tests/conformance

# minispike against the official Aerospike Node.js client; run.sh installs
# the client (npm) into the build tree and skips when node/npm are missing.
TESTS += tests/conformance/run.sh
EXTRA_DIST += tests/conformance/run.sh tests/conformance/install-client.sh \
	tests/conformance/conformance.js tests/conformance/replay.js \
	tests/conformance/package.json

# The installed client is a download cache: kept by `make clean`, removed by
# `make distclean`.
distclean-local: distclean-local-conformance
distclean-local-conformance:
	-rm -rf tests/conformance/node_modules
.PHONY: distclean-local-conformance
