/* Log-linear histogram (see bench_hist.h). Values below 2^BITS have a bucket
 * each; above, a value v with top bit m falls in bucket
 * (m - BITS + 1) * 2^(BITS-1) + (v >> (m - BITS + 1)), i.e. its top BITS bits. */
#include "bench_hist.h"

#define HALF (1u << (BENCH_HIST_BITS - 1))
#define MAX_SHIFT (BENCH_HIST_BUCKETS / HALF - 2)

static unsigned bucket_of(uint64_t v)
{
	if (v < 2 * HALF)
		return (unsigned)v;
	unsigned m = 63u - (unsigned)__builtin_clzll(v);
	unsigned shift = m - BENCH_HIST_BITS + 1;
	if (shift > MAX_SHIFT)
		return BENCH_HIST_BUCKETS - 1;
	return shift * HALF + (unsigned)(v >> shift);
}

static uint64_t bucket_top(unsigned i)
{
	if (i < 2 * HALF)
		return i;
	unsigned shift = i / HALF - 1;
	uint64_t sub = i - shift * HALF;
	return ((sub + 1) << shift) - 1;
}

void bench_hist_record(bench_hist *h, uint64_t v)
{
	h->buckets[bucket_of(v)]++;
	h->count++;
	if (v > h->max)
		h->max = v;
}

void bench_hist_merge(bench_hist *dst, const bench_hist *src)
{
	for (unsigned i = 0; i < BENCH_HIST_BUCKETS; i++)
		dst->buckets[i] += src->buckets[i];
	dst->count += src->count;
	if (src->max > dst->max)
		dst->max = src->max;
}

uint64_t bench_hist_quantile(const bench_hist *h, double q)
{
	if (h->count == 0)
		return 0;
	/* The rank of the sample wanted, 1-based: ceil(q * count), at least 1. */
	uint64_t rank = (uint64_t)(q * (double)h->count);
	if ((double)rank < q * (double)h->count)
		rank++;
	if (rank < 1)
		rank = 1;
	uint64_t seen = 0;
	for (unsigned i = 0; i < BENCH_HIST_BUCKETS; i++) {
		seen += h->buckets[i];
		if (seen >= rank) {
			uint64_t top = bucket_top(i);
			return top < h->max ? top : h->max;
		}
	}
	return h->max;
}
