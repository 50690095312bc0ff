/* Fault injection settings, from --fault and the minispike-fault info
 * command. conn.c applies them to AS_MSG commands only: info requests are
 * always answered, so a client can still tend the node and turn faults off. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minispike.h"

static const char *const ms_fault_names[] = {
	"off", "delay", "close", "garbage", "hang", "error", "truncate", "oversize"
};

const char *ms_fault_mode_name(int mode)
{
	if (mode < 0 || mode > MS_FAULT_OVERSIZE)
		return "?";
	return ms_fault_names[mode];
}

static bool ms_kv_number(const char *v, size_t len, unsigned long max, unsigned long *out)
{
	char buf[24];
	char *end;

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, v, len);
	buf[len] = '\0';
	*out = strtoul(buf, &end, 10);
	return *end == '\0' && buf[0] != '-' && *out <= max;
}

int ms_fault_apply_spec(ms_server *s, const char *spec, size_t len, char *err, size_t err_len)
{
	ms_fault f;
	int node = -1;
	bool have_mode = false;
	const char *p = spec, *end = spec + len;

	memset(&f, 0, sizeof(f));
	f.count = 1;
	f.code = 1;
	f.pct = 100;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *stop = semi != NULL ? semi : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		size_t klen, vlen;
		unsigned long num;

		if (stop == p) {
			p = stop + 1;
			continue;
		}
		if (eq == NULL) {
			snprintf(err, err_len, "expected key=value in '%.*s'", (int)(stop - p), p);
			return -1;
		}
		klen = (size_t)(eq - p);
		vlen = (size_t)(stop - eq - 1);
		if (klen == 4 && memcmp(p, "node", 4) == 0) {
			if (!ms_kv_number(eq + 1, vlen, (unsigned long)s->n_nodes - 1, &num)) {
				snprintf(err, err_len, "bad node index");
				return -1;
			}
			node = (int)num;
		} else if (klen == 4 && memcmp(p, "mode", 4) == 0) {
			int m;

			for (m = 0; m <= MS_FAULT_OVERSIZE; m++) {
				if (strlen(ms_fault_names[m]) == vlen && memcmp(ms_fault_names[m], eq + 1, vlen) == 0)
					break;
			}
			if (m > MS_FAULT_OVERSIZE) {
				snprintf(err, err_len, "unknown mode '%.*s'", (int)vlen, eq + 1);
				return -1;
			}
			f.mode = m;
			have_mode = true;
		} else if (klen == 2 && memcmp(p, "ms", 2) == 0) {
			if (!ms_kv_number(eq + 1, vlen, 3600000, &num)) {
				snprintf(err, err_len, "bad ms");
				return -1;
			}
			f.ms = (uint32_t)num;
		} else if (klen == 4 && memcmp(p, "code", 4) == 0) {
			if (!ms_kv_number(eq + 1, vlen, 255, &num)) {
				snprintf(err, err_len, "bad code");
				return -1;
			}
			f.code = (uint8_t)num;
		} else if (klen == 3 && memcmp(p, "pct", 3) == 0) {
			if (!ms_kv_number(eq + 1, vlen, 100, &num) || num == 0) {
				snprintf(err, err_len, "bad pct (1..100)");
				return -1;
			}
			f.pct = (uint32_t)num;
		} else if (klen == 5 && memcmp(p, "count", 5) == 0) {
			if (!ms_kv_number(eq + 1, vlen, UINT32_MAX, &num) || num == 0) {
				snprintf(err, err_len, "bad count");
				return -1;
			}
			f.count = (uint32_t)num;
		} else {
			snprintf(err, err_len, "unknown key '%.*s'", (int)klen, p);
			return -1;
		}
		p = stop + 1;
	}
	if (!have_mode) {
		snprintf(err, err_len, "mode= is required");
		return -1;
	}
	for (int i = 0; i < s->n_nodes; i++) {
		if (node < 0 || node == i)
			s->nodes[i].fault = f;
	}
	return 0;
}

bool ms_fault_hits(ms_fault *fault)
{
	if (fault->mode == MS_FAULT_OFF)
		return false;
	uint64_t n = fault->seen++;
	return (n + 1) * fault->pct / 100 > n * fault->pct / 100;
}
