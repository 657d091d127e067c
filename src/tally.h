/*
 * tally: per-client totals.
 *
 * Client names compare without regard to (ASCII) case, with white space
 * folded; the name shown is the most frequent spelling (the first in byte
 * order on a tie).  A note that names two clients counts for both, and
 * once in the totals.  Memory grows with the number of clients (and
 * periods), not of notes.
 *
 * With a period, each client also has a row per period its dated notes
 * fall in.  A client is drifting when its social share was outside the
 * band in each of its last `drift_periods` periods with any classified
 * words (months, when no period is asked for).
 *
 * Layer: tallies.  Calls date and the primitives; knows labels by
 * label.h alone.
 */
#ifndef BANTER_TALLY_H
#define BANTER_TALLY_H

#include <stddef.h>

#include "label.h"

struct note_result;

enum flag {
	FLAG_CHATTY = 1 << 0,
	FLAG_ALL_BUSINESS = 1 << 1,
	FLAG_REFERRAL_HEAVY = 1 << 2,
	FLAG_STALE = 1 << 3,
	FLAG_DRIFTING = 1 << 4
};

#define FLAG_COUNT 5
extern const char *const flag_names[FLAG_COUNT];

enum period {
	PERIOD_NONE,
	PERIOD_WEEK,		/* ISO 8601 week: 2026-W05 */
	PERIOD_MONTH,		/* 2026-03 */
	PERIOD_QUARTER,		/* 2026-Q1 */
	PERIOD_YEAR		/* 2026 */
};

struct tally_opts {
	enum period period;	/* rows per client and period (PERIOD_NONE: none) */
	unsigned drift_periods;	/* drifting: outside the band this many periods running */
	double target_lo;	/* social share band, in percent */
	double target_hi;
	double referral_rate;	/* referral asks per note above which: referral-heavy */
	unsigned referral_min;	/* ... and at least this many asks */
	int stale_days;		/* no meeting in this many days: stale (0: off) */
	char today[11];		/* YYYY-MM-DD */
};

struct spelling {
	char *name;
	unsigned count;
};

struct client {
	char *key;		/* folded name; NULL for the totals */
	const char *name;	/* the shown spelling, after tally_finish */
	struct spelling *sp;
	size_t nsp;
	size_t spalloc;
	unsigned notes;
	unsigned undated;
	char first[11];		/* "" when no note had a date */
	char last[11];
	unsigned passages[LABEL_COUNT];
	unsigned long words[LABEL_COUNT];
	double minutes[LABEL_COUNT];
	int has_minutes;
	unsigned *topics;	/* passages per topic id */
	unsigned referral_asks;
	unsigned introductions;	/* clients whose notes name this one in introduced_by */
	char period[12];	/* a period row's period, else "" */
	struct client **periods;	/* this client's period rows, sorted by tally_finish */
	size_t nperiods;
	size_t palloc;
	int has_share;
	double share;		/* social share, 0..1 */
	unsigned flags;
};

struct intro {
	char *by;		/* folded names */
	char *client;
	char period[12];	/* of the note that names them; "" if undated */
};

struct tally {
	size_t ntopics;
	const struct tally_opts *o;
	struct client **v;	/* sorted by tally_finish */
	size_t n;
	size_t alloc;
	size_t *index;		/* open addressing over v, by key */
	size_t index_size;
	struct client total;
	struct intro *intros;
	size_t nintros;
	size_t intro_alloc;
};

/* The options must outlive the tally. */
void tally_init(struct tally *t, size_t ntopics, const struct tally_opts *o);
void tally_release(struct tally *t);

/* Adds a scanned note (one that was processed). */
void tally_add(struct tally *t, const struct note_result *r);

/* Sorts the clients, picks names, computes shares and flags. */
void tally_finish(struct tally *t, const struct tally_opts *o);

/* Folds a client name into its key: ASCII lowercase, white space runs
 * become one space, trimmed.  The caller frees it. */
char *tally_fold(const char *name);

/* Social share of a set of word counts; returns 0 when nothing was
 * classified (business, social and mixed all zero). */
int tally_share(const unsigned long words[LABEL_COUNT], double *share);
/* The social share times `scale`, rounded half up without floating-point
 * error (0 when there are no classified words). */
unsigned tally_share_round(const unsigned long words[LABEL_COUNT], unsigned scale);

/* The period a date falls in, e.g. "2026-W05", "2026-03", "2026-Q1",
 * "2026" ("" for PERIOD_NONE). */
void tally_period(enum period p, const char *date, char out[12]);

#endif
