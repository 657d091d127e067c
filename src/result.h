/*
 * result: what reading one note gave: its front matter, the clients it
 * counts under, and each passage with its label, scores, section, speaker,
 * topics and rule hits.  scan.c fills it; the tallies, the filters and
 * the reports read it.
 *
 * Layer: labels, at their top: types only, so that the tallies and the
 * reports below the glue need not include scan.h.
 */
#ifndef BANTER_RESULT_H
#define BANTER_RESULT_H

#include <stddef.h>

#include "buf.h"
#include "label.h"
#include "meta.h"
#include "note.h"
#include "rules.h"
#include "strlist.h"

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

#endif
