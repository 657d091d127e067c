/*
 * Unit tests for tally.c: per-client totals from scanned notes.  The notes
 * are built by hand (struct note_result), so each test states exactly
 * what the tally is given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "label.h"
#include "note.h"
#include "scan.h"
#include "strlist.h"
#include "tally.h"
#include "util.h"

#define NTOPICS 4

/* A note counted under the clients in `names` (separated by '|'). */
static void nr_make(struct note_result *r, const char *names, const char *date)
{
	const char *p = names, *bar;

	note_result_init(r);
	note_set_text(&r->note, "n.md", "", 0);
	r->status = NOTE_OK;
	for (;;) {
		bar = strchr(p, '|');
		strlist_add(&r->clients, p, bar ? (size_t)(bar - p) : strlen(p));
		if (!bar)
			break;
		p = bar + 1;
	}
	if (date) {
		r->meta.has_date = 1;
		memcpy(r->meta.date, date, 11);
	}
}

/* Adds a passage of `words` words with this label and topic (-1: none). */
static void nr_passage(struct note_result *r, enum label label, unsigned words, int topic)
{
	struct passage_result *p;

	r->p = xgrow(r->p, sizeof(*r->p), r->np + 1, &r->palloc);
	p = &r->p[r->np++];
	memset(p, 0, sizeof(*p));
	p->label = label;
	p->words = words;
	p->topic_start = r->ntopics;
	if (topic >= 0) {
		r->topics = xgrow(r->topics, sizeof(*r->topics), r->ntopics + 1, &r->talloc);
		r->topics[r->ntopics++] = (unsigned)topic;
		p->topic_n = 1;
	}
	r->passages[label]++;
	r->words[label] += words;
}

/* A duration, apportioned by words as scan.c does. */
static void nr_minutes(struct note_result *r, double minutes)
{
	unsigned long total = 0;
	size_t i;

	r->meta.has_duration = 1;
	r->meta.minutes = minutes;
	for (i = 0; i < LABEL_COUNT; i++)
		total += r->words[i];
	for (i = 0; i < LABEL_COUNT; i++)
		r->minutes[i] = total ? minutes * (double)r->words[i] / (double)total : 0;
}

/* Adds one note with the given words (business, social, mixed, neutral). */
static void add_note(struct tally *t, const char *names, const char *date,
		     unsigned b, unsigned s, unsigned m, unsigned n)
{
	struct note_result r;

	nr_make(&r, names, date);
	if (b)
		nr_passage(&r, LABEL_BUSINESS, b, -1);
	if (s)
		nr_passage(&r, LABEL_SOCIAL, s, -1);
	if (m)
		nr_passage(&r, LABEL_MIXED, m, -1);
	if (n)
		nr_passage(&r, LABEL_NEUTRAL, n, -1);
	tally_add(t, &r);
	note_result_release(&r);
}

static struct tally_opts opts(void)
{
	struct tally_opts o;

	memset(&o, 0, sizeof(o));
	o.target_lo = 10;
	o.target_hi = 30;
	o.referral_rate = 0.5;
	o.referral_min = 2;
	o.stale_days = 0;
	return o;
}

static const struct client *find(const struct tally *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i]->name, name) == 0)
			return t->v[i];
	fail_msg("no client shown as '%s'", name);
	return NULL;
}

#define FOLD(in, want) do {						\
	char *k_ = tally_fold(in);					\
	assert_string_equal(k_, (want));				\
	free(k_);							\
} while (0)

static void test_fold(void **state)
{
	(void)state;
	FOLD("Acme", "acme");
	FOLD("  ACME   Corp\t", "acme corp");
	FOLD("Acme\r\n\tInc", "acme inc");
	FOLD("", "");
	FOLD(" \t ", "");
	FOLD("a b", "a b");
	/* ASCII only: other bytes are kept as they are */
	FOLD("CAF\xC3\x89 Bar", "caf\xC3\x89 bar");
	FOLD("(no client)", "(no client)");
}

