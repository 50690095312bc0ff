# aerofuture-bench runs end to end with the minispike it starts itself.
TESTS += tests/integration/test_bench.sh
EXTRA_DIST += tests/integration/test_bench.sh
