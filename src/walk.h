/*
 * walk: finds the notes named on the command line.
 *
 * A file named explicitly is taken whatever its extension; a directory is
 * walked for files whose extension is one of `exts`, skipping hidden
 * entries (names starting with '.': .git, .obsidian, .trash), visiting only
 * regular files and not following symbolic links unless `follow` is set
 * (and then never round a loop).  FIFOs, devices and sockets are never
 * opened.  Problems are reported and the walk goes on.
 *
 * The result is sorted (byte order) and free of repeats, so the report
 * does not depend on the order the file system lists entries in.
 */
#ifndef BANTER_WALK_H
#define BANTER_WALK_H

#include "meta.h"

struct diag;

struct walk_opts {
	const char *const *exts;	/* NULL-terminated, without the dot */
	int follow;
};

extern const char *const walk_default_exts[];

/* Adds `path` (a file or a directory) to `out`.  Returns 0, or -1 when
 * something was reported as an error. */
int walk_path(struct strlist *out, const char *path, const struct walk_opts *o,
	      struct diag *d);

/* Sorts and removes repeats. */
void walk_sort(struct strlist *paths);

#endif