static void test_share(void **state)
{
	unsigned long w[LABEL_COUNT] = { 0, 0, 0, 0 };
	double s = -1;

	(void)state;
	assert_int_equal(tally_share(w, &s), 0);
	assert_true(s == 0);
	w[LABEL_NEUTRAL] = 100;				/* neutral is not classified */
	assert_int_equal(tally_share(w, &s), 0);
	w[LABEL_BUSINESS] = 30;
	w[LABEL_SOCIAL] = 10;
	assert_int_equal(tally_share(w, &s), 1);
	assert_float_equal(s, 0.25, 1e-12);
	w[LABEL_MIXED] = 20;				/* half social */
	assert_int_equal(tally_share(w, &s), 1);
	assert_float_equal(s, 20.0 / 60.0, 1e-12);
	memset(w, 0, sizeof(w));
	w[LABEL_MIXED] = 7;
	assert_int_equal(tally_share(w, &s), 1);
	assert_float_equal(s, 0.5, 1e-12);
	memset(w, 0, sizeof(w));
	w[LABEL_SOCIAL] = 1;
	assert_int_equal(tally_share(w, &s), 1);
	assert_float_equal(s, 1.0, 1e-12);
}

/* Percents and bar lengths round half up on the exact share. */
static void test_share_round(void **state)
{
	unsigned long w[LABEL_COUNT] = { 0, 0, 0, 0 };

	(void)state;
	assert_int_equal(tally_share_round(w, 100), 0);
	w[LABEL_SOCIAL] = 57;				/* 28.5 %: 0.285 * 100 is 28.4999... */
	w[LABEL_BUSINESS] = 143;
	assert_int_equal(tally_share_round(w, 100), 29);
	w[LABEL_SOCIAL] = 1;				/* 12.5 % */
	w[LABEL_BUSINESS] = 7;
	assert_int_equal(tally_share_round(w, 100), 13);
	w[LABEL_SOCIAL] = 7;				/* 17.5 % of a 20-column bar is 3.5 */
	w[LABEL_BUSINESS] = 33;
	assert_int_equal(tally_share_round(w, 20), 4);
	w[LABEL_SOCIAL] = 0;				/* mixed is half social: 1 / 200 */
	w[LABEL_MIXED] = 1;
	w[LABEL_BUSINESS] = 99;
	assert_int_equal(tally_share_round(w, 100), 1);
	w[LABEL_BUSINESS] = 100;			/* 1 / 202 */
	assert_int_equal(tally_share_round(w, 100), 0);
	w[LABEL_BUSINESS] = 0;
	w[LABEL_MIXED] = 0;
	w[LABEL_SOCIAL] = (unsigned long)-1 / 2;		/* too large for exact sums */
	assert_int_equal(tally_share_round(w, 100), 100);
}

static void test_spelling(void **state)
{
	struct tally t;
	struct tally_opts o = opts();

	(void)state;
	tally_init(&t, NTOPICS, &o);
	add_note(&t, "ACME", NULL, 1, 0, 0, 0);
	add_note(&t, "Acme", NULL, 1, 0, 0, 0);
	add_note(&t, "  acme ", NULL, 1, 0, 0, 0);
	add_note(&t, "Acme", NULL, 1, 0, 0, 0);
	/* a tie: the first in byte order ("Beta" < "beta") */
	add_note(&t, "beta", NULL, 1, 0, 0, 0);
	add_note(&t, "Beta", NULL, 1, 0, 0, 0);
	add_note(&t, "Gamma  Ltd", NULL, 1, 0, 0, 0);
	add_note(&t, "gamma ltd", NULL, 1, 0, 0, 0);
	add_note(&t, "GAMMA LTD", NULL, 1, 0, 0, 0);
	tally_finish(&t, &o);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.v[0]->name, "Acme");
	assert_string_equal(t.v[0]->key, "acme");
	assert_int_equal(t.v[0]->notes, 4);
	assert_string_equal(t.v[1]->name, "Beta");
	assert_int_equal(t.v[1]->notes, 2);
	assert_string_equal(t.v[2]->name, "GAMMA LTD");	/* all three tie */
	assert_int_equal(t.v[2]->notes, 3);
	assert_int_equal(t.total.notes, 9);
	assert_null(t.total.key);
	tally_release(&t);
}

