/* Hex text (two digits a byte, either case, no separators) to bytes: test
 * vectors written in hex and the captured frames of shared/reference. */
#ifndef AS_TESTS_HEX_H
#define AS_TESTS_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Decode hex_len characters of hex into out (room for cap bytes).
 * @return the number of bytes, or -1 for an odd length, a character that is
 * not a hex digit, or more than cap bytes. */
long hex_decode(const char *hex, size_t hex_len, uint8_t *out, size_t cap);

/* The same into a new buffer (malloc, at least one byte; free() it), its
 * length in *out_len. NULL on bad hex. */
uint8_t *hex_decode_alloc(const char *hex, size_t hex_len, size_t *out_len);

#endif
