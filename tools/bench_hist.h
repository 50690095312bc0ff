/* A log-linear latency histogram for aerofuture-bench: 128 linear buckets per
 * power of two, so a percentile is within 1% of the true value while
 * recording costs a few instructions and no memory per sample. */
#ifndef BENCH_HIST_H
#define BENCH_HIST_H

#include <stdint.h>

/* Sub-buckets per power of two are 2^BENCH_HIST_BITS; values are in ns and
 * the table reaches past 2^40 ns (about 18 minutes). */
#define BENCH_HIST_BITS 7
#define BENCH_HIST_BUCKETS ((34 + 2) << (BENCH_HIST_BITS - 1))

typedef struct bench_hist {
	uint64_t count;
	uint64_t max;
	uint64_t buckets[BENCH_HIST_BUCKETS];
} bench_hist;

void bench_hist_record(bench_hist *h, uint64_t v);

/* Add every sample of src to dst. */
void bench_hist_merge(bench_hist *dst, const bench_hist *src);

/* The value below which a fraction q (0..1) of the samples lie: the upper
 * edge of the bucket holding that sample, never above the recorded maximum.
 * 0 for an empty histogram. */
uint64_t bench_hist_quantile(const bench_hist *h, double q);

#endif
