/* Access to the captured reference data (shared/reference): the directory
 * comes from the environment variable AS_REFERENCE_DIR. Tests that need the
 * data fail, never skip, when it is missing. */
#ifndef AS_TESTS_REFERENCE_H
#define AS_TESTS_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The frames of one .hex file, one per non-comment line. */
typedef struct ref_frames {
	size_t n;
	uint8_t **data;
	size_t *len;
} ref_frames;

/* AS_REFERENCE_DIR, or NULL when unset or not a readable directory. */
const char *ref_dir(void);

/* Read <dir>/<relpath> whole, NUL-terminated (len may be NULL).
 * NULL with a reason in why (if given) on failure. Free with free(). */
char *ref_read_text(const char *relpath, size_t *len, char *why, size_t why_len);

/* Load <dir>/<relpath>: '#' lines are comments, every other non-empty line
 * is one frame in hex. false with a reason in why on any failure. */
bool ref_load_frames(const char *relpath, ref_frames *out, char *why, size_t why_len);
/* The frames of one captured case, messages/<name>.<side>.hex: side "req"
 * for what the official client sent, "res" for the server's replies. */
bool ref_load_message(const char *name, const char *side, ref_frames *out, char *why, size_t why_len);
void ref_frames_free(ref_frames *f);

#endif
