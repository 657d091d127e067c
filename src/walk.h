/*
 * walk: finds the notes named on the command line.
 *
 * A file named explicitly is taken whatever its extension; a directory is
 * walked for files whose extension is one of `exts`, skipping hidden
 * entries (names starting with '.': .git, .obsidian, .trash), visiting only
 * regular files and not following symbolic links unless `follow` is set
 * (and then never round a loop).  FIFOs, devices and sockets are never
 * opened.  Problems are reported and the walk goes on: an entry that
 * vanishes between the listing and its stat is an error naming it.
 *
 * Folders are opened relative to their parent (openat), so a tree whose
 * paths are longer than PATH_MAX is walked whole, holding at most six
 * descriptors whatever its depth; nesting deeper than WALK_MAX_DEPTH is
 * an error naming the folder not entered.
 *
 * Notes are found in byte order of their paths, whatever order the file
 * system lists entries in, so the report does not depend on it: each
 * folder's entries are sorted, a folder as its name and a '/'.  Nothing is
 * kept but the folders on the way down, so memory does not grow with the
 * number of notes.
 *
 * Layer: paths.  Calls the primitives only: opening a note is note's.
 */
#ifndef BANTER_WALK_H
#define BANTER_WALK_H

#include <sys/types.h>

#include "strlist.h"

struct diag;

#define WALK_MAX_DEPTH 4096

struct walk_opts {
	const char *const *exts;	/* NULL-terminated, without the dot */
	int follow;
	int skip_output;	/* leave out the file standard output writes to */
	dev_t out_dev;
	ino_t out_ino;
	unsigned *out_met;	/* when not NULL: counts the times the walk met that
				 * file, instead of warning that it is skipped */
	/* a test seam: called with each folder's path once it is listed and
	 * before its entries are looked at (NULL: none) */
	void (*listed)(const char *folder, void *arg);
	void *listed_arg;
	/* when not NULL: called after each message the walk reports (to
	 * d->capture, when set) with the path it is about, spelled as the
	 * walk's notes are and a folder's ending in '/' (so it sorts among the
	 * notes as a walk meets it), for a caller that sorts the notes to put
	 * the message in its place: see walk_order() in order.h */
	void (*said)(const char *at, void *arg);
	void *said_arg;
};

extern const char *const walk_default_exts[];

/* Called with each note's path (NUL-terminated), in order.  Returns 0 to
 * go on, or -1 to end the walk. */
typedef int (*walk_fn)(const char *path, void *arg);

/* Walks `path` (a file or a folder), calling `fn` for each note.  Returns
 * 0, or -1 when something was reported as an error. */
int walk_each(const char *path, const struct walk_opts *o, struct diag *d, walk_fn fn,
	      void *arg);

/* Adds the notes of `path` (a file or a folder) to `out`.  Returns as
 * walk_each does. */
int walk_path(struct strlist *out, const char *path, const struct walk_opts *o,
	      struct diag *d);

/*
 * The folder `depth` (1 or more) levels below the folder `root` in the
 * path of a note that a walk of `root` found: with root "Clients" and
 * depth 1, "Clients/Acme/2024/Q1/a.md" gives "Acme".  Sets (*name, *len)
 * to that span of `path` and returns 0, or returns -1 when the note lies
 * fewer than `depth` folders below root, or does not lie under it.
 */
int walk_folder_below(const char *root, const char *path, unsigned depth,
		      const char **name, size_t *len);

/* Adds to `out` the folder `depth` levels below the deepest of `roots`
 * (the folders named on the command line) that holds `path`, as
 * walk_folder_below() finds it.  Returns 0, or -1 when there is none: a
 * note named as a file, listed, or on standard input has no such folder. */
int walk_folder_client(const struct strlist *roots, const char *path, unsigned depth,
		       struct strlist *out);

/* Sorts and removes repeats. */
void walk_sort(struct strlist *paths);

/*
 * When `fd` (where the report goes: 1, or the file of an output option) is
 * a regular file, makes the walk leave that file out with a warning
 * ("input file is also the output"), so that `banter notes >
 * notes/report.md` does not read its own report.  Call it before walking.
 */
void walk_skip_output(struct walk_opts *o, int fd);

#endif
