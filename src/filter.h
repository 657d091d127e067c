/*
 * filter: the notes a report counts, as --since, --until, --client and
 * --tag ask.  Applied to each scanned note before it is tallied.
 *
 * Layer: tallies.  May call the primitives (util) and tally (its client
 * name folding); called by the glue (main.c).  cli.c fills the filter.
 */
#ifndef BANTER_FILTER_H
#define BANTER_FILTER_H

#include "meta.h"

struct note_result;

struct filter {
	char since[11];		/* YYYY-MM-DD, "" when not given */
	char until[11];
	struct strlist clients;	/* folded names (tally_fold) */
	struct strlist tags;	/* any of them, without a leading '#' */
};

/* Frees the lists; the filter can be filled again. */
void filter_release(struct filter *f);

/*
 * Whether the note is counted.  With --client, the note keeps only the
 * clients asked for (a joint note counts for them alone), and is left out
 * when none is left.  A note without a date is left out by a date filter,
 * and counted in *undated.
 */
int filter_note(const struct filter *f, struct note_result *r, unsigned long *undated);

#endif
