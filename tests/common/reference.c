/* Loader for the captured reference frames and texts (see reference.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/hex.h"
#include "common/reference.h"

const char *ref_dir(void)
{
	const char *d = getenv("AS_REFERENCE_DIR");
	struct stat st;

	if (!d || !*d || stat(d, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return d;
}

static void set_why(char *why, size_t why_len, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void set_why(char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;

	if (!why || !why_len)
		return;
	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
}

char *ref_read_text(const char *relpath, size_t *len, char *why, size_t why_len)
{
	const char *dir = ref_dir();
	char path[4096];
	char *buf = NULL;
	size_t n = 0, cap = 0;
	FILE *f;

	if (!dir) {
		set_why(why, why_len, "AS_REFERENCE_DIR is not set or not a directory (%s); "
		        "point it at shared/reference",
		        getenv("AS_REFERENCE_DIR") ? getenv("AS_REFERENCE_DIR") : "unset");
		return NULL;
	}
	snprintf(path, sizeof path, "%s/%s", dir, relpath);
	f = fopen(path, "rb");
	if (!f) {
		set_why(why, why_len, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			if (!buf)
				abort();
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

bool ref_load_frames(const char *relpath, ref_frames *out, char *why, size_t why_len)
{
	char *text = ref_read_text(relpath, NULL, why, why_len);
	char *line, *save = NULL;

	memset(out, 0, sizeof *out);
	if (!text)
		return false;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line), len;
		uint8_t *bytes;

		while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		bytes = hex_decode_alloc(line, n, &len);
		if (!bytes) {
			set_why(why, why_len, "bad hex line in %s", relpath);
			ref_frames_free(out);
			free(text);
			return false;
		}
		out->data = realloc(out->data, (out->n + 1) * sizeof *out->data);
		out->len = realloc(out->len, (out->n + 1) * sizeof *out->len);
		if (!out->data || !out->len)
			abort();
		out->data[out->n] = bytes;
		out->len[out->n] = len;
		out->n++;
	}
	free(text);
	return true;
}

bool ref_load_message(const char *name, const char *side, ref_frames *out, char *why, size_t why_len)
{
	char path[256];

	snprintf(path, sizeof path, "messages/%s.%s.hex", name, side);
	return ref_load_frames(path, out, why, why_len);
}

void ref_frames_free(ref_frames *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->data[i]);
	free(f->data);
	free(f->len);
	memset(f, 0, sizeof *f);
}
