/*
 * output: where the report goes, and what it can show there.
 *
 * Standard output, or the -o file, made only once the rules are good.  A
 * file that already exists might be one of the notes, and banter never
 * writes to a note: the report is then written to a temporary file first,
 * and copied over the old one only once the walk has not met it
 * (output_done).
 *
 * Layer: glue.  May call the primitives (diag); called by main.c.
 */
#ifndef BANTER_OUTPUT_H
#define BANTER_OUTPUT_H

#include <stdio.h>

struct diag;

enum color {
	COLOR_AUTO,
	COLOR_ALWAYS,
	COLOR_NEVER
};

struct output {
	const char *path;	/* the -o file, or NULL for standard output */
	FILE *f;		/* what the report is written to */
	int fd;			/* an existing -o file, kept unchanged until the end; or -1 */
	unsigned met;		/* the times the walk met that file */
	int report;		/* the existing -o file is a report banter wrote
				 * (starts with RENDER_MARKER): it may be replaced
				 * even when the walk met it */
};

/* Opens the report's file: `path` (NULL or "-": standard output).
 * Returns 0, or -1 after reporting. */
int output_open(struct output *out, const char *path, struct diag *d);

/* Counts standard input as met when it is the existing -o file:
 * `banter -o note.md < note.md` reads the note and does not write it. */
void output_meet_stdin(struct output *out);

/* Finishes the report's file: 0, or -1 after reporting that it could not
 * be written (or that it is one of the notes). */
int output_done(struct output *out, struct diag *d);

/* The text report's width: $COLUMNS, else the terminal's; 0 (no limit)
 * for a pipe or a file. */
int output_width(FILE *out);

/* Whether to colour: only on a terminal that can show it, and never with
 * NO_COLOR, unless `when` says always or never. */
int output_color(enum color when, FILE *out);

/* Whether the locale (LC_ALL, else LC_CTYPE, else LANG) is UTF-8. */
int output_utf8(void);

/* Flushes and closes standard output: 0, or -1 after reporting a write
 * error. */
int output_close_stdout(void);

#endif
