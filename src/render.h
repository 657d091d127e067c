/*
 * render: what the renderers share, below them as cmark's render.c is
 * below its html.c and man.c.  The report's options, the state a renderer
 * writes through (struct render), the table of a format's functions
 * (struct renderer), and the helpers that write numbers, names, excerpts,
 * topics and flags the same way in every format.
 *
 * Layer: report, its bottom.  May call the primitives (buf, esc, util) and
 * the tallies (tally); it calls no renderer.  The renderers (report_*.c)
 * call it, and report.c chooses among them.
 *
 * Text taken from notes (names, paths, excerpts) is escaped in every
 * format (esc.h).  Output goes to `out` through one buffer; write errors
 * are left for the caller to find with ferror().
 */
#ifndef BANTER_RENDER_H
#define BANTER_RENDER_H

#include <stddef.h>
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
	FORMAT_TSV,
	FORMAT_MARKDOWN,
	FORMAT_HTML
};

/*
 * The first line of a report banter writes in a format people keep beside
 * their notes (Markdown, HTML).  A file that starts with RENDER_MARKER is
 * a report, not a note: it is skipped when notes are read, and -o may
 * overwrite it.
 */
#define RENDER_MARKER "<!-- banter report"
#define RENDER_MARKER_MD RENDER_MARKER ": made by banter, overwritten when it runs again -->"
#define RENDER_MARKER_HTML RENDER_MARKER ": made by banter, overwritten when it runs again -->" 

enum level {
	BY_CLIENT,
	BY_NOTE,
	BY_PASSAGE
};

enum redact {
	REDACT_NONE,
	REDACT_NOTES,		/* leave out what quotes or points into a note */
	REDACT_CLIENTS		/* that, and clients named client-01, ... */
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
	int ascii;		/* text: sparklines in ASCII (--ascii, or no UTF-8 locale) */
	enum redact redact;	/* report.c hands the renderers redacted copies */
	int quiet;		/* only clients with a flag in check_flags */
	unsigned check_flags;
	const struct ruleset *rules;
};

/* A report being written. */
struct render {
	const struct report_opts *o;
	FILE *out;
	struct buf b;		/* what is not yet written to `out` */
	unsigned rows;		/* the rows written so far */
	void *state;		/* the renderer's own (text: the table of rows
				 * waiting to be aligned); its release frees it */
};

/*
 * A format's functions.  `begin` runs once before the first note (may be
 * NULL), `note` for each processed note in order at the note and passage
 * levels, `end` once with the finished tally, and `release` (may be NULL)
 * frees `state` whether or not `end` ran.  A new format is one file that
 * defines one of these, and a line in report.c's table.
 */
struct renderer {
	void (*begin)(struct render *r);
	void (*note)(struct render *r, const struct note_result *n);
	void (*end)(struct render *r, const struct tally *t);
	void (*release)(struct render *r);
};

void render_init(struct render *r, const struct report_opts *o, FILE *out);
void render_release(struct render *r);

/* Writes out what is buffered. */
void render_flush(struct render *r);

/*
 * Text from a note, escaped, its white space runs folded, and cut with an
 * ellipsis to at most max_width columns and max_width *
 * EXCERPT_BYTES_PER_COLUMN bytes (0: no limit).
 */
#define EXCERPT_BYTES_PER_COLUMN 8
void render_excerpt(struct buf *out, const char *s, size_t len, size_t max_width,
		    unsigned esc);
/* The same without folding white space: a name as it is spelled. */
void render_name(struct buf *out, const char *s, size_t len, size_t max_width);
/* x with at most max_decimals decimals, trailing zeros dropped but one;
 * 0 for what is not finite or rounds to zero. */
void render_num(struct buf *out, double x, int max_decimals);

/* Words of every label: words[0, LABEL_COUNT) added up. */
unsigned long render_total_words(const unsigned long *words);
/* A note's clients, escaped for data, joined by ';' (a ';' in a name
 * written \;). */
void render_clients(struct buf *out, const struct note_result *n);
/* The topics of the note's passage number `passage`, joined by `sep`. */
void render_topics(struct buf *out, const struct ruleset *rs, const struct note_result *n,
		   size_t passage, const char *sep);
/* The names of the flags set in `flags`, joined by `sep`. */
void render_flags(struct buf *out, unsigned flags, const char *sep);
/* Is this client row shown?  Everything, or only the flagged with --quiet. */
int render_shows(const struct render *r, const struct client *c);
/* Does --quiet leave anything to print at all? */
int render_anything(const struct render *r, const struct tally *t);

#endif
