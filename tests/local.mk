# Tests: Check programs, one per area, run by Automake's parallel test driver.
# Each test file provides its suite and links main() and the helpers from
# tests/common. A Check program with one source file is built from
# <program>.c (Automake's default sources); the groups below differ only in
# what they link.
# -I$(top_srcdir): what the tests share with minispike, "server/ms_limits.h"
TEST_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS) $(CHECK_CFLAGS) -I$(top_srcdir)/tests -I$(top_srcdir)
TEST_COMMON_LIBS = tests/common/libtestcommon.la
# model and codec (and minispike over raw sockets): the shared core only
TEST_LIBS = $(TEST_COMMON_LIBS) libascore.la $(CHECK_LIBS) $(DEP_LIBS)
# futures, loops and every command's checks: the client's internal archive
TEST_INTERNAL_LIBS = $(TEST_COMMON_LIBS) libafclient.la libascore.la $(CHECK_LIBS) $(DEP_LIBS)
# the client as an application uses it: public headers, installed library
TEST_CLIENT_CFLAGS = $(TEST_CFLAGS) -UAS_BUILDING_LIBRARY
TEST_CLIENT_LIBS = $(TEST_COMMON_LIBS) libaerofuture.la $(CHECK_LIBS) $(DEP_LIBS)

include tests/common/local.mk

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
