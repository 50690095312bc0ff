# tests/bench

# ministress: pipelined raw load against minispike (minispike_bench.sh runs it)
noinst_PROGRAMS += tests/bench/ministress
tests_bench_ministress_SOURCES = tests/bench/ministress.c
tests_bench_ministress_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
tests_bench_ministress_LDADD = libascore.la $(DEP_LIBS)
EXTRA_DIST += tests/bench/minispike_bench.sh