static void test_two_clients_one_note(void **state)
{
	struct tally t;
	struct tally_opts o = opts();
	const struct client *a, *b;

	(void)state;
	tally_init(&t, NTOPICS, &o);
	add_note(&t, "Acme|Beta", "2024-05-01", 40, 10, 0, 5);
	add_note(&t, "Beta", "2024-05-02", 0, 20, 0, 0);
	/* the same client twice in one note counts once */
	add_note(&t, "Acme|ACME|acme ", "2024-05-03", 10, 0, 0, 0);
	tally_finish(&t, &o);
	assert_int_equal(t.n, 2);
	a = find(&t, "Acme");
	b = find(&t, "Beta");
	assert_int_equal(a->notes, 2);
	assert_int_equal(a->words[LABEL_BUSINESS], 50);
	assert_int_equal(a->words[LABEL_SOCIAL], 10);
	assert_int_equal(a->words[LABEL_NEUTRAL], 5);
	assert_int_equal(a->passages[LABEL_BUSINESS], 2);
	assert_int_equal(a->nsp, 1);
	assert_int_equal(a->sp[0].count, 2);
	assert_int_equal(b->notes, 2);
	assert_int_equal(b->words[LABEL_BUSINESS], 40);
	assert_int_equal(b->words[LABEL_SOCIAL], 30);
	/* the totals count every note once */
	assert_int_equal(t.total.notes, 3);
	assert_int_equal(t.total.words[LABEL_BUSINESS], 50);
	assert_int_equal(t.total.words[LABEL_SOCIAL], 30);
	assert_int_equal(t.total.words[LABEL_NEUTRAL], 5);
	assert_int_equal(t.total.passages[LABEL_BUSINESS], 2);
	assert_int_equal(t.total.passages[LABEL_SOCIAL], 2);
	assert_true(t.total.has_share);
	assert_float_equal(t.total.share, 30.0 / 80.0, 1e-12);
	tally_release(&t);
}

static void test_dates(void **state)
{
	struct tally t;
	struct tally_opts o = opts();
	const struct client *a, *b;

	(void)state;
	tally_init(&t, NTOPICS, &o);
	add_note(&t, "Acme", "2024-03-10", 1, 0, 0, 0);
	add_note(&t, "Acme", "2023-12-31", 1, 0, 0, 0);
	add_note(&t, "Acme", NULL, 1, 0, 0, 0);
	add_note(&t, "Acme", "2024-11-02", 1, 0, 0, 0);
	add_note(&t, "Acme", "2024-01-15", 1, 0, 0, 0);
	add_note(&t, "Beta", NULL, 1, 0, 0, 0);
	tally_finish(&t, &o);
	a = find(&t, "Acme");
	b = find(&t, "Beta");
	assert_string_equal(a->first, "2023-12-31");
	assert_string_equal(a->last, "2024-11-02");
	assert_int_equal(a->notes, 5);
	assert_int_equal(a->undated, 1);
	assert_string_equal(b->first, "");
	assert_string_equal(b->last, "");
	assert_int_equal(b->undated, 1);
	assert_string_equal(t.total.first, "2023-12-31");
	assert_string_equal(t.total.last, "2024-11-02");
	assert_int_equal(t.total.undated, 2);
	tally_release(&t);
}

