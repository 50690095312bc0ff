# tests/bench

# ministress: pipelined raw load against minispike (minispike_bench.sh runs it)
noinst_PROGRAMS += tests/bench/ministress
tests_bench_ministress_SOURCES = tests/bench/ministress.c
tests_bench_ministress_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
tests_bench_ministress_LDADD = libascore.la $(DEP_LIBS)
EXTRA_DIST += tests/bench/minispike_bench.sh
# compare.sh: aerofuture-bench next to the official Node.js client (node_bench.js)
EXTRA_DIST += tests/bench/compare.sh tests/bench/node_bench.js
# measure.sh: instructions and system calls per get (callgrind, strace -c)
EXTRA_DIST += tests/bench/measure.sh
EXTRA_DIST += tests/bench/soak.sh
