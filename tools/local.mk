# tools: aerofuture-bench and aerofuture-cli

# aerofuture-bench: load generator and the measuring stick of the performance
# budget (README, "Performance"). Linked with the internal archive so --raw
# can reach the callback-only as_raw_* commands.
bin_PROGRAMS += tools/aerofuture-bench
tools_aerofuture_bench_SOURCES = tools/aerofuture-bench.c tools/bench.h tools/bench_run.c tools/bench_client_stats.c \
	tools/bench_hist.c tools/bench_hist.h tools/bench_minispike.c tools/bench_minispike.h
tools_aerofuture_bench_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
tools_aerofuture_bench_LDADD = libafclient.la $(DEP_LIBS)

# aerofuture-cli: JSON command-line client (manual: --help and the man page).
bin_PROGRAMS += tools/aerofuture-cli
tools_aerofuture_cli_SOURCES = tools/aerofuture-cli.c tools/cli.h tools/cli_cmd.c \
	tools/cli_bulk.c tools/cli_key.c tools/cli_util.c tools/cli_help.c tools/cli_cdt.c
tools_aerofuture_cli_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) -UAS_BUILDING_LIBRARY
tools_aerofuture_cli_LDADD = libaerofuture.la $(JANSSON_LIBS)
dist_man1_MANS = tools/aerofuture-cli.1