static void test_minutes(void **state)
{
	struct tally t;
	struct tally_opts o = opts();
	struct note_result r;
	const struct client *a, *b;

	(void)state;
	tally_init(&t, NTOPICS, &o);
	nr_make(&r, "Acme", NULL);
	nr_passage(&r, LABEL_BUSINESS, 30, -1);
	nr_passage(&r, LABEL_SOCIAL, 10, -1);
	nr_minutes(&r, 60);
	tally_add(&t, &r);
	note_result_release(&r);
	nr_make(&r, "Acme", NULL);
	nr_passage(&r, LABEL_SOCIAL, 10, -1);
	nr_minutes(&r, 15);
	tally_add(&t, &r);
	note_result_release(&r);
	add_note(&t, "Acme", NULL, 100, 0, 0, 0);	/* no duration */
	add_note(&t, "Beta", NULL, 100, 0, 0, 0);
	tally_finish(&t, &o);
	a = find(&t, "Acme");
	b = find(&t, "Beta");
	assert_true(a->has_minutes);
	assert_float_equal(a->minutes[LABEL_BUSINESS], 45, 1e-9);
	assert_float_equal(a->minutes[LABEL_SOCIAL], 30, 1e-9);
	assert_float_equal(a->minutes[LABEL_MIXED], 0, 1e-9);
	assert_false(b->has_minutes);
	assert_float_equal(b->minutes[LABEL_BUSINESS], 0, 1e-9);
	assert_true(t.total.has_minutes);
	assert_float_equal(t.total.minutes[LABEL_BUSINESS] + t.total.minutes[LABEL_SOCIAL], 75, 1e-9);
	tally_release(&t);
}

static void test_topics_and_referrals(void **state)
{
	struct tally t;
	struct tally_opts o = opts();
	struct note_result r;
	const struct client *a;

	(void)state;
	tally_init(&t, NTOPICS, &o);
	nr_make(&r, "Acme|Beta", NULL);
	nr_passage(&r, LABEL_SOCIAL, 5, 3);
	nr_passage(&r, LABEL_SOCIAL, 5, 3);
	nr_passage(&r, LABEL_BUSINESS, 5, 0);
	nr_passage(&r, LABEL_NEUTRAL, 5, -1);
	r.referral_asks = 2;
	tally_add(&t, &r);
	note_result_release(&r);
	nr_make(&r, "Acme", NULL);
	nr_passage(&r, LABEL_BUSINESS, 5, 0);
	r.referral_asks = 1;
	tally_add(&t, &r);
	note_result_release(&r);
	tally_finish(&t, &o);
	a = find(&t, "Acme");
	assert_int_equal(a->topics[0], 2);
	assert_int_equal(a->topics[1], 0);
	assert_int_equal(a->topics[2], 0);
	assert_int_equal(a->topics[3], 2);
	assert_int_equal(a->referral_asks, 3);
	assert_int_equal(find(&t, "Beta")->topics[0], 1);
	assert_int_equal(find(&t, "Beta")->referral_asks, 2);
	assert_int_equal(t.total.topics[0], 2);
	assert_int_equal(t.total.topics[3], 2);
	assert_int_equal(t.total.referral_asks, 3);
	tally_release(&t);
}

static void add_intro_note(struct tally *t, const char *client, const char *by)
{
	struct note_result r;

	nr_make(&r, client, NULL);
	nr_passage(&r, LABEL_BUSINESS, 3, -1);
	r.meta.introduced_by = xstrdup(by);
	tally_add(t, &r);
	note_result_release(&r);
}

