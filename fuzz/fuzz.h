/*
 * Shared by the fuzz targets: the libFuzzer entry points, and a check that
 * stops the run (abort) when an invariant fails, so that libFuzzer and the
 * replay driver both report it as a crash.
 */
#ifndef BANTER_FUZZ_H
#define BANTER_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

/* Every message starts "banter: " (a caret line under a pattern may follow
 * it, indented), and the text holds no raw control byte but the line ends
 * (the escaper's promise). */
static inline void fuzz_check_diags(const char *s, size_t len)
{
	size_t i;
	int bol = 1;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (bol)
			FUZZ_CHECK((i > 0 && s[i] == ' ') ||
				   (len - i >= 8 && s[i] == 'b' && s[i + 7] == ' '));
		bol = c == '\n';
		FUZZ_CHECK(c == '\n' || (c >= 0x20 && c != 0x7F));
	}
	FUZZ_CHECK(len == 0 || s[len - 1] == '\n');
}

#endif
