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

struct passage_result {
	size_t off;		/* the passage's span in note.text */
	size_t len;
	unsigned line;
	unsigned col;
	unsigned words;
	enum label label;
	double score[CAT_COUNT];
	int referral;
	size_t section_off;	/* its section's name, in note_result.sections */
	size_t section_len;	/* 0: no heading came before */
	size_t speaker_off;	/* a turn's speaker, in note.text */
	size_t speaker_len;	/* 0: no turn of a transcript */
	size_t topic_start;	/* into note_result.topics */
	size_t topic_n;
	size_t hit_start;	/* into note_result.hits */
	size_t hit_n;
};

enum note_status {
	NOTE_OK,
	NOTE_FAILED,		/* could not be processed: an error was reported */
	NOTE_SKIPPED		/* deliberately left out (a template) */
};

struct note_result {
	enum note_status status;
	struct note note;
	struct meta meta;
	struct strlist clients;	/* what it counts under: never empty when OK */
	struct passage_result *p;
	size_t np;
	size_t palloc;
	struct buf sections;	/* the passages' section names, end to end */
	unsigned *topics;
	size_t ntopics;
	size_t talloc;
	struct hit *hits;
	size_t nhits;
	size_t halloc;
	unsigned passages[LABEL_COUNT];
	unsigned long words[LABEL_COUNT];
	double minutes[LABEL_COUNT];
	unsigned referral_asks;
	unsigned match_errors;
	unsigned long skipped_lines;	/* in fences that were not read */
	struct buf diags;	/* this note's diagnostics, ready for stderr */
	unsigned errors;
	unsigned warnings;
};

#define NO_CLIENT "(no client)"

/* The path of a note read from standard input without --stdin-name. */
#define STDIN_NAME "<stdin>"

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