static void test_introductions(void **state)
{
	struct tally t;
	struct tally_opts o = opts();

	(void)state;
	tally_init(&t, NTOPICS, &o);
	add_note(&t, "Acme", NULL, 1, 0, 0, 0);
	add_intro_note(&t, "Beta", "ACME");
	add_intro_note(&t, "Beta", "acme");		/* the same introduction again */
	add_intro_note(&t, "Gamma", " Acme ");
	add_intro_note(&t, "Delta", "Beta");
	add_intro_note(&t, "Epsilon", "Nobody Known");	/* not a client: counted nowhere */
	add_intro_note(&t, "Acme", "acme");		/* oneself: not an introduction */
	add_intro_note(&t, "Zeta", "");
	tally_finish(&t, &o);
	assert_int_equal(t.n, 6);
	assert_int_equal(find(&t, "Acme")->introductions, 2);
	assert_int_equal(find(&t, "Beta")->introductions, 1);
	assert_int_equal(find(&t, "Gamma")->introductions, 0);
	assert_int_equal(find(&t, "Delta")->introductions, 0);
	assert_int_equal(find(&t, "Epsilon")->introductions, 0);
	assert_int_equal(t.total.introductions, 3);
	/* the introducer may first appear after the note that names it */
	tally_release(&t);

	tally_init(&t, NTOPICS, &o);
	add_intro_note(&t, "Beta", "Acme");
	add_note(&t, "Acme", NULL, 1, 0, 0, 0);
	tally_finish(&t, &o);
	assert_int_equal(find(&t, "Acme")->introductions, 1);
	/* finishing twice does not count twice */
	tally_finish(&t, &o);
	assert_int_equal(find(&t, "Acme")->introductions, 1);
	assert_int_equal(t.total.introductions, 1);
	tally_release(&t);
}

static void test_share_flags(void **state)
{
	struct tally t;
	struct tally_opts o = opts();
	const struct client *c;

	(void)state;
	tally_init(&t, NTOPICS, &o);
	add_note(&t, "Chatty", NULL, 50, 50, 0, 0);		/* 50% */
	add_note(&t, "Dry", NULL, 95, 5, 0, 0);		/* 5% */
	add_note(&t, "Balanced", NULL, 80, 20, 0, 0);		/* 20% */
	add_note(&t, "High edge", NULL, 70, 30, 0, 0);	/* exactly 30%: inside */
	add_note(&t, "Low edge", NULL, 90, 10, 0, 0);		/* exactly 10%: inside */
	add_note(&t, "Mixed only", NULL, 0, 0, 40, 0);		/* 50% */
	add_note(&t, "Quiet", NULL, 0, 0, 0, 100);		/* nothing classified */
	tally_finish(&t, &o);

	c = find(&t, "Chatty");
	assert_true(c->has_share);
	assert_float_equal(c->share, 0.5, 1e-12);
	assert_int_equal(c->flags, FLAG_CHATTY);
	assert_int_equal(find(&t, "Dry")->flags, FLAG_ALL_BUSINESS);
	assert_int_equal(find(&t, "Balanced")->flags, 0);
	assert_int_equal(find(&t, "High edge")->flags, 0);
	assert_int_equal(find(&t, "Low edge")->flags, 0);
	assert_int_equal(find(&t, "Mixed only")->flags, FLAG_CHATTY);
	c = find(&t, "Quiet");
	assert_false(c->has_share);
	assert_int_equal(c->flags, 0);
	/* the totals are never flagged */
	assert_int_equal(t.total.flags, 0);
	tally_release(&t);
}

static void add_referral_note(struct tally *t, const char *client, unsigned asks)
{
	struct note_result r;

	nr_make(&r, client, NULL);
	nr_passage(&r, LABEL_BUSINESS, 80, -1);
	nr_passage(&r, LABEL_SOCIAL, 20, -1);
	r.referral_asks = asks;
	tally_add(t, &r);
	note_result_release(&r);
}

