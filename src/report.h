/*
 * report: the renderers.  One file per format (report_text.c,
 * report_json.c, report_csv.c for CSV and TSV), each at three levels:
 * one row per client (with totals), per note, or per passage.  A renderer
 * is fed every processed note in order (report_note) and the finished
 * tally at the end (report_end); rows at the note and passage levels are
 * written as notes come, where the format allows.
 *
 * Text taken from notes (names, paths, excerpts) is escaped in every
 * format (esc.h).  Output goes to `out` through one buffer; write errors
 * are left for the caller to find with ferror().
 */
#ifndef BANTER_REPORT_H
#define BANTER_REPORT_H

#include <stdio.h>

#include "buf.h"
#include "tally.h"

struct note_result;
struct ruleset;

enum format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_JSONL,		/* the rows of the JSON document, one a line */
	FORMAT_CSV,
	FORMAT_TSV
};

enum level {
	BY_CLIENT,
	BY_NOTE,
	BY_PASSAGE
};

struct report_opts {
	enum format format;
	int format_set;		/* 0 defaulted, 1 from the configuration, 2 from the command line */
	enum level by;
	enum period period;	/* with by=client: a row per client and period */
	int annotate;		/* editor lines: path:line:col: label (...) topics: excerpt */
	int explain;		/* add the rules that matched: 1 configured, 2 asked for */
	int width;		/* text: the terminal's width, 0 for no limit */
	int color;		/* text: colour the flags and headers */
	int quiet;		/* only clients with a flag in check_flags */
	unsigned check_flags;
	const struct ruleset *rules;
};

struct table;

struct report {
	const struct report_opts *o;
	FILE *out;
	struct buf b;
	unsigned rows;
	struct table *table;	/* text: rows wait here to be aligned */
};

void report_begin(struct report *r, const struct report_opts *o, FILE *out);
void report_note(struct report *r, const struct note_result *n);
void report_end(struct report *r, const struct tally *t);
void report_release(struct report *r);

/* Shared by the renderers (report.c). */
void report_flush(struct report *r);
/*
 * Text from a note, escaped, its white space runs folded, and cut with an
 * ellipsis to at most max_width columns and max_width *
 * EXCERPT_BYTES_PER_COLUMN bytes (0: no limit).
 */
#define EXCERPT_BYTES_PER_COLUMN 8
void report_excerpt(struct buf *out, const char *s, size_t len, size_t max_width,
		    unsigned esc);
/* The same without folding white space: a name as it is spelled. */
void report_name(struct buf *out, const char *s, size_t len, size_t max_width);
void report_num(struct buf *out, double x, int max_decimals);
/* A note's clients, escaped for data, joined by ';' (a ';' in a name
 * written \;). */
void report_clients(struct buf *out, const struct note_result *n);
void report_topics(struct buf *out, const struct ruleset *rs, const struct note_result *n,
		   size_t passage, const char *sep);
void report_flags(struct buf *out, unsigned flags, const char *sep);
/* Is this client row shown?  Everything, or only the flagged with --quiet. */
int report_shows(const struct report *r, const struct client *c);
/* Does --quiet leave anything to print at all? */
int report_anything(const struct report *r, const struct tally *t);

/* The renderers. */
void report_text_note(struct report *r, const struct note_result *n);
void report_text_end(struct report *r, const struct tally *t);
void report_json_begin(struct report *r);
void report_json_note(struct report *r, const struct note_result *n);
void report_json_end(struct report *r, const struct tally *t);
void report_csv_begin(struct report *r);
void report_csv_note(struct report *r, const struct note_result *n);
void report_csv_end(struct report *r, const struct tally *t);
void report_text_release(struct report *r);

#endif
