#include "walk.h"
#include "buf.h"
#include "diag.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const walk_default_exts[] = { "md", "markdown", "txt", NULL };

struct ancestor {
	dev_t dev;
	ino_t ino;
	const struct ancestor *up;
};

static int has_ext(const char *name, const char *const *exts)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (!dot || dot == name)
		return 0;
	for (i = 0; exts[i]; i++)
		if (span_ieq(dot + 1, strlen(dot + 1), exts[i]))
			return 1;
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(struct strlist *out, struct buf *path, const struct walk_opts *o,
		    const struct ancestor *up, struct diag *d)
{
	struct strlist names = { NULL, 0, 0 };
	struct dirent *de;
	DIR *dir = opendir(path->ptr);
	size_t i, len = path->len;
	int ret = 0;

	if (!dir) {
		diag_error(d, path->ptr, 0, 0, "%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			strlist_add(&names, de->d_name, strlen(de->d_name));
	closedir(dir);
	if (names.n)
		qsort(names.v, names.n, sizeof(char *), cmp_name);
	for (i = 0; i < names.n; i++) {
		struct stat st;

		path->len = len;
		if (len && path->ptr[len - 1] != '/')
			buf_addch(path, '/');
		buf_adds(path, names.v[i]);
		if (lstat(path->ptr, &st) < 0) {
			diag_error(d, path->ptr, 0, 0, "%s", strerror(errno));
			ret = -1;
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			if (!o->follow)
				continue;
			if (stat(path->ptr, &st) < 0) {
				diag_warn(d, path->ptr, 0, 0, "broken symbolic link: %s",
					  strerror(errno));
				continue;
			}
		}
		if (S_ISDIR(st.st_mode)) {
			const struct ancestor *a;
			struct ancestor here = { st.st_dev, st.st_ino, up };

			for (a = up; a; a = a->up)
				if (a->dev == st.st_dev && a->ino == st.st_ino)
					break;
			if (a) {
				diag_warn(d, path->ptr, 0, 0, "a loop of links back to a folder above; skipped");
				continue;
			}
			if (walk_dir(out, path, o, &here, d) < 0)
				ret = -1;
		} else if (S_ISREG(st.st_mode) && has_ext(names.v[i], o->exts)) {
			strlist_add(out, path->ptr, path->len);
		}
	}
	path->len = len;
	path->ptr[len] = '\0';
	strlist_release(&names);
	return ret;
}

int walk_path(struct strlist *out, const char *path, const struct walk_opts *o,
	      struct diag *d)
{
	struct stat st;
	struct buf b = BUF_INIT;
	struct ancestor top;
	int ret;

	if (stat(path, &st) < 0) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode)) {
		strlist_add(out, path, strlen(path));
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_error(d, path, 0, 0, "not a regular file or a folder; skipped");
		return -1;
	}
	top.dev = st.st_dev;
	top.ino = st.st_ino;
	top.up = NULL;
	buf_adds(&b, path);
	ret = walk_dir(out, &b, o, &top, d);
	buf_release(&b);
	return ret;
}

void walk_sort(struct strlist *paths)
{
	size_t i, j;

	if (!paths->n)
		return;
	qsort(paths->v, paths->n, sizeof(char *), cmp_name);
	for (i = j = 1; i < paths->n; i++) {
		if (strcmp(paths->v[i], paths->v[j - 1]) == 0) {
			free(paths->v[i]);
			continue;
		}
		paths->v[j++] = paths->v[i];
	}
	paths->n = j;
}
