# Tests: Check programs, one per area, run by Automake's parallel test driver.
TEST_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS) $(CHECK_CFLAGS) -I$(top_srcdir)/tests
TEST_LIBS = libascore.la $(CHECK_LIBS) $(DEP_LIBS)

include tests/unit/model.mk
include tests/unit/codec.mk
include tests/unit/future.mk
include tests/unit/server.mk
include tests/integration/local.mk
include tests/integration/examples.mk
include tests/integration/client.mk
include tests/integration/cli.mk
include tests/conformance/local.mk
include tests/bench/local.mk
include tests/fuzz/local.mk
include tests/integration/bench.mk