static void test_referral_heavy(void **state)
{
	struct tally t;
	struct tally_opts o = opts();	/* rate 0.5 per note, at least 2 */

	(void)state;
	tally_init(&t, NTOPICS, &o);
	add_referral_note(&t, "Heavy", 2);
	add_referral_note(&t, "Heavy", 1);		/* 3 asks in 2 notes */
	add_referral_note(&t, "Rate only", 1);		/* 1 ask in 1 note: under the minimum */
	add_referral_note(&t, "At rate", 1);
	add_referral_note(&t, "At rate", 1);
	add_referral_note(&t, "At rate", 0);
	add_referral_note(&t, "At rate", 0);		/* 2 in 4: exactly the rate */
	add_referral_note(&t, "Light", 2);
	add_referral_note(&t, "Light", 0);
	add_referral_note(&t, "Light", 0);
	add_referral_note(&t, "Light", 0);
	add_referral_note(&t, "Light", 0);
	tally_finish(&t, &o);
	assert_int_equal(find(&t, "Heavy")->flags, FLAG_REFERRAL_HEAVY);
	assert_int_equal(find(&t, "Heavy")->referral_asks, 3);
	assert_int_equal(find(&t, "Rate only")->flags, 0);
	assert_int_equal(find(&t, "At rate")->flags, 0);
	assert_int_equal(find(&t, "Light")->flags, 0);
	assert_int_equal(t.total.flags, 0);
	tally_release(&t);
}

static void test_stale(void **state)
{
	struct tally t;
	struct tally_opts o = opts();

	(void)state;
	o.stale_days = 30;
	memcpy(o.today, "2024-03-31", 11);
	tally_init(&t, NTOPICS, &o);
	add_note(&t, "Old", "2024-01-01", 8, 2, 0, 0);
	add_note(&t, "Old", "2024-02-29", 8, 2, 0, 0);	/* 31 days before today */
	add_note(&t, "Edge", "2024-03-01", 8, 2, 0, 0);	/* exactly 30 */
	add_note(&t, "Fresh", "2024-03-30", 8, 2, 0, 0);
	add_note(&t, "Undated", NULL, 8, 2, 0, 0);
	tally_finish(&t, &o);
	assert_int_equal(find(&t, "Old")->flags, FLAG_STALE);
	assert_int_equal(find(&t, "Edge")->flags, 0);
	assert_int_equal(find(&t, "Fresh")->flags, 0);
	assert_int_equal(find(&t, "Undated")->flags, 0);
	assert_int_equal(t.total.flags, 0);

	/* off when stale_days is 0, or when today is unknown */
	o.stale_days = 0;
	tally_finish(&t, &o);
	assert_int_equal(find(&t, "Old")->flags, 0);
	o.stale_days = 30;
	o.today[0] = '\0';
	tally_finish(&t, &o);
	assert_int_equal(find(&t, "Old")->flags, 0);
	tally_release(&t);
}

static void test_flags_combine(void **state)
{
	struct tally t;
	struct tally_opts o = opts();

	(void)state;
	o.stale_days = 10;
	memcpy(o.today, "2024-06-30", 11);
	tally_init(&t, NTOPICS, &o);
	{
		struct note_result r;

		nr_make(&r, "Everything", "2024-01-01");
		nr_passage(&r, LABEL_SOCIAL, 90, -1);
		nr_passage(&r, LABEL_BUSINESS, 10, -1);
		r.referral_asks = 3;
		tally_add(&t, &r);
		note_result_release(&r);
	}
	tally_finish(&t, &o);
	assert_int_equal(t.v[0]->flags, FLAG_CHATTY | FLAG_REFERRAL_HEAVY | FLAG_STALE);
	assert_string_equal(flag_names[0], "chatty");
	assert_string_equal(flag_names[1], "all-business");
	assert_string_equal(flag_names[2], "referral-heavy");
	assert_string_equal(flag_names[3], "stale");
	tally_release(&t);
}

