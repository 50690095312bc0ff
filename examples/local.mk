# examples: small programs users copy from, built against the installed-style API
EXAMPLE_CFLAGS = $(AM_CFLAGS) -UAS_BUILDING_LIBRARY
EXAMPLE_LIBS = libaerofuture.la
noinst_PROGRAMS += examples/write_then_read examples/blocking examples/fan_out examples/leaderboard
examples_write_then_read_SOURCES = examples/write_then_read.c
examples_write_then_read_CFLAGS = $(EXAMPLE_CFLAGS)
examples_write_then_read_LDADD = $(EXAMPLE_LIBS)
examples_blocking_SOURCES = examples/blocking.c
examples_blocking_CFLAGS = $(EXAMPLE_CFLAGS)
examples_blocking_LDADD = $(EXAMPLE_LIBS)
examples_fan_out_SOURCES = examples/fan_out.c
examples_fan_out_CFLAGS = $(EXAMPLE_CFLAGS)
examples_fan_out_LDADD = $(EXAMPLE_LIBS)
examples_leaderboard_SOURCES = examples/leaderboard.c
examples_leaderboard_CFLAGS = $(EXAMPLE_CFLAGS)
examples_leaderboard_LDADD = $(EXAMPLE_LIBS)

EXTRA_DIST += scripts/setup-debian.sh scripts/with-minispike.sh

# make demo: start minispike, run the main example against it, stop it.
demo: examples/write_then_read server/minispike
	$(SHELL) $(srcdir)/scripts/with-minispike.sh ./server/minispike \
		$(SHELL) -c './examples/write_then_read -h 127.0.0.1 -p $$MINISPIKE_PORT'
.PHONY: demo
