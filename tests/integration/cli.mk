# aerofuture-cli end to end against minispike (every command, exit codes, JSON).
TESTS += tests/integration/test_cli.sh
EXTRA_DIST += tests/integration/test_cli.sh
