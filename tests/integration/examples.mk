# The examples run end to end against minispike.
TESTS += tests/integration/test_examples.sh
EXTRA_DIST += tests/integration/test_examples.sh
