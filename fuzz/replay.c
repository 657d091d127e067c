/*
 * A tiny stand-in for libFuzzer: runs LLVMFuzzerTestOneInput on every file
 * named, or found one level down in the folders named, so that the seed
 * corpora and every regression input are replayed by `make check` under
 * gcc, ASan and valgrind.  Prints "replay: N inputs"; a crash or a failed
 * invariant ends it (abort), which the caller sees as a failure.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			data = realloc(data, cap);
			if (!data)
				abort();
		}
		got = fread(data + len, 1, cap - len, f);
		if (!got)
			break;
		len += got;
	}
	fclose(f);
	/* an exact-size copy, so a read past the end is caught */
	{
		unsigned char *exact = malloc(len ? len : 1);

		if (!exact)
			abort();
		memcpy(exact, data, len);
		free(data);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	unsigned long n = 0;
	int i, bad = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *dir;
		struct dirent *de;
		char **names = NULL;
		size_t nn = 0, k;

		if (stat(argv[i], &st) < 0)
			continue;	/* an absent folder: nothing to replay */
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]) < 0;
			n++;
			continue;
		}
		if (!(dir = opendir(argv[i])))
			continue;
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			names = realloc(names, (nn + 1) * sizeof(*names));
			if (!names)
				abort();
			names[nn] = malloc(strlen(argv[i]) + strlen(de->d_name) + 2);
			if (!names[nn])
				abort();
			sprintf(names[nn++], "%s/%s", argv[i], de->d_name);
		}
		closedir(dir);
		if (nn)
			qsort(names, nn, sizeof(*names), cmp);
		for (k = 0; k < nn; k++) {
			if (stat(names[k], &st) == 0 && S_ISREG(st.st_mode)) {
				bad |= run_file(names[k]) < 0;
				n++;
			}
			free(names[k]);
		}
		free(names);
	}
	printf("replay: %lu inputs\n", n);
	return bad;
}