static void test_no_client_last_never_flagged(void **state)
{
	struct tally t;
	struct tally_opts o = opts();
	const struct client *nc;

	(void)state;
	o.stale_days = 1;
	memcpy(o.today, "2030-01-01", 11);
	tally_init(&t, NTOPICS, &o);
	add_note(&t, NO_CLIENT, "2020-01-01", 0, 100, 0, 0);	/* chatty and stale, were it a client */
	add_note(&t, "zeta", NULL, 80, 20, 0, 0);
	add_note(&t, "Acme", NULL, 80, 20, 0, 0);
	add_note(&t, "!bang", NULL, 80, 20, 0, 0);
	add_note(&t, "(paren) Ltd", NULL, 80, 20, 0, 0);
	tally_finish(&t, &o);
	assert_int_equal(t.n, 5);
	assert_string_equal(t.v[0]->name, "!bang");
	assert_string_equal(t.v[1]->name, "(paren) Ltd");
	assert_string_equal(t.v[2]->name, "Acme");
	assert_string_equal(t.v[3]->name, "zeta");
	nc = t.v[4];
	assert_string_equal(nc->name, NO_CLIENT);
	assert_int_equal(nc->flags, 0);
	assert_true(nc->has_share);
	assert_float_equal(nc->share, 1.0, 1e-12);
	tally_release(&t);
}

static void test_many_clients(void **state)
{
	struct tally t;
	struct tally_opts o = opts();
	char name[32];
	unsigned i;

	(void)state;
	tally_init(&t, NTOPICS, &o);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "Client %04u", i % 500);
		add_note(&t, name, NULL, 8, 2, 0, 0);
	}
	assert_int_equal(t.n, 500);
	tally_finish(&t, &o);
	assert_int_equal(t.n, 500);
	for (i = 0; i < 500; i++) {
		snprintf(name, sizeof(name), "Client %04u", i);
		assert_string_equal(t.v[i]->name, name);
		assert_int_equal(t.v[i]->notes, 2);
	}
	assert_int_equal(t.total.notes, 1000);
	/* lookups still work after sorting */
	add_note(&t, "CLIENT 0123", NULL, 1, 0, 0, 0);
	assert_int_equal(t.n, 500);
	tally_finish(&t, &o);
	assert_int_equal(t.v[123]->notes, 3);
	tally_release(&t);
}

static void test_empty(void **state)
{
	struct tally t;
	struct tally_opts o = opts();

	(void)state;
	tally_init(&t, 0, &o);
	tally_finish(&t, &o);
	assert_int_equal(t.n, 0);
	assert_int_equal(t.total.notes, 0);
	assert_false(t.total.has_share);
	assert_string_equal(t.total.first, "");
	tally_release(&t);
}

static void test_period_labels(void **state)
{
	static const struct {
		enum period p;
		const char *date, *want;
	} cases[] = {
		{ PERIOD_YEAR, "2026-03-04", "2026" },
		{ PERIOD_QUARTER, "2026-01-31", "2026-Q1" },
		{ PERIOD_QUARTER, "2026-03-31", "2026-Q1" },
		{ PERIOD_QUARTER, "2026-04-01", "2026-Q2" },
		{ PERIOD_QUARTER, "2026-12-31", "2026-Q4" },
		{ PERIOD_MONTH, "2026-03-04", "2026-03" },
		/* ISO weeks: the week of the year's first Thursday is week 1 */
		{ PERIOD_WEEK, "2026-01-01", "2026-W01" },
		{ PERIOD_WEEK, "2026-01-05", "2026-W02" },
		{ PERIOD_WEEK, "2027-01-01", "2026-W53" },
		{ PERIOD_WEEK, "2025-12-29", "2026-W01" },
		{ PERIOD_WEEK, "2021-01-03", "2020-W53" },
		{ PERIOD_WEEK, "2024-12-30", "2025-W01" },
		{ PERIOD_NONE, "2026-03-04", "" },
	};
	char out[12];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tally_period(cases[i].p, cases[i].date, out);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("%s: '%s', not '%s'", cases[i].date, out, cases[i].want);
	}
}

