/*
 * report: the report in the format asked for, at one of three levels: one
 * row per client (with totals), per note, or per passage.  It is fed every
 * processed note in order (report_note) and the finished tally at the end
 * (report_end); rows at the note and passage levels are written as notes
 * come, where the format allows.
 *
 * Layer: report, its top.  It only chooses the format's renderer
 * (report_text.c, report_json.c for JSON and JSON Lines, report_csv.c for
 * CSV and TSV) and calls it through render.h's struct renderer; what the
 * renderers share is in render.c.  Called by the glue (main.c).
 *
 * With --redact the renderers get copies of the notes and the tally
 * without paths (note-0001, in path order), excerpts, sections,
 * attendees and tags, and with --redact=clients without client names
 * (client-01, in the order of the report; introducers likewise).
 *
 * Text taken from notes is escaped in every format (esc.h).  Output goes to
 * `out` through one buffer; write errors are left for the caller to find
 * with ferror().
 */
#ifndef BANTER_REPORT_H
#define BANTER_REPORT_H

#include <stdio.h>

#include "render.h"
#include "strlist.h"

struct note_result;
struct tally;

struct report {
	struct render r;
	const struct renderer *fmt;
	unsigned notes;		/* --redact: the notes numbered so far */
	struct strlist names;	/* --redact=clients: folded names, in the order met */
};

void report_begin(struct report *rep, const struct report_opts *o, FILE *out);
void report_note(struct report *rep, const struct note_result *n);
void report_end(struct report *rep, const struct tally *t);
void report_release(struct report *rep);

#endif
