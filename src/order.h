/*
 * order: puts collected notes in order.  When the walk's notes are
 * gathered first (roots inside one another, --files-from, --follow), they
 * are put in byte order of their paths, with the walk's messages at the
 * paths they are about, and a note reached by two spellings is kept once.
 * The roots are planned here too: whether they can be walked one after
 * the other.
 *
 * Layer: paths.  Calls the primitives (not walk: it orders what a walk
 * collected).
 */
#ifndef BANTER_ORDER_H
#define BANTER_ORDER_H

#include "buf.h"
#include "strlist.h"

/* The walk's messages in a collected run: text.v[i] (whole lines) is
 * about the path at.v[i], as walk_opts.said gives it. */
struct walk_msgs {
	struct strlist at;
	struct strlist text;
};

/*
 * Sorts collected paths and removes a note found a second time under
 * another spelling ("notes/a.md", "./notes//a.md", "notes/x/../a.md" and
 * its absolute path): the first in byte order stays.  The real folder a
 * path is in and its own name decide; a hard link or a symbolic link to a
 * note is another note, as it is to a walk that meets both.
 *
 * The walk's messages (`msgs`, may be NULL) are put in the same order, as
 * if each were a note at the path it is about, before a note of that very
 * path; a message said twice at one path (a folder walked under two roots)
 * is kept once.  `pre` (empty, or NULL when msgs is) gets one string for
 * each path kept: the messages that come just before it, or ""; those
 * after the last path are appended to `tail` (may be NULL when msgs is).
 * `msgs` is emptied.
 */
void walk_order(struct strlist *paths, struct walk_msgs *msgs, struct strlist *pre,
		struct buf *tail);

/*
 * Puts the roots (files and folders named on the command line) in the
 * order their notes sort in, leaving out repeats ("notes", "notes/" and
 * "./notes"), so that walking them one after another finds every note in
 * the order walk_sort() would give all of them.  Returns 0, or -1 when one
 * root holds another ("notes" and "notes/2024", "./notes/2024" or "." and
 * "2024" inside notes; folders are compared by their real paths) or one's
 * spelling begins another's ("a" and "a/../b", whose notes interleave in
 * byte order): then only collecting every path, sorting them and removing
 * repeats (walk_each, then walk_order) gives that order.
 */
int walk_plan(struct strlist *roots);

#endif
