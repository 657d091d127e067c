/*
 * diag: diagnostics in one format,
 *
 *	banter: PATH:LINE:COL: LEVEL: message
 *
 * (LINE and COL are left out when unknown).  The path is escaped, so a file
 * name with a newline or an escape sequence stays on one line.  Messages
 * are lowercase, with no final full stop, and quote their subject in single
 * quotes.  The worst level seen decides the exit status (see main.c).
 *
 * Layer: primitives.  Calls buf and esc.
 */
#ifndef BANTER_DIAG_H
#define BANTER_DIAG_H

#include <stdio.h>

struct buf;

enum diag_level {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR
};

struct diag {
	FILE *out;		/* where lines go when `capture` is NULL */
	struct buf *capture;	/* else they are appended here (borrowed) */
	unsigned errors;
	unsigned warnings;
	int quiet;		/* warnings and notes are counted, not said */
};

void diag_init(struct diag *d, FILE *out);

void diag_report(struct diag *d, enum diag_level level, const char *path,
		 unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

#define diag_error(d, path, line, col, ...) \
	diag_report((d), DIAG_ERROR, (path), (line), (col), __VA_ARGS__)
#define diag_warn(d, path, line, col, ...) \
	diag_report((d), DIAG_WARNING, (path), (line), (col), __VA_ARGS__)
#define diag_note(d, path, line, col, ...) \
	diag_report((d), DIAG_NOTE, (path), (line), (col), __VA_ARGS__)

#endif
