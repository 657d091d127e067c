/*
 * input: the notes a run reads.  The paths given and the --files-from
 * lists become the roots to walk as the notes are scanned; or, when a walk
 * would not meet them in path order (a list of files, roots inside one
 * another, a walk that follows links to notes met another way), every
 * path is collected, sorted and rid of repeats first, and the walk's
 * messages put in their places among them.
 *
 * Layer: glue.  May call paths (walk, order) and the primitives (buf,
 * diag, strlist); called by main.c.
 */
#ifndef BANTER_INPUT_H
#define BANTER_INPUT_H

#include "buf.h"
#include "meta.h"

struct diag;
struct walk_opts;

struct input {
	struct strlist roots;	/* to walk, unless collected */
	struct strlist dirs;	/* the folders named on the command line */
	int use_stdin;		/* a note on standard input, read first */
	int collected;		/* paths, pre and tail are in use */
	struct strlist paths;	/* the notes, in path order */
	struct strlist pre;	/* the walk's messages before each path */
	struct buf tail;	/* those after the last path */
};

void input_init(struct input *in);
void input_release(struct input *in);

/*
 * Finds the inputs: `paths` as given ("-" is standard input), and the
 * lists `lists` names (NUL-separated with `null_sep`, else one a line;
 * "-" is standard input).  With neither, standard input when it is a
 * pipe or a file, else the current folder.  A problem with one input is
 * reported, and the rest still found.  `walk` is used as given, its
 * message callback borrowed while collecting.
 */
void input_find(struct input *in, const struct strlist *paths, const struct strlist *lists,
		int null_sep, struct walk_opts *walk, struct diag *d);

#endif
