/* d_type in struct dirent (glibc, the BSDs): saves a stat per entry */
#define _DEFAULT_SOURCE

#include "walk.h"
#include "buf.h"
#include "diag.h"
#include "strlist.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const walk_default_exts[] = { "md", "markdown", "txt", NULL };

/* Below this depth a folder's descriptor stays open while its subfolders
 * are walked; deeper, it is closed and found again through "..", so a tree
 * of any depth needs a handful of descriptors. */
#define KEEP_FD_DEPTH 4

struct ancestor {
	dev_t dev;
	ino_t ino;
	const struct ancestor *up;
};

struct walker {
	walk_fn fn;
	void *arg;
	int stopped;		/* fn asked to stop */
	const struct walk_opts *o;
	struct diag *d;
	struct buf path;	/* of the folder or entry at hand, any length */
	unsigned depth;
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

static void say(const struct walk_opts *o, struct diag *d, enum diag_level level,
		const char *path, int folder, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Reports a message about `path` (a folder's when `folder`) and tells
 * o->said where it sorts among the notes: a folder as its path and a '/',
 * as every note in it begins. */
static void say(const struct walk_opts *o, struct diag *d, enum diag_level level,
		const char *path, int folder, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	size_t len = strlen(path);

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag_report(d, level, path, 0, 0, "%s", msg.ptr);
	if (o->said) {
		buf_reset(&msg);
		buf_add(&msg, path, len);
		if (folder && (!len || path[len - 1] != '/'))
			buf_addch(&msg, '/');
		o->said(msg.ptr, o->said_arg);
	}
	buf_release(&msg);
}

/* Is the entry `name` of the folder open as `fd` a folder the walk would
 * enter?  Answered from the listing when it can be, else by a stat; an
 * entry that cannot be looked at counts as a file here (the walk reports
 * it when it gets to it). */
static int lists_as_folder(const struct walker *w, int fd, const struct dirent *de)
{
	struct stat st;

	switch (de->d_type) {
	case DT_DIR:
		return 1;
	case DT_LNK:
		return w->o->follow && fstatat(fd, de->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
	case DT_UNKNOWN:
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			return 0;
		if (S_ISLNK(st.st_mode))
			return w->o->follow && fstatat(fd, de->d_name, &st, 0) == 0 &&
			       S_ISDIR(st.st_mode);
		return S_ISDIR(st.st_mode);
	default:
		return 0;
	}
}

/*
 * The visible names in the folder open as `fd`, sorted so that the walk
 * finds notes in byte order of their whole paths: a folder sorts as its
 * name and a '/', as every path under it begins (so "2024.md" comes before
 * the folder "2024", and "a-b" before the folder "a").  Folders' names are
 * listed with that '/' at the end.  `fd` stays open.
 */
static int read_names(struct walker *w, int fd, struct strlist *names)
{
	int dfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	struct dirent *de;
	struct buf name = BUF_INIT;
	DIR *dir;

	if (dfd < 0 || !(dir = fdopendir(dfd))) {
		say(w->o, w->d, DIAG_ERROR, w->path.ptr, 1, "%s", strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	errno = 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] != '.') {
			buf_reset(&name);
			buf_adds(&name, de->d_name);
			if (lists_as_folder(w, fd, de))
				buf_addch(&name, '/');
			strlist_add(names, name.ptr, name.len);
		}
		errno = 0;
	}
	if (errno)
		say(w->o, w->d, DIAG_ERROR, w->path.ptr, 1, "%s", strerror(errno));
	closedir(dir);
	buf_release(&name);
	if (names->n)
		qsort(names->v, names->n, sizeof(char *), strlist_cmp);
	return 0;
}

/* Is this file where the report is going (banter notes > notes/r.md)? */
static int is_output(const struct walk_opts *o, const struct stat *st, const char *path,
		     struct diag *d)
{
	if (!o->skip_output || st->st_dev != o->out_dev || st->st_ino != o->out_ino)
		return 0;
	if (o->out_met)		/* the caller says what this means */
		++*o->out_met;
	else
		say(o, d, DIAG_WARNING, path, 0, "input file is also the output; skipped");
	return 1;
}

static int walk_dir(struct walker *w, int *fdp, const struct ancestor *here);

/* Enters the subfolder `name` of the folder open as *fdp (whose identity
 * is `here`).  *fdp may be replaced by another descriptor of that folder;
 * -1 means it could not be found again, and its walk must stop. */
static int enter(struct walker *w, int *fdp, const char *name, const struct stat *st,
		 int via_link, const struct ancestor *here)
{
	const struct ancestor *a;
	struct ancestor child = { st->st_dev, st->st_ino, here };
	struct stat cst;
	int cfd, ret = 0, reopen;

	for (a = here; a; a = a->up)
		if (a->dev == st->st_dev && a->ino == st->st_ino)
			break;
	if (a) {
		say(w->o, w->d, DIAG_WARNING, w->path.ptr, 1,
		    "a loop of links back to a folder above; skipped");
		return 0;
	}
	if (w->depth >= WALK_MAX_DEPTH) {
		say(w->o, w->d, DIAG_ERROR, w->path.ptr, 1,
		    "folders nested deeper than %d levels; not entered", WALK_MAX_DEPTH);
		return -1;
	}
	cfd = openat(*fdp, name, O_RDONLY | O_DIRECTORY | O_NOCTTY | O_CLOEXEC |
		     (via_link ? 0 : O_NOFOLLOW));
	if (cfd < 0) {
		say(w->o, w->d, DIAG_ERROR, w->path.ptr, 1, "%s", strerror(errno));
		return -1;
	}
	if (fstat(cfd, &cst) < 0 || cst.st_dev != st->st_dev || cst.st_ino != st->st_ino) {
		say(w->o, w->d, DIAG_ERROR, w->path.ptr, 1, "changed while being read; skipped");
		close(cfd);
		return -1;
	}
	reopen = !via_link && w->depth >= KEEP_FD_DEPTH;
	if (reopen) {
		close(*fdp);
		*fdp = -1;
	}
	w->depth++;
	if (walk_dir(w, &cfd, &child) < 0)
		ret = -1;
	w->depth--;
	if (reopen) {
		struct stat pst;

		if (cfd >= 0)
			*fdp = openat(cfd, "..", O_RDONLY | O_DIRECTORY | O_NOCTTY | O_CLOEXEC);
		if (*fdp >= 0 && (fstat(*fdp, &pst) < 0 || pst.st_dev != here->dev ||
				  pst.st_ino != here->ino)) {
			close(*fdp);
			*fdp = -1;
		}
	}
	if (cfd >= 0)
		close(cfd);
	return ret;
}

/* Walks the folder open as *fdp, named w->path. */
static int walk_dir(struct walker *w, int *fdp, const struct ancestor *here)
{
	struct strlist names = { NULL, 0, 0 };
	size_t i, len = w->path.len;
	int ret = 0;

	if (read_names(w, *fdp, &names) < 0)
		return -1;
	if (w->o->listed)
		w->o->listed(w->path.ptr, w->o->listed_arg);
	for (i = 0; i < names.n && !w->stopped; i++) {
		struct stat st;
		int via_link = 0, folder = 0;
		size_t nl = strlen(names.v[i]);

		if (nl > 1 && names.v[i][nl - 1] == '/') {
			names.v[i][nl - 1] = '\0';	/* the sort key's '/' */
			folder = 1;
		}
		w->path.len = len;
		if (len && w->path.ptr[len - 1] != '/')
			buf_addch(&w->path, '/');
		buf_adds(&w->path, names.v[i]);
		if (*fdp < 0) {
			say(w->o, w->d, DIAG_ERROR, w->path.ptr, folder,
			    "its folder moved while being read; not read");
			ret = -1;
			continue;
		}
		if (fstatat(*fdp, names.v[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			/* listed, then gone: reported, and the walk goes on */
			say(w->o, w->d, DIAG_ERROR, w->path.ptr, folder, "%s", strerror(errno));
			ret = -1;
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			if (!w->o->follow)
				continue;
			if (fstatat(*fdp, names.v[i], &st, 0) < 0) {
				say(w->o, w->d, DIAG_WARNING, w->path.ptr, 0,
				    "broken symbolic link: %s", strerror(errno));
				continue;
			}
			via_link = 1;
		}
		if (S_ISDIR(st.st_mode)) {
			if (enter(w, fdp, names.v[i], &st, via_link, here) < 0)
				ret = -1;
		} else if (S_ISREG(st.st_mode) && has_ext(names.v[i], w->o->exts)) {
			if (!is_output(w->o, &st, w->path.ptr, w->d) &&
			    w->fn(w->path.ptr, w->arg) < 0)
				w->stopped = 1;
		}
		/* FIFOs, devices and sockets are never opened */
	}
	w->path.len = len;
	w->path.ptr[len] = '\0';
	strlist_release(&names);
	return ret;
}

int walk_each(const char *path, const struct walk_opts *o, struct diag *d, walk_fn fn,
	      void *arg)
{
	struct walker w;
	struct stat st;
	struct ancestor top;
	int fd, ret;

	if (stat(path, &st) < 0) {
		say(o, d, DIAG_ERROR, path, 0, "%s", strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode)) {
		if (!is_output(o, &st, path, d))
			fn(path, arg);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		say(o, d, DIAG_ERROR, path, 0, "not a regular file or a folder; skipped");
		return -1;
	}
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		say(o, d, DIAG_ERROR, path, 1, "%s", strerror(errno));
		return -1;
	}
	top.dev = st.st_dev;
	top.ino = st.st_ino;
	top.up = NULL;
	w.fn = fn;
	w.arg = arg;
	w.stopped = 0;
	w.o = o;
	w.d = d;
	w.depth = 0;
	buf_init(&w.path);
	buf_adds(&w.path, path);
	ret = walk_dir(&w, &fd, &top);
	if (fd >= 0)
		close(fd);
	buf_release(&w.path);
	return ret;
}

static int collect(const char *path, void *arg)
{
	strlist_add(arg, path, strlen(path));
	return 0;
}

int walk_path(struct strlist *out, const char *path, const struct walk_opts *o,
	      struct diag *d)
{
	return walk_each(path, o, d, collect, out);
}

void walk_sort(struct strlist *paths)
{
	strlist_sort_unique(paths);
}

void walk_skip_output(struct walk_opts *o, int fd)
{
	struct stat st;

	o->skip_output = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (o->skip_output) {
		o->out_dev = st.st_dev;
		o->out_ino = st.st_ino;
	}
}


int walk_folder_below(const char *root, const char *path, unsigned depth,
		      const char **name, size_t *len)
{
	size_t rl = strlen(root);
	const char *p, *slash;

	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	if (strncmp(path, root, rl) != 0)
		return -1;
	p = path + rl;
	if (rl && root[rl - 1] != '/') {
		if (*p != '/')
			return -1;
		p++;
	}
	for (;;) {
		while (*p == '/')
			p++;
		slash = strchr(p, '/');
		if (!slash || !depth)
			return -1;	/* the note's own name is no folder */
		if (--depth == 0) {
			*name = p;
			*len = (size_t)(slash - p);
			return 0;
		}
		p = slash + 1;
	}
}

int walk_folder_client(const struct strlist *roots, const char *path, unsigned depth,
		       struct strlist *out)
{
	const char *name = NULL, *p;
	size_t i, len = 0, n, best = 0;

	for (i = 0; roots && i < roots->n; i++) {
		if (walk_folder_below(roots->v[i], path, depth, &p, &n) == 0 &&
		    (!name || strlen(roots->v[i]) > best)) {
			name = p;
			len = n;
			best = strlen(roots->v[i]);
		}
	}
	if (!name)
		return -1;
	strlist_add(out, name, len);
	return 0;
}
