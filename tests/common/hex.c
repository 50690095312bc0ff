/* Hex decoding for the tests: see hex.h. */
#include <stdlib.h>

#include "common/hex.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long hex_decode(const char *hex, size_t hex_len, uint8_t *out, size_t cap)
{
	size_t i;

	if (hex_len % 2 || hex_len / 2 > cap)
		return -1;
	for (i = 0; i < hex_len / 2; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return (long)(hex_len / 2);
}

uint8_t *hex_decode_alloc(const char *hex, size_t hex_len, size_t *out_len)
{
	uint8_t *out = malloc(hex_len / 2 + 1);
	long n;

	if (!out)
		abort();
	n = hex_decode(hex, hex_len, out, hex_len / 2);
	if (n < 0) {
		free(out);
		return NULL;
	}
	*out_len = (size_t)n;
	return out;
}
