/* The one function every fuzz target defines. libFuzzer calls it for each
 * generated input; fuzz_main.c calls it for each saved input (make check). */
#ifndef AS_TESTS_FUZZ_H
#define AS_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with a report when a decoder breaks a promise it makes (not only
 * memory errors): the fuzzer then saves the input like any crash. */
#define FUZZ_CHECK(cond)                                                          \
	do {                                                                          \
		if (!(cond))                                                              \
			fuzz_fail(__FILE__, __LINE__, #cond);                                 \
	} while (0)

void fuzz_fail(const char *file, int line, const char *what)
#ifdef __GNUC__
	__attribute__((noreturn))
#endif
	;

#endif