static void test_period_rows(void **state)
{
	struct tally t;
	struct tally_opts o = opts();
	const struct client *c;

	(void)state;
	o.period = PERIOD_MONTH;
	tally_init(&t, NTOPICS, &o);
	add_note(&t, "Acme", "2026-03-20", 9, 1, 0, 0);
	add_note(&t, "Acme", "2026-01-02", 5, 5, 0, 0);
	add_note(&t, "Acme", "2026-03-01", 10, 0, 0, 0);
	add_note(&t, "Acme", NULL, 1, 1, 0, 0);	/* undated: in the client, no period */
	add_note(&t, "Beta", "2026-02-10", 1, 1, 0, 0);
	tally_finish(&t, &o);
	c = find(&t, "Acme");
	assert_int_equal(c->notes, 4);
	assert_int_equal(c->nperiods, 2);
	assert_string_equal(c->periods[0]->period, "2026-01");
	assert_string_equal(c->periods[1]->period, "2026-03");
	assert_int_equal(c->periods[1]->notes, 2);
	assert_int_equal(c->periods[1]->words[LABEL_BUSINESS], 19);
	assert_float_equal(c->periods[0]->share, 0.5, 1e-12);
	/* a period row is flagged against the band as a client is */
	assert_true(c->periods[0]->flags & FLAG_CHATTY);
	assert_true(c->periods[1]->flags & FLAG_ALL_BUSINESS);
	assert_int_equal(t.total.nperiods, 3);
	assert_string_equal(t.total.periods[1]->period, "2026-02");
	tally_release(&t);
}

static void test_drifting(void **state)
{
	struct tally t;
	struct tally_opts o = opts();

	(void)state;
	o.drift_periods = 2;	/* by month, since no period is asked for */
	tally_init(&t, NTOPICS, &o);
	/* outside the band (10-30) in each of its last two months */
	add_note(&t, "Drifter", "2026-01-05", 8, 2, 0, 0);
	add_note(&t, "Drifter", "2026-02-05", 10, 0, 0, 0);
	add_note(&t, "Drifter", "2026-04-05", 1, 9, 0, 0);
	/* outside only in its last month */
	add_note(&t, "Steady", "2026-01-05", 8, 2, 0, 0);
	add_note(&t, "Steady", "2026-02-05", 8, 2, 0, 0);
	add_note(&t, "Steady", "2026-03-05", 10, 0, 0, 0);
	/* one month only: not enough to drift */
	add_note(&t, "Newcomer", "2026-03-05", 10, 0, 0, 0);
	/* a month with nothing classified does not break the run */
	add_note(&t, "Gappy", "2026-01-05", 10, 0, 0, 0);
	add_note(&t, "Gappy", "2026-02-05", 0, 0, 0, 7);
	add_note(&t, "Gappy", "2026-03-05", 0, 10, 0, 0);
	tally_finish(&t, &o);
	assert_true(find(&t, "Drifter")->flags & FLAG_DRIFTING);
	assert_false(find(&t, "Steady")->flags & FLAG_DRIFTING);
	assert_false(find(&t, "Newcomer")->flags & FLAG_DRIFTING);
	assert_true(find(&t, "Gappy")->flags & FLAG_DRIFTING);
	/* period rows are never drifting or stale themselves */
	assert_false(find(&t, "Drifter")->periods[2]->flags & FLAG_DRIFTING);
	tally_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_share),
		cmocka_unit_test(test_share_round),
		cmocka_unit_test(test_spelling),
		cmocka_unit_test(test_two_clients_one_note),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_minutes),
		cmocka_unit_test(test_topics_and_referrals),
		cmocka_unit_test(test_introductions),
		cmocka_unit_test(test_share_flags),
		cmocka_unit_test(test_referral_heavy),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_flags_combine),
		cmocka_unit_test(test_no_client_last_never_flagged),
		cmocka_unit_test(test_many_clients),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_period_labels),
		cmocka_unit_test(test_period_rows),
		cmocka_unit_test(test_drifting),
	};

	return cmocka_run_group_tests_name("tally", tests, NULL, NULL);
}
