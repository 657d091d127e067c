/*
 * transcript: reads a meeting transcript pasted into a note as speaker
 * turns, for passage_split().  Each turn is a passage of kind
 * PASSAGE_TURN with its speaker; the label that names the speaker, the
 * timestamps and the cue lines of a subtitle file are not words of it
 * (see passage.h for the shapes read and the evidence asked for).
 *
 * Layer: passages.  Called by passage.c; may call markup and the primitives.
 */
#ifndef BANTER_TRANSCRIPT_H
#define BANTER_TRANSCRIPT_H

#include <stddef.h>

#include "passage.h"

/*
 * Reads the lines of text[from, to), the first of which is line `line` of
 * the file, as a transcript, appending its turns to `out` (named by the
 * section sec_off, sec_len of out->sections) and their blanked pieces to
 * out->holes.  When what was read is no transcript, `out` is left as it
 * was.  Returns whether it was one.
 *
 * `fenced`: the lines are the content of a fenced block, read to `to`;
 * text before the first turn, and a paragraph after a blank line, belong
 * to no turn and to the turn before them.  Otherwise the lines are the
 * body of a note from a line that may begin a transcript: the run of turns
 * ends at a Markdown block (a heading, fence, list item, quote, thematic
 * break or comment), at a paragraph after a blank line, or at `to`, and
 * *end is set to the start of the first line after it (to `from` when the
 * line begins none).
 *
 * Linear in the length of what it reads.
 */
int transcript_read(const char *text, size_t from, size_t to, unsigned line,
		    int fenced, size_t sec_off, size_t sec_len,
		    struct passage_list *out, size_t *end);

#endif
