/*
 * embed NAME FILE: writes a C file that defines `const char NAME[]` holding
 * FILE's bytes (NUL-terminated) and `const size_t NAME_len`.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	FILE *f;
	int c;
	unsigned long n = 0;

	if (argc != 3) {
		fputs("usage: embed NAME FILE\n", stderr);
		return 2;
	}
	f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 2;
	}
	printf("#include <stddef.h>\nconst char %s[] = {\n", argv[1]);
	while ((c = getc(f)) != EOF) {
		/* as a signed char's value, so no compiler sees an overflow */
		printf("%d,%s", c > 127 ? c - 256 : c, ++n % 20 ? "" : "\n");
	}
	if (ferror(f)) {
		perror(argv[2]);
		return 2;
	}
	fclose(f);
	printf("0};\nconst size_t %s_len = %lu;\n", argv[1], n);
	return ferror(stdout) ? 2 : 0;
}
