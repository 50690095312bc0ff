/* Standard base64 (RFC 4648, with padding) over libcrypto. Private. */
#ifndef AS_MODEL_BASE64_H
#define AS_MODEL_BASE64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* @return a new NUL-terminated base64 text of @p len bytes (free() it);
 * @p out_len receives its length when not NULL. */
char *as_base64_encode(const uint8_t *p, size_t len, size_t *out_len);

/* Decode @p len characters of strict base64 (no whitespace, padding only at
 * the end). @return false for anything else; on success *out is a new buffer
 * (free() it; NULL when *out_len is 0). */
bool as_base64_decode(const char *s, size_t len, uint8_t **out, size_t *out_len);

#endif
