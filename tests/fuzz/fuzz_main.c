/* Regression runner: a main() for a fuzz target without libFuzzer. It runs
 * LLVMFuzzerTestOneInput over saved inputs, so inputs that once crashed
 * stay fixed in every build (make check, any compiler).
 *
 *   regress_<target> [FILE|DIR]...
 *
 * Without arguments it runs $srcdir/tests/fuzz/regress/<target>/ and the
 * seeds converted from the reference captures, tests/fuzz/seeds/<target>/
 * in the build tree (made by seeds.sh; both must exist). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET must name the target (reply, info, msgpack, server, cdt)"
#endif

static int run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *data;
	long n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	/* exactly n bytes (at least 1 for malloc), so a sanitizer build sees overreads */
	data = malloc(n > 0 ? (size_t)n : 1);
	if (data == NULL || fread(data, 1, (size_t)n, fp) != (size_t)n) {
		fprintf(stderr, "%s: short read\n", path);
		free(data);
		fclose(fp);
		return -1;
	}
	fclose(fp);
	/* the name first: if the target crashes, the log says on what */
	printf("%s (%ld bytes)\n", path, n);
	fflush(stdout);
	LLVMFuzzerTestOneInput(data, (size_t)n);
	free(data);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, in name order; returns the count or -1. */
static long run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	long count = 0;

	if (d == NULL) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof(*names));
			if (names == NULL)
				abort();
		}
		names[n] = strdup(e->d_name);
		if (names[n++] == NULL)
			abort();
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len);
		struct stat st;

		if (path == NULL)
			abort();
		snprintf(path, len, "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(path) != 0)
				count = -1;
			else if (count >= 0)
				count++;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return count;
}

static long run_path(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return run_dir(path);
	return run_file(path) == 0 ? 1 : -1;
}

int main(int argc, char **argv)
{
	char regress[4096], seeds[4096];
	const char *srcdir = getenv("srcdir");
	long total = 0;
	int failed = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			long n = run_path(argv[i]);

			if (n < 0)
				failed = 1;
			else
				total += n;
		}
	} else {
		long a, b;

		snprintf(regress, sizeof(regress), "%s/tests/fuzz/regress/" FUZZ_TARGET,
		         srcdir ? srcdir : ".");
		snprintf(seeds, sizeof(seeds), "tests/fuzz/seeds/" FUZZ_TARGET);
		a = run_path(regress);
		b = run_path(seeds);
		failed = a < 0 || b < 0;
		total = (a > 0 ? a : 0) + (b > 0 ? b : 0);
	}
	printf("%s: %ld inputs run%s\n", FUZZ_TARGET, total, failed ? ", some could not be read" : "");
	return failed ? 1 : 0;
}
