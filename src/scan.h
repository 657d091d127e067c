/*
 * scan: the whole per-note pipeline.  Reads one note, splits its front
 * matter and body, reads the fields, splits the body into passages and
 * classifies each one, leaving everything the tally and the renderers need
 * in a struct note_result.  Diagnostics are collected in the result, so
 * that notes scanned in any order are reported in the same order.
 *
 * A scanner holds per-thread state; the options and rules are shared.
 *
 * Layer: glue.  May call the files (note), front matter (meta), passages
 * (passage, markup), labels (classify) and the primitives; called by
 * pool.c and main.c.
 */
#ifndef BANTER_SCAN_H
#define BANTER_SCAN_H

#include <stddef.h>

#include "buf.h"
#include "limits.h"
#include "classify.h"
#include "meta.h"
#include "note.h"
#include "passage.h"
#include "result.h"
#include "rules.h"

struct scan_opts {
	const struct ruleset *rules;
	const struct meta_keys *keys;
	const struct limits *limits;	/* NULL: limits_default */
	int client_from_dir;
	unsigned client_dir_depth;	/* N of --client-from-dir=N; 0: the note's own folder */
	const struct strlist *client_dirs;	/* the folders named on the command line */
	int keep_hits;		/* keep every rule hit (for --explain) */
	int quiet;		/* say errors only (-q) */
};


struct scanner {
	const struct scan_opts *opts;
	struct classifier cls;
	struct passage_list pl;
	struct verdict v;
};

/* The limits in force: opts->limits, or the defaults. */
const struct limits *scan_limits(const struct scan_opts *opts);

void scanner_init(struct scanner *s, const struct scan_opts *opts);
void scanner_release(struct scanner *s);

void note_result_init(struct note_result *r);
void note_result_release(struct note_result *r);

/*
 * Scans the note at `path` (read from `fd` when fd >= 0).  `r` is reset
 * first, and its storage reused.
 */
void scan_note(struct scanner *s, const char *path, int fd, struct note_result *r);

/* Scans a note already in r->note (tests, fuzzing). */
void scan_loaded(struct scanner *s, struct note_result *r);

#endif
