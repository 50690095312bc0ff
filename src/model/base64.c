/* base64 through libcrypto's EVP_EncodeBlock/EVP_DecodeBlock. Those take int
 * lengths and EVP_DecodeBlock is lenient (whitespace, '=' in the middle, and
 * it counts padding as output bytes), so this file chunks the work and checks
 * the text strictly first. */
#include "model/base64.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "model/alloc.h"

/* Chunk sizes: multiples of 3 input bytes / 4 characters, well below INT_MAX. */
#define B64_RAW_CHUNK (3u * 1024u * 1024u)
#define B64_TEXT_CHUNK (4u * 1024u * 1024u)

char *as_base64_encode(const uint8_t *p, size_t len, size_t *out_len)
{
	size_t groups = len / 3 + (len % 3 != 0);
	if (groups > (SIZE_MAX - 1) / 4)
		as_fatal("allocation size overflow");
	char *text = as_malloc(groups * 4 + 1);
	size_t done = 0, n = 0;
	while (done < len) {
		size_t chunk = len - done < B64_RAW_CHUNK ? len - done : B64_RAW_CHUNK;
		n += (size_t)EVP_EncodeBlock((unsigned char *)text + n, p + done, (int)chunk);
		done += chunk;
	}
	text[n] = '\0';
	if (out_len)
		*out_len = n;
	return text;
}

static bool b64_char_ok(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

bool as_base64_decode(const char *s, size_t len, uint8_t **out, size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	if (len % 4 != 0)
		return false;
	size_t pad = 0;
	if (len >= 4 && s[len - 1] == '=')
		pad = s[len - 2] == '=' ? 2 : 1;
	for (size_t i = 0; i < len - pad; i++)
		if (!b64_char_ok(s[i]))
			return false;
	if (len == 0)
		return true;
	size_t raw = len / 4 * 3;
	uint8_t *buf = as_malloc(raw);
	size_t done = 0, n = 0;
	while (done < len) {
		size_t chunk = len - done < B64_TEXT_CHUNK ? len - done : B64_TEXT_CHUNK;
		int got = EVP_DecodeBlock(buf + n, (const unsigned char *)s + done, (int)chunk);
		if (got < 0) {
			free(buf);
			return false;
		}
		n += (size_t)got;
		done += chunk;
	}
	/* EVP_DecodeBlock reports the padding as decoded zero bytes. */
	*out_len = n - pad;
	if (*out_len == 0) {
		free(buf);
		buf = NULL;
	}
	*out = buf;
	return true;
}
