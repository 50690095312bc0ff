/* RIPEMD-160 of a key for callers that already checked its parts and know
 * the set name's length (key initialisation). Private to the library. */
#ifndef AS_MODEL_DIGEST_INTERNAL_H
#define AS_MODEL_DIGEST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <aerofuture/common.h>

/* false only when libcrypto has no RIPEMD-160. */
bool as_digest_ripemd(const uint8_t *set, size_t set_len, uint8_t type, const uint8_t *key, size_t key_len,
                      uint8_t out[AS_DIGEST_SIZE]);

#endif
